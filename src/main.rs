//! The `crosscheck` command: parses arguments, runs the library, writes the report and maps
//! the result to an exit code.

use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use crosscheck::config::{self, FailOn, Overrides};
use crosscheck::lang::Language;
use crosscheck::output::{self, Sink};
use crosscheck::report::{BatchReport, Format, Style, render, render_alignment};
use crosscheck::{Config, Error, SourceKind, baseline, batch, check_files, exit};
use indicatif::ProgressBar;

/// Check a news report (the summary) against the transcript it reports on (the source).
#[derive(Parser, Debug)]
#[command(name = "crosscheck", version, about)]
struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Align the summary with the source and report every difference.
    Check(Check),
    /// Accept every current finding: write a baseline for `check --baseline`.
    Baseline {
        #[command(flatten)]
        pair: Pair,
        /// Where to write the baseline.
        #[arg(long, short)]
        output: PathBuf,
    },
    /// Show the sentence alignment as a table.
    Align {
        #[command(flatten)]
        pair: Pair,
    },
}

/// The flags of `crosscheck check`.
#[derive(clap::Args, Debug)]
struct Check {
    /// The report to check (a news article).
    #[arg(required_unless_present = "pairs")]
    summary: Option<PathBuf>,
    /// What it reports on (the full transcript).
    #[arg(required_unless_present = "pairs")]
    source: Option<PathBuf>,
    /// Check many pairs, in parallel: a .toml or .json list of pairs, a directory of
    /// NAME/summary.txt with NAME/source.txt, or `-` for JSON Lines on standard input.
    #[arg(long, value_name = "LIST|DIR|-", conflicts_with_all = ["summary", "source", "baseline"])]
    pairs: Option<PathBuf>,
    #[command(flatten)]
    settings: Settings,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human, env = "CROSSCHECK_FORMAT")]
    format: Format,
    /// Findings at or above this severity make the exit code 1 [default: error].
    #[arg(long, value_enum, env = "CROSSCHECK_FAIL_ON")]
    fail_on: Option<FailOn>,
    /// Write the report to this file instead of standard output.
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// Colour in the human format.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
    /// Findings this baseline accepts do not fail the run; its stale entries are listed.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
}

/// The two files every command compares.
#[derive(clap::Args, Debug)]
struct Pair {
    /// The report to check (a news article).
    summary: PathBuf,
    /// What it reports on (the full transcript).
    source: PathBuf,
    #[command(flatten)]
    settings: Settings,
}

/// Settings shared by every command; each flag wins over `crosscheck.toml`.
#[derive(clap::Args, Debug)]
struct Settings {
    /// Settings file [default: the nearest crosscheck.toml from the working directory up].
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    config: Option<PathBuf>,
    /// Ignore any crosscheck.toml.
    #[arg(long)]
    no_config: bool,
    /// The source's speaker, when the transcript does not name them.
    #[arg(long, env = "CROSSCHECK_SPEAKER")]
    speaker: Option<String>,
    /// The documents' date (YYYY-MM-DD) for relative dates, when they have no `date` header.
    #[arg(long, value_parser = parse_date_arg)]
    date: Option<time::Date>,
    /// What the source is: a speaker's transcript (default), or another report of the same
    /// events.
    #[arg(long, value_enum)]
    source_kind: Option<SourceKind>,
    /// The language of both files [default: detected in each].
    #[arg(long, value_enum)]
    language: Option<Language>,
    /// Stop aligning after this many milliseconds; the report lists what was not checked.
    #[arg(long, value_name = "MS")]
    time_limit_ms: Option<u64>,
    /// The summary follows the source's order (a plain-language version): links that go back
    /// in the source are dropped.
    #[arg(long)]
    in_order: bool,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

fn main() -> ExitCode {
    // Error messages name paths: never wrap them mid-path.
    let _ = miette::set_hook(Box::new(|_| {
        Box::new(miette::MietteHandlerOpts::new().wrap_lines(false).build())
    }));
    let args = Args::parse();
    match run(args) {
        Ok(code) => ExitCode::from(code),
        Err(error) => {
            eprintln!("{:?}", miette::Report::new(error));
            ExitCode::from(exit::INPUT_ERROR)
        }
    }
}

fn run(args: Args) -> Result<u8, Error> {
    match args.command {
        Command::Check(check) => {
            let config = check.settings.config(check.fail_on)?;
            let color = match check.color {
                Color::Always => true,
                Color::Never => false,
                Color::Auto => {
                    check.output.is_none()
                        && io::stdout().is_terminal()
                        && std::env::var_os("NO_COLOR").is_none()
                }
            };
            let style = Style {
                color,
                ..Style::default()
            };
            let output = check.output.as_deref();
            let (Some(summary), Some(source)) = (check.summary, check.source) else {
                let list = check.pairs.expect("clap requires the files or --pairs");
                let batch = BatchReport::new(&list, check.format, style, config.fail_on)?;
                return run_batch(&list, &config, batch, output);
            };
            let mut report = check_files(&summary, &source, &config)?;
            if let Some(path) = check.baseline {
                baseline::apply(&mut report, &baseline::read(&path, config.max_bytes)?);
            }
            output::write(output, &render(&report, check.format, style))?;
            Ok(exit::for_report(&report, config.fail_on))
        }
        Command::Baseline { pair, output } => {
            let report = check_files(&pair.summary, &pair.source, &pair.settings.config(None)?)?;
            output::write(Some(&output), &baseline::record(&report).to_json())?;
            Ok(exit::CLEAN)
        }
        Command::Align { pair } => {
            let report = check_files(&pair.summary, &pair.source, &pair.settings.config(None)?)?;
            output::write(None, &render_alignment(&report))?;
            Ok(exit::CLEAN)
        }
    }
}

fn parse_date_arg(text: &str) -> Result<time::Date, String> {
    config::parse_date(text).ok_or_else(|| format!("not a date (YYYY-MM-DD): {text}"))
}

impl Settings {
    /// The configuration: the defaults, then the configuration file, then these flags and
    /// the command's `--fail-on`.
    fn config(&self, fail_on: Option<FailOn>) -> Result<Config, Error> {
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
            fail_on,
            speaker: self.speaker.clone(),
            date: self.date,
            source_kind: self.source_kind,
            language: self.language,
            time_limit_ms: self.time_limit_ms,
            in_order: self.in_order.then_some(true),
            ..Overrides::default()
        }
        .apply(&mut config);
        config.validate()?;
        Ok(config)
    }
}

/// `crosscheck check --pairs`: every pair checked in parallel, reports written in input
/// order ([`BatchReport`]), a progress bar when standard error is a terminal, then the
/// closing table on standard error. The exit code is the worst pair's.
fn run_batch(
    list: &Path,
    config: &Config,
    mut report: BatchReport,
    output: Option<&Path>,
) -> Result<u8, Error> {
    let (pairs, total) = batch::open(list)?;
    let progress = match total {
        _ if !io::stderr().is_terminal() => ProgressBar::hidden(),
        Some(total) => ProgressBar::new(total as u64),
        None => ProgressBar::new_spinner(),
    };
    let mut sink = Sink::open(output)?;
    batch::run(pairs, config, |outcome| {
        progress.inc(1);
        let text = report.add(&outcome.name, &outcome.result);
        if let Err(error) = outcome.result {
            progress.suspend(|| eprintln!("{:?}", miette::Report::new(error)));
        }
        sink.write(&text);
    });
    progress.finish_and_clear();
    sink.finish()?;
    eprint!("{}", report.table());
    Ok(report.exit_code())
}
