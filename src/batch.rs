//! Many pairs in one run: the pairs of a list file, of a directory, or of a stream of JSON
//! Lines, checked in parallel and delivered in input order.
//!
//! A pair names its two files, or gives their texts inline:
//!
//! ```json
//! {"id": "2025-10-26-hanoi", "summary": "articles/hanoi.txt", "source": "speeches/hanoi.txt"}
//! {"id": "inline", "summary_text": "The minister said …", "source_text": "We signed …"}
//! ```
//!
//! A pair that cannot be read is an outcome with an error; the other pairs go on.

use std::io::{self, BufRead};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Deserialize;

use crate::config::Config;
use crate::error::Error;
use crate::model::Report;
use crate::read::{self, Input};

/// One pair to check: two files, or two texts given inline.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct PairSpec {
    /// The pair's name in reports; by default the summary's path.
    #[serde(default)]
    pub id: Option<String>,
    /// The summary's path.
    #[serde(default)]
    pub summary: Option<PathBuf>,
    /// The source's path.
    #[serde(default)]
    pub source: Option<PathBuf>,
    /// The summary's text, instead of a path.
    #[serde(default)]
    pub summary_text: Option<String>,
    /// The source's text, instead of a path.
    #[serde(default)]
    pub source_text: Option<String>,
}

/// A list file: `[[pair]]` tables in TOML, or an array of pairs in JSON.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TomlList {
    pair: Vec<PairSpec>,
}

impl PairSpec {
    /// The pair of two files.
    pub fn files(summary: PathBuf, source: PathBuf) -> Self {
        PairSpec {
            summary: Some(summary),
            source: Some(source),
            ..PairSpec::default()
        }
    }

    /// The pair's name: its id, the summary's path, or `pair N` (counting from 1).
    pub fn name(&self, index: usize) -> String {
        match (&self.id, &self.summary) {
            (Some(id), _) => id.clone(),
            (None, Some(path)) => path.display().to_string(),
            (None, None) => format!("pair {}", index + 1),
        }
    }

    /// Resolves relative paths against `base` (a list file's directory).
    fn relative_to(mut self, base: &Path) -> Self {
        for path in [&mut self.summary, &mut self.source].into_iter().flatten() {
            if path.is_relative() {
                *path = base.join(&*path);
            }
        }
        self
    }

    /// Reads or wraps the two texts.
    fn inputs(&self, name: &str, max_bytes: u64) -> Result<(Input, Input), Error> {
        let side = |path: &Option<PathBuf>, text: &Option<String>, what: &str| match (path, text) {
            (Some(path), None) => read::read(path, max_bytes),
            (None, Some(text)) => read::decode(format!("{name} ({what})"), text.clone().into()),
            _ => Err(Error::Pairs {
                path: name.to_string(),
                message: format!("give either `{what}` (a path) or `{what}_text`"),
            }),
        };
        Ok((
            side(&self.summary, &self.summary_text, "summary")?,
            side(&self.source, &self.source_text, "source")?,
        ))
    }
}

/// Pairs to check, as [`run`] takes them: each a pair, or why it is not one.
pub type Pairs = Box<dyn Iterator<Item = Result<PairSpec, Error>>>;

/// The pairs `list` names: JSON Lines on standard input for `-`, else a directory's
/// ([`directory`]) or a list file's ([`pairs_file`]); with their number when it is known
/// before they are read (not for a stream).
pub fn open(list: &Path) -> Result<(Pairs, Option<usize>), Error> {
    if list == Path::new("-") {
        return Ok((Box::new(json_lines(io::stdin().lock())), None));
    }
    let pairs = if list.is_dir() {
        directory(list)?
    } else {
        pairs_file(list)?
    };
    let total = pairs.len();
    Ok((Box::new(pairs.into_iter().map(Ok)), Some(total)))
}

/// The pairs of a list file, by its extension: `.toml` (`[[pair]]` tables) or `.json` (an
/// array). Relative paths in it are relative to the file's directory.
pub fn pairs_file(path: &Path) -> Result<Vec<PairSpec>, Error> {
    let input = read::read(path, u64::MAX)?;
    let invalid = |message: String| Error::Pairs {
        path: input.path.clone(),
        message,
    };
    let pairs = match path.extension().and_then(|e| e.to_str()) {
        Some("toml") => toml::from_str::<TomlList>(&input.text)
            .map(|list| list.pair)
            .map_err(|e| invalid(e.message().to_string()))?,
        Some("json") => serde_json::from_str::<Vec<PairSpec>>(&input.text)
            .map_err(|e| invalid(e.to_string()))?,
        _ => return Err(invalid("a list of pairs is a .toml or .json file".into())),
    };
    let base = path.parent().unwrap_or(Path::new(""));
    Ok(pairs.into_iter().map(|p| p.relative_to(base)).collect())
}

/// The pairs of a directory: every `DIR/NAME/summary.txt` with its `source.txt`, by name.
pub fn directory(dir: &Path) -> Result<Vec<PairSpec>, Error> {
    let unreadable = |source| Error::Unreadable {
        path: dir.display().to_string(),
        source,
    };
    let mut pairs: Vec<PairSpec> = std::fs::read_dir(dir)
        .map_err(unreadable)?
        .filter_map(Result::ok)
        .map(|entry| entry.path().join("summary.txt"))
        .filter(|summary| summary.is_file())
        .map(|summary| {
            let source = summary.with_file_name("source.txt");
            PairSpec::files(summary, source)
        })
        .collect();
    pairs.sort_by(|a, b| a.summary.cmp(&b.summary));
    if pairs.is_empty() {
        return Err(Error::Pairs {
            path: dir.display().to_string(),
            message: "no NAME/summary.txt in it".into(),
        });
    }
    Ok(pairs)
}

/// The pairs of a JSON Lines stream, one per non-blank line; a line that is not a pair is an
/// error for that pair only.
pub fn json_lines(reader: impl BufRead) -> impl Iterator<Item = Result<PairSpec, Error>> {
    reader
        .lines()
        .enumerate()
        .filter(|(_, line)| line.as_ref().map_or(true, |l| !l.trim().is_empty()))
        .map(|(index, line)| {
            let where_ = format!("<stdin> line {}", index + 1);
            let line = line.map_err(|source| Error::Unreadable {
                path: where_.clone(),
                source,
            })?;
            serde_json::from_str(&line).map_err(|e| Error::Pairs {
                path: where_,
                message: e.to_string(),
            })
        })
}

/// What became of one pair.
#[derive(Debug)]
pub struct Outcome {
    /// The pair's name ([`PairSpec::name`]).
    pub name: String,
    /// Its report, or why it could not be checked.
    pub result: Result<Report, Error>,
}

/// Checks `pairs` in parallel, a few chunks of work at a time so that a stream never has to
/// be read whole, and hands every outcome to `deliver` in input order.
pub fn run(
    pairs: impl Iterator<Item = Result<PairSpec, Error>>,
    config: &Config,
    mut deliver: impl FnMut(Outcome),
) {
    let chunk_size = rayon::current_num_threads() * 4;
    let mut pairs = pairs.enumerate().peekable();
    while pairs.peek().is_some() {
        let chunk: Vec<(usize, Result<PairSpec, Error>)> =
            pairs.by_ref().take(chunk_size).collect();
        let outcomes: Vec<Outcome> = chunk
            .into_par_iter()
            .map(|(index, pair)| match pair {
                Ok(pair) => {
                    let name = pair.name(index);
                    let result = pair
                        .inputs(&name, config.max_bytes)
                        .map(|(summary, source)| crate::check(&summary, &source, config));
                    Outcome { name, result }
                }
                Err(error) => Outcome {
                    name: format!("pair {}", index + 1),
                    result: Err(error),
                },
            })
            .collect();
        outcomes.into_iter().for_each(&mut deliver);
    }
}
