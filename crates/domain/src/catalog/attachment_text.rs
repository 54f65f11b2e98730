//! What reading an attachment's text gave. Search indexes the text of an attachment that was read; the others
//! are indexed by their file name only, and the console shows staff which ones and why, so that a scanned
//! notice can be replaced by one with a text layer (条例第二十四条: 公开的政府信息应当便于检索、查阅).

/// The outcome of reading one attachment's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TextOutcome {
    /// The text was read and is indexed.
    Text,
    /// No text layer: a scanned PDF or an image. Only its name is indexed.
    NoText,
    /// A format no reader here understands (OFD, ZIP, a zip-based WPS): only its name is indexed.
    Unsupported,
    /// Damaged or encrypted: only its name is indexed.
    Unreadable,
}

impl TextOutcome {
    pub const ALL: [TextOutcome; 4] = [
        Self::Text,
        Self::NoText,
        Self::Unsupported,
        Self::Unreadable,
    ];

    /// The stable code kept in the store and used in message keys.
    pub fn code(self) -> &'static str {
        match self {
            Self::Text => "text",
            Self::NoText => "no_text",
            Self::Unsupported => "unsupported",
            Self::Unreadable => "unreadable",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.code() == code)
    }

    /// Whether staff should be told: the attachment's words cannot be found by search.
    pub fn needs_attention(self) -> bool {
        self != Self::Text
    }
}

/// Fewer letters, digits or ideographs than this in a whole PDF means it has no real text layer: a scan
/// whose only text is a page number or a stamp's caption.
pub const MIN_MEANINGFUL_CHARS: usize = 20;

/// Whether extracted text carries words, rather than the stray characters a scanned document's text layer
/// (page numbers, a watermark) may hold.
pub fn has_meaningful_text(text: &str) -> bool {
    text.chars().filter(|c| c.is_alphanumeric()).count() >= MIN_MEANINGFUL_CHARS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_only_text_needs_no_attention() {
        for o in TextOutcome::ALL {
            assert_eq!(TextOutcome::from_code(o.code()), Some(o));
            assert_eq!(o.needs_attention(), o != TextOutcome::Text);
        }
        assert_eq!(TextOutcome::from_code("pdf"), None);
    }

    #[test]
    fn page_numbers_alone_are_no_text() {
        assert!(!has_meaningful_text("- 1 -\n- 2 -\n- 3 -\n"));
        assert!(has_meaningful_text(
            "孟州市人民政府办公室关于印发2026年政务公开工作要点的通知"
        ));
    }
}
