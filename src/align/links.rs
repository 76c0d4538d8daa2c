//! The links of every summary sentence, held flat ([`Lists`]): a sentence costs a score and
//! where its sources end (12 bytes), and each source 8, where a list of optional links took
//! 40 bytes a sentence, linked or not.

use crate::model::{Lists, SentenceList};

/// The source sentences one summary sentence is aligned with ([`Links::get`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Link<'a> {
    /// Source sentence indices, ascending.
    pub sources: &'a [usize],
    /// The share of the summary sentence's feature weight found in those sources, in 0..=1.
    pub score: f64,
}

/// Per summary sentence, its best link, or none when no source sentence shares a feature
/// with it (or it is editorial, or was not reached).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Links {
    /// Per summary sentence, its link's sources: empty without a link.
    sources: Lists<usize>,
    /// Per summary sentence, its link's score (0 without one).
    scores: Vec<f64>,
}

impl Links {
    /// The number of summary sentences.
    pub fn len(&self) -> usize {
        self.scores.len()
    }

    /// True when there are no summary sentences.
    pub fn is_empty(&self) -> bool {
        self.scores.is_empty()
    }

    /// The link of summary sentence `sentence`, if it has one.
    pub fn get(&self, sentence: usize) -> Option<Link<'_>> {
        let sources = self.sources.get(sentence);
        (!sources.is_empty()).then(|| Link {
            sources,
            score: self.scores[sentence],
        })
    }

    /// Every summary sentence's link, in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = Option<Link<'_>>> {
        (0..self.len()).map(|sentence| self.get(sentence))
    }

    /// Adds the next summary sentence's link: its sources (ascending) and score.
    pub(super) fn push(&mut self, link: Option<(SentenceList, f64)>) {
        let (sources, score) = link.unwrap_or_default();
        self.sources.push(&sources);
        self.scores.push(score);
    }

    /// Adds the links of the summary sentences that follow, in order.
    pub(super) fn append(&mut self, mut following: Links) {
        self.sources.append(following.sources);
        self.scores.append(&mut following.scores);
    }

    /// Drops the link of every summary sentence for which `keep` is false.
    pub(super) fn retain(&mut self, keep: impl Fn(usize) -> bool) {
        self.sources.empty_unless(&keep);
        for (sentence, score) in self.scores.iter_mut().enumerate() {
            if !keep(sentence) {
                *score = 0.0;
            }
        }
    }

    /// Gives back the memory reserved and not used, once every sentence is in.
    pub(super) fn shrink_to_fit(&mut self) {
        self.sources.shrink_to_fit();
        self.scores.shrink_to_fit();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_kept_appended_and_dropped_in_place() {
        let mut links = Links::default();
        links.push(Some((SentenceList::from_slice(&[2, 3]), 0.5)));
        links.push(None);
        let mut following = Links::default();
        following.push(Some((SentenceList::from_slice(&[4]), 0.75)));
        following.push(Some((SentenceList::from_slice(&[0]), 1.0)));
        links.append(following);
        let sources = |links: &Links| -> Vec<Option<Vec<usize>>> {
            links
                .iter()
                .map(|l| l.map(|l| l.sources.to_vec()))
                .collect()
        };
        assert_eq!(
            sources(&links),
            [Some(vec![2, 3]), None, Some(vec![4]), Some(vec![0])]
        );
        assert_eq!(links.get(2).map(|l| l.score), Some(0.75));
        links.retain(|sentence| sentence != 0);
        assert_eq!(sources(&links), [None, None, Some(vec![4]), Some(vec![0])]);
        assert_eq!(links.get(3).map(|l| l.score), Some(1.0));
    }
}
