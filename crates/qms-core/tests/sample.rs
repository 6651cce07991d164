//! The sample QMS (`procedures/`): clean at 30 June 2012, and complete under
//! both built-in profiles (it was certified to ISO 9001:2008).

use std::path::{Path, PathBuf};

use qms_core::CoverageStatus as Status;
use qms_core::{CheckOptions, Date};

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../procedures")
}

fn as_of() -> Date {
    Date::from_ymd(2012, 6, 30).expect("date")
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("entry");
        let rel = entry.path().strip_prefix(from).expect("inside");
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

fn assert_complete(dir: &Path, profile: &str) {
    let qms = qms_core::load(dir).expect("loads");
    let report = qms_core::check(&qms, &CheckOptions::new(as_of()).deny_warnings(true));
    assert_eq!(report.profile, profile);
    let codes: Vec<_> = report
        .findings
        .iter()
        .map(|f| format!("{} {}", f.code, f.message))
        .collect();
    assert!(codes.is_empty(), "{profile}: {codes:#?}");
    let gaps: Vec<_> = report
        .coverage
        .clauses
        .iter()
        .filter(|c| matches!(c.status, Status::Missing | Status::Partial))
        .map(|c| c.clause.as_str())
        .collect();
    assert!(gaps.is_empty(), "{profile}: {gaps:?}");
    let with_items = report
        .coverage
        .clauses
        .iter()
        .filter(|c| !c.requirements.is_empty())
        .count();
    assert!(with_items > 10, "{profile} has mandatory items");
}

#[test]
fn sample_is_clean_and_complete_under_iso9001_2015() {
    assert_complete(&sample(), "iso9001:2015");
    let qms = qms_core::load(&sample()).expect("loads");
    let report = qms_core::check(&qms, &CheckOptions::new(as_of()));
    let na: Vec<_> = report
        .coverage
        .clauses
        .iter()
        .filter(|c| c.status == Status::NotApplicable)
        .map(|c| c.clause.as_str())
        .collect();
    assert_eq!(
        na,
        [
            "7.1.5.2", "8.3", "8.3.1", "8.3.2", "8.3.3", "8.3.4", "8.3.5", "8.3.6"
        ]
    );
}

#[test]
fn sample_is_complete_under_iso9001_2008_by_changing_the_profile_alone() {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_tree(&sample(), dir.path());
    let toml = std::fs::read_to_string(dir.path().join("qms.toml")).expect("qms.toml");
    let changed = toml.replacen(
        "profile = \"iso9001:2015\"",
        "profile = \"iso9001:2008\"",
        1,
    );
    assert_ne!(toml, changed);
    std::fs::write(dir.path().join("qms.toml"), changed).expect("write");
    assert_complete(dir.path(), "iso9001:2008");
    let qms = qms_core::load(dir.path()).expect("loads");
    let report = qms_core::check(&qms, &CheckOptions::new(as_of()));
    let covered = |id: &str| {
        report
            .coverage
            .clauses
            .iter()
            .find(|c| c.clause == id)
            .map(|c| c.status)
    };
    for six in ["4.2.3", "4.2.4", "8.2.2", "8.3", "8.5.2", "8.5.3", "4.2.2"] {
        assert_eq!(covered(six), Some(Status::Covered), "{six}");
    }
    assert_eq!(covered("7.3"), Some(Status::NotApplicable));
}
