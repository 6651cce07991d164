//! DOC008 with the sections the house requires in qms.toml
//! `[documents] sections`: a built-in set, the house's own list with
//! synonyms, none; and the LOAD002 findings of a bad setting.

mod common;

use common::*;

const P: &str = "documents/P-01-control-of-documents.md";

/// An English procedure with these body headings.
fn procedure(headings: &[&str]) -> String {
    let mut text = String::from(
        "+++\nid = \"P-01\"\ntitle = \"Control of documented information\"\nkind = \"procedure\"\nrevision = 1\nissued = 2012-01-02\nstatus = \"current\"\nowner = \"Quality manager\"\napproved_by = \"Managing director\"\napproved_on = 2012-01-02\nnext_review = 2012-12-31\n+++\n\n",
    );
    for h in headings {
        text.push_str(&format!("## {h}\n\nText.\n\n"));
    }
    text
}

/// The findings with `[documents] sections = {setting}` (on line 10).
fn check(setting: &str, doc: &str) -> Vec<String> {
    let cfg = format!("{QMS_TOML}[documents]\nsections = {setting}\n");
    described(&[("qms.toml", &cfg), (P, doc)])
}

#[test]
fn no_setting_requires_no_section() {
    let doc = procedure(&["Background"]);
    assert_eq!(findings_with(&[(P, &doc)]), Vec::<String>::new());
}

#[test]
fn en_basic() {
    let full = procedure(&[
        "1. Purpose",
        "2. Scope",
        "3. Responsibilities and authorities",
        "4. Method",
        "5. Records",
    ]);
    assert_eq!(check("\"en-basic\"", &full), Vec::<String>::new());
    let doc = procedure(&["1. Purpose", "2. Scope", "3. Procedure", "4. Records"]);
    assert_eq!(
        check("\"en-basic\"", &doc),
        [format!(
            "DOC008 {P}:1 procedure `P-01` has no section `Responsibilities` | add a heading such as `## Responsibilities` (also accepted: `Authorities`)"
        )]
    );
    // the Vietnamese set accepts the English glosses, but wants all seven
    let doc = procedure(&[
        "Purpose",
        "Scope",
        "References",
        "Definitions",
        "Procedure",
        "Forms",
    ]);
    assert_eq!(
        check("\"vn-admin\"", &doc),
        [format!(
            "DOC008 {P}:1 procedure `P-01` has no section `Hồ sơ cần lưu` | add a heading such as `## Hồ sơ cần lưu` (also accepted: `Hồ sơ`, `Lưu hồ sơ`, `Records`)"
        )]
    );
}

#[test]
fn the_house_list_with_synonyms() {
    let setting = r#"["Purpose", ["Process owner", "Responsibilities"], "Équipement", "Records"]"#;
    // numbering, case and diacritics ignored; any synonym will do
    let doc = procedure(&[
        "I. PURPOSE",
        "a) Responsibilities",
        "3.1 Equipement",
        "Records kept",
    ]);
    assert_eq!(check(setting, &doc), Vec::<String>::new());
    let doc = procedure(&["Purpose", "Roles", "Records"]);
    assert_eq!(
        check(setting, &doc),
        [
            format!(
                "DOC008 {P}:1 procedure `P-01` has no section `Process owner` | add a heading such as `## Process owner` (also accepted: `Responsibilities`)"
            ),
            format!(
                "DOC008 {P}:1 procedure `P-01` has no section `Équipement` | add a heading such as `## Équipement`"
            ),
        ]
    );
}

#[test]
fn a_bad_setting_is_a_located_load002() {
    let doc = procedure(&["Purpose"]);
    assert_eq!(
        check("\"iso-9001\"", &doc),
        [
            "LOAD002 qms.toml:10 unknown section set `iso-9001`; the built-in sets are `en-basic`, `vn-admin` | name a built-in set, or list the headings: sections = [\"Purpose\", \"Scope\", [\"Procedure\", \"Method\"]]"
        ]
    );
    assert_eq!(
        check("[]", &doc),
        [
            "LOAD002 qms.toml:10 `sections` lists no section | list the headings a procedure must have (sections = [\"Purpose\", \"Scope\", [\"Procedure\", \"Method\"]]), or remove `sections` to require none"
        ]
    );
    // a bad entry is reported and left out; the others still apply
    let help = "each section is a heading or a list of synonyms: sections = [\"Purpose\", \"Scope\", [\"Procedure\", \"Method\"]]";
    assert_eq!(
        check(
            "[\n  \"Purpose\",\n  3,\n  [],\n  [\"Scope\", \"\"],\n  \"Records\",\n]",
            &doc
        ),
        [
            format!(
                "DOC008 {P}:1 procedure `P-01` has no section `Records` | add a heading such as `## Records`"
            ),
            format!(
                "LOAD002 qms.toml:12 a section of `sections` is an integer (3); expected a heading or a list of headings | {help}"
            ),
            format!(
                "LOAD002 qms.toml:13 a section of `sections` is an empty list of headings | {help}"
            ),
            format!("LOAD002 qms.toml:14 a section of `sections` has an empty heading | {help}"),
        ]
    );
    assert_eq!(
        check("true", &doc),
        [
            "LOAD002 qms.toml:10 `sections` is a boolean (true), not the name of a section set nor a list of headings | write sections = \"vn-admin\", sections = \"en-basic\", or list the headings: sections = [\"Purpose\", \"Scope\", [\"Procedure\", \"Method\"]]"
        ]
    );
    // the rest of qms.toml still loads: its `[checks]` still apply
    let cfg = format!("{QMS_TOML}[documents]\nsections = 3\n");
    let dir = tree(&[("qms.toml", &cfg), (P, &doc)]);
    let qms = qms_core::load(dir.path()).expect("loads");
    assert!(qms.config.is_some());
}
