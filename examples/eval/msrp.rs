//! MSRP: sentence judgement against paraphrase labels.
//!
//! ```sh
//! cargo run --release --example eval -- msrp ../shared/eval/msrp/test.tsv
//! cargo run --release --example eval -- msrp ../shared/eval/msrp/train.tsv --min-accuracy 0.70
//! ```
//!
//! `msrp FILE`: the Microsoft Research Paraphrase Corpus. Each pair is checked with the
//! library's sentence judgement (sentence 2 as the summary, sentence 1 as the source, each
//! taken as one sentence, the source a report rather than a transcript: both are news
//! sentences); "same meaning" is a `verbatim` or `paraphrase` label. Prints
//! accuracy, precision, recall and F1 of that class, beside a plain word-overlap baseline
//! (Dice coefficient of the two word sets, its threshold tuned on the same file, or on the file
//! given with `--tune-on`). With `--min-accuracy`/`--min-f1` it exits 1 below those floors, for
//! CI; `--grid` sweeps the two thresholds that decide a pair (for tuning on train only),
//! `--show-errors` prints the pairs it gets wrong, and `--answers FILE` writes every pair's
//! answers, crosscheck's and the model's, for [`crate::bootstrap`].

use crosscheck::{Config, Input, SourceLabel, SummaryLabel, check, confidence};
use rayon::prelude::*;

use crate::bootstrap::{Answer, Answers};
use crate::msrp_data::{self, Pair, read_msrp};
use crate::{Confusion, meets};

/// The library's judgement in both directions: the summary sentence is `verbatim` or
/// `paraphrase` (it says what the source says) and the source sentence is `covered` (the
/// summary says most of what it says). A faithful but shorter summary sentence leaves the
/// source `partial`, which MSRP counts as a different meaning.
fn same_meaning(summary: &str, source: &str, config: &Config) -> bool {
    judge(summary, source, config).is_ok()
}

/// As [`same_meaning`], with the reason when the meaning differs: the summary sentence's
/// label, or `source partial`/`source omitted`.
fn judge(summary: &str, source: &str, config: &Config) -> Result<(), String> {
    let report = check(
        &Input::new("summary", summary),
        &Input::new("source", source),
        config,
    );
    let name = |label: &dyn std::fmt::Debug| format!("{label:?}").to_lowercase();
    if let Some(j) = report
        .summary_judgements
        .iter()
        .find(|j| !matches!(j.label, SummaryLabel::Verbatim | SummaryLabel::Paraphrase))
    {
        return Err(format!("summary {}", name(&j.label)));
    }
    if let Some(j) = report
        .source_judgements
        .iter()
        .find(|j| j.label != SourceLabel::Covered)
    {
        return Err(format!("source {}", name(&j.label)));
    }
    if report.summary_judgements.is_empty() {
        return Err("no summary sentence".into());
    }
    Ok(())
}

/// Dice coefficient of the two sentences' lowercase word sets.
fn word_overlap(a: &str, b: &str) -> f64 {
    let words = |s: &str| -> std::collections::BTreeSet<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (a, b) = (words(a), words(b));
    let shared = a.intersection(&b).count();
    2.0 * shared as f64 / (a.len() + b.len()).max(1) as f64
}

/// The word-overlap baseline's judgements at a threshold.
fn baseline(pairs: &[Pair], threshold: f64) -> Confusion {
    let mut confusion = Confusion::default();
    for pair in pairs {
        confusion.add(
            word_overlap(&pair.second, &pair.first) >= threshold,
            pair.paraphrase,
        );
    }
    confusion
}

/// The word-overlap threshold that scores best on `pairs`.
fn tune_baseline(pairs: &[Pair]) -> f64 {
    (0..100)
        .map(|step| f64::from(step) / 100.0)
        .max_by(|a, b| {
            let accuracy = |t: f64| baseline(pairs, t).accuracy();
            accuracy(*a).total_cmp(&accuracy(*b))
        })
        .expect("a hundred thresholds")
}

/// The confidence model's answer to MSRP's symmetric question: the probability that each
/// sentence says what the other says (its judgement's confidence, read for its label), the
/// lower of the two directions.
fn both_ways(pair: &Pair, config: &Config) -> f64 {
    let says = |summary: &str, source: &str| {
        let report = check(
            &Input::new("summary", summary),
            &Input::new("source", source),
            config,
        );
        report
            .summary_judgements
            .iter()
            .filter_map(|j| {
                let faithful = confidence::claims(j.label)?;
                let confidence = f64::from(j.confidence?);
                Some(if faithful {
                    confidence
                } else {
                    1.0 - confidence
                })
            })
            .fold(1.0, f64::min)
    };
    says(&pair.second, &pair.first).min(says(&pair.first, &pair.second))
}

/// The confusion of the model's answers ([`both_ways`]) at `threshold`.
fn model_confusion(pairs: &[Pair], answers: &[f64], threshold: f64) -> Confusion {
    let mut confusion = Confusion::default();
    for (pair, &answer) in pairs.iter().zip(answers) {
        confusion.add(answer >= threshold, pair.paraphrase);
    }
    confusion
}

/// The threshold on the model's answers with the best accuracy on `pairs`.
fn tune_model(pairs: &[Pair], answers: &[f64]) -> f64 {
    (0..100)
        .map(|step| f64::from(step) / 100.0)
        .max_by(|a, b| {
            let accuracy = |t: f64| model_confusion(pairs, answers, t).accuracy();
            accuracy(*a).total_cmp(&accuracy(*b))
        })
        .expect("a hundred thresholds")
}

/// Accuracy and F1 over a grid of the two thresholds that decide a pair, for tuning on a
/// training file.
fn grid(pairs: &[Pair], base: &Config) {
    for support in [0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7] {
        for covered in [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7] {
            let config = Config {
                support_threshold: support,
                covered_threshold: covered,
                ..base.clone()
            };
            let mut confusion = Confusion::default();
            for pair in pairs {
                let predicted = same_meaning(&pair.second, &pair.first, &config);
                confusion.add(predicted, pair.paraphrase);
            }
            let name = format!("support {support:.2} covered {covered:.2}");
            println!("{}", confusion.line(&name));
        }
    }
}

pub(crate) fn run(path: &str, args: &[String]) -> Result<bool, String> {
    let all = read_msrp(path)?;
    // `--held-out`: only the part of train.tsv the confidence model did not learn from.
    let held_out = args.iter().any(|a| a == "--held-out");
    let pairs: Vec<Pair> = if held_out {
        (all.into_iter().enumerate())
            .filter(|(i, _)| msrp_data::held_out(*i))
            .map(|(_, p)| p)
            .collect()
    } else {
        all
    };
    // Both sentences of a pair are news reports, neither the speech they quote.
    let config = msrp_data::settings();
    let mut confusion = Confusion::default();
    let mut wrong = Vec::new();
    // Why gold paraphrases were judged different, by reason.
    let mut missed: std::collections::BTreeMap<String, u32> = Default::default();
    let mut recorded = Answers::default();
    for (index, pair) in pairs.iter().enumerate() {
        let judgement = judge(&pair.second, &pair.first, &config);
        let predicted = judgement.is_ok();
        confusion.add(predicted, pair.paraphrase);
        recorded.add(
            "crosscheck",
            "msrp",
            &index.to_string(),
            Answer {
                gold: pair.paraphrase,
                predicted,
            },
        );
        if let (Err(reason), true) = (&judgement, pair.paraphrase) {
            *missed.entry(reason.clone()).or_default() += 1;
        }
        if predicted != pair.paraphrase && args.iter().any(|a| a == "--show-errors") {
            wrong.push(format!(
                "gold {} predicted {} ({})\n  1: {}\n  2: {}",
                u8::from(pair.paraphrase),
                u8::from(predicted),
                judgement.as_ref().err().map_or("same", String::as_str),
                pair.first,
                pair.second
            ));
        }
    }
    if args.iter().any(|a| a == "--grid") {
        grid(&pairs, &config);
    }
    // Thresholds are tuned on `--tune-on FILE` (its part the model learned from, for
    // train.tsv), or on `path`'s part the model learned from with `--held-out`, else on the
    // pairs measured.
    let tuning: Vec<Pair> = match args.iter().position(|a| a == "--tune-on") {
        Some(i) => learned_from(read_msrp(args.get(i + 1).ok_or("--tune-on needs a file")?)?),
        None if held_out => learned_from(read_msrp(path)?),
        None => Vec::new(),
    };
    let tuning = if tuning.is_empty() { &pairs } else { &tuning };
    let threshold = tune_baseline(tuning);
    let overlap = baseline(&pairs, threshold);
    let answers: Vec<f64> = pairs.par_iter().map(|p| both_ways(p, &config)).collect();
    let tuning_answers: Vec<f64> = tuning.par_iter().map(|p| both_ways(p, &config)).collect();
    let model_threshold = tune_model(tuning, &tuning_answers);
    let model = model_confusion(&pairs, &answers, model_threshold);
    for (index, (pair, &answer)) in pairs.iter().zip(&answers).enumerate() {
        recorded.add(
            "model",
            "msrp",
            &index.to_string(),
            Answer {
                gold: pair.paraphrase,
                predicted: answer >= model_threshold,
            },
        );
    }
    recorded.write(args)?;
    let part = if held_out {
        " (the held-out fifth)"
    } else {
        ""
    };
    println!("MSRP {path}{part}: {} pairs", pairs.len());
    println!("{}", confusion.line("crosscheck"));
    println!(
        "{}",
        model.line(&format!("confidence, both ways (≥ {model_threshold:.2})"))
    );
    println!(
        "{}",
        overlap.line(&format!("word overlap (Dice ≥ {threshold:.2})"))
    );
    let reasons: Vec<String> = missed.iter().map(|(r, n)| format!("{r} {n}")).collect();
    println!(
        "paraphrases judged different, by reason: {}",
        reasons.join(", ")
    );
    for example in wrong {
        println!("{example}");
    }
    Ok(meets(args, "--min-accuracy", confusion.accuracy())
        && meets(args, "--min-f1", confusion.f1())
        && meets(args, "--min-model-accuracy", model.accuracy())
        && meets(args, "--min-model-f1", model.f1()))
}

/// The pairs of train.tsv the confidence model learned from: all but the held-out fifth.
fn learned_from(pairs: Vec<Pair>) -> Vec<Pair> {
    (pairs.into_iter().enumerate())
        .filter(|(i, _)| !msrp_data::held_out(*i))
        .map(|(_, p)| p)
        .collect()
}
