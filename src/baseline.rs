//! Baselines: findings an editor has reviewed and accepted, so that they no longer fail a run.
//!
//! A baseline lists findings by fingerprint ([`crate::model::fingerprint`]): a hash of the
//! finding's rule and the text of its spans, so it survives edits elsewhere in the files and
//! stops matching when the accepted words change. Entries that match nothing are stale, and
//! [`update`] drops them.

use std::collections::HashSet;
use std::io;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::model::{Finding, Report, fingerprint, printable};
use crate::read;

/// The data a report carries about a baseline, defined in the model so that a [`Report`]
/// needs nothing of this module: an entry of the file, and what applying the file found.
pub use crate::model::{BaselineEntry as Entry, BaselineOutcome as Outcome};

/// The version of the baseline file format.
pub const BASELINE_VERSION: u32 = 1;

/// A baseline file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Baseline {
    /// The file format's version.
    pub version: u32,
    /// The accepted findings.
    pub accepted: Vec<Entry>,
}

impl Baseline {
    /// Writes the baseline file's text into `out`, entry by entry: pretty-printed JSON,
    /// ending with a newline. The only errors are `out`'s.
    pub fn write_json(&self, out: &mut dyn io::Write) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, self)?;
        out.write_all(b"\n")
    }
}

/// Reads a baseline file ([`parse`]); files larger than `max_bytes` are refused.
pub fn read(path: &Path, max_bytes: u64) -> Result<Baseline, Error> {
    parse(&read::read(path, max_bytes)?)
}

/// The baseline in a file's text; a version other than [`BASELINE_VERSION`] is refused, as
/// this crosscheck cannot know what its entries mean.
pub fn parse(input: &read::Input) -> Result<Baseline, Error> {
    let invalid = |message: String| Error::Baseline {
        path: input.path.clone(),
        message,
    };
    let baseline: Baseline = serde_json::from_str(&input.text).map_err(|e| {
        // A list or a bare value is no baseline at all: say what one is, not serde's words.
        let text = input.text.trim_start();
        if e.is_data() && !text.starts_with('{') {
            invalid(format!(
                "a baseline is a JSON object, {{\"version\": {BASELINE_VERSION}, \"accepted\": \
                 [entries]}}, as `crosscheck baseline` writes it"
            ))
        } else {
            invalid(e.to_string())
        }
    })?;
    if baseline.version != BASELINE_VERSION {
        return Err(invalid(format!(
            "version {} is not the version this crosscheck reads ({BASELINE_VERSION})",
            baseline.version
        )));
    }
    Ok(baseline)
}

/// A baseline that accepts every finding of `report`.
pub fn record(report: &Report) -> Baseline {
    Baseline {
        version: BASELINE_VERSION,
        accepted: (report.findings.iter())
            .map(|finding| entry(report, finding))
            .collect(),
    }
}

/// The entry that accepts `finding`, one of `report`'s.
pub fn entry(report: &Report, finding: &Finding) -> Entry {
    Entry {
        fingerprint: fingerprint(report, finding),
        rule: finding.rule(),
        message: finding.message.to_string(),
    }
}

/// An entry's text as [`Baseline::write_json`] writes it in the `accepted` list: its lines
/// indented by four spaces, without the comma that separates entries. Pasted into that list
/// (after a comma when the list holds entries already), it accepts the entry's finding.
pub fn listed_entry(entry: &Entry) -> String {
    let json = serde_json::to_string_pretty(entry).expect("an entry is strings only");
    // JSON escapes line breaks inside strings: every line is one of the entry's.
    (json.lines())
        .map(|line| format!("    {line}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Marks the findings of `report` that `baseline` accepts, and lists its stale entries, in
/// the orders of the report and of the file. Both sides are looked up by fingerprint in a
/// hash set, so the cost grows with findings plus entries, not with their product; the sets
/// use the standard library's keyed hash, since the file's fingerprints are untrusted.
pub fn apply(report: &mut Report, baseline: &Baseline) {
    let prints: Vec<String> = report
        .findings
        .iter()
        .map(|f| fingerprint(report, f))
        .collect();
    let entries: HashSet<&str> = baseline
        .accepted
        .iter()
        .map(|e| e.fingerprint.as_str())
        .collect();
    let accepted = (0..prints.len())
        .filter(|&i| entries.contains(prints[i].as_str()))
        .collect();
    let found: HashSet<&str> = prints.iter().map(String::as_str).collect();
    let stale = baseline
        .accepted
        .iter()
        .filter(|e| !found.contains(e.fingerprint.as_str()))
        .cloned()
        .collect();
    report.baseline = Some(Outcome { accepted, stale });
}

/// What [`update`] made of a baseline file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Update {
    /// The baseline to write back: the kept entries in the file's order, then the added ones
    /// in the report's order.
    pub baseline: Baseline,
    /// How many of the file's entries still match a finding and were kept.
    pub kept: usize,
    /// The file's stale entries, dropped, in the file's order.
    pub dropped: Vec<Entry>,
    /// How many entries were added for findings the file did not accept.
    pub added: usize,
}

impl Update {
    /// What the update did, for people, one line per dropped entry after the counts:
    /// `crosscheck: baseline FILE: 3 kept, 1 dropped, 0 added` then `  dropped RULE: MESSAGE`.
    pub fn describe(&self, path: &str) -> String {
        let mut text = format!(
            "crosscheck: baseline {}: {} kept, {} dropped, {} added\n",
            printable(path),
            self.kept,
            self.dropped.len(),
            self.added
        );
        for entry in &self.dropped {
            text.push_str(&format!(
                "  dropped {}: {}\n",
                printable(&entry.rule),
                printable(&entry.message)
            ));
        }
        text
    }
}

/// Brings `baseline` up to date with `report` (after rules were renamed, or the accepted
/// words changed): keeps its entries that still match a finding, as they are, drops the
/// stale ones, and, with `add_new`, accepts the findings it does not list yet, as
/// [`record`] would.
pub fn update(baseline: Baseline, report: &Report, add_new: bool) -> Update {
    let current = record(report).accepted;
    let found: HashSet<&str> = current.iter().map(|e| e.fingerprint.as_str()).collect();
    let (mut accepted, dropped): (Vec<Entry>, Vec<Entry>) =
        (baseline.accepted.into_iter()).partition(|e| found.contains(e.fingerprint.as_str()));
    let kept = accepted.len();
    if add_new {
        let listed: HashSet<&str> = accepted.iter().map(|e| e.fingerprint.as_str()).collect();
        let new: Vec<Entry> = (current.iter())
            .filter(|e| !listed.contains(e.fingerprint.as_str()))
            .cloned()
            .collect();
        accepted.extend(new);
    }
    Update {
        added: accepted.len() - kept,
        baseline: Baseline {
            version: BASELINE_VERSION,
            accepted,
        },
        kept,
        dropped,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Config, Input, Severity, check};

    /// The report of the `hanoi-wrong-count` fixture: 1 error, 4 warnings, 11 info.
    fn report() -> Report {
        let summary = Input::new(
            "summary.txt",
            include_str!("../fixtures/hanoi-wrong-count/summary.txt"),
        );
        let source = Input::new(
            "source.txt",
            include_str!("../fixtures/hanoi-wrong-count/source.txt"),
        );
        check(&summary, &source, &Config::default())
    }

    #[test]
    fn hiding_findings_keeps_the_accepted_marks_on_the_shown_ones() {
        let mut report = report();
        let severities = [Severity::Error, Severity::Warning, Severity::Info];
        let counts = severities.map(|s| report.count(s));
        assert_eq!(counts, [1, 4, 11]);
        let warnings = Baseline {
            version: BASELINE_VERSION,
            accepted: (record(&report).accepted.into_iter())
                .zip(&report.findings)
                .filter(|(_, finding)| finding.severity == Severity::Warning)
                .map(|(entry, _)| entry)
                .collect(),
        };
        apply(&mut report, &warnings);
        report.hide_below(Severity::Warning);
        assert_eq!(report.findings.len(), 5);
        assert_eq!(report.hidden.info, 11);
        assert_eq!(severities.map(|s| report.count(s)), counts, "all counted");
        let accepted: Vec<Severity> = (0..report.findings.len())
            .filter(|&i| report.is_accepted(i))
            .map(|i| report.findings[i].severity)
            .collect();
        assert_eq!(accepted, [Severity::Warning; 4]);
        assert_eq!(report.worst_severity(), Some(Severity::Error));
    }

    #[test]
    fn a_list_or_a_bare_value_is_told_what_a_baseline_is() {
        let message = |text: &str| match parse(&read::Input::new("b.json", text)) {
            Err(Error::Baseline { message, .. }) => message,
            other => panic!("{other:?}"),
        };
        for text in ["[]", " 3", "\"accepted\""] {
            assert!(
                message(text).starts_with("a baseline is a JSON object"),
                "{text}"
            );
        }
        assert!(message("{\"version\": 1}").contains("missing field `accepted`"));
        assert!(message("[").contains("EOF"), "broken JSON says where");
    }

    #[test]
    fn a_listed_entry_is_the_text_the_baseline_file_holds() {
        let report = report();
        let baseline = record(&report);
        let mut file = Vec::new();
        baseline.write_json(&mut file).unwrap();
        let file = String::from_utf8(file).unwrap();
        for entry in &baseline.accepted {
            let listed = listed_entry(entry);
            assert!(
                file.contains(&format!("{listed},\n")) || file.contains(&format!("{listed}\n  ]"))
            );
            assert_eq!(serde_json::from_str::<Entry>(&listed).unwrap(), *entry);
        }
    }

    #[test]
    fn update_keeps_matching_entries_drops_stale_ones_and_adds_only_when_asked() {
        let report = report();
        let mut old = record(&report);
        let unlisted = old.accepted.remove(0);
        let stale = Entry {
            fingerprint: "0123456789abcdef".into(),
            rule: "fact-mismatch/new-name".into(),
            message: "renamed".into(),
        };
        old.accepted.insert(3, stale.clone());

        let update = super::update(old.clone(), &report, false);
        assert_eq!((update.kept, update.added), (15, 0));
        assert_eq!(update.dropped, [stale]);
        let mut kept = old.accepted.clone();
        kept.remove(3);
        assert_eq!(update.baseline.accepted, kept, "in the file's order");
        assert_eq!(
            update.describe("b.json"),
            "crosscheck: baseline b.json: 15 kept, 1 dropped, 0 added\n  dropped \
             fact-mismatch/new-name: renamed\n"
        );

        let update = super::update(old, &report, true);
        assert_eq!((update.kept, update.added), (15, 1));
        kept.push(unlisted);
        assert_eq!(update.baseline.accepted, kept, "the new one last");
    }
}
