//! Named metrics computed from the files, for quality objectives.
//!
//! Each metric has a stable name (`nonconformities.open`) and a function that
//! measures it at the check date. A metric is a count or a rate; a rate with
//! nothing to measure (no action was due) has no value rather than a made-up
//! one. To add a metric, add a row to [`METRICS`].

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::analysis::context::Context;
use crate::base::date::Date;
use crate::load::Qms;
use crate::model::{ActionStatus, AuditKind, Document, DocumentKind, Loaded, Process};

/// A measured value.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(tag = "unit", content = "value", rename_all = "lowercase")]
pub enum Measure {
    /// A whole number of things.
    Count(u64),
    /// A share between 0 and 1 (printed as a percentage).
    Rate(f64),
    /// Any other number: a sum or a mean over a register, a value measured
    /// by hand (`2.5`).
    Number(f64),
}

impl Measure {
    /// The number compared with a target: counts as they are, rates in percent.
    pub fn comparable(self) -> f64 {
        match self {
            Measure::Count(n) => n as f64,
            Measure::Rate(r) => r * 100.0,
            Measure::Number(v) => v,
        }
    }
}

impl Measure {
    /// The value to `decimals` decimals at most, without trailing zeros (a
    /// rate in percent, with `%`), and the value that text stands for.
    pub fn with_decimals(self, decimals: usize) -> (String, Measure) {
        let round = |v: f64| {
            let text = format!("{v:.decimals$}");
            let text = text.trim_end_matches('0').trim_end_matches('.');
            let text = if text == "-0" { "0" } else { text }.to_string();
            let back = text.parse().unwrap_or(v);
            (text, back)
        };
        match self {
            Measure::Count(n) => (n.to_string(), self),
            Measure::Rate(r) => {
                let (text, back) = round(r * 100.0);
                (format!("{text}%"), Measure::Rate(back / 100.0))
            }
            Measure::Number(v) => {
                let (text, back) = round(v);
                (text, Measure::Number(back))
            }
        }
    }
}

/// To two decimals at most, without trailing zeros: `97.2%`, `99.83%`,
/// `100%`. Beside a target, [`crate::measure::objectives::Target::shown`]
/// adds decimals where two would cross the target.
impl std::fmt::Display for Measure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.with_decimals(2).0)
    }
}

/// A metric: name, what it measures, how.
pub struct Metric {
    /// Stable name used in `[[objective]] metric`.
    pub name: &'static str,
    /// What it measures, in one line.
    pub description: &'static str,
    /// Measures it; `None` when there is nothing to measure.
    pub(crate) measure: fn(&Context<'_>) -> Option<Measure>,
    /// The folders of the files it counts: a file there that failed to load
    /// makes it not measurable ([`Metric::unmeasurable`]).
    pub reads: &'static [&'static str],
}

impl Metric {
    /// Why the metric cannot be measured on `qms`: a file it counts did not
    /// load (a major nonconformity that does not parse must not drop out of
    /// `nonconformities.open_major` and leave the objective "met").
    pub fn unmeasurable(&self, qms: &Qms) -> Option<String> {
        self.reads.iter().find_map(|folder| {
            qms.failed_under(folder)
                .map(|f| format!("`{f}` did not load, so the {folder} cannot all be counted"))
        })
    }

    /// Measures the metric on a loaded QMS at `as_of`; `None` when there is
    /// nothing to measure.
    pub fn measure_at(&self, qms: &crate::load::Qms, as_of: Date) -> Option<Measure> {
        let (profile, _) = crate::load::profile::resolve(qms);
        (self.measure)(&Context::new(qms, &profile, as_of))
    }
}

/// Every metric, by name.
pub static METRICS: &[Metric] = &[
    Metric {
        name: "nonconformities.open",
        description: "major and minor nonconformities raised by the check date and not closed or rejected",
        measure: |ctx| {
            Some(Measure::Count(open_nonconformities(
                ctx.qms, ctx.as_of, false,
            )))
        },
        reads: &["nonconformities"],
    },
    Metric {
        name: "nonconformities.open_major",
        description: "major nonconformities raised by the check date and not closed or rejected",
        measure: |ctx| {
            Some(Measure::Count(open_nonconformities(
                ctx.qms, ctx.as_of, true,
            )))
        },
        reads: &["nonconformities"],
    },
    Metric {
        name: "actions.overdue",
        description: "actions due before the check date and neither done nor cancelled",
        measure: |ctx| {
            Some(Measure::Count(
                ctx.qms
                    .actions
                    .iter()
                    .filter(|a| is_overdue(a, ctx.as_of))
                    .count() as u64,
            ))
        },
        reads: &["actions"],
    },
    Metric {
        name: "actions.on_time_rate",
        description: "share of actions done by their due date, among those done and those overdue",
        measure: actions_on_time_rate,
        reads: &["actions"],
    },
    Metric {
        name: "documents.review_overdue",
        description: "current documents whose next review date has passed",
        measure: |ctx| {
            Some(Measure::Count(
                ctx.qms
                    .documents
                    .iter()
                    .filter(|d| {
                        d.is_current()
                            && d.meta
                                .next_review
                                .as_ref()
                                .is_some_and(|n| n.is_late_at(ctx.as_of))
                    })
                    .count() as u64,
            ))
        },
        reads: &["documents"],
    },
    Metric {
        name: "audits.coverage",
        description: "share of the processes (without [[process]], of the current procedures) audited by an internal audit within the audit cycle",
        measure: |ctx| {
            let subjects = audit_subjects(ctx);
            if subjects.is_empty() {
                return None;
            }
            let audited = subjects.iter().filter(|s| s.audited).count();
            Some(Measure::Rate(audited as f64 / subjects.len() as f64))
        },
        reads: &["audits", "documents"],
    },
    Metric {
        name: "dossiers.on_time_rate",
        description: "share of dossiers resolved by their due date (early or on time), among those resolved in the period",
        measure: |ctx| dossier_metric(ctx, DossierMetric::OnTimeRate),
        reads: &["documents"],
    },
    Metric {
        name: "dossiers.late",
        description: "dossiers resolved after their due date in the period",
        measure: |ctx| dossier_metric(ctx, DossierMetric::Late),
        reads: &["documents"],
    },
    Metric {
        name: "dossiers.overdue",
        description: "dossiers still in progress past their due date at the check date",
        measure: |ctx| dossier_metric(ctx, DossierMetric::Overdue),
        reads: &["documents"],
    },
];

/// The metric with this name.
pub fn metric(name: &str) -> Option<&'static Metric> {
    METRICS.iter().find(|m| m.name == name)
}

/// The nonconformities open at `as_of` (raised by then, neither closed nor
/// rejected): the major ones, or with `major_only` false the major and minor
/// ones. The report's verdict counts the same open major nonconformities.
pub(crate) fn open_nonconformities(qms: &Qms, as_of: Date, major_only: bool) -> u64 {
    qms.nonconformities
        .iter()
        .filter(|n| {
            if major_only {
                n.is_open_major_at(as_of)
            } else {
                n.grade.get().is_nonconformity() && n.is_open_at(as_of)
            }
        })
        .count() as u64
}

/// Whether an action is past its due date and not finished.
pub fn is_overdue(a: &crate::model::Action, as_of: Date) -> bool {
    !matches!(a.status.get(), ActionStatus::Done | ActionStatus::Cancelled)
        && a.due.as_ref().is_some_and(|d| d.is_late_at(as_of))
}

fn actions_on_time_rate(ctx: &Context<'_>) -> Option<Measure> {
    let mut on_time = 0u64;
    let mut counted = 0u64;
    for a in &ctx.qms.actions {
        let Some(due) = &a.due else { continue };
        match (a.status.get(), &a.done_on) {
            (ActionStatus::Done, Some(done)) if **done <= ctx.as_of => {
                counted += 1;
                if **done <= **due {
                    on_time += 1;
                }
            }
            _ if is_overdue(a, ctx.as_of) => counted += 1,
            _ => {}
        }
    }
    (counted > 0).then(|| Measure::Rate(on_time as f64 / counted as f64))
}

/// Months in the internal audit cycle (qms.toml, else the profile).
pub fn audit_cycle_months(ctx: &Context<'_>) -> u32 {
    ctx.qms
        .config
        .as_ref()
        .and_then(|c| c.audit_programme.cycle_months.as_ref().map(|m| **m))
        .unwrap_or(ctx.profile.cadence.internal_audit_months)
}

/// The ids listed in the `scope` of the internal audits that ended within the
/// audit cycle before the check date (document or process ids).
pub fn audited_in_cycle<'a>(ctx: &Context<'a>) -> BTreeSet<&'a str> {
    let cycle = audit_cycle_months(ctx);
    ctx.qms
        .audits
        .iter()
        .filter(|a| {
            *a.kind.get() == AuditKind::Internal
                && a.end
                    .as_ref()
                    .or(a.start.as_ref())
                    .is_some_and(|e| e.covers(cycle, ctx.as_of))
        })
        .flat_map(|a| a.scope.iter().map(|s| s.as_str()))
        .collect()
}

/// What the internal audit programme must cover.
#[derive(Debug, Clone, Copy)]
pub enum AuditSubjectKind<'a> {
    /// A `[[process]]` of qms.toml.
    Process(&'a Process),
    /// A current procedure (when no process is declared).
    Procedure(&'a Loaded<Document>),
}

/// One process (or current procedure) and whether an internal audit within
/// the cycle covered it.
#[derive(Debug, Clone, Copy)]
pub struct AuditSubject<'a> {
    /// Its id.
    pub id: &'a str,
    /// The process or the procedure.
    pub kind: AuditSubjectKind<'a>,
    /// Whether an internal audit within the cycle listed it in its scope (a
    /// process also through one of its `documents`).
    pub audited: bool,
}

/// The subjects of the internal audit programme, each with whether it was
/// audited within the cycle: the declared processes, or, when qms.toml
/// declares none, the current procedures. AUD001 and `audits.coverage` both
/// read it.
pub fn audit_subjects<'a>(ctx: &Context<'a>) -> Vec<AuditSubject<'a>> {
    let scoped = audited_in_cycle(ctx);
    let processes = ctx.qms.config.iter().flat_map(|c| &c.processes);
    let mut out: Vec<AuditSubject<'a>> = processes
        .map(|p| AuditSubject {
            id: p.id.as_str(),
            kind: AuditSubjectKind::Process(p),
            audited: scoped.contains(p.id.as_str())
                || p.documents.iter().any(|d| scoped.contains(d.as_str())),
        })
        .collect();
    if out.is_empty() {
        out = ctx
            .qms
            .documents
            .iter()
            .filter(|d| d.is_current() && d.kind() == Some(DocumentKind::Procedure))
            .filter_map(|d| {
                let id = d.id()?;
                Some(AuditSubject {
                    id,
                    kind: AuditSubjectKind::Procedure(d),
                    audited: scoped.contains(id),
                })
            })
            .collect();
    }
    out
}

/// The dossier figures an objective can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DossierMetric {
    /// (early + on time) / resolved, year to date.
    OnTimeRate,
    /// Resolved after the due date, year to date.
    Late,
    /// In progress past the due date at the check date.
    Overdue,
}

/// Measures a dossier metric; `None` without a dossier register (or, for
/// the rate, with nothing resolved yet this year).
fn dossier_metric(ctx: &Context<'_>, which: DossierMetric) -> Option<Measure> {
    let a = &ctx.dossiers;
    if !a.has_register {
        return None;
    }
    let s = &a.year_to_date;
    match which {
        DossierMetric::OnTimeRate => s.on_time_rate.map(Measure::Rate),
        DossierMetric::Late => Some(Measure::Count(s.late)),
        DossierMetric::Overdue => Some(Measure::Count(s.overdue)),
    }
}
