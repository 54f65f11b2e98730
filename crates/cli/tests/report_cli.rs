//! `gongkai report parse | check | render` run as a user runs them: exit codes, JSON Lines, messages.

mod common;

use common::*;
use serde_json::{Value, json};

#[test]
fn parse_json_gives_one_line_per_file_in_argument_order() {
    let dir = tempfile::tempdir().expect("tempdir");
    let report = write_json(dir.path(), "a.json", &clean_report_json());
    let missing = dir.path().join("missing.txt");
    let out = gongkai(&["report", "parse", "--json", s(&missing), s(&report)]);
    assert_eq!(code(&out), 2, "an unreadable file gives exit 2");
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["source"], json!(s(&missing)));
    assert!(
        lines[0]["error"]
            .as_str()
            .is_some_and(|m| m.contains("cannot read"))
    );
    let r = &lines[1];
    assert_eq!(r["source"], json!(s(&report)));
    assert_eq!(r["format"], json!("F2019"));
    assert_eq!(r["year"], json!(2020));
    assert_eq!(r["agency"], json!("孟州市公共资源交易中心"));
    for key in ["sections", "t2", "t3", "t4"] {
        assert!(r[key].is_object(), "{key} is an object");
    }
    assert_eq!(r["findings"], json!([]));
    let t3: Vec<&String> = r["t3"].as_object().expect("t3").keys().collect();
    assert_eq!(t3.first().map(|k| k.as_str()), Some("r1_new"));
    assert_eq!(t3.last().map(|k| k.as_str()), Some("r4_carry_out"));
    assert!(t3.iter().any(|k| *k == "r3_6_other"), "F2019 row present");
    assert_eq!(r["t3"]["r1_new"]["total"], json!(0));
    assert_eq!(r["t4"]["review"]["total"], json!(0));
    assert!(r.get("provenance").is_none());
}

#[test]
fn a_text_that_is_not_a_report_gives_an_error_object() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("notes.txt");
    std::fs::write(&p, "今天天气很好。\nThe weather is fine today.\n").expect("write");
    let out = gongkai(&["report", "parse", "--json", s(&p)]);
    assert_eq!(code(&out), 2);
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["source"], json!(s(&p)));
    assert!(lines[0]["error"].is_string());
    assert!(lines[0]["error_code"].is_string());
    assert!(lines[0].get("t3").is_none(), "no tables for a failed parse");
}

#[test]
fn parse_without_json_prints_a_readable_summary() {
    let dir = tempfile::tempdir().expect("tempdir");
    let report = write_json(dir.path(), "a.json", &clean_report_json());
    let out = gongkai(&["report", "parse", s(&report)]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    for want in ["F2019", "2020", "孟州市公共资源交易中心", "findings: 0"] {
        assert!(text.contains(want), "summary shows {want}: {text}");
    }
}

#[test]
fn garbage_and_binary_files_make_check_exit_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bin: Vec<u8> = (0..4096u32).map(|i| (i * 7919 % 251) as u8).collect();
    std::fs::write(
        dir.path().join("a.pdf"),
        [b"%PDF-1.4\n".as_slice(), &bin].concat(),
    )
    .expect("w");
    std::fs::write(
        dir.path().join("b.docx"),
        [b"PK\x03\x04".as_slice(), &bin].concat(),
    )
    .expect("w");
    std::fs::write(dir.path().join("c.txt"), &bin).expect("w");
    std::fs::write(
        dir.path().join("d.html"),
        "<html><body><table><tr><td>1</td></tr></table>",
    )
    .expect("w");
    std::fs::write(dir.path().join("e.json"), "{\"format\": 7").expect("w");
    let mut args = vec!["report".to_string(), "check".to_string()];
    for name in ["a.pdf", "b.docx", "c.txt", "d.html", "e.json"] {
        args.push(dir.path().join(name).display().to_string());
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = gongkai(&args);
    assert_eq!(code(&out), 2, "{}", stdout(&out));
    assert!(stdout(&out).contains("5 unreadable"), "{}", stdout(&out));
    let dir_as_file = gongkai(&["report", "check", s(dir.path())]);
    assert_eq!(code(&dir_as_file), 2);
}

#[test]
fn check_exit_codes_follow_the_worst_report() {
    let dir = tempfile::tempdir().expect("tempdir");
    let clean = write_json(dir.path(), "clean.json", &clean_report_json());
    let mut broken = clean_report_json();
    set(&mut broken, "t3.r1_new.np", json!(5));
    set(&mut broken, "t3.r1_new.total", json!(5));
    let broken = write_json(dir.path(), "broken.json", &broken);
    let missing = dir.path().join("missing.txt");

    assert_eq!(code(&gongkai(&["report", "check", s(&clean)])), 0);
    let out = gongkai(&["report", "check", s(&clean), s(&broken)]);
    assert_eq!(code(&out), 1);
    let text = stdout(&out);
    assert!(text.contains("T3-01"), "{text}");
    assert!(text.contains("错误 error"), "{text}");
    assert!(
        text.contains("t3.r1_new.np"),
        "the finding names its cells: {text}"
    );
    assert!(
        text.contains("表三“一、本年新收政府信息公开申请数量”行“自然人”列 (t3.r1_new.np)")
            && text.contains("Table 3, row “1. New requests this year”, column “Natural persons”"),
        "in words, in both languages: {text}"
    );
    let out = gongkai(&["report", "check", s(&broken), s(&missing)]);
    assert_eq!(code(&out), 2, "2 wins over 1");
}

/// A clean report of `year` whose 结转下年度 is `carry_out` applications (natural persons).
fn report_of(year: i64, carry_in: i64, carry_out: i64) -> Value {
    let mut v = clean_report_json();
    v["year"] = json!(year);
    for col in ["np", "total"] {
        set(&mut v, &format!("t3.r2_carry_in.{col}"), json!(carry_in));
        set(&mut v, &format!("t3.r1_new.{col}"), json!(carry_out));
        set(&mut v, &format!("t3.r3_1_open.{col}"), json!(carry_in));
        set(&mut v, &format!("t3.r3_7_total.{col}"), json!(carry_in));
        set(&mut v, &format!("t3.r4_carry_out.{col}"), json!(carry_out));
    }
    v
}

#[test]
fn consecutive_years_of_one_agency_are_compared() {
    let dir = tempfile::tempdir().expect("tempdir");
    let y2019 = write_json(dir.path(), "2019.json", &report_of(2019, 0, 3));
    let y2020 = write_json(dir.path(), "2020.json", &report_of(2020, 2, 0));
    let alone = gongkai(&["report", "check", s(&y2020)]);
    assert!(!stdout(&alone).contains("T3-05"), "{}", stdout(&alone));
    assert_eq!(code(&alone), 0, "{}", stdout(&alone));

    let out = gongkai(&["report", "check", s(&y2020), s(&y2019)]);
    let text = stdout(&out);
    assert!(
        text.contains("T3-05"),
        "carry-over compared automatically: {text}"
    );
    assert!(text.contains("警告 warning"), "{text}");
    assert_eq!(code(&out), 0, "T3-05 is a warning");

    let out = gongkai(&["report", "check", s(&y2020), "--previous", s(&y2019)]);
    assert!(stdout(&out).contains("T3-05"), "{}", stdout(&out));
    let wrong = gongkai(&["report", "check", s(&y2019), "--previous", s(&y2020)]);
    assert!(
        stdout(&wrong).contains("does not match"),
        "a previous report of the wrong year is pointed out: {}",
        stdout(&wrong)
    );
    let out = gongkai(&[
        "report",
        "check",
        s(&y2020),
        "--previous",
        "/nonexistent/p.json",
    ]);
    assert_eq!(code(&out), 2);
}

#[test]
fn render_writes_the_requested_format() {
    let dir = tempfile::tempdir().expect("tempdir");
    let report = write_json(dir.path(), "a.json", &clean_report_json());
    let out_json = dir.path().join("out.json");
    let out = gongkai(&[
        "report",
        "render",
        "--from",
        s(&report),
        "--to",
        "json",
        "-o",
        s(&out_json),
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let v: Value =
        serde_json::from_slice(&std::fs::read(&out_json).expect("written")).expect("JSON");
    assert_eq!(v["format"], json!("F2019"));
    assert_eq!(v["agency"], json!("孟州市公共资源交易中心"));

    let out_txt = dir.path().join("out.txt");
    let out = gongkai(&["report", "render", "--from", s(&report), "-o", s(&out_txt)]);
    assert_eq!(
        code(&out),
        0,
        "the format comes from the extension: {}",
        stderr(&out)
    );
    assert!(out_txt.exists());

    let out = gongkai(&[
        "report",
        "render",
        "--from",
        s(&report),
        "--to",
        "rtf",
        "-o",
        "x",
    ]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("未知的输出格式"), "{}", stderr(&out));
    let out = gongkai(&[
        "report",
        "render",
        "--from",
        s(&report),
        "-o",
        s(&dir.path().join("x.foo")),
    ]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("--to"), "{}", stderr(&out));
    let out = gongkai(&[
        "report",
        "render",
        "--from",
        "/nonexistent.txt",
        "-o",
        "x.md",
    ]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("cannot read"), "{}", stderr(&out));
}
