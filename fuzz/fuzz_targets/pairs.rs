//! Arbitrary bytes as a `--pairs -` stream of JSON Lines: every line is a pair or an error
//! for that pair, paths are held to the working directory, and every error renders short.
#![no_main]

use crosscheck::batch::{ListRules, json_lines};
use libfuzzer_sys::fuzz_target;
use miette::{GraphicalReportHandler, GraphicalTheme};

fuzz_target!(|data: &[u8]| {
    let rules = ListRules {
        max_bytes: 64,
        allow_outside_paths: false,
    };
    let lines = data.split(|&b| b == b'\n').count();
    let mut pairs = 0;
    for pair in json_lines(data, rules) {
        pairs += 1;
        if let Err(error) = pair {
            let mut out = String::new();
            GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor())
                .render_report(&mut out, &error)
                .expect("an error renders");
            assert!(out.len() < 8 * 1024, "{} bytes", out.len());
        }
    }
    assert!(pairs <= lines, "at most one pair per line");
});
