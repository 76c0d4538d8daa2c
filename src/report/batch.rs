//! What a batch (`check --pairs`) writes: each pair's report in the format's batch form, as
//! the pairs come, and a closing table of counts per pair.
//!
//! Per pair, `json` writes one line of JSON Lines (the JSON document, compact, led by
//! `"pair"` and `"exit"`; a pair that could not be checked is `{"pair", "exit", "error"}`),
//! `human` heads the report with `== NAME`, and `markdown` and `github` write the report as
//! it is; `sarif` writes one log whose `runs` hold a run per pair, each with its own
//! category (`automationDetails.id`, the summary's path), closed by [`BatchReport::finish`].
//! A pair that could not be checked writes nothing but its JSON line (its error goes to
//! standard error). `html` gives each checked pair a page of its own, in a file named after
//! its id ([`BatchReport::add`]), and an index page linking them ([`BatchReport::write_index`]).

use std::collections::{HashMap, HashSet};
use std::io;

use unicode_normalization::UnicodeNormalization;

use super::html::{self, escape};
use super::{Format, Style, json, plural, sarif, write};
use crate::error::Error;
use crate::exit;
use crate::model::{Report, Severity, printable};

/// The report of a batch, built pair by pair: each pair's report is written as it comes, and
/// its row kept for the closing table.
#[derive(Debug)]
pub struct BatchReport {
    /// The list of pairs, as given.
    list: String,
    format: Format,
    style: Style,
    fail_on: Option<Severity>,
    rows: Vec<Row>,
    /// Whether a SARIF log has been opened (before its first run).
    sarif_opened: bool,
    /// The file names given to HTML pages so far, lower-cased, and the index's.
    pages_taken: HashSet<String>,
    /// The number the next page of each stem (lower-cased) tries.
    page_numbers: HashMap<String, usize>,
}

/// One row of the closing table.
#[derive(Debug)]
struct Row {
    /// The pair's id, shown through [`printable`].
    name: String,
    exit: u8,
    /// Errors, warnings and info findings, and how many of those at or above the failure
    /// level are doubtful: under the minimum confidence, so that they do not fail the run
    /// (none when nothing fails). Those are always shown, so the count is the same whatever
    /// `--show` hides. When the pair could not be checked, why.
    counts: Result<[usize; 4], String>,
    /// The file name of the pair's page, in an HTML batch.
    page: Option<String>,
    /// Why the pair's sentences were not compared, when they were not: its two documents'
    /// languages ([`crate::lang::different`]).
    not_compared: Option<String>,
}

/// The index page's style: the table of pairs, a failing pair's row marked.
const INDEX_STYLE: &str = "body { font: 16px/1.5 system-ui, sans-serif; margin: 2em; }\n\
table { border-collapse: collapse; }\n\
th, td { padding: 0.3em 0.8em; border-bottom: 1px solid #ddd; text-align: left; }\n\
td:nth-child(n+2) { font-variant-numeric: tabular-nums; }\n\
tr.exit-1 td:first-child { border-left: 4px solid #c62828; }\n\
tr.exit-2 td:first-child { border-left: 4px solid #6d4c41; }\n";

/// The file name of an HTML batch's index page.
pub const INDEX_PAGE: &str = "index.html";

/// The most bytes of a pair's id a page's file name keeps: with a number, `.html` and the
/// temporary file's affixes, well under the 255 bytes a file name may have.
const PAGE_STEM_BYTES: usize = 120;

/// A pair's id as the stem of a file name that is safe anywhere: its letters and digits (in
/// NFC), `_`, and a `-` for each run of anything else, with none at either end; `pair` when
/// nothing is left, and `-pair` after a name Windows reserves. No separator, dot or control character survives, so no stem climbs out
/// of its folder (`../../x` is `x`) or makes a hidden file.
fn page_stem(id: &str) -> String {
    let mut stem = String::new();
    for c in id.nfc() {
        if stem.len() + c.len_utf8() > PAGE_STEM_BYTES {
            break;
        }
        if c.is_alphanumeric() || c == '_' {
            stem.push(c);
        } else if !stem.is_empty() && !stem.ends_with('-') {
            stem.push('-');
        }
    }
    let stem = stem.trim_end_matches('-');
    if stem.is_empty() {
        "pair".to_string()
    } else if is_reserved_on_windows(stem) {
        format!("{stem}-pair")
    } else {
        stem.to_string()
    }
}

/// Whether Windows reserves `stem` as a device name (`con`, `nul`, `com1`, …, whatever the
/// case), which no file there may be called.
fn is_reserved_on_windows(stem: &str) -> bool {
    let lower = stem.to_ascii_lowercase();
    let numbered = |port: &str| {
        lower.strip_prefix(port).is_some_and(|number| {
            let mut chars = number.chars();
            let digit = chars
                .next()
                .is_some_and(|c| c.is_ascii_digit() || "¹²³".contains(c));
            digit && chars.next().is_none()
        })
    };
    ["con", "prn", "aux", "nul"].contains(&lower.as_str()) || numbered("com") || numbered("lpt")
}

impl BatchReport {
    /// A batch of the pairs of `list` in `format`, whose pairs fail at `fail_on`.
    pub fn new(list: &str, format: Format, style: Style, fail_on: Option<Severity>) -> Self {
        BatchReport {
            list: list.to_string(),
            format,
            style,
            fail_on,
            rows: Vec::new(),
            sarif_opened: false,
            pages_taken: HashSet::from([INDEX_PAGE.to_string()]),
            page_numbers: HashMap::new(),
        }
    }

    /// Adds pair `name` to the closing table, given its report or why it could not be
    /// checked. In an HTML batch, a checked pair's page gets a file name, which this returns:
    /// its id made safe ([`page_stem`]), without the folder of pairs it starts with, and
    /// `.html`, numbered (`-2`, `-3`, …) when another
    /// page has it already, whatever the case, or it is the index's.
    pub fn add(&mut self, name: &str, result: &Result<Report, Error>) -> Option<String> {
        let exit = exit::for_pair(result, self.fail_on);
        let counts = match result {
            Ok(report) => {
                let doubtful = self.fail_on.map_or(0, |level| {
                    (0..report.findings.len())
                        .filter(|&i| report.findings[i].severity >= level && report.is_doubtful(i))
                        .count()
                });
                let [errors, warnings, info] =
                    [Severity::Error, Severity::Warning, Severity::Info].map(|s| report.count(s));
                Ok([errors, warnings, info, doubtful])
            }
            Err(error) => Err(printable(&error.to_string()).into_owned()),
        };
        let page = (self.format == Format::Html && result.is_ok()).then(|| {
            let stem = page_stem(name.strip_prefix(&self.list).unwrap_or(name));
            // Numbering goes on from the stem's last number, so that many pairs of one id
            // cost each a step or so, not a search from 1.
            let next = self.page_numbers.entry(stem.to_lowercase()).or_insert(1);
            loop {
                let file = match *next {
                    1 => format!("{stem}.html"),
                    n => format!("{stem}-{n}.html"),
                };
                *next += 1;
                if self.pages_taken.insert(file.to_lowercase()) {
                    break file;
                }
            }
        });
        let not_compared = result.as_ref().ok().and_then(|report| {
            let (summary, source) = crate::lang::different(&report.summary, &report.source)?;
            Some(format!(
                "not compared: a summary in {summary}, a source in {source}"
            ))
        });
        self.rows.push(Row {
            name: printable(name).into_owned(),
            exit,
            counts,
            page: page.clone(),
            not_compared,
        });
        page
    }

    /// Writes what pair `name`, just added, writes into `out`: its report in the format's
    /// batch form, or, in an HTML batch, its page.
    pub fn write_pair(
        &mut self,
        name: &str,
        result: &Result<Report, Error>,
        out: &mut dyn io::Write,
    ) -> io::Result<()> {
        let exit = exit::for_pair(result, self.fail_on);
        match (result, self.format) {
            (Ok(report), Format::Json) => json::write_line(report, name, exit, out),
            (Ok(report), Format::Human) => {
                writeln!(out, "== {}", printable(name))?;
                write(report, self.format, self.style, out)
            }
            (Ok(report), Format::Sarif) => {
                if self.sarif_opened {
                    out.write_all(b",\n")?;
                } else {
                    sarif::write_batch_start(out)?;
                    self.sarif_opened = true;
                }
                sarif::write_run(report, sarif::Wrapping::Element, out)
            }
            (Ok(report), Format::Html) => html::write_batch_page(report, name, out),
            (Ok(report), format) => write(report, format, self.style, out),
            (Err(error), Format::Json) => json::write_error_line(name, exit, error, out),
            (Err(_), _) => Ok(()),
        }
    }

    /// Writes the index page of an HTML batch: the list, then a row per pair with its exit
    /// code and counts, linked to its page, or why it could not be checked.
    pub fn write_index(&self, out: &mut dyn io::Write) -> io::Result<()> {
        let list = escape(&printable(&self.list));
        write!(
            out,
            "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
             <title>crosscheck: {list}</title>\n<style>\n{INDEX_STYLE}</style></head><body>\n\
             <h1>crosscheck: {list}</h1>\n<p>{}, exit code {}</p>\n<table>\n\
             <thead><tr><th>pair</th><th>exit</th><th>errors</th><th>warnings</th>\
             <th>info</th><th>doubtful</th></tr></thead>\n<tbody>\n",
            plural(self.rows.len(), "pair"),
            self.exit_code()
        )?;
        for (number, row) in self.rows.iter().enumerate() {
            let name = match row.name.trim() {
                "" => format!("(pair {}, no name)", number + 1),
                _ => escape(&row.name),
            };
            let mut pair = match &row.page {
                Some(page) => format!("<a href=\"{}\">{name}</a>", escape(page)),
                None => name,
            };
            if let Some(why) = &row.not_compared {
                pair.push_str(&format!(" <em>({})</em>", escape(why)));
            }
            let cells = match &row.counts {
                Ok(counts) => counts.map(|n| format!("<td>{n}</td>")).concat(),
                Err(why) => format!("<td colspan=\"4\">not checked: {}</td>", escape(why)),
            };
            writeln!(
                out,
                "<tr class=\"exit-{}\"><td>{pair}</td><td>{}</td>{cells}</tr>",
                row.exit, row.exit
            )?;
        }
        out.write_all(b"</tbody></table>\n</body></html>\n")
    }

    /// Writes what closes the batch's output once every pair is added: the end of a SARIF
    /// log (the whole log, with no runs, when no pair could be checked); nothing otherwise.
    pub fn finish(&mut self, out: &mut dyn io::Write) -> io::Result<()> {
        if self.format != Format::Sarif {
            return Ok(());
        }
        if !self.sarif_opened {
            sarif::write_batch_start(out)?;
            self.sarif_opened = true;
        }
        sarif::write_batch_end(out)
    }

    /// The batch's exit code: its worst pair's ([`exit::for_batch`]).
    pub fn exit_code(&self) -> u8 {
        exit::for_batch(self.rows.iter().map(|row| row.exit))
    }

    /// The closing table: per pair, its exit code, its findings by severity and how many of
    /// them are doubtful, then the number of pairs and the batch's exit code.
    pub fn table(&self) -> String {
        let width = self
            .rows
            .iter()
            .map(|r| r.name.chars().count())
            .max()
            .unwrap_or(0)
            .max(4);
        let mut out = format!(
            "{:<width$}  exit  errors  warnings  info  doubtful\n",
            "pair"
        );
        for row in &self.rows {
            let counts = match row.counts {
                Ok([errors, warnings, info, doubtful]) => {
                    format!("{errors:>6}  {warnings:>8}  {info:>4}  {doubtful:>8}")
                }
                Err(_) => "  (not checked: input error)".to_string(),
            };
            let why = row
                .not_compared
                .as_ref()
                .map_or(String::new(), |why| format!("  ({why})"));
            out.push_str(&format!(
                "{:<width$}  {:>4}  {counts}{why}\n",
                row.name, row.exit
            ));
        }
        out.push_str(&format!(
            "{}, exit code {}\n",
            plural(self.rows.len(), "pair"),
            self.exit_code()
        ));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_stems_keep_letters_and_digits_only() {
        assert_eq!(page_stem("../../x"), "x");
        assert_eq!(page_stem("2025/10-26 Hà Nội.txt"), "2025-10-26-Hà-Nội-txt");
        assert_eq!(page_stem("Ha\u{300} No\u{323}\u{302}i"), "Hà-Nội", "NFC");
        assert_eq!(page_stem(".hidden"), "hidden");
        assert_eq!(page_stem("\u{202e}\u{0}/\\:*?"), "pair");
        assert_eq!(page_stem("CON"), "CON-pair", "a device name on Windows");
        assert_eq!(page_stem("lpt1"), "lpt1-pair");
        assert_eq!(page_stem("console"), "console");
        assert_eq!(page_stem("COM¹"), "COM¹-pair");
        assert_eq!(page_stem(&"a".repeat(500)).len(), PAGE_STEM_BYTES);
        let wide = page_stem(&"中".repeat(80));
        assert!(
            wide.len() <= PAGE_STEM_BYTES && wide.starts_with("中中"),
            "{wide}"
        );
    }
}
