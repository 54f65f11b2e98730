//! The OpenAPI document's words come from the locale files like every other text: the `#[utoipa::path]`
//! attributes name message keys (`api.…`), and the served document carries each as `中文 / English`, the way
//! the API has always described itself.

use utoipa::openapi::path::Operation;
use utoipa::openapi::{OpenApi, RefOr};

use crate::i18n::Messages;

/// `key` in both languages when it is a message key; anything else as it is.
fn words(messages: &Messages, key: &str) -> String {
    if key.starts_with("api.") && messages.has(gongkai_app::messages::Lang::Zh, key) {
        messages.text_both(key)
    } else {
        key.to_owned()
    }
}

fn translate_operation(messages: &Messages, op: &mut Operation) {
    for response in op.responses.responses.values_mut() {
        if let RefOr::T(r) = response {
            r.description = words(messages, &r.description);
        }
    }
    for parameter in op.parameters.iter_mut().flatten() {
        if let RefOr::T(p) = parameter
            && let Some(d) = &p.description
        {
            p.description = Some(words(messages, d));
        }
    }
}

/// Every message key of the document replaced by its words.
pub fn translated(mut doc: OpenApi, messages: &Messages) -> OpenApi {
    if let Some(d) = &doc.info.description {
        doc.info.description = Some(words(messages, d));
    }
    for item in doc.paths.paths.values_mut() {
        for op in [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.patch,
        ]
        .into_iter()
        .flatten()
        {
            translate_operation(messages, op);
        }
    }
    doc
}
