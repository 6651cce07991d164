//! Verifying an evidence pack: every hash recomputed, every change named.
//!
//! The zip is read, never extracted. Entry names that could escape a
//! directory (`../`, absolute, drive letters, backslashes), duplicate names
//! and entries declaring more than [`MAX_ENTRY_SIZE`] are reported; content
//! is streamed through SHA-256 with the declared size as a hard limit.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use sha2::{Digest, Sha256};

use crate::pack::{Manifest, hex};

/// Entries declaring more than this are not read (a zip bomb guard).
pub const MAX_ENTRY_SIZE: u64 = 16 * 1024 * 1024 * 1024;

/// What verification found.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct VerifyReport {
    /// Entries in the zip.
    pub entries: usize,
    /// Entries whose content differs from the manifest (or cannot be read).
    pub changed: Vec<String>,
    /// Entries of the manifest missing from the zip.
    pub removed: Vec<String>,
    /// Entries in the zip the manifest does not list.
    pub added: Vec<String>,
    /// Unsafe or malformed entries, in words.
    pub problems: Vec<String>,
    /// Whether manifest.json and SHA256SUMS agree with each other.
    pub manifest_consistent: bool,
    /// The manifest, when it could be read.
    pub manifest: Option<Manifest>,
}

impl VerifyReport {
    /// Nothing changed, removed or added, no problem, manifest consistent.
    pub fn intact(&self) -> bool {
        self.changed.is_empty()
            && self.removed.is_empty()
            && self.added.is_empty()
            && self.problems.is_empty()
            && self.manifest_consistent
    }
}

/// Why a file is not a pack at all.
#[derive(Debug, thiserror::Error)]
pub enum VerifyError {
    /// It cannot be opened.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// It is not a zip.
    #[error("{0} is not a zip file: {1}")]
    NotAZip(String, String),
    /// It has no readable manifest.json.
    #[error("{0} is not a qms evidence pack: {1}")]
    NotAPack(String, String),
}

/// Whether an entry name could land outside the directory it is extracted to.
pub fn unsafe_name(name: &str) -> bool {
    name.starts_with('/')
        || name.starts_with('\\')
        || name.contains('\\')
        || name.as_bytes().get(1) == Some(&b':')
        || name.split('/').any(|c| c == "..")
        || name.contains('\0')
}

/// Verifies the pack at `path`.
pub fn verify_pack(path: &Path) -> Result<VerifyReport, VerifyError> {
    let shown = path.display().to_string();
    let file = std::fs::File::open(path).map_err(|source| VerifyError::Io {
        path: shown.clone(),
        source,
    })?;
    let mut zip = zip::ZipArchive::new(std::io::BufReader::new(file))
        .map_err(|e| VerifyError::NotAZip(shown.clone(), e.to_string()))?;
    let mut report = VerifyReport {
        entries: zip.len(),
        ..VerifyReport::default()
    };
    if zip.has_duplicate_names() {
        report
            .problems
            .push("the zip holds two entries with the same name".into());
    }

    // Hash every entry, safely.
    let mut actual: BTreeMap<String, Result<(u64, String), String>> = BTreeMap::new();
    let mut manifest_bytes = None;
    let mut sums_text = None;
    for i in 0..zip.len() {
        let mut entry = match zip.by_index(i) {
            Ok(e) => e,
            Err(e) => {
                report
                    .problems
                    .push(format!("entry {i} cannot be read: {e}"));
                continue;
            }
        };
        let name = String::from_utf8_lossy(entry.name_raw()).into_owned();
        if unsafe_name(&name) {
            report.problems.push(format!("`{name}` is an unsafe entry name (it could be extracted outside the target directory)"));
            continue;
        }
        let declared = entry.size();
        if declared > MAX_ENTRY_SIZE {
            report.problems.push(format!(
                "`{name}` declares {declared} bytes, more than the {MAX_ENTRY_SIZE} limit; not read"
            ));
            continue;
        }
        let keep = name == "manifest.json" || name == "SHA256SUMS";
        let mut hasher = Sha256::new();
        let mut kept = Vec::new();
        let mut buf = [0u8; 64 * 1024];
        let mut n = 0u64;
        let mut limited = (&mut entry).take(declared + 1);
        let result = loop {
            match limited.read(&mut buf) {
                Ok(0) => break Ok(()),
                Ok(k) => {
                    n += k as u64;
                    hasher.update(&buf[..k]);
                    if keep && kept.len() < 16 * 1024 * 1024 {
                        kept.extend_from_slice(&buf[..k]);
                    }
                }
                Err(e) => break Err(e.to_string()),
            }
        };
        let result = result.and_then(|()| {
            if n != declared {
                Err(format!("holds {n} bytes but declares {declared}"))
            } else {
                Ok((n, hex(&hasher.finalize())))
            }
        });
        if name == "manifest.json" {
            manifest_bytes = Some((kept, result.clone()));
        } else if name == "SHA256SUMS" {
            // A sums file that does not read to its end is not evidence.
            sums_text = result
                .is_ok()
                .then(|| String::from_utf8_lossy(&kept).into_owned());
        } else {
            actual.insert(name, result);
        }
    }

    let Some((manifest_raw, manifest_hash)) = manifest_bytes else {
        return Err(VerifyError::NotAPack(
            shown,
            "it has no manifest.json".into(),
        ));
    };
    let manifest: Manifest = serde_json::from_slice(&manifest_raw).map_err(|e| {
        VerifyError::NotAPack(shown.clone(), format!("manifest.json does not parse: {e}"))
    })?;

    let listed: BTreeMap<&str, &crate::pack::ManifestEntry> = manifest
        .entries
        .iter()
        .map(|e| (e.path.as_str(), e))
        .collect();
    for (name, result) in &actual {
        match (listed.get(name.as_str()), result) {
            (None, _) => report.added.push(name.clone()),
            (Some(e), Ok((size, sha))) if *size == e.size && *sha == e.sha256 => {}
            (Some(_), _) => report.changed.push(name.clone()),
        }
    }
    for name in listed.keys() {
        if !actual.contains_key(*name) {
            report.removed.push((*name).to_string());
        }
    }

    // SHA256SUMS must list exactly the manifest's entries with its hashes,
    // and the manifest itself with the hash it has.
    report.manifest_consistent = match (&sums_text, &manifest_hash) {
        (Some(sums), Ok((_, manifest_sha))) => {
            let mut from_sums: BTreeMap<String, String> = BTreeMap::new();
            let mut well_formed = true;
            for line in sums.lines() {
                match line.split_once("  ") {
                    Some((sha, name)) => {
                        from_sums.insert(name.to_string(), sha.to_string());
                    }
                    None => well_formed = false,
                }
            }
            let mut expected: BTreeMap<String, String> = manifest
                .entries
                .iter()
                .map(|e| (e.path.clone(), e.sha256.clone()))
                .collect();
            expected.insert("manifest.json".into(), manifest_sha.clone());
            well_formed && from_sums == expected
        }
        _ => false,
    };
    report.manifest = Some(manifest);
    Ok(report)
}
