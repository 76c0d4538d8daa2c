//! End-to-end tests through the built binary: labels, alignments, findings and exit codes on
//! every fixture, and the exit-2 paths for bad input.

mod common;

use std::path::{Path, PathBuf};

use common::{crosscheck, scratch};
use insta_cmd::assert_cmd_snapshot;
use serde_json::Value;

/// Runs `crosscheck check --format json` on a fixture: the exit code and the report.
fn check_json(fixture: &str, extra: &[&str]) -> (i32, Report) {
    let output = crosscheck()
        .args(["check", "--format", "json"])
        .arg(format!("fixtures/{fixture}/summary.txt"))
        .arg(format!("fixtures/{fixture}/source.txt"))
        .args(extra)
        .output()
        .expect("the binary runs");
    let json: Value = serde_json::from_slice(&output.stdout).expect("stdout is JSON");
    (output.status.code().expect("an exit code"), Report(json))
}

/// A JSON report with look-ups of sentences by how their text begins.
struct Report(Value);

impl Report {
    fn sentences(&self, document: &str) -> &Vec<Value> {
        self.0[document]["sentences"].as_array().expect("sentences")
    }

    /// The one sentence of `document` whose text starts with `prefix`.
    fn sentence(&self, document: &str, prefix: &str) -> &Value {
        let found: Vec<&Value> = self
            .sentences(document)
            .iter()
            .filter(|s| s["text"].as_str().unwrap().starts_with(prefix))
            .collect();
        assert_eq!(
            found.len(),
            1,
            "one {document} sentence should start with {prefix:?}"
        );
        found[0]
    }

    fn label(&self, document: &str, prefix: &str) -> &str {
        self.sentence(document, prefix)["label"].as_str().unwrap()
    }

    /// The ids of the sentences in the other document that a sentence is aligned to.
    fn aligned(&self, document: &str, prefix: &str) -> Vec<u64> {
        self.sentence(document, prefix)["aligned_to"]
            .as_array()
            .unwrap()
            .iter()
            .map(|id| id.as_u64().unwrap())
            .collect()
    }

    fn id(&self, document: &str, prefix: &str) -> u64 {
        self.sentence(document, prefix)["id"].as_u64().unwrap()
    }

    fn labels(&self, document: &str, label: &str) -> Vec<&str> {
        self.sentences(document)
            .iter()
            .filter(|s| s["label"] == label)
            .map(|s| s["text"].as_str().unwrap())
            .collect()
    }

    fn findings(&self, kind: &str) -> Vec<&Value> {
        self.0["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["kind"] == kind)
            .collect()
    }

    /// The omitted source sentences' texts, in the order the findings rank them.
    fn omissions(&self) -> Vec<&str> {
        self.findings("omission")
            .into_iter()
            .map(|f| f["source"]["text"].as_str().unwrap())
            .collect()
    }
}

/// The bytes a finding's span covers, read from the file itself.
fn span_text(path: &str, location: &Value) -> String {
    let bytes = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap();
    let (start, end) = (
        location["span"]["start"].as_u64().unwrap() as usize,
        location["span"]["end"].as_u64().unwrap() as usize,
    );
    String::from_utf8(bytes[start..end].to_vec()).unwrap()
}

#[test]
fn hanoi_seed_editorial_matter() {
    let (code, report) = check_json("hanoi", &[]);
    assert_eq!(code, 0);
    assert_eq!(report.label("summary", "date 2025-10-26"), "editorial");
    assert_eq!(report.label("summary", "BÍCH QUYÊN"), "editorial");
    let captions: Vec<&str> = report
        .labels("summary", "editorial")
        .into_iter()
        .filter(|t| t.ends_with("Ảnh: VIẾT CHUNG"))
        .collect();
    assert_eq!(captions.len(), 2);
}

#[test]
fn hanoi_seed_alignment() {
    let (_, report) = check_json("hanoi", &[]);
    let source = |prefix| report.id("source", prefix);

    assert_eq!(report.label("summary", "Chiều 26-10"), "paraphrase");
    assert!(
        report
            .aligned("summary", "Chiều 26-10")
            .contains(&source("Trong hai ngày"))
    );

    assert_eq!(
        report.label("summary", "Phát biểu tại phiên bế mạc"),
        "paraphrase"
    );
    assert_eq!(
        report.aligned("summary", "Phát biểu tại phiên bế mạc"),
        [source("Lễ mở ký Công ước")]
    );

    // A split: two summary sentences report one long source sentence.
    let long = source("Cùng với Lễ mở ký");
    assert_eq!(report.aligned("summary", "Cùng với lễ mở ký"), [long]);
    assert_eq!(report.aligned("summary", "Hội nghị cũng ghi nhận"), [long]);
    assert_eq!(report.aligned("source", "Cùng với Lễ mở ký").len(), 2);

    // A merge: one summary sentence reports both sentences of thanks.
    let mut thanks = vec![source("Thay mặt Đảng"), source("Tôi cũng gửi lời cảm ơn")];
    thanks.sort_unstable();
    assert_eq!(
        report.aligned("summary", "Bộ trưởng Lương Tam Quang cảm ơn"),
        thanks
    );

    assert_eq!(
        report.labels("summary", "other-speaker"),
        report
            .sentences("summary")
            .iter()
            .map(|s| s["text"].as_str().unwrap())
            .filter(|t| t.starts_with("Tại lễ bế mạc")
                || t.starts_with("Tuy nhiên, ông John Brandolino")
                || t.starts_with("Giờ đây, nhiệm vụ")
                || t.starts_with("Trong bài phát biểu tại phiên bế mạc, bà Faouzia"))
            .collect::<Vec<_>>()
    );
    assert_eq!(report.labels("summary", "other-speaker").len(), 4);
    assert_eq!(report.labels("summary", "paraphrase").len(), 9);
    assert!(report.labels("summary", "unsupported").is_empty());
}

#[test]
fn hanoi_seed_omissions_rank_content_above_courtesy() {
    let (_, report) = check_json("hanoi", &[]);
    assert!(report.findings("fact-mismatch").is_empty());
    let omissions = report.omissions();
    let rank = |prefix: &str| {
        omissions
            .iter()
            .position(|t| t.starts_with(prefix))
            .unwrap_or_else(|| panic!("{prefix:?} should be omitted"))
    };
    let content = [
        "Qua Lễ mở ký",
        "Thứ nhất,",
        "Thứ ba,",
        "Việt Nam tin tưởng sâu sắc",
    ];
    let courtesy: Vec<usize> = omissions
        .iter()
        .enumerate()
        .filter(|(_, t)| {
            [
                "Kính thưa",
                "Một lần nữa",
                "Chúc các nhà lãnh đạo",
                "Xin trân trọng cảm ơn",
            ]
            .iter()
            .any(|p| t.starts_with(p))
        })
        .map(|(i, _)| i)
        .collect();
    assert_eq!(
        courtesy.len(),
        5,
        "both greetings, two thanks and the wishes are omitted"
    );
    let lost = |prefix: &str| report.sentence("source", prefix)["lost"].clone();
    assert_eq!(
        lost("Qua Lễ mở ký"),
        serde_json::json!(["the number 3 kết quả"])
    );
    assert_eq!(
        lost("Thứ nhất,"),
        serde_json::json!(["the point “Thứ nhất”"])
    );
    assert_eq!(
        lost("Việt Nam tin tưởng sâu sắc"),
        serde_json::json!(["the quote “Công nghệ vì con người, số hóa vì hòa bình”"])
    );
    for prefix in content {
        assert!(
            courtesy.iter().all(|&c| rank(prefix) < c),
            "{prefix:?} must rank above courtesy"
        );
        assert!(
            report.sentence("source", prefix)["salience"]
                .as_f64()
                .unwrap()
                >= 0.5
        );
    }
}

#[test]
fn wrong_count_is_a_number_mismatch_on_both_spans() {
    let (code, report) = check_json("hanoi-wrong-count", &[]);
    assert_eq!(code, 1);
    let mismatches = report.findings("fact-mismatch");
    assert_eq!(mismatches.len(), 1);
    let finding = mismatches[0];
    assert_eq!(finding["fact"], "number");
    assert_eq!(finding["severity"], "error");
    assert_eq!(
        span_text(
            "fixtures/hanoi-wrong-count/summary.txt",
            &finding["summary"]
        ),
        "27"
    );
    assert_eq!(
        span_text("fixtures/hanoi-wrong-count/source.txt", &finding["source"]),
        "72"
    );
    assert_eq!(
        report.label("summary", "Phát biểu tại phiên bế mạc"),
        "mismatch"
    );
}

#[test]
fn wrong_days_mismatch_against_number_words() {
    let (code, report) = check_json("hanoi-wrong-days", &[]);
    assert_eq!(code, 1);
    let mismatches = report.findings("fact-mismatch");
    assert_eq!(mismatches.len(), 1);
    assert_eq!(
        span_text(
            "fixtures/hanoi-wrong-days/summary.txt",
            &mismatches[0]["summary"]
        ),
        "3"
    );
    assert_eq!(
        span_text(
            "fixtures/hanoi-wrong-days/source.txt",
            &mismatches[0]["source"]
        ),
        "hai"
    );
}

#[test]
fn english_pair_behaves_the_same() {
    let (code, report) = check_json("english-harbour", &[]);
    assert_eq!(code, 1);
    let mismatches = report.findings("fact-mismatch");
    assert_eq!(mismatches.len(), 1);
    assert_eq!(
        span_text(
            "fixtures/english-harbour/summary.txt",
            &mismatches[0]["summary"]
        ),
        "430"
    );
    assert_eq!(
        span_text(
            "fixtures/english-harbour/source.txt",
            &mismatches[0]["source"]
        ),
        "340"
    );
    assert!(report.omissions()[0].starts_with("We will also open a training school"));
    assert_eq!(report.findings("omission")[0]["severity"], "warning");
    assert_eq!(report.labels("summary", "other-speaker").len(), 2);
    assert_eq!(report.label("summary", "EASTPORT, March 3"), "editorial");
    assert_eq!(
        report.label("summary", "The new sea wall at Eastport"),
        "editorial"
    );
    assert_eq!(report.label("summary", "JOHN MILLER"), "editorial");
    assert_eq!(
        report.label("summary", "The project cost $48 million"),
        "paraphrase"
    );
    assert_eq!(
        report.label("source", "Full text of the speech"),
        "editorial"
    );
}

#[test]
fn a_report_source_has_no_single_speaker() {
    let (_, report) = check_json("english-harbour", &["--source-kind", "report"]);
    assert!(report.labels("summary", "other-speaker").is_empty());
    assert_ne!(
        report.label("source", "Full text of the speech"),
        "editorial"
    );
    let (_, transcript) = check_json("english-harbour", &[]);
    assert_eq!(transcript.labels("summary", "other-speaker").len(), 2);
}

#[test]
fn i19_a_press_conference_answer_given_to_the_wrong_person_is_an_error() {
    let (code, report) = check_json("press-conference", &[]);
    assert_eq!(code, 1);
    let errors: Vec<&Value> = (report.0["findings"].as_array().unwrap().iter())
        .filter(|f| f["severity"] == "error")
        .collect();
    assert_eq!(errors.len(), 1, "one error: the misattributed answer");
    let finding = errors[0];
    assert_eq!(
        (&finding["kind"], &finding["fact"]),
        (&"fact-mismatch".into(), &"speaker".into())
    );
    assert!(finding["message"].as_str().unwrap().contains("KELLY"));
    let summary = "fixtures/press-conference/summary.txt";
    let source = "fixtures/press-conference/source.txt";
    assert_eq!(span_text(summary, &finding["summary"]), "Ms Rahman");
    assert!(
        span_text(source, &finding["source"]).starts_with("DEPUTY MINISTER KELLY: At peak hours")
    );
    assert_eq!(report.0["source"]["speaker"]["name"], "Amina Rahman");
    // The minister's own words, reported, are paraphrases; questions and the moderator's
    // lines are at most omissions.
    assert_eq!(
        report.label("summary", "Ms Rahman said the government"),
        "paraphrase"
    );
    assert_eq!(report.label("summary", "The old boats"), "paraphrase");
    assert!(
        report
            .omissions()
            .contains(&"REPORTER (City Radio): Will the old boats be sold?")
    );
}

#[test]
fn i19_a_report_drawing_on_two_sources_names_the_file_of_each_finding() {
    let dir = "fixtures/several/hospital";
    let run = |sources: &[&str]| {
        let output = crosscheck()
            .args(["check", "--format", "json", &format!("{dir}/summary.txt")])
            .args(sources.iter().map(|name| format!("{dir}/{name}")))
            .output()
            .unwrap();
        let json: Value = serde_json::from_slice(&output.stdout).expect("stdout is JSON");
        (output.status.code().unwrap(), Report(json))
    };
    let (code, report) = run(&["source-1-speech.txt", "source-2-release.txt"]);
    assert_eq!(code, 1);
    assert_eq!(report.0["version"], 2);
    assert!(
        report.0["source"].get("path").is_none(),
        "`sources` lists the files"
    );
    let release = format!("{dir}/source-2-release.txt");
    let errors: Vec<&Value> = (report.0["findings"].as_array().unwrap().iter())
        .filter(|f| f["severity"] == "error")
        .collect();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0]["source"]["span"]["path"], release.as_str());
    assert_eq!(span_text(&release, &errors[0]["source"]), "450");
    // Supported by one file or the other, nothing is unsupported; omissions are per file.
    assert!(report.labels("summary", "unsupported").is_empty());
    let sources = report.0["sources"].as_array().unwrap();
    assert_eq!(sources.len(), 2);
    assert_eq!(sources[0]["labels"]["omitted"], 4);
    assert_eq!(sources[1]["labels"]["omitted"], 2);
    let first_omission = &report.findings("omission")[0]["source"];
    assert_eq!(
        first_omission["span"]["path"],
        format!("{dir}/source-1-speech.txt").as_str()
    );
    assert!(
        first_omission["text"]
            .as_str()
            .unwrap()
            .starts_with("We will not close")
    );
    // Against the speech alone, the release's figures are unsupported: the second file is
    // what supports them.
    let (_, speech_only) = run(&["source-1-speech.txt"]);
    assert_eq!(speech_only.0["version"], 1);
    assert!(speech_only.0.get("sources").is_none());
    assert!(!speech_only.labels("summary", "unsupported").is_empty());
}

#[test]
fn the_speaker_is_shown_with_where_it_came_from() {
    let (_, report) = check_json("hanoi", &[]);
    let speaker = &report.0["source"]["speaker"];
    assert_eq!(speaker["name"], "Lương Tam Quang");
    assert_eq!(speaker["from"], "source-introduction");
    assert_eq!(speaker["at"]["document"], "source");
    assert_eq!(
        span_text("fixtures/hanoi/source.txt", &speaker["at"]),
        "Bộ trưởng Lương Tam Quang"
    );
    // --speaker wins; then the speaker's words under another name are judged against it.
    let (_, configured) = check_json("hanoi", &["--speaker", "Trần Văn Minh"]);
    let speaker = &configured.0["source"]["speaker"];
    assert_eq!(speaker["name"], "Trần Văn Minh");
    assert_eq!(speaker["from"], "configured");
    assert!(speaker.get("at").is_none());
    let human = crosscheck()
        .args([
            "check",
            "fixtures/hanoi/summary.txt",
            "fixtures/hanoi/source.txt",
        ])
        .output()
        .unwrap();
    let human = String::from_utf8(human.stdout).unwrap();
    assert!(
        human.contains(
            "  speaker   Lương Tam Quang, from the source's introduction (source line 1)"
        ),
        "{human}"
    );
}

#[test]
fn fail_on_sets_the_exit_code() {
    assert_eq!(
        check_json("hanoi-wrong-count", &["--fail-on", "never"]).0,
        0
    );
    assert_eq!(check_json("hanoi", &["--fail-on", "warning"]).0, 1);
    assert_eq!(check_json("hanoi", &["--fail-on", "error"]).0, 0);
}

#[test]
fn min_confidence_decides_which_findings_fail_the_run() {
    let (code, report) = check_json("hanoi-wrong-count", &[]);
    assert_eq!(code, 1);
    let error = &report.0["findings"][0];
    assert_eq!(error["rule"], "fact-mismatch/number");
    let confidence = error["confidence"].as_f64().expect("a confidence");
    assert!((0.0..=1.0).contains(&confidence));
    assert!(confidence >= report.0["min_confidence"].as_f64().unwrap());
    assert!(error.get("doubtful").is_none());

    // Above the error's confidence it is doubtful: shown, marked, and the run passes.
    let above = format!("{:.2}", (confidence + 0.01).min(1.0));
    let (code, report) = check_json("hanoi-wrong-count", &["--min-confidence", &above]);
    assert_eq!(code, 0);
    assert_eq!(report.0["findings"][0]["doubtful"], true);
    let output = crosscheck()
        .args(["check", "--min-confidence", &above, "--color", "never"])
        .arg("fixtures/hanoi-wrong-count/summary.txt")
        .arg("fixtures/hanoi-wrong-count/source.txt")
        .output()
        .unwrap();
    let human = String::from_utf8(output.stdout).unwrap();
    assert!(
        human.contains(&format!(
            "error[fact-mismatch/number] ({confidence:.2}, under the minimum confidence {above}: does not fail the run)"
        )),
        "{human}"
    );
    assert_eq!(
        check_json("hanoi-wrong-count", &["--min-confidence", "0"]).0,
        1
    );
    // In GitHub annotations the doubtful error is a notice, with its confidence in the title.
    let output = crosscheck()
        .args(["check", "--format", "github", "--min-confidence", &above])
        .arg("fixtures/hanoi-wrong-count/summary.txt")
        .arg("fixtures/hanoi-wrong-count/source.txt")
        .output()
        .unwrap();
    let annotations = String::from_utf8(output.stdout).unwrap();
    let title = format!("title=crosscheck fact-mismatch/number ({confidence:.2})");
    assert!(
        annotations.lines().next().unwrap().starts_with("::notice ")
            && annotations.contains(&title),
        "{annotations}"
    );

    // Out of range, from the flag or from a file: a usage error naming the setting.
    let output = crosscheck()
        .args(["check", "--min-confidence", "1.5"])
        .args(["fixtures/hanoi/summary.txt", "fixtures/hanoi/source.txt"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr)
            .contains("invalid value '1.5' for '--min-confidence <0..1>'")
    );
    let dir = scratch("config-min-confidence");
    std::fs::write(dir.join("crosscheck.toml"), "min-confidence = -0.5\n").unwrap();
    let output = crosscheck()
        .current_dir(&dir)
        .arg("check")
        .arg(fixture("hanoi/summary.txt"))
        .arg(fixture("hanoi/source.txt"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("min-confidence is -0.5") && stderr.contains("crosscheck.toml"),
        "{stderr}"
    );
}

#[test]
fn explain_takes_a_confidence_apart() {
    let explain = |extra: &[&str]| {
        crosscheck()
            .args(["explain", "--no-config"])
            .arg("fixtures/hanoi-wrong-count/summary.txt")
            .arg("fixtures/hanoi-wrong-count/source.txt")
            .args(extra)
            .output()
            .unwrap()
    };
    let (_, report) = check_json("hanoi-wrong-count", &["--no-config"]);
    let confidence = report.0["findings"][0]["confidence"].as_f64().unwrap();
    let output = explain(&["--finding", "1"]);
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.starts_with("finding 1: error[fact-mismatch/number] the summary says “27 quốc gia”"),
        "{text}"
    );
    assert!(
        text.contains(&format!("confidence {confidence:.2}, from the model of")),
        "{text}"
    );
    assert!(
        text.contains("relative gap between the two numbers"),
        "{text}"
    );
    assert_eq!(text.matches("finding ").count(), 1, "one finding only");
    // Every finding without --finding; a finding the report does not have is a usage error.
    let all = String::from_utf8(explain(&[]).stdout).unwrap();
    let count = report.0["findings"].as_array().unwrap().len();
    assert_eq!(
        all.lines().filter(|l| l.starts_with("finding ")).count(),
        count
    );
    let output = explain(&["--finding", &(count + 1).to_string()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr)
            .contains(&format!("the report has {count} findings"))
    );
    // A finding is also named by the fingerprint its report's `to accept` line gives: the
    // third one's, upper case too, explains the third finding.
    let human = crosscheck()
        .args(["check", "--no-config", "--show", "info"])
        .arg("fixtures/hanoi-wrong-count/summary.txt")
        .arg("fixtures/hanoi-wrong-count/source.txt")
        .output()
        .unwrap();
    let human = String::from_utf8(human.stdout).unwrap();
    let third = (human.split("\"fingerprint\": \"").nth(3))
        .and_then(|rest| rest.get(..16))
        .expect("a third fingerprint");
    let by_fingerprint = explain(&["--finding", &third.to_uppercase()]);
    let by_place = explain(&["--finding", "3"]);
    assert_eq!(by_fingerprint.status.code(), Some(0));
    assert_eq!(by_fingerprint.stdout, by_place.stdout);
    let output = explain(&["--finding", "0123456789abcdef"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("has that fingerprint"));
}

#[test]
fn a_time_limit_is_reported_not_hidden() {
    let (code, report) = check_json("english-harbour", &["--time-limit-ms", "0"]);
    assert_eq!(
        code, 1,
        "a check that could not check everything fails (issue #15)"
    );
    let limits = report.0["limits"].as_array().unwrap();
    assert_eq!(limits.len(), 1);
    assert!(limits[0].as_str().unwrap().contains("not checked"));
    let unchecked = report
        .findings("unsupported")
        .into_iter()
        .filter(|f| f["message"].as_str().unwrap().starts_with("not checked"))
        .count();
    assert_eq!(unchecked, report.labels("summary", "unsupported").len());
    assert!(unchecked > 0);
    assert_eq!(
        check_json("english-harbour", &[]).1.0["limits"],
        serde_json::json!([])
    );
}

/// Runs `crosscheck check` on a fixture with `extra` flags: the exit code and standard error.
fn check_stderr(fixture: &str, extra: &[&str]) -> (i32, String) {
    let output = check_fixture(fixture, extra);
    let stderr = String::from_utf8(output.stderr).expect("UTF-8 standard error");
    (output.status.code().expect("an exit code"), stderr)
}

/// See: issue 19 (a French pair was checked as English, silently).
#[test]
fn i19_a_language_without_word_lists_is_said_plainly() {
    let (code, report) = check_json("french-harbour", &[]);
    assert_eq!(code, 1, "still checked: the figures disagree");
    let french = serde_json::json!({"language": "French", "code": "fra", "supported": false});
    assert_eq!(report.0["summary"]["detected"], french);
    assert_eq!(report.0["source"]["detected"], french);
    assert_eq!(
        report.0["summary"]["language"], "english",
        "read with the English rules"
    );
    let notes = report.0["notes"].as_array().expect("notes");
    assert_eq!(notes.len(), 1);
    assert!(notes[0].as_str().unwrap().starts_with(
        "the summary and the source are in French, which crosscheck has no word lists for"
    ));
    assert_eq!(report.findings("fact-mismatch").len(), 1);
    assert_eq!(report.0["limits"], serde_json::json!([]));

    let (code, stderr) = check_stderr("french-harbour", &["--format", "json"]);
    assert_eq!(code, 1);
    assert!(
        stderr.starts_with(
            "crosscheck: warning: fixtures/french-harbour/summary.txt and \
             fixtures/french-harbour/source.txt are in French, which crosscheck has no word \
             lists for"
        ),
        "{stderr}"
    );
    // A supported language is detected and said so, with no warning.
    let (_, report) = check_json("english-harbour", &[]);
    assert_eq!(
        report.0["summary"]["detected"],
        serde_json::json!({"language": "English", "code": "eng", "supported": true})
    );
    assert!(report.0.get("notes").is_none());
    assert_eq!(check_stderr("english-harbour", &[]).1, "");
}

/// See: issue 19 (a Vietnamese summary of an English speech was checked as English, with
/// findings on every sentence).
#[test]
fn i19_two_languages_are_said_plainly_and_not_compared() {
    let fixture = "vietnamese-report-english-speech";
    let (code, report) = check_json(fixture, &[]);
    assert_eq!(code, 0, "a faithful translation fails nothing");
    assert_eq!(
        report.0["summary"]["detected"],
        serde_json::json!({"language": "Vietnamese", "code": "vie", "supported": true})
    );
    assert_eq!(report.0["source"]["detected"]["language"], "English");
    let notes = report.0["notes"].as_array().expect("notes");
    assert!(notes[0].as_str().unwrap().starts_with(
        "the summary is in Vietnamese and the source in English: crosscheck compares the words \
         of texts in one language, so what the summary says is not compared with the source"
    ));
    assert_eq!(report.0["limits"], serde_json::json!([]));
    assert_eq!(report.0["findings"], serde_json::json!([]));
    let unaligned = |document: &str| {
        (report.sentences(document).iter()).all(|s| s["aligned_to"] == serde_json::json!([]))
    };
    assert!(unaligned("summary") && unaligned("source"));
    let (code, stderr) = check_stderr(fixture, &["--format", "json"]);
    assert_eq!(code, 0);
    assert!(
        stderr.starts_with(&format!(
            "crosscheck: warning: fixtures/{fixture}/summary.txt is in Vietnamese and \
             fixtures/{fixture}/source.txt in English"
        )),
        "{stderr}"
    );
    // A human report on standard output says it once, in its header or, quiet, above the
    // findings.
    for extra in [&[][..], &["--quiet"]] {
        let human = check_fixture(fixture, extra);
        let stdout = String::from_utf8(human.stdout).unwrap();
        assert_eq!(
            stdout.matches("is in Vietnamese and").count(),
            1,
            "{stdout}"
        );
        assert_eq!(String::from_utf8(human.stderr).unwrap(), "");
    }

    // `--language` reads both with one language's rules: nothing detected, nothing said.
    let (code, report) = check_json(fixture, &["--language", "en"]);
    assert_eq!(code, 0, "compared: unsupported sentences are warnings");
    assert!(report.0["summary"].get("detected").is_none());
    assert!(report.0.get("notes").is_none());
    assert!(!report.findings("unsupported").is_empty());
    assert_eq!(check_stderr(fixture, &["--language", "en"]).1, "");
}

/// See: issue 19: a language crosscheck has no rules for is a usage error naming the flag.
#[test]
fn i19_an_unknown_language_is_a_usage_error() {
    let (code, stderr) = check_stderr("french-harbour", &["--language", "fr"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("invalid value 'fr' for '--language <LANGUAGE>'"),
        "{stderr}"
    );
    assert!(stderr.contains("[possible values: vi, en, de]"), "{stderr}");
}

#[test]
fn align_prints_the_table() {
    insta::with_settings!({ snapshot_path => "../snapshots" }, {
        assert_cmd_snapshot!(crosscheck().args([
            "align",
            "fixtures/english-harbour/summary.txt",
            "fixtures/english-harbour/source.txt"
        ]));
    });
}

#[test]
fn bad_inputs_exit_2_naming_the_file() {
    let hanoi = "fixtures/hanoi/source.txt";
    for bad in [
        "tests/inputs/invalid-utf8.txt",
        "tests/inputs/utf16.txt",
        "tests/inputs/whitespace.txt",
        "tests/inputs/missing.txt",
        "tests/inputs",
    ] {
        insta::with_settings!({
            snapshot_path => "../snapshots",
            snapshot_suffix => bad.replace('/', "_"),
        }, {
            assert_cmd_snapshot!(crosscheck().args(["check", bad, hanoi]));
        });
    }
}

#[test]
fn usage_errors_exit_2() {
    let output = crosscheck()
        .args(["check", "only-one.txt"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let output = crosscheck()
        .args(["check", "--format", "pdf", "a", "b"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn output_file_is_written_whole_or_not_at_all() {
    let dir = scratch("output");
    let out = dir.join("report.json");
    let status = crosscheck()
        .args(["check", "--format", "json", "-o"])
        .arg(&out)
        .args(["fixtures/hanoi/summary.txt", "fixtures/hanoi/source.txt"])
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(0));
    let written: Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(written["version"], 1);
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        1,
        "no temporary file is left"
    );

    let missing = dir.join("no-such-dir").join("report.json");
    let output = crosscheck()
        .args(["check", "-o"])
        .arg(&missing)
        .args(["fixtures/hanoi/summary.txt", "fixtures/hanoi/source.txt"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("report.json"));
    assert!(!missing.exists());
}

#[test]
fn a_baseline_survives_unrelated_edits_but_not_a_changed_fact() {
    let dir = scratch("baseline");
    let summary = dir.join("summary.txt");
    let source = dir.join("source.txt");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/hanoi-wrong-count");
    let original = std::fs::read_to_string(fixture.join("summary.txt")).unwrap();
    std::fs::write(&summary, &original).unwrap();
    std::fs::copy(fixture.join("source.txt"), &source).unwrap();
    let baseline = dir.join("baseline.json");
    let plain_check = || {
        crosscheck()
            .arg("check")
            .arg(&summary)
            .arg(&source)
            .status()
            .unwrap()
    };
    let check = || {
        let output = crosscheck()
            .args(["check", "--format", "json", "--baseline"])
            .arg(&baseline)
            .arg(&summary)
            .arg(&source)
            .output()
            .unwrap();
        let json: Value = serde_json::from_slice(&output.stdout).unwrap();
        (output.status.code().unwrap(), json)
    };

    assert_eq!(plain_check().code(), Some(1), "the wrong count fails");
    let written = crosscheck()
        .args(["baseline", "-o"])
        .arg(&baseline)
        .arg(&summary)
        .arg(&source)
        .status()
        .unwrap();
    assert_eq!(written.code(), Some(0));
    let (code, json) = check();
    assert_eq!(code, 0, "the accepted error no longer fails");
    assert_eq!(json["baseline"]["stale"], serde_json::json!([]));
    // People see accepted findings counted, not printed; machines get them marked.
    let accepted = (json["findings"].as_array().unwrap().iter())
        .filter(|f| f["accepted"] == true)
        .count();
    for format in ["human", "markdown", "html"] {
        let output = crosscheck()
            .args(["check", "--format", format, "--baseline"])
            .arg(&baseline)
            .arg(&summary)
            .arg(&source)
            .output()
            .unwrap();
        let shown = String::from_utf8(output.stdout).unwrap();
        assert!(!shown.contains("says “27 quốc gia”"), "{format}: {shown}");
        assert!(
            shown.contains(&format!("{accepted} accepted (not shown), 0 stale")),
            "{format}: {shown}"
        );
    }
    assert!(
        json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["accepted"] == true)
    );

    // An unrelated paragraph at the top moves every line; the accepted finding still matches.
    std::fs::write(&summary, format!("Bản tin buổi chiều.\n\n{original}")).unwrap();
    let (code, json) = check();
    assert_eq!(code, 0);
    assert_eq!(json["baseline"]["stale"], serde_json::json!([]));

    // The accepted number changes: a new error, and the old entry is stale.
    let changed = original.replace("27 quốc gia", "28 quốc gia");
    assert_ne!(changed, original);
    std::fs::write(&summary, changed).unwrap();
    let (code, json) = check();
    assert_eq!(code, 1);
    let stale = json["baseline"]["stale"].as_array().unwrap();
    assert!(stale.iter().any(|e| e["rule"] == "fact-mismatch/number"));
}

#[test]
fn a_malformed_baseline_is_an_input_error() {
    let output = crosscheck()
        .args(["check", "--baseline", "tests/inputs/invalid-utf8.txt"])
        .args(["fixtures/hanoi/summary.txt", "fixtures/hanoi/source.txt"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let output = crosscheck()
        .args(["check", "--baseline", "fixtures/hanoi/summary.txt"])
        .args(["fixtures/hanoi/summary.txt", "fixtures/hanoi/source.txt"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("not a crosscheck baseline"));
}

#[test]
fn html_shows_hostile_input_as_text() {
    let dir = scratch("html-escaping");
    let hostile =
        "The minister said <script>alert(1)</script> was \"><img src=x onerror=alert(2)> & more.";
    let summary = dir.join("summary <b>.txt");
    let source = dir.join("source.txt");
    std::fs::write(&summary, hostile).unwrap();
    std::fs::write(&source, format!("{hostile} Then 3 ships came.")).unwrap();
    let output = crosscheck()
        .args(["check", "--format", "html"])
        .arg(&summary)
        .arg(&source)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let html = String::from_utf8(output.stdout).unwrap();
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("&quot;&gt;&lt;img src=x onerror=alert(2)&gt; &amp; more."));
    assert!(
        html.contains("summary &lt;b&gt;.txt"),
        "paths are escaped too"
    );
    assert_eq!(
        html.matches("<script").count(),
        1,
        "only the page's own script"
    );
    for injected in ["<img", "<b>", "alert(1)</script>"] {
        assert!(
            !html.contains(injected),
            "{injected} reached the page as markup"
        );
    }
}

/// A fixture file's absolute path, for runs from another directory.
fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(path)
}

#[test]
fn crosscheck_toml_is_found_upward_and_flags_win() {
    let dir = scratch("config");
    std::fs::write(
        dir.join("crosscheck.toml"),
        r#"
fail-on = "warning"
[thresholds]
omission-warning-salience = 0.9
[severity]
"fact-mismatch/number" = "warning"
other-speaker = "off"
"#,
    )
    .unwrap();
    let nested = dir.join("articles").join("2025");
    std::fs::create_dir_all(&nested).unwrap();
    let run = |extra: &[&str]| {
        let output = crosscheck()
            .current_dir(&nested)
            .args(["check", "--format", "json"])
            .arg(fixture("hanoi-wrong-count/summary.txt"))
            .arg(fixture("hanoi-wrong-count/source.txt"))
            .args(extra)
            .output()
            .unwrap();
        let json: Value = serde_json::from_slice(&output.stdout).expect("JSON");
        (output.status.code(), json)
    };
    let (code, json) = run(&[]);
    let findings = json["findings"].as_array().unwrap();
    let severity_of = |rule: &str| -> Vec<&str> {
        findings
            .iter()
            .filter(|f| f["rule"] == rule)
            .map(|f| f["severity"].as_str().unwrap())
            .collect()
    };
    assert_eq!(severity_of("fact-mismatch/number"), ["warning"]);
    assert!(severity_of("other-speaker").is_empty(), "turned off");
    assert!(
        severity_of("omission").iter().all(|s| *s == "info"),
        "no omission reaches salience 0.9"
    );
    assert_eq!(code, Some(1), "fail-on warning from the file");

    let (code, _) = run(&["--fail-on", "error"]);
    assert_eq!(code, Some(0), "the flag wins over the file");
    let (code, json) = run(&["--no-config"]);
    assert_eq!(code, Some(1));
    assert_eq!(json["findings"][0]["severity"], "error");
}

#[test]
fn ignored_patterns_drop_findings_on_matching_sentences() {
    let dir = scratch("config-ignore");
    let config = dir.join("team.toml");
    std::fs::write(&config, "ignore = [\"đại diện \\\\d+ quốc gia\"]\n").unwrap();
    let output = crosscheck()
        .args(["check", "--format", "json", "--config"])
        .arg(&config)
        .args([
            "fixtures/hanoi-wrong-count/summary.txt",
            "fixtures/hanoi-wrong-count/source.txt",
        ])
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(
        json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["rule"] != "fact-mismatch/number")
    );
}

#[test]
fn an_invalid_config_is_an_input_error_naming_the_file() {
    let dir = scratch("config-invalid");
    for (name, text, expected) in [
        (
            "syntax.toml",
            "fail-on = warning\n",
            "invalid configuration",
        ),
        (
            "unknown.toml",
            "colour = \"red\"\n",
            "unknown field `colour`",
        ),
        (
            "rule.toml",
            "[severity]\nnumbers = \"off\"\n",
            "unknown rule `numbers`",
        ),
        (
            "share.toml",
            "[thresholds]\nsupport = 5.0\n",
            "between 0 and 1",
        ),
        ("pattern.toml", "ignore = [\"(\"]\n", "is not a pattern"),
        // See: issue 19: a language crosscheck has no rules for.
        (
            "language.toml",
            "language = \"fr\"\n",
            "unknown variant `fr`, expected one of `vi`",
        ),
    ] {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        let output = crosscheck()
            .args(["check", "--config"])
            .arg(&path)
            .args(["fixtures/hanoi/summary.txt", "fixtures/hanoi/source.txt"])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{name}: {stderr}");
        assert!(stderr.contains(name), "{name} is named: {stderr}");
        assert!(stderr.contains(expected), "{name}: {stderr}");
    }
}

/// Runs `crosscheck check` on a fixture with `extra` flags.
fn check_fixture(fixture: &str, extra: &[&str]) -> std::process::Output {
    crosscheck()
        .arg("check")
        .arg(format!("fixtures/{fixture}/summary.txt"))
        .arg(format!("fixtures/{fixture}/source.txt"))
        .args(extra)
        .output()
        .expect("the binary runs")
}

/// Runs `crosscheck check` on a fixture with `extra` flags: the exit code and standard output.
fn check_output(fixture: &str, extra: &[&str]) -> (i32, String) {
    let output = check_fixture(fixture, extra);
    (
        output.status.code().unwrap(),
        String::from_utf8(output.stdout).unwrap(),
    )
}

/// The severities of a JSON report's findings, counted: errors, warnings, info.
fn severities(report: &Value) -> [usize; 3] {
    let findings = report["findings"].as_array().unwrap();
    ["error", "warning", "info"].map(|s| findings.iter().filter(|f| f["severity"] == s).count())
}

#[test]
fn show_shrinks_the_json_report_but_not_the_exit_code() {
    let (code, all) = check_json("hanoi-wrong-count", &[]);
    assert_eq!(code, 1);
    assert_eq!(severities(&all.0), [1, 4, 11]);
    assert!(all.0.get("hidden").is_none(), "nothing hidden, no field");

    let (code, shown) = check_json("hanoi-wrong-count", &["--show", "warning"]);
    assert_eq!(code, 1);
    assert_eq!(severities(&shown.0), [1, 4, 0]);
    assert_eq!(
        shown.0["hidden"],
        serde_json::json!({"warning": 0, "info": 11})
    );

    let (code, errors) = check_json("hanoi-wrong-count", &["--show", "error"]);
    assert_eq!(code, 1);
    assert_eq!(severities(&errors.0), [1, 0, 0], "the error is shown");
    assert_eq!(
        errors.0["hidden"],
        serde_json::json!({"warning": 4, "info": 11})
    );
    assert_eq!(errors.0["version"], 1);

    // Clean stays clean, and a run that fails on warnings shows every warning.
    assert_eq!(check_json("hanoi", &["--show", "error"]).0, 0);
    let (code, failing) = check_json("hanoi", &["--show", "error", "--fail-on", "warning"]);
    assert_eq!(code, 1);
    assert_eq!(
        severities(&failing.0),
        [0, 4, 0],
        "findings that fail are never hidden"
    );
}

#[test]
fn show_and_quiet_shrink_the_human_report_but_not_the_exit_code() {
    let (code, all) = check_output("hanoi-wrong-count", &[]);
    assert_eq!(code, 1);
    let (code, shown) = check_output("hanoi-wrong-count", &["--show", "warning"]);
    assert_eq!(code, 1);
    assert!(shown.len() < all.len());
    assert!(
        shown.contains("1 error, 4 warnings, 11 info (11 info not shown; --show info shows them)"),
        "every finding is counted: {shown}"
    );
    assert!(!shown.contains("info[") && shown.contains("warning["));

    let (code, quiet) = check_output("hanoi-wrong-count", &["--quiet"]);
    assert_eq!(code, 1);
    assert!(
        quiet.starts_with("error[fact-mismatch/number]"),
        "the findings only: {quiet}"
    );
    assert!(!quiet.contains("warning[") && !quiet.contains("crosscheck:"));
    assert_eq!(check_output("hanoi", &["--quiet"]), (0, String::new()));
    let (code, quiet) = check_output("hanoi", &["--quiet", "--fail-on", "warning"]);
    assert_eq!(code, 1);
    assert_eq!(quiet.matches("warning[").count(), 4, "{quiet}");
}

#[test]
fn show_applies_to_every_format_and_comes_from_crosscheck_toml() {
    for format in ["markdown", "html", "sarif", "github"] {
        let (code, all) = check_output("hanoi-wrong-count", &["--format", format]);
        let (shown_code, shown) = check_output(
            "hanoi-wrong-count",
            &["--format", format, "--show", "error"],
        );
        assert_eq!((code, shown_code), (1, 1), "{format}");
        assert!(shown.len() < all.len(), "{format}");
        assert!(
            shown.contains("27 quốc gia"),
            "{format}: the error is shown"
        );
    }

    let dir = scratch("config-show");
    let config = dir.join("crosscheck.toml");
    std::fs::write(&config, "show = \"warning\"\n").unwrap();
    let config = config.to_str().unwrap();
    let (code, report) = check_json("hanoi-wrong-count", &["--config", config]);
    assert_eq!(code, 1);
    assert_eq!(severities(&report.0), [1, 4, 0]);
    let (_, report) = check_json("hanoi-wrong-count", &["--config", config, "--show", "info"]);
    assert_eq!(
        severities(&report.0),
        [1, 4, 11],
        "the flag wins over the file"
    );
    let (_, report) = check_json("hanoi-wrong-count", &["--config", config, "--quiet"]);
    assert_eq!(severities(&report.0), [1, 0, 0]);
}

/// A scratch copy of the `hanoi-wrong-count` pair and a baseline path beside it.
fn baseline_pair(name: &str) -> (PathBuf, PathBuf, PathBuf) {
    let dir = scratch(name);
    for file in ["summary.txt", "source.txt"] {
        std::fs::copy(
            fixture(&format!("hanoi-wrong-count/{file}")),
            dir.join(file),
        )
        .unwrap();
    }
    (
        dir.join("summary.txt"),
        dir.join("source.txt"),
        dir.join("baseline.json"),
    )
}

/// Runs `crosscheck baseline SUMMARY SOURCE` with `extra`: exit code and standard error.
fn baseline_command(summary: &Path, source: &Path, extra: &[&std::ffi::OsStr]) -> (i32, String) {
    run_on("baseline", summary, source, extra)
}

/// Runs `crosscheck COMMAND SUMMARY SOURCE` with `extra`: exit code and standard error.
fn run_on(
    command: &str,
    summary: &Path,
    source: &Path,
    extra: &[&std::ffi::OsStr],
) -> (i32, String) {
    let output = crosscheck()
        .arg(command)
        .arg(summary)
        .arg(source)
        .args(extra)
        .output()
        .unwrap();
    (
        output.status.code().unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

fn read_json(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

#[test]
fn baseline_update_keeps_what_applies_and_drops_stale_entries() {
    let (summary, source, baseline) = baseline_pair("baseline-update");
    let (code, _) = baseline_command(&summary, &source, &["-o".as_ref(), baseline.as_ref()]);
    assert_eq!(code, 0);
    let mut file = read_json(&baseline);
    let accepted = file["accepted"].as_array_mut().unwrap();
    assert_eq!(accepted.len(), 16);
    // An entry of a rule renamed in this release, and one finding not accepted yet.
    let unlisted = accepted.remove(1);
    accepted.insert(
        0,
        serde_json::json!({
            "fingerprint": "0123456789abcdef",
            "rule": "fact-mismatch/new-name",
            "message": "the summary names “Hà Nội”, which the source never mentions",
        }),
    );
    std::fs::write(&baseline, serde_json::to_string_pretty(&file).unwrap()).unwrap();

    let update = ["--update".as_ref(), baseline.as_os_str()];
    let (code, stderr) = baseline_command(&summary, &source, &update);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("15 kept, 1 dropped, 0 added"), "{stderr}");
    assert!(
        stderr.contains("  dropped fact-mismatch/new-name: the summary names “Hà Nội”"),
        "{stderr}"
    );
    let updated = read_json(&baseline);
    assert_eq!(updated["version"], 1);
    let entries = updated["accepted"].as_array().unwrap();
    assert_eq!(entries.len(), 15, "the stale entry is gone, nothing added");
    assert!(!entries.contains(&unlisted));
    assert_eq!(
        std::fs::read_dir(baseline.parent().unwrap())
            .unwrap()
            .count(),
        3,
        "written through a temporary file, none left"
    );

    let (code, stderr) = baseline_command(
        &summary,
        &source,
        &[update[0], update[1], "--add-new".as_ref()],
    );
    assert_eq!(code, 0);
    assert!(stderr.contains("15 kept, 0 dropped, 1 added"), "{stderr}");
    let entries = read_json(&baseline)["accepted"].as_array().unwrap().clone();
    assert_eq!(entries.len(), 16);
    assert_eq!(entries[15], unlisted, "the new finding is accepted last");
    let (code, _) = run_on("check", &summary, &source, &[]);
    assert_eq!(code, 1, "the error fails without the baseline");
    let (code, _) = run_on(
        "check",
        &summary,
        &source,
        &["--baseline".as_ref(), update[1]],
    );
    assert_eq!(code, 0, "the updated baseline accepts the error");
}

#[test]
fn baseline_update_of_a_missing_or_malformed_file_is_an_input_error() {
    let (summary, source, baseline) = baseline_pair("baseline-update-bad");
    let (code, stderr) =
        baseline_command(&summary, &source, &["--update".as_ref(), baseline.as_ref()]);
    assert_eq!(code, 2);
    assert!(stderr.contains("baseline.json: no such file"), "{stderr}");
    assert!(!baseline.exists(), "nothing is written");

    let malformed = "{\"version\": 1, \"accepted\": [";
    std::fs::write(&baseline, malformed).unwrap();
    let (code, stderr) =
        baseline_command(&summary, &source, &["--update".as_ref(), baseline.as_ref()]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("baseline.json: not a crosscheck baseline"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(&baseline).unwrap(),
        malformed,
        "left as it was"
    );

    let (code, _) = baseline_command(
        &summary,
        &source,
        &["--add-new".as_ref(), "-o".as_ref(), baseline.as_ref()],
    );
    assert_eq!(code, 2, "--add-new is for --update only");
}

#[test]
fn completions_and_manual_pages_come_from_the_command_line_definition() {
    let run = |args: &[&str]| {
        let output = crosscheck().args(args).output().unwrap();
        (
            output.status.code().unwrap(),
            String::from_utf8(output.stdout).unwrap(),
            String::from_utf8(output.stderr).unwrap(),
        )
    };
    for (shell, opening) in [
        ("bash", "_crosscheck()"),
        ("zsh", "#compdef crosscheck"),
        ("fish", "complete -c crosscheck"),
    ] {
        let (code, script, _) = run(&["completions", shell]);
        assert_eq!(code, 0, "{shell}");
        assert!(script.contains(opening), "{shell}: {script:.200}");
        for word in ["check", "baseline", "fail-on", "min-confidence", "sarif"] {
            assert!(script.contains(word), "{shell} completes {word}");
        }
    }
    let (code, overview, _) = run(&["man"]);
    assert_eq!(code, 0);
    assert!(overview.contains(".TH crosscheck 1"), "{overview:.300}");
    for command in ["check", "baseline", "explain", "align", "completions"] {
        assert!(overview.contains(command), "the overview lists {command}");
    }
    let (code, page, _) = run(&["man", "check"]);
    assert_eq!(code, 0);
    assert!(page.contains(".TH crosscheck-check 1"));
    assert!(
        page.contains("\\-\\-min\\-confidence"),
        "every flag of check is on its page"
    );
    let (code, _, stderr) = run(&["man", "nope"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("no command `nope`"), "{stderr}");
}

#[test]
fn align_fits_the_terminal_and_writes_json_to_a_file() {
    // A terminal 60 columns wide, made by `script` (util-linux): every line fits in it.
    let command = format!(
        "stty cols 60 rows 20; {} align fixtures/english-harbour/summary.txt \
         fixtures/english-harbour/source.txt",
        env!("CARGO_BIN_EXE_crosscheck")
    );
    let output = std::process::Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .output()
        .expect("script (util-linux) runs");
    let table = String::from_utf8(output.stdout).unwrap();
    let rows: Vec<&str> = table.lines().filter(|l| l.contains("paraphrase")).collect();
    assert!(!rows.is_empty(), "{table}");
    for line in table.lines() {
        assert!(line.trim_end_matches('\r').chars().count() < 60, "{line:?}");
    }
    // Not a terminal: the default width, 100 columns.
    let (_, wide) = stdout_of(&[
        "align",
        "fixtures/english-harbour/summary.txt",
        "fixtures/english-harbour/source.txt",
    ]);
    assert!(wide.lines().any(|l| l.chars().count() > 60));

    let dir = scratch("align-json");
    let path = dir.join("alignment.json");
    let output = crosscheck()
        .args(["align", "--format", "json", "-o"])
        .arg(&path)
        .args(["fixtures/hanoi/summary.txt", "fixtures/hanoi/source.txt"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(output.stdout.is_empty(), "the alignment goes to the file");
    let json: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(json["version"], 1);
    assert!(json.get("findings").is_none());
    let report = Report(json);
    assert_eq!(report.aligned("summary", "Chiều 26-10"), vec![3, 20]);
}

/// Runs the binary with `args`: the exit code and standard output.
fn stdout_of(args: &[&str]) -> (i32, String) {
    let output = crosscheck().args(args).output().unwrap();
    (
        output.status.code().unwrap(),
        String::from_utf8(output.stdout).unwrap(),
    )
}

#[test]
fn an_accepted_equivalence_silences_one_false_alarm_and_no_other() {
    let dir = scratch("equivalences");
    std::fs::write(
        dir.join("source.txt"),
        "Secretary-General Guterres thanked Viet Nam for hosting the signing ceremony. \
         Seventy-two countries signed the convention.",
    )
    .unwrap();
    std::fs::write(
        dir.join("summary.txt"),
        "The UN chief thanked Viet Nam for hosting the signing ceremony.\n\n\
         The UN chief said 27 countries signed the convention.",
    )
    .unwrap();
    let rules = |toml: &str| {
        std::fs::write(dir.join("crosscheck.toml"), toml).unwrap();
        let output = crosscheck()
            .current_dir(&dir)
            .args(["check", "--format", "json", "summary.txt", "source.txt"])
            .output()
            .unwrap();
        let json: Value = serde_json::from_slice(&output.stdout).unwrap_or(Value::Null);
        (
            output.status.code().unwrap(),
            json,
            String::from_utf8(output.stderr).unwrap(),
        )
    };
    let unsupported_in = |json: &Value| -> Vec<u64> {
        (json["findings"].as_array().unwrap().iter())
            .filter(|f| f["rule"] == "unsupported")
            .map(|f| f["summary"]["sentence"].as_u64().unwrap())
            .collect()
    };
    let (_, before, _) = rules("");
    assert_eq!(unsupported_in(&before), vec![1, 2], "{before}");
    // Case and punctuation do not matter. Only where the source sentence has the other phrase
    // is the finding accepted; the wrong count is still an error.
    let (code, after, _) =
        rules("[equivalences]\n\"un chief\" = \"Secretary-General, Guterres\"\n");
    assert_eq!(code, 1);
    assert_eq!(unsupported_in(&after), vec![2], "{after}");
    assert!(
        (after["findings"].as_array().unwrap().iter()).any(|f| f["rule"] == "fact-mismatch/number")
    );
    let (code, _, stderr) = rules("[equivalences]\n\"UN chief\" = \"—\"\n");
    assert_eq!(code, 2);
    assert!(
        stderr.contains("equivalences: `—` has no words"),
        "{stderr}"
    );
}
