//! Stage 2, **normalize**: text to [`Token`]s, each with a comparison key.
//!
//! Input: the original text. Output: the tokens in order, each with its byte [`Span`] into the
//! original text and a key that is equal for spellings that mean the same thing:
//!
//! - Unicode NFC and NFD compare equal;
//! - Vietnamese tone marks compare equal wherever they sit on the syllable (`hoà`/`hòa`,
//!   `khoẻ`/`khỏe`, `thuỷ`/`thủy`, `uỷ`/`ủy`): the key keeps the letters with their vowel
//!   marks (`ơ`, `â`, …) and puts the tone mark last;
//! - case is folded (`Quốc Hội`/`Quốc hội`);
//! - typographic quotes, apostrophes and dashes become their ASCII forms.
//!
//! Invariant: tokens never overlap, never include white space, and their spans lie on character
//! boundaries of the original text.

use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

use rustc_hash::FxHashMap as HashMap;

use crate::model::{Key, Span, Token, TokenKind, Tokens};

/// The five Vietnamese tone marks as combining characters (grave, acute, tilde, hook above,
/// dot below).
const TONE_MARKS: [char; 5] = ['\u{0300}', '\u{0301}', '\u{0303}', '\u{0309}', '\u{0323}'];

/// Characters that are invisible in text and never part of a token.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{FEFF}' | '\u{200B}')
}

/// A letter's base letter: the first character of its canonical decomposition (`À` → `A`),
/// so that questions of case get one answer for composed and decomposed text.
pub fn base_letter(c: char) -> char {
    let mut base = c;
    unicode_normalization::char::decompose_canonical(c, |part| {
        if base == c {
            base = part;
        }
    });
    base
}

/// The letters of a word without their combining marks, decomposed (`Hòa` → `H`, `o`, `a`).
pub fn bare_letters(word: &str) -> impl Iterator<Item = char> + '_ {
    word.nfd()
        .filter(|&c| !unicode_normalization::char::is_combining_mark(c))
}

/// How many letters a word has when every one of them is a capital (`UBND`, `VIẾT`): its
/// letters without their marks; `None` when it has a lowercase letter.
pub fn capitals(word: &str) -> Option<usize> {
    let mut letters = 0;
    for c in bare_letters(word).filter(|c| c.is_alphabetic()) {
        if c.is_lowercase() {
            return None;
        }
        letters += 1;
    }
    Some(letters)
}

/// The comparison key of one word or symbol (see the module docs for what it makes equal).
pub fn word_key(word: &str) -> String {
    let mut tones: Vec<char> = Vec::new();
    let mut rest = String::with_capacity(word.len());
    for c in word.nfd() {
        if TONE_MARKS.contains(&c) {
            tones.push(c);
        } else {
            rest.extend(fold_typography(c).to_lowercase());
        }
    }
    tones.sort_unstable();
    let mut key: String = rest.nfc().collect();
    key.extend(tones);
    key
}

/// Typographic quotes, apostrophes and dashes to their ASCII forms.
fn fold_typography(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}'
        | '\u{2033}' => '"',
        '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
        other => other,
    }
}

/// Splits a text into tokens (UAX #29 word boundaries), with keys. A token span is 32 bits:
/// a text longer than 4 GiB (which [`crate::Config::max_bytes`] does not allow by default) is
/// read up to there.
pub fn tokenize(text: &str) -> Tokens {
    let mut tokens = Tokens::default();
    // Most written forms repeat: compute each one's key once.
    let mut known: HashMap<&str, Key> = HashMap::default();
    'text: for (start, segment) in text.split_word_bound_indices() {
        let trimmed_start = segment.trim_start_matches(is_invisible);
        let trimmed = trimmed_start.trim_end_matches(is_invisible);
        let offset = start + (segment.len() - trimmed_start.len());
        for (piece_offset, piece) in pieces(trimmed) {
            let Some(first) = piece.chars().next() else {
                continue;
            };
            if first.is_whitespace() {
                continue;
            }
            let kind = if first.is_ascii_digit() {
                TokenKind::Number
            } else if piece.chars().any(char::is_alphanumeric) {
                TokenKind::Word
            } else {
                TokenKind::Punct
            };
            let key = match known.get(piece) {
                Some(&key) => key,
                None => {
                    // The keys' text stops at 4 GiB, as the tokens' spans do.
                    let Some(key) = tokens.intern(&word_key(piece)) else {
                        break 'text;
                    };
                    known.insert(piece, key);
                    key
                }
            };
            let start = offset + piece_offset;
            let span = Span::new(start, start + piece.len());
            if !tokens.push(span, key, kind, base_letter(first).is_uppercase()) {
                // A token's span ends within 4 GiB: the rest of a longer text is not read.
                break 'text;
            }
        }
    }
    tokens.shrink_to_fit();
    tokens
}

/// `text` cut at character boundaries into pieces of at most [`Token::MAX_BYTES`], with
/// their offsets: one piece for any real word.
fn pieces(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut offset = 0;
    std::iter::from_fn(move || {
        let rest = &text[offset..];
        if rest.is_empty() {
            return None;
        }
        // A character is at most four bytes: the cut stays far from the start.
        let mut end = rest.len().min(Token::MAX_BYTES);
        while !rest.is_char_boundary(end) {
            end -= 1;
        }
        let piece = (offset, &rest[..end]);
        offset += end;
        Some(piece)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_longer_than_a_token_is_cut_at_character_boundaries() {
        // Three bytes a letter, and a limit not a multiple of three.
        let text = format!("a {} b", "ế".repeat(Token::MAX_BYTES / 2));
        let tokens = tokenize(&text);
        let spans: Vec<Span> = tokens.iter().map(Token::span).collect();
        assert_eq!(spans.len(), 4, "{spans:?}");
        for span in &spans {
            assert!(span.len() <= Token::MAX_BYTES, "{span:?}");
            assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        }
        assert_eq!((spans[1].start, spans[1].end), (2, spans[2].start));
        assert_eq!(spans[2].end + 1, spans[3].start);
    }

    #[test]
    fn old_and_new_tone_placement_compare_equal() {
        for (old, new) in [
            ("hoà", "hòa"),
            ("khoẻ", "khỏe"),
            ("thuỷ", "thủy"),
            ("uỷ", "ủy"),
        ] {
            assert_ne!(old, new, "the pair should differ in bytes");
            assert_eq!(word_key(old), word_key(new), "{old} / {new}");
        }
    }

    #[test]
    fn nfd_and_case_compare_equal() {
        let nfc = "Ủy Ban Quốc Hội";
        let nfd: String = "ủy ban quốc hội".nfd().collect();
        assert_ne!(nfc.len(), nfd.len());
        let keys = |s: &str| {
            let tokens = tokenize(s);
            tokens.keys(&tokens).map(String::from).collect::<Vec<_>>()
        };
        assert_eq!(keys(nfc), keys(&nfd));
    }

    #[test]
    fn different_tones_stay_different() {
        assert_ne!(word_key("ba"), word_key("bà"));
        assert_ne!(word_key("bà"), word_key("bá"));
        assert_ne!(word_key("mươi"), word_key("mười"));
        assert_ne!(word_key("đó"), word_key("do"));
    }

    #[test]
    fn typographic_forms_fold() {
        assert_eq!(word_key("“"), word_key("\""));
        assert_eq!(word_key("don’t"), word_key("don't"));
        assert_eq!(word_key("–"), "-");
    }

    #[test]
    fn spans_point_into_the_original_bytes() {
        let text = "\u{FEFF}Đại biểu 45 tỉnh, 1.000 người; U.S. và TP.HCM.";
        let tokens = tokenize(text);
        let shown: Vec<(&str, TokenKind)> = tokens
            .iter()
            .map(|t| (&text[t.span().range()], t.kind()))
            .collect();
        assert_eq!(
            shown,
            vec![
                ("Đại", TokenKind::Word),
                ("biểu", TokenKind::Word),
                ("45", TokenKind::Number),
                ("tỉnh", TokenKind::Word),
                (",", TokenKind::Punct),
                ("1.000", TokenKind::Number),
                ("người", TokenKind::Word),
                (";", TokenKind::Punct),
                ("U.S", TokenKind::Word),
                (".", TokenKind::Punct),
                ("và", TokenKind::Word),
                ("TP.HCM", TokenKind::Word),
                (".", TokenKind::Punct),
            ]
        );
        assert!(tokens[0].capitalized() && !tokens[1].capitalized());
    }
}
