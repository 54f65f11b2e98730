//! Arbitrary bytes as a catalogue import file (CSV or JSON Lines, any encoding), every row checked: rows or an
//! error, never a panic. crates/app/tests/import_no_panic.rs replays fuzz/corpus/import_catalog on stable.
#![no_main]

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let today = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap_or_default();
    if let Ok(rows) = gongkai_app::catalog::import::read_rows(data) {
        for (line, row) in &rows {
            let _ = gongkai_app::catalog::import::check(*line, row, "孟州市公共资源交易中心", today);
        }
    }
});
