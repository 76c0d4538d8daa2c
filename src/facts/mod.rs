//! Stage 4, **facts**: the checkable facts of every sentence.
//!
//! Input: a document's text, tokens, sentences and language. Output: one [`SentenceFacts`] per
//! sentence: numbers (digits or words, with the noun they count), ordinals with the noun they
//! order, people named with a title or honorific, reporting verbs, quoted passages and whether
//! the sentence opens an enumerated point. Invariant: every fact's span lies inside its sentence.
//!
//! Numbers are read with the document's conventions: in Vietnamese `.` groups thousands and `,`
//! is the decimal mark (`1.000`, `3,5`); in English the reverse. Parts of dates (`14-3`,
//! `14/3/2019`), years (`năm 2019`, `in 2019`, a date of a year alone) and ordinals (`thứ hai`,
//! `3rd`) are not counts.
//!
//! This module holds [`extract`] and the reader of one sentence with the helpers every kind of
//! fact uses; one module per kind adds what it reads: `numbers` (counts), `dates`, `ordinals`,
//! `people` (people with a title or honorific), `markers` (negation, time, hedges, modality
//! and enumerated points) and `quotes` (quoted passages). `narration` tells which sentences of
//! a transcript are about its speaker.

mod dates;
mod markers;
mod narration;
mod numbers;
mod ordinals;
mod people;
mod quotes;

use std::ops::Range;

use rayon::prelude::*;

use crate::lang::{Language, Lexicon, Phrases};
use crate::model::{Sentence, SentenceFacts, Token, TokenKind, Tokens};

pub use narration::narration;
pub use numbers::parse_digits;

/// Extracts the facts of every sentence, sentences in parallel (a few dozen to a task).
pub fn extract(
    text: &str,
    tokens: &Tokens,
    sentences: &[Sentence],
    language: Language,
) -> Vec<SentenceFacts> {
    let lexicon = language.lexicon();
    sentences
        .par_iter()
        .with_min_len(32)
        .map(|sentence| {
            let reader = SentenceReader {
                text,
                tokens,
                range: sentence.tokens.clone(),
                keys: tokens.keys(&tokens[sentence.tokens.clone()]).collect(),
                lexicon,
            };
            let dates = reader.dates();
            SentenceFacts {
                numbers: reader.numbers(&dates).into(),
                ordinals: reader.ordinals(&dates).into(),
                people: reader.people().into(),
                reporting_verbs: reader.phrases(&lexicon.reporting_verbs).into(),
                quotes: quotes::quotes(text, sentence.span, lexicon).into(),
                enumerates: reader.enumerates(),
                dates: dates.into(),
                markers: reader.markers().into(),
            }
        })
        .collect()
}

/// Reads the facts of one sentence.
struct SentenceReader<'a> {
    text: &'a str,
    tokens: &'a Tokens,
    range: Range<usize>,
    keys: Vec<&'a str>,
    lexicon: &'a Lexicon,
}

impl<'a> SentenceReader<'a> {
    /// The comparison keys of the sentence's tokens (computed once).
    fn keys(&self) -> &[&'a str] {
        &self.keys
    }

    /// The token at `index`, when it lies inside the sentence.
    fn token(&self, index: usize) -> Option<&Token> {
        self.range.contains(&index).then(|| &self.tokens[index])
    }

    /// True when tokens `a` and `b` touch (no space between them).
    fn touching(&self, a: usize, b: usize) -> bool {
        matches!((self.token(a), self.token(b)), (Some(x), Some(y)) if x.span().end == y.span().start)
    }

    /// Every occurrence of the phrases, longest first, without overlaps (absolute token ranges).
    fn phrases(&self, phrases: &Phrases) -> Vec<Range<usize>> {
        let start = self.range.start;
        phrases
            .occurrences(self.keys())
            .into_iter()
            .map(|found| start + found.start..start + found.end)
            .collect()
    }

    /// Digit groups joined by touching `-` or `/` from `start` (`14-3`, `14/3/2019`, `70-80`),
    /// as a token range; empty when `start` is not a digit group.
    fn joined_digits(&self, start: usize) -> Range<usize> {
        let is_number = |i: usize| self.token(i).is_some_and(|t| t.kind == TokenKind::Number);
        if !is_number(start) {
            return start..start;
        }
        let mut end = start + 1;
        while self
            .token(end)
            .is_some_and(|t| matches!(self.tokens.key(t), "-" | "/"))
            && is_number(end + 1)
            && self.touching(end - 1, end)
            && self.touching(end, end + 1)
        {
            end += 2;
        }
        start..end
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::tokenize;
    use crate::segment::segment;

    /// The facts of every sentence of `text`, in the language it is written in.
    pub(super) fn facts(text: &str) -> Vec<SentenceFacts> {
        let tokens = tokenize(text);
        let language = Language::detect(text);
        let sentences = segment(text, &tokens, language, false);
        extract(text, &tokens, &sentences, language)
    }
}
