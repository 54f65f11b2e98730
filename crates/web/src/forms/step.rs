//! What a caseworker's step form and the caseworker's API share: why a step could not be read, and the
//! 收费通知 computed by the domain's fee rules (国办函〔2020〕109号), so that the console and the API charge alike.

use chrono::NaiveDate;
use gongkai_domain::application::event::{Event, FeeNotice};
use gongkai_domain::application::fees::{FEE_PAYMENT_WORKING_DAYS, FeeMethod, fee};
use gongkai_domain::calendar::Calendar;

use crate::i18n::{Coded, Messages, Said};

/// Why a step was refused: a message key, a lower layer's coded message (translated where it is shown), or the
/// text of an internal failure that has no translation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    Key(&'static str),
    Said(Said),
    Text(String),
}

impl Problem {
    /// A lower layer's error, kept as its code and arguments.
    pub fn said(value: &dyn Coded) -> Self {
        Self::Said(Said::of(value))
    }
}

/// A 收费通知 under 国办函〔2020〕109号 served on `on`, quoted by the domain's fee rules: `count` applications this
/// month (按件) or `pages` pages (按量).
pub fn fee_notice(
    method: FeeMethod,
    count: u32,
    pages: u32,
    calendar: &Calendar,
    on: NaiveDate,
    words: &Messages,
) -> Result<Event, Problem> {
    let (count, pages) = match method {
        FeeMethod::PerApplication => (count, 0),
        FeeMethod::PerPage => (0, pages),
    };
    let quote = fee(method, count, pages).map_err(|e| Problem::said(&e))?;
    // 国办函〔2020〕109号: within the free tiers nothing may be charged, so no notice goes out.
    if !quote.is_chargeable() {
        return Err(Problem::Key("error_application_fee_free"));
    }
    // 20 working days counted from the day after the notice (FEE-SC restating 109号); shown to the
    // applicant, and the day after which the caseworker may record the fee as unpaid.
    let pay_by = calendar
        .add_working_days(on, FEE_PAYMENT_WORKING_DAYS)
        .map(|d| d.due)
        .map_err(|e| Problem::said(&e))?;
    Ok(Event::FeeNoticeIssued(FeeNotice {
        method,
        count: Some(count),
        pages,
        amount_yuan: quote.amount_yuan,
        // Stored in both languages, as the event log has always kept it.
        explanation: Some(words.say_both(&quote.explanation)),
        pay_within_working_days: Some(FEE_PAYMENT_WORKING_DAYS),
        pay_by: Some(pay_by),
    }))
}
