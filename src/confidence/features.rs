//! What the confidence of a finding is estimated from: numbers the pipeline already knows
//! about the finding and the sentences around it, each in 0..=1 or a small range, named so
//! that `explain` can show them.

use std::hash::BuildHasher;

use rustc_hash::FxHashSet as HashSet;

use crate::config::SourceKind;
use crate::model::{
    Document, FactKind, Finding, FindingKind, Language, Report, SourceLabel, SummaryLabel, Token,
    TokenKind,
};

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

/// The names of a sentence judgement's features, in the order of [`SentenceFeatures`].
pub const SENTENCE_NAMES: [&str; SENTENCE_COUNT] = [
    "alignment score of the sentence",
    "aligned sentences (of 3)",
    "sentence words in the aligned source",
    "aligned source words in the sentence",
    "sentence words anywhere in the source",
    "names of the sentence in the source",
    "sentence has names",
    "numbers of the sentence in the source",
    "sentence has numbers",
    "word pairs of the sentence in the aligned source",
    "sentence words (log)",
    "length against the aligned source (log ratio)",
    "findings in the sentence (log)",
    "errors in the sentence (log)",
    "surest finding's confidence",
    "sentence quotes",
    "Vietnamese",
    "source is one speaker's transcript",
    "label is verbatim",
    "label is paraphrase",
    "label is mismatch",
    "label is unsupported",
    "sentence words, function words too, in the aligned source",
    "aligned source words, function words too, in the sentence",
    "sentence words in the aligned source's order",
    "aligned source words in the sentence's order",
    "numbers of the aligned source in the sentence",
];

/// How many features a sentence judgement has.
pub const SENTENCE_COUNT: usize = 27;

/// The names of the features of a covered or partial source sentence's judgement, in the
/// order of a [`CoverageFeatures`] vector: the sentence against the summary sentences it is
/// aligned with.
pub const COVERAGE_NAMES: [&str; COVERAGE_COUNT] = [
    "alignment score of the sentence",
    "aligned sentences (of 3)",
    "sentence words in the aligned summary",
    "aligned summary words in the sentence",
    "sentence words anywhere in the summary",
    "names of the sentence in the summary",
    "sentence has names",
    "numbers of the sentence in the summary",
    "sentence has numbers",
    "sentence words (log)",
    "position in the document",
    "source sentences (log)",
    "summary sentences (log)",
    "label is partial",
    "Vietnamese",
    "source is one speaker's transcript",
    "sentence words, function words too, in the aligned summary",
    "aligned summary words, function words too, in the sentence",
    "sentence words in the aligned summary's order",
    "aligned summary words in the sentence's order",
    "numbers of the aligned summary in the sentence",
];

/// How many features a covered or partial source sentence's judgement has.
pub const COVERAGE_COUNT: usize = 21;

/// One covered or partial source sentence's features, in the order of [`COVERAGE_NAMES`].
pub type CoverageFeatures = [f64; COVERAGE_COUNT];

/// One summary sentence judgement's features, in the order of [`SENTENCE_NAMES`].
pub type SentenceFeatures = [f64; SENTENCE_COUNT];

/// The name of feature `index`, as `explain` shows it.
pub fn name(index: usize) -> String {
    match index.checked_sub(MEASURED) {
        None => NAMES[index].to_string(),
        Some(rule) => format!("rule is {}", RULES[rule]),
    }
}

/// What every finding of one report shares: each document's word stems, and each summary
/// sentence's findings.
pub struct Context<'a> {
    report: &'a Report,
    source_kind: SourceKind,
    summary_stems: HashSet<u64>,
    source_stems: HashSet<u64>,
    /// Each distinct key's stem as a hash ([`stem_hash`]), `None` for a function word: per
    /// document, so that a token's content stem is one look-up.
    summary_words: Vec<Option<u64>>,
    source_words: Vec<Option<u64>>,
    /// Each summary sentence's findings, counted; the surest's confidence is not known yet.
    per_sentence: Vec<SentenceFindings>,
}

impl<'a> Context<'a> {
    /// The context of `report`'s findings, checked with `source_kind`.
    pub fn new(report: &'a Report, source_kind: SourceKind) -> Context<'a> {
        let mut per_sentence = vec![SentenceFindings::default(); report.summary.sentences.len()];
        for finding in &report.findings {
            if let Some(here) = (finding.summary).and_then(|at| per_sentence.get_mut(at.sentence()))
            {
                here.count += 1;
                here.errors += usize::from(finding.severity == crate::model::Severity::Error);
            }
        }
        let (summary_words, source_words) = rayon::join(
            || content_words(&report.summary),
            || content_words(&report.source),
        );
        Context {
            report,
            source_kind,
            summary_stems: summary_words.iter().flatten().copied().collect(),
            source_stems: source_words.iter().flatten().copied().collect(),
            summary_words,
            source_words,
            per_sentence,
        }
    }

    /// The stems of the words and numbers of `tokens` (of `document`, one of the report's)
    /// that are not function words, as hashes ([`stem_hash`]).
    fn content_stems<'t>(
        &'t self,
        document: &Document,
        tokens: &'t [Token],
    ) -> impl Iterator<Item = u64> + 't {
        let words = if std::ptr::eq(document, &self.report.summary) {
            &self.summary_words
        } else {
            &self.source_words
        };
        tokens
            .iter()
            .filter(|t| t.kind() != TokenKind::Punct)
            .filter_map(|t| words.get(t.key.index()).copied().flatten())
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
        let measures = self.measure(document, other, other_stems, sentence, aligned);
        // The finding's own words: the summary's words it points at, or its sentence's.
        let finding_stems: Vec<u64> = match finding.summary {
            Some(at) if finding.kind != FindingKind::Omission => sorted(
                self.content_stems(
                    &report.summary,
                    compared(report.summary.tokens.within(at.span())),
                )
                .collect(),
            ),
            _ => measures.stems.clone(),
        };
        let anywhere = finding_stems
            .iter()
            .filter(|s| other_stems.contains(*s))
            .count();
        let findings_here = if finding.kind == FindingKind::Omission {
            1
        } else {
            self.per_sentence.get(sentence).map_or(1, |here| here.count)
        };
        let salience = report
            .source_judgements
            .get(sentence)
            .filter(|_| finding.kind == FindingKind::Omission)
            .and_then(|j| j.salience())
            .unwrap_or(0.0);
        let own: [f64; MEASURED - SHARED] = [
            share(anywhere, finding_stems.len()),
            share(
                shared(&finding_stems, &measures.aligned_stems),
                finding_stems.len(),
            ),
            log_scaled(finding_stems.len(), 32),
            log_scaled(measures.words, 64),
            log_scaled(findings_here, 8),
            share(sentence, document.sentences.len().saturating_sub(1)),
            flag(measures.quotes),
            salience,
            log_scaled(report.source.sentences.len(), 1000),
            log_scaled(report.summary.sentences.len(), 100),
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
        features[..SHARED].copy_from_slice(&measures.shared(judgement_score, aligned.len()));
        features[SHARED..MEASURED].copy_from_slice(&own);
        rule_indicators(finding, features)
    }

    /// What the findings of each summary sentence come to, the surest's confidence taken from
    /// the report's findings' `confidences`: one pass over the findings.
    pub fn findings_per_sentence(&self, confidences: &[f64]) -> Vec<SentenceFindings> {
        let mut per_sentence = self.per_sentence.clone();
        for (finding, &confidence) in self.report.findings.iter().zip(confidences) {
            if let Some(here) = (finding.summary).and_then(|at| per_sentence.get_mut(at.sentence()))
            {
                here.surest = here.surest.max(confidence);
            }
        }
        per_sentence
    }

    /// The features of summary sentence `index`'s judgement, for the model of whether the
    /// sentence says what the source says; `findings` are its findings
    /// ([`Context::findings_per_sentence`]).
    pub fn sentence_features(&self, index: usize, findings: &SentenceFindings) -> SentenceFeatures {
        let report = self.report;
        let judgement = &report.summary_judgements[index];
        let aligned = &judgement.aligned_to;
        let measures = self.measure(
            &report.summary,
            &report.source,
            &self.source_stems,
            index,
            aligned,
        );
        let SentenceFindings {
            count,
            errors,
            surest,
        } = *findings;
        let aligned_words: usize = aligned
            .iter()
            .map(|&s| words(compared(report.source.sentence_tokens(s))))
            .sum();
        let length = if aligned_words == 0 {
            0.0
        } else {
            ((measures.words.max(1) as f64 / aligned_words as f64).ln() / 2.0).clamp(-1.0, 1.0)
        };
        let label = |l: SummaryLabel| flag(judgement.label == l);
        let own: [f64; SENTENCE_COUNT - SHARED - SURFACE] = [
            self.pairs_kept(index, aligned),
            log_scaled(measures.words, 64),
            length,
            log_scaled(count, 8),
            log_scaled(errors, 8),
            surest,
            flag(measures.quotes),
            flag(report.summary.language == Language::Vietnamese),
            flag(self.source_kind.has_one_speaker()),
            label(SummaryLabel::Verbatim),
            label(SummaryLabel::Paraphrase),
            label(SummaryLabel::Mismatch),
            label(SummaryLabel::Unsupported),
        ];
        let surface = Self::surface(&report.summary, index, &report.source, aligned);
        judgement_features(
            measures.shared(judgement.score, aligned.len()),
            &own,
            surface,
        )
    }

    /// The features of source sentence `index`'s judgement, `covered` or `partial`, for the
    /// model of whether the summary does report it.
    pub fn coverage_features(&self, index: usize) -> CoverageFeatures {
        let report = self.report;
        let judgement = &report.source_judgements[index];
        let aligned = &judgement.aligned_to;
        let measures = self.measure(
            &report.source,
            &report.summary,
            &self.summary_stems,
            index,
            aligned,
        );
        let own: [f64; COVERAGE_COUNT - SHARED - SURFACE] = [
            log_scaled(measures.words, 64),
            share(index, report.source.sentences.len().saturating_sub(1)),
            log_scaled(report.source.sentences.len(), 1000),
            log_scaled(report.summary.sentences.len(), 100),
            flag(judgement.label == SourceLabel::Partial),
            flag(report.source.language == Language::Vietnamese),
            flag(self.source_kind.has_one_speaker()),
        ];
        let surface = Self::surface(&report.source, index, &report.summary, aligned);
        judgement_features(
            measures.shared(judgement.score, aligned.len()),
            &own,
            surface,
        )
    }

    /// How much of sentence `index` of `document`'s surface its `aligned` sentences of
    /// `other` share, each way: every word, words in the same order, and numbers (the
    /// sentence's own numbers are among the shared features). A sentence aligned with none
    /// shares nothing.
    fn surface(
        document: &Document,
        index: usize,
        other: &Document,
        aligned: &[usize],
    ) -> [f64; SURFACE] {
        if aligned.is_empty() {
            return [0.0; SURFACE];
        }
        let sentence = Surface::of(document, [index].iter(), MOST_SURFACE);
        let source = Surface::of(other, aligned.iter(), 3 * MOST_SURFACE);
        let in_order = longest_common_subsequence(
            &sentence.sequence[..sentence.sequence.len().min(MOST_IN_ORDER)],
            &source.sequence[..source.sequence.len().min(3 * MOST_IN_ORDER)],
        );
        let numbers_returned = source
            .numbers
            .iter()
            .filter(|n| sentence.numbers.contains(n))
            .count();
        [
            share(shared(&sentence.words, &source.words), sentence.words.len()),
            share(shared(&sentence.words, &source.words), source.words.len()),
            share(in_order, sentence.sequence.len().min(MOST_IN_ORDER)),
            share(in_order, source.sequence.len().min(3 * MOST_IN_ORDER)),
            share(numbers_returned, source.numbers.len()),
        ]
    }

    /// The share of summary sentence `index`'s pairs of neighbouring words that the aligned
    /// source sentences have too (1 when it has none).
    fn pairs_kept(&self, index: usize, aligned: &[usize]) -> f64 {
        let report = self.report;
        let own = sorted(word_pairs(
            &report.summary,
            compared(report.summary.sentence_tokens(index)),
        ));
        let source = sorted(
            aligned
                .iter()
                .flat_map(|&s| {
                    word_pairs(&report.source, compared(report.source.sentence_tokens(s)))
                })
                .collect(),
        );
        share(shared(&own, &source), own.len())
    }

    /// What a finding's and a sentence judgement's features share about `sentence` of
    /// `document`, with the `aligned` sentences of `other`.
    fn measure(
        &self,
        document: &'a Document,
        other: &'a Document,
        other_stems: &HashSet<u64>,
        sentence: usize,
        aligned: &[usize],
    ) -> Measures {
        let tokens = compared(document.sentence_tokens(sentence));
        let aligned_stems = sorted(
            aligned
                .iter()
                .flat_map(|&s| self.content_stems(other, compared(other.sentence_tokens(s))))
                .collect(),
        );
        let stems = sorted(self.content_stems(document, tokens).collect());
        let kept_in = |set: &HashSet<u64>, of: &[u64]| {
            share(of.iter().filter(|s| set.contains(*s)).count(), of.len())
        };
        let names = self.names(document, tokens);
        let numbers: HashSet<&str> = (tokens.iter())
            .filter(|t| t.kind() == TokenKind::Number)
            .map(|t| document.tokens.key(t))
            .collect();
        let numbers_kept = numbers
            .iter()
            .filter(|n| other.tokens.find(n).is_some())
            .count();
        Measures {
            kept_in_aligned: share(shared(&stems, &aligned_stems), stems.len()),
            aligned_kept: share(shared(&stems, &aligned_stems), aligned_stems.len()),
            kept_anywhere: kept_in(other_stems, &stems),
            names_kept: share(
                names.iter().filter(|n| other_stems.contains(*n)).count(),
                names.len(),
            ),
            has_names: !names.is_empty(),
            numbers_kept: share(numbers_kept, numbers.len()),
            has_numbers: !numbers.is_empty(),
            words: words(tokens),
            quotes: !document.facts.get(sentence).quotes.is_empty(),
            stems,
            aligned_stems,
        }
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
            // A sentence's numbers are in text order: the first ending after the place's start.
            let numbers = document.facts.get(at.sentence()).numbers;
            let next = numbers.partition_point(|n| n.span.end <= at.span().start);
            (numbers.get(next))
                .filter(|n| n.span.start < at.span().end)
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
    fn names(&self, document: &'a Document, tokens: &[Token]) -> Vec<u64> {
        tokens
            .iter()
            .enumerate()
            .filter(|&(offset, t)| offset > 0 && t.kind() == TokenKind::Word && t.capitalized())
            .map(|(_, t)| stem_hash(document.stem(t)))
            .collect()
    }
}

/// The tokens of a sentence that its features look at: a longer sentence is measured by its
/// first ones, so that a feature costs a bounded amount whatever the sentence's length, and
/// the features of every finding and sentence together grow linearly with the input.
const MOST_COMPARED_TOKENS: usize = 512;

/// The first [`MOST_COMPARED_TOKENS`] of `tokens`.
fn compared(tokens: &[Token]) -> &[Token] {
    &tokens[..tokens.len().min(MOST_COMPARED_TOKENS)]
}

/// How many of a sentence judgement's features compare surfaces ([`Context::surface`]),
/// last in its vector.
const SURFACE: usize = 5;

/// The words and numbers of a sentence (summary or source) whose surface is compared; of its
/// aligned sentences together, three times as many ([`Surface::of`]).
const MOST_SURFACE: usize = 128;

/// The words of a sentence compared in order with its aligned sentences': at most this many
/// of the sentence's and three times as many of theirs, so that the comparison's cost is
/// bounded whatever their length.
const MOST_IN_ORDER: usize = 64;

/// The surface of some sentences of a document ([`Context::surface`]).
struct Surface<'d> {
    /// Their words' stems, function words too, in order ([`stem_hash`]).
    sequence: Vec<u64>,
    /// The same, as a set ([`sorted`]).
    words: Vec<u64>,
    /// Their numbers' keys.
    numbers: Vec<&'d str>,
}

impl<'d> Surface<'d> {
    /// The surface of `sentences` of `document`: their first `most` words and numbers, each
    /// sentence read to its first compared tokens, so that its cost is bounded however many
    /// sentences a link holds.
    fn of<'s>(
        document: &'d Document,
        sentences: impl Iterator<Item = &'s usize>,
        most: usize,
    ) -> Self {
        let mut sequence = Vec::new();
        let mut numbers = Vec::new();
        let tokens = sentences
            .flat_map(|&sentence| compared(document.sentence_tokens(sentence)))
            .filter(|t| t.kind() != TokenKind::Punct)
            .take(most);
        for token in tokens {
            sequence.push(stem_hash(document.stem(token)));
            if token.kind() == TokenKind::Number {
                numbers.push(document.tokens.key(token));
            }
        }
        Surface {
            words: sorted(sequence.clone()),
            sequence,
            numbers,
        }
    }
}

/// The length of the longest common subsequence of `a` (at most 64 items) and `b`, one step
/// per item of `b`: the bit-parallel algorithm of Allison and Dix (1986) in Hyyrö's form
/// (2004), where bit `i` of `V` is 0 where row `i` of the dynamic programme's table steps up.
fn longest_common_subsequence(a: &[u64], b: &[u64]) -> usize {
    debug_assert!(a.len() <= 64, "one machine word of rows");
    // Each distinct item of `a` with the rows where it stands, sorted for a binary search.
    let mut rows: Vec<(u64, u64)> = Vec::with_capacity(a.len());
    for (i, &item) in a.iter().enumerate() {
        match rows.iter_mut().find(|(x, _)| *x == item) {
            Some((_, mask)) => *mask |= 1 << i,
            None => rows.push((item, 1 << i)),
        }
    }
    rows.sort_unstable();
    let mut v = u64::MAX;
    for item in b {
        if let Ok(found) = rows.binary_search_by_key(item, |&(x, _)| x) {
            let matches = rows[found].1;
            let u = v & matches;
            v = v.wrapping_add(u) | (v - u);
        }
    }
    let used = if a.len() == 64 {
        u64::MAX
    } else {
        (1 << a.len()) - 1
    };
    (!v & used).count_ones() as usize
}

/// A summary sentence's findings: how many, how many errors, and the surest one's
/// confidence (0 when it has none).
#[derive(Clone, Copy, Debug, Default)]
pub struct SentenceFindings {
    count: usize,
    errors: usize,
    surest: f64,
}

/// What is measured of one sentence against the other document ([`Context::measure`]).
struct Measures {
    /// Its content words' stems, and those of the sentences it is aligned with ([`sorted`]).
    stems: Vec<u64>,
    aligned_stems: Vec<u64>,
    /// Shares of its content words in the aligned sentences and anywhere in the other
    /// document, and of the aligned sentences' content words in it.
    kept_in_aligned: f64,
    aligned_kept: f64,
    kept_anywhere: f64,
    /// Shares of its names and numbers in the other document, and whether it has any.
    names_kept: f64,
    has_names: bool,
    numbers_kept: f64,
    has_numbers: bool,
    /// Its words and numbers.
    words: usize,
    /// Whether it holds a quotation mark.
    quotes: bool,
}

/// How many features a finding and a sentence judgement share, first in both
/// ([`Measures::shared`]).
const SHARED: usize = 9;

impl Measures {
    /// The features a finding and a sentence judgement share: the sentence's alignment
    /// `score`, how many sentences are `aligned` with it (of 3), and what was measured.
    fn shared(&self, score: f64, aligned: usize) -> [f64; SHARED] {
        [
            score,
            aligned.min(3) as f64 / 3.0,
            self.kept_in_aligned,
            self.aligned_kept,
            self.kept_anywhere,
            self.names_kept,
            flag(self.has_names),
            self.numbers_kept,
            flag(self.has_numbers),
        ]
    }
}

/// A sentence judgement's features: the `shared` measures, its `own`, then its `surface`.
fn judgement_features<const N: usize>(
    shared: [f64; SHARED],
    own: &[f64],
    surface: [f64; SURFACE],
) -> [f64; N] {
    let mut features = [0.0; N];
    features[..SHARED].copy_from_slice(&shared);
    features[SHARED..N - SURFACE].copy_from_slice(own);
    features[N - SURFACE..].copy_from_slice(&surface);
    features
}

/// The pairs of neighbouring words of `tokens` (their stems), each as a hash.
fn word_pairs(document: &Document, tokens: &[Token]) -> Vec<u64> {
    let stems: Vec<&str> = tokens
        .iter()
        .filter(|t| t.kind() != TokenKind::Punct)
        .map(|t| document.stem(t))
        .collect();
    (stems.windows(2))
        .map(|pair| rustc_hash::FxBuildHasher.hash_one(pair))
        .collect()
}

/// A stem as a number, so that sets of stems are cheap to build and compare across the two
/// documents (a collision of 64-bit hashes among a text's words is too rare to count).
fn stem_hash(stem: &str) -> u64 {
    rustc_hash::FxBuildHasher.hash_one(stem)
}

/// `items` sorted, each once: a set that is cheap to build and to intersect.
fn sorted<T: Ord>(mut items: Vec<T>) -> Vec<T> {
    items.sort_unstable();
    items.dedup();
    items
}

/// How many items two sorted sets ([`sorted`]) share.
fn shared<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut count) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                count += 1;
                i += 1;
                j += 1;
            }
        }
    }
    count
}

/// The words and numbers among `tokens`.
fn words(tokens: &[Token]) -> usize {
    tokens
        .iter()
        .filter(|t| t.kind() != TokenKind::Punct)
        .count()
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

/// Each distinct key of `document` (in key order) as its stem's hash ([`stem_hash`]), or
/// `None` for a function word.
fn content_words(document: &Document) -> Vec<Option<u64>> {
    let function_words = &document.language.lexicon().function_words;
    (document.tokens.distinct())
        .zip(document.key_stems())
        .map(|(key, stem)| (!function_words.contains(key)).then(|| stem_hash(stem)))
        .collect()
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

#[cfg(test)]
mod tests {
    use super::longest_common_subsequence;

    /// The dynamic programme the bit-parallel form computes, one cell at a time.
    fn by_table(a: &[u64], b: &[u64]) -> usize {
        let mut row = vec![0usize; b.len() + 1];
        for x in a {
            let mut diagonal = 0;
            for (j, y) in b.iter().enumerate() {
                let above = row[j + 1];
                row[j + 1] = if x == y {
                    diagonal + 1
                } else {
                    above.max(row[j])
                };
                diagonal = above;
            }
        }
        row[b.len()]
    }

    #[test]
    fn bit_parallel_subsequence_matches_the_table() {
        // Sequences over small alphabets, so that items repeat, of every length to 64 rows.
        let mut state = 0x2545_F491_4F6C_DD1D_u64;
        let mut next = |alphabet: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % alphabet
        };
        for length in 0..=64 {
            for alphabet in [2, 5, 40] {
                let a: Vec<u64> = (0..length).map(|_| next(alphabet)).collect();
                let b: Vec<u64> = (0..3 * length / 2 + 1).map(|_| next(alphabet)).collect();
                assert_eq!(
                    longest_common_subsequence(&a, &b),
                    by_table(&a, &b),
                    "{a:?} / {b:?}"
                );
            }
        }
        assert_eq!(longest_common_subsequence(&[1, 2, 3], &[3, 2, 1, 2, 3]), 3);
    }
}
