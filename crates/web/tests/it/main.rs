//! gongkai-web's integration tests, one binary: each module is one area of the server, driven over HTTP (or in
//! headless Chromium) against a server over a fresh store that holds only what the test set up (`support`),
//! with today pinned.

mod support;

mod access_matrix;
mod api_contract;
mod appeals;
mod appeals_browser;
mod application_steps;
mod applications_api;
mod attachment_search;
mod browser;
mod browser_application;
mod case_list;
mod caseworker_api;
mod caseworker_fees;
mod caseworker_notices;
mod catalog;
mod catalog_sync;
mod chinese_pages;
mod citizen_files;
mod citizen_status;
mod citizen_way;
mod deadline;
mod documents;
mod fees;
mod forms;
mod hardening;
mod intake_limits;
mod journeys_browser;
mod login;
mod mail;
mod messages;
mod notices;
mod oversight;
mod oversight_chart;
mod page_cache;
mod pages;
mod personal_data;
mod report_publish;
mod report_search;
mod reviewer_checks;
mod roles;
mod search_help;
mod security_admin;
mod security_browser;
mod staff_search;
mod statistics;
mod statistics_browser;
