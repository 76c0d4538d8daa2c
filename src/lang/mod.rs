//! Language data: every word list the stages use, one file per language.
//!
//! Stages never hold word lists of their own; they ask the [`Lexicon`] of the document's
//! [`Language`]. Adding a language means adding one file like `de.rs` (German: about 400 lines
//! of lists and a Snowball stemmer), a variant to [`Language`] (in the model) and an arm to each
//! of its `match`es here. [`Language::identify`] also names the languages it has no lists for
//! (`identify.rs`), so that a check can say so ([`notices`]).

mod de;
mod en;
mod identify;
mod vi;

use std::sync::OnceLock;

use rayon::prelude::*;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use unicode_normalization::UnicodeNormalization;

pub use crate::model::Language;
use crate::model::{BitSet256, Key, Stems, Tokens};
use crate::normalize::{tokenize, word_key};
pub use identify::{different, notices};

/// Detection and the word lists of each language.
impl Language {
    /// Guesses the language of a text: Vietnamese when enough of its words carry letters that
    /// only Vietnamese uses (`ă`, `ơ`, `ư`, `đ`, stacked tone marks and the like), composed
    /// or decomposed; German when enough of them are common German function words (`und`,
    /// `nicht`, `der`); English otherwise.
    pub fn detect(text: &str) -> Language {
        let mut words = 0usize;
        let mut vietnamese = 0usize;
        let mut german = 0usize;
        for word in text.split_whitespace().take(2_000) {
            if !word.chars().any(char::is_alphabetic) {
                continue;
            }
            words += 1;
            if word.nfc().any(vi::is_vietnamese_letter) {
                vietnamese += 1;
            }
            let bare = word_key(word.trim_matches(|c: char| !c.is_alphanumeric()));
            if de::MARKERS.contains(&bare.as_str()) {
                german += 1;
            }
        }
        if words > 0 && vietnamese * 5 >= words {
            Language::Vietnamese
        } else if words > 0 && german * 6 >= words {
            Language::German
        } else {
            Language::English
        }
    }

    fn data(self) -> &'static LanguageData {
        match self {
            Language::Vietnamese => &vi::DATA,
            Language::English => &en::DATA,
            Language::German => &de::DATA,
        }
    }

    /// The language's lexicon, with every phrase turned into comparison keys.
    pub fn lexicon(self) -> &'static Lexicon {
        static VI: OnceLock<Lexicon> = OnceLock::new();
        static EN: OnceLock<Lexicon> = OnceLock::new();
        static DE: OnceLock<Lexicon> = OnceLock::new();
        let cell = match self {
            Language::Vietnamese => &VI,
            Language::English => &EN,
            Language::German => &DE,
        };
        cell.get_or_init(|| Lexicon::new(self.data()))
    }
}

/// The vulgar fraction characters and their values (`½`, `¾`), which every language writes
/// alike: read as fractions ([`LanguageData::fractions`]), and after a whole number as its
/// fractional part (`4¼`, `4 ½`).
pub const VULGAR_FRACTIONS: &[(&str, f64)] = &[
    ("½", 1.0 / 2.0),
    ("⅓", 1.0 / 3.0),
    ("⅔", 2.0 / 3.0),
    ("¼", 1.0 / 4.0),
    ("¾", 3.0 / 4.0),
    ("⅕", 1.0 / 5.0),
    ("⅖", 2.0 / 5.0),
    ("⅗", 3.0 / 5.0),
    ("⅘", 4.0 / 5.0),
    ("⅙", 1.0 / 6.0),
    ("⅚", 5.0 / 6.0),
    ("⅛", 1.0 / 8.0),
    ("⅜", 3.0 / 8.0),
    ("⅝", 5.0 / 8.0),
    ("⅞", 7.0 / 8.0),
];

/// What the number after a date unit is (`ngày` 14: a day).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateUnit {
    /// `ngày`.
    Day,
    /// `tháng`.
    Month,
    /// `năm`.
    Year,
}

/// How a qualifier before a number bounds it (`hơn 70`, `about 70`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Approximation {
    /// `hơn`, `trên`, `more than`, `over`.
    MoreThan,
    /// `dưới`, `fewer than`, `under`.
    LessThan,
    /// `khoảng`, `about`, `around`.
    About,
    /// `gần`, `nearly`, `almost`.
    Nearly,
}

/// The role a number word plays when numbers are read from words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberWord {
    /// A digit-like word (`hai` 2, `seven` 7, `twelve` 12).
    Unit(u64),
    /// A unit that is only a number after a tens word (`lăm` 5, `mốt` 1, `tư` 4).
    UnitAfterTens(u64),
    /// A tens word that adds its value (`mười` 10, `seventy` 70).
    Tens(u64),
    /// A word that multiplies what precedes it by ten (`mươi`).
    TimesTen,
    /// `hundred`, `trăm`: multiplies the current group.
    Hundred,
    /// `thousand`, `triệu`, …: closes a group at this scale.
    Scale(u64),
    /// A joining word with no value (`linh`, `lẻ`, `and`).
    Joiner,
}

/// The word lists of one language, as written (see [`Lexicon`] for the compared form).
pub(crate) struct LanguageData {
    /// True when `,` is the decimal mark and `.` groups thousands (`1.000`, `3,5`).
    pub decimal_comma: bool,
    /// True when a capital inside a sentence marks a name (not in German, which capitalises
    /// every noun).
    pub capitals_mark_names: bool,
    /// True when the words of a name are syllables that mean nothing alone (`Đông Nam Á`,
    /// `Hà Nội`): a name is matched on its whole form, not word by word.
    pub syllable_names: bool,
    /// Small words an abbreviation leaves out of its initials (`of` in `DPRK`, the
    /// `Democratic People's Republic of Korea`).
    pub abbreviation_fillers: &'static [&'static str],
    /// The forms one country or body goes by, each a name of the others: abbreviations,
    /// other names and the adjective of its people (`U.K.`, `Britain`, `British`).
    pub name_aliases: &'static [&'static [&'static str]],
    /// Words that end with a dot without ending the sentence, without the dot (`Mr`, `TP`).
    pub abbreviations: &'static [&'static str],
    /// Number words and their roles.
    pub number_words: &'static [(&'static str, NumberWord)],
    /// How many words show a counted noun after its number (`3 kết quả`, `60 students`):
    /// Vietnamese nouns are often two syllables.
    pub noun_words: usize,
    /// Number words that are read as a number only inside a longer number or before a noun
    /// that is not in `year_followers` (`năm` is also "year").
    pub ambiguous_number_words: &'static [&'static str],
    /// The indefinite article, which may stand for "one" before a number word (`một`: "one"
    /// and "a"; `a` in `a thousand`). As a number word alone it is not read as a count, only
    /// inside a longer number (`một trăm`); a qualifier before it qualifies the number (`more
    /// than a thousand`).
    pub indefinite_articles: &'static [&'static str],
    /// Words after an ambiguous number word that show it means "year" (`nay`, `qua`).
    pub year_followers: &'static [&'static str],
    /// Phrases that contain a number word but are not counts (`một số`, "some").
    pub not_counts: &'static [&'static str],
    /// Qualifiers before a number and how they bound it (`hơn` 70, `more than` 70).
    pub approximations: &'static [(&'static str, Approximation)],
    /// Units after or before a number, with a canonical name shared across languages
    /// (`phần trăm` and `percent` are `%`; `$`, `USD` and `dollars` are `usd`).
    pub units: &'static [(&'static str, &'static str)],
    /// Words around a range of two numbers (`từ` 70 `đến` 80, `between` 70 `and` 80).
    pub ranges: &'static [(&'static str, &'static str)],
    /// Vague quantities and the range they stand for (`hàng trăm`, `hundreds of`: 200 to 999).
    /// Scale words after one multiply it (`hàng trăm nghìn`, `several hundred thousand`).
    pub vague_quantities: &'static [(&'static str, (f64, f64))],
    /// Fractions and their values (`half` 0.5, `hai phần ba` 2/3). Before a number, a
    /// fraction is that part of it (`half of the 40 members`: 20 members, and the 40); before
    /// an indefinite article or a scale word, of one of them (`half a million`, `a quarter of a
    /// percentage point`).
    pub fractions: &'static [(&'static str, f64)],
    /// Words that may stand between a fraction and the number it divides (`of`, `the`,
    /// `trong số`), besides the indefinite articles.
    pub fraction_links: &'static [&'static str],
    /// Negators (`không`, `chưa`, `not`, `never`, `no longer`), and words that carry a negation
    /// (`từ chối`, `declined`, `unless`), so that `declined to comment` and `no comment` agree.
    pub negators: &'static [&'static str],
    /// Word endings that negate (`n't`).
    pub negator_suffixes: &'static [&'static str],
    /// Phrases that contain a negator but do not negate (`không gian`, space; `not only`).
    pub not_negations: &'static [&'static str],
    /// Markers of what will happen (`sẽ`, `will`).
    pub future_markers: &'static [&'static str],
    /// Markers of what has happened (`đã`, `has`, `was`).
    pub done_markers: &'static [&'static str],
    /// Hedges and qualifiers that soften a claim (`khá`, `một số`, `fairly`, `some`, `most`).
    pub hedges: &'static [&'static str],
    /// Absolutes that leave no exception (`tất cả`, `mọi`, `all`, `every`, `always`).
    pub absolutes: &'static [&'static str],
    /// Weak modals: intending, proposing, considering (`xem xét`, `đề nghị`, `consider`, `may`).
    pub weak_modals: &'static [&'static str],
    /// Strong modals: committing, demanding (`cam kết`, `yêu cầu`, `commit`, `must`, `will`).
    pub strong_modals: &'static [&'static str],
    /// Words before a number that make it an ordinal (`thứ` in `lần thứ 3`, `number`); the
    /// noun it orders stands before them.
    pub ordinal_markers: &'static [&'static str],
    /// Ordinal words and their values (`third` 3, `thứ nhất` 1). The noun they order follows
    /// them, unless they begin with an ordinal marker (`lần thứ nhất`).
    pub ordinal_words: &'static [(&'static str, u32)],
    /// Endings that make digits an ordinal (`3rd`).
    pub ordinal_suffixes: &'static [&'static str],
    /// Letters that, before a digit, name a period of the year and order it (`Q3`, the third
    /// quarter; `H1`, the first half), with the word for that period.
    pub period_abbreviations: &'static [(&'static str, &'static str)],
    /// Phrases that open an enumerated point (`thứ nhất`, `first`).
    pub enumeration_openers: &'static [&'static str],
    /// Words for a part of the day that belong to a date only when one follows (`sáng 14-3`;
    /// `sáng` alone is also "bright").
    pub day_parts: &'static [&'static str],
    /// Words that introduce a day, month or year number (`ngày 14`, `tháng 3`, `năm 2019`).
    pub date_units: &'static [(&'static str, DateUnit)],
    /// Month names and their numbers (`October` 10, `Oct` 10).
    pub months: &'static [(&'static str, u32)],
    /// Weekday names, Monday 1 to Sunday 7 (`Monday`, `thứ Hai`, `chủ nhật`).
    pub weekdays: &'static [(&'static str, u32)],
    /// True when a weekday name is a date only before a date (`thứ Hai, ngày 14/3`), because
    /// alone it means something else (`thứ hai`, second).
    pub weekdays_need_date: bool,
    /// Days relative to the document's own date (`hôm qua` -1, `tomorrow` 1).
    pub relative_days: &'static [(&'static str, i64)],
    /// Titles and honorifics that precede a person's name (`ông`, `ambassador`), besides
    /// those of `title_families`.
    pub titles: &'static [&'static str],
    /// Titles that exclude each other: a person holds at most one of a family (`thứ trưởng`
    /// and `bộ trưởng`; `deputy mayor` and `mayor`). Titles of different families can both
    /// be right (`đại tướng` and `bộ trưởng`).
    pub title_families: &'static [&'static [&'static str]],
    /// Words that start an organisation's name, not a person's (`bộ`, `ministry`).
    pub organisation_heads: &'static [&'static str],
    /// Small words allowed inside a name (`bin`, `de`, `van`).
    pub name_particles: &'static [&'static str],
    /// Places whose names open with a family name (`Hồ Chí Minh`, `Hà Nội`): after an
    /// office, such a name is the place, not a person.
    pub place_names: &'static [&'static str],
    /// Nouns and units that count a multiple of another (`decade`: 10 `year`; `percentage
    /// point`: 100 `basis point`), as (noun or unit, factor, base): `three decades` is the
    /// count `30 years`, so it agrees with `thirty years`. A unit is named by its canonical name
    /// in [`LanguageData::units`], a noun as written.
    pub scaled_nouns: &'static [(&'static str, f64, &'static str)],
    /// Family names that open a person's name after an office (`Chủ tịch UBND thành phố Trần
    /// Minh Hải`), where a name comes last, after the office's own capitalised words; empty
    /// where titles stand just before the name.
    pub surnames: &'static [&'static str],
    /// Verbs that report speech (`cho biết`, `said`).
    pub reporting_verbs: &'static [&'static str],
    /// Quotation marks around a quoted passage, as (opening, closing) pairs (`“…”`, `«…»`,
    /// `"…"`).
    pub quote_marks: &'static [(char, char)],
    /// Words a speaker fills a pause with, which a quotation may leave out (`uh`, `you know`,
    /// `ờ`).
    pub fillers: &'static [&'static str],
    /// Words with which a speaker takes back what came just before (`sorry`, `I mean`,
    /// `xin lỗi`): a quotation may keep only the correction.
    pub self_corrections: &'static [&'static str],
    /// Pronouns that take up a name just said (`Anh Dũng anh ấy làm`, `Smith, he said`): a
    /// quotation may leave the pronoun out.
    pub resumptive_pronouns: &'static [&'static str],
    /// Contractions spelled out, whole words (`can't` is `can not`, `it's` is `it is`).
    pub contractions: &'static [(&'static str, &'static str)],
    /// Endings of contractions spelled out after the word they shorten (`n't` is `not`,
    /// `'ve` is `have`).
    pub contraction_endings: &'static [(&'static str, &'static str)],
    /// Words a contraction spells out that may also be read as another (`is` or `has` for
    /// `'s`, `would` or `had` for `'d`).
    pub contraction_readings: &'static [(&'static str, &'static str)],
    /// Word endings of one spelling and the other's (`ise`/`ize`, `our`/`or`): a quotation
    /// may write the speaker's words in its outlet's spelling.
    pub spelling_variants: &'static [(&'static str, &'static str)],
    /// Photo credit words that end a caption (`ảnh`, `photo`), followed by `:` and a name.
    pub photo_credits: &'static [&'static str],
    /// Words that link a photo credit word to the name it credits, as a colon does
    /// (`courtesy`: `Photo courtesy Jane Doe`).
    pub photo_credit_links: &'static [&'static str],
    /// Credit words that are also ordinary words (`credit`, `nguồn`, source): a credit only
    /// when they open the paragraph, or before a colon and a name all in capitals.
    pub ordinary_credits: &'static [&'static str],
    /// Words that open a byline, before the names (`by`, `tác giả`).
    pub bylines: &'static [&'static str],
    /// Words that open a copyright line (`copyright`, `bản quyền`; `©` in every language).
    pub copyrights: &'static [&'static str],
    /// Phrases by which a publisher presents the text it prints (`the following is`, `trân
    /// trọng giới thiệu toàn văn`): a sentence holding one, without a first-person word, is
    /// the publisher's line, not the speaker's.
    pub publisher_lines: &'static [&'static str],
    /// First-person words (`tôi`, `chúng ta`, `we`): a speaker's own voice.
    pub first_person: &'static [&'static str],
    /// Labels of a reporter's turn in a transcript of several voices (`q`, `phóng viên`,
    /// `pv`): their turns are questions, not the transcript speaker's words.
    pub reporter_labels: &'static [&'static str],
    /// Words that open a transcript's introduction before the speaker's name, with or without
    /// a title (`statement by`, `remarks by`; `toàn văn phát biểu của` is read through its
    /// reporting verb).
    pub introductions: &'static [&'static str],
    /// Phrases of greeting and thanks, which carry little when omitted.
    pub courtesy_markers: &'static [&'static str],
    /// Phrases of commitment and future action, which carry much when omitted.
    pub commitment_markers: &'static [&'static str],
    /// The Snowball stemmer for the language, if it has inflections worth folding
    /// (`countries`/`country`, `shooting`/`shoots`); Vietnamese words do not inflect.
    pub stemmer: Option<rust_stemmers::Algorithm>,
    /// Pairs of single words with opposite meanings (`tăng`/`giảm`, `higher`/`lower`): one put
    /// for the other turns a claim around.
    pub opposites: &'static [(&'static str, &'static str)],
    /// Words that carry no claim of their own after a negation (auxiliaries, articles,
    /// pronouns, intensifiers): skipped to find the word a negation negates (`did not even
    /// consider` negates `consider`).
    pub function_words: &'static [&'static str],
    /// Relative pronouns beside the function words: one put for another in a quotation
    /// keeps the speaker's meaning (`that` for `which`).
    pub relative_pronouns: &'static [&'static str],
    /// Words of one kind, of which a sentence names one where another would be another fact:
    /// colours, units of time, points of the compass. Not people by sex or kin: one sentence
    /// often names several (`her father`, `the daughter of`). The forms of one word are
    /// joined by `|` (`day|days`).
    pub kinds: &'static [&'static [&'static str]],
    /// How the checks read words of this language; see [`CheckRules`].
    pub check_rules: CheckRules,
}

/// The rules of thumb the fact checks apply to this language's words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CheckRules {
    /// The most words after a count shown with it in a message, when both documents have
    /// them (`15 tỉnh thành` against `51 tỉnh thành`).
    pub shown_noun_words: usize,
    /// The fewest letters of a content word: the words that tell what a negation or an
    /// opposite is said of.
    pub content_word_letters: usize,
    /// Endings stripped from a name before looking it up (`Russia's`).
    pub possessive_endings: &'static [&'static str],
    /// When two names count as forms of one ([`NameStems`]).
    pub name_stems: NameStems,
}

impl CheckRules {
    /// The rules every language has had since the checks began (English-shaped: a content word
    /// of four letters, `'s`, the name stems below); a language whose words they misread
    /// sets its own.
    pub const FIRST: CheckRules = CheckRules {
        shown_noun_words: 2,
        content_word_letters: 4,
        possessive_endings: &["'s"],
        name_stems: NameStems {
            shortest_stem: 4,
            short_ending: 1,
            longest_ending: 3,
        },
    };
}

/// When a name of the summary counts as a form of a word of the source: both share a stem of
/// at least `shortest_stem` letters, and one of the two has at most `short_ending` letters
/// after it while the other has at most `longest_ending` (`Russia` and `Russian`, `Ukraine` and
/// `Ukrainian`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NameStems {
    /// The fewest letters of the shared stem.
    pub shortest_stem: usize,
    /// The most letters after the stem of the shorter-ended word.
    pub short_ending: usize,
    /// The most letters after the stem of the other.
    pub longest_ending: usize,
}

/// A phrase as a sequence of word keys.
pub type Phrase = Vec<String>;

/// A set of word keys, looked up by `&str`.
pub type Words = HashSet<String>;

/// A language's word lists in compared form: every phrase split into word keys.
pub struct Lexicon {
    /// See [`LanguageData`]: true when `,` is the decimal mark.
    pub decimal_comma: bool,
    /// See [`LanguageData`]: true when a capital inside a sentence marks a name.
    pub capitals_mark_names: bool,
    /// See [`LanguageData`]: true when a name is matched on its whole form.
    pub syllable_names: bool,
    /// See [`LanguageData`]: the words an abbreviation leaves out, as keys.
    pub abbreviation_fillers: Words,
    /// The forms of each country or body, as phrases.
    pub name_aliases: Vec<Vec<Phrase>>,
    /// Every form of [`Lexicon::name_aliases`] together: where none starts, no group need be
    /// tried.
    pub name_alias_forms: Phrases,
    /// Abbreviation keys (without the dot).
    pub abbreviations: Words,
    /// Words that show a counted noun.
    pub noun_words: usize,
    /// Number words by key.
    pub number_words: HashMap<String, NumberWord>,
    /// Number words that mean something else on their own.
    pub ambiguous_number_words: Words,
    /// Number words that are also the indefinite article.
    pub indefinite_articles: Words,
    /// Words after an ambiguous number word that make it "year".
    pub year_followers: Words,
    /// Phrases that look like counts but are not.
    pub not_counts: Phrases,
    /// Qualifiers before a number, longest first, with how they bound it.
    pub approximations: Tagged<Approximation>,
    /// Units, longest first, with their canonical names.
    pub units: Tagged<&'static str>,
    /// The opening and joining words of ranges.
    pub ranges: Vec<(Phrase, Phrase)>,
    /// Vague quantities, longest first, with their ranges.
    pub vague_quantities: Tagged<(f64, f64)>,
    /// Fractions, longest first, with their values.
    pub fractions: Tagged<f64>,
    /// Words between a fraction and the number it divides.
    pub fraction_links: Words,
    /// The first words of the fractions and vague quantities: a word not among them starts
    /// neither, found by one lookup.
    pub quantity_openers: Words,
    /// Negators, longest first.
    pub negators: Phrases,
    /// Negating word endings.
    pub negator_suffixes: &'static [&'static str],
    /// Phrases with a negator that do not negate, longest first.
    pub not_negations: Phrases,
    /// Future markers, longest first.
    pub future_markers: Phrases,
    /// Completion markers, longest first.
    pub done_markers: Phrases,
    /// Hedges, longest first.
    pub hedges: Phrases,
    /// Absolutes, longest first.
    pub absolutes: Phrases,
    /// Weak modals, longest first.
    pub weak_modals: Phrases,
    /// Strong modals, longest first.
    pub strong_modals: Phrases,
    /// Ordinal markers.
    pub ordinal_markers: Phrases,
    /// Ordinal words and their values, longest first.
    pub ordinal_words: Tagged<u32>,
    /// Endings that make digits an ordinal.
    pub ordinal_suffixes: &'static [&'static str],
    /// Period letters (keys) with the stem of the period's word.
    pub period_abbreviations: Vec<(String, String)>,
    /// Openers of enumerated points.
    pub enumeration_openers: Phrases,
    /// Day-part words.
    pub day_parts: Words,
    /// Words that introduce a date number, with what the number is.
    pub date_units: Tagged<DateUnit>,
    /// Month names, longest first.
    pub months: Tagged<u32>,
    /// Weekday names, longest first.
    pub weekdays: Tagged<u32>,
    /// See [`LanguageData`]: weekday names need a date after them.
    pub weekdays_need_date: bool,
    /// Relative days, longest first.
    pub relative_days: Tagged<i64>,
    /// Titles and honorifics, those of every family among them, longest first.
    pub titles: Phrases,
    /// Families of titles that exclude each other.
    pub title_families: Vec<Phrases>,
    /// Words that start organisation names.
    pub organisation_heads: Words,
    /// Particles allowed inside names.
    pub name_particles: Words,
    /// Family names that open a name after an office.
    pub surnames: Words,
    /// Places whose names open with a family name.
    pub place_names: Phrases,
    /// Scaled nouns by their stem and units by their canonical name: the factor and the
    /// base's stem or name.
    pub scaled_nouns: HashMap<String, (f64, String)>,
    /// Reporting verbs, longest first.
    pub reporting_verbs: Phrases,
    /// See [`LanguageData`]: quotation marks as (opening, closing) pairs.
    pub quote_marks: &'static [(char, char)],
    /// Fillers.
    pub fillers: Phrases,
    /// Markers of a self-correction.
    pub self_corrections: Phrases,
    /// Pronouns that take up a name just said.
    pub resumptive_pronouns: Phrases,
    /// Whole-word contractions and their words.
    pub contractions: HashMap<String, Phrase>,
    /// Endings of contractions and the word each stands for.
    pub contraction_endings: Vec<(String, String)>,
    /// Other readings of spelled-out contractions' words.
    pub contraction_readings: Vec<(String, String)>,
    /// Endings of one spelling and the other's.
    pub spelling_variants: Vec<(String, String)>,
    /// Photo credit words.
    pub photo_credits: Words,
    /// See [`LanguageData`]: the words that link a credit word to a name.
    pub photo_credit_links: Words,
    /// Credit words that are also ordinary words.
    pub ordinary_credits: Words,
    /// See [`LanguageData`]: openings of a byline.
    pub bylines: Phrases,
    /// See [`LanguageData`]: openings of a copyright line.
    pub copyrights: Phrases,
    /// See [`LanguageData`]: the phrases of a publisher's line.
    pub publisher_lines: Phrases,
    /// First-person words.
    pub first_person: Words,
    /// Labels of a reporter's turn.
    pub reporter_labels: Phrases,
    /// Words that open a transcript's introduction.
    pub introductions: Phrases,
    /// Greeting and thanks phrases.
    pub courtesy_markers: Phrases,
    /// Commitment phrases.
    pub commitment_markers: Phrases,
    /// Opposites by stem: each word's stem to the stems of its opposites.
    pub opposites: HashMap<String, Vec<String>>,
    /// Function words, skipped after a negation.
    pub function_words: Words,
    /// Relative pronouns ([`LanguageData::relative_pronouns`]).
    pub relative_pronouns: Words,
    /// Each form of a word of [`LanguageData::kinds`] to its kind and word: `(kind, word)`.
    pub kinds: HashMap<String, (usize, usize)>,
    /// How the checks read words of this language.
    pub check_rules: CheckRules,
    stemmer: Option<rust_stemmers::Stemmer>,
}

impl Lexicon {
    fn new(data: &LanguageData) -> Self {
        let words = |list: &[&str]| list.iter().map(|w| word_key(w)).collect::<Words>();
        let phrases = |list: &[&str]| Phrases::new(list.iter().map(|p| phrase(p)).collect());
        let mut lexicon = Lexicon {
            decimal_comma: data.decimal_comma,
            capitals_mark_names: data.capitals_mark_names,
            syllable_names: data.syllable_names,
            abbreviation_fillers: words(data.abbreviation_fillers),
            name_aliases: data
                .name_aliases
                .iter()
                .map(|forms| forms.iter().map(|form| phrase(form)).collect())
                .collect(),
            name_alias_forms: phrases(&data.name_aliases.concat()),
            abbreviations: words(data.abbreviations),
            noun_words: data.noun_words,
            number_words: data
                .number_words
                .iter()
                .map(|(w, role)| (word_key(w), *role))
                .collect(),
            ambiguous_number_words: words(data.ambiguous_number_words),
            indefinite_articles: words(data.indefinite_articles),
            year_followers: words(data.year_followers),
            not_counts: phrases(data.not_counts),
            approximations: tagged(data.approximations),
            units: tagged(data.units),
            ranges: data
                .ranges
                .iter()
                .map(|&(o, j)| (phrase(o), phrase(j)))
                .collect(),
            vague_quantities: tagged(data.vague_quantities),
            fractions: tagged(&[data.fractions, VULGAR_FRACTIONS].concat()),
            fraction_links: words(data.fraction_links),
            quantity_openers: (data.fractions.iter().chain(VULGAR_FRACTIONS))
                .map(|(phrase, _)| phrase)
                .chain(data.vague_quantities.iter().map(|(phrase, _)| phrase))
                .filter_map(|text| phrase(text).into_iter().next())
                .collect(),
            negators: phrases(data.negators),
            negator_suffixes: data.negator_suffixes,
            not_negations: phrases(data.not_negations),
            future_markers: phrases(data.future_markers),
            done_markers: phrases(data.done_markers),
            hedges: phrases(data.hedges),
            absolutes: phrases(data.absolutes),
            weak_modals: phrases(data.weak_modals),
            strong_modals: phrases(data.strong_modals),
            ordinal_markers: phrases(data.ordinal_markers),
            ordinal_words: tagged(data.ordinal_words),
            ordinal_suffixes: data.ordinal_suffixes,
            period_abbreviations: Vec::new(),
            enumeration_openers: phrases(data.enumeration_openers),
            day_parts: words(data.day_parts),
            date_units: tagged(data.date_units),
            months: tagged(data.months),
            weekdays: tagged(data.weekdays),
            weekdays_need_date: data.weekdays_need_date,
            relative_days: tagged(data.relative_days),
            titles: phrases(
                &data
                    .titles
                    .iter()
                    .chain(data.title_families.iter().copied().flatten())
                    .copied()
                    .collect::<Vec<_>>(),
            ),
            title_families: data.title_families.iter().map(|f| phrases(f)).collect(),
            organisation_heads: words(data.organisation_heads),
            name_particles: words(data.name_particles),
            surnames: words(data.surnames),
            place_names: phrases(data.place_names),
            scaled_nouns: HashMap::default(),
            reporting_verbs: phrases(data.reporting_verbs),
            quote_marks: data.quote_marks,
            fillers: phrases(data.fillers),
            self_corrections: phrases(data.self_corrections),
            resumptive_pronouns: phrases(data.resumptive_pronouns),
            contractions: (data.contractions.iter())
                .map(|&(short, long)| (word_key(short), phrase(long)))
                .collect(),
            contraction_endings: keyed_pairs(data.contraction_endings),
            contraction_readings: keyed_pairs(data.contraction_readings),
            spelling_variants: keyed_pairs(data.spelling_variants),
            photo_credits: words(data.photo_credits),
            photo_credit_links: words(data.photo_credit_links),
            ordinary_credits: words(data.ordinary_credits),
            bylines: phrases(data.bylines),
            copyrights: phrases(data.copyrights),
            publisher_lines: phrases(data.publisher_lines),
            first_person: words(data.first_person),
            reporter_labels: phrases(data.reporter_labels),
            introductions: phrases(data.introductions),
            courtesy_markers: phrases(data.courtesy_markers),
            commitment_markers: phrases(data.commitment_markers),
            opposites: HashMap::default(),
            function_words: words(data.function_words),
            relative_pronouns: words(data.relative_pronouns),
            kinds: data
                .kinds
                .iter()
                .enumerate()
                .flat_map(|(kind, words)| {
                    words.iter().enumerate().flat_map(move |(word, forms)| {
                        forms
                            .split('|')
                            .map(move |form| (word_key(form), (kind, word)))
                    })
                })
                .collect(),
            check_rules: data.check_rules,
            stemmer: data.stemmer.map(rust_stemmers::Stemmer::create),
        };
        lexicon.period_abbreviations = data
            .period_abbreviations
            .iter()
            .map(|&(letter, period)| (word_key(letter), lexicon.stem(&word_key(period))))
            .collect();
        for &(a, b) in data.opposites {
            let (a, b) = (lexicon.stem(&word_key(a)), lexicon.stem(&word_key(b)));
            lexicon
                .opposites
                .entry(a.clone())
                .or_default()
                .push(b.clone());
            lexicon.opposites.entry(b).or_default().push(a);
        }
        // What a number counts: a unit's canonical name as it is, a noun by its stem.
        let counted = |noun: &str| {
            if data.units.iter().any(|&(_, unit)| unit == noun) {
                noun.to_string()
            } else {
                lexicon.stem(&word_key(noun))
            }
        };
        lexicon.scaled_nouns = data
            .scaled_nouns
            .iter()
            .map(|&(noun, factor, base)| (counted(noun), (factor, counted(base))))
            .collect();
        lexicon
    }

    /// The family of titles that `title` belongs to, if any.
    pub fn title_family(&self, title: &[String]) -> Option<usize> {
        self.title_families
            .iter()
            .position(|family| family.has(title))
    }

    /// The stem of a word's key, so that inflected forms compare equal (`countries` and
    /// `country`); the key itself in languages without a stemmer, and for tokens longer than
    /// any word ([`is_stemmed`]).
    pub fn stem(&self, key: &str) -> String {
        match &self.stemmer {
            Some(stemmer) if is_stemmed(key) => stemmer.stem(key).into_owned(),
            _ => key.to_string(),
        }
    }

    /// The stem of every distinct key of `tokens`, stemmed in parallel; empty (each key its
    /// own stem) when the language has no stemmer.
    pub fn stems(&self, tokens: &Tokens) -> Stems {
        if self.stemmer.is_none() {
            return Stems::default();
        }
        let stems: Vec<String> = (0..tokens.distinct_keys())
            .into_par_iter()
            .with_min_len(1024)
            .map(|index| self.stem(tokens.key_text(Key(index as u32))))
            .collect();
        Stems::new(stems)
    }
}

/// The longest key, in characters, that is stemmed. No word of the supported languages
/// reaches it: German's longest dictionary compound
/// (`Rindfleischetikettierungsüberwachungsaufgabenübertragungsgesetz`) has 63 letters, and
/// English and Vietnamese words are far shorter. The bound matters because the Snowball
/// stemmer's cost grows with the square of a word's length: a 1 MB token took 25 s.
pub const MAX_STEMMED_CHARS: usize = 64;

/// Whether a key is short enough to be a word, and so is stemmed ([`MAX_STEMMED_CHARS`]);
/// decided without reading past the bound.
pub fn is_stemmed(key: &str) -> bool {
    key.len() <= MAX_STEMMED_CHARS || key.chars().nth(MAX_STEMMED_CHARS).is_none()
}

/// Pairs of words (or word endings), each as its comparison key.
fn keyed_pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|&(one, other)| (word_key(one), word_key(other)))
        .collect()
}

/// A phrase's comparison keys, tokenized as documents are.
fn phrase(text: &str) -> Phrase {
    let tokens = tokenize(text);
    tokens.keys(&tokens).map(String::from).collect()
}

/// Phrases with a value each, longest first.
fn tagged<T: Copy>(list: &[(&str, T)]) -> Tagged<T> {
    let mut out: Vec<(Phrase, T)> = list.iter().map(|&(p, tag)| (phrase(p), tag)).collect();
    out.retain(|(p, _)| !p.is_empty());
    out.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
    let mut first_words = BitSet256::default();
    for (phrase, _) in &out {
        first_words.insert(first_word_bit(&phrase[0]));
    }
    Tagged {
        list: out,
        first_words,
    }
}

/// Phrases with a value each, longest first, and a set that tells in one look whether a word
/// may open any of them: most words open none, and are not compared with each phrase.
pub struct Tagged<T> {
    list: Vec<(Phrase, T)>,
    first_words: BitSet256,
}

impl<T> std::ops::Deref for Tagged<T> {
    type Target = [(Phrase, T)];

    fn deref(&self) -> &Self::Target {
        &self.list
    }
}

/// The longest tagged phrase that starts at `keys[at]`: its length and value.
pub fn tagged_at<S: AsRef<str>, T: Copy>(
    list: &Tagged<T>,
    keys: &[S],
    at: usize,
) -> Option<(usize, T)> {
    if !list
        .first_words
        .contains(first_word_bit(keys.get(at)?.as_ref()))
    {
        return None;
    }
    list.iter()
        .find(|(phrase, _)| matches_at(phrase, keys, at))
        .map(|(phrase, tag)| (phrase.len(), *tag))
}

/// The longest tagged phrase that ends just before `keys[end]`: its length and value.
pub fn tagged_before<S: AsRef<str>, T: Copy>(
    list: &[(Phrase, T)],
    keys: &[S],
    end: usize,
) -> Option<(usize, T)> {
    list.iter()
        .find(|(phrase, _)| end >= phrase.len() && matches_at(phrase, keys, end - phrase.len()))
        .map(|(phrase, tag)| (phrase.len(), *tag))
}

/// True when `phrase` stands at `keys[at]`.
pub fn matches_at<S: AsRef<str>>(phrase: &[String], keys: &[S], at: usize) -> bool {
    !phrase.is_empty()
        && keys.len() >= at + phrase.len()
        && phrase.iter().zip(&keys[at..]).all(|(p, k)| p == k.as_ref())
}

/// A list of phrases, longest first, indexed by first word so that finding the phrase at a
/// position costs one lookup.
pub struct Phrases {
    list: Vec<Phrase>,
    by_first: HashMap<String, Vec<usize>>,
    /// The [`first_word_bit`]s of the first words: a word whose bit is clear starts no
    /// phrase, found without hashing it (most words of a text start none).
    first_words: BitSet256,
}

/// A word's bit among 256: its first byte and its length, mixed.
fn first_word_bit(word: &str) -> usize {
    let first = word.as_bytes().first().copied().unwrap_or(0);
    usize::from(first) ^ (word.len() << 5)
}

impl Phrases {
    fn new(mut list: Vec<Phrase>) -> Self {
        list.retain(|p| !p.is_empty());
        list.sort_by_key(|p| std::cmp::Reverse(p.len()));
        let mut by_first: HashMap<String, Vec<usize>> = HashMap::default();
        let mut first_words = BitSet256::default();
        for (index, phrase) in list.iter().enumerate() {
            by_first.entry(phrase[0].clone()).or_default().push(index);
            first_words.insert(first_word_bit(&phrase[0]));
        }
        Phrases {
            list,
            by_first,
            first_words,
        }
    }

    /// The length of the longest phrase that starts at `keys[at]`, if any.
    pub fn at<S: AsRef<str>>(&self, keys: &[S], at: usize) -> Option<usize> {
        let first = keys.get(at)?.as_ref();
        if !self.first_words.contains(first_word_bit(first)) {
            return None;
        }
        self.by_first
            .get(first)?
            .iter()
            .map(|&i| &self.list[i])
            .find(|phrase| matches_at(phrase, keys, at))
            .map(Vec::len)
    }

    /// Every occurrence of the phrases in `keys`, longest first, without overlaps (index
    /// ranges into `keys`).
    pub fn occurrences<S: AsRef<str>>(&self, keys: &[S]) -> Vec<std::ops::Range<usize>> {
        let mut found = Vec::new();
        let mut at = 0;
        while at < keys.len() {
            match self.at(keys, at) {
                Some(len) => {
                    found.push(at..at + len);
                    at += len;
                }
                None => at += 1,
            }
        }
        found
    }

    /// True when any of the phrases occurs anywhere in `keys`.
    pub fn contains<S: AsRef<str>>(&self, keys: &[S]) -> bool {
        (0..keys.len()).any(|at| self.at(keys, at).is_some())
    }

    /// True when `phrase` is one of the phrases.
    pub fn has(&self, phrase: &[String]) -> bool {
        self.list.iter().any(|p| p == phrase)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_distinct_key_is_stemmed_once_into_the_table() {
        let tokens = tokenize("Running cities, running rivers");
        let stems = Language::English.lexicon().stems(&tokens);
        let of = |at: usize| stems.of(&tokens, tokens[at].key);
        assert_eq!(
            [of(0), of(1), of(3), of(4)],
            ["run", "citi", "run", "river"]
        );
        // Vietnamese has no stemmer: no table, and each key is its own stem.
        let stems = Language::Vietnamese.lexicon().stems(&tokens);
        assert_eq!(stems.of(&tokens, tokens[0].key), "running");
    }

    #[test]
    fn detects_vietnamese_english_and_german() {
        for (text, language) in [
            (
                "Sáng 14-3, sau 2 tuần, hội nghị khai mạc.",
                Language::Vietnamese,
            ),
            (
                "After two days of work, the ceremony closed.",
                Language::English,
            ),
            (
                "Die Kartoffel ist nicht nur in Deutschland sehr beliebt.",
                Language::German,
            ),
            (
                "Over the past three weeks, the delegations died down.",
                Language::English,
            ),
            ("", Language::English),
        ] {
            assert_eq!(Language::detect(text), language, "{text}");
        }
    }

    #[test]
    fn phrases_match_longest_first() {
        let lexicon = Language::Vietnamese.lexicon();
        let keys = ["Bộ", "trưởng", "Trần"].map(word_key);
        assert_eq!(lexicon.titles.at(&keys, 0), Some(2));
        assert_eq!(lexicon.titles.at(&keys, 2), None);
    }

    #[test]
    fn inflected_forms_share_a_stem() {
        let lexicon = Language::English.lexicon();
        assert_eq!(lexicon.stem("countries"), lexicon.stem("country"));
        assert_eq!(lexicon.stem("shooting"), lexicon.stem("shoots"));
        assert_ne!(lexicon.stem("day"), lexicon.stem("delegate"));
        assert_eq!(Language::Vietnamese.lexicon().stem("ngày"), "ngày");
    }

    /// See: issue 15 (a 1 MB token took 25 s in the stemmer).
    #[test]
    fn tokens_longer_than_any_word_are_not_stemmed() {
        let longest = "rindfleischetikettierungsüberwachungsaufgabenübertragungsgesetze";
        assert!(is_stemmed(longest) && is_stemmed(&"ü".repeat(MAX_STEMMED_CHARS)));
        assert!(!is_stemmed(&"y".repeat(MAX_STEMMED_CHARS + 1)));
        let token = "aue".repeat(100_000);
        assert_eq!(Language::German.lexicon().stem(&token), token);
    }
}
