//! `qms new`: next free ids, templates that load without LOAD findings, and
//! nothing overwritten.

mod common;

use common::*;
use qms_core::scaffold::{NewKind, create, next_id};

#[test]
fn next_ids_per_kind_and_year_and_files_that_load() {
    let dir = tree(&[
        ("qms.toml", QMS_TOML),
        ("documents/QT-01-kiem-soat.md", GOOD_PROCEDURE),
        (
            "documents/QT-HT-07-khai-sinh.md",
            &GOOD_PROCEDURE.replace("QT-01", "QT-HT-07"),
        ),
        (
            "nonconformities/NC-2012-003-tre-hen.toml",
            "id = \"NC-2012-003\"\ntitle = \"x\"\nraised = 2012-01-02\ngrade = \"observation\"\nstatus = \"closed\"\nclosed = 2012-01-03\n",
        ),
        ("nonconformities/NC-2011-009.toml", "not toml at all ["),
    ]);
    let d = as_of();
    let made: Vec<String> = [
        NewKind::Nonconformity,
        NewKind::Action,
        NewKind::Audit,
        NewKind::Review,
        NewKind::Document,
    ]
    .into_iter()
    .map(|k| create(dir.path(), k, d).expect("created"))
    .collect();
    assert_eq!(
        made,
        [
            "nonconformities/NC-2012-004.toml",
            "actions/HD-2012-001.toml",
            "audits/DGNB-2012-01.toml",
            "reviews/XXLD-2012-01.toml",
            "documents/QT-02.md",
        ]
    );
    // the broken 2011 file still holds its number for 2011
    assert_eq!(
        next_id(
            dir.path(),
            NewKind::Nonconformity,
            qms_core::Date::from_ymd(2011, 5, 1).expect("date")
        )
        .expect("id"),
        "NC-2011-010"
    );
    let qms = qms_core::load(dir.path()).expect("loads");
    let load: Vec<_> = qms
        .load_findings()
        .into_iter()
        .filter(|f| !f.file.as_ref().is_some_and(|p| p.contains("2011")))
        .collect();
    assert!(load.is_empty(), "{load:?}");
    assert_eq!(
        create(dir.path(), NewKind::Nonconformity, d).expect("again"),
        "nonconformities/NC-2012-005.toml"
    );
}

#[test]
fn an_existing_file_is_never_overwritten() {
    let dir = tree(&[
        ("qms.toml", QMS_TOML),
        ("actions/HD-2012-001.toml", "precious"),
    ]);
    // the file does not parse, but its name holds HD-2012-001, so 002 is next
    assert_eq!(
        create(dir.path(), NewKind::Action, as_of()).expect("created"),
        "actions/HD-2012-002.toml"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("actions/HD-2012-001.toml")).expect("read"),
        "precious"
    );
}

#[test]
fn init_writes_a_qms_that_passes_check_and_never_overwrites() {
    use qms_core::scaffold::{InitLang, init};
    for lang in [InitLang::Vi, InitLang::En] {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("qms");
        let written = init(&root, lang, as_of()).expect("init");
        assert_eq!(written.len(), 6);
        let qms = qms_core::load(&root).expect("loads");
        assert!(qms.load_findings().is_empty(), "{:?}", qms.load_findings());
        let r = qms_core::check(&qms, &qms_core::CheckOptions::new(as_of()));
        assert!(r.passed(), "{:?}", r.findings);
        // what is left to build is listed as warnings
        let codes: std::collections::BTreeSet<_> =
            r.findings.iter().map(|f| f.code.as_str()).collect();
        assert_eq!(codes, ["AUD001", "CLS001", "MR001"].into_iter().collect());
        // the maintained documents are all there
        assert!(
            !r.findings
                .iter()
                .any(|f| f.message.contains("no current, approved document"))
        );
        let before = std::fs::read(root.join("qms.toml")).expect("read");
        assert!(init(&root, lang, as_of()).is_err());
        assert_eq!(std::fs::read(root.join("qms.toml")).expect("read"), before);
    }
}
