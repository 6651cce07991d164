//! What a source does: list the files of a QMS, read or stream one; what it
//! refuses and why; the errors it gives.

use std::io::Read;
use std::path::{Path, PathBuf};

/// What a QMS's files are read through.
pub trait Source: Send + Sync + std::fmt::Debug {
    /// Every file of the QMS and every entry refused, in walk order (see
    /// [`walk_order`]).
    fn list(&self) -> Result<Listing, SourceError>;

    /// The bytes of one file (`path` relative, with `/`).
    fn read(&self, path: &str) -> Result<Vec<u8>, SourceError>;

    /// A reader over one file, for streaming a register. The default reads
    /// the whole file first.
    fn open(&self, path: &str) -> Result<Box<dyn Read + Send + '_>, SourceError> {
        Ok(Box::new(std::io::Cursor::new(self.read(path)?)))
    }

    /// The size of one file in bytes. The default reads the file.
    fn size(&self, path: &str) -> Result<u64, SourceError> {
        Ok(self.read(path)?.len() as u64)
    }

    /// The directory on disk the files are in, when they are in one (the
    /// evidence pack asks git about it).
    fn directory(&self) -> Option<&Path> {
        None
    }
}

/// The files of a QMS, as a source lists them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Listing {
    /// Every regular file, relative, with `/`, in walk order.
    pub files: Vec<String>,
    /// Entries that are not handed out, and why.
    pub refused: Vec<Refused>,
}

impl Listing {
    /// A listing of `files` (put in walk order) and the entries refused.
    pub fn new(mut files: Vec<String>, refused: Vec<Refused>) -> Self {
        files.sort_by(|a, b| walk_order(a, b));
        Listing { files, refused }
    }
}

/// An entry a source will not hand out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    /// Its path, relative, with `/`.
    pub path: String,
    /// Why.
    pub reason: Refusal,
}

/// Why an entry is not handed out.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Refusal {
    /// A symbolic link that leads out of the QMS (or any link in a zip).
    LinkOutside,
    /// A zip entry whose name is absolute or climbs out with `..`.
    UnsafeName,
    /// It cannot be read (the message says why).
    Unreadable(String),
    /// Not a regular file: a FIFO, a device or a socket (what it is, in
    /// words). Never opened: reading one could block or never end.
    NotRegular(String),
}

/// Why a source cannot be opened, listed or read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SourceError {
    /// The directory is missing or cannot be listed.
    #[error("cannot read the QMS directory {path}")]
    Root {
        /// The directory given.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The path is a file that is not a zip archive.
    #[error("{0} is not a directory or a zip archive")]
    NotAQms(PathBuf),
    /// The zip archive cannot be read.
    #[error("cannot read the zip archive {path}: {message}")]
    Zip {
        /// The archive.
        path: String,
        /// What is wrong.
        message: String,
    },
    /// No such file in the QMS.
    #[error("`{0}`: no such file")]
    NotFound(String),
    /// The path leads outside the QMS.
    #[error(transparent)]
    Path(#[from] crate::base::paths::PathError),
    /// A file that cannot be read.
    #[error("cannot read `{path}`: {source}")]
    Io {
        /// The file, relative.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// Not a regular file: a FIFO, a device, a socket or a directory,
    /// which a QMS never needs and reading could block on or never end.
    #[error("`{path}` is {kind}, not a regular file; qms reads only regular files")]
    NotRegular {
        /// The file, relative.
        path: String,
        /// What it is: `a FIFO`, `a device`, ...
        kind: &'static str,
    },
    /// A file larger than a source will read into memory.
    #[error("`{path}` is larger than {limit} bytes, the most qms reads of one file")]
    TooLarge {
        /// The file, relative.
        path: String,
        /// The limit in bytes.
        limit: u64,
    },
}

/// The largest file a source reads whole (a document, a TOML file, a
/// profile): 64 MiB. A register is streamed and has no such limit
/// (docs/limits.md).
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// The order files are listed in: component by component, as a sorted
/// directory walk visits them (`records/a.csv` before `records.toml`).
pub fn walk_order(a: &str, b: &str) -> std::cmp::Ordering {
    a.split('/').cmp(b.split('/'))
}

/// Whether a path lies in a folder the QMS does not own: hidden folders
/// (`.git`) and build output (`target`).
pub(crate) fn in_ignored_folder(path: &str) -> bool {
    let mut parts: Vec<&str> = path.split('/').collect();
    parts.pop();
    parts.iter().any(|p| is_ignored_folder(p))
}

pub(crate) fn is_ignored_folder(name: &str) -> bool {
    name.starts_with('.') || name == "target"
}
