//! What a batch (`check --pairs`) writes: each pair's report in the format's batch form, as
//! the pairs come, and a closing table of counts per pair.
//!
//! Per pair, `json` writes one line of JSON Lines (the JSON document, compact, led by
//! `"pair"` and `"exit"`; a pair that could not be checked is `{"pair", "exit", "error"}`),
//! `human` heads the report with `== NAME`, and `markdown` and `github` write the report as
//! it is; a pair that could not be checked writes nothing but its JSON line. `sarif` and
//! `html` make one document per run, so a batch refuses them.

use std::io;
use std::path::Path;

use super::{Format, Style, json, write};
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
    /// naming `list` when the format makes one document per run (SARIF, HTML).
    pub fn new(
        list: &Path,
        format: Format,
        style: Style,
        fail_on: Option<Severity>,
    ) -> Result<Self, Error> {
        if matches!(format, Format::Sarif | Format::Html) {
            return Err(Error::Pairs {
                path: list.display().to_string(),
                message: "--format sarif and html make one document per pair; with --pairs use \
                          json (JSON Lines), human, markdown or github"
                    .into(),
            });
        }
        Ok(BatchReport {
            format,
            style,
            fail_on,
            rows: Vec::new(),
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
            (Ok(report), format) => write(report, format, self.style, out),
            (Err(error), Format::Json) => json::write_error_line(name, exit, error, out),
            (Err(_), _) => Ok(()),
        }
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
