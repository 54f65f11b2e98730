//! `gongkai report check FILE... [--previous FILE]`: readable findings and an exit code (0 no error finding,
//! 1 an error finding, 2 a file that cannot be read). Reports of one agency for consecutive years given together
//! are checked against each other (cross-year rules); `--previous` supplies the year before for the others.

use std::io::Write;

use gongkai_app::messages::Lang;
use gongkai_app::reports::cell_words;
use gongkai_domain::report::{AnnualReport, Finding, Severity};
use gongkai_report::batch::{findings_for, previous_indices};

use super::Exit;
use crate::args::CheckArgs;
use crate::load::{CliError, load, source_name};

pub fn run(args: &CheckArgs, out: &mut dyn Write) -> Result<Exit, CliError> {
    let mut exit = Exit::Ok;
    let loaded: Vec<(String, Result<AnnualReport, _>)> = args
        .files
        .iter()
        .map(|p| (source_name(p), load(p)))
        .collect();
    let explicit = match &args.previous {
        None => None,
        Some(p) => match load(p) {
            Ok(r) => Some((source_name(p), r)),
            Err(e) => {
                writeln!(
                    out,
                    "✗ 上一年度报告 previous report {}\n  {e}\n",
                    p.display()
                )?;
                exit = Exit::Failure;
                None
            }
        },
    };
    let refs: Vec<Option<&AnnualReport>> = loaded.iter().map(|(_, r)| r.as_ref().ok()).collect();
    let auto = previous_indices(&refs);
    let (mut clean, mut with_errors, mut unreadable) = (0, 0, 0);
    for (i, (source, report)) in loaded.iter().enumerate() {
        let report = match report {
            Ok(r) => r,
            Err(e) => {
                unreadable += 1;
                exit = Exit::Failure;
                writeln!(out, "✗ {source}\n  {e}\n")?;
                continue;
            }
        };
        let previous = match auto[i] {
            Some(j) => refs[j].map(|r| (loaded[j].0.as_str(), r)),
            None => explicit.as_ref().map(|(s, r)| (s.as_str(), r)),
        };
        let findings = findings_for(report, previous.map(|(_, r)| r));
        heading(out, source, report, previous)?;
        for f in &findings {
            finding(out, f)?;
        }
        let errors = findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count();
        let warnings = findings.len() - errors;
        if errors > 0 {
            with_errors += 1;
            exit = exit.max(Exit::Findings);
        } else {
            clean += 1;
        }
        writeln!(
            out,
            "  结果 result: {errors} 个错误、{warnings} 个警告 / {errors} error(s), {warnings} warning(s)\n"
        )?;
    }
    writeln!(
        out,
        "共 {n} 个文件：{clean} 个无错误，{with_errors} 个有错误，{unreadable} 个无法读取 / \
         {n} file(s): {clean} without errors, {with_errors} with errors, {unreadable} unreadable",
        n = loaded.len()
    )?;
    Ok(exit)
}

fn heading(
    out: &mut dyn Write,
    source: &str,
    report: &AnnualReport,
    previous: Option<(&str, &AnnualReport)>,
) -> std::io::Result<()> {
    let year = report
        .year
        .map_or_else(|| "年度未识别/year unknown".into(), |y| y.to_string());
    let agency = report
        .agency
        .as_deref()
        .unwrap_or("机关未识别/agency unknown");
    writeln!(out, "{source} — {} {year} {agency}", report.format)?;
    if let Some((psource, prev)) = previous {
        writeln!(
            out,
            "  跨年度比对 compared with the previous year: {psource}"
        )?;
        let expected_year = report.year.and_then(|y| y.checked_sub(1));
        if prev.year != expected_year || prev.agency != report.agency {
            let p_agency = prev.agency.as_deref().unwrap_or("?");
            let p_year = prev.year.map_or_else(|| "?".into(), |y| y.to_string());
            writeln!(
                out,
                "  ! 注意：上一年度报告为 {p_agency} {p_year}，机关或年度不符 / note: the previous report is \
                 {p_agency} {p_year}: agency or year does not match"
            )?;
        }
    }
    for note in &report.notes {
        writeln!(
            out,
            "  · 解析备注 parse note [{}]: {} / {}",
            compact(&note.cells),
            note.zh,
            note.en
        )?;
    }
    Ok(())
}

/// Cell paths for people: three or more cells of one row as `t3.r1_new.*`.
fn compact(cells: &[String]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < cells.len() {
        let prefix = cells[i].rsplit_once('.').map_or("", |(p, _)| p);
        let run = cells[i..]
            .iter()
            .take_while(|c| {
                !prefix.is_empty() && c.rsplit_once('.').map(|(p, _)| p) == Some(prefix)
            })
            .count()
            .max(1);
        if run >= 3 {
            parts.push(format!("{prefix}.*"));
        } else {
            parts.extend(cells[i..i + run].iter().cloned());
        }
        i += run;
    }
    parts.join(", ")
}

fn finding(out: &mut dyn Write, f: &Finding) -> std::io::Result<()> {
    let sev = match f.severity {
        Severity::Error => "✗ 错误 error",
        Severity::Warning => "! 警告 warning",
    };
    writeln!(out, "  {sev} {}", f.rule)?;
    if !f.cells.is_empty() {
        // In words in both languages, with the path a script or the JSON contract uses.
        let named = |lang: Lang| -> Vec<String> {
            f.cells
                .iter()
                .map(|c| format!("{} ({c})", cell_words(lang, c)))
                .collect()
        };
        writeln!(out, "      单元格：{}", named(Lang::Zh).join("；"))?;
        writeln!(out, "      cells: {}", named(Lang::En).join("; "))?;
    }
    if !f.expected.is_empty() || !f.found.is_empty() {
        writeln!(
            out,
            "      应为 expected: {} · 实为 found: {}",
            f.expected, f.found
        )?;
    }
    writeln!(out, "      {}", f.message.zh)?;
    writeln!(out, "      {}", f.message.en)
}

#[cfg(test)]
mod tests {
    use super::compact;

    #[test]
    fn cells_of_one_row_are_shortened() {
        let row: Vec<String> = ["np", "org_biz", "total"]
            .iter()
            .map(|c| format!("t3.r1_new.{c}"))
            .chain(["t4.review.total".to_string(), "s1".to_string()])
            .collect();
        assert_eq!(compact(&row), "t3.r1_new.*, t4.review.total, s1");
        assert_eq!(compact(&[]), "");
    }
}
