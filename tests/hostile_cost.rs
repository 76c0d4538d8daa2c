//! Issue #15, cost classes: the alignment's work grows linearly with the input, checked on its
//! work counters ([`crosscheck::align::Work`]), not on time, for each shape that used to grow
//! quadratically: both sides large, one sentence repeated on both sides, and mixed
//! Chinese/Arabic/Thai text. Timings are in `benches/check.rs` (`large/…`).

#[path = "../benches/support/large.rs"]
#[allow(dead_code, reason = "the benchmarks use the rest of the generator")]
mod large;

use crosscheck::align::{self, MAX_CANDIDATES, POSTINGS_PER_FEATURE, Work};
use crosscheck::{Config, Input, analyze, analyze_transcript};

/// What one alignment did, with the size of the summary that bounds it.
struct Measured {
    work: Work,
    /// Summary tokens: an upper bound on its sentences' features, summed.
    tokens: u64,
    /// Summary sentences.
    sentences: u64,
}

/// The alignment's work on a generated pair.
fn work(summary: String, source: String) -> Measured {
    let config = Config::default();
    let summary = analyze(&Input::new("summary.txt", summary), &config);
    let source = analyze_transcript(&Input::new("source.txt", source), &config);
    let alignment = align::align(&summary, &source, &config);
    Measured {
        work: alignment.work,
        tokens: summary.tokens.len() as u64,
        sentences: summary.sentences.len() as u64,
    }
}

/// Asserts that each summary sentence's work is within the caps: at most twice
/// [`POSTINGS_PER_FEATURE`] postings read per feature and [`MAX_CANDIDATES`] candidates, so
/// that the whole alignment is linear in the summary whatever the source.
fn assert_bounded(shape: &str, measured: &Measured) {
    let Measured {
        work,
        tokens,
        sentences,
    } = measured;
    assert!(
        work.lists_capped > 0,
        "{shape}: the caps should bind: {work:?}"
    );
    assert!(
        // Twice: a first reading chooses the candidates when there could be too many.
        work.postings_visited <= 2 * POSTINGS_PER_FEATURE as u64 * tokens,
        "{shape}: {work:?}"
    );
    assert!(
        work.candidates_scored <= MAX_CANDIDATES as u64 * sentences,
        "{shape}: {work:?}"
    );
    assert!(
        work.candidates_rescored <= work.candidates_scored,
        "{shape}: {work:?}"
    );
}

/// Asserts that doubling the input at most `factor` times each named counter (linear is 2).
fn assert_linear(shape: &str, small: &Measured, large: &Measured, factor: f64, counters: &[&str]) {
    let counter = |work: &Work, name: &str| match name {
        "keys featured" => work.keys_featured,
        "postings held" => work.postings_held,
        "postings visited" => work.postings_visited,
        "candidates scored" => work.candidates_scored,
        "candidates rescored" => work.candidates_rescored,
        _ => unreachable!("no counter {name}"),
    };
    for name in counters {
        let (before, after) = (counter(&small.work, name), counter(&large.work, name));
        assert!(
            after as f64 <= factor * (before.max(1) as f64),
            "{shape}: {name} grew from {before} to {after} when the input doubled\n{:?}\n{:?}",
            small.work,
            large.work
        );
    }
}

const EVERY_COUNTER: &[&str] = &[
    "keys featured",
    "postings held",
    "postings visited",
    "candidates scored",
    "candidates rescored",
];

/// See: issue #15 ("one sentence repeated 5k/10k/20k times on both sides"). Every feature is
/// in every source sentence, so every list is capped and the same wording is found directly.
#[test]
fn issue_15_repeated_sentence_costs_linear_work() {
    let at = |times: usize| work(large::repeated(times), large::repeated(times));
    let (small, large) = (at(1_000), at(2_000));
    assert_bounded("repeated sentence", &large);
    assert_linear("repeated sentence", &small, &large, 2.1, EVERY_COUNTER);
}

/// See: issue #15 ("both sides large"). Common words are read only around each summary
/// sentence's place; rarer ones in full, and those are in few sentences.
#[test]
fn issue_15_both_sides_large_costs_linear_work() {
    let at = |bytes: usize| {
        let (summary, source) = large::pair(bytes);
        work(summary, source)
    };
    let (small, large) = (at(250_000), at(500_000));
    assert_bounded("both sides large", &large);
    assert_linear("both sides large", &small, &large, 2.5, EVERY_COUNTER);
}

/// See: issue #15 ("mixed CJK/Arabic/Thai text: 0.34 MB against 1.2 MB, doubled, doubled
/// again"): each Chinese character is a common feature of a long source.
#[test]
fn issue_15_mixed_scripts_cost_linear_work() {
    let at = |bytes: usize| {
        work(
            large::mixed_scripts(bytes, 5),
            large::mixed_scripts(bytes * 7 / 2, 6),
        )
    };
    let (small, large) = (at(60_000), at(120_000));
    assert_bounded("mixed scripts", &small);
    assert_bounded("mixed scripts", &large);
    // At this size the lists are not all at their cap yet (that takes a source of a few
    // megabytes), so the reading grows faster than the input, but within the bound above.
    let counters = ["keys featured", "postings held"];
    assert_linear("mixed scripts", &small, &large, 2.5, &counters);
}

/// The cap binds only on long lists: on the seed pair no list is capped, so its alignment is
/// the one an uncapped index gives.
#[test]
fn issue_15_small_inputs_read_every_list_whole() {
    let read = |file: &str| {
        std::fs::read_to_string(format!(
            "{}/fixtures/hanoi/{file}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
    };
    let Measured { work, .. } = work(read("summary.txt"), read("source.txt"));
    assert_eq!(work.lists_capped, 0, "{work:?}");
    assert_eq!(work.candidates_rescored, 0, "{work:?}");
    assert!(work.candidates_scored > 0, "{work:?}");
}
