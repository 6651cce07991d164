//! The JSON that `qms check` and `qms stats` print is the library's own
//! types: a tool built on qms-core reads it back into
//! [`qms_core::CheckReport`] or [`qms_core::StatsReport`], and printing that
//! again the way the CLI prints (`serde_json::to_writer_pretty` and a
//! newline) gives the same bytes.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde::Serialize;
use serde::de::DeserializeOwned;

/// The repository root, where `procedures/` and `tests/fixtures/` are.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs the real `qms` binary at the repository root; its stdout.
fn qms(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_qms"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("qms runs");
    // 0: passed, 1: findings at level error; 2 would be a failure to run.
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "qms {args:?}: {}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// Printed as the CLI prints JSON.
fn print_like_the_cli<T: Serialize>(value: &T) -> String {
    let mut out = serde_json::to_string_pretty(value).expect("serialises");
    out.push('\n');
    out
}

/// Reads `printed` into `T` and prints it again; asserts the bytes agree.
fn assert_round_trips<T: Serialize + DeserializeOwned>(what: &str, printed: &str) -> T {
    let value: T = serde_json::from_str(printed)
        .unwrap_or_else(|e| panic!("{what}: the JSON does not read back: {e}"));
    let again = print_like_the_cli(&value);
    if again != printed {
        let line = printed
            .lines()
            .zip(again.lines())
            .position(|(a, b)| a != b)
            .map_or_else(|| "the end".to_string(), |n| format!("line {}", n + 1));
        panic!("{what}: printed again, the JSON differs at {line}");
    }
    value
}

fn check_round_trips(dir: &str) -> qms_core::CheckReport {
    check_round_trips_at(dir, "2012-06-30")
}

fn check_round_trips_at(dir: &str, date: &str) -> qms_core::CheckReport {
    let printed = qms(&["check", dir, "--as-of", date, "--format", "json"]);
    let report: qms_core::CheckReport = assert_round_trips(&format!("check {dir}"), &printed);

    // What the CLI prints is what the library returns.
    let qms = qms_core::load(&root().join(dir)).expect("loads");
    let as_of: qms_core::Date = date.parse().expect("a date");
    let direct = qms_core::check(&qms, &qms_core::CheckOptions::new(as_of));
    assert_eq!(print_like_the_cli(&direct), printed, "check {dir}");
    // Findings read back without their place in the source map (`file_id`,
    // `span`: not in the JSON), with everything else.
    assert_eq!(report.findings.len(), direct.findings.len());
    for (back, f) in report.findings.iter().zip(&direct.findings) {
        assert_eq!(back.file_id, None);
        assert_eq!(
            (
                back.code,
                &back.message,
                &back.file,
                back.line,
                back.column,
                &back.sheet,
                &back.help
            ),
            (
                f.code, &f.message, &f.file, f.line, f.column, &f.sheet, &f.help
            )
        );
    }
    assert_eq!(report.summary, direct.summary);
    assert_eq!(report.coverage, direct.coverage);
    assert_eq!(report.objectives, direct.objectives);
    report
}

#[test]
fn check_json_of_the_sample_reads_back_into_a_check_report() {
    let report = check_round_trips("procedures");
    assert!(report.passed(), "the sample is clean");
    assert!(!report.coverage.clauses.is_empty());
    assert!(
        report.objectives.iter().any(|o| o.value.is_some()),
        "the sample measures its objectives"
    );
}

/// The English sample's objectives carry periods and trends: a rate
/// computed from its delivery log, counts measured by hand.
#[test]
fn check_json_with_periods_and_trends_reads_back_into_a_check_report() {
    let report = check_round_trips_at("examples/injection-moulding", "2025-06-30");
    assert!(report.passed(), "the English sample is clean");
    let with_trend = report
        .objectives
        .iter()
        .filter(|o| o.trend.len() == 4)
        .count();
    assert_eq!(with_trend, 2, "QO-01 and QO-02");
}

#[test]
fn check_json_with_findings_reads_back_into_a_check_report() {
    let report = check_round_trips("tests/fixtures/mixed");
    assert!(!report.passed());
    assert!(
        report.findings.iter().any(|f| f.file.is_some()),
        "located findings"
    );
    assert_eq!(
        report.summary.errors,
        report
            .findings
            .iter()
            .filter(|f| f.level == qms_core::Level::Error)
            .count()
    );
}

#[test]
fn check_json_of_a_table_register_reads_back() {
    let report = check_round_trips("tests/fixtures/gauges");
    let located: Vec<_> = report
        .findings
        .iter()
        .map(|f| (f.code.as_str(), f.line, f.column, f.sheet.clone()))
        .collect();
    assert_eq!(
        located,
        [
            ("REC006", Some(3), Some(4), None),
            ("REC005", Some(5), Some(3), None)
        ]
    );
}

/// The gauge fixture with its register saved as a workbook (sheet
/// `Gauges`), in a temporary directory.
fn gauges_as_workbook() -> tempfile::TempDir {
    let from = root().join("tests/fixtures/gauges");
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("records/calibration")).expect("mkdir");
    std::fs::copy(from.join("qms.toml"), dir.path().join("qms.toml")).expect("copy");
    let records = std::fs::read_to_string(from.join("records.toml")).expect("records.toml");
    let records = records
        .replace("gauge-register.csv", "gauge-register.xlsx")
        .replace("kind = \"table\"", "kind = \"table\"\nsheet = \"Gauges\"");
    std::fs::write(dir.path().join("records.toml"), records).expect("write");
    let csv = std::fs::read_to_string(from.join("records/calibration/gauge-register.csv"))
        .expect("register");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Gauges").expect("name");
    for (r, line) in csv.lines().enumerate() {
        for (c, cell) in line.split(',').enumerate() {
            let (r, c) = (r as u32, c as u16);
            match cell.parse::<f64>() {
                Ok(n) => sheet.write_number(r, c, n),
                Err(_) => sheet.write_string(r, c, cell),
            }
            .expect("write");
        }
    }
    let bytes = book.save_to_buffer().expect("xlsx");
    std::fs::write(
        dir.path().join("records/calibration/gauge-register.xlsx"),
        bytes,
    )
    .expect("write");
    dir
}

#[test]
fn findings_in_a_workbook_name_the_sheet_and_cell_in_every_format() {
    let dir = gauges_as_workbook();
    let path = dir.path().to_str().expect("UTF-8 path");
    let printed = qms(&["check", path, "--as-of", "2012-06-30", "--format", "json"]);
    let report: qms_core::CheckReport = assert_round_trips("check (workbook)", &printed);
    let located: Vec<_> = report
        .findings
        .iter()
        .map(|f| (f.code.as_str(), f.line, f.column, f.cell()))
        .collect();
    assert_eq!(
        located,
        [
            ("REC006", Some(3), Some(4), Some("Gauges!D3".to_string())),
            ("REC005", Some(5), Some(3), Some("Gauges!C5".to_string()))
        ]
    );
    let human = qms(&["check", path, "--as-of", "2012-06-30"]);
    assert!(
        human.contains(" = in records/calibration/gauge-register.xlsx: Gauges!D3\n"),
        "{human}"
    );
    let sarif = qms(&["check", path, "--as-of", "2012-06-30", "--format", "sarif"]);
    let sarif: serde_json::Value = serde_json::from_str(&sarif).expect("SARIF is JSON");
    let location = &sarif["runs"][0]["results"][0]["locations"][0];
    assert_eq!(location["logicalLocations"][0]["name"], "Gauges!D3");
    // A workbook has no lines: its region is the file's start.
    assert_eq!(
        location["physicalLocation"]["region"],
        serde_json::json!({ "byteOffset": 0 })
    );
    let junit = qms(&["check", path, "--as-of", "2012-06-30", "--format", "junit"]);
    assert!(
        junit.contains("records/calibration/gauge-register.xlsx: Gauges!D3: gauge CAL-150-14"),
        "{junit}"
    );
}

#[test]
fn stats_json_reads_back_into_a_stats_report() {
    for by in [None, Some("month"), Some("field"), Some("procedure")] {
        let mut args = vec![
            "stats",
            "procedures",
            "--period",
            "2012-H1",
            "--format",
            "json",
        ];
        if let Some(by) = by {
            args.extend(["--by", by]);
        }
        let printed = qms(&args);
        let report: qms_core::StatsReport = assert_round_trips(&format!("{args:?}"), &printed);
        assert_eq!(report.period.label, "2012-H1");
        assert!(report.total.total > 0, "the sample has dossiers");
        assert_eq!(report.by.is_some(), by.is_some());
        assert_eq!(report.rows.is_empty(), by.is_none());
    }
}

/// The sample's rates are all 100%; every other rate must read back exactly
/// too. serde_json's default parser gets about one in ten of these fractions
/// wrong in the last place (`1/11`); qms-core turns on `float_roundtrip`.
#[test]
fn rates_read_back_exactly() {
    let fractions = (1..=300u32).flat_map(|den| (0..=den).map(move |num| (num, den)));
    for (num, den) in fractions.chain([(6034, 6035)]) {
        let m = qms_core::Measure::Rate(f64::from(num) / f64::from(den));
        let printed = print_like_the_cli(&m);
        let back: qms_core::Measure = assert_round_trips(&format!("{num}/{den}"), &printed);
        assert_eq!(back, m);
    }
}
