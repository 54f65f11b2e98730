//! A scanned page's words placed in its tables' cells. Tesseract reads a page line by line, and a table row
//! whose label wraps over two lines has its figures centred between them: read as text, the figures join
//! one of the label's lines or are lost, and a row's blank cells vanish. Tesseract also gives every word's
//! box (its TSV output); the page's ruling lines (found when they are whitened, [`super::scan_clean`]) give
//! the table's rows and columns. Each row between two rules becomes one line, its cells between the vertical
//! rules that cross it separated by tabs (a blank cell stays an empty field); text outside the tables stays
//! in Tesseract's lines. The figures still count only as the identities vouch for them ([`super::ocr::gate`]).

use super::scan_clean::{Rule, Rules};

/// One word Tesseract read, with its box in pixels and its line in Tesseract's reading.
#[derive(Debug, Clone)]
pub(super) struct Word {
    pub left: i64,
    pub top: i64,
    pub width: i64,
    pub height: i64,
    pub line: (u32, u32, u32),
    pub text: String,
}

impl Word {
    fn centre(&self) -> (i64, i64) {
        (self.left + self.width / 2, self.top + self.height / 2)
    }
}

/// The words of Tesseract's TSV output (level 5 rows with text).
pub(super) fn words(tsv: &str) -> Vec<Word> {
    tsv.lines()
        .skip(1)
        .filter_map(|row| {
            let f: Vec<&str> = row.split('\t').collect();
            if f.len() < 12 || f[0] != "5" {
                return None;
            }
            let n = |i: usize| f[i].trim().parse::<i64>().ok();
            let text = f[11].trim();
            if text.is_empty() {
                return None;
            }
            let line = (
                u32::try_from(n(2)?).ok()?,
                u32::try_from(n(3)?).ok()?,
                u32::try_from(n(4)?).ok()?,
            );
            Some(Word {
                left: n(6)?,
                top: n(7)?,
                width: n(8)?,
                height: n(9)?,
                line,
                text: text.to_owned(),
            })
        })
        .collect()
}

/// A table row: between two horizontal rules, over the stretch both cover.
struct Band {
    top: i64,
    bottom: i64,
    left: i64,
    right: i64,
    /// Where its cells divide (the vertical rules crossing it), left to right.
    dividers: Vec<i64>,
}

/// Rows lower than this (pixels) are two rules of one line; higher, two rules with other content between.
const MIN_BAND: i64 = 12;
const MAX_BAND: i64 = 260;

/// A table cell: its box on the page and its text.
#[derive(Debug, Clone)]
pub(super) struct Cell {
    pub left: i64,
    pub right: i64,
    pub top: i64,
    pub bottom: i64,
    pub text: String,
}

/// A page read: table rows as cells, and the other text in Tesseract's lines, each with where it begins.
pub(super) struct Page {
    rows: Vec<(i64, i64, Vec<Cell>)>,
    lines: Vec<(i64, i64, String)>,
}

impl Page {
    /// Every table cell, for a second reading.
    pub fn cells_mut(&mut self) -> impl Iterator<Item = &mut Cell> {
        self.rows
            .iter_mut()
            .flat_map(|(_, _, cells)| cells.iter_mut())
    }

    /// The page as lines of text, top to bottom: table rows as tab-separated cells.
    pub fn text(&self) -> String {
        let mut items: Vec<(i64, i64, String)> = self.lines.clone();
        for (top, left, cells) in &self.rows {
            let texts: Vec<&str> = cells.iter().map(|c| c.text.as_str()).collect();
            items.push((*top, *left, texts.join("\t")));
        }
        items.sort_by_key(|(top, left, _)| (*top, *left));
        items
            .into_iter()
            .map(|(_, _, text)| text)
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// The words placed: each in the table cell that holds its centre, or in its line of text.
pub(super) fn place(words: &[Word], rules: &Rules) -> Page {
    let mut rows = Vec::new();
    let mut placed = vec![false; words.len()];
    for band in &bands(rules) {
        let mut members: Vec<Vec<&Word>> = vec![Vec::new(); band.dividers.len() + 1];
        for (w, word) in words.iter().enumerate() {
            let (x, y) = word.centre();
            if placed[w] || y <= band.top || y >= band.bottom || x <= band.left || x >= band.right {
                continue;
            }
            placed[w] = true;
            // A sliver at a ruling line (a stroke of it Tesseract read as `1` or `|`) is no word.
            if band
                .dividers
                .iter()
                .any(|&d| word.left <= d + 2 && word.left + word.width >= d - 2 && word.width < 12)
            {
                continue;
            }
            let cell = band.dividers.iter().take_while(|&&d| d < x).count();
            members[cell].push(word);
        }
        if members.iter().all(Vec::is_empty) {
            continue;
        }
        let edges: Vec<i64> = std::iter::once(band.left)
            .chain(band.dividers.iter().copied())
            .chain(std::iter::once(band.right))
            .collect();
        let cells = members
            .iter()
            .enumerate()
            .map(|(i, m)| Cell {
                left: edges[i],
                right: edges[i + 1],
                top: band.top,
                bottom: band.bottom,
                text: join(m),
            })
            .collect();
        rows.push((band.top, band.left, cells));
    }
    // The rest in Tesseract's own lines.
    let mut keys: Vec<(u32, u32, u32)> = Vec::new();
    for (w, word) in words.iter().enumerate() {
        if !placed[w] && !keys.contains(&word.line) {
            keys.push(word.line);
        }
    }
    let lines = keys
        .into_iter()
        .map(|key| {
            let members: Vec<&Word> = words
                .iter()
                .enumerate()
                .filter(|(w, word)| !placed[*w] && word.line == key)
                .map(|(_, word)| word)
                .collect();
            let top = members.iter().map(|w| w.centre().1).min().unwrap_or(0);
            let left = members.iter().map(|w| w.left).min().unwrap_or(0);
            (top, left, join(&members))
        })
        .collect();
    Page { rows, lines }
}

/// Every table row of the page: each horizontal rule with the next one below that shares its stretch, when
/// vertical rules cross the row between them.
fn bands(rules: &Rules) -> Vec<Band> {
    let mut horizontal: Vec<&Rule> = rules.horizontal.iter().collect();
    horizontal.sort_by_key(|r| r.at);
    let mut out = Vec::new();
    for (i, upper) in horizontal.iter().enumerate() {
        let Some(lower) = horizontal[i + 1..].iter().find(|r| {
            i64::from(r.at) - i64::from(upper.at) >= MIN_BAND
                && r.from < upper.to
                && r.to > upper.from
        }) else {
            continue;
        };
        let (top, bottom) = (i64::from(upper.at), i64::from(lower.at));
        if bottom - top > MAX_BAND {
            continue;
        }
        let (left, right) = (
            i64::from(upper.from.max(lower.from)),
            i64::from(upper.to.min(lower.to)),
        );
        let mut crossing: Vec<i64> = rules
            .vertical
            .iter()
            .filter(|v| i64::from(v.from) <= top + 4 && i64::from(v.to) >= bottom - 4)
            .map(|v| i64::from(v.at))
            .collect();
        crossing.sort_unstable();
        // The band's own edges are where its outer rules are; the dividers are those inside.
        let dividers: Vec<i64> = crossing
            .iter()
            .copied()
            .filter(|&x| x > left + 6 && x < right - 6)
            .collect();
        if crossing.len() < 2 {
            continue;
        }
        out.push(Band {
            top,
            bottom,
            left,
            right,
            dividers,
        });
    }
    out
}

/// Words of one cell or line in reading order: by line (a word's centre below the previous word's box starts
/// a line), then left to right; a space only between two words of Latin letters or figures.
pub(super) fn join(words: &[&Word]) -> String {
    let mut sorted: Vec<&Word> = words.to_vec();
    sorted.sort_by_key(|w| (w.centre().1, w.left));
    // Group into lines: a word whose centre lies within the current line's height joins it.
    let mut lines: Vec<Vec<&Word>> = Vec::new();
    for word in sorted {
        match lines.last_mut() {
            Some(line)
                if line
                    .iter()
                    .any(|w| word.centre().1 <= w.top + w.height && word.centre().1 >= w.top) =>
            {
                line.push(word)
            }
            _ => lines.push(vec![word]),
        }
    }
    let mut text = String::new();
    for mut line in lines {
        line.sort_by_key(|w| w.left);
        for word in line {
            let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
            if latin(text.chars().last()) && latin(word.text.chars().next()) {
                text.push(' ');
            }
            text.push_str(&word.text);
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(left: i64, top: i64, text: &str) -> Word {
        Word {
            left,
            top,
            width: 20 * i64::try_from(text.chars().count()).expect("short"),
            height: 22,
            line: (1, 1, u32::try_from(top).expect("small")),
            text: text.to_owned(),
        }
    }

    fn rule(at: u32, from: u32, to: u32) -> Rule {
        Rule { at, from, to }
    }

    #[test]
    fn a_wrapped_label_and_its_centred_figures_make_one_row_with_its_blanks() {
        // A row from y 100 to 180: label cell 0..400 over two lines, figures in cells 400..500, 500..600
        // (blank) and 600..700.
        let rules = Rules {
            horizontal: vec![rule(100, 0, 700), rule(180, 0, 700)],
            vertical: [0, 400, 500, 600, 700]
                .iter()
                .map(|&x| rule(x, 90, 190))
                .collect(),
        };
        let words = vec![
            word(10, 110, "2.其他法律行政法规禁止公"),
            word(10, 150, "开"),
            word(440, 130, "3"),
            word(640, 130, "3"),
            word(10, 20, "三、收到和处理政府信息公开申请情况"),
        ];
        assert_eq!(
            place(&words, &rules).text(),
            "三、收到和处理政府信息公开申请情况\n2.其他法律行政法规禁止公开\t3\t\t3"
        );
    }
}
