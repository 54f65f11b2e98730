//! A scanned page made ready for OCR: a table's ruling lines are whitened before Tesseract reads the page.
//! Tesseract reads a line of a table border as characters (`|`, `一`, `[`) and the cells beside it wrongly;
//! with the lines gone it sees words and figures separated by blank space, as in a text page.

use image::{GrayImage, Luma};

/// Below this (0 black, 255 white) a pixel is ink.
pub(super) const INK: u8 = 160;

/// A ruling line found on the page: across at `at` (its first pixel line, for a line several pixels thick),
/// from `from` to `to` along it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Rule {
    pub at: u32,
    pub from: u32,
    pub to: u32,
}

/// The ruling lines of a page: they give a table's rows and columns.
#[derive(Debug, Default)]
pub(super) struct Rules {
    pub horizontal: Vec<Rule>,
    pub vertical: Vec<Rule>,
}

/// The page with every horizontal or vertical run of ink at least `min_run` pixels long whitened (a ruling
/// line; a character's stroke at 200 dpi is far shorter), and those lines; `None` when the bytes are no image
/// it decodes.
pub(super) fn without_rules(bytes: &[u8]) -> Option<(GrayImage, Rules)> {
    let page = image::load_from_memory(bytes).ok()?.to_luma8();
    let (width, height) = page.dimensions();
    // About 8 mm on an A4 page at any resolution (60 pixels at 200 dpi): longer than any character, shorter
    // than any cell's border. Measured on the width: pages stacked into one tall image keep their scale.
    let min_run = (width / 27).max(40);
    let mut out = page.clone();
    let mut rules = Rules::default();
    let ink = |x: u32, y: u32| page.get_pixel(x, y).0[0] < INK;
    for y in 0..height {
        for run in long_runs(width, min_run, |x| ink(x, y)) {
            add(&mut rules.horizontal, y, &run);
            run.for_each(|x| out.put_pixel(x, y, Luma([255])));
        }
    }
    for x in 0..width {
        for run in long_runs(height, min_run, |y| ink(x, y)) {
            add(&mut rules.vertical, x, &run);
            run.for_each(|y| out.put_pixel(x, y, Luma([255])));
        }
    }
    Some((out, rules))
}

/// Adds a run at `at` to the line it thickens (a run within a few pixel lines that overlaps it), or as a new
/// line.
fn add(lines: &mut Vec<Rule>, at: u32, run: &std::ops::Range<u32>) {
    // Only the lines found last can be thickened: the pixel lines are visited in order.
    if let Some(line) = lines
        .iter_mut()
        .rev()
        .take(64)
        .find(|l| at.saturating_sub(l.at) <= 4 && run.start < l.to && run.end > l.from)
    {
        line.from = line.from.min(run.start);
        line.to = line.to.max(run.end);
        return;
    }
    lines.push(Rule {
        at,
        from: run.start,
        to: run.end,
    });
}

/// The runs of ink at least `min_run` long along a line of `len` pixels.
fn long_runs(len: u32, min_run: u32, ink: impl Fn(u32) -> bool) -> Vec<std::ops::Range<u32>> {
    let mut runs = Vec::new();
    let mut start = None;
    for i in 0..=len {
        let dark = i < len && ink(i);
        match (dark, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                if i - s >= min_run {
                    runs.push(s..i);
                }
                start = None;
            }
            _ => {}
        }
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_go_and_short_strokes_stay() {
        let mut page = GrayImage::from_pixel(400, 300, Luma([255]));
        for x in 10..390 {
            page.put_pixel(x, 100, Luma([0]));
        }
        for y in 20..280 {
            page.put_pixel(200, y, Luma([0]));
        }
        // A character's stroke: 25 pixels.
        for x in 50..75 {
            page.put_pixel(x, 50, Luma([0]));
        }
        let mut png = Vec::new();
        page.write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
            .expect("encode");
        let (clean, rules) = without_rules(&png).expect("decodes");
        assert_eq!(
            rules.horizontal,
            vec![Rule {
                at: 100,
                from: 10,
                to: 390
            }]
        );
        assert_eq!(rules.vertical.len(), 1);
        assert_eq!((rules.vertical[0].at, rules.vertical[0].from), (200, 20));
        assert_eq!(
            clean.get_pixel(300, 100).0[0],
            255,
            "horizontal rule whitened"
        );
        assert_eq!(
            clean.get_pixel(200, 250).0[0],
            255,
            "vertical rule whitened"
        );
        assert_eq!(clean.get_pixel(60, 50).0[0], 0, "stroke kept");
    }
}
