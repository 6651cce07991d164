//! Quality objective rules (ISO 9001:2015 6.2, 9.1.3).

use crate::analysis::context::Context;
use crate::base::code::Code;
use crate::base::finding::RawFinding;
use crate::measure::metrics;
use crate::measure::objectives::{Target, evaluate, units_agree};

pub(crate) const OBJ001: &str = "\
Each `[[objective]]` in qms.toml names a `metric` computed from the files
and a `target` written `OP NUMBER` or `OP NUMBER%` (OP one of >=, <=, >, <,
=): `>= 100%` for a rate, `= 0` for a count. A rate's target is a
percentage; a count's is a plain number.

Why: ISO 9001:2015 6.2.1 b): quality objectives are measurable. One without
a metric or target cannot be judged met or not.

Fix: add the metric and target (`qms explain OBJ002` lists the metrics).";

pub(crate) const OBJ002: &str = "\
An objective's `metric` must be one qms computes:
- nonconformities.open: major and minor nonconformities not closed
- nonconformities.open_major: major ones
- actions.overdue: actions past due, not done or cancelled
- actions.on_time_rate: share of actions done by their due date
- documents.review_overdue: current documents past their review date
- audits.coverage: share of current procedures audited within the cycle
- dossiers.on_time_rate, dossiers.late, dossiers.overdue: from the dossier
  register (when one exists)

Why: a metric the tool cannot compute is a figure someone types in by hand.

Fix: use one of the names above.";

pub(crate) const OBJ003: &str = "\
An objective whose measured value misses its target. The finding prints the
value and the target.

Why: ISO 9001:2015 6.2 and 9.1.3: objectives are monitored, and a missed one
calls for action (10.2 or 10.3), reported to the management review.

Fix: act on it; raise a nonconformity of source `kpi` when the miss is a
nonconformity.";

pub(crate) const OBJ004: &str = "\
An objective whose metric has nothing to measure at the check date (e.g.
`actions.on_time_rate` when no action was due yet, or a dossier metric with
no dossier register).

Why: an objective that cannot be measured is not being monitored.

Fix: check the metric is the right one, or wait for data.";

/// OBJ001 to OBJ004.
pub(crate) fn objectives(ctx: &Context<'_>, out: &mut Vec<RawFinding>) {
    let Some(cfg) = &ctx.qms.config else { return };
    let results = evaluate(ctx);
    for (o, r) in cfg.objectives.iter().zip(&results) {
        let origin = cfg.origin;
        let id = o.id.get();
        let Some(metric) = &o.metric else {
            out.push(
                RawFinding::new(Code::OBJ001, format!("objective `{id}` has no metric"))
                    .at(origin.at(&o.id)),
            );
            continue;
        };
        let Some(target_text) = &o.target else {
            out.push(
                RawFinding::new(Code::OBJ001, format!("objective `{id}` has no target"))
                    .at(origin.at(&o.id)),
            );
            continue;
        };
        if metrics::metric(metric).is_none() {
            out.push(
                RawFinding::new(
                    Code::OBJ002,
                    format!("objective `{id}` names unknown metric `{}`", metric.get()),
                )
                .at(origin.at(metric))
                .help("`qms explain OBJ002` lists the metrics"),
            );
            continue;
        }
        let Some(target) = Target::parse(target_text) else {
            out.push(
                RawFinding::new(
                    Code::OBJ001,
                    format!(
                        "target `{}` of objective `{id}` is not `OP NUMBER[%]`",
                        target_text.get()
                    ),
                )
                .at(origin.at(target_text))
                .help("write e.g. `>= 98%` or `= 0`"),
            );
            continue;
        };
        let Some(value) = r.value else {
            out.push(
                RawFinding::new(
                    Code::OBJ004,
                    format!(
                        "objective `{id}`: `{}` has nothing to measure on {}",
                        metric.get(),
                        ctx.as_of
                    ),
                )
                .at(origin.at(metric)),
            );
            continue;
        };
        if !units_agree(value, target) {
            out.push(
                RawFinding::new(
                    Code::OBJ001,
                    format!(
                        "target `{}` of objective `{id}` does not fit `{}`, which is a {}",
                        target_text.get(),
                        metric.get(),
                        if target.percent {
                            "count"
                        } else {
                            "rate (write a percentage)"
                        }
                    ),
                )
                .at(origin.at(target_text)),
            );
            continue;
        }
        if r.met == Some(false) {
            out.push(
                RawFinding::new(
                    Code::OBJ003,
                    format!(
                        "objective `{id}` is not met: {} is {value}, target {}",
                        metric.get(),
                        target_text.get()
                    ),
                )
                .at(origin.at(target_text)),
            );
        }
    }
}
