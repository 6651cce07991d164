//! `[record.register.headers]` for typed tables and register metrics: an
//! export whose headers are mapped reads like the canonical one; a column
//! left unmapped is a located finding naming the headers found.

mod common;

use common::*;
use qms_core::CheckOptions;

/// A calibration register with qms's column names.
const CANONICAL: &str = "\
gauge_id,calibration_due,status,checked
CAL-150-12,2012-11-01,In use,2012-01-16
CAL-150-14,2012-05-15,In use,2012-02-14
MIC-25-03,2012-01-10,Quarantined,2012-03-05
";

/// The export of the same register, with its own headers.
const EXPORTED: &str = "\
Mã thiết bị,Hạn hiệu chuẩn,Tình trạng,Ngày kiểm tra
CAL-150-12,2012-11-01,In use,2012-01-16
CAL-150-14,2012-05-15,In use,2012-02-14
MIC-25-03,2012-01-10,Quarantined,2012-03-05
";

const RECORDS: &str = r#"[[record]]
id = "QR-11"
title = "Gauge register"
owner = "Metrology"
retention = "6 years"
disposition = "Delete"
[record.register]
path = "records/gauges.csv"
kind = "table"
key = "gauge_id"
[record.register.columns]
calibration_due = "date"
status = ["In use", "Quarantined"]
[[record.register.due]]
column = "calibration_due"
when = { status = ["In use"] }
what = "calibration"
"#;

/// The export's headers of the canonical columns.
const HEADERS: &str = r#"[record.register.headers]
gauge_id = "Mã thiết bị"
calibration_due = "hạn hiệu chuẩn"
status = "Tình trạng"
checked = "Ngày kiểm tra"
"#;

/// Checks per quarter, counted from the register by a metric.
const METRIC: &str = r#"[[metric]]
name = "checks"
register = "QR-11"
date = "checked"
kind = "count"
where = [{ column = "status", in = ["In use"] }]

[[objective]]
id = "MT-01"
title = "Gauges in use checked"
metric = "checks"
target = "<= 5"
period = "quarter"
"#;

fn qms(register: &str, headers: &str) -> tempfile::TempDir {
    let toml = QMS_TOML.replace("[checks]", &format!("{METRIC}[checks]"));
    tree(&[
        ("qms.toml", &toml),
        ("records.toml", &format!("{RECORDS}{headers}")),
        ("records/gauges.csv", register),
    ])
}

fn check(dir: &tempfile::TempDir) -> qms_core::CheckReport {
    let loaded = qms_core::load(dir.path()).expect("loads");
    qms_core::check(&loaded, &CheckOptions::new(as_of()))
}

#[test]
fn a_typed_table_with_mapped_headers_reads_like_the_canonical_one() {
    let canonical = check(&qms(CANONICAL, ""));
    let exported = check(&qms(EXPORTED, HEADERS));
    let all = |r: &qms_core::CheckReport| r.findings.iter().map(in_full).collect::<Vec<_>>();
    assert_eq!(
        all(&exported),
        [
            "REC006 records/gauges.csv:3 gauge CAL-150-14: calibration due 2012-05-15, 46 days overdue"
        ]
    );
    assert_eq!(all(&exported), all(&canonical));
    // the metric reads the mapped columns too: two checks of gauges in use
    // in 2012-Q1, the same objective as the canonical register's
    let json = |r: &qms_core::CheckReport| serde_json::to_value(&r.objectives).expect("JSON");
    assert_eq!(json(&exported), json(&canonical));
    let trend: Vec<String> = exported.objectives[0]
        .trend
        .iter()
        .map(|t| format!("{} {:?}", t.period, t.value))
        .collect();
    assert_eq!(
        trend,
        [
            "2011-Q3 Some(Count(0))",
            "2011-Q4 Some(Count(0))",
            "2012-Q1 Some(Count(2))",
            "2012-Q2 Some(Count(0))"
        ]
    );
}

#[test]
fn an_unmapped_column_is_a_located_finding_naming_the_headers_found() {
    let partial = HEADERS.replace("calibration_due = \"hạn hiệu chuẩn\"\n", "");
    let report = check(&qms(EXPORTED, &partial));
    let rec007: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.code.as_str() == "REC007")
        .collect();
    // at the column's type and at the due date that names it
    assert_eq!(
        rec007.iter().map(|f| in_full(f)).collect::<Vec<_>>(),
        [
            "REC007 records.toml:12 register of record type `QR-11` has no column `calibration_due` in the header",
            "REC007 records.toml:15 register of record type `QR-11` has no column `calibration_due` in the header"
        ]
    );
    let help = rec007[0].help.as_deref().unwrap_or_default();
    assert!(help.contains("`Hạn hiệu chuẩn`"), "{help}");
    // the metric's column left unmapped is located at the metric
    let partial = HEADERS.replace("checked = \"Ngày kiểm tra\"\n", "");
    let report = check(&qms(EXPORTED, &partial));
    let obj007: Vec<String> = report
        .findings
        .iter()
        .filter(|f| f.code.as_str() == "OBJ007")
        .map(in_full)
        .collect();
    assert_eq!(
        obj007,
        [
            "OBJ007 qms.toml:8 metric `checks`: register `records/gauges.csv` has no column `checked`"
        ]
    );
    let help = report
        .findings
        .iter()
        .find(|f| f.code.as_str() == "OBJ007")
        .and_then(|f| f.help.clone())
        .unwrap_or_default();
    assert!(help.contains("Ngày kiểm tra"), "{help}");
}
