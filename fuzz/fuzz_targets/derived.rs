//! Derived inputs (subtitles, web pages, Word files) from arbitrary bytes: the first byte
//! chooses the extension the file is named with, the rest is the file. Reading either works
//! or is an error; what is read maps every sentence's span into the file, and the check of it
//! against itself renders in every format.
#![no_main]

use crosscheck::read::{self, Original};
use crosscheck::report::{Format, Style, render};
use crosscheck::{Config, check};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&choice, file)) = data.split_first() else {
        return;
    };
    let extension = ["srt", "vtt", "html", "docx", "txt"][usize::from(choice) % 5];
    let Ok(input) = read::from_bytes(format!("f.{extension}"), file.to_vec(), Some(extension), 1 << 20) else {
        return;
    };
    let report = check(&input, &input, &Config::default());
    if let Some(origin) = &input.origin {
        for sentence in &report.summary.sentences {
            let _ = origin.time(sentence.span.start);
            if let (Original::Bytes { start, end }, Some(original)) =
                (origin.original(sentence.span), origin.original_text())
            {
                assert!(start <= end && end <= original.len());
                assert!(original.is_char_boundary(start) && original.is_char_boundary(end));
            }
        }
    }
    for format in [Format::Human, Format::Json, Format::Markdown, Format::Sarif, Format::Github, Format::Html] {
        render(&report, format, Style::default());
    }
});
