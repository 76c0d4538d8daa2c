//! Stage 7, **policy**: a project's own rules over the findings, from its `crosscheck.toml`:
//! the severity it gives a rule, `off` to drop it ([`Config::rule_severities`]), the
//! sentences it does not want checked ([`Config::ignore`]), and the phrases it accepts as
//! saying the same ([`Config::equivalences`]). Labels are left as they are.

use std::borrow::Cow;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use crate::config::{Config, Equivalence, IgnorePatterns};
use crate::model::{
    Document, FactKind, Finding, FindingKind, Location, Span, Token, TokenKind, serde_name,
};

/// Applies the severities and ignored patterns of `config` to `findings`, keeping their order.
pub fn apply(findings: &mut Vec<Finding>, summary: &Document, source: &Document, config: &Config) {
    if config.rule_severities.is_empty()
        && config.ignore.is_none()
        && config.equivalences.is_empty()
    {
        return;
    }
    let ignored = config
        .ignore
        .as_ref()
        .map(|patterns| Ignored::find(findings, summary, source, patterns));
    findings.retain_mut(|finding| {
        if ignored
            .as_ref()
            .is_some_and(|ignored| ignored.covers(finding))
            || accepted(finding, summary, source, &config.equivalences)
        {
            return false;
        }
        let level = config
            .rule_severities
            .get(&finding.rule())
            .or_else(|| config.rule_severities.get(&serde_name(&finding.kind)));
        match level {
            Some(Some(severity)) => {
                finding.severity = *severity;
                true
            }
            Some(None) => false,
            None => true,
        }
    });
}

/// Whether an accepted equivalence covers `finding`: each place it flags in the summary (the
/// details the source never gives, else its span) overlaps an occurrence of one phrase in
/// its summary sentence, and the other phrase occurs in its source sentence.
fn accepted(
    finding: &Finding,
    summary: &Document,
    source: &Document,
    equivalences: &[Equivalence],
) -> bool {
    let (Some(said), Some(heard)) = (finding.summary, finding.source) else {
        return false;
    };
    let flagged: Vec<Span> = if finding.added.is_empty() {
        vec![said.span()]
    } else {
        finding.added.iter().map(|detail| detail.span).collect()
    };
    let sides = equivalences
        .iter()
        .flat_map(|e| [(&e.one, &e.other), (&e.other, &e.one)]);
    sides.into_iter().any(|(written, given)| {
        let found = occurrences(summary, said.sentence(), written);
        !found.is_empty()
            && !occurrences(source, heard.sentence(), given).is_empty()
            && (flagged.iter())
                .all(|span| (found.iter()).any(|o| o.start < span.end && span.start < o.end))
    })
}

/// The most words a phrase of a suggested equivalence has ([`suggested_equivalences`]): a
/// longer one is a passage, better accepted by a baseline entry.
const SUGGESTED_PHRASE_WORDS: usize = 8;

/// The most findings of one report whose equivalence is tested against every other finding
/// ([`suggested_equivalences`]): with this bound the test costs a linear amount, whatever
/// the number of mismatches.
const MOST_TESTED_EQUIVALENCES: usize = 64;

/// For each of `findings`, in order, the entry of `[equivalences]` that would accept it: the
/// figure, date, name or title it flags in the summary and the one it points at in the source,
/// as written (white space made single spaces), when each is a phrase of a few words (at
/// most [`SUGGESTED_PHRASE_WORDS`]), the two do accept it ([`accepted`]) and no other finding.
/// `None` for other findings (a misquote's or a negation's places are not one thing said two
/// ways, and an equivalence that silences more than its finding is too broad to offer), and
/// past the first [`MOST_TESTED_EQUIVALENCES`] that reach the test against the others.
pub fn suggested_equivalences(
    findings: &[Finding],
    summary: &Document,
    source: &Document,
) -> Vec<Option<[String; 2]>> {
    let mut tested = 0;
    (findings.iter().enumerate())
        .map(|(index, finding)| {
            let (phrases, equivalence) = candidate(finding, summary, source)?;
            if tested == MOST_TESTED_EQUIVALENCES {
                return None;
            }
            tested += 1;
            let only_this = (findings.iter().enumerate())
                .all(|(other, o)| other == index || !accepted(o, summary, source, &equivalence));
            only_this.then_some(phrases)
        })
        .collect()
}

/// The phrases a substitution `finding` flags, and their equivalence, when it accepts it
/// ([`suggested_equivalences`]).
fn candidate(
    finding: &Finding,
    summary: &Document,
    source: &Document,
) -> Option<([String; 2], [Equivalence; 1])> {
    let substitution = matches!(
        finding.fact,
        Some(FactKind::Number | FactKind::Date | FactKind::Name | FactKind::Title)
    );
    if finding.kind != FindingKind::FactMismatch || !substitution {
        return None;
    }
    let (said, heard) = (finding.summary?, finding.source?);
    let phrase = |document: &Document, at: Location| {
        let words: Vec<&str> = document.slice(at.span()).split_whitespace().collect();
        (words.len() <= SUGGESTED_PHRASE_WORDS).then(|| words.join(" "))
    };
    let phrases = [phrase(summary, said)?, phrase(source, heard)?];
    let equivalence = [Equivalence::new(&phrases[0], &phrases[1]).ok()?];
    accepted(finding, summary, source, &equivalence).then_some((phrases, equivalence))
}

/// Where the words `phrase` (comparison keys) occur in a row in `sentence` of `document`,
/// punctuation between them skipped.
fn occurrences(document: &Document, sentence: usize, phrase: &[String]) -> Vec<Span> {
    if phrase.is_empty() {
        return Vec::new();
    }
    let words: Vec<&Token> = (document.sentence_tokens(sentence).iter())
        .filter(|token| token.kind() != TokenKind::Punct)
        .collect();
    words
        .windows(phrase.len())
        .filter(|window| {
            (window.iter().zip(phrase)).all(|(token, key)| document.tokens.key(token) == key)
        })
        .map(|window| Span::new(window[0].span().start, window[window.len() - 1].span().end))
        .collect()
}

/// The sentences with findings that an `ignore` pattern matches, in each document. Each is
/// searched once, however many findings it has, and all are searched together, so that the
/// patterns are compiled once ([`IgnorePatterns::matching`]).
struct Ignored {
    /// The matched sentences of the summary, ascending.
    summary: Vec<usize>,
    /// The matched sentences of the source, ascending.
    source: Vec<usize>,
}

impl Ignored {
    /// Searches the sentences `findings` point at, their texts compared in NFC.
    fn find(
        findings: &[Finding],
        summary: &Document,
        source: &Document,
        patterns: &IgnorePatterns,
    ) -> Ignored {
        let pointed_at = |at: fn(&Finding) -> Option<Location>| {
            let mut sentences: Vec<usize> = findings
                .iter()
                .filter_map(|finding| Some(at(finding)?.sentence()))
                .collect();
            sentences.sort_unstable();
            sentences.dedup();
            sentences
        };
        let in_summary = pointed_at(|finding| finding.summary);
        let in_source = pointed_at(|finding| finding.source);
        let texts: Vec<Cow<'_, str>> = (in_summary.iter().map(|&s| in_nfc(summary, s)))
            .chain(in_source.iter().map(|&s| in_nfc(source, s)))
            .collect();
        let matched = patterns.matching(&texts);
        drop(texts);
        let (summary_matched, source_matched) = matched.split_at(in_summary.len());
        let keep_matched = |sentences: Vec<usize>, matched: &[bool]| {
            let matched = sentences.into_iter().zip(matched);
            matched.filter(|(_, m)| **m).map(|(s, _)| s).collect()
        };
        Ignored {
            summary: keep_matched(in_summary, summary_matched),
            source: keep_matched(in_source, source_matched),
        }
    }

    /// Whether `finding` points at a matched sentence of either document.
    fn covers(&self, finding: &Finding) -> bool {
        let matched = |sentences: &[usize], at: Option<Location>| {
            at.is_some_and(|at| sentences.binary_search(&at.sentence()).is_ok())
        };
        matched(&self.summary, finding.summary) || matched(&self.source, finding.source)
    }
}

/// The text of a document's sentence in NFC, borrowed when it already is.
fn in_nfc(document: &Document, sentence: usize) -> Cow<'_, str> {
    let text = document.slice(document.sentences[sentence].span);
    match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => Cow::Borrowed(text),
        IsNormalized::No | IsNormalized::Maybe => Cow::Owned(text.nfc().collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Input, check};

    /// Seventy figures misreported, one a sentence: each is a substitution its own
    /// equivalence accepts, but only the first [`MOST_TESTED_EQUIVALENCES`] are tested
    /// against every other finding and offered, so that the cost stays linear.
    #[test]
    fn equivalences_are_suggested_for_a_bounded_number_of_findings() {
        let sentences = |base: usize| -> String {
            (0..70)
                .map(|i| format!("Harbour {i} took in {} ships.\n\n", base + i))
                .collect()
        };
        let report = check(
            &Input::new("summary.txt", sentences(300)),
            &Input::new("source.txt", sentences(100)),
            &Config::default(),
        );
        let suggested = suggested_equivalences(&report.findings, &report.summary, &report.source);
        let offered: Vec<&[String; 2]> = suggested.iter().flatten().collect();
        assert_eq!(offered.len(), MOST_TESTED_EQUIVALENCES);
        assert_eq!(offered[0], &["300".to_string(), "100".to_string()]);
        assert_eq!(suggested.len(), report.findings.len());
    }
}
