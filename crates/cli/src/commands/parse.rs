//! `gongkai report parse FILE... [--json] [--provenance]`

use std::io::Write;

use gongkai_domain::report::{AnnualReport, Cell, Finding, Severity, validate};
use gongkai_report::json::to_json;

use super::Exit;
use crate::args::ParseArgs;
use crate::load::{CliError, load, source_name};

pub fn run(args: &ParseArgs, out: &mut dyn Write) -> Result<Exit, CliError> {
    let mut exit = Exit::Ok;
    for path in &args.files {
        let source = source_name(path);
        match load(path) {
            Ok(report) => {
                let findings = validate(&report);
                if args.json {
                    writeln!(out, "{}", to_json(&report, &findings, args.provenance))?;
                } else {
                    summary(out, &source, &report, &findings)?;
                }
            }
            Err(err) => {
                exit = Exit::Failure;
                if args.json {
                    writeln!(out, "{}", err.json(&source))?;
                } else {
                    writeln!(out, "{source}\n  ✗ {err}\n")?;
                }
            }
        }
    }
    Ok(exit)
}

/// A cell for people: the printed value, or a word for an empty or unresolved cell.
pub fn show(cell: Option<&Cell>) -> String {
    match cell {
        None | Some(Cell::Empty) => "空/empty".into(),
        Some(Cell::Unresolved) => "未能确定/unresolved".into(),
        Some(c) => gongkai_report::batch::cell_text(c),
    }
}

fn count(findings: &[Finding], severity: Severity) -> usize {
    findings.iter().filter(|f| f.severity == severity).count()
}

/// The readable summary of one parsed report.
pub fn summary(
    out: &mut dyn Write,
    source: &str,
    report: &AnnualReport,
    findings: &[Finding],
) -> std::io::Result<()> {
    let c = |path: &str| show(report.cell(path));
    writeln!(out, "{source}")?;
    writeln!(
        out,
        "  格式 format: {} ({})",
        report.format,
        report.format.basis()
    )?;
    writeln!(
        out,
        "  年度 year: {}",
        report
            .year
            .map_or_else(|| "未识别/unknown".into(), |y| y.to_string())
    )?;
    writeln!(
        out,
        "  机关 agency: {}",
        report.agency.as_deref().unwrap_or("未识别/unknown")
    )?;
    writeln!(
        out,
        "  表三总计 table 3 totals: 本年新收 new {} · 上年结转 carried in {} · 办理结果 results {} · 结转下年度 carried forward {}",
        c("t3.r1_new.total"),
        c("t3.r2_carry_in.total"),
        c("t3.r3_7_total.total"),
        c("t3.r4_carry_out.total"),
    )?;
    writeln!(
        out,
        "  表四总计 table 4 totals: 行政复议 review {} · 直接起诉 litigation {} · 复议后起诉 after review {}",
        c("t4.review.total"),
        c("t4.lit_direct.total"),
        c("t4.lit_after_review.total"),
    )?;
    let (by_ocr, kept) = report.ocr_cells();
    if by_ocr > 0 {
        writeln!(
            out,
            "  OCR 扫描件 scan: 识别 {by_ocr} 格，经勾稽核对采用 {kept} 格 / {by_ocr} cells read by OCR, {kept} kept (vouched for by the identities)"
        )?;
    }
    let sections = report.sections.iter().filter(|s| s.is_some()).count();
    writeln!(
        out,
        "  正文 sections: {sections}/6 · 解析备注 parse notes: {}",
        report.notes.len()
    )?;
    writeln!(
        out,
        "  核对结果 findings: {} (错误 errors {}, 警告 warnings {})\n",
        findings.len(),
        count(findings, Severity::Error),
        count(findings, Severity::Warning)
    )
}
