//! Hostile input whose cost used to grow faster than the input (see: issue 15): tokens
//! longer than any word, many quotations of common words, large baselines and many `ignore`
//! patterns. Each test asserts on what the work is bounded by, or on an error in place of
//! gigabytes, not on time.

mod common;

use common::{crosscheck, scratch};
use crosscheck::baseline::{self, Baseline, Entry};
use crosscheck::config::{IGNORE_MAX_BYTES, IGNORE_SIZE_LIMIT, IgnorePatterns};
use crosscheck::lang::{Language, MAX_STEMMED_CHARS, is_stemmed};
use crosscheck::{Config, Input, check};
use serde_json::Value;

/// The Hanoi pair with a wrong count, which has findings.
const SUMMARY: &str = "fixtures/hanoi-wrong-count/summary.txt";
/// Its source.
const SOURCE: &str = "fixtures/hanoi-wrong-count/source.txt";

/// Runs `check --format json` on the pair with `config`: the exit code, the JSON and stderr.
fn check_with(config: &std::path::Path) -> (Option<i32>, Option<Value>, String) {
    let output = crosscheck()
        .args(["check", "--format", "json", "--config"])
        .arg(config)
        .args([SUMMARY, SOURCE])
        .output()
        .unwrap();
    let json = serde_json::from_slice(&output.stdout).ok();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    (output.status.code(), json, stderr)
}

/// A `crosscheck.toml` whose `ignore` list is `patterns`.
fn ignore_file(name: &str, patterns: impl Iterator<Item = String>) -> std::path::PathBuf {
    let path = scratch(name).join("crosscheck.toml");
    let list: Vec<String> = patterns.map(|p| format!("{p:?}")).collect();
    std::fs::write(&path, format!("ignore = [\n{}\n]\n", list.join(",\n"))).unwrap();
    path
}

#[test]
fn a_token_longer_than_any_word_is_not_stemmed() {
    assert!(is_stemmed(&"ß".repeat(MAX_STEMMED_CHARS)));
    for language in [Language::English, Language::German] {
        let token = "aue".repeat(MAX_STEMMED_CHARS);
        assert_eq!(language.lexicon().stem(&token), token);
    }
    // A megabyte-long token took 25 s in the stemmer; the check now runs at the speed of
    // the bytes (not asserted as a time: the run must simply end, with a report).
    let dir = scratch("hostile-cost2-long-token");
    let summary = dir.join("summary.txt");
    let token = "y".repeat(200_000);
    std::fs::write(&summary, format!("The mayor said {token}.\n")).unwrap();
    let output = crosscheck()
        .args(["check", "--no-config", "--format", "json"])
        .arg(&summary)
        .arg(SOURCE)
        .output()
        .unwrap();
    assert!(matches!(output.status.code(), Some(0 | 1)), "{output:?}");
}

/// The outcome the quadratic `apply` computed: accepted findings in the report's order, stale
/// entries in the file's order.
fn outcome_by_scanning(prints: &[String], entries: &[Entry]) -> (Vec<usize>, Vec<Entry>) {
    let accepted = (0..prints.len())
        .filter(|&i| entries.iter().any(|e| e.fingerprint == prints[i]))
        .collect();
    let stale = entries
        .iter()
        .filter(|e| !prints.contains(&e.fingerprint))
        .cloned()
        .collect();
    (accepted, stale)
}

#[test]
fn a_baseline_keeps_the_orders_of_the_report_and_of_the_file() {
    let read = |path: &str| Input::new(path, std::fs::read_to_string(path).unwrap());
    let mut report = check(&read(SUMMARY), &read(SOURCE), &Config::default());
    let recorded = baseline::record(&report);
    assert!(recorded.accepted.len() >= 3, "the pair has findings");
    // Every other finding accepted, backwards, between stale entries (one repeated).
    let stale = |n: usize| Entry {
        fingerprint: format!("{n:016x}"),
        rule: "fact-mismatch/number".into(),
        message: format!("stale {n}"),
    };
    let mut entries = vec![stale(3), stale(1)];
    for (n, entry) in recorded.accepted.iter().rev().step_by(2).enumerate() {
        entries.push(entry.clone());
        entries.push(stale(10 + n));
    }
    entries.push(stale(3));
    let prints: Vec<String> = recorded
        .accepted
        .iter()
        .map(|e| e.fingerprint.clone())
        .collect();
    let (accepted, stale) = outcome_by_scanning(&prints, &entries);
    let file = Baseline {
        version: baseline::BASELINE_VERSION,
        accepted: entries,
    };
    baseline::apply(&mut report, &file);
    let outcome = report.baseline.unwrap();
    assert_eq!(outcome.accepted, accepted);
    assert_eq!(outcome.stale, stale);
}

#[test]
fn ten_thousand_ignore_patterns_fit_and_still_drop_findings() {
    let config = ignore_file(
        "hostile-cost2-many-patterns",
        (0..10_000)
            .map(|n| format!("word{n} about [0-9]+ and (this|that)"))
            .chain(["đại diện [0-9]+ quốc gia".to_string()]),
    );
    let (code, json, stderr) = check_with(&config);
    assert_eq!(code, Some(0), "{stderr}");
    let findings = json.unwrap()["findings"].as_array().unwrap().clone();
    assert!(findings.iter().all(|f| f["rule"] != "fact-mismatch/number"));
}

/// See: issue 15 (10,000 patterns took 2 GB and 10 s).
#[test]
fn ignore_patterns_over_the_size_limit_are_a_config_error() {
    let config = ignore_file(
        "hostile-cost2-huge-patterns",
        (0..10_000).map(|n| format!(r"\bword{n}\w* about \w+ and \d+")),
    );
    let (code, _, stderr) = check_with(&config);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("crosscheck.toml"), "{stderr}");
    let limit = format!("more than {} MiB", IGNORE_SIZE_LIMIT / (1024 * 1024));
    assert!(stderr.contains(&limit), "{stderr}");
}

#[test]
fn an_invalid_pattern_among_many_is_named() {
    let patterns: Vec<String> = (0..1_000)
        .map(|n| format!("word{n}"))
        .chain(["(unclosed".to_string(), "word".to_string()])
        .collect();
    let message = IgnorePatterns::new(&patterns).unwrap_err();
    assert!(
        message.starts_with("ignore: `(unclosed` is not a pattern: "),
        "{message}"
    );
    let config = ignore_file("hostile-cost2-invalid-pattern", patterns.into_iter());
    let (code, _, stderr) = check_with(&config);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("`(unclosed` is not a pattern"), "{stderr}");
}

/// The patterns' text is measured before any is parsed: a config of many megabytes of
/// patterns would take gigabytes before the size limit could refuse it.
#[test]
fn ignore_patterns_over_the_text_limit_are_refused_before_parsing() {
    let pattern = "x".repeat(1024);
    let patterns = vec![pattern; IGNORE_MAX_BYTES / 1024 + 1];
    let message = IgnorePatterns::new(&patterns).unwrap_err();
    let limit = format!("more than {} KiB", IGNORE_MAX_BYTES / 1024);
    assert!(message.contains(&limit), "{message}");
    // At the limit, the patterns are parsed (and here refused by the compiled size).
    let at_limit = IgnorePatterns::new(&patterns[1..]).unwrap_err();
    assert!(!at_limit.contains("KiB"), "{at_limit}");
}

/// A sentence with hundreds of findings was searched by the `ignore` patterns once per
/// finding: 700 `\b` patterns against a 45 KB Vietnamese sentence took over a minute. Each
/// sentence is now searched once, so the bytes searched are at most the two texts'.
#[test]
fn the_ignore_patterns_search_each_sentence_once() {
    let numbers: Vec<String> = (2_000..2_400)
        .map(|n| format!("{n} metres long and {n} workers built it"))
        .collect();
    let summary = format!(
        "Mayor Helen Carter said the new wall is {}.\n",
        numbers.join(", ")
    );
    let source = std::fs::read_to_string("fixtures/english-harbour/source.txt").unwrap();
    let bytes = summary.len() + source.len();
    let mut config = Config::default();
    let patterns: Vec<String> = (0..100).map(|n| format!(r"\bzzq{n}\b")).collect();
    config.ignore = Some(IgnorePatterns::new(&patterns).unwrap());
    let report = check(
        &Input::new("summary.txt", summary),
        &Input::new("source.txt", source),
        &config,
    );
    // One finding per fact, or one listing the sentence's details the source never gives.
    let facts: usize = report.findings.iter().map(|f| f.added.len().max(1)).sum();
    assert!(facts > 500, "{facts}");
    let searched = config.ignore.as_ref().unwrap().bytes_searched();
    assert!(searched <= bytes, "searched {searched} bytes of {bytes}");
}
