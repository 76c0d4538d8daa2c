//! Batch mode through the built binary: `check --pairs` over a directory, a TOML or JSON
//! list, and JSON Lines on standard input; per-pair results, input order and the exit code of
//! the worst pair.

mod common;

use std::io::Write;
use std::path::Path;
use std::process::{Output, Stdio};

use common::{crosscheck, files_in, fixture_names, scratch};
use serde_json::Value;

/// Runs `crosscheck check` with `args`, writing `stdin` to it; what it did. A run refused
/// before it reads may close its input first: that write's failure is not the test's.
fn check_with_stdin(args: &[&std::ffi::OsStr], stdin: &str) -> Output {
    let mut child = crosscheck()
        .arg("check")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let written = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    if let Err(error) = written {
        assert_eq!(error.kind(), std::io::ErrorKind::BrokenPipe, "{error}");
    }
    child.wait_with_output().unwrap()
}

/// Runs `crosscheck check --pairs LIST --format json` with `stdin`: exit code, JSON lines.
fn batch(list: &str, extra: &[&str], stdin: &str) -> (i32, Vec<Value>, String) {
    let leading = ["--format", "json", "--pairs", list];
    let args: Vec<&std::ffi::OsStr> = (leading.iter().chain(extra))
        .map(std::ffi::OsStr::new)
        .collect();
    let Output {
        status,
        stdout,
        stderr,
    } = check_with_stdin(&args, stdin);
    let lines = String::from_utf8(stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).expect("each line is JSON"))
        .collect();
    (
        status.code().unwrap(),
        lines,
        String::from_utf8(stderr).unwrap(),
    )
}

/// The exit code and error count of one fixture checked on its own.
fn single(name: &str) -> (i32, usize) {
    let output = crosscheck()
        .args(["check", "--format", "json"])
        .arg(format!("fixtures/{name}/summary.txt"))
        .arg(format!("fixtures/{name}/source.txt"))
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    let errors = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == "error")
        .count();
    (output.status.code().unwrap(), errors)
}

#[test]
fn a_directory_of_fixtures_gives_each_pair_its_own_result_and_the_worst_exit() {
    let names = fixture_names();
    assert!(names.len() >= 4);
    let (code, lines, stderr) = batch("fixtures", &[], "");
    assert_eq!(lines.len(), names.len(), "one line per pair");
    let mut worst = 0;
    for (name, line) in names.iter().zip(&lines) {
        assert_eq!(
            line["pair"],
            format!("fixtures/{name}/summary.txt"),
            "input order"
        );
        let (exit, errors) = single(name);
        assert_eq!(line["exit"], exit, "{name}: the pair's own exit code");
        let batch_errors = line["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["severity"] == "error")
            .count();
        assert_eq!(batch_errors, errors, "{name}: the same findings as alone");
        worst = worst.max(exit);
    }
    assert_eq!(worst, 1, "the fixtures include wrong pairs");
    assert_eq!(code, worst, "the exit code is the worst pair's");
    assert!(stderr.contains("pair"), "closing table: {stderr}");
    for name in &names {
        assert!(stderr.contains(&format!("fixtures/{name}/summary.txt")));
    }
    assert!(stderr.contains(&format!("{} pairs, exit code 1", names.len())));

    let (code, _, _) = batch("fixtures", &["--fail-on", "never"], "");
    assert_eq!(code, 0);
}

#[test]
fn list_files_resolve_paths_against_their_directory() {
    let dir = scratch("batch-lists");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    std::fs::write(
        dir.join("pairs.toml"),
        format!(
            "[[pair]]\nid = \"seed\"\nsummary = \"{0}/hanoi/summary.txt\"\nsource = \"{0}/hanoi/source.txt\"\n\
             [[pair]]\nid = \"local\"\nsummary = \"a.txt\"\nsource = \"b.txt\"\n",
            fixtures.display()
        ),
    )
    .unwrap();
    std::fs::write(dir.join("a.txt"), "The minister said 40 ships came.").unwrap();
    std::fs::write(dir.join("b.txt"), "Forty ships came to the harbour.").unwrap();
    // The fixtures are outside the list's folder, by an absolute path.
    let (code, lines, _) = batch(
        dir.join("pairs.toml").to_str().unwrap(),
        &["--allow-outside-paths"],
        "",
    );
    assert_eq!(code, 0);
    assert_eq!(lines[0]["pair"], "seed");
    assert_eq!(lines[1]["pair"], "local");
    assert_eq!(lines[1]["exit"], 0);
    assert_eq!(lines[1]["summary"]["sentences"][0]["label"], "paraphrase");

    std::fs::write(
        dir.join("pairs.json"),
        r#"[{"summary": "a.txt", "source": "missing.txt"}, {"summary": "a.txt", "source": "b.txt"}]"#,
    )
    .unwrap();
    let (code, lines, stderr) = batch(dir.join("pairs.json").to_str().unwrap(), &[], "");
    assert_eq!(code, 2, "an unreadable pair makes the run an input error");
    assert_eq!(lines.len(), 2, "the other pairs go on");
    assert_eq!(lines[0]["exit"], 2);
    assert!(lines[0]["error"].as_str().unwrap().contains("missing.txt"));
    assert!(stderr.contains("missing.txt"));
    assert_eq!(lines[1]["exit"], 0);

    std::fs::write(dir.join("empty.toml"), " \n").unwrap();
    let (code, _, stderr) = batch(dir.join("empty.toml").to_str().unwrap(), &[], "");
    assert_eq!(code, 2);
    assert!(
        stderr.contains("empty.toml: not a list of pairs: it has no pair"),
        "{stderr}"
    );

    std::fs::write(dir.join("no-source.json"), r#"[{"summary": "a.txt"}]"#).unwrap();
    let (_, lines, _) = batch(dir.join("no-source.json").to_str().unwrap(), &[], "");
    assert!(
        lines[0]["error"]
            .as_str()
            .unwrap()
            .contains("`sources` (a list of paths)"),
        "{}",
        lines[0]
    );

    std::fs::write(dir.join("bad.toml"), "[[pair]]\nsumary = \"a.txt\"\n").unwrap();
    let (code, lines, stderr) = batch(dir.join("bad.toml").to_str().unwrap(), &[], "");
    assert_eq!(code, 2);
    assert!(lines.is_empty());
    assert!(
        stderr.contains("bad.toml: not a list of pairs: line 2, column 1: unknown field `sumary`"),
        "{stderr}"
    );
}

#[test]
fn json_lines_on_stdin_stream_back_in_input_order() {
    // Forty pairs, inline and by path, so that several chunks run in parallel.
    let mut input = String::new();
    for i in 0..40 {
        if i % 10 == 3 {
            input.push_str(
                "{\"id\": \"seed\", \"summary\": \"fixtures/hanoi/summary.txt\", \"source\": \"fixtures/hanoi/source.txt\"}\n",
            );
        } else {
            let (said, count) = if i % 7 == 0 {
                ("41", "wrong")
            } else {
                ("14", "right")
            };
            // Days from 100, so that no day is the count: a summary that gives the source's
            // count elsewhere (`on day 14`) is read as reporting it.
            let day = 100 + i;
            input.push_str(&format!(
                "{{\"id\": \"{i}-{count}\", \"summary_text\": \"The minister said {said} ships came on day {day}.\", \"source_text\": \"Fourteen ships came on day {day}.\"}}\n"
            ));
        }
    }
    input.push_str("\nnot a pair\n");
    let (code, lines, _) = batch("-", &[], &input);
    assert_eq!(lines.len(), 41, "one line per pair, blank lines skipped");
    for (i, line) in lines.iter().take(40).enumerate() {
        let expected = if i % 10 == 3 {
            "seed".to_string()
        } else if i % 7 == 0 {
            format!("{i}-wrong")
        } else {
            format!("{i}-right")
        };
        assert_eq!(line["pair"], expected.as_str(), "line {i} in input order");
        let wrong = expected.ends_with("wrong");
        assert_eq!(line["exit"], i32::from(wrong), "{expected}");
    }
    assert_eq!(lines[40]["exit"], 2, "a line that is not a pair");
    assert_eq!(code, 2);
}

/// A `.jsonl` list file (the GitHub Action's) is JSON Lines, its paths relative to its folder;
/// a line that is not a pair fails that pair alone, named by its line in the file. The
/// closing table says when a pair's sentences were not compared, and counts one pair as one.
#[test]
fn a_json_lines_file_is_a_list_of_pairs_relative_to_its_folder() {
    let dir = scratch("batch-jsonl");
    std::fs::create_dir_all(dir.join("news")).unwrap();
    for file in ["summary.txt", "source.txt"] {
        std::fs::copy(
            format!("fixtures/vietnamese-report-english-speech/{file}"),
            dir.join("news").join(file),
        )
        .unwrap();
    }
    let list = dir.join("news/pairs.jsonl");
    std::fs::write(
        &list,
        "{\"id\": \"mixed\", \"summary\": \"summary.txt\", \"source\": \"source.txt\"}\n\n[1, 2]\n",
    )
    .unwrap();
    let (code, lines, stderr) = batch(list.to_str().unwrap(), &[], "");
    assert_eq!((code, lines.len()), (2, 2), "{stderr}");
    assert_eq!(lines[0]["pair"], "mixed");
    assert_eq!(lines[0]["exit"], 0, "{stderr}");
    assert_eq!(lines[1]["exit"], 2);
    assert!(
        lines[1]["pair"]
            .as_str()
            .unwrap()
            .ends_with("pairs.jsonl line 3"),
        "{}",
        lines[1]
    );
    let row = stderr.lines().find(|l| l.starts_with("mixed ")).unwrap();
    assert!(
        row.ends_with("0  (not compared: a summary in Vietnamese, a source in English)"),
        "{stderr}"
    );
    assert!(stderr.contains("2 pairs, exit code 2"), "{stderr}");

    std::fs::write(
        &list,
        "{\"summary\": \"summary.txt\", \"source\": \"summary.txt\"}\n",
    )
    .unwrap();
    let (code, lines, stderr) = batch(list.to_str().unwrap(), &[], "");
    assert_eq!((code, lines.len()), (0, 1), "{stderr}");
    assert!(stderr.contains("1 pair, exit code 0"), "{stderr}");
}

#[test]
fn html_with_pairs_needs_a_folder_for_its_pages() {
    let output = crosscheck()
        .args(["check", "--format", "html", "--pairs", "fixtures"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("-o DIR"));
}

/// Runs `crosscheck check --format html --pairs - -o FOLDER` on the JSON Lines `pairs`.
fn html_batch(folder: &Path, pairs: &str) -> Output {
    let args = ["--format", "html", "--pairs", "-", "-o"].map(std::ffi::OsStr::new);
    check_with_stdin(&[&args[..], &[folder.as_os_str()]].concat(), pairs)
}

/// A line of JSON Lines: the pair `id` of the texts `summary` and `source`, given inline.
fn inline_pair(id: &str, summary: &str, source: &str) -> String {
    let pair = serde_json::json!({"id": id, "summary_text": summary, "source_text": source});
    format!("{pair}\n")
}

/// Hostile ids make safe, unique page names inside the folder; a link planted there is
/// replaced, not followed; the index links every page and names the pair it could not check.
#[test]
fn html_with_pairs_writes_a_page_per_pair_and_an_index_inside_the_folder() {
    let scratch = scratch("batch-html-pages");
    let folder = scratch.join("a/b/pages");
    std::fs::create_dir_all(&folder).unwrap();
    let outside = scratch.join("outside.txt");
    std::fs::write(&outside, "keep").unwrap();
    std::os::unix::fs::symlink(&outside, folder.join("x.html")).unwrap();
    let pair = |id: &str, said: &str| {
        inline_pair(
            id,
            &format!("The minister said {said} ships came."),
            "Fourteen ships came.",
        )
    };
    let input = [
        pair("../../x", "41"),
        pair("x", "14"),
        pair("X", "14"),
        pair("index", "14"),
        pair("<b>\"Hà Nội\"</b>", "14"),
        pair("/", "14"),
        "{\"id\": \"missing\", \"summary\": \"no-such-file.txt\", \"source\": \"fixtures/hanoi/source.txt\"}\n".to_string(),
    ]
    .concat();
    let output = html_batch(&folder, &input);
    assert_eq!(
        output.status.code(),
        Some(2),
        "the worst pair: one not checked"
    );
    assert!(output.stdout.is_empty(), "pages go to the folder only");

    assert_eq!(
        files_in(&folder),
        [
            "X-3.html",
            "b-Hà-Nội-b.html",
            "index-2.html",
            "index.html",
            "pair.html",
            "x-2.html",
            "x.html"
        ]
    );
    assert_eq!(
        files_in(&scratch),
        ["a", "outside.txt"],
        "nothing climbs out"
    );
    assert_eq!(files_in(&scratch.join("a")), ["b"]);
    assert_eq!(std::fs::read_to_string(&outside).unwrap(), "keep");
    assert!(!folder.join("x.html").is_symlink(), "the link is replaced");

    for page in files_in(&folder) {
        let text = std::fs::read_to_string(folder.join(&page)).unwrap();
        assert!(text.starts_with("<!DOCTYPE html>"), "{page}");
        assert!(text.ends_with("</html>\n"), "{page} is whole");
    }
    let x = std::fs::read_to_string(folder.join("x.html")).unwrap();
    assert!(
        x.contains("41"),
        "the first pair called x has the first page"
    );
    let back = "<nav class=\"batch\"><a href=\"index.html\">All pairs</a> \u{203a} pair ";
    assert!(
        x.contains(&format!("{back}<code>../../x</code></nav>")),
        "{x}"
    );
    assert!(
        x.contains("<title>../../x · crosscheck: "),
        "the tab names the pair"
    );
    let named = std::fs::read_to_string(folder.join("b-Hà-Nội-b.html")).unwrap();
    assert!(
        named.contains(&format!(
            "{back}<code>&lt;b&gt;&quot;Hà Nội&quot;&lt;/b&gt;</code></nav>"
        )),
        "each page names its pair, escaped, and links back to the index"
    );
    let index = std::fs::read_to_string(folder.join("index.html")).unwrap();
    for (page, shown) in [
        ("x.html", "../../x"),
        ("x-2.html", "x"),
        ("X-3.html", "X"),
        ("index-2.html", "index"),
        ("b-Hà-Nội-b.html", "&lt;b&gt;&quot;Hà Nội&quot;&lt;/b&gt;"),
        ("pair.html", "/"),
    ] {
        assert!(
            index.contains(&format!("<a href=\"{page}\">{shown}</a>")),
            "{page} in {index}"
        );
    }
    assert!(index.contains("<td>missing</td><td>2</td><td colspan=\"4\">not checked: "));
    assert!(!index.contains("<b>"), "the ids are escaped");
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("7 pairs, exit code 2"),
        "the closing table"
    );
}

/// The folder of `-o` is made only once there are pairs, must be a folder, and is not `-`;
/// an id long in a wide script still makes a page, and an empty one still a link.
#[test]
fn html_pages_need_a_real_folder_and_take_any_id() {
    let scratch = scratch("batch-html-folder");
    let folder = scratch.join("pages");
    let missing = crosscheck()
        .args([
            "check",
            "--format",
            "html",
            "--pairs",
            "no-such-list.toml",
            "-o",
        ])
        .arg(&folder)
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
    assert!(!folder.exists(), "no folder for a list that is not there");

    let pair = |id: &str| inline_pair(id, "Ships came.", "Ships came.");
    let file = scratch.join("report.txt");
    std::fs::write(&file, "kept").unwrap();
    let output = html_batch(&file, &pair("x"));
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("it is a file, not a folder"),
        "{output:?}"
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "kept");
    let output = html_batch(Path::new("-"), &pair("x"));
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("-o DIR"));

    let wide = "中".repeat(80);
    let output = html_batch(&folder, &[pair(&wide), pair(&wide), pair("")].concat());
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let index = std::fs::read_to_string(folder.join("index.html")).unwrap();
    assert!(index.contains(">(pair 3, no name)</a>"), "{index}");
    assert_eq!(
        files_in(&folder).len(),
        4,
        "two wide pages, one named pair, the index"
    );
}

/// A page that cannot be written (here a folder is in its way) stops the batch with an
/// error naming it, and no index is written to link to it.
#[test]
fn a_page_that_cannot_be_written_stops_the_batch_without_an_index() {
    let folder = scratch("batch-html-unwritable");
    std::fs::create_dir(folder.join("x.html")).unwrap();
    let output = html_batch(&folder, &inline_pair("x", "Ships came.", "Ships came."));
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("x.html: cannot write the report"),
        "{stderr}"
    );
    assert_eq!(files_in(&folder), ["x.html"], "no index, no temporary file");
}

/// A pair of a directory is named after its folder, not the whole path of the directory.
#[test]
fn html_pages_of_a_directory_are_named_after_its_folders() {
    let folder = scratch("batch-html-directory");
    let output = crosscheck()
        .args([
            "check",
            "--format",
            "html",
            "--pairs",
            "fixtures/derived",
            "-o",
        ])
        .arg(&folder)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        files_in(&folder),
        [
            "briefing-vtt-summary-txt.html",
            "harbour-docx-summary-docx.html",
            "harbour-html-summary-html.html",
            "hearing-srt-summary-txt.html",
            "index.html"
        ]
    );
}

#[test]
fn show_shrinks_each_pair_but_not_its_exit_code_or_the_closing_table() {
    let (code, all, table) = batch("fixtures", &[], "");
    let (shown_code, shown, shown_table) = batch("fixtures", &["--show", "error"], "");
    assert_eq!(shown_code, code);
    assert_eq!(shown_table, table, "the closing table counts every finding");
    for (all, shown) in all.iter().zip(&shown) {
        assert_eq!(shown["exit"], all["exit"]);
        let findings = |line: &Value| line["findings"].as_array().unwrap().clone();
        let errors: Vec<Value> = (findings(all).into_iter())
            .filter(|f| f["severity"] == "error")
            .collect();
        assert_eq!(findings(shown), errors, "{}: errors only", shown["pair"]);
        // `hidden` is left out when nothing is (a pair in two languages has no finding).
        let hidden = |severity: &str| shown["hidden"][severity].as_u64().unwrap_or(0);
        assert_eq!(
            hidden("warning") + hidden("info"),
            (findings(all).len() - errors.len()) as u64
        );
    }
}

#[test]
fn the_closing_table_counts_the_doubtful_errors_that_do_not_fail_a_pair() {
    let (code, _, table) = batch("fixtures", &[], "");
    let (doubtful_code, _, doubtful_table) = batch("fixtures", &["--min-confidence", "1"], "");
    assert_eq!(code, 1);
    assert_eq!(doubtful_code, 0, "no error is sure enough to fail a pair");
    // The table follows any warnings on standard error: its header starts with `pair`.
    let column = |table: &str, name: &str| -> Vec<usize> {
        let mut lines = table.lines().skip_while(|line| !line.starts_with("pair "));
        let header: Vec<&str> = lines.next().unwrap().split_whitespace().collect();
        let at = header.iter().position(|h| *h == name).unwrap();
        lines
            .filter(|line| line.starts_with("fixtures"))
            .map(|line| line.split_whitespace().nth(at).unwrap().parse().unwrap())
            .collect()
    };
    let pairs = column(&table, "exit").len();
    assert!(pairs >= 4, "{table}");
    assert_eq!(column(&table, "doubtful"), vec![0; pairs]);
    assert_eq!(
        column(&doubtful_table, "doubtful"),
        column(&doubtful_table, "errors"),
        "every error is doubtful under a minimum of 1"
    );
    assert!(column(&table, "errors").iter().sum::<usize>() > 0);
}

/// See: issue 19: each pair's language warnings on standard error, in input order, before the
/// closing table, and its JSON line's `detected`.
#[test]
fn i19_a_batch_warns_of_each_pairs_languages() {
    let (_, lines, stderr) = batch("fixtures", &[], "");
    let at = |text: &str| {
        stderr
            .find(text)
            .unwrap_or_else(|| panic!("{text}: {stderr}"))
    };
    let french = at(
        "crosscheck: warning: fixtures/french-harbour/summary.txt and \
                     fixtures/french-harbour/source.txt are in French",
    );
    let vietnamese = at(
        "crosscheck: warning: fixtures/vietnamese-report-english-speech/\
                         summary.txt is in Vietnamese",
    );
    assert!(french < vietnamese && vietnamese < at("pair "));
    let french = (lines.iter())
        .find(|line| line["pair"] == "fixtures/french-harbour/summary.txt")
        .expect("the French pair's line");
    assert_eq!(french["summary"]["detected"]["supported"], false);
}

#[test]
fn a_pair_of_several_sources_names_them_in_a_list() {
    let dir = "fixtures/several/hospital";
    let input = format!(
        "{{\"id\": \"two\", \"summary\": \"{dir}/summary.txt\", \"sources\": [\"{dir}/source-1-speech.txt\", \"{dir}/source-2-release.txt\"]}}\n\
         {{\"id\": \"both\", \"summary\": \"{dir}/summary.txt\", \"source\": \"{dir}/source-1-speech.txt\", \"sources\": [\"{dir}/source-2-release.txt\"]}}\n\
         {{\"id\": \"outside\", \"summary\": \"{dir}/summary.txt\", \"sources\": [\"../x.txt\"]}}\n"
    );
    let (code, lines, _) = batch("-", &[], &input);
    assert_eq!(code, 2, "the worst pair could not be read");
    assert_eq!(
        (lines[0]["pair"].as_str(), lines[0]["exit"].as_i64()),
        (Some("two"), Some(1))
    );
    assert_eq!(lines[0]["version"], 2);
    assert_eq!(lines[0]["sources"].as_array().unwrap().len(), 2);
    assert_eq!(lines[1]["exit"], 2);
    assert!(
        lines[1]["error"]
            .as_str()
            .unwrap()
            .contains("without `source`"),
        "{}",
        lines[1]
    );
    assert_eq!(lines[2]["exit"], 2);
    assert!(
        lines[2]["error"]
            .as_str()
            .unwrap()
            .contains("--allow-outside-paths"),
        "{}",
        lines[2]
    );
}

#[test]
fn a_pair_in_a_list_carries_its_own_settings_and_baseline() {
    let dir = scratch("pair-settings");
    let baseline = dir.join("wrong-count.baseline.json");
    let written = crosscheck()
        .args(["baseline", "-o"])
        .arg(&baseline)
        .args([
            "fixtures/hanoi-wrong-count/summary.txt",
            "fixtures/hanoi-wrong-count/source.txt",
        ])
        .status()
        .unwrap();
    assert!(written.success());
    let harbour = "\"summary\": \"fixtures/english-harbour/summary.txt\", \"source\": \"fixtures/english-harbour/source.txt\"";
    let wrong = "\"summary\": \"fixtures/hanoi-wrong-count/summary.txt\", \"source\": \"fixtures/hanoi-wrong-count/source.txt\"";
    let input = format!(
        "{{\"id\": \"transcript\", {harbour}}}\n\
         {{\"id\": \"report\", {harbour}, \"source-kind\": \"report\"}}\n\
         {{\"id\": \"speaker\", {harbour}, \"speaker\": \"Trần Văn Minh\", \"date\": \"2025-10-26\", \"language\": \"en\", \"grounded\": true}}\n\
         {{\"id\": \"bad-date\", {harbour}, \"date\": \"26/10/2025\"}}\n\
         {{\"id\": \"unaccepted\", {wrong}}}\n\
         {{\"id\": \"accepted\", {wrong}, \"baseline\": {}}}\n",
        serde_json::to_string(&baseline).unwrap()
    );
    let (_, lines, _) = batch("-", &["--allow-outside-paths"], &input);
    let line = |id: &str| lines.iter().find(|l| l["pair"] == id).expect(id);
    let others = |id: &str| {
        (line(id)["summary"]["sentences"].as_array().unwrap().iter())
            .filter(|s| s["label"] == "other-speaker")
            .count()
    };
    assert_eq!(others("transcript"), 2);
    assert_eq!(others("report"), 0, "a report has no single speaker");
    assert_eq!(
        line("speaker")["source"]["speaker"]["name"],
        "Trần Văn Minh"
    );
    assert_eq!(line("speaker")["source"]["speaker"]["from"], "configured");
    assert_eq!(line("bad-date")["exit"], 2);
    assert!(
        line("bad-date")["error"]
            .as_str()
            .unwrap()
            .contains("not YYYY-MM-DD")
    );
    assert_eq!(line("unaccepted")["exit"], 1);
    assert_eq!(line("accepted")["exit"], 0, "{}", line("accepted"));
    assert!(line("accepted")["baseline"]["accepted"].as_u64().unwrap() > 0);
}

#[test]
fn a_directory_takes_the_names_people_use_and_says_what_it_skipped() {
    let dir = scratch("directory-names");
    let harbour = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/english-harbour");
    let write = |folder: &str, name: &str, from: &str| {
        std::fs::create_dir_all(dir.join(folder)).unwrap();
        std::fs::copy(harbour.join(from), dir.join(folder).join(name)).unwrap();
    };
    write("a", "Article.txt", "summary.txt");
    write("a", "speech.txt", "source.txt");
    write("b", "summary.md", "summary.txt");
    write("b", "source-1-speech.txt", "source.txt");
    write("b", "source-2-release.txt", "source.txt");
    write("c", "notes.txt", "summary.txt");
    write("d", "summary.txt", "summary.txt");
    write("d", "article.txt", "summary.txt");
    write("d", "source.txt", "source.txt");
    let (_, lines, stderr) = batch(dir.to_str().unwrap(), &["--fail-on", "never"], "");
    let pairs: Vec<&str> = lines.iter().map(|l| l["pair"].as_str().unwrap()).collect();
    assert_eq!(pairs.len(), 2, "{pairs:?}");
    assert!(pairs[0].ends_with("a/Article.txt") && pairs[1].ends_with("b/summary.md"));
    assert_eq!(lines[1]["sources"].as_array().unwrap().len(), 2);
    assert!(stderr.contains("c: no summary file"), "{stderr}");
    assert!(
        stderr.contains("d: more than one summary file: article.txt, summary.txt"),
        "{stderr}"
    );

    // The derived fixtures are pairs too: subtitles, a web page and a Word file.
    let (code, lines, _) = batch("fixtures/derived", &[], "");
    assert_eq!(lines.len(), 4);
    assert!(
        lines.iter().all(|l| l["exit"] == 1),
        "each has its planted error"
    );
    assert_eq!(code, 1);
}
