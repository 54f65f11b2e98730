//! A second reading of a scanned table's figure cells. Read in the page, a figure centred beside a label of
//! two lines shares Tesseract's line with half of the label, and some are lost or read as other digits. Each
//! figure cell's ink is cut out and set on a line of its own row in a strip image, cells far apart, and the
//! strip is read once more with only figures allowed; what it reads replaces the first reading of those cells.
//! The identities still decide which figures count ([`super::ocr::gate`]). A row's label cell, read in the
//! page, loses characters to the same mixing (`2.其他法律行政法规禁止公开` read as `2他庆健行计策上公`), so that
//! its row is not found; the label cells are read once more too, each cut out and stacked alone.

use image::{GrayImage, Luma, imageops};

use super::ocr_layout::{Cell, Word, join};
use super::scan_clean::INK;

/// A strip line's height and a cell's slot width (pixels): room for a figure of several digits at 200 dpi.
const LINE: u32 = 64;
const SLOT: u32 = 220;
/// Kept clear inside a cell's borders, so that what is left of a ruling line is not read.
const INSET: i64 = 4;
/// Largest strip made (pixels): a table of a report needs a few million; a page ruled into thousands of
/// cells (a form, a damaged or hostile scan) keeps its first reading instead.
const MAX_STRIP: u64 = 40_000_000;

/// A figure cell: narrow (a column of counts, not a label) and read as no words other than figures.
fn is_figure_cell(cell: &Cell, page_width: u32) -> bool {
    cell.right - cell.left < i64::from(page_width / 7)
        && cell
            .text
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_whitespace() || "-—/.,，。|'\"“”".contains(c))
}

/// The strip of the figure cells (one line per table row, one slot per cell), and where each cell went.
pub(super) fn strip(page: &GrayImage, cells: &[&Cell]) -> Option<(GrayImage, Vec<(u32, u32)>)> {
    let mut rows: Vec<i64> = cells.iter().map(|c| c.top).collect();
    rows.sort_unstable();
    rows.dedup();
    let slots = cells
        .iter()
        .map(|c| {
            cells
                .iter()
                .filter(|o| o.top == c.top && o.left < c.left)
                .count()
        })
        .collect::<Vec<_>>();
    let width = SLOT.checked_mul(u32::try_from(slots.iter().max().copied()? + 1).ok()?)?;
    let height = LINE.checked_mul(u32::try_from(rows.len()).ok()?)?;
    if u64::from(width) * u64::from(height) > MAX_STRIP {
        return None;
    }
    let mut out = GrayImage::from_pixel(width, height, Luma([255]));
    let mut places = Vec::new();
    for (cell, slot) in cells.iter().zip(slots) {
        let row = u32::try_from(rows.iter().position(|&t| t == cell.top)?).ok()?;
        let slot = u32::try_from(slot).ok()?;
        places.push((row, slot));
        let Some((x, y, w, h)) = ink_box(page, cell) else {
            continue;
        };
        if w > SLOT - 20 || h > LINE - 8 {
            continue;
        }
        let piece = imageops::crop_imm(page, x, y, w, h).to_image();
        let at_x = i64::from(slot * SLOT + (SLOT - w) / 2);
        let at_y = i64::from(row * LINE + (LINE - h) / 2);
        imageops::overlay(&mut out, &piece, at_x, at_y);
    }
    Some((out, places))
}

/// A box in pixels: left, top, width, height.
type PixelBox = (u32, u32, u32, u32);

/// The box around a cell's ink, inside its borders.
fn ink_box(page: &GrayImage, cell: &Cell) -> Option<PixelBox> {
    let clamp = |v: i64, max: u32| u32::try_from(v.max(0)).unwrap_or(0).min(max);
    let (w, h) = page.dimensions();
    let (x0, x1) = (clamp(cell.left + INSET, w), clamp(cell.right - INSET, w));
    let (y0, y1) = (clamp(cell.top + INSET, h), clamp(cell.bottom - INSET, h));
    let (mut left, mut right, mut top, mut bottom) = (u32::MAX, 0, u32::MAX, 0);
    for y in y0..y1 {
        for x in x0..x1 {
            if page.get_pixel(x, y).0[0] < INK {
                (left, right, top, bottom) = (left.min(x), right.max(x), top.min(y), bottom.max(y));
            }
        }
    }
    (left <= right).then(|| (left, top, right - left + 1, bottom - top + 1))
}

/// Replaces the first reading of every figure cell with what the strip reads in its slot (an empty slot is a
/// blank cell). `read` runs Tesseract on the strip and gives its words.
pub(super) fn reread<'a, E>(
    page: &GrayImage,
    cells: impl Iterator<Item = &'a mut Cell>,
    read: impl FnOnce(&GrayImage) -> Result<Vec<Word>, E>,
) -> Result<usize, E> {
    let mut figure_cells: Vec<&mut Cell> =
        cells.filter(|c| is_figure_cell(c, page.width())).collect();
    if figure_cells.is_empty() {
        return Ok(0);
    }
    let Some((image, places)) = strip(page, &figure_cells.iter().map(|c| &**c).collect::<Vec<_>>())
    else {
        return Ok(0);
    };
    let words = read(&image)?;
    for (cell, (row, slot)) in figure_cells.iter_mut().zip(&places) {
        let inside: Vec<&Word> = words
            .iter()
            .filter(|w| {
                let (x, y) = (w.left + w.width / 2, w.top + w.height / 2);
                y / i64::from(LINE) == i64::from(*row) && x / i64::from(SLOT) == i64::from(*slot)
            })
            .collect();
        cell.text = join(&inside);
    }
    Ok(figure_cells.len())
}

/// Space between two label cells stacked for their second reading.
const GAP: u32 = 40;

/// Replaces the first reading of every label cell (a cell that is not a figure cell and holds ink) with what
/// a strip of the label cells, stacked one under another, reads in its place.
pub(super) fn reread_labels<'a, E>(
    page: &GrayImage,
    cells: impl Iterator<Item = &'a mut Cell>,
    read: impl FnOnce(&GrayImage) -> Result<Vec<Word>, E>,
) -> Result<usize, E> {
    let mut labels: Vec<(&mut Cell, PixelBox)> = cells
        .filter(|c| !is_figure_cell(c, page.width()))
        .filter_map(|c| {
            let ink = ink_box(page, c)?;
            Some((c, ink))
        })
        .collect();
    if labels.is_empty() {
        return Ok(0);
    }
    let width = labels.iter().map(|(_, b)| b.2).max().unwrap_or(0) + 2 * GAP;
    let height: u64 = labels
        .iter()
        .map(|(_, b)| u64::from(b.3 + GAP))
        .sum::<u64>()
        + u64::from(GAP);
    if u64::from(width) * height > MAX_STRIP {
        return Ok(0);
    }
    let Ok(height) = u32::try_from(height) else {
        return Ok(0);
    };
    let mut out = GrayImage::from_pixel(width, height, Luma([255]));
    let mut spans = Vec::new();
    let mut y = GAP;
    for (_, (x0, y0, w, h)) in &labels {
        let piece = imageops::crop_imm(page, *x0, *y0, *w, *h).to_image();
        imageops::overlay(&mut out, &piece, i64::from(GAP), i64::from(y));
        spans.push((i64::from(y), i64::from(y + h)));
        y += h + GAP;
    }
    let words = read(&out)?;
    for ((cell, _), (top, bottom)) in labels.iter_mut().zip(spans) {
        let inside: Vec<&Word> = words
            .iter()
            .filter(|w| {
                let y = w.top + w.height / 2;
                let slack = i64::from(GAP / 4);
                y >= top - slack && y < bottom + slack
            })
            .collect();
        cell.text = join(&inside);
    }
    Ok(labels.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(left: i64, right: i64) -> Cell {
        Cell {
            left,
            right,
            top: 100,
            bottom: 160,
            text: String::new(),
        }
    }

    /// What OCR would give for the strip: a word "5" over every blob of ink.
    fn blobs_as_fives(strip: &GrayImage) -> Result<Vec<Word>, ()> {
        let mut words = Vec::new();
        for (x, y, p) in strip.enumerate_pixels() {
            let seen = words.iter().any(|w: &Word| {
                (w.left..w.left + w.width).contains(&i64::from(x))
                    && (w.top..w.top + w.height).contains(&i64::from(y))
            });
            if p.0[0] < INK && !seen {
                words.push(Word {
                    left: i64::from(x),
                    top: i64::from(y),
                    width: 20,
                    height: 30,
                    line: (1, 1, 1),
                    text: "5".into(),
                });
            }
        }
        Ok(words)
    }

    #[test]
    fn each_figure_cell_gets_what_its_own_slot_reads_and_a_blank_stays_blank() {
        let mut page = GrayImage::from_pixel(1000, 300, Luma([255]));
        // A figure in the second of three cells of one row.
        for x in 225..235 {
            for y in 120..140 {
                page.put_pixel(x, y, Luma([0]));
            }
        }
        let mut cells = [cell(100, 200), cell(200, 300), cell(300, 400)];
        cells[0].text = "1".into(); // what the first reading made of a blank cell
        let reread = reread(&page, cells.iter_mut(), blobs_as_fives).expect("read");
        assert_eq!(reread, 3);
        let texts: Vec<&str> = cells.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts, ["", "5", ""]);
    }
}
