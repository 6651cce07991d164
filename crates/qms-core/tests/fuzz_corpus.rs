//! The fuzz corpus on the stable toolchain: every file of
//! `fuzz/corpus/<target>/` goes through the same entry point as
//! `cargo fuzz run <target>` (`fuzz/entry/core.rs`), so CI needs no
//! nightly. A crash the fuzzer found is kept by adding its input to the
//! target's corpus folder.

use std::path::{Path, PathBuf};

#[path = "../../../fuzz/entry/core.rs"]
mod entry;

fn corpus(target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fuzz/corpus")
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

#[test]
fn every_corpus_file_goes_through_its_target() {
    for (target, run) in entry::TARGETS {
        let files = corpus(target);
        assert!(!files.is_empty(), "fuzz/corpus/{target} holds no seed");
        for f in files {
            run(&std::fs::read(&f).expect("a corpus file"));
        }
    }
}

#[test]
fn the_targets_survive_inputs_made_to_hurt() {
    // what the issue found by hand, through the fuzz entry points
    let mut huge_days =
        b"\x00code,procedure,received,due,resolved,returned,outcome,paused_days\n".to_vec();
    huge_days.extend(b"X,QT-01,20/01/2012,,,,,4294967295\nY,QT-01,20/01/2012,,,,,100000000\n");
    entry::register_csv(&huge_days);
    let mut formats = vec![1u8];
    formats.extend(
        b"[[record]]\nid = \"R\"\ntitle = \"T\"\nowner = \"O\"\nretention = \"1 year\"\ndisposition = \"D\"\n\
          [record.register]\npath = \"records/dossiers.csv\"\nkind = \"dossiers\"\ndate_format = \"%H %Z %s %c %.3f\"\n",
    );
    entry::toml_file(&formats);
    entry::document(b"+++\n");
    entry::document(b"+++\n+++\n+++");
    entry::document(&[0xff, 0xfe, b'+', b'+', b'+']);
    entry::zip_source(b"PK\x05\x06\0\0\0\0\xff\xff\xff\xff\0\0\0\0\0\0\0\0\0\0");
    entry::register_workbook(b"PK\x03\x04");
}

/// Without a nightly toolchain: every target over inputs made from its
/// corpus by seeded random mutations (bytes flipped, inserted, removed,
/// repeated, spliced with another seed). `QMS_FUZZ_ITERATIONS` inputs a
/// target (default 10, so `cargo test` stays quick), from the seed
/// `QMS_FUZZ_SEED` (default 13); it prints the executions run. For a
/// longer run: `QMS_FUZZ_ITERATIONS=20000 cargo test --release -p qms-core
/// --test fuzz_corpus -- --nocapture mutated`.
#[test]
fn mutated_corpus_inputs_go_through_every_target() {
    use rand::{Rng, SeedableRng};
    let iterations: usize = std::env::var("QMS_FUZZ_ITERATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10);
    let seed = std::env::var("QMS_FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(13);
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    let mut total = 0;
    for (target, run) in entry::TARGETS {
        let seeds: Vec<Vec<u8>> = corpus(target)
            .iter()
            .map(|f| std::fs::read(f).expect("a corpus file"))
            .collect();
        for _ in 0..iterations {
            let mut input = seeds[rng.random_range(0..seeds.len())].clone();
            for _ in 0..rng.random_range(1..8) {
                let at = rng.random_range(0..=input.len());
                match rng.random_range(0..5) {
                    0 if at < input.len() => input[at] = rng.random(),
                    1 => input.insert(at, rng.random()),
                    2 if at < input.len() => {
                        input.remove(at);
                    }
                    3 => {
                        let end = (at + rng.random_range(1..64)).min(input.len());
                        let piece = input[at..end].to_vec();
                        for _ in 0..rng.random_range(1..100) {
                            input.splice(at..at, piece.iter().copied());
                        }
                    }
                    _ => {
                        let other = &seeds[rng.random_range(0..seeds.len())];
                        let from = rng.random_range(0..=other.len());
                        input.truncate(at);
                        input.extend_from_slice(&other[from..]);
                    }
                }
            }
            run(&input);
            total += 1;
        }
    }
    println!("{total} executions over {} targets", entry::TARGETS.len());
}
