//! Helpers shared by the integration tests that run the built binary.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// The built binary, run from the crate root without colour or settings from the
/// environment.
pub(crate) fn crosscheck() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_crosscheck"));
    without_settings(&mut command);
    command
}

/// `command` run from the crate root, and so any crosscheck it starts, without colour or
/// settings from the environment.
pub(crate) fn without_settings(command: &mut Command) -> &mut Command {
    command
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .env_remove("CROSSCHECK_FORMAT")
        .env_remove("CROSSCHECK_FAIL_ON")
        .env_remove("CROSSCHECK_SPEAKER")
}

/// The names of the fixtures that are pairs (`fixtures/NAME/summary.txt`), sorted.
#[allow(
    dead_code,
    reason = "used by some of the test binaries that share this module"
)]
pub(crate) fn fixture_names() -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures"))
            .unwrap()
            .filter_map(Result::ok)
            .filter(|e| e.path().join("summary.txt").is_file())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
    names.sort();
    names
}

/// The `file` URI of a folder, as crosscheck's SARIF gives the working directory (`SRCROOT`):
/// its bytes percent-encoded but for RFC 3986's unreserved characters and `/`, then a `/`.
#[allow(
    dead_code,
    reason = "used by some of the test binaries that share this module"
)]
pub(crate) fn folder_uri(dir: &Path) -> String {
    const KEPT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~')
        .remove(b'/');
    let encoded = percent_encoding::percent_encode(dir.as_os_str().as_encoded_bytes(), KEPT);
    format!("file://{}/", encoded.to_string().trim_end_matches('/'))
}

/// `output` with the crate root's `file` URI, which a SARIF log run there gives as
/// `SRCROOT`, written `file:///ROOT/`, so that snapshots are the same on every machine.
#[allow(
    dead_code,
    reason = "used by some of the test binaries that share this module"
)]
pub(crate) fn without_root_uri(output: &str) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .canonicalize()
        .unwrap();
    output.replace(&folder_uri(&root), "file:///ROOT/")
}

/// A fresh directory under the target directory for one test's files.
#[allow(
    dead_code,
    reason = "used by some of the test binaries that share this module"
)]
pub(crate) fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The file names in `dir`, sorted.
#[allow(
    dead_code,
    reason = "used by some of the test binaries that share this module"
)]
pub(crate) fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

/// A named pipe (FIFO) at `dir/name`, made with `mkfifo`.
#[allow(
    dead_code,
    reason = "used by some of the test binaries that share this module"
)]
pub(crate) fn fifo(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    let made = Command::new("mkfifo").arg(&path).status().unwrap();
    assert!(made.success(), "mkfifo {}", path.display());
    path
}

/// Every span a JSON document gives: sentences, turns, finding locations and added details,
/// each with the text it is given with.
#[allow(
    dead_code,
    reason = "used by some of the test binaries that share this module"
)]
pub(crate) fn spans(report: &Value) -> Vec<(&'static str, &Value, &str)> {
    let mut spans = Vec::new();
    for side in ["summary", "source"] {
        for sentence in report[side]["sentences"].as_array().unwrap() {
            spans.push((side, &sentence["span"], sentence["text"].as_str().unwrap()));
            if let Some(turn) = sentence.get("turn") {
                spans.push((side, &turn["span"], turn["text"].as_str().unwrap()));
            }
        }
    }
    for finding in report["findings"].as_array().unwrap() {
        for side in ["summary", "source"] {
            if let Some(at) = finding.get(side).filter(|at| !at.is_null()) {
                spans.push((side, &at["span"], at["text"].as_str().unwrap()));
            }
        }
        for added in finding
            .get("added")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            spans.push(("summary", &added["span"], added["text"].as_str().unwrap()));
        }
    }
    spans
}
