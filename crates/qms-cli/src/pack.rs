//! `qms pack`, `qms verify` and `qms keygen`: the evidence pack from the
//! CLI, with the git state of the directory, a progress bar for large packs,
//! signing keys, and the clean-up of a pack interrupted by Ctrl-C.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use qms_core::Date;
use qms_report::pack::{GitInfo, PackOptions, write_pack};
use qms_report::sign::{Signer, generate, read_public_key};
use qms_report::verify::{Signature, VerifyError, VerifyOptions, escape, verify_pack_with};

use crate::Lang;

/// The environment variable holding a secret key's password.
pub const PASSWORD_VAR: &str = "QMS_KEY_PASSWORD";

/// On Ctrl-C (or SIGTERM, SIGHUP), removes the temporary file of an output
/// being written, then exits 130. A SIGKILL cannot be caught: see
/// `qms_report::atomic`.
pub fn remove_temporary_files_on_interrupt() {
    // Fails only if a handler is already set, which is then as good.
    let _ = ctrlc::set_handler(|| {
        qms_report::atomic::remove_pending();
        std::process::exit(130);
    });
}

/// The password for a secret key, from [`PASSWORD_VAR`].
fn password() -> Option<String> {
    std::env::var(PASSWORD_VAR).ok().filter(|p| !p.is_empty())
}

/// `qms pack`.
pub fn pack(
    dir: &Path,
    output: &Path,
    as_of: Date,
    lang: Option<Lang>,
    sign: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    let qms = qms_core::load(dir)?;
    let lang = crate::report_lang(&qms, lang)?;
    let signer = sign
        .map(|key| Signer::from_file(key, password()))
        .transpose()?;
    let options = PackOptions {
        as_of,
        lang,
        git: GitInfo::of(dir),
        signer,
    };
    // A bar only when someone watches and the pack is large enough to wait for.
    let bar = std::io::stderr().is_terminal().then(|| {
        let b = indicatif::ProgressBar::new(0);
        b.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} {eta}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        b
    });
    let mut progress = |done: u64, total: u64| {
        if let Some(b) = &bar
            && total > 32 * 1024 * 1024
        {
            b.set_length(total);
            b.set_position(done);
        }
    };
    remove_temporary_files_on_interrupt();
    let summary = write_pack(&qms, output, &options, &mut progress)?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    println!(
        "{}: {} entries, {} bytes of evidence, as of {}{}{}",
        output.display(),
        summary.entries,
        summary.bytes,
        as_of,
        match &summary.manifest.header.git {
            Some(g) => format!(
                ", commit {}{}",
                &g.commit[..g.commit.len().min(12)],
                if g.clean {
                    ""
                } else {
                    " (uncommitted changes)"
                }
            ),
            None => String::new(),
        },
        match &options.signer {
            Some(s) => format!(", signed by key {}", s.key_id()),
            None => String::new(),
        }
    );
    Ok(ExitCode::SUCCESS)
}

/// `qms keygen PATH`: writes `PATH.key` (secret, mode 0600) and `PATH.pub`.
pub fn keygen(path: &Path, no_password: bool) -> anyhow::Result<ExitCode> {
    let password = match (password(), no_password) {
        (Some(_), true) => anyhow::bail!("--no-password and {PASSWORD_VAR} both given: choose one"),
        (Some(p), false) => Some(p),
        (None, true) => None,
        (None, false) => anyhow::bail!(
            "set {PASSWORD_VAR} to the password that encrypts the secret key, \
             or pass --no-password for a key protected only by its file's permissions (a CI key)"
        ),
    };
    let with = |ext: &str| {
        let mut p = path.as_os_str().to_owned();
        p.push(ext);
        PathBuf::from(p)
    };
    let (secret, public) = (with(".key"), with(".pub"));
    let keys = generate(password)?;
    qms_report::write_new_private(&secret, keys.secret.as_bytes())?;
    if let Err(e) = qms_report::write_new(&public, keys.public.as_bytes()) {
        let _ = std::fs::remove_file(&secret);
        return Err(e.into());
    }
    println!(
        "key {}: secret key {} ({}), public key {}",
        keys.key_id,
        secret.display(),
        if no_password {
            "not encrypted: keep the file private"
        } else {
            "encrypted with the password"
        },
        public.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// `qms verify`: 0 intact (and signed by `key`, when given), 1 not, 2 not a
/// pack.
pub fn verify(file: &Path, key: Option<&Path>) -> anyhow::Result<ExitCode> {
    let options = VerifyOptions {
        key: key.map(read_public_key).transpose()?,
        ..VerifyOptions::default()
    };
    let report = match verify_pack_with(file, &options) {
        Ok(r) => r,
        Err(
            e @ (VerifyError::NotAZip(..) | VerifyError::NotAPack(..) | VerifyError::Io { .. }),
        ) => {
            eprintln!("error: {}", escape(&e.to_string()));
            return Ok(ExitCode::from(2));
        }
    };
    // With a key the pack must be signed by it; without, a signature that
    // cannot even be read fails too.
    let signed_as_asked = match (&report.signature, key) {
        (Signature::Valid { .. }, _) => true,
        (_, Some(_)) | (Signature::Invalid { .. }, None) => false,
        (Signature::Unsigned | Signature::NotChecked { .. }, None) => true,
    };
    let code = if report.intact() && signed_as_asked {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    };
    match print_verify(&report, key) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(code),
        Err(e) => Err(e.into()),
        Ok(()) => Ok(code),
    }
}

fn print_verify(
    report: &qms_report::verify::VerifyReport,
    key: Option<&Path>,
) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    for p in &report.too_large {
        writeln!(out, "too large: {p}")?;
    }
    for p in &report.problems {
        writeln!(out, "unsafe: {p}")?;
    }
    for c in &report.changed {
        writeln!(out, "changed: {c}")?;
    }
    for c in &report.removed {
        writeln!(out, "removed: {c}")?;
    }
    for c in &report.added {
        writeln!(out, "added: {c}")?;
    }
    if !report.manifest_consistent && report.too_large.is_empty() {
        writeln!(
            out,
            "inconsistent: manifest.json and SHA256SUMS do not agree"
        )?;
    }
    match &report.signature {
        // Too large to read: the signature was not looked at either.
        _ if !report.too_large.is_empty() => {}
        Signature::Unsigned if key.is_some() => {
            writeln!(out, "signature: MISSING (the pack is unsigned)")?
        }
        Signature::Unsigned => writeln!(out, "unsigned")?,
        Signature::NotChecked { key_id } => writeln!(
            out,
            "signed by key {key_id} (not checked: pass --key with its public key)"
        )?,
        Signature::Valid {
            key_id,
            trusted_comment,
        } => writeln!(
            out,
            "signature: good, by key {key_id} (trusted comment: {trusted_comment})"
        )?,
        Signature::Invalid { key_id, reason } => writeln!(
            out,
            "signature: BAD{}: {}",
            key_id
                .as_ref()
                .map(|k| format!(" (key {k})"))
                .unwrap_or_default(),
            escape(reason)
        )?,
    }
    let m = report.manifest.as_ref();
    if report.intact() {
        writeln!(
            out,
            "intact: {} entries verified{}",
            report.entries,
            m.map(|m| format!(
                " (qms {}, as of {}, profile {}{})",
                escape(&m.header.version),
                escape(&m.header.as_of),
                escape(&m.header.profile),
                m.header
                    .git
                    .as_ref()
                    .map(|g| format!(", commit {}", escape(&g.commit)))
                    .unwrap_or_default()
            ))
            .unwrap_or_default()
        )
    } else {
        writeln!(
            out,
            "NOT intact: {} changed, {} removed, {} added, {} unsafe{}",
            report.changed.len(),
            report.removed.len(),
            report.added.len(),
            report.problems.len(),
            if report.too_large.is_empty() {
                ""
            } else {
                ", too large to read"
            }
        )
    }
}
