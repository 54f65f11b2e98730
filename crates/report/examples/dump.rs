//! Prints the parsed tables of a report file with its findings and parse notes (a debugging aid for parser
//! work): `cargo run -p gongkai-report --example dump -- FILE`.

fn main() {
    for path in std::env::args().skip(1) {
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        match gongkai_report::parse_bytes(&bytes, Some(&path)) {
            Ok(r) => {
                let findings = gongkai_domain::report::validate(&r);
                let v = gongkai_report::json::to_json(&r, &findings, false);
                println!("== {path}: {} {:?} {:?}", r.format, r.year, r.agency);
                for (row, cells) in v["t3"].as_object().into_iter().flatten() {
                    let c: Vec<String> = cells
                        .as_object()
                        .into_iter()
                        .flatten()
                        .map(|(_, v)| v.to_string())
                        .collect();
                    println!("  {row:28} {}", c.join(" "));
                }
                println!("  t4 {}", v["t4"]);
                println!("  t2 {}", v["t2"]);
                for f in &findings {
                    println!(
                        "  ! {} {} {:?} {}",
                        f.rule,
                        f.severity.code(),
                        f.cells.first(),
                        f.message.zh
                    );
                }
                for n in &r.notes {
                    println!("  ~ {:?} {}", n.kind, n.zh);
                }
            }
            Err(e) => println!("== {path}: ERROR {e}"),
        }
    }
}
