//! The SARIF output of every fixture (plain, several sources, derived inputs) validates against
//! the official SARIF 2.1.0 JSON schema (`tests/sarif-schema-2.1.0.json`, copied unchanged from
//! OASIS), and holds what GitHub code scanning requires and uses, from GitHub's "SARIF support
//! for code scanning" (and the `upload-sarif` action, which reads the log first):
//!
//! - **Required** (an empty string is no value): the log's `$schema`, `version` (`2.1.0`) and
//!   `runs`; a run's `tool.driver.name`, `tool.driver.rules` and `results`; a rule's `id`,
//!   `shortDescription.text`, `fullDescription.text` (each at most 1024 characters) and
//!   `help.text`; a result's `message.text` (the alert's title, its first sentence when space
//!   is short), `locations` (only the first is used; without one, no alert), and
//!   `partialFingerprints`; a location's `physicalLocation`, whose `artifactLocation.uri` and
//!   `region.startLine`, `startColumn`, `endLine` and `endColumn` are required. A location
//!   without an artifact URI makes the upload fail.
//! - **Used**: a rule's `help.markdown` (shown instead of `help.text`), `properties.tags`
//!   (filters; 10 shown, 20 at most); a result's `ruleId`, `ruleIndex` and `level`; its
//!   `relatedLocations`, linked only where the message embeds them as `[text](id)`; a run's
//!   `automationDetails.id`, whose part before the last `/` is the category: an upload
//!   replaces the alerts of its tool and category, and one upload may not hold two runs of one
//!   tool and category, nor more than 20 runs. `partialFingerprints` is read for
//!   `primaryLocationLineHash` only, which `upload-sarif` computes from the file when it is
//!   missing (crosscheck's own `crosscheck/v1` rides along).
//! - **Paths**: a relative URI is relative to the repository's root (GitHub reads no
//!   `uriBaseId`, but SARIF needs `originalUriBaseIds` to resolve one); an absolute URI is
//!   made relative to the checkout, and must be a `file` URI like the checkout's or the upload
//!   is refused. `helpUri` is not among GitHub's properties; other SARIF viewers open it.
//!
//! crosscheck gives a relative path from `SRCROOT`, the working directory, so run it from the
//! repository's top when the log is uploaded (`scripts/check-changed.sh` does). Standard
//! input has no file, but a location needs a URI: its places keep the name `<stdin>`
//! (`%3Cstdin%3E`, a relative reference from no base), which GitHub accepts as a path the
//! repository does not have.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Stdio;

use common::{crosscheck, folder_uri, scratch};
use percent_encoding::percent_decode_str;
use serde_json::Value;

/// The crate root, where the fixtures' paths start.
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// GitHub's limit on a rule's short and full descriptions, in characters.
const DESCRIPTION_LIMIT: usize = 1024;

/// Every fixture pair, from the crate root: the summary (`summary.*`) and its sources
/// (`source.*` or `source-*`, in name order) of each folder of `fixtures/`,
/// `fixtures/several/` and `fixtures/derived/` that has a summary.
fn fixture_pairs() -> Vec<Vec<String>> {
    let mut pairs = Vec::new();
    for parent in ["fixtures", "fixtures/several", "fixtures/derived"] {
        let mut dirs: Vec<PathBuf> = std::fs::read_dir(Path::new(ROOT).join(parent))
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.is_dir())
            .collect();
        dirs.sort();
        for dir in dirs {
            let mut names: Vec<String> = std::fs::read_dir(&dir)
                .unwrap()
                .map(|entry| entry.unwrap().file_name().into_string().unwrap())
                .collect();
            names.sort();
            let Some(summary) = names.iter().find(|n| n.starts_with("summary.")) else {
                continue;
            };
            let sources = names
                .iter()
                .filter(|n| n.starts_with("source.") || n.starts_with("source-"));
            let relative = dir.strip_prefix(ROOT).unwrap();
            pairs.push(
                std::iter::once(summary)
                    .chain(sources)
                    .map(|name| relative.join(name).display().to_string())
                    .collect(),
            );
        }
    }
    pairs
}

/// A validator of SARIF 2.1.0's JSON schema (`tests/sarif-schema-2.1.0.json`).
fn validator() -> jsonschema::Validator {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{ROOT}/tests/sarif-schema-2.1.0.json")).unwrap(),
    )
    .unwrap();
    jsonschema::validator_for(&schema).expect("the schema compiles")
}

/// The SARIF log of `crosscheck check` run in `dir` with `args`, and the standard input.
fn sarif_log(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Value {
    let mut command = crosscheck();
    command
        .current_dir(dir)
        .args(["check", "--format", "sarif", "--fail-on", "never"])
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().unwrap();
    let mut input = child.stdin.take().unwrap();
    if let Some(bytes) = stdin {
        std::io::Write::write_all(&mut input, bytes).unwrap();
    }
    drop(input);
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{args:?}: {output:?}");
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{args:?}: {e}"))
}

/// True for a URI reference as artifact locations need it: ASCII unreserved characters, `/`
/// and `:` only, every `%` starting an escape of two hex digits.
fn is_uri_reference(uri: &str) -> bool {
    let bytes = uri.as_bytes();
    !uri.is_empty()
        && bytes.iter().enumerate().all(|(at, &byte)| match byte {
            b'%' => bytes
                .get(at + 1..at + 3)
                .is_some_and(|hex| hex.iter().all(u8::is_ascii_hexdigit)),
            _ => byte.is_ascii_alphanumeric() || b"-._~/:".contains(&byte),
        })
}

/// A non-empty string at `value`, or a failure naming `what`.
fn text<'a>(value: &'a Value, what: &str) -> &'a str {
    match value.as_str() {
        Some(text) if !text.is_empty() => text,
        _ => panic!("{what} is required and not empty: {value}"),
    }
}

/// The embedded links of a plain text message, `[text](id)`: their ids.
fn linked_ids(message: &str) -> Vec<u64> {
    message
        .match_indices("](")
        .filter_map(|(at, _)| {
            let rest = &message[at + 2..];
            rest[..rest.find(')')?].parse().ok()
        })
        .collect()
}

/// Checks that `log`, written by crosscheck run in `dir` on the summary `summary` (as given),
/// has what GitHub code scanning requires and uses, and that every file it names is there.
fn assert_github_accepts(log: &Value, dir: &Path, summary: &str) {
    assert!(text(&log["$schema"], "$schema").starts_with("https://"));
    assert_eq!(log["version"], "2.1.0");
    let runs = log["runs"].as_array().unwrap();
    assert!((1..=20).contains(&runs.len()));
    for run in runs {
        assert_eq!(
            text(&run["tool"]["driver"]["name"], "driver.name"),
            "crosscheck"
        );
        let category = format!("crosscheck/{}/", summary.trim_start_matches("./"));
        assert_eq!(run["automationDetails"]["id"], category.as_str());
        let bases = &run["originalUriBaseIds"];
        // The working directory as the process sees it: symbolic links resolved.
        let working = folder_uri(&dir.canonicalize().unwrap());
        assert_eq!(bases["SRCROOT"]["uri"], working.as_str());

        let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
        assert!(!rules.is_empty() && rules.len() <= 25_000);
        for rule in rules {
            let id = text(&rule["id"], "rule id");
            for description in ["shortDescription", "fullDescription"] {
                let said = text(&rule[description]["text"], description);
                assert!(
                    said.chars().count() <= DESCRIPTION_LIMIT,
                    "{id} {description}"
                );
            }
            let help = text(&rule["help"]["text"], "help.text");
            let markdown = text(&rule["help"]["markdown"], "help.markdown");
            let uri = text(&rule["helpUri"], "helpUri");
            assert!(help.ends_with(uri) && markdown.ends_with(&format!("]({uri})")));
            assert!(
                markdown.contains(&format!("`\"{id}\" = \"warning\"`")),
                "{markdown}"
            );
            let tags = rule["properties"]["tags"].as_array().unwrap();
            assert!((1..=10).contains(&tags.len()));
        }

        let results = run["results"].as_array().unwrap();
        assert!(results.len() <= 5_000);
        for result in results {
            let message = text(&result["message"]["text"], "message.text");
            let index = result["ruleIndex"].as_u64().unwrap() as usize;
            assert_eq!(result["ruleId"], rules[index]["id"]);
            assert!(["error", "warning", "note"].contains(&text(&result["level"], "level")));
            let fingerprints = result["partialFingerprints"].as_object().unwrap();
            assert!(!fingerprints.is_empty());
            assert!(
                fingerprints
                    .values()
                    .all(|v| v.as_str().is_some_and(|s| !s.is_empty()))
            );
            let locations = result["locations"].as_array().unwrap();
            assert_eq!(locations.len(), 1, "one location, the one GitHub shows");
            let related = result["relatedLocations"].as_array().map_or(&[][..], |r| r);
            // Every related location is linked from the message, once, and every link has
            // its location.
            let related_ids: Vec<u64> = related.iter().map(|l| l["id"].as_u64().unwrap()).collect();
            assert_eq!(linked_ids(message), related_ids, "{message}");
            for location in locations.iter().chain(related) {
                assert_place(&location["physicalLocation"], bases, dir);
            }
        }
    }
}

/// Checks a physical location: a URI GitHub can read for a file that is there (from `dir`
/// through `SRCROOT`, or a `file` URI), or standard input; and a region of four positive
/// numbers, the end not before the start.
fn assert_place(place: &Value, bases: &Value, dir: &Path) {
    let artifact = &place["artifactLocation"];
    let uri = text(&artifact["uri"], "artifactLocation.uri");
    assert!(is_uri_reference(uri), "{uri}");
    let decoded = percent_decode_str(uri).decode_utf8().unwrap();
    let file = match artifact["uriBaseId"].as_str() {
        Some(base) => {
            assert!(bases[base]["uri"].is_string(), "{base} is defined");
            Some(dir.join(&*decoded))
        }
        None if decoded == "<stdin>" => None,
        None => Some(PathBuf::from(decoded.strip_prefix("file://").expect(uri))),
    };
    if let Some(file) = file {
        assert!(file.is_file(), "{uri}: {}", file.display());
    }
    let region = &place["region"];
    let number = |name: &str| {
        let n = region[name].as_u64();
        assert!(n.is_some_and(|n| n >= 1), "region.{name}: {region}");
        n.unwrap()
    };
    let (start, end) = (
        (number("startLine"), number("startColumn")),
        (number("endLine"), number("endColumn")),
    );
    assert!(start <= end, "{region}");
}

#[test]
fn sarif_validates_against_the_schema_and_holds_what_github_requires() {
    let validator = validator();
    let pairs = fixture_pairs();
    let mut with_results = 0;
    for files in &pairs {
        let args: Vec<&str> = files.iter().map(String::as_str).collect();
        let log = sarif_log(Path::new(ROOT), &args, None);
        let errors: Vec<String> = validator.iter_errors(&log).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{files:?}: {errors:#?}");
        assert_github_accepts(&log, Path::new(ROOT), &files[0]);
        with_results += usize::from(!log["runs"][0]["results"].as_array().unwrap().is_empty());
    }
    // Plain pairs, several sources and the four derived inputs, nearly all with findings (a
    // report of a speech in another language has none).
    assert!(pairs.len() >= 12, "{pairs:?}");
    assert!(
        with_results + 1 >= pairs.len(),
        "{with_results} of {}",
        pairs.len()
    );
    assert!(pairs.iter().any(|files| files.len() == 3));
    // An invalid log must fail, or the test proves nothing.
    assert!(!validator.is_valid(&serde_json::json!({"version": "2.1.0", "runs": "no"})));
}

#[test]
fn the_message_links_the_source_place() {
    let log = sarif_log(
        Path::new(ROOT),
        &[
            "fixtures/hanoi-wrong-count/summary.txt",
            "fixtures/hanoi-wrong-count/source.txt",
        ],
        None,
    );
    let result = &log["runs"][0]["results"][0];
    assert_eq!(
        result["message"]["text"],
        "the summary says “27 quốc gia” where the source says “72 quốc gia” ([in the source](1))"
    );
    assert_eq!(result["relatedLocations"][0]["id"], 1);
    assert_eq!(
        result["relatedLocations"][0]["physicalLocation"]["region"]["snippet"]["text"],
        "72"
    );
    // An omission is at its source place, with nothing to link.
    let omission = (log["runs"][0]["results"].as_array().unwrap().iter())
        .find(|r| r["ruleId"] == "omission")
        .unwrap();
    assert!(!omission["message"]["text"].as_str().unwrap().contains("]("));
    assert!(omission.get("relatedLocations").is_none());
}

#[test]
fn hostile_paths_absolute_paths_and_standard_input_make_valid_logs() {
    let validator = validator();
    let dir = scratch("sarif hostile #1 100% Hà Nội");
    let fixture = |name: &str| {
        std::fs::read(
            Path::new(ROOT)
                .join("fixtures/hanoi-wrong-count")
                .join(name),
        )
        .unwrap()
    };
    let summary = "-tin #1 [x](1) 100%.txt";
    std::fs::create_dir_all(dir.join("bài viết")).unwrap();
    std::fs::write(dir.join("bài viết").join(summary), fixture("summary.txt")).unwrap();
    std::fs::write(dir.join("phát biểu?.txt"), fixture("source.txt")).unwrap();
    let relative_summary = format!("./bài viết//{summary}");
    let absolute_source = dir.join("phát biểu?.txt").display().to_string();

    let relative = sarif_log(&dir, &["--", &relative_summary, "phát biểu?.txt"], None);
    let absolute = sarif_log(&dir, &["--", &relative_summary, &absolute_source], None);
    let stdin = sarif_log(
        &dir,
        &["-", &absolute_source],
        Some(&fixture("summary.txt")),
    );
    for (log, summary) in [
        (&relative, format!("bài viết/{summary}")),
        (&absolute, format!("bài viết/{summary}")),
        (&stdin, "<stdin>".to_string()),
    ] {
        let errors: Vec<String> = validator.iter_errors(log).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{errors:#?}");
        assert_github_accepts(log, &dir, &summary);
    }

    let artifact = |log: &Value, location: &str| {
        log["runs"][0]["results"][0][location]
            .get(0)
            .map(|l| l["physicalLocation"]["artifactLocation"].clone())
            .unwrap()
    };
    assert_eq!(
        artifact(&relative, "locations"),
        serde_json::json!({
            "uri": "b%C3%A0i%20vi%E1%BA%BFt/-tin%20%231%20%5Bx%5D%281%29%20100%25.txt",
            "uriBaseId": "SRCROOT",
        })
    );
    let source = artifact(&absolute, "relatedLocations");
    assert!(source.get("uriBaseId").is_none(), "{source}");
    assert_eq!(
        source["uri"].as_str().unwrap(),
        format!("{}ph%C3%A1t%20bi%E1%BB%83u%3F.txt", folder_uri(&dir))
    );
    assert_eq!(
        artifact(&stdin, "locations"),
        serde_json::json!({"uri": "%3Cstdin%3E"})
    );
    assert_eq!(
        stdin["runs"][0]["automationDetails"]["id"],
        "crosscheck/<stdin>/"
    );
}

/// The anchors GitHub gives the headings of a Markdown text: the heading's text lowercased,
/// spaces made `-`, what is not a letter, a digit, `-` or `_` dropped, and `-1`, `-2`, … after
/// an anchor already taken.
fn github_anchors(markdown: &str) -> BTreeSet<String> {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut anchors = BTreeSet::new();
    let mut heading: Option<String> = None;
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::Text(text) | Event::Code(text) => {
                if let Some(heading) = &mut heading {
                    heading.push_str(&text);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                let slug: String = (heading.take().unwrap().trim().to_lowercase().chars())
                    .filter_map(|c| match c {
                        ' ' => Some('-'),
                        c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
                        _ => None,
                    })
                    .collect();
                let anchor = (0..)
                    .map(|n| match n {
                        0 => slug.clone(),
                        n => format!("{slug}-{n}"),
                    })
                    .find(|anchor| !anchors.contains(anchor))
                    .unwrap();
                anchors.insert(anchor);
            }
            _ => {}
        }
    }
    anchors
}

/// `text` in lines of at most 96 characters, as the README's paragraphs are, broken at spaces.
fn wrap(text: &str) -> String {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split(' ') {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= 96 => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines.join("\n")
}

/// Where the README's generated list of rules starts and ends.
const RULES_START: &str = "<!-- rules: the rules table's texts (src/classify), checked by \
                           tests/sarif.rs, which writes them under CROSSCHECK_WRITE_README=1 -->\n";
const RULES_END: &str = "<!-- end of rules -->";

#[test]
fn every_rule_links_its_readme_heading_which_says_what_sarif_says() {
    let log = sarif_log(
        Path::new(ROOT),
        &["fixtures/hanoi/summary.txt", "fixtures/hanoi/source.txt"],
        None,
    );
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    let listed: String = rules
        .iter()
        .map(|rule| {
            let full = text(&rule["fullDescription"]["text"], "fullDescription");
            let short = text(&rule["shortDescription"]["text"], "shortDescription");
            assert!(full.starts_with(short), "{full}");
            format!("### `{}`\n\n{}\n\n", text(&rule["id"], "id"), wrap(full))
        })
        .collect();
    let path = Path::new(ROOT).join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let (before, rest) = readme
        .split_once(RULES_START)
        .expect("the README lists the rules");
    let (written, after) = rest.split_once(RULES_END).expect("the list ends");
    if written != listed {
        assert!(
            std::env::var_os("CROSSCHECK_WRITE_README").is_some(),
            "the README's rules are not the rules table's; write them again with \
             CROSSCHECK_WRITE_README=1 cargo test --test sarif"
        );
        std::fs::write(
            &path,
            format!("{before}{RULES_START}{listed}{RULES_END}{after}"),
        )
        .unwrap();
    }

    let anchors = github_anchors(&readme);
    assert!(anchors.contains("the-facts-it-checks") && anchors.contains("rules"));
    for rule in rules {
        let uri = text(&rule["helpUri"], "helpUri");
        let (address, anchor) = uri.split_once('#').unwrap();
        assert_eq!(address, env!("CARGO_PKG_REPOSITORY"));
        assert!(address.starts_with("https://"));
        assert!(
            anchors.contains(anchor),
            "{uri}: no such heading in the README"
        );
    }
    assert_eq!(rules.len(), 12);
}

/// `--pairs` with `--format sarif` writes one log: a run per pair, each the run the pair's
/// own check writes, with its own category; valid against the schema.
#[test]
fn a_batch_is_one_log_with_a_run_per_pair() {
    let validator = validator();
    let batch = sarif_log(Path::new(ROOT), &["--pairs", "fixtures/derived"], None);
    let errors: Vec<String> = validator
        .iter_errors(&batch)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let runs = batch["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 4, "a run per pair");
    for run in runs {
        let id = run["automationDetails"]["id"].as_str().unwrap();
        let summary = id
            .strip_prefix("crosscheck/")
            .unwrap()
            .trim_end_matches('/');
        let dir = Path::new(summary).parent().unwrap();
        let source = std::fs::read_dir(Path::new(ROOT).join(dir))
            .unwrap()
            .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
            .find(|name| name.starts_with("source."))
            .unwrap();
        let source = format!("{}/{source}", dir.display());
        let alone = sarif_log(Path::new(ROOT), &[summary, source.as_str()], None);
        assert_eq!(
            run, &alone["runs"][0],
            "{summary}: the same run as checked alone"
        );
    }
}
