//! `qms stats` shows "late with apology" and "new appointment missed" in
//! text, JSON and CSV, and the report's dossier section in HTML and
//! Markdown, in both languages (issue 17, part 3).

use std::path::Path;
use std::process::Command;

const QMS: &str = "[organisation]\nname = \"UBND\"\n[scope]\nstatement = \"Một cửa\"\n[calendar]\ncountry = \"VN\"\n";

const PROC: &str = "+++\nid = \"QT-HT-01\"\ntitle = \"Đăng ký khai sinh\"\nkind = \"instruction\"\nrevision = 1\nissued = 2011-01-03\nstatus = \"current\"\nowner = \"A\"\napproved_by = \"B\"\napproved_on = 2011-01-03\nnext_review = 2012-12-31\nfield = \"Hộ tịch\"\ntime_limit_days = 3\n+++\n";

const RECORDS: &str = "[[record]]\nid = \"HS-22\"\ntitle = \"Sổ\"\nowner = \"Một cửa\"\nretention = \"5 năm\"\ndisposition = \"Hủy\"\n[record.register]\npath = \"records/so.csv\"\nkind = \"dossiers\"\ndate_format = \"%d/%m/%Y\"\n";

const CSV: &str = "code,procedure,received,due,resolved,returned,outcome,apology_on,new_due\n\
A1,QT-HT-01,01/06/2012,06/06/2012,19/06/2012,,approved,05/06/2012,20/06/2012\n\
A2,QT-HT-01,01/06/2012,06/06/2012,22/06/2012,,approved,05/06/2012,20/06/2012\n\
A3,QT-HT-01,01/06/2012,06/06/2012,,,,05/06/2012,20/06/2012\n";

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().expect("parent")).expect("dir");
    std::fs::write(p, text).expect("write");
}

fn stats(root: &Path, extra: &[&str]) -> String {
    qms(
        root,
        &[&["stats"], extra, &["--period", "2012-H1"]].concat(),
    )
}

/// `qms` with `args`, `root` the directory after the command's name.
fn qms(root: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_qms"))
        .arg(args[0])
        .arg(root)
        .args(&args[1..])
        .output()
        .expect("qms runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn stats_show_late_with_apology_and_new_appointment_missed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    write(root, "qms.toml", QMS);
    write(root, "documents/QT-HT-01.md", PROC);
    write(root, "records.toml", RECORDS);
    write(root, "records/so.csv", CSV);

    let text = stats(root, &[]);
    let line = |name: &str| {
        text.lines()
            .find(|l| l.starts_with(name))
            .unwrap_or_else(|| panic!("no `{name}` line in\n{text}"))
            .split_whitespace()
            .last()
            .expect("a count")
            .to_string()
    };
    assert_eq!(line("late with apology"), "2", "{text}");
    assert_eq!(line("new appointment missed"), "2", "{text}");
    assert_eq!(line("late "), "2", "{text}");

    let json: serde_json::Value =
        serde_json::from_str(&stats(root, &["--format", "json"])).expect("JSON");
    assert_eq!(json["total"]["late_with_apology"], 2, "{json}");
    assert_eq!(json["total"]["new_appointment_missed"], 2, "{json}");

    let csv = stats(root, &["--format", "csv"]);
    let mut rows = csv::Reader::from_reader(csv.as_bytes());
    let head = rows.headers().expect("a header").clone();
    let total = rows.records().next().expect("the total").expect("a row");
    let cell = |name: &str| {
        let i = head.iter().position(|h| h == name).expect(name);
        total[i].to_string()
    };
    assert_eq!(
        (
            cell("group"),
            cell("late"),
            cell("late_with_apology"),
            cell("new_appointment_missed")
        ),
        ("total".into(), "2".into(), "2".into(), "2".into()),
        "{csv}"
    );
}

#[test]
fn the_report_shows_them_in_its_dossier_section() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    write(root, "qms.toml", QMS);
    write(root, "documents/QT-HT-01.md", PROC);
    write(root, "records.toml", RECORDS);
    write(root, "records/so.csv", CSV);
    let report = |lang: &str, format: &str| {
        qms(
            root,
            &[
                "report",
                "--as-of",
                "2012-06-30",
                "--lang",
                lang,
                "--format",
                format,
            ],
        )
    };
    // the year-to-date row of the Markdown table ends with the two counts
    for (lang, head) in [
        ("en", "| late with apology | new appointment missed |"),
        ("vi", "| trễ hạn có xin lỗi | trễ hạn hẹn lại |"),
    ] {
        let md = report(lang, "md");
        assert!(md.contains(head), "{md}");
        let total = md
            .lines()
            .find(|l| l.starts_with("| **2012** |"))
            .unwrap_or_else(|| panic!("no total row in\n{md}"));
        assert!(total.ends_with("| **2** | **2** |"), "{total}");
    }
    let html = report("en", "html");
    assert!(
        html.contains(
            "<th class=\"num\">late with apology</th><th class=\"num\">new appointment missed</th>"
        ),
        "{html}"
    );
    assert!(
        html.contains("<th class=\"num\">2</th><th class=\"num\">2</th></tr>"),
        "{html}"
    );
}
