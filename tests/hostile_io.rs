//! Hostile inputs to reading, standard input, batch lists and error rendering, through the
//! built binary (see: issue #15, "Never panic, never blow up, never write where it should
//! not"). Each test is one class of the issue: the run stops with exit code 2 and a short,
//! printable message, or does what it should; it never panics, hangs or reads without end.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::{crosscheck, fifo, scratch};

const SUMMARY: &str = "fixtures/hanoi/summary.txt";
const SOURCE: &str = "fixtures/hanoi/source.txt";

/// No error message may be longer than this, whatever the input.
const SHORT: usize = 4096;

/// Writes `bytes` to `dir/name`.
fn file(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Waits for `child` at most `seconds`, killing it when it takes longer (a hang, or a read
/// without end): its output, or `None` when it had to be killed.
fn wait_for(mut child: Child, seconds: u64) -> Option<Output> {
    let deadline = Instant::now() + Duration::from_secs(seconds);
    while Instant::now() < deadline {
        if child.try_wait().unwrap().is_some() {
            return Some(child.wait_with_output().unwrap());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();
    None
}

/// `crosscheck check OPTION VALUE` on the seed pair.
fn seed_pair_with(option: &str, value: &Path) -> Command {
    let mut command = crosscheck();
    command
        .args(["check", option])
        .arg(value)
        .args([SUMMARY, SOURCE]);
    command
}

/// Runs `command` with no standard input for at most `seconds`: exit code and standard
/// error, which must be short and free of panics.
fn refused_fast(command: &mut Command, seconds: u64) -> (i32, String) {
    let child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let output = wait_for(child, seconds).expect("finishes in time");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stderr.len() < SHORT, "{} bytes of stderr", stderr.len());
    (output.status.code().unwrap(), stderr)
}

/// Runs `crosscheck ARGS` with `stdin`: exit code, standard output and standard error.
fn run_with_stdin(args: &[&str], stdin: &[u8]) -> (i32, String, String) {
    let mut child = crosscheck()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let stdin = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&stdin);
    });
    let output = wait_for(child, 60).expect("finishes in time");
    writer.join().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    (
        output.status.code().unwrap(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr,
    )
}

#[test]
fn invalid_utf8_past_column_65536_is_a_short_error_not_a_panic() {
    let dir = scratch("io-long-line");
    let mut long = b"The minister said. ".to_vec();
    long.extend(std::iter::repeat_n(b'a', 70_000));
    long.extend(b"\xFF end\n");
    let summary = file(&dir, "summary.txt", &long);
    let (code, stderr) = refused_fast(crosscheck().arg("check").arg(&summary).arg(SOURCE), 30);
    assert_eq!(code, 2);
    assert!(stderr.contains("line 1, column 70020"), "{stderr}");
    assert!(stderr.contains("this byte is not UTF-8"), "{stderr}");

    let mut config = b"speaker = \"".to_vec();
    config.extend(std::iter::repeat_n(b'a', 70_000));
    config.extend(b"\" = 1\n");
    let config = file(&dir, "crosscheck.toml", &config);
    let (code, stderr) = refused_fast(&mut seed_pair_with("--config", &config), 30);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("invalid configuration: line 1, column"),
        "{stderr}"
    );
}

#[test]
fn a_closed_or_full_stderr_is_not_a_panic() {
    let full = || Stdio::from(std::fs::File::create("/dev/full").unwrap());
    let output = crosscheck()
        .args(["check", "nope", "nope"])
        .stderr(full())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "an input error, not a panic");
    let output = crosscheck()
        .args(["check", "--pairs", "fixtures"])
        .stdout(Stdio::null())
        .stderr(full())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "the batch's closing table");
}

#[test]
fn a_device_is_refused_before_it_is_read() {
    let dir = scratch("io-device");
    let zero = dir.join("zero.txt");
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    let (code, stderr) = refused_fast(crosscheck().arg("check").arg(&zero).arg(SOURCE), 20);
    assert_eq!(code, 2);
    assert!(stderr.contains("not a regular file"), "{stderr}");
    let (code, stderr) = refused_fast(&mut seed_pair_with("--config", &zero), 20);
    assert_eq!(code, 2);
    assert!(stderr.contains("not a regular file"), "{stderr}");
}

#[test]
fn a_fifo_is_refused_alone_and_in_a_batch_without_blocking() {
    let dir = scratch("io-fifo");
    let pipe = fifo(&dir, "fifo.txt");
    let (code, stderr) = refused_fast(crosscheck().arg("check").arg(&pipe).arg(SOURCE), 20);
    assert_eq!(code, 2);
    assert!(stderr.contains("not a regular file"), "{stderr}");

    let pairs = dir.join("pairs");
    for name in ["a", "b"] {
        std::fs::create_dir_all(pairs.join(name)).unwrap();
        std::fs::copy(SUMMARY, pairs.join(name).join("summary.txt")).unwrap();
    }
    std::fs::copy(SOURCE, pairs.join("a/source.txt")).unwrap();
    fifo(&pairs.join("b"), "source.txt");
    let child = crosscheck()
        .args(["check", "--format", "json", "--pairs"])
        .arg(&pairs)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let output = wait_for(child, 30).expect("one FIFO does not block the batch");
    assert_eq!(output.status.code(), Some(2));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 2, "the other pair goes on");
}

#[test]
fn a_stream_of_pairs_stops_once_stdout_is_closed() {
    let mut child = crosscheck()
        .args(["check", "--format", "json", "--pairs", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    std::thread::spawn(move || {
        let line = "{\"summary_text\": \"The minister said 14 ships came.\", \
                    \"source_text\": \"Fourteen ships came.\"}\n";
        while input.write_all(line.as_bytes()).is_ok() {}
    });
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.starts_with('{'), "{first}");
    // The reader of standard output is gone: the run must end by itself.
    let output = wait_for(child, 30).expect("the run ends when its output is closed");
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn inline_texts_and_stream_lines_are_held_to_the_size_limit() {
    let dir = scratch("io-inline");
    let config = file(&dir, "crosscheck.toml", "max-bytes = 1000\n");
    let long = "Fourteen ships came. ".repeat(100);
    let stream = format!(
        "{{\"id\": \"big\", \"summary_text\": \"{long}\", \"source_text\": \"Ships came.\"}}\n\
         {{\"id\": \"huge\", \"summary_text\": \"{}\", \"source_text\": \"Ships came.\"}}\n\
         {{\"id\": \"small\", \"summary_text\": \"Fourteen ships came.\", \"source_text\": \"Fourteen ships came.\"}}\n",
        long.repeat(5)
    );
    let config = config.to_str().unwrap();
    let (code, stdout, stderr) = run_with_stdin(
        &[
            "check", "--config", config, "--format", "json", "--pairs", "-",
        ],
        stream.as_bytes(),
    );
    assert_eq!(code, 2);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{stdout}");
    assert!(stderr.contains("big (summary): 2100 bytes is more than the limit of 1000"));
    assert!(stderr.contains("<stdin> line 2") && stderr.contains("the line is longer than"));
    assert!(lines[2].contains("\"exit\":0"), "the other pairs go on");
    assert!(!stderr.contains("--max-bytes"), "no such flag: {stderr}");
}

#[test]
fn standard_input_is_either_file_but_not_both() {
    let summary = std::fs::read(SUMMARY).unwrap();
    let source = std::fs::read(SOURCE).unwrap();
    let (code, stdout, _) = run_with_stdin(&["check", "--format", "json", "-", SOURCE], &summary);
    assert_eq!(code, 0);
    assert!(stdout.contains("\"path\": \"<stdin>\""), "{stdout}");
    let (code, _, _) = run_with_stdin(&["check", SUMMARY, "-"], &source);
    assert_eq!(code, 0);
    let (code, _, stderr) = run_with_stdin(&["check", "-", "-"], &summary);
    assert_eq!(code, 2);
    assert!(stderr.contains("only one file can be `-`"), "{stderr}");
}

#[test]
fn a_list_cannot_reach_outside_its_folder_unless_allowed() {
    let dir = scratch("io-outside");
    let list_dir = dir.join("list");
    std::fs::create_dir_all(&list_dir).unwrap();
    file(&dir, "secret.txt", "The minister said hidden ships came.");
    file(&list_dir, "a.txt", "The minister said 14 ships came.");
    file(&list_dir, "b.txt", "Fourteen ships came.");
    std::os::unix::fs::symlink(dir.join("secret.txt"), list_dir.join("link.txt")).unwrap();
    let secret = dir.join("secret.txt");
    let list = file(
        &list_dir,
        "pairs.toml",
        format!(
            "[[pair]]\nid = \"up\"\nsummary = \"../secret.txt\"\nsource = \"b.txt\"\n\
             [[pair]]\nid = \"absolute\"\nsummary = \"{}\"\nsource = \"b.txt\"\n\
             [[pair]]\nid = \"link\"\nsummary = \"link.txt\"\nsource = \"b.txt\"\n\
             [[pair]]\nid = \"inside\"\nsummary = \"./a.txt\"\nsource = \"b.txt\"\n",
            secret.display()
        ),
    );
    let list = list.to_str().unwrap();
    let (code, stdout, stderr) =
        run_with_stdin(&["check", "--format", "json", "--pairs", list], b"");
    assert_eq!(code, 2);
    let exits: Vec<bool> = stdout.lines().map(|l| l.contains("\"exit\":2")).collect();
    assert_eq!(exits, [true, true, true, false], "{stdout}");
    assert!(
        stderr.contains("leads out of the list's folder"),
        "{stderr}"
    );
    assert!(stderr.contains("is an absolute path"), "{stderr}");
    assert!(stderr.contains("through a symbolic link"), "{stderr}");
    // One bad pair is named as a pair, not as a bad list: the others were checked.
    assert!(stderr.contains("up: not a valid pair: "), "{stderr}");
    assert!(!stderr.contains("not a list of pairs"), "{stderr}");
    assert!(
        !stdout.contains("hidden"),
        "nothing of the outside file is shown"
    );

    let (code, stdout, _) = run_with_stdin(
        &[
            "check",
            "--format",
            "json",
            "--allow-outside-paths",
            "--pairs",
            list,
        ],
        b"",
    );
    assert!(code < 2, "{stdout}");
    let shown = stdout
        .lines()
        .filter(|l| l.contains("hidden ships"))
        .count();
    assert_eq!(shown, 3, "{stdout}");

    let stream = b"{\"summary\": \"../secret.txt\", \"source\": \"b.txt\"}\n";
    let (code, _, stderr) = run_with_stdin(&["check", "--pairs", "-"], stream);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("leads out of the list's folder"),
        "{stderr}"
    );
}

#[test]
fn a_run_that_could_not_check_everything_fails() {
    let (code, stdout, stderr) = run_with_stdin(
        &[
            "check",
            "--time-limit-ms",
            "0",
            "fixtures/hanoi-wrong-count/summary.txt",
            "fixtures/hanoi-wrong-count/source.txt",
        ],
        b"",
    );
    assert_eq!(code, 1);
    assert!(stdout.contains("time limit of 0 ms reached"), "{stdout}");
    assert!(
        stderr.contains("part of the input was not checked"),
        "{stderr}"
    );
}

#[test]
fn a_baseline_of_another_version_is_refused() {
    let dir = scratch("io-baseline");
    for version in ["999", "0"] {
        let baseline = file(
            &dir,
            "baseline.json",
            format!("{{\"version\": {version}, \"accepted\": []}}"),
        );
        let (code, stderr) = refused_fast(&mut seed_pair_with("--baseline", &baseline), 30);
        assert_eq!(code, 2, "version {version}");
        assert!(
            stderr.contains(&format!("version {version} is not")),
            "{stderr}"
        );
    }
}

#[test]
fn a_list_without_pairs_is_an_input_error() {
    let dir = scratch("io-empty");
    for (name, text) in [("pairs.json", "[]"), ("pairs.toml", "pair = []\n")] {
        let list = file(&dir, name, text);
        let (code, stderr) = refused_fast(crosscheck().args(["check", "--pairs"]).arg(&list), 20);
        assert_eq!(code, 2, "{name}");
        assert!(stderr.contains("it has no pair"), "{stderr}");
    }
    let (code, _, stderr) = run_with_stdin(&["check", "--pairs", "-"], b"\n  \n");
    assert_eq!(code, 2);
    assert!(
        stderr.contains("<stdin>: not a list of pairs: it has no pair"),
        "{stderr}"
    );
}

#[test]
fn stream_pairs_are_named_by_their_line() {
    let stream = b"\n\nnot a pair\n\n{\"summary_text\": \"The minister said 14 ships came.\", \
                   \"source_text\": \"Fourteen ships came.\"}\n";
    let (code, stdout, stderr) =
        run_with_stdin(&["check", "--format", "json", "--pairs", "-"], stream);
    assert_eq!(code, 2);
    assert!(stderr.contains("<stdin> line 3"), "{stderr}");
    let names: Vec<&str> = stdout
        .lines()
        .map(|l| l.split('"').nth(3).unwrap())
        .collect();
    assert_eq!(names, ["<stdin> line 3", "<stdin> line 5"]);
}

#[test]
fn json_never_prints_a_negative_zero() {
    let (code, stdout, _) = run_with_stdin(&["check", "--format", "json", SUMMARY, SOURCE], b"");
    assert_eq!(code, 0);
    assert!(
        stdout.contains("\"score\": 0.0"),
        "the fixture has zero scores"
    );
    assert!(!stdout.contains("-0.0"));
}

#[test]
fn paths_and_patterns_in_errors_are_printable_and_short() {
    let (code, stderr) = refused_fast(
        crosscheck().args(["check", "evil\x1b]0;title\x07\n::error::x.txt", SOURCE]),
        20,
    );
    assert_eq!(code, 2);
    assert!(stderr.contains("evil\\u{1b}]0;title\\u{7}\\u{a}::error::x.txt: no such file"));
    assert!(
        !stderr.contains('\x1b') && !stderr.contains('\x07'),
        "{stderr:?}"
    );

    let dir = scratch("io-regex");
    let pattern = format!("({}", "a".repeat(1_000_000));
    let config = file(
        &dir,
        "crosscheck.toml",
        format!("ignore = [\"{pattern}\"]\n"),
    );
    let (code, stderr) = refused_fast(&mut seed_pair_with("--config", &config), 30);
    assert_eq!(code, 2);
    assert!(stderr.contains("ignore: `(aaaa"), "{stderr}");
}

/// A `crosscheck.toml` that is not a regular file is refused, not skipped for another.
#[test]
fn a_discovered_config_that_is_not_a_file_is_an_error() {
    let dir = scratch("io-config-fifo");
    let nested = dir.join("articles");
    std::fs::create_dir_all(&nested).unwrap();
    file(&dir, "crosscheck.toml", "fail-on = \"never\"\n");
    let config = nested.join("crosscheck.toml");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let check_from_nested = || {
        let mut command = crosscheck();
        command
            .current_dir(&nested)
            .arg("check")
            .args([root.join(SUMMARY), root.join(SOURCE)]);
        refused_fast(&mut command, 30)
    };
    fifo(&nested, "crosscheck.toml");
    let (code, stderr) = check_from_nested();
    assert_eq!(code, 2, "a FIFO: {stderr}");
    assert!(stderr.contains("crosscheck.toml"), "a FIFO: {stderr}");
    std::fs::remove_file(&config).unwrap();
    std::fs::create_dir(&config).unwrap();
    let (code, stderr) = check_from_nested();
    assert_eq!(code, 2, "a directory: {stderr}");
    assert!(stderr.contains("crosscheck.toml"), "a directory: {stderr}");
}
