//! Stage 4, **facts**: the checkable facts of every sentence.
//!
//! Input: a document's text, tokens, sentences and language. Output: the [`Facts`] of every
//! sentence (one [`crate::model::SentenceFacts`] each): numbers (digits or words, with the noun they count), ordinals with the noun they
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
mod voices;

use std::ops::Range;

use rayon::prelude::*;

use crate::lang::{Language, Lexicon, Phrases};
use crate::model::{Facts, Sentence, SentenceFactLists, Token, TokenKind, Tokens, narrow};

pub use narration::{Narration, narration};
pub use numbers::parse_digits;
pub use voices::voices;

/// Extracts the facts of every sentence, sentences in parallel (a few dozen to a task).
pub fn extract(text: &str, tokens: &Tokens, sentences: &[Sentence], language: Language) -> Facts {
    let mut facts = sentences
        .par_iter()
        .with_min_len(32)
        .fold(Facts::default, |mut facts, sentence| {
            facts.push(of_sentence(text, tokens, sentence, language));
            facts
        })
        .reduce(Facts::default, |mut facts, following| {
            facts.append(following);
            facts
        });
    facts.shrink_to_fit();
    facts
}

/// The facts of one sentence.
fn of_sentence(
    text: &str,
    tokens: &Tokens,
    sentence: &Sentence,
    language: Language,
) -> SentenceFactLists {
    let lexicon = language.lexicon();
    let reader = SentenceReader {
        text,
        tokens,
        range: sentence.tokens(),
        keys: tokens.keys(&tokens[sentence.tokens()]).collect(),
        lexicon,
    };
    let dates = reader.dates();
    SentenceFactLists {
        numbers: reader.numbers(&dates),
        ordinals: reader.ordinals(&dates),
        people: reader.people(),
        reporting_verbs: (reader.phrases(&lexicon.reporting_verbs).into_iter())
            .map(narrow)
            .collect(),
        quotes: (quotes::quotes(text, sentence.span, lexicon).into_iter())
            .map(|quote| narrow(quote.range()))
            .collect(),
        enumerates: reader.enumerates(),
        dates,
        markers: reader.markers(),
    }
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
        let is_number = |i: usize| self.token(i).is_some_and(|t| t.kind() == TokenKind::Number);
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
    pub(super) fn facts(text: &str) -> Vec<SentenceFactLists> {
        let tokens = tokenize(text);
        let language = Language::detect(text);
        let sentences = segment(text, &tokens, language, false);
        sentences
            .iter()
            .map(|sentence| of_sentence(text, &tokens, sentence, language))
            .collect()
    }

    /// The facts of `text` as [`extract`] joins them.
    pub(super) fn joined_facts(text: &str) -> Facts {
        let tokens = tokenize(text);
        let language = Language::detect(text);
        let sentences = segment(text, &tokens, language, false);
        extract(text, &tokens, &sentences, language)
    }

    #[test]
    fn joined_facts_are_each_sentences_own() {
        // More sentences than one parallel job takes, so that lists are joined.
        let text = "Ông Nguyễn Văn An cho biết có 3 dự án. Không có dự án thứ tư. ".repeat(40);
        let joined = joined_facts(&text);
        let one_by_one = facts(&text);
        assert_eq!(joined.len(), one_by_one.len());
        for (index, lists) in one_by_one.iter().enumerate() {
            let sentence = joined.get(index);
            assert_eq!(
                sentence.numbers,
                lists.numbers.as_slice(),
                "sentence {index}"
            );
            assert_eq!(sentence.people, lists.people.as_slice(), "sentence {index}");
            assert_eq!(
                sentence.markers,
                lists.markers.as_slice(),
                "sentence {index}"
            );
            assert_eq!(
                sentence.ordinals,
                lists.ordinals.as_slice(),
                "sentence {index}"
            );
        }
    }
}
