//! The perturbation suite: every case in `fixtures/perturb/cases/` (one file per case, see
//! `fixtures/perturb/README.md`) is checked, and a table of detection and false alarms per
//! fact kind is printed. The suite fails under 100% detection or above zero false alarms.

use std::collections::BTreeMap;

use crosscheck::report::{Format, Style, render};
use crosscheck::{Config, FindingKind, Input, check, exit};
use serde::Deserialize;
use unicode_normalization::UnicodeNormalization;

#[derive(Deserialize)]
struct Case {
    #[serde(skip)]
    name: String,
    fact: String,
    source: String,
    summary: String,
    expect: Vec<String>,
    #[serde(default)]
    nfd: bool,
    /// Whether the default gate must fail (exit code 1): words put in the speaker's mouth.
    #[serde(default)]
    fails: Option<bool>,
}

/// Findings the suite judges: those that say the summary misstates or overstates the source.
fn judged(kind: FindingKind) -> bool {
    matches!(
        kind,
        FindingKind::FactMismatch | FindingKind::ParaphraseShift | FindingKind::Unsupported
    )
}

/// `kind/fact` or `kind`, as the JSON names them.
fn label(report: &crosscheck::Report, index: usize) -> String {
    let json: serde_json::Value =
        serde_json::from_str(&render(report, Format::Json, Style::default())).unwrap();
    let finding = &json["findings"][index];
    match finding["fact"].as_str() {
        Some(fact) => format!("{}/{fact}", finding["kind"].as_str().unwrap()),
        None => finding["kind"].as_str().unwrap().to_string(),
    }
}

#[derive(Default)]
struct Tally {
    expected: usize,
    detected: usize,
    false_alarms: usize,
    cases: usize,
}

#[test]
fn perturbation_suite() {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut paths: Vec<_> = std::fs::read_dir(format!("{root}/fixtures/perturb/cases"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    let cases: Vec<Case> = paths
        .iter()
        .map(|path| {
            let text = std::fs::read_to_string(path).unwrap();
            let mut case: Case =
                toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            case.name = path.file_stem().unwrap().to_string_lossy().into_owned();
            case
        })
        .collect();
    assert!(cases.len() >= 100, "the suite has {} cases", cases.len());
    let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
    let mut failures = Vec::new();
    for case in &cases {
        // A fixture's name (its source.txt), or a path under fixtures/.
        let source_path = if case.source.ends_with(".txt") {
            format!("fixtures/{}", case.source)
        } else {
            format!("fixtures/{}/source.txt", case.source)
        };
        let source = Input::new(
            source_path.clone(),
            std::fs::read_to_string(format!("{root}/{source_path}")).unwrap(),
        );
        let text = if case.nfd {
            case.summary.nfd().collect()
        } else {
            case.summary.clone()
        };
        let config = Config::default();
        let report = check(&Input::new(&case.name, text), &source, &config);
        if let Some(fails) = case.fails {
            let failed = exit::for_report(&report, config.fail_on) == exit::FINDINGS;
            if failed != fails {
                failures.push(format!("{}: the gate fails: {failed}", case.name));
            }
        }
        let mut found: Vec<String> = (0..report.findings.len())
            .filter(|&i| judged(report.findings[i].kind))
            .map(|i| label(&report, i))
            .collect();
        let tally = tallies.entry(case.fact.clone()).or_default();
        tally.cases += 1;
        for expected in &case.expect {
            tally.expected += 1;
            match found.iter().position(|f| f == expected) {
                Some(at) => {
                    found.remove(at);
                    tally.detected += 1;
                }
                None => failures.push(format!("{}: missed {expected}", case.name)),
            }
        }
        tally.false_alarms += found.len();
        for extra in found {
            failures.push(format!("{}: false alarm {extra}", case.name));
        }
    }
    println!(
        "{:<18} {:>5} {:>10} {:>12}",
        "fact", "cases", "detection", "false alarms"
    );
    for (fact, tally) in &tallies {
        let rate = if tally.expected == 0 {
            "-".to_string()
        } else {
            format!(
                "{:.0}%",
                100.0 * tally.detected as f64 / tally.expected as f64
            )
        };
        println!(
            "{fact:<18} {:>5} {:>10} {:>12}",
            tally.cases, rate, tally.false_alarms
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
