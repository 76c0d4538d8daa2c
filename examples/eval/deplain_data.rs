//! DEPlain-web's files: the document pairs, split into sentences, and the gold sentence
//! alignments, read by the `eval` and `train` examples alike.

use std::collections::HashMap;

/// One document pair: its sentences as given.
pub(crate) struct DocumentPair {
    pub(crate) id: String,
    pub(crate) original: Vec<String>,
    pub(crate) plain: Vec<String>,
}

/// An alignment: the document, its original text and its plain text (both whitespace-collapsed).
pub(crate) type Alignment = (String, String, String);

/// The rows of a CSV file, by column name.
fn records(path: &str) -> Result<Vec<HashMap<String, String>>, String> {
    let mut reader = csv::Reader::from_path(path).map_err(|e| format!("{path}: {e}"))?;
    let headers = reader
        .headers()
        .map_err(|e| format!("{path}: {e}"))?
        .clone();
    reader
        .records()
        .map(|record| {
            let record = record.map_err(|e| format!("{path}: {e}"))?;
            Ok(headers
                .iter()
                .zip(record.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect())
        })
        .collect()
}

/// A row's value in column `name`.
fn field<'a>(record: &'a HashMap<String, String>, name: &str) -> Result<&'a str, String> {
    record
        .get(name)
        .map(String::as_str)
        .ok_or_else(|| format!("no `{name}` column"))
}

/// Collapses runs of whitespace to one space and trims.
pub(crate) fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The document pairs of `dir`.
pub(crate) fn read_documents(dir: &str) -> Result<Vec<DocumentPair>, String> {
    let sentences = |joined: &str| joined.split("|||").map(collapse).collect();
    records(&format!("{dir}/docs_sentence_split_test.csv"))?
        .iter()
        .map(|r| {
            Ok(DocumentPair {
                id: field(r, "pair_id")?.to_string(),
                original: sentences(field(r, "original")?),
                plain: sentences(field(r, "simplification")?),
            })
        })
        .collect()
}

/// The gold alignments, each with whether its kind is `identical`.
pub(crate) fn read_gold(dir: &str) -> Result<Vec<(Alignment, bool)>, String> {
    records(&format!("{dir}/alignments_test.csv"))?
        .iter()
        .map(|r| {
            let alignment = (
                field(r, "pair_id")?.to_string(),
                collapse(field(r, "original")?),
                collapse(field(r, "simplification")?),
            );
            Ok((alignment, field(r, "alignment")? == "identical"))
        })
        .collect()
}

/// The sentences as one text, one paragraph each, with where each starts.
pub(crate) fn paragraphs(sentences: &[String]) -> (String, Vec<usize>) {
    let mut text = String::new();
    let mut starts = Vec::new();
    for sentence in sentences {
        starts.push(text.len());
        text.push_str(sentence);
        text.push_str("\n\n");
    }
    (text, starts)
}

/// The given sentence a sentence starting at byte `start` of [`paragraphs`]' text belongs
/// to: a given sentence with no words is no sentence of its own, so sentences are mapped back
/// by where they start.
pub(crate) fn given(starts: &[usize], start: usize) -> usize {
    starts.partition_point(|&s| s <= start) - 1
}
