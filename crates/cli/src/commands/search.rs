//! `gongkai search reindex`: read every attachment's text again and rebuild this node's search index from the
//! store (after an upgrade whose reader reads more formats, or to repair an index). Progress goes to standard
//! error, the summary to standard output.

use std::io::Write;

use gongkai_app::App;
use gongkai_app::catalog::extract;
use gongkai_app::messages::Arg;

use super::store::{load_config, open_existing, runtime};
use crate::args::StoreArgs;
use crate::load::{CliError, Exit};
use crate::words::say;

/// Progress is reported every this many files.
const PROGRESS_EVERY: usize = 25;

pub fn run_reindex(args: &StoreArgs, out: &mut dyn Write) -> Result<Exit, CliError> {
    runtime()?.block_on(async {
        let config = load_config(args)?;
        let store = open_existing(args).await?;
        // Opening the index takes its writer's lock: a server running on this data folder holds it, and the
        // command stops with tantivy's reason instead of two writers corrupting the index.
        let app = App::open(store, &config.data_dir, gongkai_app::clock::system())
            .map_err(|e| CliError::coded(&e))?;
        let mut progress = |n: usize| {
            if n.is_multiple_of(PROGRESS_EVERY) {
                // Progress only: a closed standard error must not stop the work.
                let _ = writeln!(
                    std::io::stderr(),
                    "{}",
                    say("cli.search.reading", vec![("n", Arg::number(n))])
                );
            }
        };
        let (reading, items) = extract::reindex(&app, &mut progress)
            .await
            .map_err(|e| CliError::coded(&e))?;
        writeln!(
            out,
            "{}",
            say(
                "cli.search.reindexed",
                vec![
                    ("read", Arg::number(reading.read)),
                    ("without", Arg::number(reading.without_text)),
                    ("items", Arg::number(items)),
                ],
            )
        )?;
        app.store.close().await;
        Ok(Exit::Ok)
    })
}
