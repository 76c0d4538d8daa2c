//! Arbitrary bytes as a document, a `crosscheck.toml` and a baseline: every error is
//! rendered with miette's graphical handler, as the binary renders it, and must stay short
//! (a few KB whatever the input) and free of raw control characters.
#![no_main]

use crosscheck::{Config, baseline, config, read};
use libfuzzer_sys::fuzz_target;
use miette::{GraphicalReportHandler, GraphicalTheme};

/// The longest rendered error accepted.
const MAX_RENDERED: usize = 8 * 1024;

fn render(error: crosscheck::Error) {
    let mut out = String::new();
    GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor())
        .render_report(&mut out, &error)
        .expect("an error renders");
    assert!(out.len() < MAX_RENDERED, "{} bytes", out.len());
    assert!(!out.contains('\x1b'), "an escape reached the terminal: {out:?}");
}

fuzz_target!(|data: &[u8]| {
    let name = String::from_utf8_lossy(&data[..data.len().min(8)]).into_owned();
    match read::decode(name.clone(), data.to_vec()) {
        Ok(input) => {
            if let Err(error) = baseline::parse(&input) {
                render(error);
            }
        }
        Err(error) => render(error),
    }
    if let Err(error) = config::parse(&name, data.to_vec(), Config::default()) {
        render(error);
    }
});
