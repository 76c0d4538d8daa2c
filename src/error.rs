//! The library's error type: everything that stops a check before it produces a report.
//!
//! Findings are not errors; they are plain data in the [`crate::Report`].

use miette::{Diagnostic, NamedSource, SourceSpan};
use thiserror::Error as ThisError;

/// Why a check could not run.
#[derive(Debug, ThisError, Diagnostic)]
#[non_exhaustive]
pub enum Error {
    /// The file does not exist.
    #[error("{path}: no such file")]
    #[diagnostic(code(crosscheck::input::not_found), help("check the path"))]
    NotFound {
        /// The path as given.
        path: String,
    },
    /// The path names a directory.
    #[error("{path}: is a directory, not a text file")]
    #[diagnostic(code(crosscheck::input::directory))]
    Directory {
        /// The path as given.
        path: String,
    },
    /// The file could not be read.
    #[error("{path}: cannot read: {source}")]
    #[diagnostic(code(crosscheck::input::unreadable))]
    Unreadable {
        /// The path as given.
        path: String,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
    /// The file has no text (zero bytes, or only white space).
    #[error("{path}: the file is empty")]
    #[diagnostic(
        code(crosscheck::input::empty),
        help("both the summary and the source need text to compare")
    )]
    Empty {
        /// The path as given.
        path: String,
    },
    /// The file starts with a UTF-16 byte order mark.
    #[error("{path}: the file is UTF-16 ({byte_order}); crosscheck reads UTF-8")]
    #[diagnostic(
        code(crosscheck::input::utf16),
        help("convert it first, for example: iconv -f UTF-16 -t UTF-8 {path}")
    )]
    Utf16 {
        /// The path as given.
        path: String,
        /// `little-endian` or `big-endian`.
        byte_order: &'static str,
    },
    /// The file is not valid UTF-8.
    #[error("{path}: not valid UTF-8 at byte {offset}")]
    #[diagnostic(
        code(crosscheck::input::invalid_utf8),
        help("save the file as UTF-8 (for example: iconv -f WINDOWS-1258 -t UTF-8)")
    )]
    InvalidUtf8 {
        /// The path as given.
        path: String,
        /// Byte offset of the first invalid byte.
        offset: usize,
        /// The file, with invalid bytes shown as U+FFFD.
        #[source_code]
        text: NamedSource<String>,
        /// Where the first invalid byte is.
        #[label("this byte is not UTF-8")]
        at: SourceSpan,
    },
    /// The file contains a NUL byte, so it is binary or in a wide encoding.
    #[error("{path}: contains a NUL byte at offset {offset}; is it a text file?")]
    #[diagnostic(code(crosscheck::input::binary))]
    Binary {
        /// The path as given.
        path: String,
        /// Byte offset of the first NUL byte.
        offset: usize,
    },
    /// The file is larger than the configured limit.
    #[error("{path}: {size} bytes is more than the limit of {limit} bytes")]
    #[diagnostic(
        code(crosscheck::input::too_large),
        help("raise the limit with --max-bytes if the machine has the memory for it")
    )]
    TooLarge {
        /// The path as given.
        path: String,
        /// The file's size.
        size: u64,
        /// The configured limit.
        limit: u64,
    },
    /// A baseline file is not a baseline.
    #[error("{path}: not a crosscheck baseline: {message}")]
    #[diagnostic(
        code(crosscheck::input::baseline),
        help("write one with: crosscheck baseline SUMMARY SOURCE -o FILE")
    )]
    Baseline {
        /// The path as given.
        path: String,
        /// What is wrong with it.
        message: String,
    },
    /// A list of pairs, or one pair of it, is not valid.
    #[error("{path}: not a list of pairs: {message}")]
    #[diagnostic(
        code(crosscheck::input::pairs),
        help("see the README's section on batches for the forms a pair takes")
    )]
    Pairs {
        /// The list's path, or the pair's place in it.
        path: String,
        /// What is wrong.
        message: String,
    },
    /// A configuration file is not valid.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Config(Box<InvalidConfig>),
    /// An output file could not be written.
    #[error("{path}: cannot write the report: {source}")]
    #[diagnostic(code(crosscheck::output::unwritable))]
    Output {
        /// The output path as given.
        path: String,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
}

/// Why a configuration file is not valid, with the place in it when the parser knows.
#[derive(Debug, ThisError, Diagnostic)]
#[error("{path}: invalid configuration: {message}")]
#[diagnostic(
    code(crosscheck::input::config),
    help("the README's section on crosscheck.toml lists every key")
)]
pub struct InvalidConfig {
    /// The path as given.
    pub path: String,
    /// What is wrong with it.
    pub message: String,
    /// The file.
    #[source_code]
    pub text: NamedSource<String>,
    /// Where the problem is, when the parser knows.
    #[label("here")]
    pub at: Option<SourceSpan>,
}
