//! The HTML review (`--format html`): one self-contained page (inline CSS, a little inline
//! script, nothing loaded from anywhere) for an editor to triage from. Top to bottom: the
//! overview; the alignment map ([`map`]), each sentence a bar numbered as in its file and each
//! alignment a ribbon; the findings ([`findings`]), grouped by severity with errors first and
//! info collapsed, filtered by severity, rule and confidence, each placed by paragraph and
//! sentence of its file and with a button that copies its baseline entry; then the summary
//! and the source side by side, every sentence coloured by its label. Hovering or clicking a
//! sentence highlights its aligned partners.
//!
//! Paths are shown relative to the folder all the files share, a long one with its middle
//! folders left out ([`Paths`]); the whole path is in the tooltip. Every piece of the input
//! passes through [`escape`] before it reaches the page.

mod findings;
mod map;

use std::io;

use super::batch::INDEX_PAGE;
use super::{Places, Side, name, overview};
use crate::model::{Document, Judgement, Language, Report, Span, printable};

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

/// The longest path shown whole, in characters; longer ones lose middle folders.
const PATH_SHOWN: usize = 48;

/// How the page shows the paths of a report's files: relative to the folder they all share,
/// which the header names once, and a long one with its middle folders left out.
struct Paths<'a> {
    /// The folder every file is in, with its final separator; empty when they share none
    /// (or only the root).
    folder: &'a str,
}

impl<'a> Paths<'a> {
    fn new(report: &'a Report) -> Self {
        let first = report.summary.path.as_str();
        let mut shared = folder_length(first.as_bytes());
        for path in source_paths(report) {
            let same = (first.bytes().zip(path.bytes()))
                .take(shared)
                .take_while(|(a, b)| a == b)
                .count();
            shared = folder_length(&first.as_bytes()[..same]);
        }
        let folder = &first[..shared];
        let root = folder.bytes().all(is_separator);
        Paths {
            folder: if root { "" } else { folder },
        }
    }

    /// `path` as the page shows it.
    fn short(&self, path: &str) -> String {
        let relative = path.strip_prefix(self.folder).unwrap_or(path);
        elide(if relative.is_empty() { path } else { relative })
    }

    /// `path` shown short in a `<code>` element whose tooltip is the whole path, escaped.
    fn code(&self, path: &str) -> String {
        format!(
            "<code title=\"{}\">{}</code>",
            escape(path),
            escape(&self.short(path))
        )
    }
}

/// The paths of the source's files: each file of a source of several, else its one path.
fn source_paths(report: &Report) -> Vec<&str> {
    report.source.files().iter().map(|file| file.path).collect()
}

/// `/`, or `\` on Windows.
fn is_separator(byte: u8) -> bool {
    byte == b'/' || byte == b'\\'
}

/// The length of the folder a path's bytes name, up to and with its last separator; 0 when
/// it has none.
fn folder_length(path: &[u8]) -> usize {
    path.iter()
        .rposition(|&byte| is_separator(byte))
        .map_or(0, |at| at + 1)
}

/// A path of more than [`PATH_SHOWN`] characters with middle folders left out: its first
/// folder, `…`, and as many of its last parts as fit, the file name always.
fn elide(path: &str) -> String {
    let length = |text: &str| text.chars().count();
    if length(path) <= PATH_SHOWN {
        return path.to_string();
    }
    let parts: Vec<&str> = path.split_inclusive(['/', '\\']).collect();
    let Some((first, rest)) = parts.split_first().filter(|(_, rest)| rest.len() > 1) else {
        return path.to_string();
    };
    let separator = &first[first.len() - 1..];
    let mut kept = rest.len() - 1;
    let mut shown = length(first) + 1 + length(separator) + length(rest[kept]);
    while kept > 1 && shown + length(rest[kept - 1]) <= PATH_SHOWN {
        kept -= 1;
        shown += length(rest[kept]);
    }
    format!("{first}…{separator}{}", rest[kept..].concat())
}

/// Where a sentence stands for a reader of its file, each 1-based: its paragraph in the file,
/// its place in that paragraph, and its place in the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct SentenceNumber {
    paragraph: usize,
    in_paragraph: usize,
    in_file: usize,
}

impl SentenceNumber {
    /// `paragraph 3, sentence 2`.
    fn describe(self) -> String {
        format!(
            "paragraph {}, sentence {}",
            self.paragraph, self.in_paragraph
        )
    }
}

/// The number of every sentence of `document`, counted afresh in each file of a source of
/// several.
fn sentence_numbers(document: &Document) -> Vec<SentenceNumber> {
    let mut numbers = Vec::with_capacity(document.sentences.len());
    for range in document.files().into_iter().map(|file| file.sentences) {
        // A file starts a paragraph: its first sentence's is the file's first.
        let before = (document.sentences.get(range.start)).map_or(0, |s| s.paragraph as usize);
        let mut previous = None;
        let mut in_paragraph = 0;
        for (index, sentence) in document.sentences[range].iter().enumerate() {
            let paragraph = sentence.paragraph as usize;
            in_paragraph = if previous == Some(paragraph) {
                in_paragraph + 1
            } else {
                1
            };
            previous = Some(paragraph);
            numbers.push(SentenceNumber {
                paragraph: paragraph - before + 1,
                in_paragraph,
                in_file: index + 1,
            });
        }
    }
    numbers
}

/// Where the sentences and spans of one document are for a reader.
struct Located<'a> {
    places: Places<'a>,
    numbers: Vec<SentenceNumber>,
}

impl<'a> Located<'a> {
    fn new(document: &'a Document) -> Self {
        Located {
            places: Places::new(document),
            numbers: sentence_numbers(document),
        }
    }
}

/// What the parts of the page need besides the report: how paths are shown, and where each
/// sentence and span of both documents is.
struct Page<'a> {
    report: &'a Report,
    /// The pair's id, on a page of an HTML batch: the page then links back to its index.
    pair: Option<&'a str>,
    paths: Paths<'a>,
    summary: Located<'a>,
    source: Located<'a>,
}

impl<'a> Page<'a> {
    fn new(report: &'a Report, pair: Option<&'a str>) -> Self {
        Page {
            report,
            pair,
            paths: Paths::new(report),
            summary: Located::new(&report.summary),
            source: Located::new(&report.source),
        }
    }

    fn located(&self, side: Side) -> &Located<'a> {
        match side {
            Side::Summary => &self.summary,
            Side::Source => &self.source,
        }
    }

    /// What names the file `span` of one side is in: `summary` or `source`, or the file's
    /// short path in a source of several; escaped.
    fn file_name(&self, side: Side, span: Span) -> String {
        let places = &self.located(side).places;
        if places.several() {
            escape(&self.paths.short(places.path(span)))
        } else {
            side.name().to_string()
        }
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

/// One document's column: its whole text, each sentence a labelled element, each file of a
/// source of several under its path.
fn column(out: &mut dyn io::Write, page: &Page<'_>, side: Side) -> io::Result<()> {
    let report = page.report;
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
    let files = if document.parts.is_empty() {
        page.paths.code(&document.path)
    } else {
        format!("({} files)", document.parts.len())
    };
    write!(
        out,
        "<section class=\"column {class}\"><h2>{title} {files}</h2><div class=\"text\"{lang}>"
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
                "<h3 class=\"part\">{}</h3>",
                page.paths.code(&part.path)
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

/// The page's header: the files, the overview, the legend, limits and notes.
fn header(out: &mut dyn io::Write, page: &Page<'_>) -> io::Result<()> {
    let report = page.report;
    let sources: Vec<String> = (source_paths(report).into_iter())
        .map(|path| page.paths.code(path))
        .collect();
    out.write_all(b"<header>")?;
    if let Some(pair) = page.pair {
        write!(
            out,
            "<nav class=\"batch\"><a href=\"{INDEX_PAGE}\">All pairs</a> \u{203a} pair \
             <code>{}</code></nav>",
            escape(&printable(pair))
        )?;
    }
    write!(
        out,
        "<h1>crosscheck review</h1><p class=\"files\">{} checked against {}",
        page.paths.code(&report.summary.path),
        sources.join(", ")
    )?;
    if !page.paths.folder.is_empty() {
        write!(out, ", in <code>{}</code>", escape(page.paths.folder))?;
    }
    out.write_all(b"</p><table class=\"overview\">")?;
    for (what, counts) in overview(report, &|path| page.paths.short(path)) {
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
    out.write_all(b"</header>\n")
}

const STYLE: &str = include_str!("html/style.css");
const SCRIPT: &str = include_str!("html/script.js");

/// Writes the HTML review: the findings one by one, the columns sentence by sentence.
pub(super) fn write(report: &Report, out: &mut dyn io::Write) -> io::Result<()> {
    write_page(&Page::new(report, None), out)
}

/// Writes the HTML review of pair `pair` of a batch: as [`write`], with a link back to the
/// batch's index page.
pub(super) fn write_batch_page(
    report: &Report,
    pair: &str,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    write_page(&Page::new(report, Some(pair)), out)
}

/// Writes the review `page`.
fn write_page(page: &Page<'_>, out: &mut dyn io::Write) -> io::Result<()> {
    let report = page.report;
    let sources: Vec<String> = (source_paths(report).into_iter())
        .map(|path| page.paths.short(path))
        .collect();
    write!(
        out,
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{}crosscheck: {} against {}</title>\n<style>\n{STYLE}</style></head><body>\n",
        page.pair.map_or(String::new(), |pair| format!(
            "{} · ",
            escape(&printable(pair))
        )),
        escape(&page.paths.short(&report.summary.path)),
        escape(&sources.join(", ")),
    )?;
    header(out, page)?;
    out.write_all(b"<section class=\"overview-map\"><h2>Alignment map</h2>\n")?;
    map::write(out, page)?;
    out.write_all(b"</section>\n")?;
    findings::write(out, page)?;
    out.write_all(b"<main class=\"columns\">\n")?;
    column(out, page, Side::Summary)?;
    column(out, page, Side::Source)?;
    writeln!(out, "</main>\n<script>{SCRIPT}</script>\n</body></html>")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Config, Input};

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape("\"><img src=x onerror='alert(1)'> & <script>"),
            "&quot;&gt;&lt;img src=x onerror=&#39;alert(1)&#39;&gt; &amp; &lt;script&gt;"
        );
    }

    #[test]
    fn long_paths_lose_middle_folders_but_never_the_file_name() {
        assert_eq!(elide("news/summary.txt"), "news/summary.txt");
        let long = "archive/2025/october/26/hanoi-convention/closing-session/summary.txt";
        let short = elide(long);
        assert_eq!(short, "archive/…/closing-session/summary.txt");
        assert!(short.chars().count() <= PATH_SHOWN);
        let name = format!("a/b/{}.txt", "x".repeat(60));
        assert_eq!(elide(&name), format!("a/…/{}.txt", "x".repeat(60)));
        assert_eq!(
            elide(&"y".repeat(60)),
            "y".repeat(60),
            "one part is kept whole"
        );
        assert_eq!(
            elide(r"C:\Users\editor\Documents\reports\2025\october\article.txt"),
            r"C:\…\Documents\reports\2025\october\article.txt"
        );
    }

    /// A report of a one-sentence summary at path `summary` against sources at `sources`,
    /// each of two paragraphs, of one sentence and of two.
    fn report_of(summary: &str, sources: &[&str]) -> Report {
        let text = "The port handled 72 ships.\n\nIt opened in 1990. It grew.";
        let inputs: Vec<Input> = (sources.iter())
            .map(|path| Input::new(*path, text))
            .collect();
        let source = crate::read::join(inputs);
        let summary = Input::new(summary, "The port handled 72 ships.");
        crate::check(&summary, &source, &Config::default())
    }

    #[test]
    fn paths_are_shown_relative_to_the_folder_all_files_share() {
        let report = report_of("news/harbour/summary.txt", &["news/harbour/source.txt"]);
        let paths = Paths::new(&report);
        assert_eq!(paths.folder, "news/harbour/");
        assert_eq!(paths.short("news/harbour/summary.txt"), "summary.txt");

        let report = report_of("/home/a/summary.txt", &["/srv/b/one.txt", "/srv/c/two.txt"]);
        assert_eq!(
            Paths::new(&report).folder,
            "",
            "the root alone is not named"
        );

        let report = report_of("news/ha/summary.txt", &["news/harbour/source.txt"]);
        let paths = Paths::new(&report);
        assert_eq!(paths.folder, "news/", "a folder ends at a separator");
        assert_eq!(paths.short("news/harbour/source.txt"), "harbour/source.txt");

        let report = report_of("-", &["source.txt"]);
        assert_eq!(Paths::new(&report).short("-"), "-");
    }

    #[test]
    fn sentences_are_numbered_within_their_paragraph_and_file() {
        let report = report_of("summary.txt", &["one.txt", "two.txt"]);
        let numbers = sentence_numbers(&report.source);
        let described: Vec<(String, usize)> = (numbers.iter())
            .map(|n| (n.describe(), n.in_file))
            .collect();
        let file = [
            ("paragraph 1, sentence 1".to_string(), 1),
            ("paragraph 2, sentence 1".to_string(), 2),
            ("paragraph 2, sentence 2".to_string(), 3),
        ];
        assert_eq!(described, [file.clone(), file].concat());
    }
}
