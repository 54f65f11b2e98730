//! Arbitrary bytes as an accounts import file (CSV or JSON Lines, any encoding), every row checked: rows or an
//! error, never a panic. crates/app/tests/import_no_panic.rs replays fuzz/corpus/import_accounts on stable.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(rows) = gongkai_app::accounts::import::read_rows(data) {
        let _ = gongkai_app::accounts::import::check_rows(&rows);
    }
});
