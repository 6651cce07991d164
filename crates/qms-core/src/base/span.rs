//! Values that remember where they were written.
//!
//! [`Spanned`] wraps `toml::Spanned` so every value a rule may point at keeps
//! its byte range in the TOML text. [`Origin`] turns that range into a
//! position in the whole file (a document's front matter starts after `+++`).

use std::ops::Range;

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

/// A file and, where known, the byte range in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file.
    pub file: FileId,
    /// Byte range in the file's text, if the finding is about a value.
    pub span: Option<Range<usize>>,
    /// One-based line, for a file whose text is not kept (a large register).
    pub line: Option<usize>,
}

impl Location {
    /// A whole file.
    pub fn file(file: FileId) -> Self {
        Location {
            file,
            span: None,
            line: None,
        }
    }

    /// A byte range of a file.
    pub fn span(file: FileId, span: Range<usize>) -> Self {
        Location {
            file,
            span: Some(span),
            line: None,
        }
    }
}
