//! Quality objectives (ISO 9001:2015 6.2) measured against their targets.
//!
//! An `[[objective]]` names a metric and a target such as `>= 100%` or
//! `= 0`, or carries values measured by hand (`[[objective.measured]]`).
//! A built-in metric (see [`crate::measure::metrics`]) is measured at the
//! check date. A `[[metric]]` over a register
//! ([`crate::measure::register_metrics`]) and values measured by hand are
//! judged on the latest period that ended on or before the check date, with
//! the trend of the last four periods ([`crate::measure::periods`]).
//! [`evaluate`] measures each objective; the OBJ rules and `qms objectives`
//! both read its result.

use serde::{Deserialize, Serialize};

use crate::analysis::context::Context;
use crate::base::code::Code;
use crate::base::finding::RawFinding;
use crate::base::span::Location;
use crate::base::text::FileId;
use crate::measure::by_hand::read_measurements;
use crate::measure::metrics::{self, Measure};
use crate::measure::periods::{self, ObjectivePeriod};
use crate::measure::register_metrics::{self, Definitions};
use crate::measure::rows::CellProblem;

/// A comparison in a target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum Comparison {
    /// `>=`
    AtLeast,
    /// `<=`
    AtMost,
    /// `>`
    MoreThan,
    /// `<`
    LessThan,
    /// `=`
    Equal,
}

/// A parsed target: `>= 98%`, `= 0`, `< 5`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Target {
    /// How the value compares.
    pub comparison: Comparison,
    /// The number (in percent when `percent`).
    pub number: f64,
    /// Whether the target is a percentage.
    pub percent: bool,
}

impl Target {
    /// Reads a target; `None` when it is not `OP NUMBER[%]`.
    pub fn parse(s: &str) -> Option<Target> {
        let t = s.trim();
        let (comparison, rest) = [
            (">=", Comparison::AtLeast),
            ("≥", Comparison::AtLeast),
            ("<=", Comparison::AtMost),
            ("≤", Comparison::AtMost),
            (">", Comparison::MoreThan),
            ("<", Comparison::LessThan),
            ("==", Comparison::Equal),
            ("=", Comparison::Equal),
        ]
        .into_iter()
        .find_map(|(p, c)| t.strip_prefix(p).map(|r| (c, r)))?;
        let rest = rest.trim();
        let (num, percent) = match rest.strip_suffix('%') {
            Some(n) => (n.trim(), true),
            None => (rest, false),
        };
        let number: f64 = num.replace(',', ".").parse().ok()?;
        number.is_finite().then_some(Target {
            comparison,
            number,
            percent,
        })
    }

    /// The value as printed beside this target: to two decimals, or to as
    /// many more (up to nine) as it takes for the number printed to be on
    /// the same side of the target as the value: 99.995% against `>= 100%`
    /// prints `99.995%`, never `100%` beside "not met".
    pub fn shown(&self, m: Measure) -> String {
        let met = self.met_by(m);
        let mut text = String::new();
        for decimals in 2..=9 {
            let (t, printed) = m.with_decimals(decimals);
            text = t;
            if self.met_by(printed) == met {
                break;
            }
        }
        text
    }

    /// Whether a measured value meets the target.
    pub fn met_by(&self, m: Measure) -> bool {
        let v = m.comparable();
        // Rates are compared to the hundredth of a percent.
        let eps = 1e-9;
        match self.comparison {
            Comparison::AtLeast => v + eps >= self.number,
            Comparison::AtMost => v <= self.number + eps,
            Comparison::MoreThan => v > self.number + eps,
            Comparison::LessThan => v + eps < self.number,
            Comparison::Equal => (v - self.number).abs() <= eps,
        }
    }
}

/// An objective and how it stands at the check date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct ObjectiveResult {
    /// Objective id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// The metric's name, if given.
    pub metric: Option<String>,
    /// The target as written, if given.
    pub target: Option<String>,
    /// The measured value; `None` when the metric is unknown or has nothing
    /// to measure, or no value was measured for the period.
    pub value: Option<Measure>,
    /// Whether the value meets the target; `None` when it cannot be judged.
    pub met: Option<bool>,
    /// The period judged: the latest that ended on or before the check
    /// date. `None` for a built-in metric, measured at the check date.
    pub period: Option<ObjectivePeriod>,
    /// The values of the last four periods, oldest first, the judged one
    /// last; empty for a built-in metric.
    pub trend: Vec<TrendPoint>,
    /// Whether the values are measured by hand (`[[objective.measured]]`).
    pub by_hand: bool,
    /// The evidence of the judged value measured by hand, as written.
    pub evidence: Option<String>,
    /// Why the metric cannot be measured at all: a file it counts did not
    /// load (the value and the verdict are then none, never a pass).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_measurable: Option<String>,
}

impl ObjectiveResult {
    /// A value of this objective as printed beside its target
    /// ([`Target::shown`]); `-` for none.
    pub fn shown(&self, value: Option<Measure>) -> String {
        let Some(v) = value else { return "-".into() };
        match self.target.as_deref().and_then(Target::parse) {
            Some(t) => t.shown(v),
            None => v.to_string(),
        }
    }
}

/// One period of a trend and its value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct TrendPoint {
    /// The period's name, as in [`ObjectivePeriod::label`].
    pub period: String,
    /// Its value; `None` when nothing was measured.
    pub value: Option<Measure>,
}

/// The objectives measured, with what the rules report about the
/// measuring.
pub(crate) struct Assessment<'a> {
    /// One per `[[objective]]`, in qms.toml order.
    pub results: Vec<ObjectiveResult>,
    /// The `[[metric]]` definitions, checked (OBJ007).
    pub definitions: Definitions<'a>,
    /// Cells of registers that a metric could not read (OBJ009).
    pub cell_findings: Vec<RawFinding>,
}

/// Measures every objective of qms.toml.
pub fn evaluate(ctx: &Context<'_>) -> Vec<ObjectiveResult> {
    assess(ctx).results
}

/// How many unreadable cells of one register are reported.
const MAX_CELL_FINDINGS: usize = 20;

/// Measures every objective of qms.toml, keeping what the rules report.
pub(crate) fn assess<'a>(ctx: &Context<'a>) -> Assessment<'a> {
    let definitions = register_metrics::definitions(ctx.qms);
    let mut cell_findings = Vec::new();
    let Some(cfg) = &ctx.qms.config else {
        return Assessment {
            results: Vec::new(),
            definitions,
            cell_findings,
        };
    };
    let results = cfg
        .objectives
        .iter()
        .map(|o| {
            let kind = o.period.as_ref().map(|p| *p.get()).unwrap_or_default();
            let last = periods::latest_ended(kind, ctx.as_of);
            let trend_periods: Vec<ObjectivePeriod> = periods::trend(last)
                .into_iter()
                .map(|p| periods::period(kind, p))
                .collect();
            let mut period = None;
            let mut trend_values: Vec<Option<Measure>> = Vec::new();
            let mut evidence = None;
            let mut not_measurable = None;
            let by_hand = o.metric.is_none() && !o.measured.is_empty();
            let value = if by_hand {
                let (values, _) = read_measurements(o, kind, cfg.origin);
                trend_values = periods::trend(last)
                    .into_iter()
                    .map(|p| values.get(&p).map(|(v, _)| *v))
                    .collect();
                evidence = values
                    .get(&last)
                    .and_then(|(_, m)| m.evidence.as_ref())
                    .map(|e| e.get().clone());
                period = trend_periods.last().cloned();
                values.get(&last).map(|(v, _)| *v)
            } else {
                let name = o.metric.as_ref().map(|m| m.get().as_str());
                match (
                    name.and_then(metrics::metric),
                    name.and_then(|n| definitions.get(n)),
                ) {
                    (Some(builtin), _) => {
                        not_measurable = builtin.unmeasurable(ctx.qms);
                        if not_measurable.is_some() {
                            None
                        } else {
                            (builtin.measure)(ctx)
                        }
                    }
                    (None, Some(defined)) => {
                        period = trend_periods.last().cloned();
                        let measured = defined.measure(ctx.qms, &trend_periods);
                        if let (Some(m), Some((rel, file))) = (&measured, &defined.register) {
                            cell_findings.extend(cell_problems(&m.problems, rel, *file));
                        }
                        trend_values = measured.map(|m| m.values).unwrap_or_default();
                        trend_values.last().copied().flatten()
                    }
                    (None, None) => None,
                }
            };
            let target = o.target.as_ref().and_then(|t| Target::parse(t));
            let met = match (value, target) {
                (Some(v), Some(t)) if units_agree(v, t) => Some(t.met_by(v)),
                _ => None,
            };
            let trend = if period.is_some() {
                trend_periods
                    .iter()
                    .enumerate()
                    .map(|(i, p)| TrendPoint {
                        period: p.label.clone(),
                        value: trend_values.get(i).copied().flatten(),
                    })
                    .collect()
            } else {
                Vec::new()
            };
            ObjectiveResult {
                id: o.id.get().clone(),
                title: o.title.get().clone(),
                metric: o.metric.as_ref().map(|m| m.get().clone()),
                target: o.target.as_ref().map(|t| t.get().clone()),
                value,
                met,
                period,
                trend,
                by_hand,
                evidence,
                not_measurable,
            }
        })
        .collect();
    cell_findings.sort_by(|a: &RawFinding, b| {
        (a.location.as_ref().map(|l| (l.file, l.line)), &a.message)
            .cmp(&(b.location.as_ref().map(|l| (l.file, l.line)), &b.message))
    });
    cell_findings.dedup();
    Assessment {
        results,
        definitions,
        cell_findings,
    }
}

/// OBJ009 findings for the cells of one register a metric could not
/// read: the first ones at their lines, then how many more.
fn cell_problems(problems: &[CellProblem], rel: &str, file: FileId) -> Vec<RawFinding> {
    let at = |line: usize| Location::line(file, line);
    let mut out: Vec<RawFinding> = problems
        .iter()
        .take(MAX_CELL_FINDINGS)
        .map(|(line, message)| {
            RawFinding::new(
                Code::OBJ009,
                format!("{message}; the row is left out of the metric"),
            )
            .at(at(*line))
        })
        .collect();
    if problems.len() > MAX_CELL_FINDINGS {
        out.push(
            RawFinding::new(
                Code::OBJ009,
                format!(
                    "{} more cells of `{rel}` cannot be read by a metric",
                    problems.len() - MAX_CELL_FINDINGS
                ),
            )
            .at(Location::file(file)),
        );
    }
    out
}

/// A rate needs a percentage target, a count a plain number.
pub fn units_agree(v: Measure, t: Target) -> bool {
    matches!(
        (v, t.percent),
        (Measure::Rate(_), true) | (Measure::Count(_) | Measure::Number(_), false)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_parse_and_compare() {
        let t = Target::parse(">= 100%").expect("target");
        assert!(t.percent);
        assert!(t.met_by(Measure::Rate(1.0)));
        assert!(!t.met_by(Measure::Rate(6034.0 / 6035.0)));
        let t = Target::parse("= 0").expect("target");
        assert!(t.met_by(Measure::Count(0)) && !t.met_by(Measure::Count(1)));
        assert!(
            Target::parse("≤ 2")
                .expect("target")
                .met_by(Measure::Count(2))
        );
        assert!(Target::parse("about 90%").is_none());
        assert!(Target::parse(">= ").is_none());
    }
}
