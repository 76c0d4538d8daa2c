//! The data model shared by every stage.
//!
//! Every type that points into text holds a [`Span`]: half-open byte offsets into the *original*
//! bytes of its file, so a finding can always be shown at the exact place in both files.

use hashbrown::HashTable;
use std::fmt;
use std::hash::BuildHasher;
use std::ops::Range;
use std::sync::Arc;

use serde::Serialize;

mod finding;
mod language;
mod report;
mod text;
mod voices;

pub(crate) use finding::serde_name;
pub use finding::{
    AddedDetail, Detail, FactKind, Finding, FindingKind, Judgement, Location, SentenceList,
    Severity, SourceLabel, SummaryLabel, parse_rule_id, rule_id,
};
pub use language::{Detected, Language};
pub use report::{
    BaselineEntry, BaselineOutcome, Hidden, Report, Speaker, SpeakerFrom, fingerprint,
};
pub(crate) use text::excerpt;
pub use text::{is_hidden, printable, two_decimals};
pub use voices::{Turn, Voice, Voices};

/// A half-open range of byte offsets (`start..end`) into a document's original text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    /// First byte of the range.
    pub start: usize,
    /// One past the last byte of the range.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (exclusive).
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end, "span start {start} after end {end}");
        Span { start, end }
    }

    /// The smallest span covering both `self` and `other`.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// Length in bytes.
    pub fn len(self) -> usize {
        self.end - self.start
    }

    /// True when the span covers no byte.
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The range form, for slicing text.
    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }
}

impl From<&Range<u32>> for Span {
    /// A span kept in 32-bit offsets ([`narrow`]).
    fn from(range: &Range<u32>) -> Span {
        let range = widen(range);
        Span::new(range.start, range.end)
    }
}

/// A range of offsets or token indices in 32 bits, as the model keeps many of them: tokens
/// and sentences end within 4 GiB ([`crate::normalize::tokenize`], [`crate::segment`]), and
/// every range kept lies within a sentence.
pub(crate) fn narrow(range: Range<usize>) -> Range<u32> {
    let narrow = |at: usize| u32::try_from(at).expect("within a sentence, within 4 GiB");
    narrow(range.start)..narrow(range.end)
}

/// A range kept in 32 bits ([`narrow`]), as offsets or indices again.
pub(crate) fn widen(range: &Range<u32>) -> Range<usize> {
    range.start as usize..range.end as usize
}

/// What kind of text a [`Token`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// A run of letters (and marks), possibly with inner apostrophes or dots (`U.S`, `TP.HCM`).
    Word,
    /// A run that starts with a digit (`45`, `1.000`, `3,5`).
    Number,
    /// Any other visible character (punctuation, symbols).
    Punct,
}

/// A comparison key, interned in its document's [`Tokens`]: equal keys mean equal words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key(pub(crate) u32);

impl Key {
    /// The key's index among its document's distinct keys.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A set of numbers taken modulo 256, in four words: a filter that rules out, without a
/// search, an item whose number is not in it (a phrase list's first words, a sentence's
/// capped features).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct BitSet256([u64; 4]);

impl BitSet256 {
    /// Adds `number` (modulo 256).
    pub(crate) fn insert(&mut self, number: usize) {
        let (word, bit) = BitSet256::place(number);
        self.0[word] |= bit;
    }

    /// Whether a number equal to `number` modulo 256 was added.
    pub(crate) fn contains(&self, number: usize) -> bool {
        let (word, bit) = BitSet256::place(number);
        self.0[word] & bit != 0
    }

    fn place(number: usize) -> (usize, u64) {
        ((number / 64) % 4, 1 << (number % 64))
    }
}

/// Numbers grouped by a dense index (a key, a feature, a sentence) in two flat arrays, built
/// by a counting sort: one allocation for all the groups instead of a list each. A group
/// keeps its numbers in the order they were given.
#[derive(Clone, Debug, Default)]
pub(crate) struct Groups {
    /// Group `g`'s numbers are `numbers[first[g]..first[g + 1]]`.
    first: Vec<u32>,
    numbers: Vec<u32>,
}

impl Groups {
    /// Groups the `(group, number)` pairs that `pairs` yields (it is called twice: once to
    /// count, once to place); every group is below `groups`.
    pub(crate) fn new<I>(groups: usize, pairs: impl Fn() -> I) -> Self
    where
        I: Iterator<Item = (usize, u32)>,
    {
        let mut first = vec![0u32; groups + 1];
        for (group, _) in pairs() {
            first[group + 1] += 1;
        }
        for g in 1..first.len() {
            first[g] += first[g - 1];
        }
        let mut next = first.clone();
        let mut numbers = vec![0u32; first[groups] as usize];
        for (group, number) in pairs() {
            numbers[next[group] as usize] = number;
            next[group] += 1;
        }
        Groups { first, numbers }
    }

    /// The numbers of `group`, in the order given.
    pub(crate) fn get(&self, group: usize) -> &[u32] {
        &self.numbers[self.first[group] as usize..self.first[group + 1] as usize]
    }
}

/// Lists held one after another in one buffer, each found by its index: one allocation for
/// all of them, and four bytes a list for where it ends.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Lists<T> {
    items: Vec<T>,
    /// Where each list ends in `items` (it starts where the one before ends).
    ends: Vec<u32>,
}

impl<T> Default for Lists<T> {
    fn default() -> Self {
        Lists {
            items: Vec::new(),
            ends: Vec::new(),
        }
    }
}

impl<T: Copy> Lists<T> {
    /// The number of lists.
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// The items of all lists together.
    pub(crate) fn items(&self) -> usize {
        self.items.len()
    }

    /// List `index`.
    pub(crate) fn get(&self, index: usize) -> &[T] {
        let start = index.checked_sub(1).map_or(0, |before| self.ends[before]);
        &self.items[start as usize..self.ends[index] as usize]
    }

    /// Every list, in order.
    pub(crate) fn iter(&self) -> impl ExactSizeIterator<Item = &[T]> {
        (0..self.len()).map(|index| self.get(index))
    }

    /// Adds a list after the others.
    pub(crate) fn push(&mut self, items: &[T]) {
        self.items.extend_from_slice(items);
        self.ends
            .push(u32::try_from(self.items.len()).expect("fewer than 2^32 items"));
    }

    /// Adds the lists that follow, in order.
    pub(crate) fn append(&mut self, mut following: Lists<T>) {
        let offset = u32::try_from(self.items.len()).expect("fewer than 2^32 items");
        self.items.append(&mut following.items);
        self.ends
            .extend(following.ends.iter().map(|end| end + offset));
    }

    /// Empties every list for which `keep` is false, in place.
    pub(crate) fn empty_unless(&mut self, keep: impl Fn(usize) -> bool) {
        let (mut kept, mut start) = (0, 0);
        for index in 0..self.len() {
            let end = self.ends[index] as usize;
            if keep(index) {
                self.items.copy_within(start..end, kept);
                kept += end - start;
            }
            start = end;
            self.ends[index] = u32::try_from(kept).expect("fewer than 2^32 items");
        }
        self.items.truncate(kept);
    }

    /// Gives back the memory reserved and not used, once every list is in.
    pub(crate) fn shrink_to_fit(&mut self) {
        self.items.shrink_to_fit();
        self.ends.shrink_to_fit();
    }
}

/// Strings held one after another in one buffer, each found by its index: one allocation
/// for all of them instead of one each.
#[derive(Clone, Debug, Default)]
pub(crate) struct TextTable {
    text: String,
    /// Where each string ends in `text` (it starts where the one before ends).
    ends: Vec<u32>,
}

impl TextTable {
    /// The number of strings.
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// String `index`.
    pub(crate) fn get(&self, index: usize) -> &str {
        let start = index.checked_sub(1).map_or(0, |before| self.ends[before]);
        &self.text[start as usize..self.ends[index] as usize]
    }

    /// Adds a string after the others; its index is the count before it. False (and
    /// nothing added) when the table would pass 4 GiB, where its 32-bit ends cannot reach.
    pub(crate) fn push(&mut self, string: &str) -> bool {
        let Ok(end) = u32::try_from(self.text.len() + string.len()) else {
            return false;
        };
        self.text.push_str(string);
        self.ends.push(end);
        true
    }

    fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.ends.shrink_to_fit();
    }
}

/// Distinct strings, each held once in a [`TextTable`] and numbered in the order first
/// seen, with a hash index from a string to its number: no allocation per string.
#[derive(Clone, Debug, Default)]
pub(crate) struct Interner {
    texts: TextTable,
    /// The numbers, found by the hash of their string.
    ids: HashTable<u32>,
}

/// The hash of a string in [`Interner::ids`].
fn text_hash(text: &str) -> u64 {
    rustc_hash::FxBuildHasher.hash_one(text)
}

impl Interner {
    /// The number of `text`, added if new; `None` when the strings would pass 4 GiB.
    pub(crate) fn intern(&mut self, text: &str) -> Option<u32> {
        if let Some(id) = self.find(text) {
            return Some(id);
        }
        let id = u32::try_from(self.texts.len()).ok()?;
        if !self.texts.push(text) {
            return None;
        }
        let Interner { texts, ids } = self;
        ids.insert_unique(text_hash(text), id, |&id| text_hash(texts.get(id as usize)));
        Some(id)
    }

    /// The number of `text`, if it was added.
    pub(crate) fn find(&self, text: &str) -> Option<u32> {
        self.ids
            .find(text_hash(text), |&id| self.get(id) == text)
            .copied()
    }

    /// String number `id`.
    pub(crate) fn get(&self, id: u32) -> &str {
        self.texts.get(id as usize)
    }

    /// The number of strings; every number given is below it.
    pub(crate) fn len(&self) -> usize {
        self.texts.len()
    }

    /// Gives back the text table's spare room. The hash index is left as it is: it grows
    /// only when full, so no smaller one would hold its ids.
    fn shrink_to_fit(&mut self) {
        self.texts.shrink_to_fit();
    }
}

/// One token of a document, with its comparison key: 10 bytes, as a document holds one for
/// every word and punctuation mark (a sentence of 32 bytes has nine).
#[derive(Clone, Copy, PartialEq, Eq)]
#[repr(C, packed(2))]
pub struct Token {
    /// Where the token starts in the original text ([`Token::span`]); 32 bits keep a token
    /// small: [`crate::normalize::tokenize`] stops at 4 GiB and cuts a run longer than
    /// [`Token::MAX_BYTES`] into several tokens.
    start: u32,
    /// The comparison key: equal for spellings that mean the same word (see [`crate::normalize`]);
    /// [`Tokens::key`] gives its text.
    pub key: Key,
    /// The token's length in bytes (the low bits), its kind and whether it is capitalized.
    len_kind: u16,
}

impl Token {
    /// The longest token, in bytes: far longer than any word.
    pub const MAX_BYTES: usize = (1 << Token::LEN_BITS) - 1;

    /// The bits of [`Token::len_kind`] that hold the length.
    const LEN_BITS: u32 = 13;

    /// The bit of [`Token::len_kind`] set when the token is capitalized, above its kind's two.
    const CAPITALIZED: u16 = 1 << 15;

    /// Where the token is in the original text.
    pub fn span(&self) -> Span {
        let start = self.start as usize;
        let len = usize::from(self.len_kind) & Token::MAX_BYTES;
        Span::new(start, start + len)
    }

    /// What kind of token this is.
    pub fn kind(&self) -> TokenKind {
        match (self.len_kind >> Token::LEN_BITS) & 0b11 {
            0 => TokenKind::Word,
            1 => TokenKind::Number,
            _ => TokenKind::Punct,
        }
    }

    /// True when the token's first character is an uppercase letter.
    pub fn capitalized(&self) -> bool {
        self.len_kind & Token::CAPITALIZED != 0
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let key = self.key;
        f.debug_struct("Token")
            .field("span", &self.span())
            .field("key", &key)
            .field("kind", &self.kind())
            .field("capitalized", &self.capitalized())
            .finish()
    }
}

/// A document's tokens with their interned keys. Derefs to the token slice; [`Tokens::key`]
/// gives a token's comparison key as text. Interning keeps a token at a few bytes, and each
/// distinct key's text is held once, in one buffer, so memory stays a small multiple of the
/// input.
#[derive(Clone, Debug, Default)]
pub struct Tokens {
    tokens: Vec<Token>,
    /// Every distinct key's text, in the order first seen (a [`Key`] is its number).
    keys: Interner,
}

impl Tokens {
    /// The interned id of a key, added if new; `None` when the keys' text would pass 4 GiB
    /// (a text of more than 2 GiB whose words are all different).
    pub(crate) fn intern(&mut self, key: &str) -> Option<Key> {
        self.keys.intern(key).map(Key)
    }

    /// The key with this text, if any token of the document has it.
    pub fn find(&self, key: &str) -> Option<Key> {
        self.keys.find(key).map(Key)
    }

    /// Gives back the memory reserved for tokens and keys not added, once all are in.
    pub(crate) fn shrink_to_fit(&mut self) {
        self.tokens.shrink_to_fit();
        self.keys.shrink_to_fit();
    }

    /// Every distinct key of this document, in the order first seen.
    pub fn distinct(&self) -> impl Iterator<Item = &str> {
        self.key_ids().map(|key| self.keys.get(key.0))
    }

    /// Every distinct key of this document, as ids, in the order first seen.
    pub(crate) fn key_ids(&self) -> impl Iterator<Item = Key> + use<> {
        let count = u32::try_from(self.keys.len()).expect("fewer than 2^32 keys");
        (0..count).map(Key)
    }

    /// The number of distinct keys; every [`Key`] of this document is below it.
    pub fn distinct_keys(&self) -> usize {
        self.keys.len()
    }

    /// The text of an interned key.
    pub(crate) fn key_text(&self, key: Key) -> &str {
        self.keys.get(key.0)
    }

    /// Appends a token whose key is already interned; false (and nothing added) when the
    /// token ends past 4 GiB, where a token's span cannot reach, or is longer than
    /// [`Token::MAX_BYTES`].
    pub(crate) fn push(
        &mut self,
        span: Span,
        key: Key,
        kind: TokenKind,
        capitalized: bool,
    ) -> bool {
        let (Ok(start), true, true) = (
            u32::try_from(span.start),
            u32::try_from(span.end).is_ok(),
            span.len() <= Token::MAX_BYTES,
        ) else {
            return false;
        };
        let kind = match kind {
            TokenKind::Word => 0,
            TokenKind::Number => 1,
            TokenKind::Punct => 2,
        };
        let capitalized = if capitalized { Token::CAPITALIZED } else { 0 };
        let len = u16::try_from(span.len()).expect("at most Token::MAX_BYTES");
        self.tokens.push(Token {
            start,
            key,
            len_kind: len | kind << Token::LEN_BITS | capitalized,
        });
        true
    }

    /// The comparison key of a token of this document, as text.
    pub fn key(&self, token: &Token) -> &str {
        self.key_text(token.key)
    }

    /// The tokens that lie inside `span`, found by binary search.
    pub fn within(&self, span: Span) -> &[Token] {
        let first = self.tokens.partition_point(|t| t.span().start < span.start);
        let end = self.tokens.partition_point(|t| t.span().end <= span.end);
        &self.tokens[first..end.max(first)]
    }

    /// The words and numbers (not punctuation) that lie inside `span`.
    pub fn words_within(&self, span: Span) -> impl Iterator<Item = &Token> {
        self.within(span)
            .iter()
            .filter(|t| t.kind() != TokenKind::Punct)
    }

    /// The comparison keys of a run of tokens, as text.
    pub fn keys<'a>(&'a self, tokens: &'a [Token]) -> impl Iterator<Item = &'a str> + 'a {
        tokens.iter().map(|t| self.key(t))
    }

    /// When token `index` is a figure that ends a name, joined to a capitalised word by a
    /// hyphen (`COVID-19`, `SARS-CoV-2`), the tokens of the whole name: a name, not a count.
    pub fn name_with_figure(&self, index: usize) -> Option<Range<usize>> {
        // Whether token `at` is a word joined by a touching hyphen to the token after next.
        let hyphened = |at: usize| {
            let [word, hyphen, next] = &self.tokens[at..at + 3] else {
                return false;
            };
            word.kind() == TokenKind::Word
                && self.key(hyphen) == "-"
                && word.span().end == hyphen.span().start
                && hyphen.span().end == next.span().start
        };
        let figure = self.tokens.get(index)?;
        if figure.kind() != TokenKind::Number
            || index < 2
            || !hyphened(index - 2)
            || !self.tokens[index - 2].capitalized()
        {
            return None;
        }
        let mut start = index - 2;
        while start >= 2 && hyphened(start - 2) {
            start -= 2;
        }
        Some(start..index + 1)
    }
}

impl std::ops::Deref for Tokens {
    type Target = [Token];

    fn deref(&self) -> &[Token] {
        &self.tokens
    }
}

/// Why a sentence is editorial matter rather than a statement about the speech.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Editorial {
    /// A leading `date YYYY-MM-DD` header.
    Header,
    /// A dateline opening the first paragraph: a place in capitals, perhaps a date, and a
    /// dash (`ĐÀ NẴNG –`, `LYON, May 5 –`).
    Dateline,
    /// A photo caption (a paragraph ending with a credit such as `Ảnh: NAME` or `Photo: NAME`).
    Caption,
    /// A byline or copyright line: a short all-caps last paragraph, a short paragraph that
    /// opens with `By`/`Tác giả:` before names alone, or one that opens with `©`/`Copyright`.
    Byline,
    /// A line of news furniture that is no sentence: a headline or sub-heading, a byline
    /// (`By`, a name alone), a time stamp or the agency's mark (`(Xinhua)`): a short
    /// paragraph that does not end as a sentence does.
    Headline,
    /// A line about the speaker rather than by them: the publisher's introduction of a
    /// transcript, or a caption without a credit (`Minister X speaks at the closing session.`);
    /// in either document, a publisher's line presenting the text it prints (`The following is
    /// a near-verbatim transcript of …`, `Báo … trân trọng giới thiệu toàn văn …`).
    Narration,
}

/// One sentence of a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// Where the sentence is in the original text (trimmed of surrounding white space).
    pub span: Span,
    /// Index of the paragraph the sentence belongs to (0-based); 32 bits, as a text has at most
    /// 4 GiB ([`crate::normalize::tokenize`]), keep a sentence at 32 bytes.
    pub paragraph: u32,
    /// The sentence's tokens ([`Sentence::tokens`]), in 32 bits as its paragraph.
    token_range: Range<u32>,
    /// Set when the sentence is editorial matter.
    pub editorial: Option<Editorial>,
}

impl Sentence {
    /// A sentence at `span` in paragraph `paragraph`, of the tokens `tokens`.
    pub fn new(
        span: Span,
        paragraph: u32,
        tokens: Range<usize>,
        editorial: Option<Editorial>,
    ) -> Sentence {
        Sentence {
            span,
            paragraph,
            token_range: narrow(tokens),
            editorial,
        }
    }

    /// The sentence's tokens, as a range of indices into [`Document::tokens`].
    pub fn tokens(&self) -> Range<usize> {
        widen(&self.token_range)
    }
}

/// A number stated in a sentence, with the noun it counts when there is one.
#[derive(Clone, Debug, PartialEq)]
pub struct NumberFact {
    /// Where the claim is written: qualifier, number and scale (`hơn 70`, `$48 million`).
    pub span: Span,
    /// The tokens that spell the number and its scale, without qualifier or unit.
    pub tokens: Range<usize>,
    /// Its value (the lower end, for a range).
    pub value: f64,
    /// What the text claims about the value: exact, more than, about, a range.
    pub claim: Claim,
    /// What it counts: a unit (`%`, `usd`, `vnd`) or the stemmed key of the noun that follows
    /// (`ngày`, `countri`), if any.
    pub noun: Option<String>,
}

/// What a number's wording claims about the value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Claim {
    /// Exactly the value.
    Exact,
    /// More than the value (`hơn`, `more than`, `over`).
    MoreThan,
    /// Less than the value (`dưới`, `fewer than`, `under`).
    LessThan,
    /// Within a tenth of the value (`khoảng`, `about`).
    About,
    /// A little under the value (`gần`, `nearly`): from 85% of it up to it.
    Nearly,
    /// From the value up to this one (`70-80`, `hundreds of`).
    UpTo(f64),
}

impl NumberFact {
    /// The values the claim allows, as a closed interval.
    pub fn interval(&self) -> (f64, f64) {
        let v = self.value;
        let step = (v.abs() * 1e-9).max(1e-9);
        match self.claim {
            Claim::Exact => (v, v),
            Claim::MoreThan => (v + step, f64::INFINITY),
            Claim::LessThan => (f64::NEG_INFINITY, v - step),
            Claim::About => (v * 0.9, v * 1.1),
            Claim::Nearly => (v * 0.85, v),
            Claim::UpTo(high) => (v, high),
        }
    }

    /// Whether two claims can both be true: their intervals meet.
    pub fn agrees_with(&self, other: &NumberFact) -> bool {
        let (a_low, a_high) = self.interval();
        let (b_low, b_high) = other.interval();
        a_low <= b_high && b_low <= a_high
    }
}

/// Intervals of values ([`NumberFact::interval`]), indexed so that whether any of them meets
/// a given interval is found by one binary search.
#[derive(Clone, Debug, Default)]
pub struct Intervals {
    /// The low ends, ascending.
    lows: Vec<f64>,
    /// For each interval in that order, the highest high end up to it.
    highest: Vec<f64>,
}

impl Intervals {
    /// Indexes `intervals` (`(low, high)`); one with an undefined end meets nothing and is
    /// left out.
    pub fn new(intervals: impl IntoIterator<Item = (f64, f64)>) -> Self {
        let mut intervals: Vec<(f64, f64)> = intervals
            .into_iter()
            .filter(|(low, high)| !low.is_nan() && !high.is_nan())
            .collect();
        intervals.sort_by(|a, b| a.0.total_cmp(&b.0));
        let highest = intervals
            .iter()
            .scan(f64::NEG_INFINITY, |max, &(_, high)| {
                *max = max.max(high);
                Some(*max)
            })
            .collect();
        Intervals {
            lows: intervals.iter().map(|&(low, _)| low).collect(),
            highest,
        }
    }

    /// Whether one of the intervals meets `low..=high`.
    pub fn meet(&self, low: f64, high: f64) -> bool {
        let starting_below = self.lows.partition_point(|&start| start <= high);
        starting_below > 0 && self.highest[starting_below - 1] >= low
    }
}

/// An ordinal with the noun it orders (`third quarter`, `lần thứ ba`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrdinalFact {
    /// The ordinal and its noun.
    pub span: Span,
    /// Its value (3 for `third`).
    pub value: u32,
    /// The stemmed key of the noun it orders (`quarter`, `lần`).
    pub noun: String,
}

/// A date in a sentence: whichever of its parts the text gives, or a day relative to the
/// document's own date.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DateFact {
    /// Where the date is written.
    pub span: Span,
    /// Its tokens.
    pub tokens: Range<usize>,
    /// The year, if given.
    pub year: Option<i32>,
    /// The month (1 to 12), if given.
    pub month: Option<u32>,
    /// The day of the month, if given.
    pub day: Option<u32>,
    /// The weekday, Monday 1 to Sunday 7, if given.
    pub weekday: Option<u32>,
    /// Days from the document's own date (`hôm qua` -1), for a relative date.
    pub offset: Option<i64>,
}

impl DateFact {
    /// The date with a relative day resolved against the document's own date: the parts the
    /// text gives, and for a full date its weekday.
    pub fn resolved(&self, reference: Option<time::Date>) -> DateFact {
        let mut date = self.clone();
        if let (Some(offset), Some(reference)) = (self.offset, reference)
            && let Some(day) = reference.checked_add(time::Duration::days(offset))
        {
            date.year = Some(day.year());
            date.month = Some(u32::from(u8::from(day.month())));
            date.day = Some(u32::from(day.day()));
        }
        // The weekday of a full date, unless the text states one: that is a claim to check.
        if let (None, Some(full)) = (date.weekday, date.calendar_date()) {
            date.weekday = Some(u32::from(full.weekday().number_from_monday()));
        }
        date
    }

    fn calendar_date(&self) -> Option<time::Date> {
        let month = time::Month::try_from(u8::try_from(self.month?).ok()?).ok()?;
        time::Date::from_calendar_date(self.year?, month, u8::try_from(self.day?).ok()?).ok()
    }

    /// Whether two resolved dates can be the same day: every part both give is equal.
    pub fn agrees_with(&self, other: &DateFact) -> bool {
        fn same<T: PartialEq>(a: Option<T>, b: Option<T>) -> bool {
            a.zip(b).is_none_or(|(a, b)| a == b)
        }
        same(self.year, other.year)
            && same(self.month, other.month)
            && same(self.day, other.day)
            && same(self.weekday, other.weekday)
    }

    /// The date as `YYYY-MM-DD` (a full date) or `DD-MM`, when the parts allow.
    pub fn calendar_text(&self) -> Option<String> {
        match (self.year, self.month, self.day) {
            (Some(y), Some(m), Some(d)) => Some(format!("{y:04}-{m:02}-{d:02}")),
            (None, Some(m), Some(d)) => Some(format!("{d:02}-{m:02}")),
            _ => None,
        }
    }

    /// True when the date is a year alone (`in 2024`).
    pub fn is_year_alone(&self) -> bool {
        self.year.is_some()
            && self.month.is_none()
            && self.day.is_none()
            && self.weekday.is_none()
            && self.offset.is_none()
    }

    /// True when the text gives a calendar part (not only a relative day).
    pub fn has_parts(&self) -> bool {
        self.year.is_some() || self.month.is_some() || self.day.is_some() || self.weekday.is_some()
    }
}

/// A person named in a sentence: a title or honorific followed by a name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonMention {
    /// The whole mention, title included.
    pub span: Span,
    /// The tokens of the mention, title included.
    pub tokens: Range<usize>,
    /// The name as written (without the title).
    pub name: String,
    /// The comparison keys of the name's words.
    pub name_keys: Vec<String>,
    /// The title or honorific as written (`Bộ trưởng`, `Mayor`).
    pub title: String,
    /// The comparison keys of the title's words.
    pub title_keys: Vec<String>,
}

impl PersonMention {
    /// Whether two mentions name the same person: they share the final name word
    /// (`Nguyễn Thị Lan` and `bà Lan`, `Jane Okafor` and `Ms. Okafor`).
    pub fn same_person(&self, other_keys: &[String]) -> bool {
        matches!((self.name_keys.last(), other_keys.last()), (Some(a), Some(b)) if a == b)
    }
}

/// The facts found in one sentence, owned: what extraction finds in a sentence before it
/// joins its document's [`Facts`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SentenceFactLists {
    /// Counts and amounts.
    pub numbers: Vec<NumberFact>,
    /// People named with a title or honorific.
    pub people: Vec<PersonMention>,
    /// Reporting verbs (`cho biết`, `said`), as token ranges (32-bit, as a sentence's).
    pub reporting_verbs: Vec<Range<u32>>,
    /// Passages in quotation marks, as 32-bit spans ([`Span::from`]).
    pub quotes: Vec<Range<u32>>,
    /// True when the sentence opens an enumerated point (`Thứ nhất`, `First,`).
    pub enumerates: bool,
    /// Dates (`Sáng 14-3`, `ngày 14 tháng 3 năm 2019`, `on Monday`, `yesterday`).
    pub dates: Vec<DateFact>,
    /// Ordinals that order a noun (`third quarter`, `lần thứ ba`).
    pub ordinals: Vec<OrdinalFact>,
    /// Words that negate, qualify or set the modality and time of what is said.
    pub markers: Vec<Marker>,
}

/// The facts found in one sentence, as [`SentenceFactLists`] has them: a view into its
/// document's [`Facts`].
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct SentenceFacts<'a> {
    /// Counts and amounts.
    pub numbers: &'a [NumberFact],
    /// People named with a title or honorific.
    pub people: &'a [PersonMention],
    /// Reporting verbs (`cho biết`, `said`), as token ranges (32-bit, as a sentence's).
    pub reporting_verbs: &'a [Range<u32>],
    /// Passages in quotation marks, as 32-bit spans ([`Span::from`]).
    pub quotes: &'a [Range<u32>],
    /// True when the sentence opens an enumerated point (`Thứ nhất`, `First,`).
    pub enumerates: bool,
    /// Dates (`Sáng 14-3`, `ngày 14 tháng 3 năm 2019`, `on Monday`, `yesterday`).
    pub dates: &'a [DateFact],
    /// Ordinals that order a noun (`third quarter`, `lần thứ ba`).
    pub ordinals: &'a [OrdinalFact],
    /// Words that negate, qualify or set the modality and time of what is said.
    pub markers: &'a [Marker],
}

/// The facts of every sentence of a document: each kind in one list, in sentence order, and
/// the sentence of each fact beside it. A sentence costs a byte, and a fact four more, not a
/// list of each kind (most of which would be empty) nor the ends of seven lists (28 bytes,
/// more than a short sentence's facts); [`Facts::get`] finds one sentence's facts by binary
/// search.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Facts {
    numbers: Vec<NumberFact>,
    people: Vec<PersonMention>,
    reporting_verbs: Vec<Range<u32>>,
    quotes: Vec<Range<u32>>,
    dates: Vec<DateFact>,
    ordinals: Vec<OrdinalFact>,
    markers: Vec<Marker>,
    /// Per list, in the order above, the sentence of each fact, ascending.
    sentences: [Vec<u32>; 7],
    /// Per sentence, which lists have facts of it (bit `k` for list `k`), so that only those
    /// are searched, and whether it opens an enumerated point ([`Facts::ENUMERATES`]).
    flags: Vec<u8>,
}

impl Facts {
    /// The bit of [`Facts::flags`] set when a sentence opens an enumerated point.
    const ENUMERATES: u8 = 1 << 7;

    /// The number of sentences.
    pub fn len(&self) -> usize {
        self.flags.len()
    }

    /// True when there are no sentences.
    pub fn is_empty(&self) -> bool {
        self.flags.is_empty()
    }

    /// The facts of sentence `sentence`: a binary search in each list it has facts in.
    pub fn get(&self, sentence: usize) -> SentenceFacts<'_> {
        let flags = self.flags[sentence];
        let mut ranges = [(0, 0); 7];
        for (kind, sentences) in self.sentences.iter().enumerate() {
            if flags & 1 << kind != 0 {
                let start = sentences.partition_point(|&s| (s as usize) < sentence);
                ranges[kind] = (start, Facts::end(sentences, start));
            }
        }
        self.slices(flags, ranges)
    }

    /// The facts of every sentence, in order: one pass over each list, no search.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = SentenceFacts<'_>> {
        let mut next = [0; 7];
        self.flags.iter().map(move |&flags| {
            let mut ranges = [(0, 0); 7];
            for (kind, sentences) in self.sentences.iter().enumerate() {
                if flags & 1 << kind != 0 {
                    let start = next[kind];
                    next[kind] = Facts::end(sentences, start);
                    ranges[kind] = (start, next[kind]);
                }
            }
            self.slices(flags, ranges)
        })
    }

    /// Where the facts of one sentence that start at `start` end: a sentence has few facts
    /// of a kind, so they are counted, not searched.
    fn end(sentences: &[u32], start: usize) -> usize {
        let sentence = sentences[start];
        start
            + sentences[start..]
                .iter()
                .take_while(|&&s| s == sentence)
                .count()
    }

    /// A sentence's facts, from its `flags` and where its facts are in each list.
    fn slices(&self, flags: u8, ranges: [(usize, usize); 7]) -> SentenceFacts<'_> {
        let of = |kind: usize| ranges[kind].0..ranges[kind].1;
        SentenceFacts {
            numbers: &self.numbers[of(0)],
            people: &self.people[of(1)],
            reporting_verbs: &self.reporting_verbs[of(2)],
            quotes: &self.quotes[of(3)],
            dates: &self.dates[of(4)],
            ordinals: &self.ordinals[of(5)],
            markers: &self.markers[of(6)],
            enumerates: flags & Facts::ENUMERATES != 0,
        }
    }

    /// Adds the facts of the next sentence.
    pub fn push(&mut self, sentence: SentenceFactLists) {
        let index = u32::try_from(self.len()).expect("fewer than 2^32 sentences");
        let counts = [
            sentence.numbers.len(),
            sentence.people.len(),
            sentence.reporting_verbs.len(),
            sentence.quotes.len(),
            sentence.dates.len(),
            sentence.ordinals.len(),
            sentence.markers.len(),
        ];
        let mut flags = if sentence.enumerates {
            Facts::ENUMERATES
        } else {
            0
        };
        for (kind, (sentences, count)) in self.sentences.iter_mut().zip(counts).enumerate() {
            sentences.extend(std::iter::repeat_n(index, count));
            if count > 0 {
                flags |= 1 << kind;
            }
        }
        self.numbers.extend(sentence.numbers);
        self.people.extend(sentence.people);
        self.reporting_verbs.extend(sentence.reporting_verbs);
        self.quotes.extend(sentence.quotes);
        self.dates.extend(sentence.dates);
        self.ordinals.extend(sentence.ordinals);
        self.markers.extend(sentence.markers);
        self.flags.push(flags);
    }

    /// Adds the facts of the sentences that follow, in order.
    pub fn append(&mut self, mut following: Facts) {
        let offset = u32::try_from(self.len()).expect("fewer than 2^32 sentences");
        for (sentences, more) in self.sentences.iter_mut().zip(&following.sentences) {
            sentences.extend(more.iter().map(|&s| s + offset));
        }
        self.numbers.append(&mut following.numbers);
        self.people.append(&mut following.people);
        self.reporting_verbs.append(&mut following.reporting_verbs);
        self.quotes.append(&mut following.quotes);
        self.dates.append(&mut following.dates);
        self.ordinals.append(&mut following.ordinals);
        self.markers.append(&mut following.markers);
        self.flags.append(&mut following.flags);
    }

    /// Gives back the memory reserved and not used, once every sentence is in.
    pub(crate) fn shrink_to_fit(&mut self) {
        self.numbers.shrink_to_fit();
        self.people.shrink_to_fit();
        self.reporting_verbs.shrink_to_fit();
        self.quotes.shrink_to_fit();
        self.dates.shrink_to_fit();
        self.ordinals.shrink_to_fit();
        self.markers.shrink_to_fit();
        self.sentences.iter_mut().for_each(Vec::shrink_to_fit);
        self.flags.shrink_to_fit();
    }
}

/// What a [`Marker`] marks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkerKind {
    /// A negation (`không`, `not`, `doesn't`).
    Negation,
    /// The future (`sẽ`, `will`).
    Future,
    /// Completion (`đã`, `has been`).
    Done,
    /// A hedge or qualifier (`khá`, `some`).
    Hedge,
    /// An absolute (`tất cả`, `all`).
    Absolute,
    /// A weak modal (`xem xét`, `consider`).
    WeakModal,
    /// A strong modal (`cam kết`, `commit`).
    StrongModal,
}

/// A word or phrase of a [`MarkerKind`] in a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Marker {
    /// What it marks.
    pub kind: MarkerKind,
    /// Its tokens.
    pub tokens: Range<usize>,
}

impl<'a> SentenceFacts<'a> {
    /// The person a statement is attributed to: the first person named in a sentence with a
    /// reporting verb.
    pub fn attributed_to(self) -> Option<&'a PersonMention> {
        if self.reporting_verbs.is_empty() {
            None
        } else {
            self.people.first()
        }
    }

    /// The token ranges of the sentence's markers of one kind.
    pub fn marked(self, kind: MarkerKind) -> impl Iterator<Item = &'a Range<usize>> {
        self.markers
            .iter()
            .filter(move |m| m.kind == kind)
            .map(|m| &m.tokens)
    }

    /// Which of the sentence's `tokens` belong to its framing rather than to what is
    /// reported: a person mention, a reporting verb in a sentence that names a person, or a
    /// date (when something was said is the report's context, checked as a fact). One flag
    /// per token of the range, found in time linear in the sentence.
    pub fn framing(&self, tokens: Range<usize>) -> Vec<bool> {
        let mut framing = vec![false; tokens.len()];
        let verbs = if self.people.is_empty() {
            &[][..]
        } else {
            self.reporting_verbs
        };
        let ranges = (self.people.iter().map(|p| p.tokens.clone()))
            .chain(verbs.iter().map(widen))
            .chain(self.dates.iter().map(|d| d.tokens.clone()));
        mark(&mut framing, &tokens, ranges);
        framing
    }

    /// Which of the sentence's `tokens` belong to a number fact, one flag per token.
    pub fn in_numbers(&self, tokens: Range<usize>) -> Vec<bool> {
        let mut numbers = vec![false; tokens.len()];
        mark(
            &mut numbers,
            &tokens,
            self.numbers.iter().map(|n| n.tokens.clone()),
        );
        numbers
    }
}

/// Sets the flags of `flags` (one per token of `within`) for the tokens of every range.
pub(crate) fn mark(
    flags: &mut [bool],
    within: &Range<usize>,
    ranges: impl Iterator<Item = Range<usize>>,
) {
    for range in ranges {
        let start = range.start.clamp(within.start, within.end) - within.start;
        let end = range.end.clamp(within.start, within.end) - within.start;
        flags[start..end].fill(true);
    }
}

/// The stem of every distinct key of a document (the form words are compared by where the
/// language has a stemmer, such as English), found once per key and held in one buffer.
/// Empty for a language without a stemmer, where each key is its own stem.
#[derive(Clone, Debug, Default)]
pub struct Stems(TextTable);

impl Stems {
    /// The stems of keys `0..`, in key order (up to 4 GiB of them; a key past that is its
    /// own stem).
    pub fn new<S: AsRef<str>>(stems: impl IntoIterator<Item = S>) -> Self {
        let mut table = TextTable::default();
        for stem in stems {
            if !table.push(stem.as_ref()) {
                break;
            }
        }
        table.shrink_to_fit();
        Stems(table)
    }

    /// The stem of `key`, one of `tokens`' keys.
    pub fn of<'a>(&'a self, tokens: &'a Tokens, key: Key) -> &'a str {
        if key.index() < self.0.len() {
            self.0.get(key.index())
        } else {
            tokens.key_text(key)
        }
    }
}

/// A document after reading, normalizing, segmenting and fact extraction.
#[derive(Clone, Debug)]
pub struct Document {
    /// The path as given by the user.
    pub path: String,
    /// The original text (the file's bytes, which are valid UTF-8), shared with the input.
    pub text: Arc<str>,
    /// The language whose rules the document is read with: [`crate::Config::language`] when
    /// given, else [`Detected::rules`] of `detected`.
    pub language: Language,
    /// The language detection found the text in; `None` when [`crate::Config::language`]
    /// gave it and nothing was detected.
    pub detected: Option<Detected>,
    /// All tokens, in order, with their keys.
    pub tokens: Tokens,
    /// The stem of each of the tokens' distinct keys ([`Document::stem`]).
    pub stems: Stems,
    /// All sentences, in order; they never overlap.
    pub sentences: Vec<Sentence>,
    /// Facts per sentence, parallel to [`Document::sentences`].
    pub facts: Facts,
    /// The document's date, for relative dates: its `date YYYY-MM-DD` header, or else the
    /// configured date ([`crate::Config::date`]).
    pub date: Option<time::Date>,
    /// Who speaks where, in a transcript ([`crate::analyze_transcript`]); empty otherwise.
    pub voices: Voices,
    /// Where the text came from, when it was extracted from a subtitle file, a web page or a
    /// Word file ([`crate::read::map`]); `None` for plain text, whose spans are the file's.
    pub origin: Option<Arc<crate::read::Origin>>,
    /// The files the text joins, when several sources are checked as one
    /// ([`crate::read::join`]); empty for one file.
    pub parts: Arc<[crate::read::Part]>,
}

/// One file of a document's text ([`Document::files`]).
#[derive(Clone, Debug)]
pub struct DocumentFile<'a> {
    /// The path as given by the user.
    pub path: &'a str,
    /// Where the file's text starts in the document's text.
    pub start: usize,
    /// Where the file's text came from, for a derived input; `None` for plain text.
    pub origin: Option<&'a crate::read::Origin>,
    /// The file's sentences, as indices into [`Document::sentences`].
    pub sentences: std::ops::Range<usize>,
}

impl Document {
    /// The stem of a token's key: the key itself where the language has no stemmer.
    pub fn stem(&self, token: &Token) -> &str {
        self.stems.of(&self.tokens, token.key)
    }

    /// The stem of each distinct key, in key order.
    pub fn key_stems(&self) -> impl Iterator<Item = &str> {
        self.tokens
            .key_ids()
            .map(|key| self.stems.of(&self.tokens, key))
    }

    /// The files the document's text is made of, in order, each with its sentences: its one
    /// file, or each file of a source of several ([`Document::parts`]).
    pub fn files(&self) -> Vec<DocumentFile<'_>> {
        let first_sentence =
            |start: usize| (self.sentences).partition_point(|s| s.span.start < start);
        if self.parts.is_empty() {
            return vec![DocumentFile {
                path: &self.path,
                start: 0,
                origin: self.origin.as_deref(),
                sentences: 0..self.sentences.len(),
            }];
        }
        (self.parts.iter().enumerate())
            .map(|(index, part)| {
                let end = (self.parts.get(index + 1))
                    .map_or(self.sentences.len(), |next| first_sentence(next.start));
                DocumentFile {
                    path: &part.path,
                    start: part.start,
                    origin: part.origin.as_deref(),
                    sentences: first_sentence(part.start)..end,
                }
            })
            .collect()
    }

    /// The original text of a span.
    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.range()]
    }

    /// The tokens of sentence `index`.
    pub fn sentence_tokens(&self, index: usize) -> &[Token] {
        &self.tokens[self.sentences[index].tokens()]
    }

    /// The index of the sentence token `token` is in (the number of sentences when it is
    /// past the last), found by binary search.
    pub fn sentence_of(&self, token: usize) -> usize {
        self.sentences.partition_point(|s| s.tokens().end <= token)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tokens are most of a document's memory, about one per five bytes of text.
    #[test]
    fn a_token_takes_ten_bytes_and_a_sentence_thirty_two() {
        assert_eq!(std::mem::size_of::<Token>(), 10);
        assert_eq!(std::mem::size_of::<Sentence>(), 32);
    }

    #[test]
    fn a_token_gives_back_its_length_kind_and_case() {
        let mut tokens = Tokens::default();
        let key = tokens.intern("x").unwrap();
        let cases = [
            (Span::new(3, 3 + Token::MAX_BYTES), TokenKind::Punct, true),
            (Span::new(0, 1), TokenKind::Word, false),
            (Span::new(7, 12), TokenKind::Number, true),
            (
                Span::new(u32::MAX as usize - 2, u32::MAX as usize),
                TokenKind::Word,
                true,
            ),
        ];
        for (span, kind, capitalized) in cases {
            assert!(tokens.push(span, key, kind, capitalized));
        }
        for (token, (span, kind, capitalized)) in tokens.iter().zip(cases) {
            assert_eq!(
                (token.span(), token.kind(), token.capitalized()),
                (span, kind, capitalized)
            );
        }
        assert!(!tokens.push(
            Span::new(5, u32::MAX as usize + 1),
            key,
            TokenKind::Word,
            false
        ));
        let too_long = Span::new(0, Token::MAX_BYTES + 1);
        assert!(!tokens.push(too_long, key, TokenKind::Word, false));
        assert_eq!(tokens.len(), cases.len());
    }

    #[test]
    fn each_sentence_gets_back_its_own_facts_after_lists_are_joined() {
        let marker = |start: usize| Marker {
            kind: MarkerKind::Negation,
            tokens: start..start + 1,
        };
        let sentence =
            |markers: Vec<Marker>, quotes: Vec<Range<u32>>, enumerates: bool| SentenceFactLists {
                markers,
                quotes,
                enumerates,
                ..SentenceFactLists::default()
            };
        let mut first = Facts::default();
        first.push(sentence(vec![marker(1), marker(2)], Vec::new(), false));
        first.push(sentence(Vec::new(), vec![narrow(0..4)], true));
        let mut second = Facts::default();
        second.push(sentence(vec![marker(9)], vec![narrow(5..7)], false));
        first.append(second);
        assert_eq!(first.len(), 3);
        assert_eq!(first.get(0).markers, [marker(1), marker(2)]);
        assert!(first.get(0).quotes.is_empty() && !first.get(0).enumerates);
        assert!(first.get(1).markers.is_empty() && first.get(1).enumerates);
        assert_eq!(first.get(1).quotes, [narrow(0..4)]);
        assert_eq!(first.get(2).markers, [marker(9)]);
        assert_eq!(first.get(2).quotes, [narrow(5..7)]);
        assert_eq!(first.iter().map(|f| f.markers.len()).sum::<usize>(), 3);
    }

    #[test]
    fn groups_keep_each_groups_numbers_in_the_order_given() {
        let pairs = [(2, 7), (0, 1), (2, 3), (0, 9), (2, 5)];
        let groups = Groups::new(4, || pairs.iter().copied());
        assert_eq!(groups.get(0), [1, 9]);
        assert!(groups.get(1).is_empty() && groups.get(3).is_empty());
        assert_eq!(groups.get(2), [7, 3, 5]);
    }

    #[test]
    fn keys_are_interned_once_and_found_by_their_text() {
        let mut tokens = Tokens::default();
        let (first, second) = (tokens.intern("hòa"), tokens.intern("bình"));
        assert_eq!(tokens.intern("hòa"), first);
        assert_ne!(first, second);
        let second = second.expect("far below 4 GiB of keys");
        assert_eq!(tokens.distinct().collect::<Vec<_>>(), ["hòa", "bình"]);
        assert_eq!(tokens.find("bình"), Some(second));
        assert_eq!(tokens.find("hoa"), None);
        assert_eq!(tokens.key_text(second), "bình");
    }
}
