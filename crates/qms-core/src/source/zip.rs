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
/// The archive is held in memory (a clone shares its central directory, so
/// entries are read in parallel); a register is inflated as it is streamed,
/// at most [`MAX_ENTRY_BYTES`] of any entry.
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

    /// The normalised path of an entry and its index in the archive.
    fn entry(&self, path: &str) -> Result<(String, usize), SourceError> {
        let rel = paths::normalise(path)?;
        match self.entries.get(&rel) {
            Some(&index) => Ok((rel, index)),
            None => Err(SourceError::NotFound(rel)),
        }
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
        let (rel, index) = self.entry(path)?;
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

    /// Streams the entry: a worker thread inflates it in chunks of 64 KiB,
    /// two chunks ahead of the reader, so a large register is never whole
    /// in memory. A broken entry, or one past [`MAX_ENTRY_BYTES`], is an
    /// error at the end of the stream, not a short read.
    fn open(&self, path: &str) -> Result<Box<dyn Read + Send + '_>, SourceError> {
        let (rel, index) = self.entry(path)?;
        let mut archive = self.archive.clone();
        let name = self.name.clone();
        let (tx, rx) = std::sync::mpsc::sync_channel::<std::io::Result<Vec<u8>>>(2);
        std::thread::spawn(move || {
            let fail = |e: SourceError| std::io::Error::other(e);
            let mut entry = match archive.by_index(index) {
                Ok(e) => e,
                Err(e) => {
                    let _ = tx.send(Err(fail(SourceError::Zip {
                        path: name,
                        message: format!("{rel}: {e}"),
                    })));
                    return;
                }
            };
            let mut total = 0u64;
            loop {
                let mut chunk = vec![0u8; 64 * 1024];
                let n = match entry.read(&mut chunk) {
                    Ok(0) => return,
                    Ok(n) => n,
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    Err(e) => {
                        let _ = tx.send(Err(e));
                        return;
                    }
                };
                total += n as u64;
                if total > MAX_ENTRY_BYTES {
                    let _ = tx.send(Err(fail(SourceError::TooLarge {
                        path: rel,
                        limit: MAX_ENTRY_BYTES,
                    })));
                    return;
                }
                chunk.truncate(n);
                if tx.send(Ok(chunk)).is_err() {
                    return; // the reader was dropped
                }
            }
        });
        Ok(Box::new(Inflating {
            chunks: rx,
            current: std::io::Cursor::new(Vec::new()),
        }))
    }
}

/// The reading end of a streamed entry.
struct Inflating {
    chunks: std::sync::mpsc::Receiver<std::io::Result<Vec<u8>>>,
    current: std::io::Cursor<Vec<u8>>,
}

impl Read for Inflating {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        loop {
            let n = self.current.read(buf)?;
            if n > 0 || buf.is_empty() {
                return Ok(n);
            }
            match self.chunks.recv() {
                Ok(chunk) => self.current = std::io::Cursor::new(chunk?),
                Err(_) => return Ok(0), // the worker finished
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    fn archive(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in entries {
            w.start_file(*name, opts).expect("entry");
            w.write_all(bytes).expect("write");
        }
        w.finish().expect("finish").into_inner()
    }

    /// A register of a few hundred kilobytes, many chunks long.
    fn register() -> Vec<u8> {
        let mut csv = b"code,received\n".to_vec();
        for i in 0..20_000 {
            csv.extend_from_slice(format!("HS-{i:06},2012-01-02\n").as_bytes());
        }
        csv
    }

    #[test]
    fn a_streamed_entry_is_the_entry() {
        let csv = register();
        let bytes = archive(&[("qms.toml", b"x"), ("records/book.csv", &csv)]);
        let zip = ZipSource::from_bytes("t.zip", bytes).expect("zip");
        let mut streamed = Vec::new();
        zip.open("records/book.csv")
            .expect("open")
            .read_to_end(&mut streamed)
            .expect("stream");
        assert_eq!(streamed, csv);
        assert_eq!(zip.read("records/./book.csv").expect("read"), csv);
        assert!(matches!(
            zip.open("records/none.csv").err(),
            Some(SourceError::NotFound(p)) if p == "records/none.csv"
        ));
    }

    #[test]
    fn a_corrupt_entry_fails_at_the_end_of_the_stream_not_short() {
        let csv = register();
        let mut bytes = archive(&[("qms.toml", b"x"), ("records/book.csv", &csv)]);
        // Flip a byte inside the register's compressed data (after its local
        // header): the inflated text or its CRC no longer matches.
        let at = bytes
            .windows(b"records/book.csv".len())
            .position(|w| w == b"records/book.csv")
            .expect("local header")
            + 200;
        bytes[at] ^= 0xff;
        let zip = ZipSource::from_bytes("t.zip", bytes).expect("zip");
        let mut streamed = Vec::new();
        let result = zip
            .open("records/book.csv")
            .expect("open")
            .read_to_end(&mut streamed);
        assert!(
            result.is_err(),
            "read {} bytes without error",
            streamed.len()
        );
        assert!(zip.read("records/book.csv").is_err());
    }

    #[test]
    fn streams_dropped_early_neither_block_nor_fail() {
        let bytes = archive(&[("qms.toml", b"x"), ("records/book.csv", &register())]);
        let zip = ZipSource::from_bytes("t.zip", bytes).expect("zip");
        for _ in 0..100 {
            let mut r = zip.open("records/book.csv").expect("open");
            let mut first = [0u8; 5];
            r.read_exact(&mut first).expect("first bytes");
            assert_eq!(&first, b"code,");
        }
    }
}
