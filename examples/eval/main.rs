//! Measures crosscheck on public benchmarks. Not part of the shipped command.
//!
//! ```sh
//! cargo run --release --example eval -- align fixtures
//! cargo run --release --example eval -- msrp ../shared/eval/msrp/test.tsv
//! cargo run --release --example eval -- deplain ../shared/eval/deplain-web
//! cargo run --release --example eval -- summedits ../shared/eval/summedits
//! cargo run --release --example eval -- consistency ../shared/eval/consistency-dev
//! cargo run --release --example eval -- qmsum ../shared/eval/qmsum-val
//! cargo run --release --example eval -- bootstrap BEFORE AFTER
//! ```
//!
//! Each benchmark prints its figures; with `--min-…` floors it exits 1 below them, for CI.
//! One module per benchmark: [`gold`] (the alignment gold set beside the fixtures), [`msrp`]
//! (sentence judgement), [`deplain`] (German document alignment), [`summedits`] (consistency
//! verdicts on whole documents: `SummEdits`, and the five benchmarks of `consistency-dev`),
//! [`qmsum`] (alignment against long transcripts of many voices); [`bootstrap`] tells whether
//! two runs' difference is beyond noise.

mod bootstrap;
mod deplain;
mod deplain_data;
mod gold;
mod msrp;
mod msrp_data;
mod qmsum;
mod samples;
mod summedits;

use std::process::ExitCode;

/// Counts of a binary judgement against gold labels.
#[derive(Default, Clone, Copy)]
pub(crate) struct Confusion {
    true_positive: u32,
    false_positive: u32,
    true_negative: u32,
    false_negative: u32,
}

impl Confusion {
    pub(crate) fn add(&mut self, predicted: bool, gold: bool) {
        match (predicted, gold) {
            (true, true) => self.true_positive += 1,
            (true, false) => self.false_positive += 1,
            (false, false) => self.true_negative += 1,
            (false, true) => self.false_negative += 1,
        }
    }

    /// The counts of a set of predictions of which `right` are in a gold set.
    pub(crate) fn of_predictions(right: usize, predicted: usize, gold: usize) -> Self {
        let count = |n: usize| u32::try_from(n).expect("fewer than 2^32 items");
        Confusion {
            true_positive: count(right),
            false_positive: count(predicted - right),
            true_negative: 0,
            false_negative: count(gold - right),
        }
    }

    /// Gold positives and gold negatives.
    pub(crate) fn gold_counts(&self) -> (u32, u32) {
        (
            self.true_positive + self.false_negative,
            self.false_positive + self.true_negative,
        )
    }

    /// The share of gold negatives judged positive.
    pub(crate) fn false_alarm_rate(&self) -> f64 {
        f64::from(self.false_positive) / f64::from(self.gold_counts().1).max(1.0)
    }

    /// The mean of the recall of each class.
    pub(crate) fn balanced_accuracy(&self) -> f64 {
        (self.recall() + 1.0 - self.false_alarm_rate()) / 2.0
    }

    pub(crate) fn accuracy(&self) -> f64 {
        let right = self.true_positive + self.true_negative;
        f64::from(right) / f64::from(right + self.false_positive + self.false_negative).max(1.0)
    }

    pub(crate) fn precision(&self) -> f64 {
        f64::from(self.true_positive) / f64::from(self.true_positive + self.false_positive).max(1.0)
    }

    pub(crate) fn recall(&self) -> f64 {
        f64::from(self.true_positive) / f64::from(self.true_positive + self.false_negative).max(1.0)
    }

    pub(crate) fn f1(&self) -> f64 {
        harmonic_mean(self.precision(), self.recall())
    }

    pub(crate) fn links_line(&self, name: &str) -> String {
        format!(
            "{name:<12} links {:3}  precision {:5.1}%  recall {:5.1}%  F1 {:5.1}%",
            self.gold_counts().0,
            100.0 * self.precision(),
            100.0 * self.recall(),
            100.0 * self.f1()
        )
    }

    pub(crate) fn line(&self, name: &str) -> String {
        format!(
            "{name:<28} accuracy {:5.1}%  precision {:5.1}%  recall {:5.1}%  F1 {:5.1}%",
            100.0 * self.accuracy(),
            100.0 * self.precision(),
            100.0 * self.recall(),
            100.0 * self.f1()
        )
    }
}

/// F1 of a precision and a recall: their harmonic mean, 0 when both are 0.
pub(crate) fn harmonic_mean(precision: f64, recall: f64) -> f64 {
    if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    }
}

/// The value after `flag` in `args`, as a number.
pub(crate) fn number_after(args: &[String], flag: &str) -> Option<f64> {
    args.iter()
        .position(|a| a == flag)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
}

/// False when `args` give the floor `flag` and `value` is under it.
pub(crate) fn meets(args: &[String], flag: &str, value: f64) -> bool {
    number_after(args, flag).is_none_or(|min| value >= min)
}

/// False when `args` give the ceiling `flag` and `value` is over it.
pub(crate) fn at_most(args: &[String], flag: &str, value: f64) -> bool {
    number_after(args, flag).is_none_or(|max| value <= max)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.as_slice() {
        [benchmark, path, rest @ ..] if benchmark == "msrp" => msrp::run(path, rest),
        [command, before, after, rest @ ..] if command == "bootstrap" => {
            bootstrap::run(before, after, rest)
        }
        [benchmark, dir, rest @ ..] if benchmark == "align" => gold::run(dir, rest),
        [benchmark, dir, rest @ ..] if benchmark == "deplain" => deplain::run(dir, rest),
        [benchmark, dir, rest @ ..] if benchmark == "summedits" => {
            summedits::run("SummEdits", dir, rest)
        }
        [benchmark, dir, rest @ ..] if benchmark == "consistency" => {
            summedits::run("Consistency (dev)", dir, rest)
        }
        [benchmark, dir, rest @ ..] if benchmark == "qmsum" => qmsum::run(dir, rest),
        _ => Err(concat!(
            "usage: eval msrp FILE [--tune-on TRAIN] [--min-accuracy X] [--min-f1 X] [--grid] [--show-errors] [--answers FILE]\n",
            "       eval align DIR [--min-f1 X]\n",
            "       eval deplain DIR [--support X] [--coverage X] [--min-f1-one-to-one X] [--min-f1 X] [--min-precision X] [--show-errors]\n",
            "       eval summedits DIR [--grounded] [--min-balanced-accuracy X] [--show-errors] [--answers FILE]\n",
            "       eval consistency DIR [--grounded] [--min-balanced-accuracy X] [--show-errors] [--answers FILE]\n",
            "       eval qmsum DIR [--min-f1 X] [--max-unsupported X] [--show-errors]\n",
            "       eval bootstrap BEFORE AFTER [--balanced]"
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
