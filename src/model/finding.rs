//! Labels, severities and findings: what the checker says about the sentences of both
//! documents, and the rules a finding falls under.

use std::fmt;
use std::sync::Arc;

use serde::Serialize;

use super::{Span, narrow};

/// Indices of sentences of one document, ascending: two are held without an allocation, as
/// most sentences are aligned with one or two.
pub type SentenceList = smallvec::SmallVec<[usize; 2]>;

/// The label of a summary sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SummaryLabel {
    /// The sentence's words appear as they are in the source, or it is mostly a quotation that
    /// holds the speaker's words as clean verbatim allows.
    Verbatim,
    /// The sentence says what the source says, in other words.
    Paraphrase,
    /// The sentence paraphrases the source but a fact disagrees.
    Mismatch,
    /// Nothing in the source supports the sentence.
    Unsupported,
    /// The sentence reports what another person said.
    OtherSpeaker,
    /// Caption, byline, dateline or header.
    Editorial,
}

/// The label of a source sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceLabel {
    /// The summary conveys most of the sentence.
    Covered,
    /// The summary conveys part of the sentence.
    Partial,
    /// The summary does not convey the sentence.
    Omitted,
    /// Caption, introduction or other matter that is not part of the speech.
    Editorial,
}

/// How serious a finding is; also the display floor of `--show` and `show` in
/// `crosscheck.toml` ([`crate::Config::show`]).
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    serde::Deserialize,
    clap::ValueEnum,
)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// Worth knowing; never fails a run by default.
    Info,
    /// Worth a look by an editor.
    Warning,
    /// The summary misstates the source.
    Error,
}

/// What a finding is about.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum FindingKind {
    /// A fact in the summary disagrees with the aligned source sentence.
    FactMismatch,
    /// Nothing in the source supports a summary sentence.
    Unsupported,
    /// A source sentence that the summary leaves out.
    Omission,
    /// A paraphrase that shifts the strength of what was said.
    ParaphraseShift,
    /// A summary sentence reports what another person said.
    OtherSpeaker,
}

/// Which kind of fact disagrees, on a [`FindingKind::FactMismatch`].
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum FactKind {
    /// A count or amount.
    Number,
    /// A date that cannot be the source's.
    Date,
    /// A negation added or dropped, a word put for its opposite, or the future put for what
    /// was done.
    Negation,
    /// Words in quotation marks that are not what the source says.
    Quote,
    /// A person given a title that conflicts with the source's.
    Title,
    /// The source speaker's words under another name with the speaker's title.
    Name,
    /// The source speaker's words put in another person's mouth.
    Speaker,
    /// A name the source never mentions.
    NewName,
    /// A word put for another of its kind that the source uses (a colour, a unit of time).
    Term,
}

/// The id of a rule: the finding kind, or `kind/fact` for a fact mismatch
/// (`fact-mismatch/number`).
pub fn rule_id(kind: FindingKind, fact: Option<FactKind>) -> String {
    match fact {
        Some(fact) => format!("{}/{}", serde_name(&kind), serde_name(&fact)),
        None => serde_name(&kind),
    }
}

/// The finding kind and fact a rule id names (`fact-mismatch/number`, `omission`), or why it
/// names none: every finding kind and fact kind is known by its serde name, so no list of
/// rules is kept here.
pub fn parse_rule_id(id: &str) -> Result<(FindingKind, Option<FactKind>), String> {
    fn named<T: serde::de::DeserializeOwned>(name: &str) -> Result<T, String> {
        serde_json::from_value(serde_json::Value::String(name.to_string()))
            .map_err(|e| e.to_string())
    }
    let (kind, fact) = match id.split_once('/') {
        Some((kind, fact)) => (named(kind)?, Some(named(fact)?)),
        None => (named(id)?, None),
    };
    if fact.is_some() && kind != FindingKind::FactMismatch {
        return Err(format!(
            "only `{}` has facts",
            serde_name(&FindingKind::FactMismatch)
        ));
    }
    Ok((kind, fact))
}

/// The name of a label, kind or severity as it appears in every format (its serde name).
pub(crate) fn serde_name<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(name)) => name,
        _ => String::new(),
    }
}

/// A place in one document: the sentence and the exact bytes a finding is about. In 32-bit
/// offsets (a place lies within a sentence, and sentences end within 4 GiB): 12 bytes, and a
/// finding with both of its places 56, where it took 88.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Location {
    sentence: u32,
    start: u32,
    end: u32,
}

impl Location {
    /// Sentence `sentence` of its document, at `span`.
    pub fn new(sentence: usize, span: Span) -> Location {
        let span = narrow(span.range());
        Location {
            sentence: u32::try_from(sentence).expect("fewer than 2^32 sentences"),
            start: span.start,
            end: span.end,
        }
    }

    /// Index of the sentence in its document.
    pub fn sentence(&self) -> usize {
        self.sentence as usize
    }

    /// The bytes the finding is about (a fact, or the whole sentence).
    pub fn span(&self) -> Span {
        Span::from(&(self.start..self.end))
    }
}

impl fmt::Debug for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Location")
            .field("sentence", &self.sentence())
            .field("span", &self.span())
            .finish()
    }
}

/// A detail of a summary sentence that the source never gives (a number, a year, a name, a
/// negation): what kind of fact it is and where the summary says it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AddedDetail {
    /// The kind of fact.
    pub fact: FactKind,
    /// The summary's words.
    pub span: Span,
}

/// One thing the checker found.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    /// What the finding is about.
    pub kind: FindingKind,
    /// Which fact disagrees, for fact mismatches.
    pub fact: Option<FactKind>,
    /// How serious it is.
    pub severity: Severity,
    /// One line for a person; findings of the same wording share one text.
    pub message: Arc<str>,
    /// Where it is in the summary (absent for omissions).
    pub summary: Option<Location>,
    /// Where it is in the source (absent when nothing in the source matches).
    pub source: Option<Location>,
    /// On an `unsupported` finding, the details of the sentence the source never gives, in
    /// summary order; empty on every other finding.
    pub added: Box<[AddedDetail]>,
    /// The estimated probability, in 0..=1, that the finding is right, learned from public
    /// benchmarks ([`crate::confidence`]); [`Finding::UNRATED`] until it is rated.
    pub confidence: f64,
}

impl Finding {
    /// The confidence of a finding not yet rated: certain.
    pub const UNRATED: f64 = 1.0;

    /// The rule the finding falls under ([`rule_id`]).
    pub fn rule(&self) -> String {
        rule_id(self.kind, self.fact)
    }
}

/// The verdict on one sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct Judgement<L> {
    /// The sentence's label.
    pub label: L,
    /// Indices of the sentences in the other document it is aligned with, ascending.
    pub aligned_to: SentenceList,
    /// Alignment score in 0..=1 (how much of the sentence the aligned sentences account for).
    pub score: f64,
    /// The estimated probability that the label is right ([`crate::confidence`]): for a
    /// summary sentence that makes a claim, and an omitted source sentence; `None` for the
    /// others.
    pub confidence: Option<f32>,
    /// What only omitted source sentences and other speakers' statements carry: held apart,
    /// so that a judgement without it takes 48 bytes, not 88.
    pub detail: Option<Box<Detail>>,
}

/// What a [`Judgement`] says beside its label, for the few sentences that need it.
#[derive(Clone, Debug, PartialEq)]
pub enum Detail {
    /// An omitted source sentence.
    Omitted {
        /// How much the omission loses, in 0..=1.
        salience: f64,
        /// The facts the summary loses with it (counts, names, quotes, an enumerated point),
        /// described for people.
        lost: Box<[String]>,
    },
    /// A statement attributed to someone other than the source's speaker: who.
    Speaker(Box<str>),
}

impl<L> Judgement<L> {
    /// For omitted source sentences: how much the omission loses, in 0..=1.
    pub fn salience(&self) -> Option<f64> {
        match self.detail.as_deref()? {
            Detail::Omitted { salience, .. } => Some(*salience),
            Detail::Speaker(_) => None,
        }
    }

    /// For omitted source sentences: the facts the summary loses with them.
    pub fn lost(&self) -> &[String] {
        match self.detail.as_deref() {
            Some(Detail::Omitted { lost, .. }) => lost,
            _ => &[],
        }
    }

    /// For other speakers' statements: the person the statement is attributed to.
    pub fn speaker(&self) -> Option<&str> {
        match self.detail.as_deref()? {
            Detail::Speaker(name) => Some(name),
            Detail::Omitted { .. } => None,
        }
    }
}
