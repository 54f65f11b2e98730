//! Catalogue search latency on 1,000,000 synthetic items (issue 4): p50/p99 per query type over
//! ≥ 1,000 queries each, then criterion on one representative query.
//!
//! The index is built once into `target/search-bench-1m/` and reused while its version file matches;
//! `SEARCH_BENCH_ITEMS` builds a smaller one (in its own folder) for a quick look.

mod support;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use criterion::Criterion;
use gongkai_search::{IndexOptions, SearchIndex, SearchQuery};
use support::{AGENCIES, CATEGORIES, Corpus, FIRST_YEAR, RARE, Rng, YEARS};

/// Bump when the generator or the schema changes, so a stale cached index is rebuilt.
const VERSION: &str = "search-bench v3 (attachment fields)";
const SEED: u64 = 0x9E37_79B9_7F4A_7C15;
const RUNS_PER_TYPE: usize = 1_000;

fn main() {
    let items: usize = std::env::var("SEARCH_BENCH_ITEMS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let (index, dir) = prepare(items);
    println!(
        "index: {} items, {:.2} GiB on disk in {}",
        index.count(),
        dir_size(&dir) as f64 / (1u64 << 30) as f64,
        dir.display()
    );
    // `SEARCH_BENCH_ONLY=fragment` runs only the query types whose name contains it, and skips criterion:
    // for profiling one type.
    let only = std::env::var("SEARCH_BENCH_ONLY").ok();
    // `SEARCH_BENCH_QUERIES='局关于|民政府办公'` runs those texts three times each and prints each time (the
    // first is the cold one): for looking into a slow query found by `SEARCH_BENCH_ONLY`.
    if let Ok(list) = std::env::var("SEARCH_BENCH_QUERIES") {
        for t in list.split('|') {
            for _ in 0..3 {
                let start = Instant::now();
                let r = index.search(&text(t, 1)).expect("search");
                println!("{t}: {} total {}", ms(start.elapsed()), r.total);
            }
        }
        return;
    }
    let mut mixes = mixes(items);
    if let Some(only) = &only {
        mixes.retain(|(name, _)| name.contains(only.as_str()));
    }
    // Warm-up: the first queries fault the term dictionaries and postings into the page cache.
    for (_, queries) in &mixes {
        for q in queries.iter().take(100) {
            index.search(q).expect("warm-up search");
        }
    }
    println!("| query type | p50 | p99 | max | mean total matches |");
    println!("|---|---|---|---|---|");
    for (name, queries) in &mixes {
        let mut times = Vec::with_capacity(queries.len());
        let mut totals = 0usize;
        let mut slowest: Vec<(Duration, String)> = Vec::new();
        for q in queries {
            let start = Instant::now();
            let results = index.search(q).expect("search");
            let took = start.elapsed();
            times.push(took);
            totals += results.total;
            if only.is_some() {
                slowest.push((took, format!("{:?} total {}", q.text, results.total)));
            }
        }
        // With SEARCH_BENCH_ONLY, the slowest queries of the type: where to look next.
        slowest.sort_by_key(|s| std::cmp::Reverse(s.0));
        for (took, what) in slowest.iter().take(12) {
            println!("  slow: {} {what}", ms(*took));
        }
        times.sort_unstable();
        println!(
            "| {name} | {} | {} | {} | {:.1} |",
            ms(percentile(&times, 50)),
            ms(percentile(&times, 99)),
            ms(times[times.len() - 1]),
            totals as f64 / queries.len() as f64
        );
    }

    if only.is_some() {
        return;
    }
    let mut c = Criterion::default().configure_from_args();
    let representative = text("安全生产 检查", 1);
    c.bench_function("search/two_words", |b| {
        b.iter(|| index.search(&representative).expect("search"))
    });
    c.final_summary();
}

/// Opens the cached index, or builds it when missing or made by another version of this file.
fn prepare(items: usize) -> (SearchIndex, PathBuf) {
    // `SEARCH_BENCH_INDEX=DIR` opens an index built elsewhere (a store's `search` folder, made by
    // `gongkai bench-data` and `gongkai serve`, with no server running on it): for looking into its queries.
    if let Some(dir) = std::env::var_os("SEARCH_BENCH_INDEX").map(PathBuf::from) {
        let index = SearchIndex::open_or_create_with(&dir, IndexOptions::default())
            .expect("open the index named by SEARCH_BENCH_INDEX");
        return (index, dir);
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    let dir = match items {
        1_000_000 => target.join("search-bench-1m"),
        n => target.join(format!("search-bench-{n}")),
    };
    let version_file = dir.join("VERSION");
    let version = format!("{VERSION} items={items} seed={SEED:x}");
    let options = IndexOptions {
        writer_heap_bytes: 1 << 30,
        writer_threads: 2,
        merge_threads: 4,
        search_threads: 0,
    };
    if std::fs::read_to_string(&version_file).ok().as_deref() == Some(version.as_str()) {
        let index = SearchIndex::open_or_create_with(&dir, options).expect("open cached index");
        if let Ok(built) = std::fs::read_to_string(dir.join("BUILD")) {
            println!("cached index ({})", built.trim());
        }
        return (index, dir);
    }
    if dir.exists() {
        std::fs::remove_dir_all(&dir).expect("remove stale index");
    }
    let start = Instant::now();
    let index = SearchIndex::open_or_create_with(&dir, options).expect("create index");
    let mut corpus = Corpus::new(SEED);
    index
        .bulk((0..items).map(|seq| corpus.item(seq)))
        .expect("bulk import");
    let built = format!("built in {:.1} s", start.elapsed().as_secs_f64());
    println!("{built}");
    std::fs::write(dir.join("BUILD"), &built).expect("write build note");
    // Written last: an interrupted build leaves no version file and is rebuilt next time.
    std::fs::write(&version_file, &version).expect("write version file");
    (index, dir)
}

fn text(t: &str, page: usize) -> SearchQuery {
    SearchQuery {
        text: Some(t.to_string()),
        page,
        per_page: 20,
        ..SearchQuery::default()
    }
}

/// The query mix: each type gets `RUNS_PER_TYPE` queries cycling through realistic variants.
fn mixes(items: usize) -> Vec<(&'static str, Vec<SearchQuery>)> {
    let mut r = Rng::new(SEED ^ 0xABCD);
    let common = [
        "通知", "管理", "工作", "政府", "公开", "安全", "建设", "资金",
    ];
    let pairs = [
        "安全生产 检查",
        "政府采购 预算",
        "耕地 保护",
        "医疗保险 城乡居民",
        "营商环境 优化",
        "老旧小区 改造",
        "防汛 预案",
        "扬尘 治理",
    ];
    let phrases = [
        "\"公共资源交易\"",
        "\"安全生产\"",
        "\"最低生活保障\"",
        "\"高标准农田\"",
        "\"政务服务\"",
    ];
    let rare: Vec<String> = RARE
        .iter()
        .map(|s| s.trim_end_matches('。').chars().skip(2).take(4).collect())
        .collect();
    // Real 文号: the first few numbers of each agency and year exist whatever the index size.
    let max_no = ((items / (AGENCIES.len() * YEARS)) as u32 / 2).max(1);
    let mut doc_no = || {
        let year = FIRST_YEAR + r.below(YEARS) as i32;
        Corpus::doc_no(
            r.below(AGENCIES.len()),
            year,
            1 + (r.next() % u64::from(max_no)) as u32,
        )
    };
    let doc_nos: Vec<String> = (0..RUNS_PER_TYPE).map(|_| doc_no()).collect();
    // 文号 without the issuer's prefix: `〔2020〕12号`.
    let partial_nos: Vec<String> = doc_nos
        .iter()
        .map(|no| no.chars().skip_while(|&c| c != '〔').collect())
        .collect();
    // Fragments of 2 to 8 characters cut anywhere in the titles of the first items indexed (the same
    // seed makes the same items; issue 16).
    let mut corpus = Corpus::new(SEED);
    let fragments: Vec<String> = (0..RUNS_PER_TYPE)
        .map(|i| {
            let title: Vec<char> = corpus.item(i).title.chars().collect();
            let len = (2 + r.below(7)).min(title.len());
            let start = r.below(title.len() - len + 1);
            title[start..start + len].iter().collect()
        })
        .collect();
    let n = RUNS_PER_TYPE;
    let cycle = |f: &dyn Fn(usize) -> SearchQuery| (0..n).map(f).collect::<Vec<_>>();
    vec![
        (
            "single common word",
            cycle(&|i| text(common[i % common.len()], 1)),
        ),
        ("two words", cycle(&|i| text(pairs[i % pairs.len()], 1))),
        ("rare word", cycle(&|i| text(&rare[i % rare.len()], 1))),
        ("phrase", cycle(&|i| text(phrases[i % phrases.len()], 1))),
        ("title fragment", cycle(&|i| text(&fragments[i], 1))),
        ("文号 typed in the box", cycle(&|i| text(&doc_nos[i], 1))),
        ("文号 without prefix", cycle(&|i| text(&partial_nos[i], 1))),
        (
            "文号 as filter",
            cycle(&|i| SearchQuery {
                doc_no: Some(doc_nos[i].clone()),
                ..SearchQuery::default()
            }),
        ),
        (
            "word + category",
            cycle(&|i| SearchQuery {
                category: Some(CATEGORIES[i % CATEGORIES.len()].to_string()),
                ..text(common[i % common.len()], 1)
            }),
        ),
        (
            "word + 5 agencies",
            cycle(&|i| SearchQuery {
                agencies: Some(
                    (0..5)
                        .map(|k| ((i * 7 + k * 3) % AGENCIES.len()) as i64 + 1)
                        .collect(),
                ),
                ..text(
                    pairs[i % pairs.len()].split(' ').next().unwrap_or("通知"),
                    1,
                )
            }),
        ),
        (
            "no text + year",
            cycle(&|i| SearchQuery {
                year: Some(FIRST_YEAR + (i % YEARS) as i32),
                ..SearchQuery::default()
            }),
        ),
        ("page 5", cycle(&|i| text(common[i % common.len()], 5))),
    ]
}

fn percentile(sorted: &[Duration], p: usize) -> Duration {
    let rank = (sorted.len() * p).div_ceil(100).max(1);
    sorted[rank - 1]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn dir_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .filter_map(|e| e.metadata().ok())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}
