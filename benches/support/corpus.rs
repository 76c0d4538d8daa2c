//! Synthetic inputs for benchmarks: a transcript of a requested size built from the fixture
//! sources, with every sentence made distinct, and a summary drawn from across it.
//! Generated at run time, never committed.

/// Sentences of the fixture transcripts, one per line of paragraphs split at sentence ends.
fn seed_sentences() -> Vec<String> {
    let root = env!("CARGO_MANIFEST_DIR");
    [
        "fixtures/hanoi/source.txt",
        "fixtures/english-harbour/source.txt",
    ]
    .iter()
    .flat_map(|file| {
        let text = std::fs::read_to_string(format!("{root}/{file}")).expect("fixture");
        text.split_inclusive(['.', '!', '?'])
            .map(|s| s.trim().to_string())
            .filter(|s| s.split_whitespace().count() >= 4)
            .collect::<Vec<_>>()
    })
    .collect()
}

/// A made-up word for copy `copy`, so that no two copies of a sentence are the same.
fn variant_word(copy: usize) -> String {
    let mut word = String::from("v");
    let mut n = copy;
    loop {
        word.push(char::from(b'a' + (n % 26) as u8));
        n /= 26;
        if n == 0 {
            break word;
        }
    }
}

/// Copy `copy` of a sentence: its numbers replaced by ones derived from `copy`, and one word
/// replaced by a made-up one.
fn vary(sentence: &str, copy: usize) -> String {
    let words: Vec<&str> = sentence.split(' ').collect();
    let replaced = copy % words.len().max(1);
    words
        .iter()
        .enumerate()
        .map(|(index, word)| {
            if word.chars().all(|c| c.is_ascii_digit()) {
                (copy * 7 + index).to_string()
            } else if index == replaced && index > 0 {
                variant_word(copy)
            } else {
                (*word).to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A transcript of about `bytes` bytes (paragraphs of three sentences) and a summary of about
/// `summary_bytes` made of shortened sentences taken evenly from across it.
pub(crate) fn generate(bytes: usize, summary_bytes: usize) -> (String, String) {
    let seeds = seed_sentences();
    let mut source = String::with_capacity(bytes + 1024);
    let mut sentences = Vec::new();
    let mut copy = 0;
    while source.len() < bytes {
        for seed in &seeds {
            let sentence = vary(seed, copy);
            source.push_str(&sentence);
            source.push_str(if sentences.len() % 3 == 2 {
                "\n\n"
            } else {
                " "
            });
            sentences.push(sentence);
        }
        copy += 1;
    }
    let mut summary = String::new();
    let step = (sentences.len() * 120 / summary_bytes.max(1)).max(1);
    for sentence in sentences.iter().step_by(step) {
        if summary.len() >= summary_bytes {
            break;
        }
        // Drop the first few words, as a reporter shortens a quote.
        let words: Vec<&str> = sentence.split(' ').collect();
        summary.push_str(&words[words.len().min(3)..].join(" "));
        summary.push_str("\n\n");
    }
    (source, summary)
}
