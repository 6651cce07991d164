//! Nonconformity, action, audit, management review and objective rules
//! (NC, CA, AUD, MR, OBJ): each triggered, and the clean loop that is not.

mod common;

use common::*;

/// A closed minor nonconformity with its corrective action, verified by
/// someone else after the action was done.
const NC: &str = r#"id = "NC-2012-001"
title = "Hồ sơ khai sinh trả trễ hẹn"
raised = 2012-03-12
raised_by = "Nguyễn Thị D"
source = "late-dossier"
grade = "minor"
description = "Trả kết quả sau ngày hẹn"
correction = "Xin lỗi công dân, hẹn lại"
status = "closed"
closed = 2012-05-20

[root_cause]
method = "5-why"
whys = ["Chưa chuyển kịp", "Không có sổ theo dõi"]
cause = "Không có sổ theo dõi chuyển hồ sơ"

[effectiveness]
method = "Không có hồ sơ trễ hẹn trong 1 tháng"
verified_by = "Trần Văn E"
verified_on = 2012-05-15
result = "effective"
evidence = ["records/kiem-tra.md"]
"#;

const ACTION: &str = r#"id = "HD-2012-001"
kind = "corrective"
nonconformities = ["NC-2012-001"]
description = "Lập sổ theo dõi chuyển hồ sơ"
owner = "Lê Thị F"
due = 2012-04-15
status = "done"
done_on = 2012-04-10
evidence = ["records/so-theo-doi.md"]
"#;

const AUDIT: &str = r#"id = "DGNB-2012-01"
kind = "internal"
start = 2012-05-14
end = 2012-05-16
lead_auditor = "Phạm Văn G"
auditors = ["Đỗ Thị H"]
objectives = "Đánh giá sự phù hợp"
criteria = "TCVN ISO 9001:2008"
scope = ["QT-01"]
conclusion = "Phù hợp"

[[finding]]
grade = "minor"
clause = "7.5"
document = "QT-01"
evidence = "Thiếu chữ ký"
nonconformity = "NC-2012-001"
"#;

const REVIEW: &str = r#"id = "XXLD-2012-01"
date = 2012-06-25
chair = "Chủ tịch"

[inputs]
previous_actions = "a"
context_changes = "b"
performance = "c"
resources = "d"
risks_and_opportunities = "e"
improvement_opportunities = "f"

[[output]]
kind = "improvement"
decision = "Sổ theo dõi điện tử"
action = "HD-2012-001"
"#;

const OBJECTIVES: &str = "\n[[objective]]\nid = \"MT-01\"\ntitle = \"Không còn NC nặng\"\nmetric = \"nonconformities.open_major\"\ntarget = \"= 0\"\n";

fn qms_toml(extra: &str) -> String {
    // [checks] must stay last in QMS_TOML; objectives go before it.
    // The cadence rules are on here: this loop has its audit and review.
    let (head, _) = QMS_TOML.split_once("[checks]").expect("checks table");
    format!("{head}{OBJECTIVES}{extra}[checks]\nCLS001 = \"off\"\n")
}

/// The improvement loop with `changes` (path, content; empty removes).
fn lp(changes: &[(&str, &str)], as_of_date: Option<qms_core::Date>) -> Vec<String> {
    let qms = qms_toml("");
    let mut files: Vec<(&str, &str)> = vec![
        ("qms.toml", &qms),
        ("documents/QT-01-kiem-soat.md", GOOD_PROCEDURE),
        ("nonconformities/NC-2012-001.toml", NC),
        ("actions/HD-2012-001.toml", ACTION),
        ("audits/DGNB-2012-01.toml", AUDIT),
        ("reviews/XXLD-2012-01.toml", REVIEW),
        ("records/kiem-tra.md", "Biên bản kiểm tra"),
        ("records/so-theo-doi.md", "Sổ theo dõi"),
    ];
    for (path, text) in changes {
        files.retain(|(p, _)| p != path);
        if !text.is_empty() {
            files.push((path, text));
        }
    }
    let dir = tree(&files);
    match as_of_date {
        None => findings(dir.path()),
        Some(d) => findings_at(dir.path(), d),
    }
}

fn with(file: &str, text: &str) -> Vec<String> {
    lp(&[(file, text)], None)
}

const N: &str = "nonconformities/NC-2012-001.toml";
const A: &str = "actions/HD-2012-001.toml";
const AU: &str = "audits/DGNB-2012-01.toml";
const R: &str = "reviews/XXLD-2012-01.toml";

#[test]
fn clean_improvement_loop() {
    assert_eq!(lp(&[], None), Vec::<String>::new());
}

#[test]
fn nc001_no_corrective_action() {
    let a = ACTION.replace("kind = \"corrective\"", "kind = \"correction\"");
    assert_eq!(with(A, &a), [format!("NC001 {N}:6")]);
    // an observation needs none
    let n = NC.replace("grade = \"minor\"", "grade = \"observation\"");
    assert!(lp(&[(N, &n)], None).is_empty());
}

#[test]
fn nc002_root_cause_missing() {
    let n = NC.replace("cause = \"Không có sổ theo dõi chuyển hồ sơ\"\n", "");
    assert_eq!(with(N, &n), [format!("NC002 {N}:9")]);
}

#[test]
fn nc003_closed_without_effective_check() {
    let n = NC.replace("result = \"effective\"", "result = \"not-effective\"");
    assert_eq!(with(N, &n), [format!("NC003 {N}:21")]);
}

#[test]
fn nc004_verified_before_done() {
    let n = NC.replace("verified_on = 2012-05-15", "verified_on = 2012-04-01");
    assert_eq!(with(N, &n), [format!("NC004 {N}:20")]);
}

#[test]
fn nc005_verifier_owns_an_action() {
    let n = NC.replace("verified_by = \"Trần Văn E\"", "verified_by = \"Lê Thị F\"");
    assert_eq!(with(N, &n), [format!("NC005 {N}:19")]);
}

#[test]
fn nc006_closed_with_open_action() {
    let a = ACTION
        .replace("status = \"done\"", "status = \"in-progress\"")
        .replace("due = 2012-04-15", "due = 2012-07-15");
    assert_eq!(with(A, &a), [format!("NC006 {N}:9")]);
}

#[test]
fn nc007_dates_out_of_order() {
    let n = NC.replace("closed = 2012-05-20", "closed = 2012-05-10");
    assert_eq!(with(N, &n), [format!("NC007 {N}:10")]);
    let n = NC.replace("closed = 2012-05-20\n", "");
    assert_eq!(with(N, &n), [format!("NC007 {N}:9")]);
}

#[test]
fn nc008_major_open_too_long() {
    let n = NC
        .replace("grade = \"minor\"", "grade = \"major\"")
        .replace("status = \"closed\"", "status = \"action\"")
        .replace("closed = 2012-05-20\n", "")
        .replace("raised = 2012-03-12", "raised = 2012-02-01");
    let a = ACTION
        .replace("status = \"done\"", "status = \"in-progress\"")
        .replace("due = 2012-04-15", "due = 2012-07-15");
    let got = lp(&[(N, &n), (A, &a)], None);
    // 150 days open; and the objective "no open major" is missed
    assert_eq!(
        got,
        [format!("NC008 {N}:3"), "OBJ003 qms.toml:10".to_string()]
    );
    let limit = qms_toml("[nonconformity]\nmajor_open_days = 200\n");
    let got = lp(&[(N, &n), (A, &a), ("qms.toml", &limit)], None);
    assert_eq!(got, ["OBJ003 qms.toml:10"]);
}

#[test]
fn ca001_action_overdue() {
    let a = ACTION
        .replace("status = \"done\"", "status = \"in-progress\"")
        .replace("done_on = 2012-04-10\n", "");
    let n = NC
        .replace("status = \"closed\"", "status = \"action\"")
        .replace("closed = 2012-05-20\n", "");
    let n = n.split("[effectiveness]").next().expect("head").to_string();
    assert_eq!(lp(&[(A, &a), (N, &n)], None), [format!("CA001 {A}:6")]);
}

#[test]
fn ca002_done_without_evidence() {
    let a = ACTION.replace("evidence = [\"records/so-theo-doi.md\"]\n", "");
    assert_eq!(with(A, &a), [format!("CA002 {A}:7")]);
}

#[test]
fn ca003_evidence_not_found_and_load004_outside() {
    let a = ACTION.replace("records/so-theo-doi.md", "records/khong-co.md");
    assert_eq!(with(A, &a), [format!("CA003 {A}:9")]);
    let a = ACTION.replace("records/so-theo-doi.md", "../../etc/passwd");
    assert_eq!(with(A, &a), [format!("LOAD004 {A}:9")]);
}

#[test]
fn aud001_procedure_not_audited_in_cycle() {
    // a year and a half later: neither audited nor reviewed
    let later = qms_core::Date::from_ymd(2013, 12, 31).expect("date");
    let got = lp(&[], Some(later));
    assert!(
        got.contains(&"AUD001 documents/QT-01-kiem-soat.md:2".to_string()),
        "{got:?}"
    );
    assert!(got.contains(&"MR001 qms.toml:-".to_string()), "{got:?}");
}

#[test]
fn aud002_auditor_audits_own_work() {
    let au = AUDIT.replace("auditors = [\"Đỗ Thị H\"]", "auditors = [\"Nguyễn Văn A\"]");
    assert_eq!(with(AU, &au), [format!("AUD002 {AU}:6")]);
}

#[test]
fn aud003_finding_without_nonconformity() {
    let au = AUDIT.replace("nonconformity = \"NC-2012-001\"\n", "");
    assert_eq!(with(AU, &au), [format!("AUD003 {AU}:13")]);
}

#[test]
fn aud004_report_incomplete() {
    let au = AUDIT.replace("conclusion = \"Phù hợp\"\n", "");
    assert_eq!(with(AU, &au), [format!("AUD004 {AU}:1")]);
}

#[test]
fn mr002_input_missing_and_mr003_output_without_action() {
    let r = REVIEW.replace("resources = \"d\"\n", "");
    assert_eq!(with(R, &r), [format!("MR002 {R}:1")]);
    let r = REVIEW.replace("action = \"HD-2012-001\"\n", "");
    assert_eq!(with(R, &r), [format!("MR003 {R}:14")]);
    // a resources decision needs no action
    let r = r.replace("kind = \"improvement\"", "kind = \"resources\"");
    assert!(with(R, &r).is_empty());
}

#[test]
fn obj001_obj002_obj004() {
    let q = QMS_TOML.replace(
        "[checks]",
        "[[objective]]\nid = \"MT-01\"\ntitle = \"x\"\nmetric = \"dossiers.magic\"\ntarget = \"= 0\"\n[[objective]]\nid = \"MT-02\"\ntitle = \"y\"\nmetric = \"actions.on_time_rate\"\ntarget = \"about 90\"\n[[objective]]\nid = \"MT-03\"\ntitle = \"z\"\nmetric = \"actions.on_time_rate\"\ntarget = \">= 90%\"\n[checks]",
    );
    let r = REVIEW
        .replace("action = \"HD-2012-001\"\n", "")
        .replace("\"improvement\"", "\"resources\"");
    let got = lp(
        &[
            ("qms.toml", &q),
            (A, ""),
            (R, &r),
            (N, &NC.replace("grade = \"minor\"", "grade = \"ofi\"")),
        ],
        None,
    );
    assert_eq!(
        got,
        [
            "OBJ002 qms.toml:8",
            "OBJ001 qms.toml:14",
            "OBJ004 qms.toml:18"
        ]
    );
}

#[test]
fn objectives_measure_from_the_files() {
    let dir = tree(&[
        ("qms.toml", &qms_toml("")),
        ("documents/QT-01-kiem-soat.md", GOOD_PROCEDURE),
        (N, NC),
        (A, ACTION),
    ]);
    let qms = qms_core::load(dir.path()).expect("loads");
    let m = |name: &str| {
        let metric = qms_core::METRICS
            .iter()
            .find(|m| m.name == name)
            .expect("metric");
        metric.measure_at(&qms, as_of()).map(|v| v.to_string())
    };
    assert_eq!(m("nonconformities.open").as_deref(), Some("0"));
    assert_eq!(m("actions.on_time_rate").as_deref(), Some("100%"));
    assert_eq!(m("actions.overdue").as_deref(), Some("0"));
    assert_eq!(m("documents.review_overdue").as_deref(), Some("0"));
    assert_eq!(m("audits.coverage").as_deref(), Some("0%"));
}

#[test]
fn messages_name_the_grade_the_input_and_the_decision() {
    let qms = qms_toml("");
    let action = ACTION.replace("kind = \"corrective\"", "kind = \"correction\"");
    let audit = AUDIT.replace("nonconformity = \"NC-2012-001\"\n", "");
    let review = REVIEW
        .replace("resources = \"d\"\n", "")
        .replace("action = \"HD-2012-001\"\n", "");
    let dir = tree(&[
        ("qms.toml", &qms),
        ("documents/QT-01-kiem-soat.md", GOOD_PROCEDURE),
        (N, NC),
        (A, &action),
        (AU, &audit),
        (R, &review),
        ("records/kiem-tra.md", "Biên bản kiểm tra"),
        ("records/so-theo-doi.md", "Sổ theo dõi"),
    ]);
    let loaded = qms_core::load(dir.path()).expect("loads");
    let report = qms_core::check(&loaded, &qms_core::CheckOptions::new(as_of()));
    let messages: Vec<&str> = report.findings.iter().map(|f| f.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "a minor finding of `DGNB-2012-01` names no nonconformity",
            "minor nonconformity `NC-2012-001` has no corrective action",
            "management review `XXLD-2012-01` does not record input 9.3.2 d) `resources`",
            "an output of management review `XXLD-2012-01` decides a improvement but names no action",
        ]
    );
}
