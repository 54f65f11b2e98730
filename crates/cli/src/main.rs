//! `gongkai`: the command line of the gongkai platform: the server (`serve`, `demo`), the store (`migrate`,
//! `audit verify`, `admin add`) and the annual-report commands (`report parse | check | render | batch`).

mod args;
mod commands;
mod load;
mod words;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use tracing_subscriber::EnvFilter;

use args::{
    AdminCommand, ApplicantsCommand, AuditCommand, Cli, Command, DigestCommand, ImportCommand,
    KeysCommand, MailCommand, ReportCommand, SearchCommand,
};
use load::{CliError, Exit};

fn main() -> ExitCode {
    let cli = Cli::parse();
    // The server commands set up their own logging from their configuration.
    if !matches!(cli.command, Command::Serve(_) | Command::Demo(_)) {
        init_tracing(cli.verbose);
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    // Not locked for the whole run: the progress bar and the logs write to standard error from the worker
    // threads of `report batch` while the main thread waits for them.
    let mut err = std::io::stderr();
    let result = match &cli.command {
        Command::Report(cmd) => match cmd {
            ReportCommand::Parse(a) => commands::parse::run(a, &mut out),
            ReportCommand::Check(a) => commands::check::run(a, &mut out),
            ReportCommand::Render(a) => commands::render::run(a, &mut out),
            ReportCommand::Batch(a) => commands::batch::run(a, &mut out, &mut err),
            ReportCommand::Compile(a) => commands::compile::run(a, &mut out, &mut err),
        },
        Command::Serve(a) => commands::server::run_serve(a),
        Command::Demo(a) => commands::server::run_demo(a, &mut out),
        Command::Migrate(a) => commands::store::run_migrate(a, &mut out),
        Command::Audit(AuditCommand::Verify(a)) => commands::store::run_verify(a, &mut out),
        Command::Audit(AuditCommand::Head(a)) => commands::store::run_head(a, &mut out),
        Command::Admin(AdminCommand::Add(a)) => commands::store::run_admin_add(a, &mut out),
        Command::Import(ImportCommand::Catalog(a)) => commands::import::run(a, &mut out),
        Command::Import(ImportCommand::Report(a)) => commands::import_report::run(a, &mut out),
        Command::Import(ImportCommand::Accounts(a)) => commands::import_accounts::run(a, &mut out),
        Command::Import(ImportCommand::Agencies(a)) => commands::import_agencies::run(a, &mut out),
        Command::Deadline(a) => commands::deadline::run(a, &mut out),
        Command::BenchData(a) => commands::bench_data::run(a, &mut out),
        Command::Digest(DigestCommand::Send(a)) => commands::mail::run_digest(a, &mut out),
        Command::Mail(MailCommand::Send(a)) => commands::mail::run_send(a, &mut out),
        Command::Search(SearchCommand::Reindex(a)) => commands::search::run_reindex(a, &mut out),
        Command::Backup(a) => commands::backup::run_backup(a, &mut out),
        Command::Keys(KeysCommand::Rotate(a)) => commands::backup::run_rotate(a, &mut out),
        Command::Applicants(ApplicantsCommand::Anonymise(a)) => {
            commands::backup::run_anonymise(a, &mut out)
        }
        Command::Restore(a) => commands::backup::run_restore(a, &mut out),
    };
    let flushed = out.flush();
    let code = match (result, flushed) {
        (Ok(exit), Ok(())) => exit,
        (Ok(_), Err(e)) => report_error(&mut err, &CliError::from(e)),
        (Err(e), _) => report_error(&mut err, &e),
    };
    ExitCode::from(code as u8)
}

/// Prints the error (unless the reader went away, as with `| head`) and gives the exit code for it.
fn report_error(err: &mut dyn Write, e: &CliError) -> Exit {
    if e.broken_pipe {
        return Exit::Failure;
    }
    // Nothing more can be done if standard error is gone too.
    let _ = writeln!(err, "{}: {e}", words::text("cli.error"));
    Exit::Failure
}

fn init_tracing(verbose: u8) {
    let default = match verbose {
        0 => "warn",
        1 => "info",
        _ => "debug",
    };
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(default));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(false)
        .try_init();
}

/// Logs of a running server: info and above for gongkai and the request trace, as text or JSON lines.
fn init_server_tracing(format: gongkai_app::LogFormat) {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()));
    let _ = match format {
        gongkai_app::LogFormat::Json => builder.json().try_init(),
        gongkai_app::LogFormat::Text => builder.with_target(false).try_init(),
    };
}
