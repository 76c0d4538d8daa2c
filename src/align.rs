//! Stage 5, **align**: summary sentences to the source sentences they report.
//!
//! Input: the summary and source [`Document`]s. Output: an [`Alignment`]: for each summary
//! sentence, zero or more source sentences (in any order of the source, so reordering is
//! free) with a score in 0..=1.
//!
//! Each sentence becomes a set of weighted features: the comparison keys of its words, each
//! weighted by how rare it is among the source sentences (inverse document frequency), so that
//! words common in the source, function words among them, weigh little. Words that frame a
//! report rather than carry its content (a person's name and title, a reporting verb, a date)
//! are left out; English words are compared by their stems; and every number is one feature,
//! `#`, so that two sentences about the same count align whatever its value (other digits
//! keep their own keys): the facts stage, not the aligner, decides whether values agree.
//! Adjacent word pairs were tried as features too; on the MSRP training set and the alignment
//! gold set they cost accuracy, so words are compared one by one.
//!
//! A summary sentence's score against source sentences is the share of its feature weight that
//! they contain. The best source sentence is linked first (ranked by that share, tempered by
//! the share of the source sentence it accounts for); further ones are merged in while
//! each adds at least [`Config::merge_gain`] of new weight (a summary sentence may merge
//! several source sentences; several summary sentences may split one). Candidates come from an
//! inverted index over the source's features, so only sentences sharing a feature are scored.

use std::collections::HashMap;

use crate::config::Config;
use crate::model::{Document, TokenKind};

/// A feature id (an interned key or key pair).
type Feature = u32;

/// The source sentences one summary sentence is aligned with.
#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    /// Source sentence indices, ascending.
    pub sources: Vec<usize>,
    /// The share of the summary sentence's feature weight found in those sources, in 0..=1.
    pub score: f64,
}

/// The alignment of a summary with its source.
#[derive(Clone, Debug)]
pub struct Alignment {
    /// Per summary sentence: its best link, or `None` when no source sentence shares a feature
    /// with it (or it is editorial).
    pub links: Vec<Option<Link>>,
    summary_features: Vec<Vec<Feature>>,
    source_features: Vec<Vec<Feature>>,
    weights: Vec<f64>,
}

impl Alignment {
    /// The share of each source sentence's feature weight found in the summary sentences that
    /// link to it, counting only the links for which `counts` is true.
    pub fn source_coverage(&self, counts: impl Fn(usize) -> bool) -> Vec<f64> {
        let mut seen: Vec<Vec<Feature>> = vec![Vec::new(); self.source_features.len()];
        for (summary, link) in self.links.iter().enumerate() {
            let Some(link) = link.as_ref().filter(|_| counts(summary)) else {
                continue;
            };
            for &source in &link.sources {
                seen[source].extend(&self.summary_features[summary]);
            }
        }
        self.source_features
            .iter()
            .zip(seen)
            .map(|(features, mut seen)| {
                seen.sort_unstable();
                let found = features.iter().filter(|f| seen.binary_search(f).is_ok());
                ratio(self.weight(found), self.weight(features.iter()))
            })
            .collect()
    }

    fn weight<'a>(&self, features: impl Iterator<Item = &'a Feature>) -> f64 {
        features.map(|&f| self.weights[f as usize]).sum()
    }
}

fn ratio(part: f64, whole: f64) -> f64 {
    if whole > 0.0 {
        (part / whole).min(1.0)
    } else {
        0.0
    }
}

/// Interns feature keys and counts in how many source sentences each occurs.
#[derive(Default)]
struct FeatureTable {
    ids: HashMap<String, Feature>,
    sentence_counts: Vec<u32>,
    sentences: u32,
}

impl FeatureTable {
    /// The sorted, distinct features of every sentence of a document (editorial ones have
    /// none). With `count`, the sentences count toward the features' document frequency.
    fn document(&mut self, document: &Document, count: bool) -> Vec<Vec<Feature>> {
        (0..document.sentences.len())
            .map(|index| {
                if document.sentences[index].editorial.is_some() {
                    return Vec::new();
                }
                let features = self.sentence(document, index);
                if count {
                    self.sentences += 1;
                    for &feature in &features {
                        self.sentence_counts[feature as usize] += 1;
                    }
                }
                features
            })
            .collect()
    }

    fn sentence(&mut self, document: &Document, index: usize) -> Vec<Feature> {
        let sentence = &document.sentences[index];
        let facts = &document.facts[index];
        let lexicon = document.language.lexicon();
        let number_tokens: Vec<usize> = facts
            .numbers
            .iter()
            .flat_map(|n| n.tokens.clone())
            .collect();
        let mut features: Vec<Feature> = sentence
            .tokens
            .clone()
            .filter(|&t| {
                let token = &document.tokens[t];
                token.kind != TokenKind::Punct && !facts.is_framing(t)
            })
            .map(|t| {
                if number_tokens.contains(&t) {
                    self.intern("#")
                } else {
                    self.intern(&lexicon.stem(&document.tokens[t].key))
                }
            })
            .collect();
        features.sort_unstable();
        features.dedup();
        features
    }

    fn intern(&mut self, key: &str) -> Feature {
        if let Some(&id) = self.ids.get(key) {
            return id;
        }
        let id = Feature::try_from(self.sentence_counts.len()).expect("fewer than 2^32 features");
        self.ids.insert(key.to_string(), id);
        self.sentence_counts.push(0);
        id
    }

    /// Inverse document frequency of every feature over the source; a feature the source
    /// lacks weighs as much as one it has once.
    fn weights(&self) -> Vec<f64> {
        let total = f64::from(self.sentences.max(1));
        self.sentence_counts
            .iter()
            .map(|&count| (1.0 + total / f64::from(count.max(1))).ln())
            .collect()
    }
}

/// Aligns every summary sentence with the source.
pub fn align(summary: &Document, source: &Document, config: &Config) -> Alignment {
    let mut table = FeatureTable::default();
    let source_features = table.document(source, true);
    let summary_features = table.document(summary, false);
    let weights = table.weights();

    let mut postings: Vec<Vec<u32>> = vec![Vec::new(); weights.len()];
    for (index, features) in source_features.iter().enumerate() {
        let index = u32::try_from(index).expect("fewer than 2^32 sentences");
        for &feature in features {
            postings[feature as usize].push(index);
        }
    }

    let source_totals: Vec<f64> = source_features
        .iter()
        .map(|features| features.iter().map(|&f| weights[f as usize]).sum())
        .collect();
    let links = summary_features
        .iter()
        .map(|features| {
            link(
                features,
                &source_features,
                &source_totals,
                &postings,
                &weights,
                config,
            )
        })
        .collect();
    Alignment {
        links,
        summary_features,
        source_features,
        weights,
    }
}

/// The best link for one summary sentence's features.
fn link(
    features: &[Feature],
    source_features: &[Vec<Feature>],
    source_totals: &[f64],
    postings: &[Vec<u32>],
    weights: &[f64],
    config: &Config,
) -> Option<Link> {
    let total: f64 = features.iter().map(|&f| weights[f as usize]).sum();
    if total <= 0.0 {
        return None;
    }
    // Shared weight with every source sentence that shares a feature.
    let mut shared: HashMap<u32, f64> = HashMap::new();
    for &feature in features {
        for &source in &postings[feature as usize] {
            *shared.entry(source).or_default() += weights[feature as usize];
        }
    }
    // Rank by the share of the summary sentence found, tempered by the share of the source
    // sentence it accounts for, so that a long source sentence sharing many common words does
    // not win over a short one the summary sentence restates.
    let mut candidates: Vec<(u32, f64)> = shared
        .into_iter()
        .map(|(source, weight)| {
            let source_share = ratio(weight, source_totals[source as usize]);
            (source, weight / total * (1.0 + source_share) / 2.0)
        })
        .collect();
    candidates.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    candidates.truncate(config.merge_candidates);
    let (best, _) = *candidates.first()?;

    let mut chosen = vec![best as usize];
    let mut uncovered: Vec<Feature> = features
        .iter()
        .copied()
        .filter(|f| source_features[best as usize].binary_search(f).is_err())
        .collect();
    while chosen.len() < config.max_merged_sources {
        let gain = |source: usize| -> f64 {
            uncovered
                .iter()
                .filter(|f| source_features[source].binary_search(f).is_ok())
                .map(|&f| weights[f as usize])
                .sum::<f64>()
                / total
        };
        let next = candidates
            .iter()
            .map(|&(s, _)| s as usize)
            .filter(|s| !chosen.contains(s))
            .map(|s| (s, gain(s)))
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
        match next {
            Some((source, gain)) if gain >= config.merge_gain => {
                chosen.push(source);
                uncovered.retain(|f| source_features[source].binary_search(f).is_err());
            }
            _ => break,
        }
    }
    let missing: f64 = uncovered.iter().map(|&f| weights[f as usize]).sum();
    chosen.sort_unstable();
    Some(Link {
        sources: chosen,
        score: ratio(total - missing, total),
    })
}
