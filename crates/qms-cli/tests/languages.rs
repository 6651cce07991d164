//! The language and the ids follow the QMS: `qms init --lang en|vi`, then
//! `qms new` of every kind, then `qms check`, in a temporary directory; the
//! `[ids]` table and the prefixes a directory already uses; the report's
//! language and its objectives paragraph without a dossier register.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Output};

fn qms(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_qms"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("qms runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// `qms new KIND site` for each kind; the paths it printed.
fn new_of_each_kind(cwd: &Path) -> Vec<String> {
    ["document", "nc", "action", "audit", "review"]
        .into_iter()
        .map(|kind| {
            let out = qms(&["new", kind, "site", "--as-of", "2012-06-30"], cwd);
            assert!(out.status.success(), "{kind}: {}", text(&out.stderr));
            text(&out.stdout).trim_end().to_string()
        })
        .collect()
}

/// `qms check site` passes, and its findings are only the to-do warnings
/// `qms init` sets (the JSON output is parsed, not compared).
fn passes_with_only_the_to_do_warnings(cwd: &Path) {
    let out = qms(
        &["check", "site", "--as-of", "2012-06-30", "--format", "json"],
        cwd,
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("check JSON");
    assert!(out.status.success(), "{json:#}");
    let codes: BTreeSet<&str> = json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            assert_eq!(f["level"], "warning", "{f}");
            f["code"].as_str().expect("code")
        })
        .collect();
    assert!(
        codes.is_subset(&["AUD001", "CLS001", "MR001"].into_iter().collect()),
        "{codes:?}"
    );
}

fn all_files(root: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(root).expect("read dir") {
        let p = e.expect("entry").path();
        if p.is_dir() {
            out.extend(all_files(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn init_en_then_new_of_each_kind_writes_english_with_english_ids() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cwd = dir.path();
    let out = qms(
        &["init", "site", "--lang", "en", "--as-of", "2012-06-30"],
        cwd,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "site/qms.toml\nsite/documents/POL-01-quality-policy.md\nsite/documents/QM-01-quality-manual.md\nsite/documents/QM-02-quality-objectives.md\nsite/documents/P-01-document-control.md\nsite/records.toml\n"
    );
    let config = std::fs::read_to_string(cwd.join("site/qms.toml")).expect("qms.toml");
    assert!(
        config.contains("[organisation]\nname = \"Name of the organisation\"\nlang = \"en\"\n")
    );
    assert!(config.contains("id = \"OBJ-01\""));
    assert!(!config.contains("[calendar]"), "no country is forced");
    let procedure =
        std::fs::read_to_string(cwd.join("site/documents/P-01-document-control.md")).expect("P-01");
    for heading in [
        "Purpose",
        "Scope",
        "Responsibilities",
        "Procedure",
        "Records",
    ] {
        assert!(procedure.contains(&format!(". {heading}\n")), "{heading}");
    }
    assert_eq!(
        new_of_each_kind(cwd),
        [
            "site/documents/P-02.md",
            "site/nonconformities/NC-2012-001.toml",
            "site/actions/CA-2012-001.toml",
            "site/audits/IA-2012-01.toml",
            "site/reviews/MR-2012-01.toml",
        ]
    );
    // English through and through: not one Vietnamese letter in any file.
    for f in all_files(&cwd.join("site")) {
        let t = std::fs::read_to_string(&f).expect("utf-8");
        assert!(t.is_ascii(), "{} is not plain English:\n{t}", f.display());
    }
    let action =
        std::fs::read_to_string(cwd.join("site/actions/CA-2012-001.toml")).expect("action");
    assert!(
        action.contains("nonconformities = [\"NC-2012-001\"]"),
        "{action}"
    );
    let audit = std::fs::read_to_string(cwd.join("site/audits/IA-2012-01.toml")).expect("audit");
    assert!(audit.contains("scope = [\"P-01\"]"), "{audit}");
    passes_with_only_the_to_do_warnings(cwd);

    // The report speaks the QMS's language and says nothing of dossiers.
    let out = qms(
        &["report", "site", "--as-of", "2012-06-30", "--format", "md"],
        cwd,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let md = text(&out.stdout);
    assert!(
        md.starts_with("# Quality management system audit report"),
        "{md}"
    );
    assert!(md.contains("internal audit, management review and quality objectives."));
    assert!(!md.contains("dossier"), "{md}");
}

#[test]
fn init_vi_then_new_of_each_kind_writes_todays_vietnamese_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cwd = dir.path();
    let out = qms(
        &["init", "site", "--lang", "vi", "--as-of", "2012-06-30"],
        cwd,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "site/qms.toml\nsite/documents/CSCL-chinh-sach-chat-luong.md\nsite/documents/STCL-so-tay-chat-luong.md\nsite/documents/MTCL-muc-tieu-chat-luong.md\nsite/documents/QT-01-kiem-soat-tai-lieu.md\nsite/records.toml\n"
    );
    let config = std::fs::read_to_string(cwd.join("site/qms.toml")).expect("qms.toml");
    assert!(config.contains("lang = \"vi\"\n"));
    assert!(config.contains("id = \"MT-01\""));
    assert!(config.contains("[calendar]\ncountry = \"VN\"\n"));
    assert_eq!(
        new_of_each_kind(cwd),
        [
            "site/documents/QT-02.md",
            "site/nonconformities/NC-2012-001.toml",
            "site/actions/HD-2012-001.toml",
            "site/audits/DGNB-2012-01.toml",
            "site/reviews/XXLD-2012-01.toml",
        ]
    );
    let procedure = std::fs::read_to_string(cwd.join("site/documents/QT-02.md")).expect("QT-02");
    assert!(procedure.contains("## 7. Hồ sơ cần lưu"));
    let review =
        std::fs::read_to_string(cwd.join("site/reviews/XXLD-2012-01.toml")).expect("review");
    assert!(review.contains("# action = \"HD-...\""));
    passes_with_only_the_to_do_warnings(cwd);
    let out = qms(
        &["report", "site", "--as-of", "2012-06-30", "--format", "md"],
        cwd,
    );
    assert!(
        text(&out.stdout).starts_with("# Báo cáo đánh giá"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn ids_table_and_the_directorys_own_prefixes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cwd = dir.path();
    let out = qms(
        &["init", "site", "--lang", "en", "--as-of", "2012-06-30"],
        cwd,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));

    // The directory already writes its actions `CA-2012-...` and one audit `QA-`:
    // `new` goes on with them.
    std::fs::create_dir_all(cwd.join("site/actions")).expect("mkdir");
    std::fs::write(
        cwd.join("site/actions/CA-2012-001.toml"),
        "id = \"CA-2012-001\"\nkind = \"improvement\"\ndescription = \"x\"\nowner = \"A\"\ndue = 2012-12-01\nstatus = \"planned\"\n",
    )
    .expect("write");
    let out = qms(&["new", "action", "site", "--as-of", "2012-06-30"], cwd);
    assert_eq!(text(&out.stdout), "site/actions/CA-2012-002.toml\n");

    // `[ids]` overrides both the language and the directory.
    let path = cwd.join("site/qms.toml");
    let mut config = std::fs::read_to_string(&path).expect("qms.toml");
    config.push_str("\n[ids]\naction = \"ACT-\"\nprocedure = \"SOP-\"\nnc = \"NCR-\"\n");
    std::fs::write(&path, config).expect("write");
    for (kind, expected) in [
        ("action", "site/actions/ACT-2012-001.toml"),
        ("document", "site/documents/SOP-01.md"),
        ("nc", "site/nonconformities/NCR-2012-001.toml"),
        ("review", "site/reviews/MR-2012-01.toml"),
    ] {
        let out = qms(&["new", kind, "site", "--as-of", "2012-06-30"], cwd);
        assert!(out.status.success(), "{}", text(&out.stderr));
        assert_eq!(text(&out.stdout), format!("{expected}\n"));
    }
    // The review's example action follows `[ids]` too.
    let review = std::fs::read_to_string(cwd.join("site/reviews/MR-2012-01.toml")).expect("review");
    assert!(review.contains("# action = \"ACT-...\""), "{review}");
}
