//! Times one check at each transcript size and reports peak memory, to show how cost grows
//! with the input. A small check runs first, so that the one-time set-up of a process (word
//! lists, compiled patterns, the thread pool) is in no size's figures. Criterion benchmarks (`cargo bench`) give the precise timings; this shows
//! the memory, which criterion cannot.
//!
//! ```sh
//! cargo run --release --example scale -- 100000 1000000 10000000
//! ```

#[path = "../benches/support/corpus.rs"]
mod corpus;

use std::time::Instant;

use crosscheck::{Config, Input, check};

/// A memory figure of this process from `/proc/self/status` (Linux), in bytes.
fn memory(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    let kilobytes: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kilobytes * 1024)
}

/// Resets the peak resident memory to the current one (Linux), so the next peak is the
/// check's own.
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    println!(
        "{:>12} {:>10} {:>10} {:>16} {:>8}",
        "input bytes", "seconds", "MB/s", "check memory MB", "× input"
    );
    let (source, summary) = corpus::generate(10_000, 2_000);
    check(
        &Input::new("summary", summary),
        &Input::new("source", source),
        &Config::default(),
    );
    for size in sizes {
        let (source, summary) = corpus::generate(size, 20_000);
        let bytes = source.len() + summary.len();
        let (summary, source) = (Input::new("summary", summary), Input::new("source", source));
        reset_peak();
        let before = memory("VmRSS:").unwrap_or(0);
        let start = Instant::now();
        let report = check(&summary, &source, &Config::default());
        let seconds = start.elapsed().as_secs_f64();
        // The check's memory: its peak above what the inputs already took.
        let used = memory("VmHWM:").unwrap_or(0).saturating_sub(before);
        println!(
            "{:>12} {:>10.3} {:>10.2} {:>16.1} {:>8.1}   ({} findings)",
            bytes,
            seconds,
            bytes as f64 / seconds / 1e6,
            used as f64 / 1e6,
            used as f64 / bytes as f64,
            report.findings.len()
        );
    }
}
