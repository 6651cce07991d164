//! A tree of broken files yields one located `LOAD` finding per problem, and
//! loading goes on past each.

mod common;

use common::*;

#[test]
fn each_broken_file_is_one_located_load_finding() {
    let dir = tree(&[
        (
            "qms.toml",
            &format!("{QMS_TOML}DOC999 = \"error\"\nDOC004 = \"loud\"\n"),
        ),
        ("documents/QT-01-ok.md", GOOD_PROCEDURE),
        ("documents/QT-02-no-front-matter.md", "# Quy trình\n"),
        ("documents/QT-03-unterminated.md", "+++\nid = \"QT-03\"\n"),
        (
            "documents/QT-04-unknown-key.md",
            "+++\nid = \"QT-04\"\naproved_by = \"x\"\n+++\n",
        ),
        (
            "documents/QT-05-wrong-type.md",
            "+++\nid = \"QT-05\"\n\nrevision = \"hai\"\n+++\n",
        ),
        (
            "actions/HD-1.toml",
            "id = \"HD-1\"\nkind = \"corrective\"\nstatus = \"done\"\ndue = 2012-13-01\n",
        ),
        (
            "actions/HD-2.toml",
            "id = \"HD-2\"\nkind = \"fix\"\nstatus = \"done\"\n",
        ),
        ("nonconformities/NC-1.toml", "id = \"NC-1\ntitle = \"x\"\n"),
        (
            "audits/DG-1.toml",
            "id = \"DG-1\"\nkind = \"internal\"\nstart = 2012-05-14T08:00:00\n",
        ),
    ]);
    write(
        dir.path(),
        "reviews/XX-1.toml",
        b"id = \"XX-1\"\n# h\xe1\xbb\nx\xff\n",
    );
    let got = findings(dir.path());
    assert_eq!(
        got,
        [
            "LOAD002 actions/HD-1.toml:4",
            "LOAD002 actions/HD-2.toml:2",
            "LOAD002 audits/DG-1.toml:3",
            "LOAD003 documents/QT-02-no-front-matter.md:1",
            "LOAD003 documents/QT-03-unterminated.md:1",
            "LOAD002 documents/QT-04-unknown-key.md:3",
            "LOAD002 documents/QT-05-wrong-type.md:4",
            "LOAD002 nonconformities/NC-1.toml:1",
            "LOAD005 qms.toml:9",
            "LOAD005 qms.toml:10",
            "LOAD001 reviews/XX-1.toml:2",
        ]
    );
}

#[test]
fn messages_say_what_was_expected() {
    let dir = tree(&[
        ("qms.toml", QMS_TOML),
        (
            "documents/QT-04.md",
            "+++\nid = \"QT-04\"\naproved_by = \"x\"\n+++\n",
        ),
        (
            "actions/HD-2.toml",
            "id = \"HD-2\"\nkind = \"fix\"\nstatus = \"done\"\n",
        ),
    ]);
    let qms = qms_core::load(dir.path()).expect("loads");
    let load = qms.load_findings();
    let msgs: Vec<&str> = load.iter().map(|f| f.message.as_str()).collect();
    assert!(
        msgs.iter()
            .any(|m| m.starts_with("unknown field `aproved_by`, expected one of")),
        "{msgs:?}"
    );
    assert!(
        msgs.iter()
            .any(|m| m.contains("unknown variant `fix`") && m.contains("`corrective`")),
        "{msgs:?}"
    );
}

#[test]
fn missing_qms_toml_is_a_finding() {
    let dir = tree(&[("documents/QT-01-ok.md", GOOD_PROCEDURE)]);
    assert_eq!(findings(dir.path()), ["LOAD006 -:-"]);
}

#[cfg(unix)]
#[test]
fn symlink_out_of_the_directory_is_refused() {
    let outside = tree(&[("secret.md", GOOD_PROCEDURE)]);
    let dir = tree(&[("qms.toml", QMS_TOML)]);
    std::fs::create_dir_all(dir.path().join("documents")).expect("mkdir");
    std::os::unix::fs::symlink(
        outside.path().join("secret.md"),
        dir.path().join("documents/QT-01.md"),
    )
    .expect("symlink");
    assert_eq!(findings(dir.path()), ["LOAD004 documents/QT-01.md:-"]);
}

#[test]
fn unreadable_root_is_an_error() {
    let dir = tree(&[]);
    assert!(qms_core::load(&dir.path().join("missing")).is_err());
    let file = dir.path().join("f");
    std::fs::write(&file, "x").expect("write");
    assert!(qms_core::load(&file).is_err());
}
