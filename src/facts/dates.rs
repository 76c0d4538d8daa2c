//! Dates: digit dates (`14-3`, `14/3/2019`), date units before digits (`ngày 14 tháng 3 năm
//! 2019`), months and weekdays (`Monday, March 3, 2024`, `12 June 2023`), days relative to the
//! document's date (`hôm qua`, `yesterday`) and bare years (`in 2024`), with a day part before
//! any of them (`Sáng 14-3`).

use std::ops::Range;

use super::SentenceReader;
use super::numbers::is_year;
use crate::lang::{DateUnit, NumberWord, tagged_at};
use crate::model::{DateFact, TokenKind};

impl SentenceReader<'_> {
    /// The dates of the sentence: digit groups joined by `-` or `/` (`14-3`, `14/3/2019`),
    /// date units before digits (`ngày 14 tháng 3 năm 2019`), month and weekday names
    /// (`Monday`, `March 3, 2024`, `12 June 2023`), days relative to the document's date
    /// (`hôm qua`, `yesterday`), with a day part before any of them (`Sáng 14-3`).
    pub(super) fn dates(&self) -> Vec<DateFact> {
        let lexicon = self.lexicon;
        let keys = self.keys();
        let local = |i: usize| i - self.range.start;
        let is_number = |i: usize| self.token(i).is_some_and(|t| t.kind() == TokenKind::Number);
        let number = |i: usize| -> Option<u32> {
            self.token(i)
                .filter(|t| t.kind() == TokenKind::Number)
                .and_then(|t| self.text[t.span().range()].parse().ok())
        };
        let month_at = |i: usize| {
            (i < self.range.end && self.tokens[i].capitalized())
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
                    if let Some(dotted) = self.dotted_date(at + len) {
                        dotted.fill(&mut date);
                    } else if !self.read_digit_date(&group, &mut date) {
                        let value = number(at + len);
                        match unit {
                            DateUnit::Day => date.day = value,
                            DateUnit::Month => date.month = value,
                            DateUnit::Year => date.year = value.and_then(|v| i32::try_from(v).ok()),
                        }
                    }
                    at = group.end;
                } else if let Some((len, DateUnit::Month)) =
                    tagged_at(&lexicon.date_units, keys, local(at))
                    && (at == self.range.start || !self.tokens[at].capitalized())
                    && let Some((month, words)) = self.month_in_words(at + len)
                {
                    // `tháng Tám`; a capital inside a sentence makes a name of it
                    // (`Cách mạng Tháng Tám`, the August Revolution).
                    date.month = Some(month);
                    at += len + words;
                } else if let Some(dotted) = self.dotted_date(at) {
                    dotted.fill(&mut date);
                    at += 1;
                } else if !self.ends_mixed_number(at)
                    && self.read_digit_date(&self.joined_digits(at), &mut date)
                {
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
                        .span()
                        .cover(self.tokens[tokens.end - 1].span()),
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

    /// A date written with dots, where `.` would otherwise group thousands or mark decimals:
    /// only in a language whose decimal mark is the comma, so that `.` is not a decimal point.
    /// A day, month and four-digit year anywhere (`11.12.2025`); a day and month only after a
    /// word for the day or a part of it (`ngày 8.12`, `tối 9.11`).
    fn dotted_date(&self, at: usize) -> Option<DottedDate> {
        let token = self.token(at).filter(|t| t.kind() == TokenKind::Number)?;
        if !self.lexicon.decimal_comma {
            return None;
        }
        let parts: Vec<&str> = self.text[token.span().range()].split('.').collect();
        let value = |s: &str| s.parse::<u32>().ok();
        let (day, month, year) = match parts.as_slice() {
            [day, month] if self.after_day_word(at) => (value(day)?, value(month)?, None),
            [day, month, year] if year.len() == 4 => {
                (value(day)?, value(month)?, year.parse::<i32>().ok())
            }
            _ => return None,
        };
        ((1..=31).contains(&day) && (1..=12).contains(&month)).then_some(DottedDate {
            day,
            month,
            year,
        })
    }

    /// A month written as its number in words after the word for month (`tháng Tám`, `tháng
    /// Tư`, `tháng Mười Hai`): its number and how many words spell it. A number word that
    /// also means something else (`năm`, year) is a month only capitalized (`tháng Năm`).
    fn month_in_words(&self, at: usize) -> Option<(u32, usize)> {
        let first = self.token(at)?;
        if !first.capitalized()
            && (self.lexicon.ambiguous_number_words).contains(self.tokens.key(first))
        {
            return None;
        }
        let month = match self.number_role(at)? {
            NumberWord::Unit(n) | NumberWord::UnitAfterTens(n @ 4) => n,
            NumberWord::Tens(10) => match self.number_role(at + 1) {
                Some(NumberWord::Unit(n @ 1..=2)) => return Some((10 + n as u32, 2)),
                _ => 10,
            },
            _ => return None,
        };
        (1..=12).contains(&month).then_some((month as u32, 1))
    }

    /// True when the token before `at` is a word for the day or a part of it (`ngày`, `tối`).
    fn after_day_word(&self, at: usize) -> bool {
        at > self.range.start && {
            let before = self.tokens.key(&self.tokens[at - 1]);
            self.lexicon.day_parts.contains(before)
                || tagged_at(&self.lexicon.date_units, &[before], 0)
                    .is_some_and(|(_, unit)| unit == DateUnit::Day)
        }
    }

    /// True when the digits at `at` are the fraction of a mixed number (`1/4` in `4 1/4` and
    /// `4-1/4`), not a day and month.
    fn ends_mixed_number(&self, at: usize) -> bool {
        (1..=2).any(|back| {
            at.checked_sub(back)
                .filter(|&whole| whole >= self.range.start)
                .and_then(|whole| self.fraction_after(whole))
                .is_some_and(|(fraction, _)| fraction.start == at)
        })
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

    /// Joined digit groups read as a date: (year, month, day) from a day and month, with a year
    /// or not (`14-3`, `14/3/2019`, `2019-03-14`); `None` for a range (`70-80`).
    fn digit_date(&self, group: &Range<usize>) -> Option<(Option<i32>, u32, u32)> {
        let parts: Vec<&str> = group
            .clone()
            .step_by(2)
            .map(|i| &self.text[self.tokens[i].span().range()])
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

    /// One flag per token of the sentence: true inside one of its `dates`.
    pub(super) fn in_dates(&self, dates: &[DateFact]) -> Vec<bool> {
        let mut in_dates = vec![false; self.range.len()];
        crate::model::mark(
            &mut in_dates,
            &self.range,
            dates.iter().map(|d| d.tokens.clone()),
        );
        in_dates
    }

    /// The year a lone four-digit number at `index` names (`2024`, not `2023-2024`).
    fn bare_year(&self, index: usize) -> Option<i32> {
        let token = self
            .token(index)
            .filter(|t| t.kind() == TokenKind::Number)?;
        let written = &self.text[token.span().range()];
        let value = self.digits_value(index)?;
        let joined_after = self.joined_digits(index).len() > 1;
        let joined_before = index.checked_sub(2).is_some_and(|before| {
            self.token(before)
                .is_some_and(|t| t.kind() == TokenKind::Number)
                && self.touching(before, before + 1)
                && self.touching(before + 1, index)
        });
        (!joined_after && !joined_before && is_year(value, written)).then_some(value as i32)
    }
}

/// A date written with dots (`9.11`, `11.12.2025`).
struct DottedDate {
    day: u32,
    month: u32,
    year: Option<i32>,
}

impl DottedDate {
    /// Sets the parts it gives on `date`.
    fn fill(self, date: &mut DateFact) {
        date.day = Some(self.day);
        date.month = Some(self.month);
        date.year = self.year.or(date.year);
    }
}

#[cfg(test)]
mod tests {
    use crate::facts::tests::facts;

    #[test]
    fn vietnamese_day_month_with_a_dot_after_a_day_word() {
        let dates = |text: &str| -> Vec<(Option<u32>, Option<u32>)> {
            facts(text)[0]
                .dates
                .iter()
                .map(|d| (d.day, d.month))
                .collect()
        };
        assert_eq!(
            dates("Ngày 8.12, người phát ngôn của Bộ Ngoại giao đã nêu rõ quan điểm của Việt Nam."),
            [(Some(8), Some(12))]
        );
        assert_eq!(
            dates("Tối 9.11, đoàn công tác của thành phố đã tới và làm việc với tỉnh."),
            [(Some(9), Some(11))]
        );
        assert!(dates("Giá cổ phiếu của công ty đã tăng 8.12 lần trong năm qua.").is_empty());
        assert!(dates("On day 8.12 the price rose.").is_empty());
    }

    #[test]
    fn vietnamese_local_forms_of_dates() {
        let dates = |text: &str| -> Vec<(Option<i32>, Option<u32>, Option<u32>)> {
            facts(text)[0]
                .dates
                .iter()
                .map(|d| (d.year, d.month, d.day))
                .collect()
        };
        assert_eq!(
            dates("Ngày 22.3.2018, tại họp báo, và hôm 9.11, ông đã trả lời."),
            [(Some(2018), Some(3), Some(22)), (None, Some(11), Some(9))]
        );
        assert_eq!(
            dates("Những ngày tháng Tám lịch sử, từ tháng Mười Hai đến tháng Tư."),
            [
                (None, Some(8), None),
                (None, Some(12), None),
                (None, Some(4), None)
            ]
        );
        // A name, the words for a day, month and year, a date in another language's order.
        assert!(dates("Cách mạng Tháng Tám thành công, ghi rõ ngày tháng năm sinh.").is_empty());
        assert!(dates("It opened on 11.12.2025, after 1.234.567 visits.").is_empty());
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
}
