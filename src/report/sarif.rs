//! SARIF 2.1.0 (`--format sarif`), made for GitHub code scanning: one rule per finding kind
//! and fact, each with its short and full description, Markdown help and the README's anchor
//! (`helpUri`); one result per finding at its summary place (the source place for an
//! omission), the source place as a related location that the message links (`[in the
//! source](1)`), columns in Unicode code points, and a fingerprint per result that does not
//! depend on line numbers. The run's category (`automationDetails.id`) is the article's,
//! `crosscheck/SUMMARY/`, so that uploads for different articles keep each other's alerts.
//!
//! Paths the user gave relative to the working directory are relative references from
//! `SRCROOT`, which `originalUriBaseIds` gives as the working directory's `file` URI; absolute
//! paths are `file` URIs; standard input, which has no file, keeps its name (`<stdin>`) as a
//! relative reference from no base. `tests/sarif.rs` says what GitHub requires and uses.

use std::borrow::Cow;
use std::io;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_encode, utf8_percent_encode};
use serde::Serialize;

use super::json::{Layout, write_value};
use super::{Lazy, Places, Side, fingerprint, name, primary};
use crate::classify::rules;
use crate::model::{Document, Finding, Location, Report, Severity, rule_id};
use crate::read::STDIN_NAME;

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
    automation_details: AutomationDetails,
    column_kind: &'static str,
    /// The run's limits and notes, as notifications of the tool's execution; left out when
    /// it has none.
    #[serde(skip_serializing_if = "Option::is_none")]
    invocations: Option<[Invocation<'a>; 1]>,
    /// Where `SRCROOT` is; left out when the working directory cannot be read.
    #[serde(skip_serializing_if = "Option::is_none")]
    original_uri_base_ids: Option<UriBases>,
    results: Results,
    tool: Tool,
}

/// The run's identity: its category, then an empty run id (`crosscheck/SUMMARY/`).
#[derive(Serialize)]
struct AutomationDetails {
    id: String,
}

/// The bases that relative artifact URIs are resolved against.
#[derive(Serialize)]
struct UriBases {
    #[serde(rename = "SRCROOT")]
    source_root: BaseLocation,
}

/// Where a base of relative URIs was when crosscheck ran.
#[derive(Serialize)]
struct BaseLocation {
    description: Text<&'static str>,
    uri: String,
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
    full_description: Text<String>,
    help: Help,
    help_uri: String,
    id: String,
    properties: RuleProperties,
    short_description: Text<&'static str>,
}

/// A rule's help, in plain text and in Markdown (which GitHub shows when it is there).
#[derive(Serialize)]
struct Help {
    markdown: String,
    text: String,
}

/// What code scanning filters a rule's results by: its finding kind (`fact-mismatch`).
#[derive(Serialize)]
struct RuleProperties {
    tags: [String; 1],
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
    message: Text<Cow<'a, str>>,
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
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    /// `SRCROOT` for a path relative to the working directory.
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
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

/// The base of the paths given relative to the working directory (`uriBaseId`).
const SOURCE_ROOT: &str = "SRCROOT";

/// The id of the source place among a result's related locations, which its message links.
const SOURCE_PLACE: usize = 1;

/// A path with its empty and `.` segments dropped (`./news//a.txt` is `news/a.txt`): the same
/// file always gets the same URI and category, however it was typed.
fn clean(path: &str) -> String {
    let segments: Vec<&str> = (path.split('/'))
        .filter(|segment| !segment.is_empty() && *segment != ".")
        .collect();
    match (path.starts_with('/'), segments.is_empty()) {
        (true, _) => format!("/{}", segments.join("/")),
        (false, true) => path.to_string(),
        (false, false) => segments.join("/"),
    }
}

/// Where a file the user gave is: relative to the working directory (`SRCROOT`), as a `file`
/// URI when its path is absolute, or standard input by its name, from no base.
fn artifact(path: &str) -> ArtifactLocation {
    if path == STDIN_NAME {
        return ArtifactLocation {
            uri: uri(path),
            uri_base_id: None,
        };
    }
    let path = clean(path);
    if path.starts_with('/') {
        ArtifactLocation {
            uri: format!("file://{}", uri(&path)),
            uri_base_id: None,
        }
    } else {
        ArtifactLocation {
            uri: uri(&path),
            uri_base_id: Some(SOURCE_ROOT),
        }
    }
}

/// The working directory as a `file` URI ending in `/` (its bytes percent-encoded as they
/// are), where `SRCROOT` is; `None` when it cannot be read.
fn working_directory() -> Option<String> {
    let dir = std::env::current_dir().ok()?;
    let encoded = percent_encode(dir.as_os_str().as_encoded_bytes(), URI_KEPT);
    let mut uri = format!("file://{encoded}");
    if !uri.ends_with('/') {
        uri.push('/');
    }
    Some(uri)
}

/// The text that links the source place from a result's message, as GitHub renders it.
const SOURCE_LINK: &str = "in the source";

/// Where the README documents the rules: the repository's page (`package.repository` in
/// Cargo.toml), which shows the README, and a rule's heading there.
const README: &str = concat!(env!("CARGO_PKG_REPOSITORY"), "#");

/// The link to a rule's heading in the README, the rule's id in code, whose anchor GitHub
/// makes from its text as it makes every heading's: lowercased, with what is not a letter, a
/// digit, `-` or `_` dropped (`fact-mismatchnumber`).
fn help_uri(id: &str) -> String {
    let anchor: String = (id.chars())
        .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '_'))
        .flat_map(char::to_lowercase)
        .collect();
    format!("{README}{anchor}")
}

/// A rule's help, in Markdown and in plain text from one template: its full description, what
/// to do about a finding (correct the summary; or accept the finding in a baseline, or give
/// the rule another severity), and the link to the README.
fn help(description: &str, id: &str, link: &str) -> Help {
    let advice = |code: fn(&str) -> String| {
        format!(
            "When the summary is wrong, correct it. When the finding is wrong, or its words are \
             what the newsroom accepts, accept it in a baseline ({} writes one, {} reads it), \
             or give the rule another severity in {}: {} (or {}, {}) under {}.",
            code("crosscheck baseline SUMMARY SOURCE -o crosscheck-baseline.json"),
            code("crosscheck check --baseline crosscheck-baseline.json"),
            code("crosscheck.toml"),
            code(&format!("\"{id}\" = \"warning\"")),
            code("\"info\""),
            code("\"off\""),
            code("[severity]"),
        )
    };
    let more = "The rule in crosscheck's README";
    Help {
        markdown: format!(
            "{description}\n\n{}\n\n[{more}]({link})",
            advice(|code| format!("`{code}`"))
        ),
        text: format!(
            "{description}\n\n{}\n\n{more}: {link}",
            advice(str::to_string)
        ),
    }
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
        artifact_location: artifact(places.path(span)),
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
            id: SOURCE_PLACE,
            message: Text { text: SOURCE_LINK },
            physical_location: physical(&report.source, places.1, source_at),
        }]),
        _ => None,
    };
    // The link GitHub renders to the source place.
    let message = match related {
        Some(_) => Cow::Owned(format!(
            "{} ([{SOURCE_LINK}]({SOURCE_PLACE}))",
            finding.message
        )),
        None => Cow::Borrowed(&*finding.message),
    };
    SarifResult {
        level: level(finding.severity),
        locations: [PrimaryLocation {
            physical_location: location,
        }],
        message: Text { text: message },
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

/// The log's schema, and the SARIF version it is written in.
const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const SARIF_VERSION: &str = "2.1.0";

/// Writes the report as a SARIF 2.1.0 log, ending with a newline, result by result.
pub(super) fn write(report: &Report, out: &mut dyn io::Write) -> io::Result<()> {
    write_run(report, Wrapping::Log, out)
}

/// How a report's run is written: alone in its log, or as one element of a batch's `runs`
/// ([`write_batch_start`]).
#[derive(Clone, Copy)]
pub(super) enum Wrapping {
    /// In a log of its own, pretty-printed, ending with a newline.
    Log,
    /// The run object alone, on one line, for the `runs` of a batch's log.
    Element,
}

/// Opens a batch's log: everything before its first run.
pub(super) fn write_batch_start(out: &mut dyn io::Write) -> io::Result<()> {
    writeln!(out, "{{\"$schema\": \"{SCHEMA}\", \"runs\": [")
}

/// Closes a batch's log after its last run.
pub(super) fn write_batch_end(out: &mut dyn io::Write) -> io::Result<()> {
    writeln!(out, "\n], \"version\": \"{SARIF_VERSION}\"}}")
}

/// Writes the report's run, wrapped as `wrapping` says.
pub(super) fn write_run(
    report: &Report,
    wrapping: Wrapping,
    out: &mut dyn io::Write,
) -> io::Result<()> {
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
        .map(|rule| {
            let id = rule_id(rule.kind, rule.fact);
            let help_uri = help_uri(&id);
            let full_description = format!("{} {}", rule.description, rule.explanation);
            Rule {
                help: help(&full_description, &id, &help_uri),
                full_description: Text {
                    text: full_description,
                },
                help_uri,
                id,
                properties: RuleProperties {
                    tags: [name(&rule.kind)],
                },
                short_description: Text {
                    text: rule.description,
                },
            }
        })
        .collect();
    let notifications: Vec<Notification<'_>> = (report.limits.iter().map(|l| ("warning", l)))
        .chain(report.notes.iter().map(|n| ("note", n)))
        .map(|(level, text)| Notification {
            level,
            message: Text { text },
        })
        .collect();
    let run = Run {
        automation_details: AutomationDetails {
            id: format!("crosscheck/{}/", clean(&report.summary.path)),
        },
        column_kind: "unicodeCodePoints",
        invocations: (!notifications.is_empty()).then_some([Invocation {
            execution_successful: true,
            tool_execution_notifications: notifications,
        }]),
        original_uri_base_ids: working_directory().map(|uri| UriBases {
            source_root: BaseLocation {
                description: Text {
                    text: "the working directory crosscheck ran in",
                },
                uri,
            },
        }),
        results: Lazy(results),
        tool: Tool {
            driver: Driver {
                name: "crosscheck",
                rules,
                version: env!("CARGO_PKG_VERSION"),
            },
        },
    };
    match wrapping {
        Wrapping::Log => {
            let log = Log {
                schema: SCHEMA,
                runs: [run],
                version: SARIF_VERSION,
            };
            write_value(&log, Layout::Pretty, out)
        }
        Wrapping::Element => serde_json::to_writer(out, &run).map_err(io::Error::from),
    }
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

    #[test]
    fn paths_are_relative_to_the_working_directory_absolute_or_standard_input() {
        let relative = artifact("./news//-my report #1.txt");
        assert_eq!(
            (relative.uri.as_str(), relative.uri_base_id),
            ("news/-my%20report%20%231.txt", Some(SOURCE_ROOT))
        );
        let absolute = artifact("/tmp/./tin/Hà Nội 100%.txt");
        assert_eq!(
            (absolute.uri.as_str(), absolute.uri_base_id),
            ("file:///tmp/tin/H%C3%A0%20N%E1%BB%99i%20100%25.txt", None)
        );
        let stdin = artifact(STDIN_NAME);
        assert_eq!(
            (stdin.uri.as_str(), stdin.uri_base_id),
            ("%3Cstdin%3E", None)
        );
        assert_eq!(clean("../a/./b"), "../a/b");
        assert_eq!(clean("./-"), "-");
        assert_eq!(clean("/"), "/");
    }

    #[test]
    fn help_links_the_rule_heading_and_says_how_to_accept_a_finding() {
        assert!(help_uri("fact-mismatch/number").ends_with("#fact-mismatchnumber"));
        assert!(help_uri("other-speaker").starts_with("https://"));
        let help = help("A rule.", "omission", "https://example.org/#x");
        assert!(help.markdown.starts_with("A rule.\n\n"));
        assert!(help.markdown.contains("`\"omission\" = \"warning\"`"));
        assert!(help.markdown.ends_with("](https://example.org/#x)"));
        assert!(!help.text.contains('`') && help.text.ends_with(": https://example.org/#x"));
    }
}
