//! Arbitrary `ignore` patterns (the lines before the first 0xFF byte) and a sentence (the
//! bytes after it): compiling never panics, and a compiled set matches exactly where one of
//! the patterns, each compiled alone by the `regex` crate, does. The set is searched in groups
//! by a lazy DFA that falls back to a PikeVM. The reference is not the crate's `RegexSet`:
//! built without capture groups, its one-pass DFA panics on some sets (`^X\b` with `^` on
//! `\u{FFFD}Xr`, regex 1.13.2), which a single `Regex` does not.
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
    let Ok(reference) = patterns
        .iter()
        .map(|pattern| regex::Regex::new(pattern))
        .collect::<Result<Vec<_>, _>>()
    else {
        return;
    };
    assert_eq!(
        compiled.is_match(&text),
        reference.iter().any(|pattern| pattern.is_match(&text)),
        "{patterns:?} on {text:?}"
    );
});
