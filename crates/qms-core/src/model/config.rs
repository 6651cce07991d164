//! `qms.toml`: the organisation, its scope and profile, and tool settings.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::base::date::Date;
use crate::base::span::Spanned;
use crate::model::sections::SectionsSetting;

/// The whole of `qms.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct QmsConfig {
    /// Who runs the QMS.
    pub organisation: Organisation,
    /// What the QMS covers and against which standard.
    pub scope: Scope,
    /// The working-day calendar.
    #[serde(default)]
    pub calendar: CalendarConfig,
    /// The internal audit programme.
    #[serde(default)]
    pub audit_programme: AuditProgramme,
    /// Management review cadence.
    #[serde(default)]
    pub management_review: ManagementReviewConfig,
    /// Limits for nonconformities.
    #[serde(default)]
    pub nonconformity: NonconformityConfig,
    /// The house's rules for controlled documents (`[documents]`).
    #[serde(default)]
    pub documents: DocumentsConfig,
    /// Quality objectives (`[[objective]]`).
    #[serde(default, rename = "objective")]
    pub objectives: Vec<Objective>,
    /// Per-rule levels: code to `error`, `warning` or `off`.
    #[serde(default)]
    pub checks: BTreeMap<String, Spanned<String>>,
    /// Report settings.
    #[serde(default)]
    pub report: ReportConfig,
}

/// `[organisation]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Organisation {
    /// Legal name, e.g. "UBND thị trấn Mỹ An".
    pub name: Spanned<String>,
    /// Postal address.
    pub address: Option<String>,
}

/// `[scope]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Scope {
    /// The scope statement (ISO 9001:2015 4.3).
    pub statement: Spanned<String>,
    /// `iso9001:2015` (default), `iso9001:2008`, or a path to a profile file.
    pub profile: Option<Spanned<String>>,
    /// The edition whose clause numbers the files cite (`clauses` fields and
    /// `not_applicable`); default: the profile itself. When it differs, the
    /// profile's correspondence table translates them.
    pub clause_numbering: Option<Spanned<String>>,
    /// Clauses declared not applicable, each with its justification.
    #[serde(default)]
    pub not_applicable: Vec<NonApplicable>,
}

/// One clause declared not applicable.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct NonApplicable {
    /// The clause id, e.g. `8.3`.
    pub clause: Spanned<String>,
    /// Why it does not apply.
    pub reason: Option<Spanned<String>>,
    /// Only when checking against this profile, with its own numbering
    /// (e.g. an exclusion that existed only under ISO 9001:2008).
    pub profile: Option<Spanned<String>>,
}

/// `[calendar]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct CalendarConfig {
    /// ISO country code of the built-in public holidays (`VN`); none means
    /// weekends only.
    pub country: Option<Spanned<String>>,
    /// Further non-working days.
    #[serde(default)]
    pub extra_holidays: Vec<Spanned<Date>>,
    /// Further working days (e.g. a Saturday worked in exchange).
    #[serde(default)]
    pub extra_working_days: Vec<Spanned<Date>>,
}

/// `[audit_programme]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct AuditProgramme {
    /// Every current procedure must be audited within this many months.
    pub cycle_months: Option<Spanned<u32>>,
}

/// `[management_review]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ManagementReviewConfig {
    /// A management review must be held at least this often.
    pub every_months: Option<Spanned<u32>>,
}

/// `[nonconformity]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct NonconformityConfig {
    /// A major nonconformity may stay open at most this many days.
    pub major_open_days: Option<Spanned<u32>>,
}

/// `[documents]`: the house's rules for its controlled documents.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct DocumentsConfig {
    /// The sections every procedure body must have (rule DOC008): a built-in
    /// set or the house's own list. None: no section is required (ISO 9001
    /// prescribes none).
    pub sections: Option<Spanned<SectionsSetting>>,
}

/// One `[[objective]]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Objective {
    /// Its id, e.g. `MT-01`.
    pub id: Spanned<String>,
    /// What it aims at, in the organisation's words.
    pub title: Spanned<String>,
    /// The named metric computed from the files, e.g. `dossiers.on_time_rate`.
    pub metric: Option<Spanned<String>>,
    /// The target, e.g. `>= 100%`.
    pub target: Option<Spanned<String>>,
}

/// `[report]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ReportConfig {
    /// Default report language: `vi` or `en`.
    pub lang: Option<Spanned<String>>,
}
