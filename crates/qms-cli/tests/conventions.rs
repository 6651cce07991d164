//! The conventions a CI system, a shell and a terminal expect of `qms`:
//! SARIF that GitHub code scanning resolves, JUnit XML that stays XML,
//! completions bash accepts, a man page `man` renders, `--color`, and
//! Markdown that text from the files cannot turn into HTML or links.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn qms() -> Command {
    Command::new(env!("CARGO_BIN_EXE_qms"))
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("the repository root")
}

fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("qms runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

/// A copy of the clean fixture in a temporary directory, `edit` applied to
/// its document.
fn clean_copy(edit: impl Fn(&str) -> String) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let src = repo().join("tests/fixtures/clean");
    std::fs::create_dir(tmp.path().join("documents")).expect("mkdir");
    std::fs::copy(src.join("qms.toml"), tmp.path().join("qms.toml")).expect("copy");
    let doc = "documents/QT-01-kiem-soat-tai-lieu.md";
    let text = std::fs::read_to_string(src.join(doc)).expect("read");
    std::fs::write(tmp.path().join(doc), edit(&text)).expect("write");
    tmp
}

fn sarif_of(dir: &Path, extra: &[&str]) -> serde_json::Value {
    let o = run(qms()
        .args(["check", "--as-of", "2012-06-30", "--format", "sarif"])
        .arg(dir)
        .args(extra));
    assert!(o.status.code().is_some_and(|c| c <= 1), "{o:?}");
    serde_json::from_slice(&o.stdout).expect("SARIF is JSON")
}

#[test]
fn sarif_paths_start_at_the_repository_root_and_every_result_is_placed() {
    let log = sarif_of(&repo().join("tests/fixtures/mixed"), &[]);
    let run = &log["runs"][0];
    assert_eq!(
        run["originalUriBaseIds"]["QMSROOT"]["uri"],
        "tests/fixtures/mixed/"
    );
    let driver = &run["tool"]["driver"];
    // The crate's `repository` when it has one; never a made-up address.
    let repository = Some(env!("CARGO_PKG_REPOSITORY")).filter(|r| !r.is_empty());
    assert_eq!(driver["informationUri"].as_str(), repository);
    for rule in driver["rules"].as_array().expect("rules") {
        let code = rule["id"].as_str().expect("an id");
        assert!(
            rule["help"]["text"].as_str().is_some_and(|t| t.len() > 100),
            "{code}"
        );
        assert!(
            rule["help"]["markdown"]
                .as_str()
                .is_some_and(|t| t.contains(code) || t.len() > 100)
        );
        let help_uri = rule["helpUri"].as_str();
        match repository {
            Some(r) => assert_eq!(
                help_uri,
                Some(format!("{r}/blob/main/docs/rules.md#{}", code.to_lowercase()).as_str())
            ),
            None => assert_eq!(help_uri, None, "{code}"),
        }
    }
    let results = run["results"].as_array().expect("results");
    assert!(!results.is_empty());
    for r in results {
        let loc = &r["locations"][0]["physicalLocation"];
        let uri = loc["artifactLocation"]["uri"].as_str().expect("a uri");
        assert!(uri.starts_with("tests/fixtures/mixed/"), "{uri}");
        assert!(repo().join(uri).is_file(), "{uri} is a file from the root");
        assert_eq!(loc["artifactLocation"]["uriBaseId"], "SRCROOT");
        assert!(loc["region"].is_object());
        assert!(r["partialFingerprints"]["qmsFinding/v1"].is_string());
    }
}

#[test]
fn sarif_root_is_the_git_root_or_the_one_given() {
    // Not in git: the QMS directory itself; `--root` a parent.
    let tmp = clean_copy(|t| t.replace("next_review = 2012-12-31", "next_review = 2012-01-31"));
    let log = sarif_of(tmp.path(), &[]);
    let uri = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
        ["uri"];
    assert_eq!(uri, "documents/QT-01-kiem-soat-tai-lieu.md");
    assert!(
        log["runs"][0]["originalUriBaseIds"]
            .get("QMSROOT")
            .is_none()
    );
    let parent = tmp.path().parent().expect("a parent");
    let log = sarif_of(tmp.path(), &["--root", parent.to_str().expect("UTF-8")]);
    let name = tmp
        .path()
        .file_name()
        .and_then(|n| n.to_str())
        .expect("a name");
    let uri = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
        ["uri"];
    assert_eq!(
        uri.as_str(),
        Some(format!("{name}/documents/QT-01-kiem-soat-tai-lieu.md").as_str())
    );
    // A root the QMS is not in is refused.
    let o = run(qms()
        .args(["check", "--format", "sarif", "--root"])
        .arg(repo())
        .arg(tmp.path()));
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("is not inside --root"));
}

#[test]
fn sarif_without_a_file_points_at_qms_toml_and_encodes_names() {
    let tmp = clean_copy(|t| t.replace("next_review = 2012-12-31", "next_review = 2012-01-31"));
    std::fs::remove_file(tmp.path().join("qms.toml")).expect("rm");
    std::fs::rename(
        tmp.path().join("documents/QT-01-kiem-soat-tai-lieu.md"),
        tmp.path().join("documents/QT-01-kiểm-soát.md"),
    )
    .expect("rename");
    let log = sarif_of(tmp.path(), &[]);
    let results = log["runs"][0]["results"].as_array().expect("results");
    let uri_of = |code: &str| {
        results
            .iter()
            .find(|r| r["ruleId"] == code)
            .map(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].clone())
    };
    assert_eq!(uri_of("LOAD006"), Some("qms.toml".into()));
    assert_eq!(
        uri_of("DOC004"),
        Some("documents/QT-01-ki%E1%BB%83m-so%C3%A1t.md".into())
    );
}

#[test]
fn sarif_fingerprints_survive_lines_moving() {
    let fingerprints = |dir: &Path| -> Vec<String> {
        let log = sarif_of(dir, &[]);
        let mut v: Vec<String> = log["runs"][0]["results"]
            .as_array()
            .expect("results")
            .iter()
            .map(|r| {
                r["partialFingerprints"]["qmsFinding/v1"]
                    .as_str()
                    .expect("a fingerprint")
                    .to_string()
            })
            .collect();
        v.sort();
        v
    };
    let overdue = |t: &str| t.replace("next_review = 2012-12-31", "next_review = 2012-01-31");
    let before = clean_copy(overdue);
    let after =
        clean_copy(|t| overdue(t).replacen("+++\n", "+++\n# a comment moves every line\n\n", 1));
    let lines = |dir: &Path| {
        sarif_of(dir, &[])["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"].clone()
    };
    assert_ne!(lines(before.path()), lines(after.path()));
    assert!(!fingerprints(before.path()).is_empty());
    assert_eq!(fingerprints(before.path()), fingerprints(after.path()));
}

#[test]
fn junit_stays_xml_with_a_control_character_in_a_value() {
    let tmp = clean_copy(|t| {
        t.replace(
            "clauses = [\"7.5\"]",
            "clauses = [\"7.5\"]\nreferences = [\"QT-99\\u000B<x>\"]",
        )
    });
    let o = run(qms()
        .args(["check", "--as-of", "2012-06-30", "--format", "junit"])
        .arg(tmp.path()));
    assert_eq!(o.status.code(), Some(1), "{o:?}");
    let xml = stdout(&o);
    let doc = roxmltree::Document::parse(&xml).expect("JUnit XML parses");
    let failure = doc
        .descendants()
        .find(|n| n.has_tag_name("failure"))
        .and_then(|n| n.text())
        .expect("a failure");
    assert!(failure.contains("QT-99\\u{b}<x>"), "{failure}");
    // The human output escapes it too (no raw control character).
    let o = run(qms()
        .args(["check", "--as-of", "2012-06-30"])
        .arg(tmp.path()));
    let text = stdout(&o);
    assert!(text.contains("QT-99\\u{b}<x>"), "{text}");
    assert!(!text.contains('\u{b}'));
}

#[test]
fn completions_are_accepted_by_bash() {
    let o = run(qms().args(["completions", "bash"]));
    assert!(o.status.success());
    let tmp = tempfile::tempdir().expect("tmp");
    let script = tmp.path().join("qms.bash");
    std::fs::write(&script, &o.stdout).expect("write");
    let syntax = Command::new("bash")
        .arg("-n")
        .arg(&script)
        .output()
        .expect("bash runs");
    assert!(syntax.status.success(), "{syntax:?}");
    let defined = Command::new("bash")
        .arg("-c")
        .arg(format!("source '{}' && complete -p qms", script.display()))
        .output()
        .expect("bash runs");
    assert!(defined.status.success(), "{defined:?}");
    assert!(String::from_utf8_lossy(&defined.stdout).contains("qms"));
    for shell in ["zsh", "fish", "powershell", "elvish"] {
        let o = run(qms().args(["completions", shell]));
        assert!(o.status.success() && o.stdout.len() > 500, "{shell}");
    }
}

#[test]
fn the_man_page_renders() {
    let o = run(qms().arg("man"));
    assert!(o.status.success());
    let tmp = tempfile::tempdir().expect("tmp");
    let page = tmp.path().join("qms.1");
    std::fs::write(&page, &o.stdout).expect("write");
    let man = Command::new("man")
        .arg("-l")
        .arg(&page)
        .env("MANPAGER", "cat")
        .env("MANWIDTH", "80")
        .output();
    let Ok(man) = man else {
        // .ci/run installs man-db and groff and sets this: never skip there.
        assert!(
            std::env::var_os("QMS_REQUIRE_MAN").is_none(),
            "QMS_REQUIRE_MAN is set but man cannot be run"
        );
        eprintln!("man is not installed: the manual page is not rendered");
        return;
    };
    assert!(man.status.success(), "{man:?}");
    let text = String::from_utf8_lossy(&man.stdout);
    for part in ["NAME", "SYNOPSIS", "check", "completions", "--color"] {
        assert!(text.contains(part), "{part} in\n{text}");
    }
    // groff reports no problem with the roff.
    let groff = Command::new("groff")
        .args(["-man", "-Tutf8", "-ww", "-z"])
        .arg(&page)
        .output()
        .expect("groff runs");
    assert!(
        groff.status.success() && groff.stderr.is_empty(),
        "{groff:?}"
    );
}

#[test]
fn colour_is_asked_for_or_refused() {
    let dir = repo().join("tests/fixtures/mixed");
    let args = ["check", "--as-of", "2012-06-30"];
    let always = stdout(&run(qms().args(args).arg(&dir).args(["--color", "always"])));
    assert!(always.contains("\u{1b}["));
    let never = stdout(&run(qms()
        .args(args)
        .arg(&dir)
        .args(["--color", "never"])
        .env("NO_COLOR", "")));
    assert!(!never.contains('\u{1b}'));
}

#[test]
fn markdown_report_cannot_be_injected() {
    let tmp = clean_copy(|t| {
        t.replace(
            "title = \"Kiểm soát tài liệu\"",
            "title = \"<script>alert(1)</script> [x](javascript:alert(1))\\rsplit | here\"",
        )
    });
    let toml = std::fs::read_to_string(tmp.path().join("qms.toml")).expect("read");
    std::fs::write(
        tmp.path().join("qms.toml"),
        toml.replace(
            "name = \"UBND thị trấn Mỹ An\"",
            "name = \"<img src=x onerror=alert(1)>\"",
        )
        .replace(
            "statement = \"Một cửa\"",
            "statement = \"# heading\\r[link](javascript:x)\"",
        ),
    )
    .expect("write");
    let o = run(qms()
        .args([
            "report",
            "--as-of",
            "2012-06-30",
            "--format",
            "md",
            "--lang",
            "en",
            "-o",
            "-",
        ])
        .arg(tmp.path()));
    assert!(o.status.success(), "{o:?}");
    let md = stdout(&o);
    assert!(!md.contains("<script"), "{md}");
    assert!(!md.contains("<img"));
    // `\](` is an escaped bracket, text; `](` would close a link.
    assert!(!md.replace("\\](", "").contains("](javascript:"), "{md}");
    assert!(!md.contains('\r'));
    assert!(!md.contains("\n# heading"));
    // Every row of the document table has as many cells as its header.
    let table: Vec<&str> = md
        .lines()
        .skip_while(|l| !l.contains("&lt;script&gt;") || !l.starts_with('|'))
        .take(1)
        .collect();
    assert_eq!(table.len(), 1, "{md}");
    let cells = |l: &str| l.replace("\\|", "").matches('|').count();
    let header = md
        .lines()
        .find(|l| l.starts_with("| Code |") && l.contains("Next review"))
        .expect("the document table");
    assert_eq!(cells(table[0]), cells(header), "{}", table[0]);
}

#[test]
fn output_dash_is_stdout() {
    let tmp = tempfile::tempdir().expect("tmp");
    let o = run(qms()
        .current_dir(tmp.path())
        .args([
            "report",
            "--as-of",
            "2012-06-30",
            "--format",
            "md",
            "-o",
            "-",
        ])
        .arg(repo().join("tests/fixtures/clean")));
    assert!(o.status.success(), "{o:?}");
    assert!(stdout(&o).starts_with("# "));
    assert!(!tmp.path().join("-").exists());
}
