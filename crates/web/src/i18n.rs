//! The web's side of the message catalogue ([`gongkai_app::messages`]): the visitor's language as an axum
//! extractor and what templates and handlers need re-exported. `Lang` is a newtype because the orphan rule
//! forbids implementing axum's extractor trait on the catalogue's own language type.

use std::convert::Infallible;

use axum::extract::FromRequestParts;
use axum::http::HeaderMap;
use axum::http::request::Parts;

pub use gongkai_app::messages::{Coded, Messages, Said, Texts};

/// The cookie that remembers the language a visitor chose.
pub const LANG_COOKIE: &str = "gongkai_lang";

/// The visitor's language; `*lang` is the catalogue's [`gongkai_app::messages::Lang`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Lang(pub gongkai_app::messages::Lang);

impl std::ops::Deref for Lang {
    type Target = gongkai_app::messages::Lang;

    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl Lang {
    pub const ZH: Lang = Lang(gongkai_app::messages::Lang::Zh);
    pub const EN: Lang = Lang(gongkai_app::messages::Lang::En);

    pub fn from_code(code: &str) -> Option<Self> {
        gongkai_app::messages::Lang::from_code(code).map(Self)
    }

    pub fn other(self) -> Self {
        Self(self.0.other())
    }

    /// A `lang=` query parameter, then the visitor's saved choice, then the browser's first preference;
    /// Chinese unless English is asked for.
    pub fn negotiate(query: Option<&str>, headers: &HeaderMap) -> Self {
        let from_query = query.and_then(|q| {
            q.split('&')
                .find_map(|pair| pair.strip_prefix("lang="))
                .and_then(Self::from_code)
        });
        from_query
            .or_else(|| {
                crate::security::cookie(headers, LANG_COOKIE).and_then(|v| Self::from_code(&v))
            })
            .or_else(|| {
                let accept = headers.get("accept-language")?.to_str().ok()?;
                let first = accept
                    .split(',')
                    .next()?
                    .split(';')
                    .next()?
                    .trim()
                    .to_ascii_lowercase();
                Some(if first.starts_with("en") {
                    Self::EN
                } else {
                    Self::ZH
                })
            })
            .unwrap_or(Self::ZH)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Lang {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Self::negotiate(parts.uri.query(), &parts.headers))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_unless_english_is_asked_for() {
        let mut h = HeaderMap::new();
        assert_eq!(Lang::negotiate(None, &h), Lang::ZH);
        h.insert("accept-language", "en-US,en;q=0.9".parse().expect("header"));
        assert_eq!(Lang::negotiate(None, &h), Lang::EN);
        assert_eq!(Lang::negotiate(Some("a=1&lang=zh-CN"), &h), Lang::ZH);
        h.insert("cookie", "x=1; gongkai_lang=zh-CN".parse().expect("header"));
        assert_eq!(Lang::negotiate(None, &h), Lang::ZH);
    }
}
