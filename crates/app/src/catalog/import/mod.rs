//! A catalogue from another system: the file read into rows (CSV with a header, or JSON Lines; UTF-8, UTF-16
//! with a byte-order mark or GB18030, as other systems export them), and each row checked into an item
//! ([`rows::check`]). Whatever the file holds, the answer is rows or an error, never a panic (the fuzz target
//! `import_catalog` and its corpus, replayed by the tests, hold it to that).

pub mod rows;

pub use crate::import_file::{FileRow, ImportFileError};
pub use rows::{COLUMNS, Rejected, canonical_column, check, parse_date};

/// The rows of a catalogue import file.
pub fn read_rows(bytes: &[u8]) -> Result<Vec<FileRow>, ImportFileError> {
    crate::import_file::read_table(bytes, "title", canonical_column)
}
