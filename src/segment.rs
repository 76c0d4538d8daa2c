//! Stage 3, **segment**: text and tokens to [`Sentence`]s, with editorial matter marked.
//!
//! Input: the original text, its tokens and its language. Output: the sentences in order.
//! Invariants: sentences never overlap, are trimmed of white space, contain at least one word
//! or number, and hold the range of tokens that lie inside them.
//!
//! Rules: a paragraph break (a blank line, or a line break after a line that ends a sentence
//! or looks like a heading) always ends a sentence. Inside a paragraph a sentence ends at `.`,
//! `!`, `?` or `…` followed by white space and a character that is not a lowercase letter,
//! except inside quotation marks or brackets and after an abbreviation (`Mr.`, `U.S.`, `TP.`)
//! or an initial. Numbers such as `1.000` and `3,5` are single tokens and never split.
//!
//! Editorial matter: a leading `date YYYY-MM-DD` header, a dateline (`HÀ NỘI (TTXVN) -`,
//! `AUSTIN, Texas (KTRK) --`), photo captions (a paragraph ending with a credit such as
//! `Ảnh: NAME`, `(Ảnh: Bộ Ngoại giao).`, `Credit - NAME`, `Photo courtesy NAME` or
//! `Name/Agency`), a publisher's line presenting the text it prints (`The following is …`,
//! `… trân trọng giới thiệu toàn văn …`, see [`is_publisher_line`]), bylines and copyright
//! lines (a short all-caps last paragraph; a short one opening with `By`/`Tác giả:` before
//! names alone, or with `©`/`Copyright`/`Bản quyền`) and headlines: in a text mostly written in full sentences, a short paragraph that does not end
//! as a sentence does (a headline, `By`, a name alone or a time stamp before the body; a
//! sub-heading or `(Xinhua)` after it, see [`is_headline`]).

use std::sync::OnceLock;

use regex::Regex;
use unicode_normalization::char::is_combining_mark;
use unicode_segmentation::UnicodeSegmentation;

use crate::lang::{Language, Lexicon};
use crate::model::{Editorial, Sentence, Span, Token, TokenKind, Tokens};
use crate::normalize::{base_letter, capitals};

/// Longest byline, in words.
const BYLINE_MAX_WORDS: usize = 6;
/// Longest photo credit name, in words.
const CREDIT_MAX_WORDS: usize = 6;
/// Longest name on each side of a `Name/Agency` credit, in words.
const CREDIT_NAME_WORDS: usize = 4;
/// Longest line by which a publisher presents a text, in words and numbers.
const PUBLISHER_LINE_MAX_WORDS: usize = 30;
/// Longest headline, in words and numbers.
const HEADLINE_MAX_WORDS: usize = 20;
/// Longest line of news furniture after the body has begun (a sub-heading, a byline), in
/// words and numbers.
const FURNITURE_MAX_WORDS: usize = 10;

/// Splits a document into sentences. With `sentence_per_paragraph`, every paragraph is taken
/// as one sentence as it is (for text that is already split) and nothing is marked editorial.
pub fn segment(
    text: &str,
    tokens: &Tokens,
    language: Language,
    sentence_per_paragraph: bool,
) -> Vec<Sentence> {
    let lexicon = language.lexicon();
    let paragraphs = paragraphs(text);
    let last_paragraph = paragraphs.len().saturating_sub(1);
    let mut sentences = Vec::new();
    let mut token_cursor = 0;
    // Whether a paragraph of the body has begun: headers and datelines come before it.
    let mut body_begun = false;
    // Headlines are told by their missing full stop only in a text written mostly in
    // paragraphs that end as sentences do (counted in tokens, the same in NFC and NFD: not a
    // transcript without punctuation).
    let length = |p: &Span| tokens.within(*p).len();
    let punctuated = 2
        * (paragraphs.iter())
            .filter(|p| ends_sentence(&text[p.range()]))
            .map(length)
            .sum::<usize>()
        >= paragraphs.iter().map(length).sum::<usize>();
    for (index, &paragraph) in paragraphs.iter().enumerate() {
        let pieces = if sentence_per_paragraph {
            vec![(paragraph, None)]
        } else {
            let position = Position {
                before_body: !body_begun,
                last: index > 0 && index == last_paragraph,
                punctuated,
            };
            paragraph_pieces(text, tokens, lexicon, paragraph, position)
        };
        body_begun |= pieces.iter().any(|(_, editorial)| editorial.is_none());
        for (span, editorial) in pieces {
            let range = token_range(tokens, span, &mut token_cursor);
            let has_words = tokens[range.clone()]
                .iter()
                .any(|t| t.kind() != TokenKind::Punct);
            // Tokens stop at 4 GiB, and so do sentences: every span the model keeps in 32
            // bits (a finding's place, a quotation) lies within a sentence.
            let within_4_gib = u32::try_from(span.end).is_ok();
            if has_words && within_4_gib {
                let paragraph = u32::try_from(index).expect("fewer than 2^32 paragraphs");
                sentences.push(Sentence::new(span, paragraph, range, editorial));
            }
        }
    }
    // A long document's list is kept until the report is written: no spare capacity.
    sentences.shrink_to_fit();
    sentences
}

/// Where a paragraph stands in its document.
#[derive(Clone, Copy)]
struct Position {
    /// Before the body: the first paragraph, or one after headlines (where headers, datelines
    /// and headlines are).
    before_body: bool,
    /// The document's last paragraph (where a byline is).
    last: bool,
    /// Most of the document's text is in paragraphs that end as sentences do.
    punctuated: bool,
}

/// The sentences of one paragraph, with editorial matter marked.
fn paragraph_pieces(
    text: &str,
    tokens: &Tokens,
    lexicon: &Lexicon,
    paragraph: Span,
    position: Position,
) -> Vec<(Span, Option<Editorial>)> {
    let mut pieces = Vec::new();
    let mut body = paragraph;
    if position.before_body {
        for (find, kind) in [
            (date_header as fn(&str) -> Option<usize>, Editorial::Header),
            (dateline, Editorial::Dateline),
        ] {
            if let Some(len) = find(&text[body.range()]) {
                let found = trim(text, Span::new(body.start, body.start + len));
                pieces.push((found, Some(kind)));
                body = trim(text, Span::new(found.end, body.end));
            }
        }
    }
    let body_tokens = tokens.within(body);
    if is_caption(text, tokens, body_tokens, lexicon) || ends_with_credit(&text[body.range()]) {
        pieces.push((body, Some(Editorial::Caption)));
    } else if (position.last && is_byline(text, body_tokens))
        || is_credit_line(text, tokens, body_tokens, lexicon)
    {
        pieces.push((body, Some(Editorial::Byline)));
    } else {
        let sentences = split_paragraph(text, body, tokens, lexicon);
        let headline = match sentences.as_slice() {
            [one] => is_headline(&text[one.range()], text, body_tokens, position),
            _ => false,
        };
        let editorial = headline.then_some(Editorial::Headline);
        pieces.extend(sentences.into_iter().map(|span| {
            let publisher = is_publisher_line(tokens, tokens.within(span), lexicon);
            (
                span,
                editorial.or(publisher.then_some(Editorial::Narration)),
            )
        }));
    }
    pieces
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{FEFF}' || c == '\u{200B}'
}

fn trim(text: &str, span: Span) -> Span {
    let slice = &text[span.range()];
    let start = span.start + (slice.len() - slice.trim_start_matches(is_space).len());
    let end = span.end - (slice.len() - slice.trim_end_matches(is_space).len());
    Span::new(start, end.max(start))
}

fn ends_sentence(line: &str) -> bool {
    let stripped = line.trim_end_matches(|c: char| is_space(c) || is_closer(c));
    stripped.ends_with(['.', '!', '?', '…', ':', ';', '。', '！', '？'])
}

fn starts_lowercase(line: &str) -> bool {
    line.trim_start_matches(is_space)
        .chars()
        .next()
        .is_some_and(|c| base_letter(c).is_lowercase() || c.is_ascii_digit())
}

/// The paragraphs of a text, trimmed, without the empty ones.
fn paragraphs(text: &str) -> Vec<Span> {
    let mut lines: Vec<Span> = Vec::new();
    let mut start = 0;
    for (at, _) in text.match_indices('\n') {
        lines.push(Span::new(start, at + 1));
        start = at + 1;
    }
    lines.push(Span::new(start, text.len()));

    let mut paragraphs = Vec::new();
    let mut current: Option<Span> = None;
    for (index, &line) in lines.iter().enumerate() {
        let content = &text[line.range()];
        if content.trim_matches(is_space).is_empty() {
            paragraphs.extend(current.take());
            continue;
        }
        current = Some(current.map_or(line, |c| c.cover(line)));
        let next_continues = lines
            .get(index + 1)
            .is_some_and(|next| starts_lowercase(&text[next.range()]));
        if ends_sentence(content) || !next_continues {
            paragraphs.extend(current.take());
        }
    }
    paragraphs.extend(current);
    paragraphs
        .into_iter()
        .map(|p| trim(text, p))
        .filter(|p| !p.is_empty())
        .collect()
}

/// The `date YYYY-MM-DD` header pattern, with the date as its `date` group.
fn header_pattern() -> &'static Regex {
    static HEADER: OnceLock<Regex> = OnceLock::new();
    HEADER.get_or_init(|| {
        Regex::new(r"^(?i:date)[ \t]+(?P<date>\d{4}-\d{2}-\d{2})\b")
            .expect("the header pattern is valid")
    })
}

/// The length of a leading `date YYYY-MM-DD` header.
fn date_header(paragraph: &str) -> Option<usize> {
    header_pattern().find(paragraph).map(|m| m.end())
}

/// The date of a document's `date YYYY-MM-DD` header, when its sentences have one and it is a
/// real date.
pub fn header_date(text: &str, sentences: &[Sentence]) -> Option<time::Date> {
    let header = sentences
        .iter()
        .find(|s| s.editorial == Some(Editorial::Header))?;
    let found = header_pattern().captures(&text[header.span.range()])?;
    crate::config::parse_date(found.name("date")?.as_str())
}

/// The length of a leading dateline: a place in capitals, an optional date after a comma, and
/// a dash (`ĐÀ NẴNG –`, `LYON, May 5 –`).
fn dateline(paragraph: &str) -> Option<usize> {
    static DATELINE: OnceLock<Regex> = OnceLock::new();
    let dateline = DATELINE.get_or_init(|| {
        Regex::new(concat!(
            // A place in capitals, two letters or more (a letter with its marks is one).
            r"^\p{Lu}\p{M}*(?:[\p{Lu}.'’]\p{M}*)+(?:[ \t]+(?:[\p{Lu}.'’]\p{M}*)+)*",
            // A region or a date after a comma, the agency in brackets, and a dash or two.
            r"(?:,(?P<date>[^–—()\n]+?))?(?:[ \t]*\([^()\n]{1,40}\))?[ \t]+(?:--|[–—-])[ \t]+"
        ))
        .expect("the dateline pattern is valid")
    });
    let found = dateline.captures(paragraph)?;
    // A date of at most 40 characters, counting a letter with its combining marks as one
    // (checked here rather than in the pattern, whose bounded repetition of a Unicode class
    // would compile to megabytes).
    let date_length = found.name("date").map_or(0, |date| {
        date.as_str()
            .chars()
            .filter(|&c| !is_combining_mark(c))
            .count()
    });
    (date_length <= 40).then(|| found.get(0).map_or(0, |m| m.end()))
}

fn token_range(tokens: &[Token], span: Span, cursor: &mut usize) -> std::ops::Range<usize> {
    while *cursor < tokens.len() && tokens[*cursor].span().start < span.start {
        *cursor += 1;
    }
    let first = *cursor;
    while *cursor < tokens.len() && tokens[*cursor].span().end <= span.end {
        *cursor += 1;
    }
    first..*cursor
}

/// A paragraph that ends with a photo credit: a credit word, a colon, a dash or a word that
/// links a credit (`courtesy`), and a name of up to [`CREDIT_MAX_WORDS`] words, one of them
/// capitalised, joined by `/`, `.` or a dash (`… Ảnh: MINH ANH`, `… (Ảnh: Bộ Ngoại giao).`,
/// `Photo: AP Photo/Alex Brandon`, `Credit - Jane Doe—Getty Images`, `(Photo courtesy Office
/// of the Governor)`).
fn is_caption(text: &str, tokens: &Tokens, paragraph: &[Token], lexicon: &Lexicon) -> bool {
    let words: Vec<&Token> = paragraph
        .iter()
        .filter(
            |t| !matches!(text[t.span().range()].chars().next(), Some(c) if is_closer(c) || c == '.'),
        )
        .collect();
    let is_separator = |t: &Token| {
        matches!(tokens.key(t), ":" | "-" | "–" | "—")
            || lexicon.photo_credit_links.contains(tokens.key(t))
    };
    let joins = |t: &Token| matches!(tokens.key(t), "/" | "-" | "–" | "—");
    let (mut name_words, mut capitalised, mut all_capitalised) = (0, false, true);
    for (at, token) in words.iter().enumerate().rev() {
        let credit = at.checked_sub(1).map(|before| words[before]);
        // An ordinary word (`credit`, `nguồn`) credits only where a paragraph or a sentence
        // opens, or before a colon and a name all in capitals.
        let opens = |credit: &Token| {
            let before = text[paragraph[0].span().start..credit.span().start].trim_end();
            before.is_empty() || before.ends_with(['.', '|'])
        };
        let credited = credit.is_some_and(|credit| {
            let word = tokens.key(credit);
            lexicon.photo_credits.contains(word)
                && (!lexicon.ordinary_credits.contains(word)
                    || opens(credit)
                    || (tokens.key(token) == ":" && all_capitalised))
        });
        if name_words > 0 && capitalised && is_separator(token) && credited {
            return true;
        }
        if token.kind() == TokenKind::Word {
            name_words += 1;
            capitalised |= token.capitalized();
            all_capitalised &= token.capitalized();
            if name_words > CREDIT_MAX_WORDS {
                return false;
            }
        } else if !joins(token) {
            return false;
        }
    }
    false
}

/// A paragraph that ends with a photographer's and agency's names joined by `/` or a dash,
/// standing alone or after a full stop or a bar (`| Thierry Monasse/Getty Images`,
/// `…economy.Drew Angerer—Getty Images`) without a full stop of its own, or in brackets
/// (`(Reuters/Jane Doe).`); not names joined inside a sentence (`from Canada/Mexico`).
fn ends_with_credit(paragraph: &str) -> bool {
    let text = paragraph.trim_end_matches(is_space);
    let bracketed = text
        .strip_suffix(").")
        .or_else(|| text.strip_suffix(')'))
        .and_then(|before| Some(&before[before.rfind('(')? + 1..]));
    let credit = bracketed.unwrap_or(text);
    let Some((at, separator)) =
        (credit.char_indices().rev()).find(|&(_, c)| matches!(c, '/' | '—' | '–'))
    else {
        return false;
    };
    let (before, after) = (&credit[..at], &credit[at + separator.len_utf8()..]);
    if !is_credit_name(after.trim_matches(is_space)) {
        return false;
    }
    // The name before the separator: up to CREDIT_NAME_WORDS words, then the paragraph's or
    // the bracket's start, or a full stop or a bar (`economy.Drew Angerer`, `| Thierry`).
    let ends_caption = |word: &str| word == "|" || word.ends_with('.');
    let mut words = (before.trim_end_matches(is_space).rsplit(is_space)).filter(|w| !w.is_empty());
    for read in 0..=CREDIT_NAME_WORDS {
        let Some(word) = words.next() else {
            return read > 0;
        };
        if read > 0 && ends_caption(word) {
            return bracketed.is_none();
        }
        if read == CREDIT_NAME_WORDS {
            return false;
        }
        if let Some(cut) = word.rfind(['.', '|']) {
            return is_credit_word(&word[cut + 1..]) && bracketed.is_none();
        }
        if !is_credit_word(word) {
            return false;
        }
    }
    false
}

/// A name of one to [`CREDIT_NAME_WORDS`] words, each a [`is_credit_word`].
fn is_credit_name(name: &str) -> bool {
    let words: Vec<&str> = name.split(is_space).filter(|w| !w.is_empty()).collect();
    (1..=CREDIT_NAME_WORDS).contains(&words.len()) && words.iter().all(|w| is_credit_word(w))
}

/// A word of a name: a capital, then letters, marks, apostrophes, hyphens, and full stops
/// only inside (`Q.Huy`).
fn is_credit_word(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
        && !word.ends_with('.')
        && word.chars().all(|c| {
            c.is_alphabetic() || is_combining_mark(c) || matches!(c, '\'' | '’' | '-' | '.')
        })
}

/// True when the paragraph opens with a label of one to three words and a colon, as a
/// speaker's turn in a transcript does (`Project Manager: Okay`).
fn opens_with_label(text: &str, tokens: &[Token]) -> bool {
    tokens
        .iter()
        .take(4)
        .position(|t| &text[t.span().range()] == ":")
        .is_some_and(|at| at > 0 && tokens[..at].iter().all(|t| t.kind() == TokenKind::Word))
}

/// A paragraph of one sentence, `paragraph`, that is news furniture: in a text mostly written
/// in full sentences, a short line that ends neither as a sentence does nor as a clause that
/// goes on (`,`). Before the body, a headline of up to [`HEADLINE_MAX_WORDS`] (a byline, a
/// time stamp); after it, up to [`FURNITURE_MAX_WORDS`] and only without a figure (a
/// sub-heading, `(Xinhua)`) or without a word in lowercase (a time stamp: `August 26, 2022,
/// 1:06 PM ET`), so that a claim missing its full stop (`She said it cost 90 million
/// dollars`) is still checked, and never a speaker's turn (`Marketing: {vocalsound}`).
fn is_headline(paragraph: &str, text: &str, tokens: &[Token], position: Position) -> bool {
    let stripped = paragraph.trim_end_matches(|c: char| is_space(c) || is_closer(c));
    let words = tokens
        .iter()
        .filter(|t| t.kind() != TokenKind::Punct)
        .count();
    let has = |kind: TokenKind, lowercase: bool| {
        (tokens.iter()).any(|t| t.kind() == kind && (!lowercase || !t.capitalized()))
    };
    let fits = if position.before_body {
        words <= HEADLINE_MAX_WORDS
    } else {
        words <= FURNITURE_MAX_WORDS
            && !opens_with_label(text, tokens)
            && !(has(TokenKind::Number, false) && has(TokenKind::Word, true))
    };
    position.punctuated
        && !ends_sentence(paragraph)
        && !stripped.ends_with([',', '-', '–', '—'])
        && fits
}

/// A short paragraph (at most [`FURNITURE_MAX_WORDS`]) that credits the report itself: a
/// copyright line (`© 2024 Reuters. All rights reserved.`, `Copyright 2024 …`, `Bản quyền …`),
/// or a byline, its opening word (`By`, `Tác giả:`) followed by names alone (`By Jane Doe and
/// John Roe`; not `By the end of the year`).
fn is_credit_line(text: &str, tokens: &Tokens, paragraph: &[Token], lexicon: &Lexicon) -> bool {
    let words: Vec<&Token> = (paragraph.iter())
        .filter(|t| t.kind() != TokenKind::Punct)
        .collect();
    if words.is_empty() || words.len() > FURNITURE_MAX_WORDS {
        return false;
    }
    if text[paragraph[0].span().range()].starts_with('©') {
        return true;
    }
    let keys: Vec<&str> = words.iter().map(|t| tokens.key(t)).collect();
    if lexicon.copyrights.at(&keys, 0).is_some() {
        return true;
    }
    let Some(opening) = lexicon
        .bylines
        .at(&keys, 0)
        .filter(|_| lexicon.capitals_mark_names)
    else {
        return false;
    };
    let names = &words[opening..];
    !names.is_empty()
        && names.iter().any(|t| t.capitalized())
        && (names.iter()).all(|t| t.capitalized() || lexicon.function_words.contains(tokens.key(t)))
}

/// A sentence by which the publisher presents the text it prints (`The following is a
/// near-verbatim transcript of …`, `Báo … trân trọng giới thiệu toàn văn bài phát biểu …:`):
/// one of at most [`PUBLISHER_LINE_MAX_WORDS`] that holds a phrase of the language's publisher
/// lines and no first-person word (`I have the following statement` is the speaker's), and
/// no word after a colon (what follows the colon is the text itself, which is checked).
fn is_publisher_line(tokens: &Tokens, sentence: &[Token], lexicon: &Lexicon) -> bool {
    let keys: Vec<&str> = tokens.keys(sentence).collect();
    let words = (sentence.iter())
        .filter(|t| t.kind() != TokenKind::Punct)
        .count();
    let after_colon = (keys.iter().position(|&key| key == ":")).is_some_and(|colon| {
        sentence[colon..]
            .iter()
            .any(|t| t.kind() != TokenKind::Punct)
    });
    // It presents the text after it (a colon ends it), or opens with the phrase and gives no
    // figure: not a sentence that quotes a statement (`The following statement … confirmed
    // that 300 people died`).
    let presents = keys.last() == Some(&":")
        || (lexicon.publisher_lines.at(&keys, 0).is_some()
            && !sentence.iter().any(|t| t.kind() == TokenKind::Number));
    words <= PUBLISHER_LINE_MAX_WORDS
        && !after_colon
        && presents
        && lexicon.publisher_lines.contains(&keys)
        && !keys.iter().any(|key| lexicon.first_person.contains(*key))
}

/// A short paragraph whose letters are all uppercase.
fn is_byline(text: &str, tokens: &[Token]) -> bool {
    let words: Vec<&Token> = tokens
        .iter()
        .filter(|t| t.kind() == TokenKind::Word)
        .collect();
    !words.is_empty()
        && words.len() <= BYLINE_MAX_WORDS
        && words
            .iter()
            .all(|t| capitals(&text[t.span().range()]).is_some_and(|letters| letters > 0))
}

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '。' | '！' | '？')
}

fn is_closer(c: char) -> bool {
    matches!(c, ')' | ']' | '}' | '”' | '’' | '»' | '"' | '\'')
}

/// The brackets and quotation marks open at a place in a paragraph.
#[derive(Default)]
struct Nesting {
    brackets: usize,
    quotes: usize,
    straight_quote_open: bool,
}

impl Nesting {
    /// Takes account of character `c`.
    fn see(&mut self, c: char) {
        match c {
            '(' | '[' | '{' => self.brackets += 1,
            ')' | ']' | '}' => self.brackets = self.brackets.saturating_sub(1),
            '“' | '«' => self.quotes += 1,
            '”' | '»' => self.quotes = self.quotes.saturating_sub(1),
            '"' => self.straight_quote_open = !self.straight_quote_open,
            _ => {}
        }
    }

    /// Whether a bracket or quotation is open.
    fn inside(&self) -> bool {
        self.brackets > 0 || self.quotes > 0 || self.straight_quote_open
    }
}

/// Splits one paragraph into sentence spans, reading it once, character by character (no
/// copy of its characters: a paragraph may be the whole text).
fn split_paragraph(text: &str, paragraph: Span, tokens: &Tokens, lexicon: &Lexicon) -> Vec<Span> {
    let body = &text[paragraph.range()];
    let mut spans = Vec::new();
    let mut start = 0usize;
    let mut nesting = Nesting::default();
    let mut previous: Option<char> = None;
    let mut at = 0;
    while let Some(c) = body[at..].chars().next() {
        nesting.see(c);
        let inside = nesting.inside();
        let closes_quoted_sentence = is_closer(c) && !inside && previous.is_some_and(is_terminator);
        if (is_terminator(c) && !inside) || closes_quoted_sentence {
            // Take the whole run of terminators and closing marks.
            let run_start = at + c.len_utf8();
            let end = run_start
                + body[run_start..]
                    .chars()
                    .take_while(|&n| is_terminator(n) || is_closer(n))
                    .map(char::len_utf8)
                    .sum::<usize>();
            let wide = matches!(c, '。' | '！' | '？');
            let rest = &body[end..];
            let followed_by_space = rest.chars().next().is_none_or(is_space);
            let next_visible = rest.chars().find(|&n| !is_space(n));
            let next_starts_sentence = next_visible.is_none_or(|n| !base_letter(n).is_lowercase());
            let after_abbreviation =
                c == '.' && is_abbreviation_before(text, paragraph.start + at, tokens, lexicon);
            if (followed_by_space || wide) && next_starts_sentence && !after_abbreviation {
                spans.push(trim(
                    text,
                    Span::new(paragraph.start + start, paragraph.start + end),
                ));
                start = end;
            }
            // The closing marks just taken may have closed quotes or brackets (the run holds
            // no opening mark).
            body[run_start..end]
                .chars()
                .for_each(|closer| nesting.see(closer));
            previous = body[..end].chars().next_back();
            at = end;
            continue;
        }
        previous = Some(c);
        at += c.len_utf8();
    }
    if start < body.len() {
        spans.push(trim(
            text,
            Span::new(paragraph.start + start, paragraph.end),
        ));
    }
    spans.retain(|s| !s.is_empty());
    spans
}

/// True when the dot at `dot` ends an abbreviation or an initial rather than a sentence.
fn is_abbreviation_before(text: &str, dot: usize, tokens: &Tokens, lexicon: &Lexicon) -> bool {
    let index = tokens.partition_point(|t| t.span().end <= dot);
    let Some(word) = index.checked_sub(1).map(|i| &tokens[i]) else {
        return false;
    };
    if word.span().end != dot || word.kind() != TokenKind::Word {
        return false;
    }
    let written = &text[word.span().range()];
    let single_capital = written.graphemes(true).count() == 1 && word.capitalized();
    single_capital || written.contains('.') || lexicon.abbreviations.contains(tokens.key(word))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::tokenize;

    fn sentences(text: &str) -> Vec<(String, Option<Editorial>)> {
        let tokens = tokenize(text);
        segment(text, &tokens, Language::detect(text), false)
            .into_iter()
            .map(|s| (text[s.span.range()].to_string(), s.editorial))
            .collect()
    }

    fn texts(text: &str) -> Vec<String> {
        sentences(text).into_iter().map(|(t, _)| t).collect()
    }

    #[test]
    fn bylines_and_copyright_lines_are_editorial_and_sentences_like_them_are_not() {
        let report = "The mayor opened the new bridge on Monday, officials said.\n\n\
                      By Jane Doe and John Roe\n\n\
                      By the end of the year, the city will open two more bridges.\n\n\
                      © 2024 Reuters. All rights reserved.\n\n\
                      Copyright 2024 The Associated Press. All rights reserved.";
        let editorial: Vec<bool> = (sentences(report).iter())
            .map(|(_, e)| e.is_some())
            .collect();
        assert_eq!(editorial, [false, true, false, true, true]);
        let bai = "Chiều 26-10, Bộ trưởng đã phát biểu tại lễ bế mạc hội nghị ở Hà Nội.\n\n\
                   Tác giả: Nguyễn Văn An\n\n\
                   Bản quyền thuộc về Báo Nhân Dân.";
        let editorial: Vec<bool> = (sentences(bai).iter()).map(|(_, e)| e.is_some()).collect();
        assert_eq!(editorial, [false, true, true]);
    }

    #[test]
    fn publisher_lines_are_editorial_in_both_languages_and_the_speakers_words_are_not() {
        let editorial = |text: &str| -> Vec<bool> {
            (sentences(text).iter())
                .map(|(_, e)| *e == Some(Editorial::Narration))
                .collect()
        };
        let briefing = "The following is a near-verbatim transcript of today's noon briefing \
                        by the Spokesman for the Secretary-General.\n\n\
                        The following statement was issued today by the Spokesman:\n\n\
                        I have the following statement on the floods. The rains have stopped.";
        assert_eq!(editorial(briefing), [true, true, false, false]);
        let bai = "Chiều 28/8, Thủ tướng đã có bài phát biểu quan trọng. Báo Tin Tức trân \
                   trọng giới thiệu toàn văn bài phát biểu của Thủ tướng:\n\n\
                   Dưới đây là toàn văn bức thư:\n\n\
                   Trân trọng giới thiệu toàn văn bài phát biểu: Thủ tướng cho biết 27 quốc \
                   gia đã ký.";
        assert_eq!(editorial(bai), [false, true, true, false]);
        // The phrase inside a claim with a figure is no publisher's line (review of #17).
        let claim = "The following statement from the minister confirmed that 300 people died.";
        assert_eq!(editorial(claim), [false]);
    }

    #[test]
    fn captions_end_with_a_credit_after_a_colon_a_dash_or_a_link_word() {
        for caption in [
            "Người phát ngôn Bộ Ngoại giao Phạm Thu Hằng. Ảnh: Bộ Ngoại giao.",
            "Chủ tịch UBND TPHCM Nguyễn Văn Được (Ảnh: Q.Huy).",
            "President Joe Biden. Photo: AP Photo/Alex Brandon",
            "The minister at the table. Credit - Jane Doe—Getty Images",
            "Perry warns Texans to evacuate. (Photo courtesy Office of the Governor)",
        ] {
            assert_eq!(
                sentences(caption)[0].1,
                Some(Editorial::Caption),
                "{caption}"
            );
        }
        // An ordinary word (`credit`, `nguồn`) inside a sentence credits no photo (review of
        // #17): the sentence is a claim.
        for sentence in [
            "Ông giới thiệu bức ảnh: minh họa cho dự án.",
            "He showed the photo to Jane Doe and John Roe.",
            "Có 300 doanh nghiệp bị ảnh hưởng trong năm nay (Nguồn: Bộ Tài chính).",
            "We passed the bill with 220 votes. I want to give credit — Speaker Pelosi.",
        ] {
            assert_eq!(sentences(sentence)[0].1, None, "{sentence}");
        }
    }

    #[test]
    fn numbers_and_abbreviations_do_not_split() {
        assert_eq!(
            texts("Có 1.000 người, tăng 3,5 lần. Đoàn tới TP.HCM rồi về Cần Thơ."),
            [
                "Có 1.000 người, tăng 3,5 lần.",
                "Đoàn tới TP.HCM rồi về Cần Thơ."
            ]
        );
        assert_eq!(
            texts("The U.S. Army met Mr. Smith at 3.5 km. Then J. R. Doe spoke."),
            [
                "The U.S. Army met Mr. Smith at 3.5 km.",
                "Then J. R. Doe spoke."
            ]
        );
    }

    #[test]
    fn quotes_and_brackets_do_not_split() {
        assert_eq!(
            texts(
                "Ông nói: “Tôi đồng ý. Hãy bắt đầu.” Sau đó ông rời đi. (Xem thêm. Trang 2.) Hết."
            ),
            [
                "Ông nói: “Tôi đồng ý. Hãy bắt đầu.”",
                "Sau đó ông rời đi.",
                "(Xem thêm. Trang 2.)",
                "Hết."
            ]
        );
        assert_eq!(
            texts("He said \"Stop. Now.\" They stopped!"),
            ["He said \"Stop. Now.\"", "They stopped!"]
        );
    }

    #[test]
    fn lowercase_continuation_does_not_split() {
        assert_eq!(
            texts("It cost approx. ten dollars… or so."),
            ["It cost approx. ten dollars… or so."]
        );
    }

    #[test]
    fn paragraph_breaks_always_split() {
        assert_eq!(
            texts("A heading without a stop\n\nBody text here\r\nNext line starts a paragraph."),
            [
                "A heading without a stop",
                "Body text here",
                "Next line starts a paragraph."
            ]
        );
        assert_eq!(
            texts("A sentence wrapped\nacross lines ends here."),
            ["A sentence wrapped\nacross lines ends here."]
        );
    }

    #[test]
    fn editorial_matter_is_marked() {
        let text = " date 2019-03-14 Sáng 14-3, hội nghị khai mạc.\n\n\
                    Bộ trưởng phát biểu. Ảnh: MINH ANH\n\n\
                    Nội dung chính của bài.\n\nTHU HÀ";
        assert_eq!(
            sentences(text),
            [
                ("date 2019-03-14".to_string(), Some(Editorial::Header)),
                ("Sáng 14-3, hội nghị khai mạc.".to_string(), None),
                (
                    "Bộ trưởng phát biểu. Ảnh: MINH ANH".to_string(),
                    Some(Editorial::Caption)
                ),
                ("Nội dung chính của bài.".to_string(), None),
                ("THU HÀ".to_string(), Some(Editorial::Byline)),
            ]
        );
    }

    #[test]
    fn datelines_are_editorial() {
        assert_eq!(
            sentences("LYON, May 5 – The bridge reopened.\n\nĐÀ NẴNG – Hội nghị khai mạc."),
            [
                ("LYON, May 5 –".to_string(), Some(Editorial::Dateline)),
                ("The bridge reopened.".to_string(), None),
                ("ĐÀ NẴNG – Hội nghị khai mạc.".to_string(), None),
            ]
        );
        assert_eq!(
            texts("Sáng 14-3, hội nghị khai mạc."),
            ["Sáng 14-3, hội nghị khai mạc."]
        );
    }

    #[test]
    fn news_furniture_is_editorial() {
        let article = "UN Chief Condemns Nuclear Test\n\nBy\nColin Lodewick\n08/12/2025 18:35 GMT+7\n\n\
            HÀ NỘI (TTXVN) - Hội nghị khai mạc.\n\nHe spoke.Drew Angerer—Getty Images\n\n\
            Talks went on, he said, through the night\n\nThe delegations agreed on a text late \
            in the evening, after two days of talks in the capital.\n\nThe ministers signed it \
            the next morning, and the treaty will enter into force next year.\n\n(Xinhua)";
        let furniture = [
            ("UN Chief Condemns Nuclear Test", Some(Editorial::Headline)),
            ("By", Some(Editorial::Headline)),
            (
                "Colin Lodewick\n08/12/2025 18:35 GMT+7",
                Some(Editorial::Headline),
            ),
            ("HÀ NỘI (TTXVN) -", Some(Editorial::Dateline)),
            ("Hội nghị khai mạc.", None),
            (
                "He spoke.Drew Angerer—Getty Images",
                Some(Editorial::Caption),
            ),
            (
                "Talks went on, he said, through the night",
                Some(Editorial::Headline),
            ),
            (
                "The delegations agreed on a text late in the evening, after two days of talks in the capital.",
                None,
            ),
            (
                "The ministers signed it the next morning, and the treaty will enter into force next year.",
                None,
            ),
            ("(Xinhua)", Some(Editorial::Headline)),
        ]
        .map(|(text, editorial)| (text.to_string(), editorial));
        assert_eq!(sentences(article), furniture);
        // After the body has begun, a claim that misses its full stop is no headline; nor is
        // any line of a text written without full stops.
        let claim = "The mayor opened the bridge.\n\nShe said it cost 90 million dollars";
        assert_eq!(sentences(claim)[1].1, None);
        let unpunctuated = "Good morning everyone\n\nToday we open the bridge\n\nThank you";
        assert!(sentences(unpunctuated).iter().all(|(_, e)| e.is_none()));
        for caption in [
            "The minister speaks. | Thierry Monasse/Getty Images",
            "The minister speaks (Reuters/Jane Doe).",
            "Thierry Monasse/Getty Images",
        ] {
            assert!(ends_with_credit(caption), "{caption}");
        }
        for sentence in [
            "They met in Israel/Gaza.",
            "a (Reuters/jane doe)",
            "From Rome/",
        ] {
            assert!(!ends_with_credit(sentence), "{sentence}");
        }
        // A speaker's turn in a transcript is no headline.
        let turns = "Project Manager: We start now, and the agenda is long today.\n\n\
            Marketing: {vocalsound}\n\nProject Manager: Then we move on to the budget.";
        assert!(sentences(turns).iter().all(|(_, e)| e.is_none()));
        // Names joined inside a sentence are no photo credit.
        let joined = "Exports will rise. The deal covers grain from Canada/Mexico";
        assert!(sentences(joined).iter().all(|(_, e)| e.is_none()));
        assert_eq!(
            sentences(
                "AUSTIN, Texas (KTRK) -- Eleven people have died.\n\nThey met in Israel/Gaza."
            ),
            [
                (
                    "AUSTIN, Texas (KTRK) --".to_string(),
                    Some(Editorial::Dateline)
                ),
                ("Eleven people have died.".to_string(), None),
                ("They met in Israel/Gaza.".to_string(), None),
            ]
        );
        // A paragraph of several sentences, or one that goes on, is no headline.
        assert_eq!(
            sentences("Thưa các đồng chí,\n\nHe left. She stayed"),
            [
                ("Thưa các đồng chí,".to_string(), None),
                ("He left.".to_string(), None),
                ("She stayed".to_string(), None),
            ]
        );
    }

    #[test]
    fn other_scripts_segment_without_panicking() {
        assert_eq!(
            texts("東京は晴れ。大阪は雨。"),
            ["東京は晴れ。", "大阪は雨。"]
        );
        assert_eq!(texts("مرحبا بالعالم. 👩‍👩‍👧 ok"), ["مرحبا بالعالم.", "👩‍👩‍👧 ok"]);
    }
}
