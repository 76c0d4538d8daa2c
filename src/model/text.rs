//! Plain-text helpers that several stages share: how a long passage is shortened for people,
//! how untrusted text is made safe to print on a terminal or in a CI log, and how a share is
//! rounded for showing.

use std::borrow::Cow;
use std::fmt::Write;

/// Shortens text to at most `max` characters, ending with `…` when cut; runs of white space
/// become one space.
pub(crate) fn excerpt(text: &str, max: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        flat
    } else {
        let cut: String = flat.chars().take(max.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    }
}

/// A share (a score, a salience, a confidence) to the two decimals every output shows: rounded
/// where it is made, so that every format agrees.
pub fn two_decimals(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

/// Untrusted text (a path, a pair id, a quoted sentence) made safe for a terminal or a CI log:
/// every control character (C0 including line breaks, DEL, C1), line and paragraph separator
/// and bidirectional formatting character is shown as its escape, `\u{1b}`, as ripgrep and git
/// show them, so no text can colour the screen, set a window title, start a GitHub workflow
/// command on a line of its own or reorder what is shown. Everything else is unchanged.
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_hidden) {
        return Cow::Borrowed(text);
    }
    let mut shown = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_hidden(c) {
            let _ = write!(shown, "\\u{{{:x}}}", u32::from(c));
        } else {
            shown.push(c);
        }
    }
    Cow::Owned(shown)
}

/// Whether printing `c` raw could act on the terminal or the layout instead of showing a glyph.
pub fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{2028}' | '\u{2029}'
                | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printable_shows_controls_and_bidi_as_escapes() {
        assert!(matches!(printable("Hà Nội, 26-10"), Cow::Borrowed(_)));
        assert_eq!(
            printable("a\x1b]0;title\x07b\nc\r\u{202E}d\u{9b}"),
            "a\\u{1b}]0;title\\u{7}b\\u{a}c\\u{d}\\u{202e}d\\u{9b}"
        );
    }

    #[test]
    fn excerpts_flatten_and_cut() {
        assert_eq!(excerpt("a  b\nc", 10), "a b c");
        assert_eq!(excerpt("abcdefghij", 5), "abcd…");
    }
}
