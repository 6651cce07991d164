//! Nonconformity and corrective-action rules (ISO 9001:2015 10.2): every
//! nonconformity whose grade needs it (`[nonconformity]
//! corrective_action_for`) gets a corrective action, a root cause, and an
//! independent effectiveness check before it is closed; any other real
//! nonconformity at least a correction.

use crate::analysis::context::Context;
use crate::base::code::Code;
use crate::base::finding::RawFinding;
use crate::model::{
    ActionKind, ActionStatus, EffectivenessResult, Grade, Nonconformity, NonconformityStatus,
    written_name,
};

pub(crate) const NC001: &str = "\
A nonconformity needs at least one linked action of kind `corrective` (an
action file whose `nonconformities` lists it) when its grade is one that
qms.toml `[nonconformity] corrective_action_for` names, unless it was
rejected. Without that setting, major and minor nonconformities do:

    [nonconformity]
    corrective_action_for = [\"major\", \"minor\"]   # the default; any of major, minor, observation, ofi

A correction alone (containment) does not remove the cause. A major or minor
nonconformity of a grade outside that set may close with a correction alone,
but not with nothing: once closed it must show the correction made, as its
`correction` text, a linked action of kind `correction` or `corrective`, or
(for a nonconforming output) its `disposition`. Observations and
opportunities for improvement outside the set need nothing. The rules on the
cause and effectiveness of the corrective action (NC002 to NC006) apply to
the grades in the set only.

Why: ISO 9001:2015 10.2.1 a) to c): react to the nonconformity (correct
it), evaluate the need for action to eliminate its cause, and implement what
is needed. The house decides, for each grade, that the cause must always be
removed; an auditor follows each such nonconformity to its corrective action.

Example: with `corrective_action_for = [\"major\"]`, a minor nonconformity
closed with `correction = \"Label reprinted and the batch relabelled\"` and
no action passes; the same nonconformity with no correction is a finding.

Fix: add an action (`qms new action`) with `kind = \"corrective\"` and
`nonconformities = [\"NC-...\"]`, or reject the nonconformity with a reason;
for a grade outside the set, record the `correction` made.";

pub(crate) const NC002: &str = "\
Once a nonconformity that needs a corrective action (NC001: its grade is in
`[nonconformity] corrective_action_for`, by default major and minor) is past
analysis (status `action`, `verification` or `closed`), its `[root_cause]`
must state the `cause` found (and usually the `method`: 5-why, fishbone, 8d,
with the `whys`).

Why: ISO 9001:2015 10.2.1 b) 2): determine the causes. An action without a
cause treats the symptom; the same nonconformity comes back.

Fix: write the root cause analysis into `[root_cause]`.";

pub(crate) const NC003: &str = "\
A nonconformity that needs a corrective action (NC001: its grade is in
`[nonconformity] corrective_action_for`, by default major and minor) may be
closed only after an effectiveness check whose `result` is `effective`:
`[effectiveness]` with `verified_by`, `verified_on` and
`result = \"effective\"`.

Why: ISO 9001:2015 10.2.1 d): review the effectiveness of any corrective
action taken. Closing on the action alone is the most common CAPA finding.

Fix: verify effectiveness (e.g. no repeat for three months, a re-audit
sample) and record it, or reopen the nonconformity.";

pub(crate) const NC004: &str = "\
The effectiveness of the actions can only be verified after they are done:
`verified_on` must not be before the `done_on` of the last linked action.

Why: ISO 9001:2015 10.2.1 d); a verification dated before the action it
verifies is not evidence of anything.

Fix: correct the dates, or verify again after the action is done.";

pub(crate) const NC005: &str = "\
The person who verifies effectiveness (`verified_by`) must not own any of
the linked actions: verification is independent.

Why: impartiality (ISO 19011 principles; ISO 9001:2015 10.2.1 d)). An owner
verifying their own action is marking their own homework.

Fix: have someone else verify, and record their name.";

pub(crate) const NC006: &str = "\
A nonconformity cannot be closed while one of its linked actions is still
planned or in progress.

Why: ISO 9001:2015 10.2.1 c) and d): the actions are implemented, then their
effectiveness reviewed, then the nonconformity closed.

Fix: finish (or cancel, with a reason) the action first, or reopen.";

pub(crate) const NC007: &str = "\
A nonconformity's dates must be in order: raised, then verified, then
closed (`raised` <= `[effectiveness] verified_on` <= `closed`); a closed
nonconformity has a `closed` date; none of them is after the check date.

Why: the record of a nonconformity is evidence (ISO 9001:2015 10.2.2); dates
out of order make it worthless.

Fix: correct the dates.";

pub(crate) const NC008: &str = "\
A major nonconformity may stay open at most `[nonconformity] major_open_days`
days (default 90) after it was raised: raised on 2012-01-01 with the
default, it is due on 2012-03-31 and late from 2012-04-01 (due on the day,
late the day after, as every date check of qms).

Why: a major nonconformity affects the ability of the QMS to achieve its
results; certification bodies expect it corrected and verified promptly (and
within 6 months of a stage 2 audit). It also blocks \"ready for
certification\" in the report.

Fix: complete the actions and verify them, or raise the matter at the
management review.";

/// Whether a nonconformity shows the correction made: its `correction`
/// text, a linked correction or corrective action, or a disposition.
fn has_correction(
    n: &Nonconformity,
    actions: &[&crate::model::Loaded<crate::model::Action>],
) -> bool {
    n.correction.as_ref().is_some_and(|c| !c.trim().is_empty())
        || n.disposition.is_some()
        || actions.iter().any(|a| {
            matches!(
                a.kind.get(),
                ActionKind::Correction | ActionKind::Corrective
            )
        })
}

/// NC001 to NC008.
pub(crate) fn nonconformities(ctx: &Context<'_>, out: &mut Vec<RawFinding>) {
    let limit = ctx
        .qms
        .nonconformity_config()
        .major_open_days
        .as_ref()
        .map_or(90, |d| **d);
    for n in &ctx.qms.nonconformities {
        let o = n.origin;
        let id = n.id.get();
        let status = *n.status.get();
        let actions: Vec<_> = ctx.qms.actions_answering(id).collect();
        if !ctx.qms.needs_corrective_action(n) {
            if n.grade.get().is_nonconformity() && n.is_closed() && !has_correction(n, &actions) {
                out.push(
                    RawFinding::new(
                        Code::NC001,
                        format!(
                            "{} nonconformity `{id}` is closed with no correction",
                            written_name(n.grade.get())
                        ),
                    )
                    .at(o.at(&n.status))
                    .help("write the `correction` made (or link an action of kind \"correction\")"),
                );
            }
        } else {
            if !actions
                .iter()
                .any(|a| *a.kind.get() == ActionKind::Corrective)
            {
                out.push(
                    RawFinding::new(
                        Code::NC001,
                        format!(
                            "{} nonconformity `{id}` has no corrective action",
                            written_name(n.grade.get())
                        ),
                    )
                    .at(o.at(&n.grade))
                    .help(format!(
                        "add an action with kind = \"corrective\" and nonconformities = [\"{id}\"]"
                    )),
                );
            }
            let past_analysis = matches!(
                status,
                NonconformityStatus::Action
                    | NonconformityStatus::Verification
                    | NonconformityStatus::Closed
            );
            let has_cause = n
                .root_cause
                .as_ref()
                .and_then(|r| r.cause.as_ref())
                .is_some_and(|c| !c.trim().is_empty());
            if past_analysis && !has_cause {
                out.push(
                    RawFinding::new(
                        Code::NC002,
                        format!("nonconformity `{id}` is past analysis but has no root cause"),
                    )
                    .at(o.at(&n.status))
                    .help("add [root_cause] with method, whys and cause"),
                );
            }
            if status == NonconformityStatus::Closed {
                let eff = n.effectiveness.as_ref();
                let effective = eff.and_then(|e| e.result.as_ref()).map(|r| *r.get());
                if effective != Some(EffectivenessResult::Effective)
                    || eff.and_then(|e| e.verified_by.as_ref()).is_none()
                {
                    let at = eff
                        .and_then(|e| e.result.as_ref())
                        .map_or_else(|| o.at(&n.status), |r| o.at(r));
                    out.push(
                        RawFinding::new(Code::NC003, format!("nonconformity `{id}` is closed without an effectiveness check found effective"))
                            .at(at)
                            .help("add [effectiveness] with verified_by, verified_on and result = \"effective\""),
                    );
                }
                for a in actions.iter().filter(|a| {
                    matches!(
                        a.status.get(),
                        ActionStatus::Planned | ActionStatus::InProgress
                    )
                }) {
                    out.push(
                        RawFinding::new(
                            Code::NC006,
                            format!(
                                "nonconformity `{id}` is closed while action `{}` is still open",
                                a.id.get()
                            ),
                        )
                        .at(o.at(&n.status)),
                    );
                }
                if n.closed.is_none() {
                    out.push(
                        RawFinding::new(
                            Code::NC007,
                            format!("nonconformity `{id}` is closed but has no `closed` date"),
                        )
                        .at(o.at(&n.status)),
                    );
                }
            }
            if let Some(eff) = &n.effectiveness {
                if let Some(verified) = &eff.verified_on {
                    let last_done = actions
                        .iter()
                        .filter_map(|a| a.done_on.as_ref())
                        .max_by_key(|d| *d.get());
                    if let Some(done) = last_done.filter(|d| *d.get() > *verified.get()) {
                        out.push(
                            RawFinding::new(
                                Code::NC004,
                                format!("effectiveness of `{id}` was verified on {}, before its last action was done ({})", verified.get(), done.get()),
                            )
                            .at(o.at(verified)),
                        );
                    }
                }
                if let Some(by) = &eff.verified_by {
                    for a in actions.iter().filter(|a| {
                        a.owner
                            .as_ref()
                            .is_some_and(|ow| super::same_person(ow, by))
                    }) {
                        out.push(
                            RawFinding::new(
                                Code::NC005,
                                format!("effectiveness of `{id}` was verified by {}, who owns action `{}`", by.get(), a.id.get()),
                            )
                            .at(o.at(by))
                            .help("verification must be independent of the action owners"),
                        );
                    }
                }
            }
        }
        // Dates in order.
        let raised = *n.raised;
        let mut dates = vec![("raised", raised, o.at(&n.raised))];
        if let Some(v) = n
            .effectiveness
            .as_ref()
            .and_then(|e| e.verified_on.as_ref())
        {
            dates.push(("verified", **v, o.at(v)));
        }
        if let Some(c) = &n.closed {
            dates.push(("closed", **c, o.at(c)));
        }
        for w in dates.windows(2) {
            if w[1].1 < w[0].1 {
                out.push(
                    RawFinding::new(
                        Code::NC007,
                        format!(
                            "nonconformity `{id}` is {} on {}, before it was {} ({})",
                            w[1].0, w[1].1, w[0].0, w[0].1
                        ),
                    )
                    .at(w[1].2.clone()),
                );
            }
        }
        if let Some((what, d, at)) = dates.iter().find(|(_, d, _)| *d > ctx.as_of) {
            out.push(
                RawFinding::new(
                    Code::NC007,
                    format!(
                        "nonconformity `{id}` is {what} on {d}, after the check date {}",
                        ctx.as_of
                    ),
                )
                .at(at.clone()),
            );
        }
        if *n.grade.get() == Grade::Major && n.is_open() {
            let days = raised.days_until(ctx.as_of);
            if raised.add_days(i64::from(limit)).is_late_at(ctx.as_of) {
                out.push(
                    RawFinding::new(
                        Code::NC008,
                        format!(
                            "major nonconformity `{id}` has been open {days} days (limit {limit})"
                        ),
                    )
                    .at(o.at(&n.raised)),
                );
            }
        }
    }
}
