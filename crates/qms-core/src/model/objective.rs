//! Quality objectives and the metrics they are measured by, as qms.toml
//! writes them: `[[objective]]` (with its `[[objective.measured]]` values)
//! and `[[metric]]` (a figure computed from a register).

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

use crate::base::span::Spanned;

/// One `[[objective]]`: measured by a `metric` (built in, or a `[[metric]]`
/// of qms.toml), or by hand (`[[objective.measured]]`).
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Objective {
    /// Its id, e.g. `MT-01`.
    pub id: Spanned<String>,
    /// What it aims at, in the organisation's words.
    pub title: Spanned<String>,
    /// The named metric computed from the files, e.g. `dossiers.on_time_rate`
    /// or the `name` of a `[[metric]]`.
    pub metric: Option<Spanned<String>>,
    /// The target, e.g. `>= 100%`.
    pub target: Option<Spanned<String>>,
    /// The period it is judged over (a `[[metric]]` or measured values):
    /// `year` when not given. Built-in metrics are measured at the check date
    /// and take no period.
    pub period: Option<Spanned<PeriodKind>>,
    /// Values measured by hand, one per period, each with its evidence.
    #[serde(default)]
    pub measured: Vec<Measurement>,
}

/// How long one period of an objective is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum PeriodKind {
    /// A calendar year, `2024`.
    #[default]
    Year,
    /// A calendar quarter, `2024-Q1`.
    Quarter,
    /// A calendar month, `2024-03`.
    Month,
    /// Twelve months ending with a calendar month, named by that month
    /// (`2024-03`: April 2023 to March 2024).
    #[serde(rename = "rolling-12")]
    Rolling12,
}

/// One `[[objective.measured]]`: a value measured by hand for one period.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Measurement {
    /// The period measured, in the objective's kind: `2024`, `2024-Q1`,
    /// `2024-03` (also the last month of a rolling 12 months). Required
    /// (OBJ008 when missing).
    pub period: Option<Spanned<String>>,
    /// The value: `97.2%`, `12`, `2.5`. Required (OBJ008 when missing).
    pub value: Option<Spanned<WrittenValue>>,
    /// The file that shows the value (a KPI report), relative to the QMS.
    pub evidence: Option<Spanned<String>>,
}

/// One `[[metric]]`: a figure computed from a register, over the rows whose
/// `date` falls in an objective's period.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct MetricDefinition {
    /// The name objectives give in `metric`, e.g. `otif`. Required, like
    /// `register`, `date` and `kind` (OBJ007 when missing).
    pub name: Option<Spanned<String>>,
    /// What it measures, in one line.
    pub description: Option<Spanned<String>>,
    /// The register: a record type id of records.toml (`QR-21`), or the
    /// path of its `[record.register]`.
    pub register: Option<Spanned<String>>,
    /// The date column that places a row in a period.
    pub date: Option<Spanned<String>>,
    /// What is computed over the rows of the period.
    pub kind: Option<Spanned<MetricKind>>,
    /// The numeric column summed or averaged (`sum`, `mean`).
    pub column: Option<Spanned<String>>,
    /// The conditions a row must meet, all of them: for `rate` the rows
    /// counted above the line; for the other kinds the rows counted at all.
    #[serde(default, rename = "where")]
    pub conditions: Vec<Condition>,
}

/// What a `[[metric]]` computes over the rows of a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum MetricKind {
    /// The rows that meet the conditions.
    Count,
    /// The share of the rows that meet the conditions.
    Rate,
    /// The sum of `column` over the rows that meet the conditions.
    Sum,
    /// The mean of `column` over the rows that meet the conditions (empty
    /// cells left out).
    Mean,
}

/// One condition of a `[[metric]]`'s `where`: a column compared with a
/// value (`op`, `value`), with another column of the same row (`op`,
/// `other`), or with a list (`in`, `not_in`). Exactly one of `value`,
/// `other`, `in`, `not_in`.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Condition {
    /// The column compared.
    pub column: Spanned<String>,
    /// The comparison, `=` when not given.
    pub op: Option<Spanned<ConditionOp>>,
    /// A value: text, a number or a date.
    pub value: Option<Spanned<WrittenValue>>,
    /// Another column of the same row.
    pub other: Option<Spanned<String>>,
    /// The cell equals one of these.
    #[serde(rename = "in")]
    pub any_of: Option<Spanned<Vec<WrittenValue>>>,
    /// The cell equals none of these.
    pub not_in: Option<Spanned<Vec<WrittenValue>>>,
}

/// A comparison of a condition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum ConditionOp {
    /// `=` (also `==`).
    #[serde(rename = "=", alias = "==")]
    Equal,
    /// `!=`.
    #[serde(rename = "!=")]
    NotEqual,
    /// `<`.
    #[serde(rename = "<")]
    Less,
    /// `<=`.
    #[serde(rename = "<=")]
    LessOrEqual,
    /// `>`.
    #[serde(rename = ">")]
    Greater,
    /// `>=`.
    #[serde(rename = ">=")]
    GreaterOrEqual,
}

impl ConditionOp {
    /// The operator as written.
    pub fn as_str(self) -> &'static str {
        match self {
            ConditionOp::Equal => "=",
            ConditionOp::NotEqual => "!=",
            ConditionOp::Less => "<",
            ConditionOp::LessOrEqual => "<=",
            ConditionOp::Greater => ">",
            ConditionOp::GreaterOrEqual => ">=",
        }
    }
}

/// A value written in TOML as text, a number, a boolean or a date, kept as
/// its text (`"yes"`, `12`, `2.5`, `2025-06-30`): it is compared with the
/// text of a register's cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenValue(pub String);

impl WrittenValue {
    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for WrittenValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

struct WrittenValueVisitor;

impl<'de> Visitor<'de> for WrittenValueVisitor {
    type Value = WrittenValue;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("text, a number, a boolean or a date")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<WrittenValue, E> {
        Ok(WrittenValue(v.to_string()))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<WrittenValue, E> {
        Ok(WrittenValue(v.to_string()))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<WrittenValue, E> {
        Ok(WrittenValue(v.to_string()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<WrittenValue, E> {
        Ok(WrittenValue(v.to_string()))
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<WrittenValue, E> {
        Ok(WrittenValue(v.to_string()))
    }

    // toml hands its date-time values over as a one-entry map.
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<WrittenValue, A::Error> {
        match map.next_entry::<String, String>()? {
            Some((_, text)) => Ok(WrittenValue(text)),
            None => Err(de::Error::custom(
                "expected text, a number, a boolean or a date",
            )),
        }
    }
}

impl<'de> Deserialize<'de> for WrittenValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(WrittenValueVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct T {
        v: Vec<WrittenValue>,
    }

    #[test]
    fn written_values_keep_their_text() {
        let t: T = toml::from_str(r#"v = ["yes", 12, 2.5, true, 2025-06-30]"#).expect("reads");
        let texts: Vec<&str> = t.v.iter().map(WrittenValue::as_str).collect();
        assert_eq!(texts, ["yes", "12", "2.5", "true", "2025-06-30"]);
    }

    #[test]
    fn metrics_and_objectives_read() {
        #[derive(Deserialize)]
        struct C {
            metric: Vec<MetricDefinition>,
            objective: Vec<Objective>,
        }
        let c: C = toml::from_str(
            r#"
[[metric]]
name = "otif"
register = "QR-21"
date = "promised"
kind = "rate"
where = [{ column = "delivered", op = "<=", other = "promised" }, { column = "in_full", in = ["yes"] }]

[[objective]]
id = "OBJ-03"
title = "On-time in-full deliveries"
target = ">= 98%"
period = "rolling-12"
[[objective.measured]]
period = "2024-03"
value = "97.2%"
evidence = "records/kpi/2024-03-kpi-report.md"
"#,
        )
        .expect("reads");
        let m = &c.metric[0];
        assert_eq!(m.kind.as_ref().map(|k| *k.get()), Some(MetricKind::Rate));
        assert_eq!(
            m.conditions[0].op.as_ref().map(|o| *o.get()),
            Some(ConditionOp::LessOrEqual)
        );
        assert_eq!(
            m.conditions[1].any_of.as_ref().map(|v| v.get().len()),
            Some(1)
        );
        let o = &c.objective[0];
        assert_eq!(
            o.period.as_ref().map(|p| *p.get()),
            Some(PeriodKind::Rolling12)
        );
        let value = o.measured[0].value.as_ref().map(|v| v.get().as_str());
        assert_eq!(value, Some("97.2%"));
    }
}
