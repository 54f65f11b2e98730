//! Import files from other systems, read into rows: CSV with a header, or JSON Lines; UTF-8, UTF-16 with a
//! byte-order mark or GB18030, as other systems export them. Each import names its columns
//! ([`crate::catalog::import`], [`crate::accounts::import`]) and checks its rows itself.

use std::collections::BTreeMap;

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
    #[error("the header names no {0} column")]
    NoKeyColumn(String),
    #[error("a CSV row cannot be read: {0}")]
    BadCsv(String),
}

/// The rows of an import file whose columns `canonical` names (gongkai's name for a column another system names
/// its own way) and which must have the column `key`.
pub fn read_table(
    bytes: &[u8],
    key: &str,
    canonical: fn(&str) -> Option<&'static str>,
) -> Result<Vec<FileRow>, ImportFileError> {
    let text = gongkai_report::parse::decode_text(bytes)
        .map_err(|e| ImportFileError::Encoding(e.to_string()))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    if text.trim_start().starts_with('{') {
        return json_lines(text, canonical);
    }
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| ImportFileError::BadCsvHeader(e.to_string()))?
        .iter()
        .map(|h| canonical(h.trim()).unwrap_or(h.trim()).to_owned())
        .collect();
    if !headers.iter().any(|h| h == key) {
        return Err(ImportFileError::NoKeyColumn(key.to_owned()));
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

fn json_lines(
    text: &str,
    canonical: fn(&str) -> Option<&'static str>,
) -> Result<Vec<FileRow>, ImportFileError> {
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
                        (canonical(k).unwrap_or(k).to_owned(), text)
                    })
                    .collect()
            })
            .unwrap_or_default();
        rows.push((i + 1, map));
    }
    Ok(rows)
}
