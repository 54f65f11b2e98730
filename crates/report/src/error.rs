//! Errors of the report engine, each a stable code with typed arguments (`report.*`): the CLI, the API and the
//! web translate them from the locale files; `Display` is plain English for logs.

use gongkai_domain::message::{Arg, Args, Coded};
use thiserror::Error;

/// Errors of the report engine; `code()` is stable for the CLI, the API and translations.
#[derive(Debug, Error)]
pub enum ReportError {
    #[error("not an annual report: {0}")]
    NotAReport(NotAReport),
    #[error("unreadable input: {0}")]
    UnreadableInput(Unreadable),
    /// The JSON parser's own message (English, not ours to translate).
    #[error("JSON does not match the report contract: {0}")]
    Json(String),
    /// The renderer's own message (English, not ours to translate).
    #[error("rendering failed: {0}")]
    Render(String),
    #[error("cannot issue the letter: {0}")]
    BadLetter(LetterProblem),
}

/// Why a text is not an annual report. (The `Display`s here are English, for logs.)
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum NotAReport {
    /// Neither the tables nor the section headings were found.
    #[error("found neither the report's tables nor its section headings")]
    NoTablesOrHeadings,
    /// No table marks and no year: the format cannot be told.
    #[error("cannot tell the report format: no table marks and no year")]
    NoFormat,
}

/// Why a file cannot be read at all.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum Unreadable {
    /// Over the size a parser accepts.
    #[error("{kind:?} file too large: {bytes} bytes, limit {limit}")]
    TooLarge {
        kind: FileKind,
        bytes: usize,
        limit: usize,
    },
    /// The reader library's own message.
    #[error("{kind:?} file cannot be read ({detail})")]
    Reader { kind: FileKind, detail: String },
    /// The reader library gave up on a damaged structure.
    #[error("the {0:?} structure is damaged")]
    Damaged(FileKind),
    #[error("this is a legacy .doc or an encrypted DOCX; save it as an unencrypted .docx")]
    LegacyDoc,
    #[error("not a valid zip archive: {detail}")]
    NotZip { detail: String },
    #[error("the DOCX unpacks to {bytes} bytes")]
    UnpacksTooLarge { bytes: u64 },
    #[error("word/document.xml is missing")]
    NoDocumentXml,
    #[error("word/document.xml is damaged: {detail}")]
    DocumentXmlDamaged { detail: String },
    #[error("no %PDF header")]
    NoPdfHeader,
    #[error("the PDF is encrypted; provide an unencrypted file ({detail})")]
    PdfEncrypted { detail: String },
    #[error("the PDF has no text layer (a scan?); OCR is not supported")]
    PdfNoText,
    /// Text in neither UTF-8 nor GB18030 (`encoding` names what was tried or found).
    #[error("text is neither UTF-8 nor GB18030/GBK ({encoding})")]
    Encoding { encoding: String },
    /// A parser panicked: a bug, or a decoder meeting a malformed file.
    #[error("internal parser error ({what})")]
    ParserPanic { what: String },
    /// A scan to be read by OCR, but Tesseract or pdftoppm is not installed.
    #[error("a scanned report needs OCR, which is not installed here ({detail})")]
    OcrUnavailable { detail: String },
    /// OCR ran and failed, or recognised no text.
    #[error("OCR could not read the scan ({detail})")]
    OcrFailed { detail: String },
}

/// The file kinds whose reading can fail on their own terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Docx,
    Pdf,
    Ofd,
}

/// What is wrong with the data of a letter.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum LetterProblem {
    /// A required field is empty (`field` is the field's name in the letter data).
    #[error("{field} is empty")]
    Missing { field: &'static str },
    #[error("{field} {value:?} is not a YYYY-MM-DD date")]
    BadDate { field: &'static str, value: String },
    #[error("served_on {served_on} is before received_on {received_on}")]
    ServedBeforeReceived {
        served_on: String,
        received_on: String,
    },
}

impl ReportError {
    pub fn code(&self) -> &'static str {
        match self {
            ReportError::NotAReport(_) => "report.not_a_report",
            ReportError::UnreadableInput(_) => "report.unreadable_input",
            ReportError::Json(_) => "report.bad_json",
            ReportError::Render(_) => "report.render_failed",
            ReportError::BadLetter(_) => "report.bad_letter",
        }
    }
}

impl Coded for ReportError {
    fn code(&self) -> &'static str {
        ReportError::code(self)
    }

    fn args(&self) -> Args {
        let detail = match self {
            Self::NotAReport(n) => Arg::said(n),
            Self::UnreadableInput(u) => Arg::said(u),
            Self::Json(text) | Self::Render(text) => Arg::text(text),
            Self::BadLetter(p) => Arg::said(p),
        };
        vec![("detail", detail)]
    }
}

impl Coded for NotAReport {
    fn code(&self) -> &'static str {
        match self {
            Self::NoTablesOrHeadings => "report.not_a_report.no_tables",
            Self::NoFormat => "report.not_a_report.no_format",
        }
    }
}

impl FileKind {
    /// The message key of the kind's reason for being unreadable (`report.unreadable.docx` ...).
    fn word(self) -> &'static str {
        match self {
            Self::Docx => "report.unreadable.docx",
            Self::Pdf => "report.unreadable.pdf",
            Self::Ofd => "report.unreadable.ofd",
        }
    }
}

impl Coded for Unreadable {
    fn code(&self) -> &'static str {
        match self {
            Self::TooLarge { .. } => "report.unreadable.too_large",
            Self::Reader { .. } => "report.unreadable.reader",
            Self::Damaged(FileKind::Docx) => "report.unreadable.docx_damaged",
            Self::Damaged(FileKind::Pdf) => "report.unreadable.pdf_damaged",
            Self::Damaged(FileKind::Ofd) => "report.unreadable.ofd_damaged",
            Self::LegacyDoc => "report.unreadable.legacy_doc",
            Self::NotZip { .. } => "report.unreadable.not_zip",
            Self::UnpacksTooLarge { .. } => "report.unreadable.unpacks_too_large",
            Self::NoDocumentXml => "report.unreadable.no_document_xml",
            Self::DocumentXmlDamaged { .. } => "report.unreadable.document_xml_damaged",
            Self::NoPdfHeader => "report.unreadable.no_pdf_header",
            Self::PdfEncrypted { .. } => "report.unreadable.pdf_encrypted",
            Self::PdfNoText => "report.unreadable.pdf_no_text",
            Self::OcrUnavailable { .. } => "report.unreadable.ocr_unavailable",
            Self::OcrFailed { .. } => "report.unreadable.ocr_failed",
            Self::Encoding { .. } => "report.unreadable.encoding",
            Self::ParserPanic { .. } => "report.unreadable.parser_panic",
        }
    }

    fn args(&self) -> Args {
        match self {
            Self::TooLarge { kind, bytes, limit } => vec![
                ("kind", Arg::Word(kind.word())),
                ("bytes", Arg::number(*bytes)),
                ("limit", Arg::number(*limit)),
            ],
            Self::Reader { kind, detail } => {
                vec![
                    ("kind", Arg::Word(kind.word())),
                    ("detail", Arg::text(detail)),
                ]
            }
            Self::NotZip { detail }
            | Self::DocumentXmlDamaged { detail }
            | Self::PdfEncrypted { detail } => vec![("detail", Arg::text(detail))],
            Self::UnpacksTooLarge { bytes } => vec![("bytes", Arg::number(*bytes))],
            Self::Encoding { encoding } => vec![("encoding", Arg::text(encoding))],
            Self::ParserPanic { what } => vec![("what", Arg::text(what))],
            Self::OcrUnavailable { detail } | Self::OcrFailed { detail } => {
                vec![("detail", Arg::text(detail))]
            }
            Self::Damaged(_)
            | Self::LegacyDoc
            | Self::NoDocumentXml
            | Self::NoPdfHeader
            | Self::PdfNoText => Vec::new(),
        }
    }
}

impl Coded for LetterProblem {
    fn code(&self) -> &'static str {
        match self {
            Self::Missing { .. } => "report.letter.missing",
            Self::BadDate { .. } => "report.letter.bad_date",
            Self::ServedBeforeReceived { .. } => "report.letter.served_before_received",
        }
    }

    /// `field` is the field's name in the data (the English message names it so); `name` its name in the
    /// locale files (`report.letter.field.<field>`).
    fn args(&self) -> Args {
        let field_args = |field: &'static str| {
            [
                ("field", Arg::text(field)),
                ("name", Arg::Word(letter_field_word(field))),
            ]
        };
        match self {
            Self::Missing { field } => field_args(field).into(),
            Self::BadDate { field, value } => {
                let mut args: Args = field_args(field).into();
                args.push(("value", Arg::text(value)));
                args
            }
            Self::ServedBeforeReceived {
                served_on,
                received_on,
            } => vec![
                ("served_on", Arg::text(served_on)),
                ("received_on", Arg::text(received_on)),
            ],
        }
    }
}

/// The message key of a letter field's name.
fn letter_field_word(field: &str) -> &'static str {
    match field {
        "agency_name" => "report.letter.field.agency_name",
        "tracking_no" => "report.letter.field.tracking_no",
        "applicant_name" => "report.letter.field.applicant_name",
        "description" => "report.letter.field.description",
        "received_on" => "report.letter.field.received_on",
        "served_on" => "report.letter.field.served_on",
        "doc_no" => "report.letter.field.doc_no",
        "not_held" => "report.letter.field.not_held",
        "what" => "report.letter.field.what",
        "reason" => "report.letter.field.reason",
        "amount_yuan" => "report.letter.field.amount_yuan",
        _ => "report.letter.field.other",
    }
}
