//! Exclusions under the built-in profiles: which clauses each allows to be
//! declared not applicable (CLS003), and exclusions that the QMS's own
//! documents or record types contradict (CLS007), in either numbering.

mod common;

use common::*;

/// qms.toml with `scope` lines after the statement (line 5 on) and `checks`
/// appended to the `[checks]` table.
fn qms_toml(scope: &str, checks: &str) -> String {
    let head = "statement = \"Một cửa\"\n";
    assert!(QMS_TOML.contains(head));
    format!(
        "{}{checks}",
        QMS_TOML.replacen(head, &format!("{head}{scope}"), 1)
    )
}

/// The good procedure (QT-01, citing 7.5) as another procedure citing
/// `clauses` (TOML array text) with `status`.
fn procedure(id: &str, clauses: &str, status: &str) -> String {
    GOOD_PROCEDURE
        .replacen("id = \"QT-01\"", &format!("id = \"{id}\""), 1)
        .replacen("clauses = [\"7.5\"]", &format!("clauses = {clauses}"), 1)
        .replacen("status = \"current\"", &format!("status = \"{status}\""), 1)
}

const RECORDS: &str = r#"[[record]]
id = "HS-01"
title = "Design reviews"
owner = "Engineering"
retention = "5 years"
disposition = "Shred"
clauses = ["8.3"]
files = "records/design/*.md"
"#;

/// Every finding (code, file, line, message) of qms.toml with `scope` and
/// `checks`, the good procedure QT-01 and `files`.
fn check(scope: &str, checks: &str, files: &[(&str, &str)]) -> Vec<String> {
    let qms = qms_toml(scope, checks);
    let mut all = vec![
        ("qms.toml", qms.as_str()),
        ("documents/QT-01-kiem-soat.md", GOOD_PROCEDURE),
    ];
    all.extend_from_slice(files);
    let dir = tree(&all);
    findings_in_full(dir.path())
}

fn help_of(scope: &str, code: &str) -> Option<String> {
    let qms = qms_toml(scope, "");
    let dir = tree(&[
        ("qms.toml", &qms),
        ("documents/QT-01-kiem-soat.md", GOOD_PROCEDURE),
    ]);
    let loaded = qms_core::load(dir.path()).expect("loads");
    let report = qms_core::check(&loaded, &qms_core::CheckOptions::new(as_of()));
    let f = report.findings.iter().find(|f| f.code == code)?;
    f.help.clone()
}

#[test]
fn cls003_iso9001_2015_allows_design_traceability_item_f_and_property() {
    for allowed in ["8.3", "8.3.4", "7.1.5.2", "8.5.1.f", "8.5.3"] {
        let scope = format!("not_applicable = [{{ clause = \"{allowed}\", reason = \"x\" }}]\n");
        assert_eq!(check(&scope, "", &[]), Vec::<String>::new(), "{allowed}");
    }
    for refused in ["7.5", "8.5.1", "7.1.5", "8.5.5", "9.2"] {
        let scope = format!("not_applicable = [{{ clause = \"{refused}\", reason = \"x\" }}]\n");
        assert_eq!(
            check(&scope, "", &[]),
            [format!(
                "CLS003 qms.toml:5 iso9001:2015 does not allow clause {refused} to be declared not applicable"
            )],
            "{refused}"
        );
    }
}

#[test]
fn cls003_help_gives_the_list_and_the_reason_of_the_profile() {
    let help = help_of(
        "not_applicable = [{ clause = \"7.5\", reason = \"x\" }]\n",
        "CLS003",
    );
    assert_eq!(
        help.as_deref(),
        Some(
            "iso9001:2015 allows exclusions only within: 7.1.5.2, 8.3, 8.5.1.f, 8.5.3; only requirements that cannot affect the ability to provide conforming products and services, or customer satisfaction, may be declared not applicable (ISO 9001:2015 4.3)"
        )
    );
}

#[test]
fn cls003_iso9001_2008_allows_clause_7_only() {
    // The mandatory procedures of 2008 are another rule's business here.
    let profile = "profile = \"iso9001:2008\"\n";
    let checks = "CLS005 = \"off\"\n";
    for allowed in ["7.3", "7.5.2", "7.6"] {
        let scope =
            format!("{profile}not_applicable = [{{ clause = \"{allowed}\", reason = \"x\" }}]\n");
        assert_eq!(
            check(&scope, checks, &[]),
            Vec::<String>::new(),
            "{allowed}"
        );
    }
    let scope = format!("{profile}not_applicable = [{{ clause = \"8.2.2\", reason = \"x\" }}]\n");
    assert_eq!(
        check(&scope, checks, &[]),
        [
            "CLS003 qms.toml:6 iso9001:2008 does not allow clause 8.2.2 to be declared not applicable"
        ]
    );
}

#[test]
fn cls007_excluded_clause_cited_by_a_current_procedure() {
    let calibration = procedure("QT-09", "[\"7.1.5.1\", \"7.1.5.2\"]", "current");
    let scope = "not_applicable = [\n  { clause = \"8.3\", reason = \"No design\" },\n  { clause = \"7.1.5.2\", reason = \"No calibrated equipment\" },\n]\n";
    assert_eq!(
        check(
            scope,
            "",
            &[("documents/QT-09-hieu-chuan.md", &calibration)]
        ),
        [
            "CLS007 qms.toml:7 clause 7.1.5.2 is declared not applicable but is cited by document `QT-09`"
        ]
    );
    let f = help_of(scope, "CLS007");
    assert_eq!(f, None, "QT-01 alone cites neither");
}

#[test]
fn cls007_subclause_cited_names_each_document_and_record_type() {
    let design = procedure("QT-09", "[\"8.3.2\", \"8.3.4\"]", "current");
    let scope = "not_applicable = [{ clause = \"8.3\", reason = \"No design\" }]\n";
    assert_eq!(
        check(
            scope,
            "",
            &[
                ("documents/QT-09-thiet-ke.md", &design),
                ("records.toml", RECORDS),
                ("records/design/2012-01.md", "Review"),
            ]
        ),
        [
            "CLS007 qms.toml:5 clause 8.3 is declared not applicable but is cited by document `QT-09` (8.3.2, 8.3.4), record type `HS-01`"
        ]
    );
}

#[test]
fn cls007_not_raised_by_a_parent_a_sibling_or_a_document_out_of_force() {
    let scope =
        "not_applicable = [{ clause = \"7.1.5.2\", reason = \"No calibrated equipment\" }]\n";
    for (clauses, status) in [
        ("[\"7.1.5\"]", "current"),
        ("[\"7.1.5.1\"]", "current"),
        ("[\"7.1.5.2\"]", "draft"),
        ("[\"7.1.5.2\"]", "obsolete"),
    ] {
        let doc = procedure("QT-09", clauses, status);
        assert_eq!(
            check(scope, "", &[("documents/QT-09-hieu-chuan.md", &doc)]),
            Vec::<String>::new(),
            "{clauses} {status}"
        );
    }
}

#[test]
fn cls007_item_f_of_8_5_1() {
    let scope = "not_applicable = [{ clause = \"8.5.1.f\", reason = \"Every output is checked before release\" }]\n";
    let whole = procedure("QT-09", "[\"8.5.1\"]", "current");
    assert_eq!(
        check(scope, "", &[("documents/QT-09-dich-vu.md", &whole)]),
        Vec::<String>::new()
    );
    let item = procedure("QT-09", "[\"8.5.1\", \"8.5.1.f\"]", "current");
    assert_eq!(
        check(scope, "", &[("documents/QT-09-dich-vu.md", &item)]),
        [
            "CLS007 qms.toml:5 clause 8.5.1.f is declared not applicable but is cited by document `QT-09`"
        ]
    );
}

#[test]
fn cls007_compares_in_the_numbering_the_exclusion_is_written_in() {
    // Files in 2015 numbers, checked against 2008: 7.1.5.1 and 7.1.5.2 both
    // translate to 7.6, yet excluding traceability leaves the records of
    // monitoring equipment (7.1.5.1) standing: no finding.
    let scope = "profile = \"iso9001:2008\"\nclause_numbering = \"iso9001:2015\"\nnot_applicable = [\n  { clause = \"7.1.5.2\", reason = \"No calibrated equipment\" },\n  { clause = \"7.5.2\", profile = \"iso9001:2008\", reason = \"Every output is checked\" },\n]\n";
    let checks = "CLS005 = \"off\"\n";
    let monitoring = procedure("QT-09", "[\"7.1.5.1\", \"8.5.1\"]", "current");
    assert_eq!(
        check(
            scope,
            checks,
            &[("documents/QT-09-theo-doi.md", &monitoring)]
        ),
        Vec::<String>::new()
    );
    // An exclusion written in 2008 numbers: the citations are translated
    // (8.5.1 f) of 2015 is 7.5.2 of 2008).
    let special = procedure("QT-09", "[\"8.5.1.f\"]", "current");
    assert_eq!(
        check(scope, checks, &[("documents/QT-09-theo-doi.md", &special)]),
        [
            "CLS007 qms.toml:9 clause 7.5.2 is declared not applicable but is cited by document `QT-09` (8.5.1.f)"
        ]
    );
    // Checked against 2015, the 2008-only exclusion is not in force.
    let scope_2015 = scope.replacen("iso9001:2008\"\nclause", "iso9001:2015\"\nclause", 1);
    assert_eq!(
        check(
            &scope_2015,
            "",
            &[("documents/QT-09-theo-doi.md", &special)]
        ),
        Vec::<String>::new()
    );
}

#[test]
fn cls007_not_raised_when_the_profile_refuses_the_exclusion() {
    // QT-01 cites 7.5: CLS003 says the exclusion is refused, once.
    let scope = "not_applicable = [{ clause = \"7.5\", reason = \"x\" }]\n";
    let got = check(scope, "", &[]);
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].starts_with("CLS003 qms.toml:5"), "{got:?}");
}
