//! `qms.toml`: the organisation, its scope and profile, and tool settings.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::base::date::Date;
use crate::base::span::Spanned;
use crate::model::nonconformity::Grade;
use crate::model::objective::{MetricDefinition, Objective};
use crate::model::sections::SectionsSetting;
use crate::model::time_of_day::TimeOfDay;

/// The whole of `qms.toml`.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
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
    /// The house's rules for controlled documents (`[documents]`).
    #[serde(default)]
    pub documents: DocumentsConfig,
    /// Quality objectives (`[[objective]]`).
    #[serde(default, rename = "objective")]
    pub objectives: Vec<Objective>,
    /// Metrics computed from registers (`[[metric]]`), which objectives
    /// name like the built-in ones.
    #[serde(default, rename = "metric")]
    pub metrics: Vec<MetricDefinition>,
    /// Per-rule levels: code to `error`, `warning` or `off`.
    #[serde(default)]
    pub checks: BTreeMap<String, Spanned<String>>,
    /// The id prefix of each kind (`[ids]`).
    #[serde(default)]
    pub ids: IdPrefixes,
    /// Report settings.
    #[serde(default)]
    pub report: ReportConfig,
}

/// `[organisation]`.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Organisation {
    /// Legal name, e.g. "UBND thị trấn Mỹ An".
    pub name: Spanned<String>,
    /// Postal address.
    pub address: Option<String>,
    /// The language qms writes in for this QMS (`en` or `vi`); default:
    /// `[report] lang`, else English. See [`QmsConfig::language`].
    pub lang: Option<Spanned<Language>>,
}

/// A language qms writes in: the files of `qms init` and `qms new`, the
/// report's labels.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// English (the default).
    #[default]
    En,
    /// Vietnamese.
    Vi,
}

impl Language {
    /// `en` or `vi`.
    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Vi => "vi",
        }
    }

    /// Reads `en` or `vi`.
    pub fn parse(s: &str) -> Option<Language> {
        match s {
            "en" => Some(Language::En),
            "vi" => Some(Language::Vi),
            _ => None,
        }
    }
}

/// `[ids]`: the prefix the house gives the ids of each kind, e.g.
/// `action = "CA-"` for `CA-2012-001`. Each is optional: `qms new` follows
/// the prefix most used in the directory for that kind, else the
/// language's default (docs/formats.md lists them).
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct IdPrefixes {
    /// Controlled documents other than procedures and the policy (the
    /// manual, plans, instructions, forms).
    pub document: Option<Spanned<IdPrefix>>,
    /// Procedures: `P-` gives `P-01` (`qms new document`).
    pub procedure: Option<Spanned<IdPrefix>>,
    /// The quality policy.
    pub policy: Option<Spanned<IdPrefix>>,
    /// The quality objectives (`[[objective]] id`): `OBJ-` gives `OBJ-01`.
    pub objectives: Option<Spanned<IdPrefix>>,
    /// Nonconformities: `NC-` gives `NC-2012-001` (`qms new nc`).
    pub nc: Option<Spanned<IdPrefix>>,
    /// Actions: `CA-` gives `CA-2012-001` (`qms new action`).
    pub action: Option<Spanned<IdPrefix>>,
    /// Audits: `IA-` gives `IA-2012-01` (`qms new audit`).
    pub audit: Option<Spanned<IdPrefix>>,
    /// Management reviews: `MR-` gives `MR-2012-01` (`qms new review`).
    pub review: Option<Spanned<IdPrefix>>,
}

/// An id prefix, the text before an id's number (`CA-` of `CA-2012-001`).
/// It becomes part of file names, so it holds only letters, digits, `-`,
/// `_` and `.`, does not start with `.` and does not end with a digit;
/// anything else is refused when qms.toml is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdPrefix(String);

impl IdPrefix {
    /// Checks a prefix; the error says what is wrong.
    pub fn new(s: &str) -> Result<IdPrefix, String> {
        let ok = !s.is_empty()
            && s.chars().count() <= 24
            && !s.starts_with('.')
            && !s.ends_with(|c: char| c.is_ascii_digit())
            && s.chars().all(|c| c.is_alphanumeric() || "-_.".contains(c));
        if ok {
            Ok(IdPrefix(s.to_string()))
        } else {
            Err(format!(
                "`{s}` is not an id prefix: up to 24 letters, digits, `-`, `_` or `.`, not starting with `.` nor ending with a digit (e.g. \"CA-\")"
            ))
        }
    }

    /// The prefix.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for IdPrefix {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        IdPrefix::new(&s).map_err(serde::de::Error::custom)
    }
}

impl std::fmt::Display for IdPrefix {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl QmsConfig {
    /// The language qms writes in for this QMS: `[organisation] lang`, else
    /// `[report] lang`, else English.
    pub fn language(&self) -> Language {
        self.organisation
            .lang
            .as_ref()
            .map(|l| *l.get())
            .or_else(|| self.report_lang())
            .unwrap_or_default()
    }

    /// The report's language: `[report] lang`, else the QMS's
    /// ([`QmsConfig::language`]).
    pub fn report_language(&self) -> Language {
        self.report_lang().unwrap_or_else(|| self.language())
    }

    fn report_lang(&self) -> Option<Language> {
        self.report
            .lang
            .as_ref()
            .and_then(|l| Language::parse(l.get()))
    }
}

/// `[scope]`.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
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
    /// The days of the weekend (`["sat", "sun"]` when absent; `mon` to
    /// `sun` or the full English names; `["fri", "sat"]` for a Friday and
    /// Saturday weekend).
    pub weekend: Option<Vec<Spanned<String>>>,
    /// The receipt cut-off of every procedure that sets none (`"15:00"`):
    /// a request received after it counts as received the next working day.
    pub cutoff: Option<Spanned<TimeOfDay>>,
    /// Hours in a working day (8 when absent): what a same-day procedure's
    /// steps in hours or minutes must fit, and how step tables turn hours
    /// into days.
    pub working_hours: Option<Spanned<f64>>,
}

impl CalendarConfig {
    /// Hours in a working day when none is given.
    pub const DEFAULT_WORKING_HOURS: f64 = 8.0;

    /// The `working_hours` a day can have; outside it is a finding.
    pub const WORKING_HOURS: std::ops::RangeInclusive<f64> = 1.0..=24.0;

    /// `working_hours`, or 8 when absent or not between 1 and 24 (a
    /// value out of range is a finding of the calendar).
    pub fn working_hours(&self) -> f64 {
        self.working_hours
            .as_ref()
            .map(|h| *h.get())
            .filter(|h| Self::WORKING_HOURS.contains(h))
            .unwrap_or(Self::DEFAULT_WORKING_HOURS)
    }
}

/// `[audit_programme]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ManagementReviewConfig {
    /// A management review must be held at least this often.
    pub every_months: Option<Spanned<u32>>,
}

/// `[nonconformity]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct NonconformityConfig {
    /// A major nonconformity may stay open at most this many days.
    pub major_open_days: Option<Spanned<u32>>,
    /// The grades that need a corrective action (NC001 to NC006); none
    /// written: [`DEFAULT_CORRECTIVE_ACTION_FOR`]. A nonconformity of
    /// another grade may close with a correction alone.
    pub corrective_action_for: Option<Vec<Spanned<Grade>>>,
    /// Whether a concession needs the customer's authorisation
    /// (`customer_authorisation`, rule NC010); default false.
    pub concession_needs_customer: Option<Spanned<bool>>,
}

/// The grades that need a corrective action when `[nonconformity]
/// corrective_action_for` is not written: major and minor.
pub const DEFAULT_CORRECTIVE_ACTION_FOR: [Grade; 2] = [Grade::Major, Grade::Minor];

impl NonconformityConfig {
    /// Whether a nonconformity of this grade needs a corrective action:
    /// `corrective_action_for`, or major and minor when it is not written.
    pub fn needs_corrective_action(&self, grade: Grade) -> bool {
        match &self.corrective_action_for {
            Some(grades) => grades.iter().any(|g| *g.get() == grade),
            None => DEFAULT_CORRECTIVE_ACTION_FOR.contains(&grade),
        }
    }

    /// Whether a concession needs the customer's authorisation.
    pub fn concession_needs_customer(&self) -> bool {
        self.concession_needs_customer
            .as_ref()
            .is_some_and(|b| *b.get())
    }
}

/// `[documents]`: the house's rules for its controlled documents.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct DocumentsConfig {
    /// The sections every procedure body must have (rule DOC008): a built-in
    /// set or the house's own list. None: no section is required (ISO 9001
    /// prescribes none).
    pub sections: Option<Spanned<SectionsSetting>>,
}

/// `[report]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ReportConfig {
    /// Report language, `vi` or `en`; default: `[organisation] lang`.
    pub lang: Option<Spanned<String>>,
}
