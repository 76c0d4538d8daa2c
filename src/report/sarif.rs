//! SARIF 2.1.0 (`--format sarif`): one rule per finding kind and fact, one result per
//! finding at its summary place (the source place for an omission), the source place as a
//! related location, columns in Unicode code points, and a fingerprint per result that does
//! not depend on line numbers.

use std::io;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Serialize;

use super::json::{Layout, write_value};
use super::{Lazy, Places, Side, fingerprint, primary};
use crate::classify::rules;
use crate::model::{Document, Finding, Location, Report, Severity, rule_id};

// The log's objects, written straight into the output. Fields are declared in the order of
// their names, the order the log has always had (it was once a `serde_json::Value`, whose
// maps are sorted), so that its bytes stay the same.

#[derive(Serialize)]
struct Log<'a, Results> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    runs: [Run<'a, Results>; 1],
    version: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a, Results> {
    column_kind: &'static str,
    /// The run's limits and notes, as notifications of the tool's execution; left out when
    /// it has none.
    #[serde(skip_serializing_if = "Option::is_none")]
    invocations: Option<[Invocation<'a>; 1]>,
    results: Results,
    tool: Tool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation<'a> {
    execution_successful: bool,
    tool_execution_notifications: Vec<Notification<'a>>,
}

/// A limit of the check (`warning`) or a note on how it read its input (`note`).
#[derive(Serialize)]
struct Notification<'a> {
    level: &'static str,
    message: Text<&'a str>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
struct Driver {
    name: &'static str,
    rules: Vec<Rule>,
    version: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: String,
    short_description: Text<&'static str>,
}

/// A message: `{"text": …}`.
#[derive(Serialize)]
struct Text<T> {
    text: T,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    level: &'static str,
    locations: [PrimaryLocation<'a>; 1],
    message: Text<&'a str>,
    partial_fingerprints: Fingerprints,
    properties: Properties,
    /// The finding's confidence on SARIF's scale of 0 to 100.
    rank: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    related_locations: Option<[RelatedLocation<'a>; 1]>,
    rule_id: String,
    rule_index: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    suppressions: Option<[Suppression; 1]>,
}

/// What crosscheck adds to a result: its confidence in 0..1, and whether that is under the
/// run's `--min-confidence` (the result does not fail the run).
#[derive(Serialize)]
struct Properties {
    confidence: f64,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    doubtful: bool,
}

#[derive(Serialize)]
struct Fingerprints {
    #[serde(rename = "crosscheck/v1")]
    crosscheck_v1: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PrimaryLocation<'a> {
    physical_location: PhysicalLocation<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RelatedLocation<'a> {
    id: usize,
    message: Text<&'static str>,
    physical_location: PhysicalLocation<'a>,
}

#[derive(Serialize)]
struct Suppression {
    justification: &'static str,
    kind: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation<'a> {
    artifact_location: ArtifactLocation,
    region: Region<'a>,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region<'a> {
    /// Absent for a Word file, whose bytes are compressed.
    #[serde(skip_serializing_if = "Option::is_none")]
    byte_length: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    byte_offset: Option<usize>,
    end_column: usize,
    end_line: usize,
    snippet: Text<&'a str>,
    start_column: usize,
    start_line: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    properties: Option<RegionProperties>,
}

/// What a region of a derived input adds: the subtitle cue's time, or that lines are a Word
/// file's paragraphs.
#[derive(Serialize)]
struct RegionProperties {
    #[serde(skip_serializing_if = "Option::is_none")]
    time: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    paragraphs: bool,
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// What an artifact URI keeps as it is: RFC 3986's unreserved characters and `/`, the path
/// separator. Everything else, non-ASCII as its UTF-8 bytes, is percent-encoded.
const URI_KEPT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'/');

/// A path as a relative reference (RFC 3986): `my report #1.txt` is `my%20report%20%231.txt`.
fn uri(path: &str) -> String {
    utf8_percent_encode(path, URI_KEPT).to_string()
}

/// A place in the file: for a derived input, the lines, columns and bytes of the original
/// file (a Word file's paragraphs as lines, and no bytes); the snippet is the text read.
fn physical<'a>(document: &'a Document, places: &Places<'_>, at: Location) -> PhysicalLocation<'a> {
    let span = at.span();
    let (start, end) = (places.start(span), places.end(span));
    let bytes = places.bytes(span);
    let properties = (start.time.is_some() || start.paragraph).then(|| RegionProperties {
        time: start.time.map(|time| time.to_string()),
        paragraphs: start.paragraph,
    });
    PhysicalLocation {
        artifact_location: ArtifactLocation {
            uri: uri(places.path(span)),
        },
        region: Region {
            byte_length: bytes.map(|(_, length)| length),
            byte_offset: bytes.map(|(offset, _)| offset),
            end_column: end.column,
            end_line: end.line,
            snippet: Text {
                text: document.slice(span),
            },
            start_column: start.column,
            start_line: start.line,
            properties,
        },
    }
}

fn result<'a>(
    report: &'a Report,
    places: (&Places<'_>, &Places<'_>),
    finding: &'a Finding,
    accepted: bool,
) -> SarifResult<'a> {
    let index = rules()
        .iter()
        .position(|rule| rule.kind == finding.kind && rule.fact == finding.fact)
        .expect("every finding has a rule");
    let (side, at) = primary(finding);
    let location = match side {
        Side::Summary => physical(&report.summary, places.0, at),
        Side::Source => physical(&report.source, places.1, at),
    };
    let related = match (finding.summary, finding.source) {
        (Some(_), Some(source_at)) => Some([RelatedLocation {
            id: 1,
            message: Text {
                text: "in the source",
            },
            physical_location: physical(&report.source, places.1, source_at),
        }]),
        _ => None,
    };
    SarifResult {
        level: level(finding.severity),
        locations: [PrimaryLocation {
            physical_location: location,
        }],
        message: Text {
            text: &finding.message,
        },
        partial_fingerprints: Fingerprints {
            crosscheck_v1: fingerprint(report, finding),
        },
        properties: Properties {
            confidence: finding.confidence,
            doubtful: finding.confidence < report.min_confidence,
        },
        rank: (finding.confidence * 100.0).round(),
        related_locations: related,
        rule_id: finding.rule(),
        rule_index: index,
        suppressions: accepted.then_some([Suppression {
            justification: "accepted in the baseline",
            kind: "external",
        }]),
    }
}

/// Writes the report as a SARIF 2.1.0 log, ending with a newline, result by result.
pub(super) fn write(report: &Report, out: &mut dyn io::Write) -> io::Result<()> {
    let summary_places = Places::new(&report.summary);
    let source_places = Places::new(&report.source);
    let results = || {
        report.findings.iter().enumerate().map(|(i, f)| {
            result(
                report,
                (&summary_places, &source_places),
                f,
                report.is_accepted(i),
            )
        })
    };
    let rules = rules()
        .iter()
        .map(|rule| Rule {
            id: rule_id(rule.kind, rule.fact),
            short_description: Text {
                text: rule.description,
            },
        })
        .collect();
    let notifications: Vec<Notification<'_>> = (report.limits.iter().map(|l| ("warning", l)))
        .chain(report.notes.iter().map(|n| ("note", n)))
        .map(|(level, text)| Notification {
            level,
            message: Text { text },
        })
        .collect();
    let log = Log {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        runs: [Run {
            column_kind: "unicodeCodePoints",
            invocations: (!notifications.is_empty()).then_some([Invocation {
                execution_successful: true,
                tool_execution_notifications: notifications,
            }]),
            results: Lazy(results),
            tool: Tool {
                driver: Driver {
                    name: "crosscheck",
                    rules,
                    version: env!("CARGO_PKG_VERSION"),
                },
            },
        }],
        version: "2.1.0",
    };
    write_value(&log, Layout::Pretty, out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_percent_encoded_relative_references() {
        assert_eq!(
            uri("reports/my report #1 100%.txt"),
            "reports/my%20report%20%231%20100%25.txt"
        );
        assert_eq!(uri("tin/Hà Nội?.txt"), "tin/H%C3%A0%20N%E1%BB%99i%3F.txt");
    }
}
