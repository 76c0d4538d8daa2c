//! The `crosscheck` command: parses arguments, runs the library, writes the report and maps
//! the result to an exit code.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use crosscheck::config::{FailOn, Overrides};
use crosscheck::lang::Language;
use crosscheck::report::{
    Format, Style, render, render_alignment, render_json_error_line, render_json_line,
};
use crosscheck::{Config, Error, Severity, SourceKind, batch, exit, read};
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
    Check {
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
        Command::Check {
            summary,
            source,
            pairs,
            settings,
            format,
            fail_on,
            output,
            color,
            baseline,
        } => {
            let config = settings.config(fail_on)?;
            let color = match color {
                Color::Always => true,
                Color::Never => false,
                Color::Auto => {
                    output.is_none()
                        && io::stdout().is_terminal()
                        && std::env::var_os("NO_COLOR").is_none()
                }
            };
            let style = Style {
                color,
                ..Style::default()
            };
            let (Some(summary), Some(source)) = (summary, source) else {
                let list = pairs.expect("clap requires the files or --pairs");
                return run_batch(&list, &config, format, style, output.as_deref());
            };
            let mut report = check_files(&summary, &source, &config)?;
            if let Some(path) = baseline {
                crosscheck::baseline::apply(&mut report, &read_baseline(&path, config.max_bytes)?);
            }
            write_output(output.as_deref(), &render(&report, format, style))?;
            Ok(exit::for_report(&report, config.fail_on))
        }
        Command::Baseline { pair, output } => {
            let report = check_files(&pair.summary, &pair.source, &pair.settings.config(None)?)?;
            let baseline = crosscheck::baseline::record(&report);
            let mut text = serde_json::to_string_pretty(&baseline).expect("a baseline serializes");
            text.push('\n');
            write_output(Some(&output), &text)?;
            Ok(exit::CLEAN)
        }
        Command::Align { pair } => {
            let report = check_files(&pair.summary, &pair.source, &pair.settings.config(None)?)?;
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
    /// The configuration: the defaults, then the configuration file, then these flags and
    /// the command's `--fail-on`.
    fn config(&self, fail_on: Option<FailOn>) -> Result<Config, Error> {
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
        Ok(config)
    }
}

/// Reads two files and checks them.
fn check_files(
    summary: &Path,
    source: &Path,
    config: &Config,
) -> Result<crosscheck::Report, Error> {
    let summary = read::read(summary, config.max_bytes)?;
    let source = read::read(source, config.max_bytes)?;
    Ok(crosscheck::check(&summary, &source, config))
}

/// Writes a whole report to standard output or to `path` ([`Sink`]).
fn write_output(path: Option<&Path>, text: &str) -> Result<(), Error> {
    let mut sink = Sink::open(path)?;
    sink.write(text)?;
    sink.finish()
}

/// Where reports go: standard output (a closed pipe is not an error), or a temporary file
/// beside `path`, renamed into place when complete, so that a failure never leaves half a
/// report. Dropped unfinished, it removes the temporary file.
enum Sink {
    Stdout(io::Stdout),
    File {
        file: io::BufWriter<std::fs::File>,
        temporary: PathBuf,
        path: PathBuf,
    },
}

impl Sink {
    fn open(path: Option<&Path>) -> Result<Sink, Error> {
        let Some(path) = path else {
            return Ok(Sink::Stdout(io::stdout()));
        };
        let file_name = path
            .file_name()
            .ok_or_else(|| output_error(path, io::ErrorKind::InvalidInput.into()))?;
        let mut temporary_name = std::ffi::OsString::from(".");
        temporary_name.push(file_name);
        temporary_name.push(format!(".{}.tmp", std::process::id()));
        let temporary = path.with_file_name(temporary_name);
        let file = std::fs::File::create(&temporary).map_err(|e| output_error(path, e))?;
        Ok(Sink::File {
            file: io::BufWriter::new(file),
            temporary,
            path: path.to_path_buf(),
        })
    }

    fn write(&mut self, text: &str) -> Result<(), Error> {
        match self {
            Sink::Stdout(stdout) => match stdout.lock().write_all(text.as_bytes()) {
                Err(error) if error.kind() != io::ErrorKind::BrokenPipe => {
                    Err(output_error(Path::new("<stdout>"), error))
                }
                _ => Ok(()),
            },
            Sink::File { file, path, .. } => file
                .write_all(text.as_bytes())
                .map_err(|e| output_error(path, e)),
        }
    }

    fn finish(mut self) -> Result<(), Error> {
        match &mut self {
            Sink::Stdout(stdout) => {
                let _ = stdout.flush();
                Ok(())
            }
            Sink::File {
                file,
                temporary,
                path,
            } => file
                .flush()
                .and_then(|()| std::fs::rename(&*temporary, &*path))
                .map_err(|e| output_error(path, e)),
        }
    }
}

impl Drop for Sink {
    fn drop(&mut self) {
        if let Sink::File { temporary, .. } = self {
            let _ = std::fs::remove_file(temporary);
        }
    }
}

fn output_error(path: &Path, source: io::Error) -> Error {
    Error::Output {
        path: path.display().to_string(),
        source,
    }
}

/// One row of the closing table of a batch.
struct BatchRow {
    name: String,
    exit: u8,
    /// Errors, warnings and info findings; `None` when the pair could not be checked.
    counts: Option<[usize; 3]>,
}

/// `crosscheck check --pairs`: every pair checked in parallel, reports written in input
/// order, a progress bar when standard error is a terminal, then a table of counts per pair
/// on standard error. The exit code is the worst pair's.
fn run_batch(
    list: &Path,
    config: &Config,
    format: Format,
    style: Style,
    output: Option<&Path>,
) -> Result<u8, Error> {
    if matches!(format, Format::Sarif | Format::Html) {
        return Err(Error::Pairs {
            path: list.display().to_string(),
            message: "--format sarif and html make one document per pair; with --pairs use json \
                      (JSON Lines), human, markdown or github"
                .into(),
        });
    }
    let (pairs, total): (Box<dyn Iterator<Item = _>>, Option<usize>) = if list == Path::new("-") {
        (Box::new(batch::json_lines(io::stdin().lock())), None)
    } else {
        let pairs = if list.is_dir() {
            batch::directory(list)?
        } else {
            batch::pairs_file(list)?
        };
        let total = pairs.len();
        (Box::new(pairs.into_iter().map(Ok)), Some(total))
    };
    let progress = if io::stderr().is_terminal() {
        match total {
            Some(total) => ProgressBar::new(total as u64),
            None => ProgressBar::new_spinner(),
        }
    } else {
        ProgressBar::hidden()
    };
    let mut sink = Sink::open(output)?;
    let mut rows: Vec<BatchRow> = Vec::new();
    let mut failure: Option<Error> = None;
    batch::run(pairs, config, |outcome| {
        progress.inc(1);
        let exit = exit::for_pair(&outcome.result, config.fail_on);
        let (text, row) = match outcome.result {
            Ok(report) => {
                let text = match format {
                    Format::Json => render_json_line(&report, &outcome.name, exit),
                    Format::Human => {
                        format!("== {}\n{}", outcome.name, render(&report, format, style))
                    }
                    _ => render(&report, format, style),
                };
                let counts =
                    [Severity::Error, Severity::Warning, Severity::Info].map(|s| report.count(s));
                (
                    text,
                    BatchRow {
                        name: outcome.name,
                        exit,
                        counts: Some(counts),
                    },
                )
            }
            Err(error) => {
                let text = match format {
                    Format::Json => render_json_error_line(&outcome.name, exit, &error),
                    _ => String::new(),
                };
                progress.suspend(|| eprintln!("{:?}", miette::Report::new(error)));
                (
                    text,
                    BatchRow {
                        name: outcome.name,
                        exit,
                        counts: None,
                    },
                )
            }
        };
        if failure.is_none() {
            failure = sink.write(&text).err();
        }
        rows.push(row);
    });
    progress.finish_and_clear();
    if let Some(error) = failure {
        return Err(error);
    }
    sink.finish()?;
    let worst = exit::for_batch(rows.iter().map(|r| r.exit));
    eprint!("{}", batch_table(&rows, worst));
    Ok(worst)
}

/// The closing table of a batch: per pair, its exit code and its findings by severity, then
/// the run's exit code, `worst`.
fn batch_table(rows: &[BatchRow], worst: u8) -> String {
    let width = rows
        .iter()
        .map(|r| r.name.chars().count())
        .max()
        .unwrap_or(0)
        .max(4);
    let mut out = format!("{:<width$}  exit  errors  warnings  info\n", "pair");
    for row in rows {
        let counts = match row.counts {
            Some([errors, warnings, info]) => format!("{errors:>6}  {warnings:>8}  {info:>4}"),
            None => "  (not checked: input error)".to_string(),
        };
        out.push_str(&format!(
            "{:<width$}  {:>4}  {counts}\n",
            row.name, row.exit
        ));
    }
    out.push_str(&format!("{} pairs, exit code {worst}\n", rows.len()));
    out
}
