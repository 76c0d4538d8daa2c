//! What a fact check finds: [`Evidence`], facts of a summary sentence set against the source.
//! Checks return evidence; the policy in `classify::judge` decides which evidence becomes a
//! finding, with what severity and in which words.

use crate::model::{FactKind, Location};

/// One fact of a summary sentence set against the source.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Evidence {
    /// What the summary's words are, set against the source.
    pub reason: Reason,
    /// Where the summary says it: the sentence and the exact words.
    pub summary: Location,
    /// The summary's value as the message shows it (`15 tỉnh thành`, `lower`).
    pub said: String,
    /// What the value is of, where the check knows: the counted noun or unit, the ordered noun,
    /// the person a title or name belongs to.
    pub slot: Option<String>,
    /// Where the source says otherwise, or the nearest place when it says nothing of the kind;
    /// `None` when no place in the source is the one.
    pub source: Option<Location>,
    /// The source's value as the message shows it, when it has one.
    pub source_said: Option<String>,
    /// What a relative value means once resolved (`hôm qua` → `25 October 2025`).
    pub resolved: Option<String>,
    /// Against what the evidence holds.
    pub scope: Scope,
}

/// Whether evidence was found against the sentences a summary sentence is aligned with, or
/// against the whole source (what the source never says).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Scope {
    /// Against the aligned source sentences (or the quote's place in the source).
    Aligned,
    /// Against the whole source: it never gives the value.
    Absent,
    /// A change in how strongly something is said, not a disagreement of facts.
    Strength,
}

/// What the summary does with a fact, as each check tells it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Reason {
    /// A value put for the source's value of the same slot (a count, an ordinal, a term, an
    /// opposite, a date).
    PutFor(FactKind),
    /// A number the source never gives.
    NumberAbsent,
    /// A year the source never gives.
    YearAbsent,
    /// A name the source never mentions.
    NameAbsent,
    /// A negation where the aligned source affirms.
    NegationAdded,
    /// The aligned source negates; the summary does not.
    NegationDropped,
    /// The future put for what the source says is done.
    FutureForDone,
    /// What is done put for what the source puts in the future.
    DoneForFuture,
    /// A negation where the source negates nothing.
    NegationWhereNone,
    /// A word negated that the source only ever affirms.
    NegatesAffirmed,
    /// Quoted words that depart from the passage they quote beyond what clean verbatim
    /// allows.
    Misquoted(QuoteChange),
    /// Quoted words the source lacks: no passage has half of them in place.
    QuoteAbsent,
    /// A title that conflicts with the one the source gives the same person.
    Title,
    /// The speaker's words under another name with the speaker's title.
    OtherName,
    /// The speaker's words put in another person's mouth.
    OtherSpeaker,
    /// A change of strength (`Strength` scope).
    Shift(Shift),
}

/// How a quotation departs from the passage it quotes, beyond what clean verbatim allows
/// (fillers, false starts, contractions, `[insertions]` and marked cuts are allowed).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum QuoteChange {
    /// Words put for the source's.
    Changed,
    /// Words the source does not say there.
    Added,
    /// Function words put for the source's (`that` for `which`): the speaker's meaning kept.
    FunctionWordChanged,
    /// A function word the source does not say there (an `are` the transcript lacks).
    FunctionWordAdded,
    /// Words of one sentence left out without an ellipsis.
    Dropped,
    /// A negation left out, marked or not.
    NegationDropped,
    /// The source's words in another order.
    Reordered,
    /// Two passages of the source joined as one without an ellipsis.
    Joined,
}

/// How a paraphrase changes the strength of what was said.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Shift {
    /// A qualifier made absolute.
    MadeAbsolute,
    /// A weak modal made a commitment.
    MadeCommitment,
    /// A commitment weakened.
    Weakened,
    /// The source's qualifier dropped.
    QualifierDropped,
    /// A qualifier the source does not have.
    QualifierAdded,
}

impl Reason {
    /// Which fact disagrees; `None` for a change of strength.
    pub(crate) fn fact(self) -> Option<FactKind> {
        match self {
            Reason::PutFor(fact) => Some(fact),
            Reason::YearAbsent => Some(FactKind::Date),
            Reason::NumberAbsent => Some(FactKind::Number),
            Reason::NameAbsent => Some(FactKind::NewName),
            Reason::NegationAdded
            | Reason::NegationDropped
            | Reason::FutureForDone
            | Reason::DoneForFuture
            | Reason::NegationWhereNone
            | Reason::NegatesAffirmed => Some(FactKind::Negation),
            Reason::Misquoted(_) | Reason::QuoteAbsent => Some(FactKind::Quote),
            Reason::Title => Some(FactKind::Title),
            Reason::OtherName => Some(FactKind::Name),
            Reason::OtherSpeaker => Some(FactKind::Speaker),
            Reason::Shift(..) => None,
        }
    }
}

impl Evidence {
    /// Evidence of `reason` in `scope`, where the summary says `said` at `summary`; no place in
    /// the source yet.
    pub(crate) fn new(
        reason: Reason,
        scope: Scope,
        summary: Location,
        said: impl Into<String>,
    ) -> Self {
        Evidence {
            reason,
            summary,
            said: said.into(),
            slot: None,
            source: None,
            source_said: None,
            resolved: None,
            scope,
        }
    }

    /// Points the evidence at a place of the source, or at none.
    pub(crate) fn pointing_at(mut self, source: Option<Location>) -> Self {
        self.source = source;
        self
    }

    /// The source says `said` at `source`.
    pub(crate) fn where_source_says(mut self, source: Location, said: impl Into<String>) -> Self {
        self.source = Some(source);
        self.source_said = Some(said.into());
        self
    }

    /// What the value is of.
    pub(crate) fn in_slot(mut self, slot: impl Into<String>) -> Self {
        self.slot = Some(slot.into());
        self
    }
}
