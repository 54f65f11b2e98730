//! The 答复告知书 served with a decision, generated from the report engine's letter template as text, DOCX and
//! PDF at the moment of the decision and then kept as served (the store never changes it); and a kept letter's
//! file, exactly as it was served, for the applicant or the handling agency.

use chrono::NaiveDate;
use gongkai_domain::agency::{Agency, Contact};
use gongkai_domain::application::event::Decision;
use gongkai_domain::application::notice::NoticeKind;
use gongkai_domain::message::{Coded, Said};
use gongkai_report::ReportError;
use gongkai_report::letters::{LetterData, letter_docx, letter_pdf, try_letter_text};
use gongkai_store::{
    AgencyStore, ApplicationStore, LetterFile, NewLetter, Store, StoredApplication, StoredLetter,
};

use crate::error::{AppError, AppResult};
use crate::error_code::ErrorCode;

/// Why a letter could not be generated (its template or typesetting failed), as the engine said it.
#[derive(Debug)]
pub struct LetterError(pub Said);

impl LetterError {
    pub(super) fn said(value: &dyn Coded) -> Self {
        Self(Said::of(value))
    }
}

/// What the caseworker wrote for a decision letter: the reasons, and anything else it says.
#[derive(Debug, Clone, Copy, Default)]
pub struct DecisionText<'a> {
    pub reason: &'a str,
    pub extra: &'a str,
}

/// The applicant's name or the organisation's, as the letters address them.
pub(crate) fn applicant_name(app: &StoredApplication) -> String {
    let applicant: serde_json::Value = serde_json::from_str(&app.applicant).unwrap_or_default();
    applicant["name"].as_str().unwrap_or_default().to_owned()
}

/// The office's own contact when it has one (条例第十二条), else the agency's.
pub(crate) fn contact(agency: &Agency) -> &Contact {
    let p = &agency.profile;
    if p.office.address.trim().is_empty() {
        &p.contact
    } else {
        &p.office
    }
}

/// The 答复告知书 of `decision`, dated `served_on` (for post, the day it is posted: 交邮之日) and numbered
/// `doc_no`.
pub async fn decision_letter(
    agency: &Agency,
    app: &StoredApplication,
    decision: &Decision,
    served_on: NaiveDate,
    text: &DecisionText<'_>,
    review_body: &str,
    doc_no: &str,
) -> Result<NewLetter, LetterError> {
    let contact = contact(agency);
    let optional = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
    let data = LetterData {
        agency_name: agency.profile.name.clone(),
        agency_address: contact.address.clone(),
        agency_phone: contact.phone.clone(),
        tracking_no: app.tracking_no.to_string(),
        applicant_name: applicant_name(app),
        received_on: app.received_on.map(|d| d.to_string()).unwrap_or_default(),
        description: app.description.clone(),
        outcome: decision.outcome,
        reason: optional(text.reason),
        served_on: served_on.to_string(),
        extra: optional(text.extra),
        review_body: review_body.to_owned(),
        doc_no: doc_no.to_owned(),
        not_held: decision.not_held.clone(),
    };
    let text = try_letter_text(&data).map_err(|e| LetterError::said(&e))?;
    // Typesetting the PDF takes CPU for a moment; keep it off the request threads.
    let files = tokio::task::spawn_blocking(move || -> Result<_, ReportError> {
        Ok((letter_docx(&data)?, letter_pdf(&data)?))
    })
    .await
    .map_err(|e| LetterError::said(&AppError::internal(e)))?;
    let (docx, pdf) = files.map_err(|e| LetterError::said(&e))?;
    Ok(NewLetter {
        kind: NoticeKind::Decision.code().to_owned(),
        number: None,
        served_on,
        service: app.delivery.code().to_owned(),
        text,
        docx,
        pdf,
    })
}

/// One file of a kept letter, as it was served.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LetterDownload {
    pub file_name: String,
    pub mime: &'static str,
    pub bytes: Vec<u8>,
}

/// Who asks for a kept letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    /// The handling agency's staff: every letter.
    Staff,
    /// The applicant: the letters served on them, not those written to a consulted party (which name it).
    Applicant,
}

/// The letters of `app` that `reader` may see, oldest first.
pub async fn letters_for(
    store: &Store,
    app: &StoredApplication,
    reader: Reader,
) -> AppResult<Vec<StoredLetter>> {
    let letters = store.application_letters(app.id).await?;
    Ok(letters
        .into_iter()
        .filter(|l| reader == Reader::Staff || for_applicant(&l.kind))
        .collect())
}

/// A letter kind the applicant was served (old letters without a known kind were decisions).
fn for_applicant(kind: &str) -> bool {
    NoticeKind::from_code(kind).is_none_or(NoticeKind::to_applicant)
}

/// `{id}.pdf` or `{id}.docx` of one of `app`'s letters that `reader` may see; anything else, or another
/// application's letter, is not found.
pub async fn letter_file(
    store: &Store,
    app: &StoredApplication,
    file: &str,
    reader: Reader,
) -> AppResult<LetterDownload> {
    let not_found = AppError::NotFound(ErrorCode::HttpNotFound);
    let (id, kind, extension, mime) = match file.rsplit_once('.') {
        Some((id, "pdf")) => (id, LetterFile::Pdf, "pdf", "application/pdf"),
        Some((id, "docx")) => (
            id,
            LetterFile::Docx,
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        _ => return Err(not_found),
    };
    let id = id
        .parse::<i64>()
        .map_err(|_| AppError::NotFound(ErrorCode::HttpNotFound))?;
    if reader == Reader::Applicant
        && !letters_for(store, app, reader)
            .await?
            .iter()
            .any(|l| l.id == id)
    {
        return Err(AppError::NotFound(ErrorCode::HttpNotFound));
    }
    let bytes = store
        .application_letter_file(app.id, id, kind)
        .await?
        .ok_or(not_found)?;
    Ok(LetterDownload {
        file_name: format!("{}-{id}.{extension}", app.tracking_no),
        mime,
        bytes,
    })
}

/// The 行政复议机关 a letter of `agency` names (行政复议法（2023）第二十四条): the one its profile names when set
/// (a vertically managed office answers to its superior department, not to the local government); otherwise,
/// for a department, the 人民政府 it belongs to, and for a 人民政府 the one above it — in the agency tree both are
/// the agency's parent. Empty for an agency at the top of its tree without one set, whose letters then name
/// the body by its role.
pub async fn review_body(store: &Store, agency: &Agency) -> AppResult<String> {
    let named = agency.profile.review_body.trim();
    if !named.is_empty() {
        return Ok(named.to_owned());
    }
    let Some(parent) = store.agency_tree().await?.parent(agency.id) else {
        return Ok(String::new());
    };
    Ok(store
        .agency(parent)
        .await?
        .map(|a| a.profile.name)
        .unwrap_or_default())
}
