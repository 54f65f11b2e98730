//! 政府信息公开申请答复告知书: the letter an agency serves on an applicant when it decides an application. One
//! text ([`letter_text`], from the minijinja template `templates/letters/letter.txt`) states the decision for
//! the [`Outcome`], its article of the 条例 ([`Outcome::legal_basis`]), the official's reason when given and
//! the remedy (条例第五十一条; from 2024 a refusal goes to 行政复议 first, naming the 复议机关); the DOCX
//! ([`letter_docx`]) and PDF ([`letter_pdf`], A4, CJK font) carry the same text.
//!
//! ```
//! use gongkai_domain::application::outcome::Outcome;
//! use gongkai_report::letters::{LetterData, letter_text};
//!
//! let data = LetterData {
//!     agency_name: "某市生态环境局".into(),
//!     agency_address: "某市人民路1号".into(),
//!     agency_phone: "010-12345678".into(),
//!     tracking_no: "YSQ-2026-0042".into(),
//!     applicant_name: "张三".into(),
//!     received_on: "2026-03-02".into(),
//!     description: "2025年度建设项目环评审批清单".into(),
//!     outcome: Outcome::ProcessInfo,
//!     reason: None,
//!     served_on: "2026-03-20".into(),
//!     extra: None,
//!     review_body: "某市人民政府".into(),
//!     doc_no: "某环依申告〔2026〕7号".into(),
//!     not_held: None,
//! };
//! let text = letter_text(&data);
//! assert!(text.starts_with("某市生态环境局\n政府信息公开申请答复告知书\n某环依申告〔2026〕7号\n"));
//! assert!(text.contains("过程性信息"));
//! assert!(text.contains("依据《中华人民共和国政府信息公开条例》第十六条第二款。"));
//! // A refusal served from 2024 on: 行政复议 first, before the named body (行政复议法第二十三条).
//! assert!(text.contains("先向某市人民政府申请行政复议") && !text.contains("六个月内"));
//! ```

mod docx;
mod notices;
mod page;
mod pdf;
mod receipt;
mod text;

use crate::error::LetterProblem;
use gongkai_domain::application::outcome::{NotHeld, Outcome};
use serde::{Deserialize, Serialize};

use crate::ReportError;

pub use notices::{Lapse, Notice, Particulars, notice_docx, notice_pdf, notice_text};
pub use receipt::{RECEIPT_TITLE, Receipt, receipt_pdf, receipt_text};
pub use text::{REGULATION, TITLE};

/// What one 告知书 says. Dates are `YYYY-MM-DD`; they print as `2026年3月2日`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LetterData {
    /// The deciding agency, as it signs (also the first heading line).
    pub agency_name: String,
    /// Its contact address; empty to leave the contact line out (with an empty phone).
    pub agency_address: String,
    pub agency_phone: String,
    /// The application's reference (申请编号).
    pub tracking_no: String,
    /// The addressee: the applicant's name or the organisation's name.
    pub applicant_name: String,
    /// The date the application counts as received (条例第三十一条).
    pub received_on: String,
    /// What the applicant asked for, quoted in the letter.
    pub description: String,
    pub outcome: Outcome,
    /// The official's reason or explanation (why information is withheld, what a partial disclosure left
    /// out, which agency holds it …); one paragraph per line.
    pub reason: Option<String>,
    /// The date on the letter.
    pub served_on: String,
    /// Any further paragraph (how the information is provided, a referral …); one paragraph per line.
    pub extra: Option<String>,
    /// The 行政复议机关 the letter names (行政复议法第二十条第三款: the 60 days run only once it is named): for a
    /// department, its 人民政府; for a 人民政府, the one above (第二十四条). Empty when not known: the letter
    /// then names the body by its role.
    #[serde(default)]
    pub review_body: String,
    /// The 发文字号 under the title (`孟公资依申告〔2026〕13号`); empty on letters served before numbers were
    /// kept, which show the application's reference there instead.
    #[serde(default)]
    pub doc_no: String,
    /// For `not_held`: the one ground of 条例第三十六条 (第（四）项 or 第（五）项) and the competent agency.
    #[serde(default)]
    pub not_held: Option<NotHeld>,
}

impl LetterData {
    /// The letter can be issued: agency, reference, applicant and request are given and both dates are real
    /// `YYYY-MM-DD` dates, the letter not dated before the application was received.
    pub fn validate(&self) -> Result<(), ReportError> {
        let required = [
            (&self.agency_name, "agency_name"),
            (&self.tracking_no, "tracking_no"),
            (&self.applicant_name, "applicant_name"),
            (&self.description, "description"),
        ];
        for (value, field) in required {
            if value.trim().is_empty() {
                return Err(ReportError::BadLetter(LetterProblem::Missing { field }));
            }
        }
        // A not-held answer must say which of its two grounds applies (条例第三十六条第（四）项 or 第（五）项).
        if self.outcome == Outcome::NotHeld && self.not_held.is_none() {
            return Err(ReportError::BadLetter(LetterProblem::Missing {
                field: "not_held",
            }));
        }
        let received = date(&self.received_on, "received_on")?;
        let served = date(&self.served_on, "served_on")?;
        if served < received {
            return Err(ReportError::BadLetter(
                LetterProblem::ServedBeforeReceived {
                    served_on: self.served_on.clone(),
                    received_on: self.received_on.clone(),
                },
            ));
        }
        Ok(())
    }
}

fn date(value: &str, field: &'static str) -> Result<(u32, u32, u32), ReportError> {
    text::parse_date(value.trim()).ok_or_else(|| {
        ReportError::BadLetter(LetterProblem::BadDate {
            field,
            value: value.to_owned(),
        })
    })
}

/// The letter as plain text (UTF-8, `\n` line ends): the heading block (agency, title, reference), a blank
/// line, the salutation and one paragraph per line, a blank line and the signature (agency, date).
///
/// Renders whatever it is given; call [`LetterData::validate`] (or [`try_letter_text`]) first to refuse
/// incomplete input. A date that is not `YYYY-MM-DD` prints as given.
pub fn letter_text(data: &LetterData) -> String {
    // The template is embedded and every value it reads is a string or a list of strings, so rendering fails
    // only if the template itself is broken, which the tests (every outcome) would catch.
    text::render(data).expect("the embedded letter template renders")
}

/// The letter text after [`LetterData::validate`].
pub fn try_letter_text(data: &LetterData) -> Result<String, ReportError> {
    data.validate()?;
    text::render(data)
}

/// The letter as a Word document in the GB/T 9704-2012 layout, with the text of [`letter_text`].
pub fn letter_docx(data: &LetterData) -> Result<Vec<u8>, ReportError> {
    let text = try_letter_text(data)?;
    docx::render(&text)
}

/// The letter as a PDF in the GB/T 9704-2012 layout (the machine's CJK fonts embedded), with the text of
/// [`letter_text`].
pub fn letter_pdf(data: &LetterData) -> Result<Vec<u8>, ReportError> {
    let text = try_letter_text(data)?;
    pdf::render(&text, &format!("{}{TITLE}", data.agency_name.trim()))
}
