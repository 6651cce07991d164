//! The periods an objective is judged over: calendar years, quarters and
//! months, and rolling twelve months ending with a calendar month.
//!
//! The period judged at a check date is the latest one that ends on or
//! before it (checked on 30 June, a quarterly objective is judged on Q2;
//! checked on 29 June, on Q1). The trend is that period and the three
//! before it.

use serde::{Deserialize, Serialize};

use crate::base::date::Date;
use crate::model::PeriodKind;

/// One period of an objective: its name and its first and last days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct ObjectivePeriod {
    /// `2024`, `2024-Q1`, `2024-03`, or for rolling twelve months the
    /// interval of months `2023-04/2024-03`.
    pub label: String,
    /// Its first day.
    pub from: Date,
    /// Its last day.
    pub to: Date,
}

/// How many periods a trend shows.
pub const TREND_PERIODS: usize = 4;

/// A period as a number on its kind's scale: the year, `year * 4 +
/// quarter - 1`, or `year * 12 + month - 1` (for rolling twelve months, of
/// the last month).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct PeriodIndex(i64);

impl PeriodIndex {
    /// The period before.
    pub(crate) fn previous(self) -> PeriodIndex {
        PeriodIndex(self.0 - 1)
    }

    /// The period after.
    pub(crate) fn next(self) -> PeriodIndex {
        PeriodIndex(self.0 + 1)
    }
}

fn ymd(year: i64, month: i64, day: u32) -> Date {
    i32::try_from(year)
        .ok()
        .and_then(|y| Date::from_ymd(y, u32::try_from(month).unwrap_or(1), day))
        .unwrap_or_default()
}

/// The last day of the month `n` (`year * 12 + month - 1`).
fn month_end(n: i64) -> Date {
    let next = n + 1;
    ymd(next.div_euclid(12), next.rem_euclid(12) + 1, 1).add_days(-1)
}

fn month_start(n: i64) -> Date {
    ymd(n.div_euclid(12), n.rem_euclid(12) + 1, 1)
}

fn month_label(n: i64) -> String {
    format!("{:04}-{:02}", n.div_euclid(12), n.rem_euclid(12) + 1)
}

/// The period of `kind` that holds `date`.
fn containing(kind: PeriodKind, date: Date) -> PeriodIndex {
    let (y, m) = (i64::from(date.year()), i64::from(date.month()) - 1);
    PeriodIndex(match kind {
        PeriodKind::Year => y,
        PeriodKind::Quarter => y * 4 + m / 3,
        PeriodKind::Month | PeriodKind::Rolling12 => y * 12 + m,
    })
}

/// The first and last days of a period.
pub(crate) fn bounds(kind: PeriodKind, p: PeriodIndex) -> (Date, Date) {
    let n = p.0;
    match kind {
        PeriodKind::Year => (ymd(n, 1, 1), ymd(n, 12, 31)),
        PeriodKind::Quarter => {
            let first = n.div_euclid(4) * 12 + n.rem_euclid(4) * 3;
            (month_start(first), month_end(first + 2))
        }
        PeriodKind::Month => (month_start(n), month_end(n)),
        PeriodKind::Rolling12 => (month_start(n - 11), month_end(n)),
    }
}

/// The name of a period.
pub(crate) fn label(kind: PeriodKind, p: PeriodIndex) -> String {
    let n = p.0;
    match kind {
        PeriodKind::Year => format!("{n:04}"),
        PeriodKind::Quarter => format!("{:04}-Q{}", n.div_euclid(4), n.rem_euclid(4) + 1),
        PeriodKind::Month => month_label(n),
        PeriodKind::Rolling12 => format!("{}/{}", month_label(n - 11), month_label(n)),
    }
}

/// The period with its name and days.
pub(crate) fn period(kind: PeriodKind, p: PeriodIndex) -> ObjectivePeriod {
    let (from, to) = bounds(kind, p);
    ObjectivePeriod {
        label: label(kind, p),
        from,
        to,
    }
}

/// The latest period of `kind` that ends on or before `as_of`.
pub(crate) fn latest_ended(kind: PeriodKind, as_of: Date) -> PeriodIndex {
    let p = containing(kind, as_of);
    if bounds(kind, p).1 <= as_of {
        p
    } else {
        p.previous()
    }
}

/// The periods of a trend ending with `last`, oldest first.
pub(crate) fn trend(last: PeriodIndex) -> Vec<PeriodIndex> {
    (0..TREND_PERIODS as i64)
        .rev()
        .map(|back| PeriodIndex(last.0 - back))
        .collect()
}

/// Reads a period written in a measurement: `2024` (year), `2024-Q1`
/// (quarter), `2024-03` (month; for rolling twelve months, the last month,
/// or the whole interval `2023-04/2024-03`). `None` when it is not a
/// period of `kind`.
pub(crate) fn parse(kind: PeriodKind, text: &str) -> Option<PeriodIndex> {
    let t = text.trim();
    let year = |s: &str| -> Option<i64> {
        (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let month = |s: &str| -> Option<i64> {
        let (y, m) = s.split_once('-')?;
        let m: i64 = (m.len() == 2 && m.bytes().all(|b| b.is_ascii_digit()))
            .then(|| m.parse().ok())
            .flatten()?;
        (1..=12).contains(&m).then_some(year(y)? * 12 + m - 1)
    };
    match kind {
        PeriodKind::Year => year(t).map(PeriodIndex),
        PeriodKind::Quarter => {
            let (y, q) = t.split_once('-')?;
            let q = q.strip_prefix(['Q', 'q'])?;
            let q: i64 = (q.len() == 1).then(|| q.parse().ok()).flatten()?;
            (1..=4)
                .contains(&q)
                .then_some(PeriodIndex(year(y)? * 4 + q - 1))
        }
        PeriodKind::Month => month(t).map(PeriodIndex),
        PeriodKind::Rolling12 => match t.split_once('/') {
            None => month(t).map(PeriodIndex),
            Some((first, last)) => {
                let (first, last) = (month(first.trim())?, month(last.trim())?);
                (last - first == 11).then_some(PeriodIndex(last))
            }
        },
    }
}

/// How a period of `kind` is written, for messages.
pub(crate) fn example(kind: PeriodKind) -> &'static str {
    match kind {
        PeriodKind::Year => "`2024`",
        PeriodKind::Quarter => "`2024-Q1`",
        PeriodKind::Month => "`2024-03`",
        PeriodKind::Rolling12 => "`2024-03` (the last month of the twelve)",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().expect("a date")
    }

    fn judged(kind: PeriodKind, as_of: &str) -> ObjectivePeriod {
        period(kind, latest_ended(kind, d(as_of)))
    }

    #[test]
    fn the_latest_period_ended_on_or_before_the_check_date() {
        let q = judged(PeriodKind::Quarter, "2025-06-30");
        assert_eq!(
            (q.label.as_str(), q.from, q.to),
            ("2025-Q2", d("2025-04-01"), d("2025-06-30"))
        );
        assert_eq!(judged(PeriodKind::Quarter, "2025-06-29").label, "2025-Q1");
        assert_eq!(judged(PeriodKind::Quarter, "2025-01-15").label, "2024-Q4");
        assert_eq!(judged(PeriodKind::Year, "2025-06-30").label, "2024");
        assert_eq!(judged(PeriodKind::Year, "2024-12-31").label, "2024");
        let m = judged(PeriodKind::Month, "2024-03-10");
        assert_eq!((m.label.as_str(), m.to), ("2024-02", d("2024-02-29")));
        let r = judged(PeriodKind::Rolling12, "2024-03-31");
        assert_eq!(
            (r.label.as_str(), r.from, r.to),
            ("2023-04/2024-03", d("2023-04-01"), d("2024-03-31"))
        );
    }

    #[test]
    fn trends_and_written_periods() {
        let last = latest_ended(PeriodKind::Quarter, d("2025-02-01"));
        let labels: Vec<String> = trend(last)
            .into_iter()
            .map(|p| label(PeriodKind::Quarter, p))
            .collect();
        assert_eq!(labels, ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"]);
        assert_eq!(parse(PeriodKind::Quarter, "2024-Q4"), Some(last));
        assert_eq!(parse(PeriodKind::Quarter, "2024-03"), None);
        assert_eq!(parse(PeriodKind::Month, "2024-13"), None);
        assert_eq!(parse(PeriodKind::Year, "24"), None);
        assert_eq!(
            parse(PeriodKind::Rolling12, "2023-04/2024-03"),
            parse(PeriodKind::Rolling12, "2024-03")
        );
        assert_eq!(parse(PeriodKind::Rolling12, "2023-05/2024-03"), None);
    }
}
