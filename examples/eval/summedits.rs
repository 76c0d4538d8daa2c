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
//! finding that decided. `--grounded` checks with [`Config::grounded`] (every detail the
//! source never gives is an error), the setting for summaries that must say nothing else.
//!
//! Where the benchmark marks the wrong words (CLIFF and Goyal21's `spans`), it also prints the
//! share of flagged inconsistent summaries whose error findings point at one of them: the right
//! reason, not only the right verdict. An error finding points at the words it names (an
//! `unsupported` finding at the details it lists, or at its whole sentence when it lists none).
//! Where it labels sentences (QAGS' `sentence_labels`), it prints the balanced accuracy of a
//! sentence flagged when an error finding lies in it.

use std::collections::BTreeMap;

use rayon::prelude::*;

use crosscheck::{Config, Input, check, exit};

use crate::bootstrap::{Answer, Answers};
use crate::samples::{self, read};
use crate::{Confusion, meets};

/// What one check of a sample says.
struct Verdict {
    /// The exit code is 1.
    flagged: bool,
    /// The rule and message of the most serious finding.
    decisive: Option<String>,
    /// The summary's byte ranges that its failing findings point at.
    pointed: Vec<std::ops::Range<usize>>,
}

impl Verdict {
    /// True when a failing finding points at an occurrence (ignoring case) of one of `spans`
    /// in `summary`.
    fn points_at_any(&self, summary: &str, spans: &[String]) -> bool {
        samples::points_at_any(summary, spans, &self.pointed)
    }

    /// True when a failing finding lies in `range` of the summary.
    fn points_into(&self, range: std::ops::Range<usize>) -> bool {
        self.pointed
            .iter()
            .any(|p| p.start < range.end && range.start < p.end)
    }
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

/// The verdict on one sample.
fn verdict(sample: &samples::Sample, config: &Config) -> Verdict {
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
    let failing = report
        .findings
        .iter()
        .filter(|f| config.fail_on.is_some_and(|level| f.severity >= level));
    let pointed = failing.flat_map(samples::pointed).collect();
    Verdict {
        flagged,
        decisive,
        pointed,
    }
}

/// Runs the benchmark named `name` on the lists in `dir`; false when a floor is not met.
pub(crate) fn run(name: &str, dir: &str, args: &[String]) -> Result<bool, String> {
    let domains = read(dir)?;
    let grounded = args.iter().any(|a| a == "--grounded");
    let config = Config {
        grounded,
        ..Config::default()
    };
    // Flagged inconsistent samples with gold spans, and those pointing at one.
    let (mut with_spans, mut on_span) = (0_u32, 0_u32);
    let mut sentences = Confusion::default();
    let mut overall = Confusion::default();
    let mut by_kind: BTreeMap<&str, Confusion> = BTreeMap::new();
    let mut lines = Vec::new();
    let mut errors = Vec::new();
    let mut recorded = Answers::default();
    for (domain, samples) in &domains {
        let verdicts: Vec<Verdict> = samples.par_iter().map(|s| verdict(s, &config)).collect();
        let mut in_domain = Confusion::default();
        for (sample, verdict) in samples.iter().zip(verdicts) {
            let (flagged, decisive) = (verdict.flagged, verdict.decisive.as_deref());
            let consistent = sample.label == 1;
            if flagged && !consistent && !sample.spans.is_empty() {
                with_spans += 1;
                on_span += u32::from(verdict.points_at_any(&sample.summary, &sample.spans));
            }
            for gold in &sample.sentence_labels {
                if let Some(start) = sample.summary.find(gold.sentence.as_str()) {
                    let flagged = verdict.points_into(start..start + gold.sentence.len());
                    sentences.add(flagged, gold.label == 0);
                }
            }
            in_domain.add(flagged, !consistent);
            let answer = Answer {
                gold: !consistent,
                predicted: flagged,
            };
            recorded.add("crosscheck", domain, &sample.id.to_string(), answer);
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
                    decisive.unwrap_or("no finding"),
                    sample.summary.trim()
                ));
            }
        }
        lines.push(line(domain, &in_domain));
    }
    let samples: usize = domains.iter().map(|(_, s)| s.len()).sum();
    let settings = if grounded {
        "grounded"
    } else {
        "default settings"
    };
    println!("{name} {dir}: {samples} samples, {settings}, verdict = exit code");
    println!("{}", line("overall", &overall));
    for domain_line in lines {
        println!("  {domain_line}");
    }
    if with_spans > 0 {
        println!(
            "right reason: {on_span} of {with_spans} flagged inconsistent samples with gold spans ({:.1}%) have an error finding on one",
            100.0 * f64::from(on_span) / f64::from(with_spans)
        );
    }
    if sentences.gold_counts().0 + sentences.gold_counts().1 > 0 {
        println!("{}", line("labelled sentences", &sentences));
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
    recorded.write(args)?;
    Ok(meets(
        args,
        "--min-balanced-accuracy",
        100.0 * overall.balanced_accuracy(),
    ))
}
