//! Writing a file atomically: the one way `qms` puts a file on disk.
//!
//! The bytes go to a temporary file beside the target (same directory, so
//! the same file system), are synced, and the temporary file is renamed over
//! the target: a reader sees the old file or the new one, never half of
//! either, and an interrupted run leaves no partial file. The file gets mode
//! 0644 less the umask (a temporary file is created 0600). The target is
//! looked at before anything is written and again just before the rename:
//!
//! - [`Existing::ReplaceFile`] (a report, a pack) replaces a regular file
//!   and refuses anything else there: a directory, a symbolic link, a device,
//!   a pipe;
//! - [`Existing::Refuse`] (`qms init`, `qms new`) never replaces anything:
//!   the rename itself fails if a file appeared meanwhile.
//!
//! The directory the target goes in must exist; nothing here creates it,
//! and a missing one is one plain error ([`WriteError::NoFolder`]). Errors
//! name the target, never the temporary file.
//!
//! The temporary file is `.NAME.XXXXXX.qms-tmp` beside the target. While it
//! exists its path is in a process-wide list, so that an interrupted run
//! (Ctrl-C, SIGTERM: the CLI's signal handler calls [`remove_pending`])
//! leaves nothing behind. A SIGKILL or a power cut cannot be caught: it may
//! leave one such file, never a partial target; it is safe to delete.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Temporary files being written now (removed on an interrupt).
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Removes every temporary file still being written; for a signal handler,
/// just before the process exits.
pub fn remove_pending() {
    let pending = PENDING.lock().unwrap_or_else(|e| e.into_inner());
    for p in pending.iter() {
        let _ = std::fs::remove_file(p);
    }
}

/// Keeps a temporary file's path in [`PENDING`] while it lives.
struct Pending(PathBuf);

impl Pending {
    fn new(path: &Path) -> Pending {
        PENDING
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(path.to_path_buf());
        Pending(path.to_path_buf())
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        let mut pending = PENDING.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(i) = pending.iter().position(|p| *p == self.0) {
            pending.swap_remove(i);
        }
    }
}

/// What to do with something already at the target path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    /// Replace a regular file; refuse anything else.
    ReplaceFile,
    /// Refuse: the target must not exist.
    Refuse,
}

/// Why a file could not be written. Each error names the target.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The temporary file could not be created, written, synced or renamed.
    #[error("cannot write {path}")]
    Io {
        /// The target.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// Something is already there and [`Existing::Refuse`] was asked for.
    #[error("{0} already exists; qms never overwrites it")]
    Exists(PathBuf),
    /// What is there is not a regular file (a directory, a link, a device).
    #[error("{0} exists and is not a regular file; qms does not replace it")]
    NotAFile(PathBuf),
    /// The folder the target goes in does not exist (or is not a folder).
    #[error("cannot write {path}: the folder {folder} does not exist")]
    NoFolder {
        /// The target.
        path: PathBuf,
        /// Its folder.
        folder: PathBuf,
    },
}

/// The operating system's error without the temporary file's name that
/// tempfile adds to it.
fn plain(e: std::io::Error) -> std::io::Error {
    let code = e.raw_os_error().or_else(|| {
        e.get_ref()
            .and_then(|inner| inner.source())
            .and_then(|s| s.downcast_ref::<std::io::Error>())
            .and_then(std::io::Error::raw_os_error)
    });
    match code {
        Some(c) => std::io::Error::from_raw_os_error(c),
        None => std::io::Error::from(e.kind()),
    }
}

/// Writes `bytes` to `path` atomically, replacing a regular file there.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    write_atomically_with(path, Existing::ReplaceFile, |file| {
        file.write_all(bytes).map_err(|source| WriteError::Io {
            path: path.to_path_buf(),
            source,
        })
    })
}

/// Writes `bytes` to a new file at `path` atomically; fails with
/// [`WriteError::Exists`] if anything is there.
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    write_atomically_with(path, Existing::Refuse, |file| {
        file.write_all(bytes).map_err(|source| WriteError::Io {
            path: path.to_path_buf(),
            source,
        })
    })
}

/// Writes a new file at `path` atomically, readable by its owner only (a
/// secret key); fails with [`WriteError::Exists`] if anything is there.
pub fn write_new_private(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    write_with_mode(path, Existing::Refuse, 0o600, |file| {
        file.write_all(bytes).map_err(|source| WriteError::Io {
            path: path.to_path_buf(),
            source,
        })
    })
}

/// Writes `path` atomically with what `write` puts into the temporary file
/// (streamed, for content too large to hold: the evidence pack), and returns
/// what `write` returned. If `write` fails, the temporary file is removed and
/// the target left as it was.
pub fn write_atomically_with<T, E: From<WriteError>>(
    path: &Path,
    existing: Existing,
    write: impl FnOnce(&mut File) -> Result<T, E>,
) -> Result<T, E> {
    write_with_mode(path, existing, 0o644, write)
}

fn write_with_mode<T, E: From<WriteError>>(
    path: &Path,
    existing: Existing,
    mode: u32,
    write: impl FnOnce(&mut File) -> Result<T, E>,
) -> Result<T, E> {
    let io = |source| WriteError::Io {
        path: path.to_path_buf(),
        source: plain(source),
    };
    check_target(path, existing)?;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if !std::fs::metadata(dir).is_ok_and(|m| m.is_dir()) {
        return Err(WriteError::NoFolder {
            path: path.to_path_buf(),
            folder: dir.to_path_buf(),
        }
        .into());
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".qms-tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Created with this mode, so the kernel applies the umask.
        builder.permissions(std::fs::Permissions::from_mode(mode));
    }
    #[cfg(not(unix))]
    let _ = mode;
    let mut tmp = builder.tempfile_in(dir).map_err(io)?;
    let _pending = Pending::new(tmp.path());
    let value = write(tmp.as_file_mut())?;
    tmp.as_file_mut().flush().map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    check_target(path, existing)?;
    match existing {
        Existing::ReplaceFile => tmp.persist(path).map(drop),
        Existing::Refuse => tmp.persist_noclobber(path).map(drop),
    }
    .map_err(|e| match e.error.kind() {
        std::io::ErrorKind::AlreadyExists if existing == Existing::Refuse => {
            WriteError::Exists(path.to_path_buf())
        }
        _ => io(e.error),
    })?;
    sync_directory(dir);
    Ok(value)
}

/// Whether `existing` allows writing over what is at `path` now.
fn check_target(path: &Path, existing: Existing) -> Result<(), WriteError> {
    match std::fs::symlink_metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(source) => Err(WriteError::Io {
            path: path.to_path_buf(),
            source,
        }),
        Ok(_) if existing == Existing::Refuse => Err(WriteError::Exists(path.to_path_buf())),
        Ok(m) if m.file_type().is_file() => Ok(()),
        Ok(_) => Err(WriteError::NotAFile(path.to_path_buf())),
    }
}

/// Makes the rename itself durable where the platform allows it; a failure
/// here leaves the new file in place, so it is not an error.
fn sync_directory(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_then_replaces_a_regular_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("report.html");
        write_atomically(&path, b"one").expect("written");
        write_atomically(&path, b"two").expect("replaced");
        assert_eq!(std::fs::read(&path).expect("read"), b"two");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .expect("dir")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names, [std::ffi::OsString::from("report.html")]);
    }

    #[cfg(unix)]
    #[test]
    fn the_file_is_readable_by_others_as_the_umask_allows() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.zip");
        write_atomically(&path, b"x").expect("written");
        let mode = std::fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
        // 0644 less a umask: never more, and always readable and writable by the owner.
        assert_eq!(mode & !0o644, 0, "{mode:o}");
        assert_eq!(mode & 0o600, 0o600, "{mode:o}");
    }

    #[test]
    fn a_new_file_never_replaces_anything() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("HD-2012-001.toml");
        std::fs::write(&path, "precious").expect("write");
        assert!(matches!(
            write_new(&path, b"new"),
            Err(WriteError::Exists(_))
        ));
        assert_eq!(std::fs::read(&path).expect("read"), b"precious");
        write_new(&dir.path().join("HD-2012-002.toml"), b"new").expect("written");
    }

    #[test]
    fn a_directory_is_not_replaced() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("out");
        std::fs::create_dir(&path).expect("mkdir");
        assert!(matches!(
            write_atomically(&path, b"x"),
            Err(WriteError::NotAFile(_))
        ));
        assert!(path.is_dir());
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_is_not_replaced() {
        let dir = tempfile::tempdir().expect("temp dir");
        let target = dir.path().join("target.html");
        std::fs::write(&target, "kept").expect("write");
        let link = dir.path().join("link.html");
        std::os::unix::fs::symlink(&target, &link).expect("symlink");
        assert!(matches!(
            write_atomically(&link, b"x"),
            Err(WriteError::NotAFile(_))
        ));
        assert_eq!(std::fs::read(&target).expect("read"), b"kept");
    }

    #[test]
    fn a_failed_write_leaves_nothing_behind() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.zip");
        std::fs::write(&path, "old").expect("write");
        let r: Result<(), WriteError> = write_atomically_with(&path, Existing::ReplaceFile, |f| {
            f.write_all(b"half").map_err(|source| WriteError::Io {
                path: path.clone(),
                source,
            })?;
            Err(WriteError::Io {
                path: path.clone(),
                source: std::io::Error::other("interrupted"),
            })
        });
        assert!(r.is_err());
        assert_eq!(std::fs::read(&path).expect("read"), b"old");
        assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 1);
        assert!(write_atomically(&dir.path().join("no-such-dir/a.zip"), b"x").is_err());
    }
}
