//! Snapshot tests of every report format for every fixture pair (`fixtures/*/summary.txt` with
//! its `source.txt`). Snapshots live in `snapshots/`; with `CI=true` a changed snapshot fails.

use std::path::Path;

use crosscheck::report::{Format, Style, render, render_alignment};
use crosscheck::{Config, Input, check};

/// Reads a fixture file, naming it by its path relative to the crate so reports are the same
/// on every machine.
fn input(dir: &Path, file: &str) -> Input {
    let name = dir
        .file_name()
        .and_then(|n| n.to_str())
        .expect("fixture directory name");
    let text = std::fs::read_to_string(dir.join(file)).expect("fixture is UTF-8");
    Input::new(format!("fixtures/{name}/{file}"), text)
}

#[test]
fn fixture_reports() {
    insta::glob!("../fixtures", "*/summary.txt", |summary_path| {
        let dir = summary_path.parent().expect("a fixture directory");
        let report = check(
            &input(dir, "summary.txt"),
            &input(dir, "source.txt"),
            &Config::default(),
        );
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path("../snapshots");
        settings.set_prepend_module_to_snapshot(false);
        settings.bind(|| {
            insta::assert_snapshot!("human", render(&report, Format::Human, Style::default()));
            insta::assert_snapshot!("json", render(&report, Format::Json, Style::default()));
            insta::assert_snapshot!("align", render_alignment(&report));
        });
    });
}
