//! Reading report files for the commands, and the command-level error and exit codes.

use std::path::Path;

use gongkai_domain::report::AnnualReport;
use gongkai_report::ReportError;
use gongkai_report::batch::parse_guarded;
use gongkai_report::json::error_json;

/// The process exit codes of the report commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Exit {
    /// Everything was read; no report has an error finding.
    Ok = 0,
    /// A report has an error-severity finding.
    Findings = 1,
    /// A file could not be read, or an output could not be written (wins over [`Exit::Findings`]).
    Failure = 2,
}

/// A failure that ends a command, with its message in Chinese and English.
#[derive(Debug)]
pub struct CliError {
    pub message: String,
    /// The reader of standard output went away (`gongkai … | head`): end quietly.
    pub broken_pipe: bool,
}

impl CliError {
    pub fn msg(message: impl Into<String>) -> CliError {
        CliError {
            message: message.into(),
            broken_pipe: false,
        }
    }

    pub fn io(what_zh: &str, what_en: &str, path: &Path, err: &std::io::Error) -> CliError {
        CliError::msg(format!(
            "{what_zh}“{p}”：{err} / {what_en} '{p}': {err}",
            p = path.display()
        ))
    }
}

impl std::fmt::Display for CliError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl From<std::io::Error> for CliError {
    fn from(e: std::io::Error) -> CliError {
        CliError {
            message: format!("输出失败：{e} / writing the output failed: {e}"),
            broken_pipe: e.kind() == std::io::ErrorKind::BrokenPipe,
        }
    }
}

/// The name a report is known by: the path as given on the command line.
pub fn source_name(path: &Path) -> String {
    path.display().to_string()
}

/// Why a report file gave no report: the file could not be read, or its content is not a report.
#[derive(Debug)]
pub enum LoadError {
    Io(String),
    Report(ReportError),
}

impl LoadError {
    /// The contract's object for a file that could not be read (`error`, plus a stable `error_code`).
    pub fn json(&self, source: &str) -> serde_json::Value {
        match self {
            LoadError::Report(e) => error_json(source, e),
            LoadError::Io(msg) => serde_json::json!({
                "source": source,
                "error": msg,
                "error_code": "io.read_failed",
            }),
        }
    }
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::Io(msg) => f.write_str(msg),
            LoadError::Report(e) => write!(f, "{e}"),
        }
    }
}

/// Reads and parses one report file of any supported kind.
pub fn load(path: &Path) -> Result<AnnualReport, LoadError> {
    let bytes = std::fs::read(path).map_err(|e| {
        LoadError::Io(format!(
            "无法读取文件“{p}”：{e} / cannot read the file '{p}': {e}",
            p = path.display()
        ))
    })?;
    let report = parse_guarded(&bytes, Some(&source_name(path)));
    match &report {
        Ok(r) => {
            tracing::debug!(file = %path.display(), format = %r.format, year = ?r.year, "parsed")
        }
        Err(e) => tracing::debug!(file = %path.display(), error = %e, "not parsed"),
    }
    report.map_err(LoadError::Report)
}
