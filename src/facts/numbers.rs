//! Counts: numbers in digits (`1.000`, `3,5`, `70-80`, `$48 million`) or words (`bảy mươi
//! ba`, `one hundred and five`), with the qualifier before them (`hơn`, `about`), a range in
//! words (`từ 70 đến 80`, `between 70 and 80`) and the unit or noun they count. Dates, years
//! and ordinals are left out.

use std::ops::Range;

use super::SentenceReader;
use crate::lang::{
    Approximation, NumberWord, Phrases, VULGAR_FRACTIONS, matches_at, tagged_at, tagged_before,
};
use crate::model::{Claim, DateFact, NumberFact, TokenKind};

impl SentenceReader<'_> {
    /// The counts of the sentence, leaving out the tokens of its `dates`.
    pub(super) fn numbers(&self, dates: &[DateFact]) -> Vec<NumberFact> {
        let keys = self.keys();
        let in_dates = self.in_dates(dates);
        let mut numbers = Vec::new();
        let mut index = self.range.start;
        while index < self.range.end {
            let local = index - self.range.start;
            if let Some(len) = self.lexicon.not_counts.at(keys, local) {
                index += len;
                continue;
            }
            let opens_quantity = self.lexicon.quantity_openers.contains(keys[local]);
            let fraction = opens_quantity
                .then(|| tagged_at(&self.lexicon.fractions, keys, local))
                .flatten();
            if let Some((len, fraction)) = fraction {
                // A fraction of one unit (`a quarter of a percentage point`); a number after
                // the fraction reads it back when it is read (`half of the 40 members`). One
                // that ends a number (`twelve and a half euros`) is not read.
                let ends_a_number = index > self.range.start
                    && self.number_role(index - 1) == Some(NumberWord::Joiner);
                match (!ends_a_number)
                    .then(|| self.fraction_of_unit(index..index + len, fraction))
                    .flatten()
                {
                    Some((fact, end)) => {
                        numbers.push(fact);
                        index = end;
                    }
                    None => index += len,
                }
                continue;
            }
            let vague = opens_quantity
                .then(|| tagged_at(&self.lexicon.vague_quantities, keys, local))
                .flatten();
            if let Some((len, (low, high))) = vague {
                // Scale words multiply it (`hàng trăm nghìn`, `several hundred thousand`).
                let (scale, end) = self.scale_at(index + len);
                let (fact, end) = self.fact(
                    index..end,
                    index..end,
                    low * scale,
                    Claim::UpTo(high * scale),
                );
                numbers.push(fact);
                index = end;
                continue;
            }
            let read = match self.tokens[index].kind() {
                _ if in_dates[local] => None,
                // A figure that ends a name (`COVID-19`) is no count.
                TokenKind::Number if self.tokens.name_with_figure(index).is_some() => None,
                TokenKind::Number => self.digits(index),
                TokenKind::Word if self.in_name(index) => None,
                TokenKind::Word => self.number_words(index).map(|(r, v)| (r, v, None)),
                TokenKind::Punct => None,
            };
            let Some((tokens, value, high)) = read else {
                index += 1;
                continue;
            };
            let (tokens, high, opener) = match (high, self.word_range(&tokens, value)) {
                (None, Some((end, high, opener))) => (tokens.start..end, Some(high), opener),
                _ => (tokens, high, 0),
            };
            if !self.preceded_by(tokens.start, &self.lexicon.ordinal_markers) {
                let qualifier = self.qualifier_before(tokens.start);
                let claim = claim_of(high, qualifier);
                let start = tokens.start - qualifier.map_or(0, |(len, _)| len).max(opener);
                let (fact, end) = self.fact(start..tokens.end, tokens.clone(), value, claim);
                match self.fraction_before(tokens.start) {
                    // That part of the number (`half of the 40 members`: 20 members), and the
                    // number itself unless it is one of a scale (`half a million`).
                    Some(fraction) => {
                        let qualifier = self.qualifier_before(fraction.start);
                        let claim = claim_of(high.map(|high| high * fraction.value), qualifier);
                        let start = fraction.start - qualifier.map_or(0, |(len, _)| len);
                        // Its words are not the number's: like a qualifier, they stay
                        // words to align by.
                        let (part, _) = self.fact(
                            start..tokens.end,
                            tokens.clone(),
                            value * fraction.value,
                            claim,
                        );
                        numbers.push(part);
                        if !fraction.of_one {
                            numbers.push(fact);
                        }
                    }
                    None => numbers.push(fact),
                }
                index = end;
            } else {
                index = tokens.end;
            }
        }
        numbers
    }

    /// A qualifier before the token at `start`, or before its article (`more than a
    /// thousand`): its length in tokens, article included, and how it bounds the number.
    fn qualifier_before(&self, start: usize) -> Option<(usize, Approximation)> {
        let keys = self.keys();
        let start = start - self.range.start;
        tagged_before(&self.lexicon.approximations, keys, start).or_else(|| {
            let article = start.checked_sub(1)?;
            self.lexicon
                .indefinite_articles
                .contains(keys[article])
                .then_some(())?;
            tagged_before(&self.lexicon.approximations, keys, article)
                .map(|(len, approximation)| (len + 1, approximation))
        })
    }

    /// The fraction before the number starting at `start`, with up to three link words between
    /// them (`half of the` 40, `hai phần ba trong số` 300, `half a` million).
    fn fraction_before(&self, start: usize) -> Option<Fraction> {
        let keys = self.keys();
        let number = start - self.range.start;
        let mut at = number;
        loop {
            if let Some((len, value)) = tagged_before(&self.lexicon.fractions, keys, at) {
                // No link, or an article just before the number: a fraction of one.
                let of_one =
                    at == number || (self.lexicon.indefinite_articles).contains(keys[number - 1]);
                return Some(Fraction {
                    start: self.range.start + at - len,
                    value,
                    of_one,
                });
            }
            if number - at == MAX_FRACTION_LINKS || at == 0 || !self.is_fraction_link(keys[at - 1])
            {
                return None;
            }
            at -= 1;
        }
    }

    /// Whether a word may stand between a fraction and what it divides.
    fn is_fraction_link(&self, key: &str) -> bool {
        self.lexicon.fraction_links.contains(key) || self.lexicon.indefinite_articles.contains(key)
    }

    /// A fraction of one unit at `fraction` (`a quarter of a percentage point`, `half a
    /// percent`, `nửa điểm phần trăm`): the fact and the index after its unit, when a unit
    /// follows the fraction and its link words.
    fn fraction_of_unit(&self, fraction: Range<usize>, value: f64) -> Option<(NumberFact, usize)> {
        let keys = self.keys();
        let links = (fraction.end..self.range.end)
            .take(MAX_FRACTION_LINKS)
            .take_while(|&t| self.is_fraction_link(keys[t - self.range.start]))
            .count();
        let unit = fraction.end + links;
        tagged_at(
            &self.lexicon.units,
            keys,
            unit.checked_sub(self.range.start)?,
        )?;
        let qualifier = self.qualifier_before(fraction.start);
        let start = fraction.start - qualifier.map_or(0, |(len, _)| len);
        Some(self.fact(
            start..unit,
            fraction.start..unit,
            value,
            claim_of(None, qualifier),
        ))
    }

    /// A range written in words around the number at `tokens` (`từ 70 đến 80`, `between 70
    /// and 80`): the end of the second number, its value, and the opener's length.
    fn word_range(&self, tokens: &Range<usize>, low: f64) -> Option<(usize, f64, usize)> {
        let keys = self.keys();
        let local = |i: usize| i - self.range.start;
        self.lexicon.ranges.iter().find_map(|(opener, joiner)| {
            let open = local(tokens.start).checked_sub(opener.len())?;
            if !matches_at(opener, keys, open) || !matches_at(joiner, keys, local(tokens.end)) {
                return None;
            }
            let second = tokens.end + joiner.len();
            let (second, high) = self.number_at(second)?;
            (high > low).then_some((second.end, high, opener.len()))
        })
    }

    /// A number fact, and the index of the first token after it and its unit: `claimed` is the
    /// whole claim (qualifier and number), `tokens` the number.
    fn fact(
        &self,
        claimed: Range<usize>,
        tokens: Range<usize>,
        value: f64,
        claim: Claim,
    ) -> (NumberFact, usize) {
        let keys = self.keys();
        let local = |i: usize| i - self.range.start;
        // A unit symbol before the number (`$48`) or a unit after it (`48 USD`, `5 phần trăm`).
        let before = claimed
            .start
            .checked_sub(1)
            .filter(|&i| i >= self.range.start && self.touching(i, claimed.start))
            .and_then(|i| {
                tagged_at(&self.lexicon.units, keys, local(i)).filter(|(len, _)| *len == 1)
            });
        let after = (tokens.end < self.range.end)
            .then(|| tagged_at(&self.lexicon.units, keys, local(tokens.end)))
            .flatten();
        let mut noun = match (before, after) {
            (Some((_, unit)), _) | (None, Some((_, unit))) => Some(unit.to_string()),
            (None, None) => self.counted_noun(tokens.end),
        };
        // A noun that counts a multiple of another is read as that other (`three decades`
        // is 30 years).
        let (mut value, mut claim) = (value, claim);
        if let Some((factor, base)) = (noun.as_ref()).and_then(|n| self.lexicon.scaled_nouns.get(n))
        {
            value *= factor;
            if let Claim::UpTo(high) = claim {
                claim = Claim::UpTo(high * factor);
            }
            noun = Some(base.clone());
        }
        let first = if before.is_some() {
            claimed.start - 1
        } else {
            claimed.start
        };
        let end = tokens.end + after.map_or(0, |(len, _)| len);
        let fact = NumberFact {
            span: self.tokens[first]
                .span()
                .cover(self.tokens[tokens.end - 1].span()),
            tokens,
            value,
            claim,
            noun,
        };
        (fact, end)
    }

    /// A number at `index`, in digits or words: its tokens and value (the lower end of a
    /// range in digits).
    pub(super) fn number_at(&self, index: usize) -> Option<(Range<usize>, f64)> {
        match self.token(index)?.kind() {
            TokenKind::Number => self.digits(index).map(|(tokens, value, _)| (tokens, value)),
            TokenKind::Word => self.number_words(index),
            TokenKind::Punct => None,
        }
    }

    /// A number in digits at `index`: its tokens, value, and the upper end of a range. Takes
    /// a range (`70-80`) and scale words after the digits (`48 million`, `5 triệu`).
    fn digits(&self, index: usize) -> Option<(Range<usize>, f64, Option<f64>)> {
        let written = &self.text[self.tokens[index].span().range()];
        let value = self.digits_value(index).filter(|&v| !is_year(v, written))?;
        if let Some((fraction, part)) = self.fraction_after(index) {
            let (scale, end) = self.scale_at(fraction.end);
            return Some((index..end, (value + part) * scale, None));
        }
        let group = self.joined_digits(index);
        let (end, high) = match group.len() {
            3 => {
                let high = self.digits_value(index + 2).filter(|&high| high > value);
                (if high.is_some() { index + 3 } else { index + 1 }, high)
            }
            _ => (index + 1, None),
        };
        let (scale, end) = self.scale_at(end);
        Some((index..end, value * scale, high.map(|h| h * scale)))
    }

    /// The fraction that makes the whole number at `whole` a mixed number: a vulgar fraction
    /// (`4¼`, `4 ½`), or digits over digits after a hyphen or a space (`4-1/4`, `4 1/4`), a
    /// proper fraction whose denominator is at most [`MAX_DENOMINATOR`]. Its tokens and value.
    pub(super) fn fraction_after(&self, whole: usize) -> Option<(Range<usize>, f64)> {
        let whole_token = self.token(whole)?;
        if !self.text[whole_token.span().range()]
            .bytes()
            .all(|b| b.is_ascii_digit())
        {
            return None;
        }
        let next = self.token(whole + 1)?;
        let key = self.tokens.key(next);
        if let Some(&(_, value)) = VULGAR_FRACTIONS.iter().find(|(f, _)| *f == key) {
            return Some((whole + 1..whole + 2, value));
        }
        let start = match next.kind() {
            TokenKind::Punct
                if key == "-"
                    && self.touching(whole, whole + 1)
                    && self.touching(whole + 1, whole + 2) =>
            {
                whole + 2
            }
            TokenKind::Number if !self.touching(whole, whole + 1) => whole + 1,
            _ => return None,
        };
        let group = self.joined_digits(start);
        if group.len() != 3 || self.tokens.key(&self.tokens[start + 1]) != "/" {
            return None;
        }
        let part = |i: usize| self.text[self.tokens[i].span().range()].parse::<u32>().ok();
        let (numerator, denominator) = (part(start)?, part(start + 2)?);
        (0 < numerator && numerator < denominator && denominator <= MAX_DENOMINATOR)
            .then(|| (group, f64::from(numerator) / f64::from(denominator)))
    }

    /// The product of the scale words from `index` on (`million`, `trăm nghìn`), and the
    /// index after them.
    fn scale_at(&self, mut index: usize) -> (f64, usize) {
        let mut scale = 1.0;
        while let Some(role) = self.number_role(index) {
            match role {
                NumberWord::Hundred => scale *= 100.0,
                NumberWord::Scale(s) => scale *= s as f64,
                _ => break,
            }
            index += 1;
        }
        (scale, index)
    }

    /// The value of a digit token, read with the document's separators.
    pub(super) fn digits_value(&self, index: usize) -> Option<f64> {
        parse_digits(
            &self.text[self.tokens[index].span().range()],
            self.lexicon.decimal_comma,
        )
    }

    /// A number written in words starting at `start`: its token range and value.
    fn number_words(&self, start: usize) -> Option<(Range<usize>, f64)> {
        let first = self.number_role(start)?;
        if matches!(first, NumberWord::Joiner | NumberWord::UnitAfterTens(_)) {
            return None;
        }
        let mut roles = vec![(start, first)];
        let mut at = start + 1;
        loop {
            // English writes `seventy-two`: a touching hyphen joins two number words.
            let hyphen = self.token(at).is_some_and(|t| self.tokens.key(t) == "-")
                && self.touching(at - 1, at);
            let next = if hyphen { at + 1 } else { at };
            let Some(role) = self.number_role(next) else {
                break;
            };
            let previous = roles.last().expect("a run starts with one word").1;
            if !may_follow(previous, role) || (hyphen && !self.touching(at, next)) {
                break;
            }
            roles.push((next, role));
            at = next + 1;
        }
        while roles.len() > 1 && matches!(roles.last(), Some((_, NumberWord::Joiner))) {
            roles.pop();
        }
        let end = roles.last().expect("a run keeps its first word").0 + 1;
        if roles.len() == 1 && !self.ambiguous_word_is_count(start) {
            return None;
        }
        Some((start..end, words_value(roles.iter().map(|(_, r)| *r))))
    }

    /// Whether the number word at `index` is part of a name: capitalised inside a sentence,
    /// after a word, and next to another capitalised word or after a title (`Hai Bà Trưng`,
    /// `anh Hai Lúa`, `ông Hai`, `World War Two`), where capitals mark names.
    fn in_name(&self, index: usize) -> bool {
        let capitalized_word = |i: usize| {
            self.token(i)
                .is_some_and(|t| t.kind() == TokenKind::Word && t.capitalized())
        };
        self.lexicon.capitals_mark_names
            && capitalized_word(index)
            && index > self.range.start
            && self.tokens[index - 1].kind() == TokenKind::Word
            && (capitalized_word(index - 1)
                || capitalized_word(index + 1)
                || self.preceded_by(index, &self.lexicon.titles))
    }

    /// An ambiguous number word standing alone (`năm`: five or year) counts only when a noun
    /// follows that does not make it mean something else, and no number precedes it.
    fn ambiguous_word_is_count(&self, index: usize) -> bool {
        let token = &self.tokens[index];
        if self
            .lexicon
            .indefinite_articles
            .contains(self.tokens.key(token))
        {
            return false;
        }
        if !self
            .lexicon
            .ambiguous_number_words
            .contains(self.tokens.key(token))
        {
            return true;
        }
        let after_number = index > self.range.start
            && (self.tokens[index - 1].kind() == TokenKind::Number
                || self.number_role(index - 1).is_some());
        // A function word after it (`năm của`, the year of) shows no noun is counted.
        let next_is_noun = self.token(index + 1).is_some_and(|next| {
            next.kind() == TokenKind::Word
                && !next.capitalized()
                && !self.lexicon.year_followers.contains(self.tokens.key(next))
                && !self.lexicon.function_words.contains(self.tokens.key(next))
                && self.number_role(index + 1).is_none()
        });
        !after_number && next_is_noun
    }

    /// The noun a number counts: the word that follows it (stemmed), or `%`. A number word
    /// that also means something else counts as a noun here (`hai năm`, two years).
    fn counted_noun(&self, after: usize) -> Option<String> {
        let next = self.token(after)?;
        let is_noun = self.number_role(after).is_none()
            || self
                .lexicon
                .ambiguous_number_words
                .contains(self.tokens.key(next));
        // A function word (`và`, `and`) after a number counts nothing.
        let is_noun = is_noun && !self.lexicon.function_words.contains(self.tokens.key(next));
        match next.kind() {
            TokenKind::Word if is_noun => Some(self.lexicon.stem(self.tokens.key(next))),
            TokenKind::Punct if self.tokens.key(next) == "%" => Some("%".to_string()),
            _ => None,
        }
    }

    /// True when one of `words` (up to three words long) ends just before `index`.
    fn preceded_by(&self, index: usize, words: &Phrases) -> bool {
        let keys = self.keys();
        let local = index - self.range.start;
        (1..=local.min(3)).any(|len| words.at(keys, local - len) == Some(len))
    }

    /// The role of the number word at `index` (`hai`, `hundred`), if it is one.
    pub(super) fn number_role(&self, index: usize) -> Option<NumberWord> {
        let token = self.token(index)?;
        (token.kind() == TokenKind::Word)
            .then(|| {
                self.lexicon
                    .number_words
                    .get(self.tokens.key(token))
                    .copied()
            })
            .flatten()
    }
}

/// The most link words between a fraction and what it divides (`of the`, `trong số các`).
const MAX_FRACTION_LINKS: usize = 3;

/// The largest denominator of a fraction in digits that completes a mixed number (`4 1/16`):
/// beyond it, `4 1/20` is more likely a number and a date.
const MAX_DENOMINATOR: u32 = 16;

/// A fraction before a number (`half of the` 40).
struct Fraction {
    /// Its first token.
    start: usize,
    /// Its value (0.5).
    value: f64,
    /// True when it divides one of the number's scale (`half a million`), not a number of
    /// things the text gives (`half of the 40 members`).
    of_one: bool,
}

/// What a number's wording claims: a range when it has an upper end, else what its
/// qualifier says.
fn claim_of(high: Option<f64>, qualifier: Option<(usize, Approximation)>) -> Claim {
    match (high, qualifier) {
        (Some(high), _) => Claim::UpTo(high),
        (None, Some((_, Approximation::MoreThan))) => Claim::MoreThan,
        (None, Some((_, Approximation::LessThan))) => Claim::LessThan,
        (None, Some((_, Approximation::About))) => Claim::About,
        (None, Some((_, Approximation::Nearly))) => Claim::Nearly,
        (None, None) => Claim::Exact,
    }
}

/// Whether number word `next` may continue a number that ended with `previous`.
fn may_follow(previous: NumberWord, next: NumberWord) -> bool {
    use NumberWord::*;
    match previous {
        Unit(_) | UnitAfterTens(_) => matches!(next, TimesTen | Hundred | Scale(_)),
        Tens(_) => matches!(next, Unit(_) | UnitAfterTens(_) | Hundred | Scale(_)),
        TimesTen => matches!(next, Unit(_) | UnitAfterTens(_) | Scale(_)),
        Hundred | Scale(_) => matches!(next, Unit(_) | Tens(_) | Joiner | Scale(_)),
        Joiner => matches!(next, Unit(_) | Tens(_)),
    }
}

/// The value of a run of number words (`bảy mươi ba` 73, `one hundred and five` 105).
fn words_value(roles: impl Iterator<Item = NumberWord>) -> f64 {
    let mut total = 0u64;
    let mut group = 0u64;
    for role in roles {
        match role {
            NumberWord::Unit(n) | NumberWord::UnitAfterTens(n) | NumberWord::Tens(n) => {
                group += n;
            }
            NumberWord::TimesTen => group = group.max(1) * 10,
            NumberWord::Hundred => group = group.max(1) * 100,
            NumberWord::Scale(scale) => {
                total += group.max(1) * scale;
                group = 0;
            }
            NumberWord::Joiner => {}
        }
    }
    (total + group) as f64
}

/// A four-digit whole number in the range of recent years, written without separators.
pub(super) fn is_year(value: f64, written: &str) -> bool {
    written.len() == 4
        && written.bytes().all(|b| b.is_ascii_digit())
        && (1800.0..=2199.0).contains(&value)
}

/// Parses digits with thousands separators and a decimal mark. With `decimal_comma`, `.`
/// groups thousands and `,` is the decimal mark (`1.000` is 1000, `3,5` is 3.5); otherwise the
/// reverse. A separator that cannot be a thousands separator (not followed by exactly three
/// digits) is read as the decimal mark of the other convention, as writers mix them.
pub fn parse_digits(written: &str, decimal_comma: bool) -> Option<f64> {
    let (group, decimal) = if decimal_comma {
        ('.', ',')
    } else {
        (',', '.')
    };
    let groups_ok = |s: &str| {
        let mut parts = s.split(group);
        let head = parts.next().unwrap_or_default();
        !head.is_empty() && head.len() <= 3 && parts.all(|p| p.len() == 3)
    };
    let (whole, fraction) = match written.split_once(decimal) {
        Some((w, f)) => (w, Some(f)),
        None => (written, None),
    };
    let whole_digits: String = if whole.contains(group) {
        if !groups_ok(whole) {
            // `3.5` in a Vietnamese text, `3,5` in an English one.
            return written
                .replace(group, ".")
                .parse()
                .ok()
                .filter(|_| fraction.is_none());
        }
        whole.replace(group, "")
    } else {
        whole.to_string()
    };
    if !whole_digits.bytes().all(|b| b.is_ascii_digit())
        || fraction.is_some_and(|f| f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let joined = match fraction {
        Some(f) => format!("{whole_digits}.{f}"),
        None => whole_digits,
    };
    joined.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::tests::facts;
    use crate::lang::Language;

    /// (value, claim as written, what it counts) of every number in a one-sentence text. What
    /// it counts is a unit (`usd`, `%`) or the counted noun's key.
    fn numbers(text: &str) -> Vec<(f64, &str, Option<String>)> {
        facts(text)
            .remove(0)
            .numbers
            .into_iter()
            .map(|n| (n.value, &text[n.span.range()], n.noun))
            .collect()
    }

    /// An expected number; `noun` is a unit, or a noun as written (compared by its key).
    fn n<'a>(value: f64, written: &'a str, noun: &str) -> (f64, &'a str, Option<String>) {
        let unit = ["usd", "vnd", "%", "basis point"].contains(&noun);
        let key = if unit {
            noun.to_string()
        } else {
            Language::detect(written)
                .lexicon()
                .stem(&crate::normalize::word_key(noun))
        };
        (value, written, Some(key))
    }

    #[test]
    fn numbers_in_words_and_digits() {
        let cases = [
            ("Sau hai tuần nghỉ.", vec![n(2.0, "hai", "tuần")]),
            (
                "Có bảy mươi ba tỉnh thành.",
                vec![n(73.0, "bảy mươi ba", "tỉnh")],
            ),
            (
                "Có mười lăm người và hai mươi mốt xe.",
                vec![n(15.0, "mười lăm", "người"), n(21.0, "hai mươi mốt", "xe")],
            ),
            (
                "Cần một trăm linh năm tỷ đồng.",
                vec![n(105e9, "một trăm linh năm tỷ", "vnd")],
            ),
            (
                "Có ba nghìn hai trăm người.",
                vec![n(3200.0, "ba nghìn hai trăm", "người")],
            ),
            // `năm` is "year" unless it counts a noun.
            (
                "Trong năm nay, năm 2019, hai năm qua.",
                vec![n(2.0, "hai", "năm")],
            ),
            ("Có năm tỉnh.", vec![n(5.0, "năm", "tỉnh")]),
            // A function word after `năm` shows the year (`năm của`, the year of).
            (
                "Năm vừa qua là năm của đổi mới, với năm dự án.",
                vec![n(5.0, "năm", "dự")],
            ),
            // A number word in a name is no count.
            (
                "Anh Hai Lúa và ông Hai ở đường Hai Bà Trưng có hai con.",
                vec![n(2.0, "hai", "con")],
            ),
            (
                "After World War Two, two treaties were signed.",
                vec![n(2.0, "two", "treaties")],
            ),
            // Digits follow the document's convention.
            (
                "Có 1.000 người và 3,5 tấn.",
                vec![n(1000.0, "1.000", "người"), n(3.5, "3,5", "tấn")],
            ),
            (
                "About 1,000 people and 3.5 tons.",
                vec![n(1000.0, "About 1,000", "people"), n(3.5, "3.5", "tons")],
            ),
            (
                "Seventy-three countries signed.",
                vec![n(73.0, "Seventy-three", "countries")],
            ),
            (
                "It took one hundred and five days.",
                vec![n(105.0, "one hundred and five", "days")],
            ),
            (
                "Two thousand delegates came.",
                vec![n(2000.0, "Two thousand", "delegates")],
            ),
            // Qualifiers, scales, units and ranges belong to the claim.
            ("Có hơn 70 tỉnh.", vec![n(70.0, "hơn 70", "tỉnh")]),
            ("It cost $48 million.", vec![n(48e6, "$48 million", "usd")]),
            ("Chi phí 5 triệu đồng.", vec![n(5e6, "5 triệu", "vnd")]),
            ("Tăng 3,5 phần trăm.", vec![n(3.5, "3,5", "%")]),
            (
                "Some 70-80 countries.",
                vec![n(70.0, "Some 70-80", "countries")],
            ),
            (
                "Hundreds of delegates.",
                vec![n(200.0, "Hundreds of", "delegates")],
            ),
            (
                "Có từ 70 đến 80 tỉnh.",
                vec![n(70.0, "từ 70 đến 80", "tỉnh")],
            ),
            (
                "Between 70 and 80 countries.",
                vec![n(70.0, "Between 70 and 80", "countries")],
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(numbers(text), expected, "{text}");
        }
        assert_eq!(parse_digits("1.234.567", true), Some(1_234_567.0));
        assert_eq!(parse_digits("3.5", true), Some(3.5));
        assert_eq!(parse_digits("1,5,3", false), None);
    }

    #[test]
    fn units_fractions_and_scales_convert() {
        let cases = [
            // Percentage points are a hundred basis points.
            (
                "Up 25 basis points, or 0.5 percentage points.",
                vec![n(25.0, "25", "basis point"), n(50.0, "0.5", "basis point")],
            ),
            (
                "Tăng 0,25 điểm phần trăm.",
                vec![n(25.0, "0,25", "basis point")],
            ),
            // A fraction of a number the text gives is that part of it, and the number too.
            (
                "Half of the 40 members voted.",
                vec![
                    n(20.0, "Half of the 40", "members"),
                    n(40.0, "40", "members"),
                ],
            ),
            (
                "Ba phần tư trong số 40 thành viên.",
                vec![
                    n(30.0, "Ba phần tư trong số 40", "thành"),
                    n(40.0, "40", "thành"),
                ],
            ),
            // A fraction of one of a scale or a unit is only that part.
            (
                "Half a million people.",
                vec![n(500_000.0, "Half a million", "people")],
            ),
            (
                "By nearly a quarter of a percentage point.",
                vec![n(25.0, "nearly a quarter of a", "basis point")],
            ),
            ("Half a dozen eggs.", vec![n(6.0, "Half a dozen", "eggs")]),
            ("Two dozen eggs.", vec![n(24.0, "Two dozen", "eggs")]),
            // Scale words after a vague quantity multiply it.
            (
                "Có hàng trăm nghìn lượt khách.",
                vec![n(200_000.0, "hàng trăm nghìn", "lượt")],
            ),
            (
                "Several hundred thousand homes.",
                vec![n(200_000.0, "Several hundred thousand", "homes")],
            ),
            // A fraction with no number after it is no count.
            ("Half of the members and the first half.", vec![]),
        ];
        for (text, expected) in cases {
            assert_eq!(numbers(text), expected, "{text}");
        }
    }

    #[test]
    fn mixed_numbers_and_vulgar_fractions() {
        let cases = [
            (
                "The range is 4-1/4 to 4-1/2 percent.",
                vec![(4.25, "4-1/4", None), n(4.5, "4-1/2", "%")],
            ),
            ("Rates rose to 4¼ percent.", vec![n(4.25, "4¼", "%")]),
            ("Rates rose to 4 ½ per cent.", vec![n(4.5, "4 ½", "%")]),
            ("Rates rose to 4 1/2 per cent.", vec![n(4.5, "4 1/2", "%")]),
            ("Rates rose by ½ percent.", vec![n(0.5, "½", "%")]),
            // Not a proper fraction, or none at all: a number and a date.
            ("Giá tăng 4 lần, từ ngày 1/4.", vec![n(4.0, "4", "lần")]),
        ];
        for (text, expected) in cases {
            assert_eq!(numbers(text), expected, "{text}");
        }
    }

    #[test]
    fn dates_years_and_ordinals_are_not_counts() {
        assert!(numbers("Sáng 14-3, ngày 14/3/2019, thứ hai, lần thứ 3.").is_empty());
        assert!(numbers("In 2019, the 3rd meeting and one of them.").is_empty());
        assert!(numbers("Thứ ba, một số nước và một lần nữa, vì một không gian mạng.").is_empty());
    }
}
