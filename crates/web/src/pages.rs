//! Layers every response passes through: error pages in the visitor's language (JSON under `/api` and the
//! health endpoints), and the security headers.

use axum::Json;
use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use minijinja::context;

use crate::error::{ErrorCode, ErrorMarker};
use crate::i18n::Lang;
use crate::security::SECURITY_HEADERS;
use crate::state::AppState;

/// The message key for an error code: `access.scope` -> `error_access_scope`.
pub fn error_key(code: &str) -> String {
    format!("error_{}", code.replace('.', "_"))
}

pub async fn render_errors(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let lang = Lang::negotiate(request.uri().query(), request.headers());
    let wants_json = request.uri().path().starts_with("/api/");
    let response = next.run(request).await;
    let marker = response.extensions().get::<ErrorMarker>().copied();
    let Some(marker) = marker.or_else(|| plain_rejection(&response)) else {
        return response;
    };
    let status = response.status();
    let retry_after = response.headers().get(header::RETRY_AFTER).cloned();
    let authenticate = response.headers().get(header::WWW_AUTHENTICATE).cloned();
    // Every ErrorCode has its message (a test walks them all).
    let message_key = marker.code.key();
    let messages = state.templates.messages();
    let mut out = if wants_json {
        let body = serde_json::json!({
            "error": marker.code.as_str(),
            "message": messages.text(*lang, &message_key),
        });
        (status, Json(body)).into_response()
    } else {
        let ctx = context! { status => status.as_u16(), code => marker.code.as_str(), message_key => message_key };
        match state.templates.render("error.html", lang, ctx) {
            Ok(page) => (status, page).into_response(),
            Err(e) => {
                tracing::error!(error = %e, "the error page itself failed");
                (status, messages.text(*lang, "error_http_other").to_owned()).into_response()
            }
        }
    };
    if let Some(v) = retry_after {
        out.headers_mut().insert(header::RETRY_AFTER, v);
    }
    if let Some(v) = authenticate {
        out.headers_mut().insert(header::WWW_AUTHENTICATE, v);
    }
    out
}

/// The plain-text refusals that axum's extractors and the login throttle produce (a malformed form or query,
/// a wrong method, too many attempts), so that they too become pages in the visitor's language.
fn plain_rejection(response: &Response) -> Option<ErrorMarker> {
    let plain = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/plain"));
    if !plain {
        return None;
    }
    let code = match response.status() {
        StatusCode::BAD_REQUEST
        | StatusCode::UNPROCESSABLE_ENTITY
        | StatusCode::UNSUPPORTED_MEDIA_TYPE => ErrorCode::HttpBadRequest,
        StatusCode::METHOD_NOT_ALLOWED => ErrorCode::HttpMethodNotAllowed,
        StatusCode::PAYLOAD_TOO_LARGE => ErrorCode::HttpBodyTooLarge,
        StatusCode::TOO_MANY_REQUESTS => ErrorCode::HttpTooManyRequests,
        _ => return None,
    };
    Some(ErrorMarker { code })
}

/// Whether a path serves what is personal or secret: the console, the applicant's pages (the form, the receipt
/// with its query code, the status), the session and the caseworkers' API. Such a response is never stored by a
/// browser or a shared cache unless its handler said otherwise.
fn personal_path(path: &str) -> bool {
    const PREFIXES: [&str; 5] = [
        "/console",
        "/status",
        "/api/v1/session",
        "/api/v1/applications",
        "/api/v1/agencies/",
    ];
    PREFIXES.iter().any(|p| path.starts_with(p))
        || (path.starts_with("/agencies/") && path.split('/').nth(3) == Some("apply"))
}

pub async fn security_headers(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let personal = personal_path(request.uri().path());
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    for (name, value) in SECURITY_HEADERS {
        headers.insert(
            HeaderName::from_static(name),
            HeaderValue::from_static(value),
        );
    }
    if state.config.serves_https() {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    let sets_cookie = headers.contains_key(header::SET_COOKIE);
    if (personal || sets_cookie) && !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}
