//! Ordinals and the noun they order: ordinal words (`third quarter`, `dritten Quartal`), digits
//! with an ordinal ending (`4th quarter`), numbers after an ordinal marker (`lần thứ 3`, the
//! noun before) and periods written as a letter and a digit (`Q3`, `H2`). An ordinal inside a
//! date (`thứ hai, ngày 14/3` is a Monday) orders nothing.

use super::SentenceReader;
use crate::lang::tagged_at;
use crate::model::{DateFact, OrdinalFact, TokenKind};

impl SentenceReader<'_> {
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
        let token = self
            .token(index)
            .filter(|t| t.kind() == TokenKind::Number)?;
        let key = self.tokens.key(token);
        self.lexicon
            .ordinal_suffixes
            .iter()
            .find_map(|suffix| key.strip_suffix(suffix)?.parse().ok())
    }

    /// The ordinals of the sentence that order a noun, leaving out the tokens of its `dates`
    /// (`thứ hai, ngày 14/3` is a Monday): ordinal words (`third quarter`, the noun after) and
    /// numbers after an ordinal marker (`lần thứ 3`, the noun before).
    pub(super) fn ordinals(&self, dates: &[DateFact]) -> Vec<OrdinalFact> {
        let keys = self.keys();
        let in_dates = self.in_dates(dates);
        let absolute = |local: usize| self.range.start + local;
        let mut ordinals = Vec::new();
        let mut local = 0;
        while local < keys.len() {
            if let Some((value, noun)) = self.period_at(absolute(local)) {
                ordinals.push(OrdinalFact {
                    span: self.tokens[absolute(local)].span(),
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
                self.token(at).is_some_and(|t| {
                    t.kind() == TokenKind::Word && !in_dates[at - self.range.start]
                }) && self.number_role(at).is_none()
            });
            if let Some(noun) = noun {
                ordinals.push(OrdinalFact {
                    span: self.tokens[tokens.start.min(noun)]
                        .span()
                        .cover(self.tokens[(tokens.end - 1).max(noun)].span()),
                    value,
                    noun: self.lexicon.stem(self.tokens.key(&self.tokens[noun])),
                });
            }
            local = tokens.end - self.range.start;
        }
        ordinals
    }
}

#[cfg(test)]
mod tests {
    use crate::facts::tests::facts;

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
}
