//! `gongkai digest send [--date DATE]`: queue a day's staff digest (once per day; `serve` does it by itself
//! at `[mail] digest_hour`). `gongkai mail send`: send the outbox's due messages now.

use std::io::Write;

use chrono::NaiveDate;
use gongkai_app::messages::Arg;
use gongkai_app::notify::digest::{self, Queued};
use gongkai_app::notify::{Settings, send};
use gongkai_app::{App, Clock};

use super::store::{load_config, open_existing, runtime};
use crate::args::{DigestSendArgs, StoreArgs};
use crate::load::{CliError, Exit};
use crate::words::say;

async fn app(args: &StoreArgs) -> Result<App, CliError> {
    let config = load_config(args)?;
    let store = open_existing(args).await?;
    let mut app = App::open(store, &config.data_dir, gongkai_app::clock::system())
        .map_err(|e| CliError::coded(&e))?;
    app.notify = Settings::shared(config.mail.clone(), config.public_url.clone());
    Ok(app)
}

pub fn run_digest(args: &DigestSendArgs, out: &mut dyn Write) -> Result<Exit, CliError> {
    let day = match &args.date {
        Some(text) => NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
            CliError::msg(say(
                "cli.deadline.bad_date",
                vec![("date", Arg::text(text))],
            ))
        })?,
        None => gongkai_app::SystemClock.today(),
    };
    runtime()?.block_on(async {
        let app = app(&args.store).await?;
        let queued = digest::queue(&app, day)
            .await
            .map_err(|e| CliError::coded(&e))?;
        let line = match queued {
            Queued::Now(n) => say(
                "cli.digest.queued",
                vec![("day", Arg::Date(day)), ("n", Arg::number(n))],
            ),
            Queued::Before => say("cli.digest.before", vec![("day", Arg::Date(day))]),
        };
        writeln!(out, "{line}")?;
        app.store.close().await;
        Ok(Exit::Ok)
    })
}

pub fn run_send(args: &StoreArgs, out: &mut dyn Write) -> Result<Exit, CliError> {
    runtime()?.block_on(async {
        let app = app(args).await?;
        if !app.notify.mail.configured() {
            writeln!(out, "{}", say("cli.mail.not_configured", vec![]))?;
            return Ok(Exit::Ok);
        }
        let sent = send::send_due(&app)
            .await
            .map_err(|e| CliError::coded(&e))?;
        writeln!(
            out,
            "{}",
            say(
                "cli.mail.sent",
                vec![
                    ("sent", Arg::number(sent.sent)),
                    ("failed", Arg::number(sent.failed))
                ],
            )
        )?;
        app.store.close().await;
        Ok(Exit::Ok)
    })
}
