//! Arbitrary bytes as an HTML file (`x.html`): HTML extraction, then the text parser and validation.
#![no_main]

use gongkai_domain::report::validate;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(report) = gongkai_report::parse_bytes(data, Some("x.html")) {
        let _ = validate(&report);
    }
});
