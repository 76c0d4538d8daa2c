//! **Shifts**: a paraphrase that changes how strongly something was said
//! (`paraphrase-shift`).
//!
//! Catches, against the aligned source sentences, a qualifier made absolute (`một số` →
//! `tất cả`, `most` → `all`), a suggestion made a commitment (`đề nghị` → `yêu cầu`,
//! `consider` → `commit`), a commitment weakened, a qualifier dropped, and a qualifier the
//! source does not have.
//!
//! Leaves alone: markers whose words cannot be placed on the other side, and a qualifier
//! already reported as made absolute (it is not also reported as dropped).

use std::ops::Range;

use super::markers::unmatched;
use super::{Checked, FactCheck, Rule, place, span_of};
use crate::classify::evidence::{Evidence, Reason, Scope, Shift};
use crate::model::{Document, FindingKind, MarkerKind};

/// Strength is compared with the aligned sentences only: nothing to index.
pub(super) struct AlignedMarkers;

impl FactCheck<'_> for AlignedMarkers {
    const RULES: &'static [Rule] = &[Rule {
        kind: FindingKind::ParaphraseShift,
        fact: None,
        description: "A paraphrase shifts how strongly something was said.",
        explanation: "A qualifier made absolute (“một số” → “tất cả”, “most” → “all”) or a proposal made a \
                      commitment (“đề nghị” → “yêu cầu”, “consider” → “commit”) is a warning; a \
                      qualifier dropped (“khá rõ nét” → “rõ nét”) or added, and a commitment \
                      weakened, are info. Never an error.",
    }];

    fn index(_summary: &Document, _source: &Document) -> Self {
        AlignedMarkers
    }

    fn check(&self, sentence: &Checked<'_>) -> Vec<Evidence> {
        let (summary, source, index) = (sentence.summary, sentence.source, sentence.index);
        let linked = sentence.linked();
        let here = [index];
        let mut evidence = Vec::new();
        let mut flagged: Vec<Range<usize>> = Vec::new();
        use MarkerKind::{Absolute, Hedge, StrongModal, WeakModal};
        let from_source = [
            (Hedge, Some(Absolute), Shift::MadeAbsolute),
            (WeakModal, Some(StrongModal), Shift::MadeCommitment),
            (StrongModal, Some(WeakModal), Shift::Weakened),
            (Hedge, None, Shift::QualifierDropped),
        ];
        for (kind, conflicting, shift) in from_source {
            for (marked, _, window) in unmatched(source, linked, summary, &here, kind, conflicting)
            {
                if flagged.contains(&marked.tokens) {
                    continue;
                }
                let at = place(summary, index, &window);
                let word = source.slice(span_of(source, &marked.tokens));
                evidence.push(
                    Evidence::new(
                        Reason::Shift(shift),
                        Scope::Strength,
                        at,
                        summary.slice(at.span()),
                    )
                    .where_source_says(place(source, marked.sentence, &marked.tokens), word),
                );
                flagged.push(marked.tokens);
            }
        }
        for (marked, other, window) in
            unmatched(summary, &here, source, linked, MarkerKind::Hedge, None)
        {
            let word = summary.slice(span_of(summary, &marked.tokens));
            let there = place(source, other, &window);
            evidence.push(
                Evidence::new(
                    Reason::Shift(Shift::QualifierAdded),
                    Scope::Strength,
                    place(summary, index, &marked.tokens),
                    word,
                )
                .where_source_says(there, source.slice(there.span())),
            );
        }
        evidence
    }
}
