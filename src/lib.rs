//! crosscheck checks a report against the source it reports on.
//!
//! A news article (the *summary*) reports a speech whose full transcript (the *source*)
//! exists. [`check`] aligns the two sentence by sentence and labels every summary sentence
//! (`verbatim`, `paraphrase`, `mismatch`, `unsupported`, `other-speaker`, `editorial`) and every
//! source sentence (`covered`, `partial`, `omitted`, `editorial`), with findings that point at
//! exact byte spans in both files.
//!
//! The pipeline, one module per stage, each a pure function from one stage's type to the next:
//!
//! 1. [`read`]: a path to an [`Input`] (the file's text, unchanged; or the text of subtitles,
//!    a web page or a Word file, with a map from every byte back to its place in the file).
//! 2. [`normalize`]: text to tokens with comparison keys (NFC/NFD, Vietnamese tone-mark
//!    placement, case and typographic quotes compare equal).
//! 3. [`segment`]: tokens to sentences, with editorial matter marked.
//! 4. [`facts`]: the facts of each sentence (numbers and what they count, people, reporting
//!    verbs, quotes).
//! 5. [`align`]: each summary sentence to the source sentences it reports.
//! 6. [`classify`]: labels and [`Finding`]s.
//! 7. [`policy`]: a project's severities per rule and ignored sentences (`crosscheck.toml`).
//! 8. [`confidence`]: how sure each finding is, from a model learned on public benchmarks.
//! 9. [`report`]: one renderer per output format (human, JSON, Markdown, HTML, SARIF, GitHub).
//!
//! [`config`] holds every setting and reads `crosscheck.toml`; [`baseline`] records reviewed
//! findings so that they no longer fail a run. Around the pipeline, [`batch`] checks many
//! pairs at once, [`output`] writes the rendered text, and [`exit`] decides the exit code.
//!
//! ```
//! use crosscheck::{Config, Input, SummaryLabel, check};
//!
//! let source = Input::new("speech.txt", "We signed the treaty with 41 countries. Thank you all.");
//! let summary = Input::new("article.txt", "The minister said they signed the treaty with 14 countries.");
//! let report = check(&summary, &source, &Config::default());
//! assert_eq!(report.summary_judgements[0].label, SummaryLabel::Mismatch);
//!
//! let source = Input::new("nguon.txt", "Trong ba tuần qua, các đoàn đã thảo luận rất sôi nổi.");
//! let summary = Input::new("bai.txt", "Ông Minh cho biết, trong 3 tuần qua, các đoàn đã thảo luận rất sôi nổi.");
//! let report = check(&summary, &source, &Config::default());
//! assert_eq!(report.summary_judgements[0].label, SummaryLabel::Paraphrase);
//! assert!(report.findings.is_empty());
//! ```

#![warn(clippy::print_stdout, clippy::print_stderr)]

/// `docs/library.md`, whose example is compiled and run with the doctests.
#[cfg(doctest)]
#[doc = include_str!("../docs/library.md")]
pub struct LibraryGuide;

pub mod align;
pub mod baseline;
pub mod batch;
pub mod classify;
pub mod confidence;
pub mod config;
pub mod error;
pub mod exit;
pub mod facts;
pub mod lang;
pub mod model;
pub mod normalize;
pub mod output;
pub mod policy;
pub mod read;
pub mod report;
pub mod segment;

pub use config::{Config, SourceKind};
pub use error::Error;
pub use model::{
    Detail, Detected, Document, Editorial, FactKind, Finding, FindingKind, Judgement, Location,
    Report, Severity, SourceLabel, Span, SummaryLabel,
};
pub use read::Input;

use std::path::Path;

use lang::Language;

/// Runs the analysis stages (normalize, segment, facts) on one document.
pub fn analyze(input: &Input, config: &Config) -> Document {
    let (language, detected) = match config.language {
        Some(language) => (language, None),
        None => {
            let detected = Language::identify(&input.text);
            (detected.rules(), Some(detected))
        }
    };
    let tokens = normalize::tokenize(&input.text);
    let (stems, (mut sentences, facts)) = rayon::join(
        || language.lexicon().stems(&tokens),
        || {
            let sentences = segment::segment(
                &input.text,
                &tokens,
                language,
                config.sentence_per_paragraph,
            );
            let facts = facts::extract(&input.text, &tokens, &sentences, language);
            (sentences, facts)
        },
    );
    for (start, origin) in input.origins() {
        mark_editorial(&mut sentences, &origin.editorial, start);
    }
    let date = segment::header_date(&input.text, &sentences).or(config.date);
    Document {
        path: input.path.clone(),
        text: input.text.clone(),
        language,
        detected,
        tokens,
        stems,
        sentences,
        facts,
        date,
        voices: model::Voices::default(),
        origin: input.origin.clone(),
        parts: input.parts.clone(),
    }
}

/// Marks the sentences that start in a stretch a derived input's extraction knows to be
/// editorial (a web page's headline, byline or caption), unless segmenting marked them; the
/// derived input's text starts at `offset` of the document's (a file of several joined).
fn mark_editorial(
    sentences: &mut [model::Sentence],
    editorial: &[(Span, Editorial)],
    offset: usize,
) {
    for sentence in sentences {
        let Some(start) = sentence.span.start.checked_sub(offset) else {
            continue;
        };
        let index = editorial.partition_point(|(span, _)| span.start <= start);
        if let Some((span, kind)) = index.checked_sub(1).map(|index| editorial[index])
            && start < span.end
            && sentence.editorial.is_none()
        {
            sentence.editorial = Some(kind);
        }
    }
}

/// Analyses a transcript: as [`analyze`], lines about the speaker rather than by them
/// become editorial ([`Editorial::Narration`]), and who speaks where is read
/// ([`model::Voices`]: the person the introduction names, the turns of several voices).
pub fn analyze_transcript(input: &Input, config: &Config) -> Document {
    let mut document = analyze(input, config);
    let narration = facts::narration(&document);
    for (sentence, &is_narration) in document.sentences.iter_mut().zip(&narration.sentences) {
        if is_narration && sentence.editorial.is_none() {
            sentence.editorial = Some(Editorial::Narration);
        }
    }
    let introduced = narration.introduced.map(|person| (0, person));
    document.voices = facts::voices(&document, introduced);
    document
}

/// Reads a summary and its sources, each plain text, subtitles, a web page or a Word file
/// ([`read::document`]), and checks them ([`check`]); several sources are read as one
/// ([`read::join`]): a summary sentence is supported by any of them, and every finding says
/// which. Files larger than [`Config::max_bytes`] are refused. One path may be `-` for
/// standard input.
pub fn check_files<P: AsRef<Path>>(
    summary: &Path,
    sources: &[P],
    config: &Config,
) -> Result<Report, Error> {
    let stdin = Path::new(read::STDIN);
    let paths = || std::iter::once(summary).chain(sources.iter().map(AsRef::as_ref));
    if paths().filter(|&path| path == stdin).count() > 1 {
        return Err(Error::Usage {
            message: "only one file can be `-` (standard input)".into(),
        });
    }
    if sources.is_empty() {
        return Err(Error::Usage {
            message: "a summary needs a source to be checked against".into(),
        });
    }
    let summary = read::document(summary, config.max_bytes)?;
    let source = read::sources(sources, config.max_bytes)?;
    Ok(check(&summary, &source, config))
}

/// Checks a summary against its source: the whole pipeline after reading. The two texts are
/// analysed at the same time, each on its own thread when there is one free.
pub fn check(summary: &Input, source: &Input, config: &Config) -> Report {
    // How the files were read (an extension that named another format) comes first.
    let input_notes: Vec<String> = [summary, source]
        .into_iter()
        .flat_map(|input| input.notes.iter().cloned())
        .collect();
    let (summary, source) = rayon::join(
        || analyze(summary, config),
        || {
            if config.source_kind.has_one_speaker() {
                analyze_transcript(source, config)
            } else {
                analyze(source, config)
            }
        },
    );
    // Texts in two languages share too few words to be compared: no summary sentence is
    // aligned, and the report's notes say why.
    let alignment = match lang::different(&summary, &source) {
        Some(_) => align::unaligned(&summary, &source, config),
        None => align::align(&summary, &source, config),
    };
    let mut limits = match (config.time_limit, alignment.not_reached.len()) {
        (Some(limit), skipped) if skipped > 0 => vec![format!(
            "time limit of {} ms reached: {skipped} of {} summary sentences were not checked, \
             and source sentences they report may be listed as omitted",
            limit.as_millis(),
            summary.sentences.len()
        )],
        _ => Vec::new(),
    };
    let mut classification = classify::classify(&summary, &source, alignment, config);
    policy::apply(&mut classification.findings, &summary, &source, config);
    limits.append(&mut classification.limits);
    let mut report = Report {
        limits,
        notes: (input_notes.into_iter())
            .chain(lang::notices(
                &summary,
                &source,
                ["the summary", "the source"],
            ))
            .chain(classification.notes)
            .collect(),
        baseline: None,
        speaker: classification.speaker,
        hidden: model::Hidden::default(),
        min_confidence: config.min_confidence,
        summary,
        source,
        summary_judgements: classification.summary,
        source_judgements: classification.source,
        findings: classification.findings,
    };
    confidence::assess(&mut report, config.source_kind);
    report
}
