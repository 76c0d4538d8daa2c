//! Narration: the sentences of a transcript that are about its speaker (the publisher's
//! introduction and captions) rather than the speaker's own words.

use crate::model::{Document, PersonMention, TokenKind};

/// The most words of a name read after an introduction's opening words without a title
/// (`Statement by Jens Stoltenberg`).
const INTRODUCED_NAME_MAX_WORDS: usize = 4;

/// The narration of a transcript, as [`narration`] finds it.
pub struct Narration {
    /// Per sentence, whether it is narration about the speaker rather than speech.
    pub sentences: Vec<bool>,
    /// The person the introduction (the first sentence) names.
    pub introduced: Option<PersonMention>,
}

/// Which sentences of a transcript are narration about its speaker rather than speech, and
/// whom its introduction names.
///
/// The publisher's introduction: the first paragraph, when more follow, is one sentence that
/// names a person with a title and a reporting word (`Full text of the speech by Minister
/// X.`), or opens with the words of an introduction and a name, with or without a title
/// (`Statement by Jens Stoltenberg`, `Remarks by President Biden`), and has no first-person
/// word. Captions: later sentences alone in their paragraph that
/// name that same person with a reporting word and have no first-person word (`Minister X
/// speaks at the closing session.`). A sentence that quotes is speech: it carries the
/// speaker's words. Without an introduction nothing is narration, so a
/// speech that quotes someone (`Judge Y said the ruling stands.`) stays speech.
pub fn narration(document: &Document) -> Narration {
    let lexicon = document.language.lexicon();
    let sentences = &document.sentences;
    // Alone in its paragraph, without a first-person word, and opening no quotation.
    let about_someone = |index: usize| {
        let sentence = &sentences[index];
        let alone = [index.checked_sub(1), Some(index + 1)]
            .into_iter()
            .flatten()
            .filter_map(|other| sentences.get(other))
            .all(|other| other.paragraph != sentence.paragraph);
        let first_person = document
            .sentence_tokens(index)
            .iter()
            .any(|t| lexicon.first_person.contains(document.tokens.key(t)));
        // A line that opens a quotation it does not close carries the person's words
        // (`Người phát ngôn X nêu rõ: “Việt Nam …`, the quotation going on over paragraphs);
        // a quoted title (`titled “A bridge for all”`) does not.
        let opens_quotation = || {
            let text = document.slice(sentence.span);
            lexicon.quote_marks.iter().any(|&(open, close)| {
                let opened = text.matches(open).count();
                if open == close {
                    opened % 2 == 1
                } else {
                    opened > text.matches(close).count()
                }
            })
        };
        alone && !first_person && !opens_quotation()
    };
    // The person named with a reporting word.
    let reported = |index: usize| {
        let facts = document.facts.get(index);
        (facts.people.first()).filter(|_| !facts.reporting_verbs.is_empty() && about_someone(index))
    };
    let more_follow = sentences.iter().any(|s| s.paragraph > 0);
    let introduced = sentences
        .first()
        .filter(|first| first.paragraph == 0 && more_follow)
        .and_then(|_| {
            (reported(0).cloned())
                .or_else(|| introduced_by_name(document).filter(|_| about_someone(0)))
        });
    let sentences = (0..sentences.len())
        .map(|index| match (&introduced, reported(index)) {
            (Some(_), _) if index == 0 => true,
            (Some(speaker), Some(person)) => person.same_person(&speaker.name_keys),
            _ => false,
        })
        .collect();
    Narration {
        sentences,
        introduced,
    }
}

/// The person named after an introduction's opening words at the start of the first
/// sentence (`Remarks by President Biden`, `Statement by Jens Stoltenberg`): the first person
/// it names with a title, or else the capitalised words right after the opening words.
fn introduced_by_name(document: &Document) -> Option<PersonMention> {
    let range = document.sentences.first()?.tokens();
    let tokens = &document.tokens;
    let keys: Vec<&str> = tokens.keys(&tokens[range.clone()]).collect();
    let opening = document.language.lexicon().introductions.at(&keys, 0)?;
    if let Some(person) = document.facts.get(0).people.first() {
        return Some(person.clone());
    }
    let start = range.start + opening;
    let name_len = tokens[start..range.end]
        .iter()
        .take(INTRODUCED_NAME_MAX_WORDS)
        .take_while(|t| t.kind() == TokenKind::Word && t.capitalized())
        .count();
    let name = start..start + name_len;
    let span = tokens[name.start]
        .span()
        .cover(tokens[name.end.checked_sub(1)?].span());
    (name_len > 0).then(|| PersonMention {
        span,
        tokens: name.clone(),
        name: document.slice(span).to_string(),
        name_keys: tokens.keys(&tokens[name]).map(str::to_string).collect(),
        title: String::new(),
        title_keys: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
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
        // An introduction that goes on to quote the speaker is speech; one that quotes a
        // title is not.
        assert!(
            narrated("Mayor Ana Ruiz said: “We open the bridge today.\n\nThank you.”").is_empty()
        );
        assert_eq!(
            narrated(
                "Full text of the speech by Mayor Ana Ruiz, titled “A bridge”.\n\nWe open it."
            ),
            ["Full text of the speech by Mayor Ana Ruiz, titled “A bridge”."]
        );
    }

    #[test]
    fn an_introduction_names_its_speaker_with_or_without_a_title() {
        let introduced = |text: &str| {
            let document =
                crate::analyze_transcript(&crate::Input::new("t", text), &crate::Config::default());
            let first_is_narration = document.sentences[0].editorial.is_some();
            (document.voices.introduced).map(|(_, person)| (person.name, first_is_narration))
        };
        let speech = "\n\nGood morning. We stand together.\n\nThank you.";
        let by_name = format!("Statement by Jens Stoltenberg{speech}");
        assert_eq!(
            introduced(&by_name),
            Some(("Jens Stoltenberg".into(), true))
        );
        let by_title = format!("Remarks by President Biden in Press Gaggle{speech}");
        assert_eq!(introduced(&by_title), Some(("Biden".into(), true)));
        let office = format!("Press conference by NATO Secretary General Jens Stoltenberg{speech}");
        assert_eq!(introduced(&office), Some(("Jens Stoltenberg".into(), true)));
        // Not at the start, or in the speaker's own words, it introduces nobody.
        assert_eq!(
            introduced(&format!("Read the statement by Jens Stoltenberg{speech}")),
            None
        );
        assert_eq!(
            introduced(&format!("Remarks by me, Jens Stoltenberg{speech}")),
            None
        );
        let vietnamese = "Báo CAND trân trọng giới thiệu toàn văn phát biểu của Bộ trưởng \
                          Lương Tam Quang.\n\nXin chào các đồng chí.";
        assert_eq!(
            introduced(vietnamese),
            Some(("Lương Tam Quang".into(), true))
        );
    }
}
