//! Stage 1, **read**: a path to an [`Input`] (the file's text, unchanged).
//!
//! Input: a path. Output: an [`Input`] whose `text` is the file's bytes, which are valid UTF-8.
//! Invariant: nothing is rewritten (a UTF-8 byte order mark and CRLF line ends stay in the text
//! and later stages treat them as white space), so byte offsets into `text` are byte offsets
//! into the file.

use std::fs;
use std::io::ErrorKind;
use std::path::Path;
use std::sync::Arc;

use miette::NamedSource;

use crate::error::Error;

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

/// Reads a UTF-8 text file of at most `max_bytes` bytes.
///
/// # Errors
/// A missing file, a directory, an unreadable, empty, oversized, UTF-16, binary or otherwise
/// non-UTF-8 file is an [`Error`] naming the path.
pub fn read(path: &Path, max_bytes: u64) -> Result<Input, Error> {
    let shown = path.display().to_string();
    let metadata = fs::metadata(path).map_err(|source| io_error(&shown, source))?;
    if metadata.is_dir() {
        return Err(Error::Directory { path: shown });
    }
    if metadata.len() > max_bytes {
        return Err(Error::TooLarge {
            path: shown,
            size: metadata.len(),
            limit: max_bytes,
        });
    }
    let bytes = fs::read(path).map_err(|source| io_error(&shown, source))?;
    decode(shown, bytes)
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
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let offset = error.utf8_error().valid_up_to();
            let lossy = String::from_utf8_lossy(error.as_bytes()).into_owned();
            let width = lossy[offset..].chars().next().map_or(0, char::len_utf8);
            return Err(Error::InvalidUtf8 {
                text: NamedSource::new(&path, lossy),
                path,
                offset,
                at: (offset, width).into(),
            });
        }
    };
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

fn io_error(path: &str, source: std::io::Error) -> Error {
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
