//! Measures crosscheck on public benchmarks. Not part of the shipped command.
//!
//! ```sh
//! cargo run --release --example eval -- msrp ../shared/eval/msrp/test.tsv
//! cargo run --release --example eval -- msrp ../shared/eval/msrp/train.tsv --min-accuracy 0.70
//! ```
//!
//! `align DIR`: link precision, recall and F1 against the gold alignments beside the fixtures
//! (`DIR/*/alignment.txt`), per language, with `--min-f1` as a floor for each.
//!
//! `msrp FILE`: the Microsoft Research Paraphrase Corpus. Each pair is checked with the
//! library's sentence judgement (sentence 2 as the summary, sentence 1 as the source, each
//! taken as one sentence, the source a report rather than a transcript: both are news
//! sentences); "same meaning" is a `verbatim` or `paraphrase` label. Prints
//! accuracy, precision, recall and F1 of that class, beside a plain word-overlap baseline
//! (Dice coefficient of the two word sets, its threshold tuned on the same file, or on the file
//! given with `--tune-on`). With `--min-accuracy`/`--min-f1` it exits 1 below those floors, for
//! CI; `--grid` sweeps the two thresholds that decide a pair (for tuning on train only), and
//! `--show-errors` prints the pairs it gets wrong.

use std::process::ExitCode;

use crosscheck::{Config, Input, SourceKind, SourceLabel, SummaryLabel, check};

/// Counts of a binary judgement against gold labels.
#[derive(Default, Clone, Copy)]
struct Confusion {
    true_positive: u32,
    false_positive: u32,
    true_negative: u32,
    false_negative: u32,
}

impl Confusion {
    fn add(&mut self, predicted: bool, gold: bool) {
        match (predicted, gold) {
            (true, true) => self.true_positive += 1,
            (true, false) => self.false_positive += 1,
            (false, false) => self.true_negative += 1,
            (false, true) => self.false_negative += 1,
        }
    }

    fn accuracy(&self) -> f64 {
        let right = self.true_positive + self.true_negative;
        f64::from(right) / f64::from(right + self.false_positive + self.false_negative).max(1.0)
    }

    fn precision(&self) -> f64 {
        f64::from(self.true_positive) / f64::from(self.true_positive + self.false_positive).max(1.0)
    }

    fn recall(&self) -> f64 {
        f64::from(self.true_positive) / f64::from(self.true_positive + self.false_negative).max(1.0)
    }

    fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    }

    fn links_line(&self, name: &str) -> String {
        format!(
            "{name:<12} links {:3}  precision {:5.1}%  recall {:5.1}%  F1 {:5.1}%",
            self.true_positive + self.false_negative,
            100.0 * self.precision(),
            100.0 * self.recall(),
            100.0 * self.f1()
        )
    }

    fn line(&self, name: &str) -> String {
        format!(
            "{name:<28} accuracy {:5.1}%  precision {:5.1}%  recall {:5.1}%  F1 {:5.1}%",
            100.0 * self.accuracy(),
            100.0 * self.precision(),
            100.0 * self.recall(),
            100.0 * self.f1()
        )
    }
}

/// One MSRP pair: gold label, sentence 1, sentence 2.
struct Pair {
    paraphrase: bool,
    first: String,
    second: String,
}

/// Reads an MSRP file. One line of the distributed `train.tsv` holds two records (a missing
/// line break glues the next record's quality digit to the end of the first's sentence 2);
/// such lines are split back into their records.
fn read_msrp(path: &str) -> Result<Vec<Pair>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let mut pairs = Vec::new();
    for (index, line) in text
        .trim_start_matches('\u{FEFF}')
        .lines()
        .enumerate()
        .skip(1)
    {
        if line.trim().is_empty() {
            continue;
        }
        let mut fields: Vec<String> = line.split('\t').map(str::to_string).collect();
        if fields.len() < 5 || !(fields.len() - 5).is_multiple_of(4) {
            return Err(format!("{path}: line {}: expected 5 fields", index + 1));
        }
        while fields.len() > 5 {
            // `…sentence 2.0`: the last character is the next record's quality.
            let glued = fields[4].pop().map(String::from).unwrap_or_default();
            let rest = fields.split_off(5);
            pairs.push(pair(&fields));
            fields = std::iter::once(glued).chain(rest).collect();
        }
        pairs.push(pair(&fields));
    }
    Ok(pairs)
}

fn pair(fields: &[String]) -> Pair {
    Pair {
        paraphrase: fields[0] == "1",
        first: fields[3].clone(),
        second: fields[4].clone(),
    }
}

/// The library's judgement in both directions: the summary sentence is `verbatim` or
/// `paraphrase` (it says what the source says) and the source sentence is `covered` (the
/// summary says most of what it says). A faithful but shorter summary sentence leaves the
/// source `partial`, which MSRP counts as a different meaning.
fn same_meaning(summary: &str, source: &str, config: &Config) -> bool {
    judge(summary, source, config).is_ok()
}

/// As [`same_meaning`], with the reason when the meaning differs: the summary sentence's
/// label, or `source partial`/`source omitted`.
fn judge(summary: &str, source: &str, config: &Config) -> Result<(), String> {
    let report = check(
        &Input::new("summary", summary),
        &Input::new("source", source),
        config,
    );
    let name = |label: &dyn std::fmt::Debug| format!("{label:?}").to_lowercase();
    if let Some(j) = report
        .summary_judgements
        .iter()
        .find(|j| !matches!(j.label, SummaryLabel::Verbatim | SummaryLabel::Paraphrase))
    {
        return Err(format!("summary {}", name(&j.label)));
    }
    if let Some(j) = report
        .source_judgements
        .iter()
        .find(|j| j.label != SourceLabel::Covered)
    {
        return Err(format!("source {}", name(&j.label)));
    }
    if report.summary_judgements.is_empty() {
        return Err("no summary sentence".into());
    }
    Ok(())
}

/// Dice coefficient of the two sentences' lowercase word sets.
fn word_overlap(a: &str, b: &str) -> f64 {
    let words = |s: &str| -> std::collections::BTreeSet<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (a, b) = (words(a), words(b));
    let shared = a.intersection(&b).count();
    2.0 * shared as f64 / (a.len() + b.len()).max(1) as f64
}

/// The word-overlap baseline's judgements at a threshold.
fn baseline(pairs: &[Pair], threshold: f64) -> Confusion {
    let mut confusion = Confusion::default();
    for pair in pairs {
        confusion.add(
            word_overlap(&pair.second, &pair.first) >= threshold,
            pair.paraphrase,
        );
    }
    confusion
}

/// The word-overlap threshold that scores best on `pairs`.
fn tune_baseline(pairs: &[Pair]) -> f64 {
    (0..100)
        .map(|step| f64::from(step) / 100.0)
        .max_by(|a, b| {
            let accuracy = |t: f64| baseline(pairs, t).accuracy();
            accuracy(*a).total_cmp(&accuracy(*b))
        })
        .expect("a hundred thresholds")
}

/// Accuracy and F1 over a grid of the two thresholds that decide a pair, for tuning on a
/// training file.
fn grid(pairs: &[Pair], base: &Config) {
    for support in [0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7] {
        for covered in [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7] {
            let config = Config {
                support_threshold: support,
                covered_threshold: covered,
                ..base.clone()
            };
            let mut confusion = Confusion::default();
            for pair in pairs {
                let predicted = same_meaning(&pair.second, &pair.first, &config);
                confusion.add(predicted, pair.paraphrase);
            }
            let name = format!("support {support:.2} covered {covered:.2}");
            println!("{}", confusion.line(&name));
        }
    }
}

fn floor(args: &[String], flag: &str) -> Option<f64> {
    args.iter()
        .position(|a| a == flag)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
}

fn msrp(path: &str, args: &[String]) -> Result<bool, String> {
    let pairs = read_msrp(path)?;
    // Both sentences of a pair are news reports, neither the speech they quote.
    let config = Config {
        sentence_per_paragraph: true,
        source_kind: SourceKind::Report,
        ..Config::default()
    };
    let mut confusion = Confusion::default();
    let mut wrong = Vec::new();
    // Why gold paraphrases were judged different, by reason.
    let mut missed: std::collections::BTreeMap<String, u32> = Default::default();
    for pair in &pairs {
        let judgement = judge(&pair.second, &pair.first, &config);
        let predicted = judgement.is_ok();
        confusion.add(predicted, pair.paraphrase);
        if let (Err(reason), true) = (&judgement, pair.paraphrase) {
            *missed.entry(reason.clone()).or_default() += 1;
        }
        if predicted != pair.paraphrase && args.iter().any(|a| a == "--show-errors") {
            wrong.push(format!(
                "gold {} predicted {} ({})\n  1: {}\n  2: {}",
                u8::from(pair.paraphrase),
                u8::from(predicted),
                judgement.as_ref().err().map_or("same", String::as_str),
                pair.first,
                pair.second
            ));
        }
    }
    if args.iter().any(|a| a == "--grid") {
        grid(&pairs, &config);
    }
    let tuning = match args.iter().position(|a| a == "--tune-on") {
        Some(i) => read_msrp(args.get(i + 1).ok_or("--tune-on needs a file")?)?,
        None => Vec::new(),
    };
    let threshold = tune_baseline(if tuning.is_empty() { &pairs } else { &tuning });
    let overlap = baseline(&pairs, threshold);
    println!("MSRP {path}: {} pairs", pairs.len());
    println!("{}", confusion.line("crosscheck"));
    println!(
        "{}",
        overlap.line(&format!("word overlap (Dice ≥ {threshold:.2})"))
    );
    let reasons: Vec<String> = missed.iter().map(|(r, n)| format!("{r} {n}")).collect();
    println!(
        "paraphrases judged different, by reason: {}",
        reasons.join(", ")
    );
    for example in wrong {
        println!("{example}");
    }
    let mut passed = true;
    if let Some(min) = floor(args, "--min-accuracy") {
        passed &= confusion.accuracy() >= min;
    }
    if let Some(min) = floor(args, "--min-f1") {
        passed &= confusion.f1() >= min;
    }
    Ok(passed)
}

/// The one sentence of `sentences` whose text begins with `prefix`.
fn find(sentences: &[&str], prefix: &str, context: &str) -> Result<usize, String> {
    let found: Vec<usize> = (0..sentences.len())
        .filter(|&i| sentences[i].starts_with(prefix))
        .collect();
    match found.as_slice() {
        [one] => Ok(*one),
        _ => Err(format!(
            "{context}: {} sentences begin with {prefix:?}",
            found.len()
        )),
    }
}

/// Link precision, recall and F1 of the aligner against the gold alignments kept beside the
/// fixtures (`DIR/*/alignment.txt`), per language.
fn alignment(dir: &str, args: &[String]) -> Result<bool, String> {
    let mut by_language: std::collections::BTreeMap<String, Confusion> = Default::default();
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("{dir}: {e}"))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.join("alignment.txt").exists())
        .collect();
    entries.sort();
    for fixture in entries {
        let read = |file: &str| {
            let path = fixture.join(file);
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))
        };
        let gold_path = fixture.join("alignment.txt").display().to_string();
        let report = check(
            &Input::new("summary", read("summary.txt")?),
            &Input::new("source", read("source.txt")?),
            &Config::default(),
        );
        let texts = |document: &crosscheck::Document| -> Vec<String> {
            document
                .sentences
                .iter()
                .map(|s| document.slice(s.span).to_string())
                .collect()
        };
        let (summary, source) = (texts(&report.summary), texts(&report.source));
        let summary: Vec<&str> = summary.iter().map(String::as_str).collect();
        let source: Vec<&str> = source.iter().map(String::as_str).collect();
        let mut gold = std::collections::BTreeSet::new();
        for line in read("alignment.txt")?.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (left, right) = line
                .split_once("=>")
                .ok_or_else(|| format!("{gold_path}: no `=>` in {line:?}"))?;
            let from = find(&summary, left.trim(), &gold_path)?;
            for target in right.split('|') {
                gold.insert((from, find(&source, target.trim(), &gold_path)?));
            }
        }
        let predicted: std::collections::BTreeSet<(usize, usize)> = report
            .summary_judgements
            .iter()
            .enumerate()
            .flat_map(|(from, j)| j.aligned_to.iter().map(move |&to| (from, to)))
            .collect();
        let language = format!("{:?}", report.summary.language).to_lowercase();
        let confusion = by_language.entry(language).or_default();
        confusion.true_positive += gold.intersection(&predicted).count() as u32;
        confusion.false_positive += predicted.difference(&gold).count() as u32;
        confusion.false_negative += gold.difference(&predicted).count() as u32;
    }
    println!("alignment gold set {dir}");
    let mut passed = true;
    for (language, confusion) in &by_language {
        println!("{}", confusion.links_line(language));
        if let Some(min) = floor(args, "--min-f1") {
            passed &= confusion.f1() >= min;
        }
    }
    Ok(passed)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.as_slice() {
        [benchmark, path, rest @ ..] if benchmark == "msrp" => msrp(path, rest),
        [benchmark, dir, rest @ ..] if benchmark == "align" => alignment(dir, rest),
        _ => Err(concat!(
            "usage: eval msrp FILE [--tune-on TRAIN] [--min-accuracy X] [--min-f1 X] [--grid] [--show-errors]\n",
            "       eval align DIR [--min-f1 X]"
        )
        .into()),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => {
            eprintln!("below the floor");
            ExitCode::FAILURE
        }
        Err(message) => {
            eprintln!("{message}");
            ExitCode::from(2)
        }
    }
}
