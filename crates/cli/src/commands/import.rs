//! `gongkai import catalog FILE --agency …`: an agency's catalogue from another system. Every row is checked
//! first, with a progress bar; a rejected row is reported with its line and reasons, and then nothing is
//! written (or, with `--skip-invalid`, only the valid rows). The rows go in in one transaction, and a row
//! imported before is recognised by its key and not added again.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};

use gongkai_domain::agency::AgencyId;
use gongkai_domain::audit::ActorRef;
use gongkai_store::{AgencyStore, CatalogStore, ImportRow};

use super::import_rows::{COLUMNS, Rejected, canonical_column, check};
use super::store::{load_config, runtime};
use crate::args::ImportCatalogArgs;
use crate::load::{CliError, Exit};
use crate::words::{say, text};
use gongkai_app::Clock;
use gongkai_app::messages::Arg;

/// Reads the file's rows as column → text, numbered by their line in the file.
/// A row of the file: its line number and its cells by column name.
type FileRow = (usize, BTreeMap<String, String>);

fn read_rows(args: &ImportCatalogArgs) -> Result<Vec<FileRow>, CliError> {
    let path = &args.file;
    let io = |e: std::io::Error| CliError::io("cli.io.read_import", path, &e);
    let text = std::fs::read(path).map_err(io)?;
    // Exports of other systems are often GBK: UTF-8, UTF-16 with a byte-order mark and GB18030 are read.
    let text = gongkai_report::parse::decode_text(&text)
        .map_err(|e| CliError::msg(format!("{}: {e}", path.display())))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    if text.trim_start().starts_with('{') {
        let mut rows = Vec::new();
        for (i, line) in BufReader::new(text.as_bytes()).lines().enumerate() {
            let line = line.map_err(io)?;
            if line.trim().is_empty() {
                continue;
            }
            let value: serde_json::Value = serde_json::from_str(&line).map_err(|e| {
                CliError::msg(say(
                    "cli.import.not_json",
                    vec![("line", Arg::number(i + 1)), ("error", Arg::text(&e))],
                ))
            })?;
            let map = value
                .as_object()
                .map(|o| {
                    o.iter()
                        .map(|(k, v)| {
                            let text = match v {
                                serde_json::Value::Null => String::new(),
                                serde_json::Value::String(s) => s.clone(),
                                other => other.to_string(),
                            };
                            (canonical_column(k).unwrap_or(k).to_owned(), text)
                        })
                        .collect()
                })
                .unwrap_or_default();
            rows.push((i + 1, map));
        }
        return Ok(rows);
    }
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| {
            CliError::msg(say(
                "cli.import.bad_csv_header",
                vec![("error", Arg::text(&e))],
            ))
        })?
        .iter()
        .map(|h| canonical_column(h.trim()).unwrap_or(h.trim()).to_owned())
        .collect();
    if !headers.iter().any(|h| h == "title") {
        return Err(CliError::msg(format!(
            "首行应为列名，至少含 title；可用的列：{cols} / the first row must name the columns, title at least; \
             columns: {cols}",
            cols = COLUMNS.join(", ")
        )));
    }
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| {
            CliError::msg(say("cli.import.bad_csv", vec![("error", Arg::text(&e))]))
        })?;
        let map = headers
            .iter()
            .cloned()
            .zip(record.iter().map(str::to_owned))
            .collect();
        rows.push((i + 2, map));
    }
    Ok(rows)
}

pub fn run(args: &ImportCatalogArgs, out: &mut dyn Write) -> Result<Exit, CliError> {
    let rows = read_rows(args)?;
    runtime()?.block_on(async {
        let config = load_config(&args.store)?;
        let url = config.database().map_err(|e| CliError::coded(&e))?;
        let store = gongkai_store::Store::open(&url).await.map_err(|e| CliError::coded(&e))?;
        let agency = match args.agency.trim().parse::<i64>() {
            Ok(id) => store.agency(AgencyId(id)).await,
            Err(_) => store.agency_by_name_or_code(&args.agency).await,
        }
        .map_err(|e| CliError::coded(&e))?
        .ok_or_else(|| CliError::msg(say("cli.no_agency", vec![("agency", Arg::text(&args.agency))])))?;

        let bar = indicatif::ProgressBar::new(rows.len() as u64);
        bar.set_message(text("cli.import.checking"));
        let mut valid: Vec<ImportRow> = Vec::new();
        let mut rejected: Vec<Rejected> = Vec::new();
        let today = gongkai_app::SystemClock.today();
        for (line, row) in &rows {
            match check(*line, row, &agency.profile.name, today) {
                Ok(mut r) => {
                    // Keys belong to one agency: two agencies may both have had an item 1.
                    r.import_key = format!("{}:{}", agency.id, r.import_key);
                    valid.push(r);
                }
                Err(r) => rejected.push(r),
            }
            bar.inc(1);
        }
        bar.finish_and_clear();
        for r in &rejected {
            let said = say("cli.import.rejected", vec![("line", Arg::number(r.line))]);
            writeln!(out, "{said}: {}", r.reasons.join("；"))?;
        }
        if !rejected.is_empty() && !args.skip_invalid {
            writeln!(
                out,
                "{} 行被拒绝，未导入任何内容；修改后重试，或用 --skip-invalid 只导入有效的 {} 行 / {} rows rejected, nothing \
                 imported; fix them and retry, or import the {} valid rows with --skip-invalid",
                rejected.len(),
                valid.len(),
                rejected.len(),
                valid.len()
            )?;
            return Ok(Exit::Findings);
        }
        let by = ActorRef::System { reason: format!("gongkai import catalog {}", args.file.display()) };
        let spinner = indicatif::ProgressBar::new_spinner();
        spinner.set_message(say("cli.import.writing", vec![("rows", Arg::number(valid.len()))]));
        spinner.enable_steady_tick(std::time::Duration::from_millis(120));
        let outcome = store.import_items(agency.id, &valid, &by).await;
        spinner.finish_and_clear();
        let outcome = outcome.map_err(|e| CliError::coded(&e))?;
        writeln!(
            out,
            "{name}：新导入 {new} 条，已存在 {old} 条，拒绝 {bad} 行 / {name}: {new} imported, {old} already there, {bad} \
             rejected",
            name = agency.profile.name,
            new = outcome.inserted,
            old = outcome.already_there,
            bad = rejected.len()
        )?;
        store.close().await;
        Ok(if rejected.is_empty() { Exit::Ok } else { Exit::Findings })
    })
}
