//! A QMS built from strings in memory, checked without touching the disk:
//! how a document-management system checks what its users upload.
//!
//! `cargo run -p qms-core --example in_memory` prints the findings: the
//! procedure was approved after it was issued, and it is overdue for review.

use qms_core::source::MemorySource;
use qms_core::{CheckOptions, Date};

/// qms.toml: the organisation and its scope.
pub const CONFIG: &str = r#"[organisation]
name = "Harbour Precision Ltd"

[scope]
statement = "Machining of aluminium housings to customer drawings"
not_applicable = [{ clause = "8.3", reason = "We machine to customer drawings; we do not design." }]

# A QMS being built: the mandatory records, the first audit and review come later.
[checks]
CLS001 = "off"
AUD001 = "off"
MR001 = "off"
"#;

/// The quality policy: current and approved.
pub const POLICY: &str = r#"+++
id = "POL-01"
title = "Quality policy"
kind = "policy"
revision = 1
issued = 2024-01-10
status = "current"
owner = "Jane Holt"
approved_by = "Sam Reed"
approved_on = 2024-01-08
next_review = 2025-12-31
clauses = ["5.2"]

[[history]]
revision = 1
date = 2024-01-10
change = "First issue"
+++

# Quality policy

We deliver housings that meet the drawing, on the day promised.
"#;

/// A procedure with two defects: approved after it was issued, and past its
/// review date on the day of the check.
pub const PROCEDURE: &str = r#"+++
id = "P-01"
title = "Control of documented information"
kind = "procedure"
revision = 1
issued = 2024-02-01
status = "current"
owner = "Jane Holt"
approved_by = "Sam Reed"
approved_on = 2024-02-05
next_review = 2024-12-31
clauses = ["7.5"]

[[history]]
revision = 1
date = 2024-02-01
change = "First issue"
+++

## 1. Mục đích
## 2. Phạm vi áp dụng
## 3. Tài liệu viện dẫn
## 4. Định nghĩa và chữ viết tắt
## 5. Nội dung quy trình
## 6. Biểu mẫu
## 7. Hồ sơ cần lưu
"#;

/// The QMS as `(path, text)` pairs.
pub fn files() -> Vec<(&'static str, &'static str)> {
    vec![
        ("qms.toml", CONFIG),
        ("documents/POL-01-quality-policy.md", POLICY),
        ("documents/P-01-document-control.md", PROCEDURE),
    ]
}

/// The check date.
pub fn as_of() -> Date {
    Date::from_ymd(2025, 3, 31).expect("a date")
}

#[allow(dead_code)] // also included by the test, which has its own main
fn main() -> Result<(), qms_core::LoadError> {
    let source: MemorySource = files().into_iter().collect();
    let qms = qms_core::load_from(source)?;
    let report = qms_core::check(&qms, &CheckOptions::new(as_of()));
    for f in &report.findings {
        let at = match (&f.file, f.line) {
            (Some(file), Some(line)) => format!("{file}:{line}"),
            (Some(file), None) => file.clone(),
            _ => "-".into(),
        };
        println!("{} {} {at}: {}", f.level.as_str(), f.code, f.message);
    }
    println!(
        "{} errors, {} warnings, {} files read",
        report.summary.errors, report.summary.warnings, report.summary.files
    );
    Ok(())
}
