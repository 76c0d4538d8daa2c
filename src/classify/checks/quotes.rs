//! **Quotes**: quoted words that are not what the source says (`fact-mismatch/quote`).
//!
//! Catches quoted words (in the language's quotation marks) that do not stand in the source in
//! order and together: pointed at the source passage that shares the most words with the
//! quote, or, when the source has none of the quoted words, at the sentence's nearest source
//! sentence (`Tom guesses "lifeguard"` where Tom said `Masseuse?`).
//!
//! Leaves alone: quotes the source has word for word, whatever the spelling of each word
//! (NFC/NFD, tone-mark placement, case), and quotes held against another report
//! (`--source-kind report`), whose own quotes may be worded differently.

use rustc_hash::FxHashMap as HashMap;

use super::{Checked, FactCheck, Rule};
use crate::classify::evidence::{Evidence, Reason, Scope};
use crate::config::SourceKind;
use crate::model::{Document, FactKind, Location, Span, TokenKind};

/// One summary quotation located in the source.
struct QuoteResult {
    sentence: usize,
    quote: Span,
    /// True when its words stand in the source in order and together.
    in_place: bool,
    /// The source passage sharing the most words with it, in place: its sentence and span.
    closest: Option<(usize, Span)>,
}

/// Every quotation of the summary, located in the source in two passes over the source's
/// words: each occurrence of a quoted word votes for the window start it implies, and the
/// best windows are then mapped back to tokens. Memory grows with the votes, not the source.
pub(super) struct QuoteSearch {
    results: Vec<QuoteResult>,
}

impl FactCheck<'_> for QuoteSearch {
    const RULES: &'static [Rule] = &[QUOTE_RULE];
    const ONLY_AGAINST: Option<SourceKind> = Some(SourceKind::Transcript);
    const RUNS_UNSUPPORTED: bool = true;

    fn index(summary: &Document, source: &Document) -> Self {
        let quotes: Vec<(usize, Span, Vec<&str>)> = summary
            .facts
            .iter()
            .enumerate()
            .flat_map(|(sentence, facts)| facts.quotes.iter().map(move |&q| (sentence, q)))
            .map(|(sentence, quote)| {
                let tokens = &summary.tokens;
                let words: Vec<&str> = tokens.words_within(quote).map(|t| tokens.key(t)).collect();
                (sentence, quote, words)
            })
            .filter(|(_, _, words)| !words.is_empty())
            .collect();
        if quotes.is_empty() {
            return QuoteSearch {
                results: Vec::new(),
            };
        }
        // Which quotation words a key is, at which offsets.
        let mut wanted: HashMap<&str, Vec<(usize, usize)>> = HashMap::default();
        for (q, (_, _, words)) in quotes.iter().enumerate() {
            for (offset, &word) in words.iter().enumerate() {
                wanted.entry(word).or_default().push((q, offset));
            }
        }
        let source_words = || {
            source
                .sentences
                .iter()
                .filter(|s| s.editorial.is_none())
                .flat_map(|s| s.tokens.clone())
                .filter(|&t| source.tokens[t].kind != TokenKind::Punct)
                .enumerate()
        };
        let mut votes: Vec<HashMap<usize, usize>> = vec![HashMap::default(); quotes.len()];
        for (position, t) in source_words() {
            let key = source.tokens.key(&source.tokens[t]);
            for &(q, offset) in wanted.get(key).into_iter().flatten() {
                if let Some(start) = position.checked_sub(offset) {
                    *votes[q].entry(start).or_default() += 1;
                }
            }
        }
        let best: Vec<Option<(usize, usize)>> = votes
            .into_iter()
            .map(|v| {
                v.into_iter()
                    .max_by_key(|&(start, count)| (count, std::cmp::Reverse(start)))
            })
            .collect();
        // The token at each position a best window starts or ends at.
        let mut at_position: HashMap<usize, usize> = HashMap::default();
        for (q, found) in best.iter().enumerate() {
            if let Some((start, _)) = found {
                at_position.insert(*start, usize::MAX);
                at_position.insert(start + quotes[q].2.len() - 1, usize::MAX);
            }
        }
        for (position, t) in source_words() {
            if let Some(token) = at_position.get_mut(&position) {
                *token = t;
            }
        }
        let results = quotes
            .into_iter()
            .zip(best)
            .map(|((sentence, quote, words), found)| {
                let closest = found.and_then(|(start, _)| {
                    let first = *at_position.get(&start)?;
                    let last = *at_position.get(&(start + words.len() - 1))?;
                    if last == usize::MAX || first == usize::MAX {
                        return None;
                    }
                    // The passage as far as the end of the sentence it starts in: a finding
                    // points into one sentence of each file.
                    let within = source.sentences.partition_point(|s| s.tokens.end <= first);
                    let sentence = source.sentences.get(within)?.span;
                    let span = source.tokens[first].span.cover(source.tokens[last].span);
                    Some((within, Span::new(span.start, span.end.min(sentence.end))))
                });
                QuoteResult {
                    sentence,
                    quote,
                    in_place: found.is_some_and(|(_, count)| count == words.len()),
                    closest,
                }
            })
            .collect();
        QuoteSearch { results }
    }

    /// Quotations in the sentence whose words are not in the source, in order and together;
    /// each with the closest source passage, or with the sentence's nearest source sentence
    /// when the source has none of the quoted words.
    fn check(&self, sentence: &Checked<'_>) -> Vec<Evidence> {
        let summary = sentence.summary;
        self.results
            .iter()
            .filter(|r| r.sentence == sentence.index && !r.in_place)
            .map(|r| {
                let quote = sentence.at(r.quote);
                let said = summary.slice(r.quote);
                match r.closest {
                    Some((found_in, span)) => {
                        Evidence::new(Reason::Misquoted, Scope::Aligned, quote, said)
                            .where_source_says(
                                Location {
                                    sentence: found_in,
                                    span,
                                },
                                sentence.source.slice(span),
                            )
                    }
                    None => Evidence::new(Reason::QuoteAbsent, Scope::Aligned, quote, said)
                        .pointing_at(sentence.nearest()),
                }
            })
            .collect()
    }
}

/// The rule of `fact-mismatch/quote`.
const QUOTE_RULE: Rule = Rule::mismatch(
    FactKind::Quote,
    "Quoted words are not what the source says.",
);
