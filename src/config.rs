//! The validated configuration of a check. The CLI builds a [`Config`] before anything runs:
//! the defaults, then a project's `crosscheck.toml` ([`load`]), then its flags, then
//! [`Config::validate`]. Library users build one with [`Config::default`], change fields and
//! validate it the same way.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Excerpt, InvalidConfig};
use crate::lang::Language;
use crate::model::{Severity, parse_rule_id};
use crate::read;

mod ignore;

pub use ignore::{
    IGNORE_DFA_SIZE_LIMIT, IGNORE_GROUP_TREE_BYTES, IGNORE_MAX_BYTES, IGNORE_MAX_PATTERN_BYTES,
    IGNORE_SIZE_LIMIT, IgnorePatterns,
};

/// What the source is, which decides the checks that make sense against it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum, Deserialize)]
#[serde(rename_all = "kebab-case")]
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

impl SourceKind {
    /// True when the source carries one speaker's words: statements attributed to others are
    /// checked as such, and lines about the speaker are editorial.
    pub fn has_one_speaker(self) -> bool {
        self == SourceKind::Transcript
    }
}

/// Every threshold and limit of a check.
///
/// Defaults: `fail_on` [`Severity::Error`], `show` [`Severity::Info`], `min_confidence` the
/// trained default, `support_threshold` 0.5,
/// `aligned_threshold` 0.15, `speaker_threshold` 0.75, `merge_gain` 0.15,
/// `max_merged_sources` 3, `merge_candidates` 20, `covered_threshold` 0.5,
/// `verbatim_min_words` 4, `omission_warning_salience` 0.5, `source_kind` transcript, `grounded` off, `excerpt` off, no `speaker`,
/// `sentence_per_paragraph` off, `in_order` off, no `date`, no `time_limit`, `max_bytes`
/// 64 MiB, languages detected, every rule at its own severity, nothing ignored.
#[derive(Clone, Debug)]
pub struct Config {
    /// Findings at or above this severity make the run fail (exit code 1); `None` never fails.
    pub fail_on: Option<Severity>,
    /// Reports show findings at or above this severity, and count the others
    /// ([`Config::display_floor`]); it never changes the exit code.
    pub show: Severity,
    /// Findings rated less sure than this ([`crate::Finding::confidence`]) are shown but do
    /// not fail the run; by default the level chosen on the training data
    /// ([`crate::confidence::DEFAULT_MIN_CONFIDENCE`]).
    pub min_confidence: f64,
    /// A summary sentence is supported when at least this share of its content (by weight) is
    /// found in the source sentences it is aligned with.
    pub support_threshold: f64,
    /// A summary sentence below the support threshold is still aligned with its nearest source
    /// sentences, and its facts held against theirs, when at least this share of its content is
    /// found there; further away, what it says is a detail the source lacks, not a
    /// disagreement.
    pub aligned_threshold: f64,
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
    /// The summary must be grounded in its source alone (an abstract, a machine summary, a
    /// brief of one document): every detail the source never gives is an error. Off for news
    /// reports, which add background from elsewhere: there such a detail is a warning, unless
    /// the sentence credits it to the source's speaker.
    pub grounded: bool,
    /// The source is part of the occasion (the opening of a speech, the part an outlet
    /// printed): what the summary quotes or credits to the speaker and the source lacks may be
    /// in the rest, so it is a warning, where against a whole transcript it is an error. A
    /// disagreement with what the source has is still an error.
    pub excerpt: bool,
    /// The source's speaker, when the transcript does not name them.
    pub speaker: Option<String>,
    /// Take every paragraph as one sentence, as it is, for text that is already split into
    /// sentences (one per line or per blank-line-separated paragraph); nothing is editorial.
    pub sentence_per_paragraph: bool,
    /// The summary follows the source's order (a plain-language version, a sentence-by-sentence
    /// rewrite): links that go back in the source are dropped, keeping the longest chain of
    /// supported links in order. Off for news reports, which reorder freely.
    pub in_order: bool,
    /// The date of the documents, for relative dates (`hôm qua`, `yesterday`), when a document
    /// has no `date YYYY-MM-DD` header of its own.
    pub date: Option<time::Date>,
    /// Stop aligning summary sentences once this much time has passed; the ones not reached
    /// are reported as not checked, and the report says the limit was hit. `None`: no limit.
    pub time_limit: Option<std::time::Duration>,
    /// Files larger than this are refused.
    pub max_bytes: u64,
    /// The language of both documents; `None` detects each one's.
    pub language: Option<Language>,
    /// Severity per rule, by rule id (`fact-mismatch/number`) or finding kind (`omission`,
    /// `fact-mismatch`); `None` drops the rule's findings. A rule id wins over its kind.
    pub rule_severities: BTreeMap<String, Option<Severity>>,
    /// Findings whose sentences (in either file, compared in NFC) match one of these are
    /// dropped: boilerplate a project does not want checked ([`IgnorePatterns`]); none by
    /// default.
    pub ignore: Option<IgnorePatterns>,
    /// Pairs of phrases a project accepts as saying the same (`"three decades" = "thirty
    /// years"`): a finding on one in the summary, where its source sentence has the other,
    /// is dropped ([`crate::policy::apply`]); none by default.
    pub equivalences: Vec<Equivalence>,
}

/// Two phrases accepted as saying the same, each as the comparison keys of its words
/// ([`crate::normalize::word_key`]; punctuation left out), so that case, Unicode forms and
/// Vietnamese tone-mark placement do not matter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Equivalence {
    /// One phrase's word keys.
    pub one: Vec<String>,
    /// The other phrase's word keys.
    pub other: Vec<String>,
}

impl Equivalence {
    /// The equivalence of two phrases, or why it is refused (a phrase with no words).
    pub fn new(one: &str, other: &str) -> Result<Self, String> {
        let keys = |phrase: &str| -> Result<Vec<String>, String> {
            let tokens = crate::normalize::tokenize(phrase);
            let keys: Vec<String> = (tokens.iter())
                .filter(|token| token.kind() != crate::model::TokenKind::Punct)
                .map(|token| tokens.key(token).to_string())
                .collect();
            if keys.is_empty() {
                return Err(format!(
                    "equivalences: `{}` has no words",
                    crate::model::printable(phrase)
                ));
            }
            Ok(keys)
        };
        Ok(Equivalence {
            one: keys(one)?,
            other: keys(other)?,
        })
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            fail_on: Some(Severity::Error),
            show: Severity::Info,
            min_confidence: crate::confidence::DEFAULT_MIN_CONFIDENCE,
            support_threshold: 0.5,
            aligned_threshold: 0.15,
            speaker_threshold: 0.75,
            merge_gain: 0.15,
            max_merged_sources: 3,
            merge_candidates: 20,
            covered_threshold: 0.5,
            verbatim_min_words: 4,
            omission_warning_salience: 0.5,
            source_kind: SourceKind::Transcript,
            grounded: false,
            excerpt: false,
            speaker: None,
            sentence_per_paragraph: false,
            in_order: false,
            date: None,
            time_limit: None,
            max_bytes: 64 * 1024 * 1024,
            language: None,
            rule_severities: BTreeMap::new(),
            ignore: None,
            equivalences: Vec::new(),
        }
    }
}

impl Config {
    /// The lowest severity a report shows ([`crate::Report::hide_below`]): [`Config::show`],
    /// or the failure level when that is lower, so that a finding that fails the run is
    /// never hidden.
    pub fn display_floor(&self) -> Severity {
        self.fail_on
            .map_or(self.show, |fail_on| fail_on.min(self.show))
    }

    /// Checks the settings that can be out of range: every share threshold
    /// (`support_threshold`, `aligned_threshold`, `speaker_threshold`, `covered_threshold`, `merge_gain`,
    /// `omission_warning_salience`) and `min_confidence` must be between 0 and 1. [`load`] checks a file with it
    /// and the CLI checks its flags with it; a library caller that sets fields should call it
    /// before checking. The error is [`Error::Config`] for the path `<config>`, naming the
    /// setting by its `crosscheck.toml` key (`thresholds.support is 1.5; …`).
    pub fn validate(&self) -> Result<(), Error> {
        let Some(message) = self.out_of_range() else {
            return Ok(());
        };
        Err(Error::Config(Box::new(InvalidConfig {
            path: "<config>".into(),
            message,
            excerpt: Excerpt::new("<config>", "", 0..0),
            at: None,
        })))
    }

    /// Why the settings are out of range, naming the first share threshold that is not
    /// between 0 and 1 by its `crosscheck.toml` key; `None` when they are all in range.
    fn out_of_range(&self) -> Option<String> {
        [
            ("support", self.support_threshold),
            ("aligned", self.aligned_threshold),
            ("speaker", self.speaker_threshold),
            ("covered", self.covered_threshold),
            ("merge-gain", self.merge_gain),
            ("omission-warning-salience", self.omission_warning_salience),
        ]
        .into_iter()
        .map(|(name, value)| (format!("thresholds.{name}"), value))
        .chain([("min-confidence".to_string(), self.min_confidence)])
        .find(|(_, value)| !(0.0..=1.0).contains(value))
        .map(|(name, value)| format!("{name} is {value}; a share must be between 0 and 1"))
    }
}

/// The severity from which findings fail a run, or `never`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FailOn {
    /// Errors fail the run.
    Error,
    /// Warnings and errors fail the run.
    Warning,
    /// Any finding fails the run.
    Info,
    /// Nothing fails the run.
    Never,
}

impl FailOn {
    /// The lowest severity that fails, or `None` for `never`.
    pub fn severity(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }
}

/// The settings that both `crosscheck.toml` and command-line flags can give, each `None`
/// when not given: applied over a [`Config`], the given ones win.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Overrides {
    /// The failure level.
    pub fail_on: Option<FailOn>,
    /// The display floor.
    pub show: Option<Severity>,
    /// The confidence below which findings do not fail the run.
    pub min_confidence: Option<f64>,
    /// The source's speaker.
    pub speaker: Option<String>,
    /// The documents' date.
    pub date: Option<time::Date>,
    /// What the source is.
    pub source_kind: Option<SourceKind>,
    /// The language of both documents.
    pub language: Option<Language>,
    /// The alignment's time limit, in milliseconds.
    pub time_limit_ms: Option<u64>,
    /// The largest file accepted, in bytes.
    pub max_bytes: Option<u64>,
    /// Whether the summary follows the source's order.
    pub in_order: Option<bool>,
    /// Whether the summary must be grounded in its source alone.
    pub grounded: Option<bool>,
    /// Whether the source is part of the occasion.
    pub excerpt: Option<bool>,
}

impl Overrides {
    /// Sets every given setting on `config`.
    pub fn apply(self, config: &mut Config) {
        if let Some(fail_on) = self.fail_on {
            config.fail_on = fail_on.severity();
        }
        if let Some(show) = self.show {
            config.show = show;
        }
        if let Some(min_confidence) = self.min_confidence {
            config.min_confidence = min_confidence;
        }
        if self.speaker.is_some() {
            config.speaker = self.speaker;
        }
        if self.date.is_some() {
            config.date = self.date;
        }
        if let Some(kind) = self.source_kind {
            config.source_kind = kind;
        }
        if self.language.is_some() {
            config.language = self.language;
        }
        if let Some(ms) = self.time_limit_ms {
            config.time_limit = Some(std::time::Duration::from_millis(ms));
        }
        if let Some(bytes) = self.max_bytes {
            config.max_bytes = bytes;
        }
        if let Some(in_order) = self.in_order {
            config.in_order = in_order;
        }
        if let Some(grounded) = self.grounded {
            config.grounded = grounded;
        }
        if let Some(excerpt) = self.excerpt {
            config.excerpt = excerpt;
        }
    }
}

/// The severity a configuration file gives a rule, or `off`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum RuleLevel {
    Error,
    Warning,
    Info,
    Off,
}

/// The name of the configuration file, looked for from the working directory upward.
pub const FILE_NAME: &str = "crosscheck.toml";

/// `crosscheck.toml` as written: every key optional, unknown keys refused.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct File {
    fail_on: Option<FailOn>,
    show: Option<Severity>,
    min_confidence: Option<f64>,
    speaker: Option<String>,
    source_kind: Option<SourceKind>,
    language: Option<Language>,
    time_limit_ms: Option<u64>,
    max_bytes: Option<u64>,
    in_order: Option<bool>,
    grounded: Option<bool>,
    excerpt: Option<bool>,
    #[serde(default)]
    thresholds: Thresholds,
    #[serde(default)]
    severity: BTreeMap<String, RuleLevel>,
    #[serde(default)]
    ignore: Vec<String>,
    #[serde(default)]
    equivalences: BTreeMap<String, String>,
}

impl File {
    /// The keys that belong above the first table, as written in the file.
    const TOP_LEVEL_KEYS: [&'static str; 12] = [
        "fail-on",
        "show",
        "min-confidence",
        "speaker",
        "source-kind",
        "language",
        "time-limit-ms",
        "max-bytes",
        "in-order",
        "grounded",
        "excerpt",
        "ignore",
    ];
}

/// The `[thresholds]` table.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Thresholds {
    support: Option<f64>,
    aligned: Option<f64>,
    speaker: Option<f64>,
    covered: Option<f64>,
    merge_gain: Option<f64>,
    omission_warning_salience: Option<f64>,
    verbatim_min_words: Option<usize>,
    max_merged_sources: Option<usize>,
}

/// The nearest `crosscheck.toml` in `start` or a directory above it. Anything of that name
/// counts (a FIFO, a directory, a dangling link), so that [`load`] refuses what is not a
/// regular file instead of skipping it silently for one further up.
pub fn discover(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|dir| dir.join(FILE_NAME))
        .find(|candidate| candidate.symlink_metadata().is_ok())
}

/// Reads a configuration file (at most [`Config::max_bytes`], a regular file) and applies it
/// over `config` ([`parse`]).
pub fn load(path: &Path, config: Config) -> Result<Config, Error> {
    let (shown, bytes) = read::read_bytes(path, config.max_bytes)?;
    parse(&shown, bytes, config)
}

/// Applies the configuration file `bytes` (named `shown`) over `config`: the file's settings
/// replace the ones it names. Errors name the file and, for a syntax or type error, the
/// line and column, with a bounded excerpt of the line.
pub fn parse(shown: &str, bytes: Vec<u8>, mut config: Config) -> Result<Config, Error> {
    let text = read::utf8(shown, bytes)?;
    let invalid = |message: String, at: Option<std::ops::Range<usize>>| {
        let excerpt = Excerpt::new(shown, &text, at.clone().unwrap_or(0..0));
        let message = match at {
            Some(_) => excerpt.placed(&message),
            None => message,
        };
        Error::Config(Box::new(InvalidConfig {
            path: shown.to_string(),
            message,
            at: at.map(|_| excerpt.at()),
            excerpt,
        }))
    };
    let file: File =
        toml::from_str(&text).map_err(|e| invalid(e.message().to_string(), e.span()))?;

    let thresholds = &file.thresholds;
    for (value, field) in [
        (thresholds.support, &mut config.support_threshold),
        (thresholds.aligned, &mut config.aligned_threshold),
        (thresholds.speaker, &mut config.speaker_threshold),
        (thresholds.covered, &mut config.covered_threshold),
        (thresholds.merge_gain, &mut config.merge_gain),
        (
            thresholds.omission_warning_salience,
            &mut config.omission_warning_salience,
        ),
    ] {
        if let Some(value) = value {
            *field = value;
        }
    }
    if let Some(words) = thresholds.verbatim_min_words {
        config.verbatim_min_words = words;
    }
    if let Some(sources) = thresholds.max_merged_sources {
        config.max_merged_sources = sources.max(1);
    }

    for (rule, level) in file.severity {
        if let Err(why) = parse_rule_id(&rule) {
            let misplaced = File::TOP_LEVEL_KEYS.contains(&rule.as_str());
            let why = if misplaced {
                format!(
                    "`{rule}` is a setting of its own: put it above the first table \
                     ([severity]), where TOML keys belong to no table"
                )
            } else {
                why
            };
            return Err(invalid(
                format!("severity: unknown rule `{rule}`: {why}"),
                None,
            ));
        }
        let severity = match level {
            RuleLevel::Error => Some(Severity::Error),
            RuleLevel::Warning => Some(Severity::Warning),
            RuleLevel::Info => Some(Severity::Info),
            RuleLevel::Off => None,
        };
        config.rule_severities.insert(rule, severity);
    }
    if !file.ignore.is_empty() {
        let patterns =
            IgnorePatterns::new(&file.ignore).map_err(|message| invalid(message, None))?;
        config.ignore = Some(patterns);
    }
    for (one, other) in &file.equivalences {
        let equivalence = Equivalence::new(one, other).map_err(|message| invalid(message, None))?;
        config.equivalences.push(equivalence);
    }

    Overrides {
        fail_on: file.fail_on,
        show: file.show,
        min_confidence: file.min_confidence,
        speaker: file.speaker,
        date: None,
        source_kind: file.source_kind,
        language: file.language,
        time_limit_ms: file.time_limit_ms,
        max_bytes: file.max_bytes,
        in_order: file.in_order,
        grounded: file.grounded,
        excerpt: file.excerpt,
    }
    .apply(&mut config);
    if let Some(message) = config.out_of_range() {
        return Err(invalid(message, None));
    }
    Ok(config)
}

/// Parses an ISO date, `YYYY-MM-DD`.
pub fn parse_date(text: &str) -> Option<time::Date> {
    let mut parts = text.trim().splitn(3, '-');
    let year = parts.next()?.parse().ok()?;
    let month = time::Month::try_from(parts.next()?.parse::<u8>().ok()?).ok()?;
    let day = parts.next()?.parse().ok()?;
    time::Date::from_calendar_date(year, month, day).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_setting_put_under_severity_is_told_to_move_above_it() {
        let error = |text: &str| match parse("c.toml", text.as_bytes().to_vec(), Config::default())
        {
            Err(Error::Config(invalid)) => invalid.message,
            other => panic!("{other:?}"),
        };
        // Every key named as top-level is one: serde lists the fields it expects.
        let expected = error("no-such-key = 1\n");
        for key in File::TOP_LEVEL_KEYS {
            assert!(expected.contains(&format!("`{key}`")), "{key}: {expected}");
        }
        let said = error("[severity]\nfail-on = \"warning\"\n");
        assert!(said.contains("put it above the first table"), "{said}");
        let said = error("[severity]\nno-such-rule = \"warning\"\n");
        assert!(!said.contains("above the first table"), "{said}");
    }

    #[test]
    fn the_display_floor_never_hides_what_fails_the_run() {
        let floor = |show, fail_on| {
            Config {
                show,
                fail_on,
                ..Config::default()
            }
            .display_floor()
        };
        assert_eq!(Config::default().display_floor(), Severity::Info);
        assert_eq!(
            floor(Severity::Error, Some(Severity::Error)),
            Severity::Error
        );
        assert_eq!(
            floor(Severity::Error, Some(Severity::Warning)),
            Severity::Warning
        );
        assert_eq!(
            floor(Severity::Warning, Some(Severity::Error)),
            Severity::Warning
        );
        assert_eq!(floor(Severity::Error, None), Severity::Error);
    }

    #[test]
    fn validate_refuses_a_share_outside_0_to_1_as_a_file_would() {
        assert!(Config::default().validate().is_ok());
        let config = Config {
            merge_gain: 1.5,
            ..Config::default()
        };
        let error = config.validate().unwrap_err();
        assert_eq!(
            error.to_string(),
            "<config>: invalid configuration: thresholds.merge-gain is 1.5; a share must be \
             between 0 and 1"
        );
        let config = Config {
            covered_threshold: f64::NAN,
            ..Config::default()
        };
        assert!(config.validate().is_err());
    }
}
