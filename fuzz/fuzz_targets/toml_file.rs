//! Fuzz target `toml_file`: see `entry/core.rs`.
#![no_main]

#[path = "../entry/core.rs"]
#[allow(dead_code)]
mod entry;

libfuzzer_sys::fuzz_target!(|data: &[u8]| entry::toml_file(data));
