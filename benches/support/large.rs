//! Large synthetic inputs for the cost benchmarks and tests: deterministic text with a
//! Zipf-like vocabulary, realistic sentence lengths, numbers and names, so that both sides of
//! a check can be megabytes long. Generated at run time, never committed.

/// A small deterministic generator (splitmix64): the same seed gives the same text on every
/// machine, without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..below`.
    fn below(&mut self, below: usize) -> usize {
        (self.next() % below as u64) as usize
    }

    /// True with probability `percent` / 100.
    fn percent(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const SYLLABLES: [&str; 24] = [
    "ka", "to", "ri", "ne", "sa", "lo", "mi", "du", "ve", "po", "an", "el", "or", "us", "ta", "ge",
    "bi", "fa", "ho", "ju", "ly", "we", "zo", "ce",
];

/// The vocabulary: made-up words, shorter the more frequent, as in a natural language.
fn vocabulary(size: usize) -> Vec<String> {
    (0..size)
        .map(|rank| {
            let mut word = String::new();
            let mut n = rank;
            loop {
                word.push_str(SYLLABLES[n % SYLLABLES.len()]);
                n /= SYLLABLES.len();
                if n == 0 {
                    break word;
                }
            }
        })
        .collect()
}

/// Draws word ranks with probability proportional to 1 / rank (Zipf's law).
struct Zipf {
    cumulative: Vec<f64>,
}

impl Zipf {
    fn new(size: usize) -> Self {
        let mut total = 0.0;
        let cumulative = (1..=size)
            .map(|rank| {
                total += 1.0 / rank as f64;
                total
            })
            .collect();
        Zipf { cumulative }
    }

    fn sample(&self, rng: &mut Rng) -> usize {
        let total = self.cumulative.last().copied().unwrap_or(0.0);
        let target = (rng.next() >> 11) as f64 / (1u64 << 53) as f64 * total;
        self.cumulative
            .partition_point(|&c| c < target)
            .min(self.cumulative.len() - 1)
    }
}

/// Writes sentences of Zipf-distributed words, numbers and names.
struct Writer {
    rng: Rng,
    words: Vec<String>,
    zipf: Zipf,
}

impl Writer {
    fn new(seed: u64) -> Self {
        let words = vocabulary(30_000);
        let zipf = Zipf::new(words.len());
        Writer {
            rng: Rng(seed),
            words,
            zipf,
        }
    }

    /// One sentence of 4 to 30 words (about 16 on average).
    fn sentence(&mut self) -> String {
        let length = 4 + self.rng.below(14) + self.rng.below(14);
        let mut sentence = String::new();
        for index in 0..length {
            if index > 0 {
                sentence.push_str(if self.rng.percent(6) { ", " } else { " " });
            }
            if self.rng.percent(4) {
                sentence.push_str(&(1 + self.rng.below(100_000)).to_string());
            } else if self.rng.percent(4) {
                let name = &self.words[100 + self.rng.below(400)];
                sentence.push_str(&name[..1].to_uppercase());
                sentence.push_str(&name[1..]);
            } else {
                let word = &self.words[self.zipf.sample(&mut self.rng)];
                if index == 0 {
                    sentence.push_str(&word[..1].to_uppercase());
                    sentence.push_str(&word[1..]);
                } else {
                    sentence.push_str(word);
                }
            }
        }
        sentence.push(if self.rng.percent(5) { '?' } else { '.' });
        sentence
    }
}

/// Joins sentences into paragraphs of one to five sentences.
fn paragraphs(sentences: &[String], rng: &mut Rng) -> String {
    let mut text = String::new();
    let mut left_in_paragraph = 0;
    for sentence in sentences {
        if left_in_paragraph == 0 {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            left_in_paragraph = 1 + rng.below(5);
        } else {
            text.push(' ');
        }
        text.push_str(sentence);
        left_in_paragraph -= 1;
    }
    text.push('\n');
    text
}

/// A pair of independently written texts of about `bytes` bytes each, `(summary, source)`,
/// where one summary sentence in eight is taken from the source (its first word dropped
/// half the time), so that the alignment has real work on both sides.
pub(crate) fn pair(bytes: usize) -> (String, String) {
    let mut source_writer = Writer::new(1);
    let mut source = Vec::new();
    let mut length = 0;
    while length < bytes {
        let sentence = source_writer.sentence();
        length += sentence.len() + 1;
        source.push(sentence);
    }
    let mut summary_writer = Writer::new(2);
    let mut summary = Vec::new();
    let mut length = 0;
    while length < bytes {
        let sentence = if summary.len() % 8 == 7 {
            let taken = &source[summary_writer.rng.below(source.len())];
            match taken.split_once(' ') {
                Some((_, rest)) if summary_writer.rng.percent(50) => {
                    rest[..1].to_uppercase() + &rest[1..]
                }
                _ => taken.clone(),
            }
        } else {
            summary_writer.sentence()
        };
        length += sentence.len() + 1;
        summary.push(sentence);
    }
    let mut rng = Rng(3);
    (
        paragraphs(&summary, &mut rng),
        paragraphs(&source, &mut rng),
    )
}

/// One sentence repeated `times` times, in paragraphs of three.
pub(crate) fn repeated(times: usize) -> String {
    let sentence = "The committee agreed to fund the new bridge across the river next year.";
    let sentences = vec![sentence.to_string(); times];
    paragraphs(&sentences, &mut Rng(4))
}

/// Text of about `bytes` bytes in Chinese, Arabic and Thai by turns: Chinese sentences end in
/// `。`, Arabic ones in `.`, and Thai runs have no sentence terminator at all (Thai separates
/// sentences by a space).
pub(crate) fn mixed_scripts(bytes: usize, seed: u64) -> String {
    let mut rng = Rng(seed);
    let mut text = String::new();
    let letter = |rng: &mut Rng, first: u32, count: usize| {
        char::from_u32(first + rng.below(count) as u32).unwrap_or('?')
    };
    while text.len() < bytes {
        for _ in 0..8 + rng.below(16) {
            match rng.below(3) {
                0 => {
                    for _ in 0..2 + rng.below(3) {
                        text.push(letter(&mut rng, 0x4E00, 3000));
                    }
                    if rng.percent(10) {
                        text.push('，');
                    }
                }
                1 => {
                    text.push(' ');
                    for _ in 0..2 + rng.below(6) {
                        text.push(letter(&mut rng, 0x0627, 36));
                    }
                }
                _ => {
                    for _ in 0..3 + rng.below(8) {
                        text.push(letter(&mut rng, 0x0E01, 46));
                    }
                    if rng.percent(30) {
                        text.push(' ');
                    }
                }
            }
        }
        text.push_str(match rng.below(3) {
            0 => "。",
            1 => ". ",
            _ => " ",
        });
        if rng.percent(5) {
            text.push_str("\n\n");
        }
    }
    text
}

/// `sentences` sentences that each quote `words` consecutive words of `source` between
/// `before` and `after`, one a line: the shape of a summary made of short quotations.
pub(crate) fn quoting(
    source: &str,
    sentences: usize,
    words: usize,
    (before, after): (&str, &str),
) -> String {
    let source: Vec<&str> = source.split_whitespace().collect();
    let starts = source.len().saturating_sub(words).max(1);
    (0..sentences)
        .map(|n| {
            let start = n * words % starts;
            let quoted = &source[start..(start + words).min(source.len())];
            format!("{before}{}{after}\n", quoted.join(" "))
        })
        .collect()
}
