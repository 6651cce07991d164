//! A QMS held in memory: `(path, bytes)` pairs.

use std::collections::BTreeMap;

use super::read::{Listing, Refusal, Refused, Source, SourceError, in_ignored_folder};
use crate::base::paths;

/// Files held in memory, by path. A path that would lead outside the QMS
/// (absolute, `..`) is listed as refused; asking for a path that is not in
/// the map is [`SourceError::NotFound`].
///
/// ```
/// let source = qms_core::source::MemorySource::new()
///     .with_file("qms.toml", "[organisation]\nname = \"Mỹ An\"\n");
/// assert_eq!(source.len(), 1);
/// ```
#[derive(Debug, Clone, Default)]
pub struct MemorySource {
    files: BTreeMap<String, Vec<u8>>,
    refused: Vec<Refused>,
}

impl MemorySource {
    /// An empty QMS.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds (or replaces) a file.
    pub fn with_file(mut self, path: &str, contents: impl Into<Vec<u8>>) -> Self {
        self.insert(path, contents);
        self
    }

    /// Adds (or replaces) a file.
    pub fn insert(&mut self, path: &str, contents: impl Into<Vec<u8>>) {
        match paths::normalise(path) {
            Ok(rel) => {
                self.files.insert(rel, contents.into());
            }
            Err(_) => self.refused.push(Refused {
                path: path.to_string(),
                reason: Refusal::UnsafeName,
            }),
        }
    }

    /// How many files it holds.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether it holds no file.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

impl<P: AsRef<str>, B: Into<Vec<u8>>> FromIterator<(P, B)> for MemorySource {
    fn from_iter<I: IntoIterator<Item = (P, B)>>(iter: I) -> Self {
        let mut s = MemorySource::new();
        for (p, b) in iter {
            s.insert(p.as_ref(), b);
        }
        s
    }
}

impl Source for MemorySource {
    fn list(&self) -> Result<Listing, SourceError> {
        let files = self
            .files
            .keys()
            .filter(|p| !in_ignored_folder(p))
            .cloned()
            .collect();
        Ok(Listing::new(files, self.refused.clone()))
    }

    fn read(&self, path: &str) -> Result<Vec<u8>, SourceError> {
        let rel = paths::normalise(path)?;
        self.files
            .get(&rel)
            .cloned()
            .ok_or(SourceError::NotFound(rel))
    }

    fn size(&self, path: &str) -> Result<u64, SourceError> {
        let rel = paths::normalise(path)?;
        self.files
            .get(&rel)
            .map(|b| b.len() as u64)
            .ok_or(SourceError::NotFound(rel))
    }
}
