//! Who speaks where in a transcript: the person its introduction names, and the turns of a
//! transcript of several voices (`THE PRESIDENT:`, `Q`, `Phóng viên:` label lines).

use super::{PersonMention, Span};

/// A line of a transcript that opens a speaker's turn with a label; the turn goes on to the
/// next such line, or, for a reporter's question, to the end of its line.
#[derive(Clone, Debug, PartialEq)]
pub struct Turn {
    /// The label as written (`THE PRESIDENT`, `Q`), without its colon.
    pub label: Span,
    /// The voice the label names ([`Voices::voice`]).
    pub voice: u32,
    /// The first sentence that starts inside the turn.
    pub first_sentence: u32,
    /// The first sentence after the turn (the next turn's first, or for a question the first
    /// that starts after its line).
    pub end_sentence: u32,
}

/// Every turn with the same label: one voice of the transcript.
#[derive(Clone, Debug, PartialEq)]
pub struct Voice {
    /// The label's comparison keys, one per word (`the president`, `q`).
    pub keys: Vec<String>,
    /// The label is a reporter's (`Q`, `Phóng viên`): their turns are questions, not the
    /// transcript speaker's words.
    pub reporter: bool,
    /// How many tokens the voice's turns hold, labels included.
    pub tokens: usize,
}

/// Who speaks where in a transcript ([`crate::facts::voices`]). Empty for a summary and for
/// another report.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Voices {
    /// The person the transcript's introduction names (`Statement by Jens Stoltenberg`), with
    /// the introduction's sentence.
    pub introduced: Option<(usize, PersonMention)>,
    /// The turns, in order.
    turns: Vec<Turn>,
    /// The voices the turns' labels name, in order of their first turn.
    voices: Vec<Voice>,
}

impl Voices {
    /// The voices of a transcript: its introduced person, and its turns in order with the
    /// voices they name.
    pub fn new(
        introduced: Option<(usize, PersonMention)>,
        turns: Vec<Turn>,
        voices: Vec<Voice>,
    ) -> Voices {
        Voices {
            introduced,
            turns,
            voices,
        }
    }

    /// The turn sentence `sentence` starts in; `None` before the first turn, after a
    /// question's line until the next turn, and in a transcript without turns.
    pub fn turn_of(&self, sentence: usize) -> Option<&Turn> {
        let after = self
            .turns
            .partition_point(|turn| turn.first_sentence as usize <= sentence);
        (after.checked_sub(1).map(|at| &self.turns[at]))
            .filter(|turn| sentence < turn.end_sentence as usize)
    }

    /// True when a voice of the transcript is a reporter's: questions and answers.
    pub fn questioned(&self) -> bool {
        self.voices.iter().any(|voice| voice.reporter)
    }

    /// The voice a turn's label names.
    pub fn voice(&self, turn: &Turn) -> &Voice {
        &self.voices[turn.voice as usize]
    }

    /// The first turn of the voice that holds most of the transcript's words and is no
    /// reporter's (the first of equals): the transcript's main speaker, by its label.
    pub fn main_turn(&self) -> Option<&Turn> {
        let main = (0..self.voices.len())
            .filter(|&v| !self.voices[v].reporter)
            .max_by_key(|&v| (self.voices[v].tokens, std::cmp::Reverse(v)))?;
        self.turns.iter().find(|turn| turn.voice as usize == main)
    }
}
