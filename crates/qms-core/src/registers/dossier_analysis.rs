//! What a check learns from the dossier registers in one pass: the row
//! problems, the DOS findings at the check date, and the year-to-date
//! figures in total and month by month (objectives and the report read them).

use std::collections::BTreeMap;

use crate::base::code::Code;
use crate::base::date::Date;
use crate::base::finding::RawFinding;
use crate::base::span::Location;
use crate::base::text::FileId;
use crate::load::Qms;
use crate::registers::calendar::WorkingCalendar;
use crate::registers::dossier::{Dossier, procedures, registers};
use crate::registers::figures::{DossierStats, Period};

/// What the check learns from the dossier registers in one pass.
#[derive(Debug, Clone, Default)]
pub struct DossierAnalysis {
    /// Whether the QMS has a dossier register at all.
    pub has_register: bool,
    /// DOS (and REC003) findings.
    pub(crate) findings: Vec<RawFinding>,
    /// The year to the check date: 1 January to `as_of`.
    pub period: Option<Period>,
    /// Figures for the year to the check date (objective metrics).
    pub year_to_date: DossierStats,
    /// The same, month by month (the report's table and chart).
    pub months: Vec<crate::registers::figures::StatsRow>,
    /// Data rows of each register, by path.
    pub rows: BTreeMap<String, u64>,
}

/// Reads every dossier register once: the row problems, the DOS checks at
/// `as_of`, and the year-to-date figures, in total and by month.
pub fn analyse(qms: &Qms, calendar: &WorkingCalendar, as_of: Date) -> DossierAnalysis {
    let procs = procedures(qms);
    let mut a = DossierAnalysis::default();
    let ytd = Period::new(
        Date::from_ymd(as_of.year(), 1, 1).unwrap_or(as_of),
        as_of,
        format!("{}", as_of.year()),
    );
    let months = ytd.months();
    let mut by_month = vec![DossierStats::default(); months.len()];
    for reg in registers(qms, &procs, calendar) {
        a.has_register = true;
        let mut out = Vec::new();
        let mut stats = DossierStats::default();
        let rows = reg.read(|row| match row {
            Err(p) => {
                let at = p.location(reg.file);
                out.push(RawFinding::new(p.code, p.message).at(at));
            }
            Ok(d) => {
                stats.add(&d, &ytd);
                for (m, s) in months.iter().zip(by_month.iter_mut()) {
                    s.add(&d, m);
                }
                check_dossier(&d, as_of, &mut out, reg.file);
            }
        });
        match rows {
            Ok(n) => {
                a.rows.insert(reg.rel.clone(), n);
            }
            Err(e) => out.push(
                RawFinding::new(
                    Code::REC003,
                    format!("register `{}` cannot be read: {e}", reg.rel),
                )
                .at(Location::file(reg.file)),
            ),
        }
        a.findings.extend(out);
        a.year_to_date.merge(&stats);
    }
    a.year_to_date.finish();
    if a.has_register {
        a.months = months
            .into_iter()
            .zip(by_month)
            .map(|(m, mut stats)| {
                stats.finish();
                crate::registers::figures::StatsRow {
                    key: m.label,
                    stats,
                }
            })
            .collect();
        a.period = Some(ytd);
    }
    a
}

fn check_dossier(d: &Dossier<'_>, as_of: Date, out: &mut Vec<RawFinding>, file: FileId) {
    if d.received > as_of {
        return;
    }
    let at = Location::cell(file, d.sheet.cloned(), d.line, None);
    // Promising the citizen more days than the rules give is the finding;
    // an earlier promise is not.
    if let Some(allowed) = d.computed_due.filter(|c| d.due_written && d.due > *c) {
        out.push(
            RawFinding::new(
                Code::DOS003,
                format!(
                    "dossier {}: the register's due date {} is later than the rules allow ({allowed})",
                    d.code, d.due
                ),
            )
            .at(at.clone())
            .help("leave `due` empty to have it computed; a later date needs its reason in the row: a `case`, `received_time` after the cut-off, `paused_days`, or `extended_to` with `extension_ref`"),
        );
    }
    let resolved_by = d.resolved.filter(|r| *r <= as_of);
    let late = match resolved_by {
        Some(r) => r > d.due,
        None => as_of > d.due,
    };
    if late && d.apology_on.is_none_or(|a| a > d.due) {
        let what = match (resolved_by, d.apology_on) {
            (Some(r), None) => format!(
                "was resolved {r}, after its due date {}, with no apology",
                d.due
            ),
            (Some(r), Some(a)) => format!(
                "was resolved {r}, after its due date {}; the apology came only on {a}",
                d.due
            ),
            (None, None) => format!("is past its due date {} with no apology", d.due),
            (None, Some(a)) => format!(
                "is past its due date {}; the apology came only on {a}",
                d.due
            ),
        };
        out.push(
            RawFinding::new(Code::DOS002, format!("dossier {} {what}", d.code))
                .at(at.clone())
                .help("issue the apology and new appointment (Form 04) on or before the due date, and record `apology_on`"),
        );
    }
    if let Some(n) = d.new_appointment_missed(as_of) {
        let what = match resolved_by {
            Some(r) => format!("was resolved {r}, after its new appointment {n}"),
            None => format!(
                "is still in progress on {as_of}, {} days after its new appointment {n}",
                n.days_until(as_of)
            ),
        };
        out.push(
            RawFinding::new(
                Code::DOS005,
                format!(
                    "dossier {} {what} (due {}, apology issued {})",
                    d.code,
                    d.due,
                    d.apology_on.map_or_else(String::new, |a| a.to_string())
                ),
            )
            .at(at.clone())
            .help("resolve the dossier and raise a nonconformity (source `late-dossier`): a second missed date is what the citizen remembers"),
        );
        return;
    }
    // apologised for in time with a new appointment not yet come: not overdue
    let pending_new_appointment = d.apologised_in_time() && d.new_due.is_some_and(|n| as_of <= n);
    if resolved_by.is_none() && as_of > d.due && !pending_new_appointment {
        out.push(
            RawFinding::new(
                Code::DOS004,
                format!(
                    "dossier {} is still in progress on {as_of}, {} days after its due date {}",
                    d.code,
                    d.due.days_until(as_of),
                    d.due
                ),
            )
            .at(at),
        );
    }
}
