//! `SummEdits`: summaries judged consistent or not with their documents by people
//! (`summedits DIR`, DIR holding one `summedits_DOMAIN.json` list per domain). The five
//! factual-consistency benchmarks of `consistency-dev` share the format (`consistency DIR`, one
//! `SET_PART.json` list per set), so one reader serves both.
//!
//! Every sample is checked as a CI job would check it: `check` with default settings (the
//! document as the source, the summary as the summary), and the verdict is the exit code:
//! 0 consistent, 1 not. Prints balanced accuracy (the mean of the recall of each class, as the
//! published table) overall and per domain, recall per edit kind (of the inconsistent summaries
//! made with that kind of edit, the share flagged) and the false-alarm rate (of the consistent
//! summaries, the share flagged). `--show-errors` prints the samples judged wrongly with the
//! finding that decided.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Deserialize;

use crosscheck::{Config, Input, check, exit};

use crate::{Confusion, meets};

/// One sample as the benchmark gives it.
#[derive(Deserialize)]
struct Sample {
    id: serde_json::Value,
    doc: String,
    summary: String,
    label: u8,
    #[serde(default)]
    edit_types: Vec<String>,
}

/// One line of figures: flagging a summary is the positive judgement, inconsistent the
/// positive gold label.
fn line(name: &str, verdicts: &Confusion) -> String {
    let (inconsistent, consistent) = verdicts.gold_counts();
    format!(
        "{name:<22} balanced accuracy {:5.1}   inconsistent flagged {:5.1}% of {inconsistent:3}   false alarms {:5.1}% of {consistent:3}",
        100.0 * verdicts.balanced_accuracy(),
        100.0 * verdicts.recall(),
        100.0 * verdicts.false_alarm_rate(),
    )
}

/// The samples of every domain file in `dir`, by domain, domains in name order.
fn read(dir: &str) -> Result<Vec<(String, Vec<Sample>)>, String> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("{dir}: {e}"))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|path| {
            let shown = path.display();
            let text = std::fs::read_to_string(path).map_err(|e| format!("{shown}: {e}"))?;
            let samples: Vec<Sample> =
                serde_json::from_str(&text).map_err(|e| format!("{shown}: {e}"))?;
            let stem = path.file_stem().unwrap_or_default().to_string_lossy();
            let domain = stem.trim_start_matches("summedits_").to_string();
            Ok((domain, samples))
        })
        .collect()
}

/// The verdict on one sample: flagged, and the message of the most serious finding.
fn verdict(sample: &Sample, config: &Config) -> (bool, Option<String>) {
    let report = check(
        &Input::new("summary", sample.summary.as_str()),
        &Input::new("document", sample.doc.as_str()),
        config,
    );
    let flagged = exit::for_report(&report, config.fail_on) == exit::FINDINGS;
    let decisive = report
        .findings
        .iter()
        .max_by_key(|f| f.severity)
        .map(|f| format!("{}: {}", f.rule(), f.message));
    (flagged, decisive)
}

/// Runs the benchmark named `name` on the lists in `dir`; false when a floor is not met.
pub(crate) fn run(name: &str, dir: &str, args: &[String]) -> Result<bool, String> {
    let domains = read(dir)?;
    let config = Config::default();
    let mut overall = Confusion::default();
    let mut by_kind: BTreeMap<&str, Confusion> = BTreeMap::new();
    let mut lines = Vec::new();
    let mut errors = Vec::new();
    for (domain, samples) in &domains {
        let verdicts: Vec<(bool, Option<String>)> =
            samples.par_iter().map(|s| verdict(s, &config)).collect();
        let mut in_domain = Confusion::default();
        for (sample, (flagged, decisive)) in samples.iter().zip(verdicts) {
            let consistent = sample.label == 1;
            in_domain.add(flagged, !consistent);
            overall.add(flagged, !consistent);
            for kind in &sample.edit_types {
                by_kind.entry(kind).or_default().add(flagged, !consistent);
            }
            if flagged == consistent {
                let verdict = if consistent {
                    "consistent"
                } else {
                    "inconsistent"
                };
                let edits = if sample.edit_types.is_empty() {
                    String::new()
                } else {
                    format!(": {}", sample.edit_types.join(", "))
                };
                errors.push(format!(
                    "{domain} {} ({verdict}{edits}): {}\n  summary: {}",
                    sample.id,
                    decisive.as_deref().unwrap_or("no finding"),
                    sample.summary.trim()
                ));
            }
        }
        lines.push(line(domain, &in_domain));
    }
    let samples: usize = domains.iter().map(|(_, s)| s.len()).sum();
    println!("{name} {dir}: {samples} samples, default settings, verdict = exit code");
    println!("{}", line("overall", &overall));
    for domain_line in lines {
        println!("  {domain_line}");
    }
    println!("recall per edit kind");
    for (kind, verdicts) in &by_kind {
        println!(
            "  {kind:<28} {:5.1}% of {}",
            100.0 * verdicts.recall(),
            verdicts.gold_counts().0
        );
    }
    if args.iter().any(|a| a == "--show-errors") {
        for error in errors {
            println!("{error}");
        }
    }
    Ok(meets(
        args,
        "--min-balanced-accuracy",
        100.0 * overall.balanced_accuracy(),
    ))
}
