//! `gongkai backup --to DIR` and `gongkai restore --from DIR` (see `gongkai_app::backup`), and
//! `gongkai keys rotate` (see `gongkai_app::keys`), and `gongkai applicants anonymise` (see
//! `gongkai_app::applications::retention`).

use std::io::Write;

use gongkai_app::backup;
use gongkai_app::messages::Arg;

use super::store::{load_config, open_existing, runtime};
use crate::args::{AnonymiseArgs, BackupArgs, RestoreArgs, StoreArgs};
use crate::load::{CliError, Exit};
use crate::words::say;

/// Each step of a backup or restore, on standard error. Progress only: a closed standard error must not stop the
/// work.
fn progress(step: &str) {
    let _ = writeln!(
        std::io::stderr(),
        "{}",
        say("cli.backup.step", vec![("step", Arg::text(step))])
    );
}

pub fn run_backup(args: &BackupArgs, out: &mut dyn Write) -> Result<Exit, CliError> {
    runtime()?.block_on(async {
        let config = load_config(&args.store)?;
        let store = open_existing(&args.store).await?;
        let manifest = backup::backup(&store, &config.data_dir, &args.to, &mut progress)
            .await
            .map_err(|e| CliError::coded(&e))?;
        store.close().await;
        writeln!(
            out,
            "{}",
            say(
                "cli.backup.done",
                vec![
                    ("to", Arg::text(args.to.display())),
                    ("tables", Arg::number(manifest.tables.len())),
                    (
                        "rows",
                        Arg::number(manifest.tables.iter().map(|t| t.rows).sum::<i64>())
                    ),
                    ("files", Arg::number(manifest.files.len())),
                ],
            )
        )?;
        Ok(Exit::Ok)
    })
}

pub fn run_restore(args: &RestoreArgs, out: &mut dyn Write) -> Result<Exit, CliError> {
    runtime()?.block_on(async {
        let config = load_config(&args.store)?;
        let url = config.database().map_err(|e| CliError::coded(&e))?;
        let restored = backup::restore(&args.from, &url, &config.data_dir, &mut progress)
            .await
            .map_err(|e| CliError::coded(&e))?;
        writeln!(
            out,
            "{}",
            say(
                "cli.restore.done",
                vec![
                    ("tables", Arg::number(restored.tables)),
                    ("rows", Arg::number(restored.rows)),
                    ("files", Arg::number(restored.files)),
                    ("events", Arg::number(restored.audit_events)),
                ],
            )
        )?;
        Ok(Exit::Ok)
    })
}

pub fn run_rotate(args: &StoreArgs, out: &mut dyn Write) -> Result<Exit, CliError> {
    runtime()?.block_on(async {
        let config = load_config(args)?;
        let store = open_existing(args).await?;
        let rotated = gongkai_app::keys::rotate(&store, &config)
            .await
            .map_err(|e| CliError::coded(&e))?;
        store.close().await;
        writeln!(
            out,
            "{}",
            say(
                "cli.keys.rotated",
                vec![
                    ("key", Arg::text(&rotated.key_id)),
                    ("resealed", Arg::number(rotated.resealed)),
                ],
            )
        )?;
        Ok(Exit::Ok)
    })
}

pub fn run_anonymise(args: &AnonymiseArgs, out: &mut dyn Write) -> Result<Exit, CliError> {
    use gongkai_app::applications::retention;
    runtime()?.block_on(async {
        let config = load_config(&args.store)?;
        let years = config.retention_years;
        if years == 0 {
            writeln!(out, "{}", say("cli.retention.off", Vec::new()))?;
            return Ok(Exit::Ok);
        }
        let store = open_existing(&args.store).await?;
        let today = gongkai_app::clock::system().today();
        let due = retention::due(&store, today, years)
            .await
            .map_err(|e| CliError::coded(&e))?;
        for case in &due {
            writeln!(
                out,
                "{}",
                say(
                    "cli.retention.would",
                    vec![
                        ("tracking_no", Arg::text(&case.tracking_no)),
                        ("agency", Arg::text(&case.agency)),
                        ("closed_on", Arg::text(case.closed_on)),
                    ],
                )
            )?;
        }
        if args.dry_run {
            writeln!(
                out,
                "{}",
                say("cli.retention.dry", vec![("n", Arg::number(due.len()))])
            )?;
            store.close().await;
            return Ok(Exit::Ok);
        }
        let by = gongkai_domain::audit::ActorRef::System {
            reason: "gongkai applicants anonymise".into(),
        };
        let n = retention::anonymise(&store, &due, &by)
            .await
            .map_err(|e| CliError::coded(&e))?;
        store.close().await;
        writeln!(
            out,
            "{}",
            say(
                "cli.retention.done",
                vec![("n", Arg::number(n)), ("years", Arg::number(years))],
            )
        )?;
        Ok(Exit::Ok)
    })
}
