//! Arbitrary `ignore` patterns (the lines before the first 0xFF byte) and a sentence (the
//! bytes after it): compiling never panics, and a compiled set matches exactly where the
//! `regex` crate's own `RegexSet` of the same patterns does. The set is searched in groups by
//! a lazy DFA that falls back to a PikeVM; `RegexSet` is the reference.
#![no_main]

use crosscheck::config::IgnorePatterns;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (patterns, text) = match data.iter().position(|&b| b == 0xFF) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, &b""[..]),
    };
    let patterns: Vec<String> = String::from_utf8_lossy(patterns)
        .lines()
        .map(str::to_string)
        .collect();
    let text = String::from_utf8_lossy(text);
    let Ok(compiled) = IgnorePatterns::new(&patterns) else {
        return;
    };
    let Ok(reference) = regex::RegexSet::new(&patterns) else {
        return;
    };
    assert_eq!(
        compiled.is_match(&text),
        reference.is_match(&text),
        "{patterns:?} on {text:?}"
    );
});
