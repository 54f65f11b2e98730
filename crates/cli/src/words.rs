//! The command line's words. Its runtime messages come from the locale files of [`gongkai_app::messages`],
//! printed in both languages, `中文 / English`, since a terminal has no language negotiation; only clap's help
//! text stays in the argument definitions.

use std::sync::OnceLock;

use gongkai_app::messages::{Arg, Coded, Messages, Said};

/// The built-in catalogue, read once.
pub fn messages() -> &'static Messages {
    static MESSAGES: OnceLock<Messages> = OnceLock::new();
    MESSAGES.get_or_init(|| {
        Messages::builtin().unwrap_or_else(|e| {
            tracing::error!(error = %e, "the built-in messages cannot be read; codes are shown instead");
            Messages::default()
        })
    })
}

/// A lower layer's coded value in both languages.
pub fn both(value: &dyn Coded) -> String {
    messages().say_both(value)
}

/// One of the command line's own messages (`cli.*`) with its arguments, in both languages.
pub fn say(code: &'static str, args: Vec<(&'static str, Arg)>) -> String {
    both(&Said { code, args })
}

/// A UI text without arguments, in both languages.
pub fn text(code: &'static str) -> String {
    messages().text_both(code)
}
