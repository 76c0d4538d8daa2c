//! The Spark job of `examples/spark` gives, in Spark's local mode, the lines one
//! `crosscheck check --pairs -` gives for the same archive, in the same order.
//!
//! It needs a Python with pyspark (`examples/spark/requirements.txt`) and Java, named by
//! `CROSSCHECK_SPARK_PYTHON`; without it the test says so and passes (`.ci/run` sets it).

mod common;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use common::{crosscheck, fixture_names, scratch, without_settings};
use serde_json::{Value, json};

/// The variable naming the Python that runs the job.
const PYTHON: &str = "CROSSCHECK_SPARK_PYTHON";

/// The archive: every fixture pair by its paths (relative to the crate root, which the job
/// is given as `--root`) and again with its texts inline, a pair that cannot be read, and a
/// blank line.
fn archive() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut lines = Vec::new();
    for name in fixture_names() {
        let summary = format!("fixtures/{name}/summary.txt");
        let source = format!("fixtures/{name}/source.txt");
        let inline = json!({
            "id": format!("{name} inline"),
            "summary_text": std::fs::read_to_string(root.join(&summary)).unwrap(),
            "source_text": std::fs::read_to_string(root.join(&source)).unwrap(),
        });
        lines.push(json!({"summary": summary, "source": source}).to_string());
        lines.push(inline.to_string());
    }
    lines.push(String::new());
    lines.push(
        json!({"id": "missing", "summary": "fixtures/missing/summary.txt",
               "source": "fixtures/missing/source.txt"})
        .to_string(),
    );
    lines
}

/// The lines of one `crosscheck check --pairs - --format json --fail-on never` over `archive`.
fn one_process(archive: &str) -> Vec<String> {
    let mut child = crosscheck()
        .args([
            "check",
            "--pairs",
            "-",
            "--format",
            "json",
            "--fail-on",
            "never",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(archive.as_bytes()).unwrap();
    drop(stdin);
    let output = child.wait_with_output().unwrap();
    assert_eq!(
        output.status.code(),
        Some(2),
        "the missing pair is an input error"
    );
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn the_spark_job_gives_the_lines_of_one_pairs_run_in_archive_order() {
    let Some(python) = std::env::var_os(PYTHON) else {
        eprintln!("skipped: {PYTHON} names no Python with pyspark (see examples/spark/README.md)");
        return;
    };
    let dir = scratch("spark");
    let archive = archive().join("\n") + "\n";
    std::fs::write(dir.join("pairs.jsonl"), &archive).unwrap();
    let output = dir.join("reports");
    let job = without_settings(&mut Command::new(python))
        .arg("examples/spark/crosscheck_job.py")
        .args(["--master", "local[2]", "--partitions", "4", "--root", "."])
        .arg("--crosscheck")
        .arg(env!("CARGO_BIN_EXE_crosscheck"))
        .arg(dir.join("pairs.jsonl"))
        .arg(&output)
        .output()
        .unwrap();
    assert!(
        job.status.success(),
        "the job failed:\n{}",
        String::from_utf8_lossy(&job.stderr)
    );

    let mut parts: Vec<_> = std::fs::read_dir(&output)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            path.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("part-")
        })
        .collect();
    parts.sort();
    let parts: Vec<String> = parts
        .iter()
        .map(|path| std::fs::read_to_string(path).unwrap())
        .collect();
    assert!(
        parts.iter().filter(|part| !part.is_empty()).count() >= 2,
        "the archive was checked in several partitions"
    );
    let spark: Vec<&str> = parts.iter().flat_map(|part| part.lines()).collect();

    let expected = one_process(&archive);
    assert_eq!(
        expected.len(),
        2 * fixture_names().len() + 1,
        "a line per pair"
    );
    assert_eq!(
        pair_names(&spark),
        pair_names(&expected),
        "the archive's order"
    );
    for (number, (spark, expected)) in spark.iter().zip(&expected).enumerate() {
        assert!(
            spark == expected,
            "line {} differs:\n{spark}\n{expected}",
            number + 1
        );
    }
    let last: Value = serde_json::from_str(spark.last().unwrap()).unwrap();
    assert_eq!(
        (&last["pair"], &last["exit"]),
        (&json!("missing"), &json!(2))
    );
}

/// The pair each JSON line reports on.
fn pair_names(lines: &[impl AsRef<str>]) -> Vec<String> {
    lines
        .iter()
        .map(|line| {
            let report: Value = serde_json::from_str(line.as_ref()).unwrap();
            report["pair"].as_str().unwrap().to_string()
        })
        .collect()
}
