//! Every document-control rule: a fixture that triggers it (asserting code,
//! file and line) and the clean fixture that does not.

mod common;

use common::*;

const P: &str = "documents/QT-01-kiem-soat.md";

fn doc_only(v: Vec<String>) -> Vec<String> {
    v.into_iter().filter(|f| f.starts_with("DOC")).collect()
}

#[test]
fn clean_tree_has_no_findings() {
    assert_eq!(findings_with(&[]), Vec::<String>::new());
}

#[test]
fn doc001_missing_required_field() {
    let doc = procedure_with("owner = \"Nguyễn Văn A\"\n", "");
    let got = findings_with(&[(P, &doc)]);
    assert_eq!(got, [format!("DOC001 {P}:1")]);
    let doc = procedure_with(
        "kind = \"procedure\"\n",
        "kind = \"procedure\"\nfield = \"Hộ tịch\"\n",
    );
    assert_eq!(findings_with(&[(P, &doc)]), [format!("DOC001 {P}:1")]);
}

#[test]
fn doc002_duplicate_id() {
    let got = findings_with(&[("documents/QT-01-copy.md", GOOD_PROCEDURE)]);
    // the copy sorts first, so the second file is the duplicate
    assert_eq!(got, ["DOC002 documents/QT-01-kiem-soat.md:2"]);
    let nc =
        "id = \"NC-1\"\ntitle = \"x\"\nraised = 2012-01-02\ngrade = \"minor\"\nstatus = \"open\"\n";
    let got = doc_only(findings_with(&[
        ("nonconformities/NC-1.toml", nc),
        ("nonconformities/NC-1-b.toml", nc),
    ]));
    assert_eq!(got, ["DOC002 nonconformities/NC-1.toml:1"]);
}

#[test]
fn doc003_unknown_reference() {
    let doc = procedure_with(
        "clauses = [\"7.5\"]\n",
        "clauses = [\"7.5\"]\nreferences = [\"QT-09\"]\nrecords = [\"HS-09\"]\n",
    );
    let got = findings_with(&[(P, &doc)]);
    assert_eq!(got, [format!("DOC003 {P}:13"), format!("DOC003 {P}:14")]);
    let action = "id = \"HD-1\"\nkind = \"corrective\"\nnonconformities = [\"NC-404\"]\nstatus = \"planned\"\n";
    let audit = "id = \"DG-1\"\nkind = \"internal\"\nscope = [\"QT-01\", \"QT-404\"]\n[[finding]]\ngrade = \"minor\"\nnonconformity = \"NC-405\"\n";
    let nc = "id = \"NC-1\"\ntitle = \"x\"\nraised = 2012-01-02\ngrade = \"minor\"\nstatus = \"open\"\naudit = \"DG-404\"\n";
    let review =
        "id = \"XX-1\"\ndate = 2012-06-01\n[[output]]\nkind = \"change\"\naction = \"HD-404\"\n";
    // (these bare items also raise NC, AUD and MR findings, tested elsewhere)
    let got = doc_only(findings_with(&[
        ("actions/HD-1.toml", action),
        ("audits/DG-1.toml", audit),
        ("nonconformities/NC-1.toml", nc),
        ("reviews/XX-1.toml", review),
    ]));
    assert_eq!(
        got,
        [
            "DOC003 actions/HD-1.toml:3",
            "DOC003 audits/DG-1.toml:3",
            "DOC003 audits/DG-1.toml:6",
            "DOC003 nonconformities/NC-1.toml:6",
            "DOC003 reviews/XX-1.toml:5",
        ]
    );
}

#[test]
fn doc004_review_overdue() {
    let doc = procedure_with("next_review = 2012-12-31", "next_review = 2012-06-29");
    assert_eq!(findings_with(&[(P, &doc)]), [format!("DOC004 {P}:11")]);
    // due on the check date itself is not yet overdue
    let doc = procedure_with("next_review = 2012-12-31", "next_review = 2012-06-30");
    assert!(findings_with(&[(P, &doc)]).is_empty());
    // an obsolete document is not reviewed
    let doc = procedure_with("next_review = 2012-12-31", "next_review = 2012-01-01")
        .replace("status = \"current\"", "status = \"obsolete\"");
    assert!(findings_with(&[(P, &doc)]).is_empty());
}

#[test]
fn doc005_unapproved_document() {
    let doc = procedure_with("approved_on = 2011-02-25", "approved_on = 2011-03-02");
    assert_eq!(findings_with(&[(P, &doc)]), [format!("DOC005 {P}:10")]);
    let doc = procedure_with("approved_by = \"Lê Văn C\"\n", "");
    assert_eq!(findings_with(&[(P, &doc)]), [format!("DOC005 {P}:1")]);
    // a draft needs no approval yet
    let doc =
        procedure_with("approved_by = \"Lê Văn C\"\n", "").replace("\"current\"", "\"draft\"");
    assert!(findings_with(&[(P, &doc)]).is_empty());
}

#[test]
fn doc006_revision_history_mismatch() {
    let doc = procedure_with("revision = 2", "revision = 3");
    assert_eq!(findings_with(&[(P, &doc)]), [format!("DOC006 {P}:5")]);
    let doc = procedure_with("date = 2011-03-01", "date = 2011-03-02");
    assert_eq!(findings_with(&[(P, &doc)]), [format!("DOC006 {P}:21")]);
    let doc = procedure_with("date = 2010-06-01", "date = 2011-06-01");
    assert_eq!(findings_with(&[(P, &doc)]), [format!("DOC006 {P}:21")]);
    let doc = procedure_with("revision = 1\n", "revision = 2\n");
    assert_eq!(findings_with(&[(P, &doc)]), [format!("DOC006 {P}:20")]);
}

#[test]
fn doc007_cites_non_current_document() {
    let old = GOOD_PROCEDURE
        .replace("QT-01", "QT-00")
        .replace("\"current\"", "\"obsolete\"");
    let doc = procedure_with(
        "clauses = [\"7.5\"]\n",
        "clauses = [\"7.5\"]\nreferences = [\"QT-00\"]\n",
    );
    assert_eq!(
        findings_with(&[(P, &doc), ("documents/QT-00-cu.md", &old)]),
        [format!("DOC007 {P}:13")]
    );
    // the obsolete document citing the current one is fine
    let old = old.replace(
        "clauses = [\"7.5\"]\n",
        "clauses = [\"7.5\"]\nreferences = [\"QT-01\"]\n",
    );
    assert!(findings_with(&[("documents/QT-00-cu.md", &old)]).is_empty());
}

#[test]
fn doc008_missing_procedure_section() {
    let vn_admin = format!("{QMS_TOML}[documents]\nsections = \"vn-admin\"\n");
    let doc = GOOD_PROCEDURE.replace("## 7. Hồ sơ cần lưu\n", "## 7. Phụ lục\n");
    assert_eq!(
        described(&[("qms.toml", &vn_admin), (P, &doc)]),
        [format!(
            "DOC008 {P}:1 procedure `QT-01` has no section `Hồ sơ cần lưu` | add a heading such as `## Hồ sơ cần lưu` (also accepted: `Hồ sơ`, `Lưu hồ sơ`, `Records`)"
        )]
    );
    // without `[documents] sections`, no section is required
    assert!(findings_with(&[(P, &doc)]).is_empty());
    // English headings, other numbering, case and diacritics are accepted
    let doc = GOOD_PROCEDURE
        .replace("## 1. Mục đích", "# I. PURPOSE")
        .replace("## 2. Phạm vi", "## 2. Pham vi")
        .replace("## 7. Hồ sơ cần lưu", "### Records");
    assert!(described(&[("qms.toml", &vn_admin), (P, &doc)]).is_empty());
    // a policy needs no procedure sections
    let doc = GOOD_PROCEDURE
        .replace("\"procedure\"", "\"policy\"")
        .replace("## 7. Hồ sơ cần lưu\n", "");
    assert!(described(&[("qms.toml", &vn_admin), (P, &doc)]).is_empty());
}

#[test]
fn doc009_file_name_mismatch() {
    let got = findings_with(&[(
        "documents/kiem-soat.md",
        &GOOD_PROCEDURE.replace("QT-01", "QT-02"),
    )]);
    assert_eq!(got, ["DOC009 documents/kiem-soat.md:2"]);
    // QT-010 is not QT-01
    let got = findings_with(&[(
        "documents/QT-010.md",
        &GOOD_PROCEDURE.replace("QT-01", "QT-02"),
    )]);
    assert_eq!(got, ["DOC009 documents/QT-010.md:2"]);
}

#[test]
fn checks_table_sets_levels() {
    let doc = procedure_with("next_review = 2012-12-31", "next_review = 2012-06-29");
    let cfg = format!("{QMS_TOML}DOC004 = \"off\"\n");
    let dir = tree(&[("qms.toml", &cfg), (P, &doc)]);
    assert!(findings(dir.path()).is_empty());

    let cfg = format!("{QMS_TOML}DOC004 = \"warning\"\n");
    let dir = tree(&[("qms.toml", &cfg), (P, &doc)]);
    let qms = qms_core::load(dir.path()).expect("loads");
    let opts = |deny| qms_core::CheckOptions::new(as_of()).deny_warnings(deny);
    let r = qms_core::check(&qms, &opts(false));
    assert_eq!((r.summary.errors, r.summary.warnings), (0, 1));
    assert!(r.passed());
    let r = qms_core::check(&qms, &opts(true));
    assert_eq!((r.summary.errors, r.summary.warnings), (1, 0));
}

#[test]
fn doc010_step_times_exceed_the_time_limit() {
    let service = procedure_with("clauses = [\"7.5\"]\n", "clauses = [\"7.5\"]\nfield = \"Hộ tịch\"\ntime_limit_days = 3\n")
        .replace(
            "## 6. Biểu mẫu",
            "| Bước | Trách nhiệm | Thời gian | Kết quả |\n|---|---|---|---|\n| B1 | Một cửa | 4 giờ | Phiếu |\n| B2 | Hộ tịch | 2 ngày | Dự thảo |\n| B3 | Chủ tịch | 0,5 ngày | Ký |\n\n## 6. Biểu mẫu",
        );
    // 0,5 + 2 + 0,5 = 3 working days: within the limit
    assert!(findings_with(&[(P, &service)]).is_empty());
    let slow = service.replace("| 2 ngày |", "| 2,5 ngày |");
    let line = slow
        .lines()
        .position(|l| l.starts_with("| Bước"))
        .expect("table")
        + 1;
    assert_eq!(findings_with(&[(P, &slow)]), [format!("DOC010 {P}:{line}")]);
}

#[test]
fn doc011_self_approved() {
    // approved by the person who prepared it
    let doc = procedure_with(
        "owner = \"Nguyễn Văn A\"\n",
        "owner = \"Nguyễn Văn A\"\nprepared_by = \"Lê Văn C\"\n",
    );
    assert_eq!(
        described(&[("qms.toml", QMS_TOML), (P, &doc)]),
        [format!(
            "DOC011 {P}:10 `QT-01` is approved by Lê Văn C, who prepared it | have someone other than the author approve it, or name the author in `prepared_by`"
        )]
    );
    // without `prepared_by`, by its owner: case and composition (NFD) ignored
    let doc = procedure_with(
        "approved_by = \"Lê Văn C\"",
        "approved_by = \" nguye\u{302}\u{303}n văn a \"",
    );
    assert_eq!(
        described(&[("qms.toml", QMS_TOML), (P, &doc)]),
        [format!(
            "DOC011 {P}:9 `QT-01` is approved by nguye\u{302}\u{303}n văn a, who owns it and no `prepared_by` is given | have someone other than the author approve it, or name the author in `prepared_by`"
        )]
    );
    // the owner approves what someone else prepared: independent
    let doc = procedure_with(
        "approved_by = \"Lê Văn C\"",
        "prepared_by = \"Trần Thị B\"\napproved_by = \"Nguyễn Văn A\"",
    );
    assert!(findings_with(&[(P, &doc)]).is_empty());
    // a draft is not approved yet, whoever signs
    let doc = procedure_with(
        "approved_by = \"Lê Văn C\"",
        "approved_by = \"Nguyễn Văn A\"",
    )
    .replace("\"current\"", "\"draft\"");
    assert!(findings_with(&[(P, &doc)]).is_empty());
    // the level is the house's to lower
    let doc = procedure_with(
        "approved_by = \"Lê Văn C\"",
        "approved_by = \"Nguyễn Văn A\"",
    );
    let cfg = format!("{QMS_TOML}DOC011 = \"warning\"\n");
    let dir = tree(&[("qms.toml", &cfg), (P, &doc)]);
    let qms = qms_core::load(dir.path()).expect("loads");
    let r = qms_core::check(&qms, &qms_core::CheckOptions::new(as_of()));
    assert_eq!((r.summary.errors, r.summary.warnings), (0, 1));
}
