//! Criterion benchmark of the anonymisation filter on realistic posts (the labelled corpus),
//! the 10 KB post checked again with its names remembered (a draft after a refusal), plus a
//! direct p99 latency measurement for a 10 KB post.
//!
//! Run: `cargo bench --bench filter`

use commonroom::anonymise::{CompiledRules, Filter};
use commonroom::privacy::DraftMemory;
use criterion::{black_box, Criterion, Throughput};
use std::time::{Duration, Instant};

const CORPUS: &str = include_str!("../tests/filter/corpus.jsonl");

fn posts() -> Vec<String> {
    CORPUS
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["text"].as_str().map(str::to_string))
        .collect()
}

/// About 10 KB of forum text: consecutive corpus posts joined as paragraphs.
fn ten_kb(posts: &[String]) -> String {
    let mut s = String::new();
    for p in posts.iter().cycle() {
        if s.len() >= 10 * 1024 {
            break;
        }
        s.push_str(p);
        s.push_str("\n\n");
    }
    s
}

fn main() {
    let filter = Filter::standard();
    let rules = CompiledRules::default();
    let posts = posts();
    let total: usize = posts.iter().map(String::len).sum();
    let big = ten_kb(&posts);

    let mut c = Criterion::default()
        .configure_from_args()
        .measurement_time(Duration::from_secs(5))
        .warm_up_time(Duration::from_secs(1));
    {
        let mut g = c.benchmark_group("filter");
        g.throughput(Throughput::Bytes(total as u64));
        g.bench_function("corpus_posts", |b| {
            b.iter(|| {
                for p in &posts {
                    black_box(filter.scan(black_box(p), &rules));
                }
            })
        });
        g.throughput(Throughput::Bytes(big.len() as u64));
        g.bench_function("post_10kb", |b| {
            b.iter(|| black_box(filter.scan(black_box(&big), &rules)))
        });
        // the same post sent again after a refusal, its names remembered as the form carries
        // them (see `commonroom::privacy::DraftMemory`)
        let memory = DraftMemory::new("a secret of at least thirty-two characters");
        let carried = memory.carry(&filter.name_words(&big, &filter.scan(&big, &rules)));
        let remembered = memory.read(&carried);
        g.bench_function("post_10kb_redraft", |b| {
            b.iter(|| {
                black_box(
                    filter.scan_remembering(black_box(&big), &rules, &|w| remembered.contains(w)),
                )
            })
        });
        g.finish();
    }
    c.final_summary();

    // p99 for the 10 KB post, measured directly.
    let mut times: Vec<Duration> = Vec::with_capacity(5000);
    for _ in 0..200 {
        black_box(filter.scan(&big, &rules));
    }
    for _ in 0..5000 {
        let t = Instant::now();
        black_box(filter.scan(black_box(&big), &rules));
        times.push(t.elapsed());
    }
    times.sort();
    let p = |q: f64| times[((times.len() as f64 * q) as usize).min(times.len() - 1)];
    // throughput over the whole corpus, single core
    let t = Instant::now();
    let mut rounds = 0;
    while t.elapsed() < Duration::from_secs(3) {
        for p in &posts {
            black_box(filter.scan(black_box(p), &rules));
        }
        rounds += 1;
    }
    let secs = t.elapsed().as_secs_f64();
    println!(
        "10 KB post ({} bytes): p50 {:?}, p99 {:?}, max {:?}",
        big.len(),
        p(0.5),
        p(0.99),
        times[times.len() - 1]
    );
    println!(
        "corpus: {} posts, {} bytes; {:.1} MB/s, {:.0} posts/s on one core",
        posts.len(),
        total,
        (total * rounds) as f64 / secs / 1e6,
        (posts.len() * rounds) as f64 / secs
    );
}
