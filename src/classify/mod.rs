//! Stage 6, **classify**: labels for every sentence of both documents, and the findings.
//!
//! Input: both [`Document`]s, their [`Alignment`] and the [`Config`]. Output: a
//! [`Classification`] with exactly one label per sentence and the findings.
//!
//! Summary sentences: `editorial` (from segmentation); `other-speaker` when attributed to a
//! person who is not the source's speaker, and the sentences that continue that person's words
//! in the same paragraph; then, by alignment, `unsupported` below
//! [`Config::support_threshold`], `mismatch` when a fact disagrees with the aligned source
//! sentences (a number, a negation, a word put for its opposite, a date, a title, a quote) or
//! with the whole source (a number it never gives, `second quarter` where it only has the
//! `third quarter`, `white` where it only has `blue`, a negation where it negates nothing or
//! of a word it only affirms, a name a transcript never mentions; an unsupported sentence
//! gets these findings too), `verbatim` when its words appear in order in the source, and
//! `paraphrase` otherwise.
//!
//! The source's speaker and the people counted as speaking in it are settled by `speaker`:
//! [`Config::speaker`], the person the source's introduction names, or the person the summary
//! credits most in sentences the source supports; beside them, everyone the source names.
//!
//! The fact checks are one module per kind of fact under `checks`, each behind one trait and
//! listed once in its registry; they return evidence, and one policy (`judge`) turns evidence
//! into findings. [`rules`] is the table of every rule, derived from that registry.
//!
//! Source sentences: `editorial`, `covered` or `partial` by the share of them the aligned
//! summary sentences contain, and `omitted`, with a salience that rises with numbers, enumerated
//! points, quotes, commitments and names, and falls for greetings and thanks.

mod checks;
mod evidence;
mod judge;
mod omissions;
mod speaker;

use speaker::Credit;

pub use checks::Rule;

use std::sync::{Arc, OnceLock};

use rustc_hash::FxHashSet as HashSet;

use crate::align::{Alignment, Link, Links};
use crate::config::{Config, SourceKind};
use crate::model::{
    Detail, Document, FactKind, Finding, FindingKind, Groups, Judgement, Location, PersonMention,
    SentenceList, Severity, SourceLabel, Speaker, SummaryLabel, TokenKind, two_decimals,
};

/// The labels and findings of a check.
#[derive(Clone, Debug)]
pub struct Classification {
    /// One judgement per summary sentence.
    pub summary: Vec<Judgement<SummaryLabel>>,
    /// One judgement per source sentence.
    pub source: Vec<Judgement<SourceLabel>>,
    /// Summary findings in summary order, then omissions by falling salience.
    pub findings: Vec<Finding>,
    /// What the checks could not check in full (a bound on their work cut them short).
    pub limits: Vec<String>,
    /// How the checks read the pair, where it fails nothing (quotations in translation).
    pub notes: Vec<String>,
    /// The source's speaker the check settled on, and where it was found.
    pub speaker: Option<Speaker>,
}

/// Every rule a finding can fall under: the rules of the fact checks, then this stage's own,
/// ordered by finding kind and fact. Derived from the registry once per process.
pub fn rules() -> &'static [Rule] {
    static RULES: OnceLock<Vec<Rule>> = OnceLock::new();
    RULES.get_or_init(|| {
        let mut rules: Vec<Rule> = checks::rules()
            .chain(SENTENCE_RULES.iter().copied())
            .collect();
        rules.sort_by_key(|rule| (rule.kind, rule.fact));
        rules.dedup_by_key(|rule| (rule.kind, rule.fact));
        rules
    })
}

/// The rules of the findings this stage makes itself, beside the fact checks'.
const SENTENCE_RULES: &[Rule] = &[
    Rule {
        kind: FindingKind::Unsupported,
        fact: None,
        description: "Nothing in the source supports the sentence, or it adds details the source never gives.",
        explanation: "The sentence is below the support threshold, or the message lists the \
                      details the source never gives: a number, a year, a name, a negation, \
                      quoted words. A \
                      warning, since a report adds background; an error when the sentence puts \
                      it in the source speaker's mouth (“Mayor Helen Carter said …”, “Bộ trưởng \
                      Lương Tam Quang cho biết …”), for quoted words the source lacks, and for \
                      every detail under --grounded. Under --excerpt, quotes and claims credited \
                      to the speaker that the source lacks stay warnings.",
    },
    Rule {
        kind: FindingKind::Omission,
        fact: None,
        description: "A source sentence the summary leaves out.",
        explanation: "Omissions are ranked by salience from 0 to 1: numbers, enumerated points (“Thứ nhất”, “First,”), quotes, \
                      commitments and names raise it; greetings and thanks lower it. The message \
                      names what the summary loses with it (the number 3 kết quả, the point \
                      “Thứ nhất”, a quote). Info, or a warning from the omission-warning \
                      salience on (0.5 by default).",
    },
    Rule {
        kind: FindingKind::OtherSpeaker,
        fact: None,
        description: "The sentence reports what another person said.",
        explanation: "Someone other than the source's speaker (“…, ông John Brandolino cho \
                      biết”), whose words the sentences after it in the same paragraph may \
                      continue; or only a reporter's questions. The source cannot confirm it: \
                      info. The source's speaker is the one crosscheck settles on: \
                      --speaker, the person the source's introduction names, or the person the \
                      summary credits most.",
    },
];

/// Labels both documents and collects the findings. The alignment is consumed: its features
/// are freed once the source's coverage is known, before the fact checks build their
/// indexes, and its links before the source's sentences are judged.
pub fn classify(
    summary: &Document,
    source: &Document,
    alignment: Alignment,
    config: &Config,
) -> Classification {
    let speakers = speaker::settle(summary, source, &alignment, config);
    // Texts in two languages are not compared ([`crate::align::unaligned`]): the report's
    // note says so once, rather than a finding on each sentence of either.
    let compared = crate::lang::different(summary, source).is_none();
    // Which source sentences each summary sentence is aligned with does not depend on the
    // fact checks (they decide labels, not links), so the source's coverage is known first.
    let linked: Vec<bool> = {
        let (links, not_reached) = (&alignment.links, &alignment.not_reached);
        let mut routes = Routes::new(summary, source, links, not_reached, &speakers, config);
        (0..summary.sentences.len())
            .map(|index| !routes.next(index).aligned_to().is_empty())
            .collect()
    };
    let linked_from = alignment.linked_from(|s| match alignment.links.get(s) {
        Some(link) if linked[s] => link.sources,
        _ => &[],
    });
    drop(linked);
    let coverage = alignment.coverage(&linked_from);
    let (links, not_reached) = alignment.into_links();

    let fact_checks = checks::Checks::new(summary, source, config.source_kind);
    // Quotations count as the speaker's words only when every one was compared.
    let quotes_compared = fact_checks.complete();
    let mut findings = Vec::new();
    // One sentence's findings, moved to `findings` once they are all known.
    let mut found = Vec::new();
    let mut messages = SharedTexts::default();
    let mut judgements = Vec::with_capacity(summary.sentences.len());
    let mut routes = Routes::new(summary, source, &links, &not_reached, &speakers, config);
    for (index, sentence) in summary.sentences.iter().enumerate() {
        let judgement = match routes.next(index) {
            Route::Editorial => unlinked(SummaryLabel::Editorial, None),
            Route::NotCompared => unlinked(SummaryLabel::Unsupported, None),
            Route::NotReached => {
                found.push(Finding {
                    kind: FindingKind::Unsupported,
                    fact: None,
                    severity: Severity::Warning,
                    message: messages.share(
                        "not checked: the time limit ran out before this sentence was aligned",
                    ),
                    summary: Some(location(summary, index)),
                    source: None,
                    added: Box::default(),
                    confidence: Finding::UNRATED,
                });
                unlinked(SummaryLabel::Unsupported, None)
            }
            Route::Misattributed(person, link, whose) => {
                let whose = whose.map(|voice| voice.whose);
                found.push(judge::finding(checks::misattribution(
                    source,
                    index,
                    person,
                    link,
                    whose.as_deref(),
                )));
                Judgement {
                    label: SummaryLabel::Mismatch,
                    aligned_to: SentenceList::from_slice(link.sources),
                    score: two_decimals(link.score),
                    confidence: None,
                    detail: Some(Box::new(Detail::Speaker(person.name.as_str().into()))),
                }
            }
            Route::OtherSpeaker(person) => {
                found.push(Finding {
                    kind: FindingKind::OtherSpeaker,
                    fact: None,
                    severity: Severity::Info,
                    message: messages.share(&format!(
                        "attributed to {person}, not to the source's speaker"
                    )),
                    summary: Some(Location::new(index, sentence.span)),
                    source: None,
                    added: Box::default(),
                    confidence: Finding::UNRATED,
                });
                unlinked(SummaryLabel::OtherSpeaker, Some(person.into()))
            }
            Route::OtherVoice(voice, link, Credit::Speaker(Some(credit))) => {
                let said = summary.slice(credit);
                found.push(judge::finding(checks::voice_mismatch(
                    source,
                    Location::new(index, credit),
                    said,
                    link,
                    &voice.whose,
                )));
                Judgement {
                    label: SummaryLabel::Mismatch,
                    aligned_to: SentenceList::from_slice(link.sources),
                    score: two_decimals(link.score),
                    confidence: None,
                    detail: Some(Box::new(Detail::Speaker(said.into()))),
                }
            }
            Route::OtherVoice(voice, link, _) => {
                let whose = &voice.whose;
                found.push(Finding {
                    kind: FindingKind::OtherSpeaker,
                    fact: None,
                    severity: Severity::Info,
                    message: messages.share(&format!(
                        "in the source these are the words of {whose}, not of its speaker"
                    )),
                    summary: Some(Location::new(index, sentence.span)),
                    source: Some(location(source, link.sources[0])),
                    added: Box::default(),
                    confidence: Finding::UNRATED,
                });
                Judgement {
                    label: SummaryLabel::OtherSpeaker,
                    aligned_to: SentenceList::from_slice(link.sources),
                    score: two_decimals(link.score),
                    confidence: None,
                    detail: Some(Box::new(Detail::Speaker(whose.as_str().into()))),
                }
            }
            Route::Checked {
                link,
                supported,
                credit,
            } => {
                // The source sentences whose facts the sentence's are held against.
                let linked = (link.filter(|l| l.score >= config.aligned_threshold))
                    .map_or(&[][..], |l| l.sources);
                let evidence = fact_checks.run(&checks::Checked {
                    summary,
                    source,
                    index,
                    link,
                    supported: supported.is_some(),
                });
                let judged = judge::of_sentence(evidence, supported.is_some(), linked);
                let quotes_hold = quotes_compared
                    && !judged
                        .added
                        .iter()
                        .any(|e| e.reason.fact() == Some(FactKind::Quote));
                let unsupported = judge::Unsupported {
                    at: location(summary, index),
                    best_match: link.map(|l| l.score),
                    nearest: link.map(|l| location(source, l.sources[0])),
                    supported: supported.is_some(),
                    credit,
                };
                let unsupported =
                    judge::unsupported(&unsupported, judged.added, config, &mut messages);
                match supported {
                    None => {
                        found.extend(unsupported);
                        found.extend(judged.mismatches);
                        unlinked(SummaryLabel::Unsupported, None)
                    }
                    Some(link) => {
                        let label = if !judged.mismatches.is_empty() {
                            SummaryLabel::Mismatch
                        } else if is_verbatim(summary, source, index, link, config)
                            || (quotes_hold && is_quoted(summary, source, index, config))
                        {
                            SummaryLabel::Verbatim
                        } else {
                            SummaryLabel::Paraphrase
                        };
                        // What disagrees first, then what the source lacks.
                        found.extend(judged.mismatches);
                        found.extend(unsupported);
                        found.extend(judged.shifts);
                        Judgement {
                            label,
                            aligned_to: SentenceList::from_slice(link.sources),
                            score: two_decimals(link.score),
                            confidence: None,
                            detail: None,
                        }
                    }
                }
            }
        };
        judgements.push(judgement);
        add_findings(&mut findings, &mut found);
    }
    // What the summary sentences no longer need is freed before the source sentences are
    // judged: the checks' indexes (the quote search's results among them), the alignment,
    // and the room the summary's findings did not take.
    let (limits, notes) = fact_checks.into_limits_and_notes();
    drop(routes);
    drop((links, not_reached));
    findings.shrink_to_fit();

    let source_judgements = source_judgements(summary, source, &linked_from, &coverage, config);
    // The omissions, by falling salience (in source order when equal), after the summary's
    // findings: sorted as indices, and each finding made once in its place.
    let mut omitted: Vec<(usize, f64)> = (source_judgements.iter().enumerate())
        .filter(|_| compared)
        .filter_map(|(index, judgement)| Some((index, judgement.salience()?)))
        .collect();
    omitted.sort_by(|(_, a), (_, b)| b.total_cmp(a));
    findings.reserve_exact(omitted.len());
    findings.extend(omitted.into_iter().map(|(index, salience)| {
        let severity = if salience >= config.omission_warning_salience {
            Severity::Warning
        } else {
            Severity::Info
        };
        Finding {
            kind: FindingKind::Omission,
            fact: None,
            severity,
            message: match source_judgements[index].lost() {
                [] => format!("omitted from the summary (salience {salience:.2})"),
                lost => format!(
                    "omitted from the summary (salience {salience:.2}); it loses {}",
                    lost.join(", ")
                ),
            }
            .into(),
            summary: None,
            source: Some(location(source, index)),
            added: Box::default(),
            confidence: Finding::UNRATED,
        }
    }));
    Classification {
        speaker: speakers.settled,
        summary: judgements,
        source: source_judgements,
        findings,
        limits,
        notes,
    }
}

/// How a summary sentence is judged, before any fact is checked.
enum Route<'a> {
    /// Editorial matter (a caption, a byline).
    Editorial,
    /// Left unaligned when the time limit ran out.
    NotReached,
    /// Neither editorial nor credited to another person, in a summary whose language is not
    /// its source's: what it says is not compared.
    NotCompared,
    /// Attributed to a person, in words someone else said: the source's speaker (when the
    /// person is not counted as speaking), or another voice of the source.
    Misattributed(&'a PersonMention, Link<'a>, Option<speaker::OtherVoice>),
    /// Crediting nobody by name and title, in words the source gives to a reporter's
    /// question; crediting the settled speaker at a reporting verb (`Biden said`) makes it
    /// the speaker's mismatch.
    OtherVoice(speaker::OtherVoice, Link<'a>, Credit),
    /// The words of another person, named in it or earlier in its paragraph.
    OtherSpeaker(&'a str),
    /// Judged by its fact checks: its best link, that link again when it is supported, and
    /// whether the sentence credits the source's speaker with what it says.
    Checked {
        link: Option<Link<'a>>,
        supported: Option<Link<'a>>,
        credit: Credit,
    },
}

impl Route<'_> {
    /// The source sentences the sentence's judgement is aligned with.
    fn aligned_to(&self) -> &[usize] {
        match self {
            Route::Misattributed(_, link, _)
            | Route::OtherVoice(_, link, _)
            | Route::Checked {
                supported: Some(link),
                ..
            } => link.sources,
            _ => &[],
        }
    }
}

/// The [`Route`] of each summary sentence, asked in order: whom a paragraph quotes carries
/// over to its next sentences.
struct Routes<'a> {
    summary: &'a Document,
    source: &'a Document,
    links: &'a Links,
    not_reached: &'a [usize],
    speakers: &'a speaker::Speakers,
    config: &'a Config,
    /// The two documents are in one language (or either is too short to tell): their words
    /// can be compared ([`crate::lang::different`]).
    compared: bool,
    /// The person whose words the current paragraph reports, when not the speaker.
    quoting: Option<(u32, String)>,
}

impl<'a> Routes<'a> {
    fn new(
        summary: &'a Document,
        source: &'a Document,
        links: &'a Links,
        not_reached: &'a [usize],
        speakers: &'a speaker::Speakers,
        config: &'a Config,
    ) -> Self {
        Routes {
            summary,
            source,
            links,
            not_reached,
            speakers,
            config,
            compared: crate::lang::different(summary, source).is_none(),
            quoting: None,
        }
    }

    /// The route of sentence `index`, the one after the sentence asked before.
    fn next(&mut self, index: usize) -> Route<'_> {
        let sentence = &self.summary.sentences[index];
        let link = self.links.get(index);
        let attributed = (self.summary.facts.get(index))
            .attributed_to()
            .filter(|_| self.config.source_kind.has_one_speaker());
        if attributed.is_some()
            || (self.quoting)
                .as_ref()
                .is_some_and(|(p, _)| *p != sentence.paragraph)
        {
            self.quoting = None;
        }
        // Whom the sentence credits: the person it names with a title, or else as its
        // reporting verbs' words tell.
        let credit = match attributed {
            Some(person) if self.speakers.is_settled(person) => Credit::Speaker(None),
            Some(_) => Credit::Unstated,
            None if self.config.source_kind.has_one_speaker() => {
                self.speakers.credit(self.summary, self.source, index)
            }
            None => Credit::Unstated,
        };
        let other = attributed.filter(|p| !self.speakers.speak(p));
        if let Some(person) = other {
            self.quoting = Some((sentence.paragraph, person.name.clone()));
        }
        if sentence.editorial.is_some() {
            Route::Editorial
        } else if self.not_reached.binary_search(&index).is_ok() {
            Route::NotReached
        } else if let Some((person, link)) = other
            .zip(link)
            .filter(|(_, l)| l.score >= self.config.speaker_threshold)
        {
            // Whose words they are: in turns, another voice's (a reporter's question);
            // otherwise the speaker's, under another name or in another mouth.
            let in_turns = (link.sources.iter()).all(|&s| self.source.voices.turn_of(s).is_some());
            let voice = in_turns
                .then(|| (self.speakers).other_voice(self.source, Some(person), link.sources))
                .flatten();
            Route::Misattributed(person, link, voice)
        } else if let Some((_, person)) = (self.quoting.as_ref())
            // Uncompared texts settle no speaker from the summary's links: who is another
            // person is then unknown.
            .filter(|_| self.compared || self.speakers.settled.is_some())
        {
            Route::OtherSpeaker(person)
        } else if let Some((link, voice)) = link
            .filter(|l| l.score >= self.config.support_threshold)
            .and_then(|l| {
                Some((
                    l,
                    (self.speakers).other_voice(self.source, attributed, l.sources)?,
                ))
            })
            .filter(|(l, _)| attributed.is_none() || l.score >= self.config.speaker_threshold)
        {
            match attributed {
                Some(person) => Route::Misattributed(person, link, Some(voice)),
                None => Route::OtherVoice(voice, link, credit),
            }
        } else if !self.compared {
            Route::NotCompared
        } else {
            Route::Checked {
                link,
                supported: link.filter(|l| l.score >= self.config.support_threshold),
                credit,
            }
        }
    }
}

/// The texts of findings whose wording repeats (an unsupported sentence's differs from the
/// next one's only by a percentage), each held once: 20,000 unsupported sentences share 101.
#[derive(Default)]
struct SharedTexts(HashSet<Arc<str>>);

impl SharedTexts {
    /// The one copy of `text`.
    fn share(&mut self, text: &str) -> Arc<str> {
        if let Some(shared) = self.0.get(text) {
            return Arc::clone(shared);
        }
        let shared: Arc<str> = text.into();
        self.0.insert(Arc::clone(&shared));
        shared
    }
}

/// Moves a sentence's findings to the end of the list, growing it by an eighth (or by what
/// they need) rather than doubling it: it is the longest list held while the summary is
/// judged, and doubling leaves up to half of it unused at the check's peak. Growth by an
/// eighth copies the list about eight times over in all, still linear in its length (the
/// binary's allocator remaps rather than copies lists over 128 KiB).
fn add_findings(findings: &mut Vec<Finding>, found: &mut Vec<Finding>) {
    if findings.capacity() - findings.len() < found.len() {
        findings.reserve_exact(found.len().max(findings.len() / 8));
    }
    findings.append(found);
}

fn unlinked<L>(label: L, speaker: Option<Box<str>>) -> Judgement<L> {
    Judgement {
        label,
        aligned_to: SentenceList::new(),
        score: 0.0,
        confidence: None,
        detail: speaker.map(|name| Box::new(Detail::Speaker(name))),
    }
}

fn location(document: &Document, sentence: usize) -> Location {
    Location::new(sentence, document.sentences[sentence].span)
}

/// The comparison keys of a sentence's words and numbers, in order.
fn word_keys(document: &Document, sentence: usize) -> Vec<&str> {
    document
        .sentence_tokens(sentence)
        .iter()
        .filter(|t| t.kind() != TokenKind::Punct)
        .map(|t| document.tokens.key(t))
        .collect()
}

/// True when the summary sentence's words appear, in order and together, in one aligned
/// source sentence: at least [`Config::verbatim_min_words`] of them, or all the words of that
/// sentence (a short sentence repeated whole, `Xin cảm ơn.`).
fn is_verbatim(
    summary: &Document,
    source: &Document,
    index: usize,
    link: Link<'_>,
    config: &Config,
) -> bool {
    let words = word_keys(summary, index);
    !words.is_empty()
        && link.sources.iter().any(|&s| {
            let source_words = word_keys(source, s);
            source_words == words
                || (words.len() >= config.verbatim_min_words
                    && source_words
                        .windows(words.len())
                        .any(|window| window == words.as_slice()))
        })
}

/// True when the summary sentence is mostly quotation (at least half of its words stand
/// inside quotation marks), and its quotations were checked word by word against a transcript
/// in the summary's language: with no finding on them, they are the speaker's words as clean
/// verbatim allows (`“…,” he said.`).
fn is_quoted(summary: &Document, source: &Document, index: usize, config: &Config) -> bool {
    if config.source_kind != SourceKind::Transcript || summary.language != source.language {
        return false;
    }
    let quotes = summary.facts.get(index).quotes;
    let words = summary
        .sentence_tokens(index)
        .iter()
        .filter(|t| t.kind() != TokenKind::Punct);
    let (mut all, mut quoted) = (0, 0);
    for token in words {
        all += 1;
        let at = token.span().start;
        quoted += usize::from(
            quotes
                .iter()
                .any(|q| (q.start as usize) <= at && at < q.end as usize),
        );
    }
    all > 0 && quoted * 2 >= all
}

/// The source sentences' judgements, from the summary sentences aligned with each
/// (`linked_from`) and the share of each that they cover.
fn source_judgements(
    summary: &Document,
    source: &Document,
    linked_from: &Groups,
    coverage: &[f64],
    config: &Config,
) -> Vec<Judgement<SourceLabel>> {
    let lexicon = source.language.lexicon();
    let summary_facts = omissions::SummaryFacts::new(summary, omissions::asked_words(source));
    (0..source.sentences.len())
        .map(|index| {
            let aligned_to: SentenceList =
                linked_from.get(index).iter().map(|&s| s as usize).collect();
            let (label, detail) = if source.sentences[index].editorial.is_some() {
                (SourceLabel::Editorial, None)
            } else if aligned_to.is_empty() {
                let facts = omissions::lost(&summary_facts, source, index);
                let salience = omissions::salience(source, index, &facts, lexicon);
                let lost = facts.iter().map(ToString::to_string).collect();
                let omitted = Detail::Omitted { salience, lost };
                (SourceLabel::Omitted, Some(Box::new(omitted)))
            } else if coverage[index] >= config.covered_threshold {
                (SourceLabel::Covered, None)
            } else {
                (SourceLabel::Partial, None)
            };
            Judgement {
                label,
                aligned_to,
                score: two_decimals(coverage[index]),
                confidence: None,
                detail,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::rules;
    use crate::model::{parse_rule_id, rule_id};

    #[test]
    fn every_rule_once_and_each_id_reads_back() {
        let rules = rules();
        let ids: Vec<String> = rules.iter().map(|r| rule_id(r.kind, r.fact)).collect();
        let mut unique = ids.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), ids.len(), "{ids:?}");
        for rule in rules {
            assert_eq!(
                parse_rule_id(&rule_id(rule.kind, rule.fact)),
                Ok((rule.kind, rule.fact))
            );
            assert!(!rule.description.is_empty());
            // The description and the explanation are SARIF's `fullDescription` text and the
            // start of its Markdown `help`: they must read the same in both, and GitHub shows
            // at most 1024 characters.
            assert!(
                !rule.explanation.is_empty()
                    && !rule
                        .explanation
                        .contains(['`', '*', '_', '[', ']', '<', '>', '$', '|', '\\']),
                "{}",
                rule.explanation
            );
            let full = rule.description.chars().count() + 1 + rule.explanation.chars().count();
            assert!(full <= 1024, "{full}: {}", rule.description);
        }
        assert!(parse_rule_id("fact-mismatch/numbers").is_err());
        assert!(parse_rule_id("omission/number").is_err());
    }

    /// Texts in two languages settle no speaker from their links: a summary crediting the
    /// source's speaker by name does not make her "another speaker".
    #[test]
    fn uncompared_texts_name_no_other_speaker() {
        use crate::{Config, FindingKind, Input, SummaryLabel, check};
        let summary = Input::new(
            "en.txt",
            "Mayor Claire Martin said the harbour reopened on Monday after eighteen months of \
             work. She said 420 workers built the new quays for the town.",
        );
        let source = Input::new(
            "fr.txt",
            "Mesdames et messieurs, le port a rouvert lundi après dix-huit mois de travaux. \
             Deux cent quarante ouvriers ont construit les nouveaux quais. Merci à tous.",
        );
        let report = check(&summary, &source, &Config::default());
        assert!(crate::lang::different(&report.summary, &report.source).is_some());
        assert!(
            (report.findings.iter()).all(|f| f.kind != FindingKind::OtherSpeaker),
            "{:?}",
            report.findings
        );
        assert!((report.summary_judgements.iter()).all(|j| j.label != SummaryLabel::OtherSpeaker));
    }
}
