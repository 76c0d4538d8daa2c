//! Quoted passages: the text between a pair of the language's quotation marks inside a
//! sentence ([`Lexicon::quote_marks`]).

use crate::lang::Lexicon;
use crate::model::Span;

/// Passages between quotation marks inside a sentence: from an opening mark to the closing
/// mark of its pair; other marks inside a passage are part of it. Bytes that cannot start an
/// opening mark are skipped by a table lookup, so the scan costs little more than the bytes.
pub(super) fn quotes(text: &str, sentence: Span, lexicon: &Lexicon) -> Vec<Span> {
    let body = &text[sentence.range()];
    let mut may_open = [false; 256];
    for (opening, _) in lexicon.quote_marks {
        let mut first = [0; 4];
        opening.encode_utf8(&mut first);
        may_open[usize::from(first[0])] = true;
    }
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(offset) = body.as_bytes()[at..]
        .iter()
        .position(|&b| may_open[usize::from(b)])
    {
        at += offset;
        let rest = &body[at..];
        let Some(&(opening, closing)) = lexicon
            .quote_marks
            .iter()
            .find(|(opening, _)| rest.starts_with(*opening))
        else {
            at += rest.chars().next().map_or(1, char::len_utf8);
            continue;
        };
        let start = at + opening.len_utf8();
        let Some(length) = body[start..].find(closing) else {
            break;
        };
        found.push(Span::new(
            sentence.start + start,
            sentence.start + start + length,
        ));
        at = start + length + closing.len_utf8();
    }
    found
}

#[cfg(test)]
mod tests {
    use crate::facts::tests::facts;

    /// The quoted passages of a one-sentence text.
    fn quoted(text: &str) -> Vec<&str> {
        let found = facts(text).remove(0);
        found
            .quotes
            .iter()
            .map(|q| &text[crate::model::widen(q)])
            .collect()
    }

    #[test]
    fn quoted_passages() {
        assert_eq!(
            quoted(
                "Tại đây, ông Peter Lindqvist, Giám đốc Sở Xây dựng, cho biết: “Đây là bước đầu”."
            ),
            ["Đây là bước đầu"]
        );
    }

    #[test]
    fn a_passage_ends_only_at_its_own_closing_mark() {
        assert_eq!(
            quoted("Ông nói «một “hai» ba \"bốn\" và “năm chưa đóng."),
            ["một “hai", "bốn"]
        );
    }
}
