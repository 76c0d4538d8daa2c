//! Stage 4, **facts**: the checkable facts of every sentence.
//!
//! Input: a document's text, tokens, sentences and language. Output: one [`SentenceFacts`] per
//! sentence: numbers (digits or words, with the noun they count), ordinals with the noun they
//! order, people named with a title or honorific, reporting verbs, quoted passages and whether
//! the sentence opens an enumerated point. Invariant: every fact's span lies inside its sentence.
//!
//! Numbers are read with the document's conventions: in Vietnamese `.` groups thousands and `,`
//! is the decimal mark (`1.000`, `3,5`); in English the reverse. Parts of dates (`14-3`,
//! `14/3/2019`), years (`năm 2019`, `in 2019`, a date of a year alone) and ordinals (`thứ hai`,
//! `3rd`) are not counts.

use std::ops::Range;

use crate::lang::{
    Approximation, DateUnit, Language, Lexicon, NumberWord, Phrases, matches_at, tagged_at,
    tagged_before,
};
use crate::model::{
    Claim, DateFact, Document, Marker, MarkerKind, NumberFact, OrdinalFact, PersonMention,
    Sentence, SentenceFacts, Span, Token, TokenKind, Tokens,
};

/// Extracts the facts of every sentence.
pub fn extract(
    text: &str,
    tokens: &Tokens,
    sentences: &[Sentence],
    language: Language,
) -> Vec<SentenceFacts> {
    let lexicon = language.lexicon();
    sentences
        .iter()
        .map(|sentence| {
            let reader = SentenceReader {
                text,
                tokens,
                range: sentence.tokens.clone(),
                keys: tokens.keys(&tokens[sentence.tokens.clone()]).collect(),
                lexicon,
            };
            let dates = reader.dates();
            SentenceFacts {
                numbers: reader.numbers(&dates),
                ordinals: reader.ordinals(&dates),
                people: reader.people(),
                reporting_verbs: reader.phrases(&lexicon.reporting_verbs),
                quotes: quotes(text, sentence.span),
                enumerates: reader.enumerates(),
                dates,
                markers: reader.markers(),
            }
        })
        .collect()
}

/// Reads the facts of one sentence.
struct SentenceReader<'a> {
    text: &'a str,
    tokens: &'a Tokens,
    range: Range<usize>,
    keys: Vec<&'a str>,
    lexicon: &'a Lexicon,
}

impl<'a> SentenceReader<'a> {
    /// The comparison keys of the sentence's tokens (computed once).
    fn keys(&self) -> &[&'a str] {
        &self.keys
    }

    fn token(&self, index: usize) -> Option<&Token> {
        self.range.contains(&index).then(|| &self.tokens[index])
    }

    /// True when tokens `a` and `b` touch (no space between them).
    fn touching(&self, a: usize, b: usize) -> bool {
        matches!((self.token(a), self.token(b)), (Some(x), Some(y)) if x.span.end == y.span.start)
    }

    /// Every occurrence of the phrases, longest first, without overlaps (absolute token ranges).
    fn phrases(&self, phrases: &Phrases) -> Vec<Range<usize>> {
        let start = self.range.start;
        phrases
            .occurrences(self.keys())
            .into_iter()
            .map(|found| start + found.start..start + found.end)
            .collect()
    }

    /// The sentence's markers of negation, time, qualification and modality.
    fn markers(&self) -> Vec<Marker> {
        let lexicon = self.lexicon;
        let kinds = [
            (MarkerKind::Negation, self.negations()),
            (MarkerKind::Future, self.phrases(&lexicon.future_markers)),
            (MarkerKind::Done, self.phrases(&lexicon.done_markers)),
            (MarkerKind::Hedge, self.phrases(&lexicon.hedges)),
            (MarkerKind::Absolute, self.phrases(&lexicon.absolutes)),
            (MarkerKind::WeakModal, self.phrases(&lexicon.weak_modals)),
            (
                MarkerKind::StrongModal,
                self.phrases(&lexicon.strong_modals),
            ),
        ];
        kinds
            .into_iter()
            .flat_map(|(kind, ranges)| {
                ranges
                    .into_iter()
                    .map(move |tokens| Marker { kind, tokens })
            })
            .collect()
    }

    /// Negators, skipping phrases that contain one without negating (`không gian`).
    fn negations(&self) -> Vec<Range<usize>> {
        let keys = self.keys();
        let mut found = Vec::new();
        let mut at = 0;
        while at < keys.len() {
            if let Some(len) = self.lexicon.not_negations.at(keys, at) {
                at += len;
                continue;
            }
            let suffixed = self
                .lexicon
                .negator_suffixes
                .iter()
                .any(|s| keys[at].ends_with(s));
            match self.lexicon.negators.at(keys, at) {
                Some(len) => {
                    found.push(self.range.start + at..self.range.start + at + len);
                    at += len;
                }
                None if suffixed => {
                    found.push(self.range.start + at..self.range.start + at + 1);
                    at += 1;
                }
                None => at += 1,
            }
        }
        found
    }

    fn enumerates(&self) -> bool {
        let keys = self.keys();
        self.lexicon
            .enumeration_openers
            .at(keys, 0)
            .is_some_and(|len| matches!(keys.get(len), Some(&("," | ":"))))
    }

    /// The dates of the sentence: digit groups joined by `-` or `/` (`14-3`, `14/3/2019`),
    /// date units before digits (`ngày 14 tháng 3 năm 2019`), month and weekday names
    /// (`Monday`, `March 3, 2024`, `12 June 2023`), days relative to the document's date
    /// (`hôm qua`, `yesterday`), with a day part before any of them (`Sáng 14-3`).
    fn dates(&self) -> Vec<DateFact> {
        let lexicon = self.lexicon;
        let keys = self.keys();
        let local = |i: usize| i - self.range.start;
        let is_number = |i: usize| self.token(i).is_some_and(|t| t.kind == TokenKind::Number);
        let number = |i: usize| -> Option<u32> {
            self.token(i)
                .filter(|t| t.kind == TokenKind::Number)
                .and_then(|t| self.text[t.span.range()].parse().ok())
        };
        let month_at = |i: usize| {
            (i < self.range.end && self.tokens[i].capitalized)
                .then(|| tagged_at(&lexicon.months, keys, local(i)))
                .flatten()
        };
        let mut dates = Vec::new();
        let mut index = self.range.start;
        while index < self.range.end {
            let mut date = DateFact::default();
            let day_part = lexicon.day_parts.contains(keys[local(index)]);
            let mut at = index + usize::from(day_part);
            // Read date pieces for as long as they follow one another.
            loop {
                if at >= self.range.end {
                    break;
                }
                if let Some((len, offset)) = tagged_at(&lexicon.relative_days, keys, local(at)) {
                    date.offset = Some(offset);
                    at += len;
                } else if let Some((len, weekday)) = tagged_at(&lexicon.weekdays, keys, local(at))
                    && (!lexicon.weekdays_need_date
                        || self.date_piece_follows(at + len)
                        || (self
                            .token(at + len)
                            .is_some_and(|t| self.tokens.key(t) == ",")
                            && self.date_piece_follows(at + len + 1)))
                {
                    date.weekday = Some(weekday);
                    at += len;
                    if self.token(at).is_some_and(|t| self.tokens.key(t) == ",")
                        && self.date_piece_follows(at + 1)
                    {
                        at += 1;
                    }
                } else if let Some((len, unit)) = tagged_at(&lexicon.date_units, keys, local(at))
                    && is_number(at + len)
                {
                    let group = self.joined_digits(at + len);
                    if !self.read_digit_date(&group, &mut date) {
                        let value = number(at + len);
                        match unit {
                            DateUnit::Day => date.day = value,
                            DateUnit::Month => date.month = value,
                            DateUnit::Year => date.year = value.and_then(|v| i32::try_from(v).ok()),
                        }
                    }
                    at = group.end;
                } else if self.read_digit_date(&self.joined_digits(at), &mut date) {
                    at = self.joined_digits(at).end;
                } else if let Some((len, month)) = month_at(at) {
                    date.month = Some(month);
                    at += len;
                    if self.token(at).is_some_and(|t| self.tokens.key(t) == ".") {
                        at += 1;
                    }
                    if let Some(day) = number(at).filter(|d| (1..=31).contains(d)) {
                        date.day = Some(day);
                        at += 1;
                    }
                } else if let (Some(day), Some((len, month))) = (number(at), month_at(at + 1))
                    && (1..=31).contains(&day)
                {
                    date.day = Some(day);
                    date.month = Some(month);
                    at += 1 + len;
                } else if date.has_parts() && date.year.is_none() {
                    // `March 3, 2024`, `12 June 2023`: a year after the day and month.
                    let comma =
                        usize::from(self.token(at).is_some_and(|t| self.tokens.key(t) == ","));
                    match number(at + comma).filter(|y| (1000..=2999).contains(y)) {
                        Some(year) => {
                            date.year = i32::try_from(year).ok();
                            at += comma + 1;
                        }
                        None => break,
                    }
                } else if !date.has_parts()
                    && date.offset.is_none()
                    && let Some(year) = self.bare_year(at)
                {
                    // `in 2024`: a year alone.
                    date.year = Some(year);
                    at += 1;
                } else {
                    break;
                }
            }
            if date.has_parts() || date.offset.is_some() {
                let tokens = index..at;
                dates.push(DateFact {
                    span: self.tokens[tokens.start]
                        .span
                        .cover(self.tokens[tokens.end - 1].span),
                    tokens,
                    ..date
                });
                index = at;
            } else {
                index += 1;
            }
        }
        dates
    }

    /// True when a date piece (digits, a date unit before digits, a month) starts at `at`.
    fn date_piece_follows(&self, at: usize) -> bool {
        let keys = self.keys();
        let Some(local) = at.checked_sub(self.range.start).filter(|&l| l < keys.len()) else {
            return false;
        };
        self.looks_like_date(&self.joined_digits(at))
            || tagged_at(&self.lexicon.date_units, keys, local).is_some()
            || tagged_at(&self.lexicon.months, keys, local).is_some()
    }

    /// Fills `date` from joined digit groups that read as a date; false when they do not.
    fn read_digit_date(&self, group: &Range<usize>, date: &mut DateFact) -> bool {
        let Some((year, month, day)) = self.digit_date(group) else {
            return false;
        };
        date.year = year.or(date.year);
        date.month = Some(month);
        date.day = Some(day);
        true
    }

    /// Digit groups joined by touching `-` or `/` from `start` (`14-3`, `14/3/2019`, `70-80`),
    /// as a token range; empty when `start` is not a digit group.
    fn joined_digits(&self, start: usize) -> Range<usize> {
        let is_number = |i: usize| self.token(i).is_some_and(|t| t.kind == TokenKind::Number);
        if !is_number(start) {
            return start..start;
        }
        let mut end = start + 1;
        while self
            .token(end)
            .is_some_and(|t| matches!(self.tokens.key(t), "-" | "/"))
            && is_number(end + 1)
            && self.touching(end - 1, end)
            && self.touching(end, end + 1)
        {
            end += 2;
        }
        start..end
    }

    /// Joined digit groups read as a date: (year, month, day) from a day and month, with a year
    /// or not (`14-3`, `14/3/2019`, `2019-03-14`); `None` for a range (`70-80`).
    fn digit_date(&self, group: &Range<usize>) -> Option<(Option<i32>, u32, u32)> {
        let parts: Vec<&str> = group
            .clone()
            .step_by(2)
            .map(|i| &self.text[self.tokens[i].span.range()])
            .collect();
        let value = |s: &str| s.parse::<u32>().ok();
        let day_month = |d: &str, m: &str| match (value(d), value(m)) {
            (Some(d), Some(m)) if (1..=31).contains(&d) && (1..=12).contains(&m) => Some((m, d)),
            _ => None,
        };
        let year = |y: &str| (y.len() == 4).then(|| y.parse::<i32>().ok()).flatten();
        match parts.as_slice() {
            [day, month] => day_month(day, month).map(|(m, d)| (None, m, d)),
            [first, month, last] => match (year(first), year(last)) {
                (_, Some(y)) => day_month(first, month).map(|(m, d)| (Some(y), m, d)),
                (Some(y), None) => day_month(last, month).map(|(m, d)| (Some(y), m, d)),
                (None, None) => None,
            },
            _ => None,
        }
    }

    /// Whether joined digit groups read as a date rather than a range.
    fn looks_like_date(&self, group: &Range<usize>) -> bool {
        self.digit_date(group).is_some()
    }

    fn preceded_by(&self, index: usize, words: &Phrases) -> bool {
        let keys = self.keys();
        let local = index - self.range.start;
        (1..=local.min(3)).any(|len| words.at(keys, local - len) == Some(len))
    }

    fn number_role(&self, index: usize) -> Option<NumberWord> {
        let token = self.token(index)?;
        (token.kind == TokenKind::Word)
            .then(|| {
                self.lexicon
                    .number_words
                    .get(self.tokens.key(token))
                    .copied()
            })
            .flatten()
    }

    /// One flag per token of the sentence: true inside one of its `dates`.
    fn in_dates(&self, dates: &[DateFact]) -> Vec<bool> {
        let mut in_dates = vec![false; self.range.len()];
        crate::model::mark(&mut in_dates, &self.range, dates.iter().map(|d| &d.tokens));
        in_dates
    }

    /// The year a lone four-digit number at `index` names (`2024`, not `2023-2024`).
    fn bare_year(&self, index: usize) -> Option<i32> {
        let token = self.token(index).filter(|t| t.kind == TokenKind::Number)?;
        let written = &self.text[token.span.range()];
        let value = self.digits_value(index)?;
        let joined_after = self.joined_digits(index).len() > 1;
        let joined_before = index.checked_sub(2).is_some_and(|before| {
            self.token(before)
                .is_some_and(|t| t.kind == TokenKind::Number)
                && self.touching(before, before + 1)
                && self.touching(before + 1, index)
        });
        (!joined_after && !joined_before && is_year(value, written)).then_some(value as i32)
    }

    /// A period written as a letter and a digit at `index` (`Q3`): its number and the stem of
    /// the period's word.
    fn period_at(&self, index: usize) -> Option<(u32, String)> {
        let key = self.tokens.key(self.token(index)?);
        self.lexicon
            .period_abbreviations
            .iter()
            .find_map(|(letter, period)| {
                let value: u32 = key.strip_prefix(letter.as_str())?.parse().ok()?;
                (1..=4).contains(&value).then(|| (value, period.clone()))
            })
    }

    /// The value of digits with an ordinal ending at `index` (`3rd`).
    fn suffixed_ordinal(&self, index: usize) -> Option<u32> {
        let token = self.token(index).filter(|t| t.kind == TokenKind::Number)?;
        let key = self.tokens.key(token);
        self.lexicon
            .ordinal_suffixes
            .iter()
            .find_map(|suffix| key.strip_suffix(suffix)?.parse().ok())
    }

    /// The ordinals of the sentence that order a noun, leaving out the tokens of its `dates`
    /// (`thứ hai, ngày 14/3` is a Monday): ordinal words (`third quarter`, the noun after) and
    /// numbers after an ordinal marker (`lần thứ 3`, the noun before).
    fn ordinals(&self, dates: &[DateFact]) -> Vec<OrdinalFact> {
        let keys = self.keys();
        let in_dates = self.in_dates(dates);
        let absolute = |local: usize| self.range.start + local;
        let mut ordinals = Vec::new();
        let mut local = 0;
        while local < keys.len() {
            if let Some((value, noun)) = self.period_at(absolute(local)) {
                ordinals.push(OrdinalFact {
                    span: self.tokens[absolute(local)].span,
                    value,
                    noun,
                });
                local += 1;
                continue;
            }
            let found = if in_dates[local] {
                None
            } else if let Some((len, value)) = tagged_at(&self.lexicon.ordinal_words, keys, local) {
                Some((absolute(local)..absolute(local + len), value))
            } else if let Some(value) = self.suffixed_ordinal(absolute(local)) {
                Some((absolute(local)..absolute(local + 1), value))
            } else if let Some(len) = self.lexicon.ordinal_markers.at(keys, local) {
                self.number_at(absolute(local + len))
                    .filter(|&(_, value)| value.fract() == 0.0 && (1.0..=1000.0).contains(&value))
                    .map(|(tokens, value)| (absolute(local)..tokens.end, value as u32))
            } else {
                None
            };
            let Some((tokens, value)) = found else {
                local += 1;
                continue;
            };
            let noun_before = self
                .lexicon
                .ordinal_markers
                .at(keys, tokens.start - self.range.start)
                .is_some();
            let noun = if noun_before {
                tokens.start.checked_sub(1)
            } else {
                Some(tokens.end)
            }
            .filter(|&at| {
                self.token(at)
                    .is_some_and(|t| t.kind == TokenKind::Word && !in_dates[at - self.range.start])
                    && self.number_role(at).is_none()
            });
            if let Some(noun) = noun {
                ordinals.push(OrdinalFact {
                    span: self.tokens[tokens.start.min(noun)]
                        .span
                        .cover(self.tokens[(tokens.end - 1).max(noun)].span),
                    value,
                    noun: self.lexicon.stem(self.tokens.key(&self.tokens[noun])),
                });
            }
            local = tokens.end - self.range.start;
        }
        ordinals
    }

    /// The counts of the sentence, leaving out the tokens of its `dates`.
    fn numbers(&self, dates: &[DateFact]) -> Vec<NumberFact> {
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
            if let Some((len, (low, high))) = tagged_at(&self.lexicon.vague_quantities, keys, local)
            {
                let (fact, end) = self.fact(
                    index..index + len,
                    index..index + len,
                    low,
                    Claim::UpTo(high),
                );
                numbers.push(fact);
                index = end;
                continue;
            }
            let read = match self.tokens[index].kind {
                _ if in_dates[local] => None,
                // A figure that ends a name (`COVID-19`) is no count.
                TokenKind::Number if self.tokens.name_with_figure(index).is_some() => None,
                TokenKind::Number => self.digits(index),
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
                let qualifier = tagged_before(
                    &self.lexicon.approximations,
                    keys,
                    tokens.start - self.range.start,
                );
                let claim = match (high, qualifier) {
                    (Some(high), _) => Claim::UpTo(high),
                    (None, Some((_, Approximation::MoreThan))) => Claim::MoreThan,
                    (None, Some((_, Approximation::LessThan))) => Claim::LessThan,
                    (None, Some((_, Approximation::About))) => Claim::About,
                    (None, Some((_, Approximation::Nearly))) => Claim::Nearly,
                    (None, None) => Claim::Exact,
                };
                let start = tokens.start - qualifier.map_or(0, |(len, _)| len).max(opener);
                let (fact, end) = self.fact(start..tokens.end, tokens.clone(), value, claim);
                numbers.push(fact);
                index = end;
            } else {
                index = tokens.end;
            }
        }
        numbers
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
        let noun = match (before, after) {
            (Some((_, unit)), _) | (None, Some((_, unit))) => Some(unit.to_string()),
            (None, None) => self.counted_noun(tokens.end),
        };
        let first = if before.is_some() {
            claimed.start - 1
        } else {
            claimed.start
        };
        let end = tokens.end + after.map_or(0, |(len, _)| len);
        let fact = NumberFact {
            span: self.tokens[first]
                .span
                .cover(self.tokens[tokens.end - 1].span),
            tokens,
            value,
            claim,
            noun,
        };
        (fact, end)
    }

    /// A number at `index`, in digits or words: its tokens and value (the lower end of a
    /// range in digits).
    fn number_at(&self, index: usize) -> Option<(Range<usize>, f64)> {
        match self.token(index)?.kind {
            TokenKind::Number => self.digits(index).map(|(tokens, value, _)| (tokens, value)),
            TokenKind::Word => self.number_words(index),
            TokenKind::Punct => None,
        }
    }

    /// A number in digits at `index`: its tokens, value, and the upper end of a range. Takes
    /// a range (`70-80`) and scale words after the digits (`48 million`, `5 triệu`).
    fn digits(&self, index: usize) -> Option<(Range<usize>, f64, Option<f64>)> {
        let written = &self.text[self.tokens[index].span.range()];
        let value = self.digits_value(index).filter(|&v| !is_year(v, written))?;
        let group = self.joined_digits(index);
        let (mut end, high) = match group.len() {
            3 => {
                let high = self.digits_value(index + 2).filter(|&high| high > value);
                (if high.is_some() { index + 3 } else { index + 1 }, high)
            }
            _ => (index + 1, None),
        };
        let mut scale = 1.0;
        while let Some(role) = self.number_role(end) {
            match role {
                NumberWord::Hundred => scale *= 100.0,
                NumberWord::Scale(s) => scale *= s as f64,
                _ => break,
            }
            end += 1;
        }
        Some((index..end, value * scale, high.map(|h| h * scale)))
    }

    /// The value of a digit token, read with the document's separators.
    fn digits_value(&self, index: usize) -> Option<f64> {
        parse_digits(
            &self.text[self.tokens[index].span.range()],
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
            && (self.tokens[index - 1].kind == TokenKind::Number
                || self.number_role(index - 1).is_some());
        let next_is_noun = self.token(index + 1).is_some_and(|next| {
            next.kind == TokenKind::Word
                && !next.capitalized
                && !self.lexicon.year_followers.contains(self.tokens.key(next))
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
        match next.kind {
            TokenKind::Word if is_noun => Some(self.lexicon.stem(self.tokens.key(next))),
            TokenKind::Punct if self.tokens.key(next) == "%" => Some("%".to_string()),
            _ => None,
        }
    }

    fn people(&self) -> Vec<PersonMention> {
        let keys = self.keys();
        let mut people = Vec::new();
        let mut local = 0;
        while local < keys.len() {
            let Some(title_len) = self.lexicon.titles.at(keys, local) else {
                local += 1;
                continue;
            };
            let title_start = self.range.start + local;
            let mut at = title_start + title_len;
            // `Mr. Smith`: skip the abbreviation's dot.
            if self.token(at).is_some_and(|t| self.tokens.key(t) == ".")
                && self.touching(at - 1, at)
            {
                at += 1;
            }
            let name = self.name_at(at);
            if name.is_empty() {
                local += title_len;
                continue;
            }
            let first = &self.tokens[name.start];
            let last = &self.tokens[name.end - 1];
            let title = title_start..title_start + title_len;
            people.push(PersonMention {
                title: self.text
                    [self.tokens[title.start].span.start..self.tokens[title.end - 1].span.end]
                    .to_string(),
                title_keys: keys[local..local + title_len]
                    .iter()
                    .map(|k| k.to_string())
                    .collect(),
                span: self.tokens[title_start].span.cover(last.span),
                tokens: title_start..name.end,
                name: self.text[first.span.start..last.span.end].to_string(),
                name_keys: self.tokens[name.clone()]
                    .iter()
                    .filter(|t| t.kind == TokenKind::Word)
                    .map(|t| self.tokens.key(t).to_string())
                    .collect(),
            });
            local = name.end - self.range.start;
        }
        people
    }

    /// The capitalised words of a name starting at `start` (empty when there is none).
    fn name_at(&self, start: usize) -> Range<usize> {
        let is_name_word = |t: &Token| t.kind == TokenKind::Word && t.capitalized;
        match self.token(start) {
            Some(t)
                if is_name_word(t)
                    && !self.lexicon.organisation_heads.contains(self.tokens.key(t)) => {}
            _ => return start..start,
        }
        let mut end = start + 1;
        while let Some(token) = self.token(end) {
            if is_name_word(token) {
                end += 1;
                continue;
            }
            // A particle (`bin`, `van`) or a touching hyphen inside a name, if a name word follows.
            let joins = self.lexicon.name_particles.contains(self.tokens.key(token))
                || (self.tokens.key(token) == "-"
                    && self.touching(end - 1, end)
                    && self.touching(end, end + 1));
            if joins && self.token(end + 1).is_some_and(is_name_word) {
                end += 2;
                continue;
            }
            break;
        }
        start..end
    }
}

/// Which sentences of a transcript are narration about its speaker rather than speech.
///
/// The publisher's introduction: the first paragraph, when more follow, is one sentence that
/// names a person with a title and a reporting word and has no first-person word (`Full text
/// of the speech by Minister X.`). Captions: later sentences alone in their paragraph that
/// name that same person with a reporting word and have no first-person word (`Minister X
/// speaks at the closing session.`). Without an introduction nothing is narration, so a
/// speech that quotes someone (`Judge Y said the ruling stands.`) stays speech.
pub fn narration(document: &Document) -> Vec<bool> {
    let lexicon = document.language.lexicon();
    let sentences = &document.sentences;
    let about_someone = |index: usize| {
        let sentence = &sentences[index];
        let alone = [index.checked_sub(1), Some(index + 1)]
            .into_iter()
            .flatten()
            .filter_map(|other| sentences.get(other))
            .all(|other| other.paragraph != sentence.paragraph);
        let facts = &document.facts[index];
        let first_person = document
            .sentence_tokens(index)
            .iter()
            .any(|t| lexicon.first_person.contains(document.tokens.key(t)));
        let person = facts
            .people
            .first()
            .filter(|_| !facts.reporting_verbs.is_empty());
        person.filter(|_| alone && !first_person)
    };
    let more_follow = sentences.iter().any(|s| s.paragraph > 0);
    let introduced = sentences
        .first()
        .filter(|first| first.paragraph == 0 && more_follow)
        .and_then(|_| about_someone(0));
    (0..sentences.len())
        .map(|index| match (introduced, about_someone(index)) {
            (Some(_), Some(_)) if index == 0 => true,
            (Some(speaker), Some(person)) => person.same_person(&speaker.name_keys),
            _ => false,
        })
        .collect()
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
fn is_year(value: f64, written: &str) -> bool {
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

/// Passages between quotation marks inside a sentence.
fn quotes(text: &str, sentence: Span) -> Vec<Span> {
    let body = &text[sentence.range()];
    let mut found = Vec::new();
    let mut open: Option<(usize, char)> = None;
    for (at, c) in body.char_indices() {
        match (open, c) {
            (None, '“' | '«' | '"') => open = Some((at + c.len_utf8(), c)),
            (Some((start, '“')), '”') | (Some((start, '«')), '»') | (Some((start, '"')), '"') =>
            {
                found.push(Span::new(sentence.start + start, sentence.start + at));
                open = None;
            }
            _ => {}
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::tokenize;
    use crate::segment::segment;

    fn facts(text: &str) -> Vec<SentenceFacts> {
        let tokens = tokenize(text);
        let language = Language::detect(text);
        let sentences = segment(text, &tokens, language, false);
        extract(text, &tokens, &sentences, language)
    }

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
        let unit = ["usd", "vnd", "%"].contains(&noun);
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
    fn dates_years_and_ordinals_are_not_counts() {
        assert!(numbers("Sáng 14-3, ngày 14/3/2019, thứ hai, lần thứ 3.").is_empty());
        assert!(numbers("In 2019, the 3rd meeting and one of them.").is_empty());
        assert!(numbers("Thứ ba, một số nước và một lần nữa, vì một không gian mạng.").is_empty());
    }

    #[test]
    fn ordinals_carry_the_noun_they_order() {
        let ordinals = |text: &str| -> Vec<(String, u32)> {
            facts(text)
                .remove(0)
                .ordinals
                .into_iter()
                .map(|o| (text[o.span.range()].to_string(), o.value))
                .collect()
        };
        let found = |written: &str, value: u32| (written.to_string(), value);
        assert_eq!(
            ordinals("Sales fell in the third quarter and the first half."),
            [found("third quarter", 3), found("first half", 1)]
        );
        assert_eq!(
            ordinals("Sales rose in Q3 and the 4th quarter, not in H2."),
            [found("Q3", 3), found("4th quarter", 4), found("H2", 2)]
        );
        assert_eq!(
            ordinals("Kỳ họp thứ 10 và lần thứ nhất, sáng thứ hai, ngày 14/3."),
            [found("họp thứ 10", 10), found("lần thứ nhất", 1)]
        );
        assert_eq!(
            ordinals("Im dritten Quartal stieg der Umsatz."),
            [found("dritten Quartal", 3)]
        );
        // An enumeration opener and a deputy's title order nothing.
        assert!(ordinals("First, Thứ trưởng Nam spoke for a second.").is_empty());
    }

    #[test]
    fn people_reporting_verbs_and_quotes() {
        let text =
            "Tại đây, ông Peter Lindqvist, Giám đốc Sở Xây dựng, cho biết: “Đây là bước đầu”.";
        let found = facts(text).remove(0);
        let names: Vec<&str> = found.people.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Peter Lindqvist"]);
        assert_eq!(
            found.attributed_to().map(|p| p.name.as_str()),
            Some("Peter Lindqvist")
        );
        assert_eq!(found.reporting_verbs.len(), 1);
        let quoted: Vec<&str> = found.quotes.iter().map(|q| &text[q.range()]).collect();
        assert_eq!(quoted, ["Đây là bước đầu"]);

        let text = "Thượng tướng Trần Văn Minh, Thứ trưởng Bộ Quốc phòng, phát biểu.";
        let names: Vec<String> = facts(text)
            .remove(0)
            .people
            .into_iter()
            .map(|p| p.name)
            .collect();
        assert_eq!(names, ["Trần Văn Minh"]);

        let text = "Secretary-General António Guterres and Mr. Van der Berg said so.";
        let names: Vec<String> = facts(text)
            .remove(0)
            .people
            .into_iter()
            .map(|p| p.name)
            .collect();
        assert_eq!(names, ["António Guterres", "Van der Berg"]);
    }

    #[test]
    fn dates_with_their_parts() {
        /// (written, year, month, day, weekday, offset) of every date in a one-sentence text.
        type Parts = (
            String,
            Option<i32>,
            Option<u32>,
            Option<u32>,
            Option<u32>,
            Option<i64>,
        );
        let dates = |text: &str| -> Vec<Parts> {
            facts(text)
                .remove(0)
                .dates
                .into_iter()
                .map(|d| {
                    (
                        text[d.span.range()].to_string(),
                        d.year,
                        d.month,
                        d.day,
                        d.weekday,
                        d.offset,
                    )
                })
                .collect()
        };
        let date = |w: &str, y, m, d, wd, o| (w.to_string(), y, m, d, wd, o);
        assert_eq!(
            dates("Sáng 14-3, sau 2 tuần, có sáng kiến."),
            [date("Sáng 14-3", None, Some(3), Some(14), None, None)]
        );
        assert_eq!(
            dates("Ngày 14 tháng 3 năm 2019, ngày 14/3/2019, thứ hai."),
            [
                date(
                    "Ngày 14 tháng 3 năm 2019",
                    Some(2019),
                    Some(3),
                    Some(14),
                    None,
                    None
                ),
                date("ngày 14/3/2019", Some(2019), Some(3), Some(14), None, None),
            ]
        );
        assert_eq!(
            dates("Thứ Sáu, ngày 22/3, hôm qua."),
            [
                date("Thứ Sáu, ngày 22/3", None, Some(3), Some(22), Some(5), None),
                date("hôm qua", None, None, None, None, Some(-1)),
            ]
        );
        assert_eq!(
            dates("It reopened on Monday, March 3, 2024 and on 12 June 2023, not yesterday."),
            [
                date(
                    "Monday, March 3, 2024",
                    Some(2024),
                    Some(3),
                    Some(3),
                    Some(1),
                    None
                ),
                date("12 June 2023", Some(2023), Some(6), Some(12), None, None),
                date("yesterday", None, None, None, None, Some(-1)),
            ]
        );
        // A year alone is a date; a span of years and a figure with separators are not.
        assert_eq!(
            dates("Sales of $5bn in 2024, for 2023-2024, of 2,024 doses."),
            [date("2024", Some(2024), None, None, None, None)]
        );
    }

    #[test]
    fn narration_is_the_introduction_and_captions_about_the_same_person() {
        let narrated = |text: &str| -> Vec<String> {
            let document =
                crate::analyze_transcript(&crate::Input::new("t", text), &crate::Config::default());
            document
                .sentences
                .iter()
                .filter(|s| s.editorial.is_some())
                .map(|s| document.slice(s.span).to_string())
                .collect()
        };
        let transcript = "Full text of the speech by Mayor Ana Ruiz.\n\n\
                          Good morning. We open the bridge today.\n\n\
                          Mayor Ana Ruiz speaks at the opening.\n\n\
                          Judge Tom Lee said the bridge is safe.\n\n\
                          Thank you.";
        assert_eq!(
            narrated(transcript),
            [
                "Full text of the speech by Mayor Ana Ruiz.",
                "Mayor Ana Ruiz speaks at the opening."
            ]
        );
        // Without an introduction, a quoted judge is speech; so is a one-paragraph source.
        assert!(narrated("We open it.\n\nJudge Tom Lee said the bridge is safe.").is_empty());
        assert!(narrated("Judge Tom Lee said the bridge is safe.").is_empty());
    }

    #[test]
    fn enumerated_points() {
        assert!(facts("Thứ nhất, chúng ta đồng ý.")[0].enumerates);
        assert!(facts("First, we agree.")[0].enumerates);
        assert!(!facts("Thứ hai tuần trước, trời mưa.")[0].enumerates);
    }
}
