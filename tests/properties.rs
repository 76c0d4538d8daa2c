//! Properties that hold for any input (proptest): over arbitrary Unicode text, over text
//! built from the words, numbers, marks and scripts newsrooms' files contain, and over
//! mutated fixture text. Case counts are bounded so that CI stays quick; raise them with
//! `PROPTEST_CASES`.

use crosscheck::batch::{self, PairSpec};
use crosscheck::lang::Language;
use crosscheck::normalize::word_key;
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
}
