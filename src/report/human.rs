//! The human report (the default format), drawn in the style of miette and codespan: counts per
//! label, then every finding with a header, the excerpt of each file it points into (wrapped to
//! the width, with the exact span underlined and its line and column), and for mismatches a
//! word diff of the two sentences.
//!
//! miette's own graphical handler prints whole source lines, and a news paragraph is one line
//! of several hundred characters, so excerpts here are wrapped sentences instead.
//!
//! Every untrusted text (paths, excerpts, messages, baseline entries) passes through
//! [`printable`] before it is coloured, so our styling survives and the input's cannot act.

use std::io;

use unicode_width::UnicodeWidthStr;

use super::{Acceptance, Marks, Places, Style, mismatch_diff, overview};
use crate::model::{Document, FindingKind, Location, Report, Severity, printable};

const RED: &str = "\x1b[1;31m";
const YELLOW: &str = "\x1b[1;33m";
const CYAN: &str = "\x1b[1;36m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

/// Columns taken by the gutter (`  │ `).
const GUTTER: usize = 4;

/// Stale baseline entries listed; the JSON report lists them all.
const STALE_SHOWN: usize = 20;

/// Columns `text` takes once shown through [`printable`].
fn shown_width(text: &str) -> usize {
    printable(text).width()
}

struct Painter {
    color: bool,
}

impl Painter {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("{code}{text}{RESET}")
        } else {
            text.to_string()
        }
    }
}

fn severity_style(severity: Severity) -> (&'static str, &'static str) {
    match severity {
        Severity::Error => ("error", RED),
        Severity::Warning => ("warning", YELLOW),
        Severity::Info => ("info", CYAN),
    }
}

/// The words of a text with their byte offsets.
fn words_with_offsets(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = None;
    let mut chars = text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')));
    std::iter::from_fn(move || {
        for (at, c) in chars.by_ref() {
            match (start, c.is_whitespace()) {
                (None, false) => start = Some(at),
                (Some(s), true) => {
                    start = None;
                    return Some((s, &text[s..at]));
                }
                _ => {}
            }
        }
        None
    })
}

/// A sentence broken into lines of at most `width` columns: (byte offset of each line's start
/// in the document, the line's text).
fn wrap(document: &Document, span: crate::Span, width: usize) -> Vec<(usize, &str)> {
    let text = document.slice(span);
    let mut lines = Vec::new();
    let mut line: Option<(usize, usize)> = None;
    for (offset, word) in words_with_offsets(text) {
        let end = offset + word.len();
        line = match line {
            Some((start, line_end)) if shown_width(&text[start..end]) > width => {
                lines.push((span.start + start, &text[start..line_end]));
                Some((offset, end))
            }
            Some((start, _)) => Some((start, end)),
            None => Some((offset, end)),
        };
    }
    if let Some((start, end)) = line {
        lines.push((span.start + start, &text[start..end]));
    }
    lines
}

/// Draws the findings of one report.
struct Renderer<'a> {
    report: &'a Report,
    style: Style,
    painter: Painter,
    summary_places: Places<'a>,
    source_places: Places<'a>,
    /// The `[equivalences]` line each finding suggests ([`Acceptance::equivalences`]).
    equivalences: Vec<Option<[String; 2]>>,
}

impl Renderer<'_> {
    /// One file's excerpt: a location header, the wrapped sentence, and the span underlined.
    fn excerpt(
        &self,
        out: &mut dyn io::Write,
        in_summary: bool,
        at: Location,
        label: &str,
        first: bool,
    ) -> io::Result<()> {
        let (document, places) = if in_summary {
            (&self.report.summary, &self.summary_places)
        } else {
            (&self.report.source, &self.source_places)
        };
        let corner = if first { "┌─" } else { "├─" };
        writeln!(
            out,
            "  {corner} {}:{}",
            printable(places.path(at.span())),
            places.start(at.span())
        )?;
        let sentence = document.sentences[at.sentence()].span;
        let whole = at.span() == sentence;
        for (start, line) in wrap(document, sentence, self.style.width.saturating_sub(GUTTER)) {
            writeln!(out, "  │ {}", printable(line))?;
            let end = start + line.len();
            if whole || at.span().start >= end || at.span().end <= start {
                continue;
            }
            let from = at.span().start.max(start);
            let to = at.span().end.min(end);
            let pad = shown_width(&document.text[start..from]);
            let carets = "^".repeat(shown_width(&document.text[from..to]).max(1));
            let label = if at.span().start >= start { label } else { "" };
            writeln!(
                out,
                "  │ {}{} {label}",
                " ".repeat(pad),
                self.painter.paint(BOLD, &carets)
            )?;
        }
        if whole {
            writeln!(
                out,
                "  │ {}",
                self.painter.paint(BOLD, &format!("╰─ {label}"))
            )?;
        }
        Ok(())
    }

    fn finding(&self, out: &mut dyn io::Write, index: usize) -> io::Result<()> {
        let finding = &self.report.findings[index];
        let (word, code) = severity_style(finding.severity);
        let kind = finding.rule();
        let confidence = if finding.confidence < self.report.min_confidence {
            format!(
                "({:.2}, under the minimum confidence {}: does not fail the run)",
                finding.confidence, self.report.min_confidence
            )
        } else {
            format!("({:.2})", finding.confidence)
        };
        writeln!(
            out,
            "{} {confidence}: {}",
            self.painter.paint(code, &format!("{word}[{kind}]")),
            self.painter.paint(BOLD, &printable(&finding.message))
        )?;
        let (summary_label, source_label) = labels(finding.kind);
        if let Some(at) = finding.summary {
            self.excerpt(out, true, at, summary_label, true)?;
        }
        if let Some(at) = finding.source {
            self.excerpt(out, false, at, source_label, finding.summary.is_none())?;
        }
        let marks = if self.style.color {
            Marks::ANSI
        } else {
            Marks::PLAIN
        };
        if let Some(diff) = mismatch_diff(self.report, finding, marks) {
            writeln!(out, "  = source → summary: {diff}")?;
        }
        let accept = Acceptance::of(self.report, index, &self.equivalences);
        writeln!(out, "  = to accept: baseline entry {}", accept.entry_line())?;
        let equivalence = (accept.equivalence.as_deref())
            .map(|line| format!("[equivalences] {}, or ", printable(line)))
            .unwrap_or_default();
        writeln!(
            out,
            "    or in crosscheck.toml {equivalence}[severity] {}",
            accept.severity
        )
    }
}

fn labels(kind: FindingKind) -> (&'static str, &'static str) {
    match kind {
        FindingKind::FactMismatch => ("the summary says this", "the source says this"),
        FindingKind::Unsupported => ("not supported by the source", "nearest source sentence"),
        FindingKind::OtherSpeaker => ("another speaker's words", "nearest source sentence"),
        FindingKind::ParaphraseShift => ("shifted", "the source says this"),
        FindingKind::Omission => ("", "not in the summary"),
    }
}

/// Writes the human report: its header, when the style has one, then finding by finding,
/// each after a blank line.
pub(super) fn write(report: &Report, style: Style, out: &mut dyn io::Write) -> io::Result<()> {
    if style.header {
        write_header(report, out)?;
    } else {
        // Without the header (`--quiet`), the limits still show: reaching one fails the run.
        write_limits(report, out)?;
    }
    let renderer = Renderer {
        report,
        style,
        painter: Painter { color: style.color },
        summary_places: Places::new(&report.summary),
        source_places: Places::new(&report.source),
        equivalences: Acceptance::equivalences(report),
    };
    // Findings the baseline accepts are counted in the header, not shown.
    let shown = (0..report.findings.len()).filter(|&index| !report.is_accepted(index));
    for (count, index) in shown.enumerate() {
        if style.header || count > 0 || !report.limits.is_empty() {
            out.write_all(b"\n")?;
        }
        renderer.finding(out, index)?;
    }
    Ok(())
}

/// The limits reached, one a line.
fn write_limits(report: &Report, out: &mut dyn io::Write) -> io::Result<()> {
    for limit in &report.limits {
        writeln!(out, "  limit     {}", printable(limit))?;
    }
    for note in &report.notes {
        writeln!(out, "  note      {}", printable(note))?;
    }
    Ok(())
}

/// The header: the two paths, the overview's counts, the limits reached, and what a
/// baseline accepted, with its stale entries.
fn write_header(report: &Report, out: &mut dyn io::Write) -> io::Result<()> {
    writeln!(
        out,
        "crosscheck: {} against {}",
        printable(&report.summary.path),
        printable(&report.source.path)
    )?;
    for (what, counts) in overview(report, &str::to_string) {
        writeln!(out, "  {what:<9} {}", printable(&counts))?;
    }
    write_limits(report, out)?;
    if let Some(baseline) = &report.baseline {
        for entry in baseline.stale.iter().take(STALE_SHOWN) {
            writeln!(
                out,
                "  stale     {} {}: {}",
                printable(&entry.fingerprint),
                printable(&entry.rule),
                printable(&entry.message)
            )?;
        }
        if let Some(more) = baseline
            .stale
            .len()
            .checked_sub(STALE_SHOWN)
            .filter(|&n| n > 0)
        {
            writeln!(out, "  stale     … and {more} more (see --format json)")?;
        }
    }
    Ok(())
}
