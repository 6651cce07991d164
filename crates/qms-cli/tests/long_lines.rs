//! Issue 13: a document of one enormous line must not make the human
//! output print the whole line; the diagnostic shows the text around the
//! finding's column, cut with `…`, and a caret under it.

use std::process::Command;

#[test]
fn a_finding_on_a_line_of_megabytes_shows_the_text_around_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("qms.toml"),
        "[organisation]\nname = \"X\"\n[scope]\nstatement = \"Y\"\n[checks]\nCLS001 = \"off\"\nAUD001 = \"off\"\nMR001 = \"off\"\n",
    )
    .expect("qms.toml");
    std::fs::create_dir(dir.path().join("documents")).expect("documents");
    // one line of 2.7 MB whose last value is the error
    let line = format!("references = [{}5]", "\"QT-01\", ".repeat(300_000));
    std::fs::write(
        dir.path().join("documents/QT-01.md"),
        format!("+++\nid = \"QT-01\"\n{line}\n+++\n"),
    )
    .expect("document");
    let out = Command::new(env!("CARGO_BIN_EXE_qms"))
        .arg("check")
        .arg(dir.path())
        .args(["--as-of", "2012-06-30"])
        .env("NO_COLOR", "1")
        .output()
        .expect("qms runs");
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).expect("UTF-8");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines[0],
        "error[LOAD002]: invalid type: integer `5`, expected a string"
    );
    assert_eq!(lines[1], " = in documents/QT-01.md:3:2700015");
    // the 120 bytes before the column (`", ` and 13 values), then the rest
    let before = format!("\", {}", "\"QT-01\", ".repeat(13));
    assert_eq!(before.len(), 120);
    assert_eq!(lines[2], format!(" = …{before}5]"));
    assert_eq!(lines[3], format!("{}^", " ".repeat(3 + 121)));
    assert_eq!(
        lines[5],
        "failed: 1 error, 0 warnings, 2 files read (profile iso9001:2015, as of 2012-06-30)"
    );
    assert!(stdout.len() < 1_000, "{} bytes", stdout.len());
}
