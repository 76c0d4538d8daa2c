//! **Dates**: a date that cannot be the source's (`fact-mismatch/date`).
//!
//! Catches a date of a summary sentence that cannot be any date of its aligned source
//! sentences, comparing the parts both give (day, month, year, weekday): `Chiều 25-10` where
//! the source says `26-10`. Relative dates (`hôm qua`, `yesterday`) are resolved against each
//! document's date ([`crate::model::Document::date`]), and the message says what they mean.
//!
//! Leaves alone: parts only one side gives (`26-10` against `ngày 26 tháng 10 năm 2025`), dates
//! whose meaning is unknown (a relative date without a document date), and a year alone, which
//! [`super::numbers`] checks against the whole source: sentences compare years (`up from
//! 2021`), so the year beside it in the aligned sentence is often not the same year.

use super::{Checked, FactCheck, Rule};
use crate::classify::evidence::{Evidence, Scope};
use crate::model::{DateFact, Document, FactKind};

/// Dates are compared with the aligned sentences only: nothing to index.
pub(super) struct AlignedDates;

impl FactCheck<'_> for AlignedDates {
    const RULES: &'static [Rule] = &[DATE_RULE];

    fn index(_summary: &Document, _source: &Document) -> Self {
        AlignedDates
    }

    fn check(&self, sentence: &Checked<'_>) -> Vec<Evidence> {
        let (summary, source) = (sentence.summary, sentence.source);
        let candidates: Vec<(usize, &DateFact, DateFact)> = sentence
            .linked()
            .iter()
            .flat_map(|&s| source.facts.get(s).dates.iter().map(move |d| (s, d)))
            .filter(|(_, d)| !d.is_year_alone())
            .map(|(s, d)| (s, d, d.resolved(source.date)))
            .filter(|(_, _, resolved)| resolved.has_parts())
            .collect();
        let mut evidence = Vec::new();
        for date in summary
            .facts
            .get(sentence.index)
            .dates
            .iter()
            .filter(|d| !d.is_year_alone())
        {
            let resolved = date.resolved(summary.date);
            if !resolved.has_parts() || candidates.iter().any(|(_, _, c)| c.agrees_with(&resolved))
            {
                continue;
            }
            let Some(&(found_in, found, _)) = candidates.first() else {
                continue;
            };
            let mut found_date = sentence.put_for(
                FactKind::Date,
                Scope::Aligned,
                date.span,
                (found_in, found.span),
            );
            if date.offset.is_some() {
                found_date.resolved = resolved.calendar_text();
            }
            evidence.push(found_date);
        }
        evidence
    }
}

/// The rule of `fact-mismatch/date`, which a year alone ([`super::numbers`]) falls under too.
pub(super) const DATE_RULE: Rule = Rule::mismatch(
    FactKind::Date,
    "A date cannot be the source's.",
    "No date of the aligned source sentences can be it, comparing the parts both give (day, \
     month, year, weekday): “ngày 16 tháng 3” for 15/3, “Monday” \
     for Tuesday, March 5, “hôm kia” where it was “hôm qua”; relative dates (“hôm qua”, \
     “yesterday”) are read against each document's date header or --date. Also a year the \
     source never gives (“in 2024” where it only has 2021 and 2023). Left alone: a part only \
     one side gives (“ngày 15/3/2024” for “Ngày 15 tháng 3 năm 2024”), a relative date with \
     no date to read it against, and a year beside another year of the same sentence (“down \
     from 2021”).",
);
