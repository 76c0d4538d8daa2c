//! Stage 7, **policy**: a project's own rules over the findings, from its `crosscheck.toml`:
//! the severity it gives a rule, `off` to drop it ([`Config::rule_severities`]), and the
//! sentences it does not want checked ([`Config::ignore`]). Labels are left as they are.

use unicode_normalization::UnicodeNormalization;

use crate::config::Config;
use crate::model::{Document, Finding, Location, serde_name};

/// Applies the severities and ignored patterns of `config` to `findings`, keeping their order.
pub fn apply(findings: &mut Vec<Finding>, summary: &Document, source: &Document, config: &Config) {
    if config.rule_severities.is_empty() && config.ignore.is_none() {
        return;
    }
    let ignored = |document: &Document, at: Option<Location>| {
        at.is_some_and(|at| {
            let text: String = document
                .slice(document.sentences[at.sentence].span)
                .nfc()
                .collect();
            config
                .ignore
                .as_ref()
                .is_some_and(|patterns| patterns.is_match(&text))
        })
    };
    findings.retain_mut(|finding| {
        if ignored(summary, finding.summary) || ignored(source, finding.source) {
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
