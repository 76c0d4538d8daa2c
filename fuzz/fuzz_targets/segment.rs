//! Segmentation of arbitrary bytes: reading rules first (as the CLI does), then tokens and
//! sentences, whose spans must lie on character boundaries, in order.
#![no_main]

use crosscheck::lang::Language;
use crosscheck::{normalize, read, segment};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(input) = read::decode("fuzz".into(), data.to_vec()) else {
        return;
    };
    let tokens = normalize::tokenize(&input.text);
    for per_paragraph in [false, true] {
        let sentences = segment::segment(
            &input.text,
            &tokens,
            Language::detect(&input.text),
            per_paragraph,
        );
        let mut end = 0;
        for sentence in &sentences {
            assert!(sentence.span.start >= end && sentence.span.end <= input.text.len());
            assert!(input.text.is_char_boundary(sentence.span.start));
            assert!(input.text.is_char_boundary(sentence.span.end));
            end = sentence.span.end;
        }
    }
});
