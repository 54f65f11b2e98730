//! The notices served in the course of an application, before or instead of the decision letter: 补正告知书
//! (条例第三十条), 延期答复告知书 (第三十三条第二款), 征求第三方意见书 (第三十二条), 征求意见函 (第三十四条), 收费通知书
//! (第四十二条; 国办函〔2020〕109号), 说明理由通知书 and 延迟答复告知书 (第三十五条), and the 终止告知书 when a 补正
//! or a fee lapses. Each kind has its own template in `templates/letters/` under the same layout contract as
//! the decision letter, so the DOCX and PDF renderers serve all of them.
//!
//! ```
//! use gongkai_report::letters::{Notice, Particulars, notice_text};
//!
//! let notice = Notice {
//!     agency_name: "某市生态环境局".into(),
//!     agency_address: String::new(),
//!     agency_phone: String::new(),
//!     doc_no: "某环依申补〔2026〕3号".into(),
//!     tracking_no: "YSQ-2026-0042".into(),
//!     addressee: "张三".into(),
//!     received_on: "2026-03-02".into(),
//!     description: "某项目的环评文件".into(),
//!     served_on: "2026-03-04".into(),
//!     review_body: String::new(),
//!     particulars: Particulars::Correction {
//!         what: "请写明项目名称".into(),
//!         correct_by: "2026-03-18".into(),
//!     },
//! };
//! let text = notice_text(&notice).expect("renders");
//! assert!(text.contains("第三十条") && text.contains("视为放弃申请"));
//! ```

use gongkai_domain::application::fees::FeeMethod;
use gongkai_domain::application::notice::NoticeKind;
use gongkai_domain::application::outcome::Outcome;
use minijinja::context;
use serde::{Deserialize, Serialize};

use super::text::{date_zh, lines, one_line, remedy, render_template};
use super::{date, docx, pdf};
use crate::ReportError;
use crate::error::LetterProblem;

/// One notice. Dates are `YYYY-MM-DD`; they print as `2026年3月2日`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    pub agency_name: String,
    /// The office's contact; empty to leave the contact line out (with an empty phone).
    pub agency_address: String,
    pub agency_phone: String,
    /// The 发文字号 under the title.
    pub doc_no: String,
    pub tracking_no: String,
    /// Whom the notice is addressed to: the applicant, or the consulted third party or agency.
    pub addressee: String,
    pub received_on: String,
    pub description: String,
    /// The date on the notice.
    pub served_on: String,
    /// The 行政复议机关 a 终止告知书 names in its remedy (as for a decision letter).
    #[serde(default)]
    pub review_body: String,
    pub particulars: Particulars,
}

/// What each kind of notice says beyond the common particulars.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Particulars {
    /// 条例第三十条: what to correct (one line per item) and by when.
    Correction { what: String, correct_by: String },
    /// 条例第三十三条第二款: by how many working days, why, and the new last day to answer.
    Extension {
        working_days: u32,
        reason: String,
        due_on: String,
    },
    /// 条例第三十二条: the third party's last day to answer (15 working days after service).
    Consultation { reply_by: String },
    /// 条例第三十四条: the other agency's last day to answer (15 working days after service).
    AgencyConsultation { reply_by: String },
    /// 条例第四十二条; 国办函〔2020〕109号.
    Fee {
        method: FeeMethod,
        amount_yuan: String,
        /// How the amount was reached (Chinese).
        explanation: String,
        /// The 20th working day after the day of service, as the office counts it; empty to leave it out.
        pay_by: String,
    },
    /// 条例第三十五条: explain the number or frequency of requests by `reply_by`.
    Reasons { reply_by: String },
    /// 条例第三十五条: a reasonable later deadline and its reason.
    Delay { due_on: String, reason: String },
    /// 视为放弃申请: the deadline of the 补正 notice or of the fee notice passed on `deadline`.
    Termination { lapse: Lapse, deadline: String },
}

/// What lapsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lapse {
    Correction,
    Fee,
}

impl Particulars {
    pub fn kind(&self) -> NoticeKind {
        match self {
            Self::Correction { .. } => NoticeKind::Correction,
            Self::Extension { .. } => NoticeKind::Extension,
            Self::Consultation { .. } => NoticeKind::Consultation,
            Self::AgencyConsultation { .. } => NoticeKind::AgencyConsultation,
            Self::Fee { .. } => NoticeKind::Fee,
            Self::Reasons { .. } => NoticeKind::Reasons,
            Self::Delay { .. } => NoticeKind::Delay,
            Self::Termination { .. } => NoticeKind::Termination,
        }
    }

    /// The dates the notice states, by field name, to check before rendering.
    fn dates(&self) -> Vec<(&'static str, &str)> {
        match self {
            Self::Correction { correct_by, .. } => vec![("correct_by", correct_by)],
            Self::Extension { due_on, .. } | Self::Delay { due_on, .. } => vec![("due_on", due_on)],
            Self::Consultation { reply_by }
            | Self::AgencyConsultation { reply_by }
            | Self::Reasons { reply_by } => vec![("reply_by", reply_by)],
            Self::Fee { pay_by, .. } if pay_by.trim().is_empty() => Vec::new(),
            Self::Fee { pay_by, .. } => vec![("pay_by", pay_by)],
            Self::Termination { deadline, .. } => vec![("deadline", deadline)],
        }
    }

    /// The free text the notice cannot do without.
    fn required_text(&self) -> Vec<(&'static str, &str)> {
        match self {
            Self::Correction { what, .. } => vec![("what", what)],
            Self::Extension { reason, .. } | Self::Delay { reason, .. } => vec![("reason", reason)],
            Self::Fee { amount_yuan, .. } => vec![("amount_yuan", amount_yuan)],
            _ => Vec::new(),
        }
    }
}

impl Notice {
    pub fn kind(&self) -> NoticeKind {
        self.particulars.kind()
    }

    /// The notice can be issued: the common particulars and the kind's own are given, and every date is a
    /// real `YYYY-MM-DD` date, the notice not dated before the application was received.
    pub fn validate(&self) -> Result<(), ReportError> {
        let missing = |field| ReportError::BadLetter(LetterProblem::Missing { field });
        let required = [
            (&self.agency_name, "agency_name"),
            (&self.tracking_no, "tracking_no"),
            (&self.addressee, "applicant_name"),
            (&self.description, "description"),
            (&self.doc_no, "doc_no"),
        ];
        for (value, field) in required {
            if value.trim().is_empty() {
                return Err(missing(field));
            }
        }
        for (field, value) in self.particulars.required_text() {
            if value.trim().is_empty() {
                return Err(missing(field));
            }
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
        for (field, value) in self.particulars.dates() {
            date(value, field)?;
        }
        Ok(())
    }
}

/// The notice as plain text, after [`Notice::validate`].
pub fn notice_text(notice: &Notice) -> Result<String, ReportError> {
    notice.validate()?;
    let kind = notice.kind();
    let common = context! {
        title => kind.title(),
        doc_no => one_line(&notice.doc_no),
        agency_name => one_line(&notice.agency_name),
        agency_address => one_line(&notice.agency_address),
        agency_phone => one_line(&notice.agency_phone),
        tracking_no => one_line(&notice.tracking_no),
        addressee => one_line(&notice.addressee),
        received_on => date_zh(&notice.received_on),
        served_on => date_zh(&notice.served_on),
        description => one_line(&notice.description),
    };
    let own = match &notice.particulars {
        Particulars::Correction { what, correct_by } => context! {
            what_lines => lines(Some(what)),
            correct_by => date_zh(correct_by),
        },
        Particulars::Extension {
            working_days,
            reason,
            due_on,
        } => context! {
            working_days => working_days,
            reason => one_line(reason),
            due_on => date_zh(due_on),
        },
        Particulars::Consultation { reply_by }
        | Particulars::AgencyConsultation { reply_by }
        | Particulars::Reasons { reply_by } => context! { reply_by => date_zh(reply_by) },
        Particulars::Fee {
            method,
            amount_yuan,
            explanation,
            pay_by,
        } => context! {
            method => method.code(),
            method_name => method.name_zh(),
            amount_yuan => one_line(amount_yuan),
            explanation => one_line(explanation).trim_end_matches('。').to_owned(),
            pay_by => if pay_by.trim().is_empty() { String::new() } else { date_zh(pay_by) },
        },
        Particulars::Delay { due_on, reason } => context! {
            due_on => date_zh(due_on),
            reason => one_line(reason),
        },
        Particulars::Termination { lapse, deadline } => {
            // A lapse ends the application as the rows 三（六）1 and 2 do; its remedy is chosen like theirs.
            let outcome = match lapse {
                Lapse::Correction => Outcome::NoCorrection,
                Lapse::Fee => Outcome::FeeUnpaid,
            };
            let (remedy, review_body) = remedy(outcome, &notice.served_on, &notice.review_body);
            context! {
                lapse => match lapse { Lapse::Correction => "correction", Lapse::Fee => "fee" },
                deadline => date_zh(deadline),
                remedy => remedy,
                review_body => review_body,
            }
        }
    };
    render_template(
        &format!("{}.txt", kind.code()),
        context! { ..common, ..own },
    )
}

/// The notice as a Word document in the GB/T 9704-2012 layout, with the text of [`notice_text`].
pub fn notice_docx(notice: &Notice) -> Result<Vec<u8>, ReportError> {
    docx::render(&notice_text(notice)?)
}

/// The notice as a PDF in the GB/T 9704-2012 layout, with the text of [`notice_text`].
pub fn notice_pdf(notice: &Notice) -> Result<Vec<u8>, ReportError> {
    let title = format!("{}{}", notice.agency_name.trim(), notice.kind().title());
    pdf::render(&notice_text(notice)?, &title)
}
