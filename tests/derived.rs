//! Derived inputs (see: issue 19): subtitles, a web page and a Word file checked through the
//! built binary. Each pair of `fixtures/derived/*/` (`summary.*` and `source.*`, any
//! extension) is snapshot-tested in every format, and every span of its JSON report is checked
//! against the bytes of the original file it maps to. Unreadable formats exit 2 with a hint.

mod common;
#[path = "common/docx.rs"]
mod docx;

use std::fs;
use std::path::{Path, PathBuf};

use common::{crosscheck, scratch, spans, without_root_uri};
use serde_json::Value;

/// Every format a report is written in.
const FORMATS: [&str; 6] = ["human", "json", "markdown", "sarif", "github", "html"];

/// The fixture's Word file: each paragraph's style and runs, with runs split inside words, a
/// tab, a line break, deleted text, entities and an empty paragraph.
fn summary_docx() -> Vec<(&'static str, String)> {
    let runs = |xml: &str| xml.to_string();
    vec![
        (
            "Title",
            runs("<w:r><w:t>Eastport harbour reopens</w:t></w:r>"),
        ),
        ("", String::new()),
        (
            "",
            docx::run(
                "EASTPORT, March 3 – The harbour of Eastport reopened on Monday, eighteen months \
                 after a storm destroyed the old sea wall and closed it to every ship.",
            ),
        ),
        (
            "",
            runs(
                "<w:r><w:t xml:space=\"preserve\">Mayor Helen Carter told the crowd that the new \
                 wall is 1,200 metres long and four metres higher than the old one. She said it \
                 was built by 4</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>30 workers</w:t></w:r>\
                 <w:del><w:r><w:delText>, all of them</w:delText></w:r></w:del><w:r><w:t>, most \
                 of them from the town.</w:t></w:r>",
            ),
        ),
        (
            "",
            docx::run(
                "The project cost $48 million & was finished two weeks ahead of schedule and \
                 under budget, the mayor said.",
            ),
        ),
        (
            "",
            runs(
                "<w:r><w:t>Port director Tom Reyes said traffic should return to normal within a \
                 month.</w:t><w:br/><w:t>&quot;We have ships waiting outside already,&quot; he \
                 added.</w:t></w:r>",
            ),
        ),
        (
            "",
            docx::run(
                "Carter also promised that harbour fees will not rise for the next three years.",
            ),
        ),
        (
            "Caption",
            runs(
                "<w:r><w:t>The new sea wall at Eastport.</w:t><w:tab/><w:t>Photo: Anna \
                 Webb</w:t></w:r>",
            ),
        ),
        ("", docx::run("JOHN MILLER")),
    ]
}

/// The text Word shows for a paragraph's runs: deleted text left out, a tab as a tab, a break
/// as a space, markup dropped and XML's entities decoded.
fn shown_text(runs: &str) -> String {
    let mut text = String::new();
    let mut rest = runs;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        let close = open + rest[open..].find('>').expect("a closed tag");
        let tag = &rest[open..=close];
        rest = &rest[close + 1..];
        if tag.starts_with("<w:delText") {
            rest = &rest[rest.find("</w:delText>").expect("its end")..];
        } else if tag == "<w:tab/>" {
            text.push('\t');
        } else if tag == "<w:br/>" {
            text.push(' ');
        }
    }
    text.push_str(rest);
    text.replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The fixture pairs' directories, in order.
fn pairs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/derived");
    let mut dirs: Vec<PathBuf> = fs::read_dir(root)
        .expect("fixtures/derived")
        .map(|entry| entry.expect("an entry").path())
        .filter(|path| path.is_dir())
        .collect();
    dirs.sort();
    dirs
}

/// The file of a pair named `stem` (`summary` or `source`), whatever its extension, relative
/// to the crate root.
fn file(dir: &Path, stem: &str) -> String {
    let found = fs::read_dir(dir)
        .expect("a fixture directory")
        .map(|entry| entry.expect("an entry").path())
        .find(|path| path.file_stem().is_some_and(|s| s == stem))
        .unwrap_or_else(|| panic!("{} has no {stem}.*", dir.display()));
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    found
        .strip_prefix(root)
        .expect("inside the crate")
        .display()
        .to_string()
}

/// Runs `crosscheck check` on a pair in `format`: the exit code and standard output.
fn run(dir: &Path, format: &str) -> (i32, String) {
    let output = crosscheck()
        .args(["check", "--format", format])
        .arg(file(dir, "summary"))
        .arg(file(dir, "source"))
        .output()
        .expect("the binary runs");
    let stdout = String::from_utf8(output.stdout).expect("UTF-8 output");
    (
        output.status.code().expect("an exit code"),
        without_root_uri(&stdout),
    )
}

#[test]
fn the_docx_fixture_is_made_by_its_text() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/derived/harbour-docx/summary.docx");
    let made = docx::docx(&summary_docx());
    if std::env::var_os("CROSSCHECK_WRITE_FIXTURES").is_some() {
        fs::write(&path, &made).expect("the fixture is written");
    }
    let committed = fs::read(&path).expect("the committed fixture");
    assert!(
        committed == made,
        "{} is not what its text makes; write it again with \
         CROSSCHECK_WRITE_FIXTURES=1 cargo test --test derived",
        path.display()
    );
}

#[test]
fn derived_reports_in_every_format() {
    for dir in pairs() {
        let name = dir.file_name().unwrap().to_str().unwrap().to_string();
        let outputs: Vec<(&str, i32, String)> = FORMATS
            .iter()
            .map(|format| {
                let (code, out) = run(&dir, format);
                (*format, code, out)
            })
            .collect();
        for (format, code, _) in &outputs {
            assert!(matches!(code, 0 | 1), "{name} {format} exits {code}");
            assert_eq!(*code, outputs[0].1, "{name}: {format} exits as human does");
        }
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path("../snapshots");
        settings.set_prepend_module_to_snapshot(false);
        settings.bind(|| {
            for (format, _, out) in &outputs {
                insta::assert_snapshot!(format!("derived-{format}@{name}"), out);
            }
        });
    }
}

/// Whether the words of `text` come in order in `original`, the original's first and last
/// characters are the text's or markup's (a tag, a reference), and nothing is left over.
fn maps_onto(text: &str, original: &str) -> bool {
    let words = |s: &str| {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    let mut from = 0;
    let in_order = words(text)
        .iter()
        .all(|word| match original[from..].find(word.as_str()) {
            Some(at) => {
                from += at + word.len();
                true
            }
            None => false,
        });
    let first = text.chars().next().unwrap();
    let last = text.chars().last().unwrap();
    in_order
        && (original.starts_with(first) || original.starts_with(['<', '&']))
        && (original.ends_with(last) || original.ends_with(['>', ';']))
}

#[test]
fn every_span_points_at_its_place_in_the_original_file() {
    let paragraphs: Vec<String> = summary_docx()
        .iter()
        .map(|(_, runs)| shown_text(runs))
        .collect();
    for dir in pairs() {
        let (_, json) = run(&dir, "json");
        let report: Value = serde_json::from_str(&json).unwrap();
        let mut checked = 0;
        for (side, span, text) in spans(&report) {
            let Some(original) = span.get("original") else {
                assert!(report[side].get("format").is_none(), "{side} of {dir:?}");
                continue;
            };
            checked += 1;
            if let Some(paragraph) = original.get("paragraph") {
                let p = paragraph.as_u64().unwrap() as usize;
                let (offset, end) = (
                    original["offset"].as_u64().unwrap() as usize,
                    original["end_offset"].as_u64().unwrap() as usize,
                );
                assert_eq!(original["end_paragraph"], original["paragraph"], "{text}");
                assert_eq!(&paragraphs[p - 1][offset..end], text);
                continue;
            }
            let bytes = fs::read_to_string(file(&dir, side)).unwrap();
            let (start, end) = (
                original["start"].as_u64().unwrap() as usize,
                original["end"].as_u64().unwrap() as usize,
            );
            let slice = bytes
                .get(start..end)
                .unwrap_or_else(|| panic!("{start}..{end} on character boundaries"));
            assert!(
                maps_onto(text, slice),
                "{dir:?} {side}: {text:?} maps onto {slice:?}"
            );
        }
        assert!(checked > 0, "{dir:?} has derived spans");
    }
}

#[test]
fn unreadable_formats_exit_2_with_what_to_do() {
    let dir = scratch("derived-unreadable");
    let files: [(&str, Vec<u8>); 5] = [
        (
            "report.pdf",
            b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj".to_vec(),
        ),
        (
            "report.doc",
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0".to_vec(),
        ),
        (
            "report.docx",
            docx::zip_of(&[("content.xml", b"<office:document/>".as_slice())]),
        ),
        ("broken.docx", b"\xFF\xFEnot a zip".to_vec()),
        (
            "nested.docx",
            docx::zip_of(&[(
                "word/document.xml",
                &docx::zip_of(&[("a.xml", b"<a/>".as_slice())]),
            )]),
        ),
    ];
    for (name, bytes) in files {
        let path = dir.join(name);
        fs::write(&path, bytes).unwrap();
        let output = crosscheck()
            .args(["check"])
            .arg(&path)
            .arg("fixtures/hanoi/source.txt")
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{name}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!stderr.contains("iconv"), "{name}: {stderr}");
        let stderr = stderr.replace(&dir.display().to_string(), "[DIR]");
        insta::with_settings!({
            snapshot_path => "../snapshots",
            prepend_module_to_snapshot => false,
            snapshot_suffix => name,
        }, {
            insta::assert_snapshot!("derived-unreadable", stderr);
        });
    }
}

#[test]
fn an_extension_that_disagrees_with_the_content_is_a_note() {
    let dir = scratch("derived-extension");
    let subtitles = dir.join("talk.txt");
    fs::copy("fixtures/derived/hearing-srt/source.srt", &subtitles).unwrap();
    let plain = dir.join("speech.srt");
    fs::copy("fixtures/derived/hearing-srt/summary.txt", &plain).unwrap();
    let output = crosscheck()
        .args(["check", "--format", "json"])
        .arg(&plain)
        .arg(&subtitles)
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["source"]["format"], "srt");
    assert!(report["summary"].get("format").is_none());
    let notes: Vec<&str> = report["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap())
        .collect();
    assert!(
        notes[0].ends_with(
            "speech.srt: read as plain text by its content, although its extension is .srt"
        ),
        "{notes:?}"
    );
    assert!(notes[1].ends_with("talk.txt: read as SubRip subtitles (.srt) by its content, although its extension is .txt"), "{notes:?}");
}

#[test]
fn subtitles_and_pages_read_from_standard_input() {
    let page = fs::read("fixtures/derived/harbour-html/summary.html").unwrap();
    let mut child = crosscheck()
        .args([
            "check",
            "--format",
            "json",
            "-",
            "fixtures/derived/harbour-html/source.txt",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), &page).unwrap();
    let output = child.wait_with_output().unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["summary"]["format"], "html");
    assert_eq!(report["summary"]["path"], "<stdin>");
}

#[test]
fn a_huge_document_inside_a_small_docx_is_refused_under_the_cap() {
    let dir = scratch("derived-bomb");
    // 64 MiB of one letter deflates to about 64 KiB.
    let body = format!(
        "<w:document><w:body><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:body></w:document>",
        "a".repeat(64 << 20)
    );
    let path = dir.join("bomb.docx");
    fs::write(
        &path,
        docx::zip_of(&[("word/document.xml", body.as_bytes())]),
    )
    .unwrap();
    assert!(fs::metadata(&path).unwrap().len() < 64 << 10);
    let toml = dir.join("crosscheck.toml");
    fs::write(&toml, "max-bytes = 1048576\n").unwrap();
    let output = crosscheck()
        .args(["check", "--config"])
        .arg(&toml)
        .arg(&path)
        .arg("fixtures/hanoi/source.txt")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("(word/document.xml, uncompressed): 1048577 bytes is more than the limit of 1048576 bytes"), "{stderr}");
}

#[test]
fn a_voice_tag_turn_is_checked_for_attribution() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/derived/briefing-vtt");
    let (_, json) = run(&dir, "json");
    let report: Value = serde_json::from_str(&json).unwrap();
    let turns: Vec<&str> = report["source"]["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s.get("turn").map(|t| t["text"].as_str().unwrap()))
        .collect();
    assert!(
        turns.contains(&"Reporter") && turns.contains(&"Mayor Helen Carter"),
        "{turns:?}"
    );
    // The reporter's figure put in the mayor's mouth, as a `Reporter:` line would be.
    let speaker = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "fact-mismatch/speaker")
        .expect("a speaker finding");
    assert_eq!(
        speaker["source"]["text"],
        "Reporter: Mayor, is it true that the project cost $60 million?"
    );
    assert_eq!(speaker["source"]["span"]["original"]["time"], "00:00:14");
}

#[test]
fn what_the_page_marks_as_a_heading_is_editorial_even_as_a_sentence() {
    let page = "<!doctype html><article><h2>The wall was finished in 2023.</h2>\
                <p>The harbour reopened on Monday.</p></article>";
    let input =
        crosscheck::read::from_bytes("page.html".into(), page.into(), Some("html"), 1 << 20)
            .unwrap();
    let document = crosscheck::analyze(&input, &crosscheck::Config::default());
    let labels: Vec<_> = document.sentences.iter().map(|s| s.editorial).collect();
    assert_eq!(labels, [Some(crosscheck::Editorial::Headline), None]);
}
