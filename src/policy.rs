//! Stage 7, **policy**: a project's own rules over the findings, from its `crosscheck.toml`:
//! the severity it gives a rule, `off` to drop it ([`Config::rule_severities`]), and the
//! sentences it does not want checked ([`Config::ignore`]). Labels are left as they are.

use unicode_normalization::UnicodeNormalization;

use crate::config::{Config, IgnorePatterns};
use crate::model::{Document, Finding, Location, serde_name};

/// Applies the severities and ignored patterns of `config` to `findings`, keeping their order.
pub fn apply(findings: &mut Vec<Finding>, summary: &Document, source: &Document, config: &Config) {
    if config.rule_severities.is_empty() && config.ignore.is_none() {
        return;
    }
    let (mut in_summary, mut in_source) = (
        Ignored::new(summary, config.ignore.as_ref()),
        Ignored::new(source, config.ignore.as_ref()),
    );
    findings.retain_mut(|finding| {
        if in_summary.at(finding.summary) || in_source.at(finding.source) {
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

/// Which sentences of a document the `ignore` patterns match, each decided once: a long
/// sentence with many findings is searched once, not once per finding.
struct Ignored<'a> {
    document: &'a Document,
    patterns: Option<&'a IgnorePatterns>,
    decided: Vec<Option<bool>>,
}

impl<'a> Ignored<'a> {
    fn new(document: &'a Document, patterns: Option<&'a IgnorePatterns>) -> Self {
        let decided = match patterns {
            Some(_) => vec![None; document.sentences.len()],
            None => Vec::new(),
        };
        Ignored {
            document,
            patterns,
            decided,
        }
    }

    /// Whether the sentence at `at` (if any) matches a pattern, its text compared in NFC.
    fn at(&mut self, at: Option<Location>) -> bool {
        let (Some(patterns), Some(at)) = (self.patterns, at) else {
            return false;
        };
        *self.decided[at.sentence].get_or_insert_with(|| {
            let sentence = &self.document.sentences[at.sentence];
            let text: String = self.document.slice(sentence.span).nfc().collect();
            patterns.is_match(&text)
        })
    }
}
