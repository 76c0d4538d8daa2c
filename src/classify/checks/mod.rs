//! The fact checks, one module per kind of fact, each behind [`FactCheck`] and listed once in
//! [`REGISTRY`], which `classify` loops over for every summary sentence.
//!
//! A check builds its own index of the source once per document ([`FactCheck::index`]), then
//! looks at one summary sentence at a time ([`FactCheck::check`]) and returns [`Evidence`]:
//! the summary's words and their slot, and the source's words that disagree, or none when the
//! source never says anything of the kind. Checks never decide severities or wording: the
//! policy in `classify::judge` turns evidence into findings.
//!
//! | module | catches | leaves alone |
//! | --- | --- | --- |
//! | [`numbers`] | a count of a noun that disagrees with the source's count of it; a number, a year or an ordinal of a noun the source never gives | rounded figures, a number given elsewhere in the source, parts of dates |
//! | [`terms`] | a word put for another of its kind the source uses (a colour, a unit of time, a point of the compass) | kinds the source never uses; capitalised words where capitals mark names |
//! | [`negation`] | a negation added or dropped; the future put for what was done; a word put for its opposite; a negation where the source negates nothing, or of a word it only affirms | opposites said of different things, or side by side (`growth and decline`) |
//! | [`quotes`] | quoted words that are not, in order and together, in the source | quotes against another report (`--source-kind report`) |
//! | [`people`] | a title that conflicts with the source's; the speaker's words under another name or in another mouth; against a transcript, a name the source never mentions | titles of different families (a rank and an office); German capitalised nouns |
//! | [`dates`] | a date that cannot be any date of the aligned source sentences | a year alone (checked by [`numbers`]) |
//! | [`shifts`] | a qualifier made absolute, a suggestion made a commitment, a qualifier dropped or added, a commitment weakened | |

mod dates;
mod markers;
mod negation;
mod numbers;
mod people;
mod quotes;
mod shifts;
mod terms;

use std::ops::Range;

pub(crate) use people::{misattribution, voice_mismatch};

use super::evidence::{Evidence, Reason, Scope};
use crate::align::Link;
use crate::config::SourceKind;
use crate::model::{Document, FactKind, FindingKind, Location, Span};

/// A rule a finding can fall under, with what it means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rule {
    /// The kind of finding.
    pub kind: FindingKind,
    /// Which fact disagrees, for a fact mismatch.
    pub fact: Option<FactKind>,
    /// One sentence for people (SARIF's `shortDescription`).
    pub description: &'static str,
    /// What the rule catches and what it leaves alone, with examples, in a few sentences that
    /// follow the description and read the same as plain text and as Markdown (no markup
    /// characters): with the description, SARIF's `fullDescription` and the start of its
    /// `help`, and the rule's entry in the README's Rules section.
    pub explanation: &'static str,
}

impl Rule {
    /// A fact-mismatch rule.
    const fn mismatch(
        fact: FactKind,
        description: &'static str,
        explanation: &'static str,
    ) -> Rule {
        Rule {
            kind: FindingKind::FactMismatch,
            fact: Some(fact),
            description,
            explanation,
        }
    }
}

/// One kind of fact check, implemented by the check's index of a pair of documents: what it
/// reports and when it runs, how it indexes the pair (once), and the check of one summary
/// sentence. Listed once in [`REGISTRY`].
pub(crate) trait FactCheck<'a>: Sized + 'a {
    /// The rules its evidence falls under.
    const RULES: &'static [Rule];
    /// The only kind of source it is held against; `None` for any (quotes and names are only
    /// held against a transcript).
    const ONLY_AGAINST: Option<SourceKind> = None;
    /// Whether it also runs on summary sentences below the support threshold (against their
    /// nearest source sentence, if any, and the whole source).
    const RUNS_UNSUPPORTED: bool = false;
    /// Whether building its index takes much more than the index keeps (the whole search
    /// done at once, its results kept): such indexes are built before the others exist, so
    /// that their peak is not added to the others' memory.
    const BUILT_FIRST: bool = false;

    /// Its index of the source (and of the summary, where it needs one), built once per pair.
    fn index(summary: &'a Document, source: &'a Document) -> Self;

    /// The evidence it finds in one summary sentence.
    fn check(&self, sentence: &Checked<'_>) -> Vec<Evidence>;

    /// What it could not check in full, for the report's limits (a check that bounds its own
    /// work says here where the bound cut it short); nothing by default.
    fn limits(&self) -> Vec<String> {
        Vec::new()
    }

    /// How it read the pair, where the reader should know it and it fails nothing, for the
    /// report's notes; nothing by default.
    fn notes(&self) -> Vec<String> {
        Vec::new()
    }
}

/// A check with its index of one pair, whatever its type.
trait IndexedCheck {
    /// [`FactCheck::check`].
    fn check(&self, sentence: &Checked<'_>) -> Vec<Evidence>;
    /// [`FactCheck::limits`].
    fn limits(&self) -> Vec<String>;
    /// [`FactCheck::notes`].
    fn notes(&self) -> Vec<String>;
}

impl<'a, T: FactCheck<'a>> IndexedCheck for T {
    fn check(&self, sentence: &Checked<'_>) -> Vec<Evidence> {
        FactCheck::check(self, sentence)
    }

    fn limits(&self) -> Vec<String> {
        FactCheck::limits(self)
    }

    fn notes(&self) -> Vec<String> {
        FactCheck::notes(self)
    }
}

/// One indexed check.
type SentenceCheck<'a> = Box<dyn IndexedCheck + 'a>;

/// A check in the registry: what it reports and when it runs, and how to index a pair for it.
struct Registered {
    rules: &'static [Rule],
    only_against: Option<SourceKind>,
    runs_unsupported: bool,
    built_first: bool,
    index: for<'a> fn(&'a Document, &'a Document) -> SentenceCheck<'a>,
}

/// Registers checks by their index types, in order.
macro_rules! registry {
    ($($check:ty),* $(,)?) => {
        &[$(Registered {
            rules: <$check as FactCheck>::RULES,
            only_against: <$check as FactCheck>::ONLY_AGAINST,
            runs_unsupported: <$check as FactCheck>::RUNS_UNSUPPORTED,
            built_first: <$check as FactCheck>::BUILT_FIRST,
            index: |summary, source| Box::new(<$check as FactCheck>::index(summary, source)),
        }),*]
    };
}

/// The checks, in the order their evidence is listed for a sentence.
static REGISTRY: &[Registered] = registry![
    numbers::SourceFigures,
    terms::SourceTerms,
    negation::SourceNegations,
    quotes::QuoteSearch,
    people::SourcePeople,
    people::SourceNames,
    dates::AlignedDates,
    shifts::AlignedMarkers,
];

/// One summary sentence as the checks see it.
pub(crate) struct Checked<'a> {
    /// The summary.
    pub summary: &'a Document,
    /// The source.
    pub source: &'a Document,
    /// The sentence's index in the summary.
    pub index: usize,
    /// Its link to the source: the sentences that support it, or the nearest ones when it is
    /// not supported; `None` when no source sentence shares a word with it.
    pub link: Option<Link<'a>>,
    /// True when the link reaches the support threshold.
    pub supported: bool,
}

impl Checked<'_> {
    /// The source sentences of the link, none without one.
    fn linked(&self) -> &[usize] {
        self.link.map_or(&[], |l| l.sources)
    }

    /// The first source sentence of the link, whole: the place evidence points at when no
    /// words of the source are the place.
    fn nearest(&self) -> Option<Location> {
        self.link.map(|link| {
            let sentence = link.sources[0];
            Location::new(sentence, self.source.sentences[sentence].span)
        })
    }

    /// A place in the summary sentence.
    fn at(&self, span: Span) -> Location {
        Location::new(self.index, span)
    }

    /// Evidence that the sentence's words at `said` are put for the source's words at
    /// `instead` (a source sentence and span), a disagreement of `fact` found in `scope`.
    fn put_for(
        &self,
        fact: FactKind,
        scope: Scope,
        said: Span,
        instead: (usize, Span),
    ) -> Evidence {
        let (sentence, span) = instead;
        Evidence::new(
            Reason::PutFor(fact),
            scope,
            self.at(said),
            self.summary.slice(said),
        )
        .where_source_says(Location::new(sentence, span), self.source.slice(span))
    }
}

/// The checks that run against a source of `source_kind`, each with its index of the pair.
pub(crate) struct Checks<'a> {
    indexes: Vec<(&'static Registered, SentenceCheck<'a>)>,
}

impl<'a> Checks<'a> {
    /// Indexes the pair for every registered check that applies to `source_kind`: those
    /// [`FactCheck::BUILT_FIRST`] first, then the others, kept in registry order.
    pub(crate) fn new(
        summary: &'a Document,
        source: &'a Document,
        source_kind: SourceKind,
    ) -> Self {
        let applies =
            |check: &Registered| check.only_against.is_none_or(|kind| kind == source_kind);
        let mut indexes: Vec<Option<(&'static Registered, SentenceCheck<'a>)>> =
            REGISTRY.iter().map(|_| None).collect();
        for built_first in [true, false] {
            for (slot, check) in indexes.iter_mut().zip(REGISTRY) {
                if applies(check) && check.built_first == built_first {
                    *slot = Some((check, (check.index)(summary, source)));
                }
            }
        }
        Checks {
            indexes: indexes.into_iter().flatten().collect(),
        }
    }

    /// The evidence of every check that runs on the sentence, in registry order.
    pub(crate) fn run(&self, sentence: &Checked<'_>) -> Vec<Evidence> {
        self.indexes
            .iter()
            .filter(|(check, _)| sentence.supported || check.runs_unsupported)
            .flat_map(|(_, check)| check.check(sentence))
            .collect()
    }

    /// True when every check checked all it was given (no limit reached so far).
    pub(crate) fn complete(&self) -> bool {
        self.indexes
            .iter()
            .all(|(_, check)| check.limits().is_empty())
    }

    /// What the checks could not check in full, and their notes; their indexes are freed.
    pub(crate) fn into_limits_and_notes(self) -> (Vec<String>, Vec<String>) {
        let all = |of: fn(&dyn IndexedCheck) -> Vec<String>| {
            self.indexes
                .iter()
                .flat_map(|(_, check)| of(check.as_ref()))
                .collect()
        };
        (all(|check| check.limits()), all(|check| check.notes()))
    }
}

/// The first of `found` (source sentences with what was found in them) that stands in one of
/// the `linked` sentences, or else the first of all.
fn prefer_linked<T>(
    found: impl Iterator<Item = (usize, T)> + Clone,
    linked: &[usize],
) -> Option<(usize, T)> {
    found
        .clone()
        .find(|(sentence, _)| linked.contains(sentence))
        .or_else(|| found.clone().next())
}

/// The span of a run of tokens of a document.
fn span_of(document: &Document, tokens: &Range<usize>) -> Span {
    document.tokens[tokens.start]
        .span()
        .cover(document.tokens[tokens.end - 1].span())
}

/// The place of a token range in a sentence of a document.
fn place(document: &Document, sentence: usize, tokens: &Range<usize>) -> Location {
    Location::new(sentence, span_of(document, tokens))
}

/// True for a content word, by the length the language gives content words.
fn is_content_word(document: &Document, key: &str) -> bool {
    key.chars().count() >= document.language.lexicon().check_rules.content_word_letters
}

/// The stems of the content words within `reach` words of the word at `span` in a sentence:
/// what it says something of.
fn content_near(document: &Document, sentence: usize, span: Span, reach: usize) -> Vec<String> {
    let words: Vec<&crate::model::Token> = document
        .tokens
        .words_within(document.sentences[sentence].span)
        .collect();
    let at = words.partition_point(|t| t.span().start < span.start);
    words[at.saturating_sub(reach)..(at + 1 + reach).min(words.len())]
        .iter()
        .filter(|t| t.span() != span && is_content_word(document, document.tokens.key(t)))
        .map(|t| document.stem(t).to_string())
        .collect()
}

/// Every rule of the registered checks.
pub(crate) fn rules() -> impl Iterator<Item = Rule> {
    REGISTRY
        .iter()
        .flat_map(|check| check.rules.iter().copied())
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use serde::Deserialize;

    use crate::{Config, Input, SourceKind, check};

    /// One case of a check, from `fixtures/checks/<check>.toml`.
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Case {
        /// What the case shows.
        why: String,
        #[serde(default = "another_report")]
        source_kind: SourceKind,
        source: String,
        summary: String,
        /// The rule whose findings are compared.
        rule: String,
        /// The summary's words of each finding of the rule, in order; for an `unsupported`
        /// finding that lists the details the source never gives, the words of each detail.
        found: Option<Vec<String>>,
        /// Each finding of the rule as `summary words => source words`, in order.
        found_against: Option<Vec<String>>,
    }

    #[derive(Deserialize)]
    struct Cases {
        case: Vec<Case>,
    }

    fn another_report() -> SourceKind {
        SourceKind::Report
    }

    /// The findings of the case's rule, as its `found` or `found_against` lists them.
    fn findings(case: &Case) -> Vec<String> {
        let config = Config {
            source_kind: case.source_kind,
            ..Config::default()
        };
        let report = check(
            &Input::new("summary", case.summary.as_str()),
            &Input::new("source", case.source.as_str()),
            &config,
        );
        report
            .findings
            .iter()
            .filter(|f| f.rule() == case.rule)
            .flat_map(|f| {
                if !f.added.is_empty() {
                    let details = f.added.iter();
                    return details
                        .map(|d| report.summary.slice(d.span).to_string())
                        .collect();
                }
                let Some(at) = f.summary else {
                    return Vec::new();
                };
                let said = report.summary.slice(at.span());
                vec![match (&case.found_against, f.source) {
                    (Some(_), Some(at)) => {
                        format!("{said} => {}", report.source.slice(at.span()))
                    }
                    _ => said.to_string(),
                }]
            })
            .collect()
    }

    /// The check modules (every file of this folder but the registry and the shared marker
    /// machinery), each of which has a case file.
    fn check_modules(root: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(root.join("src/classify/checks"))
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter_map(|path| Some(path.file_stem()?.to_str()?.to_string()))
            .filter(|name| name != "mod" && name != "markers")
            .collect();
        names.sort();
        names
    }

    #[test]
    fn every_check_meets_its_cases() {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let mut failures = Vec::new();
        let mut count = 0;
        for module in check_modules(&root) {
            let path = root.join(format!("fixtures/checks/{module}.toml"));
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{}: {e}: every check has cases", path.display()));
            let cases: Cases = toml::from_str(&text).unwrap_or_else(|e| panic!("{module}: {e}"));
            assert!(!cases.case.is_empty(), "{module} has no case");
            for case in cases.case {
                count += 1;
                let expected = case.found.clone().or(case.found_against.clone());
                let expected =
                    expected.unwrap_or_else(|| panic!("{module}: `{}` expects nothing", case.why));
                let found = findings(&case);
                if found != expected {
                    failures.push(format!(
                        "{module}: {}\n  expected {expected:?}\n  found    {found:?}",
                        case.why
                    ));
                }
            }
        }
        assert!(
            failures.is_empty(),
            "{} of {count} cases failed:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }
}
