//! The process exit codes, in one place.

/// No finding at or above the failure level.
pub const CLEAN: u8 = 0;
/// At least one finding at or above the failure level.
pub const FINDINGS: u8 = 1;
/// A usage error or an input that cannot be read.
pub const INPUT_ERROR: u8 = 2;
