//! The JSON format (`--format json`), version 1.
//!
//! ```text
//! {"version": 1, "summary": DOC, "source": DOC, "findings": [FINDING],
//!  "hidden"?: {"warning": n, "info": n}, "limits": [TEXT], "notes"?: [TEXT],
//!  "min_confidence": 0..1, "baseline"?: {"accepted": n, "stale": [{"fingerprint", "rule", "message"}]}}
//! DOC      {"path", "format"?: "srt"|"vtt"|"html"|"docx" (a derived input), "language",
//!           "detected"?: DETECTED, "speaker"?: SPEAKER (the source only), "sentences": [SENTENCE]}
//! DETECTED {"language", "code", "supported"}: the language detection found the text in (its
//!           English name, its ISO 639-3 code) and whether crosscheck has word lists for it;
//!           `language` is then the rules it was read with (English for the others). Left out
//!           when `--language` gave the language, or the text is too short or mixed to tell
//! SPEAKER  {"name", "from": "configured"|"source-introduction"|"turn-label"|"summary-attribution",
//!           "at"?: {"document": "source"|"summary", "sentence", "span", "text"}}: the source's
//!           speaker the check settled on, and the mention it was read from
//! SENTENCE {"id", "span", "text", "label", "aligned_to": [ids in the other document], "score",
//!           "confidence"?: 0..1 (the estimated probability that the label is right: summary
//!           sentences that make a claim, and covered, partial and omitted source sentences),
//!           "editorial"?: "header"|"dateline"|"headline"|"caption"|"byline"|"narration",
//!           "salience"?: 0..1 and "lost"?: [TEXT] (omitted source sentences: the facts the
//!           summary loses), "speaker"?: name (other-speaker), "turn"?: {"span", "text"}
//!           (a source sentence of a transcript of several voices: the label of the speaker's
//!           turn it is in, such as `THE PRESIDENT` or `Q`)}
//! SPAN     {"start", "end", "line", "column", "original"?: ORIGINAL}: byte offsets into the
//!          document's text (end exclusive) and the 1-based line and column (in characters) of
//!          `start`; the text is the file's, or for a derived input (DOC's `format`) the text
//!          read from it, and `original` says where the span is in the file
//! ORIGINAL {"start", "end", "line", "column", "time"?} (subtitles, web pages: byte offsets into
//!          the file, the line and column of `start`, and a subtitle cue's start time,
//!          `00:04:12`) or {"paragraph", "offset", "end_paragraph", "end_offset"} (a Word
//!          file: 1-based paragraphs and byte offsets into their text)
//! FINDING  {"rule", "kind", "fact"?, "severity", "message", "summary": LOCATION|null,
//!           "source": LOCATION|null, "added"?: [ADDED], "confidence": 0..1 (the estimated
//!           probability that the finding is right), "accepted"?: true (a baseline accepts
//!           it), "doubtful"?: true (its confidence is under `min_confidence`: it does not
//!           fail the run)}
//! ADDED    {"fact", "span", "text"}: on an `unsupported` finding, each detail of the sentence
//!          the source never gives (a number, a year, a name, a negation), in summary order
//! LOCATION {"sentence": id, "span", "text"}
//! ```
//!
//! **Version 2**, written only for a source of several files (`check SUMMARY SOURCE…`): the
//! source DOC has no `path`; a top-level `"sources": [{"path", "format"?, "sentences": [first
//! id, last id]?, "labels": {label: count}}]` lists the files in order with their sentences'
//! ids and labels; and every SPAN of the source adds `"path"`, its file, with `start`, `end`,
//! `line` and `column` in that file. All else is as in version 1.
//!
//! With `--pairs`, each pair is one line (JSON Lines): the same document, compact, led by
//! `"pair"` (its name) and `"exit"` (its exit code); a pair that could not be checked is
//! `{"pair", "exit": 2, "error"}`.
//!
//! Sentence ids are 1-based and stable for a given input. `kind` is one of `fact-mismatch`,
//! `unsupported`, `omission`, `paraphrase-shift`, `other-speaker`; `fact` (on `fact-mismatch`)
//! is `number`, `negation`, `quote`, `date`, `title`, `name`, `speaker`, `new-name` or `term`;
//! `rule` is the kind, or `kind/fact` for a fact mismatch (as in SARIF and `crosscheck.toml`);
//! `severity` is `error`, `warning` or `info`. An omission has no summary location; a finding
//! with nothing to point at in the source has no source location. `limits` lists the limits
//! reached while checking (such as the time limit), each saying what was left undone; it is
//! empty when the check is complete. `notes` says how the pair was read where that fails
//! nothing (a document in a language crosscheck has no word lists for; a summary and a source
//! in two languages, whose sentences are then not compared; quotations in translation).
//!
//! With `--show` (or `--quiet`, or `show` in `crosscheck.toml`), `findings` holds only the
//! findings shown, and `hidden` counts the others by severity; it is left out when nothing
//! is hidden. Errors, and findings at or above `--fail-on`, are never hidden. A baseline's
//! `accepted` counts the shown findings it accepts.

use std::io::{self, Write};

use serde::Serialize;

use super::{Lazy, Places, Position};
use crate::model::{
    BaselineEntry, Detected, Document, Editorial, FactKind, FindingKind, Hidden, Judgement,
    Language, Location, Report, Severity, SourceLabel, Span, SpeakerFrom, two_decimals,
};
use crate::read::{Format, Original};

/// The version of the JSON format; it changes when a field changes meaning or disappears.
pub const JSON_VERSION: u32 = 1;

/// The version written for a source of several files: the source's spans are each in its
/// own file (`path`), so readers of version 1 would place them in the wrong one.
pub const JSON_VERSION_SEVERAL_SOURCES: u32 = 2;

/// The document; its sentences and findings are [`Lazy`] sequences, made as they are written.
#[derive(Serialize)]
struct JsonReport<'a, Summary, Source, Findings> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pair: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    exit: Option<u8>,
    version: u32,
    summary: Summary,
    source: Source,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    sources: Vec<JsonSource<'a>>,
    findings: Findings,
    #[serde(skip_serializing_if = "Hidden::is_empty")]
    hidden: Hidden,
    limits: &'a [String],
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    notes: &'a [String],
    min_confidence: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline: Option<JsonBaseline<'a>>,
}

#[derive(Serialize)]
struct JsonBaseline<'a> {
    accepted: usize,
    stale: &'a [BaselineEntry],
}

/// One file of a source of several: its path, its sentences' ids and their labels.
#[derive(Serialize)]
struct JsonSource<'a> {
    path: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    format: Option<Format>,
    /// The ids of its first and last sentences (none when it has none).
    sentences: Option<[usize; 2]>,
    labels: std::collections::BTreeMap<SourceLabel, usize>,
}

impl<'a> JsonSource<'a> {
    /// Each file of a source of several; none for a source of one file.
    fn all(report: &'a Report) -> Vec<Self> {
        let files = report.source.files();
        if files.len() < 2 {
            return Vec::new();
        }
        (files.into_iter())
            .map(|file| {
                let range = file.sentences;
                let mut labels = std::collections::BTreeMap::new();
                for judgement in &report.source_judgements[range.clone()] {
                    *labels.entry(judgement.label).or_default() += 1;
                }
                JsonSource {
                    path: file.path,
                    format: file.origin.map(|origin| origin.format),
                    sentences: (!range.is_empty()).then(|| [range.start + 1, range.end]),
                    labels,
                }
            })
            .collect()
    }
}

#[derive(Serialize)]
struct JsonDocument<'a, Sentences> {
    /// The file's path; left out for a source of several files, which `sources` lists.
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    format: Option<Format>,
    language: Language,
    #[serde(skip_serializing_if = "Option::is_none")]
    detected: Option<JsonDetected>,
    #[serde(skip_serializing_if = "Option::is_none")]
    speaker: Option<JsonSpeaker<'a>>,
    sentences: Sentences,
}

/// The language detection found a document in.
#[derive(Serialize)]
struct JsonDetected {
    language: &'static str,
    code: &'static str,
    supported: bool,
}

impl JsonDetected {
    fn of(document: &Document) -> Option<Self> {
        let detected = document.detected?;
        Some(JsonDetected {
            language: detected.name()?,
            code: detected.code()?,
            supported: matches!(detected, Detected::Supported(_)),
        })
    }
}

/// The source's speaker the check settled on.
#[derive(Serialize)]
struct JsonSpeaker<'a> {
    name: &'a str,
    from: SpeakerFrom,
    /// Where the name was read: the introduction's mention in the source, or the first
    /// attribution in the summary.
    #[serde(skip_serializing_if = "Option::is_none")]
    at: Option<JsonSpeakerPlace<'a>>,
}

/// A mention and the document it is in.
#[derive(Serialize)]
struct JsonSpeakerPlace<'a> {
    document: &'static str,
    #[serde(flatten)]
    location: JsonLocation<'a>,
}

#[derive(Serialize)]
struct JsonSentence<'a, L> {
    id: usize,
    span: JsonSpan<'a>,
    text: &'a str,
    label: &'a L,
    aligned_to: Vec<usize>,
    score: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    confidence: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    editorial: Option<Editorial>,
    #[serde(skip_serializing_if = "Option::is_none")]
    salience: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    speaker: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    lost: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    turn: Option<JsonText<'a>>,
}

/// Words of a document and where they are.
#[derive(Serialize)]
struct JsonText<'a> {
    span: JsonSpan<'a>,
    text: &'a str,
}

#[derive(Serialize)]
struct JsonSpan<'a> {
    /// The file the span is in, for a source of several files.
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<&'a str>,
    start: usize,
    end: usize,
    #[serde(flatten)]
    position: Position,
    #[serde(skip_serializing_if = "Option::is_none")]
    original: Option<JsonOriginal>,
}

/// Where a span of a derived input's text is in the original file.
#[derive(Serialize)]
struct JsonOriginal {
    #[serde(flatten)]
    at: Original,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    time: Option<String>,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    rule: String,
    kind: FindingKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    fact: Option<FactKind>,
    severity: Severity,
    message: &'a str,
    summary: Option<JsonLocation<'a>>,
    source: Option<JsonLocation<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    added: Vec<JsonAdded<'a>>,
    confidence: f64,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    accepted: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    doubtful: bool,
}

/// A detail the source never gives.
#[derive(Serialize)]
struct JsonAdded<'a> {
    fact: FactKind,
    span: JsonSpan<'a>,
    text: &'a str,
}

#[derive(Serialize)]
struct JsonLocation<'a> {
    sentence: usize,
    span: JsonSpan<'a>,
    text: &'a str,
}

fn span<'a>(places: &Places<'a>, span: Span) -> JsonSpan<'a> {
    let original = places.original(span).map(|at| {
        let place = places.start(span);
        let bytes = matches!(at, Original::Bytes { .. });
        JsonOriginal {
            at,
            line: bytes.then_some(place.line),
            column: bytes.then_some(place.column),
            time: place.time.map(|time| time.to_string()),
        }
    });
    let local = places.local(span);
    JsonSpan {
        path: places.several().then(|| places.path(span)),
        start: local.start,
        end: local.end,
        position: places.in_text(span.start),
        original,
    }
}

fn document<'a, L: Serialize>(
    document: &'a Document,
    lines: &'a Places<'a>,
    judgements: &'a [Judgement<L>],
) -> JsonDocument<'a, impl Serialize + 'a> {
    let sentences = move || {
        document.sentences.iter().zip(judgements).enumerate().map(
            move |(index, (sentence, judgement))| JsonSentence {
                id: index + 1,
                span: span(lines, sentence.span),
                text: document.slice(sentence.span),
                label: &judgement.label,
                aligned_to: judgement.aligned_to.iter().map(|i| i + 1).collect(),
                // Adding 0.0 turns -0.0 into 0.0: JSON readers need not know signed zeros.
                score: judgement.score + 0.0,
                // Held as f32; shown with the two decimals it was rounded to.
                confidence: judgement.confidence.map(|c| two_decimals(f64::from(c))),
                editorial: sentence.editorial,
                salience: judgement.salience(),
                speaker: judgement.speaker(),
                lost: judgement.lost(),
                turn: document.voices.turn_of(index).map(|turn| JsonText {
                    span: span(lines, turn.label),
                    text: document.slice(turn.label),
                }),
            },
        )
    };
    JsonDocument {
        path: document.parts.is_empty().then_some(document.path.as_str()),
        format: document.origin.as_ref().map(|origin| origin.format),
        language: document.language,
        detected: JsonDetected::of(document),
        speaker: None,
        sentences: Lazy(sentences),
    }
}

fn location<'a>(
    document: &'a Document,
    lines: &Places<'a>,
    location: Option<Location>,
) -> Option<JsonLocation<'a>> {
    location.map(|l| JsonLocation {
        sentence: l.sentence() + 1,
        span: span(lines, l.span()),
        text: document.slice(l.span()),
    })
}

/// How a document is laid out: pretty-printed (one report) or on one line (JSON Lines).
#[derive(Clone, Copy)]
pub(super) enum Layout {
    /// Indented, a line per value (`serde_json::to_writer_pretty`).
    Pretty,
    /// All on one line (`serde_json::to_writer`).
    Line,
}

/// The size of the buffer [`write_value`] puts in front of its writer.
const JSON_BUFFER_BYTES: usize = 8 * 1024;

/// Writes `value` in `layout`, then a newline. The serializer makes a write per token, so a
/// small buffer of its own gathers them before they reach `out` through its `dyn` calls.
pub(super) fn write_value(
    value: &impl Serialize,
    layout: Layout,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let mut out = io::BufWriter::with_capacity(JSON_BUFFER_BYTES, out);
    match layout {
        Layout::Pretty => serde_json::to_writer_pretty(&mut out, value)?,
        Layout::Line => serde_json::to_writer(&mut out, value)?,
    }
    out.write_all(b"\n")?;
    out.flush()
}

/// Writes the report as pretty-printed JSON, ending with a newline.
pub(super) fn write(report: &Report, out: &mut dyn io::Write) -> io::Result<()> {
    write_report(report, None, Layout::Pretty, out)
}

/// Writes the report as one line of JSON Lines, led by the pair's name and exit code.
pub(super) fn write_line(
    report: &Report,
    pair: &str,
    exit: u8,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    write_report(report, Some((pair, exit)), Layout::Line, out)
}

/// Writes the JSON Lines entry of a pair that could not be checked, with its exit code.
pub(super) fn write_error_line(
    pair: &str,
    exit: u8,
    error: &crate::Error,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    #[derive(Serialize)]
    struct ErrorLine<'a> {
        pair: &'a str,
        exit: u8,
        error: String,
    }
    let line = ErrorLine {
        pair,
        exit,
        error: error.to_string(),
    };
    write_value(&line, Layout::Line, out)
}

/// The report's JSON version: [`JSON_VERSION_SEVERAL_SOURCES`] for a source of several files.
fn version(report: &Report) -> u32 {
    if report.source.parts.is_empty() {
        JSON_VERSION
    } else {
        JSON_VERSION_SEVERAL_SOURCES
    }
}

/// Writes `crosscheck align --format json`: the report's version, documents and files of
/// the source, without findings, pretty-printed.
pub(super) fn write_alignment(report: &Report, out: &mut dyn io::Write) -> io::Result<()> {
    #[derive(Serialize)]
    struct Alignment<'a, Summary, Source> {
        version: u32,
        summary: Summary,
        source: Source,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        sources: Vec<JsonSource<'a>>,
    }
    let summary_lines = Places::new(&report.summary);
    let source_lines = Places::new(&report.source);
    let alignment = Alignment {
        version: version(report),
        summary: document(&report.summary, &summary_lines, &report.summary_judgements),
        source: document(&report.source, &source_lines, &report.source_judgements),
        sources: JsonSource::all(report),
    };
    write_value(&alignment, Layout::Pretty, out)
}

fn write_report(
    report: &Report,
    pair: Option<(&str, u8)>,
    layout: Layout,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let summary_lines = Places::new(&report.summary);
    let source_lines = Places::new(&report.source);
    let (summary_lines, source_lines) = (&summary_lines, &source_lines);
    let findings = move || {
        report
            .findings
            .iter()
            .enumerate()
            .map(move |(index, f)| JsonFinding {
                rule: f.rule(),
                kind: f.kind,
                fact: f.fact,
                severity: f.severity,
                message: &f.message,
                summary: location(&report.summary, summary_lines, f.summary),
                source: location(&report.source, source_lines, f.source),
                added: (f.added.iter())
                    .map(|detail| JsonAdded {
                        fact: detail.fact,
                        span: span(summary_lines, detail.span),
                        text: report.summary.slice(detail.span),
                    })
                    .collect(),
                confidence: f.confidence,
                accepted: report.is_accepted(index),
                doubtful: report.is_doubtful(index),
            })
    };
    let json = JsonReport {
        pair: pair.map(|(name, _)| name),
        exit: pair.map(|(_, exit)| exit),
        version: version(report),
        sources: JsonSource::all(report),
        summary: document(&report.summary, summary_lines, &report.summary_judgements),
        source: JsonDocument {
            speaker: report.speaker.as_ref().map(|speaker| {
                let (name, lines, in_document) = match speaker.from {
                    SpeakerFrom::SummaryAttribution => ("summary", summary_lines, &report.summary),
                    _ => ("source", source_lines, &report.source),
                };
                JsonSpeaker {
                    name: &speaker.name,
                    from: speaker.from,
                    at: location(in_document, lines, speaker.at).map(|location| JsonSpeakerPlace {
                        document: name,
                        location,
                    }),
                }
            }),
            ..document(&report.source, source_lines, &report.source_judgements)
        },
        findings: Lazy(findings),
        hidden: report.hidden,
        limits: &report.limits,
        notes: &report.notes,
        min_confidence: report.min_confidence + 0.0,
        baseline: report.baseline.as_ref().map(|b| JsonBaseline {
            accepted: b.accepted.len(),
            stale: &b.stale,
        }),
    };
    write_value(&json, layout, out)
}
