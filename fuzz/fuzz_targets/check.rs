//! The whole check on a pair of arbitrary byte strings (split at the first 0xFF byte, which
//! UTF-8 never contains), rendered in every format.
#![no_main]

use crosscheck::report::{Format, Style, render};
use crosscheck::{Config, check, read};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let split = data.iter().position(|&b| b == 0xFF).unwrap_or(data.len() / 2);
    let (summary, source) = data.split_at(split);
    let source = source.strip_prefix(&[0xFF]).unwrap_or(source);
    let (Ok(summary), Ok(source)) = (
        read::decode("summary".into(), summary.to_vec()),
        read::decode("source".into(), source.to_vec()),
    ) else {
        return;
    };
    let report = check(&summary, &source, &Config::default());
    for format in [
        Format::Human,
        Format::Json,
        Format::Markdown,
        Format::Sarif,
        Format::Github,
        Format::Html,
    ] {
        render(&report, format, Style::default());
    }
});
