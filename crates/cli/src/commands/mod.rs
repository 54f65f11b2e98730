//! The commands. Each writes its results to the writer it is given and returns the exit code.

pub mod backup;
pub mod batch;
pub mod bench_data;
pub mod check;
pub mod compile;
pub mod deadline;
pub mod import;
pub mod import_accounts;
pub mod import_agencies;
pub mod import_report;
pub mod mail;
pub mod parse;
pub mod render;
pub mod search;
pub mod server;
pub mod store;

pub use crate::load::Exit;
