//! Internal audit programme (ISO 9001:2015 9.2) and management review (9.3).

use std::collections::{HashMap, HashSet};

use crate::analysis::context::Context;
use crate::base::code::Code;
use crate::base::finding::RawFinding;
use crate::base::span::Spanned;
use crate::measure::metrics::{AuditSubjectKind, audit_cycle_months, audit_subjects};
use crate::model::{AuditAssignment, FindingGrade, ReviewOutputKind, written_name};

pub(crate) const AUD001: &str = "\
Every process declared in qms.toml (`[[process]]`) must have been in the
scope of an internal audit that ended within the audit cycle before the
check date (`[audit_programme] cycle_months`, default 12, from the profile).
A process counts as audited when the audit's `scope` lists its id or one of
its `documents`. When qms.toml declares no process, every current procedure
must have been in such a scope instead. An audit covers its scope until
the anniversary of its end (its start when it has no end) `cycle_months`
later, and the scope is late the day after: an audit that ended on
2012-06-25 with a 12-month cycle counts on 2013-06-25, not on 2013-06-26.

Why: ISO 9001:2015 9.2.2 a): an audit programme that covers the processes at
planned intervals; Vietnamese administrative rules expect a full internal
audit at least once a year, and a certification body checks one full cycle
before stage 2. Only `internal` audits count: an external, customer or
supplier audit is not the organisation's own audit programme.

Example: `[[process]] id = \"PR-03\"`, `documents = [\"P-07\"]`, and the
last internal audit listing `PR-03` or `P-07` ended 14 months ago.

Fix: plan and hold the internal audit, listing the process (or one of its
documents, or the procedure) in its `scope`.";

pub(crate) const AUD002: &str = "\
An auditor (lead or team) must not audit their own work: no auditor may be
the `owner` of a document or a process (`[[process]]` in qms.toml) in the
audit's scope. A supplier audit's scope is the supplier's, not checked.

An audit plan may assign auditors to parts of the scope: `[[assignment]]`
with `auditor` and `scope` (ids from the audit's `scope`). An assigned
auditor is compared only with the owners of their assignments' scope; an
auditor with no assignment, with the whole scope. An assignment listing an id
that is not in the audit's `scope` is itself an AUD002 finding, at that id:
the check cannot vouch for a part of the scope the audit does not cover.

Why: ISO 9001:2015 9.2.2 c) and ISO 19011's independence principle; the
quality officer auditing the procedures they maintain is a classic finding.

Example: the ISO secretary owns `QT-01`; with `[[assignment]] auditor =
\"ISO secretary\"`, `scope = [\"PR-02\"]` she audits only the moulding process.

Fix: swap auditors between areas, or assign the auditor the part of the
scope they do not own (`[[assignment]]`).";

pub(crate) const AUD003: &str = "\
An audit finding graded `major` or `minor` must name the `nonconformity`
raised for it.

Why: ISO 9001:2015 9.2.2 e) and 10.2: nonconformities found by audit lead to
correction and corrective action without undue delay; the trail starts at
the finding.

Fix: raise the nonconformity (`qms new nc`) and put its id on the finding.";

pub(crate) const AUD004: &str = "\
An audit record holds the contents ISO 19011 (6.5.1) asks of an audit
report: `objectives`, `scope` (the documents audited), `criteria` and
`conclusion`, plus its dates and lead auditor.

Why: an audit without stated objectives, scope and criteria cannot be
judged; one without a conclusion did not finish.

Fix: add the missing field.";

/// AUD001 to AUD004.
pub(crate) fn audits(ctx: &Context<'_>, out: &mut Vec<RawFinding>) {
    // Without qms.toml (LOAD006) there is no audit programme to judge.
    if let Some(cfg) = &ctx.qms.config {
        let cycle = audit_cycle_months(ctx);
        for subject in audit_subjects(ctx).iter().filter(|s| !s.audited) {
            let id = subject.id;
            let f = match subject.kind {
                AuditSubjectKind::Process(p) => RawFinding::new(
                    Code::AUD001,
                    format!(
                        "process `{id}` ({}) was not audited by an internal audit in the {cycle} months before {}",
                        p.name.get(),
                        ctx.as_of
                    ),
                )
                .at(cfg.origin.at(&p.id))
                .help("hold an internal audit listing this process, or one of its documents, in its scope"),
                AuditSubjectKind::Procedure(d) => RawFinding::new(
                    Code::AUD001,
                    format!(
                        "procedure `{id}` was not audited by an internal audit in the {cycle} months before {}",
                        ctx.as_of
                    ),
                )
                .at(d
                    .meta
                    .id
                    .as_ref()
                    .map_or_else(|| d.origin.file(), |i| d.origin.at(i)))
                .help("hold an internal audit with this procedure in its scope"),
            };
            out.push(f);
        }
    }
    // Each owner's name compared by its key, computed once.
    let mut owner_keys: HashMap<&str, String> = HashMap::new();
    for a in &ctx.qms.audits {
        let o = a.origin;
        let id = a.id.get();
        let own = a.kind.audits_own_qms();
        // An assigned auditor not listed in `lead_auditor` or `auditors` is
        // still an auditor of their part of the scope.
        let listed: Vec<&Spanned<String>> =
            a.lead_auditor.iter().chain(a.auditors.iter()).collect();
        let extra = a
            .assignments
            .iter()
            .map(|x| &x.auditor)
            .filter(|x| !listed.iter().any(|l| super::same_person(l, x)));
        let scope_ids: HashSet<&str> = a.scope.iter().map(|s| s.as_str()).collect();
        let mut auditors: Vec<&Spanned<String>> = listed.clone();
        for x in extra {
            if !auditors.iter().any(|l| super::same_person(l, x)) {
                auditors.push(x);
            }
        }
        for auditor in auditors {
            // An assigned auditor audits their assignments' scope, the others
            // the whole (a supplier audit's scope names the supplier: nothing
            // of ours).
            let assigned: Vec<&AuditAssignment> = a
                .assignments
                .iter()
                .filter(|x| super::same_person(&x.auditor, auditor))
                .collect();
            let scope: Vec<&Spanned<String>> = if !own {
                Vec::new()
            } else if assigned.is_empty() {
                a.scope.iter().collect()
            } else {
                assigned
                    .iter()
                    .flat_map(|x| x.scope.iter())
                    .filter(|i| scope_ids.contains(i.as_str()))
                    .collect()
            };
            let at = assigned.first().map_or(auditor, |x| &x.auditor);
            let auditor_key = super::person_key(auditor);
            for item in scope {
                let (what, owner) = match ctx.index.documents.get(item.as_str()) {
                    Some(d) => ("document", d.meta.owner.as_ref()),
                    None => (
                        "process",
                        ctx.index
                            .processes
                            .get(item.as_str())
                            .and_then(|p| p.owner.as_ref()),
                    ),
                };
                let owns = owner.is_some_and(|ow| {
                    *owner_keys
                        .entry(ow.as_str())
                        .or_insert_with(|| super::person_key(ow))
                        == auditor_key
                });
                if owns {
                    out.push(
                        RawFinding::new(
                            Code::AUD002,
                            format!(
                                "{} audits `{}` in `{id}`, a {what} they own",
                                auditor.get(),
                                item.get()
                            ),
                        )
                        .at(o.at(at))
                        .help("auditors do not audit their own work"),
                    );
                }
            }
        }
        // An assignment outside the audit's scope would escape the check.
        for x in a.assignments.iter().filter(|_| own) {
            for item in x.scope.iter().filter(|i| !scope_ids.contains(i.as_str())) {
                out.push(
                    RawFinding::new(
                        Code::AUD002,
                        format!(
                            "{}'s assignment lists `{}`, not in the scope of `{id}`",
                            x.auditor.get(),
                            item.get()
                        ),
                    )
                    .at(o.at(item))
                    .help("add it to the audit's `scope`, or take it out of the assignment"),
                );
            }
        }
        for f in &a.findings {
            if matches!(f.grade.get(), FindingGrade::Major | FindingGrade::Minor)
                && f.nonconformity.is_none()
            {
                out.push(
                    RawFinding::new(
                        Code::AUD003,
                        format!(
                            "a {} finding of `{id}` names no nonconformity",
                            written_name(f.grade.get())
                        ),
                    )
                    .at(o.at(&f.grade))
                    .help("raise the nonconformity and set `nonconformity = \"NC-...\"`"),
                );
            }
        }
        let missing: Vec<&str> = [
            ("objectives", a.objectives.is_none()),
            ("scope", a.scope.is_empty()),
            ("criteria", a.criteria.is_none()),
            ("conclusion", a.conclusion.is_none()),
            ("start", a.start.is_none()),
            ("lead_auditor", a.lead_auditor.is_none()),
        ]
        .into_iter()
        .filter_map(|(f, m)| m.then_some(f))
        .collect();
        for field in missing {
            out.push(
                RawFinding::new(Code::AUD004, format!("audit `{id}` has no `{field}`"))
                    .at(o.at(&a.id))
                    .help(format!("add `{field}` (ISO 19011 6.5.1 report contents)")),
            );
        }
    }
}

pub(crate) const MR001: &str = "\
A management review must have been held within `[management_review]
every_months` (default 12, from the profile) before the check date. The
next review is due on the anniversary and late the day after, the rule
every periodic date of qms follows: a review held on 2012-06-25 every 12
months is due on 2013-06-25 and raises MR001 from 2013-06-26 (a review on
29 February is due on 28 February).

Why: ISO 9001:2015 9.3.1: top management reviews the QMS at planned
intervals; Vietnamese administrative rules expect at least one a year.

Fix: hold the review and record it under reviews/.";

pub(crate) const MR002: &str = "\
The record of a management review covers each input of ISO 9001:2015 9.3.2:
a) `previous_actions`, b) `context_changes`, c) `performance`, d)
`resources`, e) `risks_and_opportunities`, f) `improvement_opportunities`
(under `[inputs]`).

Why: minutes that skip an input are the usual finding against 9.3.2; the
auditor reads them input by input.

Fix: write what was reviewed for the missing input.";

pub(crate) const MR003: &str = "\
A review output of kind `improvement` or `change` must name the `action`
that carries it out.

Why: ISO 9001:2015 9.3.3: the outputs include decisions and actions; a
decision with no action is not followed up.

Fix: create the action (`qms new action`) and set `action = \"CA-...\"`.";

/// MR001 to MR003.
pub(crate) fn reviews(ctx: &Context<'_>, out: &mut Vec<RawFinding>) {
    let every = ctx
        .qms
        .config
        .as_ref()
        .and_then(|c| c.management_review.every_months.as_ref().map(|m| **m))
        .unwrap_or(ctx.profile.cadence.management_review_months);
    let recent = ctx
        .qms
        .reviews
        .iter()
        .any(|r| r.date.covers(every, ctx.as_of));
    if !recent && ctx.qms.config.is_some() {
        let last = ctx
            .qms
            .reviews
            .iter()
            .map(|r| *r.date)
            .filter(|d| *d <= ctx.as_of)
            .max();
        let mut f = RawFinding::new(
            Code::MR001,
            match last {
                Some(d) => format!(
                    "no management review in the {every} months before {}; the last was on {d}",
                    ctx.as_of
                ),
                None => format!(
                    "no management review in the {every} months before {}",
                    ctx.as_of
                ),
            },
        )
        .help("hold the management review and record it under reviews/");
        if let Some(cfg) = &ctx.qms.config {
            let at = cfg
                .management_review
                .every_months
                .as_ref()
                .map_or_else(|| cfg.origin.file(), |m| cfg.origin.at(m));
            f = f.at(at);
        }
        out.push(f);
    }
    for r in &ctx.qms.reviews {
        let o = r.origin;
        for input in r.inputs.all() {
            let (key, letter) = (input.key, input.letter);
            if input.recorded.is_none() {
                out.push(
                    RawFinding::new(
                        Code::MR002,
                        format!(
                            "management review `{}` does not record input 9.3.2 {letter}) `{key}`",
                            r.id.get()
                        ),
                    )
                    .at(o.at(&r.id))
                    .help(format!("add `{key} = \"...\"` under [inputs]")),
                );
            }
        }
        for out_ in &r.outputs {
            if matches!(
                out_.kind.get(),
                ReviewOutputKind::Improvement | ReviewOutputKind::Change
            ) && out_.action.is_none()
            {
                out.push(
                    RawFinding::new(
                        Code::MR003,
                        format!(
                            "an output of management review `{}` decides a {} but names no action",
                            r.id.get(),
                            written_name(out_.kind.get())
                        ),
                    )
                    .at(o.at(&out_.kind)),
                );
            }
        }
    }
}
