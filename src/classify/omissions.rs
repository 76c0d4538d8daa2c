//! What an omission loses: the facts of an omitted source sentence that appear nowhere in the
//! summary (counts, names, quotes, an enumerated point), and the salience that follows.

use std::fmt;

use crate::lang::Lexicon;
use crate::model::{Document, NumberFact, PersonMention, Span, TokenKind};

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

/// The summary's facts, gathered once to test source facts against.
pub(super) struct SummaryFacts<'a> {
    words: Vec<&'a str>,
    numbers: Vec<&'a NumberFact>,
    people: Vec<&'a PersonMention>,
}

impl<'a> SummaryFacts<'a> {
    pub(super) fn new(summary: &'a Document) -> Self {
        SummaryFacts {
            words: summary
                .tokens
                .iter()
                .filter(|t| t.kind != TokenKind::Punct)
                .map(|t| summary.tokens.key(t))
                .collect(),
            numbers: summary.facts.iter().flat_map(|f| &f.numbers).collect(),
            people: summary.facts.iter().flat_map(|f| &f.people).collect(),
        }
    }

    fn has_words(&self, words: &[&str]) -> bool {
        !words.is_empty() && self.words.windows(words.len()).any(|w| w == words)
    }
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
    let facts = &source.facts[index];
    let mut lost = Vec::new();
    if facts.enumerates {
        let opener = source.sentence_tokens(index);
        let comma = opener.iter().position(|t| source.tokens.key(t) == ",");
        if let Some(end) = comma.filter(|&c| c > 0) {
            let span = opener[0].span.cover(opener[end - 1].span);
            lost.push(Lost::Point(source.slice(span).to_string()));
        }
    }
    for number in &facts.numbers {
        let kept = summary
            .numbers
            .iter()
            .any(|n| n.noun == number.noun && n.agrees_with(number));
        if !kept {
            let noun_words = source.language.lexicon().noun_words;
            let end = source.tokens[number.tokens.end..]
                .iter()
                .take_while(|t| t.kind == TokenKind::Word)
                .take(if number.noun.is_some() { noun_words } else { 0 })
                .last()
                .map_or(number.span.end, |t| t.span.end);
            lost.push(Lost::Number(
                source.text[number.span.start..end].to_string(),
            ));
        }
    }
    for person in &facts.people {
        let kept = summary
            .people
            .iter()
            .any(|p| p.same_person(&person.name_keys))
            || person
                .name_keys
                .last()
                .is_some_and(|last| summary.has_words(&[last.as_str()]));
        if !kept {
            lost.push(Lost::Name(person.name.clone()));
        }
    }
    for &quote in &facts.quotes {
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
    let words = tokens.iter().filter(|t| t.kind != TokenKind::Punct).count() as f64;
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
    (salience.clamp(0.0, 1.0) * 100.0).round() / 100.0
}
