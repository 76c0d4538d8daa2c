//! Many pairs in one run: the pairs of a list file, of a directory, or of a stream of JSON
//! Lines, checked in parallel and delivered in input order.
//!
//! A pair names its two files, or gives their texts inline:
//!
//! ```json
//! {"id": "2025-10-26-hanoi", "summary": "articles/hanoi.txt", "source": "speeches/hanoi.txt"}
//! {"id": "inline", "summary_text": "The minister said …", "source_text": "We signed …"}
//! {"id": "two-sources", "summary": "articles/x.txt", "sources": ["speech.txt", "release.txt"]}
//! {"summary": "a.txt", "source": "b.txt", "speaker": "Amina Rahman", "date": "2025-03-14",
//!  "source-kind": "report", "language": "en", "grounded": true, "baseline": "a.baseline.json"}
//! ```
//!
//! A pair's own settings win over the run's (flags and `crosscheck.toml`) for that pair.
//!
//! A pair that cannot be read is an outcome with an error; the other pairs go on. Every
//! list is untrusted: its relative paths must stay in the list's folder (the working
//! directory for a stream) unless [`ListRules::allow_outside_paths`] says otherwise, its
//! files and inline texts are held to the size limit, and a stream's lines are read through
//! a cap, so no line is buffered whole however long it is.

use std::io::{self, BufRead};
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;
use serde::Deserialize;

use std::borrow::Cow;

use crate::config::{Config, Overrides, SourceKind, parse_date};
use crate::error::{Error, Excerpt};
use crate::lang::Language;
use crate::model::Report;
use crate::model::printable;
use crate::read::{self, Input, STDIN, STDIN_NAME};

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
    /// Several sources' paths, read as one ([`read::join`]), instead of `source`.
    #[serde(default)]
    pub sources: Option<Vec<PathBuf>>,
    /// The summary's text, instead of a path.
    #[serde(default)]
    pub summary_text: Option<String>,
    /// The source's text, instead of a path.
    #[serde(default)]
    pub source_text: Option<String>,
    /// The source's speaker, for this pair.
    #[serde(default)]
    pub speaker: Option<String>,
    /// The documents' date (`YYYY-MM-DD`), for this pair.
    #[serde(default)]
    pub date: Option<String>,
    /// What the source is, for this pair.
    #[serde(default, rename = "source-kind", alias = "source_kind")]
    pub source_kind: Option<SourceKind>,
    /// The language of both documents, for this pair.
    #[serde(default)]
    pub language: Option<Language>,
    /// Whether the summary must be grounded in its source alone, for this pair.
    #[serde(default)]
    pub grounded: Option<bool>,
    /// A baseline of this pair's accepted findings ([`crate::baseline`]).
    #[serde(default)]
    pub baseline: Option<PathBuf>,
    /// Where the pair is in its list (`<stdin> line 3`), its name when it has no id and no
    /// summary path; not read from the list.
    #[serde(skip)]
    pub place: Option<String>,
}

/// What a list of pairs may name, and how much of it is read.
#[derive(Clone, Copy, Debug)]
pub struct ListRules {
    /// The largest list file, and a stream's longest line is four times this (room for two
    /// texts of this size, escaped); [`Config::max_bytes`].
    pub max_bytes: u64,
    /// Paths may be absolute or lead out of the list's folder.
    pub allow_outside_paths: bool,
}

/// A list file: `[[pair]]` tables in TOML, or an array of pairs in JSON.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TomlList {
    pair: Vec<PairSpec>,
}

impl PairSpec {
    /// The pair's name: its id, the summary's path, its place in a stream, or `pair N`
    /// (counting from 1).
    pub fn name(&self, index: usize) -> String {
        match (&self.id, &self.summary, &self.place) {
            (Some(id), _, _) => id.clone(),
            (None, Some(path), _) => path.display().to_string(),
            (None, None, Some(place)) => place.clone(),
            (None, None, None) => format!("pair {}", index + 1),
        }
    }

    /// The files the pair reads: its summary, sources and baseline.
    pub fn paths(&self) -> impl Iterator<Item = &Path> {
        let sources = self.sources.iter().flatten();
        [&self.summary, &self.source, &self.baseline]
            .into_iter()
            .flatten()
            .chain(sources)
            .map(PathBuf::as_path)
    }

    /// Resolves relative paths against `base` (a list file's directory; empty for the working
    /// directory), refusing, unless `rules` allow it, an absolute path or one that leaves
    /// `base`, by `..` or through a symbolic link.
    fn resolve(mut self, base: &Path, rules: ListRules, name: &str) -> Result<Self, Error> {
        let sources = self.sources.iter_mut().flatten();
        for path in [&mut self.summary, &mut self.source]
            .into_iter()
            .flatten()
            .chain(sources)
        {
            if !rules.allow_outside_paths {
                check_inside(base, path).map_err(|message| Error::Pair {
                    path: name.to_string(),
                    message,
                })?;
            }
            if path.is_relative() {
                *path = base.join(&*path);
            }
        }
        Ok(self)
    }

    /// The run's `config` with this pair's own settings over it (the run's own when it has
    /// none); a date that is not `YYYY-MM-DD` is an error naming the pair.
    fn config<'c>(&self, config: &'c Config, name: &str) -> Result<Cow<'c, Config>, Error> {
        let date = match &self.date {
            Some(text) => Some(parse_date(text).ok_or_else(|| Error::Pair {
                path: name.to_string(),
                message: format!("`date` is `{}`, not YYYY-MM-DD", printable(text)),
            })?),
            None => None,
        };
        let overrides = Overrides {
            speaker: self.speaker.clone(),
            date,
            source_kind: self.source_kind,
            language: self.language,
            grounded: self.grounded,
            ..Overrides::default()
        };
        if overrides == Overrides::default() {
            return Ok(Cow::Borrowed(config));
        }
        let mut own = config.clone();
        overrides.apply(&mut own);
        Ok(Cow::Owned(own))
    }

    /// Checks the pair with `config` and its own settings, and applies its baseline.
    fn check(&self, name: &str, config: &Config) -> Result<Report, Error> {
        let config = self.config(config, name)?;
        let (summary, source) = self.inputs(name, config.max_bytes)?;
        let mut report = crate::check(&summary, &source, &config);
        if let Some(path) = &self.baseline {
            crate::baseline::apply(&mut report, &crate::baseline::read(path, config.max_bytes)?);
        }
        Ok(report)
    }

    /// Reads or wraps the summary and the source (several sources read as one).
    fn inputs(&self, name: &str, max_bytes: u64) -> Result<(Input, Input), Error> {
        // `give` names the keys that give the side, for a pair that gives none.
        let side = |path: &Option<PathBuf>, text: &Option<String>, what: &str, give: &str| match (
            path, text,
        ) {
            (Some(path), None) => read::document(path, max_bytes),
            (None, Some(text)) if text.len() as u64 > max_bytes => Err(Error::TooLarge {
                path: format!("{name} ({what})"),
                size: text.len() as u64,
                limit: max_bytes,
            }),
            (None, Some(text)) => read::decode(format!("{name} ({what})"), text.clone().into()),
            _ => Err(Error::Pair {
                path: name.to_string(),
                message: format!("give {give}"),
            }),
        };
        let summary = side(
            &self.summary,
            &self.summary_text,
            "summary",
            "either `summary` (a path) or `summary_text`",
        )?;
        let source = match (&self.sources, &self.source, &self.source_text) {
            (Some(paths), None, None) if !paths.is_empty() => read::sources(paths, max_bytes)?,
            (Some(_), _, _) => {
                return Err(Error::Pair {
                    path: name.to_string(),
                    message: "give `sources` (a list of paths, not empty) without `source` \
                              or `source_text`"
                        .into(),
                });
            }
            (None, source, text) => side(
                source,
                text,
                "source",
                "one of `source` (a path), `sources` (a list of paths) or `source_text`",
            )?,
        };
        Ok((summary, source))
    }
}

/// Why `path` (named in a list whose folder is `base`) is refused: it is absolute, its `..`
/// lead out of `base`, or it exists and its real path is outside `base`'s.
fn check_inside(base: &Path, path: &Path) -> Result<(), String> {
    let shown = path.display();
    let outside = "pass --allow-outside-paths to allow it";
    if path.has_root() || path.is_absolute() {
        return Err(format!("`{shown}` is an absolute path; {outside}"));
    }
    let mut depth = 0usize;
    for component in path.components() {
        depth = match component {
            Component::Normal(_) => depth + 1,
            Component::CurDir => depth,
            Component::ParentDir => depth
                .checked_sub(1)
                .ok_or_else(|| format!("`{shown}` leads out of the list's folder; {outside}"))?,
            Component::RootDir | Component::Prefix(_) => {
                return Err(format!("`{shown}` is an absolute path; {outside}"));
            }
        };
    }
    let folder = if base.as_os_str().is_empty() {
        Path::new(".")
    } else {
        base
    };
    if let (Ok(real), Ok(real_folder)) = (folder.join(path).canonicalize(), folder.canonicalize())
        && !real.starts_with(&real_folder)
    {
        return Err(format!(
            "`{shown}` leads out of the list's folder through a symbolic link; {outside}"
        ));
    }
    Ok(())
}

/// Pairs to check, as [`run`] takes them: each a pair, or why it is not one.
pub type Pairs = Box<dyn Iterator<Item = Result<PairSpec, Error>>>;

/// The pairs `list` names: JSON Lines on standard input for `-`, else a directory's
/// ([`directory`]) or a list file's ([`pairs_file`]); with their number when it is known
/// before they are read (not for a stream).
pub fn open(list: &Path, rules: ListRules) -> Result<Opened, Error> {
    if list == Path::new(STDIN) {
        let mut pairs = json_lines(io::stdin().lock(), rules, STDIN_NAME, Path::new("")).peekable();
        if pairs.peek().is_none() {
            return Err(Error::Pairs {
                path: STDIN_NAME.into(),
                message: NO_PAIR.into(),
            });
        }
        return Ok(Opened {
            pairs: Box::new(pairs),
            total: None,
            skipped: Vec::new(),
        });
    }
    let (pairs, skipped) = if list.is_dir() {
        let (pairs, skipped) = directory(list)?;
        (pairs.into_iter().map(Ok).collect(), skipped)
    } else {
        (pairs_file(list, rules)?, Vec::new())
    };
    Ok(Opened {
        total: Some(pairs.len()),
        pairs: Box::new(pairs.into_iter()),
        skipped,
    })
}

/// The pairs of a list, a stream or a directory ([`open`]).
pub struct Opened {
    /// The pairs, in order.
    pub pairs: Pairs,
    /// How many there are, when known before they are read (not for a stream).
    pub total: Option<usize>,
    /// The folders of a directory that hold no pair, each with why.
    pub skipped: Vec<String>,
}

/// Why a list, a stream or a folder without a pair is refused.
const NO_PAIR: &str = "it has no pair";

/// The pairs of a list file, by its extension: `.toml` (`[[pair]]` tables) or `.json` (an
/// array). Relative paths in it are relative to the file's directory, and a pair whose paths
/// leave it is an error for that pair ([`ListRules`]). A list with no pair is an error.
pub fn pairs_file(path: &Path, rules: ListRules) -> Result<Vec<Result<PairSpec, Error>>, Error> {
    // An empty list has no pair: the empty-file error speaks of articles.
    let input = read::read(path, rules.max_bytes).map_err(|error| match error {
        Error::Empty { path } => Error::Pairs {
            path,
            message: NO_PAIR.into(),
        },
        error => error,
    })?;
    let invalid = |message: String| Error::Pairs {
        path: input.path.clone(),
        message,
    };
    let pairs = match path.extension().and_then(|e| e.to_str()) {
        Some("toml") => toml::from_str::<TomlList>(&input.text)
            .map(|list| list.pair)
            .map_err(|e| {
                invalid(match e.span() {
                    Some(at) => Excerpt::new(&input.path, &input.text, at).placed(e.message()),
                    None => e.message().to_string(),
                })
            })?,
        Some("json") => serde_json::from_str::<Vec<PairSpec>>(&input.text)
            .map_err(|e| invalid(e.to_string()))?,
        Some("jsonl" | "ndjson") => {
            let base = path.parent().unwrap_or(Path::new(""));
            let pairs: Vec<_> =
                json_lines(input.text.as_bytes(), rules, &input.path, base).collect();
            if pairs.is_empty() {
                return Err(invalid(NO_PAIR.into()));
            }
            return Ok(pairs);
        }
        _ => {
            return Err(invalid(
                "a list of pairs is a .toml, .json or .jsonl file (or JSON Lines on standard \
                 input, with -)"
                    .into(),
            ));
        }
    };
    if pairs.is_empty() {
        return Err(invalid(NO_PAIR.into()));
    }
    let base = path.parent().unwrap_or(Path::new(""));
    Ok(pairs
        .into_iter()
        .enumerate()
        .map(|(index, pair)| {
            let name = pair.name(index);
            pair.resolve(base, rules, &name)
        })
        .collect())
}

/// What a summary file of a directory's pair is called, before its extension.
pub const SUMMARY_NAMES: [&str; 4] = ["summary", "article", "report", "story"];

/// What a source file of a directory's pair is called, before its extension; `source-NAME`
/// files are several sources, read in name order.
pub const SOURCE_NAMES: [&str; 4] = ["source", "speech", "transcript", "remarks"];

/// The extensions of the files a directory's pair is made of: plain text and the derived
/// formats crosscheck reads ([`read::document`]).
pub const PAIR_EXTENSIONS: [&str; 7] = ["txt", "md", "html", "htm", "srt", "vtt", "docx"];

/// The pairs of a directory, one per folder `DIR/NAME/` holding one summary
/// ([`SUMMARY_NAMES`]) and one or more sources ([`SOURCE_NAMES`], or `source-*`), each with
/// an extension of [`PAIR_EXTENSIONS`]; by name. A folder that holds no such pair is skipped,
/// and the second list says which and why. A summary that is not a regular file is kept, to
/// be an error for its pair.
pub fn directory(dir: &Path) -> Result<(Vec<PairSpec>, Vec<String>), Error> {
    let unreadable = |source| Error::Unreadable {
        path: dir.display().to_string(),
        source,
    };
    let mut folders: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(unreadable)?
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_ok_and(|kind| kind.is_dir()))
        .filter(|entry| !entry.file_name().to_string_lossy().starts_with('.'))
        .map(|entry| entry.path())
        .collect();
    folders.sort();
    let (mut pairs, mut skipped) = (Vec::new(), Vec::new());
    for folder in folders {
        match folder_pair(&folder) {
            Ok(pair) => pairs.push(pair),
            Err(why) => skipped.push(format!(
                "{}: {why}",
                printable(&folder.display().to_string())
            )),
        }
    }
    if pairs.is_empty() {
        return Err(Error::Pairs {
            path: dir.display().to_string(),
            message: format!(
                "no folder in it holds a pair: a summary ({}) and a source ({}), .txt or another \
                 format crosscheck reads",
                SUMMARY_NAMES.join(", "),
                SOURCE_NAMES.join(", ")
            ),
        });
    }
    Ok((pairs, skipped))
}

/// The pair of one folder of a directory ([`directory`]), or why it has none.
fn folder_pair(folder: &Path) -> Result<PairSpec, String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .map_err(|error| format!("cannot be read: {error}"))?
        .filter_map(Result::ok)
        .filter_map(|entry| entry.file_name().into_string().ok())
        .collect();
    names.sort();
    let named = |name: &str, stems: &[&str], numbered: bool| {
        let Some((stem, extension)) = name.rsplit_once('.') else {
            return false;
        };
        let stem = stem.to_lowercase();
        PAIR_EXTENSIONS.contains(&extension.to_lowercase().as_str())
            && (stems.contains(&stem.as_str()) || (numbered && stem.starts_with("source-")))
    };
    let summaries: Vec<&String> = names
        .iter()
        .filter(|n| named(n, &SUMMARY_NAMES, false))
        .collect();
    let sources: Vec<PathBuf> = (names.iter())
        .filter(|n| named(n, &SOURCE_NAMES, true))
        .map(|n| folder.join(n))
        .collect();
    let summary = match summaries.as_slice() {
        [summary] => folder.join(summary),
        [] => {
            return Err(format!(
                "no summary file ({}, with .txt or another format crosscheck reads)",
                SUMMARY_NAMES.join(", ")
            ));
        }
        several => {
            let shown: Vec<String> = several.iter().map(|n| printable(n).into_owned()).collect();
            return Err(format!("more than one summary file: {}", shown.join(", ")));
        }
    };
    if sources.is_empty() {
        return Err(format!(
            "no source file ({}, or source-NAME, with .txt or another format crosscheck reads)",
            SOURCE_NAMES.join(", ")
        ));
    }
    // One source is read as it is ([`read::join`]).
    Ok(PairSpec {
        summary: Some(summary),
        sources: Some(sources),
        ..PairSpec::default()
    })
}

/// The pairs of JSON Lines from `reader`, one per non-blank line, named by their line in
/// `name` (`<stdin> line 3`) when they have no id and no summary path; a line that is not a
/// pair (or is longer than four times [`ListRules::max_bytes`], which is not kept in memory)
/// is an error for that pair only. Paths are relative to `base` (empty for the working
/// directory) and held to [`ListRules`]. A read error ends the stream.
pub fn json_lines<'a>(
    mut reader: impl BufRead + 'a,
    rules: ListRules,
    name: &'a str,
    base: &'a Path,
) -> impl Iterator<Item = Result<PairSpec, Error>> + 'a {
    let max_line = usize::try_from(rules.max_bytes.saturating_mul(4).saturating_add(4096))
        .unwrap_or(usize::MAX);
    let mut number = 0;
    let mut failed = false;
    let mut line = Vec::new();
    std::iter::from_fn(move || {
        loop {
            if failed {
                return None;
            }
            number += 1;
            let place = format!("{name} line {number}");
            let invalid = |message: String| Error::Pair {
                path: place.clone(),
                message,
            };
            let fits = match read_line(&mut reader, max_line, &mut line) {
                Ok(None) => return None,
                Ok(Some(fits)) => fits,
                Err(source) => {
                    failed = true;
                    return Some(Err(Error::Unreadable {
                        path: place,
                        source,
                    }));
                }
            };
            if !fits {
                return Some(Err(invalid(format!(
                    "the line is longer than {max_line} bytes"
                ))));
            }
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            return Some(
                serde_json::from_slice::<PairSpec>(&line)
                    .map_err(|e| invalid(e.to_string()))
                    .and_then(|pair| {
                        PairSpec {
                            place: Some(place.clone()),
                            ..pair
                        }
                        .resolve(base, rules, &place)
                    }),
            );
        }
    })
}

/// Reads the next line of `reader` into `line` (without its `\n`), keeping at most `max`
/// bytes: `Some(true)` for a line, `Some(false)` for a longer line (skipped to its end,
/// `line` left empty), `None` at the end of the stream.
fn read_line(
    reader: &mut impl BufRead,
    max: usize,
    line: &mut Vec<u8>,
) -> io::Result<Option<bool>> {
    line.clear();
    let mut fits = true;
    let mut read_any = false;
    loop {
        let buffer = match reader.fill_buf() {
            Ok(buffer) => buffer,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(error),
        };
        if buffer.is_empty() {
            return Ok(read_any.then_some(fits));
        }
        read_any = true;
        let (chunk, used, ended) = match buffer.iter().position(|&b| b == b'\n') {
            Some(end) => (&buffer[..end], end + 1, true),
            None => (buffer, buffer.len(), false),
        };
        if fits && line.len() + chunk.len() <= max {
            line.extend_from_slice(chunk);
        } else {
            fits = false;
            line.clear();
        }
        reader.consume(used);
        if ended {
            return Ok(Some(fits));
        }
    }
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
                    let result = pair.check(&name, config);
                    Outcome { name, result }
                }
                Err(error) => Outcome {
                    name: place_of(&error).unwrap_or_else(|| format!("pair {}", index + 1)),
                    result: Err(error),
                },
            })
            .collect();
        outcomes.into_iter().for_each(&mut deliver);
    }
}

/// The place an error of a list names (`<stdin> line 3`, a pair's id), to name its outcome
/// as the error does.
fn place_of(error: &Error) -> Option<String> {
    match error {
        Error::Pairs { path, .. } | Error::Pair { path, .. } | Error::Unreadable { path, .. } => {
            Some(path.clone())
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_over_the_cap_is_skipped_whole_and_the_next_is_read() {
        let mut reader = io::BufReader::with_capacity(4, &b"0123456789\nabc\nlast"[..]);
        let mut line = Vec::new();
        assert_eq!(read_line(&mut reader, 5, &mut line).unwrap(), Some(false));
        assert!(line.is_empty());
        assert_eq!(read_line(&mut reader, 5, &mut line).unwrap(), Some(true));
        assert_eq!(line, b"abc");
        assert_eq!(read_line(&mut reader, 5, &mut line).unwrap(), Some(true));
        assert_eq!(line, b"last");
        assert_eq!(read_line(&mut reader, 5, &mut line).unwrap(), None);
    }

    #[test]
    fn paths_stay_inside_the_list_folder() {
        let base = Path::new("");
        assert!(check_inside(base, Path::new("a/../b.txt")).is_ok());
        assert!(check_inside(base, Path::new("./a.txt")).is_ok());
        assert!(check_inside(base, Path::new("a/../../b.txt")).is_err());
        assert!(check_inside(base, Path::new("/etc/passwd")).is_err());
    }
}
