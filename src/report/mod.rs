//! Stage 8, **report**: one renderer per output format, all from the same [`Report`].
//!
//! Renderers write into a writer they are given, finding by finding and sentence by sentence,
//! so that no report is ever held whole in memory; they never choose where it goes (the binary
//! hands them an [`crate::output::Sink`]). [`render`] is the same output as one `String`, for
//! tests and small reports. Line and column numbers are computed here, from the byte spans,
//! and nowhere earlier.

mod batch;
mod diff;
mod explain;
mod github;
mod html;
mod human;
mod json;
mod markdown;
mod sarif;
mod table;

use std::io;

use serde::{Serialize, Serializer};

use crate::model::{
    Document, FactKind, Finding, FindingKind, Judgement, Location, Report, Severity, Span, Speaker,
    SpeakerFrom,
};
use crate::read::{CueTime, Origin, Original};

pub use crate::model::fingerprint;
pub(crate) use crate::model::serde_name as name;
pub use batch::{BatchReport, INDEX_PAGE};
pub use diff::{Marks, word_diff};
pub use json::{JSON_VERSION, JSON_VERSION_SEVERAL_SOURCES};

/// An output format of `crosscheck check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Diagnostics for a person at a terminal, with excerpts of both files.
    Human,
    /// The versioned JSON document described in the README.
    Json,
    /// A review an editor can paste into a ticket.
    Markdown,
    /// SARIF 2.1.0, for code-scanning tools.
    Sarif,
    /// GitHub Actions workflow annotations.
    Github,
    /// One self-contained HTML page: the two texts side by side and an alignment map.
    Html,
}

/// An output format of `crosscheck align`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum AlignmentFormat {
    /// A table, a line per sentence, its excerpts cut to the width.
    #[default]
    Table,
    /// Both documents' sentences with their labels, scores and alignments: the JSON report's
    /// `summary` and `source` (and `sources`), without findings.
    Json,
}

/// How human-readable output is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Style {
    /// Use ANSI colours.
    pub color: bool,
    /// Wrap excerpts at this many columns.
    pub width: usize,
    /// Open with the paths, counts, limits and baseline before the findings (off with
    /// `--quiet`: the findings only).
    pub header: bool,
}

impl Default for Style {
    /// No colour, 100 columns, a header: the form used in snapshots.
    fn default() -> Self {
        Style {
            color: false,
            width: 100,
            header: true,
        }
    }
}

/// Writes a report in the given format into `out`, piece by piece; the only errors are
/// `out`'s.
pub fn write(
    report: &Report,
    format: Format,
    style: Style,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    match format {
        Format::Human => human::write(report, style, out),
        Format::Json => json::write(report, out),
        Format::Markdown => markdown::write(report, out),
        Format::Sarif => sarif::write(report, out),
        Format::Github => github::write(report, out),
        Format::Html => html::write(report, out),
    }
}

/// Renders a report in the given format: what [`write`] writes, as one `String`.
pub fn render(report: &Report, format: Format, style: Style) -> String {
    to_string(|out| write(report, format, style, out))
}

/// Writes the alignment into `out`: each summary sentence with its source sentences, score
/// and label, then each source sentence with its label; a table `width` columns wide, or
/// JSON.
pub fn write_alignment(
    report: &Report,
    format: AlignmentFormat,
    width: usize,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    match format {
        AlignmentFormat::Table => table::write(report, width, out),
        AlignmentFormat::Json => json::write_alignment(report, out),
    }
}

/// Renders the alignment table at the default width ([`Style::default`]): what
/// [`write_alignment`] writes, as one `String`.
pub fn render_alignment(report: &Report) -> String {
    let width = Style::default().width;
    to_string(|out| write_alignment(report, AlignmentFormat::Table, width, out))
}

/// Writes what the confidence of finding `index` (0-based; every finding when `None`) is made
/// of: the model that rated it and each feature's part ([`crate::confidence::explain`]).
pub fn write_explanation(
    report: &Report,
    source_kind: crate::SourceKind,
    index: Option<usize>,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    explain::write(report, source_kind, index, out)
}

/// What `write` writes into memory, as text: renderers write UTF-8 only, and writing into a
/// `Vec` cannot fail.
fn to_string(write: impl FnOnce(&mut dyn io::Write) -> io::Result<()>) -> String {
    let mut bytes = Vec::new();
    write(&mut bytes).expect("writing into memory cannot fail");
    String::from_utf8(bytes).expect("renderers write UTF-8")
}

/// A sequence serialized as it is made, element by element, instead of collected first: the
/// closure makes the iterator each time the sequence is serialized.
pub(crate) struct Lazy<F>(pub(crate) F);

impl<F, I> Serialize for Lazy<F>
where
    F: Fn() -> I,
    I: IntoIterator,
    I::Item: Serialize,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq((self.0)())
    }
}

/// `3 paraphrase, 1 editorial`: the non-zero counts of each label, in label order.
pub(crate) fn counts<L: Copy + Ord + serde::Serialize>(judgements: &[Judgement<L>]) -> String {
    let mut labels: Vec<L> = judgements.iter().map(|j| j.label).collect();
    labels.sort();
    labels
        .chunk_by(|a, b| a == b)
        .map(|chunk| format!("{} {}", chunk.len(), name(&chunk[0])))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `1 word`, or `N words`.
pub(crate) fn plural(count: usize, word: &str) -> String {
    if count == 1 {
        format!("{count} {word}")
    } else {
        format!("{count} {word}s")
    }
}

/// The report's overview rows, `(what, counts)`: the summary's and the source's sentences by
/// label, and the findings by severity, hidden ones included and counted apart
/// (`12 info (12 info not shown; --show info shows them)`). The paths of files are written as
/// `show_path` makes them.
pub(crate) fn overview(
    report: &Report,
    show_path: &dyn Fn(&str) -> String,
) -> Vec<(&'static str, String)> {
    let hidden = &report.hidden;
    let not_shown = match (hidden.warning, hidden.info) {
        (0, 0) => String::new(),
        (0, info) => format!(" ({info} info not shown; --show info shows them)"),
        (warnings, 0) => format!(
            " ({} not shown; --show warning shows them)",
            plural(warnings, "warning")
        ),
        (warnings, info) => format!(
            " ({}, {info} info not shown; --show info shows them)",
            plural(warnings, "warning")
        ),
    };
    [(
        "summary",
        format!(
            "{}: {}",
            plural(report.summary.sentences.len(), "sentence"),
            counts(&report.summary_judgements)
        ),
    )]
    .into_iter()
    .chain(source_rows(report, show_path))
    .chain([(
        "findings",
        format!(
            "{}, {}, {} info{not_shown}",
            plural(report.count(Severity::Error), "error"),
            plural(report.count(Severity::Warning), "warning"),
            report.count(Severity::Info)
        ),
    )])
    .chain(
        report
            .speaker
            .as_ref()
            .map(|s| ("speaker", speaker(report, s, show_path))),
    )
    .chain(report.baseline.as_ref().map(|baseline| {
        (
            "baseline",
            format!(
                "{} accepted (not shown), {} stale",
                baseline.accepted.len(),
                baseline.stale.len()
            ),
        )
    }))
    .collect()
}

/// The overview's rows of the source: its sentences by label, or those of each file of a
/// source of several (`speech.txt: 12 sentences: 9 covered, 3 omitted`).
fn source_rows(report: &Report, show_path: &dyn Fn(&str) -> String) -> Vec<(&'static str, String)> {
    let row = |range: std::ops::Range<usize>| {
        format!(
            "{}: {}",
            plural(range.len(), "sentence"),
            counts(&report.source_judgements[range])
        )
    };
    let files = report.source.files();
    let several = files.len() > 1;
    (files.into_iter())
        .map(|file| match several {
            true => (
                "source",
                format!("{}: {}", show_path(file.path), row(file.sentences)),
            ),
            false => ("source", row(file.sentences)),
        })
        .collect()
}

/// The source's speaker for people: the name, where it came from and the line it was read
/// from (`Lương Tam Quang, from the source's introduction (source line 3)`). The name is the
/// document's text: each format escapes it.
fn speaker(report: &Report, speaker: &Speaker, show_path: &dyn Fn(&str) -> String) -> String {
    // Where the speaker was found, in the file of a source of several.
    let place = |document: &Document, side: &str, at: Location| {
        let places = Places::new(document);
        let file = match places.several() {
            true => show_path(places.path(at.span())),
            false => side.to_string(),
        };
        format!(" ({file} {})", places.start(at.span()).line_name())
    };
    let place = match (speaker.from, speaker.at) {
        (SpeakerFrom::SourceIntroduction | SpeakerFrom::TurnLabel, Some(at)) => {
            place(&report.source, "source", at)
        }
        (SpeakerFrom::SummaryAttribution, Some(at)) => place(&report.summary, "summary", at),
        _ => String::new(),
    };
    format!("{}, from {}{place}", speaker.name, speaker.from.describe())
}

/// How one finding can be accepted, from the narrowest (the README's "Accepting a false
/// alarm"): its baseline entry, the line of `[equivalences]` in `crosscheck.toml` that drops
/// it (when one does, [`crate::policy::suggested_equivalences`]), and its rule's line under
/// `[severity]`.
pub(crate) struct Acceptance {
    /// The baseline entry ([`crate::baseline::entry`]).
    pub(crate) entry: crate::baseline::Entry,
    /// `"summary phrase" = "source phrase"`, as TOML.
    pub(crate) equivalence: Option<String>,
    /// `"rule" = "off"`, as TOML.
    pub(crate) severity: String,
}

impl Acceptance {
    /// The ways to accept finding `index` of `report`, whose suggested equivalences are
    /// `equivalences` ([`crate::policy::suggested_equivalences`], found once per report).
    pub(crate) fn of(
        report: &Report,
        index: usize,
        equivalences: &[Option<[String; 2]>],
    ) -> Acceptance {
        let entry = crate::baseline::entry(report, &report.findings[index]);
        Acceptance {
            equivalence: (equivalences.get(index).and_then(Option::as_ref))
                .map(|[said, heard]| format!("{} = {}", toml_string(said), toml_string(heard))),
            severity: format!("{} = \"off\"", toml_string(&entry.rule)),
            entry,
        }
    }

    /// The baseline entry as one line of JSON, without its message (which a baseline may
    /// leave out): `{"fingerprint": …, "rule": …}`.
    pub(crate) fn entry_line(&self) -> String {
        let json = |text: &str| serde_json::to_string(text).expect("a string serializes");
        format!(
            "{{\"fingerprint\": {}, \"rule\": {}}}",
            json(&self.entry.fingerprint),
            json(&self.entry.rule)
        )
    }

    /// The suggested equivalences of every finding of `report`.
    pub(crate) fn equivalences(report: &Report) -> Vec<Option<[String; 2]>> {
        crate::policy::suggested_equivalences(&report.findings, &report.summary, &report.source)
    }
}

/// `text` as a TOML basic string, every character [`printable`] would escape written as a
/// TOML escape (`\u202E`), so that the line is the same on a terminal as in a file and
/// pastes into `crosscheck.toml` as it is shown.
fn toml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if crate::model::is_hidden(c) => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The word diff of a fact mismatch, in `marks`: a misquote against its closest passage,
/// other facts sentence against sentence. `None` for other findings.
pub(crate) fn mismatch_diff(report: &Report, finding: &Finding, marks: Marks) -> Option<String> {
    let (FindingKind::FactMismatch, Some(summary_at), Some(source_at)) =
        (finding.kind, finding.summary, finding.source)
    else {
        return None;
    };
    let (summary_span, source_span) = if finding.fact == Some(FactKind::Quote) {
        (summary_at.span(), source_at.span())
    } else {
        (
            report.summary.sentences[summary_at.sentence()].span,
            report.source.sentences[source_at.sentence()].span,
        )
    };
    Some(word_diff(
        &report.source,
        source_span,
        &report.summary,
        summary_span,
        marks,
    ))
}

/// Which document a place is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Side {
    Summary,
    Source,
}

impl Side {
    /// `summary` or `source`.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Side::Summary => "summary",
            Side::Source => "source",
        }
    }

    /// The other document.
    pub(crate) fn other(self) -> Side {
        match self {
            Side::Summary => Side::Source,
            Side::Source => Side::Summary,
        }
    }

    /// This side's document in a report.
    pub(crate) fn document(self, report: &Report) -> &Document {
        match self {
            Side::Summary => &report.summary,
            Side::Source => &report.source,
        }
    }

    /// Where a finding points in this side's document, if anywhere.
    pub(crate) fn location(self, finding: &Finding) -> Option<Location> {
        match self {
            Side::Summary => finding.summary,
            Side::Source => finding.source,
        }
    }
}

/// The place a finding is mainly about: in the summary, or in the source for an omission.
pub(crate) fn primary(finding: &Finding) -> (Side, Location) {
    match (finding.summary, finding.source) {
        (Some(at), _) => (Side::Summary, at),
        (None, Some(at)) => (Side::Source, at),
        (None, None) => unreachable!("every finding points at a summary or a source place"),
    }
}

/// Where the spans of one document are in the files the user has: for plain text, line and
/// column in the text; for subtitles and web pages, in the original file the extracted text
/// maps onto, with a cue's time; for a Word file, the paragraph and the column in it. A
/// source of several files ([`crate::read::join`]) has each span in its own file.
#[derive(Clone, Debug)]
pub(crate) struct Places<'a> {
    /// The lines of the document's text.
    text: LineIndex<'a>,
    /// The files the text joins, in order; one for a single file.
    files: Vec<FilePlaces<'a>>,
}

/// Where one file's text is in a document's, and the file's lines.
#[derive(Clone, Debug)]
struct FilePlaces<'a> {
    path: &'a str,
    /// Where the file's text starts in the document's text.
    start: usize,
    /// How many lines of the document's text come before the file's.
    lines_before: usize,
    origin: Option<&'a Origin>,
    /// The lines of the original file, for a derived input in a text format.
    original: Option<LineIndex<'a>>,
}

/// A place in the file the user has, as people read it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Place {
    /// 1-based line; in a Word file, 1-based paragraph.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// Whether `line` counts a Word file's paragraphs.
    pub paragraph: bool,
    /// The start time of the subtitle cue the place is in.
    pub time: Option<CueTime>,
}

impl std::fmt::Display for Place {
    /// `14:3`; `¶3:14` for a paragraph; then the cue's time, `14:3 (00:04:12)`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let pilcrow = if self.paragraph { "¶" } else { "" };
        write!(f, "{pilcrow}{}:{}", self.line, self.column)?;
        match self.time {
            Some(time) => write!(f, " ({time})"),
            None => Ok(()),
        }
    }
}

impl Place {
    /// `line 14`, or `paragraph 3` in a Word file.
    pub(crate) fn line_name(&self) -> String {
        let unit = if self.paragraph { "paragraph" } else { "line" };
        format!("{unit} {}", self.line)
    }
}

impl<'a> Places<'a> {
    pub(crate) fn new(document: &'a Document) -> Self {
        let text = LineIndex::new(&document.text);
        let file = |path: &'a str, start: usize, origin: Option<&'a Origin>| FilePlaces {
            path,
            start,
            lines_before: text.position(start).line - 1,
            origin,
            original: origin.and_then(Origin::original_text).map(LineIndex::new),
        };
        let files = (document.files().into_iter())
            .map(|f| file(f.path, f.start, f.origin))
            .collect();
        Places { text, files }
    }

    /// Whether the document joins several files, so that each place must say which.
    pub(crate) fn several(&self) -> bool {
        self.files.len() > 1
    }

    /// The file `offset` of the document's text is in.
    fn file(&self, offset: usize) -> &FilePlaces<'a> {
        let after = self.files.partition_point(|file| file.start <= offset);
        &self.files[after.saturating_sub(1)]
    }

    /// The path of the file `span` is in.
    pub(crate) fn path(&self, span: Span) -> &'a str {
        self.file(span.start).path
    }

    /// `span` in its own file's text: the document's span for a single file.
    pub(crate) fn local(&self, span: Span) -> Span {
        let start = self.file(span.start).start;
        Span::new(span.start - start, span.end - start)
    }

    /// Line and column of `offset` in its file's text (the extracted text of a derived
    /// input).
    pub(crate) fn in_text(&self, offset: usize) -> Position {
        let position = self.text.position(offset);
        Position {
            line: position.line - self.file(offset).lines_before,
            column: position.column,
        }
    }

    /// Where `span` is in the original file, for a derived input.
    pub(crate) fn original(&self, span: Span) -> Option<Original> {
        let origin = self.file(span.start).origin?;
        Some(origin.original(self.local(span)))
    }

    /// The bytes of its file `span` covers, as offset and length: in the original file for
    /// subtitles and web pages, none for a Word file (whose places are paragraphs).
    pub(crate) fn bytes(&self, span: Span) -> Option<(usize, usize)> {
        match self.original(span) {
            None => {
                let local = self.local(span);
                Some((local.start, local.len()))
            }
            Some(Original::Bytes { start, end }) => Some((start, end - start)),
            Some(Original::Paragraphs { .. }) => None,
        }
    }

    /// The place in the file where `span` starts.
    pub(crate) fn start(&self, span: Span) -> Place {
        self.place(span, false)
    }

    /// The place in the file where `span` ends.
    pub(crate) fn end(&self, span: Span) -> Place {
        self.place(span, true)
    }

    fn place(&self, span: Span, end: bool) -> Place {
        let offset = if end { span.end } else { span.start };
        let in_text = self.in_text(offset);
        let file = self.file(span.start);
        let time = (file.origin).and_then(|origin| origin.time(span.start - file.start));
        match (self.original(span), &file.original) {
            (Some(Original::Bytes { start, end: stop }), Some(original)) => {
                let position = original.position(if end { stop } else { start });
                Place {
                    line: position.line,
                    column: position.column,
                    paragraph: false,
                    time,
                }
            }
            (
                Some(Original::Paragraphs {
                    paragraph,
                    end_paragraph,
                    ..
                }),
                _,
            ) => Place {
                line: if end { end_paragraph } else { paragraph },
                column: in_text.column,
                paragraph: true,
                time,
            },
            _ => Place {
                line: in_text.line,
                column: in_text.column,
                paragraph: false,
                time,
            },
        }
    }
}

/// 1-based line and column (in characters) of byte offsets in one text, in time that does
/// not grow with the length of the line (a whole file may be one line).
#[derive(Clone, Debug)]
pub(crate) struct LineIndex<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
    /// `(byte offset, characters before it)` about every [`CHECKPOINT_BYTES`] bytes.
    checkpoints: Vec<(usize, usize)>,
}

/// The distance between two of [`LineIndex`]'s checkpoints.
const CHECKPOINT_BYTES: usize = 1024;

/// A position shown to people: 1-based line and 1-based column counted in characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct Position {
    pub line: usize,
    pub column: usize,
}

impl<'a> LineIndex<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(at, _)| at + 1))
            .collect();
        let mut checkpoints = vec![(0, 0)];
        for (count, (at, _)) in text.char_indices().enumerate() {
            if at >= checkpoints[checkpoints.len() - 1].0 + CHECKPOINT_BYTES {
                checkpoints.push((at, count));
            }
        }
        LineIndex {
            text,
            line_starts,
            checkpoints,
        }
    }

    /// How many characters come before byte `offset`.
    fn chars_before(&self, offset: usize) -> usize {
        let checkpoint = self.checkpoints.partition_point(|&(at, _)| at <= offset) - 1;
        let (at, count) = self.checkpoints[checkpoint];
        count + self.text[at..offset].chars().count()
    }

    pub(crate) fn position(&self, offset: usize) -> Position {
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let column = self.chars_before(offset) - self.chars_before(self.line_starts[line]) + 1;
        Position {
            line: line + 1,
            column,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Config, Input, baseline, check, config};

    #[test]
    fn positions_count_characters_from_one() {
        let text = "ab\r\nđại\nx";
        let index = LineIndex::new(text);
        assert_eq!(index.position(0), Position { line: 1, column: 1 });
        assert_eq!(index.position(4), Position { line: 2, column: 1 });
        let after_dai = text.find("\nx").unwrap();
        assert_eq!(index.position(after_dai), Position { line: 2, column: 4 });
        assert_eq!(index.position(text.len()), Position { line: 3, column: 2 });
    }

    #[test]
    fn columns_on_a_long_line_count_every_character() {
        let text = "đại biểu, ".repeat(2_000) + "\nx";
        let index = LineIndex::new(&text);
        for offset in (0..text.len())
            .filter(|&o| text.is_char_boundary(o))
            .step_by(97)
        {
            let expected = text[..offset].chars().count() + 1;
            assert_eq!(index.position(offset).column, expected, "offset {offset}");
        }
        let last = text.len() - 1;
        assert_eq!(index.position(last), Position { line: 2, column: 1 });
    }

    /// Every finding of every plain fixture is accepted by each way its help gives: the
    /// baseline entry pasted into a baseline, the `[equivalences]` line and the `[severity]`
    /// line each pasted into a `crosscheck.toml`.
    #[test]
    fn each_way_a_finding_says_it_can_be_accepted_accepts_it() {
        let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let listed = |dir: std::path::PathBuf| {
            (std::fs::read_dir(dir).unwrap()).map(|entry| entry.unwrap().path())
        };
        let mut folders: Vec<_> = (listed(fixtures.clone()).chain(listed(fixtures.join("real"))))
            .filter(|folder| folder.join("summary.txt").is_file())
            .filter(|folder| folder.join("source.txt").is_file())
            .collect();
        folders.sort();
        let read = |path: std::path::PathBuf| {
            Input::new(
                path.display().to_string(),
                std::fs::read_to_string(path).unwrap(),
            )
        };
        let mut equivalences = 0;
        for folder in folders {
            let summary = read(folder.join("summary.txt"));
            let source = read(folder.join("source.txt"));
            let report = check(&summary, &source, &Config::default());
            let with = |toml: String| {
                let config = config::parse("crosscheck.toml", toml.into(), Config::default());
                let report = check(&summary, &source, &config.unwrap());
                (report.findings.iter())
                    .map(|finding| fingerprint(&report, finding))
                    .collect::<Vec<_>>()
            };
            let suggested = Acceptance::equivalences(&report);
            for (index, finding) in report.findings.iter().enumerate() {
                let accept = Acceptance::of(&report, index, &suggested);
                let print = fingerprint(&report, finding);
                let line = accept.entry_line();
                let file = format!("{{\"version\": 1, \"accepted\": [{line}]}}");
                let accepted = baseline::parse(&Input::new("baseline.json", file)).unwrap();
                let mut marked = report.clone();
                baseline::apply(&mut marked, &accepted);
                assert!(marked.is_accepted(index), "{folder:?}: {line}");
                let left = with(format!("[severity]\n{}\n", accept.severity));
                assert!(!left.contains(&print), "{folder:?}: {}", accept.severity);
                if let Some(line) = &accept.equivalence {
                    equivalences += 1;
                    let left = with(format!("[equivalences]\n{line}\n"));
                    assert!(!left.contains(&print), "{folder:?}: {line}");
                    assert_eq!(
                        left.len(),
                        report.findings.len() - 1,
                        "{folder:?}: {line} drops its finding only"
                    );
                }
            }
        }
        assert!(equivalences >= 3, "{equivalences} equivalences suggested");
    }

    #[test]
    fn suggested_toml_strings_parse_back_and_show_no_hidden_character() {
        let text = "a \"quoted\" \\ path\u{202e}reversed\u{1b}[31m";
        let line = toml_string(text);
        assert_eq!(
            crate::model::printable(&line),
            line,
            "nothing left for a terminal to act on"
        );
        let parsed: toml::Table = toml::from_str(&format!("x = {line}")).unwrap();
        assert_eq!(parsed["x"].as_str(), Some(text));
    }
}
