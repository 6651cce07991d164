//! Typed table registers and workbooks: the gauge register of issue 12 (an
//! overdue gauge, a bad cell) as CSV and as .xlsx, and the Mỹ An dossier
//! book converted to .xlsx giving exactly the CSV's statistics.

mod common;

use std::path::Path;

use common::*;
use qms_core::registers::calendar::WorkingCalendar;
use qms_core::{CheckOptions, Code, Finding, Period, stats as compute};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

const RECORDS: &str = r#"[[record]]
id = "QR-11"
title = "Gauge register"
owner = "Jack Turner"
retention = "Life of the gauge + 6 years"
disposition = "Delete"

[record.register]
path = "records/calibration/gauge-register.csv"
kind = "table"
key = "gauge_id"
[record.register.columns]
calibration_due = "date"
interval_months = "integer"
status = ["In use", "Quarantined", "Retired"]
[[record.register.due]]
column = "calibration_due"
when = { status = ["In use"] }
what = "calibration"
"#;

/// Gauges at 2012-06-30: CAL-150-14 (line 3) is in use and 46 days past
/// its calibration; the retired and quarantined ones are exempt.
const GAUGES: &[[&str; 5]] = &[
    [
        "gauge_id",
        "description",
        "interval_months",
        "calibration_due",
        "status",
    ],
    [
        "CAL-150-12",
        "Caliper 0-150 mm",
        "12",
        "2012-11-01",
        "In use",
    ],
    [
        "CAL-150-14",
        "Caliper 0-150 mm",
        "6",
        "2012-05-15",
        "In use",
    ],
    [
        "CAL-150-15",
        "Caliper 0-150 mm",
        "6",
        "2011-12-01",
        "Retired",
    ],
    [
        "MIC-25-03",
        "Micrometer 0-25 mm",
        "12",
        "2012-01-10",
        "Quarantined",
    ],
];

fn csv_of(rows: &[[&str; 5]]) -> String {
    rows.iter().map(|r| r.join(",") + "\n").collect()
}

/// The gauges as a workbook: sheet `Gauges`, the dates as Excel dates,
/// the intervals as numbers (unless they are not).
fn xlsx_of(rows: &[[&str; 5]]) -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Gauges").expect("name");
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            let as_date = (r > 0 && c == 3)
                .then(|| cell.parse::<qms_core::Date>().ok())
                .flatten();
            match (as_date, cell.parse::<f64>()) {
                (Some(d), _) => {
                    let d =
                        ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)
                            .expect("date");
                    sheet.write_datetime_with_format(r, c, &d, &date)
                }
                (None, Ok(n)) if r > 0 => sheet.write_number(r, c, n),
                _ => sheet.write_string(r, c, *cell),
            }
            .expect("write");
        }
    }
    book.save_to_buffer().expect("xlsx")
}

/// A QMS with the gauge register at `path` holding `bytes`.
fn gauge_qms(path: &str, bytes: &[u8], sheet: Option<&str>) -> tempfile::TempDir {
    let mut records = RECORDS.replace("records/calibration/gauge-register.csv", path);
    if let Some(sheet) = sheet {
        records = records.replace(
            "kind = \"table\"\n",
            &format!("kind = \"table\"\nsheet = \"{sheet}\"\n"),
        );
    }
    let dir = tree(&[
        ("qms.toml", QMS_TOML),
        ("documents/QT-01-kiem-soat.md", GOOD_PROCEDURE),
        ("records.toml", &records),
    ]);
    write(dir.path(), path, bytes);
    dir
}

fn check(dir: &Path) -> qms_core::CheckReport {
    let qms = qms_core::load(dir).expect("loads");
    qms_core::check(&qms, &CheckOptions::new(as_of()))
}

fn described(f: &Finding) -> String {
    format!(
        "{} {}:{}:{}{} {}",
        f.code,
        f.file.as_deref().unwrap_or("-"),
        f.line.unwrap_or(0),
        f.column.unwrap_or(0),
        f.cell().map(|c| format!(" {c}")).unwrap_or_default(),
        f.message
    )
}

#[test]
fn an_overdue_gauge_fails_the_check_at_its_line() {
    let dir = gauge_qms(
        "records/calibration/gauge-register.csv",
        csv_of(GAUGES).as_bytes(),
        None,
    );
    let report = check(dir.path());
    assert!(!report.passed());
    let all: Vec<String> = report.findings.iter().map(described).collect();
    assert_eq!(
        all,
        [
            "REC006 records/calibration/gauge-register.csv:3:4 gauge CAL-150-14: calibration due 2012-05-15, 46 days overdue"
        ]
    );
    assert_eq!(report.findings[0].name, "register-row-overdue");
    assert_eq!(report.findings[0].sheet, None);
}

#[test]
fn the_same_register_as_a_workbook_names_the_sheet_and_cell() {
    let dir = gauge_qms(
        "records/calibration/gauge-register.xlsx",
        &xlsx_of(GAUGES),
        Some("Gauges"),
    );
    let report = check(dir.path());
    assert!(!report.passed());
    let all: Vec<String> = report.findings.iter().map(described).collect();
    assert_eq!(
        all,
        [
            "REC006 records/calibration/gauge-register.xlsx:3:4 Gauges!D3 gauge CAL-150-14: calibration due 2012-05-15, 46 days overdue"
        ]
    );
    assert_eq!(report.findings[0].sheet.as_deref(), Some("Gauges"));
}

#[test]
fn the_first_sheet_is_read_when_none_is_named() {
    let dir = gauge_qms(
        "records/calibration/gauge-register.xlsx",
        &xlsx_of(GAUGES),
        None,
    );
    let report = check(dir.path());
    assert_eq!(report.findings.len(), 1, "{:?}", report.findings);
    assert_eq!(report.findings[0].cell().as_deref(), Some("Gauges!D3"));
}

#[test]
fn a_gauge_in_date_passes() {
    let mut gauges = GAUGES.to_vec();
    gauges[2][3] = "2012-07-15";
    let dir = gauge_qms(
        "records/calibration/gauge-register.csv",
        csv_of(&gauges).as_bytes(),
        None,
    );
    let report = check(dir.path());
    assert!(report.passed(), "{:?}", report.findings);
    let dir = gauge_qms(
        "records/calibration/gauge-register.xlsx",
        &xlsx_of(&gauges),
        None,
    );
    assert!(check(dir.path()).passed());
}

#[test]
fn a_bad_cell_is_a_located_finding_in_each_kind_of_file() {
    let mut gauges = GAUGES.to_vec();
    gauges[1][2] = "six";
    gauges[4][4] = "Lost";
    gauges[1][3] = "1/11/2012";
    let dir = gauge_qms(
        "records/calibration/gauge-register.csv",
        csv_of(&gauges).as_bytes(),
        None,
    );
    let all: Vec<String> = check(dir.path()).findings.iter().map(described).collect();
    assert_eq!(
        all,
        [
            "REC005 records/calibration/gauge-register.csv:2:3 gauge CAL-150-12: `interval_months` is `six`, expected a whole number",
            "REC005 records/calibration/gauge-register.csv:2:4 gauge CAL-150-12: `calibration_due` is `1/11/2012`, expected a date like 2012-03-15",
            "REC006 records/calibration/gauge-register.csv:3:4 gauge CAL-150-14: calibration due 2012-05-15, 46 days overdue",
            "REC005 records/calibration/gauge-register.csv:5:5 gauge MIC-25-03: `status` is `Lost`, expected one of `In use`, `Quarantined`, `Retired`",
        ]
    );
    let dir = gauge_qms(
        "records/calibration/gauge-register.xlsx",
        &xlsx_of(&gauges),
        Some("Gauges"),
    );
    let report = check(dir.path());
    let all: Vec<String> = report.findings.iter().map(described).collect();
    assert_eq!(
        all,
        [
            "REC005 records/calibration/gauge-register.xlsx:2:3 Gauges!C2 gauge CAL-150-12: `interval_months` is `six`, expected a whole number",
            "REC005 records/calibration/gauge-register.xlsx:2:4 Gauges!D2 gauge CAL-150-12: `calibration_due` is `1/11/2012`, expected a date like 2012-03-15",
            "REC006 records/calibration/gauge-register.xlsx:3:4 Gauges!D3 gauge CAL-150-14: calibration due 2012-05-15, 46 days overdue",
            "REC005 records/calibration/gauge-register.xlsx:5:5 Gauges!E5 gauge MIC-25-03: `status` is `Lost`, expected one of `In use`, `Quarantined`, `Retired`",
        ]
    );
    assert_eq!(report.findings[0].name, "register-cell-invalid");
}

#[test]
fn dates_in_the_registers_date_format_read_too() {
    let mut gauges = GAUGES.to_vec();
    for g in gauges.iter_mut().skip(1) {
        let d: qms_core::Date = g[3].parse().expect("date");
        g[3] = Box::leak(format!("{:02}/{:02}/{}", d.day(), d.month(), d.year()).into_boxed_str());
    }
    let records = RECORDS.replace(
        "kind = \"table\"\n",
        "kind = \"table\"\ndate_format = \"%d/%m/%Y\"\n",
    );
    let dir = tree(&[
        ("qms.toml", QMS_TOML),
        ("documents/QT-01-kiem-soat.md", GOOD_PROCEDURE),
        ("records.toml", &records),
        ("records/calibration/gauge-register.csv", &csv_of(&gauges)),
    ]);
    let all: Vec<String> = check(dir.path()).findings.iter().map(described).collect();
    assert_eq!(
        all,
        [
            "REC006 records/calibration/gauge-register.csv:3:4 gauge CAL-150-14: calibration due 2012-05-15, 46 days overdue"
        ]
    );
    // In a workbook, text dates read in the format and date cells as dates.
    let book = gauge_qms(
        "records/calibration/gauge-register.xlsx",
        &xlsx_of(&gauges),
        None,
    );
    std::fs::write(
        book.path().join("records.toml"),
        records.replace(".csv", ".xlsx"),
    )
    .expect("write");
    let all: Vec<String> = check(book.path()).findings.iter().map(described).collect();
    assert_eq!(
        all,
        [
            "REC006 records/calibration/gauge-register.xlsx:3:4 Gauges!D3 gauge CAL-150-14: calibration due 2012-05-15, 46 days overdue"
        ]
    );
}

#[test]
fn unless_exempts_rows_and_noun_names_them() {
    let records = RECORDS
        .replace(
            "when = { status = [\"In use\"] }",
            "unless = { status = [\"Retired\", \"Quarantined\"] }",
        )
        .replace(
            "key = \"gauge_id\"\n",
            "key = \"gauge_id\"\nnoun = \"instrument\"\n",
        );
    let dir = tree(&[
        ("qms.toml", QMS_TOML),
        ("documents/QT-01-kiem-soat.md", GOOD_PROCEDURE),
        ("records.toml", &records),
        ("records/calibration/gauge-register.csv", &csv_of(GAUGES)),
    ]);
    let all: Vec<String> = check(dir.path())
        .findings
        .iter()
        .map(|f| f.message.clone())
        .collect();
    assert_eq!(
        all,
        ["instrument CAL-150-14: calibration due 2012-05-15, 46 days overdue"]
    );
}

#[test]
fn columns_the_register_does_not_have_are_findings_in_records_toml() {
    let records = RECORDS
        .replace("key = \"gauge_id\"", "key = \"gauge\"")
        .replace("interval_months = \"integer\"", "interval = \"integer\"")
        .replace(
            "when = { status = [\"In use\"] }",
            "when = { state = [\"In use\"] }",
        );
    let dir = tree(&[
        ("qms.toml", QMS_TOML),
        ("documents/QT-01-kiem-soat.md", GOOD_PROCEDURE),
        ("records.toml", &records),
        ("records/calibration/gauge-register.csv", &csv_of(GAUGES)),
    ]);
    let all: Vec<String> = check(dir.path()).findings.iter().map(described).collect();
    assert_eq!(
        all,
        [
            "REC007 records.toml:11:7 register of record type `QR-11` has no column `gauge` in the header",
            "REC007 records.toml:14:12 register of record type `QR-11` has no column `interval` in the header",
            "REC007 records.toml:18:18 register of record type `QR-11` has no column `state` in the header",
        ]
    );
}

#[test]
fn a_missing_sheet_is_an_unreadable_register() {
    let dir = gauge_qms(
        "records/calibration/gauge-register.xlsx",
        &xlsx_of(GAUGES),
        Some("Calipers"),
    );
    let all: Vec<String> = check(dir.path())
        .findings
        .iter()
        .map(|f| format!("{} {}", f.code, f.message))
        .collect();
    assert_eq!(
        all,
        [
            "REC003 register `records/calibration/gauge-register.xlsx` of record type `QR-11` cannot be read: the workbook has no sheet `Calipers` (its sheets: Gauges)"
        ]
    );
}

#[test]
fn the_report_lists_each_table_register() {
    let dir = gauge_qms(
        "records/calibration/gauge-register.xlsx",
        &xlsx_of(GAUGES),
        Some("Gauges"),
    );
    let qms = qms_core::load(dir.path()).expect("loads");
    let report = qms_core::report::ReportContext::build(&qms, as_of());
    let [register] = report.registers.as_slice() else {
        panic!("one table register: {:?}", report.registers);
    };
    assert_eq!(
        (
            register.record.as_str(),
            register.path.as_str(),
            register.sheet.as_deref()
        ),
        (
            "QR-11",
            "records/calibration/gauge-register.xlsx",
            Some("Gauges")
        )
    );
    assert_eq!(
        (
            register.rows,
            register.invalid_cells,
            register.noun.as_str()
        ),
        (4, 0, "gauge")
    );
    let overdue: Vec<(&str, String, i64)> = register
        .overdue
        .iter()
        .map(|o| (o.key.as_str(), o.due.to_string(), o.days))
        .collect();
    assert_eq!(overdue, [("CAL-150-14", "2012-05-15".to_string(), 46)]);
    let row = report
        .records
        .iter()
        .find(|r| r.id == "QR-11")
        .expect("record row");
    assert_eq!(row.count, 4);
    assert!(report.findings_have(Code::REC006));
}

trait HasCode {
    fn findings_have(&self, code: Code) -> bool;
}

impl HasCode for qms_core::report::ReportContext {
    fn findings_have(&self, code: Code) -> bool {
        self.errors.iter().any(|f| f.code == code)
    }
}

/// The Mỹ An dossier book converted to a workbook the way a one-stop
/// system exports it: received, resolved and returned as Excel dates, the
/// other dates as text in the register's `%d/%m/%Y`, paused days as
/// numbers.
fn dossier_book_as_xlsx(csv_path: &Path) -> Vec<u8> {
    let mut reader = csv::Reader::from_path(csv_path).expect("the sample register");
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_string)
        .collect();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Sổ theo dõi").expect("name");
    let date = Format::new().set_num_format("dd/mm/yyyy");
    for (c, name) in header.iter().enumerate() {
        sheet
            .write_string(0, c as u16, name.as_str())
            .expect("write");
    }
    for (r, record) in reader.records().enumerate() {
        let record = record.expect("row");
        let r = r as u32 + 1;
        for (c, cell) in record.iter().enumerate() {
            let c16 = c as u16;
            if cell.is_empty() {
                continue;
            }
            match header[c].as_str() {
                "received" | "resolved" | "returned" => {
                    let parts: Vec<u16> = cell
                        .split('/')
                        .map(|p| p.parse().expect("date part"))
                        .collect();
                    let d = ExcelDateTime::from_ymd(parts[2], parts[1] as u8, parts[0] as u8)
                        .expect("date");
                    sheet.write_datetime_with_format(r, c16, &d, &date)
                }
                "paused_days" => sheet.write_number(r, c16, cell.parse::<f64>().expect("days")),
                _ => sheet.write_string(r, c16, cell),
            }
            .expect("write");
        }
    }
    book.save_to_buffer().expect("xlsx")
}

/// Copies `from` to `to`, recursively.
fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk");
        let rel = entry.path().strip_prefix(from).expect("inside");
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

#[test]
fn the_dossier_book_as_a_workbook_gives_the_csvs_statistics() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../procedures");
    let csv_rel = "records/mot-cua/so-theo-doi-ho-so-2012.csv";
    let xlsx_rel = "records/mot-cua/so-theo-doi-ho-so-2012.xlsx";
    let dir = tempfile::tempdir().expect("temp dir");
    copy_tree(&sample, dir.path());
    std::fs::write(
        dir.path().join(xlsx_rel),
        dossier_book_as_xlsx(&sample.join(csv_rel)),
    )
    .expect("write");
    std::fs::remove_file(dir.path().join(csv_rel)).expect("remove the CSV");
    let records = std::fs::read_to_string(dir.path().join("records.toml")).expect("records.toml");
    assert!(records.contains(csv_rel));
    std::fs::write(
        dir.path().join("records.toml"),
        records.replace(csv_rel, xlsx_rel),
    )
    .expect("write");

    let period = Period::parse("2012-H1").expect("period");
    let stats_of = |root: &Path| {
        let qms = qms_core::load(root).expect("loads");
        let (cal, _) = WorkingCalendar::of(&qms);
        compute(&qms, &cal, &period, None)
    };
    let (from_csv, csv_problems) = stats_of(&sample);
    let (from_xlsx, xlsx_problems) = stats_of(dir.path());
    assert!(
        csv_problems.is_empty() && xlsx_problems.is_empty(),
        "{xlsx_problems:?}"
    );
    let t = &from_xlsx.total;
    assert_eq!(
        (t.received_new, t.resolved, t.not_yet_due, t.late),
        (6047, 6035, 12, 0)
    );
    assert_eq!(from_xlsx, from_csv, "the whole table, as from the CSV");
    for by in [
        qms_core::Breakdown::Month,
        qms_core::Breakdown::Field,
        qms_core::Breakdown::Procedure,
    ] {
        let qms = |root: &Path| qms_core::load(root).expect("loads");
        let (a, b) = (qms(&sample), qms(dir.path()));
        let (cal, _) = WorkingCalendar::of(&a);
        assert_eq!(
            compute(&a, &cal, &period, Some(by)).0,
            compute(&b, &cal, &period, Some(by)).0,
            "{by:?}"
        );
    }

    // The check is as clean as the sample's, and its figures the same.
    let report = check_at(dir.path());
    assert!(report.passed(), "{:?}", report.findings.first());
}

fn check_at(dir: &Path) -> qms_core::CheckReport {
    let qms = qms_core::load(dir).expect("loads");
    qms_core::check(&qms, &CheckOptions::new(as_of()))
}

#[test]
fn a_bad_dossier_in_a_workbook_names_its_cell() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../procedures");
    let dir = tempfile::tempdir().expect("temp dir");
    copy_tree(&sample, dir.path());
    let csv_rel = "records/mot-cua/so-theo-doi-ho-so-2012.csv";
    let text = std::fs::read_to_string(dir.path().join(csv_rel)).expect("csv");
    // Row 2 of the sheet: its receipt date is not a date.
    let broken = text.replacen(
        ",03/01/2012,04/01/2012,04/01/2012,05/01/2012,",
        ",03/01/2012,4 Jan,04/01/2012,05/01/2012,",
        1,
    );
    std::fs::write(dir.path().join(csv_rel), broken).expect("write");
    let xlsx_rel = "records/mot-cua/so.xlsx";
    std::fs::write(
        dir.path().join(xlsx_rel),
        dossier_book_as_xlsx(&dir.path().join(csv_rel)),
    )
    .expect("write");
    std::fs::remove_file(dir.path().join(csv_rel)).expect("remove");
    let records = std::fs::read_to_string(dir.path().join("records.toml")).expect("records.toml");
    std::fs::write(
        dir.path().join("records.toml"),
        records.replace(csv_rel, xlsx_rel),
    )
    .expect("write");
    let report = check_at(dir.path());
    let dos: Vec<String> = report
        .findings
        .iter()
        .filter(|f| f.code == Code::DOS001)
        .map(described)
        .collect();
    assert_eq!(
        dos,
        [
            "DOS001 records/mot-cua/so.xlsx:2:4 Sổ theo dõi!D2 `due` is `4 Jan`, expected a date like 15/03/2012"
        ]
    );
}

#[test]
fn a_description_that_does_not_fit_is_reported_where_it_is_written() {
    // A due column typed as something else; a sheet on a CSV file; table
    // keys on the dossier book.
    let records = RECORDS
        .replace("calibration_due = \"date\"", "calibration_due = \"text\"")
        .replace(
            "kind = \"table\"\n",
            "kind = \"table\"\nsheet = \"Gauges\"\n",
        )
        + "\n[[record]]\nid = \"HS-01\"\ntitle = \"Sổ\"\nowner = \"A\"\nretention = \"5 năm\"\ndisposition = \"Hủy\"\n[record.register]\npath = \"records/so.csv\"\nkind = \"dossiers\"\nkey = \"code\"\n";
    let dir = tree(&[
        ("qms.toml", QMS_TOML),
        ("documents/QT-01-kiem-soat.md", GOOD_PROCEDURE),
        ("records.toml", &records),
        ("records/calibration/gauge-register.csv", &csv_of(GAUGES)),
        (
            "records/so.csv",
            "code,procedure,received,due,resolved,returned,outcome\n",
        ),
    ]);
    let all: Vec<String> = check(dir.path())
        .findings
        .iter()
        .map(|f| {
            format!(
                "{} {}:{} {}",
                f.code,
                f.file.as_deref().unwrap_or("-"),
                f.line.unwrap_or(0),
                f.message
            )
        })
        .collect();
    assert_eq!(
        all,
        [
            "REC007 records.toml:11 `sheet` names a sheet of a workbook; `records/calibration/gauge-register.csv` is a CSV file",
            "REC007 records.toml:18 due date column `calibration_due` of record type `QR-11` is typed `text`, not `date`",
            "REC007 records.toml:31 `key` describes a table register; this one is the dossier book (`kind = \"dossiers\"`)",
        ]
    );
}

#[test]
fn past_fifty_bad_cells_a_register_gives_their_number() {
    let mut csv = csv_of(GAUGES[..1].try_into().expect("the header"));
    for i in 0..60 {
        csv.push_str(&format!("G-{i},Gauge,x,2013-01-01,In use\n"));
    }
    let dir = gauge_qms(
        "records/calibration/gauge-register.csv",
        csv.as_bytes(),
        None,
    );
    let report = check(dir.path());
    let cells: Vec<&Finding> = report
        .findings
        .iter()
        .filter(|f| f.code == Code::REC005)
        .collect();
    assert_eq!(cells.len(), 51);
    assert!(
        cells.iter().any(|f| f.message == "10 more cells in `records/calibration/gauge-register.csv` that do not fit their type not listed"),
        "{cells:?}"
    );
    let qms = qms_core::load(dir.path()).expect("loads");
    let context = qms_core::report::ReportContext::build(&qms, as_of());
    assert_eq!(context.registers[0].invalid_cells, 60);
    assert_eq!(context.registers[0].rows, 60);
}

/// The gauges as an OpenDocument spreadsheet (written by hand: a zip of a
/// mimetype, content.xml and the manifest), the dates as date cells, the intervals as
/// numbers.
fn ods_of(rows: &[[&str; 5]]) -> Vec<u8> {
    use std::io::Write;
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Gauges">"#,
    );
    for (r, row) in rows.iter().enumerate() {
        xml.push_str("<table:table-row>");
        for cell in row {
            let typed = if r == 0 {
                None
            } else if cell.parse::<qms_core::Date>().is_ok() {
                Some(format!(
                    r#"office:value-type="date" office:date-value="{cell}""#
                ))
            } else if cell.parse::<f64>().is_ok() {
                Some(format!(
                    r#"office:value-type="float" office:value="{cell}""#
                ))
            } else {
                None
            };
            let attrs = typed.unwrap_or_else(|| r#"office:value-type="string""#.to_string());
            xml.push_str(&format!(
                "<table:table-cell {attrs}><text:p>{cell}</text:p></table:table-cell>"
            ));
        }
        xml.push_str("</table:table-row>");
    }
    xml.push_str("</table:table></office:spreadsheet></office:body></office:document-content>");
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).expect("entry");
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .expect("write");
    zip.start_file("content.xml", stored).expect("entry");
    zip.write_all(xml.as_bytes()).expect("write");
    zip.start_file("META-INF/manifest.xml", stored)
        .expect("entry");
    zip.write_all(br#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#)
        .expect("write");
    zip.finish().expect("zip").into_inner()
}

#[test]
fn an_ods_spreadsheet_reads_like_the_others() {
    let mut gauges = GAUGES.to_vec();
    gauges[1][2] = "six";
    let dir = gauge_qms(
        "records/calibration/gauge-register.ods",
        &ods_of(&gauges),
        Some("Gauges"),
    );
    let all: Vec<String> = check(dir.path()).findings.iter().map(described).collect();
    assert_eq!(
        all,
        [
            "REC005 records/calibration/gauge-register.ods:2:3 Gauges!C2 gauge CAL-150-12: `interval_months` is `six`, expected a whole number",
            "REC006 records/calibration/gauge-register.ods:3:4 Gauges!D3 gauge CAL-150-14: calibration due 2012-05-15, 46 days overdue",
        ]
    );
}

#[test]
fn the_report_names_the_cell_of_a_finding_in_a_workbook() {
    let dir = gauge_qms(
        "records/calibration/gauge-register.xlsx",
        &xlsx_of(GAUGES),
        Some("Gauges"),
    );
    let qms = qms_core::load(dir.path()).expect("loads");
    let context = qms_core::report::ReportContext::build(&qms, as_of());
    let json = serde_json::to_value(&context.errors[0]).expect("JSON");
    assert_eq!(
        (&json["sheet"], &json["line"], &json["column"]),
        (
            &serde_json::json!("Gauges"),
            &serde_json::json!(3),
            &serde_json::json!(4)
        )
    );
}

/// The one-stop software's export headers of the Mỹ An book's columns.
const VIETNAMESE_HEADERS: [(&str, &str); 12] = [
    ("code", "Mã hồ sơ"),
    ("procedure", "Thủ tục"),
    ("received", "Ngày nhận"),
    ("due", "Ngày hẹn trả"),
    ("resolved", "Ngày giải quyết"),
    ("returned", "Ngày trả kết quả"),
    ("outcome", "Kết quả"),
    ("channel", "Hình thức nộp"),
    ("field", "Lĩnh vực"),
    ("paused_days", "Số ngày tạm dừng"),
    ("apology_on", "Ngày xin lỗi"),
    ("new_due", "Ngày hẹn lại"),
];

#[test]
fn the_dossier_book_with_vietnamese_headers_gives_the_same_statistics() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../procedures");
    let csv_rel = "records/mot-cua/so-theo-doi-ho-so-2012.csv";
    let dir = tempfile::tempdir().expect("temp dir");
    copy_tree(&sample, dir.path());
    let text = std::fs::read_to_string(dir.path().join(csv_rel)).expect("csv");
    let (header, body) = text.split_once('\n').expect("a header");
    let exported: Vec<&str> = header
        .trim_end()
        .split(',')
        .map(|c| {
            VIETNAMESE_HEADERS
                .iter()
                .find(|(k, _)| *k == c)
                .map_or(c, |(_, v)| v)
        })
        .collect();
    assert!(!exported.contains(&"received"), "{exported:?}");
    std::fs::write(
        dir.path().join(csv_rel),
        format!("{}\n{body}", exported.join(",")),
    )
    .expect("write");
    let records = std::fs::read_to_string(dir.path().join("records.toml")).expect("records.toml");
    assert!(records.trim_end().ends_with("date_format = \"%d/%m/%Y\""));
    let table: String = VIETNAMESE_HEADERS
        .iter()
        .map(|(k, v)| format!("{k} = \"{v}\"\n"))
        .collect();
    std::fs::write(
        dir.path().join("records.toml"),
        format!("{}\n[record.register.headers]\n{table}", records.trim_end()),
    )
    .expect("write");

    let period = Period::parse("2012-H1").expect("period");
    let stats_of = |root: &Path| {
        let qms = qms_core::load(root).expect("loads");
        let (cal, _) = WorkingCalendar::of(&qms);
        compute(&qms, &cal, &period, None)
    };
    let (canonical, p1) = stats_of(&sample);
    let (vietnamese, p2) = stats_of(dir.path());
    assert!(p1.is_empty() && p2.is_empty(), "{p2:?}");
    assert_eq!(vietnamese.total.received_new, 6047);
    assert_eq!(vietnamese, canonical);
    let report = check_at(dir.path());
    assert!(report.passed(), "{:?}", report.findings.first());

    // Without the headers table: DOS001 names the headers found.
    std::fs::write(dir.path().join("records.toml"), &records).expect("write");
    let report = check_at(dir.path());
    let dos001: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.code.as_str() == "DOS001")
        .collect();
    assert_eq!(dos001.len(), 1, "{:?}", report.findings);
    assert!(
        format!("{:?}", dos001[0]).contains("Ngày nhận"),
        "{:?}",
        dos001[0]
    );
}
