//! Dossier statistics for a period, as the provincial one-stop reports have
//! them: received = carried over + new (by channel); resolved = early + on
//! time + late; in progress at the period end = not yet due + overdue;
//! on-time rate = (early + on time) / resolved.
//!
//! Every dossier is classified into exactly one resolved or in-progress
//! bucket by [`DossierStats::add`], so the totals add up by construction.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::load::Qms;
use crate::registers::calendar::WorkingCalendar;
use crate::registers::dossier::{RowProblem, for_each_dossier};
use crate::registers::figures::{Breakdown, DossierStats, Period, StatsRow};

/// The statistics of a period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct StatsReport {
    /// The period.
    pub period: Period,
    /// All dossiers.
    pub total: DossierStats,
    /// The breakdown asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<Breakdown>,
    /// One row per field, procedure or month.
    pub rows: Vec<StatsRow>,
    /// Rows left out because they could not be read.
    pub bad_rows: u64,
    /// Years the dossiers fall in that the country calendar has no holiday
    /// data for (their working days count weekends only; DOS006).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub years_outside_calendar: Vec<i32>,
}

/// The group with this key, created on first use (one allocation per group,
/// not per row).
fn group<'g>(groups: &'g mut BTreeMap<String, DossierStats>, key: &str) -> &'g mut DossierStats {
    if !groups.contains_key(key) {
        groups.insert(key.to_string(), DossierStats::default());
    }
    groups.get_mut(key).expect("inserted above")
}

/// Computes the statistics of every dossier register of a QMS, and the
/// problems of the rows left out (at most
/// `MAX_FINDINGS_PER_RULE_PER_FILE`, 50,
/// a register; `bad_rows` counts them all).
pub fn compute(
    qms: &Qms,
    calendar: &WorkingCalendar,
    period: &Period,
    by: Option<Breakdown>,
) -> (StatsReport, Vec<(String, RowProblem)>) {
    let mut total = DossierStats::default();
    let months = period.months();
    let mut groups: BTreeMap<String, DossierStats> = BTreeMap::new();
    if by == Some(Breakdown::Month) {
        for m in &months {
            groups.insert(m.label.clone(), DossierStats::default());
        }
    }
    let mut unknown_years = std::collections::BTreeSet::new();
    let (problems, bad_rows) = for_each_dossier(qms, calendar, |d| {
        unknown_years.extend(d.years_outside(calendar));
        total.add(d, period);
        match by {
            None => {}
            Some(Breakdown::Field) => group(&mut groups, d.field).add(d, period),
            Some(Breakdown::Procedure) => group(&mut groups, d.procedure).add(d, period),
            Some(Breakdown::Month) => {
                for m in &months {
                    if let Some(g) = groups.get_mut(&m.label) {
                        g.add(d, m);
                    }
                }
            }
        }
    });
    total.finish();
    let rows = groups
        .into_iter()
        .filter(|(_, s)| s.total > 0 || by == Some(Breakdown::Month))
        .map(|(key, mut stats)| {
            stats.finish();
            StatsRow { key, stats }
        })
        .collect();
    let report = StatsReport {
        period: period.clone(),
        total,
        by,
        rows,
        bad_rows,
        years_outside_calendar: unknown_years.into_iter().collect(),
    };
    (report, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_parse() {
        let p = Period::parse("2012-H1").expect("period");
        assert_eq!(
            (p.from.to_string(), p.to.to_string()),
            ("2012-01-01".into(), "2012-06-30".into())
        );
        let p = Period::parse("2012-Q2").expect("period");
        assert_eq!(
            (p.from.to_string(), p.to.to_string()),
            ("2012-04-01".into(), "2012-06-30".into())
        );
        let p = Period::parse("2012-02").expect("period");
        assert_eq!(p.to.to_string(), "2012-02-29");
        assert_eq!(Period::parse("2012").expect("year").months().len(), 12);
        assert!(Period::parse("2012-Q5").is_err());
        assert!(Period::parse("2012-13").is_err());
        assert!(Period::parse("2012-06-30..2012-01-01").is_err());
    }
}
