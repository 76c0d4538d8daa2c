//! The alignment table of `crosscheck align`. Paths and excerpts pass through [`printable`].

use std::io;

use serde::Serialize;

use super::name;
use crate::model::{Document, Judgement, Report, excerpt, printable};

/// The columns before a sentence's excerpt: id, label, score and aligned ids, with their gaps.
const COLUMNS_BEFORE_TEXT: usize = 4 + 2 + 13 + 2 + 5 + 2 + 9 + 2;

/// The fewest characters of each sentence shown, however narrow the width.
const LEAST_EXCERPT_CHARS: usize = 20;

fn ids(indices: &[usize]) -> String {
    if indices.is_empty() {
        "-".to_string()
    } else {
        indices
            .iter()
            .map(|i| (i + 1).to_string())
            .collect::<Vec<_>>()
            .join(",")
    }
}

fn section<L: Serialize>(
    out: &mut dyn io::Write,
    excerpt_chars: usize,
    title: &str,
    document: &Document,
    judgements: &[Judgement<L>],
) -> io::Result<()> {
    writeln!(out, "{title} ({})", printable(&document.path))?;
    writeln!(
        out,
        "{:>4}  {:<13}  {:>5}  {:<9}  text",
        "id", "label", "score", "aligned"
    )?;
    for (index, (sentence, judgement)) in document.sentences.iter().zip(judgements).enumerate() {
        let score = match judgement.salience() {
            Some(salience) => format!("s{salience:.2}"),
            None if judgement.aligned_to.is_empty() => "-".to_string(),
            None => format!("{:.2}", judgement.score),
        };
        writeln!(
            out,
            "{:>4}  {:<13}  {:>5}  {:<9}  {}",
            index + 1,
            name(&judgement.label),
            score,
            ids(&judgement.aligned_to),
            printable(&excerpt(document.slice(sentence.span), excerpt_chars))
        )?;
    }
    Ok(())
}

/// Writes both documents' sentences with their labels and alignments, a line per sentence
/// shorter than `width` columns (a sentence's excerpt is cut to fit, to no fewer than
/// [`LEAST_EXCERPT_CHARS`]). In the score column, `sN` is the salience of an omitted source
/// sentence.
pub(super) fn write(report: &Report, width: usize, out: &mut dyn io::Write) -> io::Result<()> {
    // The last column stays free: some terminals wrap a line that fills it.
    let chars = width
        .saturating_sub(COLUMNS_BEFORE_TEXT + 1)
        .max(LEAST_EXCERPT_CHARS);
    section(
        out,
        chars,
        "summary",
        &report.summary,
        &report.summary_judgements,
    )?;
    out.write_all(b"\n")?;
    section(
        out,
        chars,
        "source",
        &report.source,
        &report.source_judgements,
    )
}
