//! The result of a check: the [`Report`] with both documents, every judgement and finding,
//! and what a baseline accepted; and the [`fingerprint`] that identifies a finding across
//! edits, which baselines and SARIF both use.

use serde::{Deserialize, Serialize};

use super::{Document, Finding, Judgement, Location, Severity, SourceLabel, SummaryLabel};

/// The result of checking a summary against its source.
#[derive(Clone, Debug)]
pub struct Report {
    /// The summary, as analysed.
    pub summary: Document,
    /// The source, as analysed.
    pub source: Document,
    /// One judgement per summary sentence.
    pub summary_judgements: Vec<Judgement<SummaryLabel>>,
    /// One judgement per source sentence.
    pub source_judgements: Vec<Judgement<SourceLabel>>,
    /// Findings: summary findings in summary order, then omissions by falling salience.
    pub findings: Vec<Finding>,
    /// Limits that were reached while checking, each saying what was left undone; empty when
    /// the check is complete.
    pub limits: Vec<String>,
    /// What a reader should know of how the pair was read that does not fail the run: a
    /// summary's quotations in another language than its source's are translations.
    pub notes: Vec<String>,
    /// What a baseline accepted, when one was applied ([`crate::baseline::apply`]).
    pub baseline: Option<BaselineOutcome>,
    /// The source's speaker the check settled on, and where it was found; `None` when
    /// neither the settings, the source nor the summary name one.
    pub speaker: Option<Speaker>,
    /// The findings [`Report::hide_below`] took out of `findings`, counted; none by default.
    pub hidden: Hidden,
    /// Findings rated less sure than this do not fail the run ([`Report::counts`]).
    pub min_confidence: f64,
}

/// The source's speaker, as the check settled on it.
#[derive(Clone, Debug, PartialEq)]
pub struct Speaker {
    /// The name as written where it was found (or as configured).
    pub name: String,
    /// Where it came from.
    pub from: SpeakerFrom,
    /// The mention it was read from: in the source for an introduction, in the summary for
    /// an attribution; `None` when configured.
    pub at: Option<Location>,
}

/// Where the source's speaker came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SpeakerFrom {
    /// `--speaker` or `speaker` in `crosscheck.toml`.
    Configured,
    /// The source's introduction (a line about the speaker, such as the publisher's).
    SourceIntroduction,
    /// The label of the turns that hold most of a transcript of several voices (`THE
    /// PRESIDENT`, `SG`), or the summary's person it names (`President Biden`).
    TurnLabel,
    /// The person the summary credits most often in sentences the source supports.
    SummaryAttribution,
}

impl SpeakerFrom {
    /// How people read it, after "from".
    pub fn describe(self) -> &'static str {
        match self {
            SpeakerFrom::Configured => "the settings (--speaker)",
            SpeakerFrom::SourceIntroduction => "the source's introduction",
            SpeakerFrom::TurnLabel => "the source's turns (the voice heard most)",
            SpeakerFrom::SummaryAttribution => "the summary's attributions",
        }
    }
}

impl Report {
    /// True when a baseline accepts finding `index`.
    pub fn is_accepted(&self, index: usize) -> bool {
        self.baseline
            .as_ref()
            .is_some_and(|b| b.accepted.contains(&index))
    }

    /// True when finding `index` is rated less sure than [`Report::min_confidence`].
    pub fn is_doubtful(&self, index: usize) -> bool {
        self.findings[index].confidence < self.min_confidence
    }

    /// True when finding `index` counts toward the exit code: no baseline accepts it and it
    /// is not doubtful ([`Report::is_doubtful`]).
    pub fn counts(&self, index: usize) -> bool {
        !self.is_accepted(index) && !self.is_doubtful(index)
    }

    /// The most serious severity among the findings that count ([`Report::counts`]), if any.
    pub fn worst_severity(&self) -> Option<Severity> {
        (0..self.findings.len())
            .filter(|&i| self.counts(i))
            .map(|i| self.findings[i].severity)
            .max()
    }

    /// How many findings have `severity`, hidden ones ([`Report::hide_below`]) included.
    pub fn count(&self, severity: Severity) -> usize {
        let shown = self
            .findings
            .iter()
            .filter(|f| f.severity == severity)
            .count();
        shown + self.hidden.of(severity)
    }

    /// Takes the findings below `floor` out of `findings`, counting them in
    /// [`Report::hidden`], so that every reporter shows only the rest; the baseline's
    /// `accepted` keeps the shown ones, renumbered. Errors are always shown. Decide the exit
    /// code first ([`crate::exit::for_report`]), or hide nothing at or above the failure
    /// level ([`crate::Config::display_floor`]), as hidden findings no longer count there.
    pub fn hide_below(&mut self, floor: Severity) {
        let shown = |finding: &Finding| finding.severity >= floor;
        let renumbered: Vec<Option<usize>> = self
            .findings
            .iter()
            .scan(0, |next, finding| {
                Some(shown(finding).then(|| {
                    *next += 1;
                    *next - 1
                }))
            })
            .collect();
        if let Some(outcome) = &mut self.baseline {
            outcome.accepted = (outcome.accepted.iter())
                .filter_map(|&index| renumbered[index])
                .collect();
        }
        for finding in self.findings.iter().filter(|f| !shown(f)) {
            match finding.severity {
                Severity::Warning => self.hidden.warning += 1,
                Severity::Info => self.hidden.info += 1,
                Severity::Error => unreachable!("no floor is above error"),
            }
        }
        self.findings.retain(shown);
    }
}

/// How many findings of each severity a report does not show ([`Report::hide_below`]);
/// errors are always shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Hidden {
    /// Hidden warnings.
    pub warning: usize,
    /// Hidden info findings.
    pub info: usize,
}

impl Hidden {
    /// True when nothing is hidden.
    pub fn is_empty(&self) -> bool {
        self.warning == 0 && self.info == 0
    }

    /// How many findings of `severity` are hidden.
    pub fn of(&self, severity: Severity) -> usize {
        match severity {
            Severity::Error => 0,
            Severity::Warning => self.warning,
            Severity::Info => self.info,
        }
    }
}

/// One accepted finding of a baseline file ([`crate::baseline::Baseline`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BaselineEntry {
    /// The finding's fingerprint.
    pub fingerprint: String,
    /// Its rule (`fact-mismatch/number`), for people reading the file.
    pub rule: String,
    /// Its message when it was accepted, for people reading the file; an entry written by
    /// hand may leave it out.
    #[serde(default)]
    pub message: String,
}

/// What applying a baseline to a report found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BaselineOutcome {
    /// Indices of the report's findings that the baseline accepts.
    pub accepted: Vec<usize>,
    /// Baseline entries that match no finding any more.
    pub stale: Vec<BaselineEntry>,
}

/// A fingerprint of a finding that survives edits elsewhere in the files: a hash of its rule
/// and the text of its spans in both documents, not of their positions (FNV-1a, 64 bits, as
/// 16 hex digits).
pub fn fingerprint(report: &Report, finding: &Finding) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |text: &str| {
        for byte in text.bytes().chain(std::iter::once(0)) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    };
    feed(&finding.rule());
    let spans = [
        finding.summary.map(|l| report.summary.slice(l.span())),
        finding.source.map(|l| report.source.slice(l.span())),
    ];
    for text in spans {
        feed(
            &text
                .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
                .unwrap_or_default(),
        );
    }
    format!("{hash:016x}")
}
