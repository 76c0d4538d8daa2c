//! **Terms**: a word put for another of its kind (`fact-mismatch/term`).
//!
//! Catches a word of a kind the language's data lists (a colour, a unit of time or frequency,
//! a point of the compass) that the source never uses while it uses another of that kind:
//! `white paint` where the source only has `blue` and `yellow`, `one-month anniversary` for
//! `one-year`. Pointed at the first word of the kind in the aligned source sentences, or else
//! in the source.
//!
//! Leaves alone: kinds the source never uses (`a green future` against a text with no colour),
//! capitalised words where capitals mark names (`White House`), the noun a number counts when
//! the source never gives that number (`the first 100 days`: the number is the detail the
//! source lacks; but `white` in `2 white towers` is checked), and documents in two languages.

use rustc_hash::FxHashSet as HashSet;

use super::{Checked, FactCheck, Rule};
use crate::classify::evidence::{Evidence, Scope};
use crate::model::{Document, FactKind, Intervals, NumberFact, TokenKind};

/// The words of a kind the source uses, as `(kind, word)` of [`crate::lang::Lexicon`]'s kinds.
pub(super) struct SourceTerms {
    used: HashSet<(usize, usize)>,
    /// The values of the source's numbers, as the intervals their claims allow.
    numbers: Intervals,
}

impl FactCheck<'_> for SourceTerms {
    const RULES: &'static [Rule] = &[TERM_RULE];
    const RUNS_UNSUPPORTED: bool = true;

    fn index(_summary: &Document, source: &Document) -> Self {
        let lexicon = source.language.lexicon();
        SourceTerms {
            used: source
                .tokens
                .distinct()
                .filter_map(|key| lexicon.kinds.get(key).copied())
                .collect(),
            numbers: Intervals::new(
                (source.facts.iter())
                    .flat_map(|facts| facts.numbers)
                    .map(NumberFact::interval),
            ),
        }
    }

    fn check(&self, sentence: &Checked<'_>) -> Vec<Evidence> {
        let (summary, source) = (sentence.summary, sentence.source);
        if summary.language != source.language {
            return Vec::new();
        }
        let lexicon = summary.language.lexicon();
        let tokens = &summary.tokens;
        let mut evidence = Vec::new();
        let range = summary.sentences[sentence.index].tokens();
        let facts = summary.facts.get(sentence.index);
        let in_numbers = facts.in_numbers(range.clone());
        // The noun a number the source never gives counts (`the first 100 days`) is part of
        // that number, a detail the source lacks: not a word put for another. One flag per
        // token of the sentence: the token right after such a number, when it ends the noun
        // phrase (before punctuation or a function word; not `white` in `2 white towers`).
        let ends_phrase = |t: usize| {
            tokens.get(t).is_none_or(|next| {
                next.kind() != TokenKind::Word || lexicon.function_words.contains(tokens.key(next))
            })
        };
        let mut counted_by_new_number = vec![false; range.len()];
        for number in facts.numbers {
            let (low, high) = number.interval();
            let Some(at) = number.tokens.end.checked_sub(range.start) else {
                continue;
            };
            if let Some(flag) = counted_by_new_number.get_mut(at)
                && ends_phrase(number.tokens.end + 1)
                && !self.numbers.meet(low, high)
            {
                *flag = true;
            }
        }
        for t in range.clone() {
            let token = &tokens[t];
            // A noun counting a multiple of another after a number (`three decades` for
            // `thirty years`): the numbers check compares the counts.
            let counted_multiple = t > range.start
                && in_numbers[t - 1 - range.start]
                && lexicon.scaled_nouns.contains_key(summary.stem(token));
            if (token.capitalized() && lexicon.capitals_mark_names)
                || counted_multiple
                || counted_by_new_number[t - range.start]
            {
                continue;
            }
            let Some(&(kind, word)) = lexicon.kinds.get(tokens.key(token)) else {
                continue;
            };
            if self.used.contains(&(kind, word))
                || !self.used.iter().any(|&(other, _)| other == kind)
            {
                continue;
            }
            let of_kind = |s: usize| {
                source.sentences[s].tokens().find(|&u| {
                    lexicon
                        .kinds
                        .get(source.tokens.key(&source.tokens[u]))
                        .is_some_and(|&(k, _)| k == kind)
                })
            };
            let Some((found_in, other)) = sentence
                .linked()
                .iter()
                .copied()
                .chain(0..source.sentences.len())
                .find_map(|s| of_kind(s).map(|u| (s, u)))
            else {
                continue;
            };
            evidence.push(sentence.put_for(
                FactKind::Term,
                Scope::Absent,
                token.span(),
                (found_in, source.tokens[other].span()),
            ));
        }
        evidence
    }
}

/// The rule of `fact-mismatch/term`.
const TERM_RULE: Rule = Rule::mismatch(
    FactKind::Term,
    "A word is put for another of its kind that the source uses (a colour, a unit of time, a point of the compass).",
    "The kinds are the language's lists, units of frequency and senses too: “white paint” where the source has blue and yellow paint, “one-month” where it says “one-year”. \
     Left alone: a kind the source never uses, capitalised names (“White House”), people by \
     sex or kin (“her father” for “the daughter of”), and in Vietnamese every kind but colours \
     (“năm” is also five, “nam” also south).",
);
