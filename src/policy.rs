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
    let mut ignored = config.ignore.as_ref().map(|patterns| {
        (
            Ignored::new(summary, patterns),
            Ignored::new(source, patterns),
        )
    });
    findings.retain_mut(|finding| {
        if let Some((in_summary, in_source)) = &mut ignored
            && (in_summary.at(finding.summary) || in_source.at(finding.source))
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

/// Which sentences of a document the `ignore` patterns match, each decided once: a long
/// sentence with many findings is searched once, not once per finding.
struct Ignored<'a> {
    document: &'a Document,
    patterns: &'a IgnorePatterns,
    decided: Vec<Option<bool>>,
}

impl<'a> Ignored<'a> {
    fn new(document: &'a Document, patterns: &'a IgnorePatterns) -> Self {
        Ignored {
            document,
            patterns,
            decided: vec![None; document.sentences.len()],
        }
    }

    /// Whether the sentence at `at` (if any) matches a pattern, its text compared in NFC.
    fn at(&mut self, at: Option<Location>) -> bool {
        let Some(at) = at else {
            return false;
        };
        *self.decided[at.sentence].get_or_insert_with(|| {
            let sentence = &self.document.sentences[at.sentence];
            let text: String = self.document.slice(sentence.span).nfc().collect();
            self.patterns.is_match(&text)
        })
    }
}
