//! Checking many published reports at once: find the report files under a directory, parse and validate them in
//! parallel (on the caller's rayon pool), and produce one row per report with every cell and the rules that
//! failed, plus a summary. `gongkai report batch` wires this to a progress bar and a CSV file.
//!
//! Reports of the same agency for consecutive years found in one batch are also checked against each other
//! (the cross-year rules), exactly as `gongkai report check` does.

use crate::error::Unreadable;
use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use gongkai_domain::report::layout::cell_paths;
use gongkai_domain::report::{
    AnnualReport, Cell, Finding, Format, Severity, validate, validate_with_previous,
};
use rayon::prelude::*;

use crate::{ReportError, parse_bytes};

/// File extensions the batch mode reads (compared without case).
/// Scans (images) are read through OCR.
pub const EXTENSIONS: [&str; 13] = [
    "txt", "html", "htm", "shtml", "docx", "pdf", "ofd", "json", "png", "jpg", "jpeg", "tif",
    "tiff",
];

/// Prefix of the CSV columns of cells that only the F2019 layout has.
pub const F2019_PREFIX: &str = "F2019:";

/// Does the path name a file the batch mode reads?
pub fn is_report_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// Every report file under `dir`, recursively, sorted by path. Symbolic links to directories are not followed
/// (no loops); unreadable subdirectories are skipped, only an unreadable `dir` itself is an error.
pub fn find_report_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    let mut first = true;
    while let Some(d) = stack.pop() {
        let entries = match std::fs::read_dir(&d) {
            Ok(e) => e,
            Err(e) if first => return Err(e),
            Err(_) => continue,
        };
        first = false;
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(ft) = entry.file_type() else { continue };
            if ft.is_dir() {
                stack.push(path);
            } else if is_report_file(&path) && (ft.is_file() || path.is_file()) {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}

/// The cell columns of the CSV: every cell path of the F2021 layout, then the F2019-only paths prefixed with
/// [`F2019_PREFIX`]. The same for every batch, whatever formats it meets.
pub fn cell_columns() -> Vec<String> {
    let f2021 = cell_paths(Format::F2021);
    let mut cols = f2021.clone();
    for p in cell_paths(Format::F2019) {
        if !f2021.contains(&p) {
            cols.push(format!("{F2019_PREFIX}{p}"));
        }
    }
    cols
}

/// The fixed columns that precede the cells.
pub const FIXED_COLUMNS: [&str; 11] = [
    "file",
    "status",
    "error",
    "format",
    "year",
    "agency",
    // Where the agency's name was read: title, heading, signature or text (issue 17).
    "agency_from",
    // How many figures came from OCR (a scan) and were kept, each vouched for by the table's identities.
    "ocr_cells",
    "errors",
    "warnings",
    "failed_rules",
];

/// The whole CSV header.
pub fn header() -> Vec<String> {
    FIXED_COLUMNS
        .iter()
        .map(|s| s.to_string())
        .chain(cell_columns())
        .collect()
}

/// The outcome for one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub file: String,
    /// The report, or why the file could not be read (bilingual message).
    pub outcome: Result<Checked, String>,
}

/// A report that was read, with what validation found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    pub format: Format,
    pub year: Option<i32>,
    pub agency: Option<String>,
    pub agency_from: Option<gongkai_domain::report::AgencySource>,
    /// Cells read by OCR and kept.
    pub ocr_cells: usize,
    pub errors: usize,
    pub warnings: usize,
    /// Codes of the rules with at least one finding, sorted, each once.
    pub failed_rules: Vec<&'static str>,
    /// True when the cross-year rules were checked against the previous year's report of the batch.
    pub with_previous: bool,
    /// Printed cell values aligned with [`cell_columns`] (`?` for a cell the parser could not resolve).
    pub cells: Vec<String>,
}

impl Row {
    pub fn is_ok(&self) -> bool {
        self.outcome.is_ok()
    }

    /// The CSV record, aligned with [`header`].
    pub fn record(&self) -> Vec<String> {
        let mut rec = vec![self.file.clone()];
        match &self.outcome {
            Err(msg) => {
                rec.push("error".into());
                rec.push(msg.clone());
                rec.resize(FIXED_COLUMNS.len() + cell_columns().len(), String::new());
            }
            Ok(c) => {
                rec.push("ok".into());
                rec.push(String::new());
                rec.push(c.format.code().into());
                rec.push(c.year.map(|y| y.to_string()).unwrap_or_default());
                rec.push(c.agency.clone().unwrap_or_default());
                rec.push(c.agency_from.map(|s| s.code()).unwrap_or_default().into());
                rec.push(c.ocr_cells.to_string());
                rec.push(c.errors.to_string());
                rec.push(c.warnings.to_string());
                rec.push(c.failed_rules.join(" "));
                rec.extend(c.cells.iter().cloned());
            }
        }
        rec
    }
}

/// A cell as written in the CSV: what was printed, nothing for an empty cell.
pub fn cell_text(cell: &Cell) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Int(n) => n.to_string(),
        Cell::Amount(d) => d.to_string(),
        Cell::NotApplicable(s) | Cell::Text(s) => s.clone(),
        Cell::Unresolved => "?".into(),
    }
}

fn cells_of(report: &AnnualReport, columns: &[String]) -> Vec<String> {
    columns
        .iter()
        .map(|col| {
            let path = match col.strip_prefix(F2019_PREFIX) {
                Some(p) if report.format == Format::F2019 => p,
                Some(_) => return String::new(),
                None => col.as_str(),
            };
            report.cell(path).map(cell_text).unwrap_or_default()
        })
        .collect()
}

/// Reads and parses one file. The error is plain English for the CSV of a batch run: the report crate has no
/// words of its own (they are in `gongkai_app::messages`).
pub fn read_report(path: &Path) -> Result<AnnualReport, String> {
    let bytes = std::fs::read(path)
        .map_err(|e| format!("cannot read the file: {e} ({})", path.display()))?;
    let name = path.to_string_lossy();
    parse_guarded(&bytes, Some(&name)).map_err(|e| e.to_string())
}

/// [`parse_bytes`], with a panic inside a parser (a bug, or a decoder meeting a malformed file) turned into an
/// error for that file, so that one bad file among thousands does not end the run.
pub fn parse_guarded(bytes: &[u8], name: Option<&str>) -> Result<AnnualReport, ReportError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| parse_bytes(bytes, name)))
        .unwrap_or_else(|panic| {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Err(ReportError::UnreadableInput(Unreadable::ParserPanic {
                what,
            }))
        })
}

/// The key that pairs a report with the previous year's report of the same agency.
fn agency_year(report: &AnnualReport) -> Option<(String, i32)> {
    let agency = report.agency.as_deref()?.trim();
    let year = report.year?;
    (!agency.is_empty()).then(|| (agency.to_string(), year))
}

/// For each report, the index of the same agency's report for the year before, when the list has exactly one.
pub fn previous_indices(reports: &[Option<&AnnualReport>]) -> Vec<Option<usize>> {
    let mut by_key: HashMap<(String, i32), Vec<usize>> = HashMap::new();
    for (i, r) in reports.iter().enumerate() {
        if let Some(key) = r.and_then(agency_year) {
            by_key.entry(key).or_default().push(i);
        }
    }
    reports
        .iter()
        .map(|r| {
            let (agency, year) = r.and_then(agency_year)?;
            match by_key.get(&(agency, year.checked_sub(1)?))?.as_slice() {
                [one] => Some(*one),
                _ => None,
            }
        })
        .collect()
}

/// Validates a report, with the cross-year rules when the previous year's report is given.
pub fn findings_for(report: &AnnualReport, previous: Option<&AnnualReport>) -> Vec<Finding> {
    match previous {
        Some(_) => validate_with_previous(report, previous),
        None => validate(report),
    }
}

impl Checked {
    /// The row data of a report and its findings; `columns` is [`cell_columns`], `with_previous` says whether
    /// the findings include the cross-year rules.
    pub fn of(
        report: &AnnualReport,
        findings: &[Finding],
        columns: &[String],
        with_previous: bool,
    ) -> Checked {
        let mut failed_rules: Vec<&'static str> = findings.iter().map(|f| f.rule).collect();
        failed_rules.sort_unstable();
        failed_rules.dedup();
        Checked {
            format: report.format,
            year: report.year,
            agency: report.agency.clone(),
            agency_from: report.agency_from,
            ocr_cells: report.ocr_cells().1,
            errors: count(findings, Severity::Error),
            warnings: count(findings, Severity::Warning),
            failed_rules,
            with_previous,
            cells: cells_of(report, columns),
        }
    }
}

fn count(findings: &[Finding], severity: Severity) -> usize {
    findings.iter().filter(|f| f.severity == severity).count()
}

/// Parses and validates every file, in parallel on the current rayon pool (wrap the call in
/// `ThreadPool::install` to choose the number of threads). `progress` is called once per file as soon as it
/// has been read, from any thread. The rows keep the order of `paths`.
pub fn run(paths: &[PathBuf], progress: &(dyn Fn(&Path) + Sync)) -> Vec<Row> {
    let parsed: Vec<Result<AnnualReport, String>> = paths
        .par_iter()
        .map(|p| {
            let r = read_report(p).map(|mut r| {
                r.provenance.clear();
                r
            });
            progress(p);
            r
        })
        .collect();
    let refs: Vec<Option<&AnnualReport>> = parsed.iter().map(|r| r.as_ref().ok()).collect();
    let previous = previous_indices(&refs);
    let columns = cell_columns();
    paths
        .par_iter()
        .zip(parsed.par_iter())
        .zip(previous.par_iter())
        .map(|((path, parsed), prev)| {
            let outcome = parsed.as_ref().map_err(Clone::clone).map(|report| {
                let prev_report = prev.and_then(|i| refs[i]);
                let findings = findings_for(report, prev_report);
                Checked::of(report, &findings, &columns, prev_report.is_some())
            });
            Row {
                file: path.display().to_string(),
                outcome,
            }
        })
        .collect()
}

/// Writes the header and the rows as CSV.
pub fn write_csv<W: Write>(out: W, rows: &[Row]) -> Result<(), csv::Error> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(header())?;
    for row in rows {
        w.write_record(row.record())?;
    }
    w.flush()?;
    Ok(())
}

/// What a batch found, in figures.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    pub files: usize,
    pub parsed: usize,
    pub unreadable: usize,
    /// Reports with at least one error-severity finding.
    pub with_errors: usize,
    /// Reports with at least one finding of the rule, by rule code.
    pub per_rule: BTreeMap<&'static str, usize>,
    pub elapsed: Duration,
}

impl Summary {
    pub fn of(rows: &[Row], elapsed: Duration) -> Summary {
        let mut s = Summary {
            files: rows.len(),
            elapsed,
            ..Summary::default()
        };
        for row in rows {
            match &row.outcome {
                Err(_) => s.unreadable += 1,
                Ok(c) => {
                    s.parsed += 1;
                    if c.errors > 0 {
                        s.with_errors += 1;
                    }
                    for rule in &c.failed_rules {
                        *s.per_rule.entry(rule).or_default() += 1;
                    }
                }
            }
        }
        s
    }

    /// Files per second over the whole run (0 when nothing was timed).
    pub fn per_second(&self) -> f64 {
        let secs = self.elapsed.as_secs_f64();
        if secs > 0.0 {
            self.files as f64 / secs
        } else {
            0.0
        }
    }
}
