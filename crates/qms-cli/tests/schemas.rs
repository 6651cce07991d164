//! The JSON Schemas under `schemas/` and the rules page `docs/rules.md`:
//! each is what `qms` generates today (set `QMS_UPDATE_GENERATED=1` to
//! rewrite them), the samples' files and outputs validate against the
//! schemas, and a deliberately bad file does not.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

const SCHEMAS: [&str; 10] = [
    "qms-toml",
    "front-matter",
    "records",
    "nonconformity",
    "action",
    "audit",
    "review",
    "profile",
    "check",
    "stats",
];

const SAMPLES: [&str; 2] = ["procedures", "examples/injection-moulding"];

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn qms(args: &[&str]) -> Vec<u8> {
    let o = Command::new(env!("CARGO_BIN_EXE_qms"))
        .args(args)
        .current_dir(repo())
        .output()
        .expect("qms runs");
    assert!(o.status.code().is_some_and(|c| c <= 1), "{args:?}: {o:?}");
    o.stdout
}

/// A generated file must match what is committed; rewritten on request.
fn assert_current(path: &Path, generated: &[u8]) {
    if std::env::var_os("QMS_UPDATE_GENERATED").is_some() {
        std::fs::write(path, generated).expect("write");
        return;
    }
    let committed = std::fs::read(path).unwrap_or_default();
    assert!(
        committed == generated,
        "{} is out of date: run `QMS_UPDATE_GENERATED=1 cargo test -p qms-cli --test schemas`",
        path.display()
    );
}

#[test]
fn committed_schemas_are_current() {
    for name in SCHEMAS {
        let text = qms(&["schema", name]);
        let schema: Value = serde_json::from_slice(&text).expect("a schema is JSON");
        assert_eq!(
            schema["$schema"],
            "https://json-schema.org/draft/2020-12/schema"
        );
        jsonschema::draft202012::meta::validate(&schema).expect("a valid 2020-12 schema");
        assert_current(&repo().join(format!("schemas/{name}.schema.json")), &text);
    }
}

#[test]
fn rules_page_is_current() {
    let text = qms(&["explain", "--markdown"]);
    let page = String::from_utf8(text.clone()).expect("UTF-8");
    for r in qms_core::RULES {
        assert!(page.contains(&format!("\n## {}\n", r.code)), "{}", r.code);
    }
    assert_current(&repo().join("docs/rules.md"), &text);
}

fn validator(name: &str) -> jsonschema::Validator {
    let text = std::fs::read(repo().join(format!("schemas/{name}.schema.json"))).expect("read");
    let schema: Value = serde_json::from_slice(&text).expect("JSON");
    jsonschema::draft202012::new(&schema).expect("the schema compiles")
}

/// TOML as the JSON an editor validates: dates as strings (taplo does so).
fn json_of_toml(v: toml::Value) -> Value {
    match v {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => Value::from(f),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(a) => Value::Array(a.into_iter().map(json_of_toml).collect()),
        toml::Value::Table(t) => {
            Value::Object(t.into_iter().map(|(k, v)| (k, json_of_toml(v))).collect())
        }
    }
}

fn errors(validator: &jsonschema::Validator, value: &Value) -> Vec<String> {
    validator
        .iter_errors(value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

fn toml_files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .map(walkdir::DirEntry::into_path)
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    files.sort();
    files
}

/// The TOML of a controlled document: between its `+++` lines.
fn front_matter(text: &str) -> &str {
    let rest = text.strip_prefix("+++").expect("front matter");
    &rest[..rest.find("\n+++").expect("closed front matter")]
}

#[test]
fn the_samples_files_validate() {
    let mut checked = 0;
    for sample in SAMPLES {
        let dir = repo().join(sample);
        let mut files: Vec<(&str, PathBuf)> = vec![
            ("qms-toml", dir.join("qms.toml")),
            ("records", dir.join("records.toml")),
        ];
        for (name, sub) in [
            ("nonconformity", "nonconformities"),
            ("action", "actions"),
            ("audit", "audits"),
            ("review", "reviews"),
        ] {
            files.extend(
                toml_files(&dir.join(sub), "toml")
                    .into_iter()
                    .map(|p| (name, p)),
            );
        }
        files.extend(
            toml_files(&dir.join("documents"), "md")
                .into_iter()
                .map(|p| ("front-matter", p)),
        );
        for (name, path) in files {
            let text = std::fs::read_to_string(&path).expect("read");
            let toml_text = if name == "front-matter" {
                front_matter(&text)
            } else {
                &text
            };
            let value = json_of_toml(toml::from_str(toml_text).expect("TOML"));
            let problems = errors(&validator(name), &value);
            assert!(problems.is_empty(), "{}: {problems:#?}", path.display());
            checked += 1;
        }
    }
    assert!(checked > 60, "{checked} files");
}

#[test]
fn the_built_in_profiles_validate() {
    let v = validator("profile");
    let profiles = String::from_utf8(qms(&["profiles"])).expect("UTF-8");
    assert!(!profiles.is_empty());
    for (id, text) in qms_core::profile::BUILT_IN {
        let value = json_of_toml(toml::from_str(text).expect("TOML"));
        let problems = errors(&v, &value);
        assert!(problems.is_empty(), "{id}: {problems:#?}");
    }
}

#[test]
fn a_bad_file_does_not_validate() {
    let text = r#"
[organisation]
name = "Acme"
nmae = "typo"
[scope]
statement = "Moulding"
[audit_programme]
cycle_months = "twelve"
"#;
    let value = json_of_toml(toml::from_str(text).expect("TOML"));
    let problems = errors(&validator("qms-toml"), &value);
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert!(problems.iter().any(|p| p.contains("nmae")), "{problems:#?}");
    assert!(
        problems
            .iter()
            .any(|p| p.contains("/audit_programme/cycle_months")),
        "{problems:#?}"
    );
    let nc = json_of_toml(toml::from_str("id = \"NC-1\"\ngrade = \"catastrophic\"").expect("TOML"));
    assert!(!errors(&validator("nonconformity"), &nc).is_empty());
}

#[test]
fn check_and_stats_json_validate() {
    let check = validator("check");
    for (dir, as_of) in [
        ("procedures", "2012-06-30"),
        ("examples/injection-moulding", "2025-06-30"),
        ("tests/fixtures/mixed", "2012-06-30"),
    ] {
        let out = qms(&["check", dir, "--as-of", as_of, "--format", "json"]);
        let value: Value = serde_json::from_slice(&out).expect("JSON");
        let problems = errors(&check, &value);
        assert!(problems.is_empty(), "{dir}: {problems:#?}");
    }
    let stats = validator("stats");
    for by in ["field", "month"] {
        let out = qms(&[
            "stats",
            "procedures",
            "--period",
            "2012-H1",
            "--by",
            by,
            "--format",
            "json",
        ]);
        let value: Value = serde_json::from_slice(&out).expect("JSON");
        let problems = errors(&stats, &value);
        assert!(problems.is_empty(), "{problems:#?}");
    }
    // A check result with a finding of an unknown rule does not validate.
    let mut value: Value = serde_json::from_slice(&qms(&[
        "check",
        "tests/fixtures/mixed",
        "--as-of",
        "2012-06-30",
        "--format",
        "json",
    ]))
    .expect("JSON");
    value["findings"][0]["code"] = "XYZ999".into();
    assert!(!errors(&check, &value).is_empty());
}
