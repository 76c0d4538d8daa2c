//! **People**: titles, names and speakers (`fact-mismatch/title`, `/name`, `/speaker`,
//! `/new-name`).
//!
//! Catches a title that conflicts with the one the source gives the same person (`Thứ trưởng
//! X` where the source says `Bộ trưởng X`: titles of one family exclude each other); the
//! source speaker's words attributed to another name with the speaker's title (`name`) or to
//! another person (`speaker`), decided by `classify` when it labels the sentence; and, against a
//! transcript, a name the source never mentions (`Paris` where it only has `London`), in
//! languages whose capitals mark names.
//!
//! Leaves alone: titles of different families (a rank and an office can both be right), the
//! first word of a sentence or of a quote, titles and dates around a name, another name of a
//! country the source names (`U.K.` for `British`), a word of the same stem (`Russia`,
//! `Russian`), German nouns, and names against another report, which names its own sources.

use rustc_hash::FxHashSet as HashSet;
use std::ops::Range;

use super::{Checked, FactCheck, Rule};
use crate::align::Link;
use crate::classify::evidence::{Evidence, Reason, Scope};
use crate::config::SourceKind;
use crate::lang::matches_at;
use crate::model::{Document, FactKind, Key, Location, PersonMention, TokenKind, Tokens};

/// Every person the source names, with the sentence that names them.
pub(super) struct SourcePeople<'a>(Vec<(usize, &'a PersonMention)>);

/// The people a document names, in order, each with the sentence that names them.
fn people_of(document: &Document) -> impl Iterator<Item = (usize, &PersonMention)> {
    document
        .facts
        .iter()
        .enumerate()
        .flat_map(|(s, facts)| facts.people.iter().map(move |p| (s, p)))
}

impl<'a> FactCheck<'a> for SourcePeople<'a> {
    /// The title check's rule, and those of the speaker checks `classify` makes.
    const RULES: &'static [Rule] = &[TITLE_RULE, NAME_RULE, SPEAKER_RULE];

    fn index(_summary: &'a Document, source: &'a Document) -> Self {
        SourcePeople(people_of(source).collect())
    }

    /// Titles in the sentence that conflict with the title the source gives the same person:
    /// titles of one family exclude each other.
    fn check(&self, sentence: &Checked<'_>) -> Vec<Evidence> {
        let summary = sentence.summary;
        let lexicon = summary.language.lexicon();
        let mut evidence = Vec::new();
        for person in summary.facts.get(sentence.index).people {
            let Some(family) = lexicon.title_family(&person.title_keys) else {
                continue;
            };
            let same_person: Vec<(usize, &PersonMention)> = self
                .0
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
            if let Some(&(found_in, found)) = conflicting {
                let place = Location::new(found_in, found.span);
                evidence.push(
                    Evidence::new(
                        Reason::Title,
                        Scope::Aligned,
                        sentence.at(person.span),
                        person.title.as_str(),
                    )
                    .where_source_says(place, found.title.as_str())
                    .in_slot(person.name.as_str()),
                );
            }
        }
        evidence
    }
}

/// Evidence that the words `said` at `at`, which credit someone (`Biden said`, `Secretary
/// Antony Blinken`), give them words the first source sentence of `link` gives to another
/// voice, `whose` (`a reporter (Q)`).
pub(crate) fn voice_mismatch(
    source: &Document,
    at: Location,
    said: &str,
    link: Link<'_>,
    whose: &str,
) -> Evidence {
    let sentence = link.sources[0];
    let place = Location::new(sentence, source.sentences[sentence].span);
    Evidence::new(Reason::OtherSpeaker, Scope::Aligned, at, said).where_source_says(place, whose)
}

/// A statement of summary sentence `index` attributed to `person` that repeats the source's
/// words (its `link`), which someone else said: the source's speaker, or `whose` when the
/// source gives them to another voice (`a reporter (Q)`, `MR. KIRBY`). The speaker's words
/// are a `name` mismatch when the person has the title the source gives its speaker (the
/// right office, another name), and a `speaker` mismatch otherwise; another voice's words are
/// a `speaker` mismatch that names the voice.
pub(crate) fn misattribution(
    source: &Document,
    index: usize,
    person: &PersonMention,
    link: Link<'_>,
    whose: Option<&str>,
) -> Evidence {
    let at = Location::new(index, person.span);
    if let Some(whose) = whose {
        return voice_mismatch(source, at, &person.name, link, whose);
    }
    let speaker_with_title = people_of(source).find(|(_, p)| p.title_keys == person.title_keys);
    match speaker_with_title {
        Some((sentence, speaker)) => {
            let place = Location::new(sentence, speaker.span);
            Evidence::new(Reason::OtherName, Scope::Aligned, at, person.name.as_str())
                .where_source_says(place, speaker.name.as_str())
                .in_slot(speaker.title.as_str())
        }
        None => {
            let sentence = link.sources[0];
            let place = Location::new(sentence, source.sentences[sentence].span);
            Evidence::new(
                Reason::OtherSpeaker,
                Scope::Aligned,
                at,
                person.name.as_str(),
            )
            .pointing_at(Some(place))
        }
    }
}

/// The names a source mentions.
pub(super) struct SourceNames<'a> {
    /// The source's tokens, whose keys answer whether it has a word.
    tokens: &'a Tokens,
    /// The source's distinct keys, sorted by their text: the words that start with a stem
    /// are together.
    keys: Vec<Key>,
    /// Its names that end with a figure (`sars-cov-2`), as joined keys.
    with_figures: HashSet<String>,
}

impl<'a> FactCheck<'a> for SourceNames<'a> {
    /// None of its own: a name the source never mentions is a detail the source lacks, listed
    /// on the sentence's `unsupported` finding.
    const RULES: &'static [Rule] = &[];
    /// Against a transcript, the speaker's whole words; not against another report, which
    /// names its own sources and places.
    const ONLY_AGAINST: Option<SourceKind> = Some(SourceKind::Transcript);
    const RUNS_UNSUPPORTED: bool = true;

    fn index(_summary: &'a Document, source: &'a Document) -> Self {
        let tokens = &source.tokens;
        let mut keys: Vec<Key> = tokens.key_ids().collect();
        keys.sort_unstable_by_key(|&key| tokens.key_text(key));
        SourceNames {
            tokens,
            keys,
            with_figures: (0..source.tokens.len())
                .filter_map(|t| source.tokens.name_with_figure(t))
                .map(|name| joined_keys(source, name))
                .collect(),
        }
    }

    /// The names in the sentence that the source never mentions: capitalised words inside the
    /// sentence (not its first word, nor the first after a quotation mark or a colon) that are
    /// not part of its framing (a person with a title, a date), of a title or of a number, and
    /// names ending with a figure (`SARS-CoV-2`). A word counts as mentioned when the source
    /// has it or a word of the same stem ([`SourceNames::mentions`]), or when it is another
    /// name of a country the source names (`U.K.` and `British`); adjacent new words are one
    /// name. Only in languages whose capitals mark names.
    fn check(&self, sentence: &Checked<'_>) -> Vec<Evidence> {
        let (summary, index) = (sentence.summary, sentence.index);
        let lexicon = summary.language.lexicon();
        if !lexicon.capitals_mark_names {
            return Vec::new();
        }
        let tokens = &summary.tokens;
        let range = summary.sentences[index].tokens();
        let facts = summary.facts.get(index);
        let framing = facts.framing(range.clone());
        let in_numbers = facts.in_numbers(range.clone());
        // Titles (`Ủy viên Bộ Chính trị` after a name) are the title check's, and another
        // name of a country the source mentions (`U.K.` where it says `British`) is no news.
        let keys: Vec<&str> = tokens.keys(&tokens[range.clone()]).collect();
        let mut known = vec![false; range.len()];
        for title in lexicon.titles.occurrences(&keys) {
            known[title].fill(true);
        }
        let alias_starts =
            (0..keys.len()).filter(|&at| lexicon.name_alias_forms.at(&keys, at).is_some());
        for at in alias_starts {
            for forms in &lexicon.name_aliases {
                if let Some(form) = forms.iter().find(|form| matches_at(form, &keys, at))
                    && forms
                        .iter()
                        .any(|other| self.mentions_phrase(summary, other))
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
                let new = !self
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
                || tokens[t - 1].kind() == TokenKind::Punct
                    && !matches!(
                        tokens.key(&tokens[t - 1]),
                        "," | ";" | "(" | "/" | "&" | "-"
                    );
            if token.kind() != TokenKind::Word
                || !token.capitalized()
                || opens
                || framing[t - range.start]
                || in_numbers[t - range.start]
                || known[t - range.start]
                || key.chars().any(|c| c.is_ascii_digit())
                || lexicon.first_person.contains(key)
            {
                continue;
            }
            let bare = lexicon
                .check_rules
                .possessive_endings
                .iter()
                .find_map(|ending| key.strip_suffix(*ending))
                .unwrap_or(key);
            let new = !self.mentions(summary, bare);
            match names.last_mut() {
                Some((last, last_new)) if last.end == t && *last_new == new => last.end = t + 1,
                _ => names.push((t..t + 1, new)),
            }
        }
        names
            .into_iter()
            .filter(|(_, new)| *new)
            .map(|(name, _)| {
                let span = tokens[name.start].span().cover(tokens[name.end - 1].span());
                Evidence::new(
                    Reason::NameAbsent,
                    Scope::Absent,
                    sentence.at(span),
                    summary.slice(span),
                )
                .pointing_at(sentence.nearest())
            })
            .collect()
    }
}

impl SourceNames<'_> {
    /// Whether the source has every word of `phrase`; a one-word phrase as [`Self::mentions`]
    /// finds it.
    fn mentions_phrase(&self, summary: &Document, phrase: &[String]) -> bool {
        match phrase {
            [word] => self.mentions(summary, word),
            words => words.iter().all(|word| self.tokens.find(word).is_some()),
        }
    }

    /// Whether the source has the word `key` of the summary, or one that shares a stem with
    /// it as the summary's language shapes names ([`crate::lang::NameStems`]: in each
    /// language today, a stem of four letters or more, one of the two words having at most
    /// one letter after it and the other at most three: `Russia` and `Russian`, `Americans`
    /// and `America`, `Ukraine` and `Ukrainian`, but not `BestInsuranceABC` and
    /// `BestInsuranceXYZ`).
    fn mentions(&self, summary: &Document, key: &str) -> bool {
        let rule = summary.language.lexicon().check_rules.name_stems;
        if self.tokens.find(key).is_some() {
            return true;
        }
        let letters = key.chars().count();
        let stem_ends = key
            .char_indices()
            .map(|(end, _)| end)
            .chain([key.len()])
            .enumerate()
            .skip(
                rule.shortest_stem
                    .max(letters.saturating_sub(rule.longest_ending)),
            );
        for (stem_letters, end) in stem_ends {
            let stem = &key[..end];
            let longest = if letters - stem_letters <= rule.short_ending {
                rule.longest_ending
            } else {
                rule.short_ending
            };
            let first = self
                .keys
                .partition_point(|&k| self.tokens.key_text(k) < stem);
            if self.keys[first..]
                .iter()
                .map(|&k| self.tokens.key_text(k))
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

/// The rule of `fact-mismatch/title`.
const TITLE_RULE: Rule = Rule::mismatch(
    FactKind::Title,
    "A person's title conflicts with the source's.",
);

/// The rule of `fact-mismatch/name`.
const NAME_RULE: Rule = Rule::mismatch(FactKind::Name, "The speaker's words under another name.");

/// The rule of `fact-mismatch/speaker`.
const SPEAKER_RULE: Rule = Rule::mismatch(
    FactKind::Speaker,
    "The speaker's words in another person's mouth.",
);
