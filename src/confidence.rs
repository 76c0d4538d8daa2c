//! How sure each finding is: the estimated probability that it is right, from a logistic
//! model over numbers the pipeline already knows ([`features`]), learned from public
//! benchmarks by `cargo run --release --example train`, which writes [`weights`].
//!
//! A finding of a rule with a model of its own is rated by that model; every other finding by
//! the model of all findings, which knows each rule by an indicator. `explain` lists what a
//! confidence is made of, weight by weight.

pub mod features;
mod weights;

use crate::config::SourceKind;
use crate::model::{Finding, Report};

pub use features::{COUNT, Features};
pub use weights::DEFAULT_MIN_CONFIDENCE;

/// One logistic model: the confidence of a finding with features `x` is
/// `1 / (1 + e^-(bias + Σ weights[i] · (x[i] - means[i]) / scales[i]))`, a feature with scale 0
/// counting for nothing.
#[derive(Clone, Copy, Debug)]
pub struct Model {
    /// The rule it rates (`fact-mismatch/number`), or [`ALL_RULES`].
    pub rule: &'static str,
    /// How many findings it was fitted on.
    pub trained_on: usize,
    /// The log-odds of a finding whose features are all at their means.
    pub bias: f64,
    /// Each feature's mean over the findings it was fitted on.
    pub means: Features,
    /// Each feature's standard deviation there (0 for a feature that never varied).
    pub scales: Features,
    /// Each standardised feature's weight in the log-odds.
    pub weights: Features,
}

/// The [`Model::rule`] of the model of all findings.
pub const ALL_RULES: &str = "*";

impl Model {
    /// Each feature's part of the log-odds of `features`, in feature order.
    pub fn contributions(&self, features: &Features) -> Features {
        std::array::from_fn(|i| {
            if self.scales[i] > 0.0 {
                self.weights[i] * (features[i] - self.means[i]) / self.scales[i]
            } else {
                0.0
            }
        })
    }

    /// The probability that a finding with `features` is right.
    pub fn confidence(&self, features: &Features) -> f64 {
        let log_odds = self.bias + self.contributions(features).iter().sum::<f64>();
        1.0 / (1.0 + (-log_odds).exp())
    }
}

/// The model that rates findings of `rule`: its own, or the model of all findings.
pub fn model_for(rule: &str) -> &'static Model {
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

/// Rates every finding of `report` ([`Finding::confidence`]).
pub fn assess(report: &mut Report, source_kind: SourceKind) {
    let context = features::Context::new(report, source_kind);
    // One number per finding at a time: a finding's features are a few hundred bytes.
    let confidences: Vec<f64> = (report.findings.iter())
        .map(|f| round(model_for(&f.rule()).confidence(&context.features(f))))
        .collect();
    for (finding, confidence) in report.findings.iter_mut().zip(confidences) {
        finding.confidence = confidence;
    }
}

/// What one finding's confidence is made of: the model, and each feature's value and part of
/// the log-odds, largest part first.
pub fn explain(report: &Report, source_kind: SourceKind, finding: &Finding) -> Explanation {
    let context = features::Context::new(report, source_kind);
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

/// A confidence to two decimals, as every output shows it, so that outputs agree.
fn round(confidence: f64) -> f64 {
    (confidence * 100.0).round() / 100.0
}
