//! Reports arrive as UTF-8, UTF-8 with a BOM, UTF-16 with a BOM, or GB18030/GBK (many government sites still
//! serve GBK pages): each reads the same; bytes in no encoding are a clear error.

use std::path::PathBuf;

use gongkai_report::parse_bytes;

fn seed() -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/fixtures/reports/mengzhou-ggzyjy-2020.txt");
    std::fs::read_to_string(path).expect("seed fixture")
}

fn utf16le_with_bom(text: &str) -> Vec<u8> {
    let mut out = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        out.extend(unit.to_le_bytes());
    }
    out
}

#[test]
fn the_seed_reads_the_same_in_every_encoding() {
    let text = seed();
    let base = parse_bytes(text.as_bytes(), Some("seed.txt")).expect("utf-8");
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&text);
    assert!(!unmappable);
    let mut with_bom = b"\xEF\xBB\xBF".to_vec();
    with_bom.extend(text.as_bytes());
    for (name, bytes) in [
        ("gbk", gbk.into_owned()),
        ("utf-8 bom", with_bom),
        ("utf-16le", utf16le_with_bom(&text)),
    ] {
        let r = parse_bytes(&bytes, Some("seed.txt")).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(r.t3, base.t3, "{name}");
        assert_eq!(r.agency, base.agency, "{name}");
    }
}

#[test]
fn a_gbk_html_page_reads_like_its_utf8_twin() {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures/reports/030.html");
    let html = std::fs::read_to_string(path).expect("030.html");
    let base = parse_bytes(html.as_bytes(), Some("030.html")).expect("utf-8 page");
    let (gbk, _, _) = encoding_rs::GBK.encode(&html);
    let r = parse_bytes(&gbk, Some("030.html")).expect("gbk page");
    assert_eq!((r.t2, r.t3, r.t4), (base.t2, base.t3, base.t4));
}

#[test]
fn bytes_in_no_encoding_are_an_error() {
    let junk: Vec<u8> = (0..400u32).map(|i| (i * 7919 % 251) as u8 | 0x80).collect();
    let err = parse_bytes(&junk, Some("x.txt")).expect_err("not text");
    assert_eq!(err.code(), "report.unreadable_input", "{err}");
}
