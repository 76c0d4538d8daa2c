//! Fact extraction on arbitrary text, in both languages' rules: every fact's span lies in
//! its sentence.
#![no_main]

use crosscheck::lang::Language;
use crosscheck::{Config, analyze, read};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(input) = read::decode("fuzz".into(), data.to_vec()) else {
        return;
    };
    for language in [Language::Vietnamese, Language::English] {
        let config = Config {
            language: Some(language),
            ..Config::default()
        };
        let document = analyze(&input, &config);
        for (sentence, facts) in document.sentences.iter().zip(document.facts.iter()) {
            let within = |span: crosscheck::Span| {
                sentence.span.start <= span.start && span.end <= sentence.span.end
            };
            assert!(facts.numbers.iter().all(|n| within(n.span)));
            assert!(facts.dates.iter().all(|d| within(d.span)));
        }
    }
});
