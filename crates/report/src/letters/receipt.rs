//! 政府信息公开申请回执: the receipt an office gives for an application it received, printed from the online
//! form's receipt page or by the clerk who registered a paper application. It states the date the
//! application counts as received (条例第三十一条), the last day to answer with its basis (第三十三条), what
//! happens next (补正, 第三十条) and how to follow the application; the query code only when the caller may
//! show it. Text from `templates/letters/receipt.txt`, PDF on the letters' page; no DOCX (nobody edits it).
//!
//! ```
//! use gongkai_report::letters::{Receipt, receipt_text};
//!
//! let receipt = Receipt {
//!     agency_name: "某市生态环境局".into(),
//!     agency_address: "某市人民路1号".into(),
//!     agency_phone: String::new(),
//!     tracking_no: "GK-2026-000042".into(),
//!     channel: "网上申请".into(),
//!     received_on: "2026-03-02".into(),
//!     due_on: "2026-03-30".into(),
//!     due_provisional: false,
//!     status_url: "https://example.gov.cn/status".into(),
//!     query_code: None,
//! };
//! let text = receipt_text(&receipt).expect("renders");
//! assert!(text.contains("2026年3月30日") && text.contains("第三十三条第一款"));
//! ```

use minijinja::context;
use serde::{Deserialize, Serialize};

use super::text::{date_zh, one_line, render_template};
use super::{date, pdf};
use crate::ReportError;
use crate::error::LetterProblem;

/// The title the receipt carries.
pub const RECEIPT_TITLE: &str = "政府信息公开申请回执";

/// What a 回执 says. Dates are `YYYY-MM-DD`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt {
    pub agency_name: String,
    /// The office's contact; empty to leave the contact line out (with an empty phone).
    pub agency_address: String,
    pub agency_phone: String,
    pub tracking_no: String,
    /// How it was sent, in words (`网上申请`, `当面提交`); empty to leave it out.
    pub channel: String,
    /// The day it counts as received (条例第三十一条).
    pub received_on: String,
    /// The last day to answer (条例第三十三条第一款); empty when the clock is not running.
    pub due_on: String,
    /// The due date reaches into a year whose holiday notice is not yet loaded.
    pub due_provisional: bool,
    /// Where the applicant follows the application.
    pub status_url: String,
    /// The query code, only where the caller may show it (the one-time receipt window).
    pub query_code: Option<String>,
}

impl Receipt {
    /// Agency and number are given, the received date (and the due date, when given) are real dates.
    pub fn validate(&self) -> Result<(), ReportError> {
        for (value, field) in [
            (&self.agency_name, "agency_name"),
            (&self.tracking_no, "tracking_no"),
        ] {
            if value.trim().is_empty() {
                return Err(ReportError::BadLetter(LetterProblem::Missing { field }));
            }
        }
        date(&self.received_on, "received_on")?;
        if !self.due_on.trim().is_empty() {
            date(&self.due_on, "due_on")?;
        }
        Ok(())
    }
}

/// The receipt as plain text, after [`Receipt::validate`].
pub fn receipt_text(receipt: &Receipt) -> Result<String, ReportError> {
    receipt.validate()?;
    let due_on = if receipt.due_on.trim().is_empty() {
        String::new()
    } else {
        date_zh(&receipt.due_on)
    };
    render_template(
        "receipt.txt",
        context! {
            title => RECEIPT_TITLE,
            agency_name => one_line(&receipt.agency_name),
            agency_address => one_line(&receipt.agency_address),
            agency_phone => one_line(&receipt.agency_phone),
            tracking_no => one_line(&receipt.tracking_no),
            channel => one_line(&receipt.channel),
            received_on => date_zh(&receipt.received_on),
            due_on => due_on,
            due_provisional => receipt.due_provisional,
            status_url => one_line(&receipt.status_url),
            query_code => receipt.query_code.as_deref().map(one_line).unwrap_or_default(),
        },
    )
}

/// The receipt as a one-page PDF on the letters' page (GB/T 9704-2012 layout).
pub fn receipt_pdf(receipt: &Receipt) -> Result<Vec<u8>, ReportError> {
    let title = format!("{}{RECEIPT_TITLE}", receipt.agency_name.trim());
    pdf::render_scaled(&receipt_text(receipt)?, &title, 0.75)
}
