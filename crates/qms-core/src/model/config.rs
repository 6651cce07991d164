//! `qms.toml`: the organisation, its scope and profile, and tool settings.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::base::date::Date;
use crate::base::span::Spanned;

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
    /// The processes of the QMS (`[[process]]`), which the internal audit
    /// programme covers; none declared means every current procedure.
    #[serde(default, rename = "process")]
    pub processes: Vec<Process>,
    /// Management review cadence.
    #[serde(default)]
    pub management_review: ManagementReviewConfig,
    /// Limits for nonconformities.
    #[serde(default)]
    pub nonconformity: NonconformityConfig,
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
    /// Every process (or, without `[[process]]`, every current procedure)
    /// must be audited within this many months.
    pub cycle_months: Option<Spanned<u32>>,
}

/// One `[[process]]`: a process of the QMS (ISO 9001:2015 4.4) and the
/// documents that describe it. When processes are declared, each must be in
/// the scope of an internal audit within the audit cycle (rule AUD001).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Process {
    /// Its id, e.g. `PR-01`; unique among processes, and what an audit's
    /// `scope` may list.
    pub id: Spanned<String>,
    /// Its name, e.g. "Moulding".
    pub name: Spanned<String>,
    /// Who is responsible for it (the process owner).
    pub owner: Option<Spanned<String>>,
    /// Ids of the documents that describe it; an audit whose `scope` lists
    /// one of them audits the process.
    #[serde(default)]
    pub documents: Vec<Spanned<String>>,
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
