//! The `crosscheck` command: parses arguments ([`args`]), runs the library, writes the report
//! and maps the result to an exit code.

mod args;

use std::io::{self, IsTerminal};
use std::path::Path;
use std::process::ExitCode;

use clap::Parser;
use crosscheck::output::{self, Sink};
use crosscheck::report::{BatchReport, render, render_alignment};
use crosscheck::{Config, Error, baseline, batch, check_files, exit};
use indicatif::ProgressBar;

use args::{Args, Command};

fn main() -> ExitCode {
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
            eprintln!("{:?}", miette::Report::new(error));
            ExitCode::from(exit::INPUT_ERROR)
        }
    }
}

fn run(args: Args) -> Result<u8, Error> {
    match args.command {
        Command::Check(check) => {
            let config = check.settings.config(check.fail_on)?;
            let style = check.style();
            let (Some(summary), Some(source)) = (check.summary, check.source) else {
                let list = check.pairs.expect("clap requires the files or --pairs");
                let batch = BatchReport::new(&list, check.format, style, config.fail_on)?;
                let sink = Sink::open(check.output.as_deref())?;
                return run_batch(&list, &config, batch, sink);
            };
            let mut sink = Sink::open(check.output.as_deref())?;
            let mut report = check_files(&summary, &source, &config)?;
            if let Some(path) = check.baseline {
                baseline::apply(&mut report, &baseline::read(&path, config.max_bytes)?);
            }
            sink.write(&render(&report, check.format, style));
            sink.finish()?;
            Ok(exit::for_report(&report, config.fail_on))
        }
        Command::Baseline { pair, output } => {
            let mut sink = Sink::open(Some(&output))?;
            let report = check_files(&pair.summary, &pair.source, &pair.settings.config(None)?)?;
            sink.write(&baseline::record(&report).to_json());
            sink.finish()?;
            Ok(exit::CLEAN)
        }
        Command::Align { pair } => {
            let report = check_files(&pair.summary, &pair.source, &pair.settings.config(None)?)?;
            output::write(None, &render_alignment(&report))?;
            Ok(exit::CLEAN)
        }
    }
}

/// `crosscheck check --pairs`: every pair checked in parallel, reports written in input
/// order ([`BatchReport`]), a progress bar when standard error is a terminal, then the
/// closing table on standard error. The exit code is the worst pair's.
fn run_batch(
    list: &Path,
    config: &Config,
    mut report: BatchReport,
    mut sink: Sink,
) -> Result<u8, Error> {
    let (pairs, total) = batch::open(list)?;
    let progress = match total {
        _ if !io::stderr().is_terminal() => ProgressBar::hidden(),
        Some(total) => ProgressBar::new(total as u64),
        None => ProgressBar::new_spinner(),
    };
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
