//! The English sample, `examples/injection-moulding/` (a plastics injection
//! moulder certified to ISO 9001:2015), is clean at its date, reports in
//! English without a word of Vietnamese, and the rules on self-approval and
//! on exclusions that the QMS's own documents contradict find exactly what
//! was broken in a copy of it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const SAMPLE: &str = "examples/injection-moulding";
const AS_OF: &str = "2025-06-30";

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn qms(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_qms"))
        .args(args)
        .current_dir(repo_root())
        .env("NO_COLOR", "1")
        .output()
        .expect("qms runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn the_sample_passes_with_no_finding() {
    let out = qms(&["check", SAMPLE, "--as-of", AS_OF]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}{}", text(&out.stderr));
    assert_eq!(
        stdout.lines().last(),
        Some(
            "passed: 0 errors, 0 warnings, 43 files read (profile iso9001:2015, as of 2025-06-30)"
        ),
        "{stdout}"
    );
}

#[test]
fn every_clause_is_covered_and_every_objective_met() {
    let coverage = qms(&["coverage", SAMPLE, "--as-of", AS_OF]);
    assert_eq!(
        coverage.status.code(),
        Some(0),
        "{}{}",
        text(&coverage.stdout),
        text(&coverage.stderr)
    );
    let objectives = qms(&["objectives", SAMPLE, "--as-of", AS_OF]);
    let stdout = text(&objectives.stdout);
    assert_eq!(objectives.status.code(), Some(0), "{stdout}");
    assert_eq!(
        stdout.lines().last(),
        Some("7 objectives, 7 met, 0 not met, as of 2025-06-30"),
        "{stdout}"
    );
}

/// The letters only Vietnamese uses among the Latin scripts: ă â đ ê ô ơ ư
/// with their tone-marked forms, and the five tones on the plain vowels
/// (which also rules out é, à and their kind: the sample is plain English).
fn vietnamese_letters() -> Vec<char> {
    let lower = "ăắằẳẵặâấầẩẫậđêếềểễệôốồổỗộơớờởỡợưứừửữự\
                 àáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ";
    let mut all: Vec<char> = lower.chars().collect();
    all.extend(lower.chars().flat_map(char::to_uppercase));
    all.extend("ĂÂĐÊÔƠƯ".chars());
    all.sort_unstable();
    all.dedup();
    all
}

fn assert_no_vietnamese(path: &Path) {
    let report = std::fs::read_to_string(path).expect("the report was written");
    assert!(
        report.contains("Wrekin Moulded Components Ltd"),
        "{} is not the sample's report",
        path.display()
    );
    let letters = vietnamese_letters();
    let found: Vec<(usize, &str)> = report
        .lines()
        .enumerate()
        .filter(|(_, l)| l.chars().any(|c| letters.contains(&c)))
        .map(|(n, l)| (n + 1, l))
        .take(10)
        .collect();
    assert!(
        found.is_empty(),
        "Vietnamese in {}: {found:#?}",
        path.display()
    );
}

#[test]
fn the_english_report_has_no_vietnamese() {
    let dir = tempfile::tempdir().expect("temp dir");
    for (format, name) in [("html", "report.html"), ("md", "report.md")] {
        let path = dir.path().join(name);
        let path_arg = path.to_str().expect("a UTF-8 temp path");
        let out = qms(&[
            "report", SAMPLE, "--as-of", AS_OF, "--lang", "en", "--format", format, "-o", path_arg,
        ]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        assert_no_vietnamese(&path);
    }
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk the sample");
        let rel = entry.path().strip_prefix(from).expect("inside the sample");
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// The one-based number of the only line of `text` containing `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    let hits: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains(needle))
        .map(|(n, _)| n + 1)
        .collect();
    assert_eq!(hits.len(), 1, "`{needle}` on lines {hits:?}");
    hits[0]
}

/// The value of a `key = "value"` line of a front matter.
fn value_of(text: &str, key: &str) -> String {
    let prefix = format!("{key} = \"");
    let line = text
        .lines()
        .find(|l| l.starts_with(&prefix))
        .unwrap_or_else(|| panic!("no `{key}`"));
    line[prefix.len()..line.len() - 1].to_string()
}

#[test]
fn self_approval_and_a_contradicted_exclusion_are_found_where_they_are_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    let qms_dir = dir.path().join("injection-moulding");
    copy_dir(&repo_root().join(SAMPLE), &qms_dir);

    // A procedure approved by the person who prepared it.
    let procedure = "documents/procedures/P-01-document-control.md";
    let path = qms_dir.join(procedure);
    let original = std::fs::read_to_string(&path).expect("read P-01");
    let author = value_of(&original, "prepared_by");
    let approver = value_of(&original, "approved_by");
    assert_ne!(
        author, approver,
        "the sample's P-01 is approved independently"
    );
    let edited = original.replace(
        &format!("approved_by = \"{approver}\""),
        &format!("approved_by = \"{author}\""),
    );
    std::fs::write(&path, &edited).expect("write P-01");
    let approval_line = line_of(&edited, "approved_by = ");

    // 7.1.5.2 declared not applicable while the calibration procedure
    // implements it.
    let calibration = std::fs::read_to_string(
        qms_dir.join("documents/procedures/P-09-calibration-of-measuring-equipment.md"),
    )
    .expect("read P-09");
    assert!(calibration.contains("clauses = [\"7.1.5\", \"7.1.5.1\", \"7.1.5.2\"]"));
    let config_path = qms_dir.join("qms.toml");
    let config = std::fs::read_to_string(&config_path).expect("read qms.toml");
    let exclusion = "  { clause = \"7.1.5.2\", reason = \"Parts are checked against master parts; no calibration traceability is needed.\" },";
    let edited_config: String = config
        .lines()
        .flat_map(|l| {
            let extra = l.contains("{ clause = \"8.3\"").then_some(exclusion);
            std::iter::once(l).chain(extra)
        })
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&config_path, &edited_config).expect("write qms.toml");
    let exclusion_line = line_of(&edited_config, "clause = \"7.1.5.2\"");

    // The external documents carry no approval of ours, and need none.
    let externals: Vec<PathBuf> = std::fs::read_dir(qms_dir.join("documents/external"))
        .expect("external documents")
        .map(|e| e.expect("entry").path())
        .collect();
    assert!(!externals.is_empty());
    for e in &externals {
        let t = std::fs::read_to_string(e).expect("read");
        assert!(t.contains("kind = \"external\"") && !t.contains("approved_by"));
    }

    let dir_arg = qms_dir.to_str().expect("a UTF-8 temp path");
    let out = qms(&["check", dir_arg, "--as-of", AS_OF, "--format", "json"]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_str(&stdout).expect("JSON output");
    let mut found: Vec<(String, String, u64)> = json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap_or_default().to_string(),
                f["file"].as_str().unwrap_or_default().to_string(),
                f["line"].as_u64().unwrap_or_default(),
            )
        })
        .collect();
    found.sort();
    assert!(
        found
            .iter()
            .all(|(_, file, _)| !file.starts_with("documents/external/")),
        "{found:?}"
    );
    assert_eq!(
        found,
        vec![
            (
                "CLS007".to_string(),
                "qms.toml".to_string(),
                exclusion_line as u64
            ),
            (
                "DOC011".to_string(),
                procedure.to_string(),
                approval_line as u64
            ),
        ],
        "{stdout}"
    );
}

/// QO-02 is computed from the delivery log each quarter, QO-01 measured by
/// hand each month from the KPI report: both met at the sample's date, with
/// the trend of their last four periods.
#[test]
fn the_delivery_log_and_the_kpi_report_measure_their_objectives() {
    let out = qms(&["check", SAMPLE, "--as-of", AS_OF, "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_str(&text(&out.stdout)).expect("JSON output");
    let objective = |id: &str| {
        json["objectives"]
            .as_array()
            .expect("objectives")
            .iter()
            .find(|o| o["id"] == id)
            .unwrap_or_else(|| panic!("no {id}"))
            .clone()
    };
    let trend = |o: &serde_json::Value| -> Vec<String> {
        o["trend"]
            .as_array()
            .expect("a trend")
            .iter()
            .map(|t| {
                format!(
                    "{} {}",
                    t["period"].as_str().unwrap_or("?"),
                    t["value"]["value"]
                )
            })
            .collect()
    };
    let otif = objective("QO-02");
    assert_eq!(otif["metric"], "otif");
    assert_eq!(otif["period"]["label"], "2025-Q2");
    assert_eq!(otif["met"], true);
    // 180 of the 183 deliveries promised in 2025-Q2.
    assert_eq!(otif["value"]["value"].as_f64(), Some(180.0 / 183.0));
    assert_eq!(trend(&otif).len(), 4);
    assert_eq!(trend(&otif)[0], format!("2024-Q3 {}", 190.0 / 195.0));
    let ppm = objective("QO-01");
    assert_eq!(ppm["by_hand"], true);
    assert_eq!(ppm["evidence"], "records/kpi/kpi-2025.csv");
    assert_eq!(ppm["period"]["label"], "2024-07/2025-06");
    assert_eq!(ppm["met"], true);
    assert_eq!(
        trend(&ppm),
        [
            "2024-04/2025-03 56",
            "2024-05/2025-04 49",
            "2024-06/2025-05 41",
            "2024-07/2025-06 39"
        ]
    );
}
