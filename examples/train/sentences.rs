//! The model of summary sentences: whether one says what its source says, from its judgement's
//! features ([`crosscheck::confidence::features::Context::sentence_features`]).
//!
//! A sentence is labelled from what the benchmarks say of it: every sentence of a consistent
//! summary says what its document says; a sentence QAGS labels is what it says; the one
//! sentence of an inconsistent single-sentence summary does not. MSRP's pairs outside the
//! held-out fifth of `train.tsv` count in both directions, as paraphrases or not.

use rayon::prelude::*;

use crosscheck::confidence::features::Context;
use crosscheck::confidence::{self, Features, SENTENCE_COUNT, SentenceFeatures};
use crosscheck::{Config, Finding, Input, check};

use crate::fit::{Fitted, fit};
use crate::msrp_data;
use crate::samples;

/// One summary sentence as a training row.
pub(crate) struct SentenceRow {
    dataset: usize,
    features: SentenceFeatures,
    faithful: bool,
}

/// How findings are rated while the sentence rows are made: by the freshly fitted models.
pub(crate) type Rate<'a> = &'a (dyn Fn(&Finding, &Features) -> f64 + Sync);

/// The rows of every summary sentence that makes a claim and whose faithfulness the data
/// tells, from the consistency files and MSRP's `train.tsv` (the first `slice` samples or
/// pairs of each, when given), with each dataset's name.
pub(crate) fn collect(
    files: &[std::path::PathBuf],
    msrp_train: &str,
    slice: Option<usize>,
    rate: Rate<'_>,
) -> Result<(Vec<String>, Vec<SentenceRow>), String> {
    let config = Config::default();
    let (mut names, mut rows) = (Vec::new(), Vec::new());
    for path in files {
        let (name, list) = samples::read_file(path, slice)?;
        let dataset = names.len();
        names.push(name);
        let found: Vec<Vec<SentenceRow>> = list
            .par_iter()
            .map(|sample| {
                let label = |sentence: &str, claims: usize| {
                    if sample.label == 1 {
                        return Some(true);
                    }
                    if let Some(gold) = (sample.sentence_labels.iter())
                        .find(|g| g.sentence.trim() == sentence.trim())
                    {
                        return Some(gold.label == 1);
                    }
                    (claims == 1 && sample.sentence_labels.is_empty()).then_some(false)
                };
                rows_of(&sample.summary, &sample.doc, &config, dataset, rate, &label)
            })
            .collect();
        rows.extend(found.into_iter().flatten());
    }
    let pairs = msrp_data::read_msrp(msrp_train)?;
    let pairs: Vec<&msrp_data::Pair> = (pairs.iter().enumerate())
        .filter(|(i, _)| !msrp_data::held_out(*i))
        .map(|(_, p)| p)
        .take(slice.unwrap_or(usize::MAX))
        .collect();
    let dataset = names.len();
    names.push("msrp_train".to_string());
    let settings = msrp_data::settings();
    let found: Vec<Vec<SentenceRow>> = pairs
        .par_iter()
        .flat_map(|pair| {
            let label = |_: &str, _: usize| Some(pair.paraphrase);
            [
                rows_of(&pair.second, &pair.first, &settings, dataset, rate, &label),
                rows_of(&pair.first, &pair.second, &settings, dataset, rate, &label),
            ]
        })
        .collect();
    rows.extend(found.into_iter().flatten());
    Ok((names, rows))
}

/// The rows of `summary` checked against `source`: each sentence that makes a claim, labelled
/// by `label` (given its text and how many sentences make claims) where it can be.
fn rows_of(
    summary: &str,
    source: &str,
    config: &Config,
    dataset: usize,
    rate: Rate<'_>,
    label: &dyn Fn(&str, usize) -> Option<bool>,
) -> Vec<SentenceRow> {
    let report = check(
        &Input::new("summary", summary),
        &Input::new("source", source),
        config,
    );
    let context = Context::new(&report, config.source_kind);
    let confidences: Vec<f64> = (report.findings.iter())
        .map(|f| rate(f, &context.features(f)))
        .collect();
    let findings = context.findings_per_sentence(&confidences);
    let claiming: Vec<usize> = (0..report.summary_judgements.len())
        .filter(|&i| confidence::claims(report.summary_judgements[i].label).is_some())
        .collect();
    claiming
        .iter()
        .filter_map(|&index| {
            let text = report.summary.slice(report.summary.sentences[index].span);
            Some(SentenceRow {
                dataset,
                features: context.sentence_features(index, &findings[index]),
                faithful: label(text, claiming.len())?,
            })
        })
        .collect()
}

/// Fits the sentence model with the penalty whose leave-one-dataset-out predictions score
/// best (log loss), printing each dataset's calibration and AUC under them.
pub(crate) fn fit_sentences(
    names: &[String],
    rows: &[SentenceRow],
    penalties: &[f64],
) -> (Fitted<SENTENCE_COUNT>, usize) {
    let pairs = |keep: &dyn Fn(&SentenceRow) -> bool| -> Vec<(SentenceFeatures, bool)> {
        rows.iter()
            .filter(|r| keep(r))
            .map(|r| (r.features, r.faithful))
            .collect()
    };
    let held_out = |l2: f64| -> Vec<f64> {
        let mut predicted = vec![0.0; rows.len()];
        for dataset in 0..names.len() {
            let model = fit(&pairs(&|r| r.dataset != dataset), l2);
            for (slot, row) in predicted.iter_mut().zip(rows) {
                if row.dataset == dataset {
                    *slot = model.predict(&row.features);
                }
            }
        }
        predicted
    };
    let labels: Vec<bool> = rows.iter().map(|r| r.faithful).collect();
    let (l2, predicted) = penalties
        .iter()
        .map(|&l2| (l2, held_out(l2)))
        .min_by(|a, b| crate::log_loss(&labels, &a.1).total_cmp(&crate::log_loss(&labels, &b.1)))
        .expect("penalties to try");
    let (error, _) = crate::calibration(predicted.iter().copied().zip(labels.iter().copied()));
    println!(
        "sentences: {} rows in {} datasets; penalty {l2}; leave one dataset out: AUC {:.3}, calibration error {error:.3}",
        rows.len(),
        names.len(),
        crate::area_under_curve(&labels, &predicted)
    );
    for (dataset, name) in names.iter().enumerate() {
        let (these, predicted): (Vec<bool>, Vec<f64>) = (rows.iter().zip(&predicted))
            .filter(|(r, _)| r.dataset == dataset)
            .map(|(r, &p)| (r.faithful, p))
            .unzip();
        let (error, _) = crate::calibration(predicted.iter().copied().zip(these.iter().copied()));
        let faithful = these.iter().filter(|&&f| f).count();
        println!(
            "  {name:<22} calibration error {error:.3}   AUC {:.3}   {faithful} of {} faithful",
            crate::area_under_curve(&these, &predicted),
            these.len()
        );
    }
    (fit(&pairs(&|_| true), l2), rows.len())
}
