//! Small security primitives of the web: token hashing, constant-time comparison, cookies and the
//! response headers every page carries.

use axum::http::{HeaderMap, HeaderValue, header};
use subtle::ConstantTimeEq;

/// What the store keeps of a session token.
pub fn token_hash(token: &str) -> String {
    gongkai_app::secrets::token_hash(token)
}

/// Compares two secrets without leaking, through timing, how much of them matched.
pub fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

/// A cookie's value from the request.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|line| {
            line.split(';').find_map(|pair| {
                let (k, v) = pair.trim().split_once('=')?;
                (k == name).then(|| v.trim().to_owned())
            })
        })
}

/// How a cookie is set: HttpOnly and SameSite always, Secure when the site is served over HTTPS.
#[derive(Debug, Clone, Copy)]
pub struct CookiePolicy {
    pub secure: bool,
}

impl CookiePolicy {
    pub fn set(&self, name: &str, value: &str, path: &str, max_age_secs: i64) -> HeaderValue {
        let secure = if self.secure { "; Secure" } else { "" };
        let line = format!(
            "{name}={value}; Path={path}; Max-Age={max_age_secs}; HttpOnly; SameSite=Lax{secure}"
        );
        HeaderValue::from_str(&line)
            .unwrap_or_else(|_| HeaderValue::from_static("invalid=1; Max-Age=0"))
    }

    pub fn clear(&self, name: &str, path: &str) -> HeaderValue {
        self.set(name, "", path, 0)
    }

    /// The session cookie's name; `__Host-` binds it to this host and path `/` when the site uses HTTPS.
    pub fn session_cookie(&self) -> &'static str {
        if self.secure {
            "__Host-gongkai_session"
        } else {
            "gongkai_session"
        }
    }
}

/// Headers on every response: no framing, no type sniffing, resources only from this site.
pub const SECURITY_HEADERS: [(&str, &str); 4] = [
    (
        "content-security-policy",
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; \
         form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    ),
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "same-origin"),
    ("x-frame-options", "DENY"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_compared_whole() {
        let a = gongkai_app::secrets::random_token().expect("random");
        let b = gongkai_app::secrets::random_token().expect("random");
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert!(same_secret(&a, &a.clone()));
        assert!(!same_secret(&a, &b));
        assert!(!same_secret(&a, &a[..63]));
        assert_ne!(token_hash(&a), a);
    }

    #[test]
    fn cookies_are_read_from_any_cookie_header() {
        let mut h = HeaderMap::new();
        h.append(
            header::COOKIE,
            HeaderValue::from_static("a=1; gongkai_session=abc"),
        );
        assert_eq!(cookie(&h, "gongkai_session").as_deref(), Some("abc"));
        assert_eq!(cookie(&h, "b"), None);
    }
}
