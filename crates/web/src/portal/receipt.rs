//! The receipt of an online application, after the form is posted (POST-redirect-GET): the form's answer is a
//! 303 to `/agencies/{id}/apply/receipt/{tracking_no}`, a page the applicant may reload or come back to without
//! filing again. Only the filer sees the query code there: it travels in a short-lived, HttpOnly cookie set
//! with the redirect, and the page shows the receipt only when that code opens the application, like `/status`.

use axum::extract::{Path, Query, State};
use axum::http::header::{LOCATION, SET_COOKIE};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use gongkai_domain::agency::{Agency, AgencyId};
use gongkai_store::AgencyStore;
use minijinja::context;
use serde::Deserialize;

use gongkai_app::applications::receipt_pdf::applicant_receipt;
use gongkai_app::applications::status::public_status;

use crate::error::WebError;
use crate::i18n::Lang;
use crate::models::application::Receipt;
use crate::security::cookie;
use crate::state::AppState;
use crate::templates::ser;

/// The cookie that carries `tracking_no.query_code` from the form's answer to the receipt page.
const RECEIPT_COOKIE: &str = "gongkai_receipt";
/// Long enough to read, print or reload the receipt; short enough that a shared computer soon forgets it.
const RECEIPT_COOKIE_SECS: i64 = 30 * 60;

fn receipt_path(agency: i64) -> String {
    format!("/agencies/{agency}/apply/receipt")
}

/// The cookie goes back to the form too, so that sending the same application again finds its code.
fn cookie_path(agency: i64) -> String {
    format!("/agencies/{agency}/apply")
}

/// The `tracking_no` and query code the filer's cookie holds, if any.
fn remembered(headers: &HeaderMap) -> Option<(String, String)> {
    let value = cookie(headers, RECEIPT_COOKIE)?;
    let (tracking_no, code) = value.split_once('.')?;
    Some((tracking_no.to_owned(), code.to_owned()))
}

/// The answer to a form that filed an application: remember its code for the filer, and send them to its
/// receipt page.
pub fn redirect_to_new(state: &AppState, agency: i64, receipt: &Receipt) -> Response {
    let page = format!("{}/{}", receipt_path(agency), receipt.tracking_no);
    let Some(code) = &receipt.query_code else {
        return (StatusCode::SEE_OTHER, [(LOCATION, page)]).into_response();
    };
    let value = format!("{}.{code}", receipt.tracking_no);
    let set = state.cookies().set(
        RECEIPT_COOKIE,
        &value,
        &cookie_path(agency),
        RECEIPT_COOKIE_SECS,
    );
    (
        StatusCode::SEE_OTHER,
        [(LOCATION, page)],
        [(SET_COOKIE, set)],
    )
        .into_response()
}

/// The answer to a form that sent an application filed within the last day: nothing new was filed. The filer
/// whose browser still holds the first code goes to that receipt; anyone else sees the first receipt's number
/// and dates, without the code, which was shown once.
pub fn answer_duplicate(
    state: &AppState,
    lang: Lang,
    headers: &HeaderMap,
    agency: &Agency,
    receipt: &Receipt,
) -> Result<Response, WebError> {
    let holds_code = remembered(headers).is_some_and(|(t, _)| t == receipt.tracking_no);
    if holds_code {
        let page = format!(
            "{}/{}?again=1",
            receipt_path(agency.id.0),
            receipt.tracking_no
        );
        return Ok((StatusCode::SEE_OTHER, [(LOCATION, page)]).into_response());
    }
    let page = state.templates.render(
        "portal/apply_done.html",
        lang,
        context! {
            agency => ser(agency), parent => (), demo => state.demo, current => "apply",
            receipt => ser(receipt), again => true,
        },
    )?;
    Ok((StatusCode::OK, page).into_response())
}

#[derive(Debug, Default, Deserialize)]
pub struct ReceiptParams {
    /// Set when the filer sent the same application again and was brought back here.
    #[serde(default)]
    pub again: Option<String>,
}

/// `GET /agencies/{id}/apply/receipt/{tracking_no}`: the receipt, for the browser that filed it.
pub async fn page(
    State(state): State<AppState>,
    lang: Lang,
    headers: HeaderMap,
    Path((id, tracking_no)): Path<(i64, String)>,
    Query(params): Query<ReceiptParams>,
) -> Result<Response, WebError> {
    let agency = state
        .store
        .agency(AgencyId(id))
        .await?
        .ok_or(WebError::NotFound)?;
    // Without the filer's code the page answers like an unknown number (as `/status` does).
    let (remembered_no, code) = remembered(&headers).ok_or(WebError::NotFound)?;
    if remembered_no != tracking_no {
        return Err(WebError::NotFound);
    }
    let found = match public_status(&state, &tracking_no, &code).await {
        Ok(found) => found,
        Err(gongkai_app::AppError::NotFound(_)) => return Err(WebError::NotFound),
        Err(e) => return Err(e.into()),
    };
    if found.agency != agency.profile.name {
        return Err(WebError::NotFound);
    }
    let receipt = Receipt {
        tracking_no: found.tracking_no,
        query_code: Some(code),
        duplicate: params.again.is_some(),
        received_on: found.received_on.map(|d| d.to_string()).unwrap_or_default(),
        due_on: found.due_on.map(|d| d.to_string()).unwrap_or_default(),
        due_provisional: found.due_provisional,
    };
    let page = state.templates.render(
        "portal/apply_done.html",
        lang,
        context! {
            agency => ser(&agency), parent => (), demo => state.demo, current => "apply",
            receipt => ser(&receipt), again => receipt.duplicate,
        },
    )?;
    Ok((StatusCode::OK, page).into_response())
}

/// `GET /agencies/{id}/apply/receipt/{tracking_no}/pdf`: the printable 回执, for the browser that filed it and
/// within the same window as the page, so it may print the query code.
pub async fn pdf(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((id, tracking_no)): Path<(i64, String)>,
) -> Result<Response, WebError> {
    let (remembered_no, code) = remembered(&headers).ok_or(WebError::NotFound)?;
    if remembered_no != tracking_no {
        return Err(WebError::NotFound);
    }
    let status_url = format!("{}/status", super::feeds::site_base(&state));
    let bytes =
        match applicant_receipt(&state, AgencyId(id), &tracking_no, &code, &status_url).await {
            Ok(bytes) => bytes,
            Err(gongkai_app::AppError::NotFound(_)) => return Err(WebError::NotFound),
            Err(e) => return Err(e.into()),
        };
    Ok(crate::downloads::printable_pdf(
        &format!("receipt-{tracking_no}.pdf"),
        bytes,
    ))
}
