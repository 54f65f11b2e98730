//! `gongkai import agencies FILE`: an agency tree in one command. Every row is checked first (its parent looked
//! up in the file and the store); a rejected row is reported with its line and reasons, and then nothing is
//! written (or, with `--skip-invalid`, only the valid rows and the ones below them). The tree is written in one
//! transaction; a second run of the same file changes nothing.

use std::io::Write;

use gongkai_app::agency_import::{COLUMNS, check_rows, order_rows, read_rows};
use gongkai_app::messages::Arg;
use gongkai_domain::audit::ActorRef;
use gongkai_store::AgencyImportStore;

use super::import::{file_error, report_rejected};
use super::store::{load_config, runtime};
use crate::args::ImportAgenciesArgs;
use crate::load::{CliError, Exit};
use crate::words::say;

pub fn run(args: &ImportAgenciesArgs, out: &mut dyn Write) -> Result<Exit, CliError> {
    let bytes = std::fs::read(&args.file)
        .map_err(|e| CliError::io("cli.io.read_import", &args.file, &e))?;
    let rows = read_rows(&bytes).map_err(|e| file_error(&args.file, e, &COLUMNS))?;
    let (valid, mut rejected) = check_rows(&rows);
    runtime()?.block_on(async {
        let config = load_config(&args.store)?;
        let url = config.database().map_err(|e| CliError::coded(&e))?;
        let store = gongkai_store::Store::open(&url)
            .await
            .map_err(|e| CliError::coded(&e))?;
        let (ordered, refused) = order_rows(&store, valid)
            .await
            .map_err(|e| CliError::coded(&e))?;
        rejected.extend(refused);
        rejected.sort_by_key(|r| r.line);
        report_rejected(out, &rejected)?;
        if !rejected.is_empty() && !args.skip_invalid {
            writeln!(
                out,
                "{} 行被拒绝，未导入任何机关；修改后重试，或用 --skip-invalid 只导入有效的行 / {} rows rejected, no agency \
                 imported; fix them and retry, or import the valid rows with --skip-invalid",
                rejected.len(),
                rejected.len()
            )?;
            store.close().await;
            return Ok(Exit::Findings);
        }
        let by = ActorRef::System {
            reason: format!("gongkai import agencies {}", args.file.display()),
        };
        let spinner = indicatif::ProgressBar::new_spinner();
        spinner.set_message(say(
            "cli.import.writing",
            vec![("rows", Arg::number(ordered.len()))],
        ));
        spinner.enable_steady_tick(std::time::Duration::from_millis(120));
        let done = store.import_agencies(&ordered, &by).await;
        spinner.finish_and_clear();
        let done = done.map_err(|e| CliError::coded(&e))?;
        writeln!(
            out,
            "新建 {new} 个机关，更新 {changed} 个，未变 {same} 个，拒绝 {bad} 行 / {new} agencies created, {changed} \
             updated, {same} unchanged, {bad} rows rejected",
            new = done.created,
            changed = done.updated,
            same = done.unchanged,
            bad = rejected.len()
        )?;
        store.close().await;
        Ok(if rejected.is_empty() {
            Exit::Ok
        } else {
            Exit::Findings
        })
    })
}
