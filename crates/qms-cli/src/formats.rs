//! Machine formats of `qms check` for CI systems: SARIF 2.1.0 (code-scanning
//! dashboards) and JUnit XML (test-report widgets). Both carry the same
//! findings as `--format json`.

use std::fmt::Write as _;

use qms_core::{CheckReport, Level, RULES};
use serde_json::json;

/// The check as a SARIF 2.1.0 log: one run, every rule described, one
/// result per finding.
pub fn sarif(report: &CheckReport) -> serde_json::Value {
    // SARIF's `error` and `warning` are qms's level names; a rule that is
    // off is described as a warning (it raises no result).
    let level = |l: Level| match l {
        Level::Off => Level::Warning.as_str(),
        l => l.as_str(),
    };
    let rules: Vec<_> = RULES
        .iter()
        .map(|r| {
            json!({
                "id": r.code,
                "name": r.name,
                "shortDescription": { "text": r.summary },
                "fullDescription": { "text": r.explanation },
                "defaultConfiguration": { "level": level(r.default_level) },
                "properties": { "iso9001Clause": r.clause },
            })
        })
        .collect();
    let results: Vec<_> = report
        .findings
        .iter()
        .map(|f| {
            let mut result = json!({
                "ruleId": f.code,
                "level": level(f.level),
                "message": { "text": f.message },
            });
            if let Some(file) = &f.file {
                let mut region = serde_json::Map::new();
                // A workbook has no lines: its cell is a logical location.
                if f.sheet.is_none() {
                    if let Some(l) = f.line {
                        region.insert("startLine".into(), json!(l));
                    }
                    if let Some(c) = f.column {
                        region.insert("startColumn".into(), json!(c));
                    }
                }
                let mut physical =
                    json!({ "artifactLocation": { "uri": file, "uriBaseId": "QMSROOT" } });
                if !region.is_empty() {
                    physical["region"] = serde_json::Value::Object(region);
                }
                let mut location = json!({ "physicalLocation": physical });
                if let Some(cell) = f.cell() {
                    location["logicalLocations"] = json!([{ "name": cell, "kind": "element" }]);
                }
                result["locations"] = json!([location]);
            }
            result
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": { "name": "qms", "version": env!("CARGO_PKG_VERSION"), "rules": rules } },
            "properties": { "asOf": report.as_of.to_string(), "profile": report.profile },
            "results": results,
        }],
    })
}

fn xml(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

/// The check as JUnit XML: one test case per rule, failed when the rule
/// raised an error-level finding; warnings go to the case's output.
pub fn junit(report: &CheckReport) -> String {
    let failures = RULES
        .iter()
        .filter(|r| {
            report
                .findings
                .iter()
                .any(|f| f.code == r.code && f.level == Level::Error)
        })
        .count();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"qms check\" tests=\"{}\" failures=\"{failures}\">\n  <testsuite name=\"qms check {} as of {}\" tests=\"{}\" failures=\"{failures}\" errors=\"0\">",
        RULES.len(),
        xml(&report.profile),
        report.as_of,
        RULES.len()
    );
    for r in RULES {
        let found: Vec<_> = report
            .findings
            .iter()
            .filter(|f| f.code == r.code)
            .collect();
        let line = |f: &qms_core::Finding| {
            let at = match (&f.file, f.line) {
                (Some(file), _) if f.sheet.is_some() => {
                    format!("{file}: {}: ", f.cell().unwrap_or_default())
                }
                (Some(file), Some(l)) => format!("{file}:{l}: "),
                (Some(file), None) => format!("{file}: "),
                _ => String::new(),
            };
            xml(&format!("{at}{}", f.message))
        };
        let _ = write!(
            out,
            "    <testcase classname=\"{}\" name=\"{} {}\"",
            xml(r.clause),
            r.code,
            r.name
        );
        if found.is_empty() {
            out.push_str("/>\n");
            continue;
        }
        out.push_str(">\n");
        let errors: Vec<_> = found.iter().filter(|f| f.level == Level::Error).collect();
        if !errors.is_empty() {
            let _ = writeln!(
                out,
                "      <failure message=\"{} finding(s)\" type=\"{}\">{}</failure>",
                errors.len(),
                r.code,
                errors
                    .iter()
                    .map(|f| line(f))
                    .collect::<Vec<_>>()
                    .join("\n")
            );
        }
        let warnings: Vec<_> = found.iter().filter(|f| f.level == Level::Warning).collect();
        if !warnings.is_empty() {
            let _ = writeln!(
                out,
                "      <system-out>{}</system-out>",
                warnings
                    .iter()
                    .map(|f| line(f))
                    .collect::<Vec<_>>()
                    .join("\n")
            );
        }
        out.push_str("    </testcase>\n");
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::xml;

    #[test]
    fn xml_text_is_escaped() {
        assert_eq!(
            xml("<a href=\"x\">Tom & Jerry's</a>"),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/a&gt;"
        );
    }
}
