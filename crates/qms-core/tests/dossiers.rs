//! The dossier register: the sample's H1 2012 table, the invariants, the DOS
//! rules, and the freshness of the generated sample register.

mod common;

#[path = "../examples/sample_dossiers.rs"]
mod sample_dossiers;

use std::path::Path;

use common::*;
use qms_core::registers::calendar::WorkingCalendar;
use qms_core::{Breakdown, Period, stats as compute};

fn sample() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../procedures")
}

#[test]
fn the_sample_register_is_what_its_generator_writes() {
    let committed = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../..")
            .join(sample_dossiers::OUTPUT),
    )
    .expect("committed register");
    assert!(
        committed == sample_dossiers::generate(&sample()),
        "run `cargo run -p qms-core --example sample_dossiers` and commit the register"
    );
}

#[test]
fn sample_first_half_of_2012_reproduces_the_article() {
    let qms = qms_core::load(&sample()).expect("loads");
    let (cal, _) = WorkingCalendar::of(&qms);
    let (r, problems) = compute(&qms, &cal, &Period::parse("2012-H1").expect("period"), None);
    assert!(problems.is_empty());
    let t = &r.total;
    assert_eq!((t.carried_over, t.received_new, t.total), (0, 6047, 6047));
    assert_eq!(
        (t.resolved, t.late, t.in_progress, t.not_yet_due, t.overdue),
        (6035, 0, 12, 12, 0)
    );
    assert_eq!(t.early + t.on_time, 6035);
    assert_eq!(t.on_time_rate, Some(1.0));
}

#[test]
fn invariants_hold_for_every_breakdown_and_period() {
    let qms = qms_core::load(&sample()).expect("loads");
    let (cal, _) = WorkingCalendar::of(&qms);
    for period in [
        "2012",
        "2012-H1",
        "2012-Q1",
        "2012-Q2",
        "2012-02",
        "2012-06",
        "2012-01-15..2012-03-14",
    ] {
        let period = Period::parse(period).expect("period");
        for by in [
            None,
            Some(Breakdown::Field),
            Some(Breakdown::Procedure),
            Some(Breakdown::Month),
        ] {
            let (r, _) = compute(&qms, &cal, &period, by);
            for s in std::iter::once(&r.total).chain(r.rows.iter().map(|row| &row.stats)) {
                assert_eq!(s.total, s.carried_over + s.received_new);
                assert_eq!(s.total, s.resolved + s.in_progress);
                assert_eq!(s.resolved, s.early + s.on_time + s.late);
                assert_eq!(s.in_progress, s.not_yet_due + s.overdue);
                assert_eq!(s.received_new, s.received_by_channel.values().sum::<u64>());
            }
            if matches!(by, Some(Breakdown::Field) | Some(Breakdown::Procedure)) {
                let sum: u64 = r.rows.iter().map(|row| row.stats.total).sum();
                assert_eq!(sum, r.total.total, "{by:?} partitions the dossiers");
            }
        }
    }
    // month by month, what is in progress at a month's end is carried into the next
    let (r, _) = compute(
        &qms,
        &cal,
        &Period::parse("2012-H1").expect("period"),
        Some(Breakdown::Month),
    );
    for pair in r.rows.windows(2) {
        assert_eq!(
            pair[0].stats.in_progress, pair[1].stats.carried_over,
            "{} -> {}",
            pair[0].key, pair[1].key
        );
    }
}

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

const HEAD: &str = "code,procedure,received,due,resolved,returned,outcome,apology_on\n";

fn register(rows: &str) -> Vec<String> {
    let qms = QMS_TOML.replace("[checks]", "[calendar]\ncountry = \"VN\"\n[checks]");
    let csv = format!("{HEAD}{rows}");
    let dir = tree(&[
        ("qms.toml", &qms),
        ("documents/QT-HT-01.md", PROC),
        ("records.toml", RECORDS),
        ("records/so.csv", &csv),
    ]);
    findings(dir.path())
}

#[test]
fn clean_register() {
    // received Friday 20/01/2012, 3 working days: Tết, then 30, 31/01, 01/02
    assert!(
        register("A1,QT-HT-01,20/01/2012,01/02/2012,01/02/2012,01/02/2012,approved,\n").is_empty()
    );
    // an empty due is computed
    assert!(register("A1,QT-HT-01,20/01/2012,,31/01/2012,31/01/2012,approved,\n").is_empty());
}

#[test]
fn dos001_bad_rows_are_located_and_the_rest_counted() {
    let got = register(
        "A1,QT-HT-01,20/01/2012,01/02/2012,01/02/2012,,approved,\n\
         A2,QT-XX-09,20/01/2012,,01/02/2012,,approved,\n\
         A3,QT-HT-01,2012-01-20,,01/02/2012,,approved,\n\
         A4,QT-HT-01,20/01/2012,,19/01/2012,,approved,\n\
         A5,QT-HT-01,20/01/2012,19/01/2012,,,approved,\n\
         A6,QT-HT-01,20/01/2012,01/02/2012\n",
    );
    assert_eq!(
        got,
        [
            "DOS001 records/so.csv:3",
            "DOS001 records/so.csv:4",
            "DOS001 records/so.csv:5",
            "DOS001 records/so.csv:6",
            "REC003 records/so.csv:7",
        ]
    );
}

#[test]
fn dos002_late_without_apology_at_its_line() {
    let got = register(
        "A1,QT-HT-01,20/01/2012,01/02/2012,01/02/2012,,approved,\n\
         A2,QT-HT-01,20/01/2012,01/02/2012,03/02/2012,,approved,\n\
         A3,QT-HT-01,20/01/2012,01/02/2012,03/02/2012,,approved,01/02/2012\n\
         A4,QT-HT-01,20/01/2012,01/02/2012,03/02/2012,,approved,02/02/2012\n",
    );
    assert_eq!(got, ["DOS002 records/so.csv:3", "DOS002 records/so.csv:5"]);
}

#[test]
fn dos003_only_a_due_date_later_than_the_calendar_allows() {
    // 27/01 was a day off (swapped): 3 working days after 20/01 is 01/02;
    // promising 27/01 is earlier than the rules allow, not a finding
    assert!(register("A1,QT-HT-01,20/01/2012,27/01/2012,27/01/2012,,approved,\n").is_empty());
    // one working day later than the rules allow is
    let got = register("A1,QT-HT-01,20/01/2012,02/02/2012,02/02/2012,,approved,\n");
    assert_eq!(got, ["DOS003 records/so.csv:2"]);
}

#[test]
fn dos003_says_which_date_the_rules_allow() {
    let qms = QMS_TOML.replace("[checks]", "[calendar]\ncountry = \"VN\"\n[checks]");
    let csv = format!("{HEAD}A1,QT-HT-01,20/01/2012,02/02/2012,02/02/2012,,approved,\n");
    let dir = tree(&[
        ("qms.toml", &qms),
        ("documents/QT-HT-01.md", PROC),
        ("records.toml", RECORDS),
        ("records/so.csv", &csv),
    ]);
    let loaded = qms_core::load(dir.path()).expect("loads");
    let r = qms_core::check(&loaded, &qms_core::CheckOptions::new(as_of()));
    assert_eq!(
        r.findings[0].message,
        "dossier A1: the register's due date 2012-02-02 is later than the rules allow (2012-02-01)"
    );
}

#[test]
fn dos004_overdue_still_in_progress() {
    let got = register("A1,QT-HT-01,01/06/2012,06/06/2012,,,,05/06/2012\n");
    assert_eq!(got, ["DOS004 records/so.csv:2"]);
    // not yet due on 30/06
    assert!(register("A1,QT-HT-01,29/06/2012,04/07/2012,,,,\n").is_empty());
}

#[test]
fn dossier_objectives_are_measured() {
    let qms = QMS_TOML.replace(
        "[checks]",
        "[calendar]\ncountry = \"VN\"\n[[objective]]\nid = \"MT-01\"\ntitle = \"Đúng hạn\"\nmetric = \"dossiers.on_time_rate\"\ntarget = \">= 100%\"\n[checks]",
    );
    let csv = format!(
        "{HEAD}A1,QT-HT-01,20/01/2012,01/02/2012,01/02/2012,,approved,\nA2,QT-HT-01,20/01/2012,01/02/2012,03/02/2012,,approved,01/02/2012\n"
    );
    let dir = tree(&[
        ("qms.toml", &qms),
        ("documents/QT-HT-01.md", PROC),
        ("records.toml", RECORDS),
        ("records/so.csv", &csv),
    ]);
    assert_eq!(findings(dir.path()), ["OBJ003 qms.toml:11"]);
    let loaded = qms_core::load(dir.path()).expect("loads");
    let r = qms_core::check(&loaded, &qms_core::CheckOptions::new(as_of()));
    assert!(
        r.findings[0]
            .message
            .ends_with("dossiers.on_time_rate is 50%, target >= 100%"),
        "{}",
        r.findings[0].message
    );
}

#[test]
fn paused_days_and_the_organisations_own_days_move_the_due_date() {
    // 3 working days after Thursday 07/06/2012 is Tuesday 12/06; two days
    // waiting for the applicant make it Thursday 14/06
    let head = "code,procedure,received,due,resolved,returned,outcome,paused_days\n";
    let dir = |qms: &str, rows: &str| {
        tree(&[
            ("qms.toml", qms),
            ("documents/QT-HT-01.md", PROC),
            ("records.toml", RECORDS),
            ("records/so.csv", &format!("{head}{rows}")),
        ])
    };
    let vn = QMS_TOML.replace("[checks]", "[calendar]\ncountry = \"VN\"\n[checks]");
    let d = dir(
        &vn,
        "A1,QT-HT-01,07/06/2012,14/06/2012,14/06/2012,,approved,2\n",
    );
    assert!(findings(d.path()).is_empty());
    // the date without the pause is an earlier promise: no finding
    let d = dir(
        &vn,
        "A1,QT-HT-01,07/06/2012,12/06/2012,12/06/2012,,approved,2\n",
    );
    assert!(findings(d.path()).is_empty());
    // one working day later than the pause allows is
    let d = dir(
        &vn,
        "A1,QT-HT-01,07/06/2012,15/06/2012,15/06/2012,,approved,2\n",
    );
    assert_eq!(findings(d.path()), ["DOS003 records/so.csv:2"]);
    // a local holiday on Monday 11/06 and Saturday 09/06 worked instead
    let local = QMS_TOML.replace(
        "[checks]",
        "[calendar]\ncountry = \"VN\"\nextra_holidays = [2012-06-11]\nextra_working_days = [2012-06-09]\n[checks]",
    );
    let d = dir(
        &local,
        "A1,QT-HT-01,07/06/2012,12/06/2012,12/06/2012,,approved,\n",
    );
    assert!(
        findings(d.path()).is_empty(),
        "08/06, 09/06 (worked), 12/06"
    );
    // without a country: weekends only, Tết is a working week
    let plain = QMS_TOML.to_string();
    let d = dir(
        &plain,
        "A1,QT-HT-01,20/01/2012,25/01/2012,25/01/2012,,approved,\n",
    );
    assert!(findings(d.path()).is_empty());
    // and 26/01 is a day later than that calendar allows (not the VN one)
    let row = "A1,QT-HT-01,20/01/2012,26/01/2012,26/01/2012,,approved,\n";
    assert_eq!(
        findings(dir(&plain, row).path()),
        ["DOS003 records/so.csv:2"]
    );
    assert!(findings(dir(&vn, row).path()).is_empty());
}
