//! SARIF 2.1.0 (`--format sarif`): one rule per finding kind and fact, one result per
//! finding at its summary place (the source place for an omission), the source place as a
//! related location, columns in Unicode code points, and a fingerprint per result that does
//! not depend on line numbers.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde_json::{Value, json};

use super::{LineIndex, Side, fingerprint, primary};
use crate::classify::rules;
use crate::model::{Document, Finding, Location, Report, Severity, rule_id};

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

fn physical(document: &Document, lines: &LineIndex<'_>, at: Location) -> Value {
    let start = lines.position(at.span.start);
    let end = lines.position(at.span.end);
    json!({
        "artifactLocation": { "uri": uri(&document.path) },
        "region": {
            "startLine": start.line,
            "startColumn": start.column,
            "endLine": end.line,
            "endColumn": end.column,
            "byteOffset": at.span.start,
            "byteLength": at.span.len(),
            "snippet": { "text": document.slice(at.span) },
        },
    })
}

fn result(
    report: &Report,
    lines: (&LineIndex<'_>, &LineIndex<'_>),
    finding: &Finding,
    accepted: bool,
) -> Value {
    let id = finding.rule();
    let index = rules()
        .iter()
        .position(|rule| rule.kind == finding.kind && rule.fact == finding.fact)
        .expect("every finding has a rule");
    let (side, at) = primary(finding);
    let location = match side {
        Side::Summary => physical(&report.summary, lines.0, at),
        Side::Source => physical(&report.source, lines.1, at),
    };
    let mut result = json!({
        "ruleId": id,
        "ruleIndex": index,
        "level": level(finding.severity),
        "message": { "text": finding.message },
        "locations": [{ "physicalLocation": location }],
        "partialFingerprints": { "crosscheck/v1": fingerprint(report, finding) },
    });
    if accepted {
        result["suppressions"] =
            json!([{ "kind": "external", "justification": "accepted in the baseline" }]);
    }
    if let (Some(_), Some(source_at)) = (finding.summary, finding.source) {
        result["relatedLocations"] = json!([{
            "id": 1,
            "physicalLocation": physical(&report.source, lines.1, source_at),
            "message": { "text": "in the source" },
        }]);
    }
    result
}

/// Renders the report as a SARIF 2.1.0 log, ending with a newline.
pub(super) fn render(report: &Report) -> String {
    let summary_lines = LineIndex::new(&report.summary.text);
    let source_lines = LineIndex::new(&report.source.text);
    let rules: Vec<Value> = rules()
        .iter()
        .map(|rule| {
            json!({ "id": rule_id(rule.kind, rule.fact), "shortDescription": { "text": rule.description } })
        })
        .collect();
    let results: Vec<Value> = report
        .findings
        .iter()
        .enumerate()
        .map(|(i, f)| {
            result(
                report,
                (&summary_lines, &source_lines),
                f,
                report.is_accepted(i),
            )
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "crosscheck",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    let mut out = serde_json::to_string_pretty(&log).expect("the log serializes");
    out.push('\n');
    out
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
