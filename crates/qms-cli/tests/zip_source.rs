//! `qms check` of a zip: a zipped QMS prints exactly what its directory
//! prints, a pack's `qms/` folder is the QMS, and hostile entries are refused.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn qms(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_qms"))
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .output()
        .expect("qms runs")
}

/// Zips `dir` under the folder name `top` (as `zip -r top.zip top` does),
/// with the zip crate's writer: not the code that reads it.
fn zip_dir(dir: &Path, top: &str, out: &Path) {
    let mut w = zip::ZipWriter::new(std::fs::File::create(out).expect("create"));
    let opts = zip::write::SimpleFileOptions::default();
    for e in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let e = e.expect("walk");
        if !e.file_type().is_file() {
            continue;
        }
        let rel = e.path().strip_prefix(dir).expect("below");
        let name = format!(
            "{top}/{}",
            rel.components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/")
        );
        w.start_file(name, opts).expect("entry");
        w.write_all(&std::fs::read(e.path()).expect("read"))
            .expect("write");
    }
    w.finish().expect("finish");
}

#[test]
fn a_zipped_sample_prints_exactly_what_the_directory_prints() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let zipped = tmp.path().join("procedures.zip");
    zip_dir(&root().join("procedures"), "procedures", &zipped);
    let zipped = zipped.to_str().expect("utf-8 path");
    for format in ["human", "json", "sarif", "junit"] {
        // SARIF paths start at `--root`: the directory itself, as in the zip.
        let dir = qms(&[
            "check",
            "procedures",
            "--as-of",
            "2012-06-30",
            "--format",
            format,
            "--root",
            "procedures",
        ]);
        let zip = qms(&["check", zipped, "--as-of", "2012-06-30", "--format", format]);
        assert_eq!(dir.status.code(), Some(0), "{format}");
        assert_eq!(zip.status.code(), Some(0), "{format}");
        assert_eq!(
            String::from_utf8_lossy(&dir.stdout),
            String::from_utf8_lossy(&zip.stdout),
            "{format}"
        );
    }
    let dir = qms(&["check", "procedures", "--as-of", "2012-06-30"]);
    assert!(
        String::from_utf8_lossy(&dir.stdout)
            .contains("passed: 0 errors, 0 warnings, 37 files read")
    );
    // A QMS with findings: the same findings, at the same lines.
    let mixed = tmp.path().join("mixed.zip");
    zip_dir(&root().join("tests/fixtures/mixed"), "mixed", &mixed);
    let dir = qms(&[
        "check",
        "tests/fixtures/mixed",
        "--as-of",
        "2012-06-30",
        "--format",
        "json",
    ]);
    let zip = qms(&[
        "check",
        mixed.to_str().expect("utf-8"),
        "--as-of",
        "2012-06-30",
        "--format",
        "json",
    ]);
    assert_eq!(dir.status.code(), Some(1));
    assert_eq!(zip.status.code(), Some(1));
    assert_eq!(dir.stdout, zip.stdout);
}

#[test]
fn a_pack_is_checked_through_its_qms_folder() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let pack = tmp.path().join("pack.zip");
    let pack = pack.to_str().expect("utf-8 path");
    let out = qms(&["pack", "procedures", "-o", pack, "--as-of", "2012-06-30"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dir = qms(&["check", "procedures", "--as-of", "2012-06-30"]);
    let packed = qms(&["check", pack, "--as-of", "2012-06-30"]);
    assert_eq!(packed.status.code(), Some(0));
    assert_eq!(dir.stdout, packed.stdout);
    let stats = qms(&["stats", pack, "--period", "2012-H1", "--format", "json"]);
    let direct = qms(&[
        "stats",
        "procedures",
        "--period",
        "2012-H1",
        "--format",
        "json",
    ]);
    assert_eq!(stats.stdout, direct.stdout);
}

#[test]
fn hostile_entries_are_refused_and_other_files_are_not_zips() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let path = tmp.path().join("upload.zip");
    let mut w = zip::ZipWriter::new(std::fs::File::create(&path).expect("create"));
    let opts = zip::write::SimpleFileOptions::default();
    w.start_file("qms.toml", opts).expect("entry");
    w.write_all(b"[organisation]\nname = \"X\"\n[scope]\nstatement = \"Y\"\n")
        .expect("write");
    w.start_file("../documents/evil.md", opts).expect("entry");
    w.write_all(b"+++\nid = \"E\"\n+++\n").expect("write");
    w.add_symlink("documents/link.md", "/etc/passwd", opts)
        .expect("link");
    w.finish().expect("finish");
    let out = qms(&[
        "check",
        path.to_str().expect("utf-8"),
        "--as-of",
        "2012-06-30",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let load4: Vec<&str> = json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["code"] == "LOAD004")
        .map(|f| f["message"].as_str().expect("message"))
        .collect();
    assert_eq!(
        load4,
        [
            "`../documents/evil.md` is an entry whose name leads outside the QMS; it is not read",
            "`documents/link.md` is a symbolic link that leads outside the QMS directory; it is not read",
        ]
    );

    let text = tmp.path().join("notes.txt");
    std::fs::write(&text, "not a zip").expect("write");
    let out = qms(&["check", text.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("is not a directory or a zip archive"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
