//! Fits the confidence model of `crosscheck` ([`crosscheck::confidence`]) from the visible
//! benchmarks and writes it as Rust source. Not part of the shipped command.
//!
//! ```sh
//! cargo run --release --example train                  # writes src/confidence/weights.rs
//! cargo run --release --example train -- --check       # the recorded data hashes still hold
//! cargo run --release --example train -- --slice 40 --out /tmp/w.rs   # a small, fast fit
//! ```
//!
//! Every sample of `consistency-dev` and of `SummEdits`' evaluation split (in `../shared/eval`,
//! or the directory given with `--data`) is checked with default settings. Each finding is a
//! row: its features, and whether it is right: its summary is inconsistent and, where the
//! sample marks the wrong words, the finding points at one of them. One logistic model is
//! fitted to all findings, and one per rule with enough findings of both kinds. The default
//! `min-confidence` is chosen under default settings: false alarms on consistent summaries at
//! most 3% pooled, balanced accuracy no lower than with every error finding counting. Calibration is measured on leave-one-dataset-out predictions: each file predicted
//! by models fitted without it. The fixtures' perturbation sets and real pairs stay out: they
//! are the acceptance tests.

#[path = "../eval/samples.rs"]
#[allow(
    dead_code,
    reason = "the eval example reads the fields and files this one does not"
)]
mod samples;

#[path = "../eval/deplain_data.rs"]
#[allow(
    dead_code,
    reason = "the eval example reads the fields this one does not"
)]
mod deplain_data;

#[path = "../eval/msrp_data.rs"]
mod msrp_data;

mod fit;
mod planted;
mod sentences;

use std::fmt::Write as _;
use std::process::ExitCode;

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crosscheck::confidence::features::Context;
use crosscheck::confidence::{self, COUNT, CoverageFeatures, Features, features};
use crosscheck::model::two_decimals;
use crosscheck::{Config, FindingKind, Input, Severity, SourceLabel, check};

use fit::{Fitted, fit};

/// The file the weights are written to, from the repository root.
const WEIGHTS: &str = "src/confidence/weights.rs";

/// A rule gets a model of its own with at least this many findings, and this many of each
/// kind (right and wrong).
const OWN_MODEL_FINDINGS: usize = 300;
const OWN_MODEL_OF_EACH: usize = 30;

/// The most false alarms the default `min-confidence` allows, pooled.
const FALSE_ALARM_CEILING: f64 = 0.03;

/// The fixtures, from the repository root: the planted errors ([`planted`]).
const FIXTURES: &str = "fixtures";

/// DEPlain-web, under the data directory, and its files: the omission model's data.
const DEPLAIN: &str = "deplain-web";
const DEPLAIN_FILES: [&str; 2] = ["docs_sentence_split_test.csv", "alignments_test.csv"];

/// MSRP's training file, under the data directory: the sentence model's data, but for the
/// fifth held out ([`msrp_data::held_out`]).
const MSRP_TRAIN: &str = "msrp/train.tsv";

/// The penalties tried, each on standardised weights.
const PENALTIES: [f64; 7] = [1.0, 3.0, 10.0, 30.0, 100.0, 300.0, 1000.0];

/// The benchmark directories trained on, under the data directory.
const BENCHMARKS: [&str; 2] = ["consistency-dev", "summedits"];

/// One finding as a training row.
struct Row {
    dataset: usize,
    sample: usize,
    features: Features,
    right: bool,
    rule: String,
    error: bool,
}

/// What checking the samples gave: each file's name, a row per finding, each sample's label.
struct Collected {
    names: Vec<String>,
    rows: Vec<Row>,
    golds: Vec<Gold>,
}

/// One sample's gold label.
struct Gold {
    dataset: usize,
    consistent: bool,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("train: {message}");
            ExitCode::from(2)
        }
    }
}

/// How the command is used.
const USAGE: &str = "usage: train [--data DIR] [--out FILE] [--slice N] [--check]";

/// The command line: the data directory, the output file, the slice, and `--check`.
struct Options {
    data: String,
    out: String,
    slice: Option<usize>,
    check: bool,
}

/// Reads the command line; an unknown flag or a flag without its value is an error, so that a
/// mistyped command never retrains over the shipped weights.
fn options(args: &[String]) -> Result<Options, String> {
    let mut options = Options {
        data: "../shared/eval".to_string(),
        out: WEIGHTS.to_string(),
        slice: None,
        check: false,
    };
    let mut args = args.iter();
    while let Some(flag) = args.next() {
        let mut value = || {
            args.next()
                .cloned()
                .ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))
        };
        match flag.as_str() {
            "--data" => options.data = value()?,
            "--out" => options.out = value()?,
            "--slice" => {
                let n = value()?;
                options.slice = Some(n.parse().map_err(|e| format!("--slice {n}: {e}"))?);
            }
            "--check" => options.check = true,
            _ => return Err(format!("unknown argument {flag}\n{USAGE}")),
        }
    }
    Ok(options)
}

fn run(args: &[String]) -> Result<ExitCode, String> {
    let Options {
        data,
        out,
        slice,
        check,
    } = options(args)?;
    let (data, out) = (data.as_str(), out.as_str());
    let files: Vec<std::path::PathBuf> = BENCHMARKS
        .iter()
        .map(|b| samples::files(&format!("{data}/{b}")))
        .collect::<Result<Vec<_>, _>>()?
        .concat();
    let deplain_files =
        DEPLAIN_FILES.map(|f| std::path::PathBuf::from(format!("{data}/{DEPLAIN}/{f}")));
    let msrp = [std::path::PathBuf::from(format!("{data}/{MSRP_TRAIN}"))];
    let hashes = hashes(data, &[files.as_slice(), &deplain_files, &msrp].concat())?;
    if check {
        return check_hashes(&hashes);
    }
    let grounded = Config {
        grounded: true,
        ..Config::default()
    };
    let Collected { names, rows, golds } = collect(&files, slice, &grounded)?;
    let default_rows = collect(&files, slice, &Config::default())?.rows;
    println!(
        "{} findings (omissions left out) of {} samples in {} files, checked as grounded",
        rows.len(),
        golds.len(),
        names.len()
    );
    // The penalty: the one whose leave-one-dataset-out predictions score best (log loss).
    let labels: Vec<bool> = rows.iter().map(|r| r.right).collect();
    let (l2, held_out) = PENALTIES
        .iter()
        .map(|&l2| (l2, leave_one_dataset_out(&names, &rows, l2)))
        .inspect(|(l2, held_out)| {
            println!(
                "penalty {l2:>6}: leave-one-dataset-out log loss {:.4}, AUC {:.3}",
                log_loss(&labels, held_out),
                area_under_curve(&labels, held_out)
            );
        })
        .min_by(|a, b| log_loss(&labels, &a.1).total_cmp(&log_loss(&labels, &b.1)))
        .expect("penalties to try");
    println!("penalty chosen: {l2}");
    let mut models = fit_models(&rows, l2);
    let deplain = deplain_rows(&format!("{data}/{DEPLAIN}"), slice)?;
    let (omission_model, omissions) = fit_by_halves("omissions", "right", &deplain.omissions);
    models.push(("omission".to_string(), omission_model, omissions));
    let coverage_model = fit_by_halves("coverage", "aligned in gold", &deplain.coverage);
    let predicted: Vec<f64> = rows.iter().map(|r| predict(&models, r)).collect();
    let default_predicted: Vec<f64> = default_rows.iter().map(|r| predict(&models, r)).collect();
    let chosen = choose_threshold(&default_rows, &golds, &default_predicted);
    // Every planted error must still fail: the threshold stays at or under the surest error
    // finding of each.
    let rate = |finding: &crosscheck::Finding, features: &Features| {
        rated(&models, &finding.rule(), features)
    };
    let planted = planted::planted(std::path::Path::new(FIXTURES), &rate)?;
    let weakest = planted
        .iter()
        .min_by(|a, b| a.surest.total_cmp(&b.surest))
        .ok_or("no planted errors under fixtures/")?;
    println!(
        "planted errors: {} fail with every finding counting; the least sure, {}, at {:.2}",
        planted.len(),
        weakest.name,
        weakest.surest
    );
    let threshold = chosen.min(weakest.surest);
    println!("min-confidence: {chosen:.2} chosen on the training data, {threshold:.2} kept");
    let (sentence_names, sentence_rows) =
        sentences::collect(&files, &format!("{data}/{MSRP_TRAIN}"), slice, &rate)?;
    let sentence_model = sentences::fit_sentences(&sentence_names, &sentence_rows, &PENALTIES);
    println!("default settings:");
    print_verdicts(&names, &default_rows, &golds, &default_predicted, threshold);
    println!("grounded settings:");
    print_verdicts(&names, &rows, &golds, &predicted, threshold);
    print_calibration(&names, &rows, &held_out);
    print_weights(&models);
    let source = weights_source(
        &models,
        [&sentence_model, &coverage_model],
        threshold,
        &hashes,
        slice,
    );
    write_atomically(out, &source)?;
    println!("wrote {out}");
    Ok(ExitCode::SUCCESS)
}

/// Each file's name under the data directory `data` (so that the record does not depend on
/// how the directory is spelled) and SHA-256.
fn hashes(data: &str, files: &[std::path::PathBuf]) -> Result<Vec<(String, String)>, String> {
    files
        .iter()
        .map(|path| {
            let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
            let digest = Sha256::digest(&bytes);
            let hex = digest.iter().fold(String::new(), |mut s, b| {
                let _ = write!(s, "{b:02x}");
                s
            });
            let name = path.strip_prefix(data).unwrap_or(path);
            Ok((name.display().to_string(), hex))
        })
        .collect()
}

/// Compares the data's hashes with those the weights record: exit 1 when they differ.
fn check_hashes(hashes: &[(String, String)]) -> Result<ExitCode, String> {
    let recorded = std::fs::read_to_string(WEIGHTS).map_err(|e| format!("{WEIGHTS}: {e}"))?;
    let mut differ = 0;
    for (path, hash) in hashes {
        let line = format!("//! - `{path}` sha256 {hash}");
        if !recorded.lines().any(|l| l == line) {
            println!("differs or missing: {path} sha256 {hash}");
            differ += 1;
        }
    }
    let recorded_files = recorded.lines().filter(|l| l.contains("` sha256 ")).count();
    if recorded_files != hashes.len() {
        println!(
            "{WEIGHTS} records {recorded_files} files, the data has {}",
            hashes.len()
        );
        differ += 1;
    }
    println!(
        "{} of {} data files as recorded in {WEIGHTS}",
        hashes.len() - differ.min(hashes.len()),
        hashes.len()
    );
    Ok(if differ == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Checks every sample (the first `slice` of each file, when given): the datasets' names, a
/// row per finding, and each sample's gold label.
fn collect(
    files: &[std::path::PathBuf],
    slice: Option<usize>,
    config: &Config,
) -> Result<Collected, String> {
    let (mut names, mut rows, mut golds) = (Vec::new(), Vec::new(), Vec::new());
    for path in files {
        let (name, list) = samples::read_file(path, slice)?;
        let dataset = names.len();
        names.push(name);
        let checked: Vec<Vec<(Features, bool, String, bool)>> = list
            .par_iter()
            .map(|sample| {
                let report = check(
                    &Input::new("summary", sample.summary.as_str()),
                    &Input::new("document", sample.doc.as_str()),
                    config,
                );
                let consistent = sample.label == 1;
                confidence::features(&report, config.source_kind)
                    .into_iter()
                    .zip(&report.findings)
                    // An omission says nothing of the summary's consistency: these benchmarks
                    // cannot tell whether it is right.
                    .filter(|(_, finding)| finding.kind != FindingKind::Omission)
                    .map(|(features, finding)| {
                        let on_gold = sample.spans.is_empty()
                            || samples::points_at_any(
                                &sample.summary,
                                &sample.spans,
                                &samples::pointed(finding),
                            );
                        (
                            features,
                            !consistent && on_gold,
                            finding.rule(),
                            finding.severity == Severity::Error,
                        )
                    })
                    .collect()
            })
            .collect();
        for (sample, findings) in list.iter().zip(checked) {
            let index = golds.len();
            golds.push(Gold {
                dataset,
                consistent: sample.label == 1,
            });
            rows.extend(
                findings
                    .into_iter()
                    .map(|(features, right, rule, error)| Row {
                        dataset,
                        sample: index,
                        features,
                        right,
                        rule,
                        error,
                    }),
            );
        }
    }
    Ok(Collected { names, rows, golds })
}

/// The model of all findings, then one per rule with enough findings of both kinds, in the
/// order of [`features::RULES`].
fn fit_models(rows: &[Row], l2: f64) -> Vec<(String, Fitted<COUNT>, usize)> {
    let all: Vec<(Features, bool)> = rows.iter().map(|r| (r.features, r.right)).collect();
    let mut models = vec![(confidence::ALL_RULES.to_string(), fit(&all, l2), all.len())];
    for rule in features::RULES {
        let own: Vec<(Features, bool)> = rows
            .iter()
            .filter(|r| r.rule == rule)
            .map(|r| (r.features, r.right))
            .collect();
        let right = own.iter().filter(|(_, r)| *r).count();
        if own.len() >= OWN_MODEL_FINDINGS
            && right >= OWN_MODEL_OF_EACH
            && own.len() - right >= OWN_MODEL_OF_EACH
        {
            models.push((rule.to_string(), fit(&own, l2), own.len()));
        }
    }
    models
}

/// What DEPlain-web's document pairs (the first `slice` pairs, when given) teach, by pair:
/// each omission finding's features, right when the gold alignments leave its original
/// sentence unaligned; and each covered or partial original sentence's features, right when
/// the gold alignments align it. Each pair is checked as a plain-language version is: one
/// sentence per paragraph, in order.
struct DeplainRows {
    omissions: Vec<Vec<(Features, bool)>>,
    coverage: Vec<Vec<(CoverageFeatures, bool)>>,
}

fn deplain_rows(dir: &str, slice: Option<usize>) -> Result<DeplainRows, String> {
    let documents = deplain_data::read_documents(dir)?;
    let gold = deplain_data::read_gold(dir)?;
    let documents = &documents[..slice.unwrap_or(usize::MAX).min(documents.len())];
    let config = Config {
        sentence_per_paragraph: true,
        in_order: true,
        ..Config::default()
    };
    let rows: Vec<_> = documents
        .par_iter()
        .map(|pair| {
            let aligned: Vec<&str> = gold
                .iter()
                .filter(|((id, ..), _)| *id == pair.id)
                .map(|((_, original, _), _)| original.as_str())
                .collect();
            let (summary, _) = deplain_data::paragraphs(&pair.plain);
            let (source, starts) = deplain_data::paragraphs(&pair.original);
            let report = check(
                &Input::new("plain", summary),
                &Input::new("original", source),
                &config,
            );
            let covered = |sentence: usize| {
                let start = report.source.sentences[sentence].span.start;
                let sentence = &pair.original[deplain_data::given(&starts, start)];
                aligned.iter().any(|a| a.contains(sentence.as_str()))
            };
            let context = Context::new(&report, config.source_kind);
            let omissions = (report.findings.iter())
                .filter(|finding| finding.kind == FindingKind::Omission)
                .filter_map(|finding| {
                    let at = finding.source?;
                    Some((context.features(finding), !covered(at.sentence())))
                })
                .collect();
            let coverage = (report.source_judgements.iter().enumerate())
                .filter(|(_, j)| matches!(j.label, SourceLabel::Covered | SourceLabel::Partial))
                .map(|(index, _)| (context.coverage_features(index), covered(index)))
                .collect();
            (omissions, coverage)
        })
        .collect();
    let (omissions, coverage) = rows.into_iter().unzip();
    Ok(DeplainRows {
        omissions,
        coverage,
    })
}

/// A model fitted on every document's rows with the penalty whose fit on the even documents
/// predicts the odd ones best (log loss); prints that prediction's AUC and calibration under
/// `name`, with how many rows are right (`right`: what a right row is).
fn fit_by_halves<const N: usize>(
    name: &str,
    right: &str,
    documents: &[Vec<([f64; N], bool)>],
) -> (Fitted<N>, usize) {
    let rows = documents.concat();
    let half = |parity: usize| -> Vec<([f64; N], bool)> {
        documents
            .iter()
            .skip(parity)
            .step_by(2)
            .flatten()
            .copied()
            .collect()
    };
    let even = half(0);
    let odd = half(1);
    let odd_labels: Vec<bool> = odd.iter().map(|(_, right)| *right).collect();
    let (l2, predicted) = PENALTIES
        .iter()
        .map(|&l2| {
            let half = fit(&even, l2);
            (
                l2,
                odd.iter()
                    .map(|(features, _)| half.predict(features))
                    .collect::<Vec<f64>>(),
            )
        })
        .min_by(|a, b| log_loss(&odd_labels, &a.1).total_cmp(&log_loss(&odd_labels, &b.1)))
        .expect("penalties to try");
    let (error, _) = calibration(predicted.iter().copied().zip(odd_labels.iter().copied()));
    let count = rows.iter().filter(|(_, r)| *r).count();
    println!(
        "{name} (DEPlain-web): {count} of {} {right}; penalty {l2}; fitted on the even documents, \
         the odd ones: AUC {:.3}, calibration error {error:.3}",
        rows.len(),
        area_under_curve(&odd_labels, &predicted),
    );
    (fit(&rows, l2), rows.len())
}

/// A row's confidence under `models`, rounded as the library rounds it.
fn predict(models: &[(String, Fitted<COUNT>, usize)], row: &Row) -> f64 {
    rated(models, &row.rule, &row.features)
}

/// The confidence of a finding of `rule` with `features` under `models` (its rule's own, or
/// the model of all), rounded as the library rounds it.
fn rated(models: &[(String, Fitted<COUNT>, usize)], rule: &str, features: &Features) -> f64 {
    let model = models
        .iter()
        .find(|(own, ..)| own == rule)
        .unwrap_or(&models[0]);
    two_decimals(model.1.predict(features))
}

/// Per dataset: inconsistent summaries flagged, consistent ones flagged, and their counts, when
/// an error finding counts from confidence `threshold` up.
fn verdicts(
    rows: &[Row],
    golds: &[Gold],
    predicted: &[f64],
    threshold: f64,
    datasets: usize,
) -> Vec<[usize; 4]> {
    let mut flagged = vec![false; golds.len()];
    for (row, &p) in rows.iter().zip(predicted) {
        if row.error && p >= threshold {
            flagged[row.sample] = true;
        }
    }
    let mut counts = vec![[0_usize; 4]; datasets];
    for (gold, flagged) in golds.iter().zip(flagged) {
        let at = usize::from(gold.consistent) * 2;
        counts[gold.dataset][at] += usize::from(flagged);
        counts[gold.dataset][at + 1] += 1;
    }
    counts
}

/// Balanced accuracy and false-alarm rate of `[inconsistent flagged, inconsistent,
/// consistent flagged, consistent]`.
fn rates(counts: [usize; 4]) -> (f64, f64) {
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let recall = ratio(counts[0], counts[1]);
    let false_alarms = ratio(counts[2], counts[3]);
    (50.0 * (recall + 1.0 - false_alarms), 100.0 * false_alarms)
}

/// The counts of every dataset added up.
fn pooled(counts: &[[usize; 4]]) -> [usize; 4] {
    counts
        .iter()
        .fold([0; 4], |sum, c| std::array::from_fn(|i| sum[i] + c[i]))
}

/// The default `min-confidence`, in hundredths, under default settings: of the thresholds
/// that keep pooled false alarms at most [`FALSE_ALARM_CEILING`] and pooled balanced accuracy
/// at least what it is with every error finding counting, the one with the best balanced
/// accuracy (the lowest among equals); 0 when none does.
fn choose_threshold(rows: &[Row], golds: &[Gold], predicted: &[f64]) -> f64 {
    let datasets = golds.iter().map(|g| g.dataset + 1).max().unwrap_or(0);
    let at = |t: f64| rates(pooled(&verdicts(rows, golds, predicted, t, datasets)));
    let (every, _) = at(0.0);
    let mut best = (0.0, f64::NEG_INFINITY);
    for hundredths in 0..=100 {
        let t = f64::from(hundredths) / 100.0;
        let (balanced, false_alarms) = at(t);
        if false_alarms <= 100.0 * FALSE_ALARM_CEILING && balanced >= every && balanced > best.1 {
            best = (t, balanced);
        }
    }
    best.0
}

/// Balanced accuracy and false alarms per dataset and pooled, with every error finding
/// counting and from the chosen threshold.
fn print_verdicts(
    names: &[String],
    rows: &[Row],
    golds: &[Gold],
    predicted: &[f64],
    threshold: f64,
) {
    let before = verdicts(rows, golds, predicted, 0.0, names.len());
    let after = verdicts(rows, golds, predicted, threshold, names.len());
    println!(
        "  balanced accuracy / false alarms: every error finding -> from confidence {threshold:.2}"
    );
    let show = |name: &str, b: [usize; 4], a: [usize; 4]| {
        let ((bb, bf), (ab, af)) = (rates(b), rates(a));
        println!("  {name:<22} {bb:5.1} / {bf:4.1}%  ->  {ab:5.1} / {af:4.1}%");
    };
    show("pooled", pooled(&before), pooled(&after));
    for (i, name) in names.iter().enumerate() {
        show(name, before[i], after[i]);
    }
}

/// Each row's confidence from models fitted without its dataset.
fn leave_one_dataset_out(names: &[String], rows: &[Row], l2: f64) -> Vec<f64> {
    let mut held_out = vec![0.0; rows.len()];
    let per_dataset: Vec<(usize, Vec<f64>)> = (0..names.len())
        .into_par_iter()
        .map(|dataset| {
            let others: Vec<Row> = rows
                .iter()
                .filter(|r| r.dataset != dataset)
                .map(|r| Row {
                    rule: r.rule.clone(),
                    ..*r
                })
                .collect();
            let models = fit_models(&others, l2);
            let predicted = rows
                .iter()
                .filter(|r| r.dataset == dataset)
                .map(|r| predict(&models, r))
                .collect();
            (dataset, predicted)
        })
        .collect();
    for (dataset, predicted) in per_dataset {
        let slots = rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.dataset == dataset);
        for ((index, _), p) in slots.zip(predicted) {
            held_out[index] = p;
        }
    }
    held_out
}

/// The mean negative log-likelihood of `labels` under `predicted`.
pub(crate) fn log_loss(labels: &[bool], predicted: &[f64]) -> f64 {
    let total: f64 = labels
        .iter()
        .zip(predicted)
        .map(|(&right, &p)| {
            let p = p.clamp(1e-6, 1.0 - 1e-6);
            -if right { p.ln() } else { (1.0 - p).ln() }
        })
        .sum();
    total / labels.len().max(1) as f64
}

/// The probability that a true label is rated above a false one (ties count half).
pub(crate) fn area_under_curve(labels: &[bool], predicted: &[f64]) -> f64 {
    let mut ranked: Vec<(f64, bool)> = predicted
        .iter()
        .copied()
        .zip(labels.iter().copied())
        .collect();
    ranked.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (mut below, mut pairs, mut wrong_seen) = (0.0, 0.0, 0.0);
    let mut i = 0;
    while i < ranked.len() {
        let mut j = i;
        while j < ranked.len() && ranked[j].0 == ranked[i].0 {
            j += 1;
        }
        let right = ranked[i..j].iter().filter(|(_, r)| *r).count() as f64;
        let wrong = (j - i) as f64 - right;
        below += right * (wrong_seen + wrong / 2.0);
        pairs += right;
        wrong_seen += wrong;
        i = j;
    }
    if pairs == 0.0 || wrong_seen == 0.0 {
        0.5
    } else {
        below / (pairs * wrong_seen)
    }
}

/// Expected calibration error over 10 equal-width bins, with the bins: (count, mean
/// confidence, share right).
pub(crate) fn calibration(
    pairs: impl Iterator<Item = (f64, bool)>,
) -> (f64, Vec<(usize, f64, f64)>) {
    let mut bins = vec![(0_usize, 0.0, 0.0); 10];
    for (p, right) in pairs {
        let bin = ((p * 10.0) as usize).min(9);
        bins[bin].0 += 1;
        bins[bin].1 += p;
        bins[bin].2 += f64::from(u8::from(right));
    }
    let total: usize = bins.iter().map(|b| b.0).sum();
    let mut error = 0.0;
    for bin in &mut bins {
        if bin.0 > 0 {
            bin.1 /= bin.0 as f64;
            bin.2 /= bin.0 as f64;
            error += bin.0 as f64 / total.max(1) as f64 * (bin.1 - bin.2).abs();
        }
    }
    (error, bins)
}

/// The reliability table of the pooled leave-one-dataset-out predictions, and each
/// dataset's calibration error.
fn print_calibration(names: &[String], rows: &[Row], held_out: &[f64]) {
    let (pooled_error, bins) = calibration(rows.iter().zip(held_out).map(|(r, &p)| (p, r.right)));
    println!(
        "calibration, leave one dataset out: expected calibration error {pooled_error:.3} pooled"
    );
    println!("  bin        findings  mean confidence  share right");
    for (i, (count, mean, right)) in bins.iter().enumerate() {
        println!(
            "  {:.1}-{:.1}  {count:>9}  {mean:>15.3}  {right:>11.3}",
            i as f64 / 10.0,
            (i + 1) as f64 / 10.0
        );
    }
    for (dataset, name) in names.iter().enumerate() {
        let (error, _) = calibration(
            rows.iter()
                .zip(held_out)
                .filter(|(r, _)| r.dataset == dataset)
                .map(|(r, &p)| (p, r.right)),
        );
        let (these, predicted): (Vec<bool>, Vec<f64>) = rows
            .iter()
            .zip(held_out)
            .filter(|(r, _)| r.dataset == dataset)
            .map(|(r, &p)| (r.right, p))
            .unzip();
        let right = these.iter().filter(|&&r| r).count();
        let auc = area_under_curve(&these, &predicted);
        println!(
            "  {name:<22} calibration error {error:.3}   AUC {auc:.3}   {right} of {} findings right",
            these.len()
        );
    }
}

/// The largest weights of each model.
fn print_weights(models: &[(String, Fitted<COUNT>, usize)]) {
    for (rule, fitted, count) in models {
        let mut order: Vec<usize> = (0..COUNT).filter(|&i| fitted.scales[i] > 0.0).collect();
        order.sort_by(|&a, &b| fitted.weights[b].abs().total_cmp(&fitted.weights[a].abs()));
        let top: Vec<String> = order
            .iter()
            .take(5)
            .map(|&i| format!("{} {:+.2}", features::name(i), fitted.weights[i]))
            .collect();
        println!(
            "model {rule} ({count} findings, bias {:+.2}): {}",
            fitted.bias,
            top.join("; ")
        );
    }
}

/// The generated weights file: the models of findings, then those of summary sentences and of
/// covered source sentences.
fn weights_source(
    models: &[(String, Fitted<COUNT>, usize)],
    [sentence_model, coverage_model]: [&dyn ModelSource; 2],
    threshold: f64,
    hashes: &[(String, String)],
    slice: Option<usize>,
) -> String {
    let mut s = String::new();
    let command = match slice {
        Some(n) => format!("cargo run --release --example train -- --slice {n}"),
        None => "cargo run --release --example train".to_string(),
    };
    let _ = writeln!(s, "//! Generated by `{command}`: do not edit.");
    let _ = writeln!(
        s,
        "//! Fitted on these files, under the data directory (`--data`):"
    );
    for (path, hash) in hashes {
        let _ = writeln!(s, "//! - `{path}` sha256 {hash}");
    }
    let _ = writeln!(
        s,
        "\nuse super::{{ALL_RULES, COUNT, COVERAGE, COVERAGE_COUNT, Model, SENTENCE_COUNT, SENTENCES}};\n"
    );
    let _ = writeln!(
        s,
        "/// The findings whose confidence is below this do not fail a run by default: chosen on\n\
         /// the training data (false alarms at most 3% pooled, balanced accuracy kept), and no\n\
         /// higher than the surest error finding of any planted error."
    );
    let _ = writeln!(
        s,
        "pub const DEFAULT_MIN_CONFIDENCE: f64 = {threshold:.2};\n"
    );
    let _ = writeln!(
        s,
        "/// The models: of all findings, then one per rule with enough data."
    );
    let _ = writeln!(
        s,
        "#[rustfmt::skip]\npub(super) const MODELS: &[Model<COUNT>] = &["
    );
    for (rule, fitted, count) in models {
        let rule = if rule == confidence::ALL_RULES {
            "ALL_RULES".to_string()
        } else {
            format!("{rule:?}")
        };
        model_source(&mut s, &rule, fitted, *count, "    ");
        let _ = writeln!(s, ",");
    }
    let _ = write!(s, "];");
    let judgement_models = [
        (
            "summary sentences: whether one says what its source says",
            "SENTENCE_MODEL: Model<SENTENCE_COUNT>",
            "SENTENCES",
            sentence_model,
        ),
        (
            "covered and partial source sentences: whether the summary does report one",
            "COVERAGE_MODEL: Model<COVERAGE_COUNT>",
            "COVERAGE",
            coverage_model,
        ),
    ];
    for (what, constant, rule, model) in judgement_models {
        let _ = write!(
            s,
            "\n\n/// The model of {what}.\n#[rustfmt::skip]\npub(super) const {constant} = "
        );
        model.write(&mut s, rule);
        let _ = write!(s, ";");
    }
    let _ = writeln!(s);
    s
}

/// A fitted model of any number of features, with how many rows it was fitted on, that
/// writes itself as Rust source ([`model_source`]).
trait ModelSource {
    /// Appends the model to `s` as a `Model` of rule `rule`, without a semicolon.
    fn write(&self, s: &mut String, rule: &str);
}

impl<const N: usize> ModelSource for (Fitted<N>, usize) {
    fn write(&self, s: &mut String, rule: &str) {
        model_source(s, rule, &self.0, self.1, "");
    }
}

/// One [`crosscheck::confidence::Model`] as Rust source, indented by `indent`, without the
/// comma or semicolon after it.
fn model_source<const N: usize>(
    s: &mut String,
    rule: &str,
    fitted: &Fitted<N>,
    count: usize,
    indent: &str,
) {
    let list = |values: &[f64; N]| {
        values
            .iter()
            .map(|v| format!("{v:.6}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let _ = writeln!(s, "{indent}Model {{");
    let _ = writeln!(s, "{indent}    rule: {rule},");
    let _ = writeln!(s, "{indent}    trained_on: {count},");
    let _ = writeln!(s, "{indent}    bias: {:.6},", fitted.bias);
    let _ = writeln!(s, "{indent}    means: [{}],", list(&fitted.means));
    let _ = writeln!(s, "{indent}    scales: [{}],", list(&fitted.scales));
    let _ = writeln!(s, "{indent}    weights: [{}],", list(&fitted.weights));
    let _ = write!(s, "{indent}}}");
}

/// Writes `text` to `path` through a temporary file beside it, so that a failed run leaves no
/// half-written weights.
fn write_atomically(path: &str, text: &str) -> Result<(), String> {
    let temporary = format!("{path}.tmp");
    std::fs::write(&temporary, text).map_err(|e| format!("{temporary}: {e}"))?;
    std::fs::rename(&temporary, path).map_err(|e| format!("{path}: {e}"))
}
