//! Prints the parsed tables of a report file with its findings and parse notes (a debugging aid for parser
//! work): `cargo run -p gongkai-report --example dump -- [--text] FILE...`; `--text` prints the text the
//! parser reads (a PDF's layout, an OFD's runs, a scan's OCR) before the tables.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let show_text = args.iter().any(|a| a == "--text");
    for path in args.into_iter().filter(|a| a != "--text") {
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        if show_text {
            let kind = gongkai_report::parse::detect_kind(&bytes, Some(&path));
            match gongkai_report::parse::extract_text(&bytes, kind) {
                Ok(text) => println!("== {path}: text ({kind:?})\n{text}"),
                Err(e) => println!("== {path}: text: {e}"),
            }
        }
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
                    println!("  ~ {} {}", n.code, n.zh);
                }
            }
            Err(e) => println!("== {path}: ERROR {e}"),
        }
    }
}
