//! Processes (`[[process]]` in qms.toml) and the audit programme: AUD001 over
//! processes, audited by id or through one of their documents; unique process
//! ids (DOC002) and known documents (DOC003); supplier and customer audits.

mod common;

use common::*;

/// qms.toml with two processes (ids on lines 6 and 11); the
/// audit cycle is checked, the review cadence and coverage are not.
const QMS: &str = r#"[organisation]
name = "Harbour Plastics"
[scope]
statement = "Injection moulding of technical parts"
[[process]]
id = "PR-01"
name = "Document control"
owner = "Quality manager"
documents = ["QT-01"]
[[process]]
id = "PR-02"
name = "Moulding"
owner = "Production manager"
documents = ["QT-02"]
[checks]
CLS001 = "off"
MR001 = "off"
"#;

/// An internal audit that ended on 2012-05-16, its scope on line 9.
const AUDIT: &str = r#"id = "IA-2012-01"
kind = "internal"
start = 2012-05-14
end = 2012-05-16
lead_auditor = "Pat Auditor"
auditors = ["Sam Auditor"]
objectives = "Conformity of the processes"
criteria = "ISO 9001:2015"
scope = ["PR-01", "PR-02"]
conclusion = "Conforms"
"#;

const AU: &str = "audits/IA-2012-01.toml";

fn moulding() -> String {
    GOOD_PROCEDURE
        .replacen("id = \"QT-01\"", "id = \"QT-02\"", 1)
        .replacen("clauses = [\"7.5\"]", "clauses = [\"8.5.1\"]", 1)
}

/// Every finding of the two-process QMS with `changes` (path, content;
/// empty content removes the file).
fn check(changes: &[(&str, &str)]) -> Vec<String> {
    let moulding = moulding();
    let mut files: Vec<(&str, &str)> = vec![
        ("qms.toml", QMS),
        ("documents/QT-01-kiem-soat.md", GOOD_PROCEDURE),
        ("documents/QT-02-moulding.md", &moulding),
        (AU, AUDIT),
    ];
    for (path, text) in changes {
        files.retain(|(p, _)| p != path);
        if !text.is_empty() {
            files.push((path, text));
        }
    }
    let dir = tree(&files);
    findings_in_full(dir.path())
}

fn audit_scope(scope: &str) -> String {
    AUDIT.replacen(
        "scope = [\"PR-01\", \"PR-02\"]",
        &format!("scope = {scope}"),
        1,
    )
}

#[test]
fn every_process_audited_within_the_cycle_is_clean() {
    assert_eq!(check(&[]), Vec::<String>::new());
}

#[test]
fn aud001_a_process_not_audited_within_the_cycle() {
    let audit = audit_scope("[\"PR-01\"]");
    assert_eq!(
        check(&[(AU, &audit)]),
        [
            "AUD001 qms.toml:11 process `PR-02` (Moulding) was not audited by an internal audit in the 12 months before 2012-06-30"
        ]
    );
    // an audit that ended before the cycle audits nothing
    let old = AUDIT
        .replacen("start = 2012-05-14", "start = 2011-05-14", 1)
        .replacen("end = 2012-05-16", "end = 2011-05-16", 1);
    assert_eq!(
        check(&[(AU, &old)]),
        [
            "AUD001 qms.toml:6 process `PR-01` (Document control) was not audited by an internal audit in the 12 months before 2012-06-30",
            "AUD001 qms.toml:11 process `PR-02` (Moulding) was not audited by an internal audit in the 12 months before 2012-06-30",
        ]
    );
}

#[test]
fn aud001_a_process_audited_through_one_of_its_documents() {
    // PR-02 by its procedure QT-02; the procedures themselves are not asked.
    let audit = audit_scope("[\"PR-01\", \"QT-02\"]");
    assert_eq!(check(&[(AU, &audit)]), Vec::<String>::new());
}

#[test]
fn aud001_without_processes_asks_for_every_current_procedure() {
    let (head, tail) = QMS.split_once("[[process]]").expect("processes");
    let checks = &tail[tail.find("[checks]").expect("checks")..];
    let qms = format!("{head}{checks}");
    let audit = audit_scope("[\"QT-01\"]");
    assert_eq!(
        check(&[("qms.toml", &qms), (AU, &audit)]),
        [
            "AUD001 documents/QT-02-moulding.md:2 procedure `QT-02` was not audited by an internal audit in the 12 months before 2012-06-30"
        ]
    );
    // and a process id in a scope is then unknown
    let audit = audit_scope("[\"QT-01\", \"QT-02\", \"PR-01\"]");
    assert_eq!(
        check(&[("qms.toml", &qms), (AU, &audit)]),
        ["DOC003 audits/IA-2012-01.toml:9 unknown document `PR-01`"]
    );
}

#[test]
fn audits_coverage_counts_processes() {
    let moulding = moulding();
    let audit = audit_scope("[\"PR-01\"]");
    let dir = tree(&[
        ("qms.toml", QMS),
        ("documents/QT-01-kiem-soat.md", GOOD_PROCEDURE),
        ("documents/QT-02-moulding.md", &moulding),
        (AU, &audit),
    ]);
    let qms = qms_core::load(dir.path()).expect("loads");
    let metric = qms_core::METRICS
        .iter()
        .find(|m| m.name == "audits.coverage")
        .expect("metric");
    assert_eq!(
        metric.measure_at(&qms, as_of()).map(|v| v.to_string()),
        Some("50%".to_string())
    );
}

#[test]
fn doc002_duplicate_process_id() {
    let qms = QMS.replacen("id = \"PR-02\"", "id = \"PR-01\"", 1);
    let audit = audit_scope("[\"PR-01\"]");
    assert_eq!(
        check(&[("qms.toml", &qms), (AU, &audit)]),
        ["DOC002 qms.toml:11 duplicate process id `PR-01`, first defined in qms.toml:6"]
    );
}

#[test]
fn doc003_process_naming_an_unknown_document() {
    let qms = QMS.replacen(
        "documents = [\"QT-02\"]",
        "documents = [\"QT-02\", \"QT-99\"]",
        1,
    );
    assert_eq!(
        check(&[("qms.toml", &qms)]),
        ["DOC003 qms.toml:14 unknown document `QT-99`"]
    );
}

#[test]
fn doc003_audit_scope_names_documents_or_processes() {
    let audit = audit_scope("[\"PR-01\", \"PR-02\", \"QT-01\", \"PR-09\"]");
    assert_eq!(
        check(&[(AU, &audit)]),
        ["DOC003 audits/IA-2012-01.toml:9 unknown document or process `PR-09`"]
    );
}

#[test]
fn aud002_auditor_owns_a_process_in_scope() {
    let audit = AUDIT.replacen(
        "auditors = [\"Sam Auditor\"]",
        "auditors = [\"Production Manager\"]",
        1,
    );
    assert_eq!(
        check(&[(AU, &audit)]),
        [
            "AUD002 audits/IA-2012-01.toml:6 Production Manager audits `PR-02` in `IA-2012-01`, a process they own"
        ]
    );
}

/// The audit with the production manager on the team and `assignments`
/// appended (`[[assignment]]` on line 12, its auditor on 13, its scope on 14).
fn assigned(lead: &str, assignments: &str) -> String {
    AUDIT
        .replacen(
            "auditors = [\"Sam Auditor\"]",
            "auditors = [\"Production Manager\"]",
            1,
        )
        .replacen(
            "lead_auditor = \"Pat Auditor\"",
            &format!("lead_auditor = \"{lead}\""),
            1,
        )
        + assignments
}

#[test]
fn aud002_assigned_auditor_is_compared_with_their_own_scope_only() {
    let audit = assigned(
        "Pat Auditor",
        "\n[[assignment]]\nauditor = \"Production Manager\"\nscope = [\"PR-01\"]\n",
    );
    assert_eq!(check(&[(AU, &audit)]), Vec::<String>::new());
}

#[test]
fn aud002_assigned_auditor_owning_part_of_their_scope() {
    let audit = assigned(
        "Pat Auditor",
        "\n[[assignment]]\nauditor = \"Production Manager\"\nscope = [\"PR-01\", \"PR-02\"]\n",
    );
    assert_eq!(
        check(&[(AU, &audit)]),
        [
            "AUD002 audits/IA-2012-01.toml:13 Production Manager audits `PR-02` in `IA-2012-01`, a process they own"
        ]
    );
}

#[test]
fn aud002_unassigned_auditor_is_compared_with_the_whole_scope() {
    // The quality manager leads with no assignment: PR-01 is theirs.
    let audit = assigned(
        "Quality Manager",
        "\n[[assignment]]\nauditor = \"Production Manager\"\nscope = [\"PR-01\"]\n",
    );
    assert_eq!(
        check(&[(AU, &audit)]),
        [
            "AUD002 audits/IA-2012-01.toml:5 Quality Manager audits `PR-01` in `IA-2012-01`, a process they own"
        ]
    );
}

#[test]
fn aud002_assignment_outside_the_audit_scope() {
    let audit = assigned(
        "Pat Auditor",
        "\n[[assignment]]\nauditor = \"Production Manager\"\nscope = [\"PR-01\", \"QT-02\"]\n",
    );
    assert_eq!(
        check(&[(AU, &audit)]),
        [
            "AUD002 audits/IA-2012-01.toml:14 Production Manager's assignment lists `QT-02`, not in the scope of `IA-2012-01`"
        ]
    );
}

#[test]
fn audit_assignment_fields_are_checked() {
    let audit = assigned(
        "Pat Auditor",
        "\n[[assignment]]\nauditor = \"Production Manager\"\nareas = [\"PR-01\"]\n",
    );
    let got = check(&[(AU, &audit)]);
    assert!(got.iter().any(|f| f.contains("areas")), "{got:?}");
}

/// A supplier audit: its scope and findings name the supplier's processes
/// and documents, free text.
const SUPPLIER_AUDIT: &str = r#"id = "SA-2012-01"
kind = "supplier"
start = 2012-04-02
end = 2012-04-02
lead_auditor = "Quality manager"
objectives = "Approve the resin supplier"
criteria = "Purchase specification PS-4"
scope = ["Polymer Supplies Ltd: compounding and drying", "PSL-QP-12 lot traceability"]
conclusion = "Approved with one observation"

[[finding]]
grade = "observation"
clause = "8.4.2"
document = "PSL-QP-12"
evidence = "Lot labels handwritten"
"#;

#[test]
fn supplier_audit_scope_is_free_text_and_audits_none_of_ours() {
    assert_eq!(
        check(&[("audits/SA-2012-01.toml", SUPPLIER_AUDIT)]),
        Vec::<String>::new()
    );
    // its scope does not count for the internal audit programme, even when
    // it happens to name one of our processes
    let supplier = SUPPLIER_AUDIT.replacen("scope = [", "scope = [\"PR-02\", ", 1);
    let audit = audit_scope("[\"PR-01\"]");
    assert_eq!(
        check(&[(AU, &audit), ("audits/SA-2012-01.toml", &supplier)]),
        [
            "AUD001 qms.toml:11 process `PR-02` (Moulding) was not audited by an internal audit in the 12 months before 2012-06-30"
        ]
    );
}

#[test]
fn customer_audit_kind_is_accepted_and_its_scope_checked() {
    let customer = r#"id = "CU-2012-01"
kind = "customer"
start = 2012-03-20
end = 2012-03-20
lead_auditor = "Buyer's supplier quality engineer"
objectives = "Second-party audit before the new part is released"
criteria = "Customer supplier manual, ISO 9001:2015"
scope = ["PR-02", "QT-02", "PR-07"]
conclusion = "Approved"
"#;
    assert_eq!(
        check(&[("audits/CU-2012-01.toml", customer)]),
        ["DOC003 audits/CU-2012-01.toml:8 unknown document or process `PR-07`"]
    );
    let customer = customer.replacen(", \"PR-07\"", "", 1);
    assert_eq!(
        check(&[("audits/CU-2012-01.toml", &customer)]),
        Vec::<String>::new()
    );
    // nor does a customer's audit count for our own programme
    let audit = audit_scope("[\"PR-01\"]");
    assert_eq!(
        check(&[(AU, &audit), ("audits/CU-2012-01.toml", &customer)]),
        [
            "AUD001 qms.toml:11 process `PR-02` (Moulding) was not audited by an internal audit in the 12 months before 2012-06-30"
        ]
    );
}

#[test]
fn load002_unknown_key_in_a_process() {
    let qms = QMS.replacen(
        "owner = \"Quality manager\"",
        "owner = \"Quality manager\"\nsteps = 4",
        1,
    );
    let got = check(&[("qms.toml", &qms)]);
    assert!(
        got.iter().any(|f| f.starts_with("LOAD002 qms.toml:9")),
        "{got:?}"
    );
}
