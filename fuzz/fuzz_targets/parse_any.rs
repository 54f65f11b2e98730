//! Arbitrary bytes with no file name: kind detection (text, HTML, DOCX, PDF, JSON), then that kind's parser.
//!
//! The PDF adapter catches the panics of pdf-extract (it unwraps inside its font and content-stream code) and
//! reports a damaged file. libfuzzer-sys aborts on every panic, caught or not, so the hook below lets a panic
//! raised inside a registry crate unwind to that catch; any panic in our own code still aborts at once, and a
//! panic that nobody catches still aborts when it leaves the target.
#![no_main]

use gongkai_domain::report::validate;
use libfuzzer_sys::fuzz_target;

fn tolerate_caught_dependency_panics() {
    let abort_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let in_dependency = info
            .location()
            .is_some_and(|l| l.file().contains("/.cargo/registry/"));
        if !in_dependency {
            abort_hook(info);
        }
    }));
}

fuzz_target!(init: tolerate_caught_dependency_panics(), |data: &[u8]| {
    if let Ok(report) = gongkai_report::parse_bytes(data, None) {
        let _ = validate(&report);
    }
});
