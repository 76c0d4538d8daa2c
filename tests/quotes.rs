//! The quote perturbations (`fixtures/quotes/`, see its README): news-style sentences quoting
//! real spoken transcripts, each edited one way. An edit clean-verbatim practice allows must
//! raise no quote or paraphrase-shift finding and no `unsupported` finding that lists the
//! quoted words (one that lists a name the reporter added, or a translation's words, is about
//! the rest of the sentence, not the quote); a misquote must raise a
//! `fact-mismatch/quote` finding whose message contains the expected text. The test prints one
//! line per case and a table per kind of edit (with how many raise any quote finding, whatever
//! its message), and fails when fewer cases hold than `FLOOR` or when the set shrinks under 40
//! cases or 20 in either language.

use std::collections::BTreeMap;

use crosscheck::confidence::DEFAULT_MIN_CONFIDENCE;
use crosscheck::{Config, FactKind, Finding, FindingKind, Input, SourceKind, check};
use serde::Deserialize;

/// The fewest cases that must hold (measured when the set was committed, 1 of 73: the quote
/// check of that day flags every edited quote as “not in the source”; raised as it learns
/// clean-verbatim practice).
const FLOOR: usize = 86;

/// Edits clean-verbatim practice allows: they must raise nothing.
const ACCEPTED: [&str; 8] = [
    "filler",
    "false-start",
    "self-correction",
    "broken-word",
    "contraction",
    "bracket",
    "ellipsis",
    "translation",
];

/// Misquotes: each must raise one `fact-mismatch/quote` finding.
const CAUGHT: [&str; 6] = ["changed", "added", "dropped", "negation", "order", "joined"];

/// The finding a misquote must raise.
const QUOTE_RULE: &str = "fact-mismatch/quote";

/// `cases.toml`: its `[[case]]` tables.
#[derive(Deserialize)]
struct Cases {
    case: Vec<Case>,
}

/// One perturbation: a summary quoting a source, the kind of edit and what it must raise.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    lang: String,
    source: String,
    summary: String,
    edit: String,
    expect: Vec<String>,
    /// For a misquote, text the quote finding's message must contain.
    #[serde(default)]
    says: Option<String>,
    why: String,
}

impl Case {
    /// Panics unless the case is well formed: a known language and edit, and `expect` and
    /// `says` as the edit calls for.
    fn validate(&self) {
        let name = &self.name;
        assert!(
            matches!(self.lang.as_str(), "en" | "vi"),
            "{name}: lang {}",
            self.lang
        );
        assert!(!self.why.trim().is_empty(), "{name}: no why");
        if ACCEPTED.contains(&self.edit.as_str()) {
            assert!(
                self.expect.is_empty(),
                "{name}: an accepted edit expects []"
            );
            assert!(self.says.is_none(), "{name}: an accepted edit has no says");
        } else {
            assert!(
                CAUGHT.contains(&self.edit.as_str()),
                "{name}: edit {}",
                self.edit
            );
            assert_eq!(self.expect, [QUOTE_RULE], "{name}: expect");
            assert!(self.says.is_some(), "{name}: a misquote needs says");
        }
    }

    /// Whether the findings raised on the summary are what the case expects: for a misquote,
    /// a quote finding saying `says`, sure enough to count toward the exit code by default.
    fn holds(&self, findings: &[Finding]) -> bool {
        match &self.says {
            None => !findings.iter().any(judged),
            Some(says) => findings.iter().any(|f| {
                f.rule() == QUOTE_RULE
                    && f.message.contains(says.as_str())
                    && f.confidence >= DEFAULT_MIN_CONFIDENCE
            }),
        }
    }
}

/// Findings that say a quote misstates or overstates the source: a quote finding, a change of
/// strength, or quoted words the source lacks. Each summary is one sentence, the quote's, so
/// every such finding is on it.
fn judged(finding: &Finding) -> bool {
    finding.rule() == QUOTE_RULE
        || finding.kind == FindingKind::ParaphraseShift
        || (finding.kind == FindingKind::Unsupported
            && finding.added.iter().any(|d| d.fact == FactKind::Quote))
}

/// Whether any `fact-mismatch/quote` finding is raised, whatever its message.
fn flags_quote(findings: &[Finding]) -> bool {
    findings.iter().any(|f| f.rule() == QUOTE_RULE)
}

/// Cases and how many hold, per language, and how many raise a quote finding at all.
#[derive(Default)]
struct Tally {
    cases: BTreeMap<String, usize>,
    held: BTreeMap<String, usize>,
    flagged: usize,
}

impl Tally {
    fn add(&mut self, lang: &str, holds: bool, flagged: bool) {
        *self.cases.entry(lang.to_string()).or_default() += 1;
        *self.held.entry(lang.to_string()).or_default() += usize::from(holds);
        self.flagged += usize::from(flagged);
    }

    /// `held/cases` for one language, or `-` when it has none.
    fn cell(&self, lang: &str) -> String {
        match self.cases.get(lang) {
            Some(cases) => format!("{}/{cases}", self.held.get(lang).copied().unwrap_or(0)),
            None => "-".to_string(),
        }
    }
}

#[test]
fn quote_perturbations() {
    let root = env!("CARGO_MANIFEST_DIR");
    let text = std::fs::read_to_string(format!("{root}/fixtures/quotes/cases.toml")).unwrap();
    let cases = toml::from_str::<Cases>(&text).unwrap().case;
    let count = |lang: &str| cases.iter().filter(|c| c.lang == lang).count();
    assert!(cases.len() >= 40, "the set has {} cases", cases.len());
    assert!(count("en") >= 20, "{} English cases", count("en"));
    assert!(count("vi") >= 20, "{} Vietnamese cases", count("vi"));
    let config = Config {
        source_kind: SourceKind::Transcript,
        ..Config::default()
    };
    let mut tallies: BTreeMap<&str, Tally> = BTreeMap::new();
    let mut held = 0;
    for case in &cases {
        case.validate();
        let path = format!("fixtures/quotes/sources/{}", case.source);
        let source = Input::new(
            path.clone(),
            std::fs::read_to_string(format!("{root}/{path}")).unwrap(),
        );
        let report = check(
            &Input::new(&case.name, case.summary.as_str()),
            &source,
            &config,
        );
        let holds = case.holds(&report.findings);
        held += usize::from(holds);
        tallies.entry(case.edit.as_str()).or_default().add(
            &case.lang,
            holds,
            flags_quote(&report.findings),
        );
        if holds {
            println!("PASS {} ({})", case.name, case.edit);
        } else {
            // The findings on the summary (omissions are about the source).
            let raised: Vec<String> = report
                .findings
                .iter()
                .filter(|f| f.summary.is_some())
                .map(|f| format!("{}: {}", f.rule(), f.message))
                .collect();
            println!(
                "FAIL {} ({}): raised [{}]",
                case.name,
                case.edit,
                raised.join("; ")
            );
        }
    }
    println!(
        "{:<16} {:>6} {:>6} {:>6} {:>13}",
        "edit", "en", "vi", "all", "quote-flagged"
    );
    for edit in ACCEPTED.iter().chain(&CAUGHT) {
        let Some(tally) = tallies.get(edit) else {
            continue;
        };
        let all: usize = tally.cases.values().sum();
        let all_held: usize = tally.held.values().sum();
        println!(
            "{edit:<16} {:>6} {:>6} {:>6} {:>13}",
            tally.cell("en"),
            tally.cell("vi"),
            format!("{all_held}/{all}"),
            format!("{}/{all}", tally.flagged)
        );
    }
    println!("quote perturbations: {held} of {} hold", cases.len());
    assert!(
        held >= FLOOR,
        "{held} of {} cases hold, under the floor of {FLOOR}",
        cases.len()
    );
}
