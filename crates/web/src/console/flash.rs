//! The message after a step, shown once on the page the browser is sent to (POST-redirect-GET): the step's
//! code travels in the `gk_flash` cookie, limited to that page's path, and is cleared when shown. Only codes
//! the page knows are shown, as `flash_<code>` in the visitor's language.

use axum::http::header::SET_COOKIE;
use axum::http::{HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Redirect, Response};

use super::applications::FLASH_COOKIE;
use crate::i18n::Lang;
use crate::security::cookie;
use crate::state::AppState;

/// A redirect to `path` that carries `code` there.
pub fn redirect(state: &AppState, path: &str, code: &str) -> Response {
    let mut response = Redirect::to(path).into_response();
    response.headers_mut().append(
        SET_COOKIE,
        state.cookies().set(FLASH_COOKIE, code, path, 120),
    );
    response
}

/// The message of the code the request carries, if it is one of `known`.
pub fn message(
    state: &AppState,
    lang: Lang,
    headers: &HeaderMap,
    known: &[&str],
) -> Option<String> {
    let code = cookie(headers, FLASH_COOKIE)?;
    known.iter().find(|k| **k == code).map(|k| {
        state
            .templates
            .messages()
            .text(*lang, &format!("flash_{k}"))
            .to_owned()
    })
}

/// The header that clears the message once shown.
pub fn clear(state: &AppState, path: &str) -> HeaderValue {
    state.cookies().clear(FLASH_COOKIE, path)
}
