//! Snapshot tests of every report format for every fixture pair (`fixtures/*/summary.txt` with
//! its `source.txt`) and every summary of several sources (`fixtures/several/*/summary.txt`
//! with its `source-*.txt`, in name order), produced by the built binary. Snapshots live in
//! `snapshots/`; with `CI=true` a changed snapshot fails.

mod common;

use std::path::Path;

use common::{crosscheck, spans, without_root_uri};

/// A fixture's files, from the crate root: its summary, then its `source.txt` or its
/// `source-*.txt` in name order.
fn files(summary: &Path) -> Vec<String> {
    let dir = summary.parent().expect("a fixture directory");
    let mut sources: Vec<String> = std::fs::read_dir(dir)
        .expect("the fixture directory")
        .map(|entry| {
            entry
                .expect("an entry")
                .file_name()
                .into_string()
                .expect("UTF-8")
        })
        .filter(|name| name == "source.txt" || name.starts_with("source-"))
        .collect();
    sources.sort();
    let relative = dir
        .strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .expect("fixtures are in the crate");
    std::iter::once("summary.txt".to_string())
        .chain(sources)
        .map(|name| relative.join(name).display().to_string())
        .collect()
}

/// Runs the binary from the crate root on a fixture's `files`, so paths in reports are the
/// same on every machine: the exit code and standard output.
fn run(files: &[String], args: &[&str]) -> (i32, String) {
    let output = crosscheck()
        .args(args)
        .args(files)
        .output()
        .expect("the binary runs");
    let stdout = String::from_utf8(output.stdout).expect("UTF-8 output");
    (output.status.code().expect("an exit code"), stdout)
}

#[test]
fn fixture_reports() {
    insta::glob!("../fixtures", "*/summary.txt", check_fixture);
}

#[test]
fn reports_of_several_sources() {
    insta::glob!("../fixtures", "several/*/summary.txt", check_fixture);
}

/// Every format of one fixture's report, its exit codes, and every span of its JSON.
fn check_fixture(summary_path: &Path) {
    let files = files(summary_path);
    let (human_code, human) = run(&files, &["check"]);
    let (json_code, json) = run(&files, &["check", "--format", "json"]);
    let (align_code, align) = run(&files, &["align"]);
    let formats: Vec<(&str, String)> = ["markdown", "sarif", "github", "html"]
        .into_iter()
        .map(|format| {
            let (code, out) = run(&files, &["check", "--format", format]);
            assert_eq!(code, json_code, "{format} exits as json does");
            (format, without_root_uri(&out))
        })
        .collect();

    let report: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    // Every span is the bytes of its file that the report quotes.
    for (side, span, text) in spans(&report) {
        let path = match (side, span.get("path")) {
            (_, Some(path)) => path.as_str().expect("a path").to_string(),
            ("summary", None) => files[0].clone(),
            (_, None) => files[1].clone(),
        };
        let file = std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR")))
            .expect("the file");
        let (start, end) = (
            span["start"].as_u64().expect("start") as usize,
            span["end"].as_u64().expect("end") as usize,
        );
        assert_eq!(
            file.get(start..end),
            Some(text),
            "{files:?} {side} {start}..{end}"
        );
    }
    let has_error = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .any(|f| f["severity"] == "error");
    assert_eq!(
        json_code,
        i32::from(has_error),
        "exit code follows the error findings"
    );
    assert_eq!(human_code, json_code, "every format exits alike");
    assert_eq!(align_code, 0);

    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../snapshots");
    settings.set_prepend_module_to_snapshot(false);
    // Named by the summary's path under fixtures/ (`hanoi__summary.txt`) whatever the glob
    // matched: a glob of one file would name no suffix.
    let under = files[0].strip_prefix("fixtures/").expect("under fixtures/");
    settings.set_snapshot_suffix(under.replace('/', "__"));
    settings.bind(|| {
        insta::assert_snapshot!("human", human);
        insta::assert_snapshot!("json", json);
        insta::assert_snapshot!("align", align);
        for (format, out) in &formats {
            insta::assert_snapshot!(*format, out);
        }
    });
}
