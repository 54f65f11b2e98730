//! Arbitrary bytes as an HTML file (`x.html`): HTML extraction, then the text parser and validation. (Content
//! decides the kind, so bytes that start like a PDF or a DOCX go to those adapters.)
#![no_main]

mod common;

use gongkai_domain::report::validate;
use libfuzzer_sys::fuzz_target;

fuzz_target!(init: common::tolerate_caught_dependency_panics(), |data: &[u8]| {
    if let Ok(report) = gongkai_report::parse_bytes(data, Some("x.html")) {
        let _ = validate(&report);
    }
});
