//! `qms init` and `qms new`: the library gives the files, the CLI writes them.
//!
//! Every file is written atomically ([`qms_report::write_new`]) and never over
//! an existing one. `init` looks at every target before writing any, so a
//! directory that already holds a QMS (or any of the files) is refused whole,
//! never half-initialised.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context as _, bail};
use qms_core::Date;
use qms_core::scaffold::{InitLang, NewFile, NewKind};

/// `qms init`: prints each file written.
pub fn init(dir: &Path, lang: InitLang, as_of: Date) -> anyhow::Result<ExitCode> {
    if dir.join("qms.toml").exists() {
        bail!(
            "{} already holds a qms.toml; qms init never overwrites",
            dir.display()
        );
    }
    let files = qms_core::scaffold::init(lang, as_of);
    if let Some(f) = files
        .iter()
        .find(|f| std::fs::symlink_metadata(dir.join(&f.path)).is_ok())
    {
        bail!(
            "{} already exists; qms init never overwrites",
            dir.join(&f.path).display()
        );
    }
    for f in &files {
        println!("{}", write(dir, f)?.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// `qms new`: prints the file written.
pub fn new(dir: &Path, kind: NewKind, as_of: Date) -> anyhow::Result<ExitCode> {
    let qms = qms_core::load(dir)?;
    let file = qms_core::scaffold::new_file(&qms, kind, as_of);
    println!("{}", write(dir, &file)?.display());
    Ok(ExitCode::SUCCESS)
}

/// Writes a new file under `dir`, creating its folder, and returns its path.
fn write(dir: &Path, file: &NewFile) -> anyhow::Result<std::path::PathBuf> {
    let path = dir.join(&file.path);
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder)
            .with_context(|| format!("cannot create {}", folder.display()))?;
    }
    qms_report::write_new(&path, file.contents.as_bytes())?;
    Ok(path)
}
