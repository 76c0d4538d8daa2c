//! Issue #15, outputs: `-o` cannot be redirected by a planted link, keeps the output's mode,
//! writes devices and FIFOs in place, leaves no temporary file on SIGINT and fails on a missing
//! directory before the check; and no renderer passes the input's control characters, bidi
//! overrides, workflow commands or Markdown markup through raw. See: issue 15.

mod common;

use std::fs;
use std::io::Read;
use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::{crosscheck, fifo, scratch};

fn fixture(name: &str, file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name)
        .join(file)
}

/// A pair of the `hanoi-wrong-count` fixture (one fact mismatch), for checks that only need
/// some output.
fn pair() -> [PathBuf; 2] {
    [
        fixture("hanoi-wrong-count", "summary.txt"),
        fixture("hanoi-wrong-count", "source.txt"),
    ]
}

fn run(command: &mut Command) -> (i32, String, String) {
    let Output {
        status,
        stdout,
        stderr,
    } = command.output().unwrap();
    (
        status.code().unwrap_or(-1),
        String::from_utf8_lossy(&stdout).into_owned(),
        String::from_utf8_lossy(&stderr).into_owned(),
    )
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_link_planted_at_the_old_temporary_name_cannot_redirect_the_write() {
    let dir = scratch("hostile_out_planted_link");
    fs::write(dir.join("victim"), "precious\n").unwrap();
    let [summary, source] = pair();
    // The shell plants the link at `.out.txt.$$.tmp`, then becomes crosscheck with that pid.
    let (code, _, stderr) = run(Command::new("sh")
        .current_dir(&dir)
        .arg("-c")
        .arg("ln -s victim .out.txt.$$.tmp && exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_crosscheck"))
        .args(["check", "--format", "json", "-o", "out.txt"])
        .args([&summary, &source]));
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(
        fs::read_to_string(dir.join("victim")).unwrap(),
        "precious\n"
    );
    assert!(fs::symlink_metadata(dir.join("out.txt")).unwrap().is_file());
    assert!(
        fs::read_to_string(dir.join("out.txt"))
            .unwrap()
            .contains("\"findings\"")
    );
    let planted: Vec<String> = names(&dir)
        .into_iter()
        .filter(|name| name.starts_with(".out.txt."))
        .collect();
    assert_eq!(planted.len(), 1, "only the planted link: {planted:?}");
}

#[test]
fn an_existing_output_keeps_its_mode() {
    let dir = scratch("hostile_out_mode");
    let out = dir.join("private.txt");
    fs::write(&out, "old\n").unwrap();
    fs::set_permissions(&out, fs::Permissions::from_mode(0o600)).unwrap();
    let (code, _, stderr) = run(crosscheck().arg("check").args(pair()).arg("-o").arg(&out));
    assert_eq!(code, 1, "{stderr}");
    assert!(fs::read_to_string(&out).unwrap().starts_with("crosscheck:"));
    let mode = fs::metadata(&out).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

#[test]
fn a_link_to_a_regular_file_stays_a_link_and_its_target_is_replaced() {
    let dir = scratch("hostile_out_link_to_file");
    fs::write(dir.join("target.txt"), "old\n").unwrap();
    std::os::unix::fs::symlink("target.txt", dir.join("link.txt")).unwrap();
    let (code, _, stderr) = run(crosscheck()
        .arg("check")
        .args(pair())
        .arg("-o")
        .arg(dir.join("link.txt")));
    assert_eq!(code, 1, "{stderr}");
    assert!(
        fs::symlink_metadata(dir.join("link.txt"))
            .unwrap()
            .is_symlink()
    );
    assert!(
        fs::read_to_string(dir.join("target.txt"))
            .unwrap()
            .starts_with("crosscheck:")
    );
}

#[test]
fn dev_null_stays_a_device() {
    let (code, stdout, stderr) = run(crosscheck()
        .arg("check")
        .args(pair())
        .args(["-o", "/dev/null"]));
    assert_eq!((code, stdout.as_str()), (1, ""), "{stderr}");
    assert!(
        fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device()
    );
}

#[test]
fn a_link_to_dev_null_stays_a_link_to_the_device() {
    let dir = scratch("hostile_out_link_to_null");
    let link = dir.join("null");
    std::os::unix::fs::symlink("/dev/null", &link).unwrap();
    let (code, _, stderr) = run(crosscheck().arg("check").args(pair()).arg("-o").arg(&link));
    assert_eq!(code, 1, "{stderr}");
    assert!(fs::symlink_metadata(&link).unwrap().is_symlink());
    assert!(
        fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device()
    );
    assert_eq!(names(&dir), ["null"]);
}

#[test]
fn a_fifo_is_written_into() {
    let dir = scratch("hostile_out_fifo");
    let fifo = fifo(&dir, "fifo");
    let (sent, received) = mpsc::channel();
    let reader_path = fifo.clone();
    std::thread::spawn(move || {
        let mut text = String::new();
        fs::File::open(reader_path)
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        let _ = sent.send(text);
    });
    let (code, _, stderr) = run(crosscheck().arg("check").args(pair()).arg("-o").arg(&fifo));
    assert_eq!(code, 1, "{stderr}");
    let text = received
        .recv_timeout(Duration::from_secs(30))
        .expect("the report reaches the FIFO's reader");
    assert!(text.starts_with("crosscheck:"), "{text}");
    assert!(fs::metadata(&fifo).unwrap().file_type().is_fifo());
}

#[test]
fn sigint_during_a_batch_leaves_no_temporary_file() {
    let dir = scratch("hostile_out_sigint");
    let [summary, source] = pair();
    let pair = serde_json::json!({ "summary": summary, "source": source });
    let list = serde_json::Value::Array(vec![pair; 20_000]);
    fs::write(dir.join("pairs.json"), list.to_string()).unwrap();
    let mut child = crosscheck()
        // The list names the fixtures by absolute path: allowed, so that every pair is a
        // real check and the batch is still running when the signal comes.
        .args([
            "check",
            "--format",
            "json",
            "--allow-outside-paths",
            "--pairs",
        ])
        .arg(dir.join("pairs.json"))
        .arg("-o")
        .arg(dir.join("out.jsonl"))
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let temporary = |dir: &Path| names(dir).into_iter().any(|n| n.starts_with(".out.jsonl"));
    let deadline = Instant::now() + Duration::from_secs(60);
    while !temporary(&dir) {
        assert!(Instant::now() < deadline, "no temporary file appeared");
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(300));
    let kill = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("crosscheck did not stop on SIGINT");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(130));
    assert_eq!(names(&dir), ["pairs.json"]);
}

#[test]
fn a_missing_output_directory_fails_before_the_check() {
    let dir = scratch("hostile_out_missing_dir");
    let out = dir.join("no/such/dir/out.txt");
    let missing = dir.join("missing-summary.txt");
    let [_, source] = pair();
    let pair_to_missing_dir = |command: &str| {
        crosscheck()
            .arg(command)
            .arg(&missing)
            .arg(&source)
            .arg("-o")
            .arg(&out)
            .output()
    };
    let runs = [
        pair_to_missing_dir("check"),
        pair_to_missing_dir("baseline"),
        crosscheck()
            .args(["check", "--pairs"])
            .arg(dir.join("missing-list.json"))
            .arg("-o")
            .arg(&out)
            .output(),
    ];
    for output in runs {
        let output = output.unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains("out.txt"), "names the output: {stderr}");
        assert!(!stderr.contains("missing-"), "before the check: {stderr}");
    }
}

/// Text that acts on a terminal or a CI log when printed raw: a window title, clear screen,
/// an OSC 8 link, BEL, CR and a right-to-left override.
const HOSTILE: &str =
    "\x1b]0;owned\x07\x1b[2J\x1b]8;;https://e.example\x1b\\link\x1b]8;;\x1b\\\r\u{202E}";

/// Characters that must never reach a terminal from the input.
fn raw_controls(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| {
            (c.is_control() && c != '\n')
                || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        })
        .collect()
}

/// The hanoi-wrong-count pair with [`HOSTILE`] in both texts (inside the sentence with the
/// mismatch) and in both file names.
fn hostile_pair(dir: &Path) -> [PathBuf; 2] {
    ["summary.txt", "source.txt"].map(|file| {
        let text = fs::read_to_string(fixture("hanoi-wrong-count", file))
            .unwrap()
            .replacen("Lễ mở ký", &format!("Lễ {HOSTILE} mở ký"), 1);
        let path = dir.join(format!("{HOSTILE}{file}").replace('/', "_"));
        fs::write(&path, text).unwrap();
        path
    })
}

#[test]
fn no_terminal_output_passes_control_characters_raw() {
    let dir = scratch("hostile_out_controls");
    let files = hostile_pair(&dir);
    for args in [
        &["check", "--color", "never"][..],
        &["check", "--format", "github"],
        &["check", "--format", "markdown"],
        &["align"],
    ] {
        let (code, stdout, stderr) = run(crosscheck().args(args).args(&files));
        assert_ne!(code, 2, "{args:?}: {stderr}");
        assert!(
            stdout.contains("\\u{1b}"),
            "{args:?} shows the escapes: {stdout}"
        );
        assert_eq!(raw_controls(&stdout), [], "{args:?}: {stdout}");
        assert_eq!(raw_controls(&stderr), [], "{args:?}: {stderr}");
    }
}

#[test]
fn colour_is_ours_alone() {
    let dir = scratch("hostile_out_colour");
    let files = hostile_pair(&dir);
    let (_, stdout, _) = run(crosscheck()
        .args(["check", "--color", "always"])
        .args(&files));
    let sgr = regex::Regex::new(r"\x1b\[[0-9;]*m").unwrap();
    assert!(sgr.is_match(&stdout), "our colours survive");
    assert_eq!(raw_controls(&sgr.replace_all(&stdout, "")), []);
}

#[test]
fn pair_ids_never_start_a_line_or_act_on_the_terminal() {
    let dir = scratch("hostile_out_pair_ids");
    let [summary, source] = pair();
    let id = format!("a\n::error file=x::hi{HOSTILE}");
    let list = serde_json::json!([{ "id": id, "summary": summary, "source": source }]);
    fs::write(dir.join("pairs.json"), list.to_string()).unwrap();
    for format in ["human", "github", "markdown"] {
        let (code, stdout, stderr) = run(crosscheck()
            .args([
                "check",
                "--allow-outside-paths",
                "--format",
                format,
                "--pairs",
            ])
            .arg(dir.join("pairs.json")));
        assert_eq!(code, 1, "{format}: {stderr}");
        for text in [&stdout, &stderr] {
            assert!(
                !text.lines().any(|line| line.starts_with("::error file=x")),
                "{format}: {text}"
            );
            assert_eq!(raw_controls(text), [], "{format}: {text}");
        }
    }
}

#[test]
fn markdown_cannot_be_broken_out_of() {
    use pulldown_cmark::{Event, HeadingLevel, Parser, Tag};

    let dir = scratch("hostile_out_markdown");
    let injection = "`\n# Injected\n<img src=x onerror=alert(1)> ![i](https://e.example/i.png) [l](https://e.example) ``` ";
    let files = ["summary.txt", "source.txt"].map(|file| {
        let text = fs::read_to_string(fixture("hanoi-wrong-count", file))
            .unwrap()
            .replacen("27 quốc gia", &format!("27 quốc gia “{injection}”"), 1)
            .replacen("Lễ mở ký", &format!("Lễ {injection} mở ký"), 1);
        let path = dir.join(format!("{injection}{file}").replace('/', "_"));
        fs::write(&path, text).unwrap();
        path
    });
    let (code, stdout, stderr) = run(crosscheck()
        .args(["check", "--format", "markdown"])
        .args(&files));
    assert_eq!(code, 1, "{stderr}");
    let mut heading = None;
    for event in Parser::new(&stdout) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => heading = Some((level, String::new())),
            Event::End(_) if heading.is_some() => {
                let (level, text) = heading.take().unwrap();
                assert!(
                    level == HeadingLevel::H3 || !text.contains("Injected"),
                    "a heading from the input: {text}"
                );
                assert!(!text.starts_with("Injected"), "{stdout}");
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some((_, heading)) = &mut heading {
                    heading.push_str(&text);
                }
            }
            Event::Html(html) | Event::InlineHtml(html) => panic!("raw HTML {html}: {stdout}"),
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => panic!("a link: {stdout}"),
            _ => {}
        }
    }
    assert!(!stdout.lines().any(|line| line.starts_with("# Injected")));
}

#[test]
fn sarif_uris_are_percent_encoded() {
    let dir = scratch("hostile_out_sarif");
    let [summary, source] = pair();
    let renamed = dir.join("my report #1 100%.txt");
    fs::copy(summary, &renamed).unwrap();
    let (_, stdout, stderr) = run(crosscheck()
        .args(["check", "--format", "sarif"])
        .arg(&renamed)
        .arg(source));
    let log: serde_json::Value = serde_json::from_str(&stdout).expect(&stderr);
    let uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
        ["uri"]
        .as_str()
        .unwrap();
    assert!(uri.ends_with("/my%20report%20%231%20100%25.txt"), "{uri}");
}

#[test]
fn the_human_stale_list_is_capped() {
    let dir = scratch("hostile_out_stale");
    let entries: Vec<serde_json::Value> = (0..1_000)
        .map(|i| serde_json::json!({ "fingerprint": format!("{i:016x}"), "rule": "x", "message": "gone" }))
        .collect();
    let baseline = serde_json::json!({ "version": 1, "accepted": entries });
    fs::write(dir.join("baseline.json"), baseline.to_string()).unwrap();
    let (_, stdout, stderr) = run(crosscheck()
        .arg("check")
        .args(pair())
        .arg("--baseline")
        .arg(dir.join("baseline.json")));
    let stale = stdout.lines().filter(|l| l.starts_with("  stale ")).count();
    assert_eq!(stale, 21, "{stderr}{stdout}");
    assert!(
        stdout.contains("… and 980 more (see --format json)"),
        "{stdout}"
    );
}

#[test]
fn dev_stdout_redirected_to_a_file_is_written_through_the_redirection() {
    let dir = scratch("hostile_out_dev_stdout");
    let redirected = dir.join("redirected.txt");
    fs::write(&redirected, "kept\n").unwrap();
    let appending = fs::OpenOptions::new()
        .append(true)
        .open(&redirected)
        .unwrap();
    let status = crosscheck()
        .arg("check")
        .args(pair())
        .args(["-o", "/dev/stdout"])
        .stdout(appending)
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(1));
    assert!(fs::symlink_metadata("/dev/stdout").unwrap().is_symlink());
    let text = fs::read_to_string(&redirected).unwrap();
    assert!(text.starts_with("kept\ncrosscheck:"), "{text}");
    assert_eq!(names(&dir), ["redirected.txt"]);
}
