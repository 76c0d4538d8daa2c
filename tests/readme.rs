//! The README's examples work as written: every `toml` block is a valid `crosscheck.toml`, or
//! a valid list of pairs (`[[pair]]`).

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
