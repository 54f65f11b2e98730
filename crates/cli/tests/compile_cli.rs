//! `gongkai report compile` as an operator runs it on the demo's data: the report in each format, the rules'
//! findings on standard error, the 汇总 with `--rollup`, and clear refusals.

mod common;

use common::{code, gongkai, stderr, stdout};
use serde_json::Value;

#[test]
fn compile_writes_the_report_in_each_format_and_explains_refusals() {
    let dir = tempfile::tempdir().expect("dir");
    let d = dir.path().display().to_string();
    assert_eq!(
        code(&gongkai(&["demo", "--setup-only", "--data-dir", &d])),
        0
    );

    let json = gongkai(&[
        "report",
        "compile",
        "--agency",
        "孟州市公共资源交易中心",
        "--year",
        "2023",
        "--data-dir",
        &d,
    ]);
    assert_eq!(code(&json), 0, "{}", stderr(&json));
    let report: Value = serde_json::from_str(&stdout(&json)).expect("JSON by default");
    assert_eq!(report["year"], 2023, "{report}");
    assert!(stderr(&json).contains("错误 0 条"), "{}", stderr(&json));

    let out = dir.path().join("2023.docx");
    let docx = gongkai(&[
        "report",
        "compile",
        "--agency",
        "孟州市公共资源交易中心",
        "--year",
        "2023",
        "--data-dir",
        &d,
        "--to",
        "docx",
        "-o",
        &out.display().to_string(),
    ]);
    assert_eq!(code(&docx), 0, "{}", stderr(&docx));
    assert!(std::fs::read(&out).expect("written").starts_with(b"PK"));

    let rollup = gongkai(&[
        "report",
        "compile",
        "--agency",
        "孟州市人民政府",
        "--year",
        "2023",
        "--rollup",
        "--data-dir",
        &d,
        "--to",
        "txt",
    ]);
    assert_eq!(code(&rollup), 0, "{}", stderr(&rollup));
    assert!(
        stdout(&rollup).contains("孟州市人民政府（汇总）"),
        "{}",
        stdout(&rollup)
    );

    let unknown = gongkai(&[
        "report",
        "compile",
        "--agency",
        "某某局",
        "--year",
        "2023",
        "--data-dir",
        &d,
    ]);
    assert_eq!(code(&unknown), 2);
    assert!(stderr(&unknown).contains("某某局"));
    let empty = tempfile::tempdir().expect("dir");
    let nothing = gongkai(&[
        "report",
        "compile",
        "--agency",
        "孟州市公共资源交易中心",
        "--year",
        "2023",
        "--data-dir",
        &empty.path().display().to_string(),
    ]);
    assert_eq!(code(&nothing), 2, "{}", stderr(&nothing));
    assert!(
        stderr(&nothing).contains("gongkai migrate"),
        "{}",
        stderr(&nothing)
    );
}

#[test]
fn an_imported_earlier_report_is_what_the_first_compiled_year_is_checked_against() {
    let dir = tempfile::tempdir().expect("dir");
    let d = dir.path().display().to_string();
    assert_eq!(
        code(&gongkai(&["demo", "--setup-only", "--data-dir", &d])),
        0
    );
    let compile_2021 = || {
        gongkai(&[
            "report",
            "compile",
            "--agency",
            "孟州市财政局",
            "--year",
            "2021",
            "--data-dir",
            &d,
            "--to",
            "txt",
        ])
    };
    // From the records alone, 2021's 上年结转 is 2020's 结转 (one December application).
    let before = compile_2021();
    assert_eq!(code(&before), 0, "{}", stderr(&before));
    assert!(!stderr(&before).contains("T3-05"), "{}", stderr(&before));

    // The bureau's published 2020 report carried nothing over; once imported, 2021 is checked against it.
    let seed = common::fixture("mengzhou-ggzyjy-2020.txt")
        .display()
        .to_string();
    let imported = gongkai(&[
        "import",
        "report",
        &seed,
        "--agency",
        "孟州市财政局",
        "--data-dir",
        &d,
    ]);
    assert_eq!(code(&imported), 0, "{}", stderr(&imported));
    assert!(stdout(&imported).contains("2020"), "{}", stdout(&imported));
    let after = compile_2021();
    assert_eq!(
        code(&after),
        0,
        "a warning, not an error: {}",
        stderr(&after)
    );
    assert!(stderr(&after).contains("T3-05"), "{}", stderr(&after));

    let not_a_report = dir.path().join("notes.txt");
    std::fs::write(&not_a_report, "会议纪要：讨论下周工作安排。").expect("write");
    let refused = gongkai(&[
        "import",
        "report",
        &not_a_report.display().to_string(),
        "--agency",
        "孟州市财政局",
        "--data-dir",
        &d,
    ]);
    assert_eq!(code(&refused), 2);
    assert!(
        stderr(&refused).contains("年度报告"),
        "{}",
        stderr(&refused)
    );
}
