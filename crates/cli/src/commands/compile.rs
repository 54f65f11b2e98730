//! `gongkai report compile --agency NAME_OR_CODE --year YEAR [--rollup] [--database URL | --data-dir DIR]
//! --to json|txt|md|html|docx|pdf|ofd [-o FILE]`: an agency's annual report compiled from its records (or its
//! 汇总 over the agencies below it), rendered, with the findings of every rule on standard error.
//!
//! Exit code: 0 when no rule found an error, 1 when one did (the report is still written, for review), 2 when
//! nothing could be compiled or written.

use std::io::Write;

use gongkai_app::reports::compile_rollup;
use gongkai_domain::report::Severity;
use gongkai_report::render;
use gongkai_store::AgencyStore;

use super::store::{open_existing, runtime};
use crate::args::CompileArgs;
use crate::load::{CliError, Exit};
use crate::words::say;
use gongkai_app::messages::Arg;

pub fn run(args: &CompileArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<Exit, CliError> {
    runtime()?.block_on(async {
        let store = open_existing(&args.store).await?;
        let agency = store
            .agency_by_name_or_code(&args.agency)
            .await
            .map_err(|e| CliError::coded(&e))?
            .ok_or_else(|| {
                CliError::msg(say(
                    "cli.no_agency_named",
                    vec![("agency", Arg::text(&args.agency))],
                ))
            })?;
        let compiled = if args.rollup {
            compile_rollup(&store, &agency, args.year)
                .await
                .map(|r| r.summary)
                .map_err(|e| CliError::coded(&e))?
        } else {
            // Checked across years against the report the agency published the year before, if any.
            gongkai_app::reports::compile(&store, &agency, args.year)
                .await
                .map_err(|e| CliError::msg(e.to_string()))?
        };
        store.close().await;
        let bytes = render(&compiled.report, args.to).map_err(|e| CliError::coded(&e))?;
        match &args.output {
            Some(path) if path.as_os_str() != "-" => std::fs::write(path, &bytes)
                .map_err(|e| CliError::io("cli.io.write", path, &e))?,
            _ => {
                out.write_all(&bytes)?;
                out.flush()?;
            }
        }
        for f in &compiled.findings {
            writeln!(err, "{} {}: {}", f.severity.code(), f.rule, f.message.zh)?;
        }
        let errors = compiled
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count();
        writeln!(
            err,
            "{} {} 年度报告：{} 条规则发现，其中错误 {} 条 / {} report for {}: {} findings, {} errors",
            agency.profile.name,
            args.year,
            compiled.findings.len(),
            errors,
            agency.profile.name,
            args.year,
            compiled.findings.len(),
            errors
        )?;
        Ok(if errors > 0 { Exit::Findings } else { Exit::Ok })
    })
}
