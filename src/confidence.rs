//! How sure each finding is: the estimated probability that it is right, from a logistic
//! model over numbers the pipeline already knows ([`features`]), learned from public
//! benchmarks by `cargo run --release --example train`, which writes [`weights`].
//!
//! A finding of a rule with a model of its own is rated by that model; every other finding by
//! the model of all findings, which knows each rule by an indicator. `explain` lists what a
//! confidence is made of, weight by weight.

pub mod features;
mod weights;

use rayon::prelude::*;

use crate::config::SourceKind;
use crate::model::{Finding, Report, SourceLabel, two_decimals};

pub use features::{
    COUNT, COVERAGE_COUNT, CoverageFeatures, Features, SENTENCE_COUNT, SentenceFeatures,
    SentenceFindings,
};
pub use weights::DEFAULT_MIN_CONFIDENCE;

/// One logistic model over `N` features: the probability for features `x` is
/// `1 / (1 + e^-(bias + Σ weights[i] · (x[i] - means[i]) / scales[i]))`, a feature with scale 0
/// counting for nothing.
#[derive(Clone, Copy, Debug)]
pub struct Model<const N: usize> {
    /// What it rates: a finding's rule (`fact-mismatch/number`), [`ALL_RULES`], or
    /// [`SENTENCES`].
    pub rule: &'static str,
    /// How many findings or sentences it was fitted on.
    pub trained_on: usize,
    /// The log-odds where every feature is at its mean.
    pub bias: f64,
    /// Each feature's mean over what it was fitted on.
    pub means: [f64; N],
    /// Each feature's standard deviation there (0 for a feature that never varied).
    pub scales: [f64; N],
    /// Each standardised feature's weight in the log-odds.
    pub weights: [f64; N],
}

/// The [`Model::rule`] of the model of summary sentences: the probability that a sentence
/// says what its source says.
pub const SENTENCES: &str = "sentences";

/// The [`Model::rule`] of the model of covered and partial source sentences: the
/// probability that the summary does report the sentence.
pub const COVERAGE: &str = "coverage";

/// The [`Model::rule`] of the model of all findings.
pub const ALL_RULES: &str = "*";

impl<const N: usize> Model<N> {
    /// Each feature's part of the log-odds of `features`, in feature order.
    pub fn contributions(&self, features: &[f64; N]) -> [f64; N] {
        std::array::from_fn(|i| {
            if self.scales[i] > 0.0 {
                self.weights[i] * (features[i] - self.means[i]) / self.scales[i]
            } else {
                0.0
            }
        })
    }

    /// The probability for `features`: that a finding is right, or that a sentence says
    /// what its source says.
    pub fn confidence(&self, features: &[f64; N]) -> f64 {
        let log_odds = self.bias + self.contributions(features).iter().sum::<f64>();
        1.0 / (1.0 + (-log_odds).exp())
    }
}

/// The model that rates findings of `rule`: its own, or the model of all findings.
pub fn model_for(rule: &str) -> &'static Model<COUNT> {
    let models = weights::MODELS;
    models
        .iter()
        .find(|m| m.rule == rule)
        .or_else(|| models.iter().find(|m| m.rule == ALL_RULES))
        .expect("the weights hold a model of all findings")
}

/// Every finding's features, in report order.
pub fn features(report: &Report, source_kind: SourceKind) -> Vec<Features> {
    let context = features::Context::new(report, source_kind);
    report
        .findings
        .iter()
        .map(|f| context.features(f))
        .collect()
}

/// Rates every finding of `report` ([`Finding::confidence`]), then every judgement of a
/// summary sentence that makes a claim (verbatim, paraphrase, mismatch, unsupported) and of a
/// covered, partial or omitted source sentence ([`crate::Judgement::confidence`]). Editorial
/// matter and other speakers' statements have none: no public data labels them; nor has any
/// sentence of a pair in two languages, whose sentences are not compared
/// ([`crate::lang::different`]).
pub fn assess(report: &mut Report, source_kind: SourceKind) {
    let context = features::Context::new(report, source_kind);
    // Each finding and sentence on its own, in parallel, keeping one number of each: a
    // finding's features are a few hundred bytes.
    let confidences: Vec<f64> = (report.findings.par_iter())
        .map(|f| two_decimals(model_for(&f.rule()).confidence(&context.features(f))))
        .collect();
    let findings = context.findings_per_sentence(&confidences);
    let compared = crate::lang::different(&report.summary, &report.source).is_none();
    let sentences: Vec<Option<f64>> = (0..report.summary_judgements.len())
        .into_par_iter()
        .map(|index| {
            let faithful = claims(report.summary_judgements[index].label).filter(|_| compared)?;
            let features = context.sentence_features(index, &findings[index]);
            let says = weights::SENTENCE_MODEL.confidence(&features);
            Some(two_decimals(if faithful { says } else { 1.0 - says }))
        })
        .collect();
    let covered: Vec<Option<f64>> = (0..report.source_judgements.len())
        .into_par_iter()
        .map(|index| {
            let label = report.source_judgements[index].label;
            let rated = compared && matches!(label, SourceLabel::Covered | SourceLabel::Partial);
            rated.then(|| {
                let features = context.coverage_features(index);
                two_decimals(weights::COVERAGE_MODEL.confidence(&features))
            })
        })
        .collect();
    for (judgement, confidence) in report.source_judgements.iter_mut().zip(covered) {
        judgement.confidence = confidence.map(|c| c as f32);
    }
    for (finding, &confidence) in report.findings.iter_mut().zip(&confidences) {
        finding.confidence = confidence;
    }
    for (judgement, confidence) in report.summary_judgements.iter_mut().zip(sentences) {
        judgement.confidence = confidence.map(|c| c as f32);
    }
    for (finding, confidence) in report.findings.iter().zip(confidences) {
        if finding.kind == crate::model::FindingKind::Omission
            && let Some(at) = finding.source
        {
            report.source_judgements[at.sentence()].confidence = Some(confidence as f32);
        }
    }
}

/// For a summary sentence's label: whether it says the sentence says what the source says
/// (`Some(true)`), says it does not (`Some(false)`), or makes no claim of it (`None`:
/// editorial matter, another speaker's words).
pub fn claims(label: crate::model::SummaryLabel) -> Option<bool> {
    use crate::model::SummaryLabel;
    match label {
        SummaryLabel::Verbatim | SummaryLabel::Paraphrase => Some(true),
        SummaryLabel::Mismatch | SummaryLabel::Unsupported => Some(false),
        SummaryLabel::OtherSpeaker | SummaryLabel::Editorial => None,
    }
}

/// What one finding's confidence is made of: the model, and each feature's value and part of
/// the log-odds, largest part first; `context` is its report's ([`features::Context::new`]).
pub fn explain(context: &features::Context<'_>, finding: &Finding) -> Explanation {
    let features = context.features(finding);
    let model = model_for(&finding.rule());
    let contributions = model.contributions(&features);
    let mut parts: Vec<Part> = (0..COUNT)
        .filter(|&i| model.scales[i] > 0.0)
        .map(|i| Part {
            feature: features::name(i),
            value: features[i],
            weight: model.weights[i],
            contribution: contributions[i],
        })
        .collect();
    parts.sort_by(|a, b| b.contribution.abs().total_cmp(&a.contribution.abs()));
    Explanation {
        rule: model.rule,
        bias: model.bias,
        confidence: model.confidence(&features),
        parts,
    }
}

/// A confidence taken apart ([`explain`]).
#[derive(Clone, Debug)]
pub struct Explanation {
    /// The rule of the model that rated the finding ([`ALL_RULES`] for the model of all).
    pub rule: &'static str,
    /// The model's log-odds at the mean.
    pub bias: f64,
    /// The confidence.
    pub confidence: f64,
    /// Each feature's part, largest first.
    pub parts: Vec<Part>,
}

/// One feature's part of a confidence.
#[derive(Clone, Debug)]
pub struct Part {
    /// What the feature measures.
    pub feature: String,
    /// Its value for the finding.
    pub value: f64,
    /// Its weight, per standard deviation.
    pub weight: f64,
    /// What it adds to the log-odds.
    pub contribution: f64,
}
