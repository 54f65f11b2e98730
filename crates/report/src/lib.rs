//! The annual-report engine: parse published reports (text, HTML, DOCX, PDF) into the domain model with cell
//! provenance, render the model (text, Markdown, HTML, DOCX, PDF, JSON), and the JSON contract of
//! `shared/spec/report-json.md`.
//!
//! ```
//! use gongkai_domain::report::{Cell, Format, validate};
//!
//! let text = "某局2023年政府信息公开工作年度报告\n\
//!     三、收到和处理政府信息公开申请情况\n\
//!     一、本年新收政府信息公开申请数量\t170000017\n";
//! let report = gongkai_report::parse_text(text)?;
//! assert_eq!((report.format, report.year), (Format::F2021, Some(2023)));
//! // digits run together are split by the row's own total: 17 natural persons, 17 in all
//! assert_eq!(report.cell("t3.r1_new.np"), Some(&Cell::Int(17)));
//! assert_eq!(report.cell("t3.r1_new.total"), Some(&Cell::Int(17)));
//! // the rest of the report is missing, and validation says so
//! assert!(validate(&report).iter().any(|f| f.rule == "D-01"));
//! # Ok::<(), gongkai_report::ReportError>(())
//! ```

pub mod batch;
pub mod error;
pub mod extract;
pub mod forms;
pub mod json;
pub mod letters;
pub mod parse;
pub mod render;
mod word97;

pub use error::{FileKind, LetterProblem, NotAReport, ReportError, Unreadable};
pub use parse::{parse_bytes, parse_text};
pub use render::{RenderTarget, render};
