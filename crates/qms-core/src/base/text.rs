//! The text of every file read, so findings can quote it.
//!
//! [`SourceMap`] owns each file's relative path and text and turns byte offsets
//! into one-based line and column numbers (columns count characters, so a
//! Vietnamese line points at the right letter).

use std::sync::OnceLock;

use serde::Serialize;

/// Index of a file in [`SourceMap`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct FileId(pub usize);

/// One file that was read.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the QMS directory, with `/` separators.
    pub path: String,
    /// The text (invalid UTF-8 replaced, for quoting only).
    pub text: String,
    /// Computed when a finding first asks for a line: most files have none.
    line_starts: OnceLock<Vec<usize>>,
}

impl SourceFile {
    fn new(path: String, text: String) -> Self {
        SourceFile {
            path,
            text,
            line_starts: OnceLock::new(),
        }
    }

    /// One-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let starts = self.line_starts();
        let line = match starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = starts[line];
        let col = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        (line + 1, col + 1)
    }

    /// Byte offsets where each line starts.
    pub fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        })
    }
}

/// All files read from a QMS directory, in the order they were added.
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

impl SourceMap {
    /// Adds a file and returns its id.
    pub fn add(&mut self, path: String, text: String) -> FileId {
        self.files.push(SourceFile::new(path, text));
        FileId(self.files.len() - 1)
    }

    /// The file with this id.
    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0]
    }

    /// Every file, with its id.
    pub fn iter(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files.iter().enumerate().map(|(i, f)| (FileId(i), f))
    }

    /// How many files were read.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether no file was read.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let mut s = SourceMap::default();
        let id = s.add("a.md".into(), "ab\nMục x\n".into());
        let f = s.get(id);
        assert_eq!(f.line_col(0), (1, 1));
        assert_eq!(f.line_col(3), (2, 1));
        let x = f.text.find('x').expect("x");
        assert_eq!(f.line_col(x), (2, 5));
    }
}
