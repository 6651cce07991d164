//! Apologies and new appointments (issue 17, part 3): a late dossier
//! apologised for in time with a new appointment not yet come is not
//! overdue; a missed new appointment is DOS005 at its line; the statistics
//! count "late with apology" and "new appointment missed".

mod common;

use common::*;
use qms_core::registers::calendar::WorkingCalendar;
use qms_core::{CheckOptions, Period, stats as compute};

const PROC: &str = r#"+++
id = "QT-HT-01"
title = "Đăng ký khai sinh"
kind = "instruction"
revision = 1
issued = 2011-01-03
status = "current"
owner = "Huỳnh Văn Phước"
approved_by = "Lê Văn Bình"
approved_on = 2011-01-03
next_review = 2012-12-31
field = "Hộ tịch"
time_limit_days = 3
+++
"#;

const RECORDS: &str = r#"[[record]]
id = "HS-22"
title = "Sổ theo dõi hồ sơ"
owner = "Một cửa"
retention = "5 năm"
disposition = "Hủy"
[record.register]
path = "records/so.csv"
kind = "dossiers"
date_format = "%d/%m/%Y"
"#;

const HEAD: &str = "code,procedure,received,due,resolved,returned,outcome,apology_on,new_due\n";

fn dir(rows: &str) -> tempfile::TempDir {
    let qms = QMS_TOML.replace("[checks]", "[calendar]\ncountry = \"VN\"\n[checks]");
    let csv = format!("{HEAD}{rows}");
    tree(&[
        ("qms.toml", &qms),
        ("documents/QT-HT-01.md", PROC),
        ("records.toml", RECORDS),
        ("records/so.csv", &csv),
    ])
}

/// code, file:line and message of each finding at 2012-06-30.
fn check(rows: &str) -> Vec<String> {
    let d = dir(rows);
    let qms = qms_core::load(d.path()).expect("loads");
    qms_core::check(&qms, &CheckOptions::new(as_of()))
        .findings
        .iter()
        .map(common::in_full)
        .collect()
}

// Received Friday 01/06/2012, 3 working days: due Wednesday 06/06; the
// apology and new appointment issued Tuesday 05/06.

#[test]
fn a_new_appointment_not_yet_come_is_not_overdue() {
    assert_eq!(
        check("A1,QT-HT-01,01/06/2012,06/06/2012,,,,05/06/2012,02/07/2012\n"),
        Vec::<String>::new()
    );
    // on the new appointment itself, still not overdue
    assert_eq!(
        check("A1,QT-HT-01,01/06/2012,06/06/2012,,,,05/06/2012,30/06/2012\n"),
        Vec::<String>::new()
    );
    // resolved by the new appointment: late, apologised for, nothing to find
    assert_eq!(
        check("A1,QT-HT-01,01/06/2012,06/06/2012,19/06/2012,,approved,05/06/2012,20/06/2012\n"),
        Vec::<String>::new()
    );
}

#[test]
fn without_a_new_appointment_or_with_a_late_apology_it_is_still_overdue() {
    assert_eq!(
        check("A1,QT-HT-01,01/06/2012,06/06/2012,,,,05/06/2012,\n"),
        [
            "DOS004 records/so.csv:2 dossier A1 is still in progress on 2012-06-30, 24 days after its due date 2012-06-06"
        ]
    );
    let got = check("A1,QT-HT-01,01/06/2012,06/06/2012,,,,07/06/2012,02/07/2012\n");
    assert_eq!(
        got.iter().map(|f| &f[..6]).collect::<Vec<_>>(),
        ["DOS002", "DOS004"]
    );
}

#[test]
fn dos005_a_missed_new_appointment_is_a_finding_at_its_line() {
    assert_eq!(
        check(
            "A1,QT-HT-01,01/06/2012,06/06/2012,19/06/2012,,approved,05/06/2012,20/06/2012\n\
             A2,QT-HT-01,01/06/2012,06/06/2012,,,,05/06/2012,20/06/2012\n\
             A3,QT-HT-01,01/06/2012,06/06/2012,22/06/2012,,approved,05/06/2012,20/06/2012\n"
        ),
        [
            "DOS005 records/so.csv:3 dossier A2 is still in progress on 2012-06-30, 10 days after its new appointment 2012-06-20 (due 2012-06-06, apology issued 2012-06-05)",
            "DOS005 records/so.csv:4 dossier A3 was resolved 2012-06-22, after its new appointment 2012-06-20 (due 2012-06-06, apology issued 2012-06-05)",
        ]
    );
}

#[test]
fn dos005_is_explained() {
    let rule = qms_core::rule("DOS005").expect("DOS005 is a rule");
    assert_eq!(rule.name, "new-appointment-missed");
    assert!(
        rule.explanation.contains("`new_due`"),
        "{}",
        rule.explanation
    );
    let dos004 = qms_core::rule("DOS004").expect("DOS004 is a rule");
    assert!(dos004.explanation.contains("no DOS004"));
}

#[test]
fn statistics_count_late_with_apology_and_new_appointment_missed() {
    let d = dir(
        // resolved late, apologised, new appointment kept
        "A1,QT-HT-01,01/06/2012,06/06/2012,19/06/2012,,approved,05/06/2012,20/06/2012\n\
         A2,QT-HT-01,01/06/2012,06/06/2012,22/06/2012,,approved,05/06/2012,20/06/2012\n\
         A3,QT-HT-01,01/06/2012,06/06/2012,,,,05/06/2012,20/06/2012\n\
         A4,QT-HT-01,01/06/2012,06/06/2012,08/06/2012,,approved,,\n\
         A5,QT-HT-01,01/06/2012,06/06/2012,,,,05/06/2012,02/07/2012\n\
         A6,QT-HT-01,01/06/2012,06/06/2012,06/06/2012,,approved,,\n",
    );
    let qms = qms_core::load(d.path()).expect("loads");
    let (cal, _) = WorkingCalendar::of(&qms);
    let (r, problems) = compute(&qms, &cal, &Period::parse("2012-H1").expect("period"), None);
    assert!(problems.is_empty());
    let t = &r.total;
    assert_eq!((t.total, t.resolved, t.on_time, t.late), (6, 4, 1, 3));
    assert_eq!((t.in_progress, t.not_yet_due, t.overdue), (2, 0, 2));
    assert_eq!(t.late_with_apology, 2, "A1 and A2");
    assert_eq!(t.new_appointment_missed, 2, "A2 and A3");
    assert_eq!(t.apologies, 4);
}
