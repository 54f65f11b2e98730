//! A catalogue from another system: the file read into rows (CSV with a header, or JSON Lines; UTF-8, UTF-16
//! with a byte-order mark or GB18030, as other systems export them), and each row checked into an item
//! ([`rows::check`]). Whatever the file holds, the answer is rows or an error, never a panic (the fuzz target
//! `import_catalog` and its corpus, replayed by the tests, hold it to that).

pub mod rows;

use std::collections::BTreeMap;

pub use rows::{COLUMNS, Rejected, canonical_column, check, parse_date};

/// A row of the file: its line number and its cells by column name (gongkai's name where one is known).
pub type FileRow = (usize, BTreeMap<String, String>);

/// Why a file gives no rows at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportFileError {
    #[error("the file is not text in a known encoding: {0}")]
    Encoding(String),
    #[error("line {line} is not a JSON object: {error}")]
    NotJson { line: usize, error: String },
    #[error("the first row is not a CSV header: {0}")]
    BadCsvHeader(String),
    #[error("the header names no title column")]
    NoTitleColumn,
    #[error("a CSV row cannot be read: {0}")]
    BadCsv(String),
}

/// The rows of an import file.
pub fn read_rows(bytes: &[u8]) -> Result<Vec<FileRow>, ImportFileError> {
    let text = gongkai_report::parse::decode_text(bytes)
        .map_err(|e| ImportFileError::Encoding(e.to_string()))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    if text.trim_start().starts_with('{') {
        return json_lines(text);
    }
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| ImportFileError::BadCsvHeader(e.to_string()))?
        .iter()
        .map(|h| canonical_column(h.trim()).unwrap_or(h.trim()).to_owned())
        .collect();
    if !headers.iter().any(|h| h == "title") {
        return Err(ImportFileError::NoTitleColumn);
    }
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| ImportFileError::BadCsv(e.to_string()))?;
        let map = headers
            .iter()
            .cloned()
            .zip(record.iter().map(str::to_owned))
            .collect();
        rows.push((i + 2, map));
    }
    Ok(rows)
}

fn json_lines(text: &str) -> Result<Vec<FileRow>, ImportFileError> {
    let mut rows = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let value: serde_json::Value =
            serde_json::from_str(line).map_err(|e| ImportFileError::NotJson {
                line: i + 1,
                error: e.to_string(),
            })?;
        let map = value
            .as_object()
            .map(|o| {
                o.iter()
                    .map(|(k, v)| {
                        let text = match v {
                            serde_json::Value::Null => String::new(),
                            serde_json::Value::String(s) => s.clone(),
                            other => other.to_string(),
                        };
                        (canonical_column(k).unwrap_or(k).to_owned(), text)
                    })
                    .collect()
            })
            .unwrap_or_default();
        rows.push((i + 1, map));
    }
    Ok(rows)
}
