//! `gongkai report batch`: the CSV (header, one row per report) and the summary.

mod common;

use common::*;

fn read_csv(path: &std::path::Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_path(path).expect("CSV written");
    let header: Vec<String> = r
        .headers()
        .expect("header")
        .iter()
        .map(str::to_string)
        .collect();
    let rows = r
        .records()
        .map(|rec| rec.expect("record").iter().map(str::to_string).collect())
        .collect();
    (header, rows)
}

#[test]
fn batch_writes_one_row_per_report_and_a_summary() {
    let dir = tempfile::tempdir().expect("tempdir");
    let reports = dir.path().join("reports");
    let nested = reports.join("2020").join("deep");
    std::fs::create_dir_all(&nested).expect("dirs");
    write_json(&reports, "a.json", &clean_report_json());
    write_json(&nested, "b.JSON", &clean_report_json());
    let mut broken = clean_report_json();
    set(&mut broken, "t3.r1_new.np", serde_json::json!(5));
    write_json(&nested, "c.json", &broken);
    std::fs::write(reports.join("garbage.txt"), [0xff_u8, 0xfe, 0x00, 0x81]).expect("w");
    std::fs::write(reports.join("x.pdf"), b"%PDF-1.4 not really").expect("w");
    std::fs::write(reports.join("ignored.mp3"), b"ID3").expect("w");
    let csv_path = dir.path().join("out.csv");

    let out = gongkai(&[
        "report",
        "batch",
        s(&reports),
        "-o",
        s(&csv_path),
        "--jobs",
        "2",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let (header, rows) = read_csv(&csv_path);
    assert_eq!(
        &header[..11],
        [
            "file",
            "status",
            "error",
            "format",
            "year",
            "agency",
            "agency_from",
            "ocr_cells",
            "errors",
            "warnings",
            "failed_rules"
        ]
    );
    for col in [
        "t3.r1_new.total",
        "t4.review.total",
        "t2.a20_1.regulations.issued",
    ] {
        assert!(header.iter().any(|h| h == col), "{col} in header");
    }
    assert!(
        header
            .iter()
            .any(|h| h == "F2019:t2.a20_9.gov_procurement.amount")
    );
    assert!(header.iter().any(|h| h == "F2019:t3.r3_6_other.total"));
    assert_eq!(rows.len(), 5, "five report files, the .mp3 ignored");
    assert!(rows.iter().all(|r| r.len() == header.len()));
    let col = |name: &str| header.iter().position(|h| h == name).expect("column");
    let ok: Vec<_> = rows.iter().filter(|r| r[col("status")] == "ok").collect();
    assert_eq!(ok.len(), 3);
    assert!(
        ok.iter()
            .all(|r| r[col("format")] == "F2019" && r[col("year")] == "2020")
    );
    let failed: Vec<_> = rows
        .iter()
        .filter(|r| r[col("status")] == "error")
        .collect();
    assert!(failed.iter().all(|r| !r[col("error")].is_empty()));
    let broken_row = ok
        .iter()
        .find(|r| r[col("file")].ends_with("c.json"))
        .expect("c.json row");
    assert!(broken_row[col("failed_rules")].contains("T3-01"));
    assert_eq!(broken_row[col("t3.r1_new.np")], "5");

    let summary = stdout(&out);
    for want in [
        "files:",
        "5",
        "parsed:",
        "unreadable:",
        "with errors:",
        "T3-01",
        "reports/s",
    ] {
        assert!(summary.contains(want), "summary shows {want}: {summary}");
    }
}

#[test]
fn batch_says_where_each_agency_name_was_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::copy(fixture("004.txt"), dir.path().join("004.txt")).expect("copy fixture");
    write_json(dir.path(), "a.json", &clean_report_json());
    let csv_path = dir.path().join("out.csv");
    let out = gongkai(&["report", "batch", s(dir.path()), "-o", s(&csv_path)]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let (header, rows) = read_csv(&csv_path);
    let col = |name: &str| header.iter().position(|h| h == name).expect("column");
    let row = |file: &str| {
        rows.iter()
            .find(|r| r[col("file")].ends_with(file))
            .unwrap_or_else(|| panic!("{file} row"))
    };
    // A published report's name comes from its title; a JSON report says nothing of where it was read.
    assert_eq!(row("004.txt")[col("agency")], "沐阳县人民政府");
    assert_eq!(row("004.txt")[col("agency_from")], "title");
    assert_eq!(row("a.json")[col("agency_from")], "");
}

#[test]
fn batch_without_output_writes_csv_to_stdout_and_summary_to_stderr() {
    let dir = tempfile::tempdir().expect("tempdir");
    write_json(dir.path(), "a.json", &clean_report_json());
    let out = gongkai(&["report", "batch", s(dir.path())]);
    assert_eq!(code(&out), 0);
    let text = stdout(&out);
    assert!(text.starts_with("file,status,error,"), "{text}");
    assert_eq!(text.lines().count(), 2);
    assert!(stderr(&out).contains("batch summary"));

    let only = gongkai(&["report", "batch", s(dir.path()), "--summary"]);
    assert!(
        !stdout(&only).contains("file,status"),
        "--summary writes no CSV"
    );
    assert!(stdout(&only).contains("batch summary"));
}

#[test]
fn batch_on_a_missing_directory_exits_2() {
    let out = gongkai(&["report", "batch", "/nonexistent/reports"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("cannot read the directory"),
        "{}",
        stderr(&out)
    );
}

/// Worker threads write to standard error (logs here, the progress bar on a terminal) while the main thread
/// waits for them: standard error must not stay locked by the main thread (this once hung).
#[test]
fn batch_with_logs_from_worker_threads_finishes() {
    let dir = tempfile::tempdir().expect("tempdir");
    for i in 0..8 {
        write_json(dir.path(), &format!("{i}.json"), &clean_report_json());
    }
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args([
            "report",
            "batch",
            s(dir.path()),
            "--summary",
            "-vv",
            "--jobs",
            "2",
        ])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("runs");
    let stderr = child.stderr.take().expect("stderr");
    let reader = std::thread::spawn(move || std::io::read_to_string(stderr).unwrap_or_default());
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if started.elapsed() > std::time::Duration::from_secs(60) {
            let _ = child.kill();
            panic!("report batch -vv did not finish within 60 s");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    assert!(status.success());
    let log = reader.join().expect("reader");
    assert!(log.contains("read"), "{log}");
}
