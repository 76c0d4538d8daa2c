//! Properties that hold for any input (proptest): over arbitrary Unicode text, over text
//! built from the words, numbers, marks and scripts newsrooms' files contain, and over
//! mutated fixture text. Case counts are bounded so that CI stays quick; raise them with
//! `PROPTEST_CASES`. Derived inputs (subtitles, web pages, Word files; see: issue 19) are
//! built from their markup's pieces, and their spans must map into the original file.

#[path = "common/docx.rs"]
mod docx;

use clap::ValueEnum;
use crosscheck::batch::{self, PairSpec};
use crosscheck::lang::Language;
use crosscheck::normalize::word_key;
use crosscheck::read::{self, Original};
use crosscheck::report::{Format, Style, render};
use crosscheck::{Config, Document, Input, Report, SourceKind, Span, SummaryLabel, check};
use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;

/// Pieces of text that exercise every stage: Vietnamese in both tone-mark placements, number
/// words and digits in both conventions, dates, quotes and parentheses (balanced or not),
/// reporting verbs, captions, emoji with joiners, right-to-left text, control characters.
const PIECES: &[&str] = &[
    "Bộ trưởng",
    "cho biết",
    "nhấn mạnh",
    "hoà bình",
    "hòa bình",
    "thuỷ",
    "thủy",
    "Liên Hợp Quốc",
    "liên hợp quốc",
    "72",
    "hai",
    "mươi",
    "ba",
    "nghìn",
    "1.000",
    "3,5",
    "năm",
    "Thứ nhất",
    "ngày 26 tháng 10 năm 2025",
    "26-10",
    "26/10/2025",
    "Chiều",
    "không",
    "chưa",
    "sẽ",
    "đã",
    "the minister",
    "said",
    "not",
    "never",
    "will",
    "forty",
    "1,000",
    "3.5",
    "percent",
    "%",
    "“",
    "”",
    "\"",
    "(",
    ")",
    "«",
    "»",
    "'",
    ".",
    ".",
    ".",
    ",",
    "!",
    "?",
    ";",
    ":",
    "…",
    " - ",
    "\n",
    "\n\n",
    "Ảnh: VIẾT CHUNG",
    "TS.",
    "Dr.",
    "U.S.",
    "👩‍👩‍👧",
    "🇻🇳",
    "שלום",
    "مرحبا",
    "\u{200f}",
    "\u{0}",
    "\u{7}",
    "\t",
    "\r\n",
    "e\u{301}",
    "\u{feff}",
    "ông",
    "Ông Nguyễn Văn A",
    "John Brandolino",
    "tôi",
    "chúng ta",
];

fn pieces_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::sample::select(PIECES).prop_map(str::to_string),
            1 => "\\PC{1,8}",
        ],
        0..80,
    )
    .prop_map(|parts| parts.join(" "))
}

/// A fixture's text with a few stretches deleted, repeated or replaced (at character
/// boundaries).
fn mutated_fixture() -> impl Strategy<Value = String> {
    const FIXTURES: &[&str] = &[
        include_str!("../fixtures/hanoi/summary.txt"),
        include_str!("../fixtures/hanoi/source.txt"),
        include_str!("../fixtures/english-harbour/summary.txt"),
        include_str!("../fixtures/english-harbour/source.txt"),
    ];
    (
        prop::sample::select(FIXTURES),
        prop::collection::vec(
            (any::<prop::sample::Index>(), 0usize..40, pieces_text()),
            0..4,
        ),
    )
        .prop_map(|(text, edits)| {
            let mut chars: Vec<char> = text.chars().collect();
            for (at, length, insert) in edits {
                let start = at.index(chars.len() + 1);
                let end = (start + length).min(chars.len());
                chars.splice(start..end, insert.chars());
            }
            chars.into_iter().collect()
        })
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), pieces_text(), mutated_fixture()]
}

/// Pieces of cue text: styling and voice tags (closed or not), labels, entities, timings.
const CUE_PIECES: &[&str] = &[
    "<i>",
    "</i>",
    "<b>",
    "<v Mayor Carter>",
    "<v.loud Reporter>",
    "</v>",
    "<c.yellow>",
    "</c>",
    "{\\an8}",
    "{",
    "<",
    ">",
    "&amp;",
    "&lt;",
    "&nbsp;",
    "&",
    ">> ",
    ">> MAYOR CARTER: ",
    "Q: ",
    "<00:00:01.000>",
    " --> ",
    "NOTE",
    "\r",
];

/// Pieces of a web page: elements the extraction keeps, marks or drops, comments, entities
/// (whole, without their `;`, unknown, astral), a tag without its end.
const PAGE_PIECES: &[&str] = &[
    "<html>",
    "<body>",
    "<article>",
    "</article>",
    "<main>",
    "<p>",
    "</p>",
    "<h1>",
    "</h1>",
    "<div class=\"byline\">",
    "</div>",
    "<figcaption>",
    "</figcaption>",
    "<script>",
    "</script>",
    "<style>",
    "<nav>",
    "</nav>",
    "<br>",
    "<p hidden>",
    "<!--",
    "-->",
    "&amp;",
    "&#8220;",
    "&#x1F600;",
    "&notit;",
    "&amp",
    "&",
    "&bogus;",
    "&#;",
    "\r\n",
    "<b",
    "\"",
    "<",
    ">",
    "</",
    "<textarea>",
];

/// Text of cues or pages: markup pieces among words and arbitrary text.
fn marked_text(markup: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            3 => prop::sample::select(markup).prop_map(str::to_string),
            3 => prop::sample::select(PIECES).prop_map(str::to_string),
            1 => "\\PC{1,8}",
        ],
        0..24,
    )
    .prop_map(|parts| parts.join(" "))
}

/// A subtitle file, `srt` or `vtt`: a header, and cues with or without a number, each a
/// timing and up to three lines (none: a cue without text).
fn subtitles() -> impl Strategy<Value = (String, &'static str)> {
    let cue = (
        any::<bool>(),
        0u32..100_000,
        prop::collection::vec(marked_text(CUE_PIECES), 0..3),
    );
    (any::<bool>(), prop::collection::vec(cue, 1..12)).prop_map(|(vtt, cues)| {
        let mut file = String::from(if vtt { "WEBVTT\n\nNOTE a note\n\n" } else { "" });
        for (index, (numbered, start, lines)) in cues.into_iter().enumerate() {
            if numbered || !vtt {
                file.push_str(&format!("{}\n", index + 1));
            }
            let (minutes, seconds) = (start / 60, start % 60);
            let comma = if vtt { '.' } else { ',' };
            file.push_str(&format!("00:{minutes:02}:{seconds:02}{comma}000 --> 00:{minutes:02}:{seconds:02}{comma}900\n"));
            for line in lines {
                file.push_str(&line.replace('\n', " "));
                file.push('\n');
            }
            file.push('\n');
        }
        (file, if vtt { "vtt" } else { "srt" })
    })
}

/// A web page: a doctype, then page pieces among words.
fn page() -> impl Strategy<Value = String> {
    marked_text(PAGE_PIECES).prop_map(|body| format!("<!DOCTYPE html>{body}"))
}

/// A Word file of up to eight paragraphs, each up to three runs of arbitrary or piece text.
fn word_file() -> impl Strategy<Value = Vec<u8>> {
    let run = prop_oneof![any::<String>(), pieces_text()];
    let paragraph = prop::collection::vec(run, 0..3);
    prop::collection::vec(
        (
            prop::sample::select(&["", "Title", "Caption"][..]),
            paragraph,
        ),
        0..8,
    )
    .prop_map(|paragraphs| {
        let paragraphs: Vec<(&str, String)> = paragraphs
            .into_iter()
            .map(|(style, runs)| (style, runs.iter().map(|r| docx::run(r)).collect()))
            .collect();
        docx::docx(&paragraphs)
    })
}

/// Reads `bytes` as a file named `name` would be, and checks it against the harbour pair both
/// ways: every span of either report lies in its text and maps into its file
/// ([`assert_maps_into_the_file`]), and every format renders. A file with no text, or one
/// the XML reader refuses, is an error, never a panic.
fn assert_derived(name: &str, bytes: Vec<u8>) {
    let extension = name.rsplit_once('.').map(|(_, extension)| extension);
    let input = match read::from_bytes(name.to_string(), bytes, extension, 64 << 20) {
        Ok(input) => input,
        Err(
            crosscheck::Error::Empty { .. }
            | crosscheck::Error::Binary { .. }
            | crosscheck::Error::Damaged { .. },
        ) => return,
        Err(error) => panic!("{name}: {error}"),
    };
    let harbour = |file: &str| {
        Input::new(
            file,
            std::fs::read_to_string(format!(
                "{}/fixtures/english-harbour/{file}",
                env!("CARGO_MANIFEST_DIR")
            ))
            .unwrap(),
        )
    };
    let config = Config::default();
    for report in [
        check(&input, &harbour("source.txt"), &config),
        check(&harbour("summary.txt"), &input, &config),
    ] {
        assert_spans(&report);
        for document in [&report.summary, &report.source] {
            assert_maps_into_the_file(document, &report);
        }
        for format in Format::value_variants() {
            render(&report, *format, Style::default());
        }
    }
}

/// Every sentence's and finding's span of a derived document maps into its original file: to
/// bytes inside it on character boundaries, or to a paragraph that exists and an offset inside
/// its text on a character boundary, start before end.
fn assert_maps_into_the_file(document: &Document, report: &Report) {
    let Some(origin) = &document.origin else {
        return;
    };
    let in_document = |at: Option<crosscheck::Location>| at.map(|at| at.span());
    let findings = report.findings.iter().flat_map(|finding| {
        if std::ptr::eq(document, &report.summary) {
            in_document(finding.summary)
        } else {
            in_document(finding.source)
        }
    });
    let paragraphs: Vec<&str> = document.text.split("\n\n").collect();
    for span in document.sentences.iter().map(|s| s.span).chain(findings) {
        let _ = origin.time(span.start);
        match origin.original(span) {
            Original::Bytes { start, end } => {
                let file = origin
                    .original_text()
                    .expect("a text format keeps its file");
                assert!(
                    start <= end && end <= file.len(),
                    "{span:?} → {start}..{end} of {}",
                    file.len()
                );
                assert!(
                    file.is_char_boundary(start) && file.is_char_boundary(end),
                    "{span:?} → {start}..{end}"
                );
            }
            Original::Paragraphs {
                paragraph,
                offset,
                end_paragraph,
                end_offset,
            } => {
                assert!(
                    (1..=paragraphs.len()).contains(&paragraph) && paragraph <= end_paragraph,
                    "{span:?}"
                );
                assert!(end_paragraph <= paragraphs.len(), "{span:?}");
                for (paragraph, offset) in [(paragraph, offset), (end_paragraph, end_offset)] {
                    let text = paragraphs[paragraph - 1];
                    assert!(
                        offset <= text.len() && text.is_char_boundary(offset),
                        "{span:?}: {offset} in {text:?}"
                    );
                }
            }
        }
    }
}

/// A summary checked against several sources, plain text and a web page, read as one
/// ([`read::join`]): every source sentence and finding lies inside one file's text, whose
/// bytes there are the text reported; a derived file's spans map into it; every format
/// renders.
fn assert_several_sources(summary: &str, sources: &[String], page: &str) {
    let mut inputs: Vec<Input> = (sources.iter().enumerate())
        .map(|(i, text)| Input::new(format!("source-{i}.txt"), text.as_str()))
        .collect();
    match read::from_bytes(
        "page.html".into(),
        page.as_bytes().to_vec(),
        Some("html"),
        1 << 20,
    ) {
        Ok(input) => inputs.push(input),
        Err(crosscheck::Error::Empty { .. } | crosscheck::Error::Binary { .. }) => {}
        Err(error) => panic!("page.html: {error}"),
    }
    let texts: Vec<std::sync::Arc<str>> = inputs.iter().map(|input| input.text.clone()).collect();
    let joined = read::join(inputs);
    let report = check(
        &Input::new("summary.txt", summary),
        &joined,
        &Config::default(),
    );
    assert_spans(&report);
    let source = &report.source;
    let findings = report.findings.iter().filter_map(|finding| finding.source);
    let spans = (source.sentences.iter().map(|s| s.span)).chain(findings.map(|at| at.span()));
    // One file is read as it is, with no parts.
    let starts: Vec<usize> = match source.parts.len() {
        0 => vec![0],
        _ => source.parts.iter().map(|part| part.start).collect(),
    };
    for span in spans {
        let file = starts.partition_point(|&start| start <= span.start) - 1;
        let local = (span.start - starts[file])..(span.end - starts[file]);
        assert_eq!(
            texts[file].get(local.clone()),
            Some(source.slice(span)),
            "{span:?} lies in file {file} at {local:?}"
        );
        let origin = match source.parts.get(file) {
            Some(part) => part.origin.as_ref(),
            None => source.origin.as_ref(),
        };
        if let Some(origin) = origin {
            let _ = origin.original(Span::new(local.start, local.end));
        }
    }
    for format in Format::value_variants() {
        render(&report, *format, Style::default());
    }
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|c| c.parse().ok())
            .unwrap_or(48),
        ..ProptestConfig::default()
    }
}

fn inputs(summary: &str, source: &str) -> (Input, Input) {
    (
        Input::new("summary.txt", summary),
        Input::new("source.txt", source),
    )
}

fn assert_span(document: &Document, span: Span, what: &str) {
    assert!(
        span.start <= span.end && span.end <= document.text.len(),
        "{what}: {span:?} out of bounds"
    );
    assert!(
        document.text.is_char_boundary(span.start) && document.text.is_char_boundary(span.end),
        "{what}: {span:?} not on character boundaries"
    );
}

fn assert_spans(report: &Report) {
    for document in [&report.summary, &report.source] {
        let mut end = 0;
        for sentence in &document.sentences {
            assert_span(document, sentence.span, "sentence");
            assert!(
                sentence.span.start >= end,
                "sentences in order, without overlap"
            );
            end = sentence.span.end;
        }
        for token in document.tokens.iter() {
            assert_span(document, token.span(), "token");
        }
    }
    for finding in &report.findings {
        for (document, at) in [
            (&report.summary, finding.summary),
            (&report.source, finding.source),
        ] {
            let Some(at) = at else { continue };
            assert_span(document, at.span(), "finding");
            let sentence = document.sentences[at.sentence()].span;
            assert!(
                sentence.start <= at.span().start && at.span().end <= sentence.end,
                "a finding's span lies in its sentence"
            );
        }
    }
}

/// Everything a report says, with spans replaced by the NFC form of the text they cover, so
/// that reports on the NFC and the NFD form of the same files compare equal.
fn meaning(report: &Report) -> String {
    let text = |document: &Document, span: Span| document.slice(span).nfc().collect::<String>();
    let mut out = format!(
        "{:?} {:?} {:?} {:?}\n",
        report.summary.detected, report.source.detected, report.limits, report.notes
    );
    for (document, labels) in [
        (
            &report.summary,
            report
                .summary_judgements
                .iter()
                .map(|j| format!("{:?} {:?}", j.label, j.aligned_to))
                .collect::<Vec<_>>(),
        ),
        (
            &report.source,
            report
                .source_judgements
                .iter()
                .map(|j| format!("{:?} {:?}", j.label, j.aligned_to))
                .collect(),
        ),
    ] {
        for (sentence, label) in document.sentences.iter().zip(labels) {
            out.push_str(&format!("{label} {:?}\n", text(document, sentence.span)));
        }
    }
    for finding in &report.findings {
        out.push_str(&format!(
            "{} {:?} {:?} {}\n",
            finding.rule(),
            finding.severity,
            finding
                .summary
                .map(|at| (at.sentence(), text(&report.summary, at.span()))),
            finding
                .source
                .map(|at| format!("{} {:?}", at.sentence(), text(&report.source, at.span())))
                .unwrap_or_default(),
        ));
    }
    out
}

fn assert_same_for_nfc_and_nfd(summary: &str, source: &str) {
    let nfc = |t: &str| t.nfc().collect::<String>();
    let nfd = |t: &str| t.nfd().collect::<String>();
    let (a, b) = inputs(&nfc(summary), &nfc(source));
    let composed = check(&a, &b, &Config::default());
    let (a, b) = inputs(&nfd(summary), &nfd(source));
    let decomposed = check(&a, &b, &Config::default());
    assert_spans(&decomposed);
    assert_eq!(meaning(&composed), meaning(&decomposed));
}

fn assert_verbatim_against_itself(text: &str) {
    let config = Config {
        source_kind: SourceKind::Report,
        ..Config::default()
    };
    let (a, b) = inputs(text, text);
    let report = check(&a, &b, &config);
    for (index, judgement) in report.summary_judgements.iter().enumerate() {
        assert!(
            matches!(
                judgement.label,
                SummaryLabel::Verbatim | SummaryLabel::Editorial
            ),
            "sentence {index} {:?} is {:?}",
            report.summary.slice(report.summary.sentences[index].span),
            judgement.label
        );
    }
    assert!(report.findings.is_empty(), "{:?}", report.findings);
}

/// The smallest inputs on which the properties once failed, kept as regression tests.
#[test]
fn inputs_that_once_broke_a_property() {
    // Vietnamese in NFD was detected as English; NFD initials and datelines split otherwise.
    assert_same_for_nfc_and_nfd(
        "",
        "ngày 26 tháng 10 năm 2025 Liên Hợp Quốc A A ngày 26 tháng 10 năm 2025 năm 𐀿 năm",
    );
    assert_same_for_nfc_and_nfd("", "À. 1,000");
    assert_same_for_nfc_and_nfd("", "À  -  Bộ trưởng");
    // A titlecase letter (ᾈ) is a capital with a lowercase mark once decomposed.
    assert_same_for_nfc_and_nfd("Bộ trưởng \n ᾈ", "");
    assert_same_for_nfc_and_nfd(
        "",
        "EASTPORT, Mforty said % Liên Hợp Quốc 72 năm  - arch 3 – The harbour reopened.",
    );
    // A sentence that is only a name; equal sentences; a short sentence repeated whole.
    assert_verbatim_against_itself("phát biểu t. Ông Nguyễn Văn A . 1.000");
    assert_verbatim_against_itself("hoà bình . 26-10 hoà bình % %");
    assert_verbatim_against_itself("TS. TS.");
    // A misquote's closest passage ran on into the next source sentence.
    let (summary, source) = inputs(
        "Ông nói: “Công ước tạo nền tảng pháp lý cho hợp tác quốc tế rộng mở”.",
        "Công ước tạo nền tảng pháp lý cho hợp tác. Quốc tế rộng mở và bền vững.",
    );
    assert_spans(&check(&summary, &source, &Config::default()));
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn spans_lie_inside_their_files_on_character_boundaries(summary in any_text(), source in any_text()) {
        let (summary, source) = inputs(&summary, &source);
        assert_spans(&check(&summary, &source, &Config::default()));
    }

    #[test]
    fn normalization_is_idempotent(word in "\\PC{0,12}", text in pieces_text()) {
        let key = word_key(&word);
        prop_assert_eq!(word_key(&key), key.clone());
        prop_assert_eq!(word_key(&word.nfd().collect::<String>()), key);
        for piece in text.split_whitespace() {
            let key = word_key(piece);
            prop_assert_eq!(word_key(&key), key);
        }
    }

    #[test]
    fn nfc_and_nfd_files_give_the_same_report(summary in any_text(), source in any_text()) {
        assert_same_for_nfc_and_nfd(&summary, &source);
    }

    /// Identifying a language never changes the rules a text is read with (issue #19).
    #[test]
    fn identification_keeps_the_detected_rules(text in any_text()) {
        prop_assert_eq!(Language::identify(&text).rules(), Language::detect(&text));
    }

    #[test]
    fn a_text_checked_against_itself_is_verbatim_and_clean(text in any_text()) {
        assert_verbatim_against_itself(&text);
    }

    #[test]
    fn alignment_ids_exist_and_links_are_symmetric(summary in any_text(), source in any_text()) {
        let (summary, source) = inputs(&summary, &source);
        let report = check(&summary, &source, &Config::default());
        for (s, judgement) in report.summary_judgements.iter().enumerate() {
            for &t in &judgement.aligned_to {
                prop_assert!(t < report.source.sentences.len());
                prop_assert!(report.source_judgements[t].aligned_to.contains(&s), "summary {} → source {} not mirrored", s, t);
            }
        }
        for (t, judgement) in report.source_judgements.iter().enumerate() {
            for &s in &judgement.aligned_to {
                prop_assert!(s < report.summary.sentences.len());
                prop_assert!(report.summary_judgements[s].aligned_to.contains(&t), "source {} → summary {} not mirrored", t, s);
            }
        }
    }

    #[test]
    fn reports_are_deterministic_alone_and_in_parallel_batches(summary in any_text(), source in any_text()) {
        let (a, b) = inputs(&summary, &source);
        let config = Config::default();
        let json = |report: &Report| render(report, Format::Json, Style::default());
        let first = json(&check(&a, &b, &config));
        prop_assert_eq!(&json(&check(&a, &b, &config)), &first);
        let pair = PairSpec {
            id: Some("pair".into()),
            summary_text: Some(summary.clone()),
            source_text: Some(source.clone()),
            ..PairSpec::default()
        };
        let mut batch_reports = Vec::new();
        batch::run((0..9).map(|_| Ok(pair.clone())), &config, |outcome| batch_reports.push(outcome.result));
        prop_assert_eq!(batch_reports.len(), 9);
        for result in batch_reports {
            match result {
                // Inline texts are named after the pair, so compare with the same names.
                Ok(report) => {
                    let (a, b) = (Input::new("pair (summary)", summary.as_str()), Input::new("pair (source)", source.as_str()));
                    prop_assert_eq!(json(&report), json(&check(&a, &b, &config)));
                }
                Err(error) => prop_assert!(summary.trim().is_empty() || source.trim().is_empty() || summary.contains('\0') || source.contains('\0') || summary.starts_with('\u{feff}') || source.starts_with('\u{feff}'), "{}", error),
            }
        }
    }

    #[test]
    fn subtitle_spans_map_into_the_file((file, extension) in subtitles()) {
        assert_derived(&format!("talk.{extension}"), file.into_bytes());
    }

    #[test]
    fn web_page_spans_map_into_the_file(page in page()) {
        assert_derived("page.html", page.into_bytes());
    }

    #[test]
    fn word_file_spans_map_into_the_file(file in word_file()) {
        assert_derived("report.docx", file);
    }

    #[test]
    fn several_sources_keep_each_span_in_its_own_file(
        summary in any_text(),
        sources in prop::collection::vec(any_text(), 1..3),
        page in page(),
    ) {
        assert_several_sources(&summary, &sources, &page);
    }
}
