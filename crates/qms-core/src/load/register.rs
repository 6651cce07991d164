//! CSV registers that records.toml points at: streamed row by row, never
//! held in memory, so a register of a million rows costs a few kilobytes.
//!
//! The loader scans each register once: it counts the data rows and keeps
//! the first problems (with their line). Typed readers of particular
//! registers (the dossier book) build on the same streaming.

/// What a scan of a register found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RegisterScan {
    /// The header row's column names.
    pub columns: Vec<String>,
    /// Number of data rows (the header excluded), bad rows included.
    pub rows: u64,
    /// Problems, as one-based line and message; at most 50 (the count goes on).
    pub problems: Vec<(usize, String)>,
    /// How many problems there were in all.
    pub problem_count: u64,
}

/// How many problems a scan keeps (the count goes on).
pub const MAX_PROBLEMS: usize = 50;

/// Why a register named in records.toml could not be scanned.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RegisterError {
    /// No file at the path.
    #[error("no such file")]
    Missing,
    /// The path leads outside the QMS.
    #[error(transparent)]
    Path(#[from] crate::base::paths::PathError),
    /// The file cannot be read (the source's message).
    #[error("{0}")]
    Unreadable(String),
}

/// Streams a CSV register.
pub fn scan(input: impl std::io::Read) -> RegisterScan {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(input);
    let mut scan = RegisterScan::default();
    match reader.headers() {
        Ok(h) => scan.columns = h.iter().map(|c| c.trim().to_string()).collect(),
        Err(e) => {
            let line = e.position().map_or(1, |p| p.line() as usize);
            scan.problems.push((line, describe(&e)));
            scan.problem_count = 1;
            return scan;
        }
    }
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => scan.rows += 1,
            Err(e) => {
                scan.rows += 1;
                scan.problem_count += 1;
                if scan.problems.len() < MAX_PROBLEMS {
                    let line = e.position().map_or(0, |p| p.line() as usize);
                    scan.problems.push((line, describe(&e)));
                }
                if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                    break;
                }
            }
        }
    }
    scan
}

/// A CSV error in the officer's words.
pub fn describe(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("row has {len} fields, expected {expected_len} like the header"),
        csv::ErrorKind::Utf8 { .. } => "row is not valid UTF-8; save the register as UTF-8".into(),
        csv::ErrorKind::Io(io) => format!("read error: {io}"),
        _ => e.to_string(),
    }
}
