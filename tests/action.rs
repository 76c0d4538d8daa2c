//! The GitHub Action and the pre-commit hook: `scripts/check-changed.sh` run on temporary git
//! repositories with the built binary on PATH, and `action.yml` and `.pre-commit-hooks.yaml`
//! read as YAML, against the script and the README.
//!
//! The script needs git and jq; without jq the script's tests are skipped, unless `CI` is set
//! (`.ci/run` installs it).

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{crosscheck, files_in, scratch};
use serde_json::Value;

/// The script the action's step and the hook run, from the crate root.
const SCRIPT: &str = "scripts/check-changed.sh";
/// The commit `github.event.before` names for the first push of a new branch.
const NO_COMMIT: &str = "0000000000000000000000000000000000000000";

/// A git repository made for one test, with the fixtures its pairs are made of.
struct Repo {
    dir: PathBuf,
}

/// What one run of the script did.
struct Run {
    code: i32,
    /// The names of the pairs it checked, in order (`== NAME` lines).
    checked: Vec<String>,
    stderr: String,
}

impl Repo {
    /// A new repository `name`, or `None` (the test skipped) when jq is missing outside CI.
    fn new(name: &str) -> Option<Self> {
        let has_jq = Command::new("jq").arg("--version").output().is_ok();
        if !has_jq {
            assert!(std::env::var_os("CI").is_none(), "CI needs jq for {SCRIPT}");
            eprintln!("skipped: jq is not on PATH");
            return None;
        }
        let repo = Repo { dir: scratch(name) };
        repo.git(&["init", "--quiet"]);
        Some(repo)
    }

    /// `git ARGS` in the repository, away from the user's settings; its standard output.
    fn git(&self, args: &[&str]) -> String {
        let output = self.command("git").args(args).output().unwrap();
        assert!(output.status.success(), "git {args:?}: {output:?}");
        String::from_utf8(output.stdout).unwrap().trim().to_string()
    }

    /// `program` run in the repository, with the built binary first on PATH and neither git
    /// nor crosscheck settings from the environment.
    fn command(&self, program: &str) -> Command {
        let binary_dir = Path::new(env!("CARGO_BIN_EXE_crosscheck"))
            .parent()
            .unwrap();
        let path = std::env::join_paths(
            std::iter::once(binary_dir.to_path_buf())
                .chain(std::env::split_paths(&std::env::var_os("PATH").unwrap())),
        )
        .unwrap();
        let mut command = Command::new(program);
        command
            .current_dir(&self.dir)
            .env("PATH", path)
            .env("NO_COLOR", "1")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_AUTHOR_NAME", "crosscheck test")
            .env("GIT_AUTHOR_EMAIL", "test@example.org")
            .env("GIT_COMMITTER_NAME", "crosscheck test")
            .env("GIT_COMMITTER_EMAIL", "test@example.org");
        for variable in [
            "GIT_DIR",
            "GIT_WORK_TREE",
            "GIT_INDEX_FILE",
            "CROSSCHECK_FORMAT",
            "CROSSCHECK_FAIL_ON",
            "CROSSCHECK_SPEAKER",
        ] {
            command.env_remove(variable);
        }
        command
    }

    /// Writes `contents` at `path` in the repository, making its folders.
    fn write(&self, path: &str, contents: &[u8]) {
        let path = self.dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
    }

    /// Copies the fixture file `fixture` (under `fixtures/`) to `path`.
    fn copy(&self, fixture: &str, path: &str) {
        let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        self.write(path, &std::fs::read(fixtures.join(fixture)).unwrap());
    }

    /// Adds a line to the file at `path`: a change that keeps what it says.
    fn touch(&self, path: &str) {
        let mut contents = std::fs::read(self.dir.join(path)).unwrap();
        contents.extend_from_slice(b"\n");
        self.write(path, &contents);
    }

    /// Commits every change; the commit's id.
    fn commit(&self, message: &str) -> String {
        self.git(&["add", "--all"]);
        self.git(&["commit", "--quiet", "--message", message]);
        self.git(&["rev-parse", "HEAD"])
    }

    /// Runs the script with `args`.
    fn check(&self, args: &[&str]) -> Run {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join(SCRIPT);
        let Output {
            status,
            stdout,
            stderr,
        } = self
            .command(script.to_str().unwrap())
            .args(args)
            .output()
            .unwrap();
        let stdout = String::from_utf8(stdout).unwrap();
        Run {
            code: status.code().unwrap(),
            checked: stdout
                .lines()
                .filter_map(|line| line.strip_prefix("== "))
                .map(str::to_string)
                .collect(),
            stderr: String::from_utf8(stderr).unwrap(),
        }
    }

    /// Runs the script on the list `news/pairs.jsonl` with `--since since`, and `--sarif
    /// sarif` when given.
    fn check_since(&self, since: &str, sarif: Option<&str>) -> Run {
        let mut args = vec!["--pairs", "news/pairs.jsonl", "--since", since];
        args.extend(sarif.iter().flat_map(|file| ["--sarif", file]));
        self.check(&args)
    }

    /// The SARIF log of `crosscheck check` on `files` (paths from the top) alone.
    fn sarif_alone(&self, files: &[String]) -> Value {
        let output = crosscheck()
            .current_dir(&self.dir)
            .args(["check", "--format", "sarif", "--"])
            .args(files)
            .output()
            .unwrap();
        serde_json::from_slice(&output.stdout).expect("the SARIF log is JSON")
    }

    /// The SARIF log at `path`, which must be JSON.
    fn sarif(&self, path: &str) -> Value {
        let text = std::fs::read_to_string(self.dir.join(path)).unwrap();
        serde_json::from_str(&text).expect("the SARIF log is JSON")
    }
}

/// The path of a wrong report whose name has a space and starts with a dash.
const WRONG: &str = "-wrong count.txt";

/// A repository whose list `news/pairs.jsonl` names a faithful report (`faithful`) and a wrong
/// one (`wrong`, at `news/-wrong count.txt`) of the same speech; the first commit's id.
fn newsroom(name: &str) -> Option<(Repo, String)> {
    let repo = Repo::new(name)?;
    repo.copy("hanoi/summary.txt", "news/reports/hanoi.txt");
    repo.copy("hanoi-wrong-count/summary.txt", &format!("news/{WRONG}"));
    repo.copy("hanoi/source.txt", "news/speeches/hanoi.txt");
    let pairs = [
        serde_json::json!({"id": "faithful", "summary": "reports/hanoi.txt", "source": "./speeches/hanoi.txt"}),
        serde_json::json!({"id": "wrong", "summary": WRONG, "source": "speeches//hanoi.txt"}),
    ];
    let list: String = pairs.iter().map(|pair| format!("{pair}\n")).collect();
    repo.write("news/pairs.jsonl", list.as_bytes());
    let first = repo.commit("two reports of one speech");
    Some((repo, first))
}

/// The results of each run of a SARIF log, by the run's category: (rule id, level) each.
fn results_by_category(log: &Value) -> Vec<(String, Vec<(String, String)>)> {
    log["runs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|run| {
            let results = run["results"]
                .as_array()
                .unwrap()
                .iter()
                .map(|result| {
                    let field = |name: &str| result[name].as_str().unwrap().to_string();
                    (field("ruleId"), field("level"))
                })
                .collect();
            (
                run["automationDetails"]["id"].as_str().unwrap().to_string(),
                results,
            )
        })
        .collect()
}

/// `value` with every number a float: jq, which joins the logs, writes `84.0` as `84`.
fn numbers_as_floats(value: &Value) -> Value {
    match value {
        Value::Number(number) => serde_json::json!(number.as_f64().unwrap()),
        Value::Array(items) => items.iter().map(numbers_as_floats).collect(),
        Value::Object(fields) => fields
            .iter()
            .map(|(name, field)| (name.clone(), numbers_as_floats(field)))
            .collect(),
        other => other.clone(),
    }
}

#[test]
fn only_the_pairs_whose_files_changed_are_checked_into_one_sarif_log() {
    let Some((repo, first)) = newsroom("action-changed") else {
        return;
    };
    repo.touch(&format!("news/{WRONG}"));
    let second = repo.commit("the wrong report edited");
    let run = repo.check_since(&first, Some("out.sarif"));
    assert_eq!(run.checked, ["wrong"], "{}", run.stderr);
    assert_eq!(run.code, 1, "the wrong report fails: {}", run.stderr);
    let log = repo.sarif("out.sarif");
    assert_eq!(log["version"], "2.1.0");
    let runs = results_by_category(&log);
    assert_eq!(runs.len(), 1);
    assert_eq!(
        runs[0].0, "crosscheck/news/-wrong count.txt/",
        "crosscheck's category"
    );
    assert!(
        runs[0]
            .1
            .contains(&("fact-mismatch/number".into(), "error".into())),
        "{:?}",
        runs[0].1
    );
    let uris: BTreeSet<&str> = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|result| {
            result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert!(
        uris.contains("news/-wrong%20count.txt"),
        "paths from the repository's top: {uris:?}"
    );
    let alone = repo.sarif_alone(&[format!("news/{WRONG}"), "news/speeches/hanoi.txt".into()]);
    assert_eq!(
        numbers_as_floats(&log["runs"][0]["results"]),
        numbers_as_floats(&alone["runs"][0]["results"]),
        "the results of the pair checked alone"
    );

    // The faithful report passes.
    repo.touch("news/reports/hanoi.txt");
    let third = repo.commit("the faithful report edited");
    let run = repo.check_since(&second, Some("out.sarif"));
    assert_eq!(
        (run.code, run.checked.as_slice()),
        (0, &["faithful".to_string()][..])
    );
    let runs = results_by_category(&repo.sarif("out.sarif"));
    assert_eq!(runs.len(), 1);
    assert_eq!(runs[0].0, "crosscheck/news/reports/hanoi.txt/");
    assert!(
        runs[0].1.iter().all(|(_, level)| level != "error"),
        "{runs:?}"
    );

    // The speech is the source of both.
    repo.touch("news/speeches/hanoi.txt");
    repo.commit("the speech edited");
    let run = repo.check_since(&third, None);
    assert_eq!((run.code, run.checked.len()), (1, 2), "{}", run.stderr);
}

#[test]
fn a_new_branch_and_all_check_every_pair_and_an_edited_list_its_new_and_edited_ones() {
    let Some((repo, first)) = newsroom("action-every-pair") else {
        return;
    };
    let every = ["faithful", "wrong"];
    let run = repo.check_since(NO_COMMIT, Some("all.sarif"));
    assert_eq!(
        (run.code, run.checked.as_slice()),
        (1, &every.map(String::from)[..])
    );
    let categories: Vec<String> = results_by_category(&repo.sarif("all.sarif"))
        .into_iter()
        .map(|(category, _)| category)
        .collect();
    assert_eq!(
        categories,
        [
            "crosscheck/news/reports/hanoi.txt/",
            "crosscheck/news/-wrong count.txt/"
        ]
    );
    assert_eq!(repo.check_since("", None).checked, every);
    assert_eq!(
        repo.check(&["--pairs", "news/pairs.jsonl", "--all"])
            .checked,
        every
    );

    repo.write("news/unrelated.txt", b"notes\n");
    repo.commit("a file no pair names");
    let run = repo.check_since(&first, Some("none.sarif"));
    assert_eq!((run.code, run.checked.len()), (0, 0), "{}", run.stderr);
    assert!(
        !repo.dir.join("none.sarif").exists(),
        "no log when nothing is checked"
    );

    // An edited list checks its new and edited pairs, whatever else changed in it.
    let list =
        |pairs: &[&str]| -> String { pairs.iter().map(|pair| format!("\n{pair}\n")).collect() };
    let faithful = r#"{ "source": "./speeches/hanoi.txt",  "summary": "reports/hanoi.txt", "id": "faithful" }"#;
    let wrong =
        serde_json::json!({"id": "wrong", "summary": WRONG, "source": "speeches//hanoi.txt"});
    repo.write(
        "news/pairs.jsonl",
        list(&[&wrong.to_string(), faithful]).as_bytes(),
    );
    repo.copy("hanoi/summary.txt", "news/reports/again.txt");
    let reordered = repo.commit("the list reordered, its keys too, and spaced; a report added");
    let run = repo.check_since(&first, None);
    assert_eq!(
        (run.code, run.checked.len()),
        (0, 0),
        "no pair is new or edited, and no pair names the new report: {}",
        run.stderr
    );
    let again = serde_json::json!({"id": "again", "summary": "reports/again.txt", "source": "speeches/hanoi.txt"});
    let dated = serde_json::json!({"id": "wrong", "summary": WRONG, "source": "speeches//hanoi.txt", "date": "2025-10-26"});
    repo.write(
        "news/pairs.jsonl",
        list(&[&dated.to_string(), faithful, &again.to_string()]).as_bytes(),
    );
    repo.commit("a pair added and one given a date");
    let run = repo.check_since(&reordered, None);
    assert_eq!(run.checked, ["wrong", "again"], "{}", run.stderr);
    assert_eq!(run.code, 1, "the wrong report still fails");
    repo.git(&["mv", "news/pairs.jsonl", "news/list.jsonl"]);
    repo.commit("the list renamed");
    let run = repo.check(&["--pairs", "news/list.jsonl", "--since", &reordered]);
    assert_eq!(run.checked.len(), 3, "a list that was not there is all new");
}

/// Past twenty summaries, the SARIF log comes in parts of twenty runs, as many as code
/// scanning takes in one upload; a later run that writes fewer parts removes the others.
#[test]
fn more_summaries_than_one_upload_takes_come_in_parts() {
    let Some(repo) = Repo::new("action-parts") else {
        return;
    };
    repo.write(
        "news/speech.txt",
        b"Fourteen ships came into the harbour.\n",
    );
    let mut list = String::new();
    for n in 1..=41 {
        let report = format!("The minister said {n} ships came into the harbour.\n");
        repo.write(&format!("news/report-{n}.txt"), report.as_bytes());
        list += &format!("{{\"summary\": \"report-{n}.txt\", \"source\": \"speech.txt\"}}\n");
    }
    repo.write("news/pairs.jsonl", list.as_bytes());
    repo.commit("41 reports");
    let args = ["--pairs", "news/pairs.jsonl", "--sarif", "out/log.sarif"];
    std::fs::create_dir_all(repo.dir.join("out")).unwrap();
    let run = repo.check(&[&args[..], &["--all"]].concat());
    assert_eq!((run.code, run.checked.len()), (1, 41), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("41 summaries: the SARIF log is in 3 parts of at most 20 runs"),
        "{}",
        run.stderr
    );
    assert_eq!(
        files_in(&repo.dir.join("out")),
        ["log.2.sarif", "log.3.sarif", "log.sarif"]
    );
    let mut categories = BTreeSet::new();
    for (part, runs) in [("log.sarif", 20), ("log.2.sarif", 20), ("log.3.sarif", 1)] {
        let log = repo.sarif(&format!("out/{part}"));
        assert_eq!(log["version"], "2.1.0");
        let these = results_by_category(&log);
        assert_eq!(these.len(), runs, "{part}");
        categories.extend(these.into_iter().map(|(category, _)| category));
    }
    assert_eq!(categories.len(), 41, "each summary's run once, in one part");

    let five: String = list
        .lines()
        .take(5)
        .map(|line| format!("{line}\n"))
        .collect();
    repo.write("news/pairs.jsonl", five.as_bytes());
    let run = repo.check(&[&args[..], &["--all"]].concat());
    assert_eq!(run.checked.len(), 5, "{}", run.stderr);
    assert_eq!(files_in(&repo.dir.join("out")), ["log.sarif"]);
    assert_eq!(results_by_category(&repo.sarif("out/log.sarif")).len(), 5);
}

#[test]
fn the_pairs_of_one_summary_are_checked_together_into_one_run() {
    let Some((repo, _)) = newsroom("action-one-summary") else {
        return;
    };
    repo.copy("hanoi/source.txt", "news/speeches/hanoi-again.txt");
    let mut list = std::fs::read_to_string(repo.dir.join("news/pairs.jsonl")).unwrap();
    let again = serde_json::json!({"id": "wrong again", "summary": WRONG, "source": "speeches/hanoi-again.txt"});
    list.push_str(&format!("{again}\n"));
    repo.write("news/pairs.jsonl", list.as_bytes());
    let second = repo.commit("a second source of the wrong report");
    repo.touch("news/speeches/hanoi-again.txt");
    repo.commit("the second source edited");
    let run = repo.check_since(&second, Some("one.sarif"));
    assert_eq!(
        (run.code, run.checked.as_slice()),
        (1, &["wrong".to_string(), "wrong again".to_string()][..]),
        "a summary's category is replaced whole, so all its pairs are checked: {}",
        run.stderr
    );
    let runs = results_by_category(&repo.sarif("one.sarif"));
    assert_eq!(
        runs.len(),
        1,
        "one run per category, as code scanning requires"
    );
    assert_eq!(runs[0].0, "crosscheck/news/-wrong count.txt/");
    let errors = (runs[0].1.iter())
        .filter(|(rule, level)| rule == "fact-mismatch/number" && level == "error")
        .count();
    assert_eq!(errors, 2, "both pairs' results: {:?}", runs[0].1);
}

/// A pair of several sources, with its own baseline and settings, is checked as `crosscheck
/// --pairs` would check it: when a source or its baseline changes, against all its sources,
/// with its settings passed on.
#[test]
fn a_pair_of_several_sources_with_its_own_baseline_and_settings() {
    let Some(repo) = Repo::new("action-several") else {
        return;
    };
    let files = ["summary.txt", "source-1-speech.txt", "source-2-release.txt"];
    for file in files {
        repo.copy(
            &format!("several/hospital/{file}"),
            &format!("news/hospital/{file}"),
        );
    }
    let mut pair = serde_json::json!({"id": "hospital", "summary": "hospital/summary.txt",
        "sources": ["hospital/source-1-speech.txt", "hospital/source-2-release.txt"]});
    repo.write("news/pairs.jsonl", format!("{pair}\n").as_bytes());
    let first = repo.commit("a report of a speech and a release");

    repo.touch("news/hospital/source-2-release.txt");
    repo.commit("the release edited");
    let run = repo.check_since(&first, Some("h.sarif"));
    assert_eq!(
        (run.code, run.checked.as_slice()),
        (1, &["hospital".to_string()][..]),
        "the release's wrong figure: {}",
        run.stderr
    );
    let log = repo.sarif("h.sarif");
    let paths = files.map(|file| format!("news/hospital/{file}"));
    let alone = repo.sarif_alone(&paths);
    assert_eq!(
        numbers_as_floats(&log["runs"][0]["results"]),
        numbers_as_floats(&alone["runs"][0]["results"]),
        "the results of the pair checked alone, against both sources"
    );
    assert!(
        log.to_string()
            .contains("news/hospital/source-2-release.txt")
    );

    let accepted = repo
        .command("crosscheck")
        .args(["baseline", "-o", "news/hospital/baseline.json", "--"])
        .args(&paths)
        .status()
        .unwrap();
    assert!(accepted.success());
    pair["baseline"] = "hospital/baseline.json".into();
    repo.write("news/pairs.jsonl", format!("{pair}\n").as_bytes());
    let second = repo.commit("the report's findings accepted");
    repo.touch("news/hospital/baseline.json");
    repo.commit("the baseline edited");
    let run = repo.check_since(&second, None);
    assert_eq!(
        (run.code, run.checked.len()),
        (0, 1),
        "a changed baseline checks its pair, which it accepts: {}",
        run.stderr
    );

    // A value that starts with a dash is a value, not an option.
    pair["speaker"] = "-Helen Carter".into();
    repo.write("news/pairs.jsonl", format!("{pair}\n").as_bytes());
    let run = repo.check(&["--pairs", "news/pairs.jsonl", "--all"]);
    assert_eq!(run.checked.len(), 1);
    assert_ne!(run.code, 2, "checked, not refused: {}", run.stderr);

    pair["date"] = "2025-13-45".into();
    repo.write("news/pairs.jsonl", format!("{pair}\n").as_bytes());
    let run = repo.check(&["--pairs", "news/pairs.jsonl", "--all"]);
    assert_eq!(
        run.code, 2,
        "the pair's date reaches crosscheck: {}",
        run.stderr
    );
    assert!(run.stderr.contains("2025-13-45"), "{}", run.stderr);
}

#[test]
fn staged_files_with_hostile_names_are_checked_as_pre_commit_passes_them() {
    let Some(repo) = Repo::new("action-hostile-names") else {
        return;
    };
    let newline = "new\nline.txt";
    repo.copy("hanoi-wrong-count/summary.txt", WRONG);
    repo.copy("hanoi/summary.txt", newline);
    repo.copy("hanoi/source.txt", "speech.txt");
    let pairs = [
        serde_json::json!({"summary": WRONG, "source": "speech.txt"}),
        serde_json::json!({"id": "new\nline", "summary": newline, "source": "speech.txt"}),
    ];
    let list: String = pairs.iter().map(|pair| format!("{pair}\n")).collect();
    repo.write("pairs.jsonl", list.as_bytes());
    let first = repo.commit("a list at the top");

    // pre-commit passes the staged files after the hook's args, which end with `--`.
    let run = repo.check(&["--pairs", "pairs.jsonl", "--", WRONG]);
    assert_eq!(
        (run.code, run.checked.as_slice()),
        (1, &[WRONG.to_string()][..])
    );
    let run = repo.check(&["--pairs", "pairs.jsonl", "--", newline]);
    assert_eq!(
        run.checked,
        [r#""new\nline""#],
        "a control character is shown escaped"
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    // Without `--` a name that starts with a dash is refused, saying why.
    let run = repo.check(&["--pairs", "pairs.jsonl", WRONG]);
    assert_eq!((run.code, run.checked.len()), (2, 0));
    assert!(run.stderr.contains("goes after --"), "{}", run.stderr);

    // git's list of changed names holds them too.
    repo.touch(newline);
    repo.commit("the report with a newline in its name edited");
    let run = repo.check(&["--pairs", "pairs.jsonl", "--since", &first]);
    assert_eq!((run.code, run.checked.len()), (0, 1), "{}", run.stderr);
}

#[test]
fn a_list_that_leaves_its_folder_or_is_not_pairs_of_files_is_refused() {
    let Some((repo, _)) = newsroom("action-refused") else {
        return;
    };
    let outside = scratch("action-refused-outside");
    std::fs::write(outside.join("speech.txt"), "Outside the repository.\n").unwrap();
    std::os::unix::fs::symlink(&outside, repo.dir.join("news/elsewhere")).unwrap();
    for (line, why) in [
        (
            r#"{"summary": "../x.txt", "source": "speeches/hanoi.txt"}"#,
            "uses `..`",
        ),
        (
            r#"{"summary": "/etc/hostname", "source": "speeches/hanoi.txt"}"#,
            "is absolute",
        ),
        (
            r#"{"summary_text": "An inline text.", "source": "speeches/hanoi.txt"}"#,
            "unknown keys",
        ),
        (
            r#"{"summary": "reports/hanoi.txt", "source": "speeches/hanoi.txt""#,
            "Unfinished JSON",
        ),
        (
            r#"{"summary": "reports/hanoi.txt", "source": "speeches/hanoi.txt", "sources": ["speeches/hanoi.txt"]}"#,
            "gives `source` or `sources`",
        ),
        (
            r#"{"summary": "reports/hanoi.txt", "sources": []}"#,
            "`sources` must be a list of paths",
        ),
        (
            r#"{"summary": "reports/hanoi.txt", "sources": ["../x.txt"]}"#,
            "uses `..`",
        ),
        (
            r#"{"summary": "reports/hanoi.txt", "source": "speeches/hanoi.txt", "grounded": "yes"}"#,
            "`grounded` must be true or false",
        ),
        (
            r#"{"summary": "reports/hanoi.txt", "source": "speeches/hanoi.txt", "speaker": 7}"#,
            "`speaker` must be a text",
        ),
        (
            r#"{"summary": ".", "sources": ["speeches/hanoi.txt"]}"#,
            "names the folder of the list, not a file",
        ),
        (
            r#"{"summary": "reports/hanoi.txt", "source": "speeches/hanoi.txt", "baseline": "./."}"#,
            "names the folder of the list, not a file",
        ),
        (
            r#"{"summary": "reports/hanoi.txt", "source": "elsewhere/speech.txt"}"#,
            "leads out of the list's folder",
        ),
    ] {
        repo.write("news/bad.jsonl", format!("{line}\n").as_bytes());
        let run = repo.check(&["--pairs", "news/bad.jsonl", "--all"]);
        assert_eq!(run.code, 2, "{line}");
        assert!(run.stderr.contains(why), "{line}: {}", run.stderr);
    }
    let run = repo.check(&["--pairs", "news/pairs.jsonl", "--all", "--fail-on", "fatal"]);
    assert_eq!((run.code, run.checked.len()), (2, 0), "{}", run.stderr);
}

/// `file` of the crate root read as YAML.
fn yaml(file: &str) -> Value {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(file)).unwrap();
    serde_norway::from_str(&text).unwrap_or_else(|error| panic!("{file}: {error}"))
}

/// The README's section under the heading `heading`, up to the next heading (a line that opens
/// with `#` outside a fenced block).
fn readme_section(heading: &str) -> String {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let mut lines = readme.lines().skip_while(|line| *line != heading);
    assert!(lines.next().is_some(), "the README has {heading}");
    let mut fenced = false;
    let mut section = String::new();
    for line in lines {
        fenced ^= line.starts_with("```");
        if !fenced && line.starts_with('#') {
            break;
        }
        section.push_str(line);
        section.push('\n');
    }
    section
}

/// The fenced `yaml` blocks of `markdown`, each read.
fn yaml_blocks(markdown: &str) -> Vec<Value> {
    markdown
        .split("```yaml\n")
        .skip(1)
        .map(|rest| {
            let block = rest.split_once("\n```").unwrap().0;
            serde_norway::from_str(block).unwrap_or_else(|error| panic!("{error}\n{block}"))
        })
        .collect()
}

#[test]
fn the_action_runs_the_script_with_the_inputs_the_readme_documents() {
    let action = yaml("action.yml");
    let inputs: BTreeSet<&str> = action["inputs"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        inputs,
        BTreeSet::from(["fail-on", "install", "pairs", "sarif"])
    );
    assert_eq!(action["runs"]["using"], "composite");
    let steps = action["runs"]["steps"].as_array().unwrap();
    let runs: Vec<&str> = steps
        .iter()
        .filter_map(|step| step["run"].as_str())
        .collect();
    assert!(
        runs.iter()
            .any(|run| run.contains(r#"cargo install --locked --path "$GITHUB_ACTION_PATH""#)),
        "the action builds crosscheck from its own checkout"
    );
    let check = runs
        .iter()
        .find(|run| run.contains(&format!(r#""$GITHUB_ACTION_PATH/{SCRIPT}""#)))
        .expect("a step runs the script these tests run");
    let script =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(SCRIPT)).unwrap();
    for flag in ["--pairs", "--since", "--fail-on", "--sarif"] {
        assert!(check.contains(flag) && script.contains(flag), "{flag}");
    }
    let upload = steps
        .iter()
        .filter_map(|step| step["uses"].as_str())
        .find(|uses| uses.starts_with("github/codeql-action/upload-sarif@"))
        .expect("a step uploads the SARIF log");
    let version = upload.rsplit_once("@v").unwrap().1;
    assert!(version.parse::<u32>().is_ok(), "a major version: {upload}");
    // The log's parts past the first (more_summaries_than_one_upload_takes_come_in_parts)
    // are uploaded one a step, as the check step names them.
    assert!(check.contains(r#"${SARIF%.sarif}.$((parts + 1)).sarif"#));
    for part in 2..=5 {
        let step = steps
            .iter()
            .find(|step| {
                step["with"]["sarif_file"]
                    == format!("${{{{ steps.check.outputs.sarif-part-{part} }}}}")
            })
            .unwrap_or_else(|| panic!("a step uploads part {part}"));
        assert_eq!(step["uses"], upload);
        assert_eq!(
            step["if"],
            format!("fromJSON(steps.check.outputs.sarif-parts || '0') >= {part}")
        );
    }

    // The README's table lists the inputs, and its workflow gives the required ones.
    let section = readme_section("### In GitHub Actions");
    let documented: BTreeSet<&str> = section
        .lines()
        .filter_map(|line| line.strip_prefix("| `")?.split_once('`'))
        .map(|(name, _)| name)
        .collect();
    assert_eq!(documented, inputs);
    let workflows = yaml_blocks(&section);
    let step = workflows
        .iter()
        .flat_map(|workflow| workflow["jobs"].as_object().unwrap().values())
        .flat_map(|job| job["steps"].as_array().unwrap())
        .find(|step| {
            step["uses"]
                .as_str()
                .is_some_and(|uses| uses.contains("/crosscheck@"))
        })
        .expect("the README's workflow uses the action");
    let given = step["with"].as_object().unwrap();
    assert!(
        given.keys().all(|key| inputs.contains(key.as_str())),
        "{given:?}"
    );
    for (name, input) in action["inputs"].as_object().unwrap() {
        if input["required"] == true {
            assert!(
                given.contains_key(name),
                "the README's workflow gives {name}"
            );
        }
    }
}

#[test]
fn the_pre_commit_hook_runs_the_script_as_the_readme_configures_it() {
    let hooks = yaml(".pre-commit-hooks.yaml");
    let hooks = hooks.as_array().unwrap();
    assert_eq!(hooks.len(), 1);
    let hook = hooks[0].as_object().unwrap();
    // The keys pre-commit's documentation lists for a hook.
    let known = [
        "id",
        "name",
        "entry",
        "language",
        "files",
        "exclude",
        "types",
        "types_or",
        "exclude_types",
        "always_run",
        "fail_fast",
        "verbose",
        "pass_filenames",
        "require_serial",
        "description",
        "language_version",
        "minimum_pre_commit_version",
        "args",
        "stages",
    ];
    assert!(
        hook.keys().all(|key| known.contains(&key.as_str())),
        "{hook:?}"
    );
    assert_eq!(hook["id"], "crosscheck");
    assert_eq!(hook["entry"], SCRIPT, "the script these tests run");
    assert_eq!(
        hook["language"], "script",
        "entry is a path in this repository"
    );
    assert_eq!(
        hook["require_serial"], true,
        "one process sees every staged file"
    );

    let section = readme_section("### With pre-commit");
    let configured = yaml_blocks(&section)
        .iter()
        .flat_map(|config| config["repos"].as_array().unwrap().clone())
        .flat_map(|repo| repo["hooks"].as_array().unwrap().clone())
        .find(|configured| configured["id"] == "crosscheck")
        .expect("the README configures the hook");
    let args: Vec<&str> = configured["args"]
        .as_array()
        .unwrap()
        .iter()
        .map(|arg| arg.as_str().unwrap())
        .collect();
    assert_eq!(args.first(), Some(&"--pairs"));
    assert_eq!(
        args.last(),
        Some(&"--"),
        "file names after the args may start with a dash"
    );
}
