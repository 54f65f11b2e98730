//! `gongkai serve` and `gongkai demo`.

use std::io::Write;

use gongkai_app::Clock;
use gongkai_app::Config;
use gongkai_demo::{self as demo, DemoAccount};
use gongkai_store::{DatabaseUrl, Store};
use gongkai_web::{AppState, serve, shutdown_signal};
use tokio::net::TcpListener;

use super::store::{load_config, runtime};
use crate::args::{DemoArgs, ServeArgs};
use crate::load::{CliError, Exit};
use crate::words::{messages, say};
use gongkai_app::messages::Arg;

pub fn run_serve(args: &ServeArgs) -> Result<Exit, CliError> {
    let mut config = load_config(&args.store)?;
    if let Some(listen) = args.listen {
        config.listen = listen;
    }
    crate::init_server_tracing(config.log_format);
    runtime()?.block_on(async {
        let url = config.database().map_err(|e| CliError::coded(&e))?;
        let store = Store::open(&url).await.map_err(|e| CliError::coded(&e))?;
        tracing::info!(database = store.location(), "store ready");
        let listener = bind(&config).await?;
        let state = AppState::new(store, config).map_err(CliError::msg)?;
        let address = listener
            .local_addr()
            .map_err(|e| CliError::msg(e.to_string()))?;
        println!(
            "{}",
            say("cli.serve.started", vec![("address", Arg::text(address))])
        );
        let _ = std::io::stdout().flush();
        serve(state, listener, shutdown_signal())
            .await
            .map_err(|e| CliError::msg(e.to_string()))?;
        Ok(Exit::Ok)
    })
}

async fn bind(config: &Config) -> Result<TcpListener, CliError> {
    TcpListener::bind(config.listen).await.map_err(|e| {
        CliError::msg(say(
            "cli.serve.cannot_listen",
            vec![
                ("address", Arg::text(config.listen)),
                ("error", Arg::text(&e)),
            ],
        ))
    })
}

pub fn run_demo(args: &DemoArgs, out: &mut dyn Write) -> Result<Exit, CliError> {
    let mut config = load_config(&Default::default())?;
    config.listen = args.listen;
    config.data_dir = args.data_dir.clone();
    config.database_url = None;
    if !args.setup_only {
        crate::init_server_tracing(config.log_format);
    }
    runtime()?.block_on(async {
        let url = DatabaseUrl::in_data_dir(&args.data_dir);
        let store = Store::open(&url).await.map_err(|e| CliError::coded(&e))?;
        // The demo's applicants are sealed like any others: the key file comes first.
        gongkai_app::keys::attach(&store, &config, true).map_err(|e| CliError::coded(&e))?;
        let accounts = demo::prepare(&store, &args.data_dir, gongkai_app::SystemClock.today())
            .await
            .map_err(|e| CliError::coded(&e))?;
        if args.setup_only {
            print_accounts(out, &args.data_dir, None, &accounts)?;
            return Ok(Exit::Ok);
        }
        let listener = bind(&config).await?;
        let address = listener
            .local_addr()
            .map_err(|e| CliError::msg(e.to_string()))?;
        print_accounts(out, &args.data_dir, Some(address), &accounts)?;
        let mut state = AppState::new(store, config).map_err(CliError::msg)?;
        state.demo = true;
        // The published 2020 report is a showcase; without it (no CJK font for its PDF, say) the demo still
        // serves, and the log says why it is missing.
        if let Err(e) = demo::reports::publish_centre_2020(&state.app).await {
            tracing::warn!(error = %e, "the demo's published 2020 report is missing");
        }
        serve(state, listener, shutdown_signal())
            .await
            .map_err(|e| CliError::msg(e.to_string()))?;
        Ok(Exit::Ok)
    })
}

fn print_accounts(
    out: &mut dyn Write,
    data_dir: &std::path::Path,
    address: Option<std::net::SocketAddr>,
    accounts: &[DemoAccount],
) -> Result<(), CliError> {
    let mut text = String::new();
    let words = messages();
    text.push_str(&format!("gongkai {}\n", words.text_both("cli.demo.title")));
    text.push_str(&format!(
        "  {}: {} (SQLite)\n",
        words.text_both("cli.demo.data_folder"),
        data_dir.display()
    ));
    if let Some(a) = address {
        let portal = words.text_both("cli.demo.portal");
        let console = words.text_both("cli.demo.console");
        text.push_str(&format!("  {portal}:   http://{a}/\n"));
        text.push_str(&format!("  {console}: http://{a}/console/login\n"));
    }
    text.push_str(&format!("  {}:\n", words.text_both("cli.demo.accounts")));
    let every_agency = words.text_both("cli.demo.every_agency");
    for acc in accounts {
        let role = words.text_both(&format!("role_{}", acc.role));
        text.push_str(&format!(
            "    {:<15} {:<21} {}  {}\n",
            acc.username,
            acc.password,
            acc.agency.as_deref().unwrap_or(&every_agency),
            role,
        ));
    }
    if address.is_some() {
        text.push_str(&format!("  {}\n", words.text_both("cli.demo.stop")));
    }
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(CliError::from)
}
