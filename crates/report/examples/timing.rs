//! Rough per-report timing of parse + validate (a profiling aid; the measured figures live in the criterion
//! bench): `cargo run --release -p gongkai-report --example timing -- FILE...`; `ROUNDS=1` for a scan (OCR
//! takes seconds a page).

use std::time::Instant;

fn main() {
    for path in std::env::args().skip(1) {
        let Ok(bytes) = std::fs::read(&path) else {
            eprintln!("{path}: unreadable");
            continue;
        };
        let kind = gongkai_report::parse::detect_kind(&bytes, Some(&path));
        let rounds: u32 = std::env::var("ROUNDS")
            .ok()
            .and_then(|r| r.parse().ok())
            .filter(|r| *r > 0)
            .unwrap_or(300);
        let t = Instant::now();
        let mut text_len = 0;
        for _ in 0..rounds {
            text_len = gongkai_report::parse::extract_text(&bytes, kind)
                .map(|t| t.len())
                .unwrap_or(0);
        }
        let extract = t.elapsed() / rounds;
        let t = Instant::now();
        for _ in 0..rounds {
            if let Ok(r) = gongkai_report::parse_bytes(&bytes, Some(&path)) {
                std::hint::black_box(gongkai_domain::report::validate(&r));
            }
        }
        let all = t.elapsed() / rounds;
        println!(
            "{path}: {} bytes -> {text_len} text; extract {extract:?}, parse+validate {all:?}",
            bytes.len()
        );
    }
}
