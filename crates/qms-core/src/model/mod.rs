//! Typed model of every file kind in a QMS directory.
//!
//! These structs are what serde reads, field for field: see
//! `docs/formats.md`. Every struct denies unknown keys. Values that a rule
//! may point at are [`Spanned`](crate::base::span::Spanned). Fields a rule reports as
//! missing are `Option`, so a missing one is a finding with a position, not a
//! parse failure.

mod action;
mod audit;
mod config;
mod document;
mod nonconformity;
mod objective;
mod record;
mod review;
mod revision;
#[cfg(feature = "schemars")]
mod schema;
mod sections;
mod time_of_day;

pub use action::{Action, ActionKind, ActionStatus};
pub use audit::{Audit, AuditAssignment, AuditFinding, AuditKind, FindingGrade};
pub use config::DocumentsConfig;
pub use config::Process;
pub use config::{
    AuditProgramme, CalendarConfig, ManagementReviewConfig, NonApplicable, NonconformityConfig,
    Organisation, QmsConfig, ReportConfig, Scope,
};
pub use config::{DEFAULT_CORRECTIVE_ACTION_FOR, IdPrefix, IdPrefixes, Language};
pub use document::{
    BodyTable, Document, DocumentKind, DocumentMeta, DocumentStatus, Heading, HistoryEntry,
    HistoryKind, TimeLimitCase, TimeLimitUnit,
};
pub use nonconformity::{
    Disposition, Effectiveness, EffectivenessResult, Grade, Nonconformity, NonconformitySource,
    NonconformityStatus, RootCause,
};
pub use objective::{
    Condition, ConditionOp, Measurement, MetricDefinition, MetricKind, Objective, PeriodKind,
    WrittenValue,
};
pub use record::{ColumnType, DueDate, RecordType, RecordsList, Register, RegisterKind};
pub use review::{ManagementReview, ReviewInput, ReviewInputs, ReviewOutput, ReviewOutputKind};
pub use revision::{Revision, RevisionError, RevisionScheme};
pub use sections::{SectionEntry, SectionsSetting};
pub use time_of_day::{TimeOfDay, TimeOfDayError};

use crate::base::span::Origin;

/// The name of an enumeration value as the files write it (`in-progress`,
/// `not-effective`); empty for a value that does not serialise to a string.
pub fn written_name<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// A parsed file's content together with where it was read from.
#[derive(Debug, Clone)]
pub struct Loaded<T> {
    /// The parsed content.
    pub item: T,
    /// The file and the offset of the TOML text within it.
    pub origin: Origin,
}

impl<T> std::ops::Deref for Loaded<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.item
    }
}
