//! Hostile evidence packs, each built here with the zip crate's writer (and
//! a byte patched where the writer refuses to lie): `verify` names every
//! trick, never calls such a pack intact, and stops before a bomb.

use std::io::Write;
use std::path::Path;

use qms_report::pack::{GitInfo, Manifest, ManifestEntry, ManifestHeader, hex};
use qms_report::verify::{VerifyLimits, VerifyOptions, verify_pack, verify_pack_with};
use sha2::{Digest, Sha256};
use zip::write::SimpleFileOptions;

/// manifest.json and SHA256SUMS listing `listed` (name, content).
fn manifest_and_sums(listed: &[(&str, &[u8])]) -> (Vec<u8>, Vec<u8>) {
    let manifest = Manifest {
        header: ManifestHeader {
            manifest_version: 1,
            tool: "qms".into(),
            version: "0.1.0".into(),
            as_of: "2012-06-30".into(),
            profile: "iso9001:2015".into(),
            organisation: "Mỹ An".into(),
            git: None::<GitInfo>,
        },
        entries: listed
            .iter()
            .map(|(name, data)| ManifestEntry {
                path: (*name).to_string(),
                size: data.len() as u64,
                sha256: hex(&Sha256::digest(data)),
            })
            .collect(),
    };
    let bytes = serde_json::to_vec_pretty(&manifest).expect("json");
    let mut sums = String::new();
    for e in &manifest.entries {
        sums.push_str(&format!("{}  {}\n", e.sha256, e.path));
    }
    sums.push_str(&format!(
        "{}  manifest.json\n",
        hex(&Sha256::digest(&bytes))
    ));
    (bytes, sums.into_bytes())
}

fn opts() -> SimpleFileOptions {
    SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .unix_permissions(0o644)
}

/// A zip of `entries`, then manifest.json and SHA256SUMS listing `listed`.
fn pack_bytes(entries: &[(&str, &[u8])], listed: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, data) in entries {
        w.start_file(*name, opts()).expect("start");
        w.write_all(data).expect("write");
    }
    let (manifest, sums) = manifest_and_sums(listed);
    w.start_file("manifest.json", opts()).expect("start");
    w.write_all(&manifest).expect("write");
    w.start_file("SHA256SUMS", opts()).expect("start");
    w.write_all(&sums).expect("write");
    w.finish().expect("finish").into_inner()
}

/// Replaces every occurrence of `from` by `to` (same length): a name in the
/// local header and in the central directory.
fn patch(bytes: &mut [u8], from: &[u8], to: &[u8]) {
    assert_eq!(from.len(), to.len());
    let mut found = 0;
    let mut i = 0;
    while let Some(pos) = bytes[i..].windows(from.len()).position(|w| w == from) {
        bytes[i + pos..i + pos + from.len()].copy_from_slice(to);
        i += pos + from.len();
        found += 1;
    }
    assert!(found > 0, "nothing to patch");
}

/// The offsets of the central directory headers.
fn central_headers(bytes: &[u8]) -> Vec<usize> {
    bytes
        .windows(4)
        .enumerate()
        .filter(|(_, w)| *w == [0x50, 0x4b, 0x01, 0x02])
        .map(|(i, _)| i)
        .collect()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("write");
    p
}

#[test]
fn names_differing_only_in_invalid_bytes_stay_two_entries() {
    // The manifest lists the lossy name; the zip holds the real one and a
    // forged twin: once they collapsed into one "intact" entry.
    let dir = tempfile::tempdir().expect("dir");
    let data: &[u8] = b"ho so\n";
    let mut bytes = pack_bytes(
        &[("qms/A.md", data), ("qms/B.md", b"forged\n")],
        &[("qms/\u{fffd}.md", data)],
    );
    patch(&mut bytes, b"qms/A.md", b"qms/\x80.md");
    patch(&mut bytes, b"qms/B.md", b"qms/\x81.md");
    let r = verify_pack(&write(dir.path(), "p.zip", &bytes)).expect("a pack");
    assert!(!r.intact(), "{r:?}");
    assert_eq!(
        r.problems,
        [
            "`qms/\\x80.md`: the name is not UTF-8",
            "`qms/\\x81.md`: the name is not UTF-8"
        ]
    );
    assert_eq!(r.removed, ["qms/\u{fffd}.md"]);
}

#[test]
fn an_unlisted_entry_is_added_whatever_its_name() {
    let dir = tempfile::tempdir().expect("dir");
    let bytes = pack_bytes(
        &[("qms/a.md", b"a"), ("qms/b.md", b"b")],
        &[("qms/a.md", b"a")],
    );
    let r = verify_pack(&write(dir.path(), "p.zip", &bytes)).expect("a pack");
    assert_eq!(r.added, ["qms/b.md"]);
    assert!(r.problems.is_empty() && r.changed.is_empty() && r.removed.is_empty());
    assert!(!r.intact());
}

#[test]
fn the_shared_data_bomb_stops_before_it_is_inflated() {
    let dir = tempfile::tempdir().expect("dir");
    // One 64 MiB entry of zeros, then 99 central directory records pointing
    // at the same compressed bytes.
    let zeros = vec![0u8; 64 * 1024 * 1024];
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    w.start_file("bomb/000.bin", opts()).expect("start");
    w.write_all(&zeros).expect("write");
    for i in 1..100 {
        w.shallow_copy_file("bomb/000.bin", &format!("bomb/{i:03}.bin"))
            .expect("copy");
    }
    let (manifest, sums) = manifest_and_sums(&[]);
    w.start_file("manifest.json", opts()).expect("start");
    w.write_all(&manifest).expect("write");
    w.start_file("SHA256SUMS", opts()).expect("start");
    w.write_all(&sums).expect("write");
    let mut bytes = w.finish().expect("finish").into_inner();
    assert!(bytes.len() < 1024 * 1024, "{}", bytes.len());
    let p = write(dir.path(), "bomb.zip", &bytes);

    // 6.4 GiB in all is under the budget: the copies overlap the original
    // and are not inflated.
    let r = verify_pack(&p).expect("a pack");
    assert!(!r.intact());
    assert_eq!(
        r.problems.len(),
        99,
        "{:?}",
        r.problems.iter().take(3).collect::<Vec<_>>()
    );
    assert_eq!(
        r.problems[0],
        "`bomb/001.bin` shares its bytes with another entry (a zip bomb or a hidden entry); not read"
    );
    assert_eq!(r.added, ["bomb/000.bin"]);

    // Each record declaring 4 GiB: 400 GiB in all, refused before any
    // content is read.
    for at in central_headers(&bytes) {
        if bytes[at + 46..].starts_with(b"bomb/") {
            bytes[at + 24..at + 28].copy_from_slice(&0xFFFF_FFF0u32.to_le_bytes());
        }
    }
    let p = write(dir.path(), "bomb4g.zip", &bytes);
    let r = verify_pack(&p).expect("a pack");
    assert_eq!(
        r.too_large,
        [format!(
            "the entries declare {} bytes in all, more than the 68719476736 limit; nothing was read",
            100 * 0xFFFF_FFF0u64 + manifest.len() as u64 + sums.len() as u64
        )]
    );
    assert!(!r.intact() && r.manifest.is_none());
}

#[test]
fn the_entry_budget_is_a_too_large_finding() {
    let dir = tempfile::tempdir().expect("dir");
    let names: Vec<String> = (0..20).map(|i| format!("qms/{i}.md")).collect();
    let entries: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b"x"[..])).collect();
    let p = write(dir.path(), "p.zip", &pack_bytes(&entries, &entries));
    assert!(verify_pack(&p).expect("a pack").intact());
    let small = VerifyOptions {
        limits: VerifyLimits {
            max_entries: 10,
            ..VerifyLimits::default()
        },
        key: None,
    };
    let r = verify_pack_with(&p, &small).expect("a pack");
    assert_eq!(
        r.too_large,
        ["the pack holds 22 entries, more than the 10 limit; nothing was read"]
    );
    assert!(!r.intact());
    // The manifest alone listing more than the limit is too large too.
    let listed: Vec<(&str, &[u8])> = entries[..12].to_vec();
    let p = write(dir.path(), "m.zip", &pack_bytes(&[], &listed));
    let r = verify_pack_with(&p, &small).expect("a pack");
    assert_eq!(
        r.too_large,
        ["manifest.json: it lists more than 10 entries at line 65 column 5"]
    );
}

#[test]
fn links_special_files_and_setuid_are_not_intact() {
    let dir = tempfile::tempdir().expect("dir");
    let cases: [(&str, u32, &str); 4] = [
        (
            "qms/link.md",
            0o120_777,
            "`qms/link.md` is a symbolic link (an extractor would create a link, not a file)",
        ),
        (
            "qms/suid.md",
            0o104_755,
            "`qms/suid.md` has the setuid, setgid or sticky bit (mode 104755)",
        ),
        (
            "qms/fifo.md",
            0o010_644,
            "`qms/fifo.md` is a special file (mode 10644), not a regular file",
        ),
        (
            "qms/devc.md",
            0o020_644,
            "`qms/devc.md` is a special file (mode 20644), not a regular file",
        ),
    ];
    for (name, mode, expected) in cases {
        let data: &[u8] = b"../../../../etc/passwd";
        let mut bytes = pack_bytes(&[(name, data)], &[(name, data)]);
        // The writer keeps only permission bits: the file type goes in the
        // central directory's external attributes.
        for at in central_headers(&bytes) {
            if bytes[at + 46..].starts_with(name.as_bytes()) {
                bytes[at + 38..at + 42].copy_from_slice(&(mode << 16).to_le_bytes());
            }
        }
        let r = verify_pack(&write(dir.path(), "p.zip", &bytes)).expect("a pack");
        assert_eq!(r.problems, [expected], "{name}");
        assert!(!r.intact());
    }

    // A symbolic link and a directory as the writer makes them.
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    w.add_symlink("qms/out.md", "../../../etc/passwd", opts())
        .expect("symlink");
    w.add_directory("qms/dir/", opts()).expect("dir");
    let (manifest, sums) = manifest_and_sums(&[]);
    w.start_file("manifest.json", opts()).expect("start");
    w.write_all(&manifest).expect("write");
    w.start_file("SHA256SUMS", opts()).expect("start");
    w.write_all(&sums).expect("write");
    let bytes = w.finish().expect("finish").into_inner();
    let r = verify_pack(&write(dir.path(), "l.zip", &bytes)).expect("a pack");
    assert_eq!(
        r.problems,
        [
            "`qms/out.md` is a symbolic link (an extractor would create a link, not a file)",
            "`qms/dir/` is a directory entry, not a file"
        ]
    );
}

#[test]
fn prepended_bytes_and_an_empty_name_are_not_intact() {
    let dir = tempfile::tempdir().expect("dir");
    let data: &[u8] = b"x";
    let good = pack_bytes(&[("qms/a.md", data)], &[("qms/a.md", data)]);
    assert!(
        verify_pack(&write(dir.path(), "g.zip", &good))
            .expect("a pack")
            .intact()
    );

    let mut prepended = b"#!/bin/sh\necho hello\nexit 0\n".to_vec();
    prepended.extend_from_slice(&good);
    let r = verify_pack(&write(dir.path(), "p.zip", &prepended)).expect("a pack");
    assert_eq!(
        r.problems,
        ["the file does not start with a zip entry: bytes were put before the pack"]
    );
    assert!(!r.intact());

    let mut empty = pack_bytes(&[("Q", data)], &[]);
    // An empty name: the name length set to 0 in the central directory.
    for at in central_headers(&empty) {
        if empty[at + 46] == b'Q' && empty[at + 28..at + 30] == [1, 0] {
            empty[at + 28..at + 30].copy_from_slice(&0u16.to_le_bytes());
            empty[at + 46] = b' ';
            // The byte that was the name now reads as part of the extra field.
            let extra = u16::from_le_bytes([empty[at + 30], empty[at + 31]]);
            empty[at + 30..at + 32].copy_from_slice(&(extra + 1).to_le_bytes());
        }
    }
    match verify_pack(&write(dir.path(), "e.zip", &empty)) {
        Ok(r) => {
            assert!(!r.intact(), "{r:?}");
            assert!(
                r.problems
                    .iter()
                    .any(|p| p.contains("empty name") || p.contains("cannot be read")),
                "{r:?}"
            );
        }
        Err(e) => assert!(e.to_string().contains("zip"), "{e}"),
    }
}

#[test]
fn control_characters_in_names_are_escaped_and_refused() {
    let dir = tempfile::tempdir().expect("dir");
    let bytes = pack_bytes(&[("qms/a\u{1b}[2J\u{b}.md", b"x")], &[]);
    let r = verify_pack(&write(dir.path(), "p.zip", &bytes)).expect("a pack");
    assert_eq!(
        r.problems,
        ["`qms/a\\x1b[2J\\x0b.md`: the name holds control characters"]
    );
}

#[test]
fn a_forged_sums_line_does_not_pass() {
    // A name holding a newline and a hash would forge a SHA256SUMS line.
    let dir = tempfile::tempdir().expect("dir");
    let (manifest, mut sums) = manifest_and_sums(&[("qms/a.md", b"a")]);
    sums.extend_from_slice(format!("{}  qms/extra.md\n", "0".repeat(64)).as_bytes());
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, data) in [
        ("qms/a.md", &b"a"[..]),
        ("manifest.json", &manifest),
        ("SHA256SUMS", &sums),
    ] {
        w.start_file(name, opts()).expect("start");
        w.write_all(data).expect("write");
    }
    let bytes = w.finish().expect("finish").into_inner();
    let r = verify_pack(&write(dir.path(), "p.zip", &bytes)).expect("a pack");
    assert!(!r.manifest_consistent && !r.intact(), "{r:?}");
}

#[test]
fn a_manifest_larger_than_the_old_16_mib_cap_verifies() {
    // 2,000 records with very long names: an 18 MB manifest, which a capped
    // read truncated into "not a qms evidence pack" (a QMS of 100,000
    // record files makes one that size).
    let dir = tempfile::tempdir().expect("dir");
    let names: Vec<String> = (0..2_000)
        .map(|i| {
            format!(
                "qms/records/2012/{}-{i:06}.md",
                "ho-so-mot-cua-".repeat(640)
            )
        })
        .collect();
    let entries: Vec<(&str, &[u8])> = names
        .iter()
        .map(|n| (n.as_str(), &b"ho so\n"[..]))
        .collect();
    let bytes = pack_bytes(&entries, &entries);
    let (manifest, _) = manifest_and_sums(&entries);
    assert!(manifest.len() > 18_000_000, "{}", manifest.len());
    let r = verify_pack(&write(dir.path(), "p.zip", &bytes)).expect("a pack");
    assert!(r.intact(), "{:?}", &r.problems);
    assert_eq!(r.entries, 2_002);
    assert_eq!(r.manifest.expect("manifest").entries, 2_000);
}
