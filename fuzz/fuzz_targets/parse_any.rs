//! Arbitrary bytes with no file name: kind detection (text, HTML, DOCX, PDF, JSON), then that kind's parser.
#![no_main]

mod common;

use gongkai_domain::report::validate;
use libfuzzer_sys::fuzz_target;

fuzz_target!(init: common::tolerate_caught_dependency_panics(), |data: &[u8]| {
    if let Ok(report) = gongkai_report::parse_bytes(data, None) {
        let _ = validate(&report);
    }
});
