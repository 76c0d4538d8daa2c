//! Which language a text is in, beyond the three crosscheck has word lists for, and what a
//! check tells the reader of it.
//!
//! [`Language::identify`] takes a text and gives a [`Detected`]: the rules it is read with
//! are always [`Language::detect`]'s (Vietnamese, German, or English for everything else), so
//! identifying never changes the rules; it names a language the English rules stand in for,
//! and finds two documents in different languages, whose words are then not compared
//! ([`different`]). [`notices`] turns what it found for a pair into the sentences the report's
//! notes and the command's warnings show.

use unicode_normalization::UnicodeNormalization;

use super::{Language, en};
use crate::model::{Detected, Document};
use crate::normalize::word_key;

/// The most of a text identification reads, in characters: enough for a sure answer, and a
/// 10 MB file costs no more than a short one.
const SAMPLE_CHARS: usize = 4 * 1024;

/// The fewest words of a text in Latin letters to name a language crosscheck has no word lists
/// for: the trigram model is sure of one English sentence of ten words (`"We've become like
/// total strangers," Klein quotes him as saying.`) being Afrikaans. Another script is no
/// English, and Chinese or Japanese put no spaces between words.
const MIN_WORDS_TO_NAME: usize = 12;

impl Language {
    /// Identifies the language of a text. Vietnamese and German are [`Language::detect`]'s:
    /// their letters and function words are sure signs. A text it reads as English is English
    /// when most of its letters are Latin and one word in ten or more is a common English
    /// function word (`the`, `of`, `and`: a Chinese sentence of four spaced chunks quoting
    /// *The Economist* is no English);
    /// otherwise the trigram model of the `whatlang` crate names its language when it is sure
    /// (a language other than English written in Latin letters only in twelve words or
    /// more). The text is
    /// [`Detected::Undetermined`] when the model is not sure (a headline, a list of names), or
    /// when it finds Vietnamese or German without the signs of either.
    pub fn identify(text: &str) -> Detected {
        let rules = Language::detect(text);
        if rules != Language::English {
            return Detected::Supported(rules);
        }
        // Composed, as the model's trigrams are: NFD copies of a file read alike.
        let sample: String = text.nfc().take(SAMPLE_CHARS).collect();
        let (mut words, mut english) = (0usize, 0usize);
        let (mut letters, mut latin) = (0usize, 0usize);
        for c in sample.chars().filter(|c| c.is_alphabetic()) {
            letters += 1;
            latin += usize::from(is_latin(c));
        }
        for word in sample.split_whitespace() {
            if !word.chars().any(char::is_alphabetic) {
                continue;
            }
            words += 1;
            let bare = word_key(word.trim_matches(|c: char| !c.is_alphanumeric()));
            english += usize::from(en::MARKERS.contains(&bare.as_str()));
        }
        if words > 0 && english * 10 >= words && latin * 2 > letters {
            return Detected::Supported(Language::English);
        }
        match whatlang::detect(&sample) {
            Some(info) if info.is_reliable() => match info.lang() {
                whatlang::Lang::Eng => Detected::Supported(Language::English),
                whatlang::Lang::Vie | whatlang::Lang::Deu => Detected::Undetermined,
                _ if words < MIN_WORDS_TO_NAME && info.script() == whatlang::Script::Latin => {
                    Detected::Undetermined
                }
                other => Detected::Unsupported {
                    name: other.eng_name(),
                    code: other.code(),
                },
            },
            _ => Detected::Undetermined,
        }
    }
}

/// Whether `c` is a letter of the Latin script: ASCII, or in the Latin blocks of Unicode
/// (Latin-1 Supplement to Latin Extended Additional, where Vietnamese's letters are).
fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic() || matches!(c, '\u{C0}'..='\u{24F}' | '\u{1E00}'..='\u{1EFF}')
}

/// What detection found for a pair that a reader must be told, each document named as
/// `names` gives (`["the summary", "the source"]` in a report's notes, the paths on standard
/// error): that the two are in different languages, so that what the summary says is not
/// compared with the source; or else that one or both are in a language crosscheck has no
/// word lists for, read with the English rules. Nothing when the languages were given
/// ([`crate::Config::language`]) rather than detected.
pub fn notices(summary: &Document, source: &Document, names: [&str; 2]) -> Vec<String> {
    let [summary_name, source_name] = names;
    if let Some((summary_language, source_language)) = different(summary, source) {
        return vec![format!(
            "{summary_name} is in {summary_language} and {source_name} in {source_language}: \
             crosscheck compares the words of texts in one language, so what the summary says \
             is not compared with the source (its editorial matter and the statements it \
             credits to others are still read); give --language if both are in one language"
        )];
    }
    let unsupported_language = |document: &Document| match document.detected? {
        Detected::Unsupported { name, .. } => Some(name),
        Detected::Supported(_) | Detected::Undetermined => None,
    };
    match (unsupported_language(summary), unsupported_language(source)) {
        (Some(language), Some(_)) => vec![unsupported_note(
            &format!("{summary_name} and {source_name} are"),
            language,
            ["they are", "their"],
        )],
        (summary_language, source_language) => (summary_language.map(|l| (summary_name, l)))
            .into_iter()
            .chain(source_language.map(|l| (source_name, l)))
            .map(|(name, language)| {
                unsupported_note(&format!("{name} is"), language, ["it is", "its"])
            })
            .collect(),
    }
}

/// The note on text in a language crosscheck has no word lists for: `subject` (`X is`, `X and
/// Y are`) and the pronouns that refer back to it.
fn unsupported_note(subject: &str, language: &str, [they, their]: [&str; 2]) -> String {
    format!(
        "{subject} in {language}, which crosscheck has no word lists for: {they} read with the \
         English rules, which compare {their} words, figures and names but not {their} \
         negations, dates, titles or reporting verbs (--language vi|en|de chooses the rules)"
    )
}

/// The languages of the summary and the source when detection named both and they differ:
/// then no summary sentence can be compared with the source.
pub fn different(summary: &Document, source: &Document) -> Option<(&'static str, &'static str)> {
    let summary_language = summary.detected?.name()?;
    let source_language = source.detected?.name()?;
    (summary_language != source_language).then_some((summary_language, source_language))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_languages_it_has_no_word_lists_for() {
        let mandarin = Detected::Unsupported {
            name: "Mandarin",
            code: "cmn",
        };
        let cases = [
            (
                "Le port a rouvert lundi, dix-huit mois après la tempête qui avait détruit \
                 les quais. Les travaux ont coûté douze millions d'euros.",
                Detected::Unsupported {
                    name: "French",
                    code: "fra",
                },
            ),
            (
                "The harbour reopened on Monday, eighteen months after the storm.",
                Detected::Supported(Language::English),
            ),
            (
                "Sáng 14-3, sau 2 tuần, hội nghị khai mạc.",
                Detected::Supported(Language::Vietnamese),
            ),
            (
                "北京市政府今天宣布，将在明年投资五十亿元用于改善城市交通。",
                mandarin,
            ),
            // One English name in a Chinese sentence leaves it Chinese.
            (
                "据 The Economist 报道，北京市政府宣布明年投资八十亿元改善交通。",
                mandarin,
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(Language::identify(text), expected, "{text}");
        }
        let danish = "Borgmesteren sagde mandag, at havnen åbner igen efter stormen, og at byen \
                      skal have flere penge for at bygge nye kajer til skibene.";
        // Danish or Norwegian, the model cannot always say which: anything but English.
        assert_ne!(
            Language::identify(danish),
            Detected::Supported(Language::English)
        );
        for short in ["", "Apple", "42", "🙂 ✓"] {
            assert_eq!(Language::identify(short), Detected::Undetermined, "{short}");
        }
    }
}
