//! The languages a document can be in: plain data here, while their word lists and detection
//! live in [`crate::lang`], which is a stage's business rather than the model's.

use serde::Serialize;

/// A language crosscheck has word lists for. Text in any other language is read with the
/// English rules, which only rely on punctuation and capitals ([`Detected`] says so).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, serde::Deserialize, clap::ValueEnum,
)]
#[serde(rename_all = "kebab-case")]
pub enum Language {
    /// Vietnamese.
    #[serde(alias = "vi")]
    #[value(name = "vi", alias = "vietnamese")]
    Vietnamese,
    /// English, and the fallback for other languages.
    #[serde(alias = "en")]
    #[value(name = "en", alias = "english")]
    English,
    /// German.
    #[serde(alias = "de")]
    #[value(name = "de", alias = "german")]
    German,
}

impl Language {
    /// The language's name in English, as messages show it.
    pub fn name(self) -> &'static str {
        match self {
            Language::Vietnamese => "Vietnamese",
            Language::English => "English",
            Language::German => "German",
        }
    }

    /// The language's ISO 639-3 code, as [`Detected::code`] gives every language's.
    pub fn iso_639_3(self) -> &'static str {
        match self {
            Language::Vietnamese => "vie",
            Language::English => "eng",
            Language::German => "deu",
        }
    }
}

/// What language detection found a document to be in ([`Language::identify`]). Its rules are
/// [`Detected::rules`]: the detected language's when crosscheck supports it, else English.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Detected {
    /// A language crosscheck has word lists for.
    Supported(Language),
    /// A language crosscheck has no word lists for, checked with the English rules.
    Unsupported {
        /// Its name in English (`French`).
        name: &'static str,
        /// Its ISO 639-3 code (`fra`).
        code: &'static str,
    },
    /// Too little text, or too mixed, to tell: checked as English, which reads it by
    /// punctuation, capitals and shared words.
    Undetermined,
}

impl Detected {
    /// The language whose rules the document is checked with.
    pub fn rules(self) -> Language {
        match self {
            Detected::Supported(language) => language,
            Detected::Unsupported { .. } | Detected::Undetermined => Language::English,
        }
    }

    /// The language's name in English, when one was found.
    pub fn name(self) -> Option<&'static str> {
        match self {
            Detected::Supported(language) => Some(language.name()),
            Detected::Unsupported { name, .. } => Some(name),
            Detected::Undetermined => None,
        }
    }

    /// The language's ISO 639-3 code, when one was found.
    pub fn code(self) -> Option<&'static str> {
        match self {
            Detected::Supported(language) => Some(language.iso_639_3()),
            Detected::Unsupported { code, .. } => Some(code),
            Detected::Undetermined => None,
        }
    }
}
