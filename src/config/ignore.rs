//! The `ignore` patterns of a `crosscheck.toml`: regexes whose sentences are not checked.
//!
//! Their cost is bounded by limits, not by their text: a pattern's syntax tree can be
//! thousands of times its text (each Unicode `\w` is a list of 770 ranges, 6 KB), and its
//! automaton tens of times (twenty for ten thousand simple patterns). So each pattern is read
//! on its own ([`IGNORE_MAX_PATTERN_BYTES`]), and the patterns are compiled in groups of a
//! bounded tree size ([`IGNORE_GROUP_TREE_BYTES`]) whose automata share one budget
//! ([`IGNORE_SIZE_LIMIT`]). A group is compiled when the file is loaded, to refuse it there
//! if it is too large; the automata are kept only when they are small together
//! ([`IGNORE_KEPT_BYTES`]). Otherwise each group is compiled again when sentences are
//! searched ([`IgnorePatterns::matching`]) and freed before the next is built: a file of many
//! patterns holds one group's automaton at a time, not all of them for the whole check.

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use regex_automata::Input;
use regex_automata::hybrid;
use regex_automata::nfa::thompson::{self, NFA, WhichCaptures, pikevm::PikeVM};
use regex_automata::util::syntax;
use regex_syntax::hir::{Class, Hir, HirKind};

use crate::model::TextTable;

/// The most memory the compiled `ignore` patterns may take together, in bytes: ten thousand
/// simple patterns fit; a file that needs more is refused instead of taking gigabytes.
pub const IGNORE_SIZE_LIMIT: usize = 16 * 1024 * 1024;

/// The most memory a group's lazy DFA may cache while matching, in bytes; a cache grows only
/// with the states its searches visit. A group whose searches would need more falls back to
/// a matcher that needs no cache, a hundred times slower.
pub const IGNORE_DFA_SIZE_LIMIT: usize = 2 * 1024 * 1024;

/// The most text the `ignore` patterns may have together, in bytes. Ten thousand patterns of
/// forty characters fit.
pub const IGNORE_MAX_BYTES: usize = 1024 * 1024;

/// The longest `ignore` pattern, in bytes: its syntax tree is built whole before it can be
/// measured, and a kilobyte of Unicode classes is already a tree of 3 MB.
pub const IGNORE_MAX_PATTERN_BYTES: usize = 1024;

/// The syntax trees compiled at once, in bytes (as [`tree_bytes`] counts them): the patterns
/// are compiled in groups of about this size, so that neither the trees nor the automaton of
/// a file of patterns are held whole. Ten thousand simple patterns make 32 groups.
pub const IGNORE_GROUP_TREE_BYTES: usize = 512 * 1024;

/// The most memory the compiled groups may take and still be kept, in bytes: then they are
/// compiled once and shared by every check of a batch. A project's few dozen patterns take a
/// few kilobytes; ten thousand simple ones take 8 MB, twenty times their text, and are
/// compiled again for each check rather than held.
const IGNORE_KEPT_BYTES: usize = 256 * 1024;

/// The most groups: every group is one more pass over the sentences searched. Patterns whose
/// automata fit the budget make a few dozen at most; only trees large beside their automata
/// (hundreds of empty groups in a pattern) make more.
const MOST_GROUPS: usize = 64;

/// The `ignore` patterns, checked and grouped ([`IgnorePatterns::new`]); clones share them.
#[derive(Clone)]
pub struct IgnorePatterns {
    patterns: Arc<Patterns>,
}

/// The patterns' text and groups, and the work their searches did.
struct Patterns {
    /// Every pattern's text.
    texts: TextTable,
    /// How many patterns the groups take, each with those before it: group `g` is the
    /// patterns from `groups[g - 1]` (or 0) to `groups[g]`.
    groups: Vec<usize>,
    /// Every group's automaton when together they take at most [`IGNORE_KEPT_BYTES`]; none
    /// otherwise.
    kept: Vec<NFA>,
    /// The bytes of text searched, by one group each.
    searched: AtomicUsize,
}

/// One group of patterns compiled into one forward automaton, searched by a lazy DFA when it
/// can ([`Group::is_match`]) and by a `PikeVM` otherwise. Only whether a text matches is
/// asked, never where a match starts, so no reverse automaton is built: `regex`'s own engine
/// would build one, twice the size of the forward one for Unicode classes.
struct Group {
    dfa: Option<(hybrid::dfa::DFA, hybrid::dfa::Cache)>,
    pikevm: PikeVM,
    pikevm_cache: thompson::pikevm::Cache,
}

impl Group {
    /// The group of `nfa`: a lazy DFA when one can be built within
    /// [`IGNORE_DFA_SIZE_LIMIT`], and a `PikeVM`. The DFA gives up, as `regex`'s own engine
    /// has it do, once its cache has been cleared three times and it makes fewer than ten
    /// bytes of progress per state it builds.
    fn new(nfa: NFA) -> Group {
        let settings = hybrid::dfa::Config::new()
            .cache_capacity(IGNORE_DFA_SIZE_LIMIT)
            .minimum_cache_clear_count(Some(3))
            .minimum_bytes_per_state(Some(10))
            .unicode_word_boundary(true);
        let dfa = hybrid::dfa::Builder::new()
            .configure(settings)
            .build_from_nfa(nfa.clone())
            .ok()
            .map(|dfa| {
                let cache = dfa.create_cache();
                (dfa, cache)
            });
        let pikevm = PikeVM::new_from_nfa(nfa).expect("Unicode word boundaries are compiled in");
        let pikevm_cache = pikevm.create_cache();
        Group {
            dfa,
            pikevm,
            pikevm_cache,
        }
    }

    /// Whether a pattern of the group matches somewhere in `text`: by the lazy DFA, unless it
    /// quits (a Unicode word boundary beside a non-ASCII byte) or gives up (its cache cleared
    /// too often), and then by the `PikeVM`.
    fn is_match(&mut self, text: &str) -> bool {
        let input = Input::new(text).earliest(true);
        if let Some((dfa, cache)) = &mut self.dfa
            && let Ok(found) = dfa.try_search_fwd(cache, &input)
        {
            return found.is_some();
        }
        self.pikevm.is_match(&mut self.pikevm_cache, input)
    }
}

impl fmt::Debug for IgnorePatterns {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IgnorePatterns")
            .field("patterns", &self.patterns.texts.len())
            .field("groups", &self.patterns.groups.len())
            .finish_non_exhaustive()
    }
}

impl IgnorePatterns {
    /// Checks and groups `patterns` within the limits of this module, compiling each group
    /// once to measure it; the error message names the first pattern that is not one or is
    /// too long, or says that they are too large together.
    ///
    /// Each group is compiled by `regex`'s own compiler (`regex_automata`) rather than as a
    /// `regex::RegexSet`: no prefilter of the patterns' literals, which took 5 s to build for
    /// ten thousand patterns while the patterns themselves compile in 0.4 s, and no reverse
    /// automaton ([`Group`]). Matching needs no capture groups, which also keeps its scratch
    /// memory small.
    pub fn new(patterns: &[String]) -> Result<IgnorePatterns, String> {
        let bytes: usize = patterns.iter().map(String::len).sum();
        if bytes > IGNORE_MAX_BYTES {
            return Err(format!(
                "ignore: the {} patterns have {bytes} bytes together, more than {} KiB; use \
                 fewer or simpler ones",
                patterns.len(),
                IGNORE_MAX_BYTES / 1024
            ));
        }
        IgnorePatterns::in_groups(patterns, IGNORE_GROUP_TREE_BYTES)
    }

    /// [`IgnorePatterns::new`] once the patterns' text is within its limit, grouping the
    /// patterns by about `group_tree_bytes` of syntax trees.
    fn in_groups(patterns: &[String], group_tree_bytes: usize) -> Result<IgnorePatterns, String> {
        let mut groups = Vec::new();
        let mut kept = Vec::new();
        let mut budget = IGNORE_SIZE_LIMIT;
        let (mut group, mut group_bytes) = (Vec::new(), 0);
        for (index, pattern) in patterns.iter().enumerate() {
            let tree = parse(pattern)?;
            group_bytes += tree_bytes(&tree);
            group.push(tree);
            if group_bytes >= group_tree_bytes || index + 1 == patterns.len() {
                if groups.len() == MOST_GROUPS {
                    return Err(format!(
                        "ignore: the {} patterns are more than {MOST_GROUPS} groups of {} KiB \
                         of syntax trees; use fewer or simpler ones",
                        patterns.len(),
                        group_tree_bytes / 1024
                    ));
                }
                let nfa = compile(&group, budget)?.ok_or_else(|| {
                    format!(
                        "ignore: the {} patterns compile to more than {} MiB together; use \
                         fewer or simpler ones",
                        patterns.len(),
                        IGNORE_SIZE_LIMIT / (1024 * 1024)
                    )
                })?;
                budget -= nfa.memory_usage();
                if IGNORE_SIZE_LIMIT - budget <= IGNORE_KEPT_BYTES {
                    kept.push(nfa);
                } else {
                    kept.clear();
                }
                groups.push(index + 1);
                group.clear();
                group_bytes = 0;
            }
        }
        let mut texts = TextTable::default();
        for pattern in patterns {
            // At most IGNORE_MAX_BYTES together: far within the table's 4 GiB.
            texts.push(pattern);
        }
        Ok(IgnorePatterns {
            patterns: Arc::new(Patterns {
                texts,
                groups,
                kept,
                searched: AtomicUsize::new(0),
            }),
        })
    }

    /// Which of `texts` a pattern matches somewhere, in their order. Each group searches the
    /// texts no group has matched yet: compiled when it is not kept, and freed before the
    /// next is built.
    pub fn matching(&self, texts: &[impl AsRef<str>]) -> Vec<bool> {
        let mut matched = vec![false; texts.len()];
        let mut first = 0;
        for (index, &end) in self.patterns.groups.iter().enumerate() {
            if matched.iter().all(|&m| m) {
                break;
            }
            let nfa = match self.patterns.kept.get(index) {
                Some(nfa) => nfa.clone(),
                None => self.compile_group(first..end),
            };
            let mut group = Group::new(nfa);
            first = end;
            for (text, matched) in texts.iter().zip(&mut matched) {
                let text = text.as_ref();
                if !*matched {
                    self.patterns
                        .searched
                        .fetch_add(text.len(), Ordering::Relaxed);
                    *matched = group.is_match(text);
                }
            }
        }
        matched
    }

    /// Whether any pattern matches somewhere in `text` ([`IgnorePatterns::matching`] of one
    /// text: groups that are not kept are compiled for it, so search many texts at once).
    pub fn is_match(&self, text: &str) -> bool {
        self.matching(&[text]) == [true]
    }

    /// The bytes of text searched so far, once by each group that searched them, by this set
    /// and its clones: a work counter, for bounding what a check asks of the patterns.
    pub fn bytes_searched(&self) -> usize {
        self.patterns.searched.load(Ordering::Relaxed)
    }

    /// The automaton of the patterns `group`, which [`IgnorePatterns::in_groups`] compiled
    /// within the limits once already.
    fn compile_group(&self, group: std::ops::Range<usize>) -> NFA {
        let trees: Vec<Hir> = group
            .map(|pattern| parse(self.patterns.texts.get(pattern)).expect("parsed when loaded"))
            .collect();
        compile(&trees, IGNORE_SIZE_LIMIT)
            .ok()
            .flatten()
            .expect("compiled within the limit when loaded")
    }
}

/// One group's syntax trees compiled as one automaton; `None` when it would take more than
/// `budget` bytes, and the error of a tree the compiler refuses.
fn compile(group: &[Hir], budget: usize) -> Result<Option<NFA>, String> {
    let settings = thompson::Config::new()
        .which_captures(WhichCaptures::None)
        .nfa_size_limit(Some(budget));
    match thompson::Compiler::new()
        .configure(settings)
        .build_many_from_hir(group)
    {
        Ok(nfa) if nfa.memory_usage() <= budget => Ok(Some(nfa)),
        Ok(_) => Ok(None),
        Err(error) if error.size_limit().is_some() => Ok(None),
        Err(error) => Err(format!("ignore: the patterns are not valid: {error}")),
    }
}

/// One pattern's syntax tree, or why it has none: too long, or not a pattern.
fn parse(pattern: &str) -> Result<Hir, String> {
    let shown = crate::model::excerpt(pattern, 80);
    if pattern.len() > IGNORE_MAX_PATTERN_BYTES {
        return Err(format!(
            "ignore: `{shown}` is longer than {IGNORE_MAX_PATTERN_BYTES} bytes; split it into \
             several patterns"
        ));
    }
    syntax::parse(pattern).map_err(|why| {
        // The syntax error repeats the whole pattern: keep its last line.
        let why = why.to_string();
        let why = why.lines().last().unwrap_or_default();
        format!("ignore: `{shown}` is not a pattern: {why}")
    })
}

/// About how many bytes a syntax tree holds: a node and its boxed properties each, plus the
/// literals' bytes and the classes' ranges, which are what make a tree large.
fn tree_bytes(tree: &Hir) -> usize {
    /// A node, and the properties it boxes (about a hundred bytes).
    const NODE_BYTES: usize = size_of::<Hir>() + 100;
    NODE_BYTES
        + match tree.kind() {
            HirKind::Empty | HirKind::Look(_) => 0,
            HirKind::Literal(literal) => literal.0.len(),
            HirKind::Class(Class::Unicode(class)) => size_of_val(class.ranges()),
            HirKind::Class(Class::Bytes(class)) => size_of_val(class.ranges()),
            HirKind::Repetition(repetition) => tree_bytes(&repetition.sub),
            HirKind::Capture(capture) => {
                capture.name.as_deref().map_or(0, str::len) + tree_bytes(&capture.sub)
            }
            HirKind::Concat(trees) | HirKind::Alternation(trees) => {
                trees.iter().map(tree_bytes).sum::<usize>() + trees.len() * size_of::<Hir>()
            }
        }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_unicode_class_counts_its_ranges() {
        let word = tree_bytes(&syntax::parse(r"\w").unwrap());
        let ascii = tree_bytes(&syntax::parse(r"(?-u:\w)").unwrap());
        assert!(word > 5_000, "{word}");
        assert!(ascii < 300, "{ascii}");
    }

    #[test]
    fn patterns_in_several_groups_all_match() {
        // Each `\w` is 6 KB of tree or more: groups of 20 KB take two or three patterns.
        let patterns: Vec<String> = (0..16).map(|n| format!(r"^w{n}\w$")).collect();
        let compiled = IgnorePatterns::in_groups(&patterns, 20_000).unwrap();
        assert!(
            (6..=8).contains(&compiled.patterns.groups.len()),
            "{compiled:?}"
        );
        assert_eq!(
            compiled.matching(&["w0x", "w15é", "w16x", "w7_"]),
            [true, true, false, true]
        );
        // Each group searched the texts no group before it had matched.
        let searched = compiled.bytes_searched();
        assert!((4 * 6..=17 * 6).contains(&searched), "{searched}");
        let many: Vec<String> = (0..MOST_GROUPS + 1).map(|n| format!(r"^w{n}\w$")).collect();
        let message = IgnorePatterns::in_groups(&many, 6_000).unwrap_err();
        assert!(message.contains("more than 64 groups"), "{message}");
    }

    #[test]
    fn small_automata_are_kept_and_large_ones_compiled_when_searched() {
        let few = IgnorePatterns::new(&[r"^Xem thêm:".to_string(), "(?i)^read more".into()]);
        let few = few.unwrap();
        assert_eq!(few.patterns.kept.len(), few.patterns.groups.len());
        let many: Vec<String> = (0..2_000)
            .map(|n| format!("word{n} about [0-9]+ and (this|that)"))
            .collect();
        let many = IgnorePatterns::new(&many).unwrap();
        assert!(many.patterns.kept.is_empty(), "{many:?}");
        let texts = ["Xem thêm: bài", "word1999 about 7 and that", "word7"];
        assert_eq!(few.matching(&texts), [true, false, false]);
        assert_eq!(many.matching(&texts), [false, true, false]);
    }

    #[test]
    fn a_unicode_word_boundary_beside_vietnamese_is_still_found() {
        // The lazy DFA quits at a non-ASCII byte beside `\b`; the PikeVM decides.
        let compiled = IgnorePatterns::new(&[r"\bảnh\b".to_string(), "^xem".to_string()]);
        let compiled = compiled.unwrap();
        assert!(compiled.is_match("Chú thích ảnh: Bộ trưởng"));
        assert!(!compiled.is_match("Chú thích ảnhx"));
        assert!(compiled.is_match("xem thêm"));
        assert!(!compiled.is_match("Xem thêm"));
        // `regex`'s own engine, built without capture groups, panicked on this one (its
        // one-pass DFA read a capture slot it did not have).
        let compiled = IgnorePatterns::new(&["^$".to_string(), r"^Ảnh\b".to_string()]);
        assert!(compiled.unwrap().is_match("Ảnh: Bộ trưởng"));
        // And on this one, found by the fuzz target (regex 1.13.2's `RegexSet` panics).
        let compiled = IgnorePatterns::new(&[r"^X\b".to_string(), "^".to_string()]);
        assert!(compiled.unwrap().is_match("\u{FFFD}Xr"));
    }

    #[test]
    fn a_long_pattern_is_refused_by_name() {
        let message = IgnorePatterns::new(&["x".repeat(IGNORE_MAX_PATTERN_BYTES + 1)]);
        let message = message.unwrap_err();
        assert!(message.contains("longer than 1024 bytes"), "{message}");
        assert!(IgnorePatterns::new(&["x".repeat(IGNORE_MAX_PATTERN_BYTES)]).is_ok());
    }

    #[test]
    fn matches_where_the_regex_crate_does() {
        let patterns: Vec<String> = [
            r"\bảnh\b",
            r"(?i)^read more",
            r"^Xem thêm:",
            r"[0-9]+ quốc gia$",
            r"\Bnh",
            r"(?m)^Ảnh: [A-ZĐ ]+$",
            r"hòa|hoà",
        ]
        .map(String::from)
        .to_vec();
        let texts = [
            "Chú thích ảnh: Bộ trưởng",
            "READ MORE about it",
            "you should read more",
            "Xem thêm: bài viết",
            "đại diện 72 quốc gia",
            "72 quốc gia và vùng lãnh thổ",
            "Ảnh: NGUYỄN KHÁNH\nBài: X",
            "hòa bình",
            "nhanh",
            "",
        ];
        let compiled = IgnorePatterns::new(&patterns).unwrap();
        let reference = regex::RegexSet::new(&patterns).unwrap();
        for text in texts {
            assert_eq!(
                compiled.is_match(text),
                reference.is_match(text),
                "{text:?}"
            );
        }
        for (one, text) in patterns.iter().zip(texts) {
            let alone = IgnorePatterns::new(std::slice::from_ref(one)).unwrap();
            let reference = regex::Regex::new(one).unwrap();
            assert_eq!(
                alone.is_match(text),
                reference.is_match(text),
                "{one} {text:?}"
            );
        }
    }
}
