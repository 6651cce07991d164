//! The report context: everything the audit report shows, as typed,
//! serialisable data.
//!
//! [`ReportContext::build`] gathers the check result (findings, clause
//! matrix) and the registers an auditor reads (documents, records,
//! nonconformities and their actions, audits, reviews, objectives, dossier
//! statistics month by month, the table registers). It is data only: how it is laid out and drawn
//! (the dossier chart's geometry, the labels of each language) belongs to the
//! renderer, `qms-report`. The templates in `crates/qms-report/templates/` render exactly this
//! structure; a user writing a template of their own finds every field
//! documented here. Every type here serialises and deserialises, so another
//! tool can read the report `qms` wrote.

use serde::{Deserialize, Serialize};

use crate::analysis::coverage::Coverage;
use crate::base::date::Date;
use crate::base::finding::{Finding, Level};
use crate::engine::check::{CheckOptions, CheckReport, check};
use crate::load::Qms;
use crate::load::profile::resolve;
use crate::measure::objectives::ObjectiveResult;
use crate::model::{FindingGrade, Revision};
use crate::registers::figures::{DossierStats, Period, StatsRow};
use crate::registers::table::TableSummary;

/// Version of this structure; bumped when a field is removed or changes meaning.
pub const REPORT_SCHEMA_VERSION: u32 = 1;

/// The whole report.
///
/// Built only by [`ReportContext::build`] or [`ReportContext::from_check`]
/// (new fields may be added); read, serialised and deserialised freely.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ReportContext {
    /// [`REPORT_SCHEMA_VERSION`].
    pub schema_version: u32,
    /// `qms` and its version.
    pub generator: String,
    /// The organisation audited.
    pub organisation: OrganisationInfo,
    /// Scope, profile and exclusions.
    pub scope: ScopeInfo,
    /// The date the check was made at.
    pub as_of: Date,
    /// Counts and the verdict.
    pub summary: ReportSummary,
    /// The clause matrix.
    pub coverage: Coverage,
    /// The document register (every controlled document).
    pub documents: Vec<DocumentRow>,
    /// The records control list.
    pub records: Vec<RecordRow>,
    /// Nonconformities with their actions.
    pub nonconformities: Vec<NonconformityRow>,
    /// Whether any nonconformity is a nonconforming output or records a
    /// disposition, quantity or authority: the templates show those only
    /// then, so a QMS without product nonconformities reads as before.
    #[serde(default)]
    pub nonconforming_outputs: bool,
    /// Actions linked to no nonconformity (improvements, review decisions).
    pub other_actions: Vec<ActionRow>,
    /// Audits.
    pub audits: Vec<AuditRow>,
    /// Management reviews.
    pub reviews: Vec<ReviewRow>,
    /// Quality objectives against their targets.
    pub objectives: Vec<ObjectiveRow>,
    /// Dossier statistics, when the QMS has a dossier register.
    pub dossiers: Option<DossierSection>,
    /// The table registers (`kind = "table"`), in records.toml order: rows,
    /// cells that do not fit their type, overdue rows. Empty (and the
    /// section not shown) when the QMS has none.
    #[serde(default)]
    pub registers: Vec<TableSummary>,
    /// Findings at level error, in report order.
    pub errors: Vec<Finding>,
    /// Findings at level warning.
    pub warnings: Vec<Finding>,
}

/// `[organisation]`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OrganisationInfo {
    /// Name.
    pub name: String,
    /// Address (empty when not given).
    pub address: String,
    /// The language the QMS's own text (titles, names, conclusions) is
    /// written in, `en` or `vi` (`[organisation] lang`, else `[report]
    /// lang`, else `en`): a report in the other language marks that text
    /// with it (`lang="vi"`); empty in a report read from a file that has
    /// none.
    #[serde(default)]
    pub lang: String,
}

/// `[scope]` and the profile.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ScopeInfo {
    /// The scope statement.
    pub statement: String,
    /// Profile id (the audit criteria).
    pub profile: String,
    /// Profile title in English.
    pub profile_title_en: String,
    /// Profile title in Vietnamese.
    pub profile_title_vi: String,
    /// Declared exclusions: clause and reason.
    pub not_applicable: Vec<Exclusion>,
}

/// One declared exclusion.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Exclusion {
    /// Clause id as written.
    pub clause: String,
    /// The justification.
    pub reason: String,
}

/// Counts and the verdict of the report.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReportSummary {
    /// Error-level findings.
    pub errors: usize,
    /// Warning-level findings.
    pub warnings: usize,
    /// Files read.
    pub files: usize,
    /// Major nonconformities not closed at the check date.
    pub open_major_nonconformities: usize,
    /// Clauses with a mandatory item not covered.
    pub clauses_not_covered: usize,
    /// True only with no error and no open major nonconformity.
    pub ready_for_certification: bool,
}

/// A row of the document register.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DocumentRow {
    /// Code.
    pub id: String,
    /// Title.
    pub title: String,
    /// Kind (`procedure`, ...), empty when not given.
    pub kind: String,
    /// Revision as written (`2`, `"C"`, `"1.2"`), when given.
    pub revision: Option<Revision>,
    /// Issue date.
    pub issued: Option<Date>,
    /// When it was last reviewed: the latest of its issue date, its
    /// history's changes and reviews, and an external document's
    /// `checked_on`.
    #[serde(default)]
    pub last_reviewed: Option<Date>,
    /// `draft`, `current`, `obsolete`.
    pub status: String,
    /// Owner.
    pub owner: String,
    /// Approver.
    pub approved_by: String,
    /// Next review.
    pub next_review: Option<Date>,
    /// Field of a service procedure.
    pub field: String,
    /// Legal time limit of a service procedure, in working days.
    pub time_limit_days: Option<u32>,
    /// The file, relative to the QMS directory.
    pub file: String,
}

/// A row of the records list.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RecordRow {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Owner.
    pub owner: String,
    /// Where the records are kept.
    pub location: String,
    /// Retention period.
    pub retention: String,
    /// Disposition.
    pub disposition: String,
    /// Clauses cited.
    pub clauses: Vec<String>,
    /// The glob or register path.
    pub source: String,
    /// Files matched or register rows.
    pub count: u64,
}

/// An action.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ActionRow {
    /// Id.
    pub id: String,
    /// `correction`, `corrective`, `preventive`, `improvement`.
    pub kind: String,
    /// What is done.
    pub description: String,
    /// Who.
    pub owner: String,
    /// By when.
    pub due: Option<Date>,
    /// `planned`, `in-progress`, `done`, `cancelled`.
    pub status: String,
    /// When done.
    pub done_on: Option<Date>,
    /// Past due and not finished at the check date.
    pub overdue: bool,
}

/// A nonconformity and its actions.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NonconformityRow {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// `major`, `minor`, `observation`, `ofi`.
    pub grade: String,
    /// Source, empty when not given.
    pub source: String,
    /// Lifecycle state.
    pub status: String,
    /// Raised on.
    pub raised: Date,
    /// Closed on.
    pub closed: Option<Date>,
    /// The root cause found.
    pub root_cause: String,
    /// Effectiveness result (`effective`, `not-effective`), empty if none.
    pub effectiveness: String,
    /// Who verified effectiveness.
    pub verified_by: String,
    /// When.
    pub verified_on: Option<Date>,
    /// Whether it is a nonconforming output (ISO 9001:2015 8.7).
    #[serde(default)]
    pub product: bool,
    /// What was done with the product (`rework`, `repair`, `scrap`,
    /// `use-as-is`, `concession`, `return-to-supplier`, `regrade`), empty
    /// if none.
    #[serde(default)]
    pub disposition: String,
    /// How many items were nonconforming.
    #[serde(default)]
    pub quantity: Option<u64>,
    /// The unit of the quantity, empty if none.
    #[serde(default)]
    pub unit: String,
    /// Who authorised the disposition, empty if none.
    #[serde(default)]
    pub authorised_by: String,
    /// When.
    #[serde(default)]
    pub authorised_on: Option<Date>,
    /// The reference of the customer's authorisation of a concession, empty
    /// if none.
    #[serde(default)]
    pub customer_authorisation: String,
    /// Linked actions.
    pub actions: Vec<ActionRow>,
}

/// An audit.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AuditRow {
    /// Id.
    pub id: String,
    /// Kind, as the file writes it: `internal`, `certification-stage1`,
    /// `certification-stage2`, `surveillance`, `recertification`, `supplier`
    /// or `customer`.
    pub kind: String,
    /// First day.
    pub start: Option<Date>,
    /// Last day.
    pub end: Option<Date>,
    /// Lead auditor.
    pub lead_auditor: String,
    /// Team.
    pub auditors: Vec<String>,
    /// The scope: ids of the documents and processes audited; for a
    /// `supplier` audit, free text naming the supplier and its processes.
    pub scope: Vec<String>,
    /// Findings by grade: conformity, good-practice, major, minor, observation, ofi.
    pub findings: FindingCounts,
    /// Conclusion.
    pub conclusion: String,
}

/// Audit findings counted by grade.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct FindingCounts {
    /// Conformities.
    pub conformity: usize,
    /// Good practices.
    pub good_practice: usize,
    /// Major nonconformities.
    pub major: usize,
    /// Minor nonconformities.
    pub minor: usize,
    /// Observations.
    pub observation: usize,
    /// Opportunities for improvement.
    pub ofi: usize,
}

/// A management review.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReviewRow {
    /// Id.
    pub id: String,
    /// Date.
    pub date: Date,
    /// Chair.
    pub chair: String,
    /// How many of the six 9.3.2 inputs are recorded.
    pub inputs_recorded: usize,
    /// Decisions.
    pub outputs: Vec<ReviewOutputRow>,
}

/// A review decision.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReviewOutputRow {
    /// `improvement`, `change`, `resources`.
    pub kind: String,
    /// The decision.
    pub decision: String,
    /// The action carrying it out, if any.
    pub action: String,
}

/// An objective, its value shown as text.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ObjectiveRow {
    /// The measured objective.
    #[serde(flatten)]
    pub result: ObjectiveResult,
    /// The value as printed (`100%`, `0`), `-` when not measured.
    pub value_text: String,
    /// The values of the last four periods as printed, oldest first,
    /// joined by arrows (`96.67% → 97.33% → - → 98.67%`); empty for a
    /// built-in metric, measured at the check date only.
    pub trend_text: String,
}

/// The dossier section: a period's figures, in total and month by month.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DossierSection {
    /// The period: 1 January of the check date's year to the check date.
    pub period: Period,
    /// Totals.
    pub total: DossierStats,
    /// One row per month (the renderer draws its chart from them).
    pub months: Vec<StatsRow>,
}

use crate::model::written_name as s;

fn text(v: Option<&crate::base::span::Spanned<String>>) -> String {
    v.map(|x| x.get().clone()).unwrap_or_default()
}

impl ReportContext {
    /// Checks `qms` at `as_of` and gathers the report.
    pub fn build(qms: &Qms, as_of: Date) -> ReportContext {
        let report = check(
            qms,
            &CheckOptions {
                as_of,
                deny_warnings: false,
            },
        );
        Self::from_check(qms, report)
    }

    /// Gathers the report from a check already made.
    pub fn from_check(qms: &Qms, report: CheckReport) -> ReportContext {
        let as_of = report.as_of;
        let (profile, _) = resolve(qms);
        let cfg = qms.config.as_ref();

        let documents = qms
            .documents
            .iter()
            .map(|d| {
                let m = &d.meta;
                DocumentRow {
                    id: d.id().unwrap_or_default().to_string(),
                    title: text(m.title.as_ref()),
                    kind: d.kind().map(|k| s(&k)).unwrap_or_default(),
                    revision: m.revision.as_ref().map(|r| r.get().clone()),
                    issued: m.issued.as_ref().map(|r| **r),
                    last_reviewed: d.last_reviewed(),
                    status: d.status().map(|k| s(&k)).unwrap_or_default(),
                    owner: text(m.owner.as_ref()),
                    approved_by: text(m.approved_by.as_ref()),
                    next_review: m.next_review.as_ref().map(|r| **r),
                    field: text(m.field.as_ref()),
                    time_limit_days: m.time_limit_days.as_ref().map(|r| **r),
                    file: qms.sources.get(d.origin.file).path.clone(),
                }
            })
            .collect();

        let records = qms
            .records
            .iter()
            .flat_map(|l| l.records.iter())
            .map(|r| {
                let (source, count) = match (&r.files, &r.register) {
                    (Some(g), _) => (g.get().clone(), qms.files_matching(g).len() as u64),
                    (None, Some(reg)) => {
                        let rel = crate::base::paths::normalise(reg.path.get()).unwrap_or_default();
                        let rows = report
                            .tables
                            .iter()
                            .find(|t| t.path == rel)
                            .map(|t| t.rows)
                            .or_else(|| report.dossiers.rows.get(&rel).copied())
                            .unwrap_or(0);
                        (reg.path.get().clone(), rows)
                    }
                    (None, None) => (String::new(), 0),
                };
                RecordRow {
                    id: r.id.get().clone(),
                    title: r.title.get().clone(),
                    owner: text(r.owner.as_ref()),
                    location: text(r.location.as_ref()),
                    retention: text(r.retention.as_ref()),
                    disposition: text(r.disposition.as_ref()),
                    clauses: r.clauses.iter().map(|c| c.get().clone()).collect(),
                    source,
                    count,
                }
            })
            .collect();

        let action_row = |a: &crate::model::Action| ActionRow {
            id: a.id.get().clone(),
            kind: s(a.kind.get()),
            description: text(a.description.as_ref()),
            owner: text(a.owner.as_ref()),
            due: a.due.as_ref().map(|d| **d),
            status: s(a.status.get()),
            done_on: a.done_on.as_ref().map(|d| **d),
            overdue: crate::measure::metrics::is_overdue(a, as_of),
        };
        let nonconformities = qms
            .nonconformities
            .iter()
            .map(|n| {
                let eff = n.effectiveness.as_ref();
                NonconformityRow {
                    id: n.id.get().clone(),
                    title: n.title.get().clone(),
                    grade: s(n.grade.get()),
                    source: n.source.as_ref().map(|x| s(x.get())).unwrap_or_default(),
                    status: s(n.status.get()),
                    raised: *n.raised,
                    closed: n.closed.as_ref().map(|d| **d),
                    root_cause: n
                        .root_cause
                        .as_ref()
                        .map(|r| text(r.cause.as_ref()))
                        .unwrap_or_default(),
                    effectiveness: eff
                        .and_then(|e| e.result.as_ref())
                        .map(|r| s(r.get()))
                        .unwrap_or_default(),
                    verified_by: text(eff.and_then(|e| e.verified_by.as_ref())),
                    verified_on: eff.and_then(|e| e.verified_on.as_ref()).map(|d| **d),
                    product: n.is_product(),
                    disposition: n
                        .disposition
                        .as_ref()
                        .map(|d| s(d.get()))
                        .unwrap_or_default(),
                    quantity: n.quantity.as_ref().map(|q| **q),
                    unit: text(n.unit.as_ref()),
                    authorised_by: text(n.authorised_by.as_ref()),
                    authorised_on: n.authorised_on.as_ref().map(|d| **d),
                    customer_authorisation: text(n.customer_authorisation.as_ref()),
                    actions: qms
                        .actions_answering(n.id.as_str())
                        .map(|a| action_row(a))
                        .collect(),
                }
            })
            .collect::<Vec<NonconformityRow>>();
        let nonconforming_outputs = nonconformities.iter().any(|n| {
            n.product
                || !n.disposition.is_empty()
                || n.quantity.is_some()
                || !n.authorised_by.is_empty()
                || n.authorised_on.is_some()
        });
        let other_actions = qms
            .actions
            .iter()
            .filter(|a| a.nonconformities.is_empty())
            .map(|a| action_row(a))
            .collect();

        let audits = qms
            .audits
            .iter()
            .map(|a| {
                let mut counts = FindingCounts::default();
                for f in &a.findings {
                    match f.grade.get() {
                        FindingGrade::Conformity => counts.conformity += 1,
                        FindingGrade::GoodPractice => counts.good_practice += 1,
                        FindingGrade::Major => counts.major += 1,
                        FindingGrade::Minor => counts.minor += 1,
                        FindingGrade::Observation => counts.observation += 1,
                        FindingGrade::Ofi => counts.ofi += 1,
                    }
                }
                AuditRow {
                    id: a.id.get().clone(),
                    kind: s(a.kind.get()),
                    start: a.start.as_ref().map(|d| **d),
                    end: a.end.as_ref().map(|d| **d),
                    lead_auditor: text(a.lead_auditor.as_ref()),
                    auditors: a.auditors.iter().map(|x| x.get().clone()).collect(),
                    scope: a.scope.iter().map(|x| x.get().clone()).collect(),
                    findings: counts,
                    conclusion: text(a.conclusion.as_ref()),
                }
            })
            .collect();

        let reviews = qms
            .reviews
            .iter()
            .map(|r| ReviewRow {
                id: r.id.get().clone(),
                date: *r.date,
                chair: text(r.chair.as_ref()),
                inputs_recorded: r.inputs.recorded(),
                outputs: r
                    .outputs
                    .iter()
                    .map(|o| ReviewOutputRow {
                        kind: s(o.kind.get()),
                        decision: text(o.decision.as_ref()),
                        action: text(o.action.as_ref()),
                    })
                    .collect(),
            })
            .collect();

        let objectives = report
            .objectives
            .iter()
            .map(|result| ObjectiveRow {
                value_text: result.shown(result.value),
                trend_text: result
                    .trend
                    .iter()
                    .map(|t| result.shown(t.value))
                    .collect::<Vec<_>>()
                    .join(" → "),
                result: result.clone(),
            })
            .collect();

        let d = &report.dossiers;
        let dossiers = d
            .period
            .clone()
            .filter(|_| d.has_register)
            .map(|period| DossierSection {
                period,
                total: d.year_to_date.clone(),
                months: d.months.clone(),
            });

        let registers = report.tables.clone();

        let open_major = crate::measure::metrics::open_nonconformities(qms, as_of, true) as usize;
        let clauses_not_covered = report
            .coverage
            .clauses
            .iter()
            .filter(|c| {
                matches!(
                    c.status,
                    crate::analysis::coverage::Status::Missing
                        | crate::analysis::coverage::Status::Partial
                )
            })
            .count();
        let summary = ReportSummary {
            errors: report.summary.errors,
            warnings: report.summary.warnings,
            files: report.summary.files,
            open_major_nonconformities: open_major,
            clauses_not_covered,
            ready_for_certification: report.summary.errors == 0 && open_major == 0,
        };
        let (errors, warnings): (Vec<_>, Vec<_>) = report
            .findings
            .into_iter()
            .partition(|f| f.level == Level::Error);

        ReportContext {
            schema_version: REPORT_SCHEMA_VERSION,
            generator: format!("qms {}", env!("CARGO_PKG_VERSION")),
            organisation: OrganisationInfo {
                name: cfg
                    .map(|c| c.organisation.name.get().clone())
                    .unwrap_or_default(),
                address: cfg
                    .and_then(|c| c.organisation.address.clone())
                    .unwrap_or_default(),
                lang: cfg.map(|c| c.language()).unwrap_or_default().code().into(),
            },
            scope: ScopeInfo {
                statement: cfg
                    .map(|c| c.scope.statement.get().clone())
                    .unwrap_or_default(),
                profile: profile.id.clone(),
                profile_title_en: profile.title_en.clone(),
                profile_title_vi: profile.title_vi.clone(),
                not_applicable: cfg
                    .map(|c| {
                        c.scope
                            .not_applicable
                            .iter()
                            .filter(|na| {
                                na.profile.as_ref().is_none_or(|p| p.as_str() == profile.id)
                            })
                            .map(|na| Exclusion {
                                clause: na.clause.get().clone(),
                                reason: text(na.reason.as_ref()),
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
            },
            as_of,
            summary,
            coverage: report.coverage,
            documents,
            records,
            nonconformities,
            nonconforming_outputs,
            other_actions,
            audits,
            reviews,
            objectives,
            dossiers,
            registers,
            errors,
            warnings,
        }
    }
}
