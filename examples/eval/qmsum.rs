//! `QMSum`: answers to questions about long meetings of many voices, each linked by its
//! annotators to the ranges of transcript turns it draws on (`qmsum DIR`, DIR holding
//! `pairs.jsonl` and `transcripts/`; see the README there).
//!
//! Every answer is checked as the command checks it (default settings, the answer as the
//! summary, the meeting's transcript as the source). A turn (a line of the transcript) is
//! aligned when one of its source sentences is `covered` or `partial`, or is aligned with an
//! answer sentence. Turn precision is the share of aligned turns inside a gold range, range
//! recall the share of gold ranges holding at least one aligned turn, both counted over all
//! answers; F1 is their harmonic mean. Every answer is grounded in its meeting, so each answer
//! sentence labelled `unsupported` is a miss: their share is printed too. `--show-errors`
//! prints, per answer, the aligned turns outside its ranges, the ranges missed and the
//! sentences labelled `unsupported`; `--min-f1` and `--max-unsupported` (shares) are floors.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use rayon::prelude::*;
use serde::Deserialize;

use crosscheck::{Config, Input, Report, SourceLabel, SummaryLabel, check, read};

use crate::{at_most, harmonic_mean, meets};

/// One answer as `pairs.jsonl` gives it.
#[derive(Deserialize)]
struct Answer {
    id: String,
    /// The transcript's path, relative to the data's folder.
    source: String,
    summary: String,
    /// The gold turn ranges, inclusive, 0-based.
    spans: Vec<(usize, usize)>,
}

/// What the check of one answer says, in the benchmark's terms.
struct Outcome {
    /// The aligned turns, ascending.
    turns: BTreeSet<usize>,
    /// How many sentences the answer has.
    sentences: usize,
    /// The text of those labelled `unsupported`.
    unsupported: Vec<String>,
}

impl Outcome {
    /// The aligned turns outside every gold range of `answer`.
    fn outside<'a>(&'a self, answer: &'a Answer) -> impl Iterator<Item = usize> + 'a {
        (self.turns.iter().copied())
            .filter(|t| !answer.spans.iter().any(|&(a, b)| (a..=b).contains(t)))
    }

    /// The gold ranges of `answer` that hold no aligned turn.
    fn missed<'a>(&'a self, answer: &'a Answer) -> impl Iterator<Item = (usize, usize)> + 'a {
        (answer.spans.iter().copied()).filter(|&(a, b)| self.turns.range(a..=b).next().is_none())
    }
}

/// The answers of `dir/pairs.jsonl`, in file order.
fn read_answers(dir: &Path) -> Result<Vec<Answer>, String> {
    let path = dir.join("pairs.jsonl");
    let shown = path.display();
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{shown}: {e}"))?;
    (text.lines().enumerate())
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, line)| serde_json::from_str(line).map_err(|e| format!("{shown}:{}: {e}", i + 1)))
        .collect()
}

/// The turns of `report`'s source that its answer is aligned with: the line (0-based) of each
/// source sentence that is covered, partial or aligned with a summary sentence.
fn aligned_turns(report: &Report) -> BTreeSet<usize> {
    let text = &report.source.text;
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    (report
        .source
        .sentences
        .iter()
        .zip(&report.source_judgements))
    .filter(|(_, j)| {
        matches!(j.label, SourceLabel::Covered | SourceLabel::Partial) || !j.aligned_to.is_empty()
    })
    .map(|(s, _)| line_starts.partition_point(|&start| start <= s.span.start) - 1)
    .collect()
}

/// Checks one answer against its meeting's transcript.
fn outcome(answer: &Answer, transcript: &Input, config: &Config) -> Outcome {
    let report = check(
        &Input::new("answer", answer.summary.as_str()),
        transcript,
        config,
    );
    let unsupported = (report
        .summary
        .sentences
        .iter()
        .zip(&report.summary_judgements))
    .filter(|(_, j)| j.label == SummaryLabel::Unsupported)
    .map(|(s, _)| report.summary.text[s.span.range()].trim().to_string())
    .collect();
    Outcome {
        turns: aligned_turns(&report),
        sentences: report.summary_judgements.len(),
        unsupported,
    }
}

/// One answer's errors, for `--show-errors`; `None` when it has none.
fn errors(answer: &Answer, outcome: &Outcome) -> Option<String> {
    let outside: Vec<String> = outcome.outside(answer).map(|t| t.to_string()).collect();
    let missed: Vec<String> = (outcome.missed(answer))
        .map(|(a, b)| format!("{a}-{b}"))
        .collect();
    if outside.is_empty() && missed.is_empty() && outcome.unsupported.is_empty() {
        return None;
    }
    let mut text = format!("{} ({})", answer.id, answer.source);
    if !outside.is_empty() {
        text += &format!("\n  turns outside the gold ranges: {}", outside.join(", "));
    }
    if !missed.is_empty() {
        text += &format!(
            "\n  gold ranges with no aligned turn: {}",
            missed.join(", ")
        );
    }
    for sentence in &outcome.unsupported {
        text += &format!("\n  unsupported: {sentence}");
    }
    Some(text)
}

/// Runs the benchmark; false when a floor is not met.
pub(crate) fn run(dir: &str, args: &[String]) -> Result<bool, String> {
    let dir = Path::new(dir);
    let answers = read_answers(dir)?;
    let config = Config::default();
    let mut transcripts = BTreeMap::new();
    for answer in &answers {
        if !transcripts.contains_key(&answer.source) {
            let input = read::read(&dir.join(&answer.source), config.max_bytes)
                .map_err(|e| e.to_string())?;
            transcripts.insert(answer.source.clone(), input);
        }
    }
    let outcomes: Vec<Outcome> = answers
        .par_iter()
        .map(|a| outcome(a, &transcripts[&a.source], &config))
        .collect();
    let (mut inside, mut turns, mut hit, mut ranges) = (0, 0, 0, 0);
    let (mut unsupported, mut sentences) = (0, 0);
    for (answer, outcome) in answers.iter().zip(&outcomes) {
        turns += outcome.turns.len();
        inside += outcome.turns.len() - outcome.outside(answer).count();
        ranges += answer.spans.len();
        hit += answer.spans.len() - outcome.missed(answer).count();
        unsupported += outcome.unsupported.len();
        sentences += outcome.sentences;
    }
    let share = |part: usize, whole: usize| part as f64 / whole.max(1) as f64;
    let (precision, recall) = (share(inside, turns), share(hit, ranges));
    let f1 = harmonic_mean(precision, recall);
    let unsupported_share = share(unsupported, sentences);
    println!(
        "QMSum {}: {} answers over {} meetings, {ranges} gold ranges, default settings",
        dir.display(),
        answers.len(),
        transcripts.len()
    );
    println!("turn precision {precision:.3} ({inside} of {turns} aligned turns in a gold range)");
    println!("range recall   {recall:.3} ({hit} of {ranges} gold ranges hold an aligned turn)");
    println!("F1             {f1:.3}");
    println!(
        "unsupported    {:.1}% ({unsupported} of {sentences} answer sentences; every answer is grounded)",
        100.0 * unsupported_share
    );
    if args.iter().any(|a| a == "--show-errors") {
        for text in answers
            .iter()
            .zip(&outcomes)
            .filter_map(|(a, o)| errors(a, o))
        {
            println!("{text}");
        }
    }
    Ok(meets(args, "--min-f1", f1) && at_most(args, "--max-unsupported", unsupported_share))
}
