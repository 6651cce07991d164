//! `qms init` and `qms new` write the files the library gives, print each
//! path, and never overwrite anything.

use std::path::Path;
use std::process::{Command, Output};

fn qms(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_qms"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("qms runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn init_then_new_then_init_again() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cwd = dir.path();
    let out = qms(
        &["init", "site", "--lang", "en", "--as-of", "2012-06-30"],
        cwd,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "site/qms.toml\nsite/documents/POL-01-quality-policy.md\nsite/documents/QM-01-quality-manual.md\nsite/documents/QM-02-quality-objectives.md\nsite/documents/P-01-document-control.md\nsite/records.toml\n"
    );
    let check = qms(&["check", "site", "--as-of", "2012-06-30"], cwd);
    assert!(check.status.success(), "{}", text(&check.stdout));

    for expected in [
        "site/actions/CA-2012-001.toml",
        "site/actions/CA-2012-002.toml",
    ] {
        let out = qms(&["new", "action", "site", "--as-of", "2012-06-30"], cwd);
        assert!(out.status.success(), "{}", text(&out.stderr));
        assert_eq!(text(&out.stdout), format!("{expected}\n"));
        assert!(cwd.join(expected).is_file());
    }

    let before = std::fs::read(cwd.join("site/qms.toml")).expect("read");
    let again = qms(&["init", "site", "--as-of", "2012-06-30"], cwd);
    assert_eq!(again.status.code(), Some(2));
    assert_eq!(
        text(&again.stderr),
        "error: site already holds a qms.toml; qms init never overwrites\n"
    );
    assert_eq!(
        std::fs::read(cwd.join("site/qms.toml")).expect("read"),
        before
    );
}

#[test]
fn init_refuses_a_directory_holding_any_of_its_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("documents")).expect("mkdir");
    std::fs::write(dir.path().join("records.toml"), "precious").expect("write");
    let out = qms(&["init", ".", "--as-of", "2012-06-30"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("records.toml already exists"));
    assert!(
        !dir.path().join("qms.toml").exists(),
        "nothing half-written"
    );
    assert_eq!(
        std::fs::read(dir.path().join("records.toml")).expect("read"),
        b"precious"
    );
}
