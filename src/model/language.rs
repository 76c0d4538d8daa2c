//! The languages a document can be in: plain data here, while their word lists and detection
//! live in [`crate::lang`], which is a stage's business rather than the model's.

use serde::Serialize;

/// A language crosscheck has word lists for. Text in any other language is read with the
/// English rules, which only rely on punctuation and capitals.
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
}
