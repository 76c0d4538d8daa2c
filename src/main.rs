//! The `crosscheck` command: parses arguments, runs the library, writes the report and maps
//! the result to an exit code.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand, ValueEnum};
use crosscheck::config::FailOn;
use crosscheck::lang::Language;
use crosscheck::report::{Format, Style, render, render_alignment};
use crosscheck::{Config, Error, SourceKind, exit, read};

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
    Check {
        #[command(flatten)]
        pair: Pair,
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
    },
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
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

fn main() -> ExitCode {
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
        Command::Check {
            pair,
            format,
            fail_on,
            output,
            color,
            baseline,
        } => {
            let mut config = pair.settings.config()?;
            if let Some(fail_on) = fail_on {
                config.fail_on = fail_on.severity();
            }
            let mut report = pair.check(&config)?;
            if let Some(path) = baseline {
                crosscheck::baseline::apply(&mut report, &read_baseline(&path, config.max_bytes)?);
            }
            let color = match color {
                Color::Always => true,
                Color::Never => false,
                Color::Auto => {
                    output.is_none()
                        && io::stdout().is_terminal()
                        && std::env::var_os("NO_COLOR").is_none()
                }
            };
            let text = render(
                &report,
                format,
                Style {
                    color,
                    ..Style::default()
                },
            );
            write_output(output.as_deref(), &text)?;
            let fails = matches!((config.fail_on, report.worst_severity()), (Some(level), Some(worst)) if worst >= level);
            Ok(if fails { exit::FINDINGS } else { exit::CLEAN })
        }
        Command::Baseline { pair, output } => {
            let report = pair.check(&pair.settings.config()?)?;
            let baseline = crosscheck::baseline::record(&report);
            let mut text = serde_json::to_string_pretty(&baseline).expect("a baseline serializes");
            text.push('\n');
            write_output(Some(&output), &text)?;
            Ok(exit::CLEAN)
        }
        Command::Align { pair } => {
            let report = pair.check(&pair.settings.config()?)?;
            write_output(None, &render_alignment(&report))?;
            Ok(exit::CLEAN)
        }
    }
}

/// Reads a baseline file.
fn read_baseline(path: &Path, max_bytes: u64) -> Result<crosscheck::baseline::Baseline, Error> {
    let input = read::read(path, max_bytes)?;
    serde_json::from_str(&input.text).map_err(|e| Error::Baseline {
        path: input.path,
        message: e.to_string(),
    })
}

fn parse_date_arg(text: &str) -> Result<time::Date, String> {
    crosscheck::config::parse_date(text).ok_or_else(|| format!("not a date (YYYY-MM-DD): {text}"))
}

impl Settings {
    /// The configuration: the defaults, then the configuration file, then these flags.
    fn config(&self) -> Result<Config, Error> {
        let file = match (&self.config, self.no_config) {
            (Some(path), _) => Some(path.clone()),
            (None, false) => std::env::current_dir()
                .ok()
                .and_then(|dir| crosscheck::config::discover(&dir)),
            (None, true) => None,
        };
        let mut config = match file {
            Some(path) => crosscheck::config::load(&path, Config::default())?,
            None => Config::default(),
        };
        if self.speaker.is_some() {
            config.speaker.clone_from(&self.speaker);
        }
        if self.date.is_some() {
            config.date = self.date;
        }
        if let Some(kind) = self.source_kind {
            config.source_kind = kind;
        }
        if self.language.is_some() {
            config.language = self.language;
        }
        if let Some(ms) = self.time_limit_ms {
            config.time_limit = Some(Duration::from_millis(ms));
        }
        Ok(config)
    }
}

impl Pair {
    fn check(&self, config: &Config) -> Result<crosscheck::Report, Error> {
        let summary = read::read(&self.summary, config.max_bytes)?;
        let source = read::read(&self.source, config.max_bytes)?;
        Ok(crosscheck::check(&summary, &source, config))
    }
}

/// Writes the report to standard output (a closed pipe is not an error) or, through a
/// temporary file renamed into place, to `path`, so that a failure never leaves half a report.
fn write_output(path: Option<&Path>, text: &str) -> Result<(), Error> {
    let Some(path) = path else {
        return match io::stdout().lock().write_all(text.as_bytes()) {
            Err(error) if error.kind() != io::ErrorKind::BrokenPipe => Err(Error::Output {
                path: "<stdout>".into(),
                source: error,
            }),
            _ => Ok(()),
        };
    };
    let output_error = |source| Error::Output {
        path: path.display().to_string(),
        source,
    };
    let file_name = path.file_name().ok_or_else(|| {
        output_error(io::Error::new(
            io::ErrorKind::InvalidInput,
            "not a file name",
        ))
    })?;
    let mut temporary_name = std::ffi::OsString::from(".");
    temporary_name.push(file_name);
    temporary_name.push(format!(".{}.tmp", std::process::id()));
    let temporary = path.with_file_name(temporary_name);
    let written = std::fs::write(&temporary, text).and_then(|()| std::fs::rename(&temporary, path));
    if let Err(error) = written {
        let _ = std::fs::remove_file(&temporary);
        return Err(output_error(error));
    }
    Ok(())
}
