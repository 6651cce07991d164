//! A QMS in a zip archive: a zipped QMS directory, or an evidence pack
//! (`qms pack`) whose `qms/` folder is the QMS.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};
use std::path::Path;
use std::sync::Arc;

use zip::ZipArchive;

use super::read::{Listing, Refusal, Refused, Source, SourceError, in_ignored_folder};
use crate::base::paths;

/// The largest entry read, uncompressed: a zip bomb is refused, not inflated.
pub const MAX_ENTRY_BYTES: u64 = 1 << 30;

/// A zip archive held in memory. The QMS is the archive's root when it has
/// a `qms.toml` there; else the `qms/` folder of an evidence pack; else the
/// one folder at the top that holds a `qms.toml` (`zip -r procedures.zip
/// procedures`). Entries outside that folder are not part of the QMS.
/// Entries are read whole (a register too), at most [`MAX_ENTRY_BYTES`] each.
#[derive(Debug, Clone)]
pub struct ZipSource {
    name: String,
    archive: ZipArchive<Cursor<Arc<[u8]>>>,
    /// The QMS folder inside the archive: empty, or ending with `/`.
    prefix: String,
    /// QMS path to entry index.
    entries: BTreeMap<String, usize>,
    refused: Vec<Refused>,
}

impl ZipSource {
    /// Whether the file at `path` starts like a zip archive.
    pub fn is_zip(path: &Path) -> bool {
        let mut magic = [0u8; 4];
        std::fs::File::open(path)
            .and_then(|mut f| f.read_exact(&mut magic))
            .is_ok()
            && magic == *b"PK\x03\x04"
    }

    /// Reads the archive at `path`.
    pub fn open(path: &Path) -> Result<Self, SourceError> {
        let bytes = std::fs::read(path).map_err(|source| SourceError::Root {
            path: path.to_path_buf(),
            source,
        })?;
        Self::from_bytes(&path.display().to_string(), bytes)
    }

    /// An archive held in memory; `name` names it in messages.
    pub fn from_bytes(name: &str, bytes: impl Into<Arc<[u8]>>) -> Result<Self, SourceError> {
        let zip_err = |e: zip::result::ZipError| SourceError::Zip {
            path: name.to_string(),
            message: e.to_string(),
        };
        let mut archive = ZipArchive::new(Cursor::new(bytes.into())).map_err(zip_err)?;
        let mut raw: Vec<(String, usize, bool)> = Vec::new();
        let mut unsafe_names = Vec::new();
        for i in 0..archive.len() {
            let entry = archive.by_index_raw(i).map_err(zip_err)?;
            if entry.is_dir() {
                continue;
            }
            let written = entry.name().map_err(zip_err)?.into_owned();
            match paths::normalise(&written) {
                Ok(rel) if !written.contains('\\') => raw.push((rel, i, entry.is_symlink())),
                _ => unsafe_names.push(written),
            }
        }
        let has = |p: &str| raw.iter().any(|(r, _, _)| r == p);
        let prefix = if has("qms.toml") {
            String::new()
        } else if has("qms/qms.toml") && has("manifest.json") {
            "qms/".to_string()
        } else {
            let tops: std::collections::BTreeSet<&str> = raw
                .iter()
                .filter_map(|(r, _, _)| r.split_once('/').map(|(t, _)| t))
                .collect();
            tops.into_iter()
                .find(|t| has(&format!("{t}/qms.toml")))
                .map_or_else(String::new, |t| format!("{t}/"))
        };
        let mut entries = BTreeMap::new();
        let mut refused: Vec<Refused> = unsafe_names
            .into_iter()
            .map(|path| Refused {
                path,
                reason: Refusal::UnsafeName,
            })
            .collect();
        for (rel, i, link) in raw {
            let Some(path) = rel.strip_prefix(&prefix) else {
                continue;
            };
            if in_ignored_folder(path) {
                continue;
            }
            if link {
                refused.push(Refused {
                    path: path.to_string(),
                    reason: Refusal::LinkOutside,
                });
            } else {
                // The first of duplicate names wins, as `unzip` keeps it.
                entries.entry(path.to_string()).or_insert(i);
            }
        }
        Ok(ZipSource {
            name: name.to_string(),
            archive,
            prefix,
            entries,
            refused,
        })
    }

    /// The folder of the archive that holds the QMS (empty for the root).
    pub fn prefix(&self) -> &str {
        &self.prefix
    }
}

impl Source for ZipSource {
    fn list(&self) -> Result<Listing, SourceError> {
        let files = self.entries.keys().cloned().collect();
        Ok(Listing::new(files, self.refused.clone()))
    }

    fn read(&self, path: &str) -> Result<Vec<u8>, SourceError> {
        let rel = paths::normalise(path)?;
        let Some(&index) = self.entries.get(&rel) else {
            return Err(SourceError::NotFound(rel));
        };
        // A clone shares the central directory: entries read in parallel.
        let mut archive = self.archive.clone();
        let entry = archive.by_index(index).map_err(|e| SourceError::Zip {
            path: self.name.clone(),
            message: format!("{rel}: {e}"),
        })?;
        let mut bytes = Vec::new();
        entry
            .take(MAX_ENTRY_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|source| SourceError::Io {
                path: rel.clone(),
                source,
            })?;
        if bytes.len() as u64 > MAX_ENTRY_BYTES {
            return Err(SourceError::TooLarge {
                path: rel,
                limit: MAX_ENTRY_BYTES,
            });
        }
        Ok(bytes)
    }
}
