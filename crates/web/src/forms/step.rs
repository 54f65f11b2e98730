//! What a caseworker's step form and the caseworker's API share: why a step could not be read, and the
//! 收费通知 computed by the domain's fee rules (国办函〔2020〕109号), so that the console and the API charge alike.

use chrono::NaiveDate;
use gongkai_app::applications::fees::{FeeRefusal, FeeRequest, compose_fee_notice};
use gongkai_domain::application::event::FeeNotice;
use gongkai_domain::application::intake::Delivery;
use gongkai_store::StoredApplication;

use crate::i18n::{Coded, Said};
use crate::state::AppState;

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

/// A 收费通知 under 国办函〔2020〕109号 issued on `on`, as the app composes it: the applicant's count this month
/// from the register, the quote from the domain's fee rules, the last day to pay when it is known at issue.
pub async fn fee_notice(
    state: &AppState,
    app: &StoredApplication,
    request: &FeeRequest,
    on: NaiveDate,
) -> Result<FeeNotice, Problem> {
    match compose_fee_notice(state, app, on, request).await {
        Ok(notice) => Ok(notice),
        // 国办函〔2020〕109号: within the free tiers nothing may be charged, so no notice goes out.
        Err(FeeRefusal::Free { .. }) => Err(Problem::Key("error_application_fee_free")),
        Err(FeeRefusal::Said(said)) => Err(Problem::Said(said)),
        Err(FeeRefusal::App(e)) => Err(Problem::said(&e)),
    }
}

/// How a letter or notice is served; empty: the way the applicant asked for.
pub fn service(code: &str) -> Result<Option<Delivery>, Problem> {
    match code.trim() {
        "" => Ok(None),
        code => Delivery::from_code(code)
            .map(Some)
            .ok_or(Problem::Key("field_unknown_choice")),
    }
}
