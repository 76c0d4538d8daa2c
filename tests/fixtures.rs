//! Snapshot tests of every report format for every fixture pair (`fixtures/*/summary.txt` with
//! its `source.txt`), produced by the built binary. Snapshots live in `snapshots/`; with
//! `CI=true` a changed snapshot fails.

mod common;

use std::path::Path;

use common::{crosscheck, spans};

/// Runs the binary from the crate root on a fixture, so paths in reports are the same on
/// every machine: the exit code and standard output.
fn run(dir: &Path, args: &[&str]) -> (i32, String) {
    let name = dir
        .file_name()
        .and_then(|n| n.to_str())
        .expect("fixture directory name");
    let output = crosscheck()
        .args(args)
        .arg(format!("fixtures/{name}/summary.txt"))
        .arg(format!("fixtures/{name}/source.txt"))
        .output()
        .expect("the binary runs");
    let stdout = String::from_utf8(output.stdout).expect("UTF-8 output");
    (output.status.code().expect("an exit code"), stdout)
}

#[test]
fn fixture_reports() {
    insta::glob!("../fixtures", "*/summary.txt", |summary_path| {
        let dir = summary_path.parent().expect("a fixture directory");
        let (human_code, human) = run(dir, &["check"]);
        let (json_code, json) = run(dir, &["check", "--format", "json"]);
        let (align_code, align) = run(dir, &["align"]);
        let formats: Vec<(&str, String)> = ["markdown", "sarif", "github", "html"]
            .into_iter()
            .map(|format| {
                let (code, out) = run(dir, &["check", "--format", format]);
                assert_eq!(code, json_code, "{format} exits as json does");
                (format, out)
            })
            .collect();

        let report: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
        // Every span is the bytes of its file that the report quotes.
        for (side, span, text) in spans(&report) {
            let file = std::fs::read_to_string(dir.join(format!("{side}.txt"))).expect("the file");
            let (start, end) = (
                span["start"].as_u64().expect("start") as usize,
                span["end"].as_u64().expect("end") as usize,
            );
            assert_eq!(
                file.get(start..end),
                Some(text),
                "{dir:?} {side} {start}..{end}"
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
        settings.bind(|| {
            insta::assert_snapshot!("human", human);
            insta::assert_snapshot!("json", json);
            insta::assert_snapshot!("align", align);
            for (format, out) in &formats {
                insta::assert_snapshot!(*format, out);
            }
        });
    });
}
