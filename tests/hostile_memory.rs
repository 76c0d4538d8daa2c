//! Issue #15, memory: the bytes a check holds at its peak are a bounded multiple of its input,
//! for each shape that held many times more: both sides large, one sentence repeated, mixed
//! scripts, thousands of short quotations, and one paragraph that is a whole megabyte (its
//! sentence splitter copied every character into a 16-byte slot: 16 times the paragraph).
//! Counted by this test's allocator, not read from the process's resident size; the resident
//! sizes are in `docs/EVALUATION.md`.

#[path = "../benches/support/large.rs"]
#[allow(dead_code, reason = "the benchmarks use the rest of the generator")]
mod large;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard};

use crosscheck::config::{IGNORE_SIZE_LIMIT, IgnorePatterns};
use crosscheck::{Config, Input, check};

/// The system allocator, counting the bytes held and the most held since the last reset.
struct Counting;

static HELD: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

impl Counting {
    fn add(size: usize) {
        let held = HELD.fetch_add(size, Ordering::Relaxed) + size;
        PEAK.fetch_max(held, Ordering::Relaxed);
    }

    fn remove(size: usize) {
        HELD.fetch_sub(size, Ordering::Relaxed);
    }
}

// SAFETY: every call is passed on unchanged to the system allocator, which upholds the
// contract; the counters only observe the sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's layout, as `GlobalAlloc::alloc` requires.
        let pointer = unsafe { System.alloc(layout) };
        if !pointer.is_null() {
            Counting::add(layout.size());
        }
        pointer
    }

    unsafe fn dealloc(&self, pointer: *mut u8, layout: Layout) {
        // SAFETY: a pointer this allocator gave, with its layout, as the caller guarantees.
        unsafe { System.dealloc(pointer, layout) };
        Counting::remove(layout.size());
    }

    unsafe fn realloc(&self, pointer: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller's pointer, layout and size, as `GlobalAlloc::realloc` requires.
        let moved = unsafe { System.realloc(pointer, layout, new_size) };
        if !moved.is_null() {
            Counting::add(new_size);
            Counting::remove(layout.size());
        }
        moved
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// One measurement at a time: the counters are the whole process's.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// Holds the measurement lock: no other test allocates what this one counts.
fn alone() -> MutexGuard<'static, ()> {
    ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The most bytes held while `run` ran, above what was held before it (under [`alone`]).
fn most_held_while(run: impl FnOnce()) -> usize {
    let before = HELD.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    run();
    PEAK.load(Ordering::Relaxed) - before
}

/// The most bytes a check of the pair that `make` builds held above what was held before it,
/// as a multiple of its input. The pair is built under the lock, before the count starts, so
/// that no other test's input is counted; a small check first sets up what every process sets
/// up once (word lists, compiled patterns, the thread pool).
fn held_per_input_byte(make: impl FnOnce() -> (String, String)) -> f64 {
    let _alone = alone();
    let config = Config::default();
    let warm_up = Input::new("a.txt", "The mayor said the harbour reopened.".to_string());
    drop(check(&warm_up, &warm_up, &config));
    let (summary, source) = make();
    let bytes = summary.len() + source.len();
    let (summary, source) = (
        Input::new("summary.txt", summary),
        Input::new("source.txt", source),
    );
    let held = most_held_while(|| drop(check(&summary, &source, &config)));
    held as f64 / bytes as f64
}

/// Held at most this many times the input: the tokens, sentences, facts, features, findings
/// and judgements of a large pair take about seven, and short quoting sentences (each a
/// judgement, a finding, a sentence, its facts and its link, whatever its length) eight and a
/// half.
const MOST_HELD_PER_INPUT_BYTE: f64 = 10.0;

fn assert_held_at_most(shape: &str, held: f64, most: f64) {
    assert!(held <= most, "{shape}: held {held:.1} times the input");
}

#[test]
fn both_sides_large() {
    let held = held_per_input_byte(|| large::pair(250_000));
    assert_held_at_most("both sides large", held, MOST_HELD_PER_INPUT_BYTE);
}

#[test]
fn one_sentence_repeated() {
    let held = held_per_input_byte(|| {
        let text = large::repeated(2_000);
        (text.clone(), text)
    });
    assert_held_at_most("repeated", held, MOST_HELD_PER_INPUT_BYTE);
}

#[test]
fn mixed_scripts() {
    let held = held_per_input_byte(|| {
        (
            large::mixed_scripts(100_000, 1),
            large::mixed_scripts(300_000, 2),
        )
    });
    assert_held_at_most("mixed scripts", held, MOST_HELD_PER_INPUT_BYTE);
}

#[test]
fn a_paragraph_of_a_megabyte() {
    let held = held_per_input_byte(|| {
        let summary = format!("The mayor said {}.", "y".repeat(1_000_000));
        (
            summary,
            "The mayor said the harbour would reopen.".to_string(),
        )
    });
    assert_held_at_most("one paragraph", held, MOST_HELD_PER_INPUT_BYTE);
}

#[test]
fn many_short_quotations() {
    let held = held_per_input_byte(|| {
        let source = large::pair(100_000).1;
        let frame = ("The speaker said \"", "\".");
        (large::quoting(&source, 1_000, 5, frame), source)
    });
    assert_held_at_most("quotations", held, MOST_HELD_PER_INPUT_BYTE);
}

/// The issue's shape at its size: 5,000 sentences of 32 bytes, each quoting four words of a
/// 315 KB transcript (2.96 GB when reported), each sentence costing its tokens, sentence,
/// facts, link, judgement and finding whatever its length.
#[test]
fn five_thousand_quoting_sentences() {
    let held = held_per_input_byte(|| {
        let source = large::pair(315_000).1;
        (
            large::quoting(&source, 5_000, 4, ("He said \"", "\".")),
            source,
        )
    });
    assert_held_at_most("5,000 quotations", held, MOST_HELD_PER_INPUT_BYTE);
}

/// Compiling `ignore` patterns holds at most this multiple of [`IGNORE_SIZE_LIMIT`], whatever
/// the patterns: the automata within it, and the one group being compiled.
const MOST_HELD_BY_IGNORE_PATTERNS: usize = 3;

/// Each Unicode `\w` is a syntax tree of 6 KB: half a megabyte of them, parsed all before
/// compiling, held 800 MB before the size limit refused them. A file of many simple patterns
/// is compiled within the same bound.
#[test]
fn ignore_patterns_of_unicode_classes() {
    let _alone = alone();
    let classes = vec![r"\w\w\w\w".to_string(); 60_000];
    let simple: Vec<String> = (0..10_000)
        .map(|n| format!("word{n} about [0-9]+ and (this|that)"))
        .collect();
    for (shape, patterns, accepted) in [("simple", simple, true), ("classes", classes, false)] {
        let mut outcome = None;
        let held = most_held_while(|| outcome = Some(IgnorePatterns::new(&patterns).is_ok()));
        assert_eq!(outcome, Some(accepted), "{shape}");
        let most = MOST_HELD_BY_IGNORE_PATTERNS * IGNORE_SIZE_LIMIT;
        assert!(held <= most, "{shape}: held {} MiB", held >> 20);
    }
}

/// Ten thousand simple patterns compiled to automata of 8 MB, twenty times their text, and
/// a check held them all: 48 times its input above a process that checks the seed pair.
/// Each group is now compiled when searched and freed before the next, and what is kept is
/// the patterns' text: loading and matching each hold under five times that text.
#[test]
fn ten_thousand_ignore_patterns() {
    let _alone = alone();
    let patterns: Vec<String> = (0..10_000)
        .map(|n| format!("word{n} about [0-9]+ and (this|that)"))
        .collect();
    let bytes: usize = patterns.iter().map(String::len).sum();
    let texts = ["Chú thích ảnh: Bộ trưởng", "word9999 about 12 and that"].repeat(100);
    let mut compiled = None;
    let loading = most_held_while(|| compiled = Some(IgnorePatterns::new(&patterns).unwrap()));
    let compiled = compiled.unwrap();
    let mut matched = Vec::new();
    let matching = most_held_while(|| matched = compiled.matching(&texts));
    assert_eq!(matched.iter().filter(|&&m| m).count(), 100);
    for (stage, held) in [("loading", loading), ("matching", matching)] {
        let held = held as f64 / bytes as f64;
        assert!(
            held <= 6.0,
            "{stage}: held {held:.1} times the patterns' text"
        );
    }
}
