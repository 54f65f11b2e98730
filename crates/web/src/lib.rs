//! gongkai's server (axum): the public portal, the staff console under `/console`, health probes, and the
//! demo. Handlers reach the store through [`state::AppState`]; access is decided by the extractors of
//! [`auth`], never in handlers; every form passes the CSRF layer; every page text comes from the message
//! catalogue ([`i18n`]) in Chinese or English.

pub mod annual;
pub mod api;
pub mod attachments;
pub mod auth;
pub mod catalog_search;
pub mod clock;
pub mod config;
pub mod console;
pub mod demo;
pub mod demo_applications;
pub mod demo_catalog;
pub mod demo_reports;
pub mod demo_reviews;
pub mod error;
pub mod error_code;
pub mod health;
pub mod i18n;
pub mod letters;
pub mod pages;
pub mod portal;
mod router;
pub mod security;
pub mod server;
pub mod state;
pub mod views;

pub use config::{Config, LogFormat};
pub use error::WebError;
pub use router::router;
pub use server::{serve, shutdown_signal};
pub use state::AppState;
