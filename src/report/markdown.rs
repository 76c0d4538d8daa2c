//! The Markdown review (`--format markdown`), for an editor to paste into a ticket: counts per
//! label, the findings grouped by severity with both excerpts (the exact words in bold) and
//! the changed words marked, then the omissions ranked by salience with what they lose.
//!
//! Untrusted text is shown through [`printable`], then either escaped for Markdown and HTML
//! ([`escape`]) or put in a code span whose fence no backtick in it can close ([`code`]).

use std::io;

use super::{Acceptance, Marks, Places, mismatch_diff, overview};
use crate::model::{Document, Finding, FindingKind, Location, Report, Severity, printable};

/// Escapes text so that Markdown shows it as written, on one line: white space runs become one
/// space, control and bidi characters show as escapes, and every character Markdown or HTML
/// could read as markup is backslash-escaped (`!` opens an image only before a `[`, which is
/// escaped, so it stays as written).
pub(super) fn escape(text: &str) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = String::with_capacity(flat.len());
    for c in printable(&flat).chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '&'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The sentence holding a place, with the place's words in bold.
fn excerpt(document: &Document, at: Location) -> String {
    let sentence = document.sentences[at.sentence()].span;
    if at.span() == sentence {
        return escape(document.slice(sentence));
    }
    let before = &document.text[sentence.start..at.span().start.max(sentence.start)];
    let after = &document.text[at.span().end.min(sentence.end)..sentence.end];
    format!(
        "{} **{}** {}",
        escape(before),
        escape(document.slice(at.span())),
        escape(after)
    )
    .trim()
    .to_string()
}

/// Text as a code span, shown through [`printable`], fenced by more backticks than its longest
/// run of them (the rule of `CommonMark`), so that nothing in it is read as markup.
fn code(text: &str) -> String {
    let text = printable(text);
    let longest_run = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest_run + 1);
    let padded = text.starts_with('`')
        || text.ends_with('`')
        || (text.starts_with(' ') && text.ends_with(' ') && !text.trim().is_empty());
    if padded {
        format!("{fence} {text} {fence}")
    } else {
        format!("{fence}{text}{fence}")
    }
}

fn place(places: &Places<'_>, at: Location) -> String {
    code(&format!(
        "{}:{}",
        places.path(at.span()),
        places.start(at.span())
    ))
}

struct Writer<'a> {
    report: &'a Report,
    summary_lines: Places<'a>,
    source_lines: Places<'a>,
    /// The `[equivalences]` line each finding suggests ([`Acceptance::equivalences`]).
    equivalences: Vec<Option<[String; 2]>>,
}

impl Writer<'_> {
    fn finding(&self, out: &mut dyn io::Write, index: usize) -> io::Result<()> {
        let report = self.report;
        let finding = &report.findings[index];
        let doubtful = if finding.confidence < report.min_confidence {
            ", under the minimum: does not fail the run"
        } else {
            ""
        };
        writeln!(
            out,
            "### `{}` {} (confidence {:.2}{doubtful})\n",
            finding.rule(),
            escape(&finding.message),
            finding.confidence
        )?;
        if let Some(at) = finding.summary {
            let place = place(&self.summary_lines, at);
            writeln!(
                out,
                "- **Summary** {place}: {}",
                excerpt(&report.summary, at)
            )?;
        }
        if let Some(at) = finding.source {
            let place = place(&self.source_lines, at);
            writeln!(out, "- **Source** {place}: {}", excerpt(&report.source, at))?;
        }
        if let Some(diff) = mismatch_diff(report, finding, Marks::MARKDOWN) {
            writeln!(out, "- **Changed words** (~~source~~ **summary**): {diff}")?;
        }
        let accept = Acceptance::of(report, index, &self.equivalences);
        let equivalence = (accept.equivalence.as_deref())
            .map(|line| format!("{} under `[equivalences]`, or ", code(line)))
            .unwrap_or_default();
        writeln!(
            out,
            "- **To accept**: the baseline entry {}, or in crosscheck.toml {equivalence}{} \
             under `[severity]`",
            code(&accept.entry_line()),
            code(&accept.severity)
        )?;
        out.write_all(b"\n")
    }
}

/// Writes the Markdown review, finding by finding.
pub(super) fn write(report: &Report, out: &mut dyn io::Write) -> io::Result<()> {
    let writer = Writer {
        report,
        summary_lines: Places::new(&report.summary),
        source_lines: Places::new(&report.source),
        equivalences: Acceptance::equivalences(report),
    };
    writeln!(out, "# crosscheck review\n")?;
    writeln!(
        out,
        "{} checked against {}.\n",
        code(&report.summary.path),
        code(&report.source.path)
    )?;
    writeln!(out, "| | |\n| --- | --- |")?;
    for (what, counts) in overview(report, &str::to_string) {
        writeln!(out, "| {what} | {} |", escape(&counts))?;
    }
    for limit in &report.limits {
        writeln!(out, "\n> **Limit reached:** {}", escape(limit))?;
    }
    for note in &report.notes {
        writeln!(out, "\n> **Note:** {}", escape(note))?;
    }
    out.write_all(b"\n")?;
    for (severity, title) in [
        (Severity::Error, "Errors"),
        (Severity::Warning, "Warnings"),
        (Severity::Info, "Notes"),
    ] {
        // Findings the baseline accepts are counted in the overview, not shown.
        let findings: Vec<usize> = (report.findings.iter().enumerate())
            .filter(|&(index, f)| {
                f.severity == severity
                    && f.kind != FindingKind::Omission
                    && !report.is_accepted(index)
            })
            .map(|(index, _)| index)
            .collect();
        if findings.is_empty() {
            continue;
        }
        writeln!(out, "## {title}\n")?;
        for index in findings {
            writer.finding(out, index)?;
        }
    }
    let omissions: Vec<&Finding> = (report.findings.iter().enumerate())
        .filter(|&(index, f)| f.kind == FindingKind::Omission && !report.is_accepted(index))
        .map(|(_, f)| f)
        .collect();
    if !omissions.is_empty() {
        writeln!(out, "## Omissions, by salience\n")?;
        // A source of several files lists each file's omissions under its path, the file
        // of the most salient first.
        let mut per_file: Vec<(&str, Vec<(Location, Severity)>)> = Vec::new();
        for finding in &omissions {
            let Some(at) = finding.source else { continue };
            let path = writer.source_lines.path(at.span());
            let omission = (at, finding.severity);
            match per_file.iter_mut().find(|(file, _)| *file == path) {
                Some((_, places)) => places.push(omission),
                None => per_file.push((path, vec![omission])),
            }
        }
        for (file, (path, places)) in per_file.into_iter().enumerate() {
            if writer.source_lines.several() {
                let gap = if file == 0 { "" } else { "\n" };
                writeln!(out, "{gap}### {}\n", code(path))?;
            }
            for (rank, (at, severity)) in places.into_iter().enumerate() {
                let judgement = &report.source_judgements[at.sentence()];
                let salience = judgement.salience().unwrap_or_default();
                let loses = if judgement.lost().is_empty() {
                    String::new()
                } else {
                    format!(" It loses {}.", escape(&judgement.lost().join(", ")))
                };
                writeln!(
                    out,
                    "{}. **{salience:.2}** ({}) {} {}{loses}",
                    rank + 1,
                    super::name(&severity),
                    place(&writer.source_lines, at),
                    excerpt(&report.source, at)
                )?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_spans_cannot_be_closed_by_the_text() {
        assert_eq!(code("a.txt"), "`a.txt`");
        assert_eq!(code("a`b``c"), "```a`b``c```");
        assert_eq!(code("`x\n# y"), "`` `x\\u{a}# y ``");
    }

    #[test]
    fn escapes_markup_and_html() {
        assert_eq!(
            escape("![x](y) <b>&amp;\n# z\x1b"),
            "!\\[x\\](y) \\<b\\>\\&amp; \\# z\\\\u{1b}"
        );
    }
}
