//! **Negation**: polarity, tense and opposites (`fact-mismatch/negation`).
//!
//! Catches, against the aligned source sentences, a negation added (`Việt Nam không ký` where
//! the source says it signed) or dropped, the future put for what was done (`sẽ` for `đã`,
//! `will` for `has`) and the reverse, and a word put for its opposite (`lower` where the source
//! says `higher`, said of the same thing); against the whole source, a negation where the
//! source negates nothing, and a negated word the source says but never negates (`did not
//! recommend the Silver plan` where the agent recommends it).
//!
//! Leaves alone: a negation the aligned source has anywhere near the same words, the opposite
//! of a negated word (`easy` for `not difficult`, `dễ` for `không khó`), opposites said of
//! different things (no content word shared nearby) or side by side (`growth and decline`),
//! and function words after a negation.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::cell::OnceCell;
use std::ops::Range;

use super::markers::{CONTEXT_WORDS, marked, unmatched};
use super::{Checked, FactCheck, Rule, content_near, is_content_word, place, prefer_linked};
use crate::classify::evidence::{Evidence, Reason, Scope};
use crate::model::{Document, FactKind, Location, MarkerKind, Span, Token, TokenKind};

/// Whether the source negates anything, and the words it says by stem.
pub(super) struct SourceNegations<'a> {
    source: &'a Document,
    negates: bool,
    /// Built when a summary sentence first negates something.
    stems: OnceCell<SourceStems<'a>>,
}

impl<'a> FactCheck<'a> for SourceNegations<'a> {
    const RULES: &'static [Rule] = &[NEGATION_RULE];
    const RUNS_UNSUPPORTED: bool = true;

    fn index(_summary: &'a Document, source: &'a Document) -> Self {
        SourceNegations {
            source,
            negates: source
                .facts
                .iter()
                .any(|facts| facts.marked(MarkerKind::Negation).next().is_some()),
            stems: OnceCell::new(),
        }
    }

    fn check(&self, sentence: &Checked<'_>) -> Vec<Evidence> {
        let mut evidence = Vec::new();
        if let Some(link) = sentence.link {
            if sentence.supported {
                evidence.extend(markers(sentence, link.sources));
            }
            evidence.extend(opposites(sentence, link.sources));
        }
        if self.negates {
            evidence.extend(self.negated_words(sentence));
        } else {
            let (summary, index) = (sentence.summary, sentence.index);
            let opposites = &summary.language.lexicon().opposites;
            // A negated word whose opposite the source says is the source's claim (`will not
            // charge` where it says `free`).
            let says_opposite = |marker: &Range<usize>| {
                negated_word(summary, index, marker).is_some_and(|word| {
                    let stem = summary.stem(&summary.tokens[word]);
                    let stems = self.stems.get_or_init(|| SourceStems::new(self.source));
                    (opposites.get(stem).into_iter().flatten())
                        .any(|opposite| stems.keys.contains_key(opposite.as_str()))
                })
            };
            let markers = marked(summary, index, MarkerKind::Negation);
            evidence.extend(markers.filter(|m| !says_opposite(m)).map(|marker| {
                let at = place(summary, index, marker);
                Evidence::new(
                    Reason::NegationWhereNone,
                    Scope::Absent,
                    at,
                    summary.slice(at.span()),
                )
            }));
        }
        evidence
    }
}

/// How far after a negation a word counts as negated, in tokens.
const NEGATION_REACH: usize = 4;

/// How many words apart a word and its opposite name a range (`growth and decline`).
const RANGE_WORDS: usize = 2;

impl<'a> SourceNegations<'a> {
    /// The words the sentence negates (the first after a negation that is not a function
    /// word) that the source says but never within reach of a negation, pointed at the word in
    /// the linked source sentences, or else at its first in the source.
    fn negated_words(&self, sentence: &Checked<'_>) -> Vec<Evidence> {
        let (summary, source, index) = (sentence.summary, sentence.source, sentence.index);
        if summary.language != source.language {
            return Vec::new();
        }
        let tokens = &summary.tokens;
        let mut evidence = Vec::new();
        for marker in marked(summary, index, MarkerKind::Negation) {
            let negated = negated_word(summary, index, marker)
                .filter(|&t| is_content_word(summary, tokens.key(&tokens[t])));
            let Some(word) = negated else {
                continue;
            };
            let stem = summary.stem(&tokens[word]);
            let stems = self.stems.get_or_init(|| SourceStems::new(self.source));
            // Said of the same thing: a content word of the clause around both (a negation
            // governs a clause, wider than the words around an opposite); in a linked
            // sentence first.
            let clause = 2 * CONTEXT_WORDS;
            let around = content_near(summary, index, tokens[word].span(), clause);
            let said_plainly = stems.said_plainly(stem);
            let said_near = said_plainly
                .iter()
                .map(|&t| (source.sentence_of(t), t))
                .filter(|&(found_in, t)| {
                    stems.shares_context(source, found_in, t, clause, &around)
                });
            let Some((found_in, said)) = prefer_linked(said_near, sentence.linked()) else {
                continue;
            };
            let span = source.tokens[said].span();
            evidence.push(
                Evidence::new(
                    Reason::NegatesAffirmed,
                    Scope::Absent,
                    place(summary, index, &(marker.start..word + 1)),
                    summary.slice(tokens[word].span()),
                )
                .where_source_says(Location::new(found_in, span), source.slice(span)),
            );
        }
        evidence
    }
}

/// The word a negation of a sentence negates: the first after it, within reach, that is no
/// function word.
fn negated_word(document: &Document, sentence: usize, marker: &Range<usize>) -> Option<usize> {
    let (tokens, lexicon) = (&document.tokens, document.language.lexicon());
    let within = document.sentences[sentence].tokens();
    (marker.end..(marker.end + NEGATION_REACH).min(within.end))
        .take_while(|&t| tokens[t].kind() == TokenKind::Word)
        .find(|&t| !lexicon.function_words.contains(tokens.key(&tokens[t])))
}

/// The tokens within reach of a negation `marker` of a sentence whose tokens are `within`:
/// after it, and before it for a negation that follows its word (`risk-free`).
fn negation_reach(marker: &Range<usize>, within: &Range<usize>) -> Range<usize> {
    marker
        .start
        .saturating_sub(NEGATION_REACH)
        .max(within.start)..(marker.end + NEGATION_REACH).min(within.end)
}

/// The spans of the words within reach of a negation in a sentence ([`negation_reach`]).
fn negated_spans(document: &Document, sentence: usize) -> Vec<Span> {
    let within = document.sentences[sentence].tokens();
    marked(document, sentence, MarkerKind::Negation)
        .flat_map(|marker| negation_reach(marker, &within))
        .map(|t| document.tokens[t].span())
        .collect()
}

/// Negations added or dropped, and the future put for what was done (or the reverse), against
/// the `linked` source sentences.
fn markers(sentence: &Checked<'_>, linked: &[usize]) -> Vec<Evidence> {
    let (summary, source, index) = (sentence.summary, sentence.source, sentence.index);
    let mut evidence = Vec::new();
    let here = [index];
    use MarkerKind::{Done, Future, Negation};
    let checks = [
        (Negation, None, Reason::NegationAdded),
        (Future, Some(Done), Reason::FutureForDone),
        (Done, Some(Future), Reason::DoneForFuture),
    ];
    for (kind, conflicting, reason) in checks {
        for (marked, other, window) in unmatched(summary, &here, source, linked, kind, conflicting)
        {
            let at = place(summary, marked.sentence, &marked.tokens);
            let there = place(source, other, &window);
            evidence.push(
                Evidence::new(reason, Scope::Aligned, at, summary.slice(at.span()))
                    .where_source_says(there, source.slice(there.span())),
            );
        }
    }
    for (marked, _, window) in unmatched(source, linked, summary, &here, MarkerKind::Negation, None)
    {
        let at = place(summary, index, &window);
        let there = place(source, marked.sentence, &marked.tokens);
        evidence.push(
            Evidence::new(
                Reason::NegationDropped,
                Scope::Aligned,
                at,
                summary.slice(at.span()),
            )
            .where_source_says(there, source.slice(there.span())),
        );
    }
    evidence
}

/// Words of the sentence put for their opposites: the word is not in the `linked` source
/// sentences, but one of its opposites is (`lower` where the source says `higher`). When
/// one of the two is within reach of a negation, they make the same claim (`easy` where the
/// source says `not difficult`).
fn opposites(sentence: &Checked<'_>, linked: &[usize]) -> Vec<Evidence> {
    let (summary, source, index) = (sentence.summary, sentence.source, sentence.index);
    let lexicon = summary.language.lexicon();
    // The summary words that have opposites, with them and their place among the sentence's
    // words: most sentences have none, and then the source sentences are not read at all.
    let with_opposites: Vec<(usize, &Token, &str, &Vec<String>)> = summary
        .tokens
        .words_within(summary.sentences[index].span)
        .enumerate()
        .filter_map(|(at, token)| {
            let word = summary.stem(token);
            let opposites = lexicon.opposites.get(word)?;
            Some((at, token, word, opposites))
        })
        .collect();
    // A word beside one of its opposites names a range (`growth and decline`, `up or down`),
    // not a claim.
    let negated = negated_spans(summary, index);
    let with_opposites: Vec<(&Token, &str, &Vec<String>)> = with_opposites
        .iter()
        .filter(|(at, _, _, opposites)| {
            !with_opposites.iter().any(|(other_at, _, other, _)| {
                other_at.abs_diff(*at) <= RANGE_WORDS && opposites.iter().any(|o| o == other)
            })
        })
        .map(|&(_, token, word, opposites)| (token, word, opposites))
        .collect();
    if with_opposites.is_empty() {
        return Vec::new();
    }
    let mut in_source: HashMap<&str, (usize, Span)> = HashMap::default();
    for &found_in in linked {
        for token in source.tokens.words_within(source.sentences[found_in].span) {
            in_source
                .entry(source.stem(token))
                .or_insert((found_in, token.span()));
        }
    }
    with_opposites
        .into_iter()
        .filter(|(_, word, _)| !in_source.contains_key(*word))
        .filter_map(|(token, _, opposites)| {
            let &(found_in, span) = opposites
                .iter()
                .find_map(|opposite| in_source.get(opposite.as_str()))?;
            // One of the two negated: the same claim (`not difficult` for `easy`); both: the
            // opposite one (`without implicit` for `without explicit`).
            if negated.contains(&token.span()) != negated_spans(source, found_in).contains(&span) {
                return None;
            }
            // Said of the same thing: a content word near both.
            let around = content_near(summary, index, token.span(), CONTEXT_WORDS);
            if !content_near(source, found_in, span, CONTEXT_WORDS)
                .iter()
                .any(|w| around.contains(w))
            {
                return None;
            }
            Some(sentence.put_for(
                FactKind::Negation,
                Scope::Aligned,
                token.span(),
                (found_in, span),
            ))
        })
        .collect()
}

/// The words a source says, by stem, and the stems it ever negates.
struct SourceStems<'a> {
    /// The keys of each stem.
    keys: HashMap<&'a str, Vec<usize>>,
    /// The tokens of each distinct key, in order, by key index.
    positions: Vec<Vec<usize>>,
    /// The stems of the words within [`NEGATION_REACH`] tokens of a negation: after it, and
    /// before it for a negation that follows its word (`risk-free`).
    negated: HashSet<&'a str>,
}

impl<'a> SourceStems<'a> {
    fn new(source: &'a Document) -> Self {
        let mut positions = vec![Vec::new(); source.tokens.distinct_keys()];
        for (t, token) in source.tokens.iter().enumerate() {
            positions[token.key.index()].push(t);
        }
        let mut keys: HashMap<&str, Vec<usize>> = HashMap::default();
        for (key, stem) in source.key_stems().enumerate() {
            keys.entry(stem).or_default().push(key);
        }
        let mut negated = HashSet::default();
        for (facts, sentence) in source.facts.iter().zip(&source.sentences) {
            for marker in facts.marked(MarkerKind::Negation) {
                let reach = negation_reach(marker, &sentence.tokens());
                negated.extend(reach.map(|t| source.stem(&source.tokens[t])));
            }
        }
        SourceStems {
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
        let within = source.sentences[sentence].tokens();
        let words = |range: &mut dyn Iterator<Item = usize>| -> Vec<usize> {
            range
                .filter(|&u| source.tokens[u].kind() == TokenKind::Word)
                .take(reach)
                .collect()
        };
        let before = words(&mut (within.start..t).rev());
        let after = words(&mut (t + 1..within.end));
        before.into_iter().chain(after).any(|u| {
            let key = source.tokens.key(&source.tokens[u]);
            let stem = source.stem(&source.tokens[u]);
            is_content_word(source, key) && around.iter().any(|word| word == stem)
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

/// The rule of `fact-mismatch/negation`.
const NEGATION_RULE: Rule = Rule::mismatch(
    FactKind::Negation,
    "A negation is added or dropped, a word is put for its opposite, or the future is put for what was done.",
    "Negations: “không”, “chưa”, “not”, “never”, “declined”; the future for what was done: \
     “sẽ” for “đã”, “will” for “already”, and the reverse; opposites said of the same thing: \
     “giảm” for “tăng”, “lower” for “higher”. Against the whole source, also a word negated \
     that the source only affirms, of the same thing (“did not recommend the Silver plan” where the agent recommends it). Left \
     alone: the opposite of a negated word, which is the same claim (“easy” for “not \
     difficult”, “dễ” for “không khó”), opposites said of different things or side by side \
     (“growth and decline”), words that only hold a negation (“không gian”, space) and \
     contractions (“won't” for “will not”).",
);
