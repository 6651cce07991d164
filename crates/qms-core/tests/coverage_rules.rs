//! Clause coverage and records rules (CLS, REC), on a small user profile so
//! each fixture stays readable, and the user-profile mechanism with it.

mod common;

use common::*;

const PROFILE: &str = r#"
id = "mini:1"
title_en = "Mini"
title_vi = "Mini"
not_applicable_allowed = ["7"]
[cadence]
internal_audit_months = 12
management_review_months = 12
[[clause]]
id = "5"
en = "Leadership"
vi = "Sự lãnh đạo"
[[clause]]
id = "5.2"
en = "Policy"
vi = "Chính sách"
[[clause]]
id = "7"
en = "Support"
vi = "Hỗ trợ"
[[clause]]
id = "7.1"
en = "Resources"
vi = "Nguồn lực"
[[clause]]
id = "9"
en = "Performance evaluation"
vi = "Đánh giá"
[[clause]]
id = "9.2"
en = "Internal audit"
vi = "Đánh giá nội bộ"
[[requirement]]
id = "5.2-policy"
clause = "5.2"
kind = "maintain"
en = "Quality policy"
vi = "Chính sách chất lượng"
[[requirement]]
id = "9.2-audit-results"
clause = "9.2"
kind = "retain"
en = "Audit programme and results"
vi = "Kết quả đánh giá"
"#;

const QMS: &str = "[organisation]\nname = \"Mỹ An\"\n[scope]\nstatement = \"Một cửa\"\nprofile = \"profiles/mini.toml\"\n";
const CHECKS: &str = "[checks]\nAUD001 = \"off\"\nMR001 = \"off\"\n";

const POLICY: &str = r#"+++
id = "CSCL"
title = "Chính sách chất lượng"
kind = "policy"
revision = 1
issued = 2011-03-01
status = "current"
owner = "Thư ký ISO"
approved_by = "Chủ tịch"
approved_on = 2011-03-01
next_review = 2012-12-31
clauses = ["5.2"]
+++
Phục vụ nhân dân.
"#;

const RECORDS: &str = r#"[[record]]
id = "HS-01"
title = "Hồ sơ đánh giá nội bộ"
owner = "Thư ký ISO"
location = "Tủ 1"
retention = "5 năm"
disposition = "Hủy"
clauses = ["9.2"]
files = "records/danh-gia/*.md"
"#;

/// The small QMS with `files` replaced (path, content; empty content removes).
fn mini(changes: &[(&str, &str)]) -> Vec<String> {
    let mut files: Vec<(&str, &str)> = vec![
        ("qms.toml", QMS),
        ("profiles/mini.toml", PROFILE),
        ("documents/CSCL-chinh-sach.md", POLICY),
        ("records.toml", RECORDS),
        (
            "records/danh-gia/2012-bao-cao.md",
            "Báo cáo đánh giá nội bộ 2012\n",
        ),
    ];
    for (path, text) in changes {
        files.retain(|(p, _)| p != path);
        if !text.is_empty() {
            files.push((path, text));
        }
    }
    let qms: String = files
        .iter()
        .find(|(p, _)| *p == "qms.toml")
        .map(|(_, t)| format!("{t}{CHECKS}"))
        .unwrap_or_default();
    files.retain(|(p, _)| *p != "qms.toml");
    files.push(("qms.toml", &qms));
    let dir = tree(&files);
    findings(dir.path())
}

#[test]
fn complete_small_qms_is_clean() {
    assert_eq!(mini(&[]), Vec::<String>::new());
}

#[test]
fn cls001_missing_document_names_the_clause() {
    assert_eq!(
        mini(&[("documents/CSCL-chinh-sach.md", "")]),
        ["CLS001 qms.toml:5"]
    );
    let dir = tree(&[
        ("qms.toml", QMS),
        ("profiles/mini.toml", PROFILE),
        ("records.toml", RECORDS),
    ]);
    let qms = qms_core::load(dir.path()).expect("loads");
    let r = qms_core::check(&qms, &qms_core::CheckOptions::new(as_of()));
    let f = r
        .findings
        .iter()
        .find(|f| f.code == "CLS001")
        .expect("CLS001");
    assert_eq!(
        f.message,
        "clause 5.2 (Policy): no current, approved document for \"Quality policy\""
    );
}

#[test]
fn cls001_a_draft_or_overdue_document_does_not_count() {
    for (from, to, why) in [
        (
            "status = \"current\"",
            "status = \"draft\"",
            "CSCL (it is draft)",
        ),
        (
            "next_review = 2012-12-31",
            "next_review = 2012-01-31",
            "CSCL (its review was due on 2012-01-31)",
        ),
    ] {
        let doc = POLICY.replace(from, to);
        let dir = tree(&[
            ("qms.toml", QMS),
            ("profiles/mini.toml", PROFILE),
            ("documents/CSCL-chinh-sach.md", &doc),
            ("records.toml", RECORDS),
            ("records/danh-gia/a.md", "x"),
        ]);
        let qms = qms_core::load(dir.path()).expect("loads");
        let r = qms_core::check(&qms, &qms_core::CheckOptions::new(as_of()));
        let f = r
            .findings
            .iter()
            .find(|f| f.code == "CLS001")
            .expect("CLS001");
        assert_eq!(
            f.help.as_deref(),
            Some(format!("cited by {why}, which do not count").as_str())
        );
    }
}

#[test]
fn cls001_and_rec002_records_that_do_not_exist() {
    let got = mini(&[("records/danh-gia/2012-bao-cao.md", "")]);
    assert_eq!(got, ["CLS001 qms.toml:5", "REC002 records.toml:9"]);
}

#[test]
fn cls002_cls003_exclusions() {
    let qms = format!("{QMS}not_applicable = [{{ clause = \"7.1\" }}]\n");
    assert_eq!(mini(&[("qms.toml", &qms)]), ["CLS002 qms.toml:6"]);
    let qms = format!("{QMS}not_applicable = [{{ clause = \"5.2\", reason = \"x\" }}]\n");
    assert_eq!(mini(&[("qms.toml", &qms)]), ["CLS003 qms.toml:6"]);
    let qms = format!(
        "{QMS}not_applicable = [{{ clause = \"7.1\", reason = \"Không có thiết bị đo\" }}]\n"
    );
    assert_eq!(mini(&[("qms.toml", &qms)]), Vec::<String>::new());
}

#[test]
fn cls004_unknown_clause() {
    let doc = POLICY.replace("clauses = [\"5.2\"]", "clauses = [\"5.2\", \"7.5.4\"]");
    assert_eq!(
        mini(&[("documents/CSCL-chinh-sach.md", &doc)]),
        ["CLS004 documents/CSCL-chinh-sach.md:12"]
    );
}

#[test]
fn cls005_missing_mandatory_procedure() {
    let profile = PROFILE.replace("kind = \"maintain\"", "kind = \"procedure\"");
    assert_eq!(
        mini(&[("profiles/mini.toml", &profile)]),
        ["CLS005 qms.toml:5"]
    );
    let doc = POLICY.replace("kind = \"policy\"", "kind = \"procedure\"");
    let doc = format!(
        "{doc}## Mục đích\n## Phạm vi\n## Tài liệu viện dẫn\n## Định nghĩa\n## Nội dung quy trình\n## Biểu mẫu\n## Hồ sơ cần lưu\n"
    );
    assert!(
        mini(&[
            ("profiles/mini.toml", &profile),
            ("documents/CSCL-chinh-sach.md", &doc)
        ])
        .is_empty()
    );
}

#[test]
fn cls006_inconsistent_profile_and_load002_unknown_profile() {
    let profile = PROFILE.replace("clause = \"9.2\"", "clause = \"9.9\"");
    let got = mini(&[("profiles/mini.toml", &profile)]);
    assert_eq!(got, ["CLS006 profiles/mini.toml:41"]);
    let qms = QMS.replace("profiles/mini.toml", "iso9001:2099");
    let got = mini(&[("qms.toml", &qms)]);
    assert!(got.contains(&"LOAD002 qms.toml:5".to_string()), "{got:?}");
}

#[test]
fn rec001_rec004_record_type_fields() {
    let rec = RECORDS.replace("owner = \"Thư ký ISO\"\n", "");
    assert_eq!(mini(&[("records.toml", &rec)]), ["REC001 records.toml:2"]);
    let rec = format!(
        "{RECORDS}[[record]]\nid = \"HS-02\"\ntitle = \"x\"\nowner = \"a\"\nretention = \"1 năm\"\ndisposition = \"Hủy\"\n"
    );
    assert_eq!(mini(&[("records.toml", &rec)]), ["REC004 records.toml:11"]);
}

#[test]
fn rec003_register_problems_are_located_and_the_rest_counted() {
    let rec = RECORDS.replace(
        "files = \"records/danh-gia/*.md\"",
        "[record.register]\npath = \"records/so-danh-gia.csv\"",
    );
    let csv = "ngay,noi_dung\n2012-05-14,Đánh giá QT-01\n2012-05-15,Đánh giá,QT-02\n2012-05-16,Đánh giá QT-03\n";
    assert_eq!(
        mini(&[("records.toml", &rec), ("records/so-danh-gia.csv", csv)]),
        ["REC003 records/so-danh-gia.csv:3"]
    );
    // a register that is missing also leaves the clause uncovered
    assert_eq!(
        mini(&[("records.toml", &rec)]),
        ["CLS001 qms.toml:5", "REC003 records.toml:10"]
    );
    let ok = "ngay,noi_dung\n2012-05-14,Đánh giá QT-01\n";
    assert!(mini(&[("records.toml", &rec), ("records/so-danh-gia.csv", ok)]).is_empty());
}

#[test]
fn load004_register_outside_the_directory() {
    let rec = RECORDS.replace(
        "files = \"records/danh-gia/*.md\"",
        "[record.register]\npath = \"../so-danh-gia.csv\"",
    );
    let got = mini(&[("records.toml", &rec)]);
    assert!(
        got.contains(&"LOAD004 records.toml:10".to_string()),
        "{got:?}"
    );
}
