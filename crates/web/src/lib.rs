//! gongkai's server (axum): the public portal, the staff console under `/console`, health probes, and the
//! demo. Handlers reach the store through [`state::AppState`]; access is decided by the extractors of
//! [`auth`], never in handlers; every form passes the CSRF layer; every page text comes from the message
//! catalogue ([`i18n`]) in Chinese or English.

pub mod api;
pub mod auth;
pub mod client;
mod connections;

pub mod console;
pub mod display;
pub mod downloads;
pub mod error;
pub use gongkai_app::error_code;
pub mod forms;
pub mod health;
pub mod i18n;
pub mod models;
pub mod page_cache;
pub mod pages;
pub mod portal;
mod router;
pub mod security;
pub mod server;
pub mod state;
pub mod templates;

pub use error::WebError;
pub use gongkai_app::config::{Config, LogFormat};
pub use router::{route_paths, router};
pub use server::{serve, shutdown_signal};
pub use state::AppState;
