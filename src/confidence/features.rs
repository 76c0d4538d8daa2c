//! What the confidence of a finding is estimated from: numbers the pipeline already knows
//! about the finding and the sentences around it, each in 0..=1 or a small range, named so
//! that `explain` can show them.

use std::collections::HashSet;

use crate::config::SourceKind;
use crate::model::{Document, FactKind, Finding, FindingKind, Language, Report, Token, TokenKind};

/// The names of the measured features, in the order of a [`Features`] vector; the rule
/// indicators ([`RULES`]) follow them.
pub const NAMES: [&str; MEASURED] = [
    "alignment score of the sentence",
    "aligned sentences (of 3)",
    "sentence words in the aligned source",
    "aligned source words in the sentence",
    "sentence words anywhere in the other document",
    "names of the sentence in the other document",
    "sentence has names",
    "numbers of the sentence in the other document",
    "sentence has numbers",
    "finding's words anywhere in the other document",
    "finding's words in the aligned source",
    "finding's words (log)",
    "sentence words (log)",
    "findings in the sentence (log)",
    "position in the document",
    "sentence quotes",
    "salience of an omission",
    "source sentences (log)",
    "summary sentences (log)",
    "Vietnamese",
    "source is one speaker's transcript",
    "details the source never gives (log)",
    "share of those details that are names",
    "share of those details that are numbers",
    "relative gap between the two numbers",
];

/// How many measured features a finding has.
pub const MEASURED: usize = 25;

/// The rules of findings, each with an indicator feature (1 for a finding of that rule): a
/// model of all findings learns how often each rule is right.
pub const RULES: [&str; 13] = [
    "fact-mismatch/number",
    "fact-mismatch/date",
    "fact-mismatch/negation",
    "fact-mismatch/quote",
    "fact-mismatch/title",
    "fact-mismatch/name",
    "fact-mismatch/speaker",
    "fact-mismatch/new-name",
    "fact-mismatch/term",
    "unsupported",
    "omission",
    "paraphrase-shift",
    "other-speaker",
];

/// How many features a finding has: the measured ones, then one per rule.
pub const COUNT: usize = MEASURED + RULES.len();

/// One finding's features: [`NAMES`], then [`RULES`].
pub type Features = [f64; COUNT];

/// The name of feature `index`, as `explain` shows it.
pub fn name(index: usize) -> String {
    match index.checked_sub(MEASURED) {
        None => NAMES[index].to_string(),
        Some(rule) => format!("rule is {}", RULES[rule]),
    }
}

/// What every finding of one report shares: each document's word stems, and how many
/// findings each sentence has.
pub struct Context<'a> {
    report: &'a Report,
    source_kind: SourceKind,
    summary_stems: HashSet<&'a str>,
    source_stems: HashSet<&'a str>,
    findings_per_summary_sentence: Vec<usize>,
}

impl<'a> Context<'a> {
    /// The context of `report`'s findings, checked with `source_kind`.
    pub fn new(report: &'a Report, source_kind: SourceKind) -> Context<'a> {
        let mut findings_per_summary_sentence = vec![0; report.summary.sentences.len()];
        for finding in &report.findings {
            if let Some(at) = finding.summary
                && let Some(count) = findings_per_summary_sentence.get_mut(at.sentence())
            {
                *count += 1;
            }
        }
        Context {
            report,
            source_kind,
            summary_stems: content_stems(&report.summary, &report.summary.tokens).collect(),
            source_stems: content_stems(&report.source, &report.source.tokens).collect(),
            findings_per_summary_sentence,
        }
    }

    /// The features of `finding`, one of the report's.
    pub fn features(&self, finding: &Finding) -> Features {
        let report = self.report;
        // A summary finding is about a summary sentence and the source; an omission about a
        // source sentence and the summary.
        let (document, other, other_stems, sentence, judgement_score, aligned) =
            match (finding.kind, finding.summary, finding.source) {
                (FindingKind::Omission, _, Some(at)) | (_, None, Some(at)) => {
                    let judgement = &report.source_judgements[at.sentence()];
                    (
                        &report.source,
                        &report.summary,
                        &self.summary_stems,
                        at.sentence(),
                        judgement.score,
                        &judgement.aligned_to,
                    )
                }
                (_, Some(at), _) => {
                    let judgement = &report.summary_judgements[at.sentence()];
                    (
                        &report.summary,
                        &report.source,
                        &self.source_stems,
                        at.sentence(),
                        judgement.score,
                        &judgement.aligned_to,
                    )
                }
                (_, None, None) => return rule_indicators(finding, [0.0; COUNT]),
            };
        let tokens = document.sentences[sentence].tokens();
        let aligned_stems: HashSet<&str> = aligned
            .iter()
            .flat_map(|&s| content_stems(other, other.sentence_tokens(s)))
            .collect();
        let stems: HashSet<&str> =
            content_stems(document, &document.tokens[tokens.clone()]).collect();
        let kept_in = |set: &HashSet<&str>, of: &HashSet<&str>| {
            share(of.iter().filter(|s| set.contains(*s)).count(), of.len())
        };
        let names = self.names(document, tokens.clone());
        let numbers: HashSet<&str> = (document.tokens[tokens.clone()].iter())
            .filter(|t| t.kind() == TokenKind::Number)
            .map(|t| document.tokens.key(t))
            .collect();
        let numbers_kept = numbers
            .iter()
            .filter(|n| other.tokens.find(n).is_some())
            .count();
        // The finding's own words: the summary's words it points at, or its sentence's.
        let finding_stems: HashSet<&str> = match finding.summary {
            Some(at) if finding.kind != FindingKind::Omission => {
                content_stems(&report.summary, report.summary.tokens.within(at.span())).collect()
            }
            _ => stems.clone(),
        };
        let summary_sentences = report.summary.sentences.len();
        let sentences_in_document = document.sentences.len();
        let findings_here = if finding.kind == FindingKind::Omission {
            1
        } else {
            self.findings_per_summary_sentence
                .get(sentence)
                .copied()
                .unwrap_or(1)
        };
        let words = (document.tokens[tokens.clone()].iter())
            .filter(|t| t.kind() != TokenKind::Punct)
            .count();
        let quotes = document.language.lexicon().quote_marks;
        let text = document.slice(document.sentences[sentence].span);
        let salience = report
            .source_judgements
            .get(sentence)
            .filter(|_| finding.kind == FindingKind::Omission)
            .and_then(|j| j.salience())
            .unwrap_or(0.0);
        let measured: [f64; MEASURED] = [
            judgement_score,
            aligned.len().min(3) as f64 / 3.0,
            kept_in(&aligned_stems, &stems),
            share(
                aligned_stems.iter().filter(|s| stems.contains(*s)).count(),
                aligned_stems.len(),
            ),
            kept_in(other_stems, &stems),
            share(
                names.iter().filter(|n| other_stems.contains(*n)).count(),
                names.len(),
            ),
            flag(!names.is_empty()),
            share(numbers_kept, numbers.len()),
            flag(!numbers.is_empty()),
            kept_in(other_stems, &finding_stems),
            kept_in(&aligned_stems, &finding_stems),
            log_scaled(finding_stems.len(), 32),
            log_scaled(words, 64),
            log_scaled(findings_here, 8),
            share(sentence, sentences_in_document.saturating_sub(1)),
            flag(
                text.chars()
                    .any(|c| quotes.iter().any(|&(open, _)| c == open)),
            ),
            salience,
            log_scaled(report.source.sentences.len(), 1000),
            log_scaled(summary_sentences, 100),
            flag(document.language == Language::Vietnamese),
            flag(self.source_kind.has_one_speaker()),
            log_scaled(finding.added.len(), 8),
            share_of_details(finding, |fact| fact == FactKind::NewName),
            share_of_details(finding, |fact| {
                fact == FactKind::Number || fact == FactKind::Date
            }),
            self.number_gap(finding),
        ];
        let mut features = [0.0; COUNT];
        features[..MEASURED].copy_from_slice(&measured);
        rule_indicators(finding, features)
    }

    /// How far apart the summary's and the source's numbers of a number mismatch are, as a
    /// share of the larger (0 for any other finding).
    fn number_gap(&self, finding: &Finding) -> f64 {
        let (Some(said), Some(source)) = (finding.summary, finding.source) else {
            return 0.0;
        };
        if finding.fact != Some(FactKind::Number) {
            return 0.0;
        }
        let value = |document: &Document, at: crate::model::Location| {
            let facts = document.facts.get(at.sentence());
            facts
                .numbers
                .iter()
                .find(|n| n.span.start < at.span().end && at.span().start < n.span.end)
                .map(|n| n.value)
        };
        match (
            value(&self.report.summary, said),
            value(&self.report.source, source),
        ) {
            (Some(a), Some(b)) if a.is_finite() && b.is_finite() => {
                let larger = a.abs().max(b.abs());
                if larger > 0.0 {
                    ((a - b).abs() / larger).min(1.0)
                } else {
                    0.0
                }
            }
            _ => 0.0,
        }
    }

    /// The stems of the capitalised words of a sentence after its first word: its names.
    fn names(&self, document: &'a Document, tokens: std::ops::Range<usize>) -> Vec<&'a str> {
        let start = tokens.start;
        document.tokens[tokens]
            .iter()
            .enumerate()
            .filter(|&(offset, t)| offset > 0 && t.kind() == TokenKind::Word && t.capitalized())
            .map(|(offset, _)| document.stem(&document.tokens[start + offset]))
            .collect()
    }
}

/// The share of an `unsupported` finding's details whose fact is `kind` (0 when it has none).
fn share_of_details(finding: &Finding, kind: impl Fn(FactKind) -> bool) -> f64 {
    if finding.added.is_empty() {
        return 0.0;
    }
    let matching = finding.added.iter().filter(|d| kind(d.fact)).count();
    matching as f64 / finding.added.len() as f64
}

/// `features` with the indicator of `finding`'s rule set.
fn rule_indicators(finding: &Finding, mut features: Features) -> Features {
    let rule = finding.rule();
    if let Some(index) = RULES.iter().position(|r| *r == rule) {
        features[MEASURED + index] = 1.0;
    }
    features
}

/// The stems of the words and numbers of `tokens` (of `document`) that are not function
/// words.
fn content_stems<'a>(document: &'a Document, tokens: &'a [Token]) -> impl Iterator<Item = &'a str> {
    let function_words = &document.language.lexicon().function_words;
    tokens
        .iter()
        .filter(|t| t.kind() != TokenKind::Punct)
        .filter(move |t| !function_words.contains(document.tokens.key(t)))
        .map(|t| document.stem(t))
}

/// `part` of `whole` in 0..=1; 1 when there is nothing to keep.
fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        1.0
    } else {
        part as f64 / whole as f64
    }
}

/// 1 for true, 0 for false.
fn flag(value: bool) -> f64 {
    f64::from(u8::from(value))
}

/// `ln(1 + n) / ln(1 + scale)`: 0 for none, 1 at `scale`, growing slowly beyond.
fn log_scaled(n: usize, scale: usize) -> f64 {
    (n as f64).ln_1p() / (scale as f64).ln_1p()
}
