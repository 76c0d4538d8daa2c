//! The real pairs (`fixtures/real/`, see its README): public speeches and statements with a
//! news report of each, and what a careful fact-checker expects of the report, written before
//! crosscheck first ran on them. Every pair is checked twice: with default settings, as a new
//! user would, and as its source is (`--excerpt` where `meta.toml` says the source is part of
//! the occasion, since most were trimmed to what the stored pages hold). Every expectation is
//! a check: the exit code, each sentence's label, each error found on its words and about its
//! kind of fact. The test prints each pair's result and how many checks hold, and fails when
//! fewer hold than the floors measured and recorded in `docs/EVALUATION.md`.

use std::path::{Path, PathBuf};

use crosscheck::{Config, FactKind, Input, Severity, Span, check, exit};
use serde::Deserialize;

/// The fewest checks that must hold, of all pairs together, with default settings and with
/// each source as it is (measured; see EVALUATION.md).
const FLOORS: [usize; 2] = [288, 304];

/// What `meta.toml` says of the pair that the check needs.
#[derive(Deserialize)]
struct Meta {
    /// The source is part of the occasion.
    excerpt: bool,
}

#[derive(Deserialize)]
struct Expectation {
    verdict: String,
    exit: u8,
    #[serde(default)]
    sentence: Vec<SentenceExpectation>,
    #[serde(default)]
    error: Vec<ErrorExpectation>,
}

#[derive(Deserialize)]
struct SentenceExpectation {
    text: String,
    labels: Vec<String>,
}

#[derive(Deserialize)]
struct ErrorExpectation {
    text: String,
    fact: String,
}

/// The pairs' folders, in name order.
fn pairs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/real");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.join("expect.toml").is_file())
        .collect();
    dirs.sort();
    dirs
}

/// The one place `text` occurs in `haystack`; the fixtures promise exactly one.
fn place(haystack: &str, text: &str, what: &str) -> Span {
    let mut found = haystack.match_indices(text);
    let (start, _) = found
        .next()
        .unwrap_or_else(|| panic!("{what}: `{text}` is not in the summary"));
    assert!(found.next().is_none(), "{what}: `{text}` occurs twice");
    Span::new(start, start + text.len())
}

/// The checks of one pair: (what was checked, whether it holds).
fn checks(dir: &Path, config: &Config) -> Vec<(String, bool)> {
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap();
    let expected: Expectation = toml::from_str(&read("expect.toml")).unwrap();
    assert!(
        matches!(expected.verdict.as_str(), "faithful" | "errors"),
        "{}: verdict",
        dir.display()
    );
    let summary_text = read("summary.txt");
    let report = check(
        &Input::new("summary.txt", summary_text.as_str()),
        &Input::new("source.txt", read("source.txt")),
        config,
    );
    let mut checks = Vec::new();
    let code = exit::for_report(&report, config.fail_on);
    checks.push((
        format!("exit {} (expected {})", code, expected.exit),
        code == expected.exit,
    ));
    // Each error finding's places in the summary with the kind of fact it is about: its own
    // span and fact, or for an `unsupported` finding each detail it lists.
    let errors: Vec<(Span, Option<String>)> = report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .flat_map(|f| {
            let fact = |fact: FactKind| {
                Some(
                    serde_json::to_value(fact)
                        .unwrap()
                        .as_str()
                        .unwrap()
                        .to_string(),
                )
            };
            let mut places: Vec<(Span, Option<String>)> =
                f.added.iter().map(|d| (d.span, fact(d.fact))).collect();
            if places.is_empty() {
                places.extend(f.summary.map(|at| (at.span(), f.fact.and_then(fact))));
            }
            places
        })
        .collect();
    if expected.verdict == "faithful" {
        let error_findings = report.count(Severity::Error);
        checks.push((
            format!("{error_findings} error findings"),
            error_findings == 0,
        ));
    }
    for sentence in &expected.sentence {
        let span = place(&summary_text, &sentence.text, &dir.display().to_string());
        let judged = report
            .summary
            .sentences
            .iter()
            .position(|s| s.span.start <= span.start && span.start < s.span.end);
        let label = judged
            .map(|index| {
                serde_json::to_value(report.summary_judgements[index].label)
                    .unwrap()
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .unwrap_or_default();
        checks.push((
            format!(
                "“{}” is {label} (expected {})",
                sentence.text,
                sentence.labels.join(" or ")
            ),
            sentence.labels.contains(&label),
        ));
    }
    for error in &expected.error {
        let span = place(&summary_text, &error.text, &dir.display().to_string());
        // On the wrong words, and about the kind of fact the fact-checker named.
        let found = errors.iter().any(|(e, fact)| {
            e.start < span.end && span.start < e.end && fact.as_deref() == Some(error.fact.as_str())
        });
        checks.push((
            format!("an error on “{}” ({})", error.text, error.fact),
            found,
        ));
    }
    checks
}

/// The settings a pair is checked with.
type Settings = fn(&Path) -> Config;

/// Default settings, as a new user runs it.
fn defaults(_: &Path) -> Config {
    Config::default()
}

/// The settings the pair's source calls for: `--excerpt` where it is part of the occasion.
fn as_it_is(dir: &Path) -> Config {
    let meta: Meta =
        toml::from_str(&std::fs::read_to_string(dir.join("meta.toml")).unwrap()).unwrap();
    Config {
        excerpt: meta.excerpt,
        ..Config::default()
    }
}

#[test]
fn real_pairs_meet_their_expectations() {
    let settings: [(&str, Settings); 2] = [
        ("default settings", defaults),
        ("each source as it is (--excerpt where trimmed)", as_it_is),
    ];
    for ((name, config), floor) in settings.into_iter().zip(FLOORS) {
        println!("== {name}");
        let held = meet(config);
        assert!(
            held >= floor,
            "{name}: {held} checks hold, under the floor of {floor}"
        );
    }
}

/// Checks every pair with the settings `config` gives it, prints the results and returns how
/// many checks hold.
fn meet(config: Settings) -> usize {
    let mut held = 0;
    let mut total = 0;
    let mut faithful_passing = (0, 0);
    for dir in pairs() {
        let checks = checks(&dir, &config(&dir));
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let holding = checks.iter().filter(|(_, holds)| *holds).count();
        println!("{name}: {holding} of {} checks hold", checks.len());
        for (what, holds) in &checks {
            if !holds {
                println!("  does not hold: {what}");
            }
        }
        let expected: Expectation =
            toml::from_str(&std::fs::read_to_string(dir.join("expect.toml")).unwrap()).unwrap();
        if expected.verdict == "faithful" {
            faithful_passing.1 += 1;
            faithful_passing.0 += usize::from(checks[0].1);
        }
        held += holding;
        total += checks.len();
    }
    println!(
        "real pairs: {held} of {total} checks hold; {} of {} faithful reports exit 0",
        faithful_passing.0, faithful_passing.1
    );
    held
}
