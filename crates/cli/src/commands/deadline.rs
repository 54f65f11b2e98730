//! `gongkai deadline --received DATE`: the reply deadline of an application (条例第三十三条; the 2008 条例's 15
//! working days before 2019-05-15), and how it was found.

use std::io::Write;

use chrono::NaiveDate;
use gongkai_domain::application::clock::{ClockEvent, compute};
use gongkai_domain::calendar::Calendar;

use crate::args::DeadlineArgs;
use crate::load::{CliError, Exit};

pub fn run(args: &DeadlineArgs, out: &mut dyn Write) -> Result<Exit, CliError> {
    let on = NaiveDate::parse_from_str(args.received.trim(), "%Y-%m-%d").map_err(|_| {
        CliError::msg(format!(
            "日期“{0}”无效，应为 年-月-日 / invalid date '{0}', expected YYYY-MM-DD",
            args.received
        ))
    })?;
    let calendar = Calendar::builtin().map_err(|e| CliError::msg(e.to_string()))?;
    let clock = compute(&[ClockEvent::Received { on }], &calendar)
        .map_err(|e| CliError::msg(e.to_string()))?;
    let due = clock
        .due
        .ok_or_else(|| CliError::msg("无法计算期限 / no deadline could be computed"))?;
    writeln!(
        out,
        "收到 / received {on} → 答复期限 / deadline {due}（{n} 个工作日 / {n} working days）",
        n = clock.base_working_days
    )?;
    for line in &clock.explanation {
        writeln!(out, "  {line}")?;
    }
    Ok(Exit::Ok)
}
