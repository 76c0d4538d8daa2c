//! Whose words the source carries: the speaker the check settles on, and the people it counts
//! as speaking in the source.
//!
//! The speaker is, in order: [`Config::speaker`]; the person the source's introduction names
//! (`Báo CAND trân trọng giới thiệu toàn văn phát biểu của Bộ trưởng Lương Tam Quang.`, a
//! narration sentence); when the source names nobody, the person the summary credits most
//! often in sentences the source supports (their words are the source's). The people counted
//! as speaking are the speaker and everyone the source itself
//! names (a speech that quotes someone, a press conference's other voices).

use crate::align::Alignment;
use crate::config::Config;
use crate::model::{Document, Editorial, Location, Speaker, SpeakerFrom, TokenKind};

/// The comparison keys of a person's name.
type NameKeys = Vec<String>;

/// The speaker the check settles on, if any, with its name keys, and the name keys of
/// everyone counted as speaking in the source.
pub(super) fn settle(
    summary: &Document,
    source: &Document,
    alignment: &Alignment,
    config: &Config,
) -> (Option<(Speaker, NameKeys)>, Vec<NameKeys>) {
    let configured = config.speaker.as_ref().map(|name| {
        let tokens = crate::normalize::tokenize(name);
        let keys = (tokens.iter())
            .filter(|t| t.kind() == TokenKind::Word)
            .map(|t| tokens.key(t).to_string())
            .collect();
        let speaker = Speaker {
            name: name.clone(),
            from: SpeakerFrom::Configured,
            at: None,
        };
        (speaker, keys)
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
                Some((speaker, person.name_keys.clone()))
            })
    };
    let named_in_source: Vec<Vec<String>> = (source.facts.iter())
        .flat_map(|facts| facts.people)
        .map(|p| p.name_keys.clone())
        .collect();
    // From the summary only when the source names nobody: a person it names may be the one
    // whose words the summary gives to someone else.
    let credited = || {
        named_in_source
            .is_empty()
            .then(|| most_credited(summary, alignment, config))
            .flatten()
    };
    let speaker = configured.or_else(introduced).or_else(credited);
    let speaking = (speaker.iter())
        .map(|(_, keys)| keys.clone())
        .chain(named_in_source)
        .collect();
    (speaker, speaking)
}

/// The person the summary credits most often (the first of equals) in sentences whose link
/// reaches the support threshold, with the first such mention.
fn most_credited(
    summary: &Document,
    alignment: &Alignment,
    config: &Config,
) -> Option<(Speaker, Vec<String>)> {
    let credited: Vec<(usize, &crate::model::PersonMention)> = (0..summary.sentences.len())
        .filter(|&s| (alignment.links.get(s)).is_some_and(|l| l.score >= config.support_threshold))
        .filter_map(|s| Some((s, summary.facts.get(s).attributed_to()?)))
        .collect();
    let times = |keys: &[String]| credited.iter().filter(|(_, p)| p.same_person(keys)).count();
    let (sentence, person) = credited
        .iter()
        .copied()
        .max_by_key(|(s, p)| (times(&p.name_keys), std::cmp::Reverse(*s)))?;
    let speaker = Speaker {
        name: person.name.clone(),
        from: SpeakerFrom::SummaryAttribution,
        at: Some(Location::new(sentence, person.span)),
    };
    Some((speaker, person.name_keys.clone()))
}
