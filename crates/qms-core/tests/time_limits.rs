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
    // 45 working days allow much later: 18/06 is an earlier promise, and
    // the computed date is in July
    let working = "time_limit_days = 45\ntime_limit_unit = \"working-days\"";
    assert!(
        check(
            working,
            "A1,QT-01,03/05/2012,18/06/2012,18/06/2012,,approved\n"
        )
        .is_empty()
    );
    assert_eq!(
        check(
            working,
            "A1,QT-01,03/05/2012,10/07/2012,10/07/2012,,approved\n"
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

/// A same-day certification: five steps in minutes, 40 in all.
const STEPS_IN_MINUTES: &str = "
| Bước | Nội dung | Trách nhiệm | Thời gian |
|---|---|---|---|
| 1 | Tiếp nhận, kiểm tra giấy tờ | Bộ phận một cửa | 05 phút |
| 2 | Đối chiếu bản sao với bản chính | Công chức Tư pháp | 15 phút |
| 3 | Ghi sổ chứng thực | Công chức Tư pháp | 05 phút |
| 4 | Ký chứng thực, đóng dấu | Chủ tịch UBND | 10 phút |
| 5 | Trả kết quả | Bộ phận một cửa | 05 phút, trước 16 giờ 30 |
";

fn check_with(qms_extra: &str, limit: &str, body: &str, head: &str, rows: &str) -> Vec<String> {
    let qms = QMS_TOML.replace(
        "[checks]",
        &format!("[calendar]\ncountry = \"VN\"\n{qms_extra}[checks]"),
    );
    let csv = format!("{head}\n{rows}");
    let dir = tree(&[
        ("qms.toml", &qms),
        ("documents/QT-01.md", &format!("{}{body}", procedure(limit))),
        ("records.toml", RECORDS),
        ("records/so.csv", &csv),
    ]);
    findings(dir.path())
}

const HEAD: &str = "code,procedure,received,due,resolved,returned,outcome";

#[test]
fn a_same_day_procedure_with_steps_in_minutes() {
    let limit = "time_limit_days = 0";
    // Monday 04/06/2012: due and resolved the same day
    assert!(
        check_with(
            "",
            limit,
            STEPS_IN_MINUTES,
            HEAD,
            "A1,QT-01,04/06/2012,04/06/2012,04/06/2012,,approved\n"
        )
        .is_empty()
    );
    // the same row due one working day later than the rules allow
    assert_eq!(
        check_with(
            "",
            limit,
            STEPS_IN_MINUTES,
            HEAD,
            "A1,QT-01,04/06/2012,04/06/2012,04/06/2012,,approved\n\
             A2,QT-01,04/06/2012,05/06/2012,05/06/2012,,approved\n"
        ),
        ["DOS003 records/so.csv:3"]
    );
}

#[test]
fn same_day_steps_must_fit_one_working_day_of_working_hours() {
    let long = "
| Bước | Thời gian |
|---|---|
| 1 | 4 giờ |
| 2 | 3 giờ |
| 3 | 90 phút |
";
    let row = "A1,QT-01,04/06/2012,04/06/2012,04/06/2012,,approved\n";
    // 8 hours 30 minutes in an 8-hour day, at the table
    assert_eq!(
        check_with("", "time_limit_days = 0", long, HEAD, row),
        ["DOC010 documents/QT-01.md:16"]
    );
    // a 9-hour working day holds them
    assert!(
        check_with(
            "working_hours = 9\n",
            "time_limit_days = 0",
            long,
            HEAD,
            row
        )
        .is_empty()
    );
    // a working day of 30 hours is not one: a finding, and 8 hours meanwhile
    assert_eq!(
        check_with(
            "working_hours = 30\n",
            "time_limit_days = 0",
            long,
            HEAD,
            row
        ),
        ["DOC010 documents/QT-01.md:16", "LOAD002 qms.toml:7"]
    );
}

#[test]
fn an_afternoon_receipt_after_the_cutoff_is_due_the_next_working_day() {
    let limit = "time_limit_days = 0\ncutoff = \"15:00\"";
    // Monday 04/06/2012 at 15:40: counts as received Tuesday 05/06
    let accepted = [
        (
            HEAD,
            "A1,QT-01,04/06/2012 15:40,05/06/2012,05/06/2012,,approved\n",
        ),
        (
            "code,procedure,received,received_time,due,resolved,returned,outcome",
            "A1,QT-01,04/06/2012,15:40,05/06/2012,05/06/2012,,approved\n",
        ),
        // 15:00 itself is in time: the same day
        (
            HEAD,
            "A1,QT-01,04/06/2012 15:00,04/06/2012,04/06/2012,,approved\n",
        ),
        // Friday 08/06 after the cut-off: Monday 11/06
        (
            HEAD,
            "A1,QT-01,08/06/2012 16:10,11/06/2012,11/06/2012,,approved\n",
        ),
    ];
    for (head, row) in accepted {
        assert!(
            check_with("", limit, STEPS_IN_MINUTES, head, row).is_empty(),
            "{row}"
        );
    }
    // the same rows one working day later than the rules allow
    assert_eq!(
        check_with(
            "",
            limit,
            STEPS_IN_MINUTES,
            HEAD,
            "A1,QT-01,04/06/2012 15:40,06/06/2012,06/06/2012,,approved\n\
             A2,QT-01,04/06/2012 15:00,05/06/2012,05/06/2012,,approved\n\
             A3,QT-01,08/06/2012 16:10,12/06/2012,12/06/2012,,approved\n\
             A4,QT-01,04/06/2012 14:59,05/06/2012,05/06/2012,,approved\n"
        ),
        [
            "DOS003 records/so.csv:2",
            "DOS003 records/so.csv:3",
            "DOS003 records/so.csv:4",
            "DOS003 records/so.csv:5"
        ]
    );
    // without a cut-off the time changes nothing
    assert_eq!(
        check_with(
            "",
            "time_limit_days = 0",
            "",
            HEAD,
            "A1,QT-01,04/06/2012 15:40,05/06/2012,05/06/2012,,approved\n"
        ),
        ["DOS003 records/so.csv:2"]
    );
}

#[test]
fn the_qms_wide_cutoff_applies_where_a_procedure_sets_none() {
    let row = "A1,QT-01,04/06/2012 15:40,05/06/2012,05/06/2012,,approved\n";
    assert!(check_with("cutoff = \"15:00\"\n", "time_limit_days = 0", "", HEAD, row).is_empty());
    // the procedure's own cut-off wins
    assert_eq!(
        check_with(
            "cutoff = \"15:00\"\n",
            "time_limit_days = 0\ncutoff = \"16:00\"",
            "",
            HEAD,
            row
        ),
        ["DOS003 records/so.csv:2"]
    );
    // a cut-off that is not a time of day is a located load error
    assert_eq!(
        check_with("", "time_limit_days = 0\ncutoff = \"3 pm\"", "", HEAD, row),
        // the procedure is not read, so its rows are not either
        ["LOAD002 documents/QT-01.md:14", "DOS001 records/so.csv:2"]
    );
}

#[test]
fn a_received_time_that_is_not_a_time_is_a_located_finding() {
    let head = "code,procedure,received,received_time,due,resolved,returned,outcome";
    assert_eq!(
        check_with(
            "",
            "time_limit_days = 0\ncutoff = \"15:00\"",
            "",
            head,
            "A1,QT-01,04/06/2012,3 pm,05/06/2012,05/06/2012,,approved\n\
             A2,QT-01,04/06/2012 3pm,,04/06/2012,04/06/2012,,approved\n"
        ),
        ["DOS001 records/so.csv:2", "DOS001 records/so.csv:3"]
    );
}

#[test]
fn a_promise_longer_than_the_legal_limit_is_a_finding_at_its_value() {
    let rows = "A1,QT-01,04/06/2012,,04/06/2012,,approved\n";
    let legal = "legal_basis = \"Nghị định 158/2005/NĐ-CP, Điều 18\"\nlegal_limit_days = 5";
    // within the law: 5 days, and 10 for verification where the law says so
    let within = format!(
        "time_limit_days = 5\n{legal}\n[[time_limit_case]]\ncase = \"verification\"\ndays = 10\nlegal_limit_days = 10"
    );
    assert!(check_with("", &within, "", HEAD, rows).is_empty());
    // 7 days promised, and a case of 6 days under the procedure's limit of 5
    let beyond = format!(
        "time_limit_days = 7\n{legal}\n[[time_limit_case]]\ncase = \"verification\"\ndays = 6"
    );
    assert_eq!(
        check_with("", &beyond, "", HEAD, rows),
        [
            "DOC012 documents/QT-01.md:13",
            "DOC012 documents/QT-01.md:18"
        ]
    );
    let qms = QMS_TOML.replace("[checks]", "[calendar]\ncountry = \"VN\"\n[checks]");
    let dir = tree(&[
        ("qms.toml", &qms),
        ("documents/QT-01.md", &procedure(&beyond)),
        ("records.toml", RECORDS),
        ("records/so.csv", &format!("{HEAD}\n{rows}")),
    ]);
    let loaded = qms_core::load(dir.path()).expect("loads");
    let r = qms_core::check(&loaded, &qms_core::CheckOptions::new(as_of()));
    let messages: Vec<&str> = r.findings.iter().map(|f| f.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "`QT-01` promises 7 days, more than the legal limit of 5 (Nghị định 158/2005/NĐ-CP, Điều 18)",
            "`QT-01` promises 6 days in case `verification`, more than the legal limit of 5 (Nghị định 158/2005/NĐ-CP, Điều 18)"
        ]
    );
}

#[test]
fn a_workbook_date_and_time_of_receipt_meets_the_cutoff() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    // Monday 04/06/2012 at 15:40 and at 09:10, same-day with a 15:00 cut-off
    let book = |due_afternoon: u8| {
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        let stamp = Format::new().set_num_format("dd/mm/yyyy hh:mm");
        let day = Format::new().set_num_format("dd/mm/yyyy");
        for (c, h) in [
            "code",
            "procedure",
            "received",
            "due",
            "resolved",
            "returned",
            "outcome",
        ]
        .iter()
        .enumerate()
        {
            sheet.write_string(0, c as u16, *h).expect("header");
        }
        for (r, (code, (hour, minute), due)) in
            [("A1", (15, 40), due_afternoon), ("A2", (9, 10), 4)]
                .into_iter()
                .enumerate()
        {
            let r = r as u32 + 1;
            let received = ExcelDateTime::from_ymd(2012, 6, 4)
                .and_then(|d| d.and_hms(hour, minute, 0))
                .expect("date and time");
            let due = ExcelDateTime::from_ymd(2012, 6, due).expect("date");
            sheet.write_string(r, 0, code).expect("code");
            sheet.write_string(r, 1, "QT-01").expect("procedure");
            sheet
                .write_datetime_with_format(r, 2, &received, &stamp)
                .expect("received");
            sheet
                .write_datetime_with_format(r, 3, &due, &day)
                .expect("due");
            sheet
                .write_datetime_with_format(r, 4, &due, &day)
                .expect("resolved");
            sheet.write_string(r, 6, "approved").expect("outcome");
        }
        book.save_to_buffer().expect("xlsx")
    };
    let qms = QMS_TOML.replace("[checks]", "[calendar]\ncountry = \"VN\"\n[checks]");
    let records = RECORDS.replace("records/so.csv", "records/so.xlsx");
    let findings_of = |xlsx: Vec<u8>| {
        let dir = tree(&[
            ("qms.toml", &qms),
            (
                "documents/QT-01.md",
                &procedure("time_limit_days = 0\ncutoff = \"15:00\""),
            ),
            ("records.toml", &records),
        ]);
        write(dir.path(), "records/so.xlsx", &xlsx);
        findings(dir.path())
    };
    // 15:40 is after the cut-off: due Tuesday 05/06; 09:10 the same day
    assert!(findings_of(book(5)).is_empty());
    // due one day later than that: a finding at the row
    assert_eq!(findings_of(book(6)), ["DOS003 records/so.xlsx:2"]);
}
