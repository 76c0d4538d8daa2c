//! Quoted passages: the text between a pair of quotation marks inside a sentence.

use crate::model::Span;

/// Passages between quotation marks inside a sentence.
pub(super) fn quotes(text: &str, sentence: Span) -> Vec<Span> {
    let body = &text[sentence.range()];
    let mut found = Vec::new();
    let mut open: Option<(usize, char)> = None;
    for (at, c) in body.char_indices() {
        match (open, c) {
            (None, '“' | '«' | '"') => open = Some((at + c.len_utf8(), c)),
            (Some((start, '“')), '”') | (Some((start, '«')), '»') | (Some((start, '"')), '"') =>
            {
                found.push(Span::new(sentence.start + start, sentence.start + at));
                open = None;
            }
            _ => {}
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
