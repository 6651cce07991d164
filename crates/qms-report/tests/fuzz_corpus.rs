//! The `verify` fuzz corpus on the stable toolchain: every file of
//! `fuzz/corpus/verify/` goes through the entry point of
//! `cargo fuzz run verify` (`fuzz/entry/verify.rs`).

use std::path::Path;

#[path = "../../../fuzz/entry/verify.rs"]
mod entry;

#[test]
fn every_verify_corpus_file_is_verified_without_a_panic() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/corpus/verify");
    let mut n = 0;
    for e in std::fs::read_dir(&dir).expect("fuzz/corpus/verify") {
        let path = e.expect("an entry").path();
        entry::verify(&std::fs::read(&path).expect("a corpus file"));
        n += 1;
    }
    assert!(n > 0, "fuzz/corpus/verify holds no seed");
    entry::verify(b"");
    entry::verify(b"PK\x05\x06");
}
