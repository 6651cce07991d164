//! The working-day calendar: weekends, public holidays, observed and swapped
//! days, and the weekend days worked in exchange.
//!
//! Vietnam's days for 2010 to 2030 are data (`calendars/vn.toml`, compiled
//! in), never lunar arithmetic: the Tết days and swaps are decided each year
//! by government notice. `qms.toml` `[calendar]` adds `extra_holidays` and
//! `extra_working_days`; a calendar without a country has weekends only.
//! Due dates follow the civil-code counting rule: the receipt day is not
//! counted, counting starts on the next working day.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::base::code::Code;
use crate::base::date::Date;
use crate::base::finding::{Finding, RawFinding};
use crate::base::span::Origin;
use crate::load::Qms;
use crate::model::{CalendarConfig, QmsConfig};

/// A built-in calendar as build.rs read it: dates as (year, month, day),
/// each day's kind as the file spells it.
struct BuiltInData {
    code: &'static str,
    country: &'static str,
    /// (year, verified, note)
    years: &'static [(i32, bool, &'static str)],
    /// ((year, month, day), kind, name_en, name_vi)
    days_off: &'static [BuiltInDay],
    working: &'static [BuiltInDay],
}

type BuiltInDay = (
    (i32, u32, u32),
    Option<&'static str>,
    &'static str,
    &'static str,
);

// The built-in calendar files by country code (`calendars/*.toml`;
// docs/formats.md describes the format), as build.rs read them:
// `BUILT_IN_COUNTRIES`, `BUILT_IN_DATA` for a run, `BUILT_IN` (the files as
// written) for the tests.
include!(concat!(env!("OUT_DIR"), "/calendars.rs"));

/// A day's kind as the file spells it, by the names serde reads there.
fn kind_named(name: &str) -> Option<DayOffKind> {
    use serde::de::IntoDeserializer;
    let de: serde::de::value::StrDeserializer<'_, serde::de::value::Error> =
        name.into_deserializer();
    DayOffKind::deserialize(de).ok()
}

impl BuiltInData {
    /// The calendar's file as the format describes it; `None` when a date
    /// or a kind is not one (build.rs does not check them; a test does).
    fn file(&self) -> Option<CalendarFile> {
        let days = |list: &[BuiltInDay]| -> Option<Vec<CalendarDay>> {
            list.iter()
                .map(|&((y, m, d), kind, name_en, name_vi)| {
                    Some(CalendarDay {
                        date: Date::from_ymd(y, m, d)?,
                        kind: match kind {
                            None => None,
                            Some(k) => Some(kind_named(k)?),
                        },
                        name_en: name_en.to_string(),
                        name_vi: name_vi.to_string(),
                    })
                })
                .collect()
        };
        Some(CalendarFile {
            country: self.country.to_string(),
            years: self
                .years
                .iter()
                .map(|&(year, verified, note)| CalendarYear {
                    year,
                    verified,
                    note: note.to_string(),
                })
                .collect(),
            days_off: days(self.days_off)?,
            working_days: days(self.working)?,
        })
    }
}

/// Why a day is not worked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum DayOffKind {
    /// A statutory public holiday.
    Holiday,
    /// A compensatory day for a holiday on a weekend (nghỉ bù).
    Observed,
    /// A working day given off in exchange for a weekend day worked.
    Swapped,
    /// Added by the organisation (`extra_holidays`).
    Extra,
}

/// A non-working weekday or holiday, or a weekend day worked.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct CalendarDay {
    /// The day.
    pub date: Date,
    /// Why it is off (absent for a working day).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<DayOffKind>,
    /// Name in English.
    pub name_en: String,
    /// Name in Vietnamese.
    pub name_vi: String,
}

/// A year of a calendar file: whether its days were checked against the
/// government notice.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct CalendarYear {
    /// The year.
    pub year: i32,
    /// Checked against a government notice (or a reliable cross-check).
    pub verified: bool,
    /// What rules and sources apply.
    pub note: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CalendarFile {
    country: String,
    #[serde(rename = "year")]
    years: Vec<CalendarYear>,
    #[serde(rename = "day_off")]
    days_off: Vec<CalendarDay>,
    #[serde(rename = "working_day")]
    working_days: Vec<CalendarDay>,
}

/// The most days `add_working_days` adds (about 27 to 40 years): a time
/// limit, paused days or an extension beyond it is an error of the input,
/// never a walk of seconds nor a count that wraps (docs/limits.md).
pub const MAX_DAYS_ADDED: u32 = 10_000;

/// Why a number of working days cannot be added.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DaysError {
    /// More days than [`MAX_DAYS_ADDED`].
    #[error("{0} working days is more than the calendar adds (at most {MAX_DAYS_ADDED})")]
    TooMany(u64),
    /// The date would be past the last date the calendar knows.
    #[error(
        "no working day within reach: the date would be past the last one the calendar counts to"
    )]
    OutOfRange,
}

/// The days of the week, as `[calendar] weekend` names them: `mon` to
/// `sun` (or the full English name), Monday first.
const WEEKDAY_NAMES: [(&str, &str); 7] = [
    ("mon", "monday"),
    ("tue", "tuesday"),
    ("wed", "wednesday"),
    ("thu", "thursday"),
    ("fri", "friday"),
    ("sat", "saturday"),
    ("sun", "sunday"),
];

/// Working days: the week's working days (Monday to Friday unless
/// `[calendar] weekend` says otherwise), minus days off, plus weekend days
/// worked.
#[derive(Debug, Clone, Default)]
pub struct WorkingCalendar {
    country: Option<String>,
    /// The weekend, Monday first; `None` is Saturday and Sunday.
    weekend: Option<[bool; 7]>,
    days_off: BTreeMap<Date, CalendarDay>,
    working: BTreeMap<Date, CalendarDay>,
    years: Vec<CalendarYear>,
    index: DayIndex,
}

/// Working days counted from `start`, for arithmetic in O(log n) rather
/// than a walk through the days (a million due dates in a register).
#[derive(Debug, Clone, Default)]
struct DayIndex {
    start: Option<NaiveDate>,
    /// `cumulative[i]`: working days among the first `i + 1` days.
    cumulative: Vec<u32>,
}

const INDEX_FIRST_YEAR: i32 = 2000;
const INDEX_LAST_YEAR: i32 = 2045;

impl WorkingCalendar {
    /// Weekends only: no public holidays.
    pub fn weekends_only() -> Self {
        let mut cal = WorkingCalendar::default();
        cal.reindex();
        cal
    }

    fn reindex(&mut self) {
        let (Some(first), Some(last)) = (
            NaiveDate::from_ymd_opt(INDEX_FIRST_YEAR, 1, 1),
            NaiveDate::from_ymd_opt(INDEX_LAST_YEAR, 12, 31),
        ) else {
            return;
        };
        let days = usize::try_from((last - first).num_days()).unwrap_or(0) + 1;
        // The week's pattern, then the listed days over it: the same answer
        // as `is_working_day_slow` for each day, without two map lookups
        // and a weekday computation per day (this runs at every start).
        let monday_first = Date::from_naive(first).weekday().number() as usize - 1;
        let mut worked: Vec<bool> = (0..days)
            .map(|i| !self.is_weekend_index((monday_first + i) % 7))
            .collect();
        let at = |d: &Date| usize::try_from((d.naive() - first).num_days()).ok();
        for d in self.days_off.keys() {
            if let Some(w) = at(d).and_then(|i| worked.get_mut(i)) {
                *w = false;
            }
        }
        // A day listed as worked wins over one listed off, as in the slow path.
        for d in self.working.keys() {
            if let Some(w) = at(d).and_then(|i| worked.get_mut(i)) {
                *w = true;
            }
        }
        let mut n = 0u32;
        let cumulative = worked
            .into_iter()
            .map(|w| {
                n += u32::from(w);
                n
            })
            .collect();
        self.index = DayIndex {
            start: Some(first),
            cumulative,
        };
    }

    /// Whether the day of the week `i` (Monday is 0) is on the weekend.
    fn is_weekend_index(&self, i: usize) -> bool {
        match &self.weekend {
            None => i >= 5,
            Some(set) => set[i],
        }
    }

    fn position(&self, d: Date) -> Option<usize> {
        let start = self.index.start?;
        let i = usize::try_from((d.naive() - start).num_days()).ok()?;
        (i < self.index.cumulative.len()).then_some(i)
    }

    /// A built-in country calendar ([`BUILT_IN_COUNTRIES`]), if there is one.
    pub fn country(code: &str) -> Option<Self> {
        // Parsed and indexed once per process; each caller gets a copy.
        static BUILT: OnceLock<Vec<Option<WorkingCalendar>>> = OnceLock::new();
        let built = BUILT.get_or_init(|| {
            BUILT_IN_DATA
                .iter()
                .map(|data| {
                    // Every built-in file is tested to be read alike here.
                    let file = data.file()?;
                    let mut cal = WorkingCalendar {
                        country: Some(file.country),
                        weekend: None,
                        days_off: file.days_off.into_iter().map(|d| (d.date, d)).collect(),
                        working: file.working_days.into_iter().map(|d| (d.date, d)).collect(),
                        years: file.years,
                        index: DayIndex::default(),
                    };
                    cal.reindex();
                    Some(cal)
                })
                .collect()
        });
        let i = BUILT_IN_DATA
            .iter()
            .position(|d| d.code.eq_ignore_ascii_case(code))?;
        built.get(i)?.clone()
    }

    /// The working calendar of a loaded QMS (`[calendar]` of its qms.toml;
    /// weekends only when it names none), and the problems with `[calendar]`
    /// (an unknown country: weekends only too).
    pub fn of(qms: &Qms) -> (Self, Vec<Finding>) {
        let (cal, raw) = Self::for_config(qms.config.as_ref().map(|c| (&c.item, c.origin)));
        let findings = raw
            .into_iter()
            .map(|f| f.at_default_level(&qms.sources))
            .collect();
        (cal, findings)
    }

    /// The calendar `qms.toml` asks for; an unknown country is a finding and
    /// the calendar falls back to weekends only.
    pub(crate) fn for_config(config: Option<(&QmsConfig, Origin)>) -> (Self, Vec<RawFinding>) {
        let mut findings = Vec::new();
        let Some((cfg, origin)) = config else {
            return (Self::weekends_only(), findings);
        };
        let c = &cfg.calendar;
        let weekend = c.weekend.as_ref().map(|days| {
            let mut set = [false; 7];
            for day in days {
                let name = day.get().trim().to_lowercase();
                match WEEKDAY_NAMES
                    .iter()
                    .position(|(short, long)| name == *short || name == *long)
                {
                    Some(i) => set[i] = true,
                    None => findings.push(
                        RawFinding::new(
                            Code::LOAD002,
                            format!("`{}` is not a day of the week", day.get()),
                        )
                        .at(origin.at(day))
                        .help("name the weekend's days as mon, tue, wed, thu, fri, sat, sun"),
                    ),
                }
            }
            if set.iter().all(|w| *w) {
                findings.push(
                    RawFinding::new(
                        Code::LOAD002,
                        "`weekend` names every day of the week: no day would be worked",
                    )
                    .at(days.first().map_or_else(|| origin.file(), |d| origin.at(d)))
                    .help("list only the days off each week, e.g. weekend = [\"sat\", \"sun\"]"),
                );
                set = [false, false, false, false, false, true, true];
            }
            set
        });
        let mut cal = match &c.country {
            None => Self::weekends_only(),
            Some(code) => Self::country(code).unwrap_or_else(|| {
                findings.push(
                    RawFinding::new(Code::LOAD002, format!("no built-in calendar for country `{}`", code.get()))
                        .at(origin.at(code))
                        .help(format!("built-in: {}; omit `country` for weekends only and list holidays in extra_holidays", BUILT_IN_COUNTRIES.join(", "))),
                );
                Self::weekends_only()
            }),
        };
        if let Some(h) = c
            .working_hours
            .as_ref()
            .filter(|h| !CalendarConfig::WORKING_HOURS.contains(h.get()))
        {
            findings.push(
                RawFinding::new(
                    Code::LOAD002,
                    format!(
                        "`working_hours` is {}, expected the hours of a working day, 1 to 24",
                        h.get()
                    ),
                )
                .at(origin.at(h))
                .help("8 is used meanwhile"),
            );
        }
        cal.weekend = weekend;
        for d in &c.extra_holidays {
            cal.working.remove(d.get());
            cal.days_off.insert(
                *d.get(),
                CalendarDay {
                    date: *d.get(),
                    kind: Some(DayOffKind::Extra),
                    name_en: "Day off (qms.toml)".into(),
                    name_vi: "Ngày nghỉ (qms.toml)".into(),
                },
            );
        }
        for d in &c.extra_working_days {
            cal.days_off.remove(d.get());
            cal.working.insert(
                *d.get(),
                CalendarDay {
                    date: *d.get(),
                    kind: None,
                    name_en: "Working day (qms.toml)".into(),
                    name_vi: "Ngày làm việc (qms.toml)".into(),
                },
            );
        }
        cal.reindex();
        (cal, findings)
    }

    /// What to say when dossiers fall in `years` and the calendar has no
    /// data for some of them (DOS006, `qms stats`); `None` when it knows
    /// them all.
    pub fn outside_data_message(&self, years: &std::collections::BTreeSet<i32>) -> Option<String> {
        let unknown: Vec<String> = years
            .iter()
            .filter(|y| !self.knows_year(**y))
            .map(i32::to_string)
            .collect();
        if unknown.is_empty() {
            return None;
        }
        let country = self.country.as_deref().unwrap_or_default();
        let data = self
            .data_years()
            .map_or_else(String::new, |(a, b)| format!(" ({a}-{b})"));
        Some(format!(
            "dossiers in {} fall outside the {country} calendar's holiday data{data}: their working days count weekends only",
            unknown.join(", ")
        ))
    }

    /// The country code, if any.
    pub fn country_code(&self) -> Option<&str> {
        self.country.as_deref()
    }

    /// Whether a day is worked.
    pub fn is_working_day(&self, d: Date) -> bool {
        match self.position(d) {
            Some(0) => self.index.cumulative[0] == 1,
            Some(i) => self.index.cumulative[i] > self.index.cumulative[i - 1],
            None => self.is_working_day_slow(d),
        }
    }

    fn is_working_day_slow(&self, d: Date) -> bool {
        if self.working.contains_key(&d) {
            return true;
        }
        if self.days_off.contains_key(&d) {
            return false;
        }
        !self.is_weekend(d)
    }

    /// Whether a day is on the weekend (`[calendar] weekend`, by default
    /// Saturday and Sunday), worked or not.
    pub fn is_weekend(&self, d: Date) -> bool {
        match &self.weekend {
            None => d.weekday().is_weekend(),
            Some(set) => set[d.weekday().number() as usize - 1],
        }
    }

    /// The years the calendar's holiday data covers (first and last), for
    /// a country calendar; `None` for weekends only.
    pub fn data_years(&self) -> Option<(i32, i32)> {
        let first = self.years.iter().map(|y| y.year).min()?;
        let last = self.years.iter().map(|y| y.year).max()?;
        Some((first, last))
    }

    /// Whether the calendar knows the days off of `year`: a country
    /// calendar outside its data counts weekends (and `extra_holidays`)
    /// only, which a check says ([`WorkingCalendar::data_years`]). A
    /// calendar without a country knows every year.
    pub fn knows_year(&self, year: i32) -> bool {
        self.country.is_none() || self.year_note(year).is_some()
    }

    /// The day `n` working days after `start`, not counting `start` itself
    /// (the receipt day). With `n = 0`, `start` itself, or the next working
    /// day if `start` is not one. Past [`MAX_DAYS_ADDED`] days, or past the
    /// last representable date, the last representable date (a due date
    /// never reached, never one that wraps to an early day): use
    /// [`WorkingCalendar::checked_add_working_days`] for counts read from
    /// files.
    pub fn add_working_days(&self, start: Date, n: u32) -> Date {
        self.checked_add_working_days(start, u64::from(n))
            .unwrap_or_else(|_| Date::from_naive(NaiveDate::MAX))
    }

    /// [`WorkingCalendar::add_working_days`], or why it cannot be done:
    /// more than [`MAX_DAYS_ADDED`] days, or a date past the last
    /// representable one. Never walks more than a few tens of thousands of
    /// days.
    pub fn checked_add_working_days(&self, start: Date, n: u64) -> Result<Date, DaysError> {
        let n = u32::try_from(n)
            .ok()
            .filter(|n| *n <= MAX_DAYS_ADDED)
            .ok_or(DaysError::TooMany(n))?;
        self.add_bounded(start, n).ok_or(DaysError::OutOfRange)
    }

    /// Adds at most [`MAX_DAYS_ADDED`] working days; `None` past the last
    /// date. With a week of no working day, no day is ever reached: the
    /// walk stops after `n` weeks' worth of days.
    fn add_bounded(&self, start: Date, n: u32) -> Option<Date> {
        if let Some(i) = self.position(start) {
            let c = &self.index.cumulative;
            // The first day whose count reaches the target is a working day.
            if n == 0 && self.is_working_day(start) {
                return Some(start);
            }
            let target = c[i] + n.max(1);
            // Forward from the start: a due date is a few weeks away at most.
            let j = c[i..]
                .iter()
                .position(|&x| x >= target)
                .map_or(c.len(), |k| i + k);
            if let (Some(first), true) = (self.index.start, j < c.len()) {
                return Some(Date::from_naive(first + chrono::Days::new(j as u64)));
            }
        }
        // Outside the index: walk, but never further than the days a week
        // of one working day would need (plus the listed days off).
        let budget = (u64::from(n) + 1) * 7 + self.days_off.len() as u64 + 7;
        let mut d = start.naive();
        let mut left = n;
        let mut walked = 0u64;
        if left == 0 {
            while !self.is_working_day(Date::from_naive(d)) {
                d = d.succ_opt()?;
                walked += 1;
                if walked > budget {
                    return None;
                }
            }
            return Some(Date::from_naive(d));
        }
        while left > 0 {
            d = d.succ_opt()?;
            walked += 1;
            if walked > budget {
                return None;
            }
            if self.is_working_day(Date::from_naive(d)) {
                left -= 1;
            }
        }
        Some(Date::from_naive(d))
    }

    /// Working days after `from` up to and including `to` (0 when `to` is
    /// not after `from`); in O(1) within the calendar's index (2000 to
    /// 2045), by a walk outside it.
    pub fn working_days_between(&self, from: Date, to: Date) -> u32 {
        if let (Some(i), Some(j)) = (self.position(from), self.position(to)) {
            let c = &self.index.cumulative;
            return if j > i { c[j] - c[i] } else { 0 };
        }
        let mut n = 0;
        let mut d = from.naive();
        while let Some(next) = d.succ_opt() {
            if next > to.naive() {
                break;
            }
            d = next;
            if self.is_working_day(Date::from_naive(d)) {
                n += 1;
            }
        }
        n
    }

    /// The non-working days (holidays, observed, swapped, extra) of a year,
    /// including holidays that fall on a weekend, in date order.
    pub fn days_off_in(&self, year: i32) -> Vec<&CalendarDay> {
        self.days_off
            .values()
            .filter(|d| d.date.year() == year)
            .collect()
    }

    /// The weekend days worked in a year.
    pub fn working_weekend_days_in(&self, year: i32) -> Vec<&CalendarDay> {
        self.working
            .values()
            .filter(|d| d.date.year() == year)
            .collect()
    }

    /// What the data says about a year (`None` outside the data).
    pub fn year_note(&self, year: i32) -> Option<&CalendarYear> {
        self.years.iter().find(|y| y.year == year)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Date {
        Date::from_ymd(y, m, day).expect("date")
    }

    #[test]
    fn tet_2012_and_the_saturday_worked_in_exchange() {
        let vn = WorkingCalendar::country("VN").expect("VN");
        // received Friday 20/01/2012, 3 working days: 23-27 January are off
        assert_eq!(vn.add_working_days(d(2012, 1, 20), 3), d(2012, 2, 1));
        // Saturday 04/02/2012 was worked in exchange for 27/01
        assert_eq!(vn.add_working_days(d(2012, 2, 2), 2), d(2012, 2, 4));
        assert!(!vn.is_working_day(d(2012, 1, 27)));
        assert!(vn.is_working_day(d(2012, 2, 4)));
        // Hùng Kings 31/03/2012 was a Saturday: observed Monday 02/04
        assert!(!vn.is_working_day(d(2012, 4, 2)));
    }

    #[test]
    fn weekends_only_and_receipt_day_not_counted() {
        let w = WorkingCalendar::weekends_only();
        assert_eq!(w.add_working_days(d(2012, 1, 20), 1), d(2012, 1, 23));
        assert_eq!(w.add_working_days(d(2012, 1, 21), 0), d(2012, 1, 23));
        assert_eq!(w.working_days_between(d(2012, 1, 20), d(2012, 1, 27)), 5);
    }

    #[test]
    fn every_built_in_calendar_parses_and_is_listed() {
        assert_eq!(BUILT_IN_DATA.len(), BUILT_IN.len());
        for ((code, text), data) in BUILT_IN.iter().zip(BUILT_IN_DATA) {
            let file: CalendarFile = toml::from_str(text).expect("parses");
            assert_eq!(file.country, *code);
            assert_eq!(data.code, *code);
            // what build.rs read is the file as the format reads it
            let built = data.file().expect("every date and kind valid");
            assert_eq!(built.country, file.country);
            assert_eq!(built.days_off, file.days_off);
            assert_eq!(built.working_days, file.working_days);
            assert_eq!(format!("{:?}", built.years), format!("{:?}", file.years));
            assert!(WorkingCalendar::country(&code.to_lowercase()).is_some());
        }
    }

    #[test]
    fn every_year_2010_to_2030_is_in_the_data() {
        let vn = WorkingCalendar::country("VN").expect("VN");
        for y in 2010..=2030 {
            assert!(vn.year_note(y).is_some(), "{y}");
            assert!(vn.days_off_in(y).len() >= 9, "{y}");
        }
    }
}
