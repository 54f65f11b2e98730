//! `gongkai bench-data`: fills an empty store with a province's worth of made-up but lawful records (see
//! `gongkai_demo::bench`), showing progress, then says what it wrote and how fast.

use std::io::Write;
use std::time::Instant;

use gongkai_demo::bench::{BenchSpec, generate};
use gongkai_domain::calendar::Calendar;
use gongkai_store::AgencyStore;

use super::store::{load_config, runtime};
use crate::args::BenchDataArgs;
use crate::load::{CliError, Exit};

pub fn run(args: &BenchDataArgs, out: &mut dyn Write) -> Result<Exit, CliError> {
    let calendar = Calendar::builtin().map_err(|e| CliError::msg(e.to_string()))?;
    runtime()?.block_on(async {
        let config = load_config(&args.store)?;
        let url = config.database().map_err(|e| CliError::coded(&e))?;
        let store = gongkai_store::Store::open(&url)
            .await
            .map_err(|e| CliError::coded(&e))?;
        gongkai_app::keys::attach(&store, &config, false).map_err(|e| CliError::coded(&e))?;
        // Never mixed into real records.
        if !store.agencies().await.map_err(|e| CliError::coded(&e))?.is_empty() {
            store.close().await;
            return Err(CliError::msg(format!(
                "{loc} 已有数据；模拟数据只写入空库 / {loc} holds records already; bench data goes into an empty store only",
                loc = store.location()
            )));
        }
        let spec = BenchSpec {
            agencies: args.agencies,
            items: args.items,
            applications: args.applications,
            years: args.years.max(1),
            last_year: args.last_year,
            seed: args.seed,
        };
        let started = Instant::now();
        let bar = indicatif::ProgressBar::new(0);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{msg:>14} [{bar:30}] {pos}/{len} {per_sec}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        let mut phase_started = Instant::now();
        let mut phase = String::new();
        let mut timings: Vec<(String, usize, f64)> = Vec::new();
        let mut progress = |what: &str, done: usize, of: usize| {
            if what != phase {
                if !phase.is_empty() {
                    timings.push((phase.clone(), bar.position() as usize, phase_started.elapsed().as_secs_f64()));
                }
                phase = what.to_owned();
                phase_started = Instant::now();
                bar.reset();
                bar.set_message(what.to_owned());
                bar.set_length(of as u64);
            }
            bar.set_position(done as u64);
        };
        let written = generate(&store, &calendar, spec, &mut progress)
            .await
            .map_err(|e| CliError::coded(&e))?;
        bar.finish_and_clear();
        if !phase.is_empty() {
            timings.push((phase.clone(), bar.position() as usize, phase_started.elapsed().as_secs_f64()));
        }
        writeln!(
            out,
            "已生成 / written into {}: {} agencies, {} items, {} applications, {} appeal cases in {:.1} s (seed {})",
            store.location(),
            written.agencies,
            written.items,
            written.applications,
            written.appeal_cases,
            started.elapsed().as_secs_f64(),
            args.seed
        )?;
        for (what, n, seconds) in timings {
            writeln!(out, "  {what}: {n} in {seconds:.2} s ({:.0}/s)", n as f64 / seconds.max(1e-9))?;
        }
        if written.steps_refused > 0 {
            writeln!(
                out,
                "  {} planned steps were refused by the rules; those applications stop at their last lawful step",
                written.steps_refused
            )?;
        }
        store.close().await;
        Ok(Exit::Ok)
    })
}
