//! The alignment gold set beside the fixtures: `align DIR` prints link precision, recall and
//! F1 against `DIR/*/alignment.txt`, per language, with `--min-f1` as a floor for each.

use crosscheck::{Config, Input, check};

use crate::{Confusion, meets};

/// The one sentence of `sentences` whose text begins with `prefix`.
fn find(sentences: &[&str], prefix: &str, context: &str) -> Result<usize, String> {
    let found: Vec<usize> = (0..sentences.len())
        .filter(|&i| sentences[i].starts_with(prefix))
        .collect();
    match found.as_slice() {
        [one] => Ok(*one),
        _ => Err(format!(
            "{context}: {} sentences begin with {prefix:?}",
            found.len()
        )),
    }
}

/// Link precision, recall and F1 of the aligner against the gold alignments kept beside the
/// fixtures (`DIR/*/alignment.txt`), per language.
pub(crate) fn run(dir: &str, args: &[String]) -> Result<bool, String> {
    let mut by_language: std::collections::BTreeMap<String, Confusion> = Default::default();
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("{dir}: {e}"))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.join("alignment.txt").exists())
        .collect();
    entries.sort();
    for fixture in entries {
        let read = |file: &str| {
            let path = fixture.join(file);
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))
        };
        let gold_path = fixture.join("alignment.txt").display().to_string();
        let report = check(
            &Input::new("summary", read("summary.txt")?),
            &Input::new("source", read("source.txt")?),
            &Config::default(),
        );
        let texts = |document: &crosscheck::Document| -> Vec<String> {
            document
                .sentences
                .iter()
                .map(|s| document.slice(s.span).to_string())
                .collect()
        };
        let (summary, source) = (texts(&report.summary), texts(&report.source));
        let summary: Vec<&str> = summary.iter().map(String::as_str).collect();
        let source: Vec<&str> = source.iter().map(String::as_str).collect();
        let mut gold = std::collections::BTreeSet::new();
        for line in read("alignment.txt")?.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (left, right) = line
                .split_once("=>")
                .ok_or_else(|| format!("{gold_path}: no `=>` in {line:?}"))?;
            let from = find(&summary, left.trim(), &gold_path)?;
            for target in right.split('|') {
                gold.insert((from, find(&source, target.trim(), &gold_path)?));
            }
        }
        let predicted: std::collections::BTreeSet<(usize, usize)> = report
            .summary_judgements
            .iter()
            .enumerate()
            .flat_map(|(from, j)| j.aligned_to.iter().map(move |&to| (from, to)))
            .collect();
        let language = format!("{:?}", report.summary.language).to_lowercase();
        let confusion = by_language.entry(language).or_default();
        confusion.true_positive += gold.intersection(&predicted).count() as u32;
        confusion.false_positive += predicted.difference(&gold).count() as u32;
        confusion.false_negative += gold.difference(&predicted).count() as u32;
    }
    println!("alignment gold set {dir}");
    let mut passed = true;
    for (language, confusion) in &by_language {
        println!("{}", confusion.links_line(language));
        passed &= meets(args, "--min-f1", confusion.f1());
    }
    Ok(passed)
}
