//! Markers of negation, time (future, done), qualification (hedges, absolutes) and modality
//! (weak, strong), and whether a sentence opens an enumerated point (`Thứ nhất,`, `First,`).

use std::ops::Range;

use super::SentenceReader;
use crate::model::{Marker, MarkerKind, TokenKind};

impl SentenceReader<'_> {
    /// The sentence's markers of negation, time, qualification and modality.
    pub(super) fn markers(&self) -> Vec<Marker> {
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

    /// Negators, skipping phrases that contain one without negating (`không gian`) and a
    /// negator before a figure, which abbreviates "number" (`No 1 choice`, `No. 10`).
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
            let before_figure = |len: usize| {
                let next = self.range.start + at + len;
                let next = next + usize::from(keys.get(at + len) == Some(&"."));
                self.token(next)
                    .is_some_and(|t| t.kind() == TokenKind::Number)
            };
            match self.lexicon.negators.at(keys, at) {
                Some(len) if before_figure(len) => at += len,
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

    /// True when the sentence opens an enumerated point: an opener then `,` or `:`.
    pub(super) fn enumerates(&self) -> bool {
        let keys = self.keys();
        self.lexicon
            .enumeration_openers
            .at(keys, 0)
            .is_some_and(|len| matches!(keys.get(len), Some(&("," | ":"))))
    }
}

#[cfg(test)]
mod tests {
    use crate::facts::tests::facts;

    #[test]
    fn enumerated_points() {
        assert!(facts("Thứ nhất, chúng ta đồng ý.")[0].enumerates);
        assert!(facts("First, we agree.")[0].enumerates);
        assert!(!facts("Thứ hai tuần trước, trời mưa.")[0].enumerates);
    }

    #[test]
    fn a_negator_before_a_figure_abbreviates_number() {
        let negations = |text: &str| {
            facts(text)[0]
                .markers
                .iter()
                .filter(|m| m.kind == crate::model::MarkerKind::Negation)
                .count()
        };
        assert_eq!(negations("He is the No 1 choice, and No. 10 agreed."), 0);
        assert_eq!(negations("He is no choice at all."), 1);
    }
}
