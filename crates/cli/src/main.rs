//! `gongkai`: the command line of the gongkai platform. Today: the annual-report commands
//! (`gongkai report parse | check | render | batch`); later issues add serve, demo, migrate, import, backup.

mod args;
mod commands;
mod load;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use tracing_subscriber::EnvFilter;

use args::{Cli, Command, ReportCommand};
use load::{CliError, Exit};

fn main() -> ExitCode {
    let cli = Cli::parse();
    init_tracing(cli.verbose);
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
        },
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
    let _ = writeln!(err, "错误 / error: {e}");
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
