//! Whose words the source carries: the speaker the check settles on, and the people it counts
//! as speaking in the source.
//!
//! The speaker is, in order: [`Config::speaker`]; the person the source's introduction names
//! (`Báo CAND trân trọng giới thiệu toàn văn phát biểu của Bộ trưởng Lương Tam Quang.`, a
//! narration sentence); when the source names nobody, the person the summary credits most
//! often in sentences the source supports (their words are the source's). The people counted
//! as speaking are the speaker and everyone the source itself names (a speech that quotes
//! someone, a press conference's other voices).
//!
//! People are the same person when their names end with the same word
//! ([`PersonMention::same_person`]), so each is held by that word's key: whether a mention is
//! of someone speaking is one look-up.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::align::Alignment;
use crate::config::Config;
use crate::model::{Document, Editorial, Location, PersonMention, Speaker, SpeakerFrom, TokenKind};

/// Whose words the source carries, as [`settle`] found them.
pub(super) struct Speakers {
    /// The speaker the check settled on, and where it was found.
    pub(super) settled: Option<Speaker>,
    /// The last key of the settled speaker's name.
    settled_key: Option<String>,
    /// The last key of the name of everyone counted as speaking.
    speaking: HashSet<String>,
}

impl Speakers {
    /// True when `person` is counted as speaking in the source.
    pub(super) fn speak(&self, person: &PersonMention) -> bool {
        (person.name_keys.last()).is_some_and(|key| self.speaking.contains(key))
    }

    /// True when `person` is the speaker the check settled on.
    pub(super) fn is_settled(&self, person: &PersonMention) -> bool {
        person.name_keys.last().is_some() && person.name_keys.last() == self.settled_key.as_ref()
    }
}

/// The speaker the check settles on, if any, and everyone counted as speaking in the source.
pub(super) fn settle(
    summary: &Document,
    source: &Document,
    alignment: &Alignment,
    config: &Config,
) -> Speakers {
    let configured = config.speaker.as_ref().map(|name| {
        let tokens = crate::normalize::tokenize(name);
        let last_key = (tokens.iter())
            .rfind(|t| t.kind() == TokenKind::Word)
            .map(|t| tokens.key(t).to_string());
        let speaker = Speaker {
            name: name.clone(),
            from: SpeakerFrom::Configured,
            at: None,
        };
        (speaker, last_key)
    });
    let introduced = || {
        (0..source.sentences.len())
            .filter(|&s| source.sentences[s].editorial == Some(Editorial::Narration))
            .find_map(|s| {
                let person = source.facts.get(s).people.first()?;
                let speaker = Speaker {
                    name: person.name.clone(),
                    from: SpeakerFrom::SourceIntroduction,
                    at: Some(Location::new(s, person.span)),
                };
                Some((speaker, person.name_keys.last().cloned()))
            })
    };
    let named_in_source: HashSet<String> = (source.facts.iter())
        .flat_map(|facts| facts.people)
        .filter_map(|p| p.name_keys.last().cloned())
        .collect();
    // From the summary only when the source names nobody: a person it names may be the one
    // whose words the summary gives to someone else.
    let credited = || {
        named_in_source
            .is_empty()
            .then(|| most_credited(summary, alignment, config))
            .flatten()
    };
    let (settled, settled_key) = configured.or_else(introduced).or_else(credited).unzip();
    let settled_key = settled_key.flatten();
    let mut speaking = named_in_source;
    speaking.extend(settled_key.clone());
    Speakers {
        settled,
        settled_key,
        speaking,
    }
}

/// The person the summary credits most often (the first to be credited, of equals) in
/// sentences whose link reaches the support threshold, with the first such mention and the
/// last key of the name.
fn most_credited(
    summary: &Document,
    alignment: &Alignment,
    config: &Config,
) -> Option<(Speaker, Option<String>)> {
    // By the last key of the name: how often, and the first mention.
    let mut credited: HashMap<&str, (usize, usize, &PersonMention)> = HashMap::default();
    let supported = (0..summary.sentences.len())
        .filter(|&s| (alignment.links.get(s)).is_some_and(|l| l.score >= config.support_threshold));
    for sentence in supported {
        let Some(person) = summary.facts.get(sentence).attributed_to() else {
            continue;
        };
        let Some(key) = person.name_keys.last() else {
            continue;
        };
        credited.entry(key).or_insert((0, sentence, person)).0 += 1;
    }
    let (_, sentence, person) = credited
        .into_values()
        .max_by_key(|&(times, first, _)| (times, std::cmp::Reverse(first)))?;
    let speaker = Speaker {
        name: person.name.clone(),
        from: SpeakerFrom::SummaryAttribution,
        at: Some(Location::new(sentence, person.span)),
    };
    Some((speaker, person.name_keys.last().cloned()))
}
