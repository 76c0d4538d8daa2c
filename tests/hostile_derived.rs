//! Hostile derived inputs (see: issue 19): markup that never ends, cues without text, one
//! line of ten megabytes, elements never closed, references without end. Each is read
//! without a panic, and in an optimised build (`cargo test --release`) its reading costs time
//! linear in its size: eight times the input takes well under the sixty-four times a quadratic
//! reading would, though memory makes the large one's bytes dearer (callgrind: 592 million
//! instructions for one megabyte of unclosed cue tags, 2,264 million for four, 3.8 times, where
//! the time grew 5 to 10 times). The small input is a megabyte, so that it is not helped by
//! fitting in a cache. An unoptimised build (`cargo test`) reads each shape once, for the
//! panics, without timing it.

use std::time::{Duration, Instant};

use crosscheck::read::{self, Format};
use crosscheck::{Config, Input, check};

/// How much longer than the small input's reading the large one's, eight times its size, may
/// take (linear is eight, and up to twenty-five measured, memory being dearer for the large
/// one; quadratic sixty-four).
const MAX_RATIO: f64 = 40.0;

/// Reads `bytes` as a file with `extension`, the fastest of `runs` runs (the least disturbed
/// by other tests running at the same time).
fn read_time(bytes: &[u8], extension: &str, runs: usize) -> Duration {
    (0..runs)
        .map(|_| {
            let started = Instant::now();
            let read = read::from_bytes(
                format!("x.{extension}"),
                bytes.to_vec(),
                Some(extension),
                1 << 30,
            );
            assert!(
                matches!(read, Ok(_) | Err(crosscheck::Error::Empty { .. })),
                "{extension}: {:?}",
                read.err()
            );
            started.elapsed()
        })
        .min()
        .expect("a run")
}

/// Asserts that reading `make(8 * n)` costs at most [`MAX_RATIO`] times reading `make(n)`,
/// `n` a megabyte; unoptimised, reads `make(n / 10)` once.
fn assert_linear(shape: &str, extension: &str, make: impl Fn(usize) -> String) {
    let n = 1 << 20;
    if cfg!(debug_assertions) {
        read_time(make(n / 10).as_bytes(), extension, 1);
        return;
    }
    let small = read_time(make(n).as_bytes(), extension, 3);
    let large = read_time(make(8 * n).as_bytes(), extension, 2);
    let ratio = large.as_secs_f64() / small.as_secs_f64().max(1e-4);
    assert!(
        ratio < MAX_RATIO,
        "{shape}: {small:?} for n, {large:?} for 8n (ratio {ratio:.1})"
    );
}

/// A SubRip file of one cue whose text is `text`.
fn one_cue(text: &str) -> String {
    format!("1\n00:00:01,000 --> 00:00:02,000\n{text}\n")
}

#[test]
fn unterminated_cue_markup_is_read_in_linear_time() {
    assert_linear("tags and overrides without an end", "srt", |n| {
        one_cue(&"<i a {b &c ".repeat(n / 10))
    });
    assert_linear("entities and voice tags on one line", "srt", |n| {
        one_cue(&"<v A>x &amp;&lt ".repeat(n / 16))
    });
    assert_linear("cues without text", "vtt", |n| {
        "WEBVTT\n\n".to_string() + &"00:01.000 --> 00:02.000\n\n".repeat(n / 26)
    });
}

#[test]
fn unclosed_and_unterminated_html_is_read_in_linear_time() {
    assert_linear("elements never closed", "html", |n| {
        "<!doctype html>".to_string()
            + &"<div class=author><h1>x ".repeat(n / 24)
            + &"</span>".repeat(n / 7)
    });
    assert_linear("references without an end", "html", |n| {
        "<!doctype html><p>".to_string() + &format!("&{} ", "a".repeat(60)).repeat(n / 62)
    });
    assert_linear("references one after another", "html", |n| {
        "<!doctype html><p>".to_string() + &"&amp;&#8220;&notit;".repeat(n / 19)
    });
    assert_linear("a comment that never ends", "html", |n| {
        "<!doctype html><p>a<!--".to_string() + &"x -- > ".repeat(n / 7)
    });
}

#[test]
fn a_ten_megabyte_one_line_srt_is_read_and_checked() {
    // A whole file on one line is no cue by its content: plain text, with a note.
    let line = "1 00:00:01,000 --> 00:00:02,000 The harbour reopened. ".repeat(200_000);
    assert!(line.len() > 10_000_000);
    let input =
        read::from_bytes("talk.srt".into(), line.into_bytes(), Some("srt"), 64 << 20).unwrap();
    assert!(input.origin.is_none());
    assert!(input.notes[0].contains("read as plain text by its content"));
    // A cue of one ten-megabyte line is read as subtitles, and checked.
    let cue =
        one_cue(&"The harbour <i>reopened</i> on Monday, {\\an8}the mayor said. ".repeat(170_000));
    assert!(cue.len() > 10_000_000);
    let input =
        read::from_bytes("talk.srt".into(), cue.into_bytes(), Some("srt"), 64 << 20).unwrap();
    assert_eq!(input.origin.as_ref().unwrap().format, Format::Srt);
    let report = check(
        &Input::new("s.txt", "The mayor said the harbour reopened on Monday."),
        &input,
        &Config::default(),
    );
    assert_eq!(report.source.sentences.len(), 170_000);
}
