//! The written notice a caseworker's step serves (条例第三十条 补正, 第三十二条 and 第三十四条 consultations,
//! 第三十三条第二款 extension, 第三十五条 reasons and later deadline, 第四十二条 fee, the 终止告知书 of a lapse, and
//! the 答复告知书 of a decision), rendered with its 发文字号 as text, DOCX and PDF, to be kept as served.

use chrono::{Datelike, NaiveDate};
use gongkai_domain::agency::Agency;
use gongkai_domain::application::event::{Event, PartyKind};
use gongkai_domain::application::handling::Planned;
use gongkai_domain::application::notice::{NoticeKind, doc_no};
use gongkai_domain::calendar::Calendar;
use gongkai_report::ReportError;
use gongkai_report::letters::{Lapse, Notice, Particulars, notice_docx, notice_pdf, notice_text};
use gongkai_store::{LetterNumber, NewLetter, StoredApplication};

use super::letters::{DecisionText, LetterError, decision_letter};
use crate::error::AppError;

/// 条例第三十二条 and 第三十四条: the consulted party has 15 working days from receiving the letter.
const CONSULTATION_WORKING_DAYS: u32 = 15;

/// The kind of notice `event` serves, if any. A consultation stored without saying whom (before the console
/// asked) serves none.
pub fn notice_kind(event: &Event) -> Option<NoticeKind> {
    Some(match event {
        Event::Decided(_) => NoticeKind::Decision,
        Event::CorrectionRequested { .. } => NoticeKind::Correction,
        Event::ExtensionApproved { .. } => NoticeKind::Extension,
        Event::ConsultationStarted {
            party_kind: Some(PartyKind::ThirdParty),
            ..
        } => NoticeKind::Consultation,
        Event::ConsultationStarted {
            party_kind: Some(PartyKind::Agency),
            ..
        } => NoticeKind::AgencyConsultation,
        Event::FeeNoticeIssued(_) => NoticeKind::Fee,
        Event::CustomDeadline { .. } => NoticeKind::Delay,
        Event::ReasonsRequested { .. } => NoticeKind::Reasons,
        Event::CorrectionDeadlinePassed { .. } | Event::FeeDeadlinePassed => {
            NoticeKind::Termination
        }
        _ => return None,
    })
}

/// Everything a step's notice is made of besides the event.
pub struct NoticeContext<'a> {
    pub agency: &'a Agency,
    pub application: &'a StoredApplication,
    pub on: NaiveDate,
    pub planned: &'a Planned,
    pub calendar: &'a Calendar,
    /// The 行政复议机关 a decision or termination names.
    pub review_body: &'a str,
    /// For a decision: the reasons and anything else the letter says.
    pub decision: DecisionText<'a>,
}

/// The notice of kind `kind` for `event`, numbered `serial` of its agency, year and kind.
pub async fn step_notice(
    cx: &NoticeContext<'_>,
    event: &Event,
    kind: NoticeKind,
    serial: i64,
) -> Result<NewLetter, LetterError> {
    let agency = cx.agency;
    let year = cx.on.year();
    let number = LetterNumber {
        agency: agency.id,
        year,
        serial,
        text: doc_no(
            &agency.profile.doc_prefix,
            &agency.profile.name,
            kind,
            year,
            serial,
        ),
    };
    let service = cx.application.delivery.code().to_owned();
    if let Event::Decided(decision) = event {
        let mut letter = decision_letter(
            agency,
            cx.application,
            decision,
            cx.on,
            &cx.decision,
            cx.review_body,
            &number.text,
        )
        .await?;
        letter.service = decision
            .service
            .unwrap_or(cx.application.delivery)
            .code()
            .to_owned();
        letter.number = Some(number);
        return Ok(letter);
    }
    let particulars = particulars(cx, event).map_err(|e| LetterError::said(&e))?;
    let addressee = match event {
        Event::ConsultationStarted { party, .. } => party.clone().unwrap_or_default(),
        _ => super::letters::applicant_name(cx.application),
    };
    let notice = Notice {
        agency_name: agency.profile.name.clone(),
        agency_address: super::letters::contact(agency).address.clone(),
        agency_phone: super::letters::contact(agency).phone.clone(),
        doc_no: number.text.clone(),
        tracking_no: cx.application.tracking_no.to_string(),
        addressee,
        received_on: cx
            .application
            .received_on
            .map(|d| d.to_string())
            .unwrap_or_default(),
        description: cx.application.description.clone(),
        served_on: cx.on.to_string(),
        review_body: cx.review_body.to_owned(),
        particulars,
    };
    let text = notice_text(&notice).map_err(|e| LetterError::said(&e))?;
    // Typesetting the PDF takes CPU for a moment; keep it off the request threads.
    let files = tokio::task::spawn_blocking(move || -> Result<_, ReportError> {
        Ok((notice_docx(&notice)?, notice_pdf(&notice)?))
    })
    .await
    .map_err(|e| LetterError::said(&AppError::internal(e)))?;
    let (docx, pdf) = files.map_err(|e| LetterError::said(&e))?;
    Ok(NewLetter {
        kind: kind.code().to_owned(),
        number: Some(number),
        served_on: cx.on,
        // A consultation is written to the party consulted (第三十二条: 书面征求), by post.
        service: if kind.to_applicant() {
            service
        } else {
            "post".to_owned()
        },
        text,
        docx,
        pdf,
    })
}

/// What the notice of `event` states beyond the common particulars.
fn particulars(cx: &NoticeContext<'_>, event: &Event) -> Result<Particulars, AppError> {
    let day = |d: NaiveDate| d.to_string();
    let due_after_step = || cx.planned.clock.due.map(day).unwrap_or_default();
    Ok(match event {
        Event::CorrectionRequested { correct_by, what } => Particulars::Correction {
            what: what.clone().unwrap_or_default(),
            correct_by: day(*correct_by),
        },
        Event::ExtensionApproved {
            working_days,
            reason,
        } => Particulars::Extension {
            working_days: *working_days,
            reason: reason.clone().unwrap_or_default(),
            due_on: due_after_step(),
        },
        Event::ConsultationStarted { party_kind, .. } => {
            let reply_by = cx
                .calendar
                .add_working_days(cx.on, CONSULTATION_WORKING_DAYS)
                .map_err(AppError::internal)?
                .due;
            match party_kind {
                Some(PartyKind::Agency) => Particulars::AgencyConsultation {
                    reply_by: day(reply_by),
                },
                _ => Particulars::Consultation {
                    reply_by: day(reply_by),
                },
            }
        }
        Event::FeeNoticeIssued(fee) => Particulars::Fee {
            method: fee.method,
            amount_yuan: fee.amount_yuan.to_string(),
            // Stored as `中文 / English`; the notice is in Chinese.
            explanation: fee
                .explanation
                .as_deref()
                .map(|e| e.split(" / ").next().unwrap_or(e).to_owned())
                .unwrap_or_default(),
            pay_by: fee.pay_by.map(day).unwrap_or_default(),
        },
        Event::CustomDeadline { due, reason } => Particulars::Delay {
            due_on: day(*due),
            reason: reason.clone(),
        },
        Event::ReasonsRequested { reply_by } => Particulars::Reasons {
            reply_by: day(*reply_by),
        },
        // Dated the day it is recorded; it states the day the deadline passed, which `plan` fixed as the end.
        Event::CorrectionDeadlinePassed { correct_by } => Particulars::Termination {
            lapse: Lapse::Correction,
            deadline: correct_by
                .or(cx.planned.ended_on)
                .map(day)
                .unwrap_or_default(),
        },
        Event::FeeDeadlinePassed => Particulars::Termination {
            lapse: Lapse::Fee,
            deadline: cx.planned.ended_on.map(day).unwrap_or_default(),
        },
        other => {
            return Err(AppError::internal(format!(
                "no notice for {}",
                other.kind()
            )));
        }
    })
}
