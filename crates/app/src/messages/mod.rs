//! The message catalogue: every word a user reads, in Chinese (complete, the default) and English (complete),
//! kept in `locales/zh-CN.toml` and `locales/en.toml` and nowhere else. Both front ends translate through it:
//! the web's templates read the UI texts as `t.key`, and the web and the command line turn a lower layer's
//! [`Coded`] value (a stable code plus typed arguments) into a sentence with [`Messages::say`].
//!
//! Keys: UI texts have plain keys (`portal_title`); the web's error pages use `error_<code with _ for .>`; a
//! code of the domain, store, report or search layers is its own key, quoted because it holds dots
//! (`"clock.decided" = "{on} 作出答复"`).

mod fill;

use std::collections::BTreeMap;

pub use fill::fill;
pub use gongkai_domain::message::{Arg, Args, Coded, Said};

const ZH_CN: &str = include_str!("../../locales/zh-CN.toml");
const EN: &str = include_str!("../../locales/en.toml");

/// A language of the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

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
}

/// One language's messages by key.
pub type Texts = BTreeMap<String, String>;

/// Both languages' messages. The default is empty: every code then shows as itself, which is what a
/// front end falls back to if the built-in catalogue could not be read (the tests make sure it can).
#[derive(Debug, Clone, Default)]
pub struct Messages {
    zh: Texts,
    en: Texts,
}

impl Messages {
    /// Reads the catalogues built into the binary.
    pub fn builtin() -> Result<Self, String> {
        let parse = |name: &str, text: &str| -> Result<Texts, String> {
            toml::from_str(text).map_err(|e| format!("locales/{name}.toml: {e}"))
        };
        Ok(Self {
            zh: parse("zh-CN", ZH_CN)?,
            en: parse("en", EN)?,
        })
    }

    /// The built-in catalogue, read once per process; empty (codes show as themselves) if it could not be read,
    /// which the tests rule out.
    pub fn shared() -> &'static Messages {
        static SHARED: std::sync::OnceLock<Messages> = std::sync::OnceLock::new();
        SHARED.get_or_init(|| Messages::builtin().unwrap_or_default())
    }

    /// One message, if it exists (borrowed from the catalogue alone, so a `'static` catalogue gives a
    /// `'static` text).
    pub fn get(&self, lang: Lang, key: &str) -> Option<&str> {
        self.texts(lang).get(key).map(String::as_str)
    }

    /// The UI name of a thing whose key is `<prefix>.<code>` (`category.a20_01`), or the code itself.
    pub fn name<'a>(&'a self, lang: Lang, prefix: &str, code: &'a str) -> &'a str {
        self.get(lang, &format!("{prefix}.{code}")).unwrap_or(code)
    }

    /// Every message of one language (what templates read as `t`).
    pub fn texts(&self, lang: Lang) -> &Texts {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }

    /// One message; the key itself if it is missing (the tests make sure none is).
    pub fn text<'a>(&'a self, lang: Lang, key: &'a str) -> &'a str {
        self.texts(lang).get(key).map_or(key, String::as_str)
    }

    /// Whether `key` has a non-empty message in `lang`.
    pub fn has(&self, lang: Lang, key: &str) -> bool {
        self.texts(lang)
            .get(key)
            .is_some_and(|t| !t.trim().is_empty())
    }

    /// A coded value in `lang`: its message with the placeholders filled. A code without a message shows as
    /// the code and its arguments (which the tests make sure never happens) rather than as nothing.
    pub fn say(&self, lang: Lang, value: &dyn Coded) -> String {
        let args = value.args();
        match self.texts(lang).get(value.code()) {
            Some(template) => fill(template, &args, |arg| self.arg(lang, arg)),
            None => Said {
                code: value.code(),
                args,
            }
            .to_string(),
        }
    }

    /// Both languages, `中文 / English`: what the command line prints and what the API has always answered.
    pub fn say_both(&self, value: &dyn Coded) -> String {
        format!(
            "{} / {}",
            self.say(Lang::Zh, value),
            self.say(Lang::En, value)
        )
    }

    /// A UI text in both languages, `中文 / English`.
    pub fn text_both(&self, key: &str) -> String {
        format!(
            "{} / {}",
            self.text(Lang::Zh, key),
            self.text(Lang::En, key)
        )
    }

    /// An argument as text in `lang`: words and nested messages are translated, the rest printed as is.
    fn arg(&self, lang: Lang, arg: &Arg) -> String {
        match arg {
            Arg::Word(code) => self.text(lang, code).to_owned(),
            Arg::Said(said) => self.say(lang, said.as_ref()),
            other => other.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_locale_files_hold_the_same_keys_and_no_empty_text() {
        let c = Messages::builtin().expect("catalogues parse");
        let only_zh: Vec<_> = c.zh.keys().filter(|k| !c.en.contains_key(*k)).collect();
        let only_en: Vec<_> = c.en.keys().filter(|k| !c.zh.contains_key(*k)).collect();
        assert!(
            only_zh.is_empty() && only_en.is_empty(),
            "zh only {only_zh:?}, en only {only_en:?}"
        );
        for lang in Lang::ALL {
            for (k, v) in c.texts(lang) {
                assert!(!v.trim().is_empty(), "{}: {k} is empty", lang.code());
            }
        }
        assert!(c.zh.len() > 50, "{} messages", c.zh.len());
    }

    #[test]
    fn a_coded_value_is_said_in_either_language_or_both() {
        let c = Messages::builtin().expect("catalogues parse");
        let said = Said {
            code: "calendar.no_data",
            args: vec![("year", Arg::number(2031))],
        };
        let zh = c.say(Lang::Zh, &said);
        assert!(zh.contains("2031") && !zh.contains("{year}"), "{zh}");
        assert_eq!(
            c.say_both(&said),
            format!("{zh} / {}", c.say(Lang::En, &said))
        );
        let unknown = Said {
            code: "no.such_code",
            args: vec![("n", Arg::number(1))],
        };
        assert_eq!(c.say(Lang::En, &unknown), "no.such_code(n=1)");
    }
}
