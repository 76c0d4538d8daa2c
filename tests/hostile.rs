//! Hostile and odd inputs through the built binary, one test each: the run either works,
//! with every span on the file's own bytes, or stops with exit code 2 and a message that
//! names the file and the problem; it never panics and never leaves half a report.

mod common;

use std::path::{Path, PathBuf};

use common::{crosscheck, scratch};
use serde_json::Value;

const SEED_SOURCE: &str = "fixtures/hanoi/source.txt";

/// Writes `bytes` to a file in the test's scratch directory.
fn file(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// `crosscheck check --format json SUMMARY SOURCE`: exit code, report (when it is JSON) and
/// standard error.
fn run(summary: &Path, source: &Path) -> (i32, Option<Value>, String) {
    let output = crosscheck()
        .args(["check", "--format", "json"])
        .arg(summary)
        .arg(source)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    (
        output.status.code().unwrap(),
        serde_json::from_slice(&output.stdout).ok(),
        stderr,
    )
}

/// Runs a pair that must work: exit 0 or 1, and every sentence's and finding's span is the
/// exact text of its file at those bytes, on character boundaries.
fn works(summary: &Path, source: &Path) -> Value {
    let (code, report, stderr) = run(summary, source);
    assert!(code == 0 || code == 1, "exit {code}: {stderr}");
    let report = report.expect("a JSON report");
    let texts = [
        ("summary", std::fs::read(summary).unwrap()),
        ("source", std::fs::read(source).unwrap()),
    ];
    for (side, bytes) in &texts {
        let text = std::str::from_utf8(bytes).unwrap();
        let check = |at: &Value| {
            let (start, end) = (
                at["span"]["start"].as_u64().unwrap() as usize,
                at["span"]["end"].as_u64().unwrap() as usize,
            );
            assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
            assert_eq!(&text[start..end], at["text"].as_str().unwrap());
        };
        report[side]["sentences"]
            .as_array()
            .unwrap()
            .iter()
            .for_each(check);
        for finding in report["findings"].as_array().unwrap() {
            if !finding[side].is_null() {
                check(&finding[side]);
            }
        }
    }
    report
}

/// Runs a pair that must be refused: exit 2, and standard error names the file and says
/// `expected`.
fn refused(summary: &Path, source: &Path, named: &Path, expected: &str) {
    let (code, _, stderr) = run(summary, source);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains(&named.display().to_string()),
        "names the file: {stderr}"
    );
    assert!(stderr.contains(expected), "says {expected:?}: {stderr}");
}

#[test]
fn invalid_utf8_names_the_byte_offset() {
    let dir = scratch("hostile-utf8");
    let bad = file(&dir, "bad.txt", b"Hello w\xf6rld, caf\xc3\xa9.");
    refused(
        &bad,
        Path::new(SEED_SOURCE),
        &bad,
        "not valid UTF-8 at byte 7",
    );
}

#[test]
fn utf16_with_a_byte_order_mark_is_refused_with_a_conversion_hint() {
    let dir = scratch("hostile-utf16");
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend("Xin chào.".encode_utf16().flat_map(u16::to_le_bytes));
    let bad = file(&dir, "utf16.txt", bytes);
    refused(&bad, Path::new(SEED_SOURCE), &bad, "UTF-16 (little-endian)");
    let (_, _, stderr) = run(&bad, Path::new(SEED_SOURCE));
    assert!(stderr.contains("iconv"));
}

#[test]
fn nul_bytes_are_refused_as_binary() {
    let dir = scratch("hostile-nul");
    let bad = file(&dir, "nul.txt", b"The minister\0 said.");
    refused(Path::new(SEED_SOURCE), &bad, &bad, "NUL byte at offset 12");
}

#[test]
fn empty_and_whitespace_only_files_are_refused() {
    let dir = scratch("hostile-empty");
    let empty = file(&dir, "empty.txt", "");
    refused(&empty, Path::new(SEED_SOURCE), &empty, "the file is empty");
    let blank = file(&dir, "blank.txt", " \n\t\r\n\u{a0}\u{3000}\n");
    refused(Path::new(SEED_SOURCE), &blank, &blank, "the file is empty");
}

#[test]
fn text_without_sentence_punctuation_is_one_sentence_per_paragraph() {
    let dir = scratch("hostile-unpunctuated");
    let summary = file(
        &dir,
        "s.txt",
        "bộ trưởng cho biết 72 quốc gia đã ký kết công ước\n\nhai ngày làm việc hiệu quả",
    );
    let source = file(
        &dir,
        "t.txt",
        "trong hai ngày qua chúng ta đã làm việc hiệu quả với đại diện 72 quốc gia đã ký kết tham gia công ước",
    );
    let report = works(&summary, &source);
    assert_eq!(report["summary"]["sentences"].as_array().unwrap().len(), 2);
    assert_eq!(report["source"]["sentences"].as_array().unwrap().len(), 1);
}

#[test]
fn a_single_ten_megabyte_line_is_checked() {
    let dir = scratch("hostile-long-line");
    let words = [
        "hợp", "tác", "quốc", "tế", "72", "an", "ninh", "mạng", "và", "hai", "ngày",
    ];
    let mut line = String::with_capacity(10_000_100);
    let mut i = 0usize;
    while line.len() < 10_000_000 {
        line.push_str(words[i % words.len()]);
        line.push(' ');
        i = i.wrapping_mul(31).wrapping_add(7) % 1_000_003;
    }
    let long = file(&dir, "long.txt", &line);
    let report = works(&long, Path::new(SEED_SOURCE));
    assert_eq!(report["summary"]["sentences"].as_array().unwrap().len(), 1);
}

#[test]
fn a_hundred_megabyte_source_is_refused_with_the_limit_before_it_is_read() {
    let dir = scratch("hostile-huge");
    let huge = dir.join("huge.txt");
    // A sparse file: its size is checked before a byte of it is read.
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(100 * 1024 * 1024)
        .unwrap();
    refused(
        Path::new("fixtures/hanoi/summary.txt"),
        &huge,
        &huge,
        "104857600 bytes is more than the limit of 67108864 bytes",
    );
}

#[test]
fn unbalanced_quotes_and_parentheses_work() {
    let dir = scratch("hostile-unbalanced");
    let summary = file(
        &dir,
        "s.txt",
        "Bộ trưởng nói: “Công ước Hà Nội (là bước đi chiến lược. Ông nói \"72 quốc gia.\n\n)) ” « » “",
    );
    works(&summary, Path::new(SEED_SOURCE));
}

#[test]
fn emoji_joiners_right_to_left_and_control_characters_work() {
    let dir = scratch("hostile-scripts");
    let summary = file(
        &dir,
        "s.txt",
        "👩‍👩‍👧‍👦 Bộ trưởng 🇻🇳 cho biết\u{200d}, 72 quốc gia đã ký kết. \u{202e}שלום עולם\u{202c} مرحبا بالعالم. \
         Control\u{7}\u{1b}[31m chars\u{8}.\u{feff} e\u{301}\u{301}\u{301}.",
    );
    let report = works(&summary, Path::new(SEED_SOURCE));
    assert!(report["summary"]["sentences"].as_array().unwrap().len() >= 3);
}

#[test]
fn the_same_path_twice_is_all_verbatim() {
    let dir = scratch("hostile-same");
    let text = file(
        &dir,
        "report.txt",
        std::fs::read("fixtures/hanoi/summary.txt").unwrap(),
    );
    let output = crosscheck()
        .args(["check", "--format", "json", "--source-kind", "report"])
        .arg(&text)
        .arg(&text)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(report["findings"].as_array().unwrap().is_empty());
    for sentence in report["summary"]["sentences"].as_array().unwrap() {
        assert!(["verbatim", "editorial"].contains(&sentence["label"].as_str().unwrap()));
    }
}

#[test]
fn a_summary_longer_than_its_source_works() {
    let dir = scratch("hostile-longer");
    let source = file(
        &dir,
        "short.txt",
        "Đại diện 72 quốc gia đã ký kết tham gia Công ước.",
    );
    let report = works(Path::new("fixtures/hanoi/source.txt"), &source);
    let labels: Vec<&str> = report["summary"]["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["label"].as_str().unwrap())
        .collect();
    assert!(
        labels.contains(&"unsupported"),
        "most of it is not in the short source"
    );
}

#[test]
fn an_output_path_that_cannot_be_written_leaves_nothing_behind() {
    let dir = scratch("hostile-output");
    let pair = ["fixtures/hanoi/summary.txt", "fixtures/hanoi/source.txt"];
    let not_a_directory = file(&dir, "plain.txt", "x");
    let read_only = dir.join("read-only");
    std::fs::create_dir(&read_only).unwrap();
    let mut permissions = std::fs::metadata(&read_only).unwrap().permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&read_only, permissions).unwrap();
    // Root writes into read-only directories; there, only the other paths are tested.
    let enforced = std::fs::write(read_only.join("probe"), "").is_err();
    let mut targets = vec![
        dir.join("missing").join("report.json"),
        not_a_directory.join("report.json"),
        PathBuf::from("/proc/crosscheck-report.json"),
    ];
    if enforced {
        targets.push(read_only.join("report.json"));
    }
    for target in targets {
        let output = crosscheck()
            .args(["check", "--format", "json", "-o"])
            .arg(&target)
            .args(pair)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{}: {stderr}",
            target.display()
        );
        assert!(stderr.contains("cannot write the report"), "{stderr}");
        assert!(stderr.contains(&target.display().to_string()), "{stderr}");
        if let Some(parent) = target.parent().filter(|p| p.is_dir()) {
            let left: Vec<_> = std::fs::read_dir(parent)
                .unwrap()
                .filter_map(Result::ok)
                .filter(|e| e.file_name().to_string_lossy().contains("report.json"))
                .collect();
            assert!(left.is_empty(), "nothing left in {}", parent.display());
        }
    }
    let mut permissions = std::fs::metadata(&read_only).unwrap().permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    permissions.set_readonly(false);
    std::fs::set_permissions(&read_only, permissions).unwrap();
}

/// An output that would replace a file the run reads (the summary, a source, the baseline,
/// the list of pairs or a pair's file, by any path to it) is refused with exit 2 before
/// anything is written; the input is left as it was.
#[test]
fn an_output_that_would_replace_an_input_is_refused() {
    let dir = scratch("hostile-output-is-input");
    let summary = file(
        &dir,
        "summary.txt",
        std::fs::read("fixtures/hanoi-wrong-count/summary.txt").unwrap(),
    );
    let source = file(&dir, "source.txt", std::fs::read(SEED_SOURCE).unwrap());
    let link = dir.join("link.txt");
    std::os::unix::fs::symlink(&summary, &link).unwrap();
    let baseline = file(&dir, "baseline.json", "[]");
    let list = file(
        &dir,
        "pairs.json",
        r#"[{"summary": "summary.txt", "source": "source.txt"}]"#,
    );
    let (s, t) = (summary.to_str().unwrap(), source.to_str().unwrap());
    let b = baseline.to_str().unwrap();
    let l = list.to_str().unwrap();
    let cases: [(&[&str], &Path, &str); 8] = [
        (&["check", s, t, "-o"], &summary, "it is the summary"),
        (&["check", s, t, "-o"], &link, "it is the summary"),
        (
            &["check", s, t, "--format", "json", "-o"],
            &source,
            "it is a source",
        ),
        (
            &["check", s, t, "--baseline", b, "-o"],
            &baseline,
            "it is the baseline",
        ),
        (&["baseline", s, t, "-o"], &summary, "it is the summary"),
        (&["align", s, t, "-o"], &source, "it is a source"),
        (
            &["check", "--pairs", l, "-o"],
            &list,
            "it is the list of pairs",
        ),
        (
            &["check", "--pairs", l, "-o"],
            &summary,
            "it is a file a pair reads",
        ),
    ];
    let before: Vec<Vec<u8>> = [&summary, &source, &baseline, &list]
        .map(|path| std::fs::read(path).unwrap())
        .into();
    for (args, output, says) in cases {
        let run = crosscheck().args(args).arg(output).output().unwrap();
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(2), "{args:?} {output:?}: {stderr}");
        assert!(
            stderr.contains(&format!(
                "{}: cannot write the report: {says}",
                output.display()
            )),
            "{stderr}"
        );
        let after: Vec<Vec<u8>> = [&summary, &source, &baseline, &list]
            .map(|path| std::fs::read(path).unwrap())
            .into();
        assert!(after == before, "{args:?}: an input was changed");
        assert!(link.is_symlink(), "the link is left as it was");
    }
    assert_eq!(
        common::files_in(&dir),
        [
            "baseline.json",
            "link.txt",
            "pairs.json",
            "source.txt",
            "summary.txt"
        ],
        "no temporary file is left"
    );
}
