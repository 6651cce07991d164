//! Shared helpers of the integration tests: build a QMS tree in a temporary
//! directory from inline files, check it, and list the findings compactly.

#![allow(dead_code, missing_docs)]

use std::path::Path;

use qms_core::{CheckOptions, Date};

/// A qms.toml whose `[checks]` table comes last (tests append levels to it).
/// Clause coverage and the audit and review cadences are off, so a tree of
/// one procedure is clean.
pub const QMS_TOML: &str = "[organisation]\nname = \"UBND thị trấn Mỹ An\"\n[scope]\nstatement = \"Một cửa\"\n[checks]\nCLS001 = \"off\"\nAUD001 = \"off\"\nMR001 = \"off\"\n";

/// A procedure with every field and the seven sections: clean on 2012-06-30.
pub const GOOD_PROCEDURE: &str = r#"+++
id = "QT-01"
title = "Kiểm soát tài liệu"
kind = "procedure"
revision = 2
issued = 2011-03-01
status = "current"
owner = "Nguyễn Văn A"
approved_by = "Lê Văn C"
approved_on = 2011-02-25
next_review = 2012-12-31
clauses = ["7.5"]

[[history]]
revision = 1
date = 2010-06-01
change = "Ban hành lần đầu"

[[history]]
revision = 2
date = 2011-03-01
change = "Cập nhật"
+++

## 1. Mục đích
## 2. Phạm vi
## 3. Tài liệu viện dẫn
## 4. Định nghĩa và viết tắt
## 5. Nội dung quy trình
## 6. Biểu mẫu
## 7. Hồ sơ cần lưu
"#;

pub fn as_of() -> Date {
    Date::from_ymd(2012, 6, 30).expect("a date")
}

/// Writes `files` (path, content) under a new temporary directory.
pub fn tree(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (path, text) in files {
        write(dir.path(), path, text.as_bytes());
    }
    dir
}

pub fn write(root: &Path, path: &str, bytes: &[u8]) {
    let p = root.join(path);
    std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
    std::fs::write(p, bytes).expect("write");
}

/// Every finding as `CODE file:line`, in report order.
pub fn findings(root: &Path) -> Vec<String> {
    findings_at(root, as_of())
}

/// The same, checked at another date.
pub fn findings_at(root: &Path, as_of: Date) -> Vec<String> {
    let qms = qms_core::load(root).expect("loads");
    let report = qms_core::check(&qms, &CheckOptions::new(as_of));
    report
        .findings
        .iter()
        .map(|f| {
            format!(
                "{} {}:{}",
                f.code,
                f.file.as_deref().unwrap_or("-"),
                f.line.map_or("-".to_string(), |l| l.to_string())
            )
        })
        .collect()
}

/// A finding as `CODE file:line message` (`-` for no file or line).
pub fn in_full(f: &qms_core::Finding) -> String {
    format!(
        "{} {}:{} {}",
        f.code,
        f.file.as_deref().unwrap_or("-"),
        f.line.map_or("-".to_string(), |l| l.to_string()),
        f.message
    )
}

/// Every finding as `CODE file:line message`, in report order.
pub fn findings_in_full(root: &Path) -> Vec<String> {
    let qms = qms_core::load(root).expect("loads");
    let report = qms_core::check(&qms, &CheckOptions::new(as_of()));
    report.findings.iter().map(in_full).collect()
}

/// The findings of a tree made of qms.toml, the good procedure and `files`.
pub fn findings_with(files: &[(&str, &str)]) -> Vec<String> {
    let mut all = vec![
        ("qms.toml", QMS_TOML),
        ("documents/QT-01-kiem-soat.md", GOOD_PROCEDURE),
    ];
    all.extend_from_slice(files);
    let dir = tree(&all);
    findings(dir.path())
}

/// The good procedure with one front-matter line replaced.
pub fn procedure_with(from: &str, to: &str) -> String {
    assert!(GOOD_PROCEDURE.contains(from), "fixture has no `{from}`");
    GOOD_PROCEDURE.replacen(from, to, 1)
}

/// Every finding of a tree made of `files` as `CODE file:line message`, and
/// ` | help` when it has one.
pub fn described(files: &[(&str, &str)]) -> Vec<String> {
    let dir = tree(files);
    let qms = qms_core::load(dir.path()).expect("loads");
    let report = qms_core::check(&qms, &CheckOptions::new(as_of()));
    report
        .findings
        .iter()
        .map(|f| {
            let mut line = format!(
                "{} {}:{} {}",
                f.code,
                f.file.as_deref().unwrap_or("-"),
                f.line.map_or("-".to_string(), |l| l.to_string()),
                f.message
            );
            if let Some(help) = &f.help {
                line.push_str(" | ");
                line.push_str(help);
            }
            line
        })
        .collect()
}
