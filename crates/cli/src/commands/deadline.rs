//! `gongkai deadline --received DATE`: the reply deadline of an application (条例第三十三条; the 2008 条例's 15
//! working days before 2019-05-15), and how it was found.

use std::io::Write;

use chrono::NaiveDate;
use gongkai_domain::application::clock::{ClockEvent, compute};
use gongkai_domain::calendar::Calendar;

use crate::args::DeadlineArgs;
use crate::load::{CliError, Exit};
use crate::words::{both, say, text};
use gongkai_app::messages::Arg;

pub fn run(args: &DeadlineArgs, out: &mut dyn Write) -> Result<Exit, CliError> {
    let on = NaiveDate::parse_from_str(args.received.trim(), "%Y-%m-%d").map_err(|_| {
        CliError::msg(say(
            "cli.deadline.bad_date",
            vec![("date", Arg::text(&args.received))],
        ))
    })?;
    let calendar = Calendar::builtin().map_err(|e| CliError::msg(both(&e)))?;
    let clock =
        compute(&[ClockEvent::Received { on }], &calendar).map_err(|e| CliError::msg(both(&e)))?;
    let due = clock
        .due
        .ok_or_else(|| CliError::msg(text("cli.deadline.none")))?;
    let n = Arg::number(clock.base_working_days);
    writeln!(
        out,
        "{}",
        say(
            "cli.deadline.due",
            vec![("on", Arg::Date(on)), ("due", Arg::Date(due)), ("n", n)]
        )
    )?;
    for line in &clock.explanation {
        writeln!(out, "  {}", both(line))?;
    }
    Ok(Exit::Ok)
}
