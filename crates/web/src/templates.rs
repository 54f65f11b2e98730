//! Page rendering: minijinja templates built into the binary, given the message catalogue of the visitor's
//! language as `t`. Printing an undefined value is an error (a truth test of one is not), so a template that prints a missing message
//! fails its test instead of printing nothing.

use axum::response::Html;
use minijinja::{Environment, UndefinedBehavior, Value, context};

use crate::error::WebError;
use crate::i18n::{Lang, Messages};

macro_rules! templates {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../templates/", $name)))),*]
    };
}

/// Every template, by name.
pub const TEMPLATES: &[(&str, &str)] = templates![
    "base.html",
    "error.html",
    "partials/contact.html",
    "portal/home.html",
    "console/layout.html",
    "console/login.html",
    "console/home.html",
    "console/agency.html",
    "console/agency_edit.html",
    "console/agency_new.html",
    "console/accounts.html",
    "console/tokens.html",
    "console/token_revoke.html",
    "console/audit.html",
    "console/security.html",
    "console/password.html",
    "partials/column.html",
    "console/catalog.html",
    "console/draft_fields.html",
    "console/item_new.html",
    "console/item.html",
    "console/item_publish.html",
    "portal/column.html",
    "portal/list.html",
    "portal/guide.html",
    "portal/page.html",
    "portal/item.html",
    "portal/search.html",
    "portal/reports.html",
    "portal/deadline.html",
    "portal/apply.html",
    "portal/apply_done.html",
    "portal/status.html",
    "portal/report.html",
    "console/applications.html",
    "console/application.html",
    "console/decide_preview.html",
    "partials/application_fields.html",
    "console/register_application.html",
    "console/registered.html",
    "console/statistics.html",
    "console/oversight.html",
    "console/search.html",
    "console/report.html",
    "console/appeals.html",
    "console/appeal_new.html",
    "console/appeal_decide.html",
    "feed.xml",
    "sitemap.xml",
    "sitemap_index.xml",
];

pub struct Templates {
    env: Environment<'static>,
    messages: Messages,
}

impl Templates {
    pub fn new() -> Result<Self, String> {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::SemiStrict);
        for (name, source) in TEMPLATES {
            env.add_template(name, source)
                .map_err(|e| format!("template {name}: {e}"))?;
        }
        env.add_filter("datetime", format_datetime);
        env.add_filter("item_href", item_href_filter);
        Ok(Self {
            env,
            messages: Messages::builtin()?,
        })
    }

    pub fn messages(&self) -> &Messages {
        &self.messages
    }

    /// Renders a non-HTML template (a feed, the sitemap) to text; `.xml` templates escape as XML.
    pub fn render_text(&self, name: &str, lang: Lang, ctx: Value) -> Result<String, WebError> {
        self.render(name, lang, ctx).map(|html| html.0)
    }

    /// Renders `name` with `ctx` plus the messages (`t`) and language (`lang`, `other_lang`) of `lang`.
    pub fn render(&self, name: &str, lang: Lang, ctx: Value) -> Result<Html<String>, WebError> {
        let template = self.env.get_template(name)?;
        let full = context! {
            t => Value::from(minijinja::value::Serde(self.messages.texts(*lang))),
            lang => lang.code(),
            other_lang => lang.other().code(),
            ..ctx
        };
        Ok(Html(template.render(full)?))
    }
}

/// Any serialisable value for a template context.
pub fn ser<T: serde::Serialize + ?Sized>(value: &T) -> Value {
    Value::from(minijinja::value::Serde(value))
}

/// The public address of an item: its 索引号 in the path, percent-encoded (imported numbers may hold any text).
pub fn item_href(index_no: String) -> String {
    format!("/items/{}", crate::error::encode_path(&index_no))
}

/// The public address of an attachment: its id and its original name, percent-encoded as one path segment.
pub fn attachment_href(id: i64, file_name: &str) -> String {
    format!("/attachments/{id}/{}", attachment_name(file_name))
}

/// A file name percent-encoded as one path segment (a `/` in it is encoded too).
pub fn attachment_name(file_name: &str) -> String {
    crate::error::encode_path(file_name).replace('/', "%2F")
}

/// [`item_href`] for templates. Percent-encoding leaves only letters, digits and `/-_.~%`, none of which HTML
/// or XML needs escaped, so the address is printed as it is.
fn item_href_filter(index_no: String) -> Value {
    Value::from_safe_string(item_href(index_no))
}

/// Milliseconds since the epoch as a date and time in Beijing time (UTC+8, no daylight saving since 1991).
fn format_datetime(ms: i64) -> String {
    let offset = chrono::FixedOffset::east_opt(8 * 3600);
    match (chrono::DateTime::from_timestamp_millis(ms), offset) {
        (Some(t), Some(offset)) => t
            .with_timezone(&offset)
            .format("%Y-%m-%d %H:%M:%S")
            .to_string(),
        _ => ms.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_shown_in_beijing_time() {
        assert_eq!(format_datetime(0), "1970-01-01 08:00:00");
    }

    /// Every `t.key` a template uses exists in the catalogue.
    #[test]
    fn templates_only_use_messages_that_exist() {
        let templates = Templates::new().expect("templates");
        let re = regex_lite_keys();
        for (name, source) in TEMPLATES {
            for key in re(source) {
                assert!(
                    templates.messages.texts(*Lang::ZH).contains_key(&key),
                    "{name} uses t.{key}, missing from the catalogue"
                );
            }
        }
    }

    fn regex_lite_keys() -> impl Fn(&str) -> Vec<String> {
        |source: &str| {
            let mut keys = Vec::new();
            let mut rest = source;
            while let Some(i) = rest.find("t.") {
                let before = rest[..i].chars().last();
                rest = &rest[i + 2..];
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.') {
                    continue;
                }
                let key: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if !key.is_empty() {
                    keys.push(key);
                }
            }
            keys
        }
    }
}
