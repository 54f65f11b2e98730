//! The 政府信息公开申请表 of an agency, for paper applications (条例第二十九条), as DOCX or PDF: headed with
//! the agency's name and its disclosure office's address and telephone (条例第十二条: where to apply).

use gongkai_domain::agency::AgencyId;
use gongkai_report::forms::{FormAgency, application_form_docx, application_form_pdf};
use gongkai_store::AgencyStore;

use super::letters::{LetterDownload, contact};
use crate::context::App;
use crate::error::{AppError, AppResult};
use crate::error_code::ErrorCode;

/// Which file of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormFile {
    Docx,
    Pdf,
}

/// The blank 申请表 of `agency`; an unknown agency is not found.
pub async fn application_form(
    app: &App,
    agency: AgencyId,
    file: FormFile,
) -> AppResult<LetterDownload> {
    let agency = app
        .store
        .agency(agency)
        .await?
        .ok_or(AppError::NotFound(ErrorCode::HttpNotFound))?;
    let contact = contact(&agency);
    let form = FormAgency {
        name: agency.profile.name.clone(),
        address: contact.address.clone(),
        phone: contact.phone.clone(),
    };
    let id = agency.id.0;
    // Typesetting takes CPU for a moment; keep it off the request threads.
    let (bytes, extension, mime) = tokio::task::spawn_blocking(move || match file {
        FormFile::Docx => application_form_docx(&form).map(|b| {
            (
                b,
                "docx",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            )
        }),
        FormFile::Pdf => application_form_pdf(&form).map(|b| (b, "pdf", "application/pdf")),
    })
    .await
    .map_err(AppError::internal)?
    .map_err(AppError::internal)?;
    Ok(LetterDownload {
        file_name: format!("application-form-{id}.{extension}"),
        mime,
        bytes,
    })
}
