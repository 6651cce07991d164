//! Product nonconformities (nonconforming outputs, ISO 9001:2015 8.7):
//! disposition and authority (NC009), the customer's authorisation of a
//! concession (NC010), and `[nonconformity] corrective_action_for`, which
//! says which grades need a corrective action (NC001 to NC006).

mod common;

use common::*;

/// A closed goods-in nonconformity: returned to the supplier on the
/// Quality Engineer's authority, with its corrective action verified.
const NC: &str = r#"id = "NC-2012-001"
title = "Masterbatch delivered on the wrong carrier"
raised = 2012-03-12
raised_by = "Amy Fletcher"
source = "goods-in"
grade = "minor"
description = "Certificate shows the PE grade; the PP grade is approved"
correction = "Delivery quarantined, no bag opened"
disposition = "return-to-supplier"
quantity = 8
unit = "bags"
authorised_by = "Tom Bradshaw"
authorised_on = 2012-03-12
status = "closed"
closed = 2012-05-20

[root_cause]
method = "5-why"
whys = ["The order gave no grade code", "The item master lost it"]
cause = "Orders did not state the supplier's grade code"

[effectiveness]
method = "All deliveries of April and May checked"
verified_by = "Priya Nair"
verified_on = 2012-05-15
result = "effective"
evidence = ["records/check.md"]
"#;

const ACTION: &str = r#"id = "CA-2012-001"
kind = "corrective"
nonconformities = ["NC-2012-001"]
description = "Grade codes on every purchase order"
owner = "Helen Okafor"
due = 2012-04-15
status = "done"
done_on = 2012-04-10
evidence = ["records/po.md"]
"#;

/// A minor audit finding closed with its correction only: no action, no
/// root cause, no effectiveness check.
const CORRECTED: &str = r#"id = "NC-2012-002"
title = "Out-of-date form in use at the desk"
raised = 2012-04-02
source = "internal-audit"
grade = "minor"
correction = "Old forms removed, the current revision put out"
status = "closed"
closed = 2012-04-03
"#;

const N: &str = "nonconformities/NC-2012-001.toml";
const N2: &str = "nonconformities/NC-2012-002.toml";

/// qms.toml with `nonconformity` as the body of its `[nonconformity]` table.
fn qms_toml(nonconformity: &str) -> String {
    QMS_TOML.replace(
        "[checks]",
        &format!("[nonconformity]\n{nonconformity}[checks]"),
    )
}

/// The findings (`CODE file:line message`) of the loop with `changes`
/// (path, content; empty removes).
fn run(changes: &[(&str, &str)]) -> Vec<String> {
    let qms = qms_toml("");
    let mut files: Vec<(&str, &str)> = vec![
        ("qms.toml", &qms),
        ("documents/QT-01-kiem-soat.md", GOOD_PROCEDURE),
        (N, NC),
        ("actions/CA-2012-001.toml", ACTION),
        ("records/check.md", "Deliveries checked"),
        ("records/po.md", "Purchase orders"),
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

/// The findings with the nonconformity's text changed.
fn nc(text: &str) -> Vec<String> {
    run(&[(N, text)])
}

fn replaced(from: &str, to: &str) -> String {
    assert!(NC.contains(from), "fixture has no `{from}`");
    NC.replacen(from, to, 1)
}

#[test]
fn a_closed_output_with_disposition_and_authority_is_clean() {
    assert_eq!(run(&[]), Vec::<String>::new());
}

#[test]
fn nc009_closed_output_without_disposition() {
    let n = replaced("disposition = \"return-to-supplier\"\n", "");
    assert_eq!(
        nc(&n),
        [format!(
            "NC009 {N}:13 nonconforming output `NC-2012-001` is closed with no `disposition`"
        )]
    );
    // not yet closed: the disposition may still be pending
    let open = n
        .replace("status = \"closed\"", "status = \"verification\"")
        .replace("closed = 2012-05-20\n", "");
    assert_eq!(nc(&open), Vec::<String>::new());
}

#[test]
fn nc009_closed_output_without_authority() {
    let n = replaced(
        "authorised_by = \"Tom Bradshaw\"\nauthorised_on = 2012-03-12\n",
        "",
    );
    assert_eq!(
        nc(&n),
        [format!(
            "NC009 {N}:12 nonconforming output `NC-2012-001` is closed with no `authorised_by` or `authorised_on`"
        )]
    );
    let n = replaced("authorised_on = 2012-03-12\n", "");
    assert_eq!(
        nc(&n),
        [format!(
            "NC009 {N}:13 nonconforming output `NC-2012-001` is closed with no `authorised_on`"
        )]
    );
    let n = replaced("authorised_by = \"Tom Bradshaw\"", "authorised_by = \" \"");
    assert_eq!(
        nc(&n),
        [format!(
            "NC009 {N}:14 nonconforming output `NC-2012-001` is closed with no `authorised_by`"
        )]
    );
}

#[test]
fn nc009_nothing_at_all_on_a_closed_output() {
    let n = replaced(
        "disposition = \"return-to-supplier\"\nquantity = 8\nunit = \"bags\"\nauthorised_by = \"Tom Bradshaw\"\nauthorised_on = 2012-03-12\n",
        "",
    );
    assert_eq!(
        nc(&n),
        [format!(
            "NC009 {N}:9 nonconforming output `NC-2012-001` is closed with no `disposition`, `authorised_by` or `authorised_on`"
        )]
    );
}

#[test]
fn which_nonconformities_are_outputs() {
    let bare = replaced(
        "disposition = \"return-to-supplier\"\nquantity = 8\nunit = \"bags\"\nauthorised_by = \"Tom Bradshaw\"\nauthorised_on = 2012-03-12\n",
        "",
    );
    // every product source makes an output
    for source in [
        "supplier",
        "in-process",
        "final-inspection",
        "customer-return",
        "customer-complaint",
    ] {
        let n = bare.replace("\"goods-in\"", &format!("\"{source}\""));
        assert_eq!(
            nc(&n),
            [format!(
                "NC009 {N}:9 nonconforming output `NC-2012-001` is closed with no `disposition`, `authorised_by` or `authorised_on`"
            )],
            "{source}"
        );
    }
    // `product = false` says it is about the system, not a product
    let n = bare.replace(
        "grade = \"minor\"\n",
        "grade = \"minor\"\nproduct = false\n",
    );
    assert_eq!(nc(&n), Vec::<String>::new());
    // another source is not, unless it says `product = true`
    let process = bare.replace("\"goods-in\"", "\"process\"");
    assert_eq!(nc(&process), Vec::<String>::new());
    let n = process.replace("grade = \"minor\"\n", "grade = \"minor\"\nproduct = true\n");
    assert_eq!(
        nc(&n),
        [format!(
            "NC009 {N}:10 nonconforming output `NC-2012-001` is closed with no `disposition`, `authorised_by` or `authorised_on`"
        )]
    );
    // nor does a disposition alone without its authority
    let n = NC
        .replace("\"goods-in\"", "\"process\"")
        .replace("authorised_on = 2012-03-12\n", "");
    assert_eq!(
        nc(&n),
        [format!(
            "NC009 {N}:13 nonconforming output `NC-2012-001` is closed with no `authorised_on`"
        )]
    );
}

#[test]
fn nc009_authorised_before_raised_after_closed_or_after_the_check_date() {
    let n = replaced("authorised_on = 2012-03-12", "authorised_on = 2012-03-10");
    assert_eq!(
        nc(&n),
        [format!(
            "NC009 {N}:13 the disposition of `NC-2012-001` was authorised on 2012-03-10, before the nonconformity was raised (2012-03-12)"
        )]
    );
    let n = replaced("authorised_on = 2012-03-12", "authorised_on = 2012-05-21");
    assert_eq!(
        nc(&n),
        [format!(
            "NC009 {N}:13 the disposition of `NC-2012-001` was authorised on 2012-05-21, after the nonconformity was closed (2012-05-20)"
        )]
    );
    let open = replaced("authorised_on = 2012-03-12", "authorised_on = 2012-07-02")
        .replace("status = \"closed\"", "status = \"verification\"")
        .replace("closed = 2012-05-20\n", "");
    assert_eq!(
        nc(&open),
        [format!(
            "NC009 {N}:13 the disposition of `NC-2012-001` was authorised on 2012-07-02, after the check date 2012-06-30"
        )]
    );
}

#[test]
fn nc010_concession_needs_the_customer_where_the_house_says_so() {
    let concession = replaced(
        "disposition = \"return-to-supplier\"",
        "disposition = \"concession\"",
    );
    let required = qms_toml("concession_needs_customer = true\n");
    assert_eq!(
        run(&[(N, &concession), ("qms.toml", &required)]),
        [format!(
            "NC010 {N}:9 the concession on `NC-2012-001` has no `customer_authorisation`, which `[nonconformity] concession_needs_customer` requires"
        )]
    );
    // with the customer's authorisation
    let authorised = concession.replace(
        "status = \"closed\"",
        "customer_authorisation = \"Deviation DV-12-014, e-mail of 2012-03-13\"\nstatus = \"closed\"",
    );
    assert_eq!(
        run(&[(N, &authorised), ("qms.toml", &required)]),
        Vec::<String>::new()
    );
    // a concession not yet authorised nor closed: still waiting for the customer
    let pending = concession
        .replace("authorised_on = 2012-03-12\n", "")
        .replace("status = \"closed\"", "status = \"verification\"")
        .replace("closed = 2012-05-20\n", "");
    assert_eq!(
        run(&[(N, &pending), ("qms.toml", &required)]),
        Vec::<String>::new()
    );
    // not required: by default, or said so
    assert_eq!(run(&[(N, &concession)]), Vec::<String>::new());
    let not_required = qms_toml("concession_needs_customer = false\n");
    assert_eq!(
        run(&[(N, &concession), ("qms.toml", &not_required)]),
        Vec::<String>::new()
    );
}

#[test]
fn an_unknown_disposition_is_load002_at_its_line() {
    let n = replaced("\"return-to-supplier\"", "\"sort\"");
    assert_eq!(
        nc(&n),
        [
            // the action now answers a nonconformity that did not load
            "DOC003 actions/CA-2012-001.toml:3 nonconformity `NC-2012-001` cannot be checked: `nonconformities/NC-2012-001.toml` did not load".to_string(),
            format!(
                "LOAD002 {N}:9 unknown variant `sort`, expected one of `rework`, `repair`, `scrap`, `use-as-is`, `concession`, `return-to-supplier`, `regrade`"
            ),
        ]
    );
    let n = replaced("quantity = 8", "quantity = -8");
    let got = nc(&n);
    assert!(got[1].starts_with(&format!("LOAD002 {N}:10 ")), "{got:?}");
}

#[test]
fn minor_closed_with_a_correction_only() {
    // by default a minor nonconformity needs a corrective action (and a root
    // cause and an effectiveness check)
    assert_eq!(
        run(&[(N2, CORRECTED)]),
        [
            format!("NC001 {N2}:5 minor nonconformity `NC-2012-002` has no corrective action"),
            format!(
                "NC002 {N2}:7 nonconformity `NC-2012-002` is past analysis but has no root cause"
            ),
            format!(
                "NC003 {N2}:7 nonconformity `NC-2012-002` is closed without an effectiveness check found effective"
            ),
        ]
    );
    // the house decides that only major ones do
    let major_only = qms_toml("corrective_action_for = [\"major\"]\n");
    assert_eq!(
        run(&[(N2, CORRECTED), ("qms.toml", &major_only)]),
        Vec::<String>::new()
    );
    // but not with nothing at all
    let nothing = CORRECTED.replace(
        "correction = \"Old forms removed, the current revision put out\"\n",
        "",
    );
    assert_eq!(
        run(&[(N2, &nothing), ("qms.toml", &major_only)]),
        [format!(
            "NC001 {N2}:6 minor nonconformity `NC-2012-002` is closed with no correction"
        )]
    );
    // an action of kind correction shows it as well
    let correction = r#"id = "CA-2012-002"
kind = "correction"
nonconformities = ["NC-2012-002"]
description = "Old forms removed"
owner = "Helen Okafor"
due = 2012-04-03
status = "done"
done_on = 2012-04-03
evidence = ["records/po.md"]
"#;
    assert_eq!(
        run(&[
            (N2, &nothing),
            ("qms.toml", &major_only),
            ("actions/CA-2012-002.toml", correction)
        ]),
        Vec::<String>::new()
    );
}

#[test]
fn observation_closed_with_a_correction_only() {
    let observation = CORRECTED.replace("grade = \"minor\"", "grade = \"observation\"");
    // passes while corrective_action_for excludes observations: by default,
    // and when the default is written out
    assert_eq!(run(&[(N2, &observation)]), Vec::<String>::new());
    let default = qms_toml("corrective_action_for = [\"major\", \"minor\"]\n");
    assert_eq!(
        run(&[(N2, &observation), ("qms.toml", &default)]),
        Vec::<String>::new()
    );
    // a finding when the house says observations need a corrective action
    let all = qms_toml("corrective_action_for = [\"major\", \"minor\", \"observation\"]\n");
    assert_eq!(
        run(&[(N2, &observation), ("qms.toml", &all)]),
        [
            format!(
                "NC001 {N2}:5 observation nonconformity `NC-2012-002` has no corrective action"
            ),
            format!(
                "NC002 {N2}:7 nonconformity `NC-2012-002` is past analysis but has no root cause"
            ),
            format!(
                "NC003 {N2}:7 nonconformity `NC-2012-002` is closed without an effectiveness check found effective"
            ),
        ]
    );
    // an observation outside the set needs not even a correction
    let nothing = observation.replace(
        "correction = \"Old forms removed, the current revision put out\"\n",
        "",
    );
    assert_eq!(run(&[(N2, &nothing)]), Vec::<String>::new());
}

#[test]
fn an_unknown_grade_in_corrective_action_for_is_load002() {
    let q = qms_toml("corrective_action_for = [\"major\", \"serious\"]\n");
    let got = run(&[("qms.toml", &q)]);
    assert!(
        got.first()
            .is_some_and(|f| f.starts_with("LOAD002 qms.toml:6 ")),
        "{got:?}"
    );
}

#[test]
fn a_new_action_answers_a_nonconformity_that_needs_one() {
    use qms_core::scaffold::{NewKind, new_file};
    let major_only = qms_toml("corrective_action_for = [\"major\"]\n");
    for (config, answers) in [
        (qms_toml(""), "nonconformities = [\"NC-2012-002\"]"),
        (major_only, "nonconformities = []"),
    ] {
        let dir = tree(&[("qms.toml", &config), (N2, CORRECTED)]);
        let qms = qms_core::load(dir.path()).expect("loads");
        let file = new_file(&qms, NewKind::Action, as_of());
        assert!(file.contents.contains(answers), "{}", file.contents);
    }
}
