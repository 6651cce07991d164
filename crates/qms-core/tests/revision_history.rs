//! DOC006 with revisions as organisations write them: numbers, digits,
//! dotted versions and letters, each ordered in its own scheme, and reviews
//! without change.

mod common;

use common::*;

const P: &str = "documents/QT-01-kiem-soat.md";

/// A current procedure at `revision`, issued `issued`, with one history
/// entry per `(revision, date, kind)`. Entry `i`'s revision is on line
/// `14 + 6 * i`, its date on the line after.
fn procedure(revision: &str, issued: &str, history: &[(&str, &str, &str)]) -> String {
    let mut text = format!(
        "+++\nid = \"QT-01\"\ntitle = \"Document control\"\nkind = \"procedure\"\nrevision = {revision}\nissued = {issued}\nstatus = \"current\"\nowner = \"A. Owner\"\napproved_by = \"B. Approver\"\napproved_on = 2010-01-04\nnext_review = 2012-12-31\n"
    );
    for (rev, date, kind) in history {
        text.push_str(&format!(
            "\n[[history]]\nrevision = {rev}\ndate = {date}\nkind = \"{kind}\"\nchange = \"...\"\n"
        ));
    }
    text.push_str("+++\n\n## Purpose\n");
    text
}

fn check(doc: &str) -> Vec<String> {
    described(&[("qms.toml", QMS_TOML), (P, doc)])
}

const C: &str = "change";
const R: &str = "review";

#[test]
fn each_scheme_in_order_is_clean() {
    let clean = [
        procedure(
            "\"C\"",
            "2012-03-01",
            &[
                ("\"A\"", "2010-01-04", C),
                ("\"B\"", "2011-01-03", C),
                ("\"C\"", "2012-03-01", C),
            ],
        ),
        procedure(
            "\"AA\"",
            "2012-03-01",
            &[("\"Z\"", "2010-01-04", C), ("\"AA\"", "2012-03-01", C)],
        ),
        procedure(
            "\"10\"",
            "2012-03-01",
            &[("\"09\"", "2010-01-04", C), ("\"10\"", "2012-03-01", C)],
        ),
        procedure(
            "\"1.10\"",
            "2012-03-01",
            &[("\"1.2\"", "2010-01-04", C), ("\"1.10\"", "2012-03-01", C)],
        ),
        // a plain number is a version of one part: 1 < 1.1 < 2
        procedure(
            "2",
            "2012-03-01",
            &[
                ("1", "2010-01-04", C),
                ("\"1.1\"", "2011-01-03", C),
                ("2", "2012-03-01", C),
            ],
        ),
        // 2 and "02" are the same revision
        procedure(
            "2",
            "2012-03-01",
            &[("\"01\"", "2010-01-04", C), ("\"02\"", "2012-03-01", C)],
        ),
        // a first revision needs no history, whatever its scheme
        procedure("\"A\"", "2010-01-04", &[]),
        procedure("\"1.0\"", "2010-01-04", &[]),
    ];
    for doc in clean {
        assert_eq!(check(&doc), Vec::<String>::new(), "{doc}");
    }
}

#[test]
fn letters_out_of_order() {
    let doc = procedure(
        "\"B\"",
        "2012-03-01",
        &[
            ("\"A\"", "2010-01-04", C),
            ("\"C\"", "2011-01-03", C),
            ("\"B\"", "2012-03-01", C),
        ],
    );
    assert_eq!(
        check(&doc),
        [format!(
            "DOC006 {P}:26 revision B follows revision C in the history of `QT-01` | list revisions oldest first, each once; record a review without change as `kind = \"review\"`"
        )]
    );
    let doc = procedure("\"B\"", "2010-01-04", &[]);
    assert_eq!(
        check(&doc),
        [format!(
            "DOC006 {P}:5 `QT-01` is at revision B but has no revision history | add a `[[history]]` entry for each revision"
        )]
    );
}

#[test]
fn versions_out_of_order() {
    let doc = procedure(
        "\"1.9\"",
        "2012-03-01",
        &[("\"1.10\"", "2010-01-04", C), ("\"1.9\"", "2012-03-01", C)],
    );
    assert_eq!(
        check(&doc),
        [format!(
            "DOC006 {P}:20 revision 1.9 follows revision 1.10 in the history of `QT-01` | list revisions oldest first, each once; record a review without change as `kind = \"review\"`"
        )]
    );
}

#[test]
fn mixing_letters_and_numbers_is_a_finding() {
    let help = "write every revision of a document in one scheme: numbers (1, 2 or 1.0, 1.1) or capital letters (A, B)";
    let doc = procedure(
        "\"B\"",
        "2012-03-01",
        &[("1", "2010-01-04", C), ("\"B\"", "2012-03-01", C)],
    );
    assert_eq!(
        check(&doc),
        [format!(
            "DOC006 {P}:20 revision B (letters) follows revision 1 (numbers) in the history of `QT-01`: letters and numbers cannot be ordered | {help}"
        )]
    );
    let doc = procedure(
        "\"B\"",
        "2012-03-01",
        &[("1", "2010-01-04", C), ("2", "2012-03-01", C)],
    );
    assert_eq!(
        check(&doc),
        [format!(
            "DOC006 {P}:5 `QT-01` is at revision B (letters) but its history ends at revision 2 (numbers): letters and numbers cannot be compared | {help}"
        )]
    );
}

#[test]
fn a_review_keeps_the_revision_and_moves_the_last_review_date() {
    let doc = procedure(
        "2",
        "2011-03-01",
        &[
            ("1", "2010-01-04", C),
            ("2", "2011-03-01", C),
            ("2", "2012-03-01", R),
        ],
    );
    assert_eq!(check(&doc), Vec::<String>::new());
    let dir = tree(&[("qms.toml", QMS_TOML), (P, &doc)]);
    let qms = qms_core::load(dir.path()).expect("loads");
    assert_eq!(
        qms.documents[0].last_reviewed(),
        qms_core::Date::from_ymd(2012, 3, 1)
    );

    // a review that is not at the revision before it
    let doc = procedure(
        "3",
        "2012-03-01",
        &[
            ("1", "2010-01-04", C),
            ("2", "2011-03-01", C),
            ("3", "2012-03-01", R),
        ],
    );
    assert_eq!(
        check(&doc),
        [format!(
            "DOC006 {P}:26 the review of 2012-03-01 in the history of `QT-01` is at revision 3, but a review keeps the revision before it (2) | a review without change repeats the revision of the entry before; a new revision is a change (the default kind)"
        )]
    );

    // the issue date is the date of the change, not of the later review
    let doc = procedure(
        "2",
        "2011-04-01",
        &[
            ("1", "2010-01-04", C),
            ("2", "2011-03-01", C),
            ("2", "2012-03-01", R),
        ],
    );
    assert_eq!(
        check(&doc),
        [format!(
            "DOC006 {P}:21 revision 2 is dated 2011-03-01 in the history but issued 2011-04-01 | the date of the change that introduced the revision is the issue date"
        )]
    );

    // the same revision twice, not as a review
    let doc = procedure(
        "1",
        "2012-03-01",
        &[("1", "2010-01-04", C), ("1", "2012-03-01", C)],
    );
    assert_eq!(
        check(&doc),
        [format!(
            "DOC006 {P}:20 revision 1 follows revision 1 in the history of `QT-01` | list revisions oldest first, each once; record a review without change as `kind = \"review\"`"
        )]
    );
}

#[test]
fn a_revision_that_is_no_scheme_does_not_load() {
    for (written, message) in [
        (
            "\"c\"",
            "`c` is not a revision: write a whole number (2), capital letters (\"C\"), digits (\"02\") or a dotted version (\"1.2\")",
        ),
        (
            "1.2",
            "write a dotted version as a string: revision = \"1.2\" (as a number, 1.10 would read as 1.1)",
        ),
    ] {
        let doc = procedure(written, "2010-01-04", &[]);
        assert_eq!(check(&doc), [format!("LOAD002 {P}:5 {message}")]);
    }
}
