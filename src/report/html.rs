//! The HTML review (`--format html`): one self-contained page (inline CSS, a little inline
//! script, nothing loaded from anywhere) with an alignment map, the findings, and the summary
//! and the source side by side, every sentence coloured by its label. Hovering or clicking a
//! sentence highlights its aligned partners; the findings link to both places.
//!
//! Every piece of the input passes through [`escape`] before it reaches the page.

use std::io;

use super::{Marks, Places, Side, mismatch_diff, name, overview, primary};
use crate::model::{Finding, Judgement, Language, Report, Span};

/// Escapes text for HTML element content and quoted attribute values.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// The id of a sentence's element: `sum-3`, `src-12`.
fn sentence_id(side: Side, index: usize) -> String {
    match side {
        Side::Summary => format!("sum-{index}"),
        Side::Source => format!("src-{index}"),
    }
}

/// The label name and partners of every sentence of one side.
fn sentence_labels(report: &Report, side: Side) -> Vec<(String, &[usize])> {
    fn pairs<L: serde::Serialize>(judgements: &[Judgement<L>]) -> Vec<(String, &[usize])> {
        judgements
            .iter()
            .map(|j| (name(&j.label), j.aligned_to.as_slice()))
            .collect()
    }
    match side {
        Side::Summary => pairs(&report.summary_judgements),
        Side::Source => pairs(&report.source_judgements),
    }
}

/// The spans findings point at in one document, within a sentence and shorter than it, in
/// order and without overlap: these are marked inside the sentence.
fn marked_spans(report: &Report, side: Side) -> Vec<(Span, String)> {
    let document = side.document(report);
    let mut spans: Vec<(Span, String)> = report
        .findings
        .iter()
        .filter_map(|finding| {
            let at = side.location(finding)?;
            (at.span() != document.sentences[at.sentence()].span)
                .then(|| (at.span(), name(&finding.severity)))
        })
        .collect();
    spans.sort_by_key(|(span, _)| (span.start, span.end));
    let mut end = 0;
    spans.retain(|(span, _)| {
        let keep = span.start >= end;
        if keep {
            end = span.end;
        }
        keep
    });
    spans
}

/// One document's column: its whole text, each sentence a labelled element.
fn column(out: &mut dyn io::Write, report: &Report, side: Side) -> io::Result<()> {
    let document = side.document(report);
    let labels = sentence_labels(report, side);
    let (class, title) = match side {
        Side::Summary => ("summary", "Summary"),
        Side::Source => ("source", "Source"),
    };
    let lang = match document.language {
        Language::Vietnamese => " lang=\"vi\"",
        Language::English => "",
        Language::German => " lang=\"de\"",
    };
    write!(
        out,
        "<section class=\"column {class}\"><h2>{title} <code>{}</code></h2><div class=\"text\"{lang}>",
        escape(&document.path)
    )?;
    let marks = marked_spans(report, side);
    let mut marks = marks.iter().peekable();
    let mut parts = document.parts.iter().peekable();
    let mut at = 0;
    for (index, sentence) in document.sentences.iter().enumerate() {
        // Each file of a source of several starts under its path.
        while let Some(part) = parts.next_if(|part| part.start <= sentence.span.start) {
            out.write_all(escape(&document.text[at..part.start]).as_bytes())?;
            write!(
                out,
                "<h3 class=\"part\"><code>{}</code></h3>",
                escape(&part.path)
            )?;
            at = part.start;
        }
        out.write_all(escape(&document.text[at..sentence.span.start]).as_bytes())?;
        let (label, partners) = &labels[index];
        let links: Vec<String> = partners
            .iter()
            .map(|&p| sentence_id(side.other(), p))
            .collect();
        write!(
            out,
            "<span class=\"s {label}\" id=\"{}\" data-links=\"{}\" title=\"{label}\">",
            sentence_id(side, index),
            links.join(" ")
        )?;
        let mut inner = sentence.span.start;
        while let Some((span, severity)) = marks.next_if(|(s, _)| s.end <= sentence.span.end) {
            if span.start < inner {
                continue;
            }
            write!(
                out,
                "{}<mark class=\"{severity}\">{}</mark>",
                escape(&document.text[inner..span.start]),
                escape(document.slice(*span))
            )?;
            inner = span.end;
        }
        out.write_all(escape(&document.text[inner..sentence.span.end]).as_bytes())?;
        out.write_all(b"</span>")?;
        at = sentence.span.end;
    }
    out.write_all(escape(&document.text[at..]).as_bytes())?;
    out.write_all(b"</div></section>\n")
}

/// Height of the alignment map's drawing area, in pixels.
fn map_height(sentences: usize) -> f64 {
    (sentences as f64 * 12.0).clamp(240.0, 1400.0)
}

/// The alignment map: the summary's sentences down the left, the source's down the right,
/// each link a ribbon between them.
fn alignment_map(out: &mut dyn io::Write, report: &Report) -> io::Result<()> {
    const WIDTH: f64 = 640.0;
    const BAR: f64 = 90.0;
    const TOP: f64 = 24.0;
    let summary_count = report.summary.sentences.len().max(1);
    let source_count = report.source.sentences.len().max(1);
    let height = map_height(summary_count.max(source_count));
    let summary_step = height / summary_count as f64;
    let source_step = height / source_count as f64;
    writeln!(
        out,
        "<svg class=\"map\" role=\"img\" aria-label=\"alignment map\" viewBox=\"0 0 {WIDTH} {}\" \
         width=\"{WIDTH}\" height=\"{}\" xmlns=\"http://www.w3.org/2000/svg\">\
         <text x=\"0\" y=\"14\">summary</text>\
         <text x=\"{WIDTH}\" y=\"14\" text-anchor=\"end\">source</text>",
        height + TOP,
        height + TOP
    )?;
    for (index, judgement) in report.summary_judgements.iter().enumerate() {
        let top = TOP + index as f64 * summary_step;
        for &source in &judgement.aligned_to {
            let target = TOP + source as f64 * source_step;
            let (x1, x2, middle) = (BAR, WIDTH - BAR, WIDTH / 2.0);
            writeln!(
                out,
                "<path class=\"ribbon {label}\" data-sum=\"{sum}\" data-src=\"{src}\" \
                 d=\"M{x1},{a:.1} C{middle},{a:.1} {middle},{b:.1} {x2},{b:.1} \
                 L{x2},{c:.1} C{middle},{c:.1} {middle},{d:.1} {x1},{d:.1} Z\"/>",
                label = name(&judgement.label),
                sum = sentence_id(Side::Summary, index),
                src = sentence_id(Side::Source, source),
                a = top,
                b = target,
                c = target + source_step * 0.8,
                d = top + summary_step * 0.8,
            )?;
        }
    }
    let bars = |out: &mut dyn io::Write,
                side: Side,
                labels: Vec<(String, &[usize])>,
                step: f64|
     -> io::Result<()> {
        let x = match side {
            Side::Summary => 0.0,
            Side::Source => WIDTH - BAR,
        };
        for (index, (label, _)) in labels.iter().enumerate() {
            let id = sentence_id(side, index);
            writeln!(
                out,
                "<a href=\"#{id}\"><rect class=\"bar {label}\" data-id=\"{id}\" x=\"{x}\" \
                 y=\"{:.1}\" width=\"{BAR}\" height=\"{:.1}\"><title>{} {}: {label}</title></rect></a>",
                TOP + index as f64 * step,
                (step * 0.8).max(0.5),
                side.name(),
                index + 1
            )?;
        }
        Ok(())
    };
    bars(
        out,
        Side::Summary,
        sentence_labels(report, Side::Summary),
        summary_step,
    )?;
    bars(
        out,
        Side::Source,
        sentence_labels(report, Side::Source),
        source_step,
    )?;
    out.write_all(b"</svg>")
}

/// The line index of each document, built once per report.
struct Lines<'a> {
    summary: Places<'a>,
    source: Places<'a>,
}

/// A link to a finding's place in one document, `summary 3:14`; in a source of several
/// files, the file's path instead of `source`.
fn place_link(lines: &Lines<'_>, side: Side, sentence: usize, span: Span) -> String {
    let lines = match side {
        Side::Summary => &lines.summary,
        Side::Source => &lines.source,
    };
    let document = if lines.several() {
        escape(lines.path(span))
    } else {
        side.name().into()
    };
    format!(
        "<a href=\"#{}\">{document} {}</a>",
        sentence_id(side, sentence),
        lines.start(span)
    )
}

fn finding_item(
    out: &mut dyn io::Write,
    report: &Report,
    lines: &Lines<'_>,
    finding: &Finding,
) -> io::Result<()> {
    let severity = name(&finding.severity);
    let (side, at) = primary(finding);
    let doubtful = if finding.confidence < report.min_confidence {
        " doubtful"
    } else {
        ""
    };
    write!(
        out,
        "<li class=\"finding {severity}{doubtful}\" data-confidence=\"{confidence:.2}\">\
         <span class=\"severity\">{severity}</span> <code>{}</code> \
         <span class=\"confidence\" title=\"estimated probability that the finding is right\">\
         {confidence:.2}</span> {} <span class=\"places\">{}",
        escape(&finding.rule()),
        escape(&finding.message),
        place_link(lines, side, at.sentence(), at.span()),
        confidence = finding.confidence,
    )?;
    if let (Side::Summary, Some(source)) = (side, finding.source) {
        write!(
            out,
            " ↔ {}",
            place_link(lines, Side::Source, source.sentence(), source.span())
        )?;
    }
    out.write_all(b"</span>")?;
    if let Some(diff) = mismatch_diff(report, finding, Marks::HTML) {
        write!(out, "<div class=\"diff\">{diff}</div>")?;
    }
    out.write_all(b"</li>\n")
}

/// The labels present on each side, in their colours.
fn legend(out: &mut dyn io::Write, report: &Report) -> io::Result<()> {
    out.write_all(b"<p class=\"legend\">")?;
    for side in [Side::Summary, Side::Source] {
        let mut labels: Vec<String> = sentence_labels(report, side)
            .into_iter()
            .map(|(label, _)| label)
            .collect();
        labels.sort();
        labels.dedup();
        write!(out, "{}: ", side.name())?;
        for label in labels {
            write!(out, "<span class=\"{label}\">{label}</span>")?;
        }
        out.write_all(b" ")?;
    }
    out.write_all(b"</p>")
}

const STYLE: &str = include_str!("html/style.css");
const SCRIPT: &str = include_str!("html/script.js");

/// Writes the HTML review: the findings one by one, the columns sentence by sentence.
pub(super) fn write(report: &Report, out: &mut dyn io::Write) -> io::Result<()> {
    write!(
        out,
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>crosscheck: {} against {}</title>\n<style>\n{STYLE}</style></head><body>\n\
         <header><h1>crosscheck review</h1><p><code>{}</code> checked against <code>{}</code></p><table class=\"overview\">",
        escape(&report.summary.path),
        escape(&report.source.path),
        escape(&report.summary.path),
        escape(&report.source.path),
    )?;
    for (what, counts) in overview(report) {
        writeln!(out, "<tr><th>{what}</th><td>{}</td></tr>", escape(&counts))?;
    }
    out.write_all(b"</table>")?;
    legend(out, report)?;
    for limit in &report.limits {
        write!(
            out,
            "<p class=\"limit\"><strong>Limit reached:</strong> {}</p>",
            escape(limit)
        )?;
    }
    for note in &report.notes {
        write!(
            out,
            "<p class=\"note\"><strong>Note:</strong> {}</p>",
            escape(note)
        )?;
    }
    out.write_all(b"</header>\n<section class=\"overview-map\"><h2>Alignment map</h2>\n")?;
    alignment_map(out, report)?;
    out.write_all(b"</section>\n<section class=\"findings\"><h2>Findings</h2>\n")?;
    if report.findings.is_empty() && report.hidden.is_empty() {
        out.write_all(b"<p>No findings.</p>")?;
    } else if report.findings.is_empty() {
        out.write_all(b"<p>No findings shown (see the counts above).</p>")?;
    } else {
        // The filter: findings rated under the chosen confidence are hidden (the script).
        write!(
            out,
            "<p class=\"filter\"><label>Show findings rated at least \
             <input type=\"range\" id=\"min-confidence\" min=\"0\" max=\"1\" step=\"0.01\" \
             value=\"0\"> <output for=\"min-confidence\">0.00</output></label> \
             (the run fails only on those rated at least {:.2})</p>\n<ol>\n",
            report.min_confidence
        )?;
        let lines = Lines {
            summary: Places::new(&report.summary),
            source: Places::new(&report.source),
        };
        for finding in &report.findings {
            finding_item(out, report, &lines, finding)?;
        }
        out.write_all(b"</ol>")?;
    }
    out.write_all(b"</section>\n<main class=\"columns\">\n")?;
    column(out, report, Side::Summary)?;
    column(out, report, Side::Source)?;
    writeln!(out, "</main>\n<script>{SCRIPT}</script>\n</body></html>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape("\"><img src=x onerror='alert(1)'> & <script>"),
            "&quot;&gt;&lt;img src=x onerror=&#39;alert(1)&#39;&gt; &amp; &lt;script&gt;"
        );
    }
}
