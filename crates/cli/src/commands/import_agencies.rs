//! `gongkai import agencies FILE`: an agency tree in one command. Every row is checked first (its parent looked
//! up in the file and the store); a rejected row is reported with its line and reasons, and then nothing is
//! written (or, with `--skip-invalid`, only the valid rows and the ones below them). The tree is written in one
//! transaction; a second run of the same file changes nothing. With `--accounts FILE --passwords-to FILE` the
//! staff come in the same command: both files are checked before anything is written (an account may name an
//! agency of the same run), then the tree, then the accounts.

use std::io::Write;

use gongkai_app::accounts::import as accounts;
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
    // The staff file, when given, is read and checked before anything is written too.
    let staff = match &args.accounts {
        Some(file) => {
            let bytes =
                std::fs::read(file).map_err(|e| CliError::io("cli.io.read_import", file, &e))?;
            let rows =
                accounts::read_rows(&bytes).map_err(|e| file_error(file, e, &accounts::COLUMNS))?;
            Some(accounts::check_rows(&rows))
        }
        None => None,
    };
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
        // Accounts may name an agency of the file as well as one already stored.
        let (mut staff_valid, mut staff_rejected) = staff.unwrap_or_default();
        if let Some(file) = &args.accounts {
            let in_file: std::collections::BTreeSet<String> = ordered
                .iter()
                .flat_map(|r| {
                    std::iter::once(r.profile.name.clone())
                        .chain(r.profile.credit_code.as_ref().map(|c| c.to_string()))
                })
                .collect();
            staff_rejected.extend(
                accounts::unknown_agencies(&store, &staff_valid, &in_file)
                    .await
                    .map_err(|e| CliError::coded(&e))?,
            );
            staff_rejected.sort_by_key(|r| r.line);
            let refused: std::collections::BTreeSet<usize> =
                staff_rejected.iter().map(|r| r.line).collect();
            staff_valid.retain(|r| !refused.contains(&r.line));
            if !staff_rejected.is_empty() {
                writeln!(out, "{}:", file.display())?;
                report_rejected(out, &staff_rejected)?;
            }
        }
        let rejected_rows = rejected.len() + staff_rejected.len();
        if rejected_rows > 0 && !args.skip_invalid {
            writeln!(
                out,
                "{rejected_rows} 行被拒绝，未导入任何机关或账号；修改后重试，或用 --skip-invalid 只导入有效的行 / \
                 {rejected_rows} rows rejected, no agency or account imported; fix them and retry, or import the \
                 valid rows with --skip-invalid"
            )?;
            store.close().await;
            return Ok(Exit::Findings);
        }
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
        if let (Some(file), Some(passwords_to)) = (&args.accounts, &args.passwords_to) {
            let by = ActorRef::System {
                reason: format!("gongkai import agencies --accounts {}", file.display()),
            };
            super::import_accounts::write_accounts(
                &store,
                &staff_valid,
                staff_rejected.len(),
                passwords_to,
                &by,
                out,
            )
            .await?;
        }
        store.close().await;
        Ok(if rejected_rows == 0 {
            Exit::Ok
        } else {
            Exit::Findings
        })
    })
}
