//! Arbitrary bytes, read as (lossy) UTF-8, through the text parser and the validation rules.
#![no_main]

use gongkai_domain::report::validate;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(report) = gongkai_report::parse_text(&text) {
        let _ = validate(&report);
    }
});
