//! A QMS in a directory on disk.

use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Arc, PoisonError, RwLock};

use super::read::{
    Listing, MAX_FILE_BYTES, Refusal, Refused, Source, SourceError, is_ignored_folder,
};
use crate::base::paths::{self, PathError};

/// A directory on disk. Symbolic links that lead out of it are refused,
/// hidden folders and `target` are skipped.
#[derive(Debug, Clone)]
pub struct DirSource {
    root: PathBuf,
    canonical: PathBuf,
    /// The regular files the last listing reached without a symbolic link
    /// (the walk does not follow links): reading one skips `canonicalize`,
    /// a system call per folder of its path, and opens it with
    /// `O_NOFOLLOW` instead, so a link put in its place is still refused.
    plain: Arc<RwLock<HashSet<String>>>,
}

impl DirSource {
    /// Opens the directory at `root` (it must exist and be listable).
    pub fn open(root: &Path) -> Result<Self, SourceError> {
        let err = |source| SourceError::Root {
            path: root.to_path_buf(),
            source,
        };
        std::fs::read_dir(root).map_err(err)?;
        let canonical = root.canonicalize().map_err(err)?;
        Ok(DirSource {
            root: root.to_path_buf(),
            canonical,
            plain: Arc::default(),
        })
    }

    /// The file on disk of a path written in the QMS; a path whose target
    /// (through links) is outside the directory is refused.
    fn resolve(&self, written: &str) -> Result<PathBuf, SourceError> {
        Ok(self.resolve_plain(written)?.0)
    }

    /// [`DirSource::resolve`], and whether the file is one the listing
    /// reached without a link (its path was not canonicalised).
    fn resolve_plain(&self, written: &str) -> Result<(PathBuf, bool), SourceError> {
        let rel = paths::normalise(written)?;
        let path = self.root.join(&rel);
        let plain = self
            .plain
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .contains(&rel);
        // Only where `O_NOFOLLOW` guards the open.
        if plain && cfg!(unix) {
            return Ok((path, true));
        }
        if let Ok(target) = path.canonicalize()
            && !target.starts_with(&self.canonical)
        {
            return Err(PathError::LinkEscapes(written.into()).into());
        }
        Ok((path, false))
    }
}

impl Source for DirSource {
    fn list(&self) -> Result<Listing, SourceError> {
        let mut listing = Listing::default();
        let mut plain = HashSet::new();
        let walker = walkdir::WalkDir::new(&self.root)
            .follow_links(false)
            // Siblings share their parent's path, so their whole paths
            // compared as bytes are in the order of their names: the same
            // order as `sort_by_file_name`, which parses each name out of its
            // path at every comparison (most of the listing's time).
            .sort_by(|a, b| a.path().as_os_str().cmp(b.path().as_os_str()))
            .into_iter()
            .filter_entry(|e| {
                e.depth() == 0
                    || !(e.file_type().is_dir()
                        && e.file_name().to_str().is_some_and(is_ignored_folder))
            });
        for entry in walker {
            let entry = match entry {
                Ok(e) => e,
                Err(err) => {
                    let path = err
                        .path()
                        .map(|p| self.relative(p))
                        .unwrap_or_else(|| ".".into());
                    let message = err
                        .io_error()
                        .map_or_else(|| err.to_string(), |e| e.to_string());
                    listing.refused.push(Refused {
                        path,
                        reason: Refusal::Unreadable(message),
                    });
                    continue;
                }
            };
            if entry.depth() == 0 {
                continue;
            }
            let rel = self.relative(entry.path());
            let ft = entry.file_type();
            if ft.is_symlink() {
                match entry.path().canonicalize() {
                    Ok(target) if target.starts_with(&self.canonical) => {
                        match std::fs::metadata(&target) {
                            Ok(m) if m.is_file() => {}
                            Ok(m) if !m.is_dir() => {
                                listing.refused.push(Refused {
                                    path: rel,
                                    reason: Refusal::NotRegular(file_kind(&m.file_type()).into()),
                                });
                                continue;
                            }
                            _ => continue,
                        }
                    }
                    Ok(_) => {
                        listing.refused.push(Refused {
                            path: rel,
                            reason: Refusal::LinkOutside,
                        });
                        continue;
                    }
                    Err(e) => {
                        listing.refused.push(Refused {
                            path: rel,
                            reason: Refusal::Unreadable(format!("broken symbolic link ({e})")),
                        });
                        continue;
                    }
                }
            } else if !ft.is_file() {
                if !ft.is_dir() {
                    listing.refused.push(Refused {
                        path: rel,
                        reason: Refusal::NotRegular(file_kind(&ft).into()),
                    });
                }
                continue;
            }
            if !ft.is_symlink() {
                plain.insert(rel.clone());
            }
            listing.files.push(rel);
        }
        *self.plain.write().unwrap_or_else(PoisonError::into_inner) = plain;
        Ok(listing)
    }

    fn read(&self, path: &str) -> Result<Vec<u8>, SourceError> {
        let (f, len) = self.open_regular(path)?;
        let too_large = || SourceError::TooLarge {
            path: path.to_string(),
            limit: MAX_FILE_BYTES,
        };
        if len > MAX_FILE_BYTES {
            return Err(too_large());
        }
        // `take`: a file that grows while it is read stops at the limit too.
        let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
        f.take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|source| io_error(path, source))?;
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return Err(too_large());
        }
        Ok(bytes)
    }

    fn open(&self, path: &str) -> Result<Box<dyn Read + Send + '_>, SourceError> {
        let (f, _) = self.open_regular(path)?;
        Ok(Box::new(std::io::BufReader::new(f)))
    }

    fn size(&self, path: &str) -> Result<u64, SourceError> {
        let file = self.resolve(path)?;
        std::fs::metadata(&file)
            .map(|m| m.len())
            .map_err(|source| io_error(path, source))
    }

    fn directory(&self) -> Option<&Path> {
        Some(&self.root)
    }
}

impl DirSource {
    /// Opens a file that must be a regular file, and its length. On Unix it
    /// is opened without blocking, so a FIFO put in the file's place is
    /// refused at once rather than waited on, and a device rather than read
    /// for ever; the type is checked on the open handle, not on the path.
    fn open_regular(&self, path: &str) -> Result<(std::fs::File, u64), SourceError> {
        let (file, plain) = self.resolve_plain(path)?;
        let mut options = std::fs::OpenOptions::new();
        options.read(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            let no_follow = if plain { libc::O_NOFOLLOW } else { 0 };
            options.custom_flags(libc::O_NONBLOCK | no_follow);
        }
        #[cfg(not(unix))]
        let _ = plain; // always canonicalised there
        let f = options
            .open(&file)
            .map_err(|source| io_error(path, source))?;
        let meta = f.metadata().map_err(|source| io_error(path, source))?;
        if !meta.is_file() {
            return Err(SourceError::NotRegular {
                path: path.to_string(),
                kind: file_kind(&meta.file_type()),
            });
        }
        Ok((f, meta.len()))
    }

    /// A path below the root, relative, with `/`.
    fn relative(&self, path: &Path) -> String {
        let rel = path.strip_prefix(&self.root).unwrap_or(path);
        // The walk joins names with `/` already: no component split.
        #[cfg(unix)]
        return rel.to_string_lossy().into_owned();
        #[cfg(not(unix))]
        rel.components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/")
    }
}

/// What a file that is not a regular file is, in words.
fn file_kind(t: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if t.is_dir() {
        "a directory"
    } else {
        "not a regular file"
    }
}

fn io_error(path: &str, source: std::io::Error) -> SourceError {
    if source.kind() == std::io::ErrorKind::NotFound {
        SourceError::NotFound(path.to_string())
    } else {
        SourceError::Io {
            path: path.to_string(),
            source,
        }
    }
}
