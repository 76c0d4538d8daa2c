//! Clean verbatim: a quotation set word by word against the source passage it quotes, the
//! way style guides let a reporter quote speech.
//!
//! Allowed, so no change: fillers dropped (`uh`, `you know`, `ờ`), false starts and
//! repetitions dropped (`we — we will`), a self-correction mended (`1990 — sorry, 1980` quoted
//! as `1980`), a word broken off by a dash dropped (`po- — opponents`), contractions spelled
//! out or made (`I've` / `I have`), words in `[brackets]` added by the reporter, and a cut
//! marked by `…` or `...`. Anything else is a [`QuoteChange`]: words changed, added or left out
//! without an ellipsis, a negation left out, the source's words reordered, or two passages of
//! the source joined as one.

use crate::classify::evidence::QuoteChange;
use crate::lang::Lexicon;
use crate::model::{Document, Token, TokenKind};

/// One word as compared: a token's key, or a part of it once a contraction is spelled out
/// (`I've` is `i` and `have`), with the token it comes from.
#[derive(Clone, Copy, Debug)]
pub(super) struct Unit<'a> {
    key: &'a str,
    /// The second part of a hyphenated compound (`long-standing`), compared as one word with
    /// the first (`longstanding`); empty otherwise.
    rest: &'a str,
    /// The other reading of a word a contraction spells out (`has` for the `is` of `he's`);
    /// empty otherwise.
    reading: &'a str,
    /// The token it comes from, and the last one (the compound's second part).
    pub token: usize,
    end_token: usize,
    /// Quotation words only: a cut (`…`) comes right before it.
    after_cut: bool,
    /// Quotation words only: inside `[brackets]`, the reporter's words.
    bracketed: bool,
}

/// One change of a quotation: the tokens of the summary it concerns (first and last) and of
/// the source, where the source has words for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Change {
    /// How the quotation departs from its passage; `None` for quoted words beyond the passage's
    /// sentence, which the source lacks (it may have been cut before them).
    pub kind: Option<QuoteChange>,
    pub summary: (usize, usize),
    pub source: Option<(usize, usize)>,
}

/// The words of a quotation as compared, from the summary's tokens inside its marks.
pub(super) fn quotation_units<'a>(
    summary: &'a Document,
    tokens: std::ops::Range<usize>,
    lexicon: &'a Lexicon,
) -> Vec<Unit<'a>> {
    let mut units = Vec::new();
    let (mut after_cut, mut depth) = (false, 0_usize);
    for index in tokens {
        let token = &summary.tokens[index];
        if token.kind() == TokenKind::Punct {
            let text = summary.slice(token.span());
            let next_is_dot = summary
                .tokens
                .get(index + 1)
                .is_some_and(|next| next.span().start == token.span().end)
                && text == "."
                && summary.text.as_bytes().get(token.span().end) == Some(&b'.');
            after_cut |= text.contains('…') || next_is_dot;
            match text {
                "[" => depth += 1,
                "]" => depth = depth.saturating_sub(1),
                _ => {}
            }
            continue;
        }
        // The reporter's words in brackets stand for the speaker's and match none of them.
        let keys = if depth > 0 {
            vec![BRACKETED]
        } else {
            spelled_out(summary.tokens.key(token), lexicon)
        };
        for unit in word_units(keys, index, lexicon) {
            units.push(Unit {
                after_cut,
                bracketed: depth > 0,
                ..unit
            });
            after_cut = false;
        }
    }
    compounds_joined(units, summary)
}

/// The key of a quotation word in brackets: no source word has it.
const BRACKETED: &str = "[]";

/// The words of source tokens as compared.
pub(super) fn source_units<'a>(
    source: &'a Document,
    tokens: impl Iterator<Item = usize>,
    lexicon: &'a Lexicon,
) -> Vec<Unit<'a>> {
    let units = tokens
        .flat_map(|index| {
            let keys = spelled_out(source.tokens.key(&source.tokens[index]), lexicon);
            word_units(keys, index, lexicon)
        })
        .collect();
    compounds_joined(units, source)
}

/// The units of one word (`keys`: its key, or its parts once a contraction is spelled out),
/// each from the word's token, neither after a cut nor in brackets.
fn word_units<'a>(
    keys: Vec<&'a str>,
    token: usize,
    lexicon: &'a Lexicon,
) -> impl Iterator<Item = Unit<'a>> {
    let expanded = keys.len() > 1;
    keys.into_iter().map(move |key| Unit {
        key,
        rest: "",
        reading: other_reading(key, expanded, lexicon),
        token,
        end_token: token,
        after_cut: false,
        bracketed: false,
    })
}

/// Two words joined by a hyphen with no space (`long-standing`, `world-class`) as one unit, so
/// that a compound compares equal to its closed and open spellings' letters.
fn compounds_joined<'a>(units: Vec<Unit<'a>>, document: &Document) -> Vec<Unit<'a>> {
    let mut joined: Vec<Unit<'a>> = Vec::with_capacity(units.len());
    for unit in units {
        if let Some(last) = joined.last_mut()
            && last.rest.is_empty()
            && last.token == last.end_token
            && unit.token == last.token + 2
            && last.bracketed == unit.bracketed
            && document.tokens.get(last.token + 1).is_some_and(|hyphen| {
                let span = hyphen.span();
                document.slice(span) == "-"
                    && span.start == document.tokens[last.token].span().end
                    && span.end == document.tokens[unit.token].span().start
            })
        {
            last.rest = unit.key;
            last.end_token = unit.token;
            continue;
        }
        joined.push(unit);
    }
    joined
}

/// A unit's words as compared: its letters and digits, whatever splits them (a compound's
/// hyphen, an abbreviation's dots).
#[derive(Clone, Copy)]
struct Compared<'a>(&'a str, &'a str);

impl Compared<'_> {
    fn chars(&self) -> impl Iterator<Item = char> + '_ {
        self.0.chars().chain(self.1.chars())
    }
}

impl PartialEq for Compared<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.chars().eq(other.chars())
    }
}

impl Eq for Compared<'_> {}

impl std::hash::Hash for Compared<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        for c in self.chars() {
            c.hash(state);
        }
    }
}

/// The other reading of a part of a spelled-out contraction (`'s` is `is` or `has`, `'d`
/// `would` or `had`); empty for a word that is no such part.
fn other_reading<'a>(part: &str, expanded: bool, lexicon: &'a Lexicon) -> &'a str {
    let readings = lexicon.contraction_readings.iter();
    let mut other = readings.filter(|_| expanded).find(|(word, _)| word == part);
    other.as_mut().map_or("", |(_, other)| other.as_str())
}

/// A word's key, or its parts where it is a contraction the language spells out.
fn spelled_out<'a>(key: &'a str, lexicon: &'a Lexicon) -> Vec<&'a str> {
    if let Some(parts) = lexicon.contractions.get(key) {
        return parts.iter().map(String::as_str).collect();
    }
    for (ending, spelled) in &lexicon.contraction_endings {
        if let Some(stem) = key.strip_suffix(ending.as_str())
            && !stem.is_empty()
        {
            return vec![stem, spelled.as_str()];
        }
    }
    vec![key]
}

/// The result of setting a quotation against a stretch of the source.
pub(super) struct Comparison {
    /// The share of the quotation's words that stand in the source in runs of two or more
    /// (or alone, for a one-word quotation).
    pub kept: f64,
    /// What departs from clean verbatim; none when the quotation is faithful to the passage.
    pub changes: Vec<Change>,
}

/// A stretch of consecutive differences between the source (`old`) and the quotation (`new`),
/// as index ranges into each; `interior` when words the two share stand on both sides.
struct Hunk {
    old: std::ops::Range<usize>,
    new: std::ops::Range<usize>,
    interior: bool,
}

/// Sets the quotation's words against the source's words of a stretch (in source order; the
/// stretch may be two passages, one after the other).
pub(super) fn compare(
    quotation: &[Unit<'_>],
    passage: &[Unit<'_>],
    source: &Document,
    lexicon: &Lexicon,
) -> Comparison {
    let ops = align(passage, quotation);
    let mut kept = 0;
    let mut hunks: Vec<Hunk> = Vec::new();
    let mut seen_equal = false;
    for (equal, old, new) in ops {
        if equal {
            if new.len() >= 2 || quotation.len() == 1 {
                kept += new.len();
            }
            if let Some(last) = hunks.last_mut()
                && last.new.end == new.start
                && seen_equal
            {
                last.interior = true;
            }
            seen_equal = true;
            continue;
        }
        match hunks.last_mut() {
            Some(last) if last.old.end == old.start && last.new.end == new.start => {
                last.old.end = old.end;
                last.new.end = new.end;
            }
            _ => hunks.push(Hunk {
                old,
                new,
                interior: false,
            }),
        }
    }
    let kept = kept as f64 / quotation.len().max(1) as f64;
    let context = Context {
        quotation,
        passage,
        source,
        lexicon,
    };
    Comparison {
        kept,
        changes: context.changes(&hunks),
    }
}

/// Scores of the alignment: a word kept, a word put for another, a gap of source words left out
/// and one of quotation words added, opened, and each further word of a gap. A gap costs the
/// same whatever its length (a false start or a cut of a page), and less than a word put for
/// another less a word kept; words added cost more than words left out, so that two words
/// kept around a gap beat leaving them unplaced: an alignment keeps the quotation's words
/// with their source words, with as few cuts as it can.
const KEPT: i32 = 4;
const PUT_FOR: i32 = -10;
const LEFT_OUT_OPENED: i32 = -6;
const ADDED_OPENED: i32 = -8;
const GAP_WIDENED: i32 = 0;

/// What an alignment step ends in: a pair of words (kept or put for another), a source word
/// left out, or a quotation word added.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Step {
    Pair,
    LeftOut,
    Added,
}

/// Aligns the quotation (all of it) with a stretch of the passage (the words before and after
/// it are context, free), with affine gaps (Gotoh): the quotation's words kept together, each
/// cut opened once. Returns runs in order, as (kept, passage range, quotation range); the
/// passage's words before and after the aligned stretch are runs of their own. Cost and memory
/// are the product of the two lengths, both bounded by [`MAX_COMPARED_WORDS`]-derived limits.
fn align(
    passage: &[Unit<'_>],
    quotation: &[Unit<'_>],
) -> Vec<(bool, std::ops::Range<usize>, std::ops::Range<usize>)> {
    const NONE: i32 = i32::MIN / 4;
    let (n, m) = (quotation.len(), passage.len());
    let width = m + 1;
    let at = |i: usize, j: usize| i * width + j;
    // Best scores of alignments of quotation[..i] with passage[..j] ending in each step.
    let mut pair = vec![NONE; (n + 1) * width];
    let mut left_out = vec![NONE; (n + 1) * width];
    let mut added = vec![NONE; (n + 1) * width];
    pair[..width].fill(0);
    let same = |i: usize, j: usize| {
        let (quoted, said) = (&quotation[i], &passage[j]);
        Compared(quoted.key, quoted.rest) == Compared(said.key, said.rest)
            || (!quoted.reading.is_empty() && quoted.reading == said.key)
            || (!said.reading.is_empty() && said.reading == quoted.key)
    };
    for i in 1..=n {
        for j in 0..=m {
            let best_of = |k: usize| pair[k].max(left_out[k]).max(added[k]);
            if j > 0 {
                let score = if same(i - 1, j - 1) { KEPT } else { PUT_FOR };
                pair[at(i, j)] = best_of(at(i - 1, j - 1)) + score;
                let before = at(i, j - 1);
                left_out[at(i, j)] = (pair[before].max(added[before]) + LEFT_OUT_OPENED)
                    .max(left_out[before] + GAP_WIDENED);
            }
            let above = at(i - 1, j);
            added[at(i, j)] =
                (pair[above].max(left_out[above]) + ADDED_OPENED).max(added[above] + GAP_WIDENED);
        }
    }
    // The best end: all of the quotation, the rest of the passage context.
    let (mut j, mut step) = (0..=m)
        .flat_map(|j| [(j, Step::Pair), (j, Step::Added)])
        .max_by_key(|&(j, step)| {
            let k = at(n, j);
            let score = if step == Step::Pair {
                pair[k]
            } else {
                added[k]
            };
            (score, std::cmp::Reverse(j))
        })
        .unwrap_or((0, Step::Pair));
    let end = j;
    // What a gap step at `k` (of `gap`'s kind, `this`) follows at `back`: the same gap
    // widened, a pair, or the other kind of gap.
    let gap_before = |gap: &[i32], opened: i32, back: usize, k: usize, this: Step| {
        if gap[back] + GAP_WIDENED == gap[k] {
            this
        } else if pair[back] + opened == gap[k] {
            Step::Pair
        } else if this == Step::Added {
            Step::LeftOut
        } else {
            Step::Added
        }
    };
    let mut i = n;
    let mut steps: Vec<(Step, bool)> = Vec::with_capacity(n + m);
    while i > 0 {
        let k = at(i, j);
        match step {
            Step::Pair => {
                let kept = same(i - 1, j - 1);
                steps.push((Step::Pair, kept));
                let score = pair[k] - if kept { KEPT } else { PUT_FOR };
                let back = at(i - 1, j - 1);
                step = if pair[back] == score || i == 1 && pair[back] == 0 {
                    Step::Pair
                } else if left_out[back] == score {
                    Step::LeftOut
                } else {
                    Step::Added
                };
                i -= 1;
                j -= 1;
                if i == 0 {
                    break;
                }
            }
            Step::LeftOut => {
                steps.push((Step::LeftOut, false));
                step = gap_before(&left_out, LEFT_OUT_OPENED, at(i, j - 1), k, step);
                j -= 1;
            }
            Step::Added => {
                steps.push((Step::Added, false));
                step = gap_before(&added, ADDED_OPENED, at(i - 1, j), k, step);
                i -= 1;
            }
        }
    }
    steps.reverse();
    // Runs: kept pairs together, every other step together; context before and after.
    let mut runs: Vec<(bool, std::ops::Range<usize>, std::ops::Range<usize>)> = Vec::new();
    if j > 0 {
        runs.push((false, 0..j, 0..0));
    }
    let (mut old, mut new) = (j, 0);
    for (step, kept) in steps {
        let (old_step, new_step) = match step {
            Step::Pair => (1, 1),
            Step::LeftOut => (1, 0),
            Step::Added => (0, 1),
        };
        match runs.last_mut() {
            Some(run) if run.0 == kept && run.1.end == old && run.2.end == new => {
                run.1.end += old_step;
                run.2.end += new_step;
            }
            _ => runs.push((kept, old..old + old_step, new..new + new_step)),
        }
        old += old_step;
        new += new_step;
    }
    if end < m {
        runs.push((false, end..m, n..n));
    }
    runs
}

/// What the changes are read against.
struct Context<'q, 'p, 'd> {
    quotation: &'q [Unit<'d>],
    passage: &'p [Unit<'d>],
    source: &'d Document,
    lexicon: &'d Lexicon,
}

/// A hunk's words once what clean verbatim allows is set aside.
struct Departure {
    /// The source's words left out (indices into the passage).
    dropped: Vec<usize>,
    /// The quotation's words that are not the source's (indices into the quotation).
    added: Vec<usize>,
}

impl Context<'_, '_, '_> {
    fn changes(&self, hunks: &[Hunk]) -> Vec<Change> {
        let departures: Vec<Departure> = hunks.iter().map(|h| self.departure(h)).collect();
        // Words the quotation adds in one place and leaves out in another: reordered. A word
        // said again may be left out as a repetition and still be one the quotation moved
        // (`ở Nhật, ở phương Tây` quoted `ở phương Tây, ở Nhật`), so every word of the other
        // hunks counts, as long as one of the moved words is truly left out.
        let sorted = |keys: &mut Vec<&str>| keys.sort_unstable();
        let mut left_out: Vec<&str> = departures
            .iter()
            .flat_map(|d| d.dropped.iter().map(|&i| self.passage[i].key))
            .collect();
        sorted(&mut left_out);
        let mut in_hunks: Vec<&str> = hunks
            .iter()
            .flat_map(|h| self.passage[h.old.clone()].iter().map(|u| u.key))
            .collect();
        sorted(&mut in_hunks);
        // Each hunk's added words, when all of them are left out elsewhere: words it moved.
        let mut moved_here: Vec<Option<Vec<&str>>> = Vec::with_capacity(hunks.len());
        let mut moved: Vec<&str> = Vec::new();
        for (hunk, departure) in hunks.iter().zip(&departures) {
            let keys: Vec<&str> = departure
                .added
                .iter()
                .map(|&i| self.quotation[i].key)
                .collect();
            let here = |key: &&str| self.passage[hunk.old.clone()].iter().any(|u| u.key == *key);
            let elsewhere = |key: &&str| in_hunks.binary_search(key).is_ok() && !here(key);
            let one_left_out = keys
                .iter()
                .any(|key| left_out.binary_search(key).is_ok() && !here(key));
            if !keys.is_empty() && keys.iter().all(elsewhere) && one_left_out {
                moved.extend(&keys);
                moved_here.push(Some(keys));
            } else {
                moved_here.push(None);
            }
        }
        let summary_words = |indices: &[usize]| {
            let first = self.quotation[indices[0]].token;
            let last = self.quotation[indices[indices.len() - 1]].end_token;
            (first, last)
        };
        let source_words = |indices: &[usize]| {
            let first = self.passage[indices[0]].token;
            let last = self.passage[indices[indices.len() - 1]].end_token;
            (first, last)
        };
        let mut changes = Vec::new();
        for ((hunk, departure), moved_here) in hunks.iter().zip(&departures).zip(moved_here) {
            if let Some(keys) = moved_here {
                // The source's words from the first moved to the last, and the place the
                // quotation puts them.
                // The hunks that truly leave out a moved word, with the moved words they take
                // as repetitions.
                let is_moved = |i: &usize| keys.contains(&self.passage[*i].key);
                let moved_from = (hunks.iter().zip(&departures))
                    .filter(|(_, d)| d.dropped.iter().any(is_moved))
                    .flat_map(|(h, _)| h.old.clone())
                    .filter(is_moved);
                let (low, high) = moved_from.fold((hunk.old.start, hunk.old.start), |(l, h), i| {
                    (l.min(i), h.max(i))
                });
                let high = if high == hunk.old.start {
                    high.saturating_sub(1).max(low)
                } else {
                    high
                };
                changes.push(Change {
                    kind: Some(QuoteChange::Reordered),
                    summary: summary_words(&departure.added),
                    source: Some(source_words(&[low, high])),
                });
                continue;
            }
            let dropped_moved = !departure.dropped.is_empty()
                && departure
                    .dropped
                    .iter()
                    .all(|&i| moved.contains(&self.passage[i].key));
            if dropped_moved {
                continue;
            }
            if !hunk.interior {
                // At an edge, the passage's words beyond the quotation are context.
                if departure.added.is_empty() {
                    continue;
                }
                let facing = self.facing(hunk, departure.added.len());
                // A name's other form may take more words than the quotation's (`US`).
                let named = |facing: &[usize]| {
                    !facing.is_empty() && self.same_name(facing, &departure.added)
                };
                let named = named(&facing)
                    || (1..=ALIAS_REACH)
                        .any(|more| named(&self.facing(hunk, departure.added.len() + more)));
                if named {
                    continue;
                }
                changes.push(Change {
                    kind: (!facing.is_empty()).then_some(QuoteChange::Changed),
                    summary: summary_words(&departure.added),
                    source: (!facing.is_empty()).then(|| source_words(&facing)),
                });
                continue;
            }
            let kind = match (departure.dropped.is_empty(), departure.added.is_empty()) {
                (true, true) => continue,
                (true, false) if self.only_function_words(&departure.added, &[]) => {
                    QuoteChange::FunctionWordAdded
                }
                (true, false) => QuoteChange::Added,
                (false, true) => {
                    let cut = self.quotation[hunk.new.start].after_cut;
                    let one_sentence = self.within_one_sentence(hunk, &departure.dropped);
                    if one_sentence && self.negates(&departure.dropped) {
                        QuoteChange::NegationDropped
                    } else if cut {
                        continue;
                    } else if one_sentence {
                        QuoteChange::Dropped
                    } else {
                        QuoteChange::Joined
                    }
                }
                (false, false) if self.negates(&departure.dropped) => {
                    let added: Vec<&str> = departure
                        .added
                        .iter()
                        .map(|&i| self.quotation[i].key)
                        .collect();
                    if self.lexicon.negators.occurrences(&added).is_empty() {
                        QuoteChange::NegationDropped
                    } else {
                        QuoteChange::Changed
                    }
                }
                (false, false) if self.same_name(&departure.dropped, &departure.added) => continue,
                (false, false) if self.same_words(&departure.dropped, &departure.added) => {
                    QuoteChange::Reordered
                }
                (false, false)
                    if self.only_function_words(&departure.added, &departure.dropped) =>
                {
                    QuoteChange::FunctionWordChanged
                }
                (false, false) => QuoteChange::Changed,
            };
            let summary = match kind {
                QuoteChange::Changed
                | QuoteChange::Added
                | QuoteChange::FunctionWordChanged
                | QuoteChange::FunctionWordAdded
                | QuoteChange::Reordered => summary_words(&departure.added),
                // A cut points at the quotation's words on both sides of it.
                _ => (
                    self.quotation[hunk.new.start - 1].token,
                    self.quotation[hunk.new.start].token,
                ),
            };
            let source = match kind {
                QuoteChange::Added | QuoteChange::FunctionWordAdded => {
                    Some(source_words(&[hunk.old.start.saturating_sub(1)]))
                }
                _ => Some(source_words(&departure.dropped)),
            };
            changes.push(Change {
                kind: Some(kind),
                summary,
                source,
            });
        }
        changes
    }

    /// The source words an edge hunk's added words stand for: as many of the passage's words
    /// next to the quotation's first or last shared word, in that word's sentence.
    fn facing(&self, hunk: &Hunk, count: usize) -> Vec<usize> {
        let leading = hunk.new.start == 0 && hunk.new.end < self.quotation.len();
        let (shared, words) = if leading {
            (
                hunk.old.end,
                hunk.old.end.saturating_sub(count)..hunk.old.end,
            )
        } else {
            let shared = hunk.old.start.checked_sub(1);
            let Some(shared) = shared else {
                return Vec::new();
            };
            (
                shared,
                hunk.old.start..(hunk.old.start + count).min(hunk.old.end),
            )
        };
        let Some(shared) = self.passage.get(shared) else {
            return Vec::new();
        };
        let sentence = self.source.sentence_of(shared.token);
        words
            .filter(|&i| self.source.sentence_of(self.passage[i].token) == sentence)
            .collect()
    }

    /// True when the quotation's words (`added`) and the source's (`dropped`) are all
    /// function words or relative pronouns of the language (`that` for `which`, an `are` the
    /// transcript lacks).
    fn only_function_words(&self, added: &[usize], dropped: &[usize]) -> bool {
        let lexicon = self.lexicon;
        let minor = |key: &str| {
            lexicon.function_words.contains(key) || lexicon.relative_pronouns.contains(key)
        };
        added.iter().all(|&i| minor(self.quotation[i].key))
            && dropped.iter().all(|&i| minor(self.passage[i].key))
    }

    /// True when the source's words and the quotation's are the same words in another order.
    fn same_words(&self, dropped: &[usize], added: &[usize]) -> bool {
        let mut source: Vec<(&str, &str)> = (dropped.iter())
            .map(|&i| (self.passage[i].key, self.passage[i].rest))
            .collect();
        let mut quoted: Vec<(&str, &str)> = (added.iter())
            .map(|&i| (self.quotation[i].key, self.quotation[i].rest))
            .collect();
        source.sort_unstable();
        quoted.sort_unstable();
        source.len() >= 2 && source == quoted
    }

    /// True when the source's words and the quotation's are one thing written two ways: the
    /// same letters (`U.K.` and `UK`, `long-standing` and `longstanding`), a name's aliases in
    /// the language's list (`Britain`, `United Kingdom`), or the quotation's one word the
    /// initials of the source's words (`US` for `United States`).
    fn same_name(&self, dropped: &[usize], added: &[usize]) -> bool {
        let source: Vec<&str> = dropped.iter().map(|&i| self.passage[i].key).collect();
        let quoted: Vec<&str> = added.iter().map(|&i| self.quotation[i].key).collect();
        // Every unit whole: a compound's second part too.
        let letters = |units: &[Unit<'_>], indices: &[usize]| -> String {
            let spelled: String = (indices.iter())
                .flat_map(|&i| [units[i].key, units[i].rest])
                .map(|w| self.spelled_alike(w))
                .collect();
            spelled.chars().filter(|c| c.is_alphanumeric()).collect()
        };
        if letters(self.passage, dropped) == letters(self.quotation, added) {
            return true;
        }
        if let [word] = quoted[..]
            && source.len() >= 2
            && added.iter().all(|&i| self.quotation[i].rest.is_empty())
        {
            let letters = word.chars().filter(|c| c.is_alphabetic());
            let initials = source.iter().filter_map(|w| w.chars().next());
            if letters.eq(initials) {
                return true;
            }
        }
        // Two forms of an alias around the changed words (`Liên hợp quốc`, `Liên Hiệp Quốc`).
        let (source, quoted) = (
            keys_around(self.passage, dropped),
            keys_around(self.quotation, added),
        );
        let holds = |form: &Vec<String>, keys: &[&str]| {
            keys.windows(form.len())
                .any(|window| form.iter().eq(window.iter().copied()))
        };
        self.lexicon.name_aliases.iter().any(|forms| {
            forms.iter().any(|a| {
                holds(a, &source)
                    && !holds(a, &quoted)
                    && forms.iter().any(|b| b != a && holds(b, &quoted))
            })
        })
    }

    /// A word as the language's other spelling writes it (`recognise` as `recognize`).
    fn spelled_alike<'w>(&self, word: &'w str) -> std::borrow::Cow<'w, str> {
        for (ending, other) in &self.lexicon.spelling_variants {
            if let Some(stem) = word.strip_suffix(ending.as_str())
                && stem.chars().count() >= 3
            {
                return format!("{stem}{other}").into();
            }
        }
        word.into()
    }

    /// A hunk's words, without what clean verbatim allows.
    fn departure(&self, hunk: &Hunk) -> Departure {
        let mut added: Vec<usize> = hunk
            .new
            .clone()
            .filter(|&i| !self.quotation[i].bracketed)
            .collect();
        if hunk.new.clone().any(|i| self.quotation[i].bracketed) && hunk.interior {
            // Words in brackets explain (`[the president]` for `he`) or add; put for the
            // source's other words (`[raise]` for `cut`), they change what was said.
            let function_words = &self.lexicon.function_words;
            let explains = self.passage[hunk.old.clone()].iter().all(|u| {
                function_words.contains(u.key) || self.lexicon.fillers.at(&[u.key], 0).is_some()
            });
            if explains {
                return Departure {
                    dropped: Vec::new(),
                    added,
                };
            }
            added = hunk.new.clone().collect();
        }
        if !hunk.interior {
            // At an edge the passage's words are context: those next to the quotation's edge
            // may still be words it moved.
            let dropped = self.facing(hunk, added.len().max(MOVED_REACH));
            return Departure { dropped, added };
        }
        let keys: Vec<&str> = self.passage[hunk.old.clone()]
            .iter()
            .map(|u| u.key)
            .collect();
        let mut allowed = vec![false; keys.len()];
        for range in self.lexicon.fillers.occurrences(&keys) {
            allowed[range].fill(true);
        }
        // A self-correction: what comes before its marker is taken back, when the speech
        // breaks there (a dash).
        let corrected = self.lexicon.self_corrections.occurrences(&keys);
        if let Some(last) = corrected.last()
            && self.breaks_within(hunk)
        {
            allowed[..last.end].fill(true);
        }
        // A false start: a few words broken off by a dash and taken up again (`I'll be — we're
        // going`), or cut short by saying the word before them again (`many folks, certainly
        // many of you`).
        let before = hunk.old.start.checked_sub(1).map(|i| self.passage[i].key);
        let restarts = keys.last().copied() == before;
        if keys.len() <= MAX_FALSE_START && (restarts || self.breaks_off(hunk)) {
            allowed.fill(true);
        }
        // A pronoun taking up the name just said (`Anh Dũng anh ấy làm`): the name is the
        // subject either way.
        if self.resumes_name(hunk, &keys) {
            allowed.fill(true);
        }
        // Words said again right before or after, and words broken off by a dash.
        let reach = keys.len() + 2;
        let kept_around: Vec<&str> = self.passage
            [hunk.old.start.saturating_sub(reach)..hunk.old.start]
            .iter()
            .chain(&self.passage[hunk.old.end..(hunk.old.end + reach).min(self.passage.len())])
            .map(|u| u.key)
            .collect();
        for (offset, unit) in self.passage[hunk.old.clone()].iter().enumerate() {
            if kept_around.contains(&unit.key) || self.broken_off(unit.token) {
                allowed[offset] = true;
            }
        }
        // A negation is taken back only when one is said again around it (a correction's
        // marker is none: `à không`, `no, sorry`).
        if self.lexicon.negators.occurrences(&kept_around).is_empty() {
            let in_marker = |at: usize| corrected.iter().any(|marker| marker.contains(&at));
            let corrects = !corrected.is_empty() && self.breaks_within(hunk);
            for range in self.lexicon.negators.occurrences(&keys) {
                let before_correction = corrects && corrected.iter().any(|m| range.end <= m.start);
                if !range.clone().all(in_marker) && !before_correction {
                    allowed[range].fill(false);
                }
            }
        }
        Departure {
            dropped: hunk
                .old
                .clone()
                .zip(allowed)
                .filter(|&(_, allowed)| !allowed)
                .map(|(i, _)| i)
                .collect(),
            added,
        }
    }

    /// True when the speech breaks off (a dash) after a hunk's first source word and before
    /// the next word the quotation keeps, with no dash before that first word: words
    /// abandoned, not an aside set off by dashes.
    fn breaks_off(&self, hunk: &Hunk) -> bool {
        let Some(before) = hunk.old.start.checked_sub(1) else {
            return false;
        };
        let first = self.passage[hunk.old.start].token;
        let after = self.passage[hunk.old.end.min(self.passage.len() - 1)].token;
        let dash_between = |from: usize, to: usize| {
            let tokens = self
                .source
                .tokens
                .get(from..to.min(from + MAX_SCANNED_TOKENS));
            tokens
                .unwrap_or_default()
                .iter()
                .any(|t| self.is_dash_token(t))
        };
        !dash_between(self.passage[before].token + 1, first) && dash_between(first + 1, after)
    }

    /// True when a hunk's source words (`keys`) are one pronoun, in lower case, right after a
    /// capitalised word that is not the speaker's own `I`: a name taken up again.
    fn resumes_name(&self, hunk: &Hunk, keys: &[&str]) -> bool {
        let Some(before) = hunk.old.start.checked_sub(1) else {
            return false;
        };
        let name = &self.source.tokens[self.passage[before].end_token];
        let pronoun = &self.source.tokens[self.passage[hunk.old.start].token];
        self.lexicon.resumptive_pronouns.at(keys, 0) == Some(keys.len())
            && name.capitalized()
            && !pronoun.capitalized()
            && !self.lexicon.first_person.contains(self.passage[before].key)
    }

    /// True when the source words at `indices` hold a negation.
    fn negates(&self, indices: &[usize]) -> bool {
        let keys: Vec<&str> = indices.iter().map(|&i| self.passage[i].key).collect();
        let negations = self.lexicon.negators.occurrences(&keys);
        negations.iter().any(|range| {
            let keys = &keys[range.start..];
            self.lexicon.not_negations.at(keys, 0).is_none()
        })
    }

    /// True when the words a hunk leaves out (`dropped`, indices into the passage) lie in
    /// the sentence of a word it keeps next to them, in one stretch of the passage.
    fn within_one_sentence(&self, hunk: &Hunk, dropped: &[usize]) -> bool {
        let sentence = |index: usize| self.source.sentence_of(self.passage[index].token);
        let (before, after) = (hunk.old.start.saturating_sub(1), hunk.old.end);
        let last = after.min(self.passage.len() - 1);
        let one_stretch = self.passage[before..=last]
            .windows(2)
            .all(|pair| pair[1].token <= pair[0].token + MAX_TOKEN_STEP);
        let within = |anchor: usize| dropped.iter().all(|&i| sentence(i) == sentence(anchor));
        one_stretch && (within(before) || within(last))
    }

    /// True when a dash breaks the speech among the hunk's source words or next to them.
    fn breaks_within(&self, hunk: &Hunk) -> bool {
        let first = self.passage[hunk.old.start.saturating_sub(1)].token;
        let last = self.passage[hunk.old.end.min(self.passage.len() - 1)].token;
        let tokens = self
            .source
            .tokens
            .get(first..=last.min(first + MAX_SCANNED_TOKENS));
        tokens
            .unwrap_or_default()
            .iter()
            .any(|t| self.is_dash_token(t))
    }

    /// True when a source token is a dash that breaks speech: a lone hyphen only with a space
    /// on one side (`we - we`, not `world-class`).
    fn is_dash_token(&self, token: &Token) -> bool {
        let text = self.source.slice(token.span());
        let spaced = |at: Option<u8>| at.is_none_or(|b| b.is_ascii_whitespace());
        let bytes = self.source.text.as_bytes();
        let span = token.span();
        token.kind() == TokenKind::Punct
            && is_dash(text)
            && (text != "-"
                || spaced(span.start.checked_sub(1).map(|i| bytes[i]))
                || spaced(bytes.get(span.end).copied()))
    }

    /// True when the source token is a word broken off by a dash (`po-` before `—`).
    fn broken_off(&self, token: usize) -> bool {
        let end = self.source.tokens[token].span().end;
        let rest = &self.source.text[end..];
        let mut chars = rest.chars();
        match chars.next() {
            Some('—' | '–') => true,
            Some('-') => chars
                .next()
                .is_none_or(|c| c.is_whitespace() || is_dash_char(c)),
            _ => false,
        }
    }
}

/// The keys of the units at `indices` and of [`ALIAS_REACH`] units on each side.
fn keys_around<'a>(units: &[Unit<'a>], indices: &[usize]) -> Vec<&'a str> {
    let (first, last) = (indices[0], indices[indices.len() - 1]);
    let end = (last + 1 + ALIAS_REACH).min(units.len());
    units[first.saturating_sub(ALIAS_REACH)..end]
        .iter()
        .map(|u| u.key)
        .collect()
}

/// How many words on each side of changed words an alias may reach into.
const ALIAS_REACH: usize = 3;

/// The most words a false start may have: more are a cut, not a stumble.
const MAX_FALSE_START: usize = 6;

/// How many of the passage's words beyond a quotation's edge may be words it moved.
const MOVED_REACH: usize = 4;

/// Tokens apart that two words of one stretch may be (punctuation between them); further
/// apart, they lie in two passages.
const MAX_TOKEN_STEP: usize = 8;

/// The most tokens scanned for a dash around one hunk.
const MAX_SCANNED_TOKENS: usize = 256;

/// A dash that breaks speech: an em or en dash, or hyphens standing alone.
fn is_dash(text: &str) -> bool {
    !text.is_empty() && text.chars().all(is_dash_char)
}

/// A dash character.
fn is_dash_char(c: char) -> bool {
    matches!(c, '—' | '–' | '-')
}
