//! Documents of external origin (`kind = "external"`): identified by their
//! publisher, no approval and no revision history of ours, reviewed like any
//! document.

mod common;

use common::*;

const E: &str = "documents/EXT-01-iso-9001.md";

/// A standard the organisation holds: clean on 2012-06-30.
const EXTERNAL: &str = r#"+++
id = "EXT-01"
title = "ISO 9001:2015 Quality management systems — Requirements"
kind = "external"
status = "current"
owner = "Quality officer"
publisher = "ISO"
edition = "2015"
checked_on = 2012-01-16
next_review = 2012-12-31
+++
Held as a licensed PDF on the shared drive.
"#;

fn check(external: &str) -> Vec<String> {
    described(&[
        ("qms.toml", QMS_TOML),
        ("documents/QT-01-kiem-soat.md", GOOD_PROCEDURE),
        (E, external),
    ])
}

#[test]
fn an_external_document_needs_no_revision_approval_or_history() {
    assert_eq!(check(EXTERNAL), Vec::<String>::new());
    // a revision of the publisher's with no history, approved by nobody
    let with_revision = EXTERNAL.replace(
        "status = \"current\"",
        "revision = \"C\"\nissued = 2015-09-15\nstatus = \"current\"",
    );
    assert_eq!(check(&with_revision), Vec::<String>::new());
    // the same front matter as an organisation's own document is not clean
    let own = with_revision.replace("\"external\"", "\"instruction\"");
    assert_eq!(
        check(&own),
        [
            format!(
                "DOC005 {E}:1 `EXT-01` is current but has no approval date | add `approved_on`, on or before `issued`"
            ),
            format!(
                "DOC005 {E}:1 `EXT-01` is current but names no approver | add `approved_by` and `approved_on` to the front matter"
            ),
            format!(
                "DOC006 {E}:5 `EXT-01` is at revision C but has no revision history | add a `[[history]]` entry for each revision"
            ),
        ]
    );
}

#[test]
fn an_external_document_still_has_an_owner_and_a_review_date() {
    let no_owner = EXTERNAL.replace("owner = \"Quality officer\"\n", "");
    assert_eq!(
        check(&no_owner),
        [format!(
            "DOC001 {E}:1 `EXT-01` is missing required field `owner` | add `owner = ...` to the front matter"
        )]
    );
    let overdue = EXTERNAL.replace("next_review = 2012-12-31", "next_review = 2012-06-01");
    assert_eq!(
        check(&overdue),
        [format!(
            "DOC004 {E}:10 `EXT-01` was due for review on 2012-06-01 and is 29 days overdue | review the document and set a new `next_review`, or make it obsolete"
        )]
    );
}

#[test]
fn an_external_document_is_not_self_approved() {
    let signed = EXTERNAL.replace(
        "owner = \"Quality officer\"",
        "owner = \"Quality officer\"\napproved_by = \"Quality officer\"",
    );
    assert_eq!(check(&signed), Vec::<String>::new());
}

#[test]
fn its_last_review_is_when_it_was_checked() {
    let dir = tree(&[("qms.toml", QMS_TOML), (E, EXTERNAL)]);
    let qms = qms_core::load(dir.path()).expect("loads");
    let d = &qms.documents[0];
    assert!(d.is_external());
    let m = &d.meta;
    assert_eq!(m.publisher.as_deref().map(String::as_str), Some("ISO"));
    assert_eq!(m.edition.as_deref().map(String::as_str), Some("2015"));
    assert_eq!(d.last_reviewed(), qms_core::Date::from_ymd(2012, 1, 16));
}
