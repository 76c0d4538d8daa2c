//! The policy that turns the [`Evidence`] of the fact checks into [`Finding`]s: which evidence
//! is reported, under which rule, how seriously and in which words. Every such decision of
//! stage 6 is here, so a change of policy is a change of this file.
//!
//! - A disagreement of facts is a `fact-mismatch` error, and only evidence that the source
//!   gives another value for the same thing is one: against the aligned sentences, or
//!   elsewhere in the source when the place it points at is among them.
//! - A detail the source never gives (a number, a year, a name, a negation, a value the
//!   source gives only in passages the sentence is not aligned with) is no disagreement: the
//!   sentence's details of that kind are listed on its one `unsupported` finding, unless
//!   evidence on the same words (or, for a negation, any negation) was already found.
//! - A sentence below the support threshold is aligned only with source sentences that hold
//!   at least [`Config::aligned_threshold`] of it: further away, a value that differs from
//!   theirs is a detail the source lacks, not a disagreement.
//! - An `unsupported` finding is a warning: reports add background. It is an error when it
//!   lists quoted words the source lacks (quotation marks say someone said them), when the
//!   sentence credits the source's speaker with what the source lacks (a whole claim, a
//!   figure, a year or a negation; not a name, often the report's own frame of where and
//!   which outlet), and under [`Config::grounded`] whenever it lists a detail, where the
//!   summary must say nothing its source does not.
//! - A change of strength is a `paraphrase-shift`: a warning when it makes a qualifier
//!   absolute or a suggestion a commitment, info otherwise.
//! - On a sentence below the support threshold, a quote's evidence is held on its own: it
//!   comes after the rest and hides nothing.

use super::SharedTexts;
use super::evidence::{Evidence, QuoteChange, Reason, Scope, Shift};
use super::speaker::Credit;
use crate::config::Config;
use crate::model::{AddedDetail, FactKind, Finding, FindingKind, Location, Severity};

/// What one summary sentence's evidence comes to.
pub(super) struct SentenceFindings {
    /// The facts that disagree with the source, as findings.
    pub mismatches: Vec<Finding>,
    /// The details the source never gives, for the sentence's `unsupported` finding, in
    /// summary order.
    pub added: Vec<Evidence>,
    /// The changes of strength, as findings.
    pub shifts: Vec<Finding>,
}

/// Sorts one summary sentence's evidence. `supported` tells whether the sentence reaches the
/// support threshold; `linked` are the source sentences it is aligned with (none when it is
/// below [`Config::aligned_threshold`]).
pub(super) fn of_sentence(
    evidence: Vec<Evidence>,
    supported: bool,
    linked: &[usize],
) -> SentenceFindings {
    let stands_alone = |e: &Evidence| !supported && matches!(e.reason, Reason::Misquoted(_));
    // Below the support threshold and far from every source sentence, nothing is aligned.
    let unaligned = !supported && linked.is_empty();
    let evidence = evidence.into_iter().map(|mut e| {
        if unaligned && e.scope == Scope::Aligned && !stands_alone(&e) {
            e.scope = Scope::Absent;
        }
        e
    });
    let (aligned, rest): (Vec<Evidence>, Vec<Evidence>) =
        evidence.partition(|e| e.scope == Scope::Aligned && !stands_alone(e));
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
    let (contradicting, mut added): (Vec<Evidence>, Vec<Evidence>) = absent
        .into_iter()
        .filter(unreported)
        .partition(|e| contradicts_linked(e, linked));
    // The same words found as the same kind of detail by two checks (a count put for another,
    // and a number the source never gives) are one detail.
    let detail = |e: &Evidence| (e.summary.span(), e.reason.fact());
    added.sort_by_key(detail);
    added.dedup_by_key(|e| detail(e));
    let mismatches = aligned
        .into_iter()
        .chain(contradicting)
        .chain(alone)
        .map(finding)
        .collect();
    SentenceFindings {
        mismatches,
        added,
        shifts: shifts.into_iter().map(finding).collect(),
    }
}

/// True when evidence found against the whole source points at another value in one of the
/// sentence's linked source sentences: a value for the same thing where the sentence is
/// aligned, so a disagreement rather than a detail the source lacks.
fn contradicts_linked(evidence: &Evidence, linked: &[usize]) -> bool {
    matches!(evidence.reason, Reason::PutFor(_) | Reason::NegatesAffirmed)
        && evidence
            .source
            .is_some_and(|place| linked.contains(&place.sentence()))
}

/// A summary sentence as the `unsupported` finding needs it.
pub(super) struct Unsupported {
    /// The whole sentence.
    pub at: Location,
    /// How much of it its best link accounts for; `None` when no source sentence shares a
    /// word with it.
    pub best_match: Option<f64>,
    /// The first sentence of the link, whole.
    pub nearest: Option<Location>,
    /// Whether the link reaches the support threshold.
    pub supported: bool,
    /// Whom the sentence credits with what it says: the source's speaker, or someone the
    /// source never names or hears (`the official said`), whose quoted words are from
    /// elsewhere.
    pub credit: Credit,
}

/// The sentence's one `unsupported` finding: when it is below the support threshold, or when
/// it adds details the source never gives (listed in the message and in
/// [`Finding::added`]); `None` for a supported sentence that adds none.
pub(super) fn unsupported(
    sentence: &Unsupported,
    added: Vec<Evidence>,
    config: &Config,
    messages: &mut SharedTexts,
) -> Option<Finding> {
    if sentence.supported && added.is_empty() {
        return None;
    }
    let support = match sentence.best_match {
        _ if sentence.supported => "partly supported by the source".to_string(),
        Some(score) => format!(
            "not supported by the source (best match accounts for {:.0}% of it)",
            score * 100.0
        ),
        None => "not supported by the source (no sentence shares its words)".to_string(),
    };
    let details: Vec<String> = added.iter().map(describe).collect();
    let credited = matches!(sentence.credit, Credit::Speaker(_));
    let message = match (details.is_empty(), credited) {
        (true, false) => messages.share(&support),
        (true, true) => messages.share(&format!("{support}, yet credited to its speaker")),
        (false, credited) => format!(
            "{support}{}: it never gives {}",
            if credited {
                ", yet credited to its speaker"
            } else {
                ""
            },
            details.join(", ")
        )
        .into(),
    };
    // Quoted words the source lacks; or credited to the speaker, the whole claim invented, or a
    // figure or a negation of it. A name is often the report's own frame (where, which outlet).
    let adds = |facts: &[FactKind]| {
        (added.iter()).any(|e| e.reason.fact().is_some_and(|f| facts.contains(&f)))
    };
    // Against an excerpt, the rest of the occasion may hold it.
    let invented = !config.excerpt
        && (adds(&[FactKind::Quote]) && sentence.credit != Credit::Elsewhere
            || credited
                && (!sentence.supported
                    || adds(&[FactKind::Number, FactKind::Date, FactKind::Negation])));
    let severity = if invented || (config.grounded && !added.is_empty()) {
        Severity::Error
    } else {
        Severity::Warning
    };
    Some(Finding {
        kind: FindingKind::Unsupported,
        fact: None,
        severity,
        message,
        summary: Some(sentence.at),
        source: sentence.nearest,
        added: added
            .iter()
            .filter_map(|e| {
                Some(AddedDetail {
                    fact: e.reason.fact()?,
                    span: e.summary.span(),
                })
            })
            .collect(),
        confidence: Finding::UNRATED,
    })
}

/// A detail the source never gives, as the `unsupported` message lists it.
fn describe(evidence: &Evidence) -> String {
    let said = &evidence.said;
    match evidence.reason {
        Reason::NumberAbsent | Reason::PutFor(FactKind::Number) => format!("the number “{said}”"),
        Reason::YearAbsent => format!("the year “{said}”"),
        Reason::NameAbsent => format!("the name “{said}”"),
        Reason::NegationWhereNone => format!("a negation (“{said}”)"),
        Reason::NegatesAffirmed => format!("“{said}” negated"),
        Reason::QuoteAbsent => format!("the quoted words “{said}”"),
        _ => format!("“{said}”"),
    }
}

/// The finding one piece of evidence makes.
pub(super) fn finding(evidence: Evidence) -> Finding {
    let (kind, severity) = match evidence.reason {
        Reason::Shift(shift) => (FindingKind::ParaphraseShift, shift_severity(shift)),
        // Words left out or passages joined without an ellipsis, and function words changed,
        // keep the speaker's meaning.
        Reason::Misquoted(
            QuoteChange::Dropped
            | QuoteChange::Joined
            | QuoteChange::FunctionWordChanged
            | QuoteChange::FunctionWordAdded,
        ) => (FindingKind::FactMismatch, Severity::Warning),
        _ => (FindingKind::FactMismatch, Severity::Error),
    };
    Finding {
        kind,
        fact: evidence.reason.fact(),
        severity,
        message: message(&evidence).into(),
        summary: Some(evidence.summary),
        source: evidence.source,
        added: Box::default(),
        confidence: Finding::UNRATED,
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
        // Details the source lacks are listed on the `unsupported` finding, never a finding of
        // their own; should one be, it reads as the list does.
        Reason::NumberAbsent | Reason::YearAbsent | Reason::NameAbsent | Reason::QuoteAbsent => {
            describe(evidence)
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
        Reason::Misquoted(QuoteChange::Changed | QuoteChange::FunctionWordChanged) => {
            format!("the quote has “{said}” where the source says “{source_said}”")
        }
        Reason::Misquoted(QuoteChange::Added | QuoteChange::FunctionWordAdded) => {
            format!("the quote adds “{said}”, which the source does not say there")
        }
        Reason::Misquoted(QuoteChange::Dropped) => {
            format!("the quote leaves out “{source_said}” without an ellipsis")
        }
        Reason::Misquoted(QuoteChange::NegationDropped) => {
            format!("the quote leaves out the source's negation “{source_said}”")
        }
        Reason::Misquoted(QuoteChange::Reordered) => {
            format!("the quote changes the order of the source's words “{source_said}”")
        }
        Reason::Misquoted(QuoteChange::Joined) => {
            "the quote joins two passages of the source without an ellipsis".to_string()
        }
        Reason::Title => {
            format!("the summary calls {slot} “{said}” where the source says “{source_said}”")
        }
        Reason::OtherName => {
            format!("the summary names {said} where the source's {slot} is {source_said}")
        }
        Reason::OtherSpeaker if source_said.is_empty() => {
            format!("attributed to {said}, but these are the words of the source's speaker")
        }
        Reason::OtherSpeaker => {
            format!("attributed to {said}, but in the source these are the words of {source_said}")
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

    fn reasons(evidence: &[Evidence]) -> Vec<Reason> {
        evidence.iter().map(|e| e.reason).collect()
    }

    #[test]
    fn what_the_source_never_says_is_added_unless_evidence_on_the_same_words_disagrees() {
        let found = vec![
            evidence(Reason::NumberAbsent, Scope::Absent, 0, 2),
            evidence(Reason::PutFor(FactKind::Number), Scope::Aligned, 0, 5),
            evidence(Reason::NameAbsent, Scope::Absent, 6, 9),
            evidence(Reason::Shift(Shift::Weakened), Scope::Strength, 0, 9),
        ];
        let judged = of_sentence(found, true, &[0]);
        assert_eq!(rules(&judged.mismatches), ["fact-mismatch/number"]);
        assert_eq!(reasons(&judged.added), [Reason::NameAbsent]);
        assert_eq!(judged.added[0].summary, at(6, 9));
        assert_eq!(rules(&judged.shifts), ["paraphrase-shift"]);
        assert_eq!(judged.shifts[0].severity, Severity::Info);
    }

    #[test]
    fn another_value_elsewhere_in_the_source_disagrees_only_where_the_sentence_is_aligned() {
        let elsewhere = |sentence| {
            evidence(Reason::PutFor(FactKind::Term), Scope::Absent, 0, 2)
                .where_source_says(Location::new(sentence, Span::new(0, 3)), "blue")
        };
        let judged = of_sentence(vec![elsewhere(4)], true, &[4, 5]);
        assert_eq!(rules(&judged.mismatches), ["fact-mismatch/term"]);
        assert!(judged.added.is_empty());
        let judged = of_sentence(vec![elsewhere(9)], true, &[4, 5]);
        assert!(judged.mismatches.is_empty());
        assert_eq!(reasons(&judged.added), [Reason::PutFor(FactKind::Term)]);
    }

    #[test]
    fn a_negation_found_in_the_aligned_sentence_is_not_looked_for_again() {
        let found = vec![
            evidence(Reason::NegationAdded, Scope::Aligned, 0, 2),
            evidence(Reason::NegatesAffirmed, Scope::Absent, 10, 14),
        ];
        let judged = of_sentence(found, true, &[]);
        assert_eq!(judged.mismatches.len(), 1);
        assert_eq!(judged.mismatches[0].summary, Some(at(0, 2)));
        assert!(judged.added.is_empty());
    }

    #[test]
    fn on_an_unsupported_sentence_a_quote_is_held_on_its_own() {
        let found = vec![
            evidence(
                Reason::Misquoted(QuoteChange::Changed),
                Scope::Aligned,
                0,
                9,
            ),
            evidence(Reason::NumberAbsent, Scope::Absent, 2, 3),
        ];
        let judged = of_sentence(found.clone(), false, &[]);
        assert_eq!(rules(&judged.mismatches), ["fact-mismatch/quote"]);
        assert_eq!(reasons(&judged.added), [Reason::NumberAbsent]);
        let judged = of_sentence(found, true, &[]);
        assert_eq!(rules(&judged.mismatches), ["fact-mismatch/quote"]);
        assert!(judged.added.is_empty());
    }

    fn sentence(supported: bool, credited: bool) -> Unsupported {
        Unsupported {
            at: at(0, 20),
            best_match: None,
            nearest: None,
            supported,
            credit: if credited {
                Credit::Speaker(None)
            } else {
                Credit::Unstated
            },
        }
    }

    /// The severity of the sentence's `unsupported` finding, if it has one.
    fn severity(
        sentence: &Unsupported,
        added: Vec<Evidence>,
        config: &Config,
        messages: &mut SharedTexts,
    ) -> Option<Severity> {
        unsupported(sentence, added, config, messages).map(|f| f.severity)
    }

    #[test]
    fn against_an_excerpt_what_the_speaker_is_credited_with_and_quotes_are_warnings() {
        let mut messages = SharedTexts::default();
        let excerpt = Config {
            excerpt: true,
            ..Config::default()
        };
        let quote = || vec![evidence(Reason::QuoteAbsent, Scope::Absent, 2, 9)];
        let figure = || vec![evidence(Reason::NumberAbsent, Scope::Absent, 2, 3)];
        let (plain, credited) = (sentence(true, false), sentence(true, true));
        let default = Config::default();
        assert_eq!(
            severity(&plain, quote(), &default, &mut messages),
            Some(Severity::Error)
        );
        assert_eq!(
            severity(&plain, quote(), &excerpt, &mut messages),
            Some(Severity::Warning)
        );
        assert_eq!(
            severity(&credited, figure(), &excerpt, &mut messages),
            Some(Severity::Warning)
        );
        assert_eq!(
            severity(&sentence(false, true), Vec::new(), &excerpt, &mut messages),
            Some(Severity::Warning)
        );
        // Quoted words from someone the source never names or hears (`the official said`)
        // are from elsewhere: a warning, as other background is.
        let elsewhere = Unsupported {
            credit: Credit::Elsewhere,
            ..sentence(true, false)
        };
        assert_eq!(
            severity(&elsewhere, quote(), &Config::default(), &mut messages),
            Some(Severity::Warning)
        );
        // Grounded still makes every detail an error.
        let both = Config {
            grounded: true,
            ..excerpt.clone()
        };
        assert_eq!(
            severity(&plain, quote(), &both, &mut messages),
            Some(Severity::Error)
        );
    }

    #[test]
    fn an_added_detail_is_a_warning_unless_credited_to_the_speaker_or_grounded() {
        let added = || vec![evidence(Reason::NumberAbsent, Scope::Absent, 2, 3)];
        let mut messages = SharedTexts::default();
        let default = Config::default();
        let grounded = Config {
            grounded: true,
            ..Config::default()
        };
        let plain = sentence(true, false);
        let credited = sentence(true, true);
        assert_eq!(
            severity(&plain, added(), &default, &mut messages),
            Some(Severity::Warning)
        );
        assert_eq!(
            severity(&credited, added(), &default, &mut messages),
            Some(Severity::Error)
        );
        assert_eq!(
            severity(&plain, added(), &grounded, &mut messages),
            Some(Severity::Error)
        );
        assert_eq!(severity(&plain, Vec::new(), &grounded, &mut messages), None);
        // A whole sentence the source does not support, listing no detail, stays a warning
        // even when grounded (word overlap cannot tell a paraphrase it misses from an
        // invention), but not when credited to the speaker.
        let unsupported_plain = sentence(false, false);
        assert_eq!(
            severity(&unsupported_plain, Vec::new(), &grounded, &mut messages),
            Some(Severity::Warning)
        );
        assert_eq!(
            severity(&sentence(false, true), Vec::new(), &default, &mut messages),
            Some(Severity::Error)
        );
        let name = vec![evidence(Reason::NameAbsent, Scope::Absent, 2, 3)];
        assert_eq!(
            severity(&credited, name, &default, &mut messages),
            Some(Severity::Warning)
        );
        let finding = unsupported(&plain, added(), &default, &mut messages).unwrap();
        assert_eq!(finding.rule(), "unsupported");
        assert_eq!(finding.added.len(), 1);
        assert_eq!(finding.added[0].fact, FactKind::Number);
        assert_eq!(
            &*finding.message,
            "partly supported by the source: it never gives the number “x”"
        );
    }
}
