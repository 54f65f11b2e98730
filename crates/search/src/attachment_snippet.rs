//! The snippet of a hit whose words were found in an attachment rather than in the body: the attachment's
//! name and its text around the first place the query occurs. Located by plain substring search in the
//! stored head of each attachment's text, so no long text is run through the tokenizer for a snippet.

use tantivy::TantivyDocument;
use tantivy::schema::{Field, Value};

use crate::highlight::{mark, occurrences};
use crate::index::ATTACHMENT_NAME_END;
use crate::search::SNIPPET_BYTES;

/// Characters shown before the match, so the sentence it sits in can be read.
const LEAD_CHARS: usize = 24;

/// The attachment that holds more of the query than the body does (`body` is the stored head of the body),
/// as its file name and a highlighted snippet: a run the visitor typed counts for more than all its words. An
/// attachment matched by its name only gives the opening of its text, when the body holds nothing of the
/// query. `None` when the body is the better place.
pub(crate) fn find(
    doc: &TantivyDocument,
    field: Field,
    body: &str,
    fragments: &[String],
    words: &[String],
) -> Option<(String, String)> {
    let stored: Vec<(&str, &str)> = doc
        .get_all(field)
        .filter_map(|v| v.as_str())
        .filter_map(|s| s.split_once(ATTACHMENT_NAME_END))
        .collect();
    if stored.is_empty() {
        return None;
    }
    let needles = needles(fragments, words);
    let in_body = coverage(body, fragments, words);
    let best = stored
        .iter()
        .map(|(name, text)| (coverage(text, fragments, words), *name, *text))
        .filter(|(score, _, _)| *score > in_body)
        .max_by_key(|(score, _, _)| *score);
    if let Some((_, name, text)) = best {
        let lower = text.to_ascii_lowercase();
        let at = needles
            .iter()
            .find_map(|n| lower.find(n.as_str()))
            .unwrap_or_default();
        return Some((name.to_string(), around(text, at, &needles)));
    }
    if in_body > 0 {
        return None;
    }
    stored.iter().find_map(|(name, text)| {
        let lower = name.to_ascii_lowercase();
        needles
            .iter()
            .any(|n| lower.contains(n.as_str()))
            .then(|| (name.to_string(), around(text, 0, &[])))
    })
}

/// What is looked for and marked: the runs typed, then their words of two characters or more (a single
/// character such as 和 or 的 would be marked all over the snippet); single characters only when nothing
/// longer was searched.
fn needles(fragments: &[String], words: &[String]) -> Vec<String> {
    let longer: Vec<String> = fragments
        .iter()
        .chain(words)
        .filter(|n| n.chars().count() >= 2)
        .cloned()
        .collect();
    if !longer.is_empty() {
        return longer;
    }
    words.iter().filter(|w| !w.is_empty()).cloned().collect()
}

/// How much of the query `text` holds: each whole fragment counts for more than every word together, then
/// one for each distinct word.
fn coverage(text: &str, fragments: &[String], words: &[String]) -> usize {
    let lower = text.to_ascii_lowercase();
    let holds = |n: &String| !n.is_empty() && lower.contains(n.as_str());
    let whole = fragments.iter().filter(|f| holds(f)).count();
    let mut seen: Vec<&String> = words.iter().filter(|w| holds(w)).collect();
    seen.sort_unstable();
    seen.dedup();
    whole * (words.len() + 1) + seen.len()
}

/// About [`SNIPPET_BYTES`] of `text` from a little before byte `at`, with the needles marked.
fn around(text: &str, at: usize, needles: &[String]) -> String {
    let start = text[..at]
        .char_indices()
        .rev()
        .nth(LEAD_CHARS - 1)
        .map_or(0, |(i, _)| i);
    let mut end = (start + SNIPPET_BYTES).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let window = &text[start..end];
    let mut html = String::new();
    if start > 0 {
        html.push('…');
    }
    html.push_str(&mark(window, &occurrences(window, needles)));
    if end < text.len() {
        html.push('…');
    }
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_run_outweighs_its_scattered_words() {
        let fragments = ["拨款收入合计".to_owned()];
        let words = ["拨款".to_owned(), "收入".to_owned(), "合计".to_owned()];
        let scattered = coverage("收入与拨款的合计", &fragments, &words);
        let whole = coverage("拨款收入合计三千万元", &fragments, &words);
        assert_eq!((scattered, whole), (3, 7));
    }

    #[test]
    fn the_snippet_starts_a_little_before_the_match_and_marks_it() {
        let text = format!(
            "{}现将有关事项通知如下{}",
            "前文".repeat(40),
            "后文".repeat(100)
        );
        let at = text.find("有关事项").expect("in text");
        let html = around(&text, at, &["有关事项".to_owned()]);
        assert!(html.starts_with('…') && html.ends_with('…'), "{html}");
        assert!(html.contains("现将<mark>有关事项</mark>通知如下"), "{html}");
        assert_eq!(html.matches("前文").count(), 11, "{html}");
    }
}
