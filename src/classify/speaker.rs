//! Whose words the source carries: the speaker the check settles on, and the people it counts
//! as speaking in the source.
//!
//! The speaker is, in order: [`Config::speaker`]; the person the source's introduction names
//! (`Báo CAND trân trọng giới thiệu toàn văn phát biểu của Bộ trưởng Lương Tam Quang.`,
//! `Statement by Jens Stoltenberg`); in a transcript of several voices, the summary's person
//! whom the label of the turns holding most words names (`THE PRESIDENT` and `President
//! Biden`, `SG` and `Secretary-General Ban Ki-moon`, `MR. KIRBY` and `John Kirby`); when the
//! source names nobody, the person the summary credits most often in sentences the source
//! supports (their words are the source's); else that label itself. The people counted as
//! speaking are the speaker and everyone the source itself names (a speech that quotes
//! someone, a press conference's other voices).
//!
//! Whose words a source sentence is: the voice of its turn, when the transcript has turns; else
//! (and in the turns of the voice heard most) the settled speaker's.
//!
//! People are the same person when their names end with the same word
//! ([`PersonMention::same_person`]), so each is held by that word's key: whether a mention is
//! of someone speaking is one look-up.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::align::Alignment;
use crate::config::Config;
use crate::lang::Lexicon;
use crate::model::{
    Document, Location, PersonMention, Span, Speaker, SpeakerFrom, TokenKind, Turn, Voice,
};

/// The most words read as the speaker of a reporting verb (`an Israeli official`).
const SUBJECT_WORDS: usize = 3;

/// Whose words the source carries, as [`settle`] found them.
pub(super) struct Speakers {
    /// The speaker the check settled on, and where it was found.
    pub(super) settled: Option<Speaker>,
    /// The last key of the settled speaker's name.
    settled_key: Option<String>,
    /// The last key of the settled speaker's title, as a mention of the same person gives it
    /// in either document (`mayor` of `Mayor Helen Carter`).
    settled_title_key: Option<String>,
    /// The last key of the name of everyone counted as speaking.
    speaking: HashSet<String>,
    /// In a transcript of several voices, the voice heard most: the settled speaker's turns.
    main_voice: Option<u32>,
}

/// Whom a summary sentence credits with what it says, as far as its words tell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Credit {
    /// The settled speaker: by name and title, or by last name or title at a reporting verb
    /// (the word that does, when it is that).
    Speaker(Option<Span>),
    /// Someone the source never names or hears, without a title (`the official said`).
    Elsewhere,
    /// Nobody the words tell: no reporting verb, a pronoun, someone the source names.
    Unstated,
}

/// Whose words the source sentences a summary sentence is aligned with are, when they are not
/// the person's the summary credits ([`Speakers::other_voice`]).
pub(super) struct OtherVoice {
    /// Who says them, as the messages name them: `a reporter (Q)`, `MR. KIRBY`, or the
    /// settled speaker's name.
    pub(super) whose: String,
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

    /// Whom the summary sentence's reporting verbs credit, from the words around them (it
    /// names no person with a title): the settled speaker, by their last name or the last word
    /// of their title right before or after a verb (`Carter said`, `the mayor said`, `said
    /// Perry`, `Bộ trưởng cho biết`), at that word; else someone from elsewhere, when a verb's
    /// speaker (up to [`SUBJECT_WORDS`] content words right before it, or after it when a
    /// pronoun or nothing stands before, within the clause) has no title (which may be the
    /// speaker's, known or not: `Thủ tướng nói`) and no word of the source (`the official
    /// said`, `an Israeli official told CNN`, against a transcript that never says `official`).
    pub(super) fn credit(&self, summary: &Document, source: &Document, sentence: usize) -> Credit {
        let lexicon = summary.language.lexicon();
        let within = summary.sentences[sentence].tokens();
        let word = |t: usize| {
            (summary.tokens.get(t))
                .filter(|token| within.contains(&t) && token.kind() == TokenKind::Word)
                .map(|token| summary.tokens.key(token))
        };
        let speaker_keys = [&self.settled_key, &self.settled_title_key];
        let is_speaker = |key: &str| speaker_keys.iter().any(|k| k.as_deref() == Some(key));
        let verbs = &summary.facts.get(sentence).reporting_verbs;
        let at_verb = verbs.iter().find_map(|verb| {
            let (start, end) = (verb.start as usize, verb.end as usize);
            [start.checked_sub(1), Some(end)]
                .into_iter()
                .flatten()
                .find(|&t| word(t).is_some_and(is_speaker))
        });
        if let Some(t) = at_verb {
            return Credit::Speaker(Some(summary.tokens[t].span()));
        }
        let grammatical =
            |key: &str| lexicon.function_words.contains(key) || lexicon.first_person.contains(key);
        // The content words of up to SUBJECT_WORDS words, going one way from `from`, within
        // the clause.
        let phrase = |from: usize, backwards: bool| -> Vec<&str> {
            (0..SUBJECT_WORDS)
                .map_while(|step| {
                    if backwards {
                        from.checked_sub(step)
                    } else {
                        Some(from + step)
                    }
                })
                .map_while(word)
                .filter(|key| !grammatical(key))
                .collect()
        };
        let elsewhere = verbs.iter().any(|verb| {
            let (start, end) = (verb.start as usize, verb.end as usize);
            let mut subject = (start.checked_sub(1))
                .map(|t| phrase(t, true))
                .unwrap_or_default();
            subject.reverse();
            if subject.is_empty() {
                subject = phrase(end, false);
            }
            let titled = (0..subject.len()).any(|at| lexicon.titles.at(&subject, at).is_some());
            !subject.is_empty()
                && !titled
                && (subject.iter()).all(|key| !is_speaker(key) && source.tokens.find(key).is_none())
        });
        if elsewhere {
            Credit::Elsewhere
        } else {
            Credit::Unstated
        }
    }

    /// Whose words the source sentences `sources` are, when none of them can be `person`'s
    /// (the person the summary sentence credits, if any): every one is in the turn of
    /// another voice than the person's (for a sentence that credits nobody, a reporter's
    /// question), or is the settled speaker's while the sentence credits someone else the
    /// source names and the source sentence does not name them (a speech that quotes them).
    pub(super) fn other_voice(
        &self,
        source: &Document,
        person: Option<&PersonMention>,
        sources: &[usize],
    ) -> Option<OtherVoice> {
        let lexicon = source.language.lexicon();
        let mut whose = None;
        for &sentence in sources {
            // In the person's own turn, the main voice's included (a joint press
            // conference), the words are theirs.
            let turn = source.voices.turn_of(sentence);
            if let (Some(turn), Some(person)) = (turn, person)
                && voice_is(lexicon, source.voices.voice(turn), person)
            {
                return None;
            }
            let turn = turn.filter(|turn| Some(turn.voice) != self.main_voice);
            let other = match (turn, person) {
                (Some(turn), _) => {
                    let voice = source.voices.voice(turn);
                    let theirs = person.is_some_and(|p| voice_is(lexicon, voice, p));
                    (!theirs && (person.is_some() || voice.reporter)).then(|| OtherVoice {
                        whose: label_of(source, turn, voice),
                    })
                }
                (None, Some(person)) => {
                    let quoted = (source.facts.get(sentence).people.iter())
                        .any(|p| p.same_person(&person.name_keys));
                    let settled = self.settled.as_ref().filter(|_| {
                        self.settled_key.is_some() && !self.is_settled(person) && !quoted
                    });
                    settled.map(|speaker| OtherVoice {
                        whose: speaker.name.clone(),
                    })
                }
                (None, None) => None,
            };
            whose = whose.or(Some(other?));
        }
        whose
    }
}

/// The label of a turn as the messages name it: `a reporter (Q)`, `MR. KIRBY`.
fn label_of(source: &Document, turn: &Turn, voice: &Voice) -> String {
    let label = source.slice(turn.label);
    if voice.reporter {
        format!("a reporter ({label})")
    } else {
        label.to_string()
    }
}

/// True when a turn label names `person`: it holds the last word of the person's name (`MR.
/// KIRBY`, `Lynne Neagle AM`), or it is the person's title (`PRESIDENT`), after one word that
/// is no title (`THE PRESIDENT`), or the title's initials (`SG` for `Secretary-General`).
fn voice_is(lexicon: &Lexicon, voice: &Voice, person: &PersonMention) -> bool {
    let (label, title) = (&voice.keys, &person.title_keys);
    let initials: String = (title.iter())
        .flat_map(|key| key.split('-'))
        .filter_map(|word| word.chars().next())
        .filter(|c| c.is_alphabetic())
        .collect();
    let after_article = label.len() == title.len() + 1 && lexicon.titles.at(label, 0).is_none();
    (person.name_keys.last()).is_some_and(|key| label.contains(key))
        || (!title.is_empty() && (label == title || (after_article && label[1..] == title[..])))
        || (initials.chars().count() >= 2 && label.len() == 1 && label[0] == initials)
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
        let (sentence, person) = source.voices.introduced.as_ref()?;
        let speaker = Speaker {
            name: person.name.clone(),
            from: SpeakerFrom::SourceIntroduction,
            at: Some(Location::new(*sentence, person.span)),
        };
        Some((speaker, person.name_keys.last().cloned()))
    };
    let main_turn = source.voices.main_turn();
    // The main voice's label and the sentence it opens, as a place to show.
    let label_at = |turn: &Turn| {
        let sentence = (source.sentences)
            .partition_point(|s| s.span.start <= turn.label.start)
            .checked_sub(1)?;
        let span = source.sentences[sentence].span;
        (span.start <= turn.label.start && turn.label.end <= span.end)
            .then(|| Location::new(sentence, turn.label))
    };
    let lexicon = source.language.lexicon();
    let voiced_person = || {
        let turn = main_turn?;
        let voice = source.voices.voice(turn);
        let person = (summary.facts.iter())
            .flat_map(|facts| facts.people)
            .find(|person| voice_is(lexicon, voice, person))?;
        let speaker = Speaker {
            name: person.name.clone(),
            from: SpeakerFrom::TurnLabel,
            at: label_at(turn),
        };
        Some((speaker, person.name_keys.last().cloned()))
    };
    let voiced_label = || {
        let turn = main_turn?;
        let speaker = Speaker {
            name: source.slice(turn.label).to_string(),
            from: SpeakerFrom::TurnLabel,
            at: label_at(turn),
        };
        Some((speaker, None))
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
    let (settled, settled_key) = (configured.or_else(introduced).or_else(voiced_person))
        .or_else(credited)
        .or_else(voiced_label)
        .unzip();
    let settled_key = settled_key.flatten();
    // A speaker known only by a turn's label (`THE PRESIDENT`) has its last word as title,
    // where the transcript has reporters' questions: in a meeting the voice heard most is
    // one of several, not the transcript's speaker.
    let label_title = || {
        (settled.as_ref())
            .filter(|speaker| speaker.from == SpeakerFrom::TurnLabel)
            .filter(|_| source.voices.questioned())
            .and(main_turn)
            .and_then(|turn| source.voices.voice(turn).keys.last().cloned())
    };
    let settled_title_key = match &settled_key {
        Some(key) => (source.facts.iter().chain(summary.facts.iter()))
            .flat_map(|facts| facts.people)
            .filter(|person| person.name_keys.last() == Some(key))
            .find_map(|person| person.title_keys.last().cloned()),
        None => label_title(),
    };
    let mut speaking = named_in_source;
    speaking.extend(settled_key.clone());
    Speakers {
        settled,
        settled_key,
        settled_title_key,
        speaking,
        main_voice: main_turn.map(|turn| turn.voice),
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

#[cfg(test)]
mod tests {
    use crate::{Config, FactKind, FindingKind, Input, Severity, SummaryLabel, check};

    /// A finding as the tests see it: kind, fact, severity and message.
    type Seen = (FindingKind, Option<FactKind>, Severity, String);

    /// Each summary sentence's label, and the findings other than omissions.
    fn judged(summary: &str, source: &str) -> (Vec<SummaryLabel>, Vec<Seen>) {
        let report = check(
            &Input::new("summary.txt", summary),
            &Input::new("source.txt", source),
            &Config::default(),
        );
        let labels = report.summary_judgements.iter().map(|j| j.label).collect();
        let findings = (report.findings.iter())
            .filter(|f| f.kind != FindingKind::Omission)
            .map(|f| (f.kind, f.fact, f.severity, f.message.to_string()))
            .collect();
        (labels, findings)
    }

    const GAGGLE: &str = "Remarks by President Biden in Press Gaggle\n\
        Q Mr. President, will the United States send more troops to the region next week?\n\
        THE PRESIDENT: We are still gathering information about the strikes in the region.\n\
        Q: Are you worried about escalation in Lebanon right now?\n\
        THE PRESIDENT: I am always concerned about that, and I will say more tomorrow.";

    /// The mayor's remarks, against which the summaries below credit someone.
    const MAYOR: &str = "Remarks by Mayor Helen Carter\n\
        We will build the new sea wall this year, and it will protect the harbour.";

    /// The severity of the `unsupported` finding a summary gets against [`MAYOR`], if any.
    fn severity(summary: &str) -> Option<Severity> {
        let (_, findings) = judged(summary, MAYOR);
        (findings.iter())
            .find(|(kind, ..)| *kind == FindingKind::Unsupported)
            .map(|(_, _, severity, _)| *severity)
    }

    #[test]
    fn the_speakers_last_name_or_title_at_a_reporting_verb_credits_the_speaker() {
        let invented = "the city will open forty new schools across the northern districts";
        for credited in [
            format!("Carter said {invented}."),
            format!("The mayor said {invented}."),
            "The city, said Carter, will open forty new schools across the north.".to_string(),
        ] {
            assert_eq!(severity(&credited), Some(Severity::Error), "{credited}");
        }
        assert_eq!(
            severity(&format!("A resident said {invented}.")),
            Some(Severity::Warning)
        );
    }

    #[test]
    fn a_question_put_in_the_speakers_mouth_by_last_name_or_title_is_a_speaker_mismatch() {
        for summary in [
            "Biden said the United States will send more troops to the region next week.",
            "The president said the United States will send more troops to the region next week.",
            // Someone the source never names: still the reporter's words, not the speaker's.
            "Secretary Antony Blinken said the United States will send more troops to the region next week.",
        ] {
            assert_reporters_words(summary);
        }
    }

    /// The summary's one sentence is a mismatch whose first finding says a reporter's
    /// question was put in someone's mouth; the findings are returned.
    fn assert_reporters_words(summary: &str) -> Vec<Seen> {
        let (labels, findings) = judged(summary, GAGGLE);
        assert_eq!(labels, [SummaryLabel::Mismatch], "{summary}");
        let (kind, fact, severity, message) = &findings[0];
        assert_eq!(
            (*kind, *fact, *severity),
            (
                FindingKind::FactMismatch,
                Some(FactKind::Speaker),
                Severity::Error
            ),
            "{summary}"
        );
        assert!(
            message.ends_with("the words of a reporter (Q)"),
            "{message}"
        );
        findings
    }

    #[test]
    fn quoted_words_of_someone_the_source_never_names_are_from_elsewhere() {
        let quote = "\"We had no warning of the storm at all,\"";
        assert_eq!(
            severity(&format!("{quote} a port official said.")),
            Some(Severity::Warning)
        );
        // The speaker's, someone the source names, or no one: an error.
        for who in [
            "the mayor said",
            "Carter said",
            "the harbour master said",
            "",
        ] {
            let summary = format!("{quote} {who}.");
            assert_eq!(severity(&summary), Some(Severity::Error), "{summary}");
        }
    }

    #[test]
    fn a_reporters_question_is_not_the_speakers_words() {
        let findings = assert_reporters_words(
            "President Biden said the United States will send more troops to the region next week.",
        );
        assert_eq!(findings.len(), 1, "{findings:?}");
        // Reported as a question, it is another voice's words, and no error.
        let (labels, findings) = judged(
            "A reporter asked whether the United States will send more troops to the region next week.",
            GAGGLE,
        );
        assert_eq!(labels, [SummaryLabel::OtherSpeaker]);
        assert!(
            findings.iter().all(|f| f.2 == Severity::Info),
            "{findings:?}"
        );
        // The President's own words are his.
        let (labels, findings) = judged(
            "President Biden said they are still gathering information about the strikes in the region.",
            GAGGLE,
        );
        assert_eq!(labels, [SummaryLabel::Paraphrase]);
        assert!(findings.is_empty(), "{findings:?}");
    }

    #[test]
    fn another_voices_words_are_a_speaker_mismatch_in_vietnamese_too() {
        let source = "Phóng viên: Bộ có tăng ngân sách cho giáo dục trong năm tới không?\n\
            Người phát ngôn: Chúng tôi sẽ công bố kế hoạch chi tiết vào tháng sau.\n\
            Phóng viên: Còn kết quả thanh tra thì sao?\n\
            Người phát ngôn: Kết quả thanh tra sẽ được công bố khi hoàn tất.";
        let (labels, findings) = judged(
            "Bộ trưởng Nguyễn Văn An cho biết Bộ có tăng ngân sách cho giáo dục trong năm tới.",
            source,
        );
        assert_eq!(labels, [SummaryLabel::Mismatch], "{findings:?}");
        assert_eq!(findings[0].1, Some(FactKind::Speaker));
        assert!(
            findings[0].3.contains("a reporter (Phóng viên)"),
            "{findings:?}"
        );
    }

    #[test]
    fn the_main_turn_label_names_the_summarys_person() {
        let source = "Q: What do you expect from the Security Council?\n\
            SG: I would strongly appreciate the Security Council to unite and take urgent action.\n\
            Q: And the sanctions?\n\
            SG: The Security Council has met eight times this year on these issues.";
        let summary = "Secretary-General Ban Ki-moon said the Security Council has met eight times \
                       this year on these issues.";
        let report = check(
            &Input::new("summary.txt", summary),
            &Input::new("source.txt", source),
            &Config::default(),
        );
        let speaker = report.speaker.expect("a speaker");
        assert_eq!(speaker.from, crate::model::SpeakerFrom::TurnLabel);
        assert!(speaker.name.starts_with("Ban"), "{}", speaker.name);
        let label = report.summary_judgements[0].label;
        assert!(
            matches!(label, SummaryLabel::Verbatim | SummaryLabel::Paraphrase),
            "{label:?}"
        );
    }

    #[test]
    fn a_person_the_source_mentions_is_not_its_speaker() {
        let source = "Statement by Mayor Ana Ruiz\n\n\
            Judge Tom Lee visited the site last spring.\n\n\
            We will open the new bridge over the river on the first of June.";
        let (labels, findings) = judged(
            "Judge Tom Lee said they will open the new bridge over the river on the first of June.",
            source,
        );
        assert_eq!(labels, [SummaryLabel::Mismatch], "{findings:?}");
        assert_eq!(findings[0].1, Some(FactKind::Speaker));
        assert!(
            findings[0].3.ends_with("the words of Ana Ruiz"),
            "{findings:?}"
        );
        // Words the speech itself gives to the judge may be his.
        let quoting = "Statement by Mayor Ana Ruiz\n\n\
            Judge Tom Lee told us the new bridge over the river is safe for everyone.";
        let (labels, _) = judged(
            "Judge Tom Lee said the new bridge over the river is safe for everyone.",
            quoting,
        );
        assert_eq!(labels, [SummaryLabel::Paraphrase]);
    }
}
