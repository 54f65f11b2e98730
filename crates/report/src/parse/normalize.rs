//! The document as the parser sees it: characters normalised (full-width digits and signs to ASCII, the many
//! spaces to one, markdown pipes to cell breaks, page markers blanked) with the byte offset each came from, and
//! a "key" view without spaces and punctuation in which labels are searched, so that `（一）予以 公开`,
//! `(一) 予以公开` and `一、予以公开` all match.

use std::ops::Range;

/// Cell break (tab, pipe, HTML cell boundary) as it appears in [`Doc::chars`].
pub(crate) const CELL: char = '\t';

pub(crate) struct Doc {
    /// Normalised characters.
    pub chars: Vec<char>,
    /// Byte offset in the input text of each normalised character.
    pub orig: Vec<u32>,
    /// Length of the input text in bytes.
    text_len: usize,
    /// The cells came from real table cells (HTML, DOCX), not from flattened text: a blank is a blank.
    pub exact_cells: bool,
    /// Letters, digits and CJK of `chars`, nothing else.
    key: String,
    /// For each byte of `key`, the index in `chars` of the character it belongs to.
    key_idx: Vec<u32>,
}

fn normalise_char(c: char) -> char {
    if c.is_ascii_graphic() && c != '|'
        || c == ' '
        || c == '\n'
        || c == '\t'
        || ('\u{4e00}'..='\u{9fff}').contains(&c)
    {
        return c;
    }
    match c {
        '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => {
            char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
        }
        '．' => '.',
        '－' | '﹣' | '‐' | '‑' | '–' => '-',
        '＋' => '+',
        '／' => '/',
        '（' => '(',
        '）' => ')',
        '｜' | '|' => CELL,
        '\r' | '\u{2028}' | '\u{2029}' | '\u{c}' => '\n',
        '\u{3000}' | '\u{a0}' | '\u{2002}'..='\u{200b}' | '\u{feff}' | '\u{202f}' => ' ',
        c if c.is_whitespace() && c != '\n' && c != '\t' => ' ',
        c => super::radicals::unified_ideograph(c).unwrap_or(c),
    }
}

/// Characters that carry meaning in labels: CJK, letters, digits.
pub(crate) fn is_key_char(c: char) -> bool {
    // The common cases first: ASCII and the CJK Unified Ideographs block, without the Unicode table look-up.
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    if ('\u{4e00}'..='\u{9fff}').contains(&c) {
        return true;
    }
    // CJK and general punctuation, full-width forms (their letters and digits are normalised to ASCII first).
    if ('\u{2000}'..='\u{206f}').contains(&c)
        || ('\u{3000}'..='\u{303f}').contains(&c)
        || ('\u{ff00}'..='\u{ffef}').contains(&c)
    {
        return false;
    }
    c.is_alphanumeric()
}

/// The key of a label: its letters, digits and CJK, in order, after normalisation.
pub(crate) fn key_of(label: &str) -> String {
    label
        .chars()
        .map(normalise_char)
        .filter(|c| is_key_char(*c))
        .collect()
}

impl Doc {
    pub fn new(text: &str, exact_cells: bool) -> Doc {
        let mut chars = Vec::with_capacity(text.len());
        let mut orig = Vec::with_capacity(text.len());
        for (at, c) in text.char_indices() {
            chars.push(normalise_char(c));
            orig.push(u32::try_from(at).unwrap_or(u32::MAX));
        }
        blank_markdown_rules(&mut chars);
        blank_outer_pipes(&mut chars, text);
        blank_page_markers(&mut chars);
        let mut key = String::with_capacity(text.len());
        let mut key_idx = Vec::with_capacity(text.len());
        for (i, &c) in chars.iter().enumerate() {
            if is_key_char(c) {
                key.push(c);
                key_idx.extend(std::iter::repeat_n(i as u32, c.len_utf8()));
            }
        }
        Doc {
            chars,
            orig,
            text_len: text.len(),
            exact_cells,
            key,
            key_idx,
        }
    }

    pub fn len(&self) -> usize {
        self.chars.len()
    }

    /// Index in `key` (bytes) of the first key character at or after char index `from`.
    fn key_at(&self, from: usize) -> usize {
        self.key_idx.partition_point(|&i| (i as usize) < from)
    }

    /// Finds a label (given as its key) at or after char index `from` and before `until`; returns the char
    /// range it covers in `chars`.
    pub fn find(&self, label_key: &str, from: usize, until: usize) -> Option<Range<usize>> {
        if label_key.is_empty() {
            return None;
        }
        let start = self.key_at(from);
        let end = self.key_at(until);
        let hay = self.key.as_bytes().get(start..end)?;
        // A UTF-8 needle can only match at a character boundary of a UTF-8 haystack.
        let hit = memchr::memmem::find(hay, label_key.as_bytes())? + start;
        let last = hit + label_key.len() - 1;
        Some(self.key_idx[hit] as usize..self.key_idx[last] as usize + 1)
    }

    /// Every place a label (given as its key) occurs from char index `from` to `until`, in order, without
    /// overlaps; one searcher for all of them (a search per place would build one each time).
    pub fn find_all<'a>(
        &'a self,
        label_key: &'a str,
        from: usize,
        until: usize,
    ) -> impl Iterator<Item = Range<usize>> + 'a {
        let start = self.key_at(from);
        let end = self.key_at(until).max(start);
        let hay = self.key.as_bytes().get(start..end).unwrap_or_default();
        let finder = memchr::memmem::Finder::new(label_key.as_bytes());
        let mut next = 0;
        std::iter::from_fn(move || {
            if label_key.is_empty() {
                return None;
            }
            let hit = finder.find(hay.get(next..)?)? + next;
            next = hit + label_key.len();
            let (first, last) = (start + hit, start + hit + label_key.len() - 1);
            Some(self.key_idx[first] as usize..self.key_idx[last] as usize + 1)
        })
    }

    /// The normalised text of a char range.
    pub fn text(&self, range: Range<usize>) -> String {
        self.chars[range.start.min(self.len())..range.end.min(self.len())]
            .iter()
            .collect()
    }

    /// Byte range in the input text of a char range.
    pub fn source_span(&self, range: &Range<usize>) -> (usize, usize) {
        let at = |i: usize| self.orig.get(i).map_or(usize::MAX, |&b| b as usize);
        let end = if range.end >= self.len() {
            self.text_len
        } else {
            at(range.end)
        };
        (at(range.start), end)
    }
}

/// Markdown table rules (`|---|:--:|`, or `---- ----` once the pipes are gone) carry no cells: each is
/// blanked down to one cell break, so that its dashes are not read as "-" marks and the cells on either side
/// stay apart even when a whole table sits on one line. Three dashes in a row are never a cell's mark.
fn blank_markdown_rules(chars: &mut [char]) {
    let is_rule = |c: char| matches!(c, '-' | ':' | ' ') || c == CELL;
    let mut i = 0;
    while i + 2 < chars.len() {
        if chars[i] != '-' || chars[i..i + 3] != ['-', '-', '-'] {
            i += 1;
            continue;
        }
        let mut start = i;
        while start > 0 && is_rule(chars[start - 1]) {
            start -= 1;
        }
        let mut end = i;
        while end < chars.len() && is_rule(chars[end]) {
            end += 1;
        }
        let had_break = chars[start..end].contains(&CELL);
        chars[start..end].fill(' ');
        if had_break {
            chars[start] = CELL;
        }
        i = end;
    }
}

/// A markdown row `| a | b |` has cells a and b: its outer pipes are not cell breaks.
fn blank_outer_pipes(chars: &mut [char], text: &str) {
    if !text.contains('|') {
        return;
    }
    let mut line_start = 0;
    for i in 0..=chars.len() {
        if i == chars.len() || chars[i] == '\n' {
            let first = (line_start..i).find(|&k| chars[k] != ' ');
            let last = (line_start..i).rev().find(|&k| chars[k] != ' ');
            if let (Some(f), Some(l)) = (first, last)
                && f < l
                && chars[f] == CELL
                && chars[l] == CELL
            {
                chars[f] = ' ';
                chars[l] = ' ';
            }
            line_start = i + 1;
        }
    }
}

/// Page markers left by PDF and Word conversions (`— 1 —`, `- 2 -` on a line of its own, `第 3 页 共 9 页`)
/// are blanked so that their numbers do not enter a table.
fn blank_page_markers(chars: &mut [char]) {
    let n = chars.len();
    let mut i = 0;
    while i < n {
        let c = chars[i];
        if c == '—' || c == '-' {
            // dash, spaces, 1-4 digits, spaces, dash
            let mut j = i + 1;
            while j < n && chars[j] == ' ' {
                j += 1;
            }
            let digits_from = j;
            while j < n && chars[j].is_ascii_digit() && j - digits_from < 5 {
                j += 1;
            }
            let has_digits = j > digits_from && j - digits_from <= 4;
            while j < n && chars[j] == ' ' {
                j += 1;
            }
            if has_digits && j < n && chars[j] == c {
                let end = j + 1;
                // An em dash pair is a page marker anywhere; a hyphen pair only on a line of its own, since
                // "- 1 -" inside a row may be three cells.
                let alone = |k: usize| chars[k] == '\n';
                let line_before = (0..i).rev().find(|&k| chars[k] != ' ').is_none_or(alone);
                let line_after = (end..n).find(|&k| chars[k] != ' ').is_none_or(alone);
                if c == '—' || (line_before && line_after) {
                    chars[i..end].fill(' ');
                    i = end;
                    continue;
                }
            }
        }
        if c == '第' {
            // 第 N 页 (共 M 页)
            let mut j = i + 1;
            while j < n && chars[j] == ' ' {
                j += 1;
            }
            let d = j;
            while j < n && chars[j].is_ascii_digit() {
                j += 1;
            }
            while j < n && chars[j] == ' ' {
                j += 1;
            }
            if j > d && j < n && chars[j] == '页' {
                let mut end = j + 1;
                let mut k = end;
                while k < n && chars[k] == ' ' {
                    k += 1;
                }
                if k < n && chars[k] == '共' {
                    let mut m = k + 1;
                    while m < n && (chars[m] == ' ' || chars[m].is_ascii_digit()) {
                        m += 1;
                    }
                    if m < n && chars[m] == '页' {
                        end = m + 1;
                    }
                }
                chars[i..end].fill(' ');
                i = end;
                continue;
            }
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn find_all_gives_every_place_in_order_as_find_would() {
        let doc = Doc::new("维持 1\n结果 维持\t2\n维\n持", false);
        let all: Vec<_> = doc.find_all("维持", 0, doc.len()).collect();
        let mut one_by_one = Vec::new();
        let mut from = 0;
        while let Some(hit) = doc.find("维持", from, doc.len()) {
            from = hit.end;
            one_by_one.push(hit);
        }
        assert_eq!(all.len(), 3, "{all:?}");
        assert_eq!(all, one_by_one);
        assert_eq!(doc.find_all("维持", 1, 10).count(), 1);
        assert_eq!(
            doc.find_all("维持", 1, 9).count(),
            0,
            "a place must end before `until`"
        );
        assert_eq!(doc.find_all("", 0, doc.len()).count(), 0);
    }

    #[test]
    fn labels_match_across_brackets_spaces_and_width() {
        let doc = Doc::new("（二）部分公开 （区分处理的）\t１２\n", false);
        let hit = doc
            .find(&key_of("(二)部分公开"), 0, doc.len())
            .expect("found");
        assert_eq!(doc.text(hit.clone()), "二）部分公开".replace('）', ")"));
        assert_eq!(doc.text(hit.end..doc.len()), " (区分处理的)\t12\n");
    }

    #[test]
    fn page_markers_and_markdown_rules_are_blanked() {
        let doc = Doc::new("a\n— 3 —\n|---|---|\n0 - 1 - 0\n第 2 页 共 9 页", false);
        let t = doc.text(0..doc.len());
        assert!(!t.contains('3'), "{t}");
        assert!(!t.contains("---"), "{t}");
        assert!(t.contains("0 - 1 - 0"), "hyphens inside a line stay: {t}");
        assert!(!t.contains('9'), "{t}");
    }

    #[test]
    fn offsets_point_into_the_input() {
        let text = "表　１２";
        let doc = Doc::new(text, false);
        let (s, e) = doc.source_span(&(2..4));
        assert_eq!(&text[s..e], "１２");
    }
}
