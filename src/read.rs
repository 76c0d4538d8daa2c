//! Stage 1, **read**: a path to an [`Input`] (the file's text, unchanged).
//!
//! Input: a path, or `-` for standard input. Output: an [`Input`] whose `text` is the file's bytes, which are valid UTF-8.
//! Invariant: nothing is rewritten (a UTF-8 byte order mark and CRLF line ends stay in the text
//! and later stages treat them as white space), so byte offsets into `text` are byte offsets
//! into the file.

use std::fs;
use std::io::{self, ErrorKind, Read};
use std::path::Path;
use std::sync::Arc;

use crate::error::{Error, Excerpt};

/// A document's text with the path it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Input {
    /// The path as given by the user, used in reports.
    pub path: String,
    /// The text, byte for byte as in the file; shared with the analysed document, not copied.
    pub text: Arc<str>,
}

impl Input {
    /// An input from text already in memory.
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        Input {
            path: path.into(),
            text: Arc::from(text.into()),
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
    let text = utf8(path.as_str(), bytes)?;
    if let Some(offset) = text.find('\0') {
        return Err(Error::Binary { path, offset });
    }
    if text.chars().all(|c| c.is_whitespace() || c == '\u{FEFF}') {
        return Err(Error::Empty { path });
    }
    Ok(Input {
        path,
        text: Arc::from(text),
    })
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
        assert!(matches!(decode_err(b""), Error::Empty { .. }));
        assert!(matches!(decode_err(b" \n\t\r\n"), Error::Empty { .. }));
    }
}
