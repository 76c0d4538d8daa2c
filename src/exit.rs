//! The process exit codes, and the policy that picks one, in one place: a checked report
//! fails when a finding reaches the failure level, a batch ends with its worst pair's code,
//! and anything that stops a check is an input error. A closed standard output (`| head`)
//! is not an error: [`crate::output`] treats it as success.

use crate::error::Error;
use crate::model::{Report, Severity};

/// No finding at or above the failure level.
pub const CLEAN: u8 = 0;
/// At least one finding at or above the failure level.
pub const FINDINGS: u8 = 1;
/// A usage error or an input that cannot be read.
pub const INPUT_ERROR: u8 = 2;

/// The exit code of a checked report: [`FINDINGS`] when a finding that counts (no baseline
/// accepts it, and it is rated at least the report's `min_confidence`: [`Report::counts`]) is
/// at or above `fail_on`, or when part of the input was not checked (the report has
/// [`Report::limits`]: a check that could not check everything must not pass), at any level
/// but `never` (`None` never fails); else [`CLEAN`].
pub fn for_report(report: &Report, fail_on: Option<Severity>) -> u8 {
    match (fail_on, report.worst_severity()) {
        (None, _) => CLEAN,
        (Some(_), _) if !report.limits.is_empty() => FINDINGS,
        (Some(level), Some(worst)) if worst >= level => FINDINGS,
        _ => CLEAN,
    }
}

/// The exit code of one pair of a batch: its report's ([`for_report`]), or [`INPUT_ERROR`]
/// when it could not be checked.
pub fn for_pair(result: &Result<Report, Error>, fail_on: Option<Severity>) -> u8 {
    match result {
        Ok(report) => for_report(report, fail_on),
        Err(_) => INPUT_ERROR,
    }
}

/// The exit code of a batch: its worst pair's, [`CLEAN`] when it has none.
pub fn for_batch(pairs: impl IntoIterator<Item = u8>) -> u8 {
    pairs.into_iter().max().unwrap_or(CLEAN)
}
