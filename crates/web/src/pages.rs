//! Layers every response passes through: error pages in the visitor's language (JSON under `/api` and the
//! health endpoints), and the security headers.

use axum::Json;
use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use minijinja::context;

use crate::error::ErrorMarker;
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
    let Some(marker) = response.extensions().get::<ErrorMarker>().copied() else {
        return response;
    };
    let status = response.status();
    let key = error_key(marker.code);
    let catalogue = state.views.catalogue();
    let message_key = if catalogue.messages(lang).contains_key(&key) {
        key
    } else {
        error_key("http.other")
    };
    if wants_json {
        let body = serde_json::json!({
            "error": marker.code,
            "message": catalogue.text(lang, &message_key),
        });
        return (status, Json(body)).into_response();
    }
    let ctx =
        context! { status => status.as_u16(), code => marker.code, message_key => message_key };
    match state.views.render("error.html", lang, ctx) {
        Ok(page) => (status, page).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "the error page itself failed");
            (status, catalogue.text(lang, "error_http_other").to_owned()).into_response()
        }
    }
}

pub async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    for (name, value) in SECURITY_HEADERS {
        headers.insert(
            HeaderName::from_static(name),
            HeaderValue::from_static(value),
        );
    }
    response
}
