//! CSRF protection for every console form, in one layer: a state-changing request must come from this site
//! (its `Origin`, when the browser sends one, names this host) and carry the session's synchronizer token in
//! its `csrf` field, compared in constant time. Session cookies are also `SameSite=Lax`.

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::Official;
use crate::error::{ErrorCode, WebError};
use crate::security::same_secret;
use crate::state::AppState;

/// The largest console form: a long document's text, URL-encoded (a Chinese character takes 9 bytes).
const FORM_LIMIT: usize = 2 * 1024 * 1024;

/// The header a JSON call of the staff API carries its CSRF token in.
pub const CSRF_HEADER: &str = "x-csrf-token";

pub async fn guard(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        return next.run(request).await;
    }
    let (mut parts, body) = request.into_parts();
    let official = match Official::resolve(&mut parts, &state).await {
        Ok(Some(o)) => o,
        Ok(None) => {
            return WebError::Unauthenticated {
                next: parts.uri.path().to_owned(),
            }
            .into_response();
        }
        Err(e) => return e.into_response(),
    };
    if !same_origin(&parts.headers, state.config.public_url.as_deref()) {
        return WebError::Csrf.into_response();
    }
    // An upload is not read here whole (it may be large): its token is the first field of its body.
    // JSON calls of the staff API carry the session's token in a header (see `GET /api/v1/session`).
    if let Some(token) = parts.headers.get(CSRF_HEADER).and_then(|v| v.to_str().ok()) {
        if !same_secret(token, &official.csrf_token) {
            return WebError::Csrf.into_response();
        }
        return next.run(Request::from_parts(parts, body)).await;
    }
    let multipart = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("multipart/form-data"));
    if multipart {
        // The token is the form's first field, in the body (never in the address, where logs and the
        // Referer would carry it); the rest of the upload streams on to the handler untouched.
        return match multipart_token(&parts.headers, body).await {
            Some((token, body)) if same_secret(&token, &official.csrf_token) => {
                next.run(Request::from_parts(parts, body)).await
            }
            _ => WebError::Csrf.into_response(),
        };
    }
    let Ok(bytes) = to_bytes(body, FORM_LIMIT).await else {
        return WebError::BadRequest(ErrorCode::HttpBodyTooLarge).into_response();
    };
    let fields: Vec<(String, String)> = serde_urlencoded::from_bytes(&bytes).unwrap_or_default();
    let token = fields
        .iter()
        .find(|(k, _)| k == "csrf")
        .map(|(_, v)| v.as_str())
        .unwrap_or("");
    if !same_secret(token, &official.csrf_token) {
        return WebError::Csrf.into_response();
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

/// True unless the browser says the request came from another site.
/// The most read of an upload before its first field must have ended.
const FIRST_FIELD_LIMIT: usize = 64 * 1024;

/// The value of a multipart body's first field when it is `csrf`, and the body again, whole, to stream on.
async fn multipart_token(headers: &axum::http::HeaderMap, body: Body) -> Option<(String, Body)> {
    use futures_util::StreamExt;
    let boundary = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|t| multer::parse_boundary(t).ok())?;
    let end_of_first = format!("\r\n--{boundary}");
    let mut stream = body.into_data_stream();
    let mut read: Vec<axum::body::Bytes> = Vec::new();
    let mut seen = Vec::new();
    // Read until the first part has ended (its closing boundary is in), never more than the limit.
    while !seen
        .windows(end_of_first.len())
        .any(|w| w == end_of_first.as_bytes())
    {
        if seen.len() > FIRST_FIELD_LIMIT {
            return None;
        }
        let chunk = stream.next().await?.ok()?;
        seen.extend_from_slice(&chunk);
        read.push(chunk);
    }
    let head = futures_util::stream::iter(
        read.clone()
            .into_iter()
            .map(Ok::<_, std::convert::Infallible>),
    );
    let mut fields = multer::Multipart::new(head, boundary);
    let field = fields.next_field().await.ok()??;
    if field.name() != Some("csrf") {
        return None;
    }
    let token = field.text().await.ok()?;
    let rest = futures_util::stream::iter(read.into_iter().map(Ok::<_, axum::Error>)).chain(stream);
    Some((token, Body::from_stream(rest)))
}

pub fn same_origin(headers: &axum::http::HeaderMap, public_url: Option<&str>) -> bool {
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return true;
    };
    let origin_host = authority(origin);
    // Behind a reverse proxy the Host header may be rewritten; the configured public address is the truth.
    if let Some(public) = public_url {
        return origin_host.eq_ignore_ascii_case(authority(public));
    }
    headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|host| origin_host.eq_ignore_ascii_case(host))
}

/// `host[:port]` of an address such as `https://gk.example.gov.cn/portal`.
fn authority(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    rest.split('/').next().unwrap_or(rest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::{HeaderMap, HeaderValue};

    #[test]
    fn another_site_is_refused() {
        let mut h = HeaderMap::new();
        assert!(
            same_origin(&h, None),
            "no Origin header: older browsers and tools"
        );
        h.insert(header::HOST, HeaderValue::from_static("127.0.0.1:8080"));
        h.insert(
            header::ORIGIN,
            HeaderValue::from_static("http://127.0.0.1:8080"),
        );
        assert!(same_origin(&h, None));
        h.insert(
            header::ORIGIN,
            HeaderValue::from_static("https://evil.example"),
        );
        assert!(!same_origin(&h, None));
        // Behind a proxy that rewrote Host, the public address decides.
        h.insert(
            header::ORIGIN,
            HeaderValue::from_static("https://gk.example.gov.cn"),
        );
        assert!(same_origin(&h, Some("https://gk.example.gov.cn/")));
        assert!(!same_origin(&h, Some("https://other.example.gov.cn")));
    }
}
