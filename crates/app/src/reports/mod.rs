//! The annual report as the console, the API and the command line ask for it: compiled from the records
//! (条例第四十九条、第五十条), rolled up over an agency tree, imported from a published file, published.

mod cell_words;
mod compile;
mod draft;
mod official;
mod publish;
mod published;
mod rollup;
pub mod search;

pub use cell_words::cell_words;
pub use compile::{CompiledReport, catalog_facts, compile_report};
pub use official::{ImportError, compile, import, official_report};
pub use publish::{PublishRefusal, PublishRequest, publish};
pub use published::published_file;
pub use rollup::{RollUp, add_report, compile_rollup};
pub use search::{
    FoundReport, FoundReports, REPORTS_PER_PAGE, ReportRequest, ReportSearch, search_reports,
};

/// A report year the platform can compile: from the 2019 format (国办公开办函〔2019〕60号) on, up to last year.
pub fn compilable_year(app: &crate::App, year: i32) -> crate::AppResult<i32> {
    let last = chrono::Datelike::year(&app.today()) - 1;
    if (2019..=last.max(2019)).contains(&year) {
        Ok(year)
    } else {
        Err(crate::AppError::Refused(
            crate::error_code::ErrorCode::ReportYear,
        ))
    }
}
