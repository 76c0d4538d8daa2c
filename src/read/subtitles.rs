//! Subtitles (`.srt`, `.vtt`) read as a transcript.
//!
//! Input: the file's text. Output: the cues' text and its [`Origin`]. Cue numbers and
//! identifiers, timings and cue settings, the `WEBVTT` header and `NOTE`, `STYLE` and `REGION`
//! blocks are dropped, and so are styling tags (`<i>`, `<b>`, `<c.yellow>`, `<00:00:01.000>`,
//! `{\an8}`); WebVTT's entities (`&amp;`, `&nbsp;`) are decoded. A cue's lines, and cue after
//! cue, are joined by a space, so that a sentence split over two cues is one sentence. A
//! speaker's turn starts a line of its own in the form plain-text transcripts have (`NAME:
//! …`), so that the transcript reader ([`crate::facts::voices`]) hears the same voices: a
//! WebVTT voice tag `<v Roger Bingham>` becomes `Roger Bingham: ` (mapped onto the tag) when
//! the voice changes, a line that opens with a label (`>> NAME:`, `NAME:`) starts a new line
//! without its `>>`, and a `>>` alone (another voice, unnamed) does too.
//!
//! Invariants: every byte of the text maps into the file ([`super::map`]); each cue's start
//! time is kept for reports; one pass over the file, and a tag without its end costs no
//! second search, so the cost is linear.

use std::ops::Range;
use std::sync::Arc;

use super::map::{CueTime, Extract, Format, Origin};

/// The most bytes of a label before its colon (`>> SENATOR WARREN:`), for a line to start a
/// turn.
const LABEL_MAX_BYTES: usize = 48;

/// Extracts the cues' text of a subtitle file (`format` is [`Format::Srt`] or
/// [`Format::Vtt`]; the two are read alike).
pub(crate) fn extract(original: &str, format: Format) -> (String, Origin) {
    let mut reader = Reader::default();
    let mut block_start = true;
    let mut in_cue = false;
    let mut skipping = false;
    for line in lines(original) {
        let content = original[line.clone()].trim_end_matches(['\r', ' ', '\t']);
        if content.trim().is_empty() {
            (block_start, in_cue, skipping) = (true, false, false);
            continue;
        }
        if block_start {
            block_start = false;
            let trimmed = content.trim_start_matches('\u{FEFF}');
            skipping = ["WEBVTT", "NOTE", "STYLE", "REGION"]
                .iter()
                .any(|word| opens_with_word(trimmed, word));
        }
        if skipping {
            continue;
        }
        if let Some(time) = timing(content) {
            in_cue = true;
            reader.cue = Some(time);
            continue;
        }
        if in_cue {
            reader.line(original, line.start..line.start + content.len());
        }
    }
    let (text, map) = reader.extract.finish(Arc::from(original));
    (text, Origin::new(format, map, reader.cues, Vec::new()))
}

/// The byte ranges of a text's lines, without their `\n`.
fn lines(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut start = 0;
    text.split('\n').map(move |line| {
        let range = start..start + line.len();
        start = range.end + 1;
        range
    })
}

/// Whether `line` opens with `word` as a whole word (`NOTE`, `NOTE this`, not `NOTES`).
fn opens_with_word(line: &str, word: &str) -> bool {
    line.strip_prefix(word)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
}

/// The start time of a timing line (`00:04:12,500 --> 00:04:15,000`, `04:12.500 --> …`).
pub(crate) fn timing(line: &str) -> Option<CueTime> {
    let (start, _) = line.split_once("-->")?;
    let mut parts = start.trim().split([':', ',', '.']);
    let numbers: Vec<u64> = (&mut parts)
        .take(4)
        .map(|part| part.parse().ok())
        .collect::<Option<_>>()?;
    if parts.next().is_some() {
        return None;
    }
    let (hours, minutes, seconds, millis) = match numbers[..] {
        [h, m, s, ms] => (h, m, s, ms),
        [m, s, ms] => (0, m, s, ms),
        _ => return None,
    };
    Some(CueTime(
        hours
            .saturating_mul(3_600_000)
            .saturating_add(minutes.saturating_mul(60_000))
            .saturating_add(seconds.saturating_mul(1000))
            .saturating_add(millis),
    ))
}

/// The cues' text as it is built.
#[derive(Default)]
struct Reader {
    extract: Extract,
    /// The time of the cue being read, until its first text is added.
    cue: Option<CueTime>,
    /// Where each cue's text starts, with its time.
    cues: Vec<(usize, CueTime)>,
    /// The voice of the last `<v Name>` tag.
    voice: Option<String>,
    /// Where the last text added ends in the original.
    last_end: usize,
}

impl Reader {
    /// Adds one line of cue text, at `range` of `original`.
    fn line(&mut self, original: &str, range: Range<usize>) {
        let mut at = range.start + leading_space(&original[range.clone()]);
        let mut separator = " ";
        let line = &original[at..range.end];
        if let Some(rest) = line.strip_prefix(">>") {
            at += 2 + leading_space(rest);
            separator = "\n";
        } else if starts_with_label(line) {
            separator = "\n";
        }
        let mut first = true;
        for piece in Pieces::new(original, at..range.end) {
            match piece {
                Piece::Voice(name, tag) => {
                    if first && self.voice.as_deref() != Some(name) && !name.is_empty() {
                        self.voice = Some(name.to_string());
                        self.join("\n", tag.start);
                        self.extract.put(&format!("{name}: "), tag.clone());
                        self.last_end = tag.end;
                    }
                }
                Piece::Copy(copied) => {
                    if first {
                        first = false;
                        self.join(separator, copied.start);
                    }
                    self.extract.copy(original, copied.clone());
                    self.last_end = copied.end;
                }
                Piece::Put(text, put) => {
                    if first {
                        first = false;
                        self.join(separator, put.start);
                    }
                    self.extract.put(text, put.clone());
                    self.last_end = put.end;
                }
            }
        }
    }

    /// Before text at `at` of the original: the separator from the last text (mapped onto the
    /// bytes between), unless there is no text yet or it ends with a separator (a voice's
    /// label, `Name: `); and the cue's start, when this is its first text.
    fn join(&mut self, separator: &str, at: usize) {
        let text = self.extract.text();
        if !text.is_empty() && !text.ends_with([' ', '\n']) {
            self.extract.put(separator, self.last_end..at);
        }
        if let Some(time) = self.cue.take() {
            self.cues.push((self.extract.text().len(), time));
        }
    }
}

/// White space at the start of `text`, in bytes.
fn leading_space(text: &str) -> usize {
    text.len() - text.trim_start_matches([' ', '\t']).len()
}

/// Whether a cue line opens with a speaker's label (`NAME:`, `Dr. Smith:`): a capital, then
/// up to [`LABEL_MAX_BYTES`] bytes of letters, spaces, dots, apostrophes and hyphens, and a
/// colon. The transcript reader decides whether it is a turn.
fn starts_with_label(line: &str) -> bool {
    let Some(colon) = line
        .get(..LABEL_MAX_BYTES.min(line.len()) + 1)
        .and_then(|head| {
            head.char_indices()
                .find(|&(_, c)| !(c.is_alphabetic() || matches!(c, ' ' | '.' | '\'' | '-')))
                .filter(|&(_, c)| c == ':')
        })
    else {
        return false;
    };
    colon.0 > 0 && line.starts_with(char::is_uppercase)
}

/// A part of a cue line: text to copy, text to put for an entity, or a voice tag.
enum Piece<'a> {
    Copy(Range<usize>),
    Put(&'static str, Range<usize>),
    Voice(&'a str, Range<usize>),
}

/// The parts of one cue line, tags dropped. A `<` or `{` without its end on the line is text,
/// and once one has no end, no later one is searched for an end.
struct Pieces<'a> {
    original: &'a str,
    at: usize,
    end: usize,
    no_more: [bool; 2],
}

impl<'a> Pieces<'a> {
    fn new(original: &'a str, range: Range<usize>) -> Self {
        Pieces {
            original,
            at: range.start,
            end: range.end,
            no_more: [false; 2],
        }
    }

    /// The end (past its closing byte) of the markup opening at `at` with `open`, if it has one
    /// on the line.
    fn markup_end(&mut self, at: usize, open: u8) -> Option<usize> {
        let (close, slot) = if open == b'<' { (b'>', 0) } else { (b'}', 1) };
        if self.no_more[slot]
            || (open == b'{' && self.original.as_bytes().get(at + 1) != Some(&b'\\'))
        {
            return None;
        }
        let found = self.original.as_bytes()[at..self.end]
            .iter()
            .position(|&b| b == close);
        if found.is_none() {
            self.no_more[slot] = true;
        }
        found.map(|offset| at + offset + 1)
    }
}

impl<'a> Iterator for Pieces<'a> {
    type Item = Piece<'a>;

    fn next(&mut self) -> Option<Piece<'a>> {
        let bytes = self.original.as_bytes();
        while self.at < self.end {
            let start = self.at;
            let special = bytes[start..self.end]
                .iter()
                .position(|&b| matches!(b, b'<' | b'{' | b'&'))
                .map_or(self.end, |offset| start + offset);
            if special > start {
                self.at = special;
                return Some(Piece::Copy(start..special));
            }
            match bytes[start] {
                b'&' => {
                    let entity = ENTITIES
                        .iter()
                        .find(|(name, _)| self.original[start..self.end].starts_with(name));
                    let len = entity.map_or(1, |(name, _)| name.len());
                    self.at = start + len;
                    return Some(match entity {
                        Some((_, text)) => Piece::Put(text, start..self.at),
                        None => Piece::Copy(start..self.at),
                    });
                }
                open => match self.markup_end(start, open) {
                    Some(end) => {
                        self.at = end;
                        let inner = &self.original[start + 1..end - 1];
                        if let Some(name) = voice(inner) {
                            return Some(Piece::Voice(name, start..end));
                        }
                    }
                    None => {
                        self.at = start + 1;
                        return Some(Piece::Copy(start..self.at));
                    }
                },
            }
        }
        None
    }
}

/// The name of a WebVTT voice tag's inside (`v Roger Bingham`, `v.loud Esme`).
fn voice(inner: &str) -> Option<&str> {
    let rest = inner.strip_prefix('v')?;
    let rest = match rest.strip_prefix('.') {
        Some(classes) => classes.split_once([' ', '\t'])?.1,
        None if rest.starts_with([' ', '\t']) => rest,
        None => return None,
    };
    Some(rest.trim())
}

/// WebVTT's character references, and the text each stands for.
const ENTITIES: [(&str, &str); 8] = [
    ("&amp;", "&"),
    ("&lt;", "<"),
    ("&gt;", ">"),
    ("&nbsp;", "\u{A0}"),
    ("&quot;", "\""),
    ("&apos;", "'"),
    ("&lrm;", "\u{200E}"),
    ("&rlm;", "\u{200F}"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Span;
    use crate::read::map::Original;

    fn read(text: &str, format: Format) -> (String, Origin) {
        extract(text, format)
    }

    #[test]
    fn srt_cues_join_into_sentences() {
        let srt = "1\r\n00:00:01,000 --> 00:00:03,000\r\n<i>We signed the treaty</i>\r\n\r\n\
                   2\r\n00:04:12,500 --> 00:04:15,000\r\n{\\an8}with 41 countries.\r\n";
        let (text, origin) = read(srt, Format::Srt);
        assert_eq!(text, "We signed the treaty with 41 countries.");
        let at = text.find("41").unwrap();
        assert_eq!(origin.time(at).unwrap().to_string(), "00:04:12");
        assert_eq!(origin.time(0).unwrap().to_string(), "00:00:01");
        let Original::Bytes { start, end } = origin.original(Span::new(at, at + 2)) else {
            panic!()
        };
        assert_eq!(&srt[start..end], "41");
    }

    #[test]
    fn vtt_voices_become_turns() {
        let vtt = "WEBVTT - a talk\nKind: captions\n\nNOTE who speaks\nsomeone\n\n\
                   STYLE\n::cue { color: red }\n\nintro\n00:01.000 --> 00:04.000 line:0\n\
                   <v Mayor Carter>We will build 300 homes\n\n00:04.000 --> 00:06.000\n\
                   <v Mayor Carter>this year &amp; next.\n\n00:06.000 --> 00:08.000\n\
                   <v.q Reporter>How many?\n\n00:08.000 --> 00:09.000\n>> MAYOR CARTER: Three hundred.\n";
        let (text, _) = read(vtt, Format::Vtt);
        assert_eq!(
            text,
            "Mayor Carter: We will build 300 homes this year & next.\nReporter: How many?\n\
             MAYOR CARTER: Three hundred."
        );
    }

    #[test]
    fn hostile_cues_cost_one_pass() {
        let (text, _) = read("1\n00:00:01,000 --> 00:00:02,000\n\n", Format::Srt);
        assert_eq!(text, "");
        let line = format!(
            "1\n00:00:01,000 --> 00:00:02,000\n{}\n",
            "<a {b &c ".repeat(200_000)
        );
        let (text, _) = read(&line, Format::Srt);
        assert_eq!(text.len(), 200_000 * 9 - 1);
    }
}
