//! The evidence pack: byte-reproducible, every change detected and named,
//! hostile zips reported and never extracted, the input never written.

use std::io::Write;
use std::path::{Path, PathBuf};

use qms_core::Date;
use qms_report::Lang;
use qms_report::pack::{PackOptions, write_pack};
use qms_report::verify::verify_pack;

fn as_of() -> Date {
    Date::from_ymd(2012, 6, 30).expect("date")
}

fn options() -> PackOptions {
    PackOptions {
        as_of: as_of(),
        lang: Lang::Vi,
        git: None,
        signer: None,
    }
}

/// A small QMS: a procedure, a records list with one record, an action
/// citing evidence.
fn small_qms() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let w = |p: &str, t: &str| {
        let path = dir.path().join(p);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, t).expect("write");
    };
    w(
        "qms.toml",
        "[organisation]\nname = \"Mỹ An\"\n[scope]\nstatement = \"Một cửa\"\n",
    );
    w(
        "documents/QT-01.md",
        "+++\nid = \"QT-01\"\ntitle = \"Kiểm soát tài liệu\"\nkind = \"procedure\"\nrevision = 1\nissued = 2011-03-01\nstatus = \"current\"\nowner = \"A\"\napproved_by = \"B\"\napproved_on = 2011-03-01\nclauses = [\"7.5\"]\n+++\n## Mục đích\n",
    );
    w(
        "records.toml",
        "[[record]]\nid = \"HS-01\"\ntitle = \"Biên bản\"\nowner = \"A\"\nretention = \"5 năm\"\ndisposition = \"Hủy\"\nfiles = \"records/*.md\"\n",
    );
    w("records/bien-ban.md", "Biên bản họp\n");
    w(
        "actions/HD-1.toml",
        "id = \"HD-1\"\nkind = \"improvement\"\nstatus = \"done\"\ndone_on = 2012-05-01\nevidence = [\"evidence/anh.txt\"]\n",
    );
    w("evidence/anh.txt", "ảnh chụp\n");
    w("notes/private.txt", "not referenced: not packed\n");
    dir
}

fn pack(dir: &Path, out: &Path) {
    write_pack(
        &qms_core::load(dir).expect("loads"),
        out,
        &options(),
        &mut |_, _| {},
    )
    .expect("packs");
}

fn names(zip_path: &Path) -> Vec<String> {
    let mut z = zip::ZipArchive::new(std::fs::File::open(zip_path).expect("open")).expect("zip");
    (0..z.len())
        .map(|i| {
            z.by_index_raw(i)
                .expect("entry")
                .name()
                .expect("name")
                .to_string()
        })
        .collect()
}

#[test]
fn two_packs_of_the_same_input_are_identical() {
    let qms = small_qms();
    let out = tempfile::tempdir().expect("out");
    let (a, b) = (out.path().join("a.zip"), out.path().join("b.zip"));
    pack(qms.path(), &a);
    pack(qms.path(), &b);
    assert_eq!(std::fs::read(&a).expect("a"), std::fs::read(&b).expect("b"));
    let mut n = names(&a);
    assert_eq!(n.pop().as_deref(), Some("SHA256SUMS"));
    assert_eq!(n.pop().as_deref(), Some("manifest.json"));
    let mut sorted = n.clone();
    sorted.sort();
    assert_eq!(n, sorted, "entries are sorted");
    for expected in [
        "report.html",
        "report.md",
        "findings.json",
        "coverage.csv",
        "registers/documents.csv",
        "registers/records.csv",
        "registers/nonconformities.csv",
        "registers/actions.csv",
        "qms/qms.toml",
        "qms/documents/QT-01.md",
        "qms/records.toml",
        "qms/records/bien-ban.md",
        "qms/actions/HD-1.toml",
        "qms/evidence/anh.txt",
    ] {
        assert!(
            n.iter().any(|x| x == expected),
            "{expected} missing from {n:?}"
        );
    }
    assert!(
        !n.iter().any(|x| x.contains("private")),
        "unreferenced files stay out"
    );
    let r = verify_pack(&a).expect("a pack");
    assert!(r.intact(), "{r:?}");
}

#[test]
fn the_sample_pack_is_reproducible_and_intact() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../procedures");
    let out = tempfile::tempdir().expect("out");
    let (a, b) = (out.path().join("a.zip"), out.path().join("b.zip"));
    pack(&sample, &a);
    pack(&sample, &b);
    assert_eq!(std::fs::read(&a).expect("a"), std::fs::read(&b).expect("b"));
    let r = verify_pack(&a).expect("a pack");
    assert!(r.intact(), "{r:?}");
    let m = r.manifest.expect("manifest");
    assert_eq!(m.entries + 2, r.entries);
    assert_eq!(r.signature, qms_report::verify::Signature::Unsigned);
    assert!(names(&a).contains(&"qms/records/mot-cua/so-theo-doi-ho-so-2012.csv".to_string()));
}

/// Byte ranges of each entry's stored data in the zip file.
fn data_ranges(zip_path: &Path) -> Vec<(String, u64, u64)> {
    let mut z = zip::ZipArchive::new(std::fs::File::open(zip_path).expect("open")).expect("zip");
    (0..z.len())
        .map(|i| {
            let f = z.by_index_raw(i).expect("entry");
            let start = f.data_start().expect("data start");
            (
                f.name().expect("name").to_string(),
                start,
                start + f.compressed_size(),
            )
        })
        .collect()
}

/// The content of an entry, if it still decompresses.
fn content(zip_path: &Path, name: &str) -> Option<Vec<u8>> {
    let mut z = zip::ZipArchive::new(std::fs::File::open(zip_path).ok()?).ok()?;
    let mut f = z.by_name(name).ok()?;
    let mut v = Vec::new();
    std::io::Read::read_to_end(&mut f, &mut v).ok()?;
    Some(v)
}

#[test]
fn every_single_byte_flip_in_an_entry_is_detected_and_named() {
    let qms = small_qms();
    let out = tempfile::tempdir().expect("out");
    let a = out.path().join("a.zip");
    pack(qms.path(), &a);
    let bytes = std::fs::read(&a).expect("read");
    let flipped = out.path().join("flipped.zip");
    let (mut named, mut same_content) = (0, 0);
    for (name, start, end) in data_ranges(&a) {
        let original = content(&a, &name).expect("original content");
        // Every byte of every entry, but a stride through the three generated
        // documents of tens of kilobytes (keeps the test under a few seconds).
        let stride = if end - start > 4096 { 17 } else { 1 };
        for at in (start..end).step_by(stride) {
            let mut b = bytes.clone();
            b[at as usize] ^= 0x20;
            std::fs::write(&flipped, &b).expect("write");
            // A flip in a deflate block's padding bits leaves the content as
            // it was: nothing of the evidence changed, nothing to report.
            if content(&flipped, &name).as_deref() == Some(original.as_slice()) {
                same_content += 1;
                continue;
            }
            let r = verify_pack(&flipped);
            let ok = match &r {
                Ok(r) => {
                    !r.intact()
                        && (r.changed.contains(&name)
                            || ((name == "manifest.json" || name == "SHA256SUMS")
                                && !r.manifest_consistent))
                }
                // a flipped manifest may not parse at all: not a pack
                Err(_) => name == "manifest.json",
            };
            assert!(ok, "flip at {at} in {name} not named: {r:?}");
            named += 1;
        }
    }
    assert!(
        named > 2000 && same_content < named / 50,
        "{named} named, {same_content} unchanged"
    );
}

/// A copy of the pack without `drop` and with `extra` added.
fn rewrite(src: &Path, dst: &Path, drop: &str, extra: Option<(&str, &[u8])>) {
    let mut z = zip::ZipArchive::new(std::fs::File::open(src).expect("open")).expect("zip");
    let mut w = zip::ZipWriter::new(std::fs::File::create(dst).expect("create"));
    for i in 0..z.len() {
        let f = z.by_index_raw(i).expect("entry");
        if f.name().expect("name") != drop {
            w.raw_copy_file(f).expect("copy");
        }
    }
    if let Some((name, data)) = extra {
        w.start_file(name, zip::write::SimpleFileOptions::default())
            .expect("start");
        w.write_all(data).expect("write");
    }
    w.finish().expect("finish");
}

#[test]
fn removed_and_added_entries_are_named() {
    let qms = small_qms();
    let out = tempfile::tempdir().expect("out");
    let a = out.path().join("a.zip");
    pack(qms.path(), &a);
    let b = out.path().join("b.zip");
    rewrite(
        &a,
        &b,
        "qms/records/bien-ban.md",
        Some(("qms/records/fake.md", b"forged")),
    );
    let r = verify_pack(&b).expect("a pack");
    assert_eq!(r.removed, ["qms/records/bien-ban.md"]);
    assert_eq!(r.added, ["qms/records/fake.md"]);
    assert!(r.changed.is_empty() && !r.intact());
}

fn zip_with(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, data) in entries {
        w.start_file(*name, zip::write::SimpleFileOptions::default())
            .expect("start");
        w.write_all(data).expect("write");
    }
    w.finish().expect("finish").into_inner()
}

#[test]
fn hostile_zips_are_reported_never_extracted() {
    let out = tempfile::tempdir().expect("out");
    let manifest = br#"{"manifest_version":1,"tool":"qms","version":"0","as_of":"2012-06-30","profile":"x","organisation":"x","git":null,"entries":[]}"#;
    let p = out.path().join("h.zip");
    for evil in [
        "../evil.txt",
        "/etc/evil.txt",
        "a/../../evil.txt",
        "C:/evil.txt",
        "a\\..\\evil.txt",
    ] {
        std::fs::write(&p, zip_with(&[(evil, b"x"), ("manifest.json", manifest)])).expect("write");
        let r = verify_pack(&p).expect("a zip with a manifest");
        assert!(
            !r.intact() && r.problems.iter().any(|m| m.contains("unsafe")),
            "{evil}: {r:?}"
        );
    }
    assert!(!out.path().join("evil.txt").exists() && !Path::new("/etc/evil.txt").exists());

    // duplicate names: two entries, then one renamed to the other in place
    let mut bytes = zip_with(&[
        ("aaaa.txt", b"1"),
        ("bbbb.txt", b"2"),
        ("manifest.json", manifest),
    ]);
    let mut i = 0;
    while let Some(pos) = bytes[i..].windows(8).position(|w| w == b"bbbb.txt") {
        bytes[i + pos..i + pos + 8].copy_from_slice(b"aaaa.txt");
        i += pos + 8;
    }
    std::fs::write(&p, &bytes).expect("write");
    match verify_pack(&p) {
        Ok(r) => assert!(
            !r.intact() && r.problems.iter().any(|m| m.contains("same name")),
            "{r:?}"
        ),
        Err(e) => assert!(e.to_string().contains("zip"), "{e}"),
    }

    // a huge declared size in the central directory
    let mut bytes = zip_with(&[("big.bin", &[0u8; 100]), ("manifest.json", manifest)]);
    let cd = bytes
        .windows(4)
        .position(|w| w == [0x50, 0x4b, 0x01, 0x02])
        .expect("central directory");
    bytes[cd + 24..cd + 28].copy_from_slice(&0xFFFF_FFF0u32.to_le_bytes());
    std::fs::write(&p, &bytes).expect("write");
    match verify_pack(&p) {
        Ok(r) => assert!(!r.intact(), "{r:?}"),
        Err(e) => assert!(e.to_string().contains("zip"), "{e}"),
    }

    // not a zip, and a zip that is not a pack
    std::fs::write(&p, b"hello").expect("write");
    assert!(verify_pack(&p).is_err());
    std::fs::write(&p, zip_with(&[("a.txt", b"1")])).expect("write");
    assert!(
        verify_pack(&p)
            .expect_err("no manifest")
            .to_string()
            .contains("no manifest.json")
    );
}

fn listing(dir: &Path) -> Vec<(PathBuf, u64, std::time::SystemTime)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("read dir") {
            let e = e.expect("entry");
            let m = e.metadata().expect("metadata");
            if m.is_dir() {
                stack.push(e.path());
            } else {
                out.push((e.path(), m.len(), m.modified().expect("mtime")));
            }
        }
    }
    out.sort();
    out
}

#[cfg(unix)]
#[test]
fn a_read_only_input_is_packed_and_left_untouched() {
    use std::os::unix::fs::PermissionsExt;
    let qms = small_qms();
    let before = listing(qms.path());
    let set = |mode: u32| {
        for (p, _, _) in listing(qms.path()) {
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(mode)).expect("chmod");
        }
    };
    set(0o444);
    let out = tempfile::tempdir().expect("out");
    pack(qms.path(), &out.path().join("a.zip"));
    set(0o644);
    assert_eq!(
        listing(qms.path()),
        before,
        "the input directory is never written"
    );
    assert!(
        verify_pack(&out.path().join("a.zip"))
            .expect("pack")
            .intact()
    );
}

#[test]
fn a_failed_pack_leaves_no_partial_file_and_keeps_the_old_one() {
    let qms = small_qms();
    let out = tempfile::tempdir().expect("out");
    let target = out.path().join("a.zip");
    pack(qms.path(), &target);
    let old = std::fs::read(&target).expect("old");
    // a pack that cannot be written (its directory does not exist) fails
    // without touching the earlier pack or leaving a temporary file
    let missing = out.path().join("no-such-dir/a.zip");
    assert!(
        write_pack(
            &qms_core::load(qms.path()).expect("loads"),
            &missing,
            &options(),
            &mut |_, _| {}
        )
        .is_err()
    );
    assert_eq!(std::fs::read(&target).expect("still there"), old);
    let leftovers: Vec<_> = std::fs::read_dir(out.path())
        .expect("dir")
        .map(|e| e.expect("e").file_name())
        .collect();
    assert_eq!(leftovers, [std::ffi::OsString::from("a.zip")]);
}

/// The text of one entry of a pack.
fn entry_text(zip_path: &Path, name: &str) -> String {
    let mut z = zip::ZipArchive::new(std::fs::File::open(zip_path).expect("open")).expect("zip");
    let mut text = String::new();
    std::io::Read::read_to_string(&mut z.by_name(name).expect("entry"), &mut text).expect("read");
    text
}

#[test]
fn the_nonconformity_register_carries_the_disposition_of_product() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/injection-moulding");
    let out = tempfile::tempdir().expect("out");
    let zip = out.path().join("pack.zip");
    write_pack(
        &qms_core::load(&sample).expect("loads"),
        &zip,
        &PackOptions {
            as_of: Date::from_ymd(2025, 6, 30).expect("date"),
            lang: Lang::En,
            git: None,
            signer: None,
        },
        &mut |_, _| {},
    )
    .expect("packs");
    let csv = entry_text(&zip, "registers/nonconformities.csv");
    let mut rows = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = rows
        .headers()
        .expect("header")
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(
        header[header.len() - 7..],
        [
            "product",
            "disposition",
            "quantity",
            "unit",
            "authorised_by",
            "authorised_on",
            "customer_authorisation"
        ]
    );
    let goods_in = rows
        .records()
        .map(|r| r.expect("row"))
        .find(|r| &r[0] == "NC-2025-001")
        .expect("NC-2025-001");
    let tail: Vec<&str> = goods_in.iter().skip(header.len() - 7).collect();
    assert_eq!(
        tail,
        [
            "true",
            "return-to-supplier",
            "8",
            "bags",
            "Tom Bradshaw",
            "2025-02-04",
            ""
        ]
    );
}

/// The gauge fixture (a typed table register), its register as CSV, or as
/// a workbook (sheet `Gauges`: dates as Excel dates, numbers as numbers).
fn gauges(as_workbook: bool) -> tempfile::TempDir {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/gauges");
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("records/calibration")).expect("mkdir");
    std::fs::copy(from.join("qms.toml"), dir.path().join("qms.toml")).expect("copy");
    let csv = std::fs::read_to_string(from.join("records/calibration/gauge-register.csv"))
        .expect("register");
    let mut records = std::fs::read_to_string(from.join("records.toml")).expect("records");
    if as_workbook {
        records = records.replace("gauge-register.csv", "gauge-register.xlsx");
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        sheet.set_name("Gauges").expect("name");
        let date = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy");
        for (r, line) in csv.lines().enumerate() {
            for (c, cell) in line.split(',').enumerate() {
                let (r, c) = (r as u32, c as u16);
                let parts: Vec<&str> = cell.split('-').collect();
                match (cell.parse::<f64>(), parts.as_slice()) {
                    (Ok(n), _) => sheet.write_number(r, c, n),
                    (_, [y, m, d]) if y.len() == 4 && y.parse::<u16>().is_ok() => {
                        let d = rust_xlsxwriter::ExcelDateTime::from_ymd(
                            y.parse().expect("year"),
                            m.parse().expect("month"),
                            d.parse().expect("day"),
                        )
                        .expect("date");
                        sheet.write_datetime_with_format(r, c, &d, &date)
                    }
                    _ => sheet.write_string(r, c, cell),
                }
                .expect("write");
            }
        }
        let bytes = book.save_to_buffer().expect("xlsx");
        std::fs::write(
            dir.path().join("records/calibration/gauge-register.xlsx"),
            bytes,
        )
        .expect("write");
    } else {
        std::fs::write(
            dir.path().join("records/calibration/gauge-register.csv"),
            &csv,
        )
        .expect("write");
    }
    std::fs::write(dir.path().join("records.toml"), records).expect("write");
    dir
}

#[test]
fn each_table_register_is_packed_as_csv_a_workbook_converted() {
    let csv = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/fixtures/gauges/records/calibration/gauge-register.csv"),
    )
    .expect("the fixture's register");
    let out = tempfile::tempdir().expect("out");
    for (as_workbook, entry) in [
        (
            false,
            "registers/tables/records/calibration/gauge-register.csv",
        ),
        (
            true,
            "registers/tables/records/calibration/gauge-register.Gauges.csv",
        ),
    ] {
        let qms = gauges(as_workbook);
        let zip_path = out.path().join(format!("{as_workbook}.zip"));
        pack(qms.path(), &zip_path);
        assert!(names(&zip_path).iter().any(|n| n == entry), "{entry}");
        // The workbook converted reads as the CSV it was made from.
        let packed = content(&zip_path, entry).expect("the register's entry");
        assert_eq!(
            String::from_utf8_lossy(&packed),
            String::from_utf8_lossy(&csv)
        );
        let verified = verify_pack(&zip_path).expect("verifies");
        assert!(verified.intact(), "{verified:?}");
    }
}

#[test]
fn an_action_answering_two_nonconformities_lists_both() {
    let dir = small_qms();
    let w = |p: &str, t: &str| {
        let path = dir.path().join(p);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, t).expect("write");
    };
    for id in ["NC-1", "NC-2"] {
        w(
            &format!("nonconformities/{id}.toml"),
            &format!(
                "id = \"{id}\"\ntitle = \"Trễ hẹn\"\nraised = 2012-03-01\nraised_by = \"A\"\nsource = \"late-dossier\"\ngrade = \"minor\"\nstatus = \"open\"\n"
            ),
        );
    }
    w(
        "actions/HD-2.toml",
        "id = \"HD-2\"\nkind = \"corrective\"\nnonconformities = [\"NC-1\", \"NC-2\"]\ndescription = \"Phân công người thay thế\"\nowner = \"A\"\ndue = 2012-07-31\nstatus = \"planned\"\n",
    );
    let out = tempfile::tempdir().expect("out");
    let zip = out.path().join("pack.zip");
    pack(dir.path(), &zip);
    let csv = entry_text(&zip, "registers/actions.csv");
    let mut rows = csv::Reader::from_reader(csv.as_bytes());
    let rows: Vec<Vec<String>> = rows
        .records()
        .map(|r| r.expect("row").iter().map(str::to_string).collect())
        .collect();
    // each action once; HD-2 with both nonconformities, HD-1 with none
    let ids: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| (r[0].as_str(), r[2].as_str()))
        .collect();
    assert_eq!(ids, [("HD-2", "NC-1 NC-2"), ("HD-1", "")]);
}
