//! Controlled documents: Markdown with TOML front matter between `+++` lines.

use serde::{Deserialize, Serialize};

use crate::base::date::Date;
use crate::base::span::Spanned;

/// What a controlled document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum DocumentKind {
    /// The quality policy.
    Policy,
    /// The quality manual.
    Manual,
    /// A documented procedure (quy trình).
    Procedure,
    /// A work instruction.
    Instruction,
    /// A form (biểu mẫu).
    Form,
    /// A plan, e.g. the quality objectives and the plan to achieve them.
    Plan,
    /// A document of external origin (a law, a decree).
    External,
}

/// Where a document is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum DocumentStatus {
    /// Being written; not for use.
    Draft,
    /// In force.
    Current,
    /// Withdrawn; kept for reference only.
    Obsolete,
}

/// The front matter of a controlled document.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct DocumentMeta {
    /// Document code, e.g. `QT-01`.
    pub id: Option<Spanned<String>>,
    /// Title.
    pub title: Option<Spanned<String>>,
    /// Kind of document.
    pub kind: Option<Spanned<DocumentKind>>,
    /// Issue number (lần ban hành).
    pub revision: Option<Spanned<u32>>,
    /// Date this revision took effect.
    pub issued: Option<Spanned<Date>>,
    /// Draft, current or obsolete.
    pub status: Option<Spanned<DocumentStatus>>,
    /// Who keeps the document up to date.
    pub owner: Option<Spanned<String>>,
    /// Who drafted it (soạn thảo).
    pub prepared_by: Option<Spanned<String>>,
    /// Who reviewed it (xem xét).
    pub reviewed_by: Option<Spanned<String>>,
    /// Who approved it (phê duyệt).
    pub approved_by: Option<Spanned<String>>,
    /// When it was approved.
    pub approved_on: Option<Spanned<Date>>,
    /// When it is next due for review.
    pub next_review: Option<Spanned<Date>>,
    /// Profile clause ids this document implements.
    #[serde(default)]
    pub clauses: Vec<Spanned<String>>,
    /// Record-type ids (records.toml) it produces.
    #[serde(default)]
    pub records: Vec<Spanned<String>>,
    /// Document ids it cites.
    #[serde(default)]
    pub references: Vec<Spanned<String>>,
    /// Field of administrative procedures (lĩnh vực), for service procedures.
    pub field: Option<Spanned<String>>,
    /// Legal processing time in working days, for service procedures.
    pub time_limit_days: Option<Spanned<u32>>,
    /// Revision history, oldest first.
    #[serde(default)]
    pub history: Vec<HistoryEntry>,
}

/// One revision in a document's history.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct HistoryEntry {
    /// The revision number.
    pub revision: Spanned<u32>,
    /// When it took effect.
    pub date: Spanned<Date>,
    /// What changed.
    pub change: Option<String>,
}

/// A Markdown heading of a document body.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Heading {
    /// Heading level, 1 to 6.
    pub level: u8,
    /// Its plain text.
    pub text: String,
    /// Byte offset in the file.
    pub offset: usize,
}

/// A table of a document body (pipe-table Markdown), as plain cell text.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct BodyTable {
    /// Byte offset of the table in the file.
    pub offset: usize,
    /// The header cells.
    pub header: Vec<String>,
    /// The body rows' cells.
    pub rows: Vec<Vec<String>>,
}

/// A controlled document: front matter, and the headings of its body.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Document {
    /// The front matter.
    pub meta: DocumentMeta,
    /// The body's headings, in order.
    pub headings: Vec<Heading>,
    /// The body's tables, in order.
    pub tables: Vec<BodyTable>,
    /// Byte range of the opening `+++` line, where a missing field is reported.
    pub opening: std::ops::Range<usize>,
}

impl Document {
    /// The document code, if given.
    pub fn id(&self) -> Option<&str> {
        self.meta.id.as_deref().map(String::as_str)
    }

    /// The status, if given.
    pub fn status(&self) -> Option<DocumentStatus> {
        self.meta.status.as_deref().copied()
    }

    /// The kind, if given.
    pub fn kind(&self) -> Option<DocumentKind> {
        self.meta.kind.as_deref().copied()
    }

    /// Whether the document is in force.
    pub fn is_current(&self) -> bool {
        self.status() == Some(DocumentStatus::Current)
    }
}
