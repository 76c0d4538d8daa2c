//! Web pages: the main text of an article saved as HTML.
//!
//! Input: the page's text. Output: its main text and its [`Origin`]. The page is read by
//! `html5gum`, a WHATWG-compliant HTML5 tokenizer that gives every token its byte span in the
//! page (most text extractors return text alone, and the map needs the place of every byte).
//! The main text is the first `<article>`'s, else the first `<main>`'s, else the whole body's;
//! scripts, styles, the head and what is not the article's (`nav`, `aside`, `form`, a page's
//! own `header` and `footer` outside the article, elements marked `hidden`) are dropped. Block
//! elements (`p`, `div`, `h1`, `li`, `br`, …) end paragraphs (a blank line), white space runs
//! are one space, and entities are decoded (by the tokenizer: each decoded character maps onto
//! its whole reference, `&amp;` or `&#8220;`). Headings are marked
//! [`Editorial::Headline`], bylines (`<address>`, or a `class`, `rel` or `itemprop` naming
//! the `byline` or `author`) [`Editorial::Byline`], and figure captions (`<figcaption>`, a
//! `caption` class) [`Editorial::Caption`].
//!
//! Invariants: every byte of the text maps into the page ([`super::map`]); the cost is linear
//! (an end tag looks for its element among the innermost [`STACK_SEARCH`] open ones only).

use std::ops::Range;
use std::sync::Arc;

use html5gum::{DefaultEmitter, StartTag, Token, Tokenizer};

use super::map::{Extract, Format, Origin};
use crate::model::{Editorial, Span};

/// How many of the innermost open elements an end tag's element is looked for among: badly
/// nested markup (ten thousand unclosed `<div class=author>`) cannot make closing quadratic.
const STACK_SEARCH: usize = 64;

/// The most bytes of a character reference (`&CounterClockwiseContourIntegral;` is 33).
const REFERENCE_MAX_BYTES: usize = 40;

/// Elements whose content is never the article's text.
const DROPPED: &[&[u8]] = &[
    b"script",
    b"style",
    b"noscript",
    b"template",
    b"head",
    b"title",
    b"nav",
    b"aside",
    b"form",
    b"button",
    b"select",
    b"textarea",
    b"svg",
    b"math",
    b"iframe",
    b"object",
    b"canvas",
    b"audio",
    b"video",
    b"dialog",
];

/// Elements that end a paragraph where they open and close.
const BLOCKS: &[&[u8]] = &[
    b"address",
    b"article",
    b"blockquote",
    b"br",
    b"dd",
    b"div",
    b"dl",
    b"dt",
    b"figcaption",
    b"figure",
    b"footer",
    b"h1",
    b"h2",
    b"h3",
    b"h4",
    b"h5",
    b"h6",
    b"header",
    b"hr",
    b"li",
    b"main",
    b"ol",
    b"p",
    b"pre",
    b"section",
    b"table",
    b"td",
    b"th",
    b"tr",
    b"ul",
];

/// What an open element means for the text inside it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    /// Its text is dropped.
    Dropped,
    /// The article: the only text kept, when the page has one.
    Main,
    /// Its text is news furniture of this kind; it starts at this text offset.
    Editorial(Editorial, usize),
}

/// Extracts the main text of a web page.
pub(crate) fn extract(original: &str) -> (String, Origin) {
    let main = main_element(original);
    let mut page = Page {
        original,
        main_seen: false,
        main_open: false,
        dropped: 0,
        stack: Vec::new(),
        extract: Extract::default(),
        last_end: 0,
        pending: Pending::Nothing,
        editorial: Vec::new(),
    };
    for token in tokens(original) {
        match token {
            Token::StartTag(tag) => page.start(&tag, main),
            Token::EndTag(tag) => page.end(&tag.name),
            Token::String(text) if page.keeps_text(main.is_some()) => {
                page.text(text.span.start..text.span.end, &text.value);
            }
            _ => {}
        }
    }
    let Page {
        extract,
        mut editorial,
        ..
    } = page;
    // Closed innermost first: in text order for the look-up by start.
    editorial.sort_by_key(|(span, _)| span.start);
    let (text, map) = extract.finish(Arc::from(original));
    (text, Origin::new(Format::Html, map, Vec::new(), editorial))
}

/// The page's tokens, each with its byte span; a start tag of an element whose content is
/// raw text (`script`, `style`, `textarea`) switches the tokenizer's state as a browser's
/// parser would.
fn tokens(original: &str) -> impl Iterator<Item = Token<usize>> + '_ {
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    emitter.naively_switch_states(true);
    Tokenizer::new_with_emitter(original, emitter).flatten()
}

/// The element holding the page's main text: `article` if the page has one, else `main`,
/// else none (the whole body).
fn main_element(original: &str) -> Option<&'static [u8]> {
    let (mut article, mut main) = (false, false);
    for token in tokens(original) {
        if let Token::StartTag(tag) = token {
            article |= tag.name.as_slice() == b"article";
            main |= tag.name.as_slice() == b"main";
        }
    }
    if article {
        Some(b"article")
    } else if main {
        Some(b"main")
    } else {
        None
    }
}

/// What goes between the last text and the next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Pending {
    Nothing,
    /// White space, at these bytes of the page (one space unless a paragraph ends).
    Space(usize, usize),
    /// A paragraph's end.
    Paragraph,
}

/// The page as it is read.
struct Page<'a> {
    original: &'a str,
    /// Whether the main element has been opened (its text is kept, and none after it closes).
    main_seen: bool,
    /// Whether the main element is open.
    main_open: bool,
    /// How many dropped elements are open.
    dropped: usize,
    /// The open elements that matter: dropped ones, the main element and editorial ones.
    stack: Vec<(Vec<u8>, Role)>,
    extract: Extract,
    /// Where the last text added ends in the page.
    last_end: usize,
    pending: Pending,
    editorial: Vec<(Span, Editorial)>,
}

impl Page<'_> {
    /// Whether text here is kept: inside the main element (if the page has one), and in no
    /// dropped element.
    fn keeps_text(&self, has_main: bool) -> bool {
        (self.main_open || !has_main) && self.dropped == 0
    }

    /// A start tag: a paragraph's end for a block, and the element's role if it has one.
    fn start(&mut self, tag: &StartTag<usize>, main: Option<&[u8]>) {
        let name = tag.name.as_slice();
        if BLOCKS.contains(&name) {
            self.pending = Pending::Paragraph;
        }
        let attribute = |key: &str| {
            tag.attributes
                .get(key.as_bytes())
                .map(|value| value.value.to_ascii_lowercase())
        };
        let names = |word: &[u8]| {
            ["class", "rel", "itemprop", "id"].iter().any(|key| {
                attribute(key).is_some_and(|value| value.windows(word.len()).any(|w| w == word))
            })
        };
        let role = if DROPPED.contains(&name)
            || attribute("hidden").is_some()
            || (matches!(name, b"header" | b"footer") && main.is_some() && !self.main_open)
        {
            Some(Role::Dropped)
        } else if main == Some(name) && !self.main_seen {
            self.main_seen = true;
            Some(Role::Main)
        } else if matches!(name, b"h1" | b"h2" | b"h3" | b"h4" | b"h5" | b"h6") {
            Some(Role::Editorial(
                Editorial::Headline,
                self.extract.text().len(),
            ))
        } else if name == b"figcaption" || names(b"caption") {
            Some(Role::Editorial(
                Editorial::Caption,
                self.extract.text().len(),
            ))
        } else if name == b"address" || names(b"byline") || names(b"author") {
            Some(Role::Editorial(
                Editorial::Byline,
                self.extract.text().len(),
            ))
        } else {
            None
        };
        if let Some(role) = role
            && !tag.self_closing
            && !is_void(name)
        {
            self.dropped += usize::from(role == Role::Dropped);
            self.main_open |= role == Role::Main;
            self.stack.push((name.to_vec(), role));
        }
    }

    /// An end tag: closes its element if it is open, and the elements opened inside it.
    fn end(&mut self, name: &[u8]) {
        if BLOCKS.contains(&name) {
            self.pending = Pending::Paragraph;
        }
        let open = self.stack.len();
        let Some(index) = (open.saturating_sub(STACK_SEARCH)..open)
            .rev()
            .find(|&index| self.stack[index].0 == name)
        else {
            return;
        };
        for (_, role) in self.stack.drain(index..).rev() {
            self.dropped -= usize::from(role == Role::Dropped);
            self.main_open &= role != Role::Main;
            if let Role::Editorial(kind, start) = role {
                let text = self.extract.text();
                let start = start + (text.len() - start - text[start..].trim_start().len());
                if start < text.len() {
                    self.editorial.push((Span::new(start, text.len()), kind));
                }
            }
        }
    }

    /// Adds a text token: `range` of the page, `decoded` by the tokenizer.
    fn text(&mut self, range: Range<usize>, decoded: &[u8]) {
        for (run, put) in align(self.original, range, decoded) {
            match put {
                None => self.copy(run),
                Some(text) => self.put(text, run),
            }
        }
    }

    /// Copies bytes of the page, a white space run as one pending space.
    fn copy(&mut self, run: Range<usize>) {
        let mut at = run.start;
        while at < run.end {
            let chunk = &self.original[at..run.end];
            let space = chunk.len() - chunk.trim_start_matches(is_space).len();
            if space > 0 {
                self.space(at..at + space);
                at += space;
                continue;
            }
            let word = chunk.find(is_space).unwrap_or(chunk.len());
            self.flush(at);
            self.extract.copy(self.original, at..at + word);
            at += word;
            self.last_end = at;
        }
    }

    /// Puts decoded text in the place of a reference.
    fn put(&mut self, text: &str, run: Range<usize>) {
        if text.chars().all(is_space) {
            self.space(run);
        } else {
            self.flush(run.start);
            self.extract.put(text, run.clone());
            self.last_end = run.end;
        }
    }

    /// White space at `run`: one pending space, unless a paragraph's end is pending.
    fn space(&mut self, run: Range<usize>) {
        self.pending = match self.pending {
            Pending::Nothing => Pending::Space(run.start, run.end),
            Pending::Space(start, _) => Pending::Space(start, run.end),
            Pending::Paragraph => Pending::Paragraph,
        };
    }

    /// Before text at `at`: what is pending, mapped onto the bytes since the last text (a
    /// single space as itself); nothing before the first text.
    fn flush(&mut self, at: usize) {
        let pending = std::mem::replace(&mut self.pending, Pending::Nothing);
        if self.extract.text().is_empty() {
            return;
        }
        match pending {
            Pending::Nothing => {}
            Pending::Space(start, end) if end - start == 1 && &self.original[start..end] == " " => {
                self.extract.copy(self.original, start..end);
            }
            Pending::Space(..) => self.extract.put(" ", self.last_end..at),
            Pending::Paragraph => self.extract.put("\n\n", self.last_end..at),
        }
    }
}

/// HTML's white space.
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{C}')
}

/// Elements that have no end tag.
fn is_void(name: &[u8]) -> bool {
    matches!(
        name,
        b"area"
            | b"base"
            | b"br"
            | b"col"
            | b"embed"
            | b"hr"
            | b"img"
            | b"input"
            | b"link"
            | b"meta"
            | b"source"
            | b"track"
            | b"wbr"
    )
}

/// A text token's runs: bytes of the page copied as they are (`None`), or decoded text put
/// in the place of the bytes it came from (a character reference, a CR LF made LF). The
/// tokenizer gives the decoded text of the whole token; it is walked beside the page's bytes,
/// and where they differ the page has a reference, whose end is where the two agree again.
/// If they never agree again, the rest of the text maps onto the rest of the token.
fn align<'a>(
    original: &'a str,
    range: Range<usize>,
    decoded: &'a [u8],
) -> Vec<(Range<usize>, Option<&'a str>)> {
    let raw = &original.as_bytes()[..range.end];
    let mut runs = Vec::new();
    let (mut at, mut d) = (range.start, 0);
    while at < range.end && d < decoded.len() {
        // The bytes that agree, up to a reference or a carriage return.
        let same = raw[at..]
            .iter()
            .zip(&decoded[d..])
            .take_while(|&(a, b)| a == b && !matches!(a, b'&' | b'\r'))
            .count();
        let mut same_end = at + same;
        while !original.is_char_boundary(same_end) {
            same_end -= 1;
        }
        if same_end > at {
            runs.push((at..same_end, None));
            d += same_end - at;
            at = same_end;
            continue;
        }
        match reference(original, at, range.end, decoded, d) {
            Some((end, 1)) if end == at + 1 && raw[at] == decoded[d] => {
                runs.push((at..end, None));
                at = end;
                d += 1;
            }
            Some((end, width)) => {
                let text = std::str::from_utf8(&decoded[d..d + width]).unwrap_or("\u{FFFD}");
                runs.push((at..end, Some(text)));
                at = end;
                d += width;
            }
            None => {
                let text = std::str::from_utf8(&decoded[d..]).unwrap_or("");
                runs.push((at..range.end, Some(text)));
                return runs;
            }
        }
    }
    if d < decoded.len() {
        let text = std::str::from_utf8(&decoded[d..]).unwrap_or("");
        runs.push((range.end..range.end, Some(text)));
    }
    runs
}

/// At a place where the page and the decoded text differ: the end of the bytes in the page
/// and the width of the decoded text that stand for each other. One or two decoded characters
/// (a named reference may stand for two), for a reference of at most
/// [`REFERENCE_MAX_BYTES`] (the longest first, as the tokenizer matches), after which the two
/// agree for a few bytes up to the next reference, or both end. A `&` that is the page's
/// own is a run of one byte for the same one.
fn reference(
    original: &str,
    at: usize,
    end: usize,
    decoded: &[u8],
    d: usize,
) -> Option<(usize, usize)> {
    let raw = original.as_bytes();
    let longest = if raw[at] == b'&' {
        let name = raw[at + 1..end]
            .iter()
            .take(REFERENCE_MAX_BYTES)
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'#')
            .count();
        let semicolon = usize::from(raw.get(at + 1 + name) == Some(&b';') && at + 1 + name < end);
        at + 1 + name + semicolon
    } else if raw[at..end].starts_with(b"\r\n") {
        at + 2
    } else {
        at + original[at..].chars().next().map_or(1, char::len_utf8)
    };
    // A `&` the decoded text goes on with as the page does is the page's own (`AT&T`,
    // `&bogus;`): a reference would have replaced those bytes.
    if raw[at] == b'&' && decoded[d..].starts_with(&raw[at..longest]) {
        return Some((at + 1, 1));
    }
    let widths = char_widths(&decoded[d..]);
    for width in widths {
        for stop in (at + 1..=longest).rev() {
            if !original.is_char_boundary(stop) {
                continue;
            }
            let after = &raw[stop..end];
            let rest = &decoded[d + width..];
            // The bytes after it that must be the same in both: up to another reference.
            let literal = after
                .iter()
                .take(8)
                .take_while(|b| !matches!(b, b'&' | b'\r'))
                .count();
            let agrees = (after.is_empty() && rest.is_empty())
                || (literal > 0 && rest.starts_with(&after[..literal]))
                || (literal == 0 && !after.is_empty() && stop == longest);
            if agrees {
                return Some((stop, width));
            }
        }
    }
    None
}

/// The byte widths of the first one and two characters of `bytes`.
fn char_widths(bytes: &[u8]) -> Vec<usize> {
    let text = match std::str::from_utf8(&bytes[..bytes.len().min(8)]) {
        Ok(text) => text,
        Err(error) => std::str::from_utf8(&bytes[..error.valid_up_to()]).unwrap_or(""),
    };
    let mut widths = Vec::new();
    let mut width = 0;
    for c in text.chars().take(2) {
        width += c.len_utf8();
        widths.push(width);
    }
    widths
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::map::Original;

    fn original_of<'a>(page: &'a str, origin: &Origin, text: &str, word: &str) -> &'a str {
        let at = text.find(word).expect(word);
        match origin.original(Span::new(at, at + word.len())) {
            Original::Bytes { start, end } => &page[start..end],
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn keeps_the_article_and_maps_entities() {
        let page = "<!doctype html><html><head><title>T</title><script>var a = '<p>';</script>\
                    </head><body><nav>Home | News</nav><header>Site</header><article>\
                    <h1>Tom &amp; Jerry  sign</h1><p class=\"byline\">By Ann Lee</p>\
                    <p>They said &#8220;yes&#8221;\n   to 41&nbsp;countries.</p>\
                    <figure><img src=x><figcaption>The signing.</figcaption></figure>\
                    </article><footer>(c) Site</footer></body></html>";
        let (text, origin) = extract(page);
        assert_eq!(
            text,
            "Tom & Jerry sign\n\nBy Ann Lee\n\nThey said \u{201C}yes\u{201D} to 41\u{A0}countries.\n\nThe signing."
        );
        assert_eq!(original_of(page, &origin, &text, "&"), "&amp;");
        assert_eq!(
            original_of(page, &origin, &text, "\u{201C}yes"),
            "&#8220;yes"
        );
        assert_eq!(
            original_of(page, &origin, &text, "Jerry sign"),
            "Jerry  sign"
        );
        assert_eq!(
            original_of(page, &origin, &text, "41\u{A0}countries"),
            "41&nbsp;countries"
        );
        let kinds: Vec<_> = origin
            .editorial
            .iter()
            .map(|(span, kind)| (&text[span.range()], *kind))
            .collect();
        assert_eq!(
            kinds,
            [
                ("Tom & Jerry sign", Editorial::Headline),
                ("By Ann Lee", Editorial::Byline),
                ("The signing.", Editorial::Caption)
            ]
        );
    }

    #[test]
    fn hostile_markup_is_read_in_one_pass() {
        let (text, _) = extract("<p>unterminated <b class=\"x");
        assert_eq!(text, "unterminated");
        let deep = "<div class=author>".repeat(50_000) + &"</span>".repeat(50_000) + "x";
        let (text, _) = extract(&deep);
        assert_eq!(text, "x");
        let page = "AT&T &notit; &amp &#x1F600; &bogus; &aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa x";
        let (text, origin) = extract(page);
        assert_eq!(
            text,
            "AT&T \u{AC}it; & \u{1F600} &bogus; &aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa x"
        );
        // A `&` that is no reference maps onto itself, not onto the letters after it.
        assert_eq!(original_of(page, &origin, &text, "AT&T"), "AT&T");
        assert_eq!(original_of(page, &origin, &text, "&bogus;"), "&bogus;");
        assert_eq!(original_of(page, &origin, &text, "\u{AC}"), "&not");
        assert_eq!(original_of(page, &origin, &text, "a x"), "a x");
    }
}
