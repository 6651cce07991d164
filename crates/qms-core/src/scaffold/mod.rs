//! New files from templates: a whole new QMS ([`init`]) and one new
//! nonconformity, action, audit, review or document ([`new_file`]).
//!
//! Like the rest of the library, this module never writes: it returns each
//! file as a [`NewFile`] (a relative path and its text) and the caller puts
//! it on disk. The `qms` CLI writes them atomically and never over an
//! existing file.

mod init;
mod new;

pub use init::{InitLang, init};
pub use new::{NewKind, new_file, next_id};

/// A file to create: where it goes in the QMS directory, and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct NewFile {
    /// Path relative to the QMS directory, with `/` (`actions/HD-2012-001.toml`).
    pub path: String,
    /// The file's text.
    pub contents: String,
}

impl NewFile {
    pub(crate) fn new(path: impl Into<String>, contents: impl Into<String>) -> Self {
        NewFile {
            path: path.into(),
            contents: contents.into(),
        }
    }
}
