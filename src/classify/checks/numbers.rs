//! **Numbers**: counts, years and ordinals (`fact-mismatch/number`, and `fact-mismatch/date`
//! for a year alone).
//!
//! Catches, against the aligned source sentences, a count of a noun that disagrees with the
//! source's count of the same noun (`51 tỉnh thành` where the source says `15 tỉnh thành`);
//! against the whole source, a number it never gives (`in 12 states`), a year alone it never
//! gives (`in 2024` where it says 2023) and an ordinal of a noun it orders but never with that
//! ordinal (`second quarter` where it only has the `third quarter`; `Kỳ họp thứ 9` for
//! `thứ 10`).
//!
//! Leaves alone: a figure rounded to the digits it is written with (`$3.1 billion` for
//! `$3.08 billion`), the same quantity in other units or words (`0.25 percentage points` for
//! `25 basis points`, `20 members` for `half of the 40 members`, `hàng trăm` for 300), a count
//! the source gives anywhere for the same noun, numbers inside dates
//! and names (`COVID-19`), and another year of a sentence that compares years.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::dates::DATE_RULE;
use super::{Checked, FactCheck, Rule, prefer_linked};
use crate::classify::evidence::{Evidence, Reason, Scope};
use crate::lang::tagged_at;
use crate::model::{Document, FactKind, Intervals, NumberFact, OrdinalFact, TokenKind};

/// The source's numbers, years and ordinals.
pub(super) struct SourceFigures<'a> {
    /// Every number whose claim is bounded on both sides.
    numbers: SourceNumbers,
    /// The numbers of each counted noun or unit.
    numbers_by_noun: HashMap<&'a str, SourceNumbers>,
    /// Every year the source gives, alone or in a date.
    years: HashSet<i32>,
    /// The value of every run of digits written in the source, wherever it stands: in a
    /// date (`April 3`), a time (`8pm`), a score (`2-1`), an amount glued to its unit
    /// (`£50m`). A summary number with one of these values is one the source gives, though
    /// perhaps not as a count: what it counts is left to the aligned check.
    written: HashSet<u64>,
    /// The ordinals of each ordered noun, with their sentences.
    ordinals_by_noun: HashMap<&'a str, Vec<(usize, &'a OrdinalFact)>>,
}

impl SourceFigures<'_> {
    /// Numbers of the sentence that disagree with the number counting the same noun in the
    /// aligned source sentences.
    fn counts(&self, sentence: &Checked<'_>, evidence: &mut Vec<Evidence>) {
        let (summary, source) = (sentence.summary, sentence.source);
        let Some(link) = sentence.link else { return };
        let numbers = summary.facts.get(sentence.index).numbers;
        for (at, number) in numbers.iter().enumerate() {
            let Some(noun) = &number.noun else { continue };
            // Some number of the source counting the same thing agrees, in the linked
            // sentences or elsewhere: the summary may report that sentence (`$6.86` a share
            // where the linked sentence gives `$6.78` diluted).
            if self
                .numbers_by_noun
                .get(noun.as_str())
                .is_some_and(|numbers| numbers.agree_with(number))
            {
                continue;
            }
            // The partner to show: a linked number of the same noun that no other number of
            // the sentence agrees with (`$6.86` a share and `$3.1 billion` earned, against the
            // source's `$3.1 billion or $6.78`).
            let accounted_for = |n: &NumberFact| {
                numbers
                    .iter()
                    .enumerate()
                    .any(|(other, o)| other != at && o.agrees_with(n))
            };
            let partner = link
                .sources
                .iter()
                .flat_map(|&s| source.facts.get(s).numbers.iter().map(move |n| (s, n)))
                .find(|(_, n)| n.noun.as_ref() == Some(noun) && !accounted_for(n));
            let Some((found_in, found)) = partner else {
                continue;
            };
            // Shown with the words that follow both numbers alike: the noun they count.
            let (says, source_says) = written_counts(summary, number, source, found);
            let mut count = sentence
                .put_for(
                    FactKind::Number,
                    Scope::Aligned,
                    number.span,
                    (found_in, found.span),
                )
                .in_slot(noun.as_str());
            count.said = says;
            count.source_said = Some(source_says);
            evidence.push(count);
        }
    }

    /// The numbers of the sentence no number of the source agrees with, and its years alone
    /// the source never gives, pointed at the nearest source sentence.
    fn absent(&self, sentence: &Checked<'_>, evidence: &mut Vec<Evidence>) {
        let summary = sentence.summary;
        let facts = summary.facts.get(sentence.index);
        let given = |n: &NumberFact| {
            self.numbers.agree_with(n)
                || self.written.contains(&n.value.to_bits())
                || (n.noun.as_deref())
                    .and_then(|noun| self.numbers_by_noun.get(noun))
                    .is_some_and(|numbers| numbers.agree_with(n))
        };
        for number in facts.numbers.iter().filter(|n| !given(n)) {
            let mut found = Evidence::new(
                Reason::NumberAbsent,
                Scope::Absent,
                sentence.at(number.span),
                summary.slice(number.span),
            )
            .pointing_at(sentence.nearest());
            found.slot.clone_from(&number.noun);
            evidence.push(found);
        }
        for date in facts.dates.iter().filter(|date| {
            date.is_year_alone() && date.year.is_some_and(|year| !self.years.contains(&year))
        }) {
            evidence.push(
                Evidence::new(
                    Reason::YearAbsent,
                    Scope::Absent,
                    sentence.at(date.span),
                    summary.slice(date.span),
                )
                .pointing_at(sentence.nearest()),
            );
        }
    }

    /// The ordinals of the sentence whose noun the source orders, but never with that ordinal
    /// (`second quarter` where it only has the `third quarter`); pointed at the source's
    /// ordinal in the linked sentences, if it has one there.
    fn ordinals(&self, sentence: &Checked<'_>, evidence: &mut Vec<Evidence>) {
        for ordinal in sentence.summary.facts.get(sentence.index).ordinals {
            let Some(given) = self.ordinals_by_noun.get(ordinal.noun.as_str()) else {
                continue;
            };
            if given.iter().any(|(_, o)| o.value == ordinal.value) {
                continue;
            }
            let Some((found_in, other)) = prefer_linked(given.iter().copied(), sentence.linked())
            else {
                continue;
            };
            evidence.push(
                sentence
                    .put_for(
                        FactKind::Number,
                        Scope::Absent,
                        ordinal.span,
                        (found_in, other.span),
                    )
                    .in_slot(ordinal.noun.as_str()),
            );
        }
    }
}

impl<'a> FactCheck<'a> for SourceFigures<'a> {
    const RULES: &'static [Rule] = &[NUMBER_RULE, DATE_RULE];
    const RUNS_UNSUPPORTED: bool = true;

    fn index(_summary: &'a Document, source: &'a Document) -> Self {
        let all_numbers = || source.facts.iter().flat_map(|facts| facts.numbers);
        let mut by_noun: HashMap<&str, Vec<&NumberFact>> = HashMap::default();
        for number in all_numbers() {
            if let Some(noun) = &number.noun {
                by_noun.entry(noun).or_default().push(number);
            }
        }
        let mut ordinals_by_noun: HashMap<&str, Vec<(usize, &OrdinalFact)>> = HashMap::default();
        for (sentence, facts) in source.facts.iter().enumerate() {
            for ordinal in facts.ordinals {
                ordinals_by_noun
                    .entry(&ordinal.noun)
                    .or_default()
                    .push((sentence, ordinal));
            }
        }
        SourceFigures {
            // An open-ended claim (`more than a dozen managers`) gives no value of other things.
            numbers: SourceNumbers::new(all_numbers().filter(|n| {
                let (low, high) = n.interval();
                low.is_finite() && high.is_finite()
            })),
            numbers_by_noun: by_noun
                .into_iter()
                .map(|(noun, numbers)| (noun, SourceNumbers::new(numbers)))
                .collect(),
            years: source
                .facts
                .iter()
                .flat_map(|facts| facts.dates)
                .filter_map(|date| date.year)
                .collect(),
            ordinals_by_noun,
            written: written_values(source),
        }
    }

    fn check(&self, sentence: &Checked<'_>) -> Vec<Evidence> {
        let mut evidence = Vec::new();
        self.counts(sentence, &mut evidence);
        self.absent(sentence, &mut evidence);
        self.ordinals(sentence, &mut evidence);
        evidence
    }
}

/// The values of the runs of digits in the tokens of the source's own sentences (not its
/// editorial lines), read with its language's conventions
/// (`1.000` is a thousand in Vietnamese, `3,5` three and a half).
fn written_values(source: &Document) -> HashSet<u64> {
    let decimal_comma = source.language.lexicon().decimal_comma;
    let mut values = HashSet::default();
    // The source's own words, not its editorial lines (an introduction's date). A name
    // ending with a figure counts (`Su-27`): a summary may write it without capitals.
    let tokens = (source.sentences.iter())
        .filter(|sentence| sentence.editorial.is_none())
        .flat_map(|sentence| sentence.tokens());
    for t in tokens {
        let text = source.slice(source.tokens[t].span());
        let mut rest = text;
        while let Some(start) = rest.find(|c: char| c.is_ascii_digit()) {
            let run = &rest[start..];
            let length = run
                .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
                .unwrap_or(run.len());
            let digits = run[..length].trim_end_matches(['.', ',']);
            if let Some(value) = crate::facts::parse_digits(digits, decimal_comma) {
                values.insert(value.to_bits());
            }
            rest = &run[length..];
        }
    }
    values
}

/// The most words of a unit after a number (`điểm phần trăm`).
const MAX_UNIT_WORDS: usize = 3;

/// Two numbers with the noun they both count, as written in each document: the words that
/// follow both numbers alike, up to the language's count of shown noun words (`15 tỉnh
/// thành`, `51 tỉnh thành`), or the first word after each when none is alike (`three
/// decades`, `three years`).
fn written_counts(
    summary: &Document,
    summary_number: &NumberFact,
    source: &Document,
    source_number: &NumberFact,
) -> (String, String) {
    /// The words after a number that may be shown (up to the language's count of shown
    /// noun words, or its whole unit), and how many words its unit has.
    fn following<'a>(
        document: &'a Document,
        number: &NumberFact,
    ) -> (Vec<(&'a str, usize)>, usize) {
        let lexicon = document.language.lexicon();
        let words: Vec<(&str, usize)> = document.tokens[number.tokens.end..]
            .iter()
            .take_while(|t| t.kind() == TokenKind::Word)
            .take(MAX_UNIT_WORDS)
            .map(|t| (document.tokens.key(t), t.span().end))
            .collect();
        let keys: Vec<&str> = words.iter().map(|&(key, _)| key).collect();
        let unit = tagged_at(&lexicon.units, &keys, 0).map_or(0, |(len, _)| len);
        let shown = lexicon.check_rules.shown_noun_words.max(unit);
        (words.into_iter().take(shown).collect(), unit)
    }
    let (summary_words, summary_unit) = following(summary, summary_number);
    let (source_words, source_unit) = following(source, source_number);
    // The words both share; when they share none (`three decades`, `three years`), the first
    // word of each, so that the two counts show what they count.
    let shared = summary_words
        .iter()
        .zip(&source_words)
        .take_while(|(a, b)| a.0 == b.0)
        .count()
        .max(1);
    // A unit is shown whole (`0.5 percentage points`, `25 điểm cơ bản`).
    let written = |document: &Document, number: &NumberFact, words: &[(&str, usize)], unit| {
        let end = words
            .get(..shared.max(unit).min(words.len()))
            .and_then(<[_]>::last)
            .map_or(number.span.end, |&(_, end)| end);
        document.text[number.span.start..end].to_string()
    };
    (
        written(summary, summary_number, &summary_words, summary_unit),
        written(source, source_number, &source_words, source_unit),
    )
}

/// A set of the source's numbers, as the intervals their claims allow, for asking whether the
/// source gives a value anywhere.
struct SourceNumbers(Intervals);

impl SourceNumbers {
    fn new<'a>(numbers: impl IntoIterator<Item = &'a NumberFact>) -> Self {
        SourceNumbers(Intervals::new(
            numbers.into_iter().map(NumberFact::interval),
        ))
    }

    /// True when some number of the source agrees with `number`, taken as rounded to the
    /// digits it is written with.
    fn agree_with(&self, number: &NumberFact) -> bool {
        let (low, high) = number.interval();
        let slack = rounding(number.value);
        self.0.meet(low - slack, high + slack)
    }
}

/// Half a unit of the last digit a value is written to, so that a rounded figure agrees with
/// the exact one (`4 percent` with `4.4 percent`, `$3.1 billion` with `$3.08 billion`): from a
/// million up, digits count in millions, billions or trillions.
fn rounding(value: f64) -> f64 {
    let scale = [1e12, 1e9, 1e6]
        .into_iter()
        .find(|&scale| value.abs() >= scale)
        .unwrap_or(1.0);
    let mantissa = value.abs() / scale;
    let decimals = (0..4)
        .find(|&d| {
            let shifted = mantissa * 10f64.powi(d);
            (shifted - shifted.round()).abs() < 1e-6
        })
        .unwrap_or(4);
    0.5 * 10f64.powi(-decimals) * scale
}

/// The rule of `fact-mismatch/number`.
const NUMBER_RULE: Rule = Rule::mismatch(
    FactKind::Number,
    "A count or amount disagrees with the source.",
    "Against the sentences it is aligned with, a count of a noun that the source counts \
     otherwise: “27 quốc gia” where the source says “72 quốc gia”, “430 workers” for 340 \
     workers, “hơn 80” for 72. Against the whole source, an ordinal of a noun it orders, but \
     never with that ordinal: “second quarter” or “Q2” where it only has the third quarter, \
     “Kỳ họp thứ 9” for “thứ 10”. Left alone: a figure rounded to the digits it is written \
     with (“4 percent” for 4.4 percent, “khoảng 70” for 72), the same quantity in other words \
     or units (“bảy mươi hai” for 72, “two dozen” for 24, “25 điểm cơ bản” for 0.25 \
     percentage points), a count the source gives anywhere for the same noun, and the parts \
     of dates. A number the source never gives is a detail of the sentence's unsupported \
     finding, not this rule.",
);
