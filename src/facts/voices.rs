//! Turns: in a transcript of several voices (a press conference, a briefing, an interview, a
//! meeting), the lines that open with a speaker's label (`THE PRESIDENT: …`, `SG: …`,
//! `Q Mr. President, …`, `Phóng viên: …`), and the voice each sentence is in.
//!
//! A label opens a line: one to four words, the first capitalised, then a colon (`MR. KIRBY:`,
//! `Project Manager:`, `Người phát ngôn:`); or a reporter's label in capitals without one
//! (`Q Mr. President`). A label opens a turn when it is heard more than once, or when the
//! transcript has a reporter's label (questions and answers): a one-off `Thứ nhất:` or
//! `Note:` inside a speech opens no turn. A
//! turn goes on to the next label line; sentences before the first are nobody's turn. Each
//! line is read from its first few tokens, so the cost is linear in the text.

use rustc_hash::FxHashMap as HashMap;

use crate::model::{Document, PersonMention, Span, Token, TokenKind, Turn, Voice, Voices};
use crate::normalize::capitals;

/// The most words of a label.
const LABEL_MAX_WORDS: usize = 4;

/// Who speaks where in a transcript: `introduced` (from [`super::narration`]) and its turns.
pub fn voices(document: &Document, introduced: Option<(usize, PersonMention)>) -> Voices {
    let labels = label_lines(document);
    // Each distinct label once, with the number of lines it opens.
    let mut ids: HashMap<Vec<&str>, u32> = HashMap::default();
    let mut lines_of: Vec<usize> = Vec::new();
    let mut voice_of_line = Vec::with_capacity(labels.len());
    for label in &labels {
        let keys: Vec<&str> = (document.tokens.keys(&document.tokens[label.tokens.clone()]))
            .filter(|key| *key != ".")
            .collect();
        let next = u32::try_from(lines_of.len()).unwrap_or(u32::MAX);
        let id = *ids.entry(keys).or_insert(next);
        if id == next {
            lines_of.push(0);
        }
        lines_of[id as usize] += 1;
        voice_of_line.push(id);
    }
    let mut keys_of: Vec<Vec<String>> = vec![Vec::new(); lines_of.len()];
    for (keys, id) in ids {
        keys_of[id as usize] = keys.into_iter().map(str::to_string).collect();
    }
    let reporter = |id: u32| {
        let keys = &keys_of[id as usize];
        (document.language.lexicon().reporter_labels).at(keys, 0) == Some(keys.len())
    };
    // In a transcript of questions and answers every label opens a turn; elsewhere, the
    // labels heard more than once.
    let questioned = (0..lines_of.len()).any(|id| reporter(id as u32));
    // The labels that open turns, with their voices renumbered in order.
    let mut voices: Vec<Voice> = Vec::new();
    let mut renumbered: HashMap<u32, u32> = HashMap::default();
    let mut turns: Vec<(Turn, usize)> = Vec::new();
    for (label, id) in labels.iter().zip(voice_of_line) {
        if lines_of[id as usize] < 2 && !questioned {
            continue;
        }
        let voice = *renumbered.entry(id).or_insert_with(|| {
            voices.push(Voice {
                keys: keys_of[id as usize].clone(),
                reporter: reporter(id),
                tokens: 0,
            });
            u32::try_from(voices.len() - 1).unwrap_or(u32::MAX)
        });
        let turn = Turn {
            label: label.span,
            voice,
            first_sentence: 0,
        };
        turns.push((turn, label.tokens.start));
    }
    // Each turn's tokens, to the next turn's label, and its first sentence.
    let sentences = &document.sentences;
    let mut sentence = 0;
    for at in 0..turns.len() {
        let start = turns[at].1;
        let end = turns
            .get(at + 1)
            .map_or(document.tokens.len(), |next| next.1);
        voices[turns[at].0.voice as usize].tokens += end - start;
        while sentence < sentences.len() && sentences[sentence].tokens().start < start {
            sentence += 1;
        }
        turns[at].0.first_sentence = u32::try_from(sentence).unwrap_or(u32::MAX);
    }
    Voices::new(
        introduced,
        turns.into_iter().map(|(turn, _)| turn).collect(),
        voices,
    )
}

/// A label at the start of a line.
struct LabelLine {
    /// The label's tokens, without the colon.
    tokens: std::ops::Range<usize>,
    /// The label as written.
    span: Span,
}

/// The labels that open lines, in order.
fn label_lines(document: &Document) -> Vec<LabelLine> {
    let (text, tokens) = (&document.text, &document.tokens);
    let mut labels = Vec::new();
    let mut previous_end = 0;
    for first in 0..tokens.len() {
        let start = tokens[first].span().start;
        let opens_line = first == 0 || text[previous_end..start].contains('\n');
        previous_end = tokens[first].span().end;
        if opens_line && let Some(label) = label_at(document, first) {
            labels.push(label);
        }
    }
    labels
}

/// The label that opens a line at token `first`, if the line opens with one: up to
/// [`LABEL_MAX_WORDS`] words, the first capitalised, then a colon on the same line; or a
/// reporter's label in capitals followed by more of its line (`Q Mr. President`).
fn label_at(document: &Document, first: usize) -> Option<LabelLine> {
    let (text, tokens) = (&document.text, &document.tokens);
    let on_line = |a: &Token, b: &Token| !text[a.span().end..b.span().start].contains('\n');
    let opening = &tokens[first];
    if opening.kind() != TokenKind::Word || !opening.capitalized() {
        return None;
    }
    let label = |end: usize| LabelLine {
        tokens: first..end,
        span: opening.span().cover(tokens[end - 1].span()),
    };
    let (mut words, mut end) = (0, first);
    for at in first..tokens.len().min(first + 2 * LABEL_MAX_WORDS + 1) {
        let current = &tokens[at];
        if at > first && !on_line(&tokens[at - 1], current) {
            break;
        }
        let key = tokens.key(current);
        match current.kind() {
            TokenKind::Word if words < LABEL_MAX_WORDS => (words, end) = (words + 1, at + 1),
            // `MR.`: an abbreviation's dot, touching the word before it.
            TokenKind::Punct if key == "." && tokens[at - 1].span().end == current.span().start => {
            }
            TokenKind::Punct if key == ":" => return Some(label(end)),
            _ => break,
        }
    }
    let reporter = document
        .language
        .lexicon()
        .reporter_labels
        .at(&[tokens.key(opening)], 0);
    let in_capitals = capitals(&text[opening.span().range()]).is_some_and(|letters| letters > 0);
    let line_goes_on = first + 1 < tokens.len() && on_line(opening, &tokens[first + 1]);
    (reporter == Some(1) && in_capitals && line_goes_on).then(|| label(first + 1))
}

#[cfg(test)]
mod tests {
    use crate::{Config, Input, analyze_transcript};

    /// Each sentence's turn label, or `-` before the first turn.
    fn turns(text: &str) -> Vec<String> {
        let document = analyze_transcript(&Input::new("t", text), &Config::default());
        (0..document.sentences.len())
            .map(|s| match document.voices.turn_of(s) {
                Some(turn) => document.slice(turn.label).to_string(),
                None => "-".to_string(),
            })
            .collect()
    }

    #[test]
    fn labels_open_turns_of_several_voices() {
        let gaggle = "Remarks by President Biden in Dover\n\
                      Q Mr. President, do you support the decision?\n\
                      THE PRESIDENT: We are still gathering information.\n\
                      Thank you.\n\
                      Q: Are you worried about escalation?\n\
                      THE PRESIDENT: I am always concerned about that.";
        assert_eq!(
            turns(gaggle),
            [
                "-",
                "Q",
                "THE PRESIDENT",
                "THE PRESIDENT",
                "Q",
                "THE PRESIDENT"
            ]
        );
        let document = analyze_transcript(&Input::new("t", gaggle), &Config::default());
        let main = document.voices.main_turn().expect("a main voice");
        assert_eq!(document.slice(main.label), "THE PRESIDENT");
        // A label heard once in a speech without questions opens no turn.
        let speech = "We open the bridge today.\n\nNote: the bridge is long.\n\nThank you.";
        assert_eq!(turns(speech), ["-", "-", "-"]);
        // Labels heard more than once do (a meeting), and `MR.` keeps its dot.
        let meeting = "MR. KIRBY: Good afternoon.\nMarketing: Hello there.\n\
                       MR. KIRBY: We start now.\nMarketing: Fine.";
        assert_eq!(
            turns(meeting),
            ["MR. KIRBY", "Marketing", "MR. KIRBY", "Marketing"]
        );
        // Vietnamese questions and answers.
        let interview = "PV: Ông đánh giá thế nào về hội nghị?\n\
                         Người phát ngôn: Hội nghị đã thành công tốt đẹp.\n\
                         Phóng viên: Còn kết quả thì sao?";
        assert_eq!(turns(interview), ["PV", "Người phát ngôn", "Phóng viên"]);
        let interview = analyze_transcript(&Input::new("t", interview), &Config::default());
        let main = interview.voices.main_turn().expect("the answering voice");
        assert_eq!(interview.slice(main.label), "Người phát ngôn");
    }

    #[test]
    fn a_label_is_read_from_the_start_of_its_line_only() {
        // Numbers, long openings and colons later in a line open no turn; every line of a
        // transcript labelled on each line is one turn.
        let text = "2:50 P.M.: We begin.\nThe plan we agreed on last week: it holds.\nQ: Why?";
        assert_eq!(turns(text), ["-", "-", "Q"]);
        let many = "Q: Why?\n".repeat(2_000);
        assert!(turns(&many).iter().all(|label| label == "Q"));
    }
}
