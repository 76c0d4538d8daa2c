//! What an omission loses: the facts of an omitted source sentence that appear nowhere in the
//! summary (counts, names, quotes, an enumerated point), and the salience that follows.

use std::fmt;

use crate::lang::Lexicon;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::model::{Document, Groups, Intervals, Key, NumberFact, Span, TokenKind, two_decimals};

/// A fact an omission loses.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Lost {
    /// A count, as written with what it counts (`3 kết quả`).
    Number(String),
    /// A person's name.
    Name(String),
    /// A quotation.
    Quote(String),
    /// An enumerated point (`Thứ nhất`).
    Point(String),
}

impl fmt::Display for Lost {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Lost::Number(n) => write!(f, "the number {n}"),
            Lost::Name(n) => write!(f, "the name {n}"),
            Lost::Quote(q) => write!(f, "the quote “{q}”"),
            Lost::Point(p) => write!(f, "the point “{p}”"),
        }
    }
}

/// The summary's facts, gathered once and indexed, so that testing a source fact against
/// them takes time that does not grow with the summary (a run of words is compared in as
/// many steps as it has words, at each place of its rarest word).
pub(super) struct SummaryFacts<'a> {
    summary: &'a Document,
    /// The summary's words that a source fact may ask about, in order, each with its place
    /// among all the summary's words (punctuation aside): only those words, so that the
    /// index is the size of the source's quotations and names, not of the summary.
    asked: Vec<(u32, Key)>,
    /// Where each asked key is in `asked`, by key.
    places: Groups,
    /// The number claims of each noun.
    numbers: HashMap<Option<&'a str>, Intervals>,
    /// The last words of the people the summary names.
    people: HashSet<&'a str>,
}

impl<'a> SummaryFacts<'a> {
    /// The summary's facts, its words indexed for the words in `asked` only (the source's
    /// [`asked_words`]).
    pub(super) fn new<'b>(summary: &'a Document, asked: impl Iterator<Item = &'b str>) -> Self {
        let mut is_asked = vec![false; summary.tokens.distinct_keys()];
        for key in asked.filter_map(|word| summary.tokens.find(word)) {
            is_asked[key.index()] = true;
        }
        let words = summary
            .tokens
            .iter()
            .filter(|t| t.kind() != TokenKind::Punct);
        let mut asked: Vec<(u32, Key)> = (words.enumerate())
            .filter(|(_, t)| is_asked[t.key.index()])
            .map(|(place, t)| (u32::try_from(place).expect("fewer than 2^32 words"), t.key))
            .collect();
        asked.shrink_to_fit();
        let places = Groups::new(summary.tokens.distinct_keys(), || {
            asked.iter().enumerate().map(|(at, (_, key))| {
                let at = u32::try_from(at).expect("fewer than 2^32 words");
                (key.index(), at)
            })
        });
        let mut by_noun: HashMap<Option<&str>, Vec<(f64, f64)>> = HashMap::default();
        for number in summary.facts.iter().flat_map(|f| f.numbers) {
            by_noun
                .entry(number.noun.as_deref())
                .or_default()
                .push(number.interval());
        }
        let numbers = by_noun
            .into_iter()
            .map(|(noun, intervals)| (noun, Intervals::new(intervals)))
            .collect();
        let people = summary
            .facts
            .iter()
            .flat_map(|f| f.people)
            .filter_map(|person| person.name_keys.last().map(String::as_str))
            .collect();
        SummaryFacts {
            summary,
            asked,
            places,
            numbers,
            people,
        }
    }

    /// Whether the summary has these words in a row (punctuation between them aside), each
    /// one of the words it was asked about. The rarest of them in the summary anchors the
    /// search.
    fn has_words(&self, words: &[&str]) -> bool {
        let tokens = &self.summary.tokens;
        let Some(keys) = words
            .iter()
            .map(|word| tokens.find(word))
            .collect::<Option<Vec<Key>>>()
        else {
            return false;
        };
        let Some((offset, anchor)) = keys
            .iter()
            .enumerate()
            .min_by_key(|(_, key)| self.places.get(key.index()).len())
        else {
            return false;
        };
        // Every word of a run is an asked word: the run is as many asked words in a row, at
        // places in a row.
        self.places.get(anchor.index()).iter().any(|&at| {
            let (at, place) = (at as usize, self.asked[at as usize].0 as usize);
            let (Some(first), Some(first_place)) =
                (at.checked_sub(offset), place.checked_sub(offset))
            else {
                return false;
            };
            self.asked
                .get(first..first + keys.len())
                .is_some_and(|run| {
                    (run.iter().zip(&keys).enumerate()).all(|(i, (&(place, key), want))| {
                        key == *want && place as usize == first_place + i
                    })
                })
        })
    }

    /// Whether a claim of the summary about the same noun can be true with `number`: the
    /// intervals meet.
    fn has_number(&self, number: &NumberFact) -> bool {
        let (low, high) = number.interval();
        self.numbers
            .get(&number.noun.as_deref())
            .is_some_and(|intervals| intervals.meet(low, high))
    }

    /// Whether the summary names the person whose name ends in `last`, or has the word.
    fn has_person(&self, last: &str) -> bool {
        self.people.contains(last) || self.has_words(&[last])
    }
}

/// The words a source fact may ask the summary about ([`lost`]): its quotations' words and
/// the last words of the people it names.
pub(super) fn asked_words(source: &Document) -> impl Iterator<Item = &str> {
    source.facts.iter().flat_map(|facts| {
        let quoted = (facts.quotes.iter()).flat_map(|quote| words_in(source, quote.into()));
        let named = (facts.people.iter()).filter_map(|person| person.name_keys.last());
        quoted.chain(named.map(String::as_str))
    })
}

/// The longest quotation or number description kept, in characters.
const SHOWN_CHARS: usize = 60;

fn shorten(text: &str) -> String {
    crate::model::excerpt(text, SHOWN_CHARS)
}

/// The words of a span of a document, as keys.
fn words_in(document: &Document, span: Span) -> Vec<&str> {
    let tokens = &document.tokens;
    tokens.words_within(span).map(|t| tokens.key(t)).collect()
}

/// The facts of source sentence `index` that the summary does not carry anywhere.
pub(super) fn lost(summary: &SummaryFacts<'_>, source: &Document, index: usize) -> Vec<Lost> {
    let facts = source.facts.get(index);
    let mut lost = Vec::new();
    if facts.enumerates {
        let opener = source.sentence_tokens(index);
        let comma = opener.iter().position(|t| source.tokens.key(t) == ",");
        if let Some(end) = comma.filter(|&c| c > 0) {
            let span = opener[0].span().cover(opener[end - 1].span());
            lost.push(Lost::Point(source.slice(span).to_string()));
        }
    }
    for number in facts.numbers {
        let kept = summary.has_number(number);
        if !kept {
            let noun_words = source.language.lexicon().noun_words;
            let end = source.tokens[number.tokens.end..]
                .iter()
                .take_while(|t| t.kind() == TokenKind::Word)
                .take(if number.noun.is_some() { noun_words } else { 0 })
                .last()
                .map_or(number.span.end, |t| t.span().end);
            lost.push(Lost::Number(
                source.text[number.span.start..end].to_string(),
            ));
        }
    }
    for person in facts.people {
        let kept = person
            .name_keys
            .last()
            .is_some_and(|last| summary.has_person(last));
        if !kept {
            lost.push(Lost::Name(person.name.clone()));
        }
    }
    for quote in facts.quotes.iter().map(Span::from) {
        if !summary.has_words(&words_in(source, quote)) {
            lost.push(Lost::Quote(shorten(source.slice(quote))));
        }
    }
    lost
}

/// Words of content for a sentence's length to count fully toward salience.
const SALIENT_LENGTH: f64 = 30.0;

/// How much is lost when source sentence `index` is omitted, in 0..=1: the facts it loses
/// (counts, an enumerated point, quotes, names), commitments and length raise it; greetings
/// and thanks lower it.
pub(super) fn salience(source: &Document, index: usize, lost: &[Lost], lexicon: &Lexicon) -> f64 {
    let tokens = source.sentence_tokens(index);
    let keys: Vec<&str> = source.tokens.keys(tokens).collect();
    let words = tokens
        .iter()
        .filter(|t| t.kind() != TokenKind::Punct)
        .count() as f64;
    let any = |kind: fn(&Lost) -> bool| lost.iter().any(kind);
    let mut salience = 0.15 + 0.15 * (words / SALIENT_LENGTH).min(1.0);
    for (present, weight) in [
        (any(|l| matches!(l, Lost::Number(_))), 0.25),
        (any(|l| matches!(l, Lost::Point(_))), 0.2),
        (any(|l| matches!(l, Lost::Quote(_))), 0.2),
        (any(|l| matches!(l, Lost::Name(_))), 0.1),
        (lexicon.commitment_markers.contains(&keys), 0.15),
    ] {
        if present {
            salience += weight;
        }
    }
    if lexicon.courtesy_markers.contains(&keys) {
        salience *= 0.4;
    }
    two_decimals(salience.clamp(0.0, 1.0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Config, Input, analyze};

    fn document(text: &str) -> Document {
        analyze(&Input::new("summary.txt", text), &Config::default())
    }

    #[test]
    fn words_are_found_in_a_row_only() {
        let summary = document("The minister signed the convention in Hanoi. Many states signed.");
        let asked = ["signed", "the", "convention", "hanoi", "many", "treaty"];
        let facts = SummaryFacts::new(&summary, asked.into_iter());
        assert!(facts.has_words(&["signed", "the", "convention"]));
        assert!(facts.has_words(&["hanoi", "many"]), "runs cross sentences");
        assert!(!facts.has_words(&["the", "signed"]));
        assert!(!facts.has_words(&["signed", "convention"]));
        assert!(!facts.has_words(&["treaty"]));
        assert!(!facts.has_words(&[]));
    }

    #[test]
    fn numbers_are_kept_when_a_claim_about_the_same_noun_agrees() {
        let summary = document("It has 72 states, more than 100 delegates and 3 rounds of talks.");
        let source = document(
            "There are 72 states. There are 150 delegates. There are 90 delegates. There are 4 \
             rounds. There are 72 rounds.",
        );
        let facts = SummaryFacts::new(&summary, std::iter::empty());
        let kept: Vec<bool> = source
            .facts
            .iter()
            .flat_map(|f| f.numbers)
            .map(|number| facts.has_number(number))
            .collect();
        assert_eq!(kept, [true, true, false, false, false]);
    }
}
