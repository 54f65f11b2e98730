//! Helpers for running the built `gongkai` binary on the shared fixtures.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

/// `../shared/fixtures/reports` next to the workspace.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures/reports")
}

pub fn fixture(name: &str) -> PathBuf {
    fixtures().join(name)
}

pub fn gongkai(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(args)
        .output()
        .expect("the gongkai binary runs")
}

pub fn code(out: &Output) -> i32 {
    out.status.code().expect("exited with a code")
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The JSON Lines of a `report parse --json` run.
pub fn json_lines(out: &Output) -> Vec<Value> {
    stdout(out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is one JSON object"))
        .collect()
}

/// The seed report's tables in the JSON contract (every cell 0), with the six sections added so that the
/// document rules pass: a clean report to start tests from.
pub fn clean_report_json() -> Value {
    let text = std::fs::read_to_string(fixture("mengzhou-ggzyjy-2020.expected.json"))
        .expect("expected.json fixture");
    let mut v: Value = serde_json::from_str(&text).expect("fixture is JSON");
    let headings = [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ];
    let mut sections = serde_json::Map::new();
    let mut heads = serde_json::Map::new();
    for (i, h) in headings.iter().enumerate() {
        sections.insert(format!("s{}", i + 1), Value::String("本年度无。".into()));
        heads.insert(format!("s{}", i + 1), Value::String((*h).into()));
    }
    v["sections"] = Value::Object(sections);
    v["headings"] = Value::Object(heads);
    v
}

/// Sets a cell at a contract path (`t3.r1_new.np`).
pub fn set(v: &mut Value, path: &str, value: Value) {
    let mut cur = v;
    for part in path.split('.') {
        cur = &mut cur[part];
    }
    *cur = value;
}

pub fn write_json(dir: &Path, name: &str, v: &Value) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, serde_json::to_string_pretty(v).expect("serialises")).expect("write");
    p
}

pub fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}
