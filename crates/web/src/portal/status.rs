//! The applicant's page after the receipt (`/status`): the state in words, the deadlines, a late answer with
//! what may be done about it, the letters and documents served, and the two forms the applicant may need —
//! the correction asked for (条例第三十条) and the word that the fee was paid.
//!
//! The query code is a secret: the lookup form sends it in the address as it always has (a bookmarkable GET,
//! as the letters' links do), but after a form is sent the browser is redirected to `/status?tracking_no=…`
//! only, and the code travels back in a short-lived HttpOnly cookie limited to `/status`.

use std::collections::BTreeMap;

use axum::extract::{FromRequest, Multipart, Path, Query, Request, State};
use axum::http::header::SET_COOKIE;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use minijinja::context;

use gongkai_app::applications::respond::{
    ResponseRefusal, Upload, report_fee_paid, send_correction,
};
use gongkai_app::applications::status::{disclosed_file, public_status};

use crate::error::{ErrorCode, WebError};
use crate::i18n::Lang;
use crate::models::application::{PublicStatus, StatusParams};
use crate::security::cookie;
use crate::state::AppState;
use crate::templates::ser;

/// Carries the tracking number and query code from a form's answer to the page it redirects to.
const ACCESS_COOKIE: &str = "gk_status";
/// Carries which form was just sent (`correction`, `fee_paid`), for the message shown once.
const FLASH_COOKIE: &str = "gk_status_flash";
/// How long the redirect may take to be followed, and the page reloaded, without typing the code again.
const ACCESS_SECONDS: i64 = 600;

/// The applicant's answers on the page, for the form to show again with its problems.
#[derive(Debug, Default, serde::Serialize)]
struct Sent {
    form: &'static str,
    text: String,
}

/// The code a form's answer left in the cookie, for this tracking number only.
fn code_from_cookie(headers: &HeaderMap, tracking_no: &str) -> Option<String> {
    let value = cookie(headers, ACCESS_COOKIE)?;
    let (no, code) = value.split_once('~')?;
    (no == tracking_no.trim() && !code.is_empty()).then(|| code.to_owned())
}

async fn render(
    state: &AppState,
    lang: Lang,
    (tracking_no, query_code): (&str, &str),
    flash: Option<String>,
    (sent, errors): (Sent, BTreeMap<String, String>),
) -> Result<Response, WebError> {
    let asked = !tracking_no.trim().is_empty();
    let (found, problem) = if asked {
        match public_status(state, tracking_no, query_code).await {
            Ok(s) => (
                Some(PublicStatus::of(s, state.templates.messages(), lang)),
                false,
            ),
            Err(gongkai_app::AppError::NotFound(_)) => (None, true),
            Err(e) => return Err(e.into()),
        }
    } else {
        (None, false)
    };
    let code = if problem {
        StatusCode::NOT_FOUND
    } else if !errors.is_empty() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = state.templates.render(
        "portal/status.html",
        lang,
        context! {
            tracking_no => tracking_no.trim(),
            query_code => query_code.trim(),
            found => ser(&found),
            problem => problem,
            flash => flash,
            sent => ser(&sent),
            errors => ser(&errors),
        },
    )?;
    Ok((code, page).into_response())
}

/// `GET /status`: the lookup form, and the application when its number and code are given (in the address, or
/// in the cookie a form's answer left).
pub async fn page(
    State(state): State<AppState>,
    lang: Lang,
    headers: HeaderMap,
    Query(params): Query<StatusParams>,
) -> Result<Response, WebError> {
    let query_code = if params.query_code.trim().is_empty() {
        code_from_cookie(&headers, &params.tracking_no).unwrap_or_default()
    } else {
        params.query_code.clone()
    };
    let flash = cookie(&headers, FLASH_COOKIE)
        .filter(|f| matches!(f.as_str(), "correction" | "fee_paid"))
        .map(|f| {
            state
                .templates
                .messages()
                .text(*lang, &format!("status_flash_{f}"))
                .to_owned()
        });
    let shown = flash.is_some();
    let mut response = render(
        &state,
        lang,
        (&params.tracking_no, &query_code),
        flash,
        (Sent::default(), BTreeMap::new()),
    )
    .await?;
    if shown {
        response
            .headers_mut()
            .append(SET_COOKIE, state.cookies().clear(FLASH_COOKIE, "/status"));
    }
    Ok(response)
}

/// A form as the browser sends it: the number, the code, the text and the files.
struct Answer {
    tracking_no: String,
    query_code: String,
    text: String,
    files: Vec<Upload>,
}

async fn read(state: &AppState, request: Request, text_field: &str) -> Result<Answer, WebError> {
    let bad = || WebError::BadRequest(ErrorCode::HttpBadRequest);
    let mut multipart = Multipart::from_request(request, state)
        .await
        .map_err(|_| bad())?;
    let mut answer = Answer {
        tracking_no: String::new(),
        query_code: String::new(),
        text: String::new(),
        files: Vec::new(),
    };
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|_| WebError::TooLarge)?
    {
        let name = field.name().unwrap_or_default().to_owned();
        if name == "files" {
            let file_name = field.file_name().unwrap_or_default().to_owned();
            let bytes = field.bytes().await.map_err(|_| WebError::TooLarge)?;
            // An empty file input sends an empty part: no file attached.
            if !(file_name.trim().is_empty() && bytes.is_empty()) {
                answer.files.push(Upload {
                    name: file_name,
                    bytes: bytes.to_vec(),
                });
            }
            continue;
        }
        let value = field.text().await.map_err(|_| bad())?;
        match name.as_str() {
            "tracking_no" => answer.tracking_no = value,
            "query_code" => answer.query_code = value,
            n if n == text_field => answer.text = value,
            _ => {}
        }
    }
    Ok(answer)
}

/// What a form's use case answered: a redirect with the message and the code in cookies, or the page again
/// with the problem next to its field.
async fn answer(
    state: &AppState,
    lang: Lang,
    form: &'static str,
    sent: Answer,
    result: Result<gongkai_store::StoredApplication, ResponseRefusal>,
) -> Result<Response, WebError> {
    let words = state.templates.messages();
    let problem = match result {
        Ok(stored) => {
            let no = stored.tracking_no.to_string();
            // Only the characters a query code has; it was just verified.
            let code: String = sent
                .query_code
                .trim()
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .collect();
            let mut response = Redirect::to(&format!("/status?tracking_no={no}")).into_response();
            let cookies = state.cookies();
            let headers = response.headers_mut();
            headers.append(
                SET_COOKIE,
                cookies.set(
                    ACCESS_COOKIE,
                    &format!("{no}~{code}"),
                    "/status",
                    ACCESS_SECONDS,
                ),
            );
            headers.append(SET_COOKIE, cookies.set(FLASH_COOKIE, form, "/status", 120));
            return Ok(response);
        }
        Err(ResponseRefusal::Field { field, said }) => (field.to_owned(), words.say(*lang, &said)),
        Err(ResponseRefusal::NotNow) => (
            "content".to_owned(),
            words.text(*lang, "error_status_not_now").to_owned(),
        ),
        Err(ResponseRefusal::Changed) => (
            "content".to_owned(),
            words.text(*lang, "error_application_changed").to_owned(),
        ),
        Err(ResponseRefusal::App(gongkai_app::AppError::NotFound(_))) => {
            // A wrong code: the lookup form says so, as for a lookup.
            return render(
                state,
                lang,
                (&sent.tracking_no, ""),
                None,
                (Sent::default(), BTreeMap::new()),
            )
            .await
            .map(|mut r| {
                *r.status_mut() = StatusCode::NOT_FOUND;
                r
            });
        }
        Err(ResponseRefusal::App(e)) => return Err(e.into()),
    };
    let errors = BTreeMap::from([problem]);
    render(
        state,
        lang,
        (&sent.tracking_no, &sent.query_code),
        None,
        (
            Sent {
                form,
                text: sent.text,
            },
            errors,
        ),
    )
    .await
}

/// `POST /status/correction`: the correction asked for, with files.
pub async fn correction(
    State(state): State<AppState>,
    lang: Lang,
    request: Request,
) -> Result<Response, WebError> {
    let sent = read(&state, request, "content").await?;
    let result = send_correction(
        &state,
        (&sent.tracking_no, &sent.query_code),
        &sent.text,
        &sent.files,
    )
    .await;
    answer(&state, lang, "correction", sent, result).await
}

/// `POST /status/fee-paid`: the applicant's word that the fee was paid, with optional proof.
pub async fn fee_paid(
    State(state): State<AppState>,
    lang: Lang,
    request: Request,
) -> Result<Response, WebError> {
    let sent = read(&state, request, "statement").await?;
    let result = report_fee_paid(
        &state,
        (&sent.tracking_no, &sent.query_code),
        &sent.text,
        &sent.files,
    )
    .await;
    answer(&state, lang, "fee_paid", sent, result).await
}

/// `GET /status/files/{id}?tracking_no=&query_code=`: a document disclosed with the decision; a wrong code
/// answers like an unknown file.
pub async fn disclosed(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Query(params): Query<StatusParams>,
) -> Result<Response, WebError> {
    let (file, bytes) =
        disclosed_file(&state, (&params.tracking_no, &params.query_code), id).await?;
    Ok(crate::downloads::kept_file(&file, bytes))
}
