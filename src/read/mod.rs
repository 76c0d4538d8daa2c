//! Stage 1, **read**: a path to an [`Input`] (the file's text, or the text extracted from it).
//!
//! Input: a path, or `-` for standard input. Output: an [`Input`] whose `text` is valid UTF-8.
//! A plain text file's `text` is its bytes: nothing is rewritten (a UTF-8 byte order mark and
//! CRLF line ends stay in the text and later stages treat them as white space), so byte
//! offsets into `text` are byte offsets into the file, and the input has no [`Origin`].
//!
//! A summary or a source ([`document`]) may also be a derived input, its format chosen by its
//! content ([`detect`]), the extension only a hint: subtitles (`read/subtitles.rs`), a web
//! page (`read/html.rs`) or a Word file (`read/docx.rs`). Its `text` is the text extracted
//! from the file, and its [`Origin`] maps every byte of that text back to its place in the
//! file ([`map`]): every later stage works on spans into the extracted text, and the reporters
//! show the place in the file. What crosscheck cannot read (a PDF, an old `.doc`, a zip that
//! is no Word file) is an [`Error`] that says what to do instead.

mod docx;
mod html;
pub mod map;
mod subtitles;

use std::fs;
use std::io::{self, ErrorKind, Read};
use std::path::Path;
use std::sync::Arc;

use crate::error::{Error, Excerpt};

pub use map::{CueTime, Format, Origin, Original};

/// A document's text with the path it came from, and where the text came from when it was
/// extracted from another format.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Input {
    /// The path as given by the user, used in reports.
    pub path: String,
    /// The text: byte for byte as in a plain text file, or the text extracted from a derived
    /// input; shared with the analysed document, not copied.
    pub text: Arc<str>,
    /// Where the text came from, for a derived input; `None` for plain text.
    pub origin: Option<Arc<Origin>>,
    /// What the reader should know of how the file was read (a file whose extension said
    /// another format than its content); shown with the report's notes.
    pub notes: Vec<String>,
    /// The files the text joins, when several sources are read as one ([`join`]); empty for
    /// one file.
    pub parts: Arc<[Part]>,
}

/// One of several files read as one source ([`join`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Part {
    /// The path as given by the user.
    pub path: String,
    /// Where the file's text starts in the joined text.
    pub start: usize,
    /// Where the file's text came from, for a derived input; `None` for plain text.
    pub origin: Option<Arc<Origin>>,
}

/// What comes between two files' texts in a joined source: a blank line, which ends a
/// sentence and a paragraph, so that no sentence runs from one file into the next and each
/// file's text starts a line.
pub const PART_BREAK: &str = "\n\n";

/// The files at `paths` ([`document`]) read as one source ([`join`]); the first error, if any.
pub fn sources<P: AsRef<Path>>(paths: &[P], max_bytes: u64) -> Result<Input, Error> {
    let inputs = (paths.iter())
        .map(|path| document(path.as_ref(), max_bytes))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(join(inputs))
}

/// Several sources read as one: their texts one after another, [`PART_BREAK`] apart, with
/// each file's path and origin ([`Input::parts`]) so that reports can say which file, and
/// where in it, each span is. The joined input's path lists the files' paths. One input is
/// returned as it is.
pub fn join(inputs: Vec<Input>) -> Input {
    if inputs.len() == 1 {
        return inputs.into_iter().next().expect("one input");
    }
    let mut text = String::with_capacity(
        (inputs
            .iter()
            .map(|input| input.text.len() + PART_BREAK.len()))
        .sum(),
    );
    let mut parts = Vec::with_capacity(inputs.len());
    let mut notes = Vec::new();
    for input in inputs {
        if !parts.is_empty() {
            text.push_str(PART_BREAK);
        }
        parts.push(Part {
            path: input.path,
            start: text.len(),
            origin: input.origin,
        });
        text.push_str(&input.text);
        notes.extend(input.notes);
    }
    let paths: Vec<&str> = parts.iter().map(|part| part.path.as_str()).collect();
    Input {
        path: paths.join(", "),
        text: Arc::from(text),
        origin: None,
        notes,
        parts: parts.into(),
    }
}

impl Input {
    /// The origin of each derived file of the text, with where its text starts: the input's
    /// own at 0, or each file's of several joined ([`join`]).
    pub fn origins(&self) -> impl Iterator<Item = (usize, &Origin)> {
        let own = self.origin.as_deref().map(|origin| (0, origin));
        let parts = (self.parts.iter())
            .filter_map(|part| part.origin.as_deref().map(|origin| (part.start, origin)));
        own.into_iter().chain(parts)
    }

    /// An input from plain text already in memory.
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        Input {
            path: path.into(),
            text: Arc::from(text.into()),
            origin: None,
            notes: Vec::new(),
            parts: Arc::new([]),
        }
    }
}

/// The path that names standard input.
pub const STDIN: &str = "-";

/// The name standard input goes by in reports and errors.
pub const STDIN_NAME: &str = "<stdin>";

/// Reads a UTF-8 text file of at most `max_bytes` bytes, or standard input for `-`
/// (named `<stdin>`).
///
/// # Errors
/// A missing file, a directory, a device, FIFO or socket, an unreadable, empty, oversized,
/// UTF-16, binary or otherwise non-UTF-8 file is an [`Error`] naming the path.
pub fn read(path: &Path, max_bytes: u64) -> Result<Input, Error> {
    let (shown, bytes) = read_bytes(path, max_bytes)?;
    decode(shown, bytes)
}

/// Reads at most `max_bytes` bytes of a regular file, or of standard input for `-`, with the
/// name to show for it. This is the one way crosscheck reads a file: the size the file system
/// reports is not trusted (it is 0 for `/dev/zero` and for pipes), so the bytes are read
/// through a hard cap; what is not a regular file is refused before it is opened, so that a
/// device is not read without end and a FIFO does not block.
///
/// # Errors
/// A missing file, a directory, anything but a regular file, an unreadable or oversized file.
pub fn read_bytes(path: &Path, max_bytes: u64) -> Result<(String, Vec<u8>), Error> {
    if path == Path::new(STDIN) {
        let bytes = read_capped(io::stdin().lock(), STDIN_NAME, max_bytes)?;
        return Ok((STDIN_NAME.to_string(), bytes));
    }
    let shown = path.display().to_string();
    let metadata = fs::metadata(path).map_err(|source| io_error(&shown, source))?;
    if metadata.is_dir() {
        return Err(Error::Directory { path: shown });
    }
    if !metadata.is_file() {
        return Err(Error::NotRegular { path: shown });
    }
    if metadata.len() > max_bytes {
        return Err(Error::TooLarge {
            path: shown,
            size: metadata.len(),
            limit: max_bytes,
        });
    }
    let file = fs::File::open(path).map_err(|source| io_error(&shown, source))?;
    let bytes = read_capped(file, &shown, max_bytes)?;
    Ok((shown, bytes))
}

/// Reads `reader` to its end, refusing it as soon as it has more than `max_bytes` bytes.
fn read_capped(reader: impl Read, shown: &str, max_bytes: u64) -> Result<Vec<u8>, Error> {
    let mut bytes = Vec::new();
    reader
        .take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|source| io_error(shown, source))?;
    if bytes.len() as u64 > max_bytes {
        return Err(Error::TooLarge {
            path: shown.to_string(),
            size: bytes.len() as u64,
            limit: max_bytes,
        });
    }
    Ok(bytes)
}

/// Checks that `bytes` are usable UTF-8 text and wraps them as an [`Input`].
///
/// # Errors
/// See [`read`].
pub fn decode(path: String, bytes: Vec<u8>) -> Result<Input, Error> {
    match bytes.as_slice() {
        [0xFF, 0xFE, ..] => {
            return Err(Error::Utf16 {
                path,
                byte_order: "little-endian",
            });
        }
        [0xFE, 0xFF, ..] => {
            return Err(Error::Utf16 {
                path,
                byte_order: "big-endian",
            });
        }
        _ => {}
    }
    // A NUL byte is told before any invalid UTF-8: it says binary, where a byte that is not
    // UTF-8 says another text encoding.
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(Error::Binary { path, offset });
    }
    let text = utf8(path.as_str(), bytes)?;
    if text.chars().all(|c| c.is_whitespace() || c == '\u{FEFF}') {
        return Err(Error::Empty { path });
    }
    Ok(Input::new(path, text))
}

/// Reads a summary or a source of at most `max_bytes` bytes, or standard input for `-`: plain
/// text, subtitles, a web page or a Word file, by its content ([`detect`]). When the extension
/// names another format than the content, the content wins and the input's `note` says so.
///
/// # Errors
/// As [`read`]; and a format crosscheck does not read ([`Error::Unsupported`]: a PDF, an old
/// Word `.doc`, a zip that is no Word file), or a damaged Word file ([`Error::Damaged`]), or
/// a file with no text once extracted ([`Error::Empty`]).
pub fn document(path: &Path, max_bytes: u64) -> Result<Input, Error> {
    let (shown, bytes) = read_bytes(path, max_bytes)?;
    let hint = path
        .extension()
        .and_then(|extension| extension.to_str())
        .map(str::to_ascii_lowercase);
    from_bytes(shown, bytes, hint.as_deref(), max_bytes)
}

/// An input from a file's bytes, read by their content ([`detect`]); `extension` (lower
/// case, without its dot) is only checked against it.
///
/// # Errors
/// See [`document`].
pub fn from_bytes(
    path: String,
    bytes: Vec<u8>,
    extension: Option<&str>,
    max_bytes: u64,
) -> Result<Input, Error> {
    if let Some((what, help)) = unsupported(&bytes) {
        return Err(Error::Unsupported { path, what, help });
    }
    let (format, text, origin) = if bytes.starts_with(ZIP) {
        if !docx::is_docx(&bytes) {
            return Err(Error::Unsupported {
                path,
                what: "a zip archive, but not a Word file (it has no word/document.xml)",
                help: "crosscheck reads .docx; unpack the archive, or save other documents \
                       (.odt, .pages, .epub) as .docx or plain text",
            });
        }
        let (text, origin) = docx::extract(&path, &bytes, max_bytes)?;
        (Format::Docx, Arc::from(text), Some(origin))
    } else {
        let original = decode(path.clone(), bytes).map_err(|error| match extension {
            Some("docx")
                if matches!(
                    error,
                    Error::InvalidUtf8 { .. } | Error::Binary { .. } | Error::Utf16 { .. }
                ) =>
            {
                Error::Damaged {
                    path: path.clone(),
                    format: docx::NAME,
                    message: "it is not a zip archive, as every .docx is".into(),
                }
            }
            _ => error,
        })?;
        match detect(&original.text) {
            format @ (Format::Srt | Format::Vtt) => {
                let (text, origin) = subtitles::extract(&original.text, format);
                (format, Arc::from(text), Some(origin))
            }
            Format::Html => {
                let (text, origin) = html::extract(&original.text);
                (Format::Html, Arc::from(text), Some(origin))
            }
            _ => (Format::Text, original.text, None),
        }
    };
    if origin.is_some() && text.chars().all(|c| c.is_whitespace() || c == '\u{FEFF}') {
        return Err(Error::Empty { path });
    }
    let note = extension
        .and_then(|extension| named_format(extension).map(|named| (extension, named)))
        .filter(|&(_, named)| named != format)
        .map(|(extension, _)| {
            format!(
                "{}: read as {} by its content, although its extension is .{extension}",
                crate::model::printable(&path),
                format.describe()
            )
        });
    Ok(Input {
        path,
        text,
        origin: origin.map(Arc::new),
        notes: note.into_iter().collect(),
        parts: Arc::new([]),
    })
}

/// The first bytes of a zip archive (a `.docx` is one).
const ZIP: &[u8] = b"PK\x03\x04";

/// What a file crosscheck cannot read is, by its first bytes, and what to do instead.
fn unsupported(bytes: &[u8]) -> Option<(&'static str, &'static str)> {
    if bytes.starts_with(b"%PDF-") {
        Some((
            "a PDF",
            "extract its text first, for example: pdftotext -layout FILE out.txt",
        ))
    } else if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        Some((
            "an old Word file (.doc) or a password-protected Office file",
            "save it as .docx or plain text (Word: File > Save As; or: libreoffice --headless \
             --convert-to docx FILE)",
        ))
    } else if bytes.starts_with(b"{\\rtf") {
        Some((
            "a Rich Text file (.rtf)",
            "save it as .docx or plain text (or: libreoffice --headless --convert-to docx FILE)",
        ))
    } else if [
        &b"\x89PNG\r\n\x1a\n"[..],
        b"\xFF\xD8\xFF",
        b"GIF87a",
        b"GIF89a",
    ]
    .iter()
    .any(|signature| bytes.starts_with(signature))
    {
        Some((
            "an image (PNG, JPEG or GIF)",
            "crosscheck compares texts: give the text of the article or transcript",
        ))
    } else if [&b"\x1F\x8B"[..], b"7z\xBC\xAF\x27\x1C", b"\xFD7zXZ\x00"]
        .iter()
        .any(|signature| bytes.starts_with(signature))
    {
        Some((
            "a compressed file (gzip, 7z or xz)",
            "unpack it first, and give the text file inside",
        ))
    } else if bytes.starts_with(b"\x7FELF") {
        Some((
            "a program (an ELF executable)",
            "give the text of the article or transcript",
        ))
    } else {
        None
    }
}

/// The format a text's content shows: `WEBVTT` on its first line is WebVTT; a cue number over
/// a timing line (`1` then `00:00:01,000 --> …`) is SubRip; `<!doctype html` or `<html` (after
/// white space and comments) is a web page; anything else is plain text.
pub fn detect(text: &str) -> Format {
    let text = text.trim_start_matches('\u{FEFF}');
    if text.starts_with("WEBVTT")
        && text[6..]
            .chars()
            .next()
            .is_none_or(|c| matches!(c, ' ' | '\t' | '\r' | '\n'))
    {
        return Format::Vtt;
    }
    let is_timing = |line: &str| subtitles::timing(line).is_some();
    let mut lines = text.trim_start().lines().map(str::trim);
    match (lines.next(), lines.next()) {
        (Some(number), Some(timing))
            if !number.is_empty()
                && number.bytes().all(|b| b.is_ascii_digit())
                && is_timing(timing) =>
        {
            return Format::Srt;
        }
        (Some(timing), _) if is_timing(timing) => return Format::Srt,
        _ => {}
    }
    let mut rest = text.trim_start();
    if rest.starts_with("<?xml") {
        rest = rest
            .find("?>")
            .map_or("", |end| rest[end + 2..].trim_start());
    }
    while let Some(comment) = rest.strip_prefix("<!--") {
        rest = comment
            .find("-->")
            .map_or("", |end| comment[end + 3..].trim_start());
    }
    let head = rest.as_bytes()[..rest.len().min(14)].to_ascii_lowercase();
    if head.starts_with(b"<!doctype html") || head.starts_with(b"<html") {
        return Format::Html;
    }
    Format::Text
}

/// The format an extension names, if it names one crosscheck knows.
fn named_format(extension: &str) -> Option<Format> {
    match extension {
        "txt" | "text" | "md" => Some(Format::Text),
        "srt" => Some(Format::Srt),
        "vtt" | "webvtt" => Some(Format::Vtt),
        "html" | "htm" | "xhtml" => Some(Format::Html),
        "docx" => Some(Format::Docx),
        _ => None,
    }
}

/// `bytes` as a string, or an error that shows the line around the first invalid byte.
///
/// # Errors
/// [`Error::InvalidUtf8`], naming `path`.
pub fn utf8(path: &str, bytes: Vec<u8>) -> Result<String, Error> {
    String::from_utf8(bytes).map_err(|error| {
        let offset = error.utf8_error().valid_up_to();
        let width = error.utf8_error().error_len().unwrap_or(1);
        let lossy = String::from_utf8_lossy(error.as_bytes());
        let excerpt = Excerpt::new(path, &lossy, offset..offset + width);
        Error::InvalidUtf8 {
            path: path.to_string(),
            offset,
            at: excerpt.at(),
            excerpt: Arc::new(excerpt),
        }
    })
}

fn io_error(path: &str, source: io::Error) -> Error {
    let path = path.to_string();
    match source.kind() {
        ErrorKind::NotFound => Error::NotFound { path },
        _ => Error::Unreadable { path, source },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_err(bytes: &[u8]) -> Error {
        decode("f.txt".into(), bytes.to_vec()).expect_err("should be rejected")
    }

    #[test]
    fn images_archives_and_programs_are_named_by_their_first_bytes() {
        for (bytes, what) in [
            (&b"\x89PNG\r\n\x1a\n\x00\x00"[..], "an image"),
            (b"\xFF\xD8\xFF\xE0\x00\x10JFIF", "an image"),
            (b"GIF89a\x01\x00", "an image"),
            (b"\x1F\x8B\x08\x00", "a compressed file"),
            (b"\xFD7zXZ\x00\x00", "a compressed file"),
            (b"\x7FELF\x02\x01\x01\x00", "a program"),
        ] {
            let error = from_bytes("f.txt".into(), bytes.to_vec(), Some("txt"), 1 << 20)
                .expect_err("refused");
            assert!(
                matches!(&error, Error::Unsupported { what: said, .. } if said.starts_with(what)),
                "{bytes:?}: {error:?}"
            );
        }
        assert!(
            unsupported(b"GIF is a format.").is_none(),
            "text that starts alike"
        );
    }

    #[test]
    fn keeps_bom_and_crlf_unchanged() {
        let input = decode("f.txt".into(), b"\xEF\xBB\xBFOne.\r\nTwo.\r\n".to_vec()).unwrap();
        assert_eq!(&*input.text, "\u{FEFF}One.\r\nTwo.\r\n");
    }

    #[test]
    fn rejects_bad_encodings_with_offsets() {
        assert!(matches!(
            decode_err(b"ab\xFFcd"),
            Error::InvalidUtf8 { offset: 2, .. }
        ));
        assert!(matches!(decode_err(b"\xFF\xFEa\x00"), Error::Utf16 { .. }));
        assert!(matches!(
            decode_err(b"ab\x00"),
            Error::Binary { offset: 2, .. }
        ));
        assert!(
            matches!(
                decode_err(b"\xFF\xFFab\x00"),
                Error::Binary { offset: 4, .. }
            ),
            "a NUL says binary before a byte that is not UTF-8 says another encoding"
        );
        assert!(matches!(decode_err(b""), Error::Empty { .. }));
        assert!(matches!(decode_err(b" \n\t\r\n"), Error::Empty { .. }));
    }
}
