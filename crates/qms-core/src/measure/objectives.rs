//! Quality objectives (ISO 9001:2015 6.2) measured against their targets.
//!
//! An `[[objective]]` names a metric (see [`crate::measure::metrics`]) and a target
//! such as `>= 100%` or `= 0`. [`evaluate`] measures each objective at the
//! check date; the OBJ rules and `qms objectives` both read its result.

use serde::{Deserialize, Serialize};

use crate::analysis::context::Context;
use crate::measure::metrics::{self, Measure};

/// A comparison in a target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
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
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
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
#[derive(Debug, Clone, Serialize, Deserialize)]
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
    /// to measure.
    pub value: Option<Measure>,
    /// Whether the value meets the target; `None` when it cannot be judged.
    pub met: Option<bool>,
}

/// Measures every objective of qms.toml.
pub fn evaluate(ctx: &Context<'_>) -> Vec<ObjectiveResult> {
    let Some(cfg) = &ctx.qms.config else {
        return Vec::new();
    };
    cfg.objectives
        .iter()
        .map(|o| {
            let value = o
                .metric
                .as_ref()
                .and_then(|m| metrics::metric(m))
                .and_then(|m| (m.measure)(ctx));
            let target = o.target.as_ref().and_then(|t| Target::parse(t));
            let met = match (value, target) {
                (Some(v), Some(t)) if units_agree(v, t) => Some(t.met_by(v)),
                _ => None,
            };
            ObjectiveResult {
                id: o.id.get().clone(),
                title: o.title.get().clone(),
                metric: o.metric.as_ref().map(|m| m.get().clone()),
                target: o.target.as_ref().map(|t| t.get().clone()),
                value,
                met,
            }
        })
        .collect()
}

/// A rate needs a percentage target, a count a plain number.
pub fn units_agree(v: Measure, t: Target) -> bool {
    matches!(
        (v, t.percent),
        (Measure::Rate(_), true) | (Measure::Count(_), false)
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
