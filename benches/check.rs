//! `cargo bench`: the whole check on the seed pair, and on generated transcripts of about
//! 100 KB, 1 MB and 10 MB with a 20 KB summary, beside a baseline that only tokenizes the same
//! input. Throughput is printed in MB/s.

mod support {
    pub(crate) mod corpus;
}

use std::hint::black_box;
use std::time::Duration;

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

criterion_group!(benches, seed_pair, transcripts);
criterion_main!(benches);
