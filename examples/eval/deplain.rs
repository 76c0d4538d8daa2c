//! DEPlain-web: German documents and their plain-language versions, with human sentence
//! alignments (`deplain DIR`, DIR holding `docs_sentence_split_test.csv` and
//! `alignments_test.csv`).
//!
//! Every document pair is aligned with the library: the plain-language text as the summary,
//! the original as the source, one given sentence per paragraph, in order
//! ([`Config::in_order`]: a plain-language version follows its original), each plain sentence
//! linked with its best original sentence ([`Config::max_merged_sources`] 1) when at least
//! `--support` of it (default 0.65) is found there, or when it continues its neighbour's
//! split; and a link counts when the plain sentences linked with that original carry at least
//! `--coverage` of it (default 0.35).
//!
//! Scored as the published table is (`DEPlain`'s `evaluate.py`): an alignment is the pair of its
//! original and plain texts (the sentences of each side in document order, joined by a space),
//! and a predicted alignment is right when the gold list holds the same pair. Precision is over
//! the predicted alignments, recall over all 2,741 gold ones. The plain sentences linked with
//! the same original sentence form one alignment (1:1, or 1:m where it was split). *n:m*:
//! all of them; *one-to-one*: those of one sentence on each side. Each is also split by gold
//! kind: `identical` (same text on both sides) and `aligned`, a predicted alignment counting
//! as identical when its two texts are the same.

use std::collections::{BTreeMap, HashSet};

use crosscheck::align::align;
use crosscheck::{Config, Input, analyze};

use crate::deplain_data::{Alignment, DocumentPair, given, paragraphs, read_documents, read_gold};
use crate::{Confusion, meets, number_after};

/// The library's alignment of one document pair: per plain sentence, the original sentences
/// it is linked with (none when it is left unaligned). A link counts only when the plain
/// sentences linked with its original sentence carry at least `min_coverage` of that
/// sentence's weight ([`crosscheck::align::Alignment::source_coverage`]): a plain sentence restating a small part
/// of a long original is supported by it, but is not what a sentence alignment pairs.
fn links(pair: &DocumentPair, config: &Config, min_coverage: f64) -> Vec<Vec<usize>> {
    // One given sentence per paragraph; a sentence with no words is no paragraph of its own,
    // so sentences are mapped back by where they start.
    let (summary, summary_starts) = paragraphs(&pair.plain);
    let (source, source_starts) = paragraphs(&pair.original);
    let summary = analyze(&Input::new("plain", summary), config);
    let source = analyze(&Input::new("original", source), config);
    let alignment = align(&summary, &source, config);
    let coverage =
        alignment.source_coverage(|s| alignment.links.get(s).map_or(&[][..], |l| l.sources));
    let mut links = vec![Vec::new(); pair.plain.len()];
    for (sentence, link) in summary.sentences.iter().zip(alignment.links.iter()) {
        if let Some(link) = link.filter(|l| coverage[l.sources[0]] >= min_coverage) {
            links[given(&summary_starts, sentence.span.start)] = link
                .sources
                .iter()
                .map(|&s| given(&source_starts, source.sentences[s].span.start))
                .collect();
        }
    }
    links
}

/// The alignments the links make: the summary sentences linked to the same source sentences
/// form one alignment with them (one source sentence split into several plain ones, several
/// merged into one, or both); each side's sentences in document order.
fn alignments(pair: &DocumentPair, links: &[Vec<usize>]) -> Vec<(Alignment, bool)> {
    let mut groups: BTreeMap<&[usize], Vec<usize>> = BTreeMap::new();
    for (plain, originals) in links.iter().enumerate() {
        if !originals.is_empty() {
            groups.entry(originals).or_default().push(plain);
        }
    }
    let text = |sentences: &[String], indices: &[usize]| {
        let parts: Vec<&str> = indices.iter().map(|&i| sentences[i].as_str()).collect();
        parts.join(" ")
    };
    groups
        .into_iter()
        .map(|(originals, plains)| {
            (
                (
                    pair.id.clone(),
                    text(&pair.original, originals),
                    text(&pair.plain, &plains),
                ),
                originals.len() == 1 && plains.len() == 1,
            )
        })
        .collect()
}

/// Predicted alignments against gold ones: right are those the gold list holds (each
/// prediction counted, as `evaluate.py` does).
fn confusion(predicted: &[Alignment], gold: &[&Alignment]) -> Confusion {
    let gold_set: HashSet<&Alignment> = gold.iter().copied().collect();
    let right = predicted.iter().filter(|a| gold_set.contains(a)).count();
    Confusion::of_predictions(right, predicted.len(), gold.len())
}

fn line(name: &str, score: &Confusion) -> String {
    format!(
        "{name:<22} P {:.3}  R {:.3}  F1 {:.3}   ({} right of {} predicted, {} gold)",
        score.precision(),
        score.recall(),
        score.f1(),
        score.true_positive,
        score.true_positive + score.false_positive,
        score.gold_counts().0
    )
}

/// Scores one mode overall and split by kind; prints the lines and returns the overall score.
fn score(name: &str, predicted: &[Alignment], gold: &[(Alignment, bool)]) -> Confusion {
    let all: Vec<&Alignment> = gold.iter().map(|(a, _)| a).collect();
    let overall = confusion(predicted, &all);
    println!("{}", line(name, &overall));
    for (kind, identical) in [("identical", true), ("aligned", false)] {
        let gold: Vec<&Alignment> = gold
            .iter()
            .filter(|(_, i)| *i == identical)
            .map(|(a, _)| a)
            .collect();
        let predicted: Vec<Alignment> = predicted
            .iter()
            .filter(|(_, original, plain)| (original == plain) == identical)
            .cloned()
            .collect();
        println!(
            "{}",
            line(&format!("  {kind}"), &confusion(&predicted, &gold))
        );
    }
    overall
}

/// Runs the benchmark; false when a floor is not met.
pub(crate) fn run(dir: &str, args: &[String]) -> Result<bool, String> {
    let documents = read_documents(dir)?;
    let gold = read_gold(dir)?;
    let support = number_after(args, "--support").unwrap_or(0.65);
    let min_coverage = number_after(args, "--coverage").unwrap_or(0.35);
    let config = Config {
        sentence_per_paragraph: true,
        in_order: true,
        max_merged_sources: 1,
        support_threshold: support,
        ..Config::default()
    };
    let mut predicted_one_to_one = Vec::new();
    let mut predicted = Vec::new();
    for pair in &documents {
        let groups = alignments(pair, &links(pair, &config, min_coverage));
        for (alignment, one_to_one) in groups {
            if one_to_one {
                predicted_one_to_one.push(alignment.clone());
            }
            predicted.push(alignment);
        }
    }
    println!(
        "DEPlain-web {dir}: {} document pairs, {} gold alignments, support {support}, \
         coverage {min_coverage}",
        documents.len(),
        gold.len()
    );
    let one = score("one-to-one", &predicted_one_to_one, &gold);
    let all = score("n:m", &predicted, &gold);
    if args.iter().any(|a| a == "--show-errors") {
        let gold_set: HashSet<&Alignment> = gold.iter().map(|(a, _)| a).collect();
        for (id, original, plain) in predicted.iter().filter(|a| !gold_set.contains(a)) {
            println!("wrong in {id}\n  original: {original}\n  plain:    {plain}");
        }
    }
    Ok(meets(args, "--min-f1-one-to-one", one.f1())
        && meets(args, "--min-f1", all.f1())
        && meets(
            args,
            "--min-precision",
            one.precision().min(all.precision()),
        ))
}
