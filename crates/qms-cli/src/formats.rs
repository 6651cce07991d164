//! Machine formats of `qms check` for CI systems: SARIF 2.1.0 (GitHub code
//! scanning and other SARIF consumers) and JUnit XML (test-report widgets).
//! Both carry the same findings as `--format json`. The rules' Markdown
//! (`qms explain --markdown`, `docs/rules.md`) lives here too: SARIF's rule
//! help is the same text.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

use anyhow::{Context as _, anyhow};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use qms_core::{CheckReport, Level, RULES, Rule};
use serde_json::json;
use sha2::{Digest as _, Sha256};

use crate::human::escape_controls;

/// Where the project lives (the crate's `repository`), if it has a public
/// address: SARIF's `informationUri`, and rule help links into its
/// `docs/rules.md`. Without one, both are left out rather than made up.
const REPOSITORY: Option<&str> = match env!("CARGO_PKG_REPOSITORY").as_bytes() {
    [] => None,
    _ => Some(env!("CARGO_PKG_REPOSITORY")),
};

/// The base id SARIF paths are relative to: the repository root.
const SRCROOT: &str = "SRCROOT";

/// What a URI path segment keeps unencoded: RFC 3986's unreserved
/// characters. Everything else (spaces, `#`, `%`, non-ASCII letters such as
/// the `ể` of `kiểm-soát`) is percent-encoded as UTF-8.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// A relative path with `/` as a URI reference: each segment
/// percent-encoded.
fn uri_of(path: &str) -> String {
    path.split('/')
        .map(|seg| utf8_percent_encode(seg, SEGMENT).to_string())
        .collect::<Vec<_>>()
        .join("/")
}

/// The QMS directory's path from the repository root, with `/` and a
/// trailing `/` (empty when the QMS is the root): `root` when given, else
/// the nearest directory up from `dir` holding a `.git` (a directory, or a
/// worktree's file), else `dir` itself; empty for a zipped QMS.
pub fn qms_base(dir: &Path, root: Option<&Path>) -> anyhow::Result<String> {
    // A zipped QMS: its paths are the archive's, not the repository's.
    if dir.is_file() {
        return Ok(String::new());
    }
    let dir = dir
        .canonicalize()
        .with_context(|| format!("cannot resolve {}", dir.display()))?;
    let root = match root {
        Some(r) => r
            .canonicalize()
            .with_context(|| format!("cannot resolve --root {}", r.display()))?,
        None => dir
            .ancestors()
            .find(|d| d.join(".git").exists())
            .unwrap_or(&dir)
            .to_path_buf(),
    };
    let rel = dir.strip_prefix(&root).map_err(|_| {
        anyhow!(
            "the QMS directory {} is not inside --root {}",
            dir.display(),
            root.display()
        )
    })?;
    let mut base = String::new();
    for part in rel.components() {
        let part = part
            .as_os_str()
            .to_str()
            .with_context(|| format!("{} is not UTF-8: SARIF needs UTF-8 paths", rel.display()))?;
        base.push_str(part);
        base.push('/');
    }
    Ok(base)
}

/// The anchor of a rule's section in `docs/rules.md` (GitHub's heading
/// anchors are lower case).
fn anchor(code: &str) -> String {
    code.to_ascii_lowercase()
}

/// A rule's help as Markdown: its summary, level and clause, and the
/// explanation of `qms explain`.
fn rule_help_markdown(r: &Rule) -> String {
    format!(
        "`{}` · default level: {} · ISO 9001:2015 clause: {}\n\n{}.\n\n{}\n",
        r.name,
        r.default_level.as_str(),
        r.clause,
        crate::capitalise(r.summary),
        r.explanation.trim_end()
    )
}

/// Every rule as one Markdown page with a section per rule (`docs/rules.md`;
/// SARIF's `helpUri` points at the sections).
pub fn rules_markdown() -> String {
    let mut out = String::from(
        "# Rules\n\n\
         Every rule `qms check` applies, with its stable code, kebab-case name, default level \
         (change it in qms.toml `[checks]`) and the ISO 9001:2015 clause it serves. The same \
         text is printed by `qms explain CODE` and is the help of each rule in `--format sarif`.\n\n\
         This page is generated: `cargo run -q -- explain --markdown > docs/rules.md` \
         (a test fails when it is out of date).\n",
    );
    for r in RULES {
        let _ = write!(out, "\n## {}\n\n{}", r.code, rule_help_markdown(r));
    }
    out
}

/// The check as a SARIF 2.1.0 log: one run, every rule described with its
/// help, one result per finding. `base` is the QMS directory's path from
/// the repository root ([`qms_base`]): every `uri` is relative to the root
/// (`SRCROOT`), as GitHub code scanning resolves them.
pub fn sarif(report: &CheckReport, base: &str) -> serde_json::Value {
    // SARIF's `error` and `warning` are qms's level names; a rule that is
    // off is described as a warning (it raises no result).
    let level = |l: Level| match l {
        Level::Off => Level::Warning.as_str(),
        l => l.as_str(),
    };
    let rules: Vec<_> = RULES
        .iter()
        .map(|r| {
            let mut rule = json!({
                "id": r.code,
                "name": r.name,
                "shortDescription": { "text": r.summary },
                "fullDescription": { "text": r.explanation },
                "help": {
                    "text": format!("{}.\n\n{}", crate::capitalise(r.summary), r.explanation.trim_end()),
                    "markdown": rule_help_markdown(r),
                },
                "defaultConfiguration": { "level": level(r.default_level) },
                "properties": { "iso9001Clause": r.clause },
            });
            if let Some(repository) = REPOSITORY {
                rule["helpUri"] =
                    format!("{repository}/blob/main/docs/rules.md#{}", anchor(r.code.as_str())).into();
            }
            rule
        })
        .collect();
    // The n-th finding with the same code, file and message: the
    // fingerprint's occurrence number (it ignores lines, which shift).
    let mut seen: HashMap<String, usize> = HashMap::new();
    let results: Vec<_> = report
        .findings
        .iter()
        .map(|f| {
            let mut result = json!({
                "ruleId": f.code,
                "level": level(f.level),
                "message": { "text": f.message },
            });
            // A finding about no file (no qms.toml, say) is about the QMS
            // as a whole: GitHub needs a location, so it is qms.toml.
            let file = f.file.as_deref().unwrap_or("qms.toml");
            let uri = uri_of(&format!("{base}{file}"));
            // A workbook has no lines: its cell is a logical location, and
            // its region the file's start. A finding about a whole text
            // file points at its first line (consumers want a region).
            let region = match (&f.sheet, f.line, f.column) {
                (Some(_), ..) => json!({ "byteOffset": 0 }),
                (None, Some(l), Some(c)) => json!({ "startLine": l, "startColumn": c }),
                (None, Some(l), None) => json!({ "startLine": l }),
                (None, None, _) => json!({ "startLine": 1 }),
            };
            let physical = json!({
                "artifactLocation": { "uri": uri, "uriBaseId": SRCROOT },
                "region": region,
            });
            let mut location = json!({ "physicalLocation": physical });
            if let Some(cell) = f.cell() {
                location["logicalLocations"] = json!([{ "name": cell, "kind": "element" }]);
            }
            result["locations"] = json!([location]);
            let key = format!(
                "{}\0{uri}\0{}\0{}",
                f.code,
                f.sheet.as_deref().unwrap_or(""),
                f.message
            );
            let hash = hex(&Sha256::digest(key.as_bytes()));
            let n = seen.entry(hash.clone()).or_insert(0);
            *n += 1;
            result["partialFingerprints"] = json!({ "qmsFinding/v1": format!("{hash}:{n}") });
            result
        })
        .collect();
    let mut bases = serde_json::Map::new();
    bases.insert(
        SRCROOT.into(),
        json!({ "description": { "text": "The repository root (`qms check --root`)." } }),
    );
    if !base.is_empty() {
        bases.insert(
            "QMSROOT".into(),
            json!({
                "uri": uri_of(base),
                "uriBaseId": SRCROOT,
                "description": { "text": "The QMS directory (the one with qms.toml)." },
            }),
        );
    }
    let mut driver = json!({
        "name": "qms",
        "version": env!("CARGO_PKG_VERSION"),
        "rules": rules,
    });
    if let Some(repository) = REPOSITORY {
        driver["informationUri"] = repository.into();
    }
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": driver },
            "originalUriBaseIds": bases,
            "columnKind": "unicodeCodePoints",
            "properties": { "asOf": report.as_of.to_string(), "profile": report.profile },
            "results": results,
        }],
    })
}

/// Lower-case hex of a digest (sha2 0.11 digests do not format with `{:x}`).
fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// Text for XML: markup escaped, and control characters (invalid in XML
/// 1.0 even as references) written as escapes.
fn xml(s: &str) -> String {
    escape_controls(s)
        .replace('&', "&amp;")
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
        assert_eq!(xml("a\u{b}b"), "a\\u{b}b");
    }

    #[test]
    fn uris_are_percent_encoded_by_segment() {
        assert_eq!(
            super::uri_of("procedures/documents/QT-01-kiểm-soát #1.md"),
            "procedures/documents/QT-01-ki%E1%BB%83m-so%C3%A1t%20%231.md"
        );
    }
}
