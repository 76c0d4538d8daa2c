//! The planted errors the default `min-confidence` must leave failing: the perturbation
//! suite's and the quote set's misstatements, the seed's wrong copies, and the real pairs whose
//! reports have errors. They are not trained on; each only bounds the threshold: a run that
//! fails on it with every finding counting must still fail, so the threshold may not pass the
//! surest of its error findings.

use std::path::Path;

use serde::Deserialize;
use unicode_normalization::UnicodeNormalization;

use crosscheck::confidence::{self, Features};
use crosscheck::{Config, Finding, Input, Severity, check, exit};

/// One planted error: where it is, and the confidence its surest error finding is rated.
pub(crate) struct Planted {
    pub(crate) name: String,
    pub(crate) surest: f64,
}

/// A perturbation case (`fixtures/perturb/cases/*.toml`), as far as this needs it.
#[derive(Deserialize)]
struct PerturbCase {
    source: String,
    summary: String,
    expect: Vec<String>,
    #[serde(default)]
    nfd: bool,
}

/// The quote set (`fixtures/quotes/cases.toml`).
#[derive(Deserialize)]
struct QuoteCases {
    case: Vec<QuoteCase>,
}

#[derive(Deserialize)]
struct QuoteCase {
    name: String,
    source: String,
    summary: String,
    expect: Vec<String>,
}

/// A real pair's expectation and settings, as far as this needs them.
#[derive(Deserialize)]
struct RealExpectation {
    exit: u8,
}

#[derive(Deserialize)]
struct RealMeta {
    excerpt: bool,
}

/// Every planted error under `fixtures` that fails the run with every finding counting, each
/// with its surest error finding's confidence under `rate`.
pub(crate) fn planted(
    fixtures: &Path,
    rate: &dyn Fn(&Finding, &Features) -> f64,
) -> Result<Vec<Planted>, String> {
    let read =
        |path: &Path| std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()));
    // (name, summary, source, settings)
    let mut pairs: Vec<(String, String, String, Config)> = Vec::new();
    let every = Config {
        min_confidence: 0.0,
        ..Config::default()
    };
    for path in sorted(&fixtures.join("perturb/cases"), "toml")? {
        let case: PerturbCase =
            toml::from_str(&read(&path)?).map_err(|e| format!("{}: {e}", path.display()))?;
        if case.expect.is_empty() {
            continue;
        }
        let source = if case.source.ends_with(".txt") {
            fixtures.join(&case.source)
        } else {
            fixtures.join(&case.source).join("source.txt")
        };
        let summary = if case.nfd {
            case.summary.nfd().collect()
        } else {
            case.summary
        };
        let name = path.file_stem().unwrap_or_default().to_string_lossy();
        pairs.push((
            format!("perturb/{name}"),
            summary,
            read(&source)?,
            every.clone(),
        ));
    }
    let quotes = fixtures.join("quotes/cases.toml");
    let cases: QuoteCases =
        toml::from_str(&read(&quotes)?).map_err(|e| format!("{}: {e}", quotes.display()))?;
    for case in cases.case.into_iter().filter(|c| !c.expect.is_empty()) {
        let source = read(&fixtures.join("quotes/sources").join(&case.source))?;
        pairs.push((
            format!("quotes/{}", case.name),
            case.summary,
            source,
            every.clone(),
        ));
    }
    for seed in ["hanoi-wrong-count", "hanoi-wrong-days"] {
        let dir = fixtures.join(seed);
        pairs.push((
            seed.to_string(),
            read(&dir.join("summary.txt"))?,
            read(&dir.join("source.txt"))?,
            every.clone(),
        ));
    }
    for dir in sorted(&fixtures.join("real"), "")? {
        let Ok(expected) = read(&dir.join("expect.toml")) else {
            continue;
        };
        let expected: RealExpectation = toml::from_str(&expected).map_err(|e| e.to_string())?;
        let meta: RealMeta =
            toml::from_str(&read(&dir.join("meta.toml"))?).map_err(|e| e.to_string())?;
        if expected.exit == exit::FINDINGS {
            let name = dir.file_name().unwrap_or_default().to_string_lossy();
            let config = Config {
                excerpt: meta.excerpt,
                ..every.clone()
            };
            pairs.push((
                format!("real/{name}"),
                read(&dir.join("summary.txt"))?,
                read(&dir.join("source.txt"))?,
                config,
            ));
        }
    }
    let mut planted = Vec::new();
    for (name, summary, source, config) in pairs {
        let report = check(
            &Input::new("summary", summary),
            &Input::new("source", source),
            &config,
        );
        if exit::for_report(&report, config.fail_on) != exit::FINDINGS {
            continue;
        }
        let features = confidence::features(&report, config.source_kind);
        let surest = (report.findings.iter().zip(&features).enumerate())
            .filter(|(i, (f, _))| f.severity == Severity::Error && !report.is_accepted(*i))
            .map(|(_, (f, x))| rate(f, x))
            .fold(0.0, f64::max);
        planted.push(Planted { name, surest });
    }
    Ok(planted)
}

/// The entries of `dir` with extension `extension` (directories for ""), in name order.
fn sorted(dir: &Path, extension: &str) -> Result<Vec<std::path::PathBuf>, String> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            if extension.is_empty() {
                p.is_dir()
            } else {
                p.extension().is_some_and(|e| e == extension)
            }
        })
        .collect();
    paths.sort();
    Ok(paths)
}
