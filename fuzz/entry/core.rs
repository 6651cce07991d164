//! The entry points of the fuzz targets, shared with the stable corpus
//! tests (`crates/qms-core/tests/fuzz_corpus.rs` includes this file), so
//! that `cargo test` runs every corpus input through the same code as
//! `cargo fuzz run` does.
//!
//! Each entry point puts the fuzzed bytes into a small QMS held in memory,
//! loads it and checks it: whatever the bytes, the library must return
//! (findings, never a panic, a hang or unbounded memory).

use qms_core::source::{MemorySource, ZipSource};
use qms_core::{CheckOptions, Date};

/// The QMS every input goes into: a procedure with a time limit, a
/// dossier register and a table register, objectives over the built-in
/// metrics, the Vietnamese calendar.
const QMS_TOML: &str = r#"[organisation]
name = "Fuzz"
[scope]
statement = "Fuzzing"
[calendar]
country = "VN"
weekend = ["sat", "sun"]
[[objective]]
id = "MT-01"
title = "On time"
metric = "dossiers.on_time_rate"
target = ">= 100%"
[[objective]]
id = "MT-02"
title = "No open major"
metric = "nonconformities.open_major"
target = "= 0"
"#;

const RECORDS_TOML: &str = r#"[[record]]
id = "HS-01"
title = "Dossier book"
owner = "Desk"
retention = "5 years"
disposition = "Archive"
[record.register]
path = "records/dossiers.csv"
kind = "dossiers"
date_format = "%d/%m/%Y"

[[record]]
id = "HS-02"
title = "Gauges"
owner = "Lab"
retention = "5 years"
disposition = "Delete"
[record.register]
path = "records/table.csv"
kind = "table"
key = "gauge_id"
[record.register.columns]
calibration_due = "date"
interval_months = "integer"
[[record.register.due]]
column = "calibration_due"
what = "calibration"

[[record]]
id = "HS-03"
title = "Gauges (workbook)"
owner = "Lab"
retention = "5 years"
disposition = "Delete"
[record.register]
path = "records/book.xlsx"
kind = "table"
key = "gauge_id"
[record.register.columns]
calibration_due = "date"
"#;

const PROCEDURE: &str = r#"+++
id = "QT-01"
title = "Birth registration"
kind = "procedure"
revision = "1"
issued = 2012-01-01
status = "current"
owner = "Desk"
approved_by = "Chair"
approved_on = 2012-01-01
time_limit_days = 3
+++
# Purpose
"#;

const DOSSIERS: &str = "code,procedure,received,due,resolved,returned,outcome,paused_days\n\
A1,QT-01,02/01/2012,,05/01/2012,05/01/2012,granted,\n\
A2,QT-01,20/01/2012,,,,,2\n";

const TABLE: &str = "gauge_id,calibration_due,interval_months\nG-1,2012-01-31,12\n";

/// The paths a TOML input may take, chosen by its first byte.
pub const TOML_PATHS: [&str; 7] = [
    "qms.toml",
    "records.toml",
    "nonconformities/NC-01.toml",
    "actions/CA-01.toml",
    "audits/AUD-01.toml",
    "reviews/MR-01.toml",
    "profile.toml",
];

/// The base QMS, without the file at `skip`.
fn base(skip: &str) -> MemorySource {
    let mut s = MemorySource::new();
    for (path, text) in [
        ("qms.toml", QMS_TOML),
        ("records.toml", RECORDS_TOML),
        ("documents/QT-01-birth.md", PROCEDURE),
        ("records/dossiers.csv", DOSSIERS),
        ("records/table.csv", TABLE),
    ] {
        if path != skip {
            s.insert(path, text);
        }
    }
    s
}

/// Loads and checks a source, and builds the report's data from it.
fn run(source: impl qms_core::source::Source + 'static) {
    let Ok(qms) = qms_core::load_from(source) else {
        return;
    };
    let as_of = Date::from_ymd(2012, 6, 30).unwrap_or_default();
    let report = qms_core::check(&qms, &CheckOptions::new(as_of));
    // every finding resolves to a place in a file that exists
    for f in &report.findings {
        if let Some(id) = f.file_id {
            let _ = qms.sources.get(id);
        }
    }
    let (cal, _) = qms_core::WorkingCalendar::of(&qms);
    let _ = qms_core::stats(
        &qms,
        &cal,
        &qms_core::Period::parse("2012-H1").expect("a period"),
        None,
    );
}

/// A controlled document: the `+++` front matter split, its TOML and the
/// Markdown outline.
pub fn document(data: &[u8]) {
    run(base("").with_file("documents/WI-01-fuzz.md", data));
}

/// Every TOML file kind: the first byte chooses qms.toml, records.toml, a
/// nonconformity, an action, an audit, a review or a profile file (named
/// by `[scope] profile`); the rest is the file.
pub fn toml_file(data: &[u8]) {
    let Some((first, text)) = data.split_first() else {
        return;
    };
    let path = TOML_PATHS[usize::from(*first) % TOML_PATHS.len()];
    let mut source = base(path).with_file(path, text);
    if path == "profile.toml" {
        source.insert(
            "qms.toml",
            format!("{QMS_TOML}\n").replace(
                "statement = \"Fuzzing\"",
                "statement = \"Fuzzing\"\nprofile = \"profile.toml\"",
            ),
        );
    }
    run(source);
}

/// A register read as CSV: the first byte chooses the dossier book or the
/// table register; the rest is the file.
pub fn register_csv(data: &[u8]) {
    let Some((first, text)) = data.split_first() else {
        return;
    };
    let path = if first % 2 == 0 {
        "records/dossiers.csv"
    } else {
        "records/table.csv"
    };
    run(base(path).with_file(path, text));
}

/// A register read as a workbook (`.xlsx`, any bytes).
pub fn register_workbook(data: &[u8]) {
    run(base("").with_file("records/book.xlsx", data));
}

/// A QMS read from a zip archive (`qms check pack.zip`).
pub fn zip_source(data: &[u8]) {
    if let Ok(source) = ZipSource::from_bytes("fuzz.zip", data.to_vec()) {
        run(source);
    }
}

/// A fuzz target's entry point.
pub type Entry = fn(&[u8]);

/// The fuzz targets by name, with their entry points: the corpus folder of
/// each is `fuzz/corpus/<name>/`.
pub const TARGETS: &[(&str, Entry)] = &[
    ("document", document),
    ("toml_file", toml_file),
    ("register_csv", register_csv),
    ("register_workbook", register_workbook),
    ("zip_source", zip_source),
];
