//! `gongkai import catalog FILE --agency …`: an agency's catalogue from another system. Every row is checked
//! first, with a progress bar; a rejected row is reported with its line and reasons, and then nothing is
//! written (or, with `--skip-invalid`, only the valid rows). The rows go in in one transaction, and a row
//! imported before is recognised by its key and not added again.

use std::io::Write;

use gongkai_domain::agency::AgencyId;
use gongkai_domain::audit::ActorRef;
use gongkai_store::{AgencyStore, CatalogStore, ImportRow};

use super::store::{load_config, runtime};
use crate::args::ImportCatalogArgs;
use crate::load::{CliError, Exit};
use crate::words::{say, text};
use gongkai_app::Clock;
use gongkai_app::catalog::import::{
    COLUMNS, FileRow, ImportFileError, Rejected, check, read_rows as read_file_rows,
};
use gongkai_app::messages::Arg;

fn read_rows(args: &ImportCatalogArgs) -> Result<Vec<FileRow>, CliError> {
    let path = &args.file;
    let bytes = std::fs::read(path).map_err(|e| CliError::io("cli.io.read_import", path, &e))?;
    read_file_rows(&bytes).map_err(|e| file_error(path, e, &COLUMNS))
}

/// Each rejected row with its line and reasons, in both languages (every import prints them alike).
pub(super) fn report_rejected(out: &mut dyn Write, rejected: &[Rejected]) -> Result<(), CliError> {
    for r in rejected {
        let said = say("cli.import.rejected", vec![("line", Arg::number(r.line))]);
        writeln!(out, "{said}: {}", r.reasons.join("；"))?;
    }
    Ok(())
}

/// Why an import file gives no rows, in both languages; `columns` are the import's own, the key column first.
pub(super) fn file_error(path: &std::path::Path, e: ImportFileError, columns: &[&str]) -> CliError {
    match e {
        ImportFileError::Encoding(why) => CliError::msg(format!("{}: {why}", path.display())),
        ImportFileError::NotJson { line, error } => CliError::msg(say(
            "cli.import.not_json",
            vec![("line", Arg::number(line)), ("error", Arg::text(&error))],
        )),
        ImportFileError::BadCsvHeader(error) => CliError::msg(say(
            "cli.import.bad_csv_header",
            vec![("error", Arg::text(&error))],
        )),
        ImportFileError::NoKeyColumn(key) => CliError::msg(format!(
            "首行应为列名，至少含 {key}；可用的列：{cols} / the first row must name the columns, {key} at least; \
             columns: {cols}",
            cols = columns.join(", ")
        )),
        ImportFileError::BadCsv(error) => CliError::msg(say(
            "cli.import.bad_csv",
            vec![("error", Arg::text(&error))],
        )),
    }
}

pub fn run(args: &ImportCatalogArgs, out: &mut dyn Write) -> Result<Exit, CliError> {
    let rows = read_rows(args)?;
    runtime()?.block_on(async {
        let config = load_config(&args.store)?;
        let url = config.database().map_err(|e| CliError::coded(&e))?;
        let store = gongkai_store::Store::open(&url).await.map_err(|e| CliError::coded(&e))?;
        let agency = match args.agency.trim().parse::<i64>() {
            Ok(id) => store.agency(AgencyId(id)).await,
            Err(_) => store.agency_by_name_or_code(&args.agency).await,
        }
        .map_err(|e| CliError::coded(&e))?
        .ok_or_else(|| CliError::msg(say("cli.no_agency", vec![("agency", Arg::text(&args.agency))])))?;

        let bar = indicatif::ProgressBar::new(rows.len() as u64);
        bar.set_message(text("cli.import.checking"));
        let mut valid: Vec<ImportRow> = Vec::new();
        let mut rejected: Vec<Rejected> = Vec::new();
        let today = gongkai_app::SystemClock.today();
        for (line, row) in &rows {
            match check(*line, row, &agency.profile.name, today) {
                Ok(mut r) => {
                    // Keys belong to one agency: two agencies may both have had an item 1.
                    r.import_key = format!("{}:{}", agency.id, r.import_key);
                    valid.push(r);
                }
                Err(r) => rejected.push(r),
            }
            bar.inc(1);
        }
        bar.finish_and_clear();
        report_rejected(out, &rejected)?;
        if !rejected.is_empty() && !args.skip_invalid {
            writeln!(
                out,
                "{} 行被拒绝，未导入任何内容；修改后重试，或用 --skip-invalid 只导入有效的 {} 行 / {} rows rejected, nothing \
                 imported; fix them and retry, or import the {} valid rows with --skip-invalid",
                rejected.len(),
                valid.len(),
                rejected.len(),
                valid.len()
            )?;
            return Ok(Exit::Findings);
        }
        let by = ActorRef::System { reason: format!("gongkai import catalog {}", args.file.display()) };
        let spinner = indicatif::ProgressBar::new_spinner();
        spinner.set_message(say("cli.import.writing", vec![("rows", Arg::number(valid.len()))]));
        spinner.enable_steady_tick(std::time::Duration::from_millis(120));
        let outcome = store.import_items(agency.id, &valid, &by).await;
        spinner.finish_and_clear();
        let outcome = outcome.map_err(|e| CliError::coded(&e))?;
        writeln!(
            out,
            "{name}：新导入 {new} 条，已存在 {old} 条，拒绝 {bad} 行 / {name}: {new} imported, {old} already there, {bad} \
             rejected",
            name = agency.profile.name,
            new = outcome.inserted,
            old = outcome.already_there,
            bad = rejected.len()
        )?;
        store.close().await;
        Ok(if rejected.is_empty() { Exit::Ok } else { Exit::Findings })
    })
}
