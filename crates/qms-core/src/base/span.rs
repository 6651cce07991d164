//! Values that remember where they were written.
//!
//! [`Spanned`] wraps `toml::Spanned` so every value a rule may point at keeps
//! its byte range in the TOML text. [`Origin`] turns that range into a
//! position in the whole file (a document's front matter starts after `+++`).

use std::ops::Range;
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::base::text::FileId;

/// A value with the byte range of its text in the TOML it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spanned<T> {
    value: T,
    span: Range<usize>,
}

impl<T> Spanned<T> {
    /// Wraps a value with a span (for values built in code).
    pub fn new(value: T, span: Range<usize>) -> Self {
        Spanned { value, span }
    }

    /// The value.
    pub fn get(&self) -> &T {
        &self.value
    }

    /// The value, taking ownership.
    pub fn into_inner(self) -> T {
        self.value
    }

    /// The byte range in the TOML text (not the file: see [`Origin`]).
    pub fn span(&self) -> Range<usize> {
        self.span.clone()
    }
}

impl<T> std::ops::Deref for Spanned<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Spanned<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = toml::Spanned::<T>::deserialize(d)?;
        let span = s.span();
        Ok(Spanned {
            value: s.into_inner(),
            span,
        })
    }
}

impl<T: Serialize> Serialize for Spanned<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(s)
    }
}

/// Where a piece of TOML sits in its file: the file and the byte offset at
/// which the TOML text starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Origin {
    /// The file.
    pub file: FileId,
    /// Byte offset of the TOML text within the file.
    pub base: usize,
}

impl Origin {
    /// The file location of a spanned value.
    pub fn at<T>(&self, v: &Spanned<T>) -> Location {
        self.range(v.span())
    }

    /// The file location of a byte range of the TOML text.
    pub fn range(&self, r: Range<usize>) -> Location {
        Location::span(self.file, r.start + self.base..r.end + self.base)
    }

    /// The whole file, no position.
    pub fn file(&self) -> Location {
        Location::file(self.file)
    }
}

/// A file and, where known, the byte range in it, or (for a register,
/// whose text is not kept) the line or sheet row and the column.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Location {
    /// The file.
    pub file: FileId,
    /// Byte range in the file's text, if the finding is about a value.
    pub span: Option<Range<usize>>,
    /// One-based line (a CSV register) or sheet row (a workbook), for a
    /// file whose text is not kept.
    pub line: Option<usize>,
    /// One-based column of a register's cell: the field's number in a CSV
    /// row, the column's number in a sheet (`C` is 3).
    pub column: Option<usize>,
    /// The sheet of a workbook register.
    pub sheet: Option<Arc<str>>,
}

impl Location {
    /// A whole file.
    pub fn file(file: FileId) -> Self {
        Location {
            file,
            span: None,
            line: None,
            column: None,
            sheet: None,
        }
    }

    /// A byte range of a file.
    pub fn span(file: FileId, span: Range<usize>) -> Self {
        Location {
            span: Some(span),
            ..Location::file(file)
        }
    }

    /// A line of a file whose text is not kept (a CSV register).
    pub fn line(file: FileId, line: usize) -> Self {
        Location {
            line: Some(line),
            ..Location::file(file)
        }
    }

    /// A cell of a register: its line (or sheet row), its column, and the
    /// sheet when the register is a workbook.
    pub fn cell(file: FileId, sheet: Option<Arc<str>>, line: usize, column: Option<usize>) -> Self {
        Location {
            line: Some(line),
            column,
            sheet,
            ..Location::file(file)
        }
    }
}

/// The letters of a sheet column, one-based: 1 is `A`, 27 is `AA`.
pub fn column_letters(column: usize) -> String {
    let mut n = column;
    let mut out = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        out.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #[test]
    fn column_letters() {
        let names: Vec<String> = [1, 3, 26, 27, 52, 703].map(super::column_letters).into();
        assert_eq!(names, ["A", "C", "Z", "AA", "AZ", "AAA"]);
    }
}
