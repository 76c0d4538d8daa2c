//! The README's examples work as written: every `toml` block is a valid `crosscheck.toml`, or
//! a valid list of pairs (`[[pair]]`), and every `sh` block's commands run or parse.

use crosscheck::batch::{ListRules, pairs_file};
use crosscheck::{Config, config};

/// The text of every fenced block of `language` in `markdown`.
fn blocks<'a>(markdown: &'a str, language: &str) -> Vec<&'a str> {
    let fence = format!("```{language}\n");
    markdown
        .split(fence.as_str())
        .skip(1)
        .filter_map(|rest| rest.split_once("\n```").map(|(block, _)| block))
        .collect()
}

#[test]
fn every_toml_block_of_the_readme_is_a_valid_configuration() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let blocks = blocks(&readme, "toml");
    assert!(!blocks.is_empty(), "the README shows crosscheck.toml");
    let dir = std::env::temp_dir().join(format!("crosscheck-readme-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (index, block) in blocks.iter().enumerate() {
        if block.contains("[[pair]]") {
            let list = dir.join("pairs.toml");
            std::fs::write(&list, block).unwrap();
            let rules = ListRules {
                max_bytes: Config::default().max_bytes,
                allow_outside_paths: false,
            };
            let pairs = pairs_file(&list, rules).unwrap();
            assert!(pairs.iter().all(Result::is_ok), "{block}");
            continue;
        }
        let parsed = config::parse(
            &format!("README.md toml block {}", index + 1),
            block.as_bytes().to_vec(),
            Config::default(),
        );
        assert!(parsed.is_ok(), "{block}\n{:?}", parsed.err());
    }
    std::fs::remove_dir_all(&dir).unwrap();
    // The example sets what it shows: its top-level keys did not land in a table.
    let example = config::parse(
        "README.md",
        blocks[0].as_bytes().to_vec(),
        Config::default(),
    )
    .unwrap();
    assert!(
        example.ignore.is_some(),
        "`ignore` is read at the top level"
    );
    assert!(!example.grounded);
}

/// The README's shell lines: continuations joined, comments dropped.
fn shell_lines(markdown: &str) -> Vec<String> {
    let mut lines = Vec::new();
    for block in blocks(markdown, "sh") {
        let mut line = String::new();
        for raw in block.lines() {
            let code = without_comment(raw);
            match code.strip_suffix('\\') {
                Some(continued) => line.push_str(continued),
                None => {
                    line.push_str(code);
                    if !line.trim().is_empty() {
                        lines.push(std::mem::take(&mut line));
                    }
                    line.clear();
                }
            }
        }
    }
    lines
}

/// `line` up to a `#` that starts a comment (at the start or after a space, outside quotes).
fn without_comment(line: &str) -> &str {
    let mut quote = None;
    let mut previous = ' ';
    for (at, c) in line.char_indices() {
        match (quote, c) {
            (None, '\'' | '"') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, '#') if previous.is_whitespace() => return line[..at].trim_end(),
            _ => {}
        }
        previous = c;
    }
    line.trim_end()
}

/// The words of one shell command (quotes removed), split into the commands `&&`, `||` and
/// `|` join; redirections and their files are left out.
fn commands(line: &str) -> Vec<Vec<String>> {
    let (mut commands, mut words, mut word) = (vec![], vec![], String::new());
    let (mut quote, mut quoted) = (None, false);
    let end_word = |word: &mut String, quoted: &mut bool, words: &mut Vec<String>| {
        if !word.is_empty() || *quoted {
            words.push(std::mem::take(word));
        }
        *quoted = false;
    };
    for c in line.chars() {
        match (quote, c) {
            (None, '\'' | '"') => (quote, quoted) = (Some(c), true),
            (Some(q), _) if c == q => quote = None,
            (Some(_), _) => word.push(c),
            (None, c) if c.is_whitespace() => end_word(&mut word, &mut quoted, &mut words),
            (None, c) => word.push(c),
        }
    }
    end_word(&mut word, &mut quoted, &mut words);
    let mut skip_next = false;
    let mut command = vec![];
    for word in words {
        if skip_next {
            skip_next = false;
        } else if ["&&", "||", "|"].contains(&word.as_str()) {
            commands.push(std::mem::take(&mut command));
        } else if [">", "<", "2>", ">>"].contains(&word.as_str()) {
            skip_next = true;
        } else if !word.starts_with(['>', '<']) {
            command.push(word);
        }
    }
    commands.push(command);
    commands
}

/// Every shell line of the README works as written: each `crosscheck` command (also one
/// quoted inside another tool's, and `cargo run -- …`) parses, and runs with exit 0 or 1 when
/// its files are the repository's (else an input error, never a usage error); each example
/// and script it names exists.
#[test]
fn every_shell_block_of_the_readme_runs_or_parses() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let dir = std::env::temp_dir().join(format!("crosscheck-readme-sh-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let _ = std::os::unix::fs::symlink(root.join("fixtures"), dir.join("fixtures"));
    let mut ran = 0;
    // Folders a command of the README makes (`python3 -m venv NAME`), whose programs it runs.
    let mut made: Vec<String> = Vec::new();
    for line in shell_lines(&readme) {
        for words in commands(&line) {
            let Some(first) = words.first() else { continue };
            let args: Vec<String> = match first.as_str() {
                "crosscheck" => words[1..].to_vec(),
                "cargo" if words.contains(&"--example".to_string()) => {
                    let at = words.iter().position(|w| w == "--example").unwrap();
                    let example = &words[at + 1];
                    assert!(
                        root.join("examples").join(example).exists()
                            || root.join(format!("examples/{example}.rs")).exists(),
                        "{line}: no example {example}"
                    );
                    continue;
                }
                "cargo" if words.get(1).is_some_and(|w| w == "run") => {
                    let at = words
                        .iter()
                        .position(|w| w == "--")
                        .expect("cargo run -- …");
                    words[at + 1..].to_vec()
                }
                "cargo" => {
                    let known = ["test", "install", "bench", "build", "fuzz"];
                    assert!(known.contains(&words[1].as_str()), "{line}");
                    continue;
                }
                path if made.iter().any(|dir| path.starts_with(&format!("{dir}/"))) => {
                    // A program of a folder the README makes: the repository's files it is
                    // given exist (not the build's, under `target/`, which a checkout lacks).
                    for word in &words[1..] {
                        let top = word.split('/').next().unwrap_or_default();
                        if word.contains('/') && top != "target" && root.join(top).is_dir() {
                            assert!(root.join(word).exists(), "{line}: no file {word}");
                        }
                    }
                    continue;
                }
                path if path.contains('/') => {
                    assert!(root.join(path).is_file(), "{line}: no file {path}");
                    continue;
                }
                "python3" if words.get(2).is_some_and(|w| w == "venv") => {
                    made.push(words[3].clone());
                    continue;
                }
                // Another tool: a crosscheck command quoted in it is checked.
                _ => match words.iter().find(|w| w.starts_with("crosscheck ")) {
                    Some(quoted) => quoted
                        .split_whitespace()
                        .skip(1)
                        .map(String::from)
                        .collect(),
                    None => continue,
                },
            };
            let output = std::process::Command::new(env!("CARGO_BIN_EXE_crosscheck"))
                .current_dir(&dir)
                .args(&args)
                .env("NO_COLOR", "1")
                .stdin(std::process::Stdio::null())
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&output.stderr);
            let code = output.status.code().unwrap();
            assert!(!stderr.contains("Usage:"), "{line}: {stderr}");
            let own_files = args.iter().any(|a| a.starts_with("fixtures/"));
            if own_files {
                assert!(code <= 1, "{line}: exit {code}: {stderr}");
            } else {
                assert!(code <= 2, "{line}: exit {code}: {stderr}");
            }
            ran += 1;
        }
    }
    assert!(ran >= 15, "only {ran} commands found");
    let _ = std::fs::remove_dir_all(&dir);
}
