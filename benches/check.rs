//! `cargo bench`: the whole check on the seed pair, and on generated transcripts of about
//! 100 KB, 1 MB and 10 MB with a 20 KB summary, beside a baseline that only tokenizes the same
//! input. Throughput is printed in MB/s.
//!
//! `large/…` checks two independently generated texts of 1, 2 and 5 MB each (issue #15: both
//! sides large), and prints each size's time against `wc -w` on the same files and the growth
//! of the time as the input doubles (linear is 2x).

mod support {
    pub(crate) mod corpus;
    #[allow(dead_code, reason = "the cost tests use the other shapes")]
    pub(crate) mod large;
}

use std::hint::black_box;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use crosscheck::{Config, Input, check, normalize};

fn seed_pair(c: &mut Criterion) {
    let read = |file: &str| {
        let path = format!("{}/fixtures/hanoi/{file}", env!("CARGO_MANIFEST_DIR"));
        Input::new(
            file,
            std::fs::read_to_string(path).expect("the seed fixture"),
        )
    };
    let (summary, source) = (read("summary.txt"), read("source.txt"));
    let config = Config::default();
    let mut group = c.benchmark_group("seed");
    group.throughput(Throughput::BytesDecimal(
        (summary.text.len() + source.text.len()) as u64,
    ));
    group.bench_function("check", |b| {
        b.iter(|| check(black_box(&summary), black_box(&source), &config))
    });
    group.finish();
}

fn transcripts(c: &mut Criterion) {
    let config = Config::default();
    let mut group = c.benchmark_group("transcript");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(8));
    for (name, bytes) in [("100KB", 100_000), ("1MB", 1_000_000), ("10MB", 10_000_000)] {
        let (source, summary) = support::corpus::generate(bytes, 20_000);
        group.throughput(Throughput::BytesDecimal(
            (source.len() + summary.len()) as u64,
        ));
        let (summary, source) = (Input::new("summary", summary), Input::new("source", source));
        group.bench_with_input(BenchmarkId::new("check", name), &(), |b, ()| {
            b.iter(|| check(black_box(&summary), black_box(&source), &config))
        });
        group.bench_with_input(
            BenchmarkId::new("tokenize (baseline)", name),
            &(),
            |b, ()| {
                b.iter(|| {
                    (
                        normalize::tokenize(black_box(&summary.text)),
                        normalize::tokenize(black_box(&source.text)),
                    )
                })
            },
        );
    }
    group.finish();
}

/// The shortest of five runs of `run`: on a shared machine the shortest is the least
/// disturbed, and five runs find it more often than three.
fn fastest(mut run: impl FnMut()) -> Duration {
    (0..5)
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// `wc -w` on the two files, timed; `None` where `wc` cannot run.
fn word_count(summary: &Path, source: &Path) -> Option<Duration> {
    let mut works = true;
    let time = fastest(|| {
        works &= Command::new("wc")
            .arg("-w")
            .args([summary, source])
            .output()
            .is_ok_and(|output| output.status.success());
    });
    works.then_some(time)
}

fn large_pairs(c: &mut Criterion) {
    let config = Config::default();
    let dir = std::env::temp_dir().join(format!("crosscheck-bench-large-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    let mut group = c.benchmark_group("large");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(5));
    let mut previous: Option<Duration> = None;
    for (name, bytes) in [
        ("1MB+1MB", 1_000_000),
        ("2MB+2MB", 2_000_000),
        ("5MB+5MB", 5_000_000),
    ] {
        let (summary, source) = support::large::pair(bytes);
        let (summary_path, source_path) = (dir.join("summary.txt"), dir.join("source.txt"));
        std::fs::write(&summary_path, &summary).expect("a temporary file");
        std::fs::write(&source_path, &source).expect("a temporary file");
        group.throughput(Throughput::BytesDecimal(
            (summary.len() + source.len()) as u64,
        ));
        let (summary, source) = (Input::new("summary", summary), Input::new("source", source));
        let check_time = fastest(|| {
            black_box(check(&summary, &source, &config));
        });
        let against_wc = match word_count(&summary_path, &source_path) {
            Some(wc) => format!(
                "wc -w {wc:.1?}, check {:.0}x wc -w",
                check_time.as_secs_f64() / wc.as_secs_f64()
            ),
            None => "wc -w unavailable".to_string(),
        };
        let growth = previous.map_or(String::new(), |before| {
            format!(
                ", {:.2}x the previous size's time",
                check_time.as_secs_f64() / before.as_secs_f64()
            )
        });
        eprintln!("large/{name}: check {check_time:.2?}, {against_wc}{growth}");
        previous = Some(check_time);
        group.bench_with_input(BenchmarkId::new("check", name), &(), |b, ()| {
            b.iter(|| check(black_box(&summary), black_box(&source), &config))
        });
    }
    group.finish();
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group!(benches, seed_pair, transcripts, large_pairs);
criterion_main!(benches);
