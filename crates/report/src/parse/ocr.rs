//! Scanned reports: a PDF without a text layer, or an image (PNG, JPEG, TIFF), read through OCR with Debian's
//! Tesseract and its simplified-Chinese model (`tesseract-ocr`, `tesseract-ocr-chi-sim`), run as a process;
//! a PDF's pages are rasterised first with poppler's `pdftoppm` at 200 dpi. What OCR reads is then parsed as
//! text, and [`gate`] keeps a figure only where the table's identities vouch for it.

use std::collections::HashSet;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use gongkai_domain::report::layout::cell_paths;
use gongkai_domain::report::{AnnualReport, Cell, Finding, ParseNote, ParseNoteKind, validate};

use crate::ReportError;
use crate::error::Unreadable;

/// Resolution the pages are rasterised at: enough for 10-point digits, as a scanner's default.
const DPI: &str = "200";
/// Pages read at most from a scanned PDF (an annual report has a dozen).
const MAX_PAGES: &str = "60";

/// Whether the bytes are an image OCR can read.
pub(super) fn is_image(bytes: &[u8]) -> bool {
    bytes.starts_with(b"\x89PNG\r\n\x1a\n")
        || bytes.starts_with(&[0xFF, 0xD8, 0xFF])
        || bytes.starts_with(b"II*\0")
        || bytes.starts_with(b"MM\0*")
}

/// The text of an image, as Tesseract reads it.
pub(super) fn image_text(bytes: &[u8]) -> Result<String, ReportError> {
    let dir = scratch()?;
    let path = dir.path().join("page.img");
    std::fs::write(&path, bytes).map_err(|e| failed(&format!("writing the image: {e}")))?;
    read_page(&path)
}

/// One page: its ruling lines whitened when it decodes (PNG, JPEG; TIFF goes to Tesseract as it is), then
/// read by Tesseract, and its words placed in the cells the lines drew ([`super::ocr_layout`]).
fn read_page(path: &Path) -> Result<String, ReportError> {
    let bytes = std::fs::read(path).map_err(|e| failed(&format!("reading the page: {e}")))?;
    let text = match super::scan_clean::without_rules(&bytes) {
        Some((clean, rules)) => {
            let words = read_image(&clean, path, "clean", Output::Words)?;
            let mut page = super::ocr_layout::place(&words, &rules);
            super::ocr_figures::reread(&clean, page.cells_mut(), |strip| {
                read_image(strip, path, "figures", Output::Figures)
            })?;
            super::ocr_figures::reread_labels(&clean, page.cells_mut(), |strip| {
                read_image(strip, path, "labels", Output::Words)
            })?;
            tidy(&page.text())
        }
        None => tidy(&tesseract(path, Output::Text)?),
    };
    if text.trim().is_empty() {
        return Err(failed("no text was recognised"));
    }
    Ok(text)
}

/// The words Tesseract reads in an image made here (the cleaned page, a strip of cells), written next to
/// the page as `{name}.png`.
fn read_image(
    image: &image::GrayImage,
    page: &Path,
    name: &str,
    output: Output,
) -> Result<Vec<super::ocr_layout::Word>, ReportError> {
    let path = page.with_extension(format!("{name}.png"));
    image
        .save_with_format(&path, image::ImageFormat::Png)
        .map_err(|e| failed(&format!("writing {name}.png: {e}")))?;
    Ok(super::ocr_layout::words(&tesseract(&path, output)?))
}

/// The text of a PDF without a text layer: each page rasterised, then read by Tesseract.
pub(super) fn pdf_text(bytes: &[u8]) -> Result<String, ReportError> {
    let dir = scratch()?;
    let pdf = dir.path().join("scan.pdf");
    std::fs::write(&pdf, bytes).map_err(|e| failed(&format!("writing the PDF: {e}")))?;
    let prefix = dir.path().join("page");
    let mut pdftoppm = Command::new("pdftoppm");
    pdftoppm
        .args(["-r", DPI, "-gray", "-png", "-l", MAX_PAGES])
        .arg(&pdf)
        .arg(&prefix);
    run_limited(pdftoppm, "pdftoppm (poppler-utils)")?;
    let mut pages: Vec<_> = std::fs::read_dir(dir.path())
        .map_err(|e| failed(&e.to_string()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "png"))
        // Only pdftoppm's pages (`page-01.png`), not the images made from them (`page-01.clean.png`).
        .filter(|p| {
            p.file_stem()
                .is_some_and(|s| !s.to_string_lossy().contains('.'))
        })
        .collect();
    // pdftoppm numbers pages with as many digits as the last needs, so the names sort in page order.
    pages.sort();
    let mut text = String::new();
    for page in pages {
        text.push_str(&read_page(&page)?);
        text.push('\n');
    }
    Ok(text)
}

/// What Tesseract writes: its text, every word with its box (TSV), or the words of a strip of figure cells
/// (TSV, figures and the not-applicable marks only).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Output {
    Text,
    Words,
    Figures,
}

fn tesseract(image: &Path, output: Output) -> Result<String, ReportError> {
    // --psm 6: one uniform block, so that a table's row comes out as one line.
    let out_base = image.with_extension("ocr");
    let mut tesseract = Command::new("tesseract");
    tesseract
        // One thread: Tesseract's OpenMP threads contend on small pages (25 s a page instead of 3 here), and
        // a batch already reads several files at once.
        .env("OMP_THREAD_LIMIT", "1")
        .arg(image)
        .arg(&out_base)
        .args(["-l", "chi_sim", "--psm", "6"]);
    if output == Output::Figures {
        tesseract.args(["-c", "tessedit_char_whitelist=0123456789-/"]);
    }
    if output != Output::Text {
        tesseract.arg("tsv");
    }
    run_limited(
        tesseract,
        "tesseract (tesseract-ocr, tesseract-ocr-chi-sim)",
    )?;
    let written = out_base.with_extension(match output {
        Output::Text => "ocr.txt",
        Output::Words | Output::Figures => "ocr.tsv",
    });
    let read =
        std::fs::read(written).map_err(|e| failed(&format!("tesseract wrote no text: {e}")))?;
    Ok(String::from_utf8_lossy(&read).into_owned())
}

/// The cells each identity could not vouch for: those of every finding of the rule (a failing identity, or
/// one that could not be assessed because a cell it reads is unknown).
fn doubted_by<'a>(findings: &'a [Finding], rules: &[&str]) -> HashSet<&'a str> {
    findings
        .iter()
        .filter(|f| rules.contains(&f.rule))
        .flat_map(|f| f.cells.iter().map(String::as_str))
        .collect()
}

/// Table 三's rows that its balance identity (T3-01: 新收 + 上年结转 = 办理结果总计 + 结转下年度) reads; the other
/// rows are outcomes, which T3-03 (总计 = the sum of the outcomes) reads.
const BALANCE_ROWS: [&str; 4] = [
    "t3.r1_new.",
    "t3.r2_carry_in.",
    "t3.r3_7_total.",
    "t3.r4_carry_out.",
];

/// After parsing OCR text: a cell counts only when the identities of its row and of its column hold — in
/// table 三 its row's sum (T3-02) and its column's identity (T3-01 for the balance rows, T3-03 for the
/// outcomes), every cell a count (T3-04); in table 四 its group's sum (T4-01) and counts (T4-02). Every other
/// figure OCR read (table 二, whose cells no identity links) is left unread, with what OCR read in a note,
/// and a blank OCR saw is unread too. The provenance of every cell says `ocr`.
pub(super) fn gate(report: &mut AnnualReport) {
    let findings = validate(report);
    let row = doubted_by(&findings, &["T3-02", "T3-04"]);
    let balance = doubted_by(&findings, &["T3-01"]);
    let outcomes = doubted_by(&findings, &["T3-03"]);
    let t4 = doubted_by(&findings, &["T4-01", "T4-02"]);
    let vouched_for = |path: &str| {
        if path.starts_with("t3.") {
            let column = if BALANCE_ROWS.iter().any(|r| path.starts_with(r)) {
                &balance
            } else {
                &outcomes
            };
            !row.contains(path) && !column.contains(path)
        } else {
            path.starts_with("t4.") && !t4.contains(path)
        }
    };
    let mut kept = 0usize;
    let mut unread: Vec<String> = Vec::new();
    let format = report.format;
    let read: HashSet<String> = report
        .provenance
        .iter_mut()
        .map(|(addr, source)| {
            source.how = AnnualReport::READ_BY_OCR;
            addr.path(format)
        })
        .collect();
    for path in cell_paths(format) {
        let vouched = read.contains(&path) && vouched_for(&path);
        let Some(cell) = report.cell_mut(&path) else {
            continue;
        };
        if vouched {
            kept += 1;
            continue;
        }
        // A blank OCR saw is no reading either: the cell is unknown, not empty.
        if !matches!(cell, Cell::Unresolved | Cell::Empty) {
            unread.push(format!("{path}={}", cell.display()));
        }
        *cell = Cell::Unresolved;
    }
    report.notes.push(ParseNote {
        kind: ParseNoteKind::AcceptedVariant,
        code: "P-OCR-CELLS",
        cells: Vec::new(),
        zh: format!("本报告经 OCR 识别（扫描件）：{kept} 个单元格经表内勾稽关系核对后采用"),
        en: format!(
            "this report was read by OCR (a scan): {kept} cells kept, each vouched for by the table's identities"
        ),
    });
    if !unread.is_empty() {
        report.notes.push(ParseNote {
            kind: ParseNoteKind::Unreadable,
            code: "P-OCR-UNVERIFIED",
            cells: unread.iter().map(|u| u.split('=').next().unwrap_or_default().to_owned()).collect(),
            zh: format!(
                "以下 {} 个单元格由 OCR 读出，但表内勾稽关系不能印证，未予采用（OCR 读数：{}）",
                unread.len(),
                unread.join("，")
            ),
            en: format!(
                "{} cells read by OCR are not vouched for by the table's identities and were left unread (OCR read: {})",
                unread.len(),
                unread.join(", ")
            ),
        });
    }
}

/// Marks OCR leaves where a ruling line or a speck was: a word made only of dashes, bars, quotes or stops, alone
/// between spaces, and such marks before a label's `、`. A table row `12 3 0 0 0 0 15 -` would otherwise not read as its seven cells; a figure is
/// never one of these.
fn tidy(text: &str) -> String {
    text.lines()
        .map(|line| {
            // A table row's cells are tidied one by one and keep their tabs.
            line.split('\t')
                .map(tidy_words)
                .collect::<Vec<_>>()
                .join("\t")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn tidy_words(text: &str) -> String {
    const SPECKS: &str = "-—–_|｜'\"“”‘’。，,.、:：;；`~";
    text.split_whitespace()
        .filter(|word| !word.chars().all(|c| SPECKS.contains(c)))
        .map(|word| {
            // A numbering OCR could not read (`二、` as `-、`) before a label: the label is found without it.
            let rest = word.trim_start_matches(|c| SPECKS.contains(c));
            let marks = &word[..word.len() - rest.len()];
            if marks.ends_with('、') && !rest.is_empty() {
                rest
            } else {
                word
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Longest a page's rasterising or reading may take: a damaged or hostile file must not hold a worker.
const TOOL_LIMIT: Duration = Duration::from_secs(120);

/// Runs a tool that writes its output to files, and stops it after [`TOOL_LIMIT`].
fn run_limited(mut command: Command, tool: &str) -> Result<(), ReportError> {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| missing(tool, &e))?;
    let started = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) if status.success() => return Ok(()),
            Ok(Some(status)) => return Err(failed(&format!("{tool}: {status}"))),
            Ok(None) if started.elapsed() > TOOL_LIMIT => {
                // Best effort: the error below is what matters, whether or not the kill lands.
                let _ = child.kill();
                let _ = child.wait();
                return Err(failed(&format!(
                    "{tool} took longer than {} s",
                    TOOL_LIMIT.as_secs()
                )));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => return Err(failed(&format!("{tool}: {e}"))),
        }
    }
}

fn scratch() -> Result<tempfile::TempDir, ReportError> {
    tempfile::tempdir().map_err(|e| failed(&format!("a scratch folder: {e}")))
}

fn missing(tool: &str, e: &std::io::Error) -> ReportError {
    ReportError::UnreadableInput(Unreadable::OcrUnavailable {
        detail: format!("{tool}: {e}"),
    })
}

fn failed(detail: &str) -> ReportError {
    ReportError::UnreadableInput(Unreadable::OcrFailed {
        detail: detail.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specks_between_words_go_and_figures_stay() {
        assert_eq!(
            tidy("一、本年新收  12 3 0 | 15 -\n“ 0 。"),
            "一、本年新收 12 3 0 15\n0"
        );
        assert_eq!(tidy("-1 0.5 —"), "-1 0.5");
        assert_eq!(tidy("-、上年结转 0"), "上年结转 0");
    }
}
