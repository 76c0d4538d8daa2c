//! Where extracted text came from: the map from every byte of a derived input's text (a
//! subtitle file's cue text, a web page's article, a Word file's paragraphs) back to its place
//! in the original file.
//!
//! Every later stage works on byte spans into the extracted text ([`crate::Input::text`]);
//! only the reporters ask an [`Origin`] where a span is in the file the user has. A plain text
//! file has no origin at all: its text is the file, and nothing is mapped.
//!
//! The map of a text file format (subtitles, HTML) is a list of pieces in order, each a run
//! of extracted text and the bytes of the file it stands for: either copied unchanged (every
//! byte maps to its own), or put in their place (an entity decoded, a line break joined, a
//! speaker's tag written as a label), when the run as a whole maps to the bytes it replaces.
//! A Word file's map is where each paragraph starts: a place is a paragraph and an offset into
//! its text. Looking a place up is a binary search, so reports cost what they did.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use serde::Serialize;

use crate::model::{Editorial, Span};

/// The kind of file an input was read as, chosen by its content ([`super::document`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain UTF-8 text, read as it is.
    Text,
    /// SubRip subtitles (`.srt`).
    Srt,
    /// WebVTT subtitles (`.vtt`).
    Vtt,
    /// A web page (`.html`).
    Html,
    /// A Word file (`.docx`).
    Docx,
}

impl Format {
    /// What people call the format, for messages: `SubRip subtitles (.srt)`.
    pub fn describe(self) -> &'static str {
        match self {
            Format::Text => "plain text",
            Format::Srt => "SubRip subtitles (.srt)",
            Format::Vtt => "WebVTT subtitles (.vtt)",
            Format::Html => "a web page (HTML)",
            Format::Docx => "a Word file (.docx)",
        }
    }
}

/// The time a subtitle cue starts, in milliseconds from the start of the recording.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct CueTime(pub u64);

impl fmt::Display for CueTime {
    /// `00:04:12`: hours, minutes and seconds, as a viewer seeks to it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let seconds = self.0 / 1000;
        write!(
            f,
            "{:02}:{:02}:{:02}",
            seconds / 3600,
            seconds / 60 % 60,
            seconds % 60
        )
    }
}

/// A run of extracted text and the bytes of the original file it stands for. The run ends
/// where the next piece starts (the last where the text ends).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Piece {
    /// Where the run starts in the extracted text.
    text: usize,
    /// Where the bytes it stands for start in the original file.
    original: usize,
    /// How many bytes of the original it stands for.
    original_len: usize,
    /// Whether the run is those bytes, unchanged (then as long as they are).
    copied: bool,
}

/// Builds extracted text and its map at once: text is only ever added with the bytes of the
/// original it stands for, so the map cannot fall out of step with the text.
#[derive(Debug, Default)]
pub(crate) struct Extract {
    text: String,
    pieces: Vec<Piece>,
}

impl Extract {
    /// The text extracted so far.
    pub(crate) fn text(&self) -> &str {
        &self.text
    }

    /// Adds the bytes `range` of `original`, unchanged. `range` lies on character boundaries.
    pub(crate) fn copy(&mut self, original: &str, range: Range<usize>) {
        if range.is_empty() {
            return;
        }
        let continues = self.pieces.last().is_some_and(|last| {
            last.copied
                && last.original + last.original_len == range.start
                && last.text + last.original_len == self.text.len()
        });
        if continues {
            let last = self.pieces.last_mut().expect("checked above");
            last.original_len += range.len();
        } else {
            self.pieces.push(Piece {
                text: self.text.len(),
                original: range.start,
                original_len: range.len(),
                copied: true,
            });
        }
        self.text.push_str(&original[range]);
    }

    /// Adds `text` in the place of the bytes `original` of the file (an entity decoded, a
    /// tag written as a label, a separator standing for the markup between two runs).
    pub(crate) fn put(&mut self, text: &str, original: Range<usize>) {
        if text.is_empty() {
            return;
        }
        self.pieces.push(Piece {
            text: self.text.len(),
            original: original.start,
            original_len: original.len(),
            copied: false,
        });
        self.text.push_str(text);
    }

    /// The text and its map onto `original`.
    pub(crate) fn finish(self, original: Arc<str>) -> (String, Map) {
        (
            self.text,
            Map::Bytes {
                original,
                pieces: self.pieces,
            },
        )
    }
}

/// How extracted text maps onto its file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Map {
    /// A text format: pieces of text onto byte ranges of the file, which is kept for lines
    /// and columns.
    Bytes {
        /// The original file.
        original: Arc<str>,
        /// The pieces, in order, covering the whole text.
        pieces: Vec<Piece>,
    },
    /// A Word file: where each paragraph starts in the text (paragraphs are joined by `\n`).
    Paragraphs(Vec<usize>),
}

/// Where a span of extracted text is in the original file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Original {
    /// Bytes of the file (subtitles, HTML): half-open `start..end`, on character boundaries.
    Bytes {
        /// First byte.
        start: usize,
        /// One past the last byte.
        end: usize,
    },
    /// Places in a Word file's paragraphs: the 1-based paragraph and the byte offset into its
    /// text, of the start and of the end.
    Paragraphs {
        /// 1-based paragraph of the start.
        paragraph: usize,
        /// Byte offset of the start into its paragraph's text.
        offset: usize,
        /// 1-based paragraph of the end.
        end_paragraph: usize,
        /// Byte offset of the end into its paragraph's text.
        end_offset: usize,
    },
}

/// Where an input's text came from, when it was extracted from a file that is not plain
/// text: the format, the map back to the file, the start time of each subtitle cue and the
/// stretches the extraction knows to be editorial (a page's headline, byline, captions).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    /// The format the text was extracted from.
    pub format: Format,
    map: Map,
    /// For subtitles: where each cue's text starts in the extracted text, and its time.
    cues: Vec<(usize, CueTime)>,
    /// Stretches of the extracted text that are news furniture, and what kind.
    pub editorial: Vec<(Span, Editorial)>,
}

impl Origin {
    /// An origin from its parts; `cues` and `editorial` are in text order.
    pub(crate) fn new(
        format: Format,
        map: Map,
        cues: Vec<(usize, CueTime)>,
        editorial: Vec<(Span, Editorial)>,
    ) -> Self {
        Origin {
            format,
            map,
            cues,
            editorial,
        }
    }

    /// The original file as text, for a text format (subtitles, HTML); `None` for a Word file.
    pub fn original_text(&self) -> Option<&str> {
        match &self.map {
            Map::Bytes { original, .. } => Some(original),
            Map::Paragraphs(_) => None,
        }
    }

    /// Where `span` of the extracted text is in the original file.
    pub fn original(&self, span: Span) -> Original {
        match &self.map {
            Map::Bytes { pieces, original } => Original::Bytes {
                start: byte_start(pieces, original.len(), span.start),
                end: byte_end(pieces, span.end).max(byte_start(pieces, original.len(), span.start)),
            },
            Map::Paragraphs(starts) => {
                let (paragraph, offset) = paragraph_of(starts, span.start);
                let (end_paragraph, end_offset) = paragraph_of(starts, span.end);
                Original::Paragraphs {
                    paragraph,
                    offset,
                    end_paragraph,
                    end_offset,
                }
            }
        }
    }

    /// The start time of the subtitle cue that text offset `offset` is in, for subtitles.
    pub fn time(&self, offset: usize) -> Option<CueTime> {
        let cue = self.cues.partition_point(|&(start, _)| start <= offset);
        cue.checked_sub(1)
            .or((!self.cues.is_empty()).then_some(0))
            .map(|cue| self.cues[cue].1)
    }
}

/// The piece text offset `offset` starts in: the last that starts at or before it.
fn piece_at(pieces: &[Piece], offset: usize) -> Option<&Piece> {
    let index = pieces.partition_point(|piece| piece.text <= offset);
    index.checked_sub(1).map(|index| &pieces[index])
}

/// The original byte where text from `offset` on starts: inside a copied run, the same byte;
/// inside or at a put run, the start of the bytes it stands for.
fn byte_start(pieces: &[Piece], original_len: usize, offset: usize) -> usize {
    match piece_at(pieces, offset) {
        Some(piece) if piece.copied => {
            (piece.original + (offset - piece.text)).min(piece.original + piece.original_len)
        }
        Some(piece) => piece.original,
        None => pieces.first().map_or(original_len, |piece| piece.original),
    }
}

/// The original byte where text up to `offset` ends: inside a copied run, the same byte;
/// inside or at the end of a put run, the end of the bytes it stands for.
fn byte_end(pieces: &[Piece], offset: usize) -> usize {
    let index = pieces.partition_point(|piece| piece.text < offset);
    match index.checked_sub(1).map(|index| &pieces[index]) {
        Some(piece) if piece.copied => {
            (piece.original + (offset - piece.text)).min(piece.original + piece.original_len)
        }
        Some(piece) => piece.original + piece.original_len,
        None => pieces.first().map_or(0, |piece| piece.original),
    }
}

/// The 1-based paragraph and the offset into it of text offset `offset`.
fn paragraph_of(starts: &[usize], offset: usize) -> (usize, usize) {
    let index = starts.partition_point(|&start| start <= offset).max(1);
    (index, offset - starts.get(index - 1).copied().unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copied_runs_map_byte_for_byte_and_put_runs_as_a_whole() {
        let original = "<p>Tom &amp; Jerry</p>";
        let mut extract = Extract::default();
        extract.copy(original, 3..7);
        extract.put("&", 7..12);
        extract.copy(original, 12..18);
        let (text, map) = extract.finish(Arc::from(original));
        assert_eq!(text, "Tom & Jerry");
        let origin = Origin::new(Format::Html, map, Vec::new(), Vec::new());
        let bytes = |start, end| match origin.original(Span::new(start, end)) {
            Original::Bytes { start, end } => &original[start..end],
            other => panic!("{other:?}"),
        };
        assert_eq!(bytes(0, 3), "Tom");
        assert_eq!(bytes(4, 5), "&amp;");
        assert_eq!(bytes(0, 11), "Tom &amp; Jerry");
        assert_eq!(bytes(6, 11), "Jerry");
        assert_eq!(bytes(11, 11), "");
    }

    #[test]
    fn paragraphs_count_from_one() {
        let origin = Origin::new(Format::Docx, Map::Paragraphs(vec![0, 4, 5]), vec![], vec![]);
        assert_eq!(
            origin.original(Span::new(1, 6)),
            Original::Paragraphs {
                paragraph: 1,
                offset: 1,
                end_paragraph: 3,
                end_offset: 1
            }
        );
    }

    #[test]
    fn cue_times_show_as_a_viewer_seeks() {
        assert_eq!(CueTime(252_500).to_string(), "00:04:12");
        assert_eq!(CueTime(3_600_000).to_string(), "01:00:00");
    }
}
