//! `qms new` and `qms init`: next free ids, templates that load without LOAD
//! findings, and a new QMS that passes its check. The library only returns
//! the files; these tests write them into a temporary directory.

mod common;

use std::path::Path;

use common::*;
use qms_core::scaffold::{InitLang, NewFile, NewKind, init, new_file, next_id};

/// Writes a returned file under `root`, as the CLI does (it never overwrites).
fn put(root: &Path, file: &NewFile) {
    let path = root.join(&file.path);
    assert!(!path.exists(), "{} would be overwritten", file.path);
    write(root, &file.path, file.contents.as_bytes());
}

/// The next file of a kind, loading the directory as it is now, written.
fn create(root: &Path, kind: NewKind, as_of: qms_core::Date) -> String {
    let qms = qms_core::load(root).expect("loads");
    let file = new_file(&qms, kind, as_of);
    put(root, &file);
    file.path
}

#[test]
fn next_ids_per_kind_and_year_and_files_that_load() {
    // A Vietnamese QMS: the kinds it has no file of yet take the Vietnamese
    // prefixes.
    let qms_toml = QMS_TOML.replace("[scope]", "lang = \"vi\"\n[scope]");
    let dir = tree(&[
        ("qms.toml", qms_toml.as_str()),
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
    .map(|k| create(dir.path(), k, d))
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
    let qms = qms_core::load(dir.path()).expect("loads");
    // the broken 2011 file still holds its number for 2011
    assert_eq!(
        next_id(
            &qms,
            NewKind::Nonconformity,
            qms_core::Date::from_ymd(2011, 5, 1).expect("date")
        ),
        "NC-2011-010"
    );
    let load: Vec<_> = qms
        .load_findings()
        .into_iter()
        .filter(|f| !f.file.as_ref().is_some_and(|p| p.contains("2011")))
        .collect();
    assert!(load.is_empty(), "{load:?}");
    assert_eq!(
        create(dir.path(), NewKind::Nonconformity, d),
        "nonconformities/NC-2012-005.toml"
    );
}

#[test]
fn a_file_that_does_not_parse_still_holds_its_id() {
    let qms_toml = QMS_TOML.replace("[scope]", "lang = \"vi\"\n[scope]");
    let dir = tree(&[
        ("qms.toml", qms_toml.as_str()),
        ("actions/HD-2012-001.toml", "precious"),
    ]);
    let qms = qms_core::load(dir.path()).expect("loads");
    // the file does not parse, but its name holds HD-2012-001, so 002 is next
    let file = new_file(&qms, NewKind::Action, as_of());
    assert_eq!(file.path, "actions/HD-2012-002.toml");
    assert!(file.contents.starts_with("id = \"HD-2012-002\"\n"));
    assert!(!qms.files.contains(&file.path));
}

#[test]
fn init_gives_a_qms_that_passes_check() {
    for lang in [InitLang::Vi, InitLang::En] {
        let files = init(lang, as_of());
        assert_eq!(files.len(), 6);
        assert_eq!(files[0].path, "qms.toml");
        assert_eq!(
            files,
            init(lang, as_of()),
            "the same date gives the same files"
        );
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("qms");
        for f in &files {
            put(&root, f);
        }
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
    }
}

const ACTION_CA: &str = "id = \"CA-2012-001\"\nkind = \"improvement\"\ndescription = \"x\"\nowner = \"A\"\ndue = 2012-12-01\nstatus = \"planned\"\n";

/// The next id of each kind `qms new` writes, for the tree as it is.
fn next_ids(root: &Path) -> Vec<String> {
    let qms = qms_core::load(root).expect("loads");
    [
        NewKind::Nonconformity,
        NewKind::Action,
        NewKind::Audit,
        NewKind::Review,
        NewKind::Document,
    ]
    .into_iter()
    .map(|k| next_id(&qms, k, as_of()))
    .collect()
}

#[test]
fn a_qms_without_a_language_is_english_but_keeps_the_prefixes_it_uses() {
    // No `[organisation] lang` nor `[report] lang`: English defaults, except
    // for procedures, where the directory already writes `QT-`.
    let dir = tree(&[
        ("qms.toml", QMS_TOML),
        ("documents/QT-01-kiem-soat.md", GOOD_PROCEDURE),
    ]);
    assert_eq!(
        next_ids(dir.path()),
        [
            "NC-2012-001",
            "CA-2012-001",
            "IA-2012-01",
            "MR-2012-01",
            "QT-02"
        ]
    );
    let qms = qms_core::load(dir.path()).expect("loads");
    let review = new_file(&qms, NewKind::Review, as_of());
    assert!(
        review
            .contents
            .contains("previous_actions = \"a) Status of actions")
    );
    assert!(review.contents.contains("# action = \"CA-...\""));
}

#[test]
fn the_ids_table_sets_each_prefix() {
    let qms_toml = format!(
        "{QMS_TOML}\n[ids]\nnc = \"NCR-\"\naction = \"AC-\"\naudit = \"AUD-\"\nreview = \"MGR-\"\nprocedure = \"SOP-\"\n"
    );
    let dir = tree(&[
        ("qms.toml", qms_toml.as_str()),
        ("documents/QT-01-kiem-soat.md", GOOD_PROCEDURE),
        ("actions/CA-2012-001.toml", ACTION_CA),
    ]);
    assert_eq!(
        next_ids(dir.path()),
        [
            "NCR-2012-001",
            "AC-2012-001",
            "AUD-2012-01",
            "MGR-2012-01",
            "SOP-01"
        ]
    );
    assert_eq!(findings(dir.path()), Vec::<String>::new());
}

#[test]
fn new_follows_the_prefix_most_used_in_the_directory() {
    // A Vietnamese QMS whose actions are written `CA-`: the next is CA-2012-002,
    // not HD-2012-001; a tie goes to the language's default.
    let qms_toml = QMS_TOML.replace("[scope]", "lang = \"vi\"\n[scope]");
    let dir = tree(&[
        ("qms.toml", qms_toml.as_str()),
        ("actions/CA-2012-001.toml", ACTION_CA),
        (
            "actions/CA-2011-004.toml",
            &ACTION_CA.replace("CA-2012-001", "CA-2011-004"),
        ),
        (
            "actions/HD-2011-001.toml",
            &ACTION_CA.replace("CA-2012-001", "HD-2011-001"),
        ),
        (
            "audits/IA-2011-01.toml",
            "id = \"IA-2011-01\"\nkind = \"internal\"\n",
        ),
        (
            "audits/DGNB-2011-02.toml",
            "id = \"DGNB-2011-02\"\nkind = \"internal\"\n",
        ),
    ]);
    let qms = qms_core::load(dir.path()).expect("loads");
    assert!(qms.load_findings().is_empty(), "{:?}", qms.load_findings());
    assert_eq!(next_id(&qms, NewKind::Action, as_of()), "CA-2012-002");
    assert_eq!(next_id(&qms, NewKind::Audit, as_of()), "DGNB-2012-01");
    let vi = new_file(&qms, NewKind::Action, as_of());
    assert!(vi.contents.contains("description = \"Việc cần làm\""));
}

#[test]
fn a_bad_id_prefix_is_a_finding_at_its_value() {
    let qms_toml = format!("{QMS_TOML}\n[ids]\naction = \"../CA-\"\n");
    let dir = tree(&[("qms.toml", qms_toml.as_str())]);
    let qms = qms_core::load(dir.path()).expect("loads");
    let load = qms.load_findings();
    assert_eq!(load.len(), 1, "{load:?}");
    assert_eq!(load[0].code, qms_core::Code::LOAD002);
    assert_eq!(load[0].line, Some(11));
    assert!(
        load[0].message.contains("is not an id prefix"),
        "{}",
        load[0].message
    );
}

#[test]
fn the_language_of_a_qms_and_of_its_report() {
    use qms_core::model::Language;
    let lang = |toml: &str| {
        let dir = tree(&[("qms.toml", toml)]);
        let qms = qms_core::load(dir.path()).expect("loads");
        let c = qms.config.as_ref().expect("qms.toml parses");
        (c.language(), c.report_language())
    };
    let base = "[organisation]\nname = \"X\"\n[scope]\nstatement = \"Y\"\n";
    assert_eq!(lang(base), (Language::En, Language::En));
    assert_eq!(
        lang(&format!("{base}[report]\nlang = \"vi\"\n")),
        (Language::Vi, Language::Vi)
    );
    assert_eq!(
        lang(&base.replace("[scope]", "lang = \"vi\"\n[scope]")),
        (Language::Vi, Language::Vi)
    );
    assert_eq!(
        lang(&format!(
            "{}[report]\nlang = \"en\"\n",
            base.replace("[scope]", "lang = \"vi\"\n[scope]")
        )),
        (Language::Vi, Language::En)
    );
}
