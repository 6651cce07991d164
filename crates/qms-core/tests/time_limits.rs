//! Time limits as the law states them (issue 17, part 1, in part): the same
//! working day (`time_limit_days = 0`) and calendar days
//! (`time_limit_unit = "calendar-days"`, the last moved to the next working
//! day).

mod common;

use common::*;

fn procedure(limit: &str) -> String {
    format!(
        r#"+++
id = "QT-01"
title = "Thủ tục"
kind = "instruction"
revision = 1
issued = 2011-01-03
status = "current"
owner = "Huỳnh Văn Phước"
approved_by = "Lê Văn Bình"
approved_on = 2011-01-03
next_review = 2012-12-31
field = "Chứng thực"
{limit}
+++
"#
    )
}

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

fn check(limit: &str, rows: &str) -> Vec<String> {
    let qms = QMS_TOML.replace("[checks]", "[calendar]\ncountry = \"VN\"\n[checks]");
    let csv = format!("code,procedure,received,due,resolved,returned,outcome\n{rows}");
    let dir = tree(&[
        ("qms.toml", &qms),
        ("documents/QT-01.md", &procedure(limit)),
        ("records.toml", RECORDS),
        ("records/so.csv", &csv),
    ]);
    findings(dir.path())
}

#[test]
fn a_same_day_procedure() {
    // Monday 04/06/2012, due the same day
    assert!(
        check(
            "time_limit_days = 0",
            "A1,QT-01,04/06/2012,04/06/2012,04/06/2012,,approved\n"
        )
        .is_empty()
    );
    assert!(
        check(
            "time_limit_days = 0",
            "A1,QT-01,04/06/2012,,04/06/2012,,approved\n"
        )
        .is_empty()
    );
    assert_eq!(
        check(
            "time_limit_days = 0",
            "A1,QT-01,04/06/2012,05/06/2012,05/06/2012,,approved\n"
        ),
        ["DOS003 records/so.csv:2"]
    );
}

#[test]
fn forty_five_calendar_days_ending_on_a_sunday_are_due_the_monday() {
    let limit = "time_limit_days = 45\ntime_limit_unit = \"calendar-days\"";
    // Thursday 03/05/2012 + 45 days is Sunday 17/06: due Monday 18/06
    assert!(
        check(
            limit,
            "A1,QT-01,03/05/2012,18/06/2012,18/06/2012,,approved\n"
        )
        .is_empty()
    );
    assert!(check(limit, "A1,QT-01,03/05/2012,,18/06/2012,,approved\n").is_empty());
    assert_eq!(
        check(
            limit,
            "A1,QT-01,03/05/2012,19/06/2012,19/06/2012,,approved\n"
        ),
        ["DOS003 records/so.csv:2"]
    );
    // the same in working days is much later: 45 working days
    assert_eq!(
        check(
            "time_limit_days = 45\ntime_limit_unit = \"working-days\"",
            "A1,QT-01,03/05/2012,18/06/2012,18/06/2012,,approved\n"
        ),
        ["DOS003 records/so.csv:2"]
    );
}

fn check_cases(rows: &str) -> Vec<String> {
    let limit = "time_limit_days = 0\n[[time_limit_case]]\ncase = \"verification\"\ndays = 5";
    let qms = QMS_TOML.replace("[checks]", "[calendar]\ncountry = \"VN\"\n[checks]");
    let csv = format!(
        "code,procedure,received,due,resolved,returned,outcome,case,extended_to,extension_ref\n{rows}"
    );
    let dir = tree(&[
        ("qms.toml", &qms),
        ("documents/QT-01.md", &procedure(limit)),
        ("records.toml", RECORDS),
        ("records/so.csv", &csv),
    ]);
    findings(dir.path())
}

#[test]
fn a_verification_case_with_five_days() {
    // Monday 04/06/2012 + 5 working days: Monday 11/06
    assert!(
        check_cases("A1,QT-01,04/06/2012,11/06/2012,11/06/2012,,approved,verification,,\n")
            .is_empty()
    );
    assert!(check_cases("A1,QT-01,04/06/2012,,11/06/2012,,approved,verification,,\n").is_empty());
    assert_eq!(
        check_cases(
            "A1,QT-01,04/06/2012,12/06/2012,12/06/2012,,approved,verification,,\n\
             A2,QT-01,04/06/2012,11/06/2012,11/06/2012,,approved,,,\n\
             A3,QT-01,04/06/2012,04/06/2012,04/06/2012,,approved,inspection,,\n"
        ),
        [
            "DOS003 records/so.csv:2",
            "DOS003 records/so.csv:3",
            "DOS001 records/so.csv:4"
        ]
    );
}

#[test]
fn an_extension_by_written_agreement() {
    assert!(
        check_cases("A1,QT-01,04/06/2012,08/06/2012,08/06/2012,,approved,,08/06/2012,VB-12/2012\n")
            .is_empty()
    );
    assert_eq!(
        check_cases(
            "A1,QT-01,04/06/2012,11/06/2012,11/06/2012,,approved,,08/06/2012,VB-12/2012\n\
             A2,QT-01,04/06/2012,08/06/2012,08/06/2012,,approved,,08/06/2012,\n"
        ),
        ["DOS003 records/so.csv:2", "DOS001 records/so.csv:3"]
    );
}
