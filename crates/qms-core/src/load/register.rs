//! Registers that records.toml points at: the loader only finds their
//! files (their text is not kept); the check reads them row by row, never
//! whole (`crate::registers::rows`), so a register of a million rows costs
//! a few kilobytes.

/// Why a register named in records.toml cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RegisterError {
    /// No file at the path.
    #[error("no such file")]
    Missing,
    /// The path leads outside the QMS.
    #[error(transparent)]
    Path(#[from] crate::base::paths::PathError),
    /// The path is a FIFO, a device or a socket (what it is, in words).
    #[error("it is {0}, not a regular file")]
    NotRegular(String),
}
