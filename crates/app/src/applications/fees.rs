//! The 收费通知 of 国办函〔2020〕109号, composed from the register: the applicant's place in the month (按件计收,
//! 第四条) is counted from the agency's applications, not typed; the quote comes from the domain's schedule;
//! a notice served online or by e-mail is received that day, so its last day to pay is known at once, while
//! one sent by post or handed over waits for its receipt to be recorded (the 20 working days run from the day
//! after receipt).

use chrono::NaiveDate;
use gongkai_domain::application::event::FeeNotice;
use gongkai_domain::application::fees::{FEE_PAYMENT_WORKING_DAYS, FeeMethod, fee};
use gongkai_domain::application::intake::{ApplicantInput, Delivery};
use gongkai_domain::application::monthly::{Registered, applicant_identity, count_this_month};
use gongkai_domain::message::{Coded, Said};
use gongkai_store::{ApplicationStore, StoredApplication};

use crate::context::App;
use crate::error::AppError;
use crate::messages::Messages;

/// What the caseworker chose for a fee notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeeRequest {
    pub method: FeeMethod,
    /// 按量计收: the pages to supply (ignored 按件计收).
    pub pages: u32,
    /// How the notice is served; `None`: the way the applicant asked for the information.
    pub service: Option<Delivery>,
}

/// Why no notice can go out.
#[derive(Debug)]
pub enum FeeRefusal {
    /// The quote or the calendar refused (its reason, to translate).
    Said(Said),
    /// Within the free ranges nothing may be charged, so no notice goes out (109号第四条、第五条).
    Free {
        count: u32,
    },
    App(AppError),
}

impl From<AppError> for FeeRefusal {
    fn from(e: AppError) -> Self {
        Self::App(e)
    }
}

fn said(value: &dyn Coded) -> FeeRefusal {
    FeeRefusal::Said(Said::of(value))
}

/// This application's place among the applicant's applications to the agency received in its month
/// (109号第四条: 同一申请人一个自然月内累计申请), from the register.
pub async fn count_this_month_for(
    app: &App,
    application: &StoredApplication,
) -> Result<u32, AppError> {
    let register = app.store.applications_of(application.agency, false).await?;
    let identity = |a: &StoredApplication| {
        serde_json::from_str::<ApplicantInput>(&a.applicant)
            .ok()
            .and_then(|input| applicant_identity(&input))
    };
    let read = |a: &StoredApplication| Registered {
        order: a.id.0,
        received_on: a.received_on,
        identity: identity(a),
    };
    let this = read(application);
    let register: Vec<Registered> = register.iter().map(read).collect();
    Ok(count_this_month(&this, &register))
}

/// The notice `request` gives for `application`, issued on `on`.
pub async fn compose_fee_notice(
    app: &App,
    application: &StoredApplication,
    on: NaiveDate,
    request: &FeeRequest,
) -> Result<FeeNotice, FeeRefusal> {
    let count = count_this_month_for(app, application).await?;
    let pages = match request.method {
        FeeMethod::PerPage => request.pages,
        FeeMethod::PerApplication => 0,
    };
    let quote = fee(request.method, count, pages).map_err(|e| said(&e))?;
    if !quote.is_chargeable() {
        return Err(FeeRefusal::Free { count });
    }
    let service = request.service.unwrap_or(application.delivery);
    let received_when_sent = matches!(service, Delivery::Online | Delivery::Email);
    // Known at issue only when the notice reaches the applicant the day it is sent.
    let pay_by = if received_when_sent {
        Some(
            app.calendar
                .add_working_days(on, FEE_PAYMENT_WORKING_DAYS)
                .map_err(|e| said(&e))?
                .due,
        )
    } else {
        None
    };
    Ok(FeeNotice {
        method: request.method,
        count: Some(count),
        pages,
        amount_yuan: quote.amount_yuan,
        // Stored in both languages, as the event log has always kept it.
        explanation: Some(Messages::shared().say_both(&quote.explanation)),
        pay_within_working_days: Some(FEE_PAYMENT_WORKING_DAYS),
        service: Some(service),
        pay_by,
    })
}
