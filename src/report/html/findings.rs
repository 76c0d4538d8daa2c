//! The page's findings: one group per severity, errors first, then warnings, then info
//! (collapsed), each with its count; above them, filters by severity, by rule and by
//! confidence, which the page's script applies (and which a link can set:
//! `#severity=error,warning&rule=omission&min-confidence=0.8`).
//!
//! Each finding says where it is as an editor counts (`summary, paragraph 3, sentence 2`,
//! within its own file in a source of several), with the path, line and column in the
//! link's tooltip, and carries a button that copies its baseline entry, the text
//! [`baseline::listed_entry`] gives, and whose tooltip gives the line of `[severity]` that
//! turns its rule off; a mismatch also gives the line of `[equivalences]` that would accept
//! it ([`crate::report::Acceptance`]).

use std::collections::BTreeMap;
use std::io;

use super::{Page, escape, sentence_id};
use crate::baseline;
use crate::model::{FindingKind, Report, Severity, Span, printable};
use crate::report::{Acceptance, Marks, Place, Side, mismatch_diff, name, primary};

/// The severities in the order of their groups: the worst first.
const GROUPS: [(Severity, &str); 3] = [
    (Severity::Error, "Errors"),
    (Severity::Warning, "Warnings"),
    (Severity::Info, "Info"),
];

/// Writes the findings section.
pub(super) fn write(out: &mut dyn io::Write, page: &Page<'_>) -> io::Result<()> {
    let report = page.report;
    out.write_all(b"<section class=\"findings\"><h2>Findings</h2>\n")?;
    if report.findings.is_empty() {
        let text = if report.hidden.is_empty() {
            "No findings."
        } else {
            "No findings shown (see the counts above)."
        };
        return writeln!(out, "<p>{text}</p></section>");
    }
    filters(out, page)?;
    let equivalences = Acceptance::equivalences(report);
    for (severity, title) in GROUPS {
        let members: Vec<usize> = shown(report)
            .filter(|&index| report.findings[index].severity == severity)
            .collect();
        if members.is_empty() {
            continue;
        }
        let severity = name(&severity);
        let open = if severity == "info" { "" } else { " open" };
        writeln!(
            out,
            "<details class=\"group {severity}\" data-severity=\"{severity}\"{open}>\
             <summary>{title} <span class=\"count\">{}</span></summary><ol>",
            members.len()
        )?;
        for index in members {
            item(out, page, index, &equivalences)?;
        }
        out.write_all(b"</ol></details>\n")?;
    }
    out.write_all(b"</section>\n")
}

/// The indices of the findings the page lists: those a baseline accepts are counted in the
/// overview, not listed.
fn shown(report: &Report) -> impl Iterator<Item = usize> + '_ {
    (0..report.findings.len()).filter(|&index| !report.is_accepted(index))
}

/// The filters: a box per severity present, a list of the rules present, and the least
/// confidence shown; each with its counts.
fn filters(out: &mut dyn io::Write, page: &Page<'_>) -> io::Result<()> {
    let report = page.report;
    out.write_all(b"<form class=\"filters\"><fieldset><legend>Severity</legend>")?;
    for (severity, _) in GROUPS {
        let count = shown(report)
            .filter(|&index| report.findings[index].severity == severity)
            .count();
        if count > 0 {
            let severity = name(&severity);
            write!(
                out,
                "<label><input type=\"checkbox\" name=\"severity\" value=\"{severity}\" checked> \
                 {severity} ({count})</label> "
            )?;
        }
    }
    let mut rules: BTreeMap<String, usize> = BTreeMap::new();
    for index in shown(report) {
        *rules.entry(report.findings[index].rule()).or_default() += 1;
    }
    write!(
        out,
        "</fieldset><label>Rule <select id=\"rule\"><option value=\"\">every rule ({})</option>",
        shown(report).count()
    )?;
    for (rule, count) in &rules {
        let rule = escape(rule);
        write!(out, "<option value=\"{rule}\">{rule} ({count})</option>")?;
    }
    writeln!(
        out,
        "</select></label> <label>Rated at least \
         <input type=\"range\" id=\"min-confidence\" min=\"0\" max=\"1\" step=\"0.01\" \
         value=\"0\"> <output for=\"min-confidence\">0.00</output></label> \
         <span class=\"fails\">(the run fails only on those rated at least {:.2})</span></form>",
        report.min_confidence
    )
}

/// One finding: the button that copies its baseline entry (its tooltip says how to turn the
/// rule off), its severity, rule, confidence and message, where it is, and for a mismatch the
/// word diff and the line of `[equivalences]` that would accept it.
fn item(
    out: &mut dyn io::Write,
    page: &Page<'_>,
    index: usize,
    equivalences: &[Option<[String; 2]>],
) -> io::Result<()> {
    let report = page.report;
    let finding = &report.findings[index];
    let severity = name(&finding.severity);
    let rule = escape(&finding.rule());
    let accept = Acceptance::of(report, index, equivalences);
    let mut classes = format!("finding {severity}");
    if report.is_doubtful(index) {
        classes.push_str(" doubtful");
    }
    write!(
        out,
        "<li class=\"{classes}\" data-rule=\"{rule}\" data-confidence=\"{confidence:.2}\">\
         <button type=\"button\" class=\"copy\" data-entry=\"{entry}\" title=\"Copies the \
         entry that accepts this finding, for the accepted list of a baseline file. Or turn \
         its rule off in crosscheck.toml: {severity_line} under [severity]\">\
         copy baseline entry</button>\
         <span class=\"severity\">{severity}</span> <code>{rule}</code> \
         <span class=\"confidence\" title=\"estimated probability that the finding is right\">\
         {confidence:.2}</span> ",
        confidence = finding.confidence,
        entry = escape(&baseline::listed_entry(&accept.entry)),
        severity_line = escape(&accept.severity),
    )?;
    let (side, at) = primary(finding);
    write!(
        out,
        "{} <span class=\"places\">{}",
        escape(&finding.message),
        place_link(page, side, at.sentence(), at.span())
    )?;
    if let (Side::Summary, Some(source)) = (side, finding.source) {
        write!(
            out,
            " ↔ {}",
            place_link(page, Side::Source, source.sentence(), source.span())
        )?;
    }
    out.write_all(b"</span>")?;
    // An omission shows what the summary leaves out, not only where it is.
    if let (FindingKind::Omission, Some(at)) = (finding.kind, finding.source) {
        let sentence = report.source.sentences[at.sentence()].span;
        write!(
            out,
            "<blockquote class=\"left-out\">{}</blockquote>",
            escape(&printable(report.source.slice(sentence)))
        )?;
    }
    if let Some(diff) = mismatch_diff(report, finding, Marks::HTML) {
        write!(out, "<div class=\"diff\">{diff}</div>")?;
    }
    if let Some(line) = accept.equivalence {
        write!(
            out,
            "<div class=\"accept\">or accept these words in crosscheck.toml: \
             <code>{}</code> under <code>[equivalences]</code></div>",
            escape(&line)
        )?;
    }
    out.write_all(b"</li>\n")
}

/// A link to a finding's place in one document, named as an editor counts
/// (`summary, paragraph 3, sentence 2`; in a source of several, the file's short path instead
/// of `source`), with the whole path, the line and column of `span` and the sentence's
/// number on the map in its tooltip.
fn place_link(page: &Page<'_>, side: Side, sentence: usize, span: Span) -> String {
    let located = page.located(side);
    let number = located.numbers[sentence];
    let tooltip = format!(
        "{}, {}; sentence {} of the file",
        located.places.path(span),
        describe(located.places.start(span)),
        number.in_file
    );
    format!(
        "<a href=\"#{}\" title=\"{}\">{}, {}</a>",
        sentence_id(side, sentence),
        escape(&tooltip),
        page.file_name(side, span),
        number.describe()
    )
}

/// A place in a file in words: `line 14, column 3`; `Word paragraph 3, column 14`; then the
/// subtitle cue's time, `at 00:04:12`.
fn describe(place: Place) -> String {
    let unit = if place.paragraph {
        "Word paragraph"
    } else {
        "line"
    };
    let mut text = format!("{unit} {}, column {}", place.line, place.column);
    if let Some(time) = place.time {
        text.push_str(&format!(", at {time}"));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_are_described_in_words() {
        let place = Place {
            line: 14,
            column: 3,
            paragraph: false,
            time: None,
        };
        assert_eq!(describe(place), "line 14, column 3");
        let paragraph = Place {
            paragraph: true,
            ..place
        };
        assert_eq!(describe(paragraph), "Word paragraph 14, column 3");
    }
}
