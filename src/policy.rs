//! Stage 7, **policy**: a project's own rules over the findings, from its `crosscheck.toml`:
//! the severity it gives a rule, `off` to drop it ([`Config::rule_severities`]), and the
//! sentences it does not want checked ([`Config::ignore`]). Labels are left as they are.

use std::borrow::Cow;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use crate::config::{Config, IgnorePatterns};
use crate::model::{Document, Finding, Location, serde_name};

/// Applies the severities and ignored patterns of `config` to `findings`, keeping their order.
pub fn apply(findings: &mut Vec<Finding>, summary: &Document, source: &Document, config: &Config) {
    if config.rule_severities.is_empty() && config.ignore.is_none() {
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
