//! Narration: the sentences of a transcript that are about its speaker (the publisher's
//! introduction and captions) rather than the speaker's own words.

use crate::model::Document;

/// Which sentences of a transcript are narration about its speaker rather than speech.
///
/// The publisher's introduction: the first paragraph, when more follow, is one sentence that
/// names a person with a title and a reporting word and has no first-person word (`Full text
/// of the speech by Minister X.`). Captions: later sentences alone in their paragraph that
/// name that same person with a reporting word and have no first-person word (`Minister X
/// speaks at the closing session.`). A sentence that quotes is speech: it carries the
/// speaker's words. Without an introduction nothing is narration, so a
/// speech that quotes someone (`Judge Y said the ruling stands.`) stays speech.
pub fn narration(document: &Document) -> Vec<bool> {
    let lexicon = document.language.lexicon();
    let sentences = &document.sentences;
    let about_someone = |index: usize| {
        let sentence = &sentences[index];
        let alone = [index.checked_sub(1), Some(index + 1)]
            .into_iter()
            .flatten()
            .filter_map(|other| sentences.get(other))
            .all(|other| other.paragraph != sentence.paragraph);
        let facts = document.facts.get(index);
        let first_person = document
            .sentence_tokens(index)
            .iter()
            .any(|t| lexicon.first_person.contains(document.tokens.key(t)));
        let person = facts
            .people
            .first()
            .filter(|_| !facts.reporting_verbs.is_empty());
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
        person.filter(|_| alone && !first_person && !opens_quotation())
    };
    let more_follow = sentences.iter().any(|s| s.paragraph > 0);
    let introduced = sentences
        .first()
        .filter(|first| first.paragraph == 0 && more_follow)
        .and_then(|_| about_someone(0));
    (0..sentences.len())
        .map(|index| match (introduced, about_someone(index)) {
            (Some(_), Some(_)) if index == 0 => true,
            (Some(speaker), Some(person)) => person.same_person(&speaker.name_keys),
            _ => false,
        })
        .collect()
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
}
