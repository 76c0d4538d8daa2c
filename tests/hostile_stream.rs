//! Issue #15, "Peak memory at most 10x the input": reports are written as they are made, never
//! built whole in memory. Cost is tested on counters (the size of each write), never on time.
//!
//! A writer records every `write` call a renderer makes over a report of thousands of
//! sentences: each format must arrive in many small writes, and the bytes must be exactly
//! those of [`render`] (the form the snapshots hold). Through the binary, `-o FILE` on a large
//! pair yields a complete, valid file, and an input error leaves no file at all.

mod common;

use std::io::{self, Write};
use std::path::Path;

use clap::ValueEnum;
use common::{crosscheck, scratch};
use crosscheck::output::Sink;
use crosscheck::report::{self, Format, Style, render};
use crosscheck::{Config, Input, Report, check};

/// The largest single write allowed: a renderer writes at most one piece of one sentence (its
/// text, escaped for the format), one line of its own, or (JSON and SARIF) its 8 KiB buffer
/// at a time, and the generated sentences are all far shorter than this, so a larger write
/// is a report held whole.
const LARGEST_WRITE: usize = 16 * 1024;

/// A writer that keeps what it is given, and the largest size of its writes.
#[derive(Default)]
struct Recorder {
    bytes: Vec<u8>,
    largest: usize,
}

impl Write for Recorder {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.largest = self.largest.max(buf.len());
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// A fixture's file, `copies` times over, each copy numbered so that its paragraphs differ.
fn repeated(file: &str, copies: usize) -> String {
    let text = std::fs::read_to_string(format!(
        "{}/fixtures/hanoi-wrong-count/{file}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    (1..=copies)
        .map(|copy| format!("Phần {copy}.\n\n{text}\n"))
        .collect()
}

/// A report of thousands of sentences and hundreds of findings, from the fixture with a
/// wrong count repeated.
fn large_report() -> Report {
    let copies = 60;
    let summary = Input::new("big/summary.txt", repeated("summary.txt", copies));
    let source = Input::new("big/source.txt", repeated("source.txt", copies));
    let report = check(&summary, &source, &Config::default());
    assert!(report.summary.sentences.len() > 1_000);
    assert!(report.findings.len() > 100);
    report
}

#[test]
fn every_format_is_written_in_small_pieces_and_is_what_render_makes() {
    let report = large_report();
    for &format in Format::value_variants() {
        let mut recorder = Recorder::default();
        report::write(&report, format, Style::default(), &mut recorder).unwrap();
        let rendered = render(&report, format, Style::default());
        assert!(
            recorder.bytes == rendered.as_bytes(),
            "{format:?}: the streamed bytes differ from render's"
        );
        assert!(
            recorder.largest <= LARGEST_WRITE,
            "{format:?}: one write of {} bytes",
            recorder.largest
        );
        // So at least 8 writes, each a small share of the whole.
        assert!(
            recorder.bytes.len() > 8 * LARGEST_WRITE,
            "{format:?}: only {} bytes, too few to tell",
            recorder.bytes.len()
        );
    }
    let mut recorder = Recorder::default();
    let width = report::Style::default().width;
    report::write_alignment(
        &report,
        report::AlignmentFormat::Table,
        width,
        &mut recorder,
    )
    .unwrap();
    assert!(recorder.bytes == report::render_alignment(&report).as_bytes());
    assert!(recorder.largest <= LARGEST_WRITE, "{}", recorder.largest);
    let mut recorder = Recorder::default();
    report::write_alignment(&report, report::AlignmentFormat::Json, width, &mut recorder).unwrap();
    assert!(recorder.largest <= LARGEST_WRITE, "{}", recorder.largest);
}

#[test]
fn a_failed_write_stops_the_renderer_and_is_what_finish_returns() {
    let mut sink = Sink::open(Some(Path::new("/dev/full"))).unwrap();
    let mut written = 0;
    sink.write_with(|out| {
        for _ in 0..100_000 {
            out.write_all(&[b'x'; 1024])?;
            written += 1;
        }
        Ok(())
    });
    assert!(written < 1_000, "{written} KiB written after the failure");
    let error = sink.finish().unwrap_err().to_string();
    assert!(error.contains("/dev/full"), "{error}");
}

/// A large pair in `dir`: the wrong-count fixture, repeated.
fn large_pair(dir: &Path) -> [std::path::PathBuf; 2] {
    let summary = dir.join("summary.txt");
    let source = dir.join("source.txt");
    std::fs::write(&summary, repeated("summary.txt", 30)).unwrap();
    std::fs::write(&source, repeated("source.txt", 30)).unwrap();
    [summary, source]
}

/// The names of the files in `dir`.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_large_report_written_to_a_file_is_whole_and_valid() {
    let dir = scratch("stream-large");
    let pair = large_pair(&dir);
    for (format, name) in [("json", "out.json"), ("sarif", "out.sarif")] {
        let out = dir.join(name);
        let to_file = crosscheck()
            .args(["check", "--format", format])
            .args(&pair)
            .arg("-o")
            .arg(&out)
            .output()
            .unwrap();
        assert_eq!(to_file.status.code(), Some(1), "{to_file:?}");
        let written = std::fs::read(&out).unwrap();
        let to_stdout = crosscheck()
            .args(["check", "--format", format])
            .args(&pair)
            .output()
            .unwrap();
        assert!(
            written == to_stdout.stdout,
            "{format}: the file and stdout differ"
        );
        assert!(written.ends_with(b"}\n"), "{format}");
        let value: serde_json::Value = serde_json::from_slice(&written).unwrap();
        let findings = match format {
            "json" => &value["findings"],
            _ => &value["runs"][0]["results"],
        };
        assert!(findings.as_array().unwrap().len() > 50, "{format}");
    }
    assert_eq!(
        names(&dir),
        ["out.json", "out.sarif", "source.txt", "summary.txt"]
    );
}

#[test]
fn an_input_error_leaves_no_output_file_and_an_old_one_as_it_was() {
    let dir = scratch("stream-input-error");
    let [summary, _] = large_pair(&dir);
    let invalid = dir.join("invalid.txt");
    std::fs::write(&invalid, b"Tin \xff hay.").unwrap();
    let kept = dir.join("kept.json");
    std::fs::write(&kept, "old").unwrap();
    for (out, format) in [
        ("new.json", "json"),
        ("new.sarif", "sarif"),
        ("kept.json", "json"),
    ] {
        let output = crosscheck()
            .args(["check", "--format", format])
            .arg(&summary)
            .arg(&invalid)
            .arg("-o")
            .arg(dir.join(out))
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{output:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("invalid.txt"), "{stderr}");
    }
    assert_eq!(std::fs::read_to_string(&kept).unwrap(), "old");
    assert_eq!(
        names(&dir),
        ["invalid.txt", "kept.json", "source.txt", "summary.txt"]
    );
}

#[test]
fn a_full_output_is_an_error_naming_it_and_a_closed_stdout_is_not() {
    let dir = scratch("stream-full");
    let pair = large_pair(&dir);
    let output = crosscheck()
        .args(["check", "--format", "json"])
        .args(&pair)
        .args(["-o", "/dev/full"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    assert!(String::from_utf8_lossy(&output.stderr).contains("/dev/full"));

    // A small report sits in the buffer until the end: the last flush must count too.
    let output = crosscheck()
        .args(["check", "--format", "json"])
        .args(["fixtures/hanoi/summary.txt", "fixtures/hanoi/source.txt"])
        .stdout(std::fs::File::create("/dev/full").unwrap())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    assert!(String::from_utf8_lossy(&output.stderr).contains("<stdout>"));

    let mut child = crosscheck()
        .args(["check", "--format", "sarif"])
        .args(&pair)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut start = [0; 100];
    io::Read::read_exact(child.stdout.as_mut().unwrap(), &mut start).unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    assert!(output.stderr.is_empty(), "{output:?}");
}
