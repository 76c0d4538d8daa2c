//! **Quotes**: quoted words that are not what the source says (`fact-mismatch/quote`).
//!
//! Catches quoted words (in the language's quotation marks) that do not stand in the source in
//! order and together: a misquote, pointed at the source passage that shares the most words
//! with the quote, when that passage has at least half of them at their places; otherwise
//! quoted words the source lacks, a detail of the sentence's `unsupported` finding, pointed at
//! its nearest source sentence (`Tom guesses "lifeguard"` where Tom said `Masseuse?`).
//!
//! Leaves alone: quotes the source has word for word, whatever the spelling of each word
//! (NFC/NFD, tone-mark placement, case), and quotes held against another report
//! (`--source-kind report`), whose own quotes may be worded differently.

mod verbatim;

use self::verbatim::Change;
use super::{Checked, FactCheck, Rule};
use crate::classify::evidence::{Evidence, Reason, Scope};
use crate::config::SourceKind;
use crate::model::{Document, FactKind, Groups, Language, Location, Span, TokenKind};

/// A summary quotation whose words are not in the source, in order and together.
struct Misquote {
    sentence: usize,
    quote: Span,
    found: Found,
}

/// What a quotation that is not word for word in the source is.
enum Found {
    /// It quotes a passage, and departs from it beyond what clean verbatim allows.
    Changed(Vec<Change>),
    /// No passage has half of its words: the source lacks them.
    Absent,
}

/// A quotation longer than [`MAX_COMPARED_WORDS`] and not word for word in the source: not
/// compared word by word, not reported, counted in the limits.
struct TooLong;

/// A quotation not word for word in the source, once placed: where its words stand best.
struct Placed {
    sentence: usize,
    quote: Span,
    /// How many words it has.
    words: usize,
    /// The source word its best window starts at.
    start: usize,
    /// Where a second passage's window starts, when part of it stands elsewhere.
    second: Option<usize>,
}

/// The work the search may do per word of its input (the source's words and the quoted
/// words), shared evenly among the quotations, so that its cost grows linearly with the input
/// whatever the words: every quotation of the evaluation sets is placed well within it.
const WORK_PER_WORD: usize = 1024;

/// Every quotation of the summary, located in the source. Each quotation's words vote, rarest
/// first, for the window starts their occurrences imply, into one scratch array reused by all
/// quotations. Once the best count so far exceeds the words left to vote, no window without a
/// vote can win or tie, and the windows with votes are completed by comparing their remaining
/// words instead: common words (`the`) seldom vote at all. Each quotation's work is bounded by
/// an even share of [`WORK_PER_WORD`] per input word; past it, it is placed among the windows
/// found so far and not reported, since that is a guess. Memory is linear in the source's words
/// and the quoted words.
#[derive(Default)]
pub(super) struct QuoteSearch {
    /// The quotations to report, in summary order: those in place, and those whose budget ran
    /// out before the search was sure (a guess), are not kept.
    misquotes: Vec<Misquote>,
    /// How many quotations the summary has, how many of them the budget cut short, and how
    /// many were too long to compare word by word.
    quotations: usize,
    too_long: usize,
    /// The summary's and the source's languages, when they differ: its quotations are
    /// translations.
    translated: Option<(Language, Language)>,
    cut_short: usize,
    /// The work each quotation may do, and the most and the total that any took: votes cast
    /// plus words compared.
    work: Work,
}

/// The work bound of a quote search, and the work it did.
#[derive(Default)]
struct Work {
    #[cfg_attr(not(test), allow(dead_code, reason = "read by the tests"))]
    budget: usize,
    most: usize,
    total: usize,
}

/// The vote counts of every window start in the source, and the starts that have votes.
struct Scratch {
    votes: Vec<u32>,
    voted: Vec<u32>,
}

/// A quotation is a misquote of its closest source passage when at least this share of its
/// words stand there at their places; with fewer, the passage is not the one it quotes, and
/// the source lacks the quoted words (`Reason::QuoteAbsent`).
const MISQUOTE_SHARE: f64 = 0.5;

/// Not a quoted word.
const UNQUOTED: u32 = u32::MAX;

/// The best windows of a quotation in the source.
#[derive(Debug, PartialEq)]
struct Windows {
    /// Where most of its words stand in place, and how many do.
    best: Option<(usize, usize)>,
    /// The best window beyond the first's reach with at least [`SECOND_PASSAGE`] words in
    /// place: a second passage the quotation may join to the first.
    second: Option<usize>,
}

/// The fewest words in place that make a second passage of a quotation.
const SECOND_PASSAGE: usize = 3;

/// The longest quotation compared word by word (in words, contractions spelled out), so that
/// the comparison's cost stays linear; a longer one not word for word in the source is not
/// reported, and the report's limits say how many there were.
const MAX_COMPARED_WORDS: usize = 250;

/// How many source words on each side of a quotation's window are compared with it, so that
/// the words clean verbatim leaves out (fillers, false starts) are within reach.
fn slack(words: usize) -> usize {
    words / 2 + 8
}

impl Scratch {
    /// The best window for a quotation's `words` (ids into `postings`, the positions of each
    /// quoted word in the source, whose words are `word_at`): the start where most of them
    /// stand at their offsets, the earliest of equals, and that count; the best window beyond
    /// its reach (a second passage the quotation may join to it); with the work it took and
    /// whether the budget ran out first (then the windows are the best of those it saw).
    fn place(
        &mut self,
        words: &[u32],
        postings: &Groups,
        word_at: &[u32],
        budget: usize,
    ) -> (Windows, usize, bool) {
        let mut rarest_first: Vec<usize> = (0..words.len()).collect();
        rarest_first.sort_by_key(|&offset| postings.get(words[offset] as usize).len());
        let (mut work, mut most, mut voters) = (0, 0, 0);
        for &offset in &rarest_first {
            if most > words.len() - voters || work >= budget {
                break;
            }
            let all = postings.get(words[offset] as usize);
            // Out of budget, a word votes at its first occurrences only, and it is the last.
            let positions = &all[..all.len().min(budget - work)];
            work += positions.len();
            let offset = u32::try_from(offset).expect("fewer than 2^32 quoted words");
            for start in positions.iter().filter_map(|&p| p.checked_sub(offset)) {
                let votes = &mut self.votes[start as usize];
                if *votes == 0 {
                    self.voted.push(start);
                }
                *votes += 1;
                most = most.max(*votes as usize);
            }
            if positions.len() < all.len() {
                break;
            }
            voters += 1;
        }
        let rest = &rarest_first[voters..];
        let comparisons = self.voted.len() * rest.len();
        let mut cut_short = voters < words.len() && most <= rest.len();
        if comparisons > 0 && work + comparisons > budget {
            cut_short = true;
        } else if comparisons > 0 {
            work += comparisons;
            for &start in &self.voted {
                let start = start as usize;
                let matches = rest
                    .iter()
                    .filter(|&&offset| word_at.get(start + offset) == Some(&words[offset]))
                    .count();
                self.votes[start] += u32::try_from(matches).expect("fewer matches than words");
            }
        }
        let windows = || {
            self.voted
                .iter()
                .map(|&start| (start as usize, self.votes[start as usize] as usize))
        };
        let best = windows().max_by_key(|&(start, count)| (count, std::cmp::Reverse(start)));
        let second = best.and_then(|(best, _)| {
            let reach = slack(words.len());
            windows()
                .filter(|&(start, count)| start.abs_diff(best) > reach && count >= SECOND_PASSAGE)
                .max_by_key(|&(start, count)| (count, std::cmp::Reverse(start)))
                .map(|(start, _)| start)
        });
        for start in self.voted.drain(..) {
            self.votes[start as usize] = 0;
        }
        (Windows { best, second }, work, cut_short)
    }
}

impl FactCheck<'_> for QuoteSearch {
    const RULES: &'static [Rule] = &[QUOTE_RULE];
    const ONLY_AGAINST: Option<SourceKind> = Some(SourceKind::Transcript);
    const RUNS_UNSUPPORTED: bool = true;
    const BUILT_FIRST: bool = true;

    fn index(summary: &Document, source: &Document) -> Self {
        // Each distinct quoted key gets an id, its index in `postings`, kept by the summary's
        // key (4 bytes a key, no map of strings). The quotations' words are one list, and each
        // quotation's words end where `ends` says (4 bytes a quotation, which the search reads
        // in the order `all_quotes` gives them).
        let mut ids = vec![UNQUOTED; summary.tokens.distinct_keys()];
        let mut distinct_quoted = 0;
        let mut quoted: Vec<u32> = Vec::new();
        let mut ends: Vec<u32> = Vec::new();
        let mut quotations = 0;
        let all_quotes = || {
            summary
                .facts
                .iter()
                .enumerate()
                .flat_map(|(sentence, facts)| {
                    (facts.quotes.iter()).map(move |quote| (sentence, Span::from(quote)))
                })
        };
        for (_, quote) in all_quotes() {
            let first = quoted.len();
            for t in summary.tokens.words_within(quote) {
                let id = &mut ids[t.key.index()];
                if *id == UNQUOTED {
                    *id = distinct_quoted;
                    distinct_quoted += 1;
                }
                quoted.push(*id);
            }
            quotations += usize::from(quoted.len() > first);
            ends.push(u32::try_from(quoted.len()).expect("fewer than 2^32 quoted words"));
        }
        if quotations == 0 {
            return QuoteSearch::default();
        }
        if summary.language != source.language {
            // Quotations in translation: said so in the report's notes.
            return QuoteSearch {
                translated: Some((summary.language, source.language)),
                ..QuoteSearch::default()
            };
        }
        // The quoted word each source key is, looked up once a key; then the source's words
        // in order (their tokens), the quoted word each is, and where each quoted word stands.
        // Counted first, so that the list takes no spare room.
        let source_ids: Vec<u32> = source
            .tokens
            .distinct()
            .map(|key| {
                summary
                    .tokens
                    .find(key)
                    .map_or(UNQUOTED, |k| ids[k.index()])
            })
            .collect();
        drop(ids);
        let mut word_at = Vec::with_capacity(source_words(source).count());
        word_at.extend(source_words(source).map(|t| source_ids[source.tokens[t].key.index()]));
        drop(source_ids);
        let postings = Groups::new(distinct_quoted as usize, || {
            word_at
                .iter()
                .enumerate()
                .filter(|&(_, &word)| word != UNQUOTED)
                .map(|(position, &word)| {
                    let position = u32::try_from(position).expect("fewer than 2^32 words");
                    (word as usize, position)
                })
        });
        let budget = WORK_PER_WORD * (word_at.len() + quoted.len()) / quotations;
        let mut scratch = Scratch {
            votes: vec![0; word_at.len()],
            voted: Vec::new(),
        };
        let mut search = QuoteSearch {
            misquotes: Vec::new(),
            quotations,
            too_long: 0,
            translated: None,
            cut_short: 0,
            work: Work {
                budget,
                ..Work::default()
            },
        };
        let mut placed: Vec<Placed> = Vec::new();
        let mut words_start = 0;
        for ((sentence, quote), end) in all_quotes().zip(ends) {
            let words = &quoted[words_start..end as usize];
            words_start = end as usize;
            if words.is_empty() {
                continue;
            }
            let (windows, work, cut_short) = scratch.place(words, &postings, &word_at, budget);
            search.work.most = search.work.most.max(work);
            search.work.total += work;
            if cut_short {
                search.cut_short += 1;
                continue;
            }
            match windows.best {
                Some((_, count)) if count == words.len() => {}
                Some((start, _)) => placed.push(Placed {
                    sentence,
                    quote,
                    words: words.len(),
                    start,
                    second: windows.second,
                }),
                None => search.misquotes.push(Misquote {
                    sentence,
                    quote,
                    found: Found::Absent,
                }),
            }
        }
        let source_length = word_at.len();
        drop((scratch, postings, word_at));
        // The source words around each window, located in one pass once all are known.
        let reach = |start: usize, words: usize| {
            start.saturating_sub(slack(words))..(start + words + slack(words)).min(source_length)
        };
        let stretches: Vec<std::ops::Range<usize>> = placed
            .iter()
            .flat_map(|p| {
                let second = p.second.map(|start| reach(start, p.words));
                std::iter::once(reach(p.start, p.words)).chain(second)
            })
            .collect();
        let mut tokens_of = source_tokens(source, &stretches).into_iter();
        for p in placed {
            let first = tokens_of.next().unwrap_or_default();
            let second = p.second.and_then(|_| tokens_of.next());
            let found = compare_placed(summary, source, &p, &first, second.as_deref());
            match found {
                Ok(Some(found)) => search.misquotes.push(Misquote {
                    sentence: p.sentence,
                    quote: p.quote,
                    found,
                }),
                Ok(None) => {}
                Err(TooLong) => search.too_long += 1,
            }
        }
        search
            .misquotes
            .sort_by_key(|m| (m.sentence, m.quote.start));
        search.misquotes.shrink_to_fit();
        search
    }

    /// Quotations in the sentence whose words are not in the source, in order and together:
    /// each departure from the passage a quotation quotes, or quoted words the source lacks,
    /// pointed at the sentence's nearest source sentence, when no passage has half of them.
    fn check(&self, sentence: &Checked<'_>) -> Vec<Evidence> {
        let (summary, source) = (sentence.summary, sentence.source);
        let first = self
            .misquotes
            .partition_point(|r| r.sentence < sentence.index);
        let mut evidence = Vec::new();
        for misquote in self.misquotes[first..]
            .iter()
            .take_while(|r| r.sentence == sentence.index)
        {
            let changes = match &misquote.found {
                Found::Absent => {
                    let quote = sentence.at(misquote.quote);
                    let said = summary.slice(misquote.quote);
                    evidence.push(
                        Evidence::new(Reason::QuoteAbsent, Scope::Absent, quote, said)
                            .pointing_at(sentence.nearest()),
                    );
                    continue;
                }
                Found::Changed(changes) => changes,
            };
            for change in changes {
                let (a, b) = change.summary;
                let said = summary.tokens[a].span().cover(summary.tokens[b].span());
                let Some(kind) = change.kind else {
                    evidence.push(
                        Evidence::new(
                            Reason::QuoteAbsent,
                            Scope::Absent,
                            sentence.at(said),
                            summary.slice(said),
                        )
                        .pointing_at(sentence.nearest()),
                    );
                    continue;
                };
                let mut found = Evidence::new(
                    Reason::Misquoted(kind),
                    Scope::Aligned,
                    sentence.at(said),
                    summary.slice(said),
                );
                if let Some((a, b)) = change.source {
                    let within = source.sentence_of(a);
                    let end = source.sentences.get(within).map_or(0, |s| s.span.end);
                    let span = source.tokens[a].span().cover(source.tokens[b].span());
                    let span = without_full_stop(
                        source,
                        Span::new(span.start, span.end.min(end).max(span.start)),
                    );
                    found =
                        found.where_source_says(Location::new(within, span), source.slice(span));
                }
                evidence.push(found);
            }
        }
        evidence
    }

    fn notes(&self) -> Vec<String> {
        let Some((summary, source)) = self.translated else {
            return Vec::new();
        };
        vec![format!(
            "the summary ({}) quotes a source in {}: its quotations are translations, not \
             compared word for word",
            summary.name(),
            source.name()
        )]
    }

    fn limits(&self) -> Vec<String> {
        let mut limits = Vec::new();
        if self.cut_short > 0 {
            limits.push(format!(
                "quote search's work budget reached: {} of {} quotations were not checked in \
                 full, and are not reported whatever they say",
                self.cut_short, self.quotations
            ));
        }
        if self.too_long > 0 {
            limits.push(format!(
                "{} of {} quotations are longer than {MAX_COMPARED_WORDS} words and not word \
                 for word in the source: they were not compared word by word, and are not \
                 reported",
                self.too_long, self.quotations
            ));
        }
        limits
    }
}
/// The tokens of the source's words, in order: those of its sentences that are not
/// editorial, without punctuation. The quote search counts words in this order.
fn source_words(source: &Document) -> impl Iterator<Item = usize> + '_ {
    source
        .sentences
        .iter()
        .filter(|s| s.editorial.is_none())
        .flat_map(|s| s.tokens())
        .filter(|&t| source.tokens[t].kind() != TokenKind::Punct)
}

/// A span without the sentence's full stop a word token may carry (`Campuchia.`), where a
/// lower-case letter comes before it (an abbreviation's dots stay: `U.S.`).
fn without_full_stop(document: &Document, span: Span) -> Span {
    let text = document.slice(span);
    match text.strip_suffix('.') {
        Some(rest) if rest.chars().next_back().is_some_and(char::is_lowercase) => {
            Span::new(span.start, span.end - 1)
        }
        _ => span,
    }
}

/// The tokens of the source words in each stretch (word positions, as [`source_words`] counts
/// them), in one pass over the source, so that no list of every word's token is held.
fn source_tokens(source: &Document, stretches: &[std::ops::Range<usize>]) -> Vec<Vec<usize>> {
    let mut wanted: Vec<usize> = stretches.iter().flat_map(Clone::clone).collect();
    wanted.sort_unstable();
    wanted.dedup();
    // The token of each wanted word, in the order of `wanted`.
    let mut token_of = Vec::with_capacity(wanted.len());
    let mut next = wanted.iter().peekable();
    for (position, token) in source_words(source).enumerate() {
        if next.peek().is_none() {
            break;
        }
        if next.next_if_eq(&&position).is_some() {
            token_of.push(token);
        }
    }
    stretches
        .iter()
        .map(|stretch| {
            stretch
                .clone()
                .filter_map(|word| token_of.get(wanted.binary_search(&word).ok()?).copied())
                .collect()
        })
        .collect()
}

/// A placed quotation set against the source words around its window (`first`), and around
/// a second passage's when the first leaves words at its edges unplaced (`second`): what it
/// departs from, or `Absent` when no passage holds half of its words; `None` when it is
/// faithful as clean verbatim.
fn compare_placed(
    summary: &Document,
    source: &Document,
    placed: &Placed,
    first: &[usize],
    second: Option<&[usize]>,
) -> Result<Option<Found>, TooLong> {
    let lexicon = summary.language.lexicon();
    let quote = placed.quote;
    let tokens = summary
        .tokens
        .partition_point(|t| t.span().start < quote.start)
        ..summary
            .tokens
            .partition_point(|t| t.span().end <= quote.end);
    let quotation = verbatim::quotation_units(summary, tokens, lexicon);
    if quotation.is_empty() {
        return Ok(None);
    }
    if quotation.len() > MAX_COMPARED_WORDS {
        return Err(TooLong);
    }
    let units = |tokens: &[usize]| verbatim::source_units(source, tokens.iter().copied(), lexicon);
    let mut comparison = verbatim::compare(&quotation, &units(first), source, lexicon);
    if let Some(second) = second {
        // Two passages: kept when more of the quotation stands in them, in runs.
        let mut both: Vec<usize> = first.iter().chain(second).copied().collect();
        both.sort_unstable();
        both.dedup();
        let joined = verbatim::compare(&quotation, &units(&both), source, lexicon);
        if joined.kept > comparison.kept {
            comparison = joined;
        }
    }
    Ok(if comparison.kept < MISQUOTE_SHARE {
        Some(Found::Absent)
    } else if comparison.changes.is_empty() {
        None
    } else {
        Some(Found::Changed(comparison.changes))
    })
}

/// The rule of `fact-mismatch/quote`.
const QUOTE_RULE: Rule = Rule::mismatch(
    FactKind::Quote,
    "Quoted words are not what the source says.",
    "A quotation is compared word by word with the passage it quotes, as clean-verbatim practice \
     allows: words changed or added, a negation left out and the source's words reordered are \
     errors; function words or relative pronouns changed or added (“that” for “which”), words \
     left out without an ellipsis and two passages joined as one are warnings. Left alone: fillers (“uh”, “you \
     know”, “ờ”), false starts and repetitions, a self-correction mended, contractions, words \
     in square brackets, cuts marked with an ellipsis, another form of a name (“US” for \
     “United States”), the outlet's spelling, tone marks and typographic quotes; a report \
     quoting a source in another language, and quotes against another report (--source-kind \
     report). Quoted words the source lacks altogether are a detail of the sentence's \
     unsupported finding.",
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Config, Input, analyze, analyze_transcript};

    /// The quote search over a summary and a transcript.
    fn search(summary: &str, source: &str) -> QuoteSearch {
        let config = Config::default();
        let summary = analyze(&Input::new("summary.txt", summary), &config);
        let source = analyze_transcript(&Input::new("source.txt", source), &config);
        QuoteSearch::index(&summary, &source)
    }

    /// The best window by counting every start: the reference [`Scratch::place`] must match.
    fn every_start(words: &[u32], word_at: &[u32]) -> Option<(usize, usize)> {
        (0..word_at.len())
            .map(|start| {
                let count = (0..words.len())
                    .filter(|&offset| word_at.get(start + offset) == Some(&words[offset]))
                    .count();
                (start, count)
            })
            .filter(|&(_, count)| count > 0)
            .max_by_key(|&(start, count)| (count, std::cmp::Reverse(start)))
    }

    #[test]
    fn a_relative_pronoun_put_for_another_is_a_warning_and_a_word_of_meaning_an_error() {
        let source = "I think we have an agreement which is longstanding. It is good.";
        let severity = |quoted: &str| {
            let summary = format!(
                "Trump said: \u{201c}I think we have an agreement {quoted} is longstanding,\u{201d} on Friday."
            );
            let report = crate::check(
                &Input::new("summary", &summary),
                &Input::new("source", source),
                &Config::default(),
            );
            let quote = (report.findings.iter())
                .find(|f| f.rule() == "fact-mismatch/quote")
                .expect("a quote finding");
            quote.severity
        };
        assert_eq!(severity("that"), crate::model::Severity::Warning);
        assert_eq!(severity("deal that"), crate::model::Severity::Error);
    }

    #[test]
    fn within_budget_the_best_window_is_the_exhaustive_ones() {
        let mut seed = 15_u64;
        let mut next = |below: u32| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (seed >> 33) as u32 % below
        };
        for _ in 0..300 {
            let vocabulary = 1 + next(6);
            let word_at: Vec<u32> = (0..next(60)).map(|_| next(vocabulary)).collect();
            let words: Vec<u32> = (0..1 + next(6)).map(|_| next(vocabulary + 1)).collect();
            let postings = Groups::new(vocabulary as usize + 1, || {
                (0..)
                    .zip(&word_at)
                    .map(|(position, &word)| (word as usize, position))
            });
            let mut scratch = Scratch {
                votes: vec![0; word_at.len()],
                voted: Vec::new(),
            };
            let (windows, _, cut_short) = scratch.place(&words, &postings, &word_at, usize::MAX);
            assert!(!cut_short);
            assert_eq!(
                windows.best,
                every_start(&words, &word_at),
                "{words:?} in {word_at:?}"
            );
            assert!(scratch.votes.iter().all(|&v| v == 0) && scratch.voted.is_empty());
        }
    }

    /// See: issue 15 (5,000 quotations of common words took 17 s and 2.96 GB).
    #[test]
    fn work_per_quotation_is_bounded_by_an_even_share() {
        let source = "Yes, the the the the, and the the and the.\n".repeat(2_000);
        let summary = "He said \"the and the the\".\n".repeat(3_000);
        let search = search(&summary, &source);
        let (source_words, quoted_words) = (2_000 * 10, 3_000 * 4);
        assert_eq!(search.quotations, 3_000);
        let input_words = source_words + quoted_words;
        assert_eq!(search.work.budget, WORK_PER_WORD * input_words / 3_000);
        assert!(search.work.most <= search.work.budget);
        assert!(search.work.total <= WORK_PER_WORD * input_words);
        // The budget binds here: a quotation it cuts short is not reported, and the report's
        // limits say how many there were.
        assert!(search.misquotes.is_empty());
        assert!(search.cut_short > 0);
        let limits = FactCheck::limits(&search);
        assert_eq!(limits.len(), 1);
        assert!(limits[0].contains(&format!("{} of 3000 quotations", search.cut_short)));
    }
}
