//! The annual report (条例第四十九条、第五十条) in the national formats 国办公开办函〔2019〕60号 (F2019) and
//! 〔2021〕30号 (F2021): layout, cells, the report itself and its validation.

mod cell;
pub mod compile_t2;
mod finding;
mod format;
pub mod layout;
mod model;
mod placeholder;
pub mod validate;

pub use cell::{Cell, CellKind, SumTerm};
pub use finding::{Finding, Message, Rule, Severity};
pub use format::Format;
pub use model::{
    AgencySource, AnnualReport, CellAddr, CellSource, FeeFigures, ParseNote, ParseNoteKind,
    Section, Table2, Table3, Table4,
};
pub use placeholder::{PLACEHOLDER_MARK, sections_with_placeholders};
pub use validate::{check_rollup, validate, validate_with_previous};
