//! The six section headings (一、总体情况 … 六、其他需要报告的事项) and the text between them.

use std::ops::Range;

use gongkai_domain::report::layout::SECTIONS;

use super::normalize::{CELL, Doc, is_key_char, key_of};

/// Accepted beginnings of each heading (as keys: no spaces or punctuation), national wording first.
const HEADINGS: [&[&str]; 6] = [
    &["一总体情况", "一概述", "一基本情况", "一工作概况"],
    &["二主动公开"],
    &["三收到和处理", "三依申请公开", "三收到和答复"],
    &[
        "四政府信息公开行政复议",
        "四行政复议",
        "四因政府信息公开",
        "四政府信息公开复议",
        "四政府信息公开行政",
    ],
    &[
        "五存在的主要问题",
        "五存在问题",
        "五主要问题",
        "五政府信息公开工作存在",
        "五工作中存在",
        "五存在的问题",
    ],
    &["六其他需要报告", "六其他事项", "六其他"],
];

/// Finds the headings in order; a heading must begin a line or follow a space or a punctuation mark, so
/// that a numeral inside a sentence is not taken for one.
pub(crate) fn find(doc: &Doc) -> [Option<Range<usize>>; 6] {
    let mut found: [Option<Range<usize>>; 6] = Default::default();
    let mut cursor = 0;
    for (i, alternatives) in HEADINGS.iter().enumerate() {
        let mut best: Option<Range<usize>> = None;
        for key in alternatives.iter() {
            let mut from = cursor;
            while let Some(hit) = doc.find(key, from, doc.len()) {
                // A table value may run straight into the next heading (`…0 00五、存在的主要问题`).
                let starts_clean = hit.start == 0 || {
                    let before = doc.chars[hit.start - 1];
                    !is_key_char(before) || before.is_ascii_digit()
                };
                // A heading printed in its full national wording is one wherever it stands.
                let (num, title) = SECTIONS[i];
                let full = doc.find(
                    &key_of(&format!("{num}{title}")),
                    hit.start,
                    (hit.start + 40).min(doc.len()),
                );
                if starts_clean || full.is_some_and(|f| f.start == hit.start) {
                    if best.as_ref().is_none_or(|b| hit.start < b.start) {
                        best = Some(hit);
                    }
                    break;
                }
                from = hit.start + 1;
            }
        }
        if let Some(hit) = best {
            let end = heading_end(doc, hit.clone(), i);
            cursor = end;
            found[i] = Some(hit.start..end);
        }
    }
    found
}

/// A heading runs on to the end of its national wording when it is printed in full; otherwise up to a line
/// break, a space, a digit or a few characters, so that a table title glued to it is not swallowed.
fn heading_end(doc: &Doc, hit: Range<usize>, section: usize) -> usize {
    let (num, title) = SECTIONS[section];
    let full = key_of(&format!("{num}{title}"));
    if let Some(whole) = doc.find(&full, hit.start, (hit.start + 40).min(doc.len()))
        && whole.start == hit.start
    {
        return whole.end;
    }
    let limit = (hit.end + 12).min(doc.len());
    let mut end = hit.end;
    while end < limit {
        let c = doc.chars[end];
        if c == '\n' || c == CELL || c.is_whitespace() || c.is_ascii_digit() || c == '。' {
            break;
        }
        end += 1;
    }
    end
}

/// Text of a range with table cell breaks turned into spaces, lines trimmed and blank lines dropped.
pub(crate) fn clean_text(doc: &Doc, range: Range<usize>) -> String {
    // One pass: runs of spaces and cell breaks become one space, lines are trimmed (and lose a leading
    // markdown `#`), blank lines go.
    let chars = &doc.chars[range.start.min(doc.len())..range.end.min(doc.len())];
    let mut out = String::with_capacity(chars.len() * 3);
    let mut line = String::new();
    let flush = |line: &mut String, out: &mut String| {
        let t = line.trim_start_matches('#').trim();
        if !t.is_empty() {
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(t);
        }
        line.clear();
    };
    for &c in chars {
        if c == '\n' {
            flush(&mut line, &mut out);
        } else if c == CELL || c == ' ' {
            if !line.is_empty() && !line.ends_with(' ') {
                line.push(' ');
            }
        } else {
            line.push(c);
        }
    }
    flush(&mut line, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_in_order_and_not_inside_sentences() {
        let text = "报告包括总体情况、主动公开等。\n一、总体情况\n正文\n二、主动公开政府信息情况\n表\n三、收到和处理政府信息公开申请情况\n四、结转下年度继续办理\n四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及整改措施 2023年\n六、其他需要报告的事项\n无";
        let doc = Doc::new(text, false);
        let h = find(&doc);
        let names: Vec<String> = h
            .iter()
            .map(|r| r.clone().map(|r| doc.text(r)).unwrap_or_default())
            .collect();
        assert_eq!(names[0], "一、总体情况");
        assert_eq!(names[3], "四、政府信息公开行政复议、行政诉讼情况");
        assert_eq!(names[4], "五、存在的主要问题及整改措施");
        assert_eq!(names[5], "六、其他需要报告的事项");
    }
}
