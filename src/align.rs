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
//! keep their own keys): the facts stage, not the aligner, decides whether values agree. A
//! sentence that is all framing (only a name, or only a date) keeps those words.
//! Adjacent word pairs were tried as features too; on the MSRP training set and the alignment
//! gold set they cost accuracy, so words are compared one by one.
//!
//! A summary sentence's score against source sentences is the share of its feature weight that
//! they contain. The best source sentence is linked first (ranked by that share, tempered by
//! the share of the source sentence it accounts for); further ones are merged in while
//! each adds at least [`Config::merge_gain`] of new weight (a summary sentence may merge
//! several source sentences; several summary sentences may split one). Candidates come from an
//! inverted index over the source's features, so only sentences sharing a feature are scored.
//!
//! The cost per summary sentence is bounded, as in an IR engine that does not read a stop
//! word's whole posting list: a feature in more than [`POSTINGS_PER_FEATURE`] source
//! sentences (a common word of a long source) is read only over that many of its sentences,
//! those nearest the summary sentence's expected place, and the source sentences with the
//! summary sentence's very wording are candidates too. The candidates found that way are then
//! scored on all of their features, so a source short enough for no list to be capped (every
//! fixture and evaluation document) is aligned exactly as with no cap. [`Work`] counts what
//! the alignment did, so that tests can check that it grows linearly with the input.

use std::hash::{Hash, Hasher};
use std::sync::{Mutex, PoisonError};
use std::time::Instant;

use rayon::prelude::*;

mod links;
mod order;

pub use links::{Link, Links};

use crate::config::Config;
use crate::model::{BitSet256, Document, Groups, Interner, Lists, SentenceList, TokenKind};
use order::keep_in_order;

/// A feature id (an interned key or key pair).
type Feature = u32;

/// The longest posting list read whole: a feature in more source sentences than this is read
/// only over the ones nearest the expected place. A content word of a 1,000-sentence speech
/// is in a few dozen of its sentences; 32 keeps the candidates of one summary sentence to a
/// few hundred. Going from 64 to 32 changed no benchmark figure (6 of `QMSum`'s 237 reports
/// moved, 3 to better-scored links) and took 13% off the 1 MB + 1 MB check; 16 lowered
/// `QMSum`'s turn precision (0.450 to 0.448), so 32 stays.
pub const POSTINGS_PER_FEATURE: usize = 32;

/// The most candidates gathered for one summary sentence. When more could be reached, the
/// lists are first read rarest first to choose them, and then only add to the chosen ones, as
/// an IR engine limits its accumulators (Moffat and Zobel's "continue" strategy). Twice the
/// sentences of the longest meeting transcript in the evaluations (`QMSum`, 1,868), so that it
/// binds only on sources of several hundred kilobytes, and keeps the ranking of one summary
/// sentence to a few microseconds.
pub const MAX_CANDIDATES: usize = 4096;

/// The most source sentences with a summary sentence's very wording taken as candidates,
/// nearest the expected place first.
const SAME_WORDING_CANDIDATES: usize = 4;

/// The most (candidate, capped feature) checks spent completing one summary sentence's
/// scores on the features whose lists were read in part; past it only the best candidates by
/// their partial score are completed. Enough for a long meeting transcript: rescoring only
/// the best 80 had changed 7 of `QMSum`'s 237 reports; 4,096 checks change none of them
/// against 16,384 (2,048 changed one), and a fixed amount per summary sentence.
const RESCORE_CHECKS: usize = 4 * 1024;

/// What an alignment did, for tests and benchmarks that check its cost grows linearly with
/// the input (counted per call, never in global state).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Work {
    /// Distinct comparison keys made into features (by their stems), over both documents.
    pub keys_featured: u64,
    /// Posting-list entries held by the source index (one per feature of a source sentence).
    pub postings_held: u64,
    /// Posting-list entries read while gathering candidates.
    pub postings_visited: u64,
    /// Posting lists read only in part because they exceed [`POSTINGS_PER_FEATURE`].
    pub lists_capped: u64,
    /// Candidate source sentences scored, over all summary sentences.
    pub candidates_scored: u64,
    /// Candidates whose score was completed on the features whose lists were capped.
    pub candidates_rescored: u64,
}

impl std::ops::AddAssign for Work {
    fn add_assign(&mut self, other: Work) {
        self.keys_featured += other.keys_featured;
        self.postings_held += other.postings_held;
        self.postings_visited += other.postings_visited;
        self.lists_capped += other.lists_capped;
        self.candidates_scored += other.candidates_scored;
        self.candidates_rescored += other.candidates_rescored;
    }
}

/// The alignment of a summary with its source.
#[derive(Clone, Debug)]
pub struct Alignment {
    /// Per summary sentence: its best link, or none when no source sentence shares a feature
    /// with it (or it is editorial).
    pub links: Links,
    /// Summary sentences left unaligned because [`Config::time_limit`] ran out first, in order.
    pub not_reached: Vec<usize>,
    /// What the alignment did.
    pub work: Work,
    summary_features: FeatureSets,
    source_features: FeatureSets,
    weights: Vec<f64>,
}

/// The sorted, distinct features of each sentence of a document, in one flat list: one
/// allocation for a document, and a sentence's features next to the next sentence's.
type FeatureSets = Lists<Feature>;

impl Alignment {
    /// The share of each source sentence's feature weight found in the summary sentences that
    /// link to it; `linked(s)` gives the source sentences summary sentence `s` counts as
    /// linked with (its link's, or fewer).
    pub fn source_coverage<'a>(&self, linked: impl Fn(usize) -> &'a [usize]) -> Vec<f64> {
        self.coverage(&self.linked_from(linked))
    }

    /// The links inverted: the summary sentences that link to each source sentence, as
    /// `linked(s)` gives summary sentence `s`'s source sentences.
    pub(crate) fn linked_from<'a>(&self, linked: impl Fn(usize) -> &'a [usize]) -> Groups {
        Groups::new(self.source_features.len(), || {
            (0..self.summary_features.len()).flat_map(|summary| {
                let number = u32::try_from(summary).expect("fewer than 2^32 sentences");
                linked(summary).iter().map(move |&source| (source, number))
            })
        })
    }

    /// The links and the sentences not reached, the features and weights freed.
    pub(crate) fn into_links(self) -> (Links, Vec<usize>) {
        (self.links, self.not_reached)
    }

    /// [`Alignment::source_coverage`], from the links inverted ([`Alignment::linked_from`]).
    pub(crate) fn coverage(&self, linked_from: &Groups) -> Vec<f64> {
        let mut seen: Vec<Feature> = Vec::new();
        self.source_features
            .iter()
            .enumerate()
            .map(|(source, features)| {
                seen.clear();
                for &summary in linked_from.get(source) {
                    seen.extend(self.summary_features.get(summary as usize));
                }
                seen.sort_unstable();
                let found = features
                    .iter()
                    .filter(|f| seen.binary_search(f).is_ok())
                    .map(|&f| self.weights[f as usize])
                    .sum();
                ratio(found, weight(&self.weights, features))
            })
            .collect()
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
    ids: Interner,
    sentence_counts: Vec<u32>,
    sentences: u32,
    keys_featured: u64,
}

impl FeatureTable {
    /// The feature of every key past 4 GiB of feature text (two texts of over 2 GiB whose
    /// words are all different): such keys are compared as one word.
    const OVERFLOW: Feature = 0;

    /// A table whose first feature, [`FeatureTable::OVERFLOW`], is the empty key, which no
    /// word has.
    fn new() -> Self {
        let mut table = FeatureTable::default();
        table.intern("");
        table
    }

    /// The sorted, distinct features of every sentence of a document (editorial ones have
    /// none). With `count`, the sentences count toward the features' document frequency.
    fn document(&mut self, document: &Document, count: bool) -> FeatureSets {
        // The feature of each of the document's keys, found once per key.
        let mut by_key: Vec<Option<Feature>> = vec![None; document.tokens.distinct_keys()];
        let mut sets = FeatureSets::default();
        for index in 0..document.sentences.len() {
            if document.sentences[index].editorial.is_some() {
                sets.push(&[]);
                continue;
            }
            let features = self.sentence(document, index, &mut by_key);
            if count {
                self.sentences += 1;
                for &feature in &features {
                    self.sentence_counts[feature as usize] += 1;
                }
            }
            sets.push(&features);
        }
        sets.shrink_to_fit();
        sets
    }

    fn sentence(
        &mut self,
        document: &Document,
        index: usize,
        by_key: &mut [Option<Feature>],
    ) -> Vec<Feature> {
        let sentence = &document.sentences[index];
        let facts = document.facts.get(index);
        let first = sentence.tokens().start;
        let words = || {
            sentence
                .tokens()
                .filter(|&t| document.tokens[t].kind() != TokenKind::Punct)
        };
        let mut framing = facts.framing(sentence.tokens());
        if words().all(|t| framing[t - first]) {
            // A sentence that is all framing (a name, a date) is compared by those words.
            framing.fill(false);
        }
        let in_numbers = facts.in_numbers(sentence.tokens());
        let mut features: Vec<Feature> = words()
            .filter(|&t| !framing[t - first])
            .map(|t| {
                if in_numbers[t - first] {
                    return self.intern("#");
                }
                let token = &document.tokens[t];
                match by_key[token.key.index()] {
                    Some(feature) => feature,
                    None => {
                        self.keys_featured += 1;
                        let feature = self.intern(document.stem(token));
                        by_key[token.key.index()] = Some(feature);
                        feature
                    }
                }
            })
            .collect();
        features.sort_unstable();
        features.dedup();
        features
    }

    fn intern(&mut self, key: &str) -> Feature {
        let id = self.ids.intern(key).unwrap_or(FeatureTable::OVERFLOW);
        if id as usize == self.sentence_counts.len() {
            self.sentence_counts.push(0);
        }
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

/// The source side of the alignment: every source sentence's features, their weights, the
/// inverted index from a feature to the sentences that have it, and from a wording to them.
struct Index {
    features: FeatureSets,
    totals: Vec<f64>,
    /// The source sentences of each feature, ascending.
    postings: Groups,
    weights: Vec<f64>,
    wordings: Vec<u64>,
    /// The source sentences with features, ordered by wording and then by place: those of one
    /// wording are together, ascending.
    by_wording: Vec<u32>,
}

/// A buffer for one worker: the weight each source sentence shares with the summary sentence
/// being linked, which entries are set, and the features whose lists were read in part.
struct Scratch {
    shared: Vec<f64>,
    is_touched: Vec<bool>,
    touched: Vec<u32>,
    capped: Vec<(Feature, std::ops::RangeInclusive<u32>)>,
}

/// A candidate source sentence: its index, its score, and whether it has the summary
/// sentence's very wording.
type Ranked = (usize, f64, bool);

/// The `count` entries of a sorted list nearest `target` (a window around where it would go).
fn nearest(list: &[u32], target: usize, count: usize) -> &[u32] {
    let at = list.partition_point(|&entry| (entry as usize) < target);
    let start = at
        .saturating_sub(count / 2)
        .min(list.len().saturating_sub(count));
    &list[start..(start + count).min(list.len())]
}

impl Index {
    fn new(features: FeatureSets, weights: Vec<f64>, wordings: Vec<u64>) -> Self {
        let postings = Groups::new(weights.len(), || {
            features.iter().enumerate().flat_map(|(index, sentence)| {
                let index = u32::try_from(index).expect("fewer than 2^32 sentences");
                sentence
                    .iter()
                    .map(move |&feature| (feature as usize, index))
            })
        });
        let mut by_wording: Vec<u32> = (0..features.len())
            .filter(|&index| !features.get(index).is_empty())
            .map(|index| u32::try_from(index).expect("fewer than 2^32 sentences"))
            .collect();
        by_wording.sort_unstable_by_key(|&index| (wordings[index as usize], index));
        let totals = features.iter().map(|f| weight(&weights, f)).collect();
        Index {
            features,
            totals,
            postings,
            weights,
            wordings,
            by_wording,
        }
    }

    fn scratch(&self) -> Scratch {
        Scratch {
            shared: vec![0.0; self.features.len()],
            is_touched: vec![false; self.features.len()],
            touched: Vec::new(),
            capped: Vec::new(),
        }
    }

    /// Notes a source sentence as a candidate, unless there are [`MAX_CANDIDATES`] already;
    /// true when it is one.
    fn touch(scratch: &mut Scratch, source: u32) -> bool {
        let source = source as usize;
        if !scratch.is_touched[source] {
            if scratch.touched.len() >= MAX_CANDIDATES {
                return false;
            }
            scratch.is_touched[source] = true;
            scratch.touched.push(source as u32);
        }
        true
    }

    /// The part of a feature's posting list that is read: all of it, or the
    /// [`POSTINGS_PER_FEATURE`] entries nearest `expected`.
    fn read(&self, feature: Feature, expected: usize) -> &[u32] {
        let list = self.postings.get(feature as usize);
        if list.len() > POSTINGS_PER_FEATURE {
            nearest(list, expected, POSTINGS_PER_FEATURE)
        } else {
            list
        }
    }

    /// The number of postings a feature's list gives at most.
    fn read_length(&self, feature: Feature) -> usize {
        self.postings
            .get(feature as usize)
            .len()
            .min(POSTINGS_PER_FEATURE)
    }

    /// The best `limit` source sentences sharing a feature with the summary sentence, best
    /// first (ranked by the share of the summary sentence found, tempered by the share of the
    /// source sentence it accounts for, so that a long source sentence sharing many common
    /// words does not win over a short one the summary sentence restates). Among equals, a
    /// source sentence with the summary sentence's very wording comes first, then the one
    /// nearest `expected`, the place in the source that matches the summary sentence's place
    /// in the summary (so that repeated sentences pair up in order). A posting list longer
    /// than [`POSTINGS_PER_FEATURE`] is read only around `expected`.
    fn candidates(
        &self,
        features: &[Feature],
        (wording, expected): (u64, usize),
        (total, limit): (f64, usize),
        scratch: &mut Scratch,
        work: &mut Work,
    ) -> Vec<usize> {
        // Sentences of the same wording are candidates however common their words.
        let wording_of = |&index: &u32| self.wordings[index as usize];
        let first = self.by_wording.partition_point(|i| wording_of(i) < wording);
        let same = &self.by_wording[first..];
        let same = &same[..same.partition_point(|i| wording_of(i) == wording)];
        for &source in nearest(same, expected, SAME_WORDING_CANDIDATES) {
            Index::touch(scratch, source);
        }
        let reachable: usize = features.iter().map(|&f| self.read_length(f)).sum();
        let choose_first = reachable + SAME_WORDING_CANDIDATES > MAX_CANDIDATES;
        if choose_first {
            // The candidates may run out: the rarest features choose them.
            let mut rarest_first = features.to_vec();
            rarest_first.sort_by_key(|&f| (self.postings.get(f as usize).len(), f));
            work.postings_visited += reachable as u64;
            for feature in rarest_first {
                for &source in self.read(feature, expected) {
                    Index::touch(scratch, source);
                }
            }
        }
        // The weights are added in the features' own order, so that the sums are the same
        // whichever way the candidates were chosen.
        for &feature in features {
            let read = self.read(feature, expected);
            if read.len() < self.postings.get(feature as usize).len() {
                scratch
                    .capped
                    .push((feature, read[0]..=read[read.len() - 1]));
                work.lists_capped += 1;
            }
            work.postings_visited += read.len() as u64;
            let weight = self.weights[feature as usize];
            for &source in read {
                if choose_first && !scratch.is_touched[source as usize] {
                    continue;
                }
                if Index::touch(scratch, source) {
                    scratch.shared[source as usize] += weight;
                }
            }
        }
        let mut ranked: Vec<Ranked> = scratch
            .touched
            .drain(..)
            .map(|source| {
                let source = source as usize;
                scratch.is_touched[source] = false;
                (source, std::mem::take(&mut scratch.shared[source]), false)
            })
            .collect();
        work.candidates_scored += ranked.len() as u64;
        if !scratch.capped.is_empty() {
            self.rescore(&mut ranked, &scratch.capped, limit, work);
            scratch.capped.clear();
        }
        // A sentence of the same wording whose words are all framing shares no feature.
        ranked.retain(|&(_, shared, _)| shared > 0.0);
        for candidate in &mut ranked {
            let (source, shared) = (candidate.0, candidate.1);
            let source_share = ratio(shared, self.totals[source]);
            *candidate = (
                source,
                shared / total * (1.0 + source_share) / 2.0,
                self.wordings[source] == wording,
            );
        }
        let order = |a: &Ranked, b: &Ranked| {
            b.1.total_cmp(&a.1)
                .then(b.2.cmp(&a.2))
                .then(a.0.abs_diff(expected).cmp(&b.0.abs_diff(expected)))
                .then(a.0.cmp(&b.0))
        };
        best_first(&mut ranked, limit, order);
        ranked.into_iter().map(|(source, ..)| source).collect()
    }

    /// Completes the shared weight of candidates (`(source, shared, _)`) with the capped
    /// features they have outside the part of the list that was read. When that would take
    /// more than [`RESCORE_CHECKS`] checks, only the best candidates by their partial weight
    /// are kept and completed (at least four times `limit`).
    fn rescore(
        &self,
        ranked: &mut Vec<Ranked>,
        capped: &[(Feature, std::ops::RangeInclusive<u32>)],
        limit: usize,
        work: &mut Work,
    ) {
        let affordable = (RESCORE_CHECKS / capped.len()).max(4 * limit);
        keep_best(ranked, affordable, |a, b| {
            b.1.total_cmp(&a.1).then(a.0.cmp(&b.0))
        });
        work.candidates_rescored += ranked.len() as u64;
        let mut filter = BitSet256::default();
        for &(feature, _) in capped {
            filter.insert(feature as usize);
        }
        for (source, shared, _) in ranked.iter_mut() {
            let index = u32::try_from(*source).expect("fewer than 2^32 sentences");
            // Both lists are sorted by feature, so the weights are added in the same order
            // as the features were read.
            for &feature in self.features.get(*source) {
                if !filter.contains(feature as usize) {
                    continue;
                }
                if let Ok(at) = capped.binary_search_by_key(&feature, |&(capped, _)| capped)
                    && !capped[at].1.contains(&index)
                {
                    *shared += self.weights[feature as usize];
                }
            }
        }
    }

    /// The best link for one summary sentence's features, given its wording and expected
    /// place (`wording_and_place`, as [`Index::candidates`] takes them).
    fn link(
        &self,
        features: &[Feature],
        wording_and_place: (u64, usize),
        scratch: &mut Scratch,
        config: &Config,
    ) -> (Option<(SentenceList, f64)>, Work) {
        let mut work = Work::default();
        let total = weight(&self.weights, features);
        if total <= 0.0 {
            return (None, work);
        }
        let candidates = self.candidates(
            features,
            wording_and_place,
            (total, config.merge_candidates),
            scratch,
            &mut work,
        );
        let Some(&best) = candidates.first() else {
            return (None, work);
        };
        let has = |source: usize, feature: &Feature| {
            self.features.get(source).binary_search(feature).is_ok()
        };
        let mut chosen = SentenceList::from_elem(best, 1);
        let mut uncovered: Vec<Feature> =
            features.iter().copied().filter(|f| !has(best, f)).collect();
        while chosen.len() < config.max_merged_sources {
            let gain = |source: usize| {
                let found: Vec<Feature> = uncovered
                    .iter()
                    .copied()
                    .filter(|f| has(source, f))
                    .collect();
                weight(&self.weights, &found) / total
            };
            let next = candidates
                .iter()
                .copied()
                .filter(|s| !chosen.contains(s))
                .map(|s| (s, gain(s)))
                .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
            match next {
                Some((source, gain)) if gain >= config.merge_gain => {
                    chosen.push(source);
                    uncovered.retain(|f| !has(source, f));
                }
                _ => break,
            }
        }
        chosen.sort_unstable();
        let score = ratio(total - weight(&self.weights, &uncovered), total);
        (Some((chosen, score)), work)
    }
}

/// Keeps the first `limit` of `items` in the total `order`, in no particular order, in time
/// linear in the items.
fn keep_best<T>(items: &mut Vec<T>, limit: usize, order: impl Fn(&T, &T) -> std::cmp::Ordering) {
    if limit == 0 {
        items.clear();
    } else if items.len() > limit {
        items.select_nth_unstable_by(limit - 1, order);
        items.truncate(limit);
    }
}

/// Keeps the first `limit` of `items` in the total `order`, sorted: the same as a full sort
/// then a cut, in time linear in the items.
fn best_first<T>(items: &mut Vec<T>, limit: usize, order: impl Fn(&T, &T) -> std::cmp::Ordering) {
    keep_best(items, limit, &order);
    items.sort_unstable_by(order);
}

/// A hash of each sentence's wording: the comparison keys of its words, in order.
fn wordings(document: &Document) -> Vec<u64> {
    document
        .sentences
        .iter()
        .map(|sentence| {
            let mut hasher = std::hash::DefaultHasher::new();
            for token in document.tokens.words_within(sentence.span) {
                document.tokens.key(token).hash(&mut hasher);
            }
            hasher.finish()
        })
        .collect()
}

fn weight(weights: &[f64], features: &[Feature]) -> f64 {
    features.iter().map(|&f| weights[f as usize]).sum()
}

/// What the summary sentences' alignment did, over all of them.
#[derive(Default)]
struct Totals {
    work: Work,
    not_reached: Vec<usize>,
}

/// A worker's share of the summary sentences: its scratch space and its totals, added to
/// the alignment's when the share ends.
struct Share<'a> {
    scratch: Scratch,
    totals: Totals,
    into: &'a Mutex<Totals>,
}

impl Drop for Share<'_> {
    fn drop(&mut self) {
        let mut into = self.into.lock().unwrap_or_else(PoisonError::into_inner);
        into.work += self.totals.work;
        into.not_reached.append(&mut self.totals.not_reached);
    }
}

/// Aligns every summary sentence with the source, in parallel. Sentences not reached within
/// [`Config::time_limit`] are left unlinked and listed in [`Alignment::not_reached`].
pub fn align(summary: &Document, source: &Document, config: &Config) -> Alignment {
    let deadline = config.time_limit.map(|limit| Instant::now() + limit);
    align_until(summary, source, config, deadline)
}

/// Leaves every summary sentence without a link: the alignment of texts whose words cannot
/// be compared (two languages, [`crate::lang::different`]).
pub fn unaligned(summary: &Document, source: &Document, config: &Config) -> Alignment {
    // A deadline already passed reaches no sentence; none is left for lack of time.
    let mut alignment = align_until(summary, source, config, Some(Instant::now()));
    alignment.not_reached.clear();
    alignment
}

/// [`align`], leaving the summary sentences not reached by `deadline` unaligned.
fn align_until(
    summary: &Document,
    source: &Document,
    config: &Config,
    deadline: Option<Instant>,
) -> Alignment {
    let mut table = FeatureTable::new();
    let source_features = table.document(source, true);
    let summary_features = table.document(summary, false);
    let mut work = Work {
        keys_featured: table.keys_featured,
        postings_held: source_features.items() as u64,
        ..Work::default()
    };
    // The features' keys and counts are not needed to link: freed before the index is built.
    let weights = table.weights();
    drop(table);
    let index = Index::new(source_features, weights, wordings(source));
    let summary_wordings = wordings(summary);
    let summary_count = summary.sentences.len().max(1);

    // Sentences go to the workers a few at a time: a short summary stays on one thread. Each
    // share of them counts its work and the sentences it did not reach, and adds them to the
    // totals as it ends, so that the list kept is the links alone, gathered in order.
    let totals = Mutex::new(Totals::default());
    let mut links = (0..summary_features.len())
        .into_par_iter()
        .zip(&summary_wordings)
        .with_min_len(8)
        .map_init(
            || Share {
                scratch: index.scratch(),
                totals: Totals::default(),
                into: &totals,
            },
            |share, (sentence, &wording)| {
                if deadline.is_some_and(|d| Instant::now() >= d) {
                    share.totals.not_reached.push(sentence);
                    return None;
                }
                // The source sentence at the summary sentence's relative place.
                let place = sentence * source.sentences.len() / summary_count;
                let features = summary_features.get(sentence);
                let (link, sentence_work) =
                    index.link(features, (wording, place), &mut share.scratch, config);
                share.totals.work += sentence_work;
                link
            },
        )
        .fold(Links::default, |mut links, link| {
            links.push(link);
            links
        })
        .reduce(Links::default, |mut links, following| {
            links.append(following);
            links
        });
    links.shrink_to_fit();
    let totals = totals.into_inner().unwrap_or_else(PoisonError::into_inner);
    work += totals.work;
    let mut not_reached = totals.not_reached;
    not_reached.sort_unstable();
    if config.in_order {
        keep_in_order(&mut links, config.support_threshold);
    }
    Alignment {
        links,
        not_reached,
        work,
        summary_features,
        source_features: index.features,
        weights: index.weights,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Input, analyze};

    fn links(summary: &str, source: &str, in_order: bool) -> Vec<Option<Vec<usize>>> {
        let config = Config {
            sentence_per_paragraph: true,
            in_order,
            max_merged_sources: 1,
            ..Config::default()
        };
        let summary = analyze(&Input::new("summary", summary), &config);
        let source = analyze(&Input::new("source", source), &config);
        align(&summary, &source, &config)
            .links
            .iter()
            .map(|l| l.map(|l| l.sources.to_vec()))
            .collect()
    }

    #[test]
    fn in_order_drops_links_that_go_back_and_keeps_splits() {
        let source = "Der Wolf frisst die sieben Geißlein.\n\n\
                      Die Mutter sucht ihre Kinder im Wald.\n\n\
                      Am Ende schläft der Wolf unter einem Baum.";
        let summary = "Die Mutter sucht ihre Kinder.\n\n\
                       Im Wald.\n\n\
                       Der Wolf schläft unter einem Baum.\n\n\
                       Der Wolf frisst die Geißlein.";
        let free = links(summary, source, false);
        assert_eq!(free[3], Some(vec![0]));
        let ordered = links(summary, source, true);
        assert_eq!(ordered[0], Some(vec![1]));
        assert_eq!(ordered[1], Some(vec![1]), "the rest of a split stays");
        assert_eq!(ordered[2], Some(vec![2]));
        assert_eq!(
            ordered[3], None,
            "a link back to the first sentence is dropped"
        );
    }
}
