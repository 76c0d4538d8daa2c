//! The `crosscheck` command: parses arguments ([`args`]), runs the library, writes the report
//! and maps the result to an exit code. Standard error is written through [`to_stderr`] only,
//! which ignores a closed or full standard error: the exit code still tells the story.

mod args;

use std::cell::Cell;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{CommandFactory, Parser};
use crosscheck::batch::{self, ListRules};
use crosscheck::config::Overrides;
use crosscheck::model::{fingerprint, printable};
use crosscheck::output::{self, Sink};
use crosscheck::report::{self, BatchReport};
use crosscheck::{Config, Error, Report, baseline, check_files, exit, lang};
use indicatif::ProgressBar;

use args::{Args, Command};

fn main() -> ExitCode {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    return_large_blocks_when_freed();
    // Error messages name paths: never wrap them mid-path.
    let _ = miette::set_hook(Box::new(|_| {
        Box::new(miette::MietteHandlerOpts::new().wrap_lines(false).build())
    }));
    // A temporary output file never outlives an interrupted run.
    let _ = ctrlc::set_handler(|| {
        output::remove_temporary_files();
        std::process::exit(130);
    });
    let args = Args::parse();
    match run(args) {
        Ok(code) => ExitCode::from(code),
        Err(error) => {
            report_error(error);
            ExitCode::from(exit::INPUT_ERROR)
        }
    }
}

/// Writes `text` to standard error; a failed write is ignored (nothing better can be done
/// with it, and the exit code still says what happened).
fn to_stderr(text: &str) {
    let _ = io::stderr().lock().write_all(text.as_bytes());
}

/// Shows an error on standard error, rendered by miette.
fn report_error(error: Error) {
    to_stderr(&format!("{:?}\n", miette::Report::new(error)));
}

/// Warns on standard error, naming the files, of a document in a language crosscheck has no
/// word lists for, or of two documents in different languages ([`lang::notices`]): what the
/// report's notes say, with the paths.
fn warn_of_languages(report: &Report) {
    let summary = printable(&report.summary.path);
    let source = printable(&report.source.path);
    for notice in lang::notices(&report.summary, &report.source, [&summary, &source]) {
        to_stderr(&format!("crosscheck: warning: {notice}\n"));
    }
}

/// Fixes glibc malloc's mmap threshold at its default of 128 KiB. Left dynamic, it rises each
/// time a large block is freed, so that later large blocks come from the heap, where the freed
/// ones stay as fragments that the process still holds: 4 MB more at the peak of a 1 MB +
/// 1 MB check, 11 MB more at 5 MB + 5 MB. Fixed, each large block goes back to the system when
/// it is freed.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn return_large_blocks_when_freed() {
    // SAFETY: `mallopt` sets one parameter of the allocator and touches no memory of ours;
    // it runs first, before any other thread exists.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 128 * 1024);
    }
}

fn run(args: Args) -> Result<u8, Error> {
    match args.command {
        Command::Check(check) => {
            let config = check.settings.config(check.overrides())?;
            let style = check.style();
            // A human report on standard output shows the language notes (in its header, or
            // with the limits under --quiet): they are not said twice on standard error.
            let warn = !(check.format == report::Format::Human && check.output.is_none());
            let (Some(summary), false) = (check.summary, check.sources.is_empty()) else {
                let list = check.pairs.expect("clap requires the files or --pairs");
                let batch = BatchReport::new(
                    &list.display().to_string(),
                    check.format,
                    style,
                    config.fail_on,
                );
                let rules = ListRules {
                    max_bytes: config.max_bytes,
                    allow_outside_paths: check.allow_outside_paths,
                };
                let output = match (check.format, check.output) {
                    (report::Format::Html, Some(folder)) if folder != Path::new("-") => {
                        BatchOutput::Pages {
                            folder,
                            failure: None,
                        }
                    }
                    (report::Format::Html, _) => {
                        return Err(Error::Usage {
                            message: "--pairs with --format html writes a page per pair and \
                                      an index page: name their folder with -o DIR"
                                .into(),
                        });
                    }
                    (_, output) => BatchOutput::Stream(Sink::open(output.as_deref())?),
                };
                return run_batch(&list, rules, &config, batch, output, warn);
            };
            let mut sink = Sink::open(check.output.as_deref())?;
            refuse_inputs(&sink, &summary, &check.sources)?;
            if let Some(baseline) = &check.baseline {
                sink.refuse_input("the baseline", baseline)?;
            }
            let mut report = check_files(&summary, &check.sources, &config)?;
            if warn {
                warn_of_languages(&report);
            }
            if let Some(path) = check.baseline {
                baseline::apply(&mut report, &baseline::read(&path, config.max_bytes)?);
            }
            let code = exit::for_report(&report, config.fail_on);
            report.hide_below(config.display_floor());
            sink.write_with(|out| report::write(&report, check.format, style, out));
            sink.finish()?;
            if code == exit::FINDINGS && !report.limits.is_empty() {
                to_stderr(
                    "crosscheck: part of the input was not checked (see the report's limits), so the check fails\n",
                );
            }
            Ok(code)
        }
        Command::Baseline {
            pair,
            output,
            update,
            add_new,
        } => {
            let config = pair.settings.config(Overrides::default())?;
            let Some(path) = update else {
                let mut sink = Sink::open(output.as_deref())?;
                refuse_inputs(&sink, &pair.summary, &pair.sources)?;
                let report = check_files(&pair.summary, &pair.sources, &config)?;
                sink.write_with(|out| baseline::record(&report).write_json(out));
                sink.finish()?;
                return Ok(exit::CLEAN);
            };
            let old = baseline::read(&path, config.max_bytes)?;
            let mut sink = Sink::open(Some(&path))?;
            let report = check_files(&pair.summary, &pair.sources, &config)?;
            let update = baseline::update(old, &report, add_new);
            sink.write_with(|out| update.baseline.write_json(out));
            sink.finish()?;
            to_stderr(&update.describe(&path.display().to_string()));
            Ok(exit::CLEAN)
        }
        Command::Explain { pair, finding } => {
            let config = pair.settings.config(Overrides::default())?;
            let report = check_files(&pair.summary, &pair.sources, &config)?;
            let index = finding
                .map(|wanted| finding_index(&report, &wanted))
                .transpose()?;
            let mut sink = Sink::open(None)?;
            sink.write_with(|out| {
                report::write_explanation(&report, config.source_kind, index, out)
            });
            sink.finish()?;
            Ok(exit::CLEAN)
        }
        Command::Completions { shell } => {
            let mut sink = Sink::open(None)?;
            sink.write_with(|out| {
                clap_complete::generate(shell, &mut Args::command(), "crosscheck", out);
                Ok(())
            });
            sink.finish()?;
            Ok(exit::CLEAN)
        }
        Command::Man { command } => {
            let mut top = Args::command();
            top.build();
            let page = match command {
                None => top,
                Some(name) => {
                    let known: Vec<&str> = top.get_subcommands().map(|c| c.get_name()).collect();
                    let Some(sub) = top.find_subcommand(&name) else {
                        return Err(Error::Usage {
                            message: format!(
                                "crosscheck has no command `{}`; its commands are {}",
                                printable(&name),
                                known.join(", ")
                            ),
                        });
                    };
                    sub.clone().version(env!("CARGO_PKG_VERSION"))
                }
            };
            let mut sink = Sink::open(None)?;
            sink.write_with(|out| clap_mangen::Man::new(page).render(out));
            sink.finish()?;
            Ok(exit::CLEAN)
        }
        Command::Align {
            pair,
            format,
            output,
        } => {
            let config = pair.settings.config(Overrides::default())?;
            let report = check_files(&pair.summary, &pair.sources, &config)?;
            let width = args::width(output.as_deref());
            let mut sink = Sink::open(output.as_deref())?;
            refuse_inputs(&sink, &pair.summary, &pair.sources)?;
            sink.write_with(|out| report::write_alignment(&report, format, width, out));
            sink.finish()?;
            Ok(exit::CLEAN)
        }
    }
}

/// The index of the finding `wanted` names: its place in the report, counted from 1, or its
/// fingerprint ([`crosscheck::model::fingerprint`]); a usage error when none is.
fn finding_index(report: &Report, wanted: &str) -> Result<usize, Error> {
    let count = report.findings.len();
    let findings = if count == 1 { "finding" } else { "findings" };
    let shown = printable(wanted);
    if let Ok(n) = wanted.parse::<usize>() {
        return (1..=count)
            .contains(&n)
            .then(|| n - 1)
            .ok_or_else(|| Error::Usage {
                message: format!(
                    "--finding {shown}: the report has {count} {findings}, numbered from 1"
                ),
            });
    }
    let wanted = wanted.to_ascii_lowercase();
    (report.findings.iter())
        .position(|f| fingerprint(report, f) == wanted)
        .ok_or_else(|| Error::Usage {
            message: format!(
                "--finding {shown}: none of the report's {count} {findings} has that fingerprint \
                 (each finding's `to accept` line gives its own)"
            ),
        })
}

/// Fails when the output of `sink` would replace the `summary` or one of the `sources`.
fn refuse_inputs(sink: &Sink, summary: &Path, sources: &[PathBuf]) -> Result<(), Error> {
    sink.refuse_input("the summary", summary)?;
    sources
        .iter()
        .try_for_each(|source| sink.refuse_input("a source", source))
}

/// Where a batch's reports go: into one stream, or a page per pair into a folder.
enum BatchOutput {
    /// Standard output or the file of `-o`.
    Stream(Sink),
    /// The folder of `-o` for `--format html`, and the first page that could not be written:
    /// the batch stops there, and no index is written.
    Pages {
        folder: PathBuf,
        failure: Option<Error>,
    },
}

/// `crosscheck check --pairs`: every pair checked in parallel, reports written in input
/// order ([`BatchReport`]), a progress bar when standard error is a terminal, then the
/// closing table on standard error; each pair's language notes on standard error too when
/// `warn`. The exit code is the worst pair's; a list without pairs
/// is an input error ([`batch::open`]). Once the output is closed (`| head`) or a page cannot
/// be written, no more pairs are read.
fn run_batch(
    list: &Path,
    rules: ListRules,
    config: &Config,
    mut report: BatchReport,
    mut output: BatchOutput,
    warn: bool,
) -> Result<u8, Error> {
    let batch::Opened {
        pairs,
        total,
        skipped,
    } = batch::open(list, rules)?;
    for folder in skipped {
        to_stderr(&format!("crosscheck: skipped {folder}\n"));
    }
    // The pages' folder is made once there are pairs to check.
    if let BatchOutput::Pages { folder, .. } = &output {
        output::make_folder(folder)?;
    }
    let progress = match total {
        _ if !io::stderr().is_terminal() => ProgressBar::hidden(),
        Some(total) => ProgressBar::new(total as u64),
        None => ProgressBar::new_spinner(),
    };
    // A pair that reads the file the output replaces stops the run, before that file is
    // replaced.
    let replaced = match &output {
        BatchOutput::Stream(sink) => {
            sink.refuse_input("the list of pairs", list)?;
            sink.replaced()
        }
        BatchOutput::Pages { .. } => None,
    };
    let reads_output: Cell<Option<Error>> = Cell::new(None);
    let stopped = Cell::new(false);
    let pairs = pairs.take_while(|_| !stopped.get()).inspect(|pair| {
        let (Ok(pair), Some(replaced)) = (pair, &replaced) else {
            return;
        };
        let refused =
            (pair.paths()).try_for_each(|path| replaced.refuse("a file a pair reads", path));
        if let Err(error) = refused {
            reads_output.set(Some(error));
            stopped.set(true);
        }
    });
    batch::run(pairs, config, |mut outcome| {
        progress.inc(1);
        // Below the display floor, nothing fails the pair: its exit code stays the same.
        if let Ok(report) = &mut outcome.result {
            report.hide_below(config.display_floor());
        }
        let (name, result) = (&outcome.name, &outcome.result);
        // The pair joins the closing table even when its report cannot be written; each
        // pair's report is flushed whole, so that it shows as soon as it is checked.
        match &mut output {
            BatchOutput::Stream(sink) => {
                sink.write_with(|out| {
                    report.add(name, result);
                    report.write_pair(name, result, out)?;
                    out.flush()
                });
                stopped.set(sink.is_closed());
            }
            BatchOutput::Pages { folder, failure } => {
                let page = report.add(name, result);
                if let (Some(file), true) = (page, failure.is_none()) {
                    let written = Sink::replace(&folder.join(file)).and_then(|mut page| {
                        page.write_with(|out| report.write_pair(name, result, out));
                        page.finish()
                    });
                    if let Err(error) = written {
                        *failure = Some(error);
                        stopped.set(true);
                    }
                }
            }
        }
        match outcome.result {
            Ok(report) if warn => progress.suspend(|| warn_of_languages(&report)),
            Ok(_) => {}
            Err(error) => progress.suspend(|| report_error(error)),
        }
    });
    progress.finish_and_clear();
    if let Some(error) = reads_output.take() {
        return Err(error);
    }
    match output {
        BatchOutput::Stream(mut sink) => {
            sink.write_with(|out| report.finish(out));
            sink.finish()?;
        }
        BatchOutput::Pages { folder, failure } => {
            if let Some(error) = failure {
                return Err(error);
            }
            let index = folder.join(report::INDEX_PAGE);
            let mut sink = Sink::replace(&index)?;
            sink.write_with(|out| report.write_index(out));
            sink.finish()?;
            to_stderr(&format!(
                "crosscheck: wrote a page per pair, and their index {}\n",
                printable(&index.display().to_string())
            ));
        }
    }
    to_stderr(&report.table());
    Ok(report.exit_code())
}
