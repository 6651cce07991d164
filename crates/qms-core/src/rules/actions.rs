//! Action rules (ISO 9001:2015 10.2.1 c) and 10.2.2): actions are done on
//! time, and a done action says when and points at evidence that exists.

use crate::analysis::context::Context;
use crate::base::code::Code;
use crate::base::finding::RawFinding;
use crate::model::ActionStatus;

pub(crate) const CA001: &str = "\
An action due before the check date that is neither `done` nor `cancelled`
is overdue. Like every date check of qms, an action due on 2012-06-25 is
on time that day and late from 2012-06-26.

Why: ISO 9001:2015 10.2.1 c) and 9.2.2 e): actions are taken without undue
delay; overdue actions are an input to the management review (9.3.2 a).

Fix: finish it and record `done_on` and the evidence, or agree a new due
date (and say so in the description).";

pub(crate) const CA002: &str = "\
An action marked `done` must say when (`done_on`) and point at its evidence
(`evidence`: files inside the QMS directory, e.g. the revised procedure, the
training attendance sheet).

Why: ISO 9001:2015 10.2.2 b): retain documented information as evidence of
the results of any corrective action.

Fix: add `done_on` and `evidence = [\"records/...\"]`.";

pub(crate) const CA003: &str = "\
Every evidence path (of an action, or of a nonconformity's effectiveness
check) must name a file that exists inside the QMS directory. Paths are
relative to the directory; `../` out of it, absolute paths and links that
lead out are refused (LOAD004).

Why: evidence that cannot be opened is no evidence (ISO 9001:2015 7.5.3).

Fix: correct the path or add the file.";

/// CA001 to CA003.
pub(crate) fn actions(ctx: &Context<'_>, out: &mut Vec<RawFinding>) {
    for a in &ctx.qms.actions {
        let o = a.origin;
        let id = a.id.get();
        if crate::measure::metrics::is_overdue(a, ctx.as_of)
            && let Some(due) = &a.due
        {
            out.push(
                RawFinding::new(
                    Code::CA001,
                    format!(
                        "action `{id}` was due on {} and is {} days overdue",
                        due.get(),
                        due.days_until(ctx.as_of)
                    ),
                )
                .at(o.at(due))
                .help("finish it and record done_on and evidence, or agree a new due date"),
            );
        }
        if *a.status.get() == ActionStatus::Done {
            let missing: Vec<&str> = [
                ("done_on", a.done_on.is_none()),
                ("evidence", a.evidence.is_empty()),
            ]
            .into_iter()
            .filter_map(|(f, m)| m.then_some(f))
            .collect();
            if !missing.is_empty() {
                out.push(
                    RawFinding::new(
                        Code::CA002,
                        format!(
                            "action `{id}` is done but has no {}",
                            missing.join(" and no ")
                        ),
                    )
                    .at(o.at(&a.status)),
                );
            }
        }
        evidence_paths(ctx, o, &a.evidence, out);
    }
    for n in &ctx.qms.nonconformities {
        if let Some(e) = &n.effectiveness {
            evidence_paths(ctx, n.origin, &e.evidence, out);
        }
    }
}

fn evidence_paths(
    ctx: &Context<'_>,
    o: crate::base::span::Origin,
    paths: &[crate::base::span::Spanned<String>],
    out: &mut Vec<RawFinding>,
) {
    for p in paths {
        match ctx.qms.locate(p.get()) {
            Err(e) => out.push(RawFinding::new(Code::LOAD004, e.to_string()).at(o.at(p))),
            Ok(None) => out.push(
                RawFinding::new(
                    Code::CA003,
                    format!("evidence `{}` does not exist", p.get()),
                )
                .at(o.at(p))
                .help("paths are relative to the QMS directory, e.g. records/..."),
            ),
            Ok(Some(_)) => {}
        }
    }
}
