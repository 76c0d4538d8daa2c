//! GitHub Actions workflow annotations (`--format github`): one `::warning` per limit of the
//! check and one `::notice` per note, then one `::error`, `::warning` or `::notice` line per
//! finding, at its summary place (the source place for an omission), with
//! the data and properties escaped as the runner expects. Findings a baseline accepts are left
//! out.

use std::io;

use super::{Places, Side, primary};
use crate::model::{Report, Severity, printable};

/// Escapes an annotation's message: control and bidi characters, CR and LF among them, shown
/// as escapes ([`printable`]), so nothing can end the command or start another; then `%`, so
/// the runner decodes nothing the text did not hold.
fn data(text: &str) -> String {
    printable(text).replace('%', "%25")
}

/// Escapes an annotation's property value: as [`data`], and `:` and `,`.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

/// Writes one annotation line per limit of the check (a warning) and per note on how it read
/// its input (a notice), on the summary, then one per finding.
pub(super) fn write(report: &Report, out: &mut dyn io::Write) -> io::Result<()> {
    let limits = report.limits.iter().map(|l| ("warning", "limit", l));
    for (command, kind, text) in limits.chain(report.notes.iter().map(|n| ("notice", "note", n))) {
        writeln!(
            out,
            "::{command} file={},title={}::{}",
            property(&report.summary.path),
            property(&format!("crosscheck {kind}")),
            data(text)
        )?;
    }
    let summary_places = Places::new(&report.summary);
    let source_places = Places::new(&report.source);
    for (index, finding) in report.findings.iter().enumerate() {
        if report.is_accepted(index) {
            continue;
        }
        let (side, at) = primary(finding);
        let places = match side {
            Side::Summary => &summary_places,
            Side::Source => &source_places,
        };
        let path = places.path(at.span());
        let start = places.start(at.span());
        let end = places.end(at.span());
        // A finding too doubtful to fail the run is a notice, whatever its severity.
        let command = match finding.severity {
            _ if report.is_doubtful(index) => "notice",
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        writeln!(
            out,
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            property(path),
            start.line,
            start.column,
            end.line,
            end.column,
            property(&format!(
                "crosscheck {} ({:.2})",
                finding.rule(),
                finding.confidence
            )),
            data(&finding.message)
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_the_runner_expects() {
        assert_eq!(data("50% of a\r\nb"), "50%25 of a\\u{d}\\u{a}b");
        assert_eq!(
            data("x\n::error file=x::hi\x1b[2J"),
            "x\\u{a}::error file=x::hi\\u{1b}[2J"
        );
        assert_eq!(property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
