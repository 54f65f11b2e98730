//! The 答复告知书 served with a decision, generated from the report engine's letter template as text, DOCX and
//! PDF at the moment of the decision and then kept as served (the store never changes it).

use chrono::NaiveDate;
use gongkai_domain::agency::Agency;
use gongkai_domain::application::outcome::Outcome;
use gongkai_report::ReportError;
use gongkai_report::letters::{LetterData, letter_docx, letter_pdf, try_letter_text};
use gongkai_store::{NewLetter, StoredApplication};

use crate::console::applications::Problem;

/// The letter for `outcome`, dated `served_on` (for post, the day it is posted: 交邮之日).
pub async fn decision_letter(
    agency: &Agency,
    app: &StoredApplication,
    outcome: Outcome,
    served_on: NaiveDate,
    reason: &str,
    extra: &str,
) -> Result<NewLetter, Problem> {
    let applicant: serde_json::Value = serde_json::from_str(&app.applicant).unwrap_or_default();
    // The office's own contact when it has one (条例第十二条), else the agency's.
    let p = &agency.profile;
    let contact = if p.office.address.trim().is_empty() {
        &p.contact
    } else {
        &p.office
    };
    let optional = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
    let data = LetterData {
        agency_name: p.name.clone(),
        agency_address: contact.address.clone(),
        agency_phone: contact.phone.clone(),
        tracking_no: app.tracking_no.clone(),
        applicant_name: applicant["name"].as_str().unwrap_or_default().to_owned(),
        received_on: app.received_on.map(|d| d.to_string()).unwrap_or_default(),
        description: app.description.clone(),
        outcome,
        reason: optional(reason),
        served_on: served_on.to_string(),
        extra: optional(extra),
    };
    let text = try_letter_text(&data).map_err(|e| Problem::said(&e))?;
    // Typesetting the PDF takes CPU for a moment; keep it off the request threads.
    let files = tokio::task::spawn_blocking(move || -> Result<_, ReportError> {
        Ok((letter_docx(&data)?, letter_pdf(&data)?))
    })
    .await
    .map_err(|e| Problem::Text(e.to_string()))?;
    let (docx, pdf) = files.map_err(|e| Problem::said(&e))?;
    Ok(NewLetter {
        kind: "decision".into(),
        served_on,
        service: app.delivery.clone(),
        text,
        docx,
        pdf,
    })
}
