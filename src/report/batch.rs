//! What a batch (`check --pairs`) writes: each pair's report in the format's batch form, as
//! the pairs come, and a closing table of counts per pair.
//!
//! Per pair, `json` writes one line of JSON Lines (the JSON document, compact, led by
//! `"pair"` and `"exit"`; a pair that could not be checked is `{"pair", "exit", "error"}`),
//! `human` heads the report with `== NAME`, and `markdown` and `github` write the report as
//! it is; `sarif` writes one log whose `runs` hold a run per pair, each with its own
//! category (`automationDetails.id`, the summary's path), closed by [`BatchReport::finish`].
//! A pair that could not be checked writes nothing but its JSON line (its error goes to
//! standard error). `html` makes one page per report, so a batch refuses it.

use std::io;
use std::path::Path;

use super::{Format, Style, json, sarif, write};
use crate::error::Error;
use crate::exit;
use crate::model::{Report, Severity, printable};

/// The report of a batch, built pair by pair: each pair's report is written as it comes, and
/// its row kept for the closing table.
#[derive(Debug)]
pub struct BatchReport {
    format: Format,
    style: Style,
    fail_on: Option<Severity>,
    rows: Vec<Row>,
    /// Whether a SARIF log has been opened (before its first run).
    sarif_opened: bool,
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
    /// `--show` hides. `None` when the pair could not be checked.
    counts: Option<[usize; 4]>,
}

impl BatchReport {
    /// A batch of the pairs of `list` in `format`, whose pairs fail at `fail_on`; an error
    /// naming `list` for HTML, which makes one page per report.
    pub fn new(
        list: &Path,
        format: Format,
        style: Style,
        fail_on: Option<Severity>,
    ) -> Result<Self, Error> {
        if format == Format::Html {
            return Err(Error::Pairs {
                path: list.display().to_string(),
                message: "--format html makes one page per pair; with --pairs use json (JSON \
                          Lines), sarif (one log), human, markdown or github"
                    .into(),
            });
        }
        Ok(BatchReport {
            format,
            style,
            fail_on,
            rows: Vec::new(),
            sarif_opened: false,
        })
    }

    /// Adds pair `name` to the closing table, given its report or why it could not be
    /// checked, then writes what the pair writes into `out`; the only errors are `out`'s, and
    /// the pair is in the table even when writing fails.
    pub fn add(
        &mut self,
        name: &str,
        result: &Result<Report, Error>,
        out: &mut dyn io::Write,
    ) -> io::Result<()> {
        let exit = exit::for_pair(result, self.fail_on);
        self.rows.push(Row {
            name: printable(name).into_owned(),
            exit,
            counts: result.as_ref().ok().map(|report| {
                let doubtful = self.fail_on.map_or(0, |level| {
                    (0..report.findings.len())
                        .filter(|&i| report.findings[i].severity >= level && report.is_doubtful(i))
                        .count()
                });
                let [errors, warnings, info] =
                    [Severity::Error, Severity::Warning, Severity::Info].map(|s| report.count(s));
                [errors, warnings, info, doubtful]
            }),
        });
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
            (Ok(report), format) => write(report, format, self.style, out),
            (Err(error), Format::Json) => json::write_error_line(name, exit, error, out),
            (Err(_), _) => Ok(()),
        }
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
                Some([errors, warnings, info, doubtful]) => {
                    format!("{errors:>6}  {warnings:>8}  {info:>4}  {doubtful:>8}")
                }
                None => "  (not checked: input error)".to_string(),
            };
            out.push_str(&format!(
                "{:<width$}  {:>4}  {counts}\n",
                row.name, row.exit
            ));
        }
        out.push_str(&format!(
            "{} pairs, exit code {}\n",
            self.rows.len(),
            self.exit_code()
        ));
        out
    }
}
