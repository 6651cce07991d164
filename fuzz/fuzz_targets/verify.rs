//! Fuzz target `verify`: `qms verify` on arbitrary bytes (see `entry/verify.rs`).
#![no_main]

#[path = "../entry/verify.rs"]
mod entry;

libfuzzer_sys::fuzz_target!(|data: &[u8]| entry::verify(data));
