//! Quoted passages: the text between a pair of the language's quotation marks inside a
//! sentence ([`Lexicon::quote_marks`]).

use crate::lang::Lexicon;
use crate::model::Span;

/// Passages between quotation marks inside a sentence: from an opening mark to the closing
/// mark of its pair; other marks inside a passage are part of it.
pub(super) fn quotes(text: &str, sentence: Span, lexicon: &Lexicon) -> Vec<Span> {
    let body = &text[sentence.range()];
    let mut found = Vec::new();
    // Where the open passage starts, and the mark that closes it.
    let mut open: Option<(usize, char)> = None;
    for (at, c) in body.char_indices() {
        match open {
            None => {
                if let Some(&(_, closing)) = lexicon.quote_marks.iter().find(|(o, _)| *o == c) {
                    open = Some((at + c.len_utf8(), closing));
                }
            }
            Some((start, closing)) if c == closing => {
                found.push(Span::new(sentence.start + start, sentence.start + at));
                open = None;
            }
            Some(_) => {}
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use crate::facts::tests::facts;

    #[test]
    fn quoted_passages() {
        let text =
            "Tại đây, ông Peter Lindqvist, Giám đốc Sở Xây dựng, cho biết: “Đây là bước đầu”.";
        let found = facts(text).remove(0);
        let quoted: Vec<&str> = found.quotes.iter().map(|q| &text[q.range()]).collect();
        assert_eq!(quoted, ["Đây là bước đầu"]);
    }
}
