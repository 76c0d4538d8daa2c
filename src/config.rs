//! The validated configuration of a check. The CLI turns its flags into a [`Config`] before
//! anything runs; library users build one with [`Config::default`] and change fields.

use crate::model::Severity;

/// What the source is, which decides the checks that make sense against it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum SourceKind {
    /// The transcript of one speaker: statements attributed to others are `other-speaker`,
    /// the speaker's words under another name are mismatches, quotes must be in it, and lines
    /// about the speaker (introduction, captions) are editorial.
    #[default]
    Transcript,
    /// Another report of the same events (an article, a press release): it has no single
    /// speaker and its own quotes may be worded differently, so attribution and quotes are
    /// not checked against it.
    Report,
}

/// Every threshold and limit of a check.
///
/// Defaults: `fail_on` [`Severity::Error`], `support_threshold` 0.5,
/// `speaker_threshold` 0.75, `merge_gain` 0.15,
/// `max_merged_sources` 3, `merge_candidates` 20, `covered_threshold` 0.5,
/// `verbatim_min_words` 4, `omission_warning_salience` 0.5, `source_kind` transcript, no `speaker`,
/// `sentence_per_paragraph` off, no `date`, no `time_limit`, `max_bytes` 64 MiB.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// Findings at or above this severity make the run fail (exit code 1); `None` never fails.
    pub fail_on: Option<Severity>,
    /// A summary sentence is supported when at least this share of its content (by weight) is
    /// found in the source sentences it is aligned with.
    pub support_threshold: f64,
    /// A statement attributed to someone other than the source's speaker is a `speaker` (or
    /// `name`) mismatch rather than `other-speaker` when at least this share of it is found in
    /// the source: the speaker's words put in another mouth.
    pub speaker_threshold: f64,
    /// A further source sentence is merged into a link when it adds at least this share of the
    /// summary sentence's weight.
    pub merge_gain: f64,
    /// The most source sentences one summary sentence is aligned with.
    pub max_merged_sources: usize,
    /// How many best-sharing source sentences are considered for merging.
    pub merge_candidates: usize,
    /// A source sentence is covered (not partial) when at least this share of it is found in
    /// the summary sentences aligned with it.
    pub covered_threshold: f64,
    /// The fewest words for a summary sentence to be called verbatim.
    pub verbatim_min_words: usize,
    /// Omissions at or above this salience are warnings; below it, info.
    pub omission_warning_salience: f64,
    /// What the source is.
    pub source_kind: SourceKind,
    /// The source's speaker, when the transcript does not name them.
    pub speaker: Option<String>,
    /// Take every paragraph as one sentence, as it is, for text that is already split into
    /// sentences (one per line or per blank-line-separated paragraph); nothing is editorial.
    pub sentence_per_paragraph: bool,
    /// The date of the documents, for relative dates (`hôm qua`, `yesterday`), when a document
    /// has no `date YYYY-MM-DD` header of its own.
    pub date: Option<time::Date>,
    /// Stop aligning summary sentences once this much time has passed; the ones not reached
    /// are reported as not checked, and the report says the limit was hit. `None`: no limit.
    pub time_limit: Option<std::time::Duration>,
    /// Files larger than this are refused.
    pub max_bytes: u64,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            fail_on: Some(Severity::Error),
            support_threshold: 0.5,
            speaker_threshold: 0.75,
            merge_gain: 0.15,
            max_merged_sources: 3,
            merge_candidates: 20,
            covered_threshold: 0.5,
            verbatim_min_words: 4,
            omission_warning_salience: 0.5,
            source_kind: SourceKind::Transcript,
            speaker: None,
            sentence_per_paragraph: false,
            date: None,
            time_limit: None,
            max_bytes: 64 * 1024 * 1024,
        }
    }
}

/// Parses an ISO date, `YYYY-MM-DD`.
pub fn parse_date(text: &str) -> Option<time::Date> {
    let mut parts = text.trim().splitn(3, '-');
    let year = parts.next()?.parse().ok()?;
    let month = time::Month::try_from(parts.next()?.parse::<u8>().ok()?).ok()?;
    let day = parts.next()?.parse().ok()?;
    time::Date::from_calendar_date(year, month, day).ok()
}
