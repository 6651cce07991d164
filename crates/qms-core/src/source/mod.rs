//! Where a QMS's files come from.
//!
//! The library reads every file through a [`Source`]: it lists the files of a
//! QMS and reads one file's bytes, or streams it (a register of a million
//! rows). Three are built in: a directory on disk ([`DirSource`]), files
//! held in memory ([`MemorySource`]) and a zip archive ([`ZipSource`], which
//! also reads the `qms/` folder of an evidence pack). Nothing above this
//! layer touches `std::fs`; an embedding tool may implement [`Source`] over
//! its own storage (a database, an upload).
//!
//! Paths are relative to the QMS, with `/`. A source never hands out a file
//! outside its QMS: the directory refuses symbolic links that lead out, the
//! zip refuses absolute and `..` entry names.

mod dir;
mod memory;
mod read;
mod zip;

use std::path::Path;

pub use dir::DirSource;
pub use memory::MemorySource;
pub use read::{Listing, MAX_FILE_BYTES, Refusal, Refused, Source, SourceError, walk_order};
pub use zip::{MAX_ENTRY_BYTES, ZipSource};

/// Opens the QMS at `path`: a directory, or a zip archive (a zipped QMS, or
/// an evidence pack whose `qms/` folder is the QMS).
pub fn open(path: &Path) -> Result<Box<dyn Source>, SourceError> {
    let meta = std::fs::metadata(path).map_err(|source| SourceError::Root {
        path: path.to_path_buf(),
        source,
    })?;
    if meta.is_dir() {
        Ok(Box::new(DirSource::open(path)?))
    } else if ZipSource::is_zip(path) {
        Ok(Box::new(ZipSource::open(path)?))
    } else {
        Err(SourceError::NotAQms(path.to_path_buf()))
    }
}
