//! Errors of the web layer. Each has an HTTP status and a stable code; [`IntoResponse`] leaves a marker that
//! the page layer turns into a finished error page in the visitor's language (see [`crate::pages`]), or into
//! JSON under `/api`.

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use gongkai_domain::access::Denial;
use gongkai_store::StoreError;

pub use crate::error_code::ErrorCode;

#[derive(Debug, thiserror::Error)]
pub enum WebError {
    #[error("not signed in")]
    Unauthenticated { next: String },
    /// An API call without valid credentials (no token and no session, or a token unknown or revoked): 401,
    /// never a redirect to the login page.
    #[error("API credentials missing or not valid: {0}")]
    ApiUnauthorized(ErrorCode),
    #[error("forbidden: {}", .0.code())]
    Forbidden(Denial),
    /// The official's password was set by someone else and must be changed first: the console sends them to
    /// the change form; the API answers 403.
    #[error("the password must be changed first")]
    PasswordChangeRequired { api: bool },
    #[error("the form's CSRF token or origin does not match")]
    Csrf,
    #[error("not found")]
    NotFound,
    /// Not found, with a code that says what (a 404 that explains itself).
    #[error("not found: {0}")]
    NotFoundAs(ErrorCode),
    #[error("bad request: {0}")]
    BadRequest(ErrorCode),
    /// A request that is well formed but breaks a rule the schema cannot state (a 文号 that cannot be read, a
    /// date no published calendar reaches): 422.
    #[error("unprocessable: {0}")]
    Unprocessable(ErrorCode),
    /// Too many requests of this kind from this sender for now: 429 with `Retry-After`.
    #[error("too many requests: {code} (retry after {retry_after_secs} s)")]
    TooMany {
        code: ErrorCode,
        retry_after_secs: u64,
    },
    /// The request body is larger than its route accepts.
    #[error("payload too large")]
    TooLarge,
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("template: {0}")]
    Template(#[from] minijinja::Error),
    #[error("internal: {0}")]
    Internal(String),
}

impl From<gongkai_app::AppError> for WebError {
    fn from(e: gongkai_app::AppError) -> Self {
        use gongkai_app::AppError;
        match e {
            AppError::Store(e) => Self::Store(e),
            AppError::NotFound(ErrorCode::HttpNotFound) => Self::NotFound,
            AppError::NotFound(code) => Self::NotFoundAs(code),
            AppError::Refused(code) => Self::BadRequest(code),
            AppError::TooMany {
                code,
                retry_after_secs,
            } => Self::TooMany {
                code,
                retry_after_secs,
            },
            AppError::Search(e) => Self::Internal(format!("search index: {e}")),
            AppError::Internal(e) => Self::Internal(e),
        }
    }
}

/// Carried on an error response so the page layer can render it.
#[derive(Debug, Clone, Copy)]
pub struct ErrorMarker {
    pub code: ErrorCode,
}

impl WebError {
    pub fn status_code(&self) -> StatusCode {
        match self {
            Self::Unauthenticated { .. } => StatusCode::SEE_OTHER,
            Self::ApiUnauthorized(_) => StatusCode::UNAUTHORIZED,
            Self::Forbidden(_) | Self::Csrf => StatusCode::FORBIDDEN,
            Self::PasswordChangeRequired { api: true } => StatusCode::FORBIDDEN,
            Self::PasswordChangeRequired { api: false } => StatusCode::SEE_OTHER,
            Self::NotFound | Self::NotFoundAs(_) => StatusCode::NOT_FOUND,
            Self::BadRequest(_) => StatusCode::BAD_REQUEST,
            Self::Unprocessable(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Self::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Self::TooMany { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::Store(StoreError::NotFound { .. }) => StatusCode::NOT_FOUND,
            Self::Store(StoreError::Conflict { .. }) => StatusCode::CONFLICT,
            Self::Store(StoreError::Unreachable { .. }) => StatusCode::SERVICE_UNAVAILABLE,
            Self::Store(_) | Self::Template(_) | Self::Internal(_) => {
                StatusCode::INTERNAL_SERVER_ERROR
            }
        }
    }

    /// Stable code; its message key is [`ErrorCode::key`].
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Unauthenticated { .. } => ErrorCode::AuthRequired,
            Self::Forbidden(d) => ErrorCode::from(*d),
            Self::Csrf => ErrorCode::AuthCsrf,
            Self::PasswordChangeRequired { .. } => ErrorCode::AuthPasswordChange,
            Self::NotFound => ErrorCode::HttpNotFound,
            Self::NotFoundAs(code)
            | Self::BadRequest(code)
            | Self::Unprocessable(code)
            | Self::ApiUnauthorized(code) => *code,
            Self::TooLarge => ErrorCode::HttpBodyTooLarge,
            Self::TooMany { code, .. } => *code,
            Self::Store(e) => ErrorCode::from(e),
            Self::Template(_) | Self::Internal(_) => ErrorCode::HttpInternal,
        }
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        if let Self::Unauthenticated { next } = &self {
            let target = format!("/console/login?next={}", encode_path(next));
            return (StatusCode::SEE_OTHER, [(header::LOCATION, target)]).into_response();
        }
        if let Self::PasswordChangeRequired { api: false } = &self {
            return (
                StatusCode::SEE_OTHER,
                [(header::LOCATION, "/console/password")],
            )
                .into_response();
        }
        let status = self.status_code();
        if status.is_server_error() {
            tracing::error!(code = self.code().as_str(), error = %self, "request failed");
        }
        let mut response = match &self {
            // RFC 6750: a 401 names the scheme the API expects.
            Self::ApiUnauthorized(_) => {
                (status, [(header::WWW_AUTHENTICATE, "Bearer")]).into_response()
            }
            Self::TooMany {
                retry_after_secs, ..
            } => (
                status,
                [(header::RETRY_AFTER, retry_after_secs.max(&1).to_string())],
            )
                .into_response(),
            _ => status.into_response(),
        };
        response
            .extensions_mut()
            .insert(ErrorMarker { code: self.code() });
        response
    }
}

/// Percent-encodes a path for a query parameter (only what a path may hold is kept as is).
pub fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A `next=` target is followed only when it stays inside the console (no open redirect to another site) and
/// is a plain path (a control character such as CR/LF cannot go into a `Location` header).
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n)
            if n.starts_with("/console")
                && !n.starts_with("//")
                && !n.contains('\\')
                && !n.chars().any(|c| c.is_control() || c.is_whitespace()) =>
        {
            // What a browser would send: anything beyond ASCII percent-encoded, so the header is plain.
            n.bytes()
                .map(|b| {
                    if b.is_ascii() {
                        char::from(b).to_string()
                    } else {
                        format!("%{b:02X}")
                    }
                })
                .collect()
        }
        _ => "/console".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redirects_stay_in_the_console() {
        assert_eq!(
            safe_next(Some("/console/agencies/2")),
            "/console/agencies/2"
        );
        assert_eq!(safe_next(Some("https://evil.example/")), "/console");
        assert_eq!(safe_next(Some("//evil.example/console")), "/console");
        assert_eq!(safe_next(Some("/console\r\nSet-Cookie: x=1")), "/console");
        assert_eq!(safe_next(Some("/console/a b")), "/console");
        assert_eq!(
            safe_next(Some("/console/search?q=统计")),
            "/console/search?q=%E7%BB%9F%E8%AE%A1"
        );
        assert_eq!(safe_next(None), "/console");
        assert_eq!(encode_path("/console/a b?x"), "/console/a%20b%3Fx");
    }

    #[test]
    fn refusals_are_403_and_missing_records_404() {
        assert_eq!(
            WebError::Forbidden(Denial::Scope).status_code(),
            StatusCode::FORBIDDEN
        );
        assert_eq!(WebError::Csrf.status_code(), StatusCode::FORBIDDEN);
        let missing = WebError::Store(StoreError::NotFound { what: "agency" });
        assert_eq!(missing.status_code(), StatusCode::NOT_FOUND);
    }
}
