//! The command line as clap reads it (a plain mirror of the flags), and the step from flags to
//! a validated [`Config`]: the defaults, then `crosscheck.toml`, then the flags.

use std::io::{self, IsTerminal};
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use crosscheck::config::{self, FailOn, Overrides};
use crosscheck::lang::Language;
use crosscheck::report::{AlignmentFormat, Format, Style};
use crosscheck::{Config, Error, Severity, SourceKind};

/// Check a news report (the summary) against the transcript it reports on (the source).
#[derive(Parser, Debug)]
#[command(name = "crosscheck", version, about)]
pub(crate) struct Args {
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Subcommand, Debug)]
pub(crate) enum Command {
    /// Align the summary with the source and report every difference.
    Check(Check),
    /// Accept every current finding: write a baseline for `check --baseline`; or bring one
    /// up to date (`--update`).
    Baseline {
        #[command(flatten)]
        pair: Pair,
        /// Where to write the baseline.
        #[arg(
            long,
            short,
            required_unless_present = "update",
            conflicts_with = "update"
        )]
        output: Option<PathBuf>,
        /// Bring this baseline up to date: keep its entries that still match a finding, drop
        /// the stale ones (rules renamed, accepted words changed), and write it back.
        #[arg(long, value_name = "FILE")]
        update: Option<PathBuf>,
        /// With --update, also accept the findings the baseline does not list yet.
        // `requires` alone would let `--add-new -o FILE` through: clap waives a required
        // argument that conflicts with one given.
        #[arg(long, requires = "update", conflicts_with = "output")]
        add_new: bool,
    },
    /// Show what each finding's confidence is made of: the model that rated it, and each
    /// feature's value, weight and part.
    Explain {
        #[command(flatten)]
        pair: Pair,
        /// Only this finding: by its place in the report (1 is the first), or by the
        /// fingerprint its report gives to accept it (16 hex digits).
        #[arg(long, value_name = "N|FINGERPRINT")]
        finding: Option<String>,
    },
    /// Show the sentence alignment as a table.
    Align {
        #[command(flatten)]
        pair: Pair,
        /// Output format: a table as wide as the terminal, or JSON.
        #[arg(long, value_enum, default_value_t)]
        format: AlignmentFormat,
        /// Write the alignment to this file instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Print a completion script for a shell: `crosscheck completions bash >
    /// ~/.local/share/bash-completion/completions/crosscheck`.
    Completions {
        /// The shell the script is for.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print a manual page (roff): `crosscheck man check > crosscheck-check.1`, then
    /// `man ./crosscheck-check.1`.
    Man {
        /// The command whose page to print (`check`, `baseline`, …); the overview of every
        /// command when left out.
        command: Option<String>,
    },
}

/// The flags of `crosscheck check`.
#[derive(clap::Args, Debug)]
pub(crate) struct Check {
    /// The report to check (a news article); `-` reads standard input.
    #[arg(required_unless_present = "pairs")]
    pub(crate) summary: Option<PathBuf>,
    /// What it reports on (the full transcript); `-` reads standard input. Several sources
    /// (the speech, the press release) are checked as one: a summary sentence is supported
    /// by any of them, and every finding names its file.
    #[arg(required_unless_present = "pairs", value_name = "SOURCE")]
    pub(crate) sources: Vec<PathBuf>,
    /// Check many pairs, in parallel: a .toml or .json list of pairs, a directory of
    /// folders each with a summary and a source (`article.txt`, `speech.srt`, …), or `-` for
    /// JSON Lines on standard input.
    #[arg(long, value_name = "LIST|DIR|-", conflicts_with_all = ["summary", "sources", "baseline"])]
    pub(crate) pairs: Option<PathBuf>,
    /// Let a list of pairs name absolute paths and paths outside its folder (the working
    /// directory for `-`); by default such a pair is refused.
    #[arg(long, requires = "pairs")]
    pub(crate) allow_outside_paths: bool,
    #[command(flatten)]
    pub(crate) settings: Settings,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human, env = "CROSSCHECK_FORMAT")]
    pub(crate) format: Format,
    /// Findings at or above this severity make the exit code 1 [default: error].
    #[arg(long, value_enum, env = "CROSSCHECK_FAIL_ON")]
    pub(crate) fail_on: Option<FailOn>,
    /// Show findings at or above this severity, in every format, and count the rest
    /// [default: info, everything]. Findings at or above --fail-on are always shown, and the
    /// exit code is decided from all findings.
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub(crate) show: Option<Severity>,
    /// Findings rated less sure than this (0 to 1) are shown but do not fail the run
    /// [default: the level chosen on the training data]; 0 counts every finding.
    #[arg(long, value_name = "0..1", value_parser = parse_share)]
    pub(crate) min_confidence: Option<f64>,
    /// `--show error`, and the human format prints the findings only (no header of paths,
    /// counts, limits and baseline).
    #[arg(long, short, conflicts_with = "show")]
    pub(crate) quiet: bool,
    /// Write the report to this file instead of standard output; with --pairs and --format
    /// html, the folder for a page per pair and their index.
    #[arg(long, short)]
    pub(crate) output: Option<PathBuf>,
    /// Colour in the human format.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub(crate) color: Color,
    /// Findings this baseline accepts do not fail the run; its stale entries are listed.
    #[arg(long, value_name = "FILE")]
    pub(crate) baseline: Option<PathBuf>,
}

/// The narrowest width output is drawn at, however narrow the terminal.
const LEAST_WIDTH: usize = 40;

/// The width to draw at: the terminal's, when standard output is one and the report goes
/// there (not to `output`); else the default ([`Style::default`]).
pub(crate) fn width(output: Option<&std::path::Path>) -> usize {
    let terminal = output.is_none() && io::stdout().is_terminal();
    (terminal.then(terminal_size::terminal_size).flatten())
        .map_or(Style::default().width, |(columns, _)| {
            usize::from(columns.0).max(LEAST_WIDTH)
        })
}

/// The two files every command compares.
#[derive(clap::Args, Debug)]
pub(crate) struct Pair {
    /// The report to check (a news article); `-` reads standard input.
    pub(crate) summary: PathBuf,
    /// What it reports on (the full transcript); `-` reads standard input. Several sources
    /// are checked as one.
    #[arg(required = true, value_name = "SOURCE")]
    pub(crate) sources: Vec<PathBuf>,
    #[command(flatten)]
    pub(crate) settings: Settings,
}

/// Settings shared by every command; each flag wins over `crosscheck.toml`.
#[derive(clap::Args, Debug)]
pub(crate) struct Settings {
    /// Settings file [default: the nearest crosscheck.toml from the working directory up].
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub(crate) config: Option<PathBuf>,
    /// Ignore any crosscheck.toml.
    #[arg(long)]
    pub(crate) no_config: bool,
    /// The source's speaker, when the transcript does not name them.
    #[arg(long, env = "CROSSCHECK_SPEAKER")]
    pub(crate) speaker: Option<String>,
    /// The documents' date (YYYY-MM-DD) for relative dates, when they have no `date` header.
    #[arg(long, value_parser = parse_date_arg)]
    pub(crate) date: Option<time::Date>,
    /// What the source is: a speaker's transcript (default), or another report of the same
    /// events.
    #[arg(long, value_enum)]
    pub(crate) source_kind: Option<SourceKind>,
    /// The language whose rules both files are read with, the three crosscheck has word lists
    /// for; nothing is detected then [default: detected in each, and a file in another
    /// language, or two files in different ones, said so].
    #[arg(long, value_enum)]
    pub(crate) language: Option<Language>,
    /// Stop aligning after this many milliseconds; the report lists what was not checked,
    /// and the run fails (exit code 1) unless `--fail-on never`.
    #[arg(long, value_name = "MS")]
    pub(crate) time_limit_ms: Option<u64>,
    /// The summary follows the source's order (a plain-language version): links that go back
    /// in the source are dropped.
    #[arg(long)]
    pub(crate) in_order: bool,
    /// The summary must be grounded in the source alone (an abstract, a machine summary, a
    /// brief of one document): every detail the source never gives is an error, not a warning.
    #[arg(long)]
    pub(crate) grounded: bool,
    /// The source is part of the occasion (the opening of a speech, the part an outlet
    /// printed): quotes and claims credited to the speaker that it lacks are warnings, not
    /// errors.
    #[arg(long)]
    pub(crate) excerpt: bool,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub(crate) enum Color {
    Auto,
    Always,
    Never,
}

impl Check {
    /// The human format's style: colour when asked, or by default on a terminal without
    /// `NO_COLOR` when writing to standard output.
    pub(crate) fn style(&self) -> Style {
        let color = match self.color {
            Color::Always => true,
            Color::Never => false,
            Color::Auto => {
                self.output.is_none()
                    && io::stdout().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none()
            }
        };
        Style {
            color,
            header: !self.quiet,
            width: width(self.output.as_deref()),
        }
    }

    /// The command's own settings over the shared ones: `--fail-on`, `--min-confidence`, and
    /// `--show` (or `--quiet`).
    pub(crate) fn overrides(&self) -> Overrides {
        Overrides {
            fail_on: self.fail_on,
            min_confidence: self.min_confidence,
            show: if self.quiet {
                Some(Severity::Error)
            } else {
                self.show
            },
            ..Overrides::default()
        }
    }
}

/// A share from 0 to 1 (`--min-confidence`); anything else, NaN included, is a usage error.
fn parse_share(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(value) if (0.0..=1.0).contains(&value) => Ok(value + 0.0),
        _ => Err(format!("not a share from 0 to 1: {text}")),
    }
}

fn parse_date_arg(text: &str) -> Result<time::Date, String> {
    config::parse_date(text).ok_or_else(|| format!("not a date (YYYY-MM-DD): {text}"))
}

impl Settings {
    /// The configuration: the defaults, then the configuration file, then these flags and
    /// the command's own (`command`, as [`Check::overrides`]).
    pub(crate) fn config(&self, command: Overrides) -> Result<Config, Error> {
        let file = match &self.config {
            Some(path) => Some(path.clone()),
            None if self.no_config => None,
            None => std::env::current_dir()
                .ok()
                .and_then(|dir| config::discover(&dir)),
        };
        let mut config = match file {
            Some(path) => config::load(&path, Config::default())?,
            None => Config::default(),
        };
        Overrides {
            speaker: self.speaker.clone(),
            date: self.date,
            source_kind: self.source_kind,
            language: self.language,
            time_limit_ms: self.time_limit_ms,
            in_order: self.in_order.then_some(true),
            grounded: self.grounded.then_some(true),
            excerpt: self.excerpt.then_some(true),
            ..command
        }
        .apply(&mut config);
        config.validate()?;
        Ok(config)
    }
}
