//! Whether a change is beyond noise: a paired bootstrap over two runs' answers.
//!
//! ```sh
//! cargo run --release --example eval -- msrp ../shared/eval/msrp/test.tsv --answers before.tsv
//! # … change, rebuild …
//! cargo run --release --example eval -- msrp ../shared/eval/msrp/test.tsv --answers after.tsv
//! cargo run --release --example eval -- bootstrap before.tsv after.tsv
//! ```
//!
//! Each benchmark's `--answers FILE` writes one line per sample and system:
//! `system<TAB>group<TAB>id<TAB>gold<TAB>predicted` (gold and predicted 0 or 1). `bootstrap
//! BEFORE AFTER` pairs the two files' lines by system, group and id (the two must answer for
//! the same samples, each once, with the same gold labels: else it stops with exit 2), and
//! for each system and
//! group (and all its groups together, when it has several) prints the measure before and after, the change, and its
//! 95% interval from 2,000 resamples of the samples, the same resample for both runs. The
//! measure is accuracy, or balanced accuracy with `--balanced` (the consistency benchmarks').
//! A change is a loss when it falls by more than half a point or its interval lies below zero,
//! the project's rule for noise; `bootstrap` exits 1 when any is.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::Confusion;

/// Resamples drawn; 2,000 leaves 50 of them outside the 95% interval on each side.
const RESAMPLES: usize = 2000;

/// The largest fall, in points, that is still noise.
const NOISE_POINTS: f64 = 0.5;

/// One sample's gold label and a system's answer.
#[derive(Clone, Copy)]
pub(crate) struct Answer {
    pub(crate) gold: bool,
    pub(crate) predicted: bool,
}

/// Collects answers for `--answers FILE` and writes them at the end, when the flag is given.
#[derive(Default)]
pub(crate) struct Answers {
    text: String,
}

impl Answers {
    /// Records `system`'s `answer` for sample `id` of `group`.
    pub(crate) fn add(&mut self, system: &str, group: &str, id: &str, answer: Answer) {
        let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
        let _ = writeln!(
            self.text,
            "{}\t{}\t{}\t{}\t{}",
            clean(system),
            clean(group),
            clean(id),
            u8::from(answer.gold),
            u8::from(answer.predicted)
        );
    }

    /// Writes the answers to the file after `--answers` in `args`, if the flag is there.
    pub(crate) fn write(&self, args: &[String]) -> Result<(), String> {
        let Some(i) = args.iter().position(|a| a == "--answers") else {
            return Ok(());
        };
        let path = args.get(i + 1).ok_or("--answers needs a file")?;
        std::fs::write(path, &self.text).map_err(|e| format!("{path}: {e}"))
    }
}

/// One sample's answers in the two runs.
type Paired = (Answer, Answer);

/// Answers by system and group, each keyed by sample id.
type Runs = BTreeMap<(String, String), BTreeMap<String, Answer>>;

/// Reads an answers file (see the module's documentation).
fn read(path: &str) -> Result<Runs, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let mut runs = Runs::new();
    for (number, line) in text.lines().enumerate() {
        let bit = |field: &str| match field {
            "0" => Ok(false),
            "1" => Ok(true),
            _ => Err(format!(
                "{path}:{}: expected 0 or 1, found {field:?}",
                number + 1
            )),
        };
        let fields: Vec<&str> = line.split('\t').collect();
        let [system, group, id, gold, predicted] = fields[..] else {
            return Err(format!(
                "{path}:{}: expected 5 tab-separated fields",
                number + 1
            ));
        };
        let answer = Answer {
            gold: bit(gold)?,
            predicted: bit(predicted)?,
        };
        let group = runs
            .entry((system.to_string(), group.to_string()))
            .or_default();
        if group.insert(id.to_string(), answer).is_some() {
            return Err(format!(
                "{path}:{}: {system} {id:?} answered twice",
                number + 1
            ));
        }
    }
    Ok(runs)
}

/// A small deterministic generator (xorshift64*), so that the intervals are the same on
/// every run.
struct Generator(u64);

impl Generator {
    /// A number in `0..bound`.
    fn below(&mut self, bound: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        let value = self.0.wrapping_mul(0x2545_F491_4F6C_DD1D);
        ((u128::from(value) * bound as u128) >> 64) as usize
    }
}

/// The measure of `answers`, in points.
fn measure<'a>(answers: impl Iterator<Item = &'a Answer>, balanced: bool) -> f64 {
    let mut confusion = Confusion::default();
    for answer in answers {
        confusion.add(answer.predicted, answer.gold);
    }
    100.0
        * if balanced {
            confusion.balanced_accuracy()
        } else {
            confusion.accuracy()
        }
}

/// The change from `before` to `after` (paired samples) and its 95% interval.
fn change(pairs: &[Paired], balanced: bool) -> (f64, f64, f64, f64) {
    let before = measure(pairs.iter().map(|p| &p.0), balanced);
    let after = measure(pairs.iter().map(|p| &p.1), balanced);
    let mut generator = Generator(0x9E37_79B9_7F4A_7C15);
    let mut changes: Vec<f64> = (0..RESAMPLES)
        .map(|_| {
            let drawn: Vec<&Paired> = (0..pairs.len())
                .map(|_| &pairs[generator.below(pairs.len())])
                .collect();
            measure(drawn.iter().map(|p| &p.1), balanced)
                - measure(drawn.iter().map(|p| &p.0), balanced)
        })
        .collect();
    changes.sort_by(f64::total_cmp);
    let low = changes[RESAMPLES * 25 / 1000];
    let high = changes[RESAMPLES * 975 / 1000 - 1];
    (before, after, low, high)
}

pub(crate) fn run(before: &str, after: &str, args: &[String]) -> Result<bool, String> {
    let balanced = args.iter().any(|a| a == "--balanced");
    let (before, after) = (read(before)?, read(after)?);
    let mut clean = true;
    // Each system's samples of every group, and how many groups it has.
    let mut systems: BTreeMap<&str, (Vec<Paired>, usize)> = BTreeMap::new();
    let mut print = |name: &str, pairs: &[Paired]| {
        let (was, is, low, high) = change(pairs, balanced);
        let loss = is - was < -NOISE_POINTS || high < 0.0;
        clean &= !loss;
        println!(
            "{name:<36} {was:5.1} → {is:5.1}  change {:+5.1} (95% {low:+.1} to {high:+.1}){}",
            is - was,
            if loss { "  LOSS" } else { "" }
        );
    };
    if before.keys().ne(after.keys()) || before.is_empty() {
        return Err("the two files must answer for the same systems and groups".into());
    }
    for ((system, group), answers) in &before {
        let now = &after[&(system.clone(), group.clone())];
        if answers.len() != now.len() || answers.keys().ne(now.keys()) {
            return Err(format!(
                "{system} {group}: the two files answer for different samples \
                 ({} and {})",
                answers.len(),
                now.len()
            ));
        }
        let pairs: Vec<Paired> = (answers.values())
            .zip(now.values())
            .map(|(a, b)| (*a, *b))
            .collect();
        if let Some(id) = (answers.iter())
            .zip(now.values())
            .find(|((_, a), b)| a.gold != b.gold)
            .map(|((id, _), _)| id)
        {
            return Err(format!(
                "{system} {group} {id:?}: the two files give different gold labels"
            ));
        }
        print(
            &format!("{system} {group} ({} samples)", pairs.len()),
            &pairs,
        );
        let all = systems.entry(system).or_default();
        all.0.extend(pairs);
        all.1 += 1;
    }
    for (system, (pairs, groups)) in &systems {
        if *groups > 1 {
            print(&format!("{system} (all)"), pairs);
        }
    }
    Ok(clean)
}
