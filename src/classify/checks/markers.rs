//! Where a marker's words stand on the other side: the machinery the negation and shift
//! checks share to tell whether a marker of one document (`không`, `will`, `some`) has its
//! counterpart in the other.

use std::ops::Range;

use crate::model::{Document, MarkerKind, TokenKind};

/// Words on each side of a marker that place it (`không` in `… Việt Nam không ký …`).
pub(super) const CONTEXT_WORDS: usize = 4;

/// A marker's place in a document: the sentence and token range.
pub(super) struct Marked {
    /// The sentence.
    pub sentence: usize,
    /// The marker's tokens.
    pub tokens: Range<usize>,
}

/// The markers of one kind in a sentence of a document.
pub(super) fn marked(
    document: &Document,
    sentence: usize,
    kind: MarkerKind,
) -> impl Iterator<Item = &Range<usize>> {
    document.facts.get(sentence).marked(kind)
}

/// The stemmed keys of the words a marker governs: those after it (`sẽ được tổ chức`,
/// `không thực hiện`, `khá rõ nét`), and those before it when fewer than two follow.
fn context(document: &Document, sentence: usize, marker: &Range<usize>) -> Vec<String> {
    let within = document.sentences[sentence].tokens();
    let stems = |range: Range<usize>| -> Vec<String> {
        range
            .map(|t| &document.tokens[t])
            .filter(|t| t.kind() == TokenKind::Word)
            .map(|t| document.stem(t).to_string())
            .collect()
    };
    let mut words = stems(marker.end..(marker.end + CONTEXT_WORDS).min(within.end));
    if words.len() < 2 {
        words.extend(stems(
            marker.start.saturating_sub(CONTEXT_WORDS).max(within.start)..marker.start,
        ));
    }
    words
}

/// The stems of the words a negation governs: the first two after it, within its clause
/// (before a punctuation mark), that are not function words.
fn negated_words<'a>(
    document: &'a Document,
    sentence: usize,
    marker: &Range<usize>,
) -> impl Iterator<Item = &'a str> {
    let within = document.sentences[sentence].tokens();
    let function_words = &document.language.lexicon().function_words;
    (marker.end..within.end)
        .map(|t| &document.tokens[t])
        .take_while(|t| t.kind() != TokenKind::Punct)
        .take(CONTEXT_WORDS)
        .filter(|t| t.kind() == TokenKind::Word && !function_words.contains(document.tokens.key(t)))
        .take(2)
        .map(|t| document.stem(t))
}

/// Where in `sentences` of `document` the words of `context` stand together: the sentence
/// and the token window that holds the most of them, if it holds at least half (and two).
fn locate(
    document: &Document,
    sentences: &[usize],
    context: &[String],
) -> Option<(usize, Range<usize>)> {
    let needed = (context.len() / 2).max(2);
    let mut best: Option<(usize, usize, Range<usize>)> = None;
    for &sentence in sentences {
        let range = document.sentences[sentence].tokens();
        let stems: Vec<Option<String>> = range
            .clone()
            .map(|t| &document.tokens[t])
            .map(|t| (t.kind() == TokenKind::Word).then(|| document.stem(t).to_string()))
            .collect();
        for centre in 0..stems.len() {
            let from = centre.saturating_sub(CONTEXT_WORDS);
            let to = (centre + CONTEXT_WORDS + 1).min(stems.len());
            let found = context
                .iter()
                .filter(|word| stems[from..to].iter().flatten().any(|s| s == *word))
                .count();
            if found >= needed && best.as_ref().is_none_or(|b| found > b.0) {
                best = Some((found, sentence, range.start + from..range.start + to));
            }
        }
    }
    best.map(|(_, sentence, window)| (sentence, window))
}

/// For each marker of `kind` on one side, the place where its context stands on the other side
/// when no marker of `kind` is there but (for `conflicting`) one of the other kind is.
pub(super) fn unmatched(
    from: &Document,
    from_sentences: &[usize],
    to: &Document,
    to_sentences: &[usize],
    kind: MarkerKind,
    conflicting: Option<MarkerKind>,
) -> Vec<(Marked, usize, Range<usize>)> {
    let mut out = Vec::new();
    for &sentence in from_sentences {
        for marker in marked(from, sentence, kind) {
            let words = context(from, sentence, marker);
            let Some((other, window)) = locate(to, to_sentences, &words) else {
                continue;
            };
            // A negation governs its clause: it counts against the other side only where that
            // side says the word it negates, not words of a clause beside it (`it wasn't
            // enough as Moyes' side had to settle` against `Moyes' side had to settle`).
            // Where that side says the opposite of the word it negates instead (`free` for
            // `will not charge`, `kept` for `did not lose`), it makes the same claim.
            if kind == MarkerKind::Negation {
                let opposites = &from.language.lexicon().opposites;
                let window_says = |said: &dyn Fn(&str) -> bool| {
                    window.clone().any(|t| {
                        to.tokens[t].kind() == TokenKind::Word && said(to.stem(&to.tokens[t]))
                    })
                };
                let negated: Vec<&str> = negated_words(from, sentence, marker).collect();
                let says_negated = window_says(&|stem| negated.contains(&stem));
                let says_opposite = window_says(&|stem| {
                    negated
                        .iter()
                        .filter_map(|word| opposites.get(*word))
                        .flatten()
                        .any(|opposite| opposite == stem)
                });
                if !says_negated || says_opposite {
                    continue;
                }
            }
            // A marker belongs to a verb some words from the words that place it. A marker of
            // the same kind anywhere in the other sentence counts as a match, so that a
            // difference is flagged only where it is clear.
            let reach =
                window.start.saturating_sub(2 * CONTEXT_WORDS)..window.end + 2 * CONTEXT_WORDS;
            let near = |markers: MarkerKind| {
                marked(to, other, markers).any(|m| m.start < reach.end && m.end > reach.start)
            };
            let matched = marked(to, other, kind).next().is_some();
            if !matched && conflicting.is_none_or(near) {
                let marked = Marked {
                    sentence,
                    tokens: marker.clone(),
                };
                out.push((marked, other, window));
            }
        }
    }
    out
}
