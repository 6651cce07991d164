//! Controlled documents: Markdown with TOML front matter between `+++` lines.

use serde::{Deserialize, Serialize};

use crate::base::date::Date;
use crate::base::span::Spanned;
use crate::model::revision::Revision;
use crate::model::time_of_day::TimeOfDay;

/// What a controlled document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
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
    /// A document of external origin (a law, a decree, a standard, a
    /// customer's manual): no approval and no revision history of ours.
    External,
}

/// Where a document is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
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

/// How a procedure's `time_limit_days` counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum TimeLimitUnit {
    /// Working days on the `[calendar]`, the receipt day not counted.
    #[default]
    WorkingDays,
    /// Calendar days; a last day that is a day off moves to the next working day.
    CalendarDays,
}

/// An alternative time limit of a procedure, for one case.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct TimeLimitCase {
    /// The case's name, as the register's `case` column writes it.
    pub case: String,
    /// Its limit, in the procedure's `time_limit_unit`.
    pub days: Spanned<u32>,
    /// The law's limit for this case, when it differs from the procedure's
    /// `legal_limit_days` (a verification case the law allows more days).
    pub legal_limit_days: Option<Spanned<u32>>,
}

/// The front matter of a controlled document.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct DocumentMeta {
    /// Document code, e.g. `QT-01`.
    pub id: Option<Spanned<String>>,
    /// Title.
    pub title: Option<Spanned<String>>,
    /// Kind of document.
    pub kind: Option<Spanned<DocumentKind>>,
    /// Revision as the organisation writes it: an issue number (lần ban
    /// hành), letters, digits or a dotted version.
    pub revision: Option<Spanned<Revision>>,
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
    /// How `time_limit_days` counts: working days (the default) or calendar
    /// days (the last one moved to the next working day when it is a day off).
    pub time_limit_unit: Option<Spanned<TimeLimitUnit>>,
    /// Alternative limits, chosen per dossier by the register's `case`
    /// column (`[[time_limit_case]] case = "verification", days = 5`).
    #[serde(default)]
    pub time_limit_case: Vec<TimeLimitCase>,
    /// Requests received after this time of day (`"15:00"`) count as
    /// received the next working day; `[calendar] cutoff` when absent.
    pub cutoff: Option<Spanned<TimeOfDay>>,
    /// The law that sets the procedure's time limit (text, for readers).
    pub legal_basis: Option<Spanned<String>>,
    /// The time limit in law, in `time_limit_unit`: the promised
    /// `time_limit_days` (and each case's `days`) must not be longer.
    pub legal_limit_days: Option<Spanned<u32>>,
    /// Who issued an external document (ISO, a customer, a ministry).
    pub publisher: Option<Spanned<String>>,
    /// The edition of an external document the organisation holds, as its
    /// publisher names it (`2015`, `3rd edition`, `Rev. 7`).
    pub edition: Option<Spanned<String>>,
    /// When the organisation last confirmed it holds the current edition of
    /// an external document.
    pub checked_on: Option<Spanned<Date>>,
    /// Revision history, oldest first.
    #[serde(default)]
    pub history: Vec<HistoryEntry>,
}

/// One entry of a document's history: a revision issued, or a review.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct HistoryEntry {
    /// The revision: the new one for a change, the unchanged one for a
    /// review.
    pub revision: Spanned<Revision>,
    /// When it took effect, or when the review was made.
    pub date: Spanned<Date>,
    /// What changed, or what the review concluded.
    pub change: Option<String>,
    /// A change (the default) or a review without change.
    #[serde(default)]
    pub kind: HistoryKind,
}

/// What a history entry records.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum HistoryKind {
    /// A new revision was issued.
    #[default]
    Change,
    /// The document was reviewed and confirmed unchanged: same revision as
    /// the entry before.
    Review,
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

    /// Whether it is of external origin (`kind = "external"`).
    pub fn is_external(&self) -> bool {
        self.kind() == Some(DocumentKind::External)
    }

    /// When the document was last reviewed: the latest of its issue date,
    /// its history's dates (a review without change moves it) and, for an
    /// external document, `checked_on`.
    pub fn last_reviewed(&self) -> Option<Date> {
        let m = &self.meta;
        m.history
            .iter()
            .map(|h| *h.date.get())
            .chain(m.issued.as_deref().copied())
            .chain(m.checked_on.as_deref().copied())
            .max()
    }
}
