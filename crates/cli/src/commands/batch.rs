//! `gongkai report batch DIR [-o OUT.csv] [--jobs N] [--summary]`: every report under DIR, parsed and checked
//! in parallel, one CSV row each, and a summary. The CSV goes to OUT (or standard output), the summary to
//! standard output (to standard error when the CSV takes standard output). Per-file problems are rows of the
//! CSV: the exit code is 0 when the run completed, 2 when DIR cannot be read or the CSV cannot be written.

use std::io::Write;
use std::time::Instant;

use gongkai_report::batch::{self, Summary};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::Exit;
use crate::args::BatchArgs;
use crate::load::CliError;
use crate::words::{say, text};
use gongkai_app::messages::Arg;

pub fn run(args: &BatchArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<Exit, CliError> {
    let started = Instant::now();
    let paths = batch::find_report_files(&args.dir)
        .map_err(|e| CliError::io("cli.io.read_dir", &args.dir, &e))?;
    if paths.is_empty() {
        let args = vec![
            ("dir", Arg::text(args.dir.display())),
            ("ext", Arg::text(batch::EXTENSIONS.join(", "))),
        ];
        writeln!(err, "! {}", say("cli.batch.no_files", args))?;
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs)
        .build()
        .map_err(|e| CliError::msg(say("cli.thread_pool", vec![("error", Arg::text(&e))])))?;
    let bar = progress_bar(paths.len() as u64);
    let rows = pool.install(|| {
        batch::run(&paths, &|path| {
            bar.inc(1);
            tracing::debug!(file = %path.display(), "read");
        })
    });
    bar.finish_and_clear();

    let csv_to_stdout = args.output.is_none() && !args.summary;
    if let Some(path) = &args.output {
        let file =
            std::fs::File::create(path).map_err(|e| CliError::io("cli.io.create", path, &e))?;
        batch::write_csv(std::io::BufWriter::new(file), &rows).map_err(|e| {
            CliError::msg(say(
                "cli.io",
                vec![
                    ("what", Arg::Word("cli.io.write")),
                    ("path", Arg::text(path.display())),
                    ("error", Arg::text(&e)),
                ],
            ))
        })?;
    } else if csv_to_stdout {
        batch::write_csv(&mut *out, &rows)
            .map_err(|e| CliError::msg(say("cli.output_failed", vec![("error", Arg::text(&e))])))?;
    }
    let summary = Summary::of(&rows, started.elapsed());
    let to: &mut dyn Write = if csv_to_stdout { err } else { out };
    print_summary(to, &summary)?;
    Ok(Exit::Ok)
}

/// A bar on standard error, drawn only when standard error is a terminal.
fn progress_bar(len: u64) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template(
        "{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} 份报告 reports ({per_sec}, 剩余 eta {eta})",
    ) {
        bar.set_style(style);
    }
    bar
}

pub fn print_summary(out: &mut dyn Write, s: &Summary) -> std::io::Result<()> {
    writeln!(out, "{}", text("cli.batch.summary"))?;
    writeln!(out, "  文件 files:                   {}", s.files)?;
    writeln!(out, "  已解析 parsed:                {}", s.parsed)?;
    writeln!(out, "  无法读取 unreadable:          {}", s.unreadable)?;
    writeln!(out, "  有错误的报告 with errors:     {}", s.with_errors)?;
    if !s.per_rule.is_empty() {
        writeln!(out, "  各规则未通过的报告数 reports failing each rule:")?;
        for (rule, n) in &s.per_rule {
            writeln!(out, "    {rule:<6} {n}")?;
        }
    }
    writeln!(
        out,
        "  用时 elapsed: {:.2} s · {:.1} 份/秒 reports/s",
        s.elapsed.as_secs_f64(),
        s.per_second()
    )
}
