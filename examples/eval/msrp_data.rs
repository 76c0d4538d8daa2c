//! MSRP's files: pairs of news sentences with whether they are paraphrases, read by the
//! `eval` and `train` examples alike, and the part of `train.tsv` kept out of training.

use crosscheck::{Config, SourceKind};

/// One MSRP pair: gold label, sentence 1, sentence 2.
pub(crate) struct Pair {
    pub(crate) paraphrase: bool,
    pub(crate) first: String,
    pub(crate) second: String,
}

/// Reads an MSRP file. One line of the distributed `train.tsv` holds two records (a missing
/// line break glues the next record's quality digit to the end of the first's sentence 2);
/// such lines are split back into their records.
pub(crate) fn read_msrp(path: &str) -> Result<Vec<Pair>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let mut pairs = Vec::new();
    for (index, line) in text
        .trim_start_matches('\u{FEFF}')
        .lines()
        .enumerate()
        .skip(1)
    {
        if line.trim().is_empty() {
            continue;
        }
        let mut fields: Vec<String> = line.split('\t').map(str::to_string).collect();
        if fields.len() < 5 || !(fields.len() - 5).is_multiple_of(4) {
            return Err(format!("{path}: line {}: expected 5 fields", index + 1));
        }
        while fields.len() > 5 {
            // `…sentence 2.0`: the last character is the next record's quality.
            let glued = fields[4].pop().map(String::from).unwrap_or_default();
            let rest = fields.split_off(5);
            pairs.push(pair(&fields));
            fields = std::iter::once(glued).chain(rest).collect();
        }
        pairs.push(pair(&fields));
    }
    Ok(pairs)
}

/// A pair from a record's fields.
fn pair(fields: &[String]) -> Pair {
    Pair {
        paraphrase: fields[0] == "1",
        first: fields[3].clone(),
        second: fields[4].clone(),
    }
}

/// True for the pairs of `train.tsv` kept out of training (every fifth, from the fifth):
/// the confidence model learns from the others, and CI's floor is measured on these.
pub(crate) fn held_out(index: usize) -> bool {
    index % 5 == 4
}

/// The settings an MSRP pair is checked with: each sentence one paragraph, and the source a
/// report rather than a transcript (both are news sentences).
pub(crate) fn settings() -> Config {
    Config {
        sentence_per_paragraph: true,
        source_kind: SourceKind::Report,
        ..Config::default()
    }
}
