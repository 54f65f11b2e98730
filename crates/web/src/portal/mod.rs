//! The public portal: the agencies on the platform, each one's disclosure column (guide, rules, proactive
//! disclosure by category, annual reports, applications), item pages, search, feeds and the sitemap.

pub mod apply;
pub mod column;
pub mod deadline;
pub mod feeds;
pub mod forms;
pub mod home;
pub mod items;
pub mod letters;
pub mod receipt;
pub mod reports;
pub mod reports_search;
pub mod search;
pub mod status;

pub use home::{home, stylesheet, switch_lang};
