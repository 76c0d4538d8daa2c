//! Word diffs between a source passage and a summary passage, on comparison keys, so that
//! spellings that compare equal (NFD, old tone marks, case) are not shown as changes.

use similar::{Algorithm, DiffOp, capture_diff_slices};

use crate::model::{Document, Span, Token, printable};

/// Equal words kept on each side of a change; longer equal runs are cut with `…`.
const CONTEXT_WORDS: usize = 4;

/// How changed words are marked: the text around removed and around added words.
#[derive(Clone, Copy, Debug)]
pub struct Marks {
    /// Before and after words only the source has.
    pub removed: (&'static str, &'static str),
    /// Before and after words only the summary has.
    pub added: (&'static str, &'static str),
    /// Applied to the text of every run of words, so that it shows as written in the target
    /// format.
    pub escape: fn(&str) -> String,
}

impl Marks {
    /// `[-source-]{+summary+}`.
    pub const PLAIN: Marks = Marks {
        removed: ("[-", "-]"),
        added: ("{+", "+}"),
        escape: terminal,
    };
    /// `[-source-]{+summary+}` in red and green.
    pub const ANSI: Marks = Marks {
        removed: ("\x1b[31m[-", "-]\x1b[0m"),
        added: ("\x1b[32m{+", "+}\x1b[0m"),
        escape: terminal,
    };
    /// `~~source~~ **summary**`.
    pub const MARKDOWN: Marks = Marks {
        removed: ("~~", "~~"),
        added: ("**", "**"),
        escape: super::markdown::escape,
    };
    /// `<del>source</del> <ins>summary</ins>`.
    pub const HTML: Marks = Marks {
        removed: ("<del>", "</del>"),
        added: ("<ins>", "</ins>"),
        escape: super::html::escape,
    };
}

/// Text for a terminal: its control and bidi characters shown as escapes ([`printable`]).
fn terminal(text: &str) -> String {
    printable(text).into_owned()
}

fn words(document: &Document, span: Span) -> Vec<&Token> {
    document.tokens.words_within(span).collect()
}

fn text<'a>(document: &'a Document, tokens: &[&Token]) -> &'a str {
    match (tokens.first(), tokens.last()) {
        (Some(first), Some(last)) => &document.text[first.span().start..last.span().end],
        _ => "",
    }
}

/// The summary passage with the words that differ from the source passage marked with
/// `marks` (`[-source words-]{+summary words+}` in [`Marks::PLAIN`]).
pub fn word_diff(
    source: &Document,
    source_span: Span,
    summary: &Document,
    summary_span: Span,
    marks: Marks,
) -> String {
    let old = words(source, source_span);
    let new = words(summary, summary_span);
    let old_keys: Vec<&str> = old.iter().map(|t| source.tokens.key(t)).collect();
    let new_keys: Vec<&str> = new.iter().map(|t| summary.tokens.key(t)).collect();
    let ops = capture_diff_slices(Algorithm::Patience, &old_keys, &new_keys);
    let mut parts: Vec<String> = Vec::new();
    let last = ops.len().saturating_sub(1);
    for (index, op) in ops.iter().enumerate() {
        let (_, old_range, new_range) = op.as_tag_tuple();
        if let DiffOp::Equal { .. } = op {
            parts.push(equal_run(
                summary,
                &new[new_range],
                index == 0,
                index == last,
                marks.escape,
            ));
            continue;
        }
        if !old_range.is_empty() {
            let (open, close) = marks.removed;
            parts.push(format!(
                "{open}{}{close}",
                (marks.escape)(text(source, &old[old_range]))
            ));
        }
        if !new_range.is_empty() {
            let (open, close) = marks.added;
            parts.push(format!(
                "{open}{}{close}",
                (marks.escape)(text(summary, &new[new_range]))
            ));
        }
    }
    parts.join(" ")
}

/// An unchanged run, cut to its edges when long.
fn equal_run(
    document: &Document,
    run: &[&Token],
    first: bool,
    last: bool,
    escape: fn(&str) -> String,
) -> String {
    let keep_start = if first { 0 } else { CONTEXT_WORDS };
    let keep_end = if last { 0 } else { CONTEXT_WORDS };
    if run.len() <= keep_start + keep_end + 1 {
        return escape(text(document, run));
    }
    let head = escape(text(document, &run[..keep_start]));
    let tail = escape(text(document, &run[run.len() - keep_end..]));
    [head.as_str(), "…", tail.as_str()]
        .into_iter()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Config, Input, analyze};

    #[test]
    fn marks_changed_words_and_ignores_spelling_variants() {
        let read = |text: &str| analyze(&Input::new("a", text), &Config::default());
        let source = read("Buổi lễ diễn ra trang trọng, với sự tham dự của 45 đoàn, vì thuỷ lợi.");
        let summary = read("Buổi lễ diễn ra trang trọng, có sự tham dự của 54 đoàn, vì thủy lợi.");
        let whole = |d: &Document| Span::new(0, d.text.len());
        assert_eq!(
            word_diff(
                &source,
                whole(&source),
                &summary,
                whole(&summary),
                Marks::PLAIN
            ),
            "… diễn ra trang trọng [-với-] {+có+} sự tham dự của [-45-] {+54+} đoàn, vì thủy lợi"
        );
    }
}
