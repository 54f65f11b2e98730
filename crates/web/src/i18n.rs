//! The message catalogue: every piece of UI text, in Chinese (complete, the default) and English (complete).
//! Templates read messages as `t.key`; a missing key is an error, caught by the tests.

use std::collections::BTreeMap;
use std::convert::Infallible;

use axum::extract::FromRequestParts;
use axum::http::HeaderMap;
use axum::http::request::Parts;

const ZH_CN: &str = include_str!("../locales/zh-CN.toml");
const EN: &str = include_str!("../locales/en.toml");

/// The cookie that remembers the language a visitor chose.
pub const LANG_COOKIE: &str = "gongkai_lang";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Self::Zh => "zh-CN",
            Self::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code.trim().to_ascii_lowercase().as_str() {
            "zh" | "zh-cn" | "zh-hans" | "zh_cn" => Some(Self::Zh),
            "en" | "en-us" | "en-gb" => Some(Self::En),
            _ => None,
        }
    }

    pub fn other(self) -> Self {
        match self {
            Self::Zh => Self::En,
            Self::En => Self::Zh,
        }
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
                    Self::En
                } else {
                    Self::Zh
                })
            })
            .unwrap_or(Self::Zh)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Lang {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Self::negotiate(parts.uri.query(), &parts.headers))
    }
}

pub type Messages = BTreeMap<String, String>;

/// Both languages' messages.
#[derive(Debug, Clone)]
pub struct Catalogue {
    zh: Messages,
    en: Messages,
}

impl Catalogue {
    /// Reads the catalogues built into the binary.
    pub fn builtin() -> Result<Self, String> {
        let parse = |name: &str, text: &str| -> Result<Messages, String> {
            toml::from_str(text).map_err(|e| format!("locales/{name}.toml: {e}"))
        };
        Ok(Self {
            zh: parse("zh-CN", ZH_CN)?,
            en: parse("en", EN)?,
        })
    }

    pub fn messages(&self, lang: Lang) -> &Messages {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }

    /// One message; the key itself if it is missing (the tests make sure none is).
    pub fn text<'a>(&'a self, lang: Lang, key: &'a str) -> &'a str {
        self.messages(lang).get(key).map_or(key, String::as_str)
    }
}

/// The visitor's half of a domain message written `中文 / English` (the domain's errors and explanations carry
/// both); a text without the separator is returned whole.
pub fn half_of(text: &str, lang: Lang) -> String {
    match (text.split_once(" / "), lang) {
        (Some((zh, _)), Lang::Zh) => zh.to_owned(),
        (Some((_, en)), Lang::En) => en.to_owned(),
        (None, _) => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_catalogues_hold_the_same_keys_and_no_empty_text() {
        let c = Catalogue::builtin().expect("catalogues parse");
        let zh: Vec<_> = c.zh.keys().collect();
        let en: Vec<_> = c.en.keys().collect();
        let only_zh: Vec<_> = zh
            .iter()
            .filter(|k| !c.en.contains_key(k.as_str()))
            .collect();
        let only_en: Vec<_> = en
            .iter()
            .filter(|k| !c.zh.contains_key(k.as_str()))
            .collect();
        assert!(
            only_zh.is_empty() && only_en.is_empty(),
            "zh only {only_zh:?}, en only {only_en:?}"
        );
        for (lang, messages) in [("zh", &c.zh), ("en", &c.en)] {
            for (k, v) in messages {
                assert!(!v.trim().is_empty(), "{lang}: {k} is empty");
            }
        }
        assert!(c.zh.len() > 50, "{} messages", c.zh.len());
    }

    #[test]
    fn chinese_unless_english_is_asked_for() {
        let mut h = HeaderMap::new();
        assert_eq!(Lang::negotiate(None, &h), Lang::Zh);
        h.insert("accept-language", "en-US,en;q=0.9".parse().expect("header"));
        assert_eq!(Lang::negotiate(None, &h), Lang::En);
        assert_eq!(Lang::negotiate(Some("a=1&lang=zh-CN"), &h), Lang::Zh);
        h.insert("cookie", "x=1; gongkai_lang=zh-CN".parse().expect("header"));
        assert_eq!(Lang::negotiate(None, &h), Lang::Zh);
    }
}
