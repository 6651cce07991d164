//! `qms pack`, `verify`, `keygen` and `report -o` as a user meets them:
//! git read without side effects, signed packs (checked by Debian's
//! `minisign` too when it is installed), outputs that never replace a device
//! or a pipe, respect the umask, leave no temporary file after Ctrl-C, and
//! keep the exit status through a broken pipe.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn qms() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_qms"));
    c.env_remove("QMS_KEY_PASSWORD");
    c
}

fn run(args: &[&str], cwd: &Path) -> Output {
    qms()
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("qms runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// A small QMS that passes check: a procedure, a records list, one record.
fn small_qms(root: &Path) -> PathBuf {
    let dir = root.join("qms");
    let w = |p: &str, t: &str| {
        let path = dir.join(p);
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
        "[[record]]\nid = \"HS-01\"\ntitle = \"Biên bản\"\nowner = \"A\"\nretention = \"5 năm\"\ndisposition = \"Hủy\"\nfiles = \"records/*\"\n",
    );
    w("records/bien-ban.md", "Biên bản họp\n");
    dir
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "user.name=t", "-c", "user.email=t@example.invalid"])
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {}", text(&out.stderr));
}

#[cfg(unix)]
#[test]
fn git_configuration_is_never_run_and_git_is_never_written() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().expect("dir");
    let dir = small_qms(tmp.path());
    git(&dir, &["init", "-q"]);
    std::fs::write(dir.join(".gitattributes"), "*.md filter=evil\n").expect("write");
    git(&dir, &["add", "."]);
    git(&dir, &["commit", "-qm", "first"]);
    // A hostile repository: an fsmonitor hook and a clean filter, each
    // leaving a mark when run.
    let mark = tmp.path().join("pwned");
    let hook = tmp.path().join("hook.sh");
    std::fs::write(&hook, format!("#!/bin/sh\ntouch {}\ncat\n", mark.display())).expect("write");
    std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let mut config = std::fs::OpenOptions::new()
        .append(true)
        .open(dir.join(".git/config"))
        .expect("config");
    writeln!(
        config,
        "[core]\n\tfsmonitor = {0}\n[filter \"evil\"]\n\tclean = {0}\n\trequired = true",
        hook.display()
    )
    .expect("append");
    // A file whose stat changed, so that git would refilter it.
    let doc = dir.join("records/bien-ban.md");
    let f = std::fs::File::options()
        .write(true)
        .open(&doc)
        .expect("open");
    f.set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(5))
        .expect("touch");
    drop(f);
    let index = dir.join(".git/index");
    let before = (
        std::fs::read(&index).expect("index"),
        std::fs::metadata(&index)
            .expect("meta")
            .modified()
            .expect("mtime"),
    );

    let out = run(
        &["pack", "qms", "-o", "p.zip", "--as-of", "2012-06-30"],
        tmp.path(),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(!mark.exists(), "a command of .git/config was run");
    let after = (
        std::fs::read(&index).expect("index"),
        std::fs::metadata(&index)
            .expect("meta")
            .modified()
            .expect("mtime"),
    );
    assert!(before == after, ".git/index was written");
    assert!(!dir.join(".git/index.lock").exists());
    let stdout = text(&out.stdout);
    assert!(stdout.contains(", commit "), "{stdout}");
    // Unchanged content, only its stat: the work tree reads clean.
    assert!(!stdout.contains("uncommitted"), "{stdout}");

    std::fs::write(&doc, "changed\n").expect("write");
    let out = run(
        &["pack", "qms", "-o", "p.zip", "--as-of", "2012-06-30"],
        tmp.path(),
    );
    assert!(text(&out.stdout).contains("(uncommitted changes)"));
    assert!(!mark.exists(), "a command of .git/config was run");
}

/// The entries of a zip, by name.
fn unzip(path: &Path) -> Vec<(String, Vec<u8>)> {
    let mut z = zip::ZipArchive::new(std::fs::File::open(path).expect("open")).expect("zip");
    (0..z.len())
        .map(|i| {
            let mut e = z.by_index(i).expect("entry");
            let mut data = Vec::new();
            std::io::Read::read_to_end(&mut e, &mut data).expect("read");
            (e.name().expect("name").to_string(), data)
        })
        .collect()
}

/// A copy of the pack with `manifest.json` replaced and SHA256SUMS
/// recomputed to agree with it: what a forger can do without the key.
fn forge(src: &Path, dst: &Path, manifest: &[u8]) {
    let mut w = zip::ZipWriter::new(std::fs::File::create(dst).expect("create"));
    for (name, data) in unzip(src) {
        let data = match name.as_str() {
            "manifest.json" => manifest.to_vec(),
            "SHA256SUMS" => {
                let sums = text(&data);
                let mut out = String::new();
                for line in sums.lines() {
                    if line.ends_with("  manifest.json") {
                        let sha: String = sha256_hex(manifest);
                        out.push_str(&format!("{sha}  manifest.json\n"));
                    } else {
                        out.push_str(line);
                        out.push('\n');
                    }
                }
                out.into_bytes()
            }
            _ => data,
        };
        w.start_file(name, zip::write::SimpleFileOptions::default())
            .expect("start");
        w.write_all(&data).expect("write");
    }
    w.finish().expect("finish");
}

fn sha256_hex(data: &[u8]) -> String {
    let out = Command::new("sha256sum")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .and_then(|mut c| {
            c.stdin.take().expect("stdin").write_all(data)?;
            c.wait_with_output()
        })
        .expect("sha256sum");
    text(&out.stdout)[..64].to_string()
}

#[test]
fn a_signed_pack_verifies_and_a_forged_manifest_fails_on_the_signature() {
    let tmp = tempfile::tempdir().expect("dir");
    let cwd = tmp.path();
    small_qms(cwd);

    let refused = run(&["keygen", "k"], cwd);
    assert_eq!(refused.status.code(), Some(2));
    assert!(text(&refused.stderr).contains("QMS_KEY_PASSWORD"));
    let made = run(&["keygen", "k", "--no-password"], cwd);
    assert!(made.status.success(), "{}", text(&made.stderr));
    let key_id = text(&made.stdout)[4..20].to_string();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(cwd.join("k.key"))
            .expect("key")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let public = std::fs::read_to_string(cwd.join("k.pub")).expect("pub");
    assert_eq!(
        public.lines().next(),
        Some(format!("untrusted comment: minisign public key: {key_id}").as_str())
    );
    // keygen never overwrites a key.
    assert_eq!(
        run(&["keygen", "k", "--no-password"], cwd).status.code(),
        Some(2)
    );

    let out = run(
        &[
            "pack",
            "qms",
            "-o",
            "p.zip",
            "--as-of",
            "2012-06-30",
            "--sign",
            "k.key",
        ],
        cwd,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).ends_with(&format!(", signed by key {key_id}\n")));

    let good = run(&["verify", "p.zip", "--key", "k.pub"], cwd);
    assert_eq!(good.status.code(), Some(0), "{}", text(&good.stdout));
    let stdout = text(&good.stdout);
    assert!(
        stdout.starts_with(&format!(
            "signature: good, by key {key_id} (trusted comment: qms evidence pack manifest.json, as of 2012-06-30, sha256 "
        )),
        "{stdout}"
    );
    let unchecked = run(&["verify", "p.zip"], cwd);
    assert_eq!(unchecked.status.code(), Some(0));
    assert!(text(&unchecked.stdout).starts_with(&format!(
        "signed by key {key_id} (not checked: pass --key with its public key)\nintact: "
    )));

    // One byte of manifest.json changed, SHA256SUMS recomputed: intact for
    // integrity, refused on the signature.
    let manifest = unzip(&cwd.join("p.zip"))
        .into_iter()
        .find(|(n, _)| n == "manifest.json")
        .expect("manifest")
        .1;
    let mut forged = manifest.clone();
    let at = forged
        .windows(4)
        .position(|w| w == b"2012")
        .expect("a year");
    forged[at + 3] = b'3';
    forge(&cwd.join("p.zip"), &cwd.join("f.zip"), &forged);
    let bad = run(&["verify", "f.zip", "--key", "k.pub"], cwd);
    assert_eq!(bad.status.code(), Some(1), "{}", text(&bad.stdout));
    let stdout = text(&bad.stdout);
    assert!(
        stdout.starts_with(&format!(
            "signature: BAD (key {key_id}): Signature verification failed\nintact: "
        )),
        "{stdout}"
    );

    // Another key: refused, naming both.
    assert!(
        run(&["keygen", "other", "--no-password"], cwd)
            .status
            .success()
    );
    let wrong = run(&["verify", "p.zip", "--key", "other.pub"], cwd);
    assert_eq!(wrong.status.code(), Some(1));
    assert!(text(&wrong.stdout).contains(&format!("Signature key id: {key_id} is different")));

    // An unsigned pack verifies for integrity and says so; with --key it fails.
    assert!(
        run(
            &["pack", "qms", "-o", "u.zip", "--as-of", "2012-06-30"],
            cwd
        )
        .status
        .success()
    );
    let unsigned = run(&["verify", "u.zip"], cwd);
    assert_eq!(unsigned.status.code(), Some(0));
    assert!(text(&unsigned.stdout).starts_with("unsigned\nintact: "));
    let missing = run(&["verify", "u.zip", "--key", "k.pub"], cwd);
    assert_eq!(missing.status.code(), Some(1));
    assert!(text(&missing.stdout).starts_with("signature: MISSING (the pack is unsigned)\n"));

    // Debian's minisign agrees, on the files extracted.
    let minisign = Command::new("minisign").arg("-v").output();
    if minisign.is_err() {
        // .ci/run sets this once it has installed minisign: never skip there.
        assert!(
            std::env::var_os("QMS_REQUIRE_MINISIGN").is_none(),
            "QMS_REQUIRE_MINISIGN is set but minisign cannot be run"
        );
        eprintln!("minisign is not installed: the cross-check with it is skipped");
        return;
    }
    let x = cwd.join("x");
    std::fs::create_dir(&x).expect("mkdir");
    for (name, data) in unzip(&cwd.join("p.zip")) {
        if name.starts_with("manifest.json") {
            std::fs::write(x.join(&name), data).expect("write");
        }
    }
    let check = |dir: &Path| {
        Command::new("minisign")
            .args(["-Vm", "manifest.json", "-p"])
            .arg(cwd.join("k.pub"))
            .current_dir(dir)
            .output()
            .expect("minisign runs")
    };
    let ok = check(&x);
    assert!(ok.status.success(), "{}", text(&ok.stderr));
    std::fs::write(x.join("manifest.json"), &forged).expect("write");
    assert!(!check(&x).status.success());
}

#[cfg(unix)]
#[test]
fn outputs_refuse_pipes_and_devices_and_respect_the_umask() {
    let tmp = tempfile::tempdir().expect("dir");
    let cwd = tmp.path();
    small_qms(cwd);
    let fifo = cwd.join("out.fifo");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo")
            .success()
    );
    for args in [
        &["report", "qms", "--as-of", "2012-06-30", "-o", "out.fifo"][..],
        &["pack", "qms", "--as-of", "2012-06-30", "-o", "out.fifo"],
        &["pack", "qms", "--as-of", "2012-06-30", "-o", "/dev/null"],
    ] {
        let out = run(args, cwd);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            text(&out.stderr)
                .ends_with("exists and is not a regular file; qms does not replace it\n"),
            "{}",
            text(&out.stderr)
        );
    }
    use std::os::unix::fs::FileTypeExt;
    assert!(
        std::fs::metadata(&fifo)
            .expect("fifo")
            .file_type()
            .is_fifo()
    );

    use std::os::unix::fs::PermissionsExt;
    for (umask, mode) in [("022", 0o644), ("077", 0o600), ("002", 0o644)] {
        let out = Command::new("sh")
            .arg("-c")
            .arg(format!(
                "umask {umask} && exec \"$0\" pack qms --as-of 2012-06-30 -o p{umask}.zip && exec \"$0\" report qms --as-of 2012-06-30 -o r{umask}.html"
            ))
            .arg(env!("CARGO_BIN_EXE_qms"))
            .current_dir(cwd)
            .output()
            .expect("sh");
        assert!(out.status.success(), "{}", text(&out.stderr));
        let got = std::fs::metadata(cwd.join(format!("p{umask}.zip")))
            .expect("pack")
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(got, mode, "umask {umask}");
    }
}

#[test]
fn a_missing_output_folder_is_one_plain_error() {
    let tmp = tempfile::tempdir().expect("dir");
    let cwd = tmp.path();
    small_qms(cwd);
    for cmd in ["report", "pack"] {
        let out = run(
            &[cmd, "qms", "--as-of", "2012-06-30", "-o", "missing/out.zip"],
            cwd,
        );
        assert_eq!(out.status.code(), Some(2));
        assert_eq!(
            text(&out.stderr),
            "error: cannot write missing/out.zip: the folder missing does not exist\n"
        );
    }
}

#[test]
fn a_missing_template_dir_and_an_unknown_language_are_errors() {
    let tmp = tempfile::tempdir().expect("dir");
    let cwd = tmp.path();
    let dir = small_qms(cwd);
    let out = run(
        &[
            "report",
            "qms",
            "--as-of",
            "2012-06-30",
            "--template-dir",
            "/nonexistent",
        ],
        cwd,
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "error: template directory /nonexistent does not exist or is not a directory\n"
    );
    let mut config = std::fs::OpenOptions::new()
        .append(true)
        .open(dir.join("qms.toml"))
        .expect("qms.toml");
    writeln!(config, "[report]\nlang = \"fr\"").expect("append");
    for cmd in ["report", "pack"] {
        let out = run(&[cmd, "qms", "--as-of", "2012-06-30", "-o", "x"], cwd);
        assert_eq!(out.status.code(), Some(2));
        assert_eq!(
            text(&out.stderr),
            "error: qms.toml: [report] lang = \"fr\" is not a report language; the languages are: en, vi\n"
        );
    }
    assert!(!cwd.join("x").exists());
}

#[test]
fn a_broken_pipe_keeps_the_exit_status() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    // The reader is gone before qms writes: every write is a broken pipe.
    let status = |args: &[&str]| {
        let mut child = qms()
            .args(args)
            .current_dir(&fixtures)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        drop(child.stdout.take());
        child.wait().expect("wait").code()
    };
    assert_eq!(
        status(&["check", "broken", "--as-of", "2012-06-30"]),
        Some(1)
    );
    assert_eq!(
        status(&["check", "clean", "--as-of", "2012-06-30"]),
        Some(0)
    );
    assert_eq!(
        status(&[
            "check",
            "broken",
            "--as-of",
            "2012-06-30",
            "--format",
            "json"
        ]),
        Some(1)
    );
}

#[test]
fn control_characters_from_a_pack_are_escaped_in_verify_output() {
    let tmp = tempfile::tempdir().expect("dir");
    let p = tmp.path().join("p.zip");
    let manifest = br#"{"manifest_version":1,"tool":"qms","version":"0\u001b[2J","as_of":"2012-06-30","profile":"x\u000b","organisation":"x","git":null,"entries":[]}"#;
    let mut w = zip::ZipWriter::new(std::fs::File::create(&p).expect("create"));
    for (name, data) in [
        ("evil\u{1b}]0;title\u{7}.md", &b"x"[..]),
        ("manifest.json", &manifest[..]),
    ] {
        w.start_file(name, zip::write::SimpleFileOptions::default())
            .expect("start");
        w.write_all(data).expect("write");
    }
    w.finish().expect("finish");
    let out = run(&["verify", "p.zip"], tmp.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(
        !out.stdout.iter().any(|b| *b < 0x20 && *b != b'\n'),
        "{:?}",
        text(&out.stdout)
    );
    assert!(
        text(&out.stdout).starts_with(
            "unsafe: `evil\\x1b]0;title\\x07.md`: the name holds control characters\n"
        )
    );
    // Through a broken pipe, still not intact.
    let mut child = qms()
        .args(["verify", "p.zip"])
        .current_dir(tmp.path())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn");
    drop(child.stdout.take());
    assert_eq!(child.wait().expect("wait").code(), Some(1));
}

#[cfg(unix)]
#[test]
fn an_interrupted_pack_leaves_no_temporary_file() {
    let tmp = tempfile::tempdir().expect("dir");
    let cwd = tmp.path();
    let dir = small_qms(cwd);
    // 8 GiB of zeros (a sparse file): long enough to deflate that the pack
    // is still running when it is interrupted.
    let big = std::fs::File::create(dir.join("records/scan.bin")).expect("create");
    big.set_len(8 << 30).expect("sparse");
    drop(big);
    let mut child = qms()
        .args(["pack", "qms", "--as-of", "2012-06-30", "-o", "out.zip"])
        .current_dir(cwd)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let temporary = || {
        std::fs::read_dir(cwd)
            .expect("dir")
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".out.zip.") && n.ends_with(".qms-tmp"))
            .count()
    };
    // Wait for the temporary file to appear (the pack is writing), then Ctrl-C.
    while temporary() == 0 {
        assert!(
            child.try_wait().expect("wait").is_none(),
            "the pack ended first"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let killed = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(killed.success());
    let status = child.wait().expect("wait");
    assert_eq!(status.code(), Some(130));
    assert_eq!(temporary(), 0, "a temporary file was left");
    assert!(!cwd.join("out.zip").exists());
}

#[test]
fn unsafe_and_non_utf8_names_are_refused_by_pack() {
    let tmp = tempfile::tempdir().expect("dir");
    let cwd = tmp.path();
    let dir = small_qms(cwd);
    std::fs::write(dir.join("records/x\\..\\..\\evil.md"), "x").expect("write");
    std::fs::write(
        dir.join(format!("records/a\n{}  forged.md", "0".repeat(64))),
        "x",
    )
    .expect("write");
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        std::fs::write(
            dir.join("records")
                .join(std::ffi::OsStr::from_bytes(b"\x80.md")),
            "x",
        )
        .expect("write");
    }
    let out = run(
        &["pack", "qms", "--as-of", "2012-06-30", "-o", "p.zip"],
        cwd,
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(
        stderr.starts_with("error: files whose names cannot be packed safely (rename them): "),
        "{stderr}"
    );
    assert!(stderr.contains(&format!(
        "`qms/records/a\\x0a{}  forged.md`: it holds a control character",
        "0".repeat(64)
    )));
    assert!(stderr.contains(
        "`qms/records/x\\\\..\\\\..\\\\evil.md`: it holds a backslash, a folder separator on Windows"
    ));
    #[cfg(unix)]
    assert!(
        stderr.contains("`qms/records/\u{fffd}.md`: its name is not UTF-8"),
        "{stderr}"
    );
    assert!(!cwd.join("p.zip").exists());
}
