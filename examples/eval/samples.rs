//! The samples of the consistency benchmarks (`SummEdits`, `consistency-dev`): one JSON list
//! per file, read by the `eval` and `train` examples alike.

use crosscheck::Finding;
use serde::Deserialize;

/// One sample as the benchmark gives it.
#[derive(Deserialize)]
pub(crate) struct Sample {
    pub(crate) id: serde_json::Value,
    pub(crate) doc: String,
    pub(crate) summary: String,
    pub(crate) label: u8,
    #[serde(default)]
    pub(crate) edit_types: Vec<String>,
    /// The wrong words, each a substring of `summary` (CLIFF and Goyal21).
    #[serde(default)]
    pub(crate) spans: Vec<String>,
    /// Each summary sentence judged on its own (QAGS).
    #[serde(default)]
    pub(crate) sentence_labels: Vec<SentenceLabel>,
}

/// One summary sentence with its gold label.
#[derive(Deserialize)]
pub(crate) struct SentenceLabel {
    pub(crate) sentence: String,
    pub(crate) label: u8,
}

/// The JSON files of `dir`, in name order.
pub(crate) fn files(dir: &str) -> Result<Vec<std::path::PathBuf>, String> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("{dir}: {e}"))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    Ok(files)
}

/// The samples of every domain file in `dir`, by domain, domains in name order.
pub(crate) fn read(dir: &str) -> Result<Vec<(String, Vec<Sample>)>, String> {
    files(dir)?
        .iter()
        .map(|path| {
            let (stem, samples) = read_file(path, None)?;
            let domain = stem.trim_start_matches("summedits_").to_string();
            Ok((domain, samples))
        })
        .collect()
}

/// The name (the file's stem) and samples of one file: the first `slice`, when given.
pub(crate) fn read_file(
    path: &std::path::Path,
    slice: Option<usize>,
) -> Result<(String, Vec<Sample>), String> {
    let shown = path.display();
    let text = std::fs::read_to_string(path).map_err(|e| format!("{shown}: {e}"))?;
    let mut samples: Vec<Sample> =
        serde_json::from_str(&text).map_err(|e| format!("{shown}: {e}"))?;
    samples.truncate(slice.unwrap_or(usize::MAX));
    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
    Ok((stem.into_owned(), samples))
}

/// True when one of `pointed` (byte ranges of `summary`) overlaps an occurrence, ignoring
/// case, of one of the gold `spans`.
pub(crate) fn points_at_any(
    summary: &str,
    spans: &[String],
    pointed: &[std::ops::Range<usize>],
) -> bool {
    let lower = summary.to_lowercase();
    // Lowercasing can change byte lengths outside ASCII; compare on the lowercased text
    // only when it kept them.
    let haystack = if lower.len() == summary.len() {
        &lower
    } else {
        summary
    };
    spans.iter().any(|gold| {
        let needle = if lower.len() == summary.len() {
            gold.to_lowercase()
        } else {
            gold.clone()
        };
        haystack
            .match_indices(needle.as_str())
            .any(|(start, found)| {
                let end = start + found.len();
                pointed.iter().any(|p| p.start < end && start < p.end)
            })
    })
}

/// The summary's byte ranges a finding points at: the details an `unsupported` finding lists,
/// or else its place in the summary (none for an omission).
pub(crate) fn pointed(finding: &Finding) -> Vec<std::ops::Range<usize>> {
    let details: Vec<_> = finding.added.iter().map(|d| d.span.range()).collect();
    if details.is_empty() {
        finding
            .summary
            .map(|at| at.span().range())
            .into_iter()
            .collect()
    } else {
        details
    }
}
