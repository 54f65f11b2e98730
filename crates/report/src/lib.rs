//! The annual-report engine: parse published reports (text, HTML, DOCX, PDF) into the domain model with cell
//! provenance, render the model (text, Markdown, HTML, DOCX, PDF, JSON), and the JSON contract of
//! `shared/spec/report-json.md`.

pub mod batch;
pub mod error;
pub mod json;
pub mod parse;
pub mod render;

pub use error::ReportError;
pub use parse::{parse_bytes, parse_text};
pub use render::{RenderTarget, render};
