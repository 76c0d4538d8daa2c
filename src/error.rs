//! The library's error type: everything that stops a check before it produces a report.
//!
//! Findings are not errors; they are plain data in the [`crate::Report`]. Every path, pair id
//! and piece of file text in an error is untrusted: it is shown through [`printable`], and a
//! file's text only as a bounded [`Excerpt`], so that no input can make an error message
//! long, act on the terminal, or crash the renderer.

use std::sync::Arc;

use miette::{Diagnostic, MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};
use thiserror::Error as ThisError;

use crate::model::printable;

/// Why a check could not run.
#[derive(Debug, ThisError, Diagnostic)]
#[non_exhaustive]
pub enum Error {
    /// The file does not exist.
    #[error("{shown_path}: no such file", shown_path = shown(.path))]
    #[diagnostic(code(crosscheck::input::not_found), help("check the path"))]
    NotFound {
        /// The path as given.
        path: String,
    },
    /// The path names a directory.
    #[error("{shown_path}: is a directory, not a text file", shown_path = shown(.path))]
    #[diagnostic(code(crosscheck::input::directory))]
    Directory {
        /// The path as given.
        path: String,
    },
    /// The file could not be read.
    #[error("{shown_path}: cannot read: {source}", shown_path = shown(.path))]
    #[diagnostic(code(crosscheck::input::unreadable))]
    Unreadable {
        /// The path as given.
        path: String,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
    /// The file has no text (zero bytes, or only white space).
    #[error("{shown_path}: the file is empty", shown_path = shown(.path))]
    #[diagnostic(
        code(crosscheck::input::empty),
        help("both the summary and the source need text to compare")
    )]
    Empty {
        /// The path as given.
        path: String,
    },
    /// The file starts with a UTF-16 byte order mark.
    #[error("{shown_path}: the file is UTF-16 ({byte_order}); crosscheck reads UTF-8", shown_path = shown(.path))]
    #[diagnostic(
        code(crosscheck::input::utf16),
        help(
            "convert it first, for example: iconv -f UTF-16 -t UTF-8 {}",
            shown(path)
        )
    )]
    Utf16 {
        /// The path as given.
        path: String,
        /// `little-endian` or `big-endian`.
        byte_order: &'static str,
    },
    /// The file is not valid UTF-8.
    #[error(
        "{shown_path}: not valid UTF-8 at byte {offset} (line {}, column {})",
        excerpt.line,
        excerpt.column,
        shown_path = shown(.path)
    )]
    #[diagnostic(
        code(crosscheck::input::invalid_utf8),
        help("save the file as UTF-8 (for example: iconv -f WINDOWS-1258 -t UTF-8)")
    )]
    InvalidUtf8 {
        /// The path as given.
        path: String,
        /// Byte offset of the first invalid byte.
        offset: usize,
        /// The line around it, with invalid bytes shown as U+FFFD (shared: errors stay small).
        #[source_code]
        excerpt: Arc<Excerpt>,
        /// Where the first invalid byte is, in the excerpt.
        #[label("this byte is not UTF-8")]
        at: SourceSpan,
    },
    /// The file contains a NUL byte, so it is binary or in a wide encoding.
    #[error("{shown_path}: contains a NUL byte at offset {offset}; is it a text file?", shown_path = shown(.path))]
    #[diagnostic(code(crosscheck::input::binary))]
    Binary {
        /// The path as given.
        path: String,
        /// Byte offset of the first NUL byte.
        offset: usize,
    },
    /// The file is larger than the configured limit.
    #[error("{shown_path}: {size} bytes is more than the limit of {limit} bytes", shown_path = shown(.path))]
    #[diagnostic(
        code(crosscheck::input::too_large),
        help("raise `max-bytes` in crosscheck.toml if the machine has the memory for it")
    )]
    TooLarge {
        /// The path as given.
        path: String,
        /// The file's size.
        size: u64,
        /// The configured limit.
        limit: u64,
    },
    /// A baseline file is not a baseline.
    #[error("{shown_path}: not a crosscheck baseline: {shown_message}", shown_message = shown(.message), shown_path = shown(.path))]
    #[diagnostic(
        code(crosscheck::input::baseline),
        help("write one with: crosscheck baseline SUMMARY SOURCE -o FILE")
    )]
    Baseline {
        /// The path as given.
        path: String,
        /// What is wrong with it.
        message: String,
    },
    /// A list of pairs is not valid as a whole.
    #[error("{shown_path}: not a list of pairs: {shown_message}", shown_message = shown(.message), shown_path = shown(.path))]
    #[diagnostic(
        code(crosscheck::input::pairs),
        help("see the README's section on batches for the forms a pair takes")
    )]
    Pairs {
        /// The list's path.
        path: String,
        /// What is wrong.
        message: String,
    },
    /// One pair of a list is not valid; the other pairs are still checked.
    #[error("{shown_path}: not a valid pair: {shown_message}", shown_message = shown(.message), shown_path = shown(.path))]
    #[diagnostic(
        code(crosscheck::input::pair),
        help("see the README's section on batches for the forms a pair takes")
    )]
    Pair {
        /// The pair's id or place in the list (`<stdin> line 3`).
        path: String,
        /// What is wrong.
        message: String,
    },
    /// A configuration file is not valid.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Config(Box<InvalidConfig>),
    /// The path is not a regular file: a device, a FIFO or a socket would be read without end
    /// or block for ever.
    #[error("{shown_path}: not a regular file (a device, FIFO or socket)", shown_path = shown(.path))]
    #[diagnostic(
        code(crosscheck::input::not_regular),
        help("give a text file, or `-` for standard input")
    )]
    NotRegular {
        /// The path as given.
        path: String,
    },
    /// The file is in a format crosscheck does not read (a PDF, an old Word file, a zip that is
    /// no Word file).
    #[error(
        "{shown_path}: {what}; crosscheck reads plain text, subtitles (.srt, .vtt), web pages \
         (.html) and Word files (.docx)",
        shown_path = shown(.path)
    )]
    #[diagnostic(code(crosscheck::input::unsupported))]
    Unsupported {
        /// The path as given.
        path: String,
        /// What the file is.
        what: &'static str,
        /// What to do instead.
        #[help]
        help: &'static str,
    },
    /// The file is in a format crosscheck reads, but damaged (a Word file whose archive or
    /// XML is broken).
    #[error("{shown_path}: not a readable {format}: {shown_message}", shown_path = shown(.path), shown_message = shown(.message))]
    #[diagnostic(
        code(crosscheck::input::damaged),
        help("open it in the program that made it and save it again, or save it as plain text")
    )]
    Damaged {
        /// The path as given.
        path: String,
        /// The format it claims (`Word file (.docx)`).
        format: &'static str,
        /// What is wrong with it.
        message: String,
    },
    /// The command line cannot be run as given.
    #[error("{}", shown(.message))]
    #[diagnostic(code(crosscheck::usage))]
    Usage {
        /// What is wrong.
        message: String,
    },
    /// An output file could not be written.
    #[error(
        "{shown_path}: cannot write the report: {shown_reason}",
        shown_path = shown(.path),
        shown_reason = shown(&.reason.to_string())
    )]
    #[diagnostic(code(crosscheck::output::unwritable))]
    Output {
        /// The output path as given.
        path: String,
        /// Why: what the operating system said, or what crosscheck refuses. Part of the
        /// message, not a cause of its own, so that it is said once.
        reason: std::io::Error,
    },
}

/// Why a configuration file is not valid, with the place in it when the parser knows.
#[derive(Debug, ThisError, Diagnostic)]
#[error("{}: invalid configuration: {}", shown(.path), shown(.message))]
#[diagnostic(
    code(crosscheck::input::config),
    help("the README's section on crosscheck.toml lists every key")
)]
pub struct InvalidConfig {
    /// The path as given.
    pub path: String,
    /// What is wrong with it, with the line and column when the parser knows them.
    pub message: String,
    /// The line around the problem (empty when the parser does not know where it is).
    #[source_code]
    pub excerpt: Excerpt,
    /// Where the problem is in the excerpt, when the parser knows.
    #[label("here")]
    pub at: Option<SourceSpan>,
}

/// The most characters of a path, id or message an error shows.
const SHOWN_CHARS: usize = 300;

/// Untrusted text as an error shows it: [`printable`], and cut to [`SHOWN_CHARS`] characters
/// with `…` when longer.
pub fn shown(text: &str) -> String {
    match text.char_indices().nth(SHOWN_CHARS) {
        Some((cut, _)) => format!("{}…", printable(&text[..cut])),
        None => printable(text).into_owned(),
    }
}

/// At most this many characters of a line are shown on each side of the place an error points
/// at, so that an error message stays a few lines long whatever the input.
const EXCERPT_SIDE_CHARS: usize = 60;

/// A bounded view of the one line around the place an error points at: what an error shows
/// of an untrusted file instead of the file itself (a 10 MB one-line file must not reach the
/// terminal, and miette cannot render columns past 65,535).
///
/// At most [`EXCERPT_SIDE_CHARS`] characters on each side, cut on character boundaries, with
/// control, line-separator and bidi characters shown as escapes ([`printable`]); the label
/// still points at the right characters, and miette shows the place's true line and column.
#[derive(Clone, Debug)]
pub struct Excerpt {
    /// The file's name, made printable.
    name: String,
    /// The shown part of the line.
    window: String,
    /// Where the label goes in `window`.
    at: SourceSpan,
    /// The place's line, counting from 1.
    pub line: usize,
    /// The place's column in characters, counting from 1.
    pub column: usize,
    /// The column, counting from 0, of the first character of `window`.
    window_column: usize,
}

impl Excerpt {
    /// The excerpt of `text` (named `name`) around the bytes `at`, which must start on a
    /// character boundary; an `at` past the end points at the end.
    pub fn new(name: &str, text: &str, at: std::ops::Range<usize>) -> Excerpt {
        let mut start = at.start.min(text.len());
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        let before = &text[..start];
        let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
        let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
        let column = text[line_start..start].chars().count() + 1;
        let shown_before: Vec<char> = text[line_start..start]
            .chars()
            .rev()
            .take(EXCERPT_SIDE_CHARS)
            .collect();
        let window_column = column - 1 - shown_before.len();
        let mut window: String = shown_before.iter().rev().map(|&c| escape(c)).collect();
        let label_start = window.len();
        let mut label_end = label_start;
        for (offset, c) in text[start..]
            .char_indices()
            .take_while(|&(_, c)| c != '\n')
            .take(EXCERPT_SIDE_CHARS)
        {
            window.push_str(&escape(c));
            if start + offset < at.end.max(start + 1) {
                label_end = window.len();
            }
        }
        if label_end == label_start {
            // The place is the end of the line: a space to put the label on.
            window.push(' ');
            label_end = window.len();
        }
        Excerpt {
            name: printable(name).into_owned(),
            window,
            at: (label_start..label_end).into(),
            line,
            column,
            window_column,
        }
    }

    /// Where the label goes, as a span of this excerpt.
    pub fn at(&self) -> SourceSpan {
        self.at
    }

    /// `message` led by the place it is about: `line 3, column 5: …`.
    pub fn placed(&self, message: &str) -> String {
        format!("line {}, column {}: {message}", self.line, self.column)
    }
}

/// One character as it is shown in an excerpt.
fn escape(c: char) -> String {
    printable(c.encode_utf8(&mut [0; 4])).into_owned()
}

impl SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        // The window is one line, so context lines add nothing past it.
        let contents = self
            .window
            .read_span(span, context_lines_before, context_lines_after)?;
        // Escapes make the window wider than the line: the label's own column is known.
        let column = if *span == self.at {
            self.column - 1
        } else {
            self.window_column + contents.column()
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            contents.data(),
            *contents.span(),
            self.line - 1,
            column,
            1,
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_excerpt_is_one_bounded_printable_line_with_the_true_place() {
        let text = format!(
            "first\n{}\u{1b}[31m{}é{}\nlast",
            "a".repeat(100_000),
            "b",
            "c".repeat(100)
        );
        let at = text.find('é').unwrap();
        let excerpt = Excerpt::new("name\n.txt", &text, at..at + 'é'.len_utf8());
        assert_eq!((excerpt.line, excerpt.column), (2, 100_000 + 1 + 4 + 1 + 1));
        assert_eq!(excerpt.name, "name\\u{a}.txt");
        assert!(excerpt.window.chars().count() <= 2 * EXCERPT_SIDE_CHARS + 8);
        assert!(!excerpt.window.contains('\u{1b}') && excerpt.window.contains("\\u{1b}[31m"));
        let at = excerpt.at();
        assert_eq!(&excerpt.window[at.offset()..at.offset() + at.len()], "é");
    }

    #[test]
    fn an_excerpt_at_the_end_of_a_line_has_a_place_for_its_label() {
        let excerpt = Excerpt::new("f", "a = \nb", 4..5);
        assert_eq!((excerpt.line, excerpt.column), (1, 5));
        assert_eq!(excerpt.window, "a =  ");
        assert_eq!(excerpt.at(), SourceSpan::from(4..5));
    }

    #[test]
    fn shown_text_is_printable_and_cut() {
        assert_eq!(shown("a\u{1b}b"), "a\\u{1b}b");
        let long = shown(&"x".repeat(10_000));
        assert_eq!(long.chars().count(), SHOWN_CHARS + 1);
        assert!(long.ends_with('…'));
    }
}
