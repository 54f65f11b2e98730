//! Reading report files for the commands, and the command-level error and exit codes.

use crate::words;
use gongkai_app::messages::{Arg, Coded};
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

/// A failure that ends a command, with its message in Chinese and English (built from the locale files).
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

    /// A lower layer's coded error, in both languages.
    pub fn coded(e: &dyn Coded) -> CliError {
        CliError::msg(words::both(e))
    }

    /// A file operation that failed: `what` is the message key of what was being done (`cli.io.read` ...).
    pub fn io(what: &'static str, path: &Path, err: &std::io::Error) -> CliError {
        CliError::msg(io_message(what, path, err))
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
            message: words::say("cli.output_failed", vec![("error", Arg::text(&e))]),
            broken_pipe: e.kind() == std::io::ErrorKind::BrokenPipe,
        }
    }
}

/// `what` (a message key) on `path` failed with `err`, in both languages.
fn io_message(what: &'static str, path: &Path, err: &std::io::Error) -> String {
    words::say(
        "cli.io",
        vec![
            ("what", Arg::Word(what)),
            ("path", Arg::text(path.display())),
            ("error", Arg::text(err)),
        ],
    )
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
            LoadError::Report(e) => {
                let mut json = error_json(source, e);
                // The contract's message reads in both languages, from the locale files.
                json["error"] = serde_json::Value::String(words::both(e));
                json
            }
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
            LoadError::Report(e) => f.write_str(&words::both(e)),
        }
    }
}

/// Reads and parses one report file of any supported kind.
pub fn load(path: &Path) -> Result<AnnualReport, LoadError> {
    let bytes =
        std::fs::read(path).map_err(|e| LoadError::Io(io_message("cli.io.read_file", path, &e)))?;
    let report = parse_guarded(&bytes, Some(&source_name(path)));
    match &report {
        Ok(r) => {
            tracing::debug!(file = %path.display(), format = %r.format, year = ?r.year, "parsed")
        }
        Err(e) => tracing::debug!(file = %path.display(), error = %e, "not parsed"),
    }
    report.map_err(LoadError::Report)
}
