//! Splitting the typed text into plain runs and quoted phrases.

pub(crate) fn is_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”')
}

/// Splits off the phrases: text in double quotes (ASCII or Chinese) that stand at the edges of a run
/// between spaces, `"公共资源交易"`. Quotes inside a run are part of what was typed (a title such as
/// `市本级“三公”经费`, copied in part) and stay in the text, where they match as characters; an unpaired
/// quote is ordinary text rather than an error: users paste half-quoted titles.
pub(crate) fn segments(text: &str) -> Vec<(bool, &str)> {
    let mut out = Vec::new();
    let mut plain_from = 0;
    let mut at = 0;
    while let Some((i, c)) = text[at..].char_indices().next().map(|(i, c)| (at + i, c)) {
        at = i + c.len_utf8();
        let opens = is_quote(c)
            && text[..i]
                .chars()
                .next_back()
                .is_none_or(char::is_whitespace);
        if !opens {
            continue;
        }
        // The closing quote: the first one that ends a run.
        let close = text[at..].char_indices().find(|&(j, q)| {
            let after = at + j + q.len_utf8();
            is_quote(q) && text[after..].chars().next().is_none_or(char::is_whitespace)
        });
        if let Some((j, q)) = close {
            out.push((false, &text[plain_from..i]));
            out.push((true, &text[at..at + j]));
            at += j + q.len_utf8();
            plain_from = at;
        }
    }
    out.push((false, &text[plain_from..]));
    out
}

#[cfg(test)]
mod tests {
    use super::segments;

    #[test]
    fn quotes_mark_phrases_and_an_unpaired_quote_is_text() {
        assert_eq!(
            segments(r#"a "b c" d"#),
            vec![(false, "a "), (true, "b c"), (false, " d")]
        );
        assert_eq!(
            segments("“公共资源”"),
            vec![(false, ""), (true, "公共资源"), (false, "")]
        );
        assert_eq!(segments(r#"a "b"#), vec![(false, r#"a "b"#)]);
        assert_eq!(
            segments("市本级“三公”经费"),
            vec![(false, "市本级“三公”经费")]
        );
        assert_eq!(
            segments("“三公” 经费"),
            vec![(false, ""), (true, "三公"), (false, " 经费")]
        );
    }
}
