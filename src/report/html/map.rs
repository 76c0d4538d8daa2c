//! The alignment map, an SVG drawing as wide as the page: the summary's sentences down the
//! left, the source's down the right, each a bar in its label's colour numbered as in its
//! file, and each alignment a ribbon between the two. Where bars are too thin for every
//! number, every second (or third…) one is numbered. In a source of several files, each file's
//! first bar is named and a line sets it apart from the file before.

use std::io;

use super::{Page, sentence_id, sentence_labels};
use crate::report::{Side, name};

/// The drawing's width, in its own units (it is scaled to the page's width).
const WIDTH: f64 = 1200.0;
/// The width of a column of bars.
const BAR: f64 = 110.0;
/// Room above the bars for the columns' names.
const TOP: f64 = 24.0;
/// The least height of a bar's row that holds its number.
const NUMBERED_ROW: f64 = 13.0;

/// The height of the bars' area for a document of `sentences` sentences.
fn bars_height(sentences: usize) -> f64 {
    (sentences as f64 * 15.0).clamp(240.0, 1600.0)
}

/// Writes the map.
pub(super) fn write(out: &mut dyn io::Write, page: &Page<'_>) -> io::Result<()> {
    let report = page.report;
    let summary_count = report.summary.sentences.len().max(1);
    let source_count = report.source.sentences.len().max(1);
    let height = bars_height(summary_count.max(source_count));
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
    bars(out, page, Side::Summary, summary_step)?;
    bars(out, page, Side::Source, source_step)?;
    out.write_all(b"</svg>")
}

/// One side's bars, each a link to its sentence, with its number in the file and, in a
/// source of several, each file's name beside its first bar.
fn bars(out: &mut dyn io::Write, page: &Page<'_>, side: Side, step: f64) -> io::Result<()> {
    let document = side.document(page.report);
    let located = page.located(side);
    let several = located.places.several();
    let x = match side {
        Side::Summary => 0.0,
        Side::Source => WIDTH - BAR,
    };
    // The number sits inside the bar, at the edge away from the ribbons.
    let (number_x, anchor) = match side {
        Side::Summary => (x + 6.0, "start"),
        Side::Source => (x + BAR - 6.0, "end"),
    };
    let numbered_every = (NUMBERED_ROW / step).ceil().max(1.0) as usize;
    let height = (step * 0.8).max(0.5);
    for (index, (label, _)) in sentence_labels(page.report, side).iter().enumerate() {
        let id = sentence_id(side, index);
        let number = located.numbers[index];
        let span = document.sentences[index].span;
        let top = TOP + index as f64 * step;
        let file = page.file_name(side, span);
        if several && number.in_file == 1 {
            if index > 0 {
                writeln!(
                    out,
                    "<line class=\"file\" x1=\"{x}\" x2=\"{}\" y1=\"{top:.1}\" y2=\"{top:.1}\"/>",
                    x + BAR
                )?;
            }
            writeln!(
                out,
                "<text class=\"file\" x=\"{}\" y=\"{:.1}\" text-anchor=\"end\">{file}</text>",
                x - 6.0,
                top + 10.0
            )?;
        }
        write!(
            out,
            "<a href=\"#{id}\"><title>{file} sentence {} ({}): {label}</title>\
             <rect class=\"bar {label}\" data-id=\"{id}\" x=\"{x}\" y=\"{top:.1}\" \
             width=\"{BAR}\" height=\"{height:.1}\"/>",
            number.in_file,
            number.describe(),
        )?;
        if (number.in_file - 1).is_multiple_of(numbered_every) {
            write!(
                out,
                "<text class=\"n\" x=\"{number_x}\" y=\"{:.1}\" text-anchor=\"{anchor}\">{}</text>",
                top + height / 2.0 + 4.0,
                number.in_file
            )?;
        }
        writeln!(out, "</a>")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bars_fill_more_height_as_sentences_grow_within_bounds() {
        assert_eq!(bars_height(3), 240.0);
        assert_eq!(bars_height(40), 600.0);
        assert_eq!(bars_height(10_000), 1600.0);
    }
}
