//! The fact checks between a summary sentence and the source sentences it is aligned with
//! (numbers, negation and tense, opposites), and against the whole source ([`SourceWide`]:
//! a number or year it never gives, an ordinal it never gives a noun it orders, a negation
//! where it negates nothing or of a word it only affirms, a name it never mentions, a colour
//! or unit of time it never uses where it uses others).
//! Each returns `fact-mismatch` findings with both spans, or the summary's alone when no
//! source sentence is the place.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::cell::OnceCell;
use std::ops::Range;

use crate::align::Link;
use crate::lang::matches_at;
use crate::model::{
    DateFact, Document, Editorial, FactKind, Finding, FindingKind, Location, MarkerKind as Markers,
    NumberFact, OrdinalFact, PersonMention, Severity, Span, Token, TokenKind,
};

/// Every fact that disagrees between summary sentence `index` and its aligned sources.
pub(super) fn fact_mismatches(
    summary: &Document,
    source: &Document,
    source_wide: &SourceWide,
    index: usize,
    link: &Link,
) -> Vec<Finding> {
    let mut findings = number_mismatches(summary, source, source_wide, index, link);
    findings.extend(marker_mismatches(summary, source, index, link));
    findings.extend(opposites(summary, source, index, link));
    findings
}

/// What the whole source says, for the checks that need no aligned sentence: a summary
/// sentence too loosely worded to align can still carry a figure, a negation or a name the
/// source never has.
pub(super) struct SourceWide<'a> {
    numbers: SourceNumbers,
    /// The numbers of each counted noun or unit.
    numbers_by_noun: HashMap<&'a str, SourceNumbers>,
    /// Every year the source gives, alone or in a date.
    years: HashSet<i32>,
    /// The words the source says, by stem, and those it ever negates: built when a summary
    /// sentence first negates something.
    stems: OnceCell<SourceStems>,
    /// The words of a kind the source uses, as `(kind, word)` of [`crate::lang::Lexicon`]'s
    /// kinds.
    kind_words: HashSet<(usize, usize)>,
    /// The ordinals of each ordered noun, with their sentences.
    ordinals_by_noun: HashMap<&'a str, Vec<(usize, &'a OrdinalFact)>>,
    negates: bool,
    /// The names the source mentions, when names are checked: against a transcript, the
    /// speaker's whole words, but not against another report, which names its own sources
    /// and places.
    names: Option<SourceNames<'a>>,
}

impl<'a> SourceWide<'a> {
    pub(super) fn new(source: &'a Document, checks_names: bool) -> Self {
        let all_numbers = || source.facts.iter().flat_map(|facts| &facts.numbers);
        let mut by_noun: HashMap<&str, Vec<&NumberFact>> = HashMap::default();
        for number in all_numbers() {
            if let Some(noun) = &number.noun {
                by_noun.entry(noun).or_default().push(number);
            }
        }
        let mut ordinals_by_noun: HashMap<&str, Vec<(usize, &OrdinalFact)>> = HashMap::default();
        for (sentence, facts) in source.facts.iter().enumerate() {
            for ordinal in &facts.ordinals {
                ordinals_by_noun
                    .entry(&ordinal.noun)
                    .or_default()
                    .push((sentence, ordinal));
            }
        }
        let lexicon = source.language.lexicon();
        SourceWide {
            stems: OnceCell::new(),
            kind_words: source
                .tokens
                .distinct()
                .filter_map(|key| lexicon.kinds.get(key).copied())
                .collect(),
            numbers: SourceNumbers::new(all_numbers()),
            years: source
                .facts
                .iter()
                .flat_map(|facts| &facts.dates)
                .filter_map(|date| date.year)
                .collect(),
            ordinals_by_noun,
            numbers_by_noun: by_noun
                .into_iter()
                .map(|(noun, numbers)| (noun, SourceNumbers::new(numbers)))
                .collect(),
            negates: source
                .facts
                .iter()
                .any(|facts| facts.marked(Markers::Negation).next().is_some()),
            names: checks_names.then(|| SourceNames::new(source)),
        }
    }

    /// The numbers of summary sentence `index` that no source number agrees with, the years
    /// alone and the ordinals the source never gives, the words put for others of their kind,
    /// its negations when the source negates nothing, and the names the source never
    /// mentions, unless `found` (the sentence's other findings) already points at their
    /// words; pointed at the sentence's nearest source sentence, if any.
    pub(super) fn mismatches(
        &self,
        summary: &Document,
        source: &Document,
        index: usize,
        link: Option<&Link>,
        found: &[Finding],
    ) -> Vec<Finding> {
        let nearest = link.map(|l| nearest(source, l));
        let unreported = |span: Span| {
            !found.iter().any(|f| {
                f.summary
                    .is_some_and(|at| at.span.start < span.end && span.start < at.span.end)
            })
        };
        let numbers = summary.facts[index]
            .numbers
            .iter()
            .filter(|number| !self.numbers.agree_with(number) && unreported(number.span))
            .map(|number| {
                mismatch(
                    FactKind::Number,
                    format!(
                        "the summary says “{}”, a number the source never gives",
                        summary.slice(number.span)
                    ),
                    Location {
                        sentence: index,
                        span: number.span,
                    },
                    nearest,
                )
            });
        let years = summary.facts[index]
            .dates
            .iter()
            .filter(|date| {
                date.is_year_alone()
                    && date.year.is_some_and(|year| !self.years.contains(&year))
                    && unreported(date.span)
            })
            .map(|date| {
                mismatch(
                    FactKind::Date,
                    format!(
                        "the summary says “{}”, a year the source never gives",
                        summary.slice(date.span)
                    ),
                    Location {
                        sentence: index,
                        span: date.span,
                    },
                    nearest,
                )
            });
        let ordinals_and_terms = self
            .ordinal_mismatches(summary, source, index, link)
            .into_iter()
            .chain(self.term_mismatches(summary, source, index, link))
            .filter(|f| f.summary.is_some_and(|at| unreported(at.span)));
        let negation_found = found.iter().any(|f| f.fact == Some(FactKind::Negation));
        let negations: Vec<Finding> = if negation_found {
            Vec::new()
        } else if self.negates {
            self.negated_words(summary, source, index, link)
        } else {
            marked(summary, index, Markers::Negation)
                .map(|marker| {
                    mismatch(
                        FactKind::Negation,
                        "the summary negates, and the source negates nothing".to_string(),
                        place(summary, index, marker),
                        None,
                    )
                })
                .collect()
        };
        let names = self
            .new_names(summary, index)
            .into_iter()
            .filter(|&span| unreported(span))
            .map(|span| {
                mismatch(
                    FactKind::NewName,
                    format!(
                        "the summary names “{}”, which the source never mentions",
                        summary.slice(span)
                    ),
                    Location {
                        sentence: index,
                        span,
                    },
                    nearest,
                )
            });
        numbers
            .chain(years)
            .chain(ordinals_and_terms)
            .chain(negations)
            .chain(names)
            .collect()
    }

    /// The words summary sentence `index` negates (the first after a negation that is not a
    /// function word) that the source says but never within reach of a negation (`did not
    /// recommend` where the agent recommends), pointed at the word in the sentence's nearest
    /// source sentences, or else at its first in the source.
    fn negated_words(
        &self,
        summary: &Document,
        source: &Document,
        index: usize,
        link: Option<&Link>,
    ) -> Vec<Finding> {
        if summary.language != source.language {
            return Vec::new();
        }
        let lexicon = summary.language.lexicon();
        let tokens = &summary.tokens;
        let within = summary.sentences[index].tokens.clone();
        let linked = linked_sources(link);
        let sentence_of = |t: usize| source.sentences.partition_point(|s| s.tokens.end <= t);
        let mut findings = Vec::new();
        for marker in marked(summary, index, Markers::Negation) {
            let negated = (marker.end..(marker.end + NEGATION_REACH).min(within.end))
                .take_while(|&t| tokens[t].kind == TokenKind::Word)
                .find(|&t| !lexicon.function_words.contains(tokens.key(&tokens[t])))
                .filter(|&t| is_content_word(tokens.key(&tokens[t])));
            let Some(word) = negated else {
                continue;
            };
            let stem = lexicon.stem(tokens.key(&tokens[word]));
            let stems = self.stems.get_or_init(|| SourceStems::new(source));
            // Said of the same thing: a content word of the clause around both (a negation
            // governs a clause, wider than the words around an opposite); in a linked
            // sentence first.
            let clause = 2 * CONTEXT_WORDS;
            let around = content_near(summary, index, tokens[word].span, clause);
            let said_plainly = stems.said_plainly(&stem);
            let said_near =
                said_plainly
                    .iter()
                    .map(|&t| (sentence_of(t), t))
                    .filter(|&(sentence, t)| {
                        stems.shares_context(source, sentence, t, clause, &around)
                    });
            let Some((sentence, said)) = prefer_linked(said_near, linked) else {
                continue;
            };
            findings.push(mismatch(
                FactKind::Negation,
                format!(
                    "the summary negates “{}”, which the source says without negation",
                    summary.slice(tokens[word].span)
                ),
                place(summary, index, &(marker.start..word + 1)),
                Location {
                    sentence,
                    span: source.tokens[said].span,
                },
            ));
        }
        findings
    }

    /// The words of a kind in summary sentence `index` that the source never uses while it
    /// uses others of that kind (`white paint` where it only has `blue` and `yellow`), pointed
    /// at the first of those in the sentence's nearest source sentences, or else in the
    /// source. Capitalised words are names where capitals mark names (`White House`).
    fn term_mismatches(
        &self,
        summary: &Document,
        source: &Document,
        index: usize,
        link: Option<&Link>,
    ) -> Vec<Finding> {
        if summary.language != source.language {
            return Vec::new();
        }
        let lexicon = summary.language.lexicon();
        let tokens = &summary.tokens;
        let linked = linked_sources(link);
        let mut findings = Vec::new();
        for t in summary.sentences[index].tokens.clone() {
            let token = &tokens[t];
            if token.capitalized && lexicon.capitals_mark_names {
                continue;
            }
            let Some(&(kind, word)) = lexicon.kinds.get(tokens.key(token)) else {
                continue;
            };
            if self.kind_words.contains(&(kind, word))
                || !self.kind_words.iter().any(|&(other, _)| other == kind)
            {
                continue;
            }
            let of_kind = |s: usize| {
                source.sentences[s].tokens.clone().find(|&u| {
                    lexicon
                        .kinds
                        .get(source.tokens.key(&source.tokens[u]))
                        .is_some_and(|&(k, _)| k == kind)
                })
            };
            let Some((sentence, other)) = linked
                .iter()
                .copied()
                .chain(0..source.sentences.len())
                .find_map(|s| of_kind(s).map(|u| (s, u)))
            else {
                continue;
            };
            findings.push(put_for(
                FactKind::Term,
                (summary, index, token.span),
                (source, sentence, source.tokens[other].span),
            ));
        }
        findings
    }

    /// The ordinals of summary sentence `index` whose noun the source orders, but never
    /// with that ordinal (`second quarter` where it only has the `third quarter`); pointed at
    /// the source's ordinal in the sentence's nearest source sentences, if it has one there.
    fn ordinal_mismatches(
        &self,
        summary: &Document,
        source: &Document,
        index: usize,
        link: Option<&Link>,
    ) -> Vec<Finding> {
        let mut findings = Vec::new();
        for ordinal in &summary.facts[index].ordinals {
            let Some(given) = self.ordinals_by_noun.get(ordinal.noun.as_str()) else {
                continue;
            };
            if given.iter().any(|(_, o)| o.value == ordinal.value) {
                continue;
            }
            let Some((sentence, other)) =
                prefer_linked(given.iter().copied(), linked_sources(link))
            else {
                continue;
            };
            findings.push(put_for(
                FactKind::Number,
                (summary, index, ordinal.span),
                (source, sentence, other.span),
            ));
        }
        findings
    }

    /// The names in summary sentence `index` that the source never mentions: capitalised
    /// words inside the sentence (not its first word, nor the first after a quotation mark
    /// or a colon) that are not part of its framing (a person with a title, a date), of a
    /// title or of a number, and names ending with a figure (`SARS-CoV-2`). A word counts as
    /// mentioned when the source has it or a word of the same stem ([`SourceNames::mentions`]),
    /// or when it is another name of a country the source names (`U.K.` and `British`);
    /// adjacent new words are one name. Only against a transcript, in languages whose
    /// capitals mark names.
    fn new_names(&self, summary: &Document, index: usize) -> Vec<Span> {
        let lexicon = summary.language.lexicon();
        let Some(source_names) = self.names.as_ref().filter(|_| lexicon.capitals_mark_names) else {
            return Vec::new();
        };
        let tokens = &summary.tokens;
        let range = summary.sentences[index].tokens.clone();
        let facts = &summary.facts[index];
        let framing = facts.framing(range.clone());
        let in_numbers = facts.in_numbers(range.clone());
        // Titles (`Ủy viên Bộ Chính trị` after a name) are the title check's, and another
        // name of a country the source mentions (`U.K.` where it says `British`) is no news.
        let keys: Vec<&str> = tokens.keys(&tokens[range.clone()]).collect();
        let mut known = vec![false; range.len()];
        for title in lexicon.titles.occurrences(&keys) {
            known[title].fill(true);
        }
        for forms in &lexicon.name_aliases {
            for at in 0..keys.len() {
                if let Some(form) = forms.iter().find(|form| matches_at(form, &keys, at))
                    && forms
                        .iter()
                        .any(|other| source_names.mentions_phrase(other))
                {
                    known[at..at + form.len()].fill(true);
                }
            }
        }
        let mut names: Vec<(Range<usize>, bool)> = Vec::new();
        let mut checked = range.start;
        for t in range.clone() {
            if let Some(name) = tokens.name_with_figure(t).filter(|n| n.start >= checked) {
                checked = name.end;
                let new = !source_names
                    .with_figures
                    .contains(&joined_keys(summary, name.clone()));
                names.push((name, new));
                continue;
            }
            if t < checked {
                continue;
            }
            let token = &tokens[t];
            let key = tokens.key(token);
            let opens = t == range.start
                || tokens[t - 1].kind == TokenKind::Punct
                    && !matches!(
                        tokens.key(&tokens[t - 1]),
                        "," | ";" | "(" | "/" | "&" | "-"
                    );
            if token.kind != TokenKind::Word
                || !token.capitalized
                || opens
                || framing[t - range.start]
                || in_numbers[t - range.start]
                || known[t - range.start]
                || key.chars().any(|c| c.is_ascii_digit())
                || lexicon.first_person.contains(key)
            {
                continue;
            }
            let new = !source_names.mentions(key.strip_suffix("'s").unwrap_or(key));
            match names.last_mut() {
                Some((last, last_new)) if last.end == t && *last_new == new => last.end = t + 1,
                _ => names.push((t..t + 1, new)),
            }
        }
        names
            .into_iter()
            .filter(|(_, new)| *new)
            .map(|(name, _)| tokens[name.start].span.cover(tokens[name.end - 1].span))
            .collect()
    }
}

/// How far after a negation a word counts as negated, in tokens.
const NEGATION_REACH: usize = 4;

/// The words a source says, by stem, and the stems it ever negates.
struct SourceStems {
    /// Each distinct key's stem, by key index.
    of_key: Vec<String>,
    /// The keys of each stem.
    keys: HashMap<String, Vec<usize>>,
    /// The tokens of each distinct key, in order, by key index.
    positions: Vec<Vec<usize>>,
    /// The stems of the words within [`NEGATION_REACH`] tokens of a negation: after it, and
    /// before it for a negation that follows its word (`risk-free`).
    negated: HashSet<String>,
}

impl SourceStems {
    fn new(source: &Document) -> Self {
        let lexicon = source.language.lexicon();
        let of_key: Vec<String> = source.tokens.distinct().map(|k| lexicon.stem(k)).collect();
        let mut positions = vec![Vec::new(); of_key.len()];
        for (t, token) in source.tokens.iter().enumerate() {
            positions[token.key.index()].push(t);
        }
        let mut keys: HashMap<String, Vec<usize>> = HashMap::default();
        for (key, stem) in of_key.iter().enumerate() {
            keys.entry(stem.clone()).or_default().push(key);
        }
        let mut negated = HashSet::default();
        for (facts, sentence) in source.facts.iter().zip(&source.sentences) {
            for marker in facts.marked(Markers::Negation) {
                let reach = marker
                    .start
                    .saturating_sub(NEGATION_REACH)
                    .max(sentence.tokens.start)
                    ..(marker.end + NEGATION_REACH).min(sentence.tokens.end);
                negated.extend(reach.map(|t| of_key[source.tokens[t].key.index()].clone()));
            }
        }
        SourceStems {
            of_key,
            keys,
            positions,
            negated,
        }
    }

    /// Whether a content word within `reach` words of token `t`, in its sentence, has one of
    /// the stems of `around` (as [`content_near`] finds them, without stemming again).
    fn shares_context(
        &self,
        source: &Document,
        sentence: usize,
        t: usize,
        reach: usize,
        around: &[String],
    ) -> bool {
        let within = source.sentences[sentence].tokens.clone();
        let words = |range: &mut dyn Iterator<Item = usize>| -> Vec<usize> {
            range
                .filter(|&u| source.tokens[u].kind == TokenKind::Word)
                .take(reach)
                .collect()
        };
        let before = words(&mut (within.start..t).rev());
        let after = words(&mut (t + 1..within.end));
        before.into_iter().chain(after).any(|u| {
            let key = source.tokens.key(&source.tokens[u]);
            is_content_word(key) && around.contains(&self.of_key[source.tokens[u].key.index()])
        })
    }

    /// The tokens where the source says a word of `stem`, in order; none when it ever
    /// negates it.
    fn said_plainly(&self, stem: &str) -> Vec<usize> {
        if self.negated.contains(stem) {
            return Vec::new();
        }
        let mut tokens: Vec<usize> = self
            .keys
            .get(stem)
            .into_iter()
            .flatten()
            .flat_map(|&key| self.positions[key].iter().copied())
            .collect();
        tokens.sort_unstable();
        tokens
    }
}

/// The names a source mentions.
struct SourceNames<'a> {
    /// The comparison keys of the source's tokens, sorted.
    keys: Vec<&'a str>,
    /// Its names that end with a figure (`sars-cov-2`), as joined keys.
    with_figures: HashSet<String>,
}

impl<'a> SourceNames<'a> {
    fn new(source: &'a Document) -> Self {
        let mut keys: Vec<&str> = source.tokens.distinct().collect();
        keys.sort_unstable();
        SourceNames {
            keys,
            with_figures: (0..source.tokens.len())
                .filter_map(|t| source.tokens.name_with_figure(t))
                .map(|name| joined_keys(source, name))
                .collect(),
        }
    }

    /// Whether the source has every word of `phrase`; a one-word phrase as [`Self::mentions`]
    /// finds it.
    fn mentions_phrase(&self, phrase: &[String]) -> bool {
        match phrase {
            [word] => self.mentions(word),
            words => words
                .iter()
                .all(|word| self.keys.binary_search(&word.as_str()).is_ok()),
        }
    }

    /// Whether the source has the word `key`, or one that shares a stem of four letters or
    /// more with it, one of the two having at most one letter after the stem and the other
    /// at most three (`Russia` and `Russian`, `Americans` and `America`, `Ukraine` and
    /// `Ukrainian`, but not `BestInsuranceABC` and `BestInsuranceXYZ`).
    fn mentions(&self, key: &str) -> bool {
        const SHORTEST_STEM: usize = 4;
        const SHORT_ENDING: usize = 1;
        const LONGEST_ENDING: usize = 3;
        if self.keys.binary_search(&key).is_ok() {
            return true;
        }
        let letters = key.chars().count();
        let stem_ends = key
            .char_indices()
            .map(|(end, _)| end)
            .chain([key.len()])
            .enumerate()
            .skip(SHORTEST_STEM.max(letters.saturating_sub(LONGEST_ENDING)));
        for (stem_letters, end) in stem_ends {
            let stem = &key[..end];
            let longest = if letters - stem_letters <= SHORT_ENDING {
                LONGEST_ENDING
            } else {
                SHORT_ENDING
            };
            let first = self.keys.partition_point(|&w| w < stem);
            if self.keys[first..]
                .iter()
                .take_while(|w| w.starts_with(stem))
                .any(|w| w.chars().count() <= stem_letters + longest)
            {
                return true;
            }
        }
        false
    }
}

/// The comparison keys of a run of tokens, joined (`sars-cov-2`).
fn joined_keys(document: &Document, tokens: Range<usize>) -> String {
    document.tokens.keys(&document.tokens[tokens]).collect()
}

/// A set of the source's numbers, as the intervals their claims allow, for asking whether the
/// source gives a value anywhere.
struct SourceNumbers {
    /// The intervals' low ends, ascending.
    lows: Vec<f64>,
    /// For each interval in that order, the highest high end up to it.
    highest: Vec<f64>,
}

impl SourceNumbers {
    fn new<'a>(numbers: impl IntoIterator<Item = &'a NumberFact>) -> Self {
        let mut intervals: Vec<(f64, f64)> =
            numbers.into_iter().map(NumberFact::interval).collect();
        intervals.sort_by(|a, b| a.0.total_cmp(&b.0));
        let highest = intervals
            .iter()
            .scan(f64::NEG_INFINITY, |max, &(_, high)| {
                *max = max.max(high);
                Some(*max)
            })
            .collect();
        SourceNumbers {
            lows: intervals.iter().map(|&(low, _)| low).collect(),
            highest,
        }
    }

    /// True when some number of the source agrees with `number`, taken as rounded to the
    /// digits it is written with.
    fn agree_with(&self, number: &NumberFact) -> bool {
        let (low, high) = number.interval();
        let slack = rounding(number.value);
        let (low, high) = (low - slack, high + slack);
        let starting_below = self.lows.partition_point(|&l| l <= high);
        starting_below > 0 && self.highest[starting_below - 1] >= low
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

/// A mismatch of words put for the source's: “X” where the source says “Y”. Each side is a
/// document, a sentence and the span of the words in it.
fn put_for(
    fact: FactKind,
    (summary, index, said): (&Document, usize, Span),
    (source, sentence, instead): (&Document, usize, Span),
) -> Finding {
    mismatch(
        fact,
        format!(
            "the summary says “{}” where the source says “{}”",
            summary.slice(said),
            source.slice(instead)
        ),
        Location {
            sentence: index,
            span: said,
        },
        Location {
            sentence,
            span: instead,
        },
    )
}

/// The source sentences of `link`, none without one.
fn linked_sources(link: Option<&Link>) -> &[usize] {
    link.map_or(&[], |l| l.sources.as_slice())
}

/// The first of `found` (source sentences with what was found in them) that stands in one of
/// the `linked` sentences, or else the first of all.
fn prefer_linked<T>(
    found: impl Iterator<Item = (usize, T)> + Clone,
    linked: &[usize],
) -> Option<(usize, T)> {
    found
        .clone()
        .find(|(sentence, _)| linked.contains(sentence))
        .or_else(|| found.clone().next())
}

/// The first source sentence of `link`, whole: the place a finding points at when no words
/// of it are the place.
fn nearest(source: &Document, link: &Link) -> Location {
    let sentence = link.sources[0];
    Location {
        sentence,
        span: source.sentences[sentence].span,
    }
}

/// A fact-mismatch error; `source` is `None` when no one source sentence is the place.
fn mismatch(
    fact: FactKind,
    message: String,
    summary: Location,
    source: impl Into<Option<Location>>,
) -> Finding {
    Finding {
        kind: FindingKind::FactMismatch,
        fact: Some(fact),
        severity: Severity::Error,
        message,
        summary: Some(summary),
        source: source.into(),
    }
}

/// Most words of a counted noun shown in a message (`tỉnh thành`).
const NOUN_WORDS: usize = 2;

/// Two numbers with the noun they both count, as written in each document: the words that
/// follow both numbers alike, up to [`NOUN_WORDS`] (`15 tỉnh thành`, `51 tỉnh thành`).
fn written_counts(
    summary: &Document,
    summary_number: &NumberFact,
    source: &Document,
    source_number: &NumberFact,
) -> (String, String) {
    fn following<'a>(document: &'a Document, number: &NumberFact) -> Vec<(&'a str, usize)> {
        document.tokens[number.tokens.end..]
            .iter()
            .take_while(|t| t.kind == TokenKind::Word)
            .take(NOUN_WORDS)
            .map(|t| (document.tokens.key(t), t.span.end))
            .collect()
    }
    let summary_words = following(summary, summary_number);
    let source_words = following(source, source_number);
    let shared = summary_words
        .iter()
        .zip(&source_words)
        .take_while(|(a, b)| a.0 == b.0)
        .count();
    let written = |document: &Document, number: &NumberFact, words: &[(&str, usize)]| {
        let end = shared
            .checked_sub(1)
            .map_or(number.span.end, |last| words[last].1);
        document.text[number.span.start..end].to_string()
    };
    (
        written(summary, summary_number, &summary_words),
        written(source, source_number, &source_words),
    )
}

/// Numbers in the summary sentence that disagree with the number counting the same noun in
/// the aligned source sentences.
fn number_mismatches(
    summary: &Document,
    source: &Document,
    source_wide: &SourceWide,
    index: usize,
    link: &Link,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    let numbers = &summary.facts[index].numbers;
    for (at, number) in numbers.iter().enumerate() {
        let Some(noun) = &number.noun else { continue };
        // Some number of the source counting the same thing agrees, in the linked sentences
        // or elsewhere: the summary may report that sentence (`$6.86` a share where the
        // linked sentence gives `$6.78` diluted).
        if source_wide
            .numbers_by_noun
            .get(noun.as_str())
            .is_some_and(|numbers| numbers.agree_with(number))
        {
            continue;
        }
        // The partner to show: a linked number of the same noun that no other number of the
        // sentence agrees with (`$6.86` a share and `$3.1 billion` earned, against the
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
            .flat_map(|&s| source.facts[s].numbers.iter().map(move |n| (s, n)))
            .find(|(_, n)| n.noun.as_ref() == Some(noun) && !accounted_for(n));
        let Some((sentence, found)) = partner else {
            continue;
        };
        let (says, source_says) = written_counts(summary, number, source, found);
        findings.push(mismatch(
            FactKind::Number,
            format!("the summary says “{says}” where the source says “{source_says}”"),
            Location {
                sentence: index,
                span: number.span,
            },
            Location {
                sentence,
                span: found.span,
            },
        ));
    }
    findings
}

/// Words on each side of a marker that place it (`không` in `… Việt Nam không ký …`).
const CONTEXT_WORDS: usize = 4;

/// The markers of one kind in a sentence of a document.
fn marked(
    document: &Document,
    sentence: usize,
    kind: Markers,
) -> impl Iterator<Item = &Range<usize>> {
    document.facts[sentence].marked(kind)
}

/// A marker's place in a document: the sentence and token range.
struct Marked {
    sentence: usize,
    tokens: Range<usize>,
}

/// The stemmed keys of the words a marker governs: those after it (`sẽ được tổ chức`,
/// `không thực hiện`, `khá rõ nét`), and those before it when fewer than two follow.
fn context(document: &Document, sentence: usize, marker: &Range<usize>) -> Vec<String> {
    let lexicon = document.language.lexicon();
    let within = document.sentences[sentence].tokens.clone();
    let stems = |range: Range<usize>| -> Vec<String> {
        range
            .map(|t| &document.tokens[t])
            .filter(|t| t.kind == TokenKind::Word)
            .map(|t| lexicon.stem(document.tokens.key(t)))
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

/// Where in `sentences` of `document` the words of `context` stand together: the sentence
/// and the token window that holds the most of them, if it holds at least half (and two).
fn locate(
    document: &Document,
    sentences: &[usize],
    context: &[String],
) -> Option<(usize, Range<usize>)> {
    let lexicon = document.language.lexicon();
    let needed = (context.len() / 2).max(2);
    let mut best: Option<(usize, usize, Range<usize>)> = None;
    for &sentence in sentences {
        let range = document.sentences[sentence].tokens.clone();
        let stems: Vec<Option<String>> = range
            .clone()
            .map(|t| &document.tokens[t])
            .map(|t| (t.kind == TokenKind::Word).then(|| lexicon.stem(document.tokens.key(t))))
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

/// The place of a token range in a sentence of a document.
fn place(document: &Document, sentence: usize, tokens: &Range<usize>) -> Location {
    Location {
        sentence,
        span: span_of(document, tokens),
    }
}

fn span_of(document: &Document, tokens: &Range<usize>) -> Span {
    document.tokens[tokens.start]
        .span
        .cover(document.tokens[tokens.end - 1].span)
}

/// For each marker of `kind` on one side, the place where its context stands on the other side
/// when no marker of `kind` is there but (for `conflicting`) one of the other kind is.
fn unmatched(
    from: &Document,
    from_sentences: &[usize],
    to: &Document,
    to_sentences: &[usize],
    kind: Markers,
    conflicting: Option<Markers>,
) -> Vec<(Marked, usize, Range<usize>)> {
    let mut out = Vec::new();
    for &sentence in from_sentences {
        for marker in marked(from, sentence, kind) {
            let words = context(from, sentence, marker);
            let Some((other, window)) = locate(to, to_sentences, &words) else {
                continue;
            };
            // A marker belongs to a verb some words from the words that place it. A marker of
            // the same kind anywhere in the other sentence counts as a match, so that a
            // difference is flagged only where it is clear.
            let reach =
                window.start.saturating_sub(2 * CONTEXT_WORDS)..window.end + 2 * CONTEXT_WORDS;
            let near = |markers: Markers| {
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

/// How many words apart a word and its opposite name a range (`growth and decline`).
const RANGE_WORDS: usize = 2;

/// True for a content word: four letters or more.
fn is_content_word(key: &str) -> bool {
    key.chars().count() >= 4
}

/// The stems of the content words within `reach` words of the word at `span` in a sentence:
/// what it says something of.
fn content_near(document: &Document, sentence: usize, span: Span, reach: usize) -> Vec<String> {
    let lexicon = document.language.lexicon();
    let words: Vec<&Token> = document
        .tokens
        .words_within(document.sentences[sentence].span)
        .collect();
    let at = words.partition_point(|t| t.span.start < span.start);
    words[at.saturating_sub(reach)..(at + 1 + reach).min(words.len())]
        .iter()
        .filter(|t| t.span != span && is_content_word(document.tokens.key(t)))
        .map(|t| lexicon.stem(document.tokens.key(t)))
        .collect()
}

/// Words of summary sentence `index` put for their opposites: the word is not in the source
/// sentences of `link`, but one of its opposites is (`lower` where the source says `higher`).
pub(super) fn opposites(
    summary: &Document,
    source: &Document,
    index: usize,
    link: &Link,
) -> Vec<Finding> {
    let lexicon = summary.language.lexicon();
    let stem = |document: &Document, token: &Token| lexicon.stem(document.tokens.key(token));
    // The summary words that have opposites, with them and their place among the sentence's
    // words: most sentences have none, and then the source sentences are not stemmed at all.
    let with_opposites: Vec<(usize, &Token, String, &Vec<String>)> = summary
        .tokens
        .words_within(summary.sentences[index].span)
        .enumerate()
        .filter_map(|(at, token)| {
            let word = stem(summary, token);
            let opposites = lexicon.opposites.get(&word)?;
            Some((at, token, word, opposites))
        })
        .collect();
    // A word beside one of its opposites names a range (`growth and decline`, `up or down`),
    // not a claim.
    let with_opposites: Vec<(&Token, String, &Vec<String>)> = with_opposites
        .iter()
        .filter(|(at, _, _, opposites)| {
            !with_opposites.iter().any(|(other_at, _, other, _)| {
                other_at.abs_diff(*at) <= RANGE_WORDS && opposites.contains(other)
            })
        })
        .map(|(_, token, word, opposites)| (*token, word.clone(), *opposites))
        .collect();
    if with_opposites.is_empty() {
        return Vec::new();
    }
    let mut in_source: HashMap<String, (usize, Span)> = HashMap::default();
    for &sentence in &link.sources {
        for token in source.tokens.words_within(source.sentences[sentence].span) {
            in_source
                .entry(stem(source, token))
                .or_insert((sentence, token.span));
        }
    }
    with_opposites
        .into_iter()
        .filter(|(_, word, _)| !in_source.contains_key(word))
        .filter_map(|(token, _, opposites)| {
            let &(sentence, span) = opposites
                .iter()
                .find_map(|opposite| in_source.get(opposite))?;
            // Said of the same thing: a content word near both.
            let around = content_near(summary, index, token.span, CONTEXT_WORDS);
            if !content_near(source, sentence, span, CONTEXT_WORDS)
                .iter()
                .any(|w| around.contains(w))
            {
                return None;
            }
            Some(put_for(
                FactKind::Negation,
                (summary, index, token.span),
                (source, sentence, span),
            ))
        })
        .collect()
}

/// Negations added or dropped, and the future put for what was done (or the reverse).
fn marker_mismatches(
    summary: &Document,
    source: &Document,
    index: usize,
    link: &Link,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    let here = [index];
    let checks = [
        (
            Markers::Negation,
            None,
            "the summary negates what the source affirms",
        ),
        (
            Markers::Future,
            Some(Markers::Done),
            "the summary puts in the future what the source says is done",
        ),
        (
            Markers::Done,
            Some(Markers::Future),
            "the summary says is done what the source puts in the future",
        ),
    ];
    for (kind, conflicting, message) in checks {
        for (marked, other, window) in
            unmatched(summary, &here, source, &link.sources, kind, conflicting)
        {
            findings.push(mismatch(
                FactKind::Negation,
                message.to_string(),
                place(summary, marked.sentence, &marked.tokens),
                place(source, other, &window),
            ));
        }
    }
    for (marked, _, window) in unmatched(
        source,
        &link.sources,
        summary,
        &here,
        Markers::Negation,
        None,
    ) {
        findings.push(mismatch(
            FactKind::Negation,
            "the summary drops the source's negation".to_string(),
            place(summary, index, &window),
            place(source, marked.sentence, &marked.tokens),
        ));
    }
    findings
}

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

impl QuoteSearch {
    pub(super) fn new(summary: &Document, source: &Document) -> Self {
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

    /// Quotations in summary sentence `index` whose words are not in the source, in order and
    /// together; each with the closest source passage, or with the sentence's nearest source
    /// sentence (`link`) when the source has none of the quoted words.
    pub(super) fn mismatches(
        &self,
        source: &Document,
        index: usize,
        link: Option<&Link>,
    ) -> Vec<Finding> {
        self.results
            .iter()
            .filter(|r| r.sentence == index && !r.in_place)
            .map(|r| {
                let quote = Location {
                    sentence: index,
                    span: r.quote,
                };
                match r.closest {
                    Some((sentence, span)) => mismatch(
                        FactKind::Quote,
                        format!(
                            "the quoted words are not in the source; the closest passage is “{}”",
                            source.slice(span)
                        ),
                        quote,
                        Location { sentence, span },
                    ),
                    None => mismatch(
                        FactKind::Quote,
                        "the source has none of the quoted words".to_string(),
                        quote,
                        link.map(|l| nearest(source, l)),
                    ),
                }
            })
            .collect()
    }
}

/// Titles in summary sentence `index` that conflict with the title the source gives the same
/// person (`Thứ trưởng X` where the source says `Bộ trưởng X`): titles of one family exclude
/// each other; titles of different families (a rank and an office) can both be right.
pub(super) fn title_mismatches(
    summary: &Document,
    source_people: &[(usize, &PersonMention)],
    index: usize,
) -> Vec<Finding> {
    let lexicon = summary.language.lexicon();
    let mut findings = Vec::new();
    for person in &summary.facts[index].people {
        let Some(family) = lexicon.title_family(&person.title_keys) else {
            continue;
        };
        let same_person: Vec<(usize, &PersonMention)> = source_people
            .iter()
            .filter(|(_, p)| p.same_person(&person.name_keys))
            .copied()
            .collect();
        if same_person
            .iter()
            .any(|(_, p)| p.title_keys == person.title_keys)
        {
            continue;
        }
        let conflicting = same_person
            .iter()
            .find(|(_, p)| lexicon.title_family(&p.title_keys) == Some(family));
        if let Some(&(sentence, found)) = conflicting {
            findings.push(mismatch(
                FactKind::Title,
                format!(
                    "the summary calls {} “{}” where the source says “{}”",
                    person.name, person.title, found.title
                ),
                Location {
                    sentence: index,
                    span: person.span,
                },
                Location {
                    sentence,
                    span: found.span,
                },
            ));
        }
    }
    findings
}

/// A statement attributed to `person` that repeats the source's words: the source's speaker
/// said it. It is a `name` mismatch when the person has the title the source gives its
/// speaker (the right office, another name), and a `speaker` mismatch otherwise.
pub(super) fn misattribution(
    source: &Document,
    source_people: &[(usize, &PersonMention)],
    index: usize,
    person: &PersonMention,
    link: &Link,
) -> Finding {
    let speaker_with_title = source_people
        .iter()
        .copied()
        .find(|(_, p)| p.title_keys == person.title_keys);
    let (fact, message, source_at) = match speaker_with_title {
        Some((sentence, speaker)) => (
            FactKind::Name,
            format!(
                "the summary names {} where the source's {} is {}",
                person.name, speaker.title, speaker.name
            ),
            Location {
                sentence,
                span: speaker.span,
            },
        ),
        None => {
            let sentence = link.sources[0];
            (
                FactKind::Speaker,
                format!(
                    "attributed to {}, but these are the words of the source's speaker",
                    person.name
                ),
                Location {
                    sentence,
                    span: source.sentences[sentence].span,
                },
            )
        }
    };
    mismatch(
        fact,
        message,
        Location {
            sentence: index,
            span: person.span,
        },
        source_at,
    )
}

/// A paraphrase-shift finding.
fn shift(severity: Severity, message: String, summary: Location, source: Location) -> Finding {
    Finding {
        kind: FindingKind::ParaphraseShift,
        fact: None,
        severity,
        message,
        summary: Some(summary),
        source: Some(source),
    }
}

/// Changes in how strongly summary sentence `index` says what its sources say: a qualifier
/// made absolute (`một số` → `tất cả`, `most` → `all`) or a weak modal made a commitment
/// (`đề nghị` → `yêu cầu`, `consider` → `commit`), warnings; a qualifier dropped or added, or
/// a commitment weakened, info.
pub(super) fn paraphrase_shifts(
    summary: &Document,
    source: &Document,
    index: usize,
    link: &Link,
) -> Vec<Finding> {
    let here = [index];
    let mut findings = Vec::new();
    let mut flagged: Vec<Range<usize>> = Vec::new();
    let from_source = [
        (
            Markers::Hedge,
            Some(Markers::Absolute),
            Severity::Warning,
            "makes absolute what the source qualifies with",
        ),
        (
            Markers::WeakModal,
            Some(Markers::StrongModal),
            Severity::Warning,
            "turns into a commitment what the source says with",
        ),
        (
            Markers::StrongModal,
            Some(Markers::WeakModal),
            Severity::Info,
            "weakens the source's",
        ),
        (
            Markers::Hedge,
            None,
            Severity::Info,
            "drops the source's qualifier",
        ),
    ];
    for (kind, conflicting, severity, what) in from_source {
        for (marked, _, window) in
            unmatched(source, &link.sources, summary, &here, kind, conflicting)
        {
            if flagged.contains(&marked.tokens) {
                continue;
            }
            let word = source.slice(span_of(source, &marked.tokens));
            findings.push(shift(
                severity,
                format!("the summary {what} “{word}”"),
                place(summary, index, &window),
                place(source, marked.sentence, &marked.tokens),
            ));
            flagged.push(marked.tokens);
        }
    }
    for (marked, other, window) in
        unmatched(summary, &here, source, &link.sources, Markers::Hedge, None)
    {
        let word = summary.slice(span_of(summary, &marked.tokens));
        findings.push(shift(
            Severity::Info,
            format!("the summary adds the qualifier “{word}”, which the source does not have"),
            place(summary, index, &marked.tokens),
            place(source, other, &window),
        ));
    }
    findings
}

/// The date a document carries in its `date YYYY-MM-DD` header, or the configured one.
pub(super) fn document_date(
    document: &Document,
    configured: Option<time::Date>,
) -> Option<time::Date> {
    document
        .sentences
        .iter()
        .filter(|s| s.editorial == Some(Editorial::Header))
        .find_map(|s| {
            let text = document.slice(s.span);
            crate::config::parse_date(text.get(text.len().saturating_sub(10)..)?)
        })
        .or(configured)
}

/// Dates in summary sentence `index` that cannot be any date of its aligned source sentences,
/// comparing the parts both give; relative dates are resolved against each document's date.
/// A year alone is left to [`SourceWide`]: sentences compare years (`up from 2021`), so the
/// year beside it in the source is often not the same year.
pub(super) fn date_mismatches(
    summary: &Document,
    source: &Document,
    index: usize,
    link: &Link,
    dates: (Option<time::Date>, Option<time::Date>),
) -> Vec<Finding> {
    let (summary_date, source_date) = dates;
    let candidates: Vec<(usize, &DateFact, DateFact)> = link
        .sources
        .iter()
        .flat_map(|&s| source.facts[s].dates.iter().map(move |d| (s, d)))
        .filter(|(_, d)| !d.is_year_alone())
        .map(|(s, d)| (s, d, d.resolved(source_date)))
        .filter(|(_, _, resolved)| resolved.has_parts())
        .collect();
    let mut findings = Vec::new();
    for date in summary.facts[index]
        .dates
        .iter()
        .filter(|d| !d.is_year_alone())
    {
        let resolved = date.resolved(summary_date);
        if !resolved.has_parts() || candidates.iter().any(|(_, _, c)| c.agrees_with(&resolved)) {
            continue;
        }
        let Some(&(sentence, found, _)) = candidates.first() else {
            continue;
        };
        let says = summary.slice(date.span);
        let meaning = match (date.offset, resolved.calendar_text()) {
            (Some(_), Some(text)) => format!(" ({text})"),
            _ => String::new(),
        };
        findings.push(mismatch(
            FactKind::Date,
            format!(
                "the summary says “{says}”{meaning} where the source says “{}”",
                source.slice(found.span)
            ),
            Location {
                sentence: index,
                span: date.span,
            },
            Location {
                sentence,
                span: found.span,
            },
        ));
    }
    findings
}

/// Every person the source names, with the sentence that names them.
pub(super) fn people(source: &Document) -> Vec<(usize, &PersonMention)> {
    source
        .facts
        .iter()
        .enumerate()
        .flat_map(|(s, facts)| facts.people.iter().map(move |p| (s, p)))
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::{Config, Input, SourceKind, check};

    /// Asserts that one of `messages` contains `needle`; `why` says what the case shows.
    #[track_caller]
    fn assert_has(messages: &[String], needle: &str, why: &str) {
        assert!(
            messages.iter().any(|m| m.contains(needle)),
            "{why}: no “{needle}” in {messages:?}"
        );
    }

    /// Asserts that none of `messages` contains `needle`; `why` says what the case shows.
    #[track_caller]
    fn assert_lacks(messages: &[String], needle: &str, why: &str) {
        assert!(
            !messages.iter().any(|m| m.contains(needle)),
            "{why}: “{needle}” in {messages:?}"
        );
    }

    fn messages(summary: &str, source: &str) -> Vec<String> {
        messages_against(SourceKind::Report, summary, source)
    }

    fn messages_against(source_kind: SourceKind, summary: &str, source: &str) -> Vec<String> {
        let config = Config {
            source_kind,
            ..Config::default()
        };
        check(
            &Input::new("summary", summary),
            &Input::new("source", source),
            &config,
        )
        .findings
        .into_iter()
        .map(|f| f.message)
        .collect()
    }

    #[test]
    fn a_number_the_source_never_gives_is_a_mismatch_unless_rounded() {
        let source = "Capital One earned $3.08 billion, and shares rose 4.4 percent.";
        let added = messages("Capital One earned $3.08 billion in 12 states.", source);
        assert_eq!(
            added,
            ["the summary says “12”, a number the source never gives"]
        );
        let rounded = messages(
            "Capital One earned $3.1 billion; shares rose 4 percent.",
            source,
        );
        assert_lacks(&rounded, "never gives", "rounded figures agree");
    }

    #[test]
    fn a_word_put_for_its_opposite_is_a_mismatch() {
        let source = "Sales in the second quarter were higher than a year ago.";
        let swapped = messages(
            "Sales in the second quarter were lower than a year ago.",
            source,
        );
        assert_eq!(
            swapped,
            ["the summary says “lower” where the source says “higher”"]
        );
        let kept = messages("Second-quarter sales were higher than a year ago.", source);
        assert!(kept.is_empty(), "{kept:?}");
        let range = messages(
            "Sales in the second quarter swung higher and lower than a year ago.",
            source,
        );
        assert_lacks(
            &range,
            "“lower”",
            "a word beside its opposite names a range",
        );
    }

    #[test]
    fn a_negation_where_the_source_negates_nothing_is_a_mismatch() {
        let source = "The agent explains each plan and offers a discount to new customers.";
        let negated = messages(
            "The agent does not offer a discount to new customers.",
            source,
        );
        assert_has(&negated, "negat", "the source negates nothing");
    }

    #[test]
    fn a_name_the_source_never_mentions_is_a_mismatch() {
        let source = "Russian troops crossed the border into Ukraine, and the Americans \
                      protested in London with BestInsuranceXYZ and British MPs.";
        let renamed = messages_against(
            SourceKind::Transcript,
            "After Russia's attack on Ukrainian towns, the American and U.K. envoys protested \
             in Paris with BestInsuranceABC.",
            source,
        );
        let names: Vec<&String> = renamed.iter().filter(|m| m.contains("names")).collect();
        assert_eq!(
            names,
            [
                "the summary names “Paris”, which the source never mentions",
                "the summary names “BestInsuranceABC”, which the source never mentions"
            ]
        );
        let against_a_report = messages(
            "After Russia's attack, the American envoy protested in Paris.",
            source,
        );
        assert_lacks(
            &against_a_report,
            "names",
            "another report names its own places",
        );
        let german = messages_against(
            SourceKind::Transcript,
            "Die Truppen überquerten die Grenze, und der Botschafter protestierte.",
            "Die Soldaten marschierten über die Grenze, und der Gesandte protestierte.",
        );
        assert_lacks(&german, "names", "German capitalises every noun");
    }

    #[test]
    fn a_figure_in_a_name_is_part_of_the_name_not_a_count() {
        let source = "Sales of the SARS-CoV-2 vaccine fell as COVID-19 cases declined.";
        let same = messages_against(
            SourceKind::Transcript,
            "Sales of the SARS-CoV-2 vaccine fell.",
            source,
        );
        assert!(same.is_empty(), "{same:?}");
        let renamed = messages_against(
            SourceKind::Transcript,
            "Sales of the SARS-CoV-4 vaccine fell.",
            source,
        );
        assert_eq!(
            renamed,
            ["the summary names “SARS-CoV-4”, which the source never mentions"]
        );
    }

    #[test]
    fn a_figure_the_source_gives_elsewhere_is_no_mismatch() {
        let source = "Adjusted earnings per share were $6.86. \
                      Capital One earned $3.1 billion, or $6.78 per diluted share.";
        let merged = messages(
            "Capital One earned $3.1 billion, and earnings per share were $6.86.",
            source,
        );
        assert_lacks(&merged, "$6.", "the figure is given elsewhere");
    }

    #[test]
    fn opposites_said_of_different_things_are_no_mismatch() {
        let source = "We are pleased to increase the quarterly dividend to $0.13 per share, \
                      and we plan to keep reducing our net debt this year.";
        let other_frame = messages(
            "The company is raising its dividend to $0.13 per share and implementing a \
             framework that includes decreasing net debt.",
            source,
        );
        assert_lacks(&other_frame, "“decreasing”", "said of another thing");
        let swapped = messages("The company will decrease the quarterly dividend.", source);
        assert_has(&swapped, "“decrease”", "said of the dividend");
    }

    #[test]
    fn an_ordinal_the_source_never_gives_its_noun_is_a_mismatch() {
        let source = "Earnings rose in the third quarter. The first half was weaker.";
        let swapped = messages("Earnings rose in the second quarter.", source);
        assert!(
            swapped.contains(
                &"the summary says “second quarter” where the source says “third quarter”"
                    .to_string()
            ),
            "{swapped:?}"
        );
        let other_noun = messages(
            "Earnings rose in the third quarter and second year.",
            source,
        );
        assert_lacks(
            &other_noun,
            "where the source says",
            "no other ordinal of the noun",
        );
        let vietnamese = messages(
            "Kỳ họp thứ 9 của Quốc hội bế mạc chiều nay.",
            "Kỳ họp thứ 10 của Quốc hội bế mạc chiều nay.",
        );
        assert_has(
            &vietnamese,
            "the summary says “họp thứ 9” where the source says “họp thứ 10”",
            "the noun stands before a marker",
        );
        let abbreviated = messages("Earnings rose in Q3, and in H2 after Q2.", source);
        let ordinals: Vec<&String> = abbreviated
            .iter()
            .filter(|m| m.contains("where the source says"))
            .collect();
        assert_eq!(
            ordinals,
            [
                "the summary says “H2” where the source says “first half”",
                "the summary says “Q2” where the source says “third quarter”"
            ]
        );
    }

    #[test]
    fn a_year_the_source_never_gives_is_a_mismatch() {
        let source = "Sales fell 30% from 2021, and the company expects $5bn in 2023.";
        let moved = messages("The company expects $5bn in 2024.", source);
        assert!(
            moved.contains(&"the summary says “2024”, a year the source never gives".to_string()),
            "{moved:?}"
        );
        // Another year of the same sentence is no mismatch: sentences compare years.
        let compared = messages("Sales fell 30% from 2023.", source);
        assert_lacks(&compared, "year", "sentences compare years");
    }

    #[test]
    fn a_word_put_for_another_of_its_kind_is_a_mismatch() {
        let source = "Activists spread yellow and blue paint for the one-year anniversary.";
        let recoloured = messages(
            "Activists spread white paint for the one-month anniversary.",
            source,
        );
        let terms: Vec<&String> = recoloured
            .iter()
            .filter(|m| m.contains("where the source says"))
            .collect();
        assert_eq!(
            terms,
            [
                "the summary says “white” where the source says “yellow”",
                "the summary says “month” where the source says “year”"
            ]
        );
        let unrelated = messages(
            "Activists spread paint at the White House for a green future.",
            "Activists spread paint for the anniversary.",
        );
        assert_lacks(
            &unrelated,
            "where the source says",
            "a name, and a kind the source never uses",
        );
    }

    #[test]
    fn negating_a_word_the_source_only_affirms_is_a_mismatch() {
        let source = "Agent: For your family I recommend the Silver plan, it covers theft. \
                      Client: I do not travel much. Agent: The website works fine for claims. \
                      Agent: Try the plan with our risk-free trial.";
        let negated = messages(
            "After the questions about travel and prices and the long talk about the weather, \
             the agent did not recommend the Silver plan.",
            source,
        );
        assert!(
            negated.contains(
                &"the summary negates “recommend”, which the source says without negation"
                    .to_string()
            ),
            "{negated:?}"
        );
        // Negated in the source too, said of something else, or not a word that negates.
        for faithful in [
            "The client does not travel much, and the agent talks about prices and weather.",
            "The client says the phone line is not working and calls again much later.",
            "The plan is easy to use, but not for the elderly, and the agent talks at length.",
            "The agent offers a trial of the plan with no risk, and talks about the weather.",
        ] {
            let found = messages(faithful, source);
            assert_lacks(&found, "without negation", faithful);
        }
    }

    #[test]
    fn a_quoted_word_the_source_never_says_is_a_mismatch() {
        let source = "Anna: Guess my job! Tom: Masseuse? Anna: Right!";
        let quoted = |summary| messages_against(SourceKind::Transcript, summary, source);
        assert_lacks(
            &quoted("Tom guesses \"masseuse\"."),
            "quoted",
            "a one-word quote the source has",
        );
        let misquoted = quoted("Tom guesses \"lifeguard\".");
        assert!(
            misquoted.contains(&"the source has none of the quoted words".to_string()),
            "{misquoted:?}"
        );
    }
}
