//! gongkai's use cases, one function or one small module each: what a citizen, a caseworker, a reviewer, a
//! supervisor or an administrator asks of the platform. Every front end (the portal, the console, the API, the
//! command line, the demo's seeder) parses its input, calls one function here and renders the answer; front
//! ends never call each other. This layer calls the store, the search index, the report engine and the
//! domain's rules.

pub mod accounts;
pub mod agencies;
pub mod agency_import;
pub mod applications;
pub mod attachments;
pub mod backup;
pub mod calendar;
pub mod catalog;
pub mod clock;
pub mod config;
pub mod context;
pub mod error;
pub mod error_code;
pub mod import_file;
pub mod keys;
pub mod messages;
pub mod notify;
pub mod oversight;
pub mod reports;
pub mod secrets;
pub mod tokens;

pub use clock::{Clock, FixedClock, SharedClock, SystemClock};
pub use config::{Config, LogFormat, MailConfig, MailSecurity};
pub use context::App;
pub use error::{AppError, AppResult};
