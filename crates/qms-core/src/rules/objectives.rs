//! Quality objective rules (ISO 9001:2015 6.2, 9.1): objectives that can
//! be judged, met, measured for every period, with evidence; the house's
//! metrics that can be computed from their registers.

use crate::analysis::context::Context;
use crate::base::code::Code;
use crate::base::finding::RawFinding;
use crate::measure::by_hand::read_measurements;
use crate::measure::metrics;
use crate::measure::objectives::{Assessment, ObjectiveResult, Target, units_agree};
use crate::measure::periods::{self, PeriodIndex};
use crate::model::{Objective, PeriodKind};

pub(crate) const OBJ001: &str = "\
Each `[[objective]]` in qms.toml is measured one way: by a `metric`
computed from the files, or by values measured by hand
(`[[objective.measured]]`), not both. It has a `target` written
`OP NUMBER` or `OP NUMBER%` (OP one of >=, <=, >, <, =): `>= 100%` for a
rate, `= 0` for a count, `<= 2.5` for any other number. A rate's target is
a percentage; a count's or a number's is a plain number. `period` (year,
quarter, month, rolling-12) is for a `[[metric]]` and measured values: a
built-in metric is measured at the check date.

Why: ISO 9001:2015 6.2.1 b): quality objectives are measurable. One without
a way to measure it or a target cannot be judged met or not.

Example: `metric = \"otif\"` and `target = \"98%\"` (no comparison).

Fix: add the metric (or the measured values) and the target
(`qms explain OBJ002` lists the metrics).";

pub(crate) const OBJ002: &str = "\
An objective's `metric` must be one qms computes: a `[[metric]]` that
qms.toml defines over a register (its `name`), or a built-in one:
- nonconformities.open: major and minor nonconformities not closed
- nonconformities.open_major: major ones
- actions.overdue: actions past due, not done or cancelled
- actions.on_time_rate: share of actions done by their due date
- documents.review_overdue: current documents past their review date
- audits.coverage: share of current procedures audited within the cycle
- dossiers.on_time_rate, dossiers.late, dossiers.overdue: from the dossier
  register (when one exists)

Why: a metric the tool cannot compute is a figure someone types in by hand.

Fix: use one of the names above, define the metric with `[[metric]]`
(`qms explain OBJ007`), or record the values measured by hand with their
evidence (`[[objective.measured]]`).";

pub(crate) const OBJ003: &str = "\
An objective whose measured value misses its target. The finding prints the
value, the period judged (for a `[[metric]]` or values measured by hand:
the latest period that ended on or before the check date) and the target.

Why: ISO 9001:2015 6.2 and 9.1.3: objectives are monitored, and a missed one
calls for action (10.2 or 10.3), reported to the management review.

Fix: act on it; raise a nonconformity of source `kpi` when the miss is a
nonconformity.";

pub(crate) const OBJ004: &str = "\
An objective whose metric has nothing to measure at the check date (e.g.
`actions.on_time_rate` when no action was due yet, a dossier metric with
no dossier register, or a `[[metric]]` rate or mean with no row of its
register dated in the period judged), or that cannot be measured because
a file it counts did not load: a nonconformity that does not parse makes
`nonconformities.open` and `nonconformities.open_major` not measurable,
never a count without it that reads \"met\" (the message names the file).

Why: an objective that cannot be measured is not being monitored.

Fix: check the metric is the right one, or wait for data.";

pub(crate) const OBJ005: &str = "\
An objective measured by hand (`[[objective.measured]]`) has a value for
every period that has ended, from its first measured period to the latest
period that ended on or before the check date. A period with no value is
a finding, one per objective listing the periods; an objective with no
value at all misses the latest ended period. Values of periods that have
not ended yet are neither required nor judged.

Why: ISO 9001:2015 9.1.1 and 9.1.3: what is monitored, when, and when the
results are analysed is decided, and the results are retained. A quarter
without a figure is a quarter the objective was not monitored.

Example: `period = \"quarter\"`, values for 2024-Q3 and 2025-Q1, checked on
2025-06-30: 2024-Q4 and 2025-Q2 are missing.

Fix: add an `[[objective.measured]]` for each period, with its value and
its evidence.";

pub(crate) const OBJ006: &str = "\
Each value measured by hand names its `evidence`: the file of the QMS that
shows it (the KPI report, the customer's scorecard), relative to the QMS
directory, and the file exists.

Why: ISO 9001:2015 9.1.1: the results of monitoring and measurement are
retained as documented information; a figure without its source cannot be
audited.

Example: `evidence = \"records/kpi/2024-03-kpi-report.md\"` with no such
file (a typo, or a report not yet filed).

Fix: file the report in the QMS and name it, path as written from the QMS
directory.";

pub(crate) const OBJ007: &str = "\
A `[[metric]]` of qms.toml is computed from a register:
- `name`: what objectives write in `metric`; not the name of a built-in
  metric, not defined twice;
- `register`: a record type id of records.toml (or the path of its
  `[record.register]`): a CSV file or a workbook's sheet;
- `date`: the date column that places a row in a period;
- `kind`: `count` (rows meeting `where`), `rate` (rows meeting `where` /
  rows), `sum` or `mean` (of the numeric `column`, over the rows meeting
  `where`); `column` only for a sum or a mean, and then required;
- `where`: conditions, all of which a row meets, each on a `column` with
  exactly one of `value` (and `op`), `other` (another column, and `op`),
  `in` or `not_in` (lists); `op` is =, !=, <, <=, >, >= (default =).
Every column named is in the register's header. A register date format
(`date_format`) must be a valid chrono format.

Why: ISO 9001:2015 9.1.1: the methods of measurement are determined. A
metric that cannot be computed leaves its objectives unmeasured.

Example: `where = [{ column = \"delivered\", op = \"<=\", other =
\"promised\" }]` on a register whose column is `delivery_date`.

Fix: follow the finding's help; it lists the register's columns.";

pub(crate) const OBJ008: &str = "\
Each `[[objective.measured]]` has a `period` of the objective's kind
(`2024` for year, `2024-Q1` for quarter, `2024-03` for month, the last
month `2024-03` or the interval `2023-04/2024-03` for rolling-12) and a
`value` that is a number or a percentage (`97.2%`, `12`, `2.5`). A period
is measured once.

Why: ISO 9001:2015 9.1.3: results are analysed and evaluated; a value that
cannot be read, or two values for one period, cannot be judged.

Example: `period = \"2024-03\"` on a quarterly objective, or
`value = \"about 97\"`.

Fix: write the period and value as above; keep one value per period.";

pub(crate) const OBJ009: &str = "\
A cell of a register that a `[[metric]]` reads is not what the metric
needs: the `date` column holds something other than a date (`YYYY-MM-DD`,
or the register's `date_format`), or the `column` of a sum or a mean
something other than a number. The row is left out of the metric; the
figure is computed from the other rows. Empty cells are not findings (a
row without a date is in no period; an empty number is left out of a
mean). At most 20 cells are reported per register, then their count.

Why: ISO 9001:2015 9.1.1 and 7.5.3: a figure computed from a register is
only as good as the register.

Example: `delivered` written `31/06/2025` in an ISO-dated register.

Fix: correct the cell, or declare the register's `date_format`.";

/// OBJ001 to OBJ009, from the objectives measured once per check (the
/// engine measures them, and the report shows the same results).
pub(crate) fn objectives(
    ctx: &Context<'_>,
    assessment: &Assessment<'_>,
    out: &mut Vec<RawFinding>,
) {
    let Some(cfg) = &ctx.qms.config else { return };
    out.extend(assessment.definitions.findings.iter().cloned());
    out.extend(assessment.cell_findings.iter().cloned());
    for (o, r) in cfg.objectives.iter().zip(&assessment.results) {
        if !o.measured.is_empty() {
            measurements(ctx, o, r.by_hand, out);
        }
        let origin = cfg.origin;
        let id = o.id.get();
        if let (Some(metric), false) = (&o.metric, o.measured.is_empty()) {
            out.push(
                RawFinding::new(
                    Code::OBJ001,
                    format!("objective `{id}` has both a metric and values measured by hand"),
                )
                .at(origin.at(metric))
                .help(
                    "measure it one way: remove `metric`, or the `[[objective.measured]]` values",
                ),
            );
            continue;
        }
        let Some(metric) = &o.metric else {
            if r.by_hand {
                judge(ctx, r, o, None, out);
            } else {
                out.push(
                    RawFinding::new(Code::OBJ001, format!("objective `{id}` has no metric"))
                        .at(origin.at(&o.id))
                        .help("name a metric, or add `[[objective.measured]]` values with their evidence"),
                );
            }
            continue;
        };
        let builtin = metrics::metric(metric);
        let defined = assessment.definitions.get(metric);
        if let (Some(_), Some(p)) = (builtin, &o.period) {
            out.push(
                RawFinding::new(
                    Code::OBJ001,
                    format!(
                        "objective `{id}`: `{}` is a built-in metric, measured at the check date; it takes no `period`",
                        metric.get()
                    ),
                )
                .at(origin.at(p))
                .help("remove `period`, or define a `[[metric]]` over a register"),
            );
        }
        if o.target.is_none() {
            out.push(
                RawFinding::new(Code::OBJ001, format!("objective `{id}` has no target"))
                    .at(origin.at(&o.id)),
            );
            continue;
        }
        if builtin.is_none() && defined.is_none() {
            out.push(
                RawFinding::new(
                    Code::OBJ002,
                    format!("objective `{id}` names unknown metric `{}`", metric.get()),
                )
                .at(origin.at(metric))
                .help("`qms explain OBJ002` lists the metrics; `[[metric]]` defines one"),
            );
            continue;
        }
        // A metric whose definition is wrong is reported by OBJ007 (or its
        // register by REC003): nothing more to say about the objective.
        if builtin.is_none() && defined.is_some_and(|d| d.computable.is_none()) {
            continue;
        }
        judge(ctx, r, o, Some(metric.get()), out);
    }
}

/// OBJ001 (target), OBJ004 and OBJ003 for an objective with a known metric
/// (`metric`) or measured by hand (`None`).
fn judge(
    ctx: &Context<'_>,
    r: &ObjectiveResult,
    o: &Objective,
    metric: Option<&str>,
    out: &mut Vec<RawFinding>,
) {
    let Some(cfg) = &ctx.qms.config else { return };
    let origin = cfg.origin;
    let id = o.id.get();
    let Some(target_text) = &o.target else {
        out.push(
            RawFinding::new(Code::OBJ001, format!("objective `{id}` has no target"))
                .at(origin.at(&o.id)),
        );
        return;
    };
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
        return;
    };
    let period = r.period.as_ref().map(|p| p.label.as_str());
    let Some(value) = r.value else {
        // Measured by hand: a missing value is OBJ005.
        if let Some(metric) = metric {
            let when = match period {
                Some(p) => format!("in {p}"),
                None => format!("on {}", ctx.as_of),
            };
            let at = o
                .metric
                .as_ref()
                .map_or_else(|| origin.at(&o.id), |m| origin.at(m));
            let f = match &r.not_measurable {
                Some(why) => RawFinding::new(
                    Code::OBJ004,
                    format!("objective `{id}`: `{metric}` is not measurable {when}: {why}"),
                )
                .help("correct the file named (its LOAD finding says what is wrong)"),
                None => RawFinding::new(
                    Code::OBJ004,
                    format!("objective `{id}`: `{metric}` has nothing to measure {when}"),
                ),
            };
            out.push(f.at(at));
        }
        return;
    };
    if !units_agree(value, target) {
        let what = match metric {
            Some(m) => format!("`{m}`, which is"),
            None => format!("its value for {}, which is", period.unwrap_or("-")),
        };
        out.push(
            RawFinding::new(
                Code::OBJ001,
                format!(
                    "target `{}` of objective `{id}` does not fit {what} a {}",
                    target_text.get(),
                    if target.percent {
                        "count"
                    } else {
                        "rate (write a percentage)"
                    }
                ),
            )
            .at(origin.at(target_text)),
        );
        return;
    }
    if r.met == Some(false) {
        // as many decimals as keep the number on the side the verdict says
        let value = target.shown(value);
        let measured = match (metric, period) {
            (Some(m), Some(p)) => format!("{m} is {value} in {p}"),
            (Some(m), None) => format!("{m} is {value}"),
            (None, p) => format!("{} is {value}", p.unwrap_or("-")),
        };
        out.push(
            RawFinding::new(
                Code::OBJ003,
                format!(
                    "objective `{id}` is not met: {measured}, target {}",
                    target_text.get()
                ),
            )
            .at(origin.at(target_text)),
        );
    }
}

/// OBJ008 (values that cannot be read), OBJ006 (evidence) and, for an
/// objective measured by hand, OBJ005 (periods without a value).
fn measurements(ctx: &Context<'_>, o: &Objective, by_hand: bool, out: &mut Vec<RawFinding>) {
    let Some(cfg) = &ctx.qms.config else { return };
    let origin = cfg.origin;
    let id = o.id.get();
    let kind = o.period.as_ref().map(|p| *p.get()).unwrap_or_default();
    let (values, findings) = read_measurements(o, kind, origin);
    out.extend(findings);
    for m in &o.measured {
        let period = m.period.as_ref().map_or("?", |p| p.get().as_str());
        let Some(evidence) = &m.evidence else {
            let at = m
                .period
                .as_ref()
                .map(|p| origin.at(p))
                .or_else(|| m.value.as_ref().map(|v| origin.at(v)))
                .unwrap_or_else(|| origin.at(&o.id));
            out.push(
                RawFinding::new(
                    Code::OBJ006,
                    format!("objective `{id}`: the value for {period} names no evidence"),
                )
                .at(at)
                .help("add `evidence = \"records/...\"`: the file of the QMS that shows the value"),
            );
            continue;
        };
        let problem = match ctx.qms.locate(evidence.get()) {
            Ok(Some(_)) => continue,
            Ok(None) => format!(
                "objective `{id}`: evidence `{}` of {period} is not in the QMS",
                evidence.get()
            ),
            Err(e) => format!("objective `{id}`: evidence of {period}: {e}"),
        };
        out.push(
            RawFinding::new(Code::OBJ006, problem)
                .at(origin.at(evidence))
                .help("name a file of the QMS, its path written from the QMS directory"),
        );
    }
    if !by_hand {
        return;
    }
    let last = periods::latest_ended(kind, ctx.as_of);
    let mut missing: Vec<PeriodIndex> = Vec::new();
    match values.keys().next() {
        None => missing.push(last),
        Some(&first) => {
            let mut p = first;
            while p <= last {
                if !values.contains_key(&p) {
                    missing.push(p);
                }
                p = p.next();
            }
        }
    }
    if let Some(&first) = missing.first() {
        out.push(
            RawFinding::new(
                Code::OBJ005,
                format!(
                    "objective `{id}` has no value measured for {}",
                    listed(kind, &missing)
                ),
            )
            .at(origin.at(&o.id))
            .help(format!(
                "add `[[objective.measured]]` with `period = \"{}\"`, its value and its evidence",
                written(kind, first)
            )),
        );
    }
}

/// The periods, the first six by name, then how many more.
fn listed(kind: PeriodKind, missing: &[PeriodIndex]) -> String {
    let mut names: Vec<String> = missing
        .iter()
        .take(6)
        .map(|p| periods::label(kind, *p))
        .collect();
    if missing.len() > 6 {
        names.push(format!("and {} more periods", missing.len() - 6));
    }
    names.join(", ")
}

/// A period as a measurement writes it (rolling twelve months: the last
/// month).
fn written(kind: PeriodKind, p: PeriodIndex) -> String {
    match kind {
        PeriodKind::Rolling12 => periods::label(PeriodKind::Month, p),
        _ => periods::label(kind, p),
    }
}
