//! A file `init` or `new` returns for the caller to write.

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
