//! Issue 13, part 1 and 2: hostile inputs, each built here, get a clear
//! located finding or error (never a panic, a hang, a wrap or unbounded
//! memory), and the due-date semantics every date check follows.

mod common;

use common::*;
use qms_core::registers::calendar::{DaysError, MAX_DAYS_ADDED};
use qms_core::source::{DirSource, MemorySource, Source, SourceError};
use qms_core::{CheckOptions, Date, Measure, Target, WorkingCalendar};

fn d(y: i32, m: u32, day: u32) -> Date {
    Date::from_ymd(y, m, day).expect("a date")
}

fn procedure(limit: &str) -> String {
    format!(
        "+++\nid = \"QT-01\"\ntitle = \"Khai sinh\"\nkind = \"instruction\"\nrevision = 1\nissued = 2011-01-03\nstatus = \"current\"\nowner = \"A\"\napproved_by = \"B\"\napproved_on = 2011-01-03\nnext_review = 2040-12-31\nfield = \"Hộ tịch\"\n{limit}\n+++\n"
    )
}

fn records(date_format: &str) -> String {
    format!(
        "[[record]]\nid = \"HS-22\"\ntitle = \"Sổ\"\nowner = \"Một cửa\"\nretention = \"5 năm\"\ndisposition = \"Hủy\"\n[record.register]\npath = \"records/so.csv\"\nkind = \"dossiers\"\ndate_format = \"{date_format}\"\n"
    )
}

/// The findings of a dossier register `rows` (after the header, with
/// `paused_days`) under a procedure of `limit`, on the VN calendar.
fn dossier_findings(limit: &str, date_format: &str, rows: &str) -> Vec<String> {
    let qms = QMS_TOML.replace("[checks]", "[calendar]\ncountry = \"VN\"\n[checks]");
    let csv = format!("code,procedure,received,due,resolved,returned,outcome,paused_days\n{rows}");
    described(&[
        ("qms.toml", &qms),
        ("documents/QT-01.md", &procedure(limit)),
        ("records.toml", &records(date_format)),
        ("records/so.csv", &csv),
    ])
}

#[test]
fn a_date_format_with_time_or_zone_fields_is_a_finding_not_a_panic() {
    for f in ["%H", "%Z", "%s", "%c", "%T", "%p", "%z", "%+", "%.3f"] {
        let got = dossier_findings("time_limit_days = 3", f, "A1,QT-01,x,,,,,\n");
        assert_eq!(
            got,
            [format!(
                "DOS001 records/so.csv:1 records.toml: `date_format` `{f}` holds a time, zone or timestamp field (such as %H, %Z, %s or %c) that a day does not have"
            )],
            "{f}"
        );
    }
    // a table register: at the format in records.toml
    let table = "[[record]]\nid = \"QR-1\"\ntitle = \"G\"\nowner = \"O\"\nretention = \"1 year\"\ndisposition = \"D\"\n[record.register]\npath = \"records/g.csv\"\nkind = \"table\"\ndate_format = \"%H:%M\"\n[record.register.columns]\ndue = \"date\"\n";
    let got = described(&[
        ("qms.toml", QMS_TOML),
        ("records.toml", table),
        ("records/g.csv", "id,due\n1,10:00\n"),
    ]);
    assert_eq!(
        got[0],
        "REC007 records.toml:10 `date_format` `%H:%M` holds a time, zone or timestamp field (such as %H, %Z, %s or %c) that a day does not have | write it like `%d/%m/%Y` or `%Y-%m-%d`; ISO dates are read meanwhile"
    );
}

#[test]
fn day_counts_near_u32_max_or_1e8_are_bounded_findings_never_a_wrap() {
    let rows = "A1,QT-01,20/01/2012,,,,,4294967295\nA2,QT-01,20/01/2012,,,,,100000000\nA3,QT-01,20/01/2012,,,,,1\n";
    let got = dossier_findings("time_limit_days = 3", "%d/%m/%Y", rows);
    assert_eq!(
        got,
        [
            "DOS001 records/so.csv:2 dossier A1: its due date cannot be computed: time limit 3 days plus 4294967295 paused days: 4294967298 working days is more than the calendar adds (at most 10000)",
            "DOS001 records/so.csv:3 dossier A2: its due date cannot be computed: time limit 3 days plus 100000000 paused days: 100000003 working days is more than the calendar adds (at most 10000)",
            // 3 + 1 working days from Friday 20/01/2012 over Tết: 02/02; open on 30/06
            "DOS002 records/so.csv:4 dossier A3 is past its due date 2012-02-02 with no apology | issue the apology and new appointment (Form 04) on or before the due date, and record `apology_on`",
            "DOS004 records/so.csv:4 dossier A3 is still in progress on 2012-06-30, 149 days after its due date 2012-02-02",
        ]
    );
    // a procedure's own limit past the bound, in calendar days too
    let got = dossier_findings(
        "time_limit_days = 4294967295\ntime_limit_unit = \"calendar-days\"",
        "%d/%m/%Y",
        "A1,QT-01,20/01/2012,,,,,\n",
    );
    assert_eq!(
        got,
        [
            "DOS001 records/so.csv:2 dossier A1: its due date cannot be computed: time limit 4294967295 days plus 0 paused days: 4294967295 working days is more than the calendar adds (at most 10000)"
        ]
    );
}

#[test]
fn the_calendar_never_walks_for_long_nor_wraps() {
    let vn = WorkingCalendar::country("VN").expect("VN");
    let start = d(2012, 1, 20);
    assert_eq!(
        vn.checked_add_working_days(start, u64::from(u32::MAX)),
        Err(DaysError::TooMany(u64::from(u32::MAX)))
    );
    assert_eq!(
        vn.checked_add_working_days(start, u64::from(MAX_DAYS_ADDED) + 1),
        Err(DaysError::TooMany(10_001))
    );
    // the bound itself is reached, outside the index too (about 2050)
    let far = vn
        .checked_add_working_days(start, u64::from(MAX_DAYS_ADDED))
        .expect("within the bound");
    assert_eq!(vn.working_days_between(start, far), MAX_DAYS_ADDED);
    assert!(far > d(2050, 1, 1) && far < d(2052, 1, 1), "{far}");
    // the unchecked form saturates: a due date never reached, not the receipt day
    assert!(vn.add_working_days(start, u32::MAX) > d(9999, 1, 1));
    // from the last days a calendar can count, an error, not a loop
    let end = Date::from_ymd(262_142, 12, 30).expect("near chrono's last date");
    assert_eq!(
        vn.checked_add_working_days(end, 10),
        Err(DaysError::OutOfRange)
    );
}

#[test]
fn weekends_are_configurable_and_checked() {
    let qms = QMS_TOML.replace(
        "[checks]",
        "[calendar]\nweekend = [\"fri\", \"Saturday\"]\n[checks]",
    );
    let dir = tree(&[("qms.toml", &qms)]);
    let loaded = qms_core::load(dir.path()).expect("loads");
    let (cal, findings) = WorkingCalendar::of(&loaded);
    assert!(findings.is_empty());
    // Thursday 2012-01-19 + 1: Friday and Saturday off, Sunday worked
    assert_eq!(cal.add_working_days(d(2012, 1, 19), 1), d(2012, 1, 22));
    assert!(cal.is_weekend(d(2012, 1, 20)) && !cal.is_weekend(d(2012, 1, 22)));

    let qms = QMS_TOML.replace(
        "[checks]",
        "[calendar]\nweekend = [\"sat\", \"sunday\", \"caturday\"]\n[checks]",
    );
    assert_eq!(
        described(&[("qms.toml", &qms)]),
        [
            "LOAD002 qms.toml:6 `caturday` is not a day of the week | name the weekend's days as mon, tue, wed, thu, fri, sat, sun"
        ]
    );
    let every = "[\"mon\", \"tue\", \"wed\", \"thu\", \"fri\", \"sat\", \"sun\"]";
    let qms = QMS_TOML.replace(
        "[checks]",
        &format!("[calendar]\nweekend = {every}\n[checks]"),
    );
    let got = described(&[("qms.toml", &qms)]);
    assert_eq!(got.len(), 1);
    assert_eq!(
        got,
        [
            "LOAD002 qms.toml:6 `weekend` names every day of the week: no day would be worked | list only the days off each week, e.g. weekend = [\"sat\", \"sun\"]"
        ]
    );
}

#[test]
fn dossiers_outside_the_calendars_data_are_a_warning_naming_the_year() {
    let rows = "A1,QT-01,02/01/2031,,03/01/2031,03/01/2031,granted,\nA2,QT-01,04/06/2012,,05/06/2012,05/06/2012,granted,\n";
    let qms = QMS_TOML.replace("[checks]", "[calendar]\ncountry = \"VN\"\n[checks]");
    let csv = format!("code,procedure,received,due,resolved,returned,outcome,paused_days\n{rows}");
    let dir = tree(&[
        ("qms.toml", &qms),
        ("documents/QT-01.md", &procedure("time_limit_days = 3")),
        ("records.toml", &records("%d/%m/%Y")),
        ("records/so.csv", &csv),
    ]);
    let loaded = qms_core::load(dir.path()).expect("loads");
    let report = qms_core::check(&loaded, &CheckOptions::new(d(2031, 6, 30)));
    let got: Vec<String> = report.findings.iter().map(in_full).collect();
    assert_eq!(
        got,
        [
            "DOS006 records/so.csv:- dossiers in 2031 fall outside the VN calendar's holiday data (2010-2030): their working days count weekends only"
        ]
    );
    assert_eq!(report.findings[0].level, qms_core::Level::Warning);
    let (cal, _) = WorkingCalendar::of(&loaded);
    let period = qms_core::Period::parse("2031").expect("a year");
    let (stats, _) = qms_core::stats(&loaded, &cal, &period, None);
    assert_eq!(stats.years_outside_calendar, [2031]);
    // inside the data: nothing
    assert!(
        findings_at(dir.path(), d(2012, 6, 30))
            .iter()
            .all(|f| !f.starts_with("DOS006"))
    );
}

#[test]
fn three_hundred_thousand_bad_rows_give_fifty_findings_and_a_count() {
    let mut csv = String::from("code,procedure,received,due,resolved,returned,outcome\n");
    for i in 0..300_000 {
        csv.push_str(&format!("D{i},QT-01,not a date,,,,\n"));
    }
    let qms = QMS_TOML.to_string();
    let source = MemorySource::new()
        .with_file("qms.toml", qms)
        .with_file("documents/QT-01.md", procedure("time_limit_days = 3"))
        .with_file("records.toml", records("%d/%m/%Y"))
        .with_file("records/so.csv", csv);
    let loaded = qms_core::load_from(source).expect("loads");
    let report = qms_core::check(&loaded, &CheckOptions::new(as_of()));
    let dos001: Vec<&qms_core::Finding> = report
        .findings
        .iter()
        .filter(|f| f.code == qms_core::Code::DOS001)
        .collect();
    assert_eq!(dos001.len(), 51);
    // the count (about the whole file) first, then rows 2 to 51
    assert_eq!(dos001[1].line, Some(2));
    assert_eq!(
        dos001[1].message,
        "`received` is `not a date`, expected a date like 15/03/2012 (a time of day may follow: 15/03/2012 15:40)"
    );
    assert_eq!(dos001[50].line, Some(51));
    assert_eq!(
        in_full(dos001[0]),
        "DOS001 records/so.csv:- 299950 more DOS001 findings not listed (300000 in all; the first 50 are)"
    );
    assert_eq!(report.summary.errors, 51);
}

#[test]
fn the_cap_counts_every_rule_and_file_apart() {
    // 60 overdue actions, each its own file: one finding a file, none dropped
    let mut files: Vec<(String, String)> = vec![("qms.toml".into(), QMS_TOML.into())];
    for i in 0..60 {
        files.push((
            format!("actions/CA-{i:02}.toml"),
            format!("id = \"CA-{i:02}\"\nkind = \"improvement\"\ndescription = \"x\"\nowner = \"A\"\ndue = 2012-01-01\nstatus = \"planned\"\n"),
        ));
    }
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let got = findings_with(&refs[1..]);
    assert_eq!(got.iter().filter(|f| f.starts_with("CA001")).count(), 60);
}

#[cfg(unix)]
#[test]
fn a_fifo_or_a_device_named_as_a_file_is_refused_never_waited_on() {
    let qms = QMS_TOML.replace(
        "statement = \"Một cửa\"",
        "statement = \"Một cửa\"\nprofile = \"p.toml\"",
    );
    let dir = tree(&[("qms.toml", &qms)]);
    let fifo = dir.path().join("p.toml");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    // the loader: a clear finding at `profile`, no wait for a writer
    let loaded = qms_core::load(dir.path()).expect("loads");
    let report = qms_core::check(&loaded, &CheckOptions::new(as_of()));
    let got: Vec<String> = report.findings.iter().map(in_full).collect();
    assert_eq!(
        got,
        [
            "LOAD001 qms.toml:5 `p.toml` is a FIFO (named pipe), not a regular file; it is not read",
            "LOAD002 qms.toml:5 unknown profile `p.toml`: not built in, and no such file",
        ]
    );
    // the source itself, asked for the FIFO by name (as after a race)
    let source = DirSource::open(dir.path()).expect("opens");
    match source.read("p.toml") {
        Err(SourceError::NotRegular { kind, .. }) => assert_eq!(kind, "a FIFO (named pipe)"),
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        source.open("p.toml"),
        Err(SourceError::NotRegular { .. })
    ));
    // a FIFO where a document should be, and a link to a device inside
    std::fs::create_dir_all(dir.path().join("documents")).expect("mkdir");
    let made = std::process::Command::new("mkfifo")
        .arg(dir.path().join("documents/QT-09.md"))
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let loaded = qms_core::load(dir.path()).expect("loads");
    let got: Vec<String> = loaded.load_findings().iter().map(in_full).collect();
    assert!(
        got.contains(&"LOAD001 -:- `documents/QT-09.md` is a FIFO (named pipe), not a regular file; it is not read".to_string()),
        "{got:?}"
    );
}

#[test]
fn a_file_over_the_size_limit_is_refused_without_being_read() {
    let dir = tree(&[("qms.toml", QMS_TOML)]);
    std::fs::create_dir_all(dir.path().join("documents")).expect("mkdir");
    // sparse: 65 MiB that take no disk
    let f = std::fs::File::create(dir.path().join("documents/QT-02.md")).expect("create");
    f.set_len(qms_core::source::MAX_FILE_BYTES + 1024 * 1024)
        .expect("set_len");
    let got = findings_in_full(dir.path());
    assert_eq!(
        got,
        [
            "LOAD001 documents/QT-02.md:- `documents/QT-02.md` is larger than 67108864 bytes, the most qms reads of one file"
        ]
    );
}

/// A QMS checked at `at` with `files` besides qms.toml (whose `[checks]`
/// turns on `rule`).
fn at(rule: &str, files: &[(&str, &str)], at: Date) -> Vec<String> {
    let qms = QMS_TOML.replace(&format!("{rule} = \"off\"\n"), "");
    let mut all = vec![("qms.toml", qms.as_str())];
    all.extend_from_slice(files);
    let dir = tree(&all);
    findings_at(dir.path(), at)
        .into_iter()
        .filter(|f| f.starts_with(rule))
        .collect()
}

#[test]
fn due_on_the_anniversary_late_the_day_after_in_every_rule() {
    // MR001: a review on 2012-06-25, every 12 months
    let review = "id = \"MR-01\"\ndate = 2012-06-25\nchair = \"A\"\n";
    let mr = |day| at("MR001", &[("reviews/MR-01.toml", review)], day);
    assert!(mr(d(2013, 6, 25)).is_empty());
    assert_eq!(mr(d(2013, 6, 26)), ["MR001 qms.toml:-"]);
    // AUD001: an internal audit that ended on 2012-06-25, 12-month cycle
    let audit = "id = \"A-01\"\nkind = \"internal\"\nstart = 2012-06-25\nend = 2012-06-25\nscope = [\"QT-01\"]\n";
    let aud = |day| {
        at(
            "AUD001",
            &[
                ("documents/QT-01-kiem-soat.md", GOOD_PROCEDURE),
                ("audits/A-01.toml", audit),
            ],
            day,
        )
    };
    assert!(aud(d(2013, 6, 25)).is_empty());
    assert_eq!(
        aud(d(2013, 6, 26)),
        ["AUD001 documents/QT-01-kiem-soat.md:2"]
    );
    // DOC004: next_review = 2012-12-31
    let doc = |day| {
        at(
            "DOC004",
            &[("documents/QT-01-kiem-soat.md", GOOD_PROCEDURE)],
            day,
        )
    };
    assert!(doc(d(2012, 12, 31)).is_empty());
    assert_eq!(
        doc(d(2013, 1, 1)),
        ["DOC004 documents/QT-01-kiem-soat.md:11"]
    );
    // CA001: due 2012-06-25
    let action = "id = \"CA-01\"\nkind = \"improvement\"\ndescription = \"x\"\nowner = \"A\"\ndue = 2012-06-25\nstatus = \"planned\"\n";
    let ca = |day| at("CA001", &[("actions/CA-01.toml", action)], day);
    assert!(ca(d(2012, 6, 25)).is_empty());
    assert_eq!(ca(d(2012, 6, 26)), ["CA001 actions/CA-01.toml:5"]);
    // DOS004: Monday 04/06/2012 + 3 working days: due Thursday 07/06
    let rows = "A1,QT-01,04/06/2012,,,,,\n";
    let dos = |day: Date| {
        let qms = QMS_TOML.replace("[checks]", "[calendar]\ncountry = \"VN\"\n[checks]");
        let csv =
            format!("code,procedure,received,due,resolved,returned,outcome,paused_days\n{rows}");
        let dir = tree(&[
            ("qms.toml", &qms),
            ("documents/QT-01.md", &procedure("time_limit_days = 3")),
            ("records.toml", &records("%d/%m/%Y")),
            ("records/so.csv", &csv),
        ]);
        findings_at(dir.path(), day)
    };
    assert!(dos(d(2012, 6, 7)).is_empty());
    assert_eq!(
        dos(d(2012, 6, 8)),
        ["DOS002 records/so.csv:2", "DOS004 records/so.csv:2"]
    );
}

#[test]
fn a_rate_just_under_the_target_never_prints_as_the_target() {
    let t = Target::parse(">= 100%").expect("a target");
    assert!(!t.met_by(Measure::Rate(0.99995)));
    assert_eq!(t.shown(Measure::Rate(0.99995)), "99.995%");
    assert_eq!(t.shown(Measure::Rate(0.9999999)), "99.99999%");
    assert_eq!(t.shown(Measure::Rate(1.0)), "100%");
    assert_eq!(t.shown(Measure::Rate(0.9983)), "99.83%");
    // an upper bound: 5.001% is not "5%" beside "not met"
    let t = Target::parse("<= 5%").expect("a target");
    assert_eq!(t.shown(Measure::Rate(0.05001)), "5.001%");
    let t = Target::parse("< 2").expect("a target");
    assert_eq!(t.shown(Measure::Number(1.999)), "1.999");
}

#[test]
fn a_file_that_did_not_load_makes_what_depends_on_it_not_measurable() {
    let qms = format!(
        "{}\n[[objective]]\nid = \"MT-02\"\ntitle = \"No open major\"\nmetric = \"nonconformities.open_major\"\ntarget = \"= 0\"\n",
        QMS_TOML.replace("[checks]\nCLS001 = \"off\"\nAUD001 = \"off\"\nMR001 = \"off\"\n", "")
    )
    .replace("[scope]", "[checks]\nCLS001 = \"off\"\nAUD001 = \"off\"\nMR001 = \"off\"\n[scope]");
    let broken_major = "id = \"NC-01\"\ntitle = \"x\"\ngrade = \"major\"\nraised = 2012-05-01\nstatus = \"open\"\nunknown_key = 1\n";
    let action = "id = \"CA-01\"\nkind = \"corrective\"\nnonconformities = [\"NC-01\"]\ndescription = \"x\"\nowner = \"A\"\ndue = 2012-12-01\nstatus = \"planned\"\n";
    let dir = tree(&[
        ("qms.toml", &qms),
        ("nonconformities/NC-01-late.toml", broken_major),
        ("actions/CA-01.toml", action),
    ]);
    let loaded = qms_core::load(dir.path()).expect("loads");
    assert_eq!(loaded.failed_files(), ["nonconformities/NC-01-late.toml"]);
    let report = qms_core::check(&loaded, &CheckOptions::new(as_of()));
    let o = &report.objectives[0];
    assert_eq!((o.value, o.met), (None, None));
    assert_eq!(
        o.not_measurable.as_deref(),
        Some(
            "`nonconformities/NC-01-late.toml` did not load, so the nonconformities cannot all be counted"
        )
    );
    let got: Vec<String> = report.findings.iter().map(in_full).collect();
    assert!(
        got.contains(&"OBJ004 qms.toml:13 objective `MT-02`: `nonconformities.open_major` is not measurable on 2012-06-30: `nonconformities/NC-01-late.toml` did not load, so the nonconformities cannot all be counted".to_string()),
        "{got:#?}"
    );
    assert!(
        got.contains(&"DOC003 actions/CA-01.toml:3 nonconformity `NC-01` cannot be checked: `nonconformities/NC-01-late.toml` did not load".to_string()),
        "{got:#?}"
    );
    assert!(!got.iter().any(|f| f.contains("check the spelling")));
}
