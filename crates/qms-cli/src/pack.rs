//! `qms pack` and `qms verify`: the evidence pack from the CLI, with the git
//! state of the directory and a progress bar for large packs.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use qms_core::Date;
use qms_report::pack::{GitInfo, PackOptions, write_pack};
use qms_report::verify::{VerifyError, verify_pack};

use crate::Lang;

/// `qms pack`.
pub fn pack(
    dir: &Path,
    output: &Path,
    as_of: Date,
    lang: Option<Lang>,
) -> anyhow::Result<ExitCode> {
    let qms = qms_core::load(dir)?;
    let lang = crate::report_lang(&qms, lang);
    let options = PackOptions {
        as_of,
        lang,
        git: GitInfo::of(dir),
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
    let summary = write_pack(&qms, output, &options, &mut progress)?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    println!(
        "{}: {} entries, {} bytes of evidence, as of {}{}",
        output.display(),
        summary.entries,
        summary.bytes,
        as_of,
        match &summary.manifest.git {
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
        }
    );
    Ok(ExitCode::SUCCESS)
}

/// `qms verify`: 0 intact, 1 not, 2 not a pack.
pub fn verify(file: &Path) -> anyhow::Result<ExitCode> {
    let report = match verify_pack(file) {
        Ok(r) => r,
        Err(
            e @ (VerifyError::NotAZip(..) | VerifyError::NotAPack(..) | VerifyError::Io { .. }),
        ) => {
            eprintln!("error: {e}");
            return Ok(ExitCode::from(2));
        }
    };
    let mut out = std::io::stdout().lock();
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
    if !report.manifest_consistent {
        writeln!(
            out,
            "inconsistent: manifest.json and SHA256SUMS do not agree"
        )?;
    }
    let m = report.manifest.as_ref();
    if report.intact() {
        writeln!(
            out,
            "intact: {} entries verified{}",
            report.entries,
            m.map(|m| format!(
                " (qms {}, as of {}, profile {}{})",
                m.version,
                m.as_of,
                m.profile,
                m.git
                    .as_ref()
                    .map(|g| format!(", commit {}", g.commit))
                    .unwrap_or_default()
            ))
            .unwrap_or_default()
        )?;
        Ok(ExitCode::SUCCESS)
    } else {
        writeln!(
            out,
            "NOT intact: {} changed, {} removed, {} added, {} unsafe",
            report.changed.len(),
            report.removed.len(),
            report.added.len(),
            report.problems.len()
        )?;
        Ok(ExitCode::from(1))
    }
}
