//! The alignment table of `crosscheck align`. Paths and excerpts pass through [`printable`].

use std::io;

use serde::Serialize;

use super::name;
use crate::model::{Document, Judgement, Report, excerpt, printable};

/// Characters of each sentence shown in the table.
const EXCERPT_CHARS: usize = 60;

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
            printable(&excerpt(document.slice(sentence.span), EXCERPT_CHARS))
        )?;
    }
    Ok(())
}

/// Writes both documents' sentences with their labels and alignments, a line per sentence.
/// In the score column, `sN` is the salience of an omitted source sentence.
pub(super) fn write(report: &Report, out: &mut dyn io::Write) -> io::Result<()> {
    section(out, "summary", &report.summary, &report.summary_judgements)?;
    out.write_all(b"\n")?;
    section(out, "source", &report.source, &report.source_judgements)
}
