//! A `[[metric]]` computed over the rows of a register: the interface a
//! register's rows are read through ([`RegisterRow`]), the conditions of
//! `where`, and the tally of each period.
//!
//! Nothing here knows the file format: rows are pushed one at a time (by
//! the adapter over the registers' row reader,
//! [`crate::measure::register_rows`]), so a register of any size is
//! measured in constant memory.
//!
//! Two cells compare as dates when both read as dates (`YYYY-MM-DD`, or the
//! register's `date_format`), else as numbers when both read as numbers,
//! else as text without regard to case. An empty cell equals only an empty
//! value and is neither before nor after anything: `delivered <= promised`
//! does not hold for a delivery not yet made.

use std::cmp::Ordering;

use chrono::NaiveDate;

use crate::base::date::Date;
use crate::measure::metrics::Measure;
use crate::measure::periods::ObjectivePeriod;
use crate::model::{ConditionOp, MetricKind};

/// One row of a register as a metric reads it.
pub(crate) trait RegisterRow {
    /// The text of the cell in `column`, trimmed; `None` when the register
    /// has no such column.
    fn cell(&self, column: &str) -> Option<&str>;
    /// Where the row is in its file, for a finding: its line (one-based).
    fn line(&self) -> usize;
}

/// Reads the dates of one register: `YYYY-MM-DD`, and its `date_format`
/// when it has one.
#[derive(Debug, Clone, Default)]
pub(crate) struct DateReader {
    format: Option<String>,
}

impl DateReader {
    /// A reader of ISO dates and, when given, dates in a chrono format
    /// (already checked to be a valid format).
    pub(crate) fn new(format: Option<String>) -> Self {
        DateReader { format }
    }

    /// The date a cell holds, if it holds one.
    pub(crate) fn read(&self, s: &str) -> Option<Date> {
        let s = s.trim();
        if let Ok(d) = s.parse::<Date>() {
            return Some(d);
        }
        let f = self.format.as_deref()?;
        NaiveDate::parse_from_str(s, f).ok().map(Date::from_naive)
    }
}

/// The number a cell holds, if it holds a finite one.
pub(crate) fn number(s: &str) -> Option<f64> {
    s.trim().parse::<f64>().ok().filter(|v| v.is_finite())
}

/// How two non-empty cells compare: as dates, else numbers, else text.
fn compare(a: &str, b: &str, dates: &DateReader) -> Ordering {
    if let (Some(x), Some(y)) = (dates.read(a), dates.read(b)) {
        return x.cmp(&y);
    }
    if let (Some(x), Some(y)) = (number(a), number(b)) {
        return x.total_cmp(&y);
    }
    a.to_lowercase().cmp(&b.to_lowercase())
}

/// Whether `a OP b` holds.
pub(crate) fn holds(op: ConditionOp, a: &str, b: &str, dates: &DateReader) -> bool {
    let (a, b) = (a.trim(), b.trim());
    if a.is_empty() || b.is_empty() {
        let both = a.is_empty() && b.is_empty();
        return match op {
            ConditionOp::Equal => both,
            ConditionOp::NotEqual => !both,
            _ => false,
        };
    }
    let o = compare(a, b, dates);
    match op {
        ConditionOp::Equal => o == Ordering::Equal,
        ConditionOp::NotEqual => o != Ordering::Equal,
        ConditionOp::Less => o == Ordering::Less,
        ConditionOp::LessOrEqual => o != Ordering::Greater,
        ConditionOp::Greater => o == Ordering::Greater,
        ConditionOp::GreaterOrEqual => o != Ordering::Less,
    }
}

/// What a condition compares its column with.
#[derive(Debug, Clone)]
pub(crate) enum Test {
    /// `op` and `value`.
    Value(ConditionOp, String),
    /// `op` and `other`: a column of the same row.
    Other(ConditionOp, String),
    /// `in`: equals one of these.
    AnyOf(Vec<String>),
    /// `not_in`: equals none of these.
    NoneOf(Vec<String>),
}

/// One condition of `where`, checked.
#[derive(Debug, Clone)]
pub(crate) struct RowCondition {
    /// The column compared.
    pub column: String,
    /// What with.
    pub test: Test,
}

impl RowCondition {
    /// Whether `row` meets the condition.
    fn matches(&self, row: &(impl RegisterRow + ?Sized), dates: &DateReader) -> bool {
        let cell = row.cell(&self.column).unwrap_or("");
        let eq = |v: &String| holds(ConditionOp::Equal, cell, v, dates);
        match &self.test {
            Test::Value(op, v) => holds(*op, cell, v, dates),
            Test::Other(op, other) => holds(*op, cell, row.cell(other).unwrap_or(""), dates),
            Test::AnyOf(list) => list.iter().any(eq),
            Test::NoneOf(list) => !list.iter().any(eq),
        }
    }
}

/// A `[[metric]]` ready to be computed: what it tallies, over which rows.
#[derive(Debug, Clone)]
pub(crate) struct RowMetric {
    /// What is computed.
    pub kind: MetricKind,
    /// The date column that places a row in a period.
    pub date: String,
    /// The column summed or averaged.
    pub column: Option<String>,
    /// `where`, all of them.
    pub conditions: Vec<RowCondition>,
    /// The register's dates.
    pub dates: DateReader,
}

/// A cell a metric could not read: its line and what is wrong.
pub(crate) type CellProblem = (usize, String);

/// The counts of one period.
#[derive(Debug, Clone, Copy, Default)]
struct Tally {
    rows: u64,
    matched: u64,
    sum: f64,
    numbers: u64,
}

impl RowMetric {
    /// Computes the metric for each of `periods` over `rows`, in one pass;
    /// the cells that could not be read go to `problems` (a date that is
    /// not a date, a number that is not a number), and their rows are left
    /// out. A rate or a mean with no row has no value.
    #[cfg(test)]
    pub(crate) fn measure<R: RegisterRow>(
        &self,
        periods: &[ObjectivePeriod],
        rows: impl Iterator<Item = R>,
        problems: &mut Vec<CellProblem>,
    ) -> Vec<Option<Measure>> {
        self.measure_streamed(
            periods,
            |each| {
                for row in rows {
                    each(&row);
                }
            },
            problems,
        )
    }

    /// The same, the rows pushed by `feed` (a register's reader streams
    /// them into the closure it is given).
    pub(crate) fn measure_streamed(
        &self,
        periods: &[ObjectivePeriod],
        feed: impl FnOnce(&mut dyn FnMut(&dyn RegisterRow)),
        problems: &mut Vec<CellProblem>,
    ) -> Vec<Option<Measure>> {
        let mut tallies = vec![Tally::default(); periods.len()];
        feed(&mut |row: &dyn RegisterRow| {
            let text = row.cell(&self.date).unwrap_or("");
            if text.is_empty() {
                return;
            }
            let Some(day) = self.dates.read(text) else {
                problems.push((
                    row.line(),
                    format!("`{}` is `{text}`, which is not a date", self.date),
                ));
                return;
            };
            let mut within = periods
                .iter()
                .zip(tallies.iter_mut())
                .filter(|(p, _)| p.from <= day && day <= p.to)
                .map(|(_, t)| t)
                .peekable();
            if within.peek().is_none() {
                return;
            }
            let matched = self.conditions.iter().all(|c| c.matches(row, &self.dates));
            let value = match (&self.column, matched) {
                (Some(col), true) => {
                    let cell = row.cell(col).unwrap_or("");
                    match number(cell) {
                        Some(v) => Some(v),
                        None if cell.is_empty() => None,
                        None => {
                            problems.push((
                                row.line(),
                                format!("`{col}` is `{cell}`, which is not a number"),
                            ));
                            return;
                        }
                    }
                }
                _ => None,
            };
            for t in within {
                t.rows += 1;
                if matched {
                    t.matched += 1;
                    if let Some(v) = value {
                        t.sum += v;
                        t.numbers += 1;
                    }
                }
            }
        });
        tallies
            .into_iter()
            .map(|t| match self.kind {
                MetricKind::Count => Some(Measure::Count(t.matched)),
                MetricKind::Rate => {
                    (t.rows > 0).then(|| Measure::Rate(t.matched as f64 / t.rows as f64))
                }
                MetricKind::Sum => Some(Measure::Number(t.sum)),
                MetricKind::Mean => {
                    (t.numbers > 0).then(|| Measure::Number(t.sum / t.numbers as f64))
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Row(Vec<(&'static str, &'static str)>, usize);

    impl RegisterRow for Row {
        fn cell(&self, column: &str) -> Option<&str> {
            self.0.iter().find(|(c, _)| *c == column).map(|(_, v)| *v)
        }
        fn line(&self) -> usize {
            self.1
        }
    }

    #[test]
    fn cells_compare_as_dates_numbers_then_text() {
        let iso = DateReader::default();
        let dmy = DateReader::new(Some("%d/%m/%Y".into()));
        assert!(holds(
            ConditionOp::LessOrEqual,
            "2025-06-03",
            "2025-06-10",
            &iso
        ));
        assert!(holds(ConditionOp::Less, "03/06/2025", "10/05/2025", &iso)); // text
        assert!(!holds(ConditionOp::Less, "03/06/2025", "10/05/2025", &dmy)); // dates
        assert!(holds(ConditionOp::Less, "9", "10", &iso)); // numbers, not text
        assert!(holds(ConditionOp::Equal, "1.0", "1", &iso));
        assert!(holds(ConditionOp::Equal, "Yes", "yes", &iso));
        assert!(!holds(ConditionOp::LessOrEqual, "", "2025-06-10", &iso));
        assert!(holds(ConditionOp::NotEqual, "", "2025-06-10", &iso));
        assert!(holds(ConditionOp::Equal, " ", "", &iso));
    }

    #[test]
    fn a_pass_over_rows_tallies_each_period() {
        let metric = RowMetric {
            kind: MetricKind::Mean,
            date: "day".into(),
            column: Some("n".into()),
            conditions: vec![RowCondition {
                column: "ok".into(),
                test: Test::AnyOf(vec!["y".into()]),
            }],
            dates: DateReader::default(),
        };
        let p = |label: &str, from: &str, to: &str| ObjectivePeriod {
            label: label.into(),
            from: from.parse().expect("date"),
            to: to.parse().expect("date"),
        };
        let periods = [
            p("2025-01", "2025-01-01", "2025-01-31"),
            p("2025-02", "2025-02-01", "2025-02-28"),
        ];
        let rows = vec![
            Row(vec![("day", "2025-01-05"), ("n", "2"), ("ok", "y")], 2),
            Row(vec![("day", "2025-01-06"), ("n", "4"), ("ok", "Y")], 3),
            Row(vec![("day", "2025-01-07"), ("n", "100"), ("ok", "n")], 4),
            Row(vec![("day", "5 Jan"), ("n", "1"), ("ok", "y")], 5),
            Row(vec![("day", "2025-02-01"), ("n", "x"), ("ok", "y")], 6),
        ];
        let mut problems = Vec::new();
        let got = metric.measure(&periods, rows.into_iter(), &mut problems);
        assert_eq!(got, [Some(Measure::Number(3.0)), None]);
        assert_eq!(
            problems,
            [
                (5, "`day` is `5 Jan`, which is not a date".to_string()),
                (6, "`n` is `x`, which is not a number".to_string())
            ]
        );
    }
}
