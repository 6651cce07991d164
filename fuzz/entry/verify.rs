//! The entry point of the `verify` fuzz target, shared with the stable
//! corpus test of qms-report (`crates/qms-report/tests/fuzz_corpus.rs`
//! includes this file).

use std::io::Write;

/// `qms verify` on arbitrary bytes: a report or an error, never a panic.
pub fn verify(data: &[u8]) {
    let Ok(mut file) = tempfile::NamedTempFile::new() else {
        return;
    };
    if file.write_all(data).and_then(|()| file.flush()).is_err() {
        return;
    }
    if let Ok(report) = qms_report::verify::verify_pack(file.path()) {
        let _ = report.intact();
    }
}
