//! The one-stop desk's periodic figures, as the provincial reports have them:
//! received = carried over + new (by channel); resolved = early + on time +
//! late; in progress at the period end = not yet due + overdue; on-time rate =
//! (early + on time) / resolved.
//!
//! Every dossier is classified into exactly one resolved or in-progress
//! bucket by [`DossierStats::add`], so the totals add up by construction.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::base::date::Date;
use crate::registers::dossier::Dossier;

/// Why a text is not a period.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{0}` is not a period; expected 2012, 2012-H1, 2012-Q2, 2012-06 or 2012-01-01..2012-06-30"
)]
pub struct PeriodParseError(pub String);

/// A reporting period: both ends included.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Period {
    /// First day.
    pub from: Date,
    /// Last day (the period end at which in-progress dossiers are counted).
    pub to: Date,
    /// How it was written (`2012-H1`) or `FROM..TO`.
    pub label: String,
}

impl Period {
    /// A period from two dates.
    pub fn new(from: Date, to: Date, label: String) -> Self {
        Period { from, to, label }
    }

    /// Reads `2012`, `2012-H1`, `2012-Q2`, `2012-06` or `FROM..TO`.
    pub fn parse(s: &str) -> Result<Period, PeriodParseError> {
        let t = s.trim();
        let err = || PeriodParseError(s.to_string());
        if let Some((a, b)) = t.split_once("..") {
            let from: Date = a.parse().map_err(|_| err())?;
            let to: Date = b.parse().map_err(|_| err())?;
            return if from <= to {
                Ok(Period::new(from, to, t.to_string()))
            } else {
                Err(err())
            };
        }
        let (year, rest) = match t.split_once('-') {
            Some((y, r)) => (y, Some(r)),
            None => (t, None),
        };
        let year: i32 = year.parse().map_err(|_| err())?;
        let (m1, m2) = match rest {
            None => (1, 12),
            Some("H1") | Some("h1") => (1, 6),
            Some("H2") | Some("h2") => (7, 12),
            Some(q) if q.len() == 2 && (q.starts_with('Q') || q.starts_with('q')) => {
                let n: u32 = q[1..].parse().map_err(|_| err())?;
                if !(1..=4).contains(&n) {
                    return Err(err());
                }
                (3 * n - 2, 3 * n)
            }
            Some(m) => {
                let n: u32 = m.parse().map_err(|_| err())?;
                if !(1..=12).contains(&n) || m.len() != 2 {
                    return Err(err());
                }
                (n, n)
            }
        };
        let from = Date::from_ymd(year, m1, 1).ok_or_else(err)?;
        let to = last_day(year, m2).ok_or_else(err)?;
        Ok(Period::new(from, to, t.to_string()))
    }

    /// The calendar months the period touches, each clipped to the period.
    pub fn months(&self) -> Vec<Period> {
        let mut out = Vec::new();
        let (mut y, mut m) = (self.from.year(), self.from.month());
        while let (Some(start), Some(end)) = (Date::from_ymd(y, m, 1), last_day(y, m)) {
            if start > self.to {
                break;
            }
            let from = start.max(self.from);
            let to = end.min(self.to);
            out.push(Period::new(from, to, format!("{y}-{m:02}")));
            (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        }
        out
    }
}

fn last_day(year: i32, month: u32) -> Option<Date> {
    let (ny, nm) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    Date::from_ymd(ny, nm, 1).map(|d| d.add_days(-1))
}

/// The figures of one period (or one group of dossiers in it).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct DossierStats {
    /// Received before the period and not resolved before it.
    pub carried_over: u64,
    /// Received in the period.
    pub received_new: u64,
    /// New receipts by channel (an empty channel is `unspecified`).
    pub received_by_channel: BTreeMap<String, u64>,
    /// carried_over + received_new.
    pub total: u64,
    /// Resolved in the period: early + on_time + late.
    pub resolved: u64,
    /// Resolved before the due date.
    pub early: u64,
    /// Resolved on the due date.
    pub on_time: u64,
    /// Resolved after the due date.
    pub late: u64,
    /// Not resolved at the period end: not_yet_due + overdue.
    pub in_progress: u64,
    /// In progress, due date not passed at the period end.
    pub not_yet_due: u64,
    /// In progress, past the due date at the period end.
    pub overdue: u64,
    /// Apologies (Form 04) issued for dossiers counted here.
    pub apologies: u64,
    /// Resolved late, with the apology issued by the due date (counted in
    /// `late` too).
    #[serde(default)]
    pub late_with_apology: u64,
    /// Apologised for in time, with a new appointment (`new_due`) that was
    /// missed too: resolved after it, or still in progress past it at the
    /// period end.
    #[serde(default)]
    pub new_appointment_missed: u64,
    /// (early + on_time) / resolved; none when nothing was resolved.
    pub on_time_rate: Option<f64>,
}

impl DossierStats {
    /// Counts a dossier in the period, if it belongs there: received by the
    /// period end and not resolved before the period began.
    pub fn add(&mut self, d: &Dossier<'_>, p: &Period) {
        if d.received > p.to || d.resolved.is_some_and(|r| r < p.from) {
            return;
        }
        if d.received < p.from {
            self.carried_over += 1;
        } else {
            self.received_new += 1;
            let ch = if d.channel.is_empty() {
                "unspecified"
            } else {
                d.channel
            };
            match self.received_by_channel.get_mut(ch) {
                Some(n) => *n += 1,
                None => {
                    self.received_by_channel.insert(ch.to_string(), 1);
                }
            }
        }
        self.total += 1;
        match d.resolved.filter(|r| *r <= p.to) {
            Some(r) => {
                self.resolved += 1;
                match r.cmp(&d.due) {
                    std::cmp::Ordering::Less => self.early += 1,
                    std::cmp::Ordering::Equal => self.on_time += 1,
                    std::cmp::Ordering::Greater => {
                        self.late += 1;
                        if d.apologised_in_time() {
                            self.late_with_apology += 1;
                        }
                    }
                }
            }
            None => {
                self.in_progress += 1;
                if p.to <= d.due {
                    self.not_yet_due += 1;
                } else {
                    self.overdue += 1;
                }
            }
        }
        if d.apology_on.is_some_and(|a| a <= p.to) {
            self.apologies += 1;
        }
        if d.new_appointment_missed(p.to).is_some() {
            self.new_appointment_missed += 1;
        }
    }

    /// Adds another group's counts.
    pub fn merge(&mut self, o: &DossierStats) {
        self.carried_over += o.carried_over;
        self.received_new += o.received_new;
        for (k, v) in &o.received_by_channel {
            *self.received_by_channel.entry(k.clone()).or_default() += v;
        }
        self.total += o.total;
        self.resolved += o.resolved;
        self.early += o.early;
        self.on_time += o.on_time;
        self.late += o.late;
        self.in_progress += o.in_progress;
        self.not_yet_due += o.not_yet_due;
        self.overdue += o.overdue;
        self.apologies += o.apologies;
        self.late_with_apology += o.late_with_apology;
        self.new_appointment_missed += o.new_appointment_missed;
    }

    /// Computes the rate once the counts are in.
    pub fn finish(&mut self) {
        self.on_time_rate =
            (self.resolved > 0).then(|| (self.early + self.on_time) as f64 / self.resolved as f64);
    }
}

/// How to break the figures down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Breakdown {
    /// By field (lĩnh vực).
    Field,
    /// By procedure.
    Procedure,
    /// By calendar month (each month its own period).
    Month,
}

/// The figures of one group of a breakdown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct StatsRow {
    /// The field, procedure id or month (`2012-06`).
    pub key: String,
    /// Its figures.
    #[serde(flatten)]
    pub stats: DossierStats,
}

impl StatsRow {
    /// The figures of one group.
    pub fn new(key: impl Into<String>, stats: DossierStats) -> Self {
        StatsRow {
            key: key.into(),
            stats,
        }
    }
}
