//! The annual report as the console, the API and the command line ask for it: compiled from the records
//! (条例第四十九条、第五十条), rolled up over an agency tree, imported from a published file, published.

mod compile;
mod official;
mod rollup;

pub use compile::{CompiledReport, catalog_facts, compile_report};
pub use official::{ImportError, compile, import, official_report};
pub use rollup::{RollUp, add_report, compile_rollup};
