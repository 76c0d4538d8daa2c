//! The `ignore` patterns of a `crosscheck.toml`: regexes whose sentences are not checked.
//!
//! Their cost is bounded by limits, not by their text: a pattern's syntax tree can be
//! thousands of times its text (each Unicode `\w` is a list of 770 ranges, 6 KB), and its
//! automaton tens of times. So each pattern is read on its own ([`IGNORE_MAX_PATTERN_BYTES`]),
//! and the patterns are compiled in groups of a bounded tree size
//! ([`IGNORE_GROUP_TREE_BYTES`]) whose automata share one budget ([`IGNORE_SIZE_LIMIT`]): only
//! one group's trees are held at a time, and a file that needs more than the budget is
//! refused when its group reaches it, not after gigabytes.

use std::fmt;
use std::panic::{RefUnwindSafe, UnwindSafe};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use regex_automata::Input;
use regex_automata::hybrid;
use regex_automata::nfa::thompson::{self, NFA, WhichCaptures, pikevm::PikeVM};
use regex_automata::util::pool::Pool;
use regex_automata::util::syntax;
use regex_syntax::hir::{Class, Hir, HirKind};

/// The most memory the compiled `ignore` patterns may take together, in bytes: ten thousand
/// simple patterns fit; a file that needs more is refused instead of taking gigabytes.
pub const IGNORE_SIZE_LIMIT: usize = 16 * 1024 * 1024;

/// The most memory the `ignore` patterns' lazy DFAs may cache together while matching, in
/// bytes, shared evenly by the groups: less makes ten thousand patterns fall back to a matcher
/// a hundred times slower. A cache grows only with the states its searches visit.
pub const IGNORE_DFA_SIZE_LIMIT: usize = 16 * 1024 * 1024;

/// The most text the `ignore` patterns may have together, in bytes. Ten thousand patterns of
/// forty characters fit.
pub const IGNORE_MAX_BYTES: usize = 1024 * 1024;

/// The longest `ignore` pattern, in bytes: its syntax tree is built whole before it can be
/// measured, and a kilobyte of Unicode classes is already a tree of 3 MB.
pub const IGNORE_MAX_PATTERN_BYTES: usize = 1024;

/// The syntax trees compiled at once, in bytes (as [`tree_bytes`] counts them): the patterns
/// are compiled in groups of about this size, so that the trees of a file of patterns are
/// never held together. Ten thousand simple patterns make two groups.
pub const IGNORE_GROUP_TREE_BYTES: usize = 4 * 1024 * 1024;

/// The most groups: every group is one more pass over a sentence when matching. Patterns
/// whose automata fit the budget make one or two groups; only trees large beside their
/// automata (hundreds of empty groups in a pattern) make more.
const MOST_GROUPS: usize = 8;

/// The `ignore` patterns, compiled ([`IgnorePatterns::new`]).
#[derive(Clone, Debug)]
pub struct IgnorePatterns {
    /// Each group is one automaton of many patterns; a text matches when any group does.
    groups: Vec<Group>,
    /// The bytes of text searched, by this set and its clones.
    searched: Arc<AtomicUsize>,
}

/// A group of patterns compiled into one forward automaton, searched by a lazy DFA when it
/// can ([`Group::is_match`]) and by a `PikeVM` otherwise. Only whether a text matches is
/// asked, never where a match starts, so no reverse automaton is built: `regex`'s own engine
/// would build one, twice the size of the forward one for Unicode classes.
struct Group {
    dfa: Option<hybrid::dfa::DFA>,
    pikevm: PikeVM,
    /// Each searching thread's scratch space.
    caches: Pool<Caches, CreateCaches>,
}

/// A search's scratch space: the lazy DFA's states, and the `PikeVM`'s.
struct Caches {
    dfa: Option<hybrid::dfa::Cache>,
    pikevm: thompson::pikevm::Cache,
}

/// Makes a thread's [`Caches`] (what [`Pool`] needs).
type CreateCaches = Box<dyn Fn() -> Caches + Send + Sync + UnwindSafe + RefUnwindSafe>;

impl Group {
    /// The group of `nfa`: a lazy DFA caching at most `cache_bytes` when one can be built
    /// within them, and a `PikeVM`. The DFA gives up, as `regex`'s own engine has it do, once
    /// its cache has been cleared three times and it makes fewer than ten bytes of progress
    /// per state it builds.
    fn new(nfa: NFA, cache_bytes: usize) -> Group {
        let settings = hybrid::dfa::Config::new()
            .cache_capacity(cache_bytes)
            .minimum_cache_clear_count(Some(3))
            .minimum_bytes_per_state(Some(10))
            .unicode_word_boundary(true);
        let dfa = hybrid::dfa::Builder::new()
            .configure(settings)
            .build_from_nfa(nfa.clone())
            .ok();
        let pikevm = PikeVM::new_from_nfa(nfa).expect("Unicode word boundaries are compiled in");
        Group::from_engines(dfa, pikevm)
    }

    fn from_engines(dfa: Option<hybrid::dfa::DFA>, pikevm: PikeVM) -> Group {
        let (for_dfa, for_pikevm) = (dfa.clone(), pikevm.clone());
        let create: CreateCaches = Box::new(move || Caches {
            dfa: for_dfa.as_ref().map(hybrid::dfa::DFA::create_cache),
            pikevm: for_pikevm.create_cache(),
        });
        Group {
            dfa,
            pikevm,
            caches: Pool::new(create),
        }
    }

    /// Whether a pattern of the group matches somewhere in `text`: by the lazy DFA, unless it
    /// quits (a Unicode word boundary beside a non-ASCII byte) or gives up (its cache cleared
    /// too often), and then by the `PikeVM`.
    fn is_match(&self, text: &str) -> bool {
        let input = Input::new(text).earliest(true);
        let mut caches = self.caches.get();
        let caches = &mut *caches;
        if let (Some(dfa), Some(cache)) = (&self.dfa, &mut caches.dfa)
            && let Ok(found) = dfa.try_search_fwd(cache, &input)
        {
            return found.is_some();
        }
        self.pikevm.is_match(&mut caches.pikevm, input)
    }
}

impl Clone for Group {
    fn clone(&self) -> Group {
        Group::from_engines(self.dfa.clone(), self.pikevm.clone())
    }
}

impl fmt::Debug for Group {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Group")
            .field("patterns", &self.pikevm.get_nfa().pattern_len())
            .field("states", &self.pikevm.get_nfa().states().len())
            .finish_non_exhaustive()
    }
}

impl IgnorePatterns {
    /// Compiles `patterns` within the limits of this module; the error message names the
    /// first pattern that is not one or is too long, or says that they are too large
    /// together.
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

    /// [`IgnorePatterns::new`] once the patterns' text is within its limit, compiling the
    /// patterns in groups of about `group_tree_bytes` of syntax trees.
    fn in_groups(patterns: &[String], group_tree_bytes: usize) -> Result<IgnorePatterns, String> {
        let mut automata = Vec::new();
        let mut budget = IGNORE_SIZE_LIMIT;
        let (mut group, mut group_bytes) = (Vec::new(), 0);
        for (index, pattern) in patterns.iter().enumerate() {
            let tree = parse(pattern)?;
            group_bytes += tree_bytes(&tree);
            group.push(tree);
            if group_bytes >= group_tree_bytes || index + 1 == patterns.len() {
                if automata.len() == MOST_GROUPS {
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
                automata.push(nfa);
                group.clear();
                group_bytes = 0;
            }
        }
        let cache_bytes = IGNORE_DFA_SIZE_LIMIT / automata.len().max(1);
        let groups = automata
            .into_iter()
            .map(|nfa| Group::new(nfa, cache_bytes))
            .collect();
        Ok(IgnorePatterns {
            groups,
            searched: Arc::default(),
        })
    }

    /// Whether any pattern matches somewhere in `text`.
    pub fn is_match(&self, text: &str) -> bool {
        self.searched.fetch_add(text.len(), Ordering::Relaxed);
        self.groups.iter().any(|group| group.is_match(text))
    }

    /// The bytes of text searched so far, by this set and its clones: a work counter, for
    /// bounding what a check asks of the patterns.
    pub fn bytes_searched(&self) -> usize {
        self.searched.load(Ordering::Relaxed)
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
            (6..=MOST_GROUPS).contains(&compiled.groups.len()),
            "{compiled:?}"
        );
        assert!(compiled.is_match("w0x"));
        assert!(compiled.is_match("w15é"));
        assert!(!compiled.is_match("w16x"));
        let message = IgnorePatterns::in_groups(&patterns, 6_000).unwrap_err();
        assert!(message.contains("more than 8 groups"), "{message}");
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
