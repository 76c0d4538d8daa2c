//! People named with a title or honorific (`ông Peter Lindqvist`, `Thượng tướng Trần Văn
//! Minh`, `Mr. Van der Berg`): the title and the capitalised words of the name after it, with
//! particles (`van`, `bin`) and touching hyphens inside it.

use std::ops::Range;

use super::SentenceReader;
use crate::model::{PersonMention, Token, TokenKind};
use crate::normalize::capitals;

/// The longest office between a title and the name after it, in tokens (`UBND thành phố Hồ
/// Chí Minh` is six).
const OFFICE_MAX_TOKENS: usize = 12;

impl SentenceReader<'_> {
    /// The people the sentence names with a title or honorific before the name.
    pub(super) fn people(&self) -> Vec<PersonMention> {
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
            let office = self.token(at).is_some_and(|t| {
                t.capitalized()
                    && (self.lexicon.organisation_heads.contains(self.tokens.key(t))
                        || self.is_abbreviation(at))
            });
            let name = if office {
                self.name_after_office(at)
            } else {
                self.name_at(at)
            };
            if name.is_empty() {
                local += title_len;
                continue;
            }
            let first = &self.tokens[name.start];
            let last = &self.tokens[name.end - 1];
            let title = title_start..title_start + title_len;
            people.push(PersonMention {
                title: self.text
                    [self.tokens[title.start].span().start..self.tokens[title.end - 1].span().end]
                    .to_string(),
                title_keys: keys[local..local + title_len]
                    .iter()
                    .map(|k| k.to_string())
                    .collect(),
                span: self.tokens[title_start].span().cover(last.span()),
                tokens: title_start..name.end,
                name: self.text[first.span().start..last.span().end].to_string(),
                name_keys: self.tokens[name.clone()]
                    .iter()
                    .filter(|t| t.kind() == TokenKind::Word)
                    .map(|t| self.tokens.key(t).to_string())
                    .collect(),
            });
            local = name.end - self.range.start;
        }
        people
    }

    /// True when the token at `t` is an abbreviation in capitals (`UBND`, `HĐND`): an office,
    /// not a name.
    fn is_abbreviation(&self, t: usize) -> bool {
        self.token(t).is_some_and(|token| {
            capitals(&self.text[token.span().range()]).is_some_and(|letters| letters >= 2)
        })
    }

    /// The name that ends an office (opening at `start` with an organisation's word or an
    /// abbreviation) after a title, where the language's names open with a family name
    /// (`Chủ tịch UBND thành phố Trần Minh Hải`, `Người phát ngôn Bộ Ngoại giao Phạm Thu
    /// Hằng`): within [`OFFICE_MAX_TOKENS`] and before any punctuation, the first capitalised
    /// family name that opens a name of two to four words (`Hà Nội Trần Thị Nhị Hà` is `Trần
    /// Thị Nhị Hà`), unless it is a place the language lists (`TP Hồ Chí Minh`, `tỉnh Cao
    /// Bằng`); empty when there is none. Reads at most [`OFFICE_MAX_TOKENS`] and five
    /// more tokens.
    fn name_after_office(&self, start: usize) -> Range<usize> {
        if self.lexicon.surnames.is_empty() {
            return start..start;
        }
        let end = (start..start + OFFICE_MAX_TOKENS)
            .find(|&t| {
                self.token(t)
                    .is_none_or(|token| token.kind() == TokenKind::Punct)
            })
            .unwrap_or(start + OFFICE_MAX_TOKENS);
        let place = |t: usize| {
            self.lexicon
                .place_names
                .at(self.keys(), t - self.range.start)
                .is_some()
        };
        (start..end)
            .filter(|&t| {
                self.token(t).is_some_and(|token| {
                    token.capitalized() && self.lexicon.surnames.contains(self.tokens.key(token))
                }) && !place(t)
            })
            .map(|t| self.name_at_most(t, 5))
            .find(|name| (2..=4).contains(&name.len()))
            .unwrap_or(start..start)
    }

    /// The capitalised words of a name starting at `start` (empty when there is none).
    fn name_at(&self, start: usize) -> Range<usize> {
        self.name_at_most(start, usize::MAX)
    }

    /// [`Self::name_at`], reading at most `words` tokens.
    fn name_at_most(&self, start: usize, words: usize) -> Range<usize> {
        let is_name_word = |t: &Token| t.kind() == TokenKind::Word && t.capitalized();
        match self.token(start) {
            Some(t)
                if is_name_word(t)
                    && !self.lexicon.organisation_heads.contains(self.tokens.key(t)) => {}
            _ => return start..start,
        }
        let mut end = start + 1;
        while end - start < words
            && let Some(token) = self.token(end)
        {
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

#[cfg(test)]
mod tests {
    use crate::facts::tests::{facts, joined_facts};

    #[test]
    fn people_and_reporting_verbs() {
        let text =
            "Tại đây, ông Peter Lindqvist, Giám đốc Sở Xây dựng, cho biết: “Đây là bước đầu”.";
        let found = facts(text).remove(0);
        let names: Vec<&str> = found.people.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Peter Lindqvist"]);
        assert_eq!(
            joined_facts(text)
                .get(0)
                .attributed_to()
                .map(|p| p.name.as_str()),
            Some("Peter Lindqvist")
        );
        assert_eq!(found.reporting_verbs.len(), 1);

        let names = |text: &str| -> Vec<String> {
            facts(text)
                .remove(0)
                .people
                .into_iter()
                .map(|p| p.name)
                .collect()
        };
        assert_eq!(
            names("Thượng tướng Trần Văn Minh, Thứ trưởng Bộ Quốc phòng, phát biểu."),
            ["Trần Văn Minh"]
        );
        assert_eq!(
            names("Secretary-General António Guterres and Mr. Van der Berg said so."),
            ["António Guterres", "Van der Berg"]
        );
        // An office between the title and the name.
        assert_eq!(
            names("Chủ tịch UBND thành phố Trần Minh Hải phát biểu."),
            ["Trần Minh Hải"]
        );
        assert_eq!(
            names("Người phát ngôn Bộ Ngoại giao Phạm Thu Hằng nêu rõ."),
            ["Phạm Thu Hằng"]
        );
        assert_eq!(
            names("Giám đốc Sở Y tế Hà Nội Trần Thị Nhị Hà, Chủ tịch UBND TPHCM Nguyễn Văn Được."),
            ["Trần Thị Nhị Hà", "Nguyễn Văn Được"]
        );
        assert_eq!(
            names("Chủ tịch UBND thành phố cho biết."),
            Vec::<String>::new()
        );
        assert_eq!(
            names("Bộ trưởng khẳng định Công ước Hà Nội là lá chắn."),
            Vec::<String>::new()
        );
    }
}
