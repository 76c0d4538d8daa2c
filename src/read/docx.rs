//! Word files (`.docx`): the text of the paragraphs of `word/document.xml`.
//!
//! Input: the file's bytes, a zip archive. Output: the paragraphs' text, one paragraph after
//! another with a blank line between, and its [`Origin`], whose map is where each paragraph
//! starts: a place in the file is a paragraph (1-based, as Word counts them, empty ones
//! included) and a byte offset into its text. A run's text (`w:t`) is kept, with its tabs
//! (`w:tab`) and line breaks (`w:br`, and a line end in the text, as a space: a paragraph is
//! one line); deleted text (`w:delText`) and the fallback
//! copy of a drawing (`mc:Fallback`) are not. A paragraph styled as a title or heading is
//! marked [`Editorial::Headline`], one styled as a caption [`Editorial::Caption`].
//!
//! Invariants: the document is read through the same cap as any file ([`super::read_bytes`]'s
//! `max_bytes`), whatever size the archive claims, so a zip bomb is refused after reading at
//! most that much; one pass over the XML.

use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::escape::resolve_xml_entity;
use quick_xml::events::Event;

use super::map::{Format, Map, Origin};
use crate::error::Error;
use crate::model::{Editorial, Span};

/// What a damaged Word file is called in errors (`not a readable Word file (.docx)`).
pub(crate) const NAME: &str = "Word file (.docx)";

/// The part of a Word file that holds its text.
pub(crate) const DOCUMENT: &str = "word/document.xml";

/// Whether `bytes` are a zip archive with a Word document in it.
pub(crate) fn is_docx(bytes: &[u8]) -> bool {
    zip::ZipArchive::new(Cursor::new(bytes))
        .is_ok_and(|archive| archive.index_for_name(DOCUMENT).is_some())
}

/// Extracts the paragraphs of a Word file.
///
/// # Errors
/// A damaged archive or document ([`Error::Damaged`]), an archive without a Word document
/// ([`Error::Unsupported`]), a document larger than `max_bytes` once uncompressed
/// ([`Error::TooLarge`]).
pub(crate) fn extract(path: &str, bytes: &[u8], max_bytes: u64) -> Result<(String, Origin), Error> {
    let damaged = |message: String| Error::Damaged {
        path: path.to_string(),
        format: NAME,
        message,
    };
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|error| damaged(error.to_string()))?;
    let entry = archive.by_name(DOCUMENT).map_err(|_| Error::Unsupported {
        path: path.to_string(),
        what: "a zip archive, but not a Word file (it has no word/document.xml)",
        help: "crosscheck reads .docx; save other documents (.odt, .pages, .epub) as .docx or \
               plain text",
    })?;
    let mut xml = Vec::new();
    entry
        .take(max_bytes.saturating_add(1))
        .read_to_end(&mut xml)
        .map_err(|error| damaged(format!("{DOCUMENT}: {error}")))?;
    if xml.len() as u64 > max_bytes {
        return Err(Error::TooLarge {
            path: format!("{path} ({DOCUMENT}, uncompressed)"),
            size: xml.len() as u64,
            limit: max_bytes,
        });
    }
    let xml = std::str::from_utf8(&xml).map_err(|error| damaged(format!("{DOCUMENT}: {error}")))?;
    paragraphs(xml).map_err(|message| damaged(format!("{DOCUMENT}: {message}")))
}

/// The paragraphs of a document's XML.
fn paragraphs(xml: &str) -> Result<(String, Origin), String> {
    let mut reader = Reader::from_str(xml);
    let mut text = String::new();
    let mut starts: Vec<usize> = Vec::new();
    let mut editorial = Vec::new();
    // The style of the paragraph being read, when it is news furniture.
    let mut style: Option<Editorial> = None;
    let (mut in_text, mut runs, mut fallback) = (false, 0usize, 0usize);
    let mut close = |text: &str, starts: &[usize], style: &mut Option<Editorial>| {
        if let (Some(kind), Some(&start)) = (style.take(), starts.last())
            && start < text.len()
        {
            editorial.push((Span::new(start, text.len()), kind));
        }
    };
    loop {
        let event = reader
            .read_event()
            .map_err(|error| format!("{error} at byte {}", reader.error_position()))?;
        match event {
            Event::Start(ref tag) | Event::Empty(ref tag) => {
                let empty = matches!(event, Event::Empty(_));
                match tag.local_name().as_ref() {
                    "p" if fallback == 0 => {
                        close(&text, &starts, &mut style);
                        if !starts.is_empty() {
                            text.push_str("\n\n");
                        }
                        starts.push(text.len());
                    }
                    "pStyle" => {
                        let value = tag
                            .attributes()
                            .flatten()
                            .find(|a| a.key.local_name().as_ref() == "val")
                            .map(|a| a.value.to_ascii_lowercase());
                        style = match value.as_deref() {
                            Some(v) if v.starts_with("title") || v.starts_with("heading") => {
                                Some(Editorial::Headline)
                            }
                            Some(v) if v.starts_with("subtitle") => Some(Editorial::Headline),
                            Some(v) if v.starts_with("caption") => Some(Editorial::Caption),
                            _ => style,
                        };
                    }
                    "t" if !empty => in_text = true,
                    "r" if !empty => runs += 1,
                    "Fallback" if !empty => fallback += 1,
                    "tab" if runs > 0 && fallback == 0 => text.push('\t'),
                    "br" | "cr" if runs > 0 && fallback == 0 => text.push(' '),
                    _ => {}
                }
            }
            Event::End(ref tag) => match tag.local_name().as_ref() {
                "t" => in_text = false,
                "r" => runs = runs.saturating_sub(1),
                "Fallback" => fallback = fallback.saturating_sub(1),
                _ => {}
            },
            Event::Text(ref content) if in_text && fallback == 0 => {
                // A paragraph is one line: a line end written into a run's text is a space.
                text.extend(content.xml10_content().chars().map(|c| match c {
                    '\n' | '\r' => ' ',
                    c => c,
                }));
            }
            Event::GeneralRef(ref reference) if in_text && fallback == 0 => {
                let resolved = reference.resolve_char_ref().map_err(|e| e.to_string())?;
                match resolved {
                    Some(c) => text.push(c),
                    None => text.push_str(
                        resolve_xml_entity(reference)
                            .ok_or_else(|| format!("unknown entity &{};", &**reference))?,
                    ),
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    close(&text, &starts, &mut style);
    Ok((
        text,
        Origin::new(Format::Docx, Map::Paragraphs(starts), Vec::new(), editorial),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::map::Original;

    const BODY: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:pPr><w:pStyle w:val="Title"/><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t>Harbour reopens</w:t></w:r></w:p>
<w:p/>
<w:p><w:r><w:t xml:space="preserve">Tom &amp; Jerry said </w:t></w:r><w:r><w:tab/><w:t>41 ships</w:t><w:delText>14</w:delText><w:t>&#8230;</w:t></w:r></w:p>
</w:body></w:document>"#;

    #[test]
    fn paragraphs_and_their_places() {
        let (text, origin) = paragraphs(BODY).unwrap();
        assert_eq!(
            text,
            "Harbour reopens\n\n\n\nTom & Jerry said \t41 ships\u{2026}"
        );
        let at = text.find("41").unwrap();
        assert_eq!(
            origin.original(Span::new(at, at + 2)),
            Original::Paragraphs {
                paragraph: 3,
                offset: 18,
                end_paragraph: 3,
                end_offset: 20
            }
        );
        assert_eq!(origin.editorial, [(Span::new(0, 15), Editorial::Headline)]);
    }

    #[test]
    fn bad_xml_is_an_error_not_a_panic() {
        assert!(paragraphs("<w:p><w:t>open").is_ok());
        assert!(paragraphs("<w:p><w:t>a</w:x></w:p>").is_err());
    }
}
