//! Values of an objective measured by hand (`[[objective.measured]]`):
//! each read into its period and a [`Measure`], and what cannot be read
//! (OBJ008).

use std::collections::BTreeMap;

use crate::base::code::Code;
use crate::base::finding::RawFinding;
use crate::base::span::Origin;
use crate::measure::metrics::Measure;
use crate::measure::periods::{self, PeriodIndex};
use crate::model::{Measurement, Objective, PeriodKind};

/// The values measured by hand of an objective whose periods are `kind`,
/// by period (the first of two for one period), and the OBJ008 findings
/// about the entries that cannot be read.
pub(crate) fn read_measurements(
    o: &Objective,
    kind: PeriodKind,
    origin: Origin,
) -> (
    BTreeMap<PeriodIndex, (Measure, &Measurement)>,
    Vec<RawFinding>,
) {
    let mut values = BTreeMap::new();
    let mut findings = Vec::new();
    let id = o.id.get();
    for m in &o.measured {
        let Some(period) = &m.period else {
            let at = m
                .value
                .as_ref()
                .map(|v| origin.at(v))
                .or_else(|| m.evidence.as_ref().map(|e| origin.at(e)))
                .unwrap_or_else(|| origin.at(&o.id));
            findings.push(
                RawFinding::new(
                    Code::OBJ008,
                    format!("objective `{id}`: a measured value names no period"),
                )
                .at(at)
                .help(format!(
                    "add `period = ...`, written {}",
                    periods::example(kind)
                )),
            );
            continue;
        };
        let Some(p) = periods::parse(kind, period.get()) else {
            findings.push(
                RawFinding::new(
                    Code::OBJ008,
                    format!(
                        "objective `{id}`: `{}` is not a period of this objective",
                        period.get()
                    ),
                )
                .at(origin.at(period))
                .help(format!(
                    "its periods are written {} (`period = \"{}\"`)",
                    periods::example(kind),
                    crate::model::written_name(&kind)
                )),
            );
            continue;
        };
        let Some(value) = &m.value else {
            findings.push(
                RawFinding::new(
                    Code::OBJ008,
                    format!("objective `{id}`: {} has no value", period.get()),
                )
                .at(origin.at(period))
                .help("add `value = \"...\"`, e.g. \"97.2%\" or \"12\""),
            );
            continue;
        };
        let Some(v) = parse_value(value.get().as_str()) else {
            findings.push(
                RawFinding::new(
                    Code::OBJ008,
                    format!(
                        "objective `{id}`: the value `{}` is not a number or a percentage",
                        value.get()
                    ),
                )
                .at(origin.at(value))
                .help("write e.g. \"97.2%\", \"12\" or \"2.5\""),
            );
            continue;
        };
        if values.contains_key(&p) {
            findings.push(
                RawFinding::new(
                    Code::OBJ008,
                    format!(
                        "objective `{id}`: {} is measured twice",
                        periods::label(kind, p)
                    ),
                )
                .at(origin.at(period))
                .help("keep one value per period (the first one counts)"),
            );
            continue;
        }
        values.insert(p, (v, m));
    }
    (values, findings)
}

/// A value measured by hand: `97.2%` (a rate), `12` (a count), `2.5`,
/// `-1` (a number); a decimal comma reads as a point.
pub(crate) fn parse_value(text: &str) -> Option<Measure> {
    let t = text.trim();
    let num = |s: &str| -> Option<f64> {
        s.trim()
            .replace(',', ".")
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
    };
    if let Some(pct) = t.strip_suffix('%') {
        return num(pct).map(|p| Measure::Rate(p / 100.0));
    }
    if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
        return t.parse().ok().map(Measure::Count);
    }
    num(t).map(Measure::Number)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_as_rates_counts_and_numbers() {
        assert_eq!(parse_value("97.2%"), Some(Measure::Rate(0.972)));
        assert_eq!(parse_value(" 12 "), Some(Measure::Count(12)));
        assert_eq!(parse_value("2,5"), Some(Measure::Number(2.5)));
        assert_eq!(parse_value("-1"), Some(Measure::Number(-1.0)));
        assert_eq!(parse_value("about 97"), None);
        assert_eq!(parse_value("%"), None);
    }
}
