//! Parsing plus validation throughput (the goal: 2,000 reports per second or more on one core for text
//! and HTML), and the batch mode over the fixture directory. Criterion reports `elem/s`: one element is one
//! report. Run with `cargo bench -p gongkai-report --bench parse`; see BENCHMARKS.md.

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use gongkai_domain::report::validate;
use gongkai_report::parse::{detect_kind, extract_text};
use gongkai_report::{batch, parse_bytes, parse_text};

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures/reports")
}

/// The text fixtures and the HTML fixture, with their bytes.
fn fixtures() -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(fixture_dir())
        .map(|rd| {
            rd.flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "html"))
                .filter_map(|p| {
                    let name = p.file_name()?.to_string_lossy().into_owned();
                    Some((name, std::fs::read(&p).ok()?))
                })
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

fn parse_and_validate(name: &str, bytes: &[u8]) -> usize {
    match parse_bytes(bytes, Some(name)) {
        Ok(report) => validate(&report).len(),
        Err(_) => usize::MAX,
    }
}

fn per_fixture(c: &mut Criterion) {
    let files = fixtures();
    if files.is_empty() {
        eprintln!("no fixtures under {}", fixture_dir().display());
        return;
    }
    let mut group = c.benchmark_group("parse_validate");
    group.throughput(Throughput::Elements(1));
    for (name, bytes) in &files {
        if let Err(e) = parse_bytes(bytes, Some(name)) {
            eprintln!("note: {name} does not parse ({e}); its figure measures the error path");
        }
        group.bench_function(name.as_str(), |b| {
            b.iter(|| parse_and_validate(black_box(name), black_box(bytes)))
        });
    }
    group.finish();

    let mut all = c.benchmark_group("parse_validate_all");
    all.throughput(Throughput::Elements(files.len() as u64));
    all.bench_function("text_and_html_fixtures", |b| {
        b.iter(|| {
            files
                .iter()
                .map(|(n, bytes)| parse_and_validate(black_box(n), black_box(bytes)))
                .fold(0usize, usize::wrapping_add)
        })
    });
    all.finish();
}

/// Where the time of an HTML report goes: turning the markup into delimited text, then reading the tables.
fn html_stages(c: &mut Criterion) {
    let Some((name, bytes)) = fixtures().into_iter().find(|(n, _)| n.ends_with(".html")) else {
        return;
    };
    let kind = detect_kind(&bytes, Some(&name));
    let Ok(text) = extract_text(&bytes, kind) else {
        eprintln!("note: {name} gives no text");
        return;
    };
    let mut group = c.benchmark_group("html_stages");
    group.throughput(Throughput::Elements(1));
    group.bench_function(format!("{name}/extract_text"), |b| {
        b.iter(|| extract_text(black_box(&bytes), kind).map(|t| t.len()))
    });
    group.bench_function(format!("{name}/parse_text"), |b| {
        b.iter(|| parse_text(black_box(&text)).map(|r| validate(&r).len()))
    });
    group.finish();
}

fn batch_dir(c: &mut Criterion) {
    let Ok(paths) = batch::find_report_files(&fixture_dir()) else {
        eprintln!("no fixture directory at {}", fixture_dir().display());
        return;
    };
    let mut group = c.benchmark_group("batch");
    group.throughput(Throughput::Elements(paths.len() as u64));
    group.sample_size(20);
    if let Ok(pool) = rayon::ThreadPoolBuilder::new().num_threads(1).build() {
        group.bench_function("fixture_dir_1_thread", |b| {
            b.iter(|| {
                pool.install(|| batch::run(black_box(&paths), &|_| {}))
                    .len()
            })
        });
    }
    group.bench_function("fixture_dir_all_threads", |b| {
        b.iter(|| batch::run(black_box(&paths), &|_| {}).len())
    });
    group.finish();
}

criterion_group!(benches, per_fixture, html_stages, batch_dir);
criterion_main!(benches);
