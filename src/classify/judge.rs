//! The policy that turns the [`Evidence`] of the fact checks into [`Finding`]s: which evidence
//! is reported, under which rule, how seriously and in which words. Every such decision of
//! stage 6 is here, so a change of policy is a change of this file.
//!
//! - A disagreement of facts is a `fact-mismatch` error; a change of strength is a
//!   `paraphrase-shift`: a warning when it makes a qualifier absolute or a suggestion a
//!   commitment, info otherwise.
//! - Evidence against the aligned sentences comes first, in the checks' order; then what the
//!   whole source never gives, unless evidence before it already points at the same words (or,
//!   for a negation, already found one); then the changes of strength.
//! - On a sentence below the support threshold, a quote's evidence is held on its own: it
//!   comes after the rest and hides nothing.

use super::evidence::{Evidence, Reason, Scope, Shift};
use crate::model::{FactKind, Finding, FindingKind, Severity};

/// The findings of one summary sentence's evidence: the fact mismatches, then the changes of
/// strength. `supported` tells whether the sentence reaches the support threshold.
pub(super) fn of_sentence(
    evidence: Vec<Evidence>,
    supported: bool,
) -> (Vec<Finding>, Vec<Finding>) {
    let stands_alone =
        |e: &Evidence| !supported && matches!(e.reason, Reason::Misquoted | Reason::QuoteAbsent);
    let (aligned, rest): (Vec<Evidence>, Vec<Evidence>) = evidence
        .into_iter()
        .partition(|e| e.scope == Scope::Aligned && !stands_alone(e));
    let (shifts, rest): (Vec<Evidence>, Vec<Evidence>) =
        rest.into_iter().partition(|e| e.scope == Scope::Strength);
    let (absent, alone): (Vec<Evidence>, Vec<Evidence>) =
        rest.into_iter().partition(|e| e.scope == Scope::Absent);
    let negation_found = aligned
        .iter()
        .any(|e| e.reason.fact() == Some(FactKind::Negation));
    let unreported = |e: &Evidence| {
        if e.reason.fact() == Some(FactKind::Negation) {
            return !negation_found;
        }
        let span = e.summary.span();
        !aligned
            .iter()
            .any(|f| f.summary.span().start < span.end && span.start < f.summary.span().end)
    };
    let absent: Vec<Evidence> = absent.into_iter().filter(unreported).collect();
    let mismatches = aligned
        .into_iter()
        .chain(absent)
        .chain(alone)
        .map(finding)
        .collect();
    (mismatches, shifts.into_iter().map(finding).collect())
}

/// The finding one piece of evidence makes.
pub(super) fn finding(evidence: Evidence) -> Finding {
    let (kind, severity) = match evidence.reason {
        Reason::Shift(shift) => (FindingKind::ParaphraseShift, shift_severity(shift)),
        _ => (FindingKind::FactMismatch, Severity::Error),
    };
    Finding {
        kind,
        fact: evidence.reason.fact(),
        severity,
        message: message(&evidence).into(),
        summary: Some(evidence.summary),
        source: evidence.source,
    }
}

/// How serious a change of strength is: overstating is a warning.
fn shift_severity(shift: Shift) -> Severity {
    match shift {
        Shift::MadeAbsolute | Shift::MadeCommitment => Severity::Warning,
        Shift::Weakened | Shift::QualifierDropped | Shift::QualifierAdded => Severity::Info,
    }
}

/// The one line a person reads.
fn message(evidence: &Evidence) -> String {
    let said = &evidence.said;
    let source_said = evidence.source_said.as_deref().unwrap_or_default();
    let slot = evidence.slot.as_deref().unwrap_or_default();
    match evidence.reason {
        Reason::PutFor(_) => {
            let resolved = evidence
                .resolved
                .as_ref()
                .map(|text| format!(" ({text})"))
                .unwrap_or_default();
            format!("the summary says “{said}”{resolved} where the source says “{source_said}”")
        }
        Reason::NumberAbsent => {
            format!("the summary says “{said}”, a number the source never gives")
        }
        Reason::YearAbsent => format!("the summary says “{said}”, a year the source never gives"),
        Reason::NameAbsent => {
            format!("the summary names “{said}”, which the source never mentions")
        }
        Reason::NegationAdded => "the summary negates what the source affirms".to_string(),
        Reason::NegationDropped => "the summary drops the source's negation".to_string(),
        Reason::FutureForDone => {
            "the summary puts in the future what the source says is done".to_string()
        }
        Reason::DoneForFuture => {
            "the summary says is done what the source puts in the future".to_string()
        }
        Reason::NegationWhereNone => {
            "the summary negates, and the source negates nothing".to_string()
        }
        Reason::NegatesAffirmed => {
            format!("the summary negates “{said}”, which the source says without negation")
        }
        Reason::Misquoted => format!(
            "the quoted words are not in the source; the closest passage is “{source_said}”"
        ),
        Reason::QuoteAbsent => "the source has none of the quoted words".to_string(),
        Reason::Title => {
            format!("the summary calls {slot} “{said}” where the source says “{source_said}”")
        }
        Reason::OtherName => {
            format!("the summary names {said} where the source's {slot} is {source_said}")
        }
        Reason::OtherSpeaker => {
            format!("attributed to {said}, but these are the words of the source's speaker")
        }
        Reason::Shift(Shift::MadeAbsolute) => {
            format!("the summary makes absolute what the source qualifies with “{source_said}”")
        }
        Reason::Shift(Shift::MadeCommitment) => {
            format!("the summary turns into a commitment what the source says with “{source_said}”")
        }
        Reason::Shift(Shift::Weakened) => {
            format!("the summary weakens the source's “{source_said}”")
        }
        Reason::Shift(Shift::QualifierDropped) => {
            format!("the summary drops the source's qualifier “{source_said}”")
        }
        Reason::Shift(Shift::QualifierAdded) => {
            format!("the summary adds the qualifier “{said}”, which the source does not have")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Location, Span};

    fn at(start: usize, end: usize) -> Location {
        Location::new(0, Span::new(start, end))
    }

    fn evidence(reason: Reason, scope: Scope, start: usize, end: usize) -> Evidence {
        Evidence::new(reason, scope, at(start, end), "x")
    }

    fn rules(findings: &[Finding]) -> Vec<String> {
        findings.iter().map(Finding::rule).collect()
    }

    #[test]
    fn what_the_source_never_says_yields_to_evidence_on_the_same_words() {
        let found = vec![
            evidence(Reason::NumberAbsent, Scope::Absent, 0, 2),
            evidence(Reason::PutFor(FactKind::Number), Scope::Aligned, 0, 5),
            evidence(Reason::NameAbsent, Scope::Absent, 6, 9),
            evidence(Reason::Shift(Shift::Weakened), Scope::Strength, 0, 9),
        ];
        let (mismatches, shifts) = of_sentence(found, true);
        assert_eq!(
            rules(&mismatches),
            ["fact-mismatch/number", "fact-mismatch/new-name"]
        );
        assert_eq!(mismatches[1].summary, Some(at(6, 9)));
        assert_eq!(rules(&shifts), ["paraphrase-shift"]);
        assert_eq!(shifts[0].severity, Severity::Info);
    }

    #[test]
    fn a_negation_found_in_the_aligned_sentence_is_not_looked_for_again() {
        let found = vec![
            evidence(Reason::NegationAdded, Scope::Aligned, 0, 2),
            evidence(Reason::NegatesAffirmed, Scope::Absent, 10, 14),
        ];
        let (mismatches, _) = of_sentence(found, true);
        assert_eq!(mismatches.len(), 1);
        assert_eq!(mismatches[0].summary, Some(at(0, 2)));
    }

    #[test]
    fn on_an_unsupported_sentence_a_quote_comes_last_and_hides_nothing() {
        let found = vec![
            evidence(Reason::Misquoted, Scope::Aligned, 0, 9),
            evidence(Reason::NumberAbsent, Scope::Absent, 2, 3),
        ];
        let (unsupported, _) = of_sentence(found.clone(), false);
        assert_eq!(
            rules(&unsupported),
            ["fact-mismatch/number", "fact-mismatch/quote"]
        );
        let (supported, _) = of_sentence(found, true);
        assert_eq!(rules(&supported), ["fact-mismatch/quote"]);
    }
}
