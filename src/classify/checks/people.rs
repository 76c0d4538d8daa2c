//! **People**: titles, names and speakers (`fact-mismatch/title`, `/name`, `/speaker`,
//! `/new-name`).
//!
//! Catches a title that conflicts with the one the source gives the same person (`Thứ trưởng
//! X` where the source says `Bộ trưởng X`: titles of one family exclude each other); the
//! source speaker's words attributed to another name with the speaker's title (`name`) or to
//! another person (`speaker`), decided by `classify` when it labels the sentence; and, against a
//! transcript, a name the source never mentions, adjacent capitalised words one name (`Paris`
//! where it only has `London`, `New York`), in languages whose capitals mark names; in
//! Vietnamese, whose names are syllables, a name the source has only apart or inside a longer
//! one (`Nam Á` where it says `Đông Nam Á`).
//!
//! Leaves alone: titles of different families (a rank and an office can both be right), the
//! first word of a sentence or of a quote, titles and dates around a name, another name of a
//! country the source names (`U.K.` for `British`), an abbreviation of words the source has
//! (`HĐND` for `Hội đồng nhân dân`, `NATO` for `North Atlantic Treaty Organization`), a word
//! of the same stem (`Russia`, `Russian`), German nouns, and names against another report,
//! which names its own sources.

use rustc_hash::FxHashSet as HashSet;
use std::ops::Range;

use super::{Checked, FactCheck, Rule};
use crate::align::Link;
use crate::classify::evidence::{Evidence, Reason, Scope};
use crate::config::SourceKind;
use crate::lang::{Lexicon, matches_at};
use crate::model::{Document, FactKind, Key, Location, PersonMention, TokenKind, Tokens};
use crate::normalize::capitals;

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

/// The longest abbreviation read as the initials of the source's words (`UBMTTQVN`).
const ABBREVIATION_MAX_LETTERS: usize = 8;

/// The names a source mentions.
pub(super) struct SourceNames<'a> {
    /// The source, whose sentences tell where a name may open.
    source: &'a Document,
    /// The source's tokens, whose keys answer whether it has a word.
    tokens: &'a Tokens,
    /// The source's distinct keys, sorted by their text: the words that start with a stem
    /// are together.
    keys: Vec<Key>,
    /// Its names that end with a figure (`sars-cov-2`), as joined keys.
    with_figures: HashSet<String>,
    /// The initials of every run of two to [`ABBREVIATION_MAX_LETTERS`] words that opens with
    /// a capital (`hđnd` of `Hội đồng nhân dân`, `dprk` of `Democratic People's Republic of
    /// Korea`), hashed: what an abbreviation may stand for.
    initials: HashSet<u64>,
    /// Where the source has each word that a capitalised word of the summary has, by key,
    /// sorted (in a language whose names are matched whole; empty in the others).
    occurrences: Vec<(Key, u32)>,
}

impl<'a> FactCheck<'a> for SourceNames<'a> {
    /// None of its own: a name the source never mentions is a detail the source lacks, listed
    /// on the sentence's `unsupported` finding.
    const RULES: &'static [Rule] = &[];
    /// Against a transcript, the speaker's whole words; not against another report, which
    /// names its own sources and places.
    const ONLY_AGAINST: Option<SourceKind> = Some(SourceKind::Transcript);
    const RUNS_UNSUPPORTED: bool = true;

    fn index(summary: &'a Document, source: &'a Document) -> Self {
        let tokens = &source.tokens;
        let mut keys: Vec<Key> = tokens.key_ids().collect();
        keys.sort_unstable_by_key(|&key| tokens.key_text(key));
        let lexicon = summary.language.lexicon();
        // Where the source has each word that a capitalised word of the summary has: where
        // one of its names may stand, in a language whose names are matched whole.
        let mut occurrences: Vec<(Key, u32)> = Vec::new();
        if lexicon.syllable_names {
            let wanted: HashSet<Key> = (summary.tokens.iter())
                .filter(|t| t.kind() == TokenKind::Word && t.capitalized())
                .filter_map(|t| tokens.find(summary.tokens.key(t)))
                .collect();
            occurrences = (tokens.iter().enumerate())
                .filter(|(_, t)| wanted.contains(&{ t.key }))
                .map(|(at, t)| {
                    (
                        { t.key },
                        u32::try_from(at).expect("fewer than 2^32 tokens"),
                    )
                })
                .collect();
            occurrences.sort_unstable();
        }
        SourceNames {
            source,
            tokens,
            keys,
            with_figures: (0..source.tokens.len())
                .filter_map(|t| source.tokens.name_with_figure(t))
                .map(|name| joined_keys(source, name))
                .collect(),
            initials: initials(source, lexicon),
            occurrences,
        }
    }

    /// The names in the sentence that the source never mentions: runs of adjacent capitalised
    /// words inside the sentence (not its first word, nor the first after a quotation mark or
    /// a colon) that are not part of its framing (a person with a title, a date), of a title
    /// or of a number, each one name, an abbreviation in capitals a name of its own; and
    /// names ending with a figure (`SARS-CoV-2`). Where a name's words are syllables
    /// (`Đông Nam Á`), the source must have the whole name, not a part of a longer one
    /// (`Nam Á` is not `Đông Nam Á`); elsewhere each word of it, or one of the same stem
    /// ([`SourceNames::mentions`]). An abbreviation is mentioned by the words it abbreviates
    /// (`HĐND`, `Hội đồng nhân dân`), and a name by another name of a country the source names
    /// (`U.K.` and `British`). Only in languages whose capitals mark names.
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
        let mut new_names: Vec<Range<usize>> = Vec::new();
        // The run of capitalised words being read, and where it opens.
        let mut run: Option<(Range<usize>, Opening)> = None;
        let mut checked = range.start;
        for t in range.clone() {
            if let Some(name) = tokens.name_with_figure(t).filter(|n| n.start >= checked) {
                new_names.extend(
                    run.take()
                        .and_then(|(run, opens)| self.new_name(summary, run, opens)),
                );
                checked = name.end;
                if !self
                    .with_figures
                    .contains(&joined_keys(summary, name.clone()))
                {
                    new_names.push(name);
                }
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
            let name_word = token.kind() == TokenKind::Word
                && token.capitalized()
                && !framing[t - range.start]
                && !in_numbers[t - range.start]
                && !known[t - range.start]
                && !key.chars().any(|c| c.is_ascii_digit())
                && !lexicon.first_person.contains(key);
            let abbreviation = name_word && is_abbreviation(summary, t);
            match &mut run {
                Some((words, _))
                    if name_word
                        && words.end == t
                        && !abbreviation
                        && !is_abbreviation(summary, t - 1) =>
                {
                    words.end = t + 1;
                }
                _ => {
                    let ended = run.take();
                    new_names
                        .extend(ended.and_then(|(run, opens)| self.new_name(summary, run, opens)));
                    if name_word {
                        // After a title, the office it holds (`Ủy viên Bộ Chính trị`), whose
                        // words are read one by one.
                        let office = t > range.start && known[t - 1 - range.start];
                        let opens = if office {
                            Opening::Office
                        } else if opens {
                            Opening::Sentence
                        } else {
                            Opening::Inside
                        };
                        run = Some((t..t + 1, opens));
                    }
                }
            }
        }
        new_names.extend(run.and_then(|(run, opens)| self.new_name(summary, run, opens)));
        new_names
            .into_iter()
            .map(|name| {
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

/// Where a run of capitalised words of the summary opens.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Opening {
    /// At the start of the sentence, a quotation or what follows a colon, where a capital
    /// marks no name: the run is mentioned with its first word or without it, and named
    /// without it.
    Sentence,
    /// Right after a title: the office it holds (`Ủy viên Bộ Chính trị`), read word by word
    /// in every language.
    Office,
    /// Inside the sentence.
    Inside,
}

/// True when token `t` of `document` is an abbreviation in capitals (`HĐND`, `NATO`,
/// `U.S`): two letters or more, none in lowercase.
fn is_abbreviation(document: &Document, t: usize) -> bool {
    let token = &document.tokens[t];
    token.kind() == TokenKind::Word
        && capitals(document.slice(token.span())).is_some_and(|letters| letters >= 2)
}

/// The hashed initials of the runs of two to [`ABBREVIATION_MAX_LETTERS`] words of `source`
/// that open with a capital and cross no punctuation, without the fillers an abbreviation
/// leaves out (`of`): what an abbreviation may stand for.
fn initials(source: &Document, lexicon: &Lexicon) -> HashSet<u64> {
    let tokens = &source.tokens;
    // Each word's initial, whether it is capitalised, and whether a filler follows it;
    // `None` where punctuation ends the run.
    let mut words: Vec<Option<Initial>> = Vec::new();
    for token in tokens.iter() {
        let key = tokens.key(token);
        if token.kind() != TokenKind::Word {
            words.push(None);
        } else if !token.capitalized() && lexicon.abbreviation_fillers.contains(key) {
            if let Some(Some(last)) = words.last_mut() {
                last.filler_after = true;
            }
        } else if let Some(letter) = key.chars().find(|c| c.is_alphabetic()) {
            words.push(Some(Initial {
                letter,
                capitalised: token.capitalized(),
                filler_after: false,
            }));
        } else {
            words.push(None);
        }
    }
    let mut found = HashSet::default();
    for (at, word) in words.iter().enumerate() {
        if !word.is_some_and(|w| w.capitalised) {
            continue;
        }
        // Where names are syllables, the words after the first may be in lowercase (`Hội
        // đồng nhân dân`) and an abbreviation may stand for the start of a name (`CHDCND
        // Triều Tiên`); elsewhere a name is a whole run of capitalised words (`United Nations`),
        // or the part of it before a filler (`World Health Organization` of `… and the …`).
        // No more than one letter past the longest abbreviation is read: linear in the run.
        let run: Vec<Initial> = (words[at..].iter())
            .map_while(|w| *w)
            .take_while(|w| w.capitalised || lexicon.syllable_names)
            .take(ABBREVIATION_MAX_LETTERS + 1)
            .collect();
        let letters = |end: usize| hash(&run[..end].iter().map(|w| w.letter).collect::<String>());
        for end in 2..=run.len().min(ABBREVIATION_MAX_LETTERS) {
            let whole = end == run.len() && run.len() <= ABBREVIATION_MAX_LETTERS;
            if lexicon.syllable_names || whole || run[end - 1].filler_after {
                found.insert(letters(end));
            }
        }
    }
    found
}

/// A word's initial, as an abbreviation may take it.
#[derive(Clone, Copy)]
struct Initial {
    letter: char,
    capitalised: bool,
    /// A filler (`of`, `and`) comes right after the word.
    filler_after: bool,
}

/// A hash of `text`, the same for the same text within a run.
fn hash(text: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(text)
}

impl SourceNames<'_> {
    /// The name the run of capitalised words `run` of the summary is, when the source never
    /// mentions it; `opens` says where the run opens.
    fn new_name(
        &self,
        summary: &Document,
        run: Range<usize>,
        opens: Opening,
    ) -> Option<Range<usize>> {
        let named = if opens == Opening::Sentence {
            run.start + 1..run.end
        } else {
            run.clone()
        };
        if named.is_empty() {
            return None;
        }
        let tokens = &summary.tokens;
        let lexicon = summary.language.lexicon();
        if named.len() == 1 && is_abbreviation(summary, named.start) {
            let key = tokens.key(&tokens[named.start]);
            let letters: String = key.chars().filter(|c| c.is_alphabetic()).collect();
            let mentioned = self.tokens.find(key).is_some()
                || self.initials.contains(&hash(&letters))
                || self.mentions(summary, key);
            return (!mentioned).then_some(named);
        }
        if lexicon.syllable_names && opens != Opening::Office {
            let whole = |words: Range<usize>| self.mentions_whole(summary, words);
            let mentioned = (opens == Opening::Sentence && whole(run)) || whole(named.clone());
            return (!mentioned).then_some(named);
        }
        let new = named.clone().any(|t| {
            let key = tokens.key(&tokens[t]);
            let bare = (lexicon.check_rules.possessive_endings.iter())
                .find_map(|ending| key.strip_suffix(*ending))
                .unwrap_or(key);
            !self.mentions(summary, bare)
        });
        new.then_some(named)
    }

    /// Whether the source has the words `words` of the summary as one whole name: in a row
    /// (in any case: capitals vary, `Ban chấp hành`), and where a capitalised word of the
    /// source goes on with them as one name, the summary has it too (`Nam Á` is not in
    /// `Đông Nam Á`), a sentence's first word aside (`Tại Hà Nội`).
    fn mentions_whole(&self, summary: &Document, words: Range<usize>) -> bool {
        let tokens = &summary.tokens;
        let source = &self.source.tokens;
        let Some(first) = self.tokens.find(tokens.key(&tokens[words.start])) else {
            return false;
        };
        let same = |s: usize, o: usize| {
            tokens.get(s).is_some_and(|t| {
                source
                    .get(o)
                    .is_some_and(|other| tokens.key(t) == source.key(other))
            })
        };
        let from = self.occurrences.partition_point(|&(key, _)| key < first);
        (self.occurrences[from..].iter())
            .take_while(|&&(key, _)| key == first)
            .map(|&(_, at)| at as usize)
            .any(|at| {
                if !words.clone().all(|s| same(s, at + s - words.start)) {
                    return false;
                }
                // The source's name goes on before or after: the summary must say it too.
                let (mut s, mut o) = (words.start, at);
                while o > 0 && self.one_name(o - 1) {
                    if s == 0 || !same(s - 1, o - 1) {
                        return false;
                    }
                    (s, o) = (s - 1, o - 1);
                }
                let (mut s, mut o) = (words.end - 1, at + words.len() - 1);
                while self.one_name(o) {
                    if !same(s + 1, o + 1) {
                        return false;
                    }
                    (s, o) = (s + 1, o + 1);
                }
                true
            })
    }

    /// Whether source tokens `at` and `at + 1` are words of one name: both capitalised words,
    /// in one sentence, neither an abbreviation, and `at` not the sentence's first word.
    fn one_name(&self, at: usize) -> bool {
        let source = self.source;
        let tokens = &source.tokens;
        let capital_word = |t: usize| {
            tokens
                .get(t)
                .is_some_and(|token| token.kind() == TokenKind::Word && token.capitalized())
        };
        if !(capital_word(at) && capital_word(at + 1))
            || is_abbreviation(source, at)
            || is_abbreviation(source, at + 1)
        {
            return false;
        }
        let sentence = source.sentences.partition_point(|s| s.tokens().start <= at);
        sentence
            .checked_sub(1)
            .map(|s| source.sentences[s].tokens())
            .is_some_and(|words| words.start != at && words.contains(&(at + 1)))
    }

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
    "Titles of one family exclude each other: “Thứ trưởng X” where the source says “Bộ trưởng X”, “Deputy Mayor \
     Carter” where it says “Mayor Carter”. Left alone: titles of different families, which \
     can both be right (a rank and an office, “Đại tướng” and “Bộ trưởng”).",
);

/// The rule of `fact-mismatch/name`.
const NAME_RULE: Rule = Rule::mismatch(
    FactKind::Name,
    "The speaker's words under another name.",
    "They are credited to another name with the speaker's title: the right office, the wrong person (“Mayor John Smith said” where the mayor speaking in the source \
     is Helen Carter, “Bộ trưởng Trần Văn An cho biết” where the minister is Lương Tam Quang). \
     Left alone: what other people said, which is other-speaker.",
);

/// The rule of `fact-mismatch/speaker`.
const SPEAKER_RULE: Rule = Rule::mismatch(
    FactKind::Speaker,
    "The speaker's words in another person's mouth.",
    "They are credited to another person the source names (“Tom Reyes said” of the mayor's \
     words); in a transcript with speaker labels, so is another voice's turn, a reporter's \
     question among them (“attributed to Biden, but in the source these are the words of a \
     reporter (Q)”). Left alone: what other people said that \
     the source does not have, which is other-speaker.",
);
