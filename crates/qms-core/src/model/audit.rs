//! Audits (internal and external) and their findings.

use serde::{Deserialize, Serialize};

use crate::base::date::Date;
use crate::base::span::Spanned;

/// What kind of audit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum AuditKind {
    /// Internal audit (ISO 9001 9.2).
    Internal,
    /// Certification stage 1.
    CertificationStage1,
    /// Certification stage 2.
    CertificationStage2,
    /// Surveillance audit.
    Surveillance,
    /// Recertification audit.
    Recertification,
    /// Our audit of a supplier (an external provider, ISO 9001:2015 8.4):
    /// its `scope` names the supplier and its processes, as free text.
    Supplier,
    /// A customer auditing us (second party); its `scope` lists our document
    /// or process ids, as an external audit's does.
    Customer,
}

impl AuditKind {
    /// Whether the audit looks at the organisation's own QMS, so that its
    /// `scope` lists the QMS's document or process ids: every kind but
    /// `supplier`.
    pub fn audits_own_qms(self) -> bool {
        self != AuditKind::Supplier
    }
}

/// The grade of an audit finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum FindingGrade {
    /// Conforms.
    Conformity,
    /// Conforms, and is worth spreading.
    GoodPractice,
    /// Major nonconformity.
    Major,
    /// Minor nonconformity.
    Minor,
    /// Observation.
    Observation,
    /// Opportunity for improvement.
    Ofi,
}

/// An audit record.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Audit {
    /// Its id, e.g. `DGNB-2012-01`.
    pub id: Spanned<String>,
    /// What kind of audit.
    pub kind: Spanned<AuditKind>,
    /// First day.
    pub start: Option<Spanned<Date>>,
    /// Last day.
    pub end: Option<Spanned<Date>>,
    /// Lead auditor.
    pub lead_auditor: Option<Spanned<String>>,
    /// Other auditors.
    #[serde(default)]
    pub auditors: Vec<Spanned<String>>,
    /// People audited.
    #[serde(default)]
    pub auditees: Vec<Spanned<String>>,
    /// Audit objectives (ISO 19011 6.5.1 a).
    pub objectives: Option<Spanned<String>>,
    /// Audit criteria (f).
    pub criteria: Option<Spanned<String>>,
    /// What was audited (b): ids of our documents or `[[process]]`es; for a
    /// `supplier` audit, free text naming the supplier and its processes.
    #[serde(default)]
    pub scope: Vec<Spanned<String>>,
    /// Audit conclusion (h).
    pub conclusion: Option<Spanned<String>>,
    /// The audit plan's assignments (`[[assignment]]`): which auditor audits
    /// which part of the scope. An auditor with none audits the whole scope.
    #[serde(default, rename = "assignment")]
    pub assignments: Vec<AuditAssignment>,
    /// Findings (g).
    #[serde(default, rename = "finding")]
    pub findings: Vec<AuditFinding>,
}

/// One `[[assignment]]` of an audit: an auditor and their part of the scope.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct AuditAssignment {
    /// The auditor (as written in `lead_auditor` or `auditors`).
    pub auditor: Spanned<String>,
    /// The ids of the audit's `scope` this auditor audits.
    #[serde(default)]
    pub scope: Vec<Spanned<String>>,
}

/// One `[[finding]]` of an audit.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct AuditFinding {
    /// Its grade.
    pub grade: Spanned<FindingGrade>,
    /// Profile clause concerned.
    pub clause: Option<Spanned<String>>,
    /// Document concerned.
    pub document: Option<Spanned<String>>,
    /// What was seen.
    pub evidence: Option<Spanned<String>>,
    /// The nonconformity raised for it.
    pub nonconformity: Option<Spanned<String>>,
}
