//! Turns: in a transcript of several voices (a press conference, a briefing, an interview, a
//! meeting), the lines that open with a speaker's label (`THE PRESIDENT: …`, `SG: …`,
//! `Q Mr. President, …`, `Phóng viên: …`), and the voice each sentence is in.
//!
//! A label opens a line: one to ten words, the first capitalised and at most four not, with
//! hyphens inside
//! (`MS. JEAN-PIERRE`) and a note in brackets before the colon (`THE PRESIDENT (via
//! interpreter):`), then a colon (`MR. KIRBY:`, `Project Manager:`, `Bộ trưởng Nguyễn Hồng
//! Diên:`); or a reporter's label in capitals without one (`Q Mr. President`), only in a
//! transcript where some other label has its colon (not `Q Street` or `PV Power` in a speech).
//! Enumerations (`Thứ nhất:`, `First:`) are no labels. In a transcript of questions and
//! answers (it has a reporter's label) every label opens a turn; otherwise labels open turns
//! only when they open more than half of its lines (a meeting), and are heard more than once:
//! `Goal:` twice in a speech opens none. Nor do reported words (`I said:`, `We told them:`). A turn goes on to the next label line, a question to
//! the end of its line; sentences outside every turn are nobody's. Each line is read from its
//! first few tokens, so the cost is linear in the text.

use rustc_hash::FxHashMap as HashMap;

use crate::lang::Lexicon;
use crate::model::{Document, PersonMention, Span, Token, TokenKind, Turn, Voice, Voices};
use crate::normalize::capitals;

/// The most words of a label (a Vietnamese title and full name: `Người phát ngôn Bộ Ngoại giao
/// Phạm Thu Hằng` is nine).
const LABEL_MAX_WORDS: usize = 10;

/// The most words of a label that are not capitalised (`phát ngôn`, `giao` above): a label is
/// a name or a title, not the opening of a sentence (`The plan we agreed on last week:`).
const LABEL_MAX_LOWERCASE: usize = 4;

/// The most tokens of a bracketed note between a label and its colon (`(via interpreter)`).
const NOTE_MAX_TOKENS: usize = 6;

/// Who speaks where in a transcript: `introduced` (from [`super::narration`]) and its turns.
pub fn voices(document: &Document, introduced: Option<(usize, PersonMention)>) -> Voices {
    let lexicon = document.language.lexicon();
    // Each label line with its words' keys (without an abbreviation's dot).
    let mut labels: Vec<(LabelLine, Vec<&str>)> = (label_lines(document).into_iter())
        .map(|label| {
            let keys = (document.tokens.keys(&document.tokens[label.tokens.clone()]))
                .filter(|key| *key != ".")
                .collect();
            (label, keys)
        })
        .collect();
    // A reporter's label without a colon only beside another voice's label with one.
    let answered = (labels.iter()).any(|(label, keys)| label.colon && !is_reporter(lexicon, keys));
    labels.retain(|(label, _)| label.colon || answered);
    let lines = document
        .text
        .lines()
        .filter(|line| !line.trim().is_empty())
        .count();
    // Each distinct label once, with the number of lines it opens.
    let mut ids: HashMap<Vec<&str>, u32> = HashMap::default();
    let mut lines_of: Vec<usize> = Vec::new();
    let mut voice_of_line = Vec::with_capacity(labels.len());
    for (_, keys) in &labels {
        let next = u32::try_from(lines_of.len()).unwrap_or(u32::MAX);
        let id = *ids.entry(keys.clone()).or_insert(next);
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
    let reporter = |id: u32| is_reporter(lexicon, &keys_of[id as usize]);
    // In a transcript of questions and answers every label opens a turn; elsewhere, in a
    // transcript labelled on at least half of its lines, the labels heard more than once.
    let questioned = (0..lines_of.len()).any(|id| reporter(id as u32));
    let labelled = 2 * labels.len() > lines;
    // The labels that open turns, with their voices renumbered in order.
    let mut voices: Vec<Voice> = Vec::new();
    let mut renumbered: HashMap<u32, u32> = HashMap::default();
    let mut turns: Vec<(Turn, usize, Option<usize>)> = Vec::new();
    for ((label, _), id) in labels.iter().zip(voice_of_line) {
        if !questioned && (lines_of[id as usize] < 2 || !labelled) {
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
            end_sentence: 0,
        };
        let line_end = reporter(id).then_some(label.line_end);
        turns.push((turn, label.tokens.start, line_end));
    }
    // Each turn's tokens, to the next turn's label (a question's, to the end of its line),
    // and its first sentence and the first after it.
    let sentences = &document.sentences;
    let first_from = |from: usize, token: usize| {
        (from..sentences.len())
            .find(|&s| sentences[s].tokens().start >= token)
            .unwrap_or(sentences.len())
    };
    let mut sentence = 0;
    for at in 0..turns.len() {
        let start = turns[at].1;
        let next = turns
            .get(at + 1)
            .map_or(document.tokens.len(), |next| next.1);
        let end = turns[at].2.map_or(next, |line_end| line_end.min(next));
        voices[turns[at].0.voice as usize].tokens += end - start;
        sentence = first_from(sentence, start);
        let after = first_from(sentence, end).max(sentence + 1);
        turns[at].0.first_sentence = u32::try_from(sentence).unwrap_or(u32::MAX);
        turns[at].0.end_sentence = u32::try_from(after).unwrap_or(u32::MAX);
    }
    Voices::new(
        introduced,
        turns.into_iter().map(|(turn, ..)| turn).collect(),
        voices,
    )
}

/// True when a label's keys are a reporter's label, whole (`Q`, `Phóng viên`).
fn is_reporter<S: AsRef<str>>(lexicon: &Lexicon, keys: &[S]) -> bool {
    lexicon.reporter_labels.at(keys, 0) == Some(keys.len())
}

/// A label at the start of a line.
struct LabelLine {
    /// The label's tokens, without the colon.
    tokens: std::ops::Range<usize>,
    /// The label as written.
    span: Span,
    /// Whether a colon follows it (`Q:`), rather than the line going on (`Q Mr. President`).
    colon: bool,
    /// The first token after the label's line.
    line_end: usize,
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
/// [`LABEL_MAX_WORDS`] words, the first capitalised and none an enumeration's opening, joined
/// by hyphens or an abbreviation's dot, then a colon on the same line, with at most a bracketed
/// note before it; or a reporter's label in capitals followed by more of its line (`Q Mr.
/// President`).
fn label_at(document: &Document, first: usize) -> Option<LabelLine> {
    let (text, tokens) = (&document.text, &document.tokens);
    let lexicon = document.language.lexicon();
    let on_line = |a: &Token, b: &Token| !text[a.span().end..b.span().start].contains('\n');
    let opening = &tokens[first];
    if opening.kind() != TokenKind::Word || !opening.capitalized() {
        return None;
    }
    let touching = |at: usize| tokens[at - 1].span().end == tokens[at].span().start;
    // The first token after the line, looked for no further than the label could reach.
    let reach = tokens
        .len()
        .min(first + 2 * LABEL_MAX_WORDS + NOTE_MAX_TOKENS + 2);
    let line_end = |from: usize| {
        (from + 1..tokens.len())
            .find(|&at| !on_line(&tokens[at - 1], &tokens[at]))
            .unwrap_or(tokens.len())
    };
    let label = |end: usize, colon: bool| LabelLine {
        tokens: first..end,
        span: opening.span().cover(tokens[end - 1].span()),
        colon,
        line_end: line_end(end),
    };
    let (mut words, mut lowercase, mut end, mut note) = (0, 0, first, None);
    for at in first..reach {
        let current = &tokens[at];
        if at > first && !on_line(&tokens[at - 1], current) {
            break;
        }
        let key = tokens.key(current);
        match current.kind() {
            _ if note.is_some_and(|open: usize| at - open > NOTE_MAX_TOKENS) => break,
            _ if note.is_some() && key != ")" => {}
            TokenKind::Punct if key == ")" => note = None,
            TokenKind::Word if note.is_none() && words < LABEL_MAX_WORDS && end == at => {
                lowercase += usize::from(!current.capitalized());
                if lowercase > LABEL_MAX_LOWERCASE {
                    break;
                }
                (words, end) = (words + 1, at + 1);
            }
            // `MR.`, `JEAN-PIERRE`: an abbreviation's dot or a hyphen, touching the word
            // before it (and for a hyphen, the word after it).
            TokenKind::Punct if key == "." && touching(at) && end == at => end = at + 1,
            TokenKind::Punct if key == "-" && touching(at) && end == at => end = at + 1,
            TokenKind::Punct if key == "(" && words > 0 => note = Some(at),
            TokenKind::Punct if key == ":" && words > 0 => {
                let keys: Vec<&str> = tokens.keys(&tokens[first..end]).collect();
                let enumeration = lexicon.enumeration_openers.at(&keys, 0).is_some();
                // `I said:`, `We told them:` report speech; they name no voice.
                let reported = (0..keys.len()).any(|at| {
                    lexicon.first_person.contains(keys[at])
                        || lexicon.reporting_verbs.at(&keys, at).is_some()
                });
                return (!enumeration && !reported && tokens.key(&tokens[end - 1]) != "-")
                    .then(|| label(end, true));
            }
            _ => break,
        }
    }
    let reporter = lexicon.reporter_labels.at(&[tokens.key(opening)], 0);
    let in_capitals = capitals(&text[opening.span().range()]).is_some_and(|letters| letters > 0);
    let line_goes_on = first + 1 < tokens.len() && on_line(opening, &tokens[first + 1]);
    (reporter == Some(1) && in_capitals && line_goes_on).then(|| label(first + 1, false))
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
    fn labels_as_transcripts_write_them_and_lines_that_are_none() {
        // Hyphens, a bracketed note, a Vietnamese title with a full name.
        let briefing = "Q: Will the talks resume?\n\
                        MS. JEAN-PIERRE: They will resume on Tuesday.\n\
                        Q: And the summit?\n\
                        THE PRESIDENT (via interpreter): We will meet in May.\n\
                        PV: Còn dự án thì sao?\n\
                        Bộ trưởng Nguyễn Hồng Diên: Năm tới chúng tôi sẽ khởi công.";
        assert_eq!(
            turns(briefing),
            [
                "Q",
                "MS. JEAN-PIERRE",
                "Q",
                "THE PRESIDENT",
                "PV",
                "Bộ trưởng Nguyễn Hồng Diên"
            ]
        );
        // A question's turn ends with its line: the answer after it is nobody's turn.
        let interview = "Q: How did it start?\nIt started in the spring, with two of us.";
        assert_eq!(turns(interview), ["Q", "-"]);
        // No reporter without another voice's label; enumerations, reported words and
        // headings of a speech open no turn.
        for speech in [
            "PV Power đã hoàn thành nhà máy.\nChúng tôi cảm ơn.",
            "Q Street will be closed on Monday.\nThank you all.",
            "Goal: a new bridge.\nCost: ten million.\nWe start today, and we finish in the \
             spring.\nGoal: a new school.\nCost: five million.\nWe build it with the city, \
             and the state pays.\nIt will open next year.\nThank you.",
            "Last year they asked me.\nI said: we will open it.\nI told them: soon.\n\
             I said: the state pays.\nI told them: four lanes.",
        ] {
            assert!(turns(speech).iter().all(|t| t == "-"), "{speech}");
        }
        let answer = "Q: What will you do?\nA: Thứ nhất: we talk.\nThứ nhất: we wait.";
        assert!(!turns(answer).iter().any(|t| t.starts_with("Thứ")));
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
