//! Calendar dates as the QMS files write them.
//!
//! chrono's `NaiveDate` does not read a native TOML date, so [`Date`] wraps it
//! and accepts a TOML local date (`2012-03-15`) or the same text quoted, and
//! refuses a date-time: a QMS record is dated by the day. chrono stays
//! inside the crate: no public signature names a chrono type, so a chrono
//! upgrade is not a breaking change of qms-core.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// A calendar day (no time, no zone).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(NaiveDate);

/// 1970-01-01, only so that option structs can derive `Default`.
impl Default for Date {
    fn default() -> Self {
        Date(NaiveDate::default())
    }
}

impl Date {
    /// The date for a year, month and day, if it exists.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Self> {
        NaiveDate::from_ymd_opt(year, month, day).map(Date)
    }

    /// The underlying chrono date (crate-internal: chrono is not part of the
    /// public API).
    pub(crate) fn naive(self) -> NaiveDate {
        self.0
    }

    /// The date of a chrono date (crate-internal).
    pub(crate) fn from_naive(d: NaiveDate) -> Self {
        Date(d)
    }

    /// The day `days` days later (earlier when negative), clamped to the
    /// first and last dates representable.
    pub fn add_days(self, days: i64) -> Date {
        let d = if days >= 0 {
            self.0
                .checked_add_days(chrono::Days::new(days.unsigned_abs()))
        } else {
            self.0
                .checked_sub_days(chrono::Days::new(days.unsigned_abs()))
        };
        Date(d.unwrap_or(if days >= 0 {
            NaiveDate::MAX
        } else {
            NaiveDate::MIN
        }))
    }

    /// The day of the week.
    pub fn weekday(self) -> Weekday {
        match chrono::Datelike::weekday(&self.0) {
            chrono::Weekday::Mon => Weekday::Monday,
            chrono::Weekday::Tue => Weekday::Tuesday,
            chrono::Weekday::Wed => Weekday::Wednesday,
            chrono::Weekday::Thu => Weekday::Thursday,
            chrono::Weekday::Fri => Weekday::Friday,
            chrono::Weekday::Sat => Weekday::Saturday,
            chrono::Weekday::Sun => Weekday::Sunday,
        }
    }

    /// Whole days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(self, later: Date) -> i64 {
        (later.0 - self.0).num_days()
    }

    /// The same day `months` months earlier (clamped to the month's end).
    pub fn months_before(self, months: u32) -> Date {
        Date(
            self.0
                .checked_sub_months(chrono::Months::new(months))
                .unwrap_or(NaiveDate::MIN),
        )
    }

    /// The same day `months` months later (clamped to the month's end; the
    /// last representable date when it overflows): the anniversary of a
    /// periodic due date.
    pub fn months_after(self, months: u32) -> Date {
        Date(
            self.0
                .checked_add_months(chrono::Months::new(months))
                .unwrap_or(NaiveDate::MAX),
        )
    }

    /// The one rule for due dates that every time-dependent check follows:
    /// a thing due on `self` is on time on that day, and late from the day
    /// after. So `due.is_late_at(as_of)` is `as_of > due`.
    pub fn is_late_at(self, as_of: Date) -> bool {
        as_of > self
    }

    /// The due date of a periodic thing last done on `self` and due every
    /// `months` months: the anniversary, `months` months later (the last
    /// day of the month when that day does not exist: 29 February plus 12
    /// months is 28 February). A review held on 2012-06-25 every 12 months
    /// is due on 2013-06-25 and late from 2013-06-26.
    pub fn next_due(self, months: u32) -> Date {
        self.months_after(months)
    }

    /// Whether a periodic thing done on `self` (every `months` months)
    /// still counts at `as_of`: done by then and not yet late
    /// ([`Date::next_due`], [`Date::is_late_at`]).
    pub fn covers(self, months: u32, as_of: Date) -> bool {
        self <= as_of && !self.next_due(months).is_late_at(as_of)
    }

    /// The year.
    pub fn year(self) -> i32 {
        chrono::Datelike::year(&self.0)
    }

    /// The month, 1 to 12.
    pub fn month(self) -> u32 {
        chrono::Datelike::month(&self.0)
    }

    /// The day of the month, 1 to 31.
    pub fn day(self) -> u32 {
        chrono::Datelike::day(&self.0)
    }
}

/// A day of the week, Monday first (ISO 8601).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Weekday {
    /// Monday.
    Monday,
    /// Tuesday.
    Tuesday,
    /// Wednesday.
    Wednesday,
    /// Thursday.
    Thursday,
    /// Friday.
    Friday,
    /// Saturday.
    Saturday,
    /// Sunday.
    Sunday,
}

impl Weekday {
    /// The ISO 8601 number of the day: Monday 1 to Sunday 7.
    pub fn number(self) -> u32 {
        self as u32 + 1
    }

    /// Whether it is Saturday or Sunday.
    pub fn is_weekend(self) -> bool {
        matches!(self, Weekday::Saturday | Weekday::Sunday)
    }

    /// The English abbreviation: `Mon` to `Sun`.
    pub fn short_name(self) -> &'static str {
        match self {
            Weekday::Monday => "Mon",
            Weekday::Tuesday => "Tue",
            Weekday::Wednesday => "Wed",
            Weekday::Thursday => "Thu",
            Weekday::Friday => "Fri",
            Weekday::Saturday => "Sat",
            Weekday::Sunday => "Sun",
        }
    }
}

impl fmt::Display for Weekday {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.short_name())
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%d"))
    }
}

/// Why a text is not a date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("expected a date written YYYY-MM-DD, found `{0}`")]
pub struct DateParseError(pub String);

impl FromStr for Date {
    type Err = DateParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        // Exactly YYYY-MM-DD: chrono alone would accept `2012-3-5`.
        let ok_shape = t.len() == 10 && t.as_bytes()[4] == b'-' && t.as_bytes()[7] == b'-';
        match NaiveDate::parse_from_str(t, "%Y-%m-%d") {
            Ok(d) if ok_shape => Ok(Date(d)),
            _ => Err(DateParseError(s.to_string())),
        }
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

struct DateVisitor;

impl<'de> Visitor<'de> for DateVisitor {
    type Value = Date;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a date such as 2012-03-15")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Date, E> {
        v.parse().map_err(E::custom)
    }

    // toml hands its date-time values over as a one-entry map.
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Date, A::Error> {
        if map.next_key::<de::IgnoredAny>()?.is_none() {
            return Err(de::Error::custom("expected a date such as 2012-03-15"));
        }
        map.next_value_seed(TomlDatetime)
    }
}

/// The text of a toml date-time value, read as a date.
struct TomlDatetime;

impl<'de> DeserializeSeed<'de> for TomlDatetime {
    type Value = Date;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Date, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for TomlDatetime {
    type Value = Date;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a date such as 2012-03-15")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Date, E> {
        // Most dates are plain `YYYY-MM-DD`: read without toml's parser
        // (every front matter has several). Anything else, or a day that
        // does not exist, takes the full path and its messages.
        if let Some(d) = plain_date(text) {
            return Ok(d);
        }
        let dt: toml::value::Datetime = text.parse().map_err(E::custom)?;
        match (dt.date, dt.time, dt.offset) {
            (Some(d), None, None) => {
                Date::from_ymd(i32::from(d.year), d.month.into(), d.day.into())
                    .ok_or_else(|| E::custom(format!("`{text}` is not a calendar date")))
            }
            _ => Err(E::custom(format!(
                "expected a date without a time, found `{text}`"
            ))),
        }
    }
}

/// `YYYY-MM-DD` with ASCII digits, when it names a real day.
fn plain_date(text: &str) -> Option<Date> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let number = |r: std::ops::Range<usize>| {
        b[r].iter().try_fold(0u32, |n, c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let year = i32::try_from(number(0..4)?).ok()?;
    Date::from_ymd(year, number(5..7)?, number(8..10)?)
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(DateVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct T {
        d: Date,
    }

    #[test]
    fn reads_native_and_quoted_dates() {
        let t: T = toml::from_str("d = 2012-03-15").expect("native");
        assert_eq!(t.d.to_string(), "2012-03-15");
        let t: T = toml::from_str("d = \"2012-03-15\"").expect("quoted");
        assert_eq!(t.d, Date::from_ymd(2012, 3, 15).expect("valid"));
    }

    #[test]
    fn refuses_date_times_and_bad_text() {
        let e = toml::from_str::<T>("d = 2012-03-15T10:00:00")
            .err()
            .expect("refused");
        assert!(e.message().contains("without a time"), "{}", e.message());
        assert!(toml::from_str::<T>("d = \"2012-3-5\"").is_err());
        assert!(toml::from_str::<T>("d = 5").is_err());
    }

    #[test]
    fn due_on_the_anniversary_late_the_day_after() {
        let d = |y, m, day| Date::from_ymd(y, m, day).expect("valid");
        let review = d(2012, 6, 25);
        assert_eq!(review.next_due(12), d(2013, 6, 25));
        assert!(review.covers(12, d(2013, 6, 25)));
        assert!(!review.covers(12, d(2013, 6, 26)));
        assert!(!review.covers(12, d(2012, 6, 24)), "not yet done");
        // 29 February: due on 28 February the next year
        assert_eq!(d(2012, 2, 29).next_due(12), d(2013, 2, 28));
        assert!(d(2012, 2, 29).covers(12, d(2013, 2, 28)));
        assert!(!d(2012, 2, 29).covers(12, d(2013, 3, 1)));
        // 31 January plus one month: the month's last day
        assert_eq!(d(2012, 1, 31).next_due(1), d(2012, 2, 29));
        assert!(!d(2012, 1, 31).next_due(1).is_late_at(d(2012, 2, 29)));
        assert!(d(2012, 1, 31).next_due(1).is_late_at(d(2012, 3, 1)));
        // never wraps
        assert_eq!(d(2012, 1, 1).next_due(u32::MAX), Date(NaiveDate::MAX));
    }

    #[test]
    fn days_and_weekdays() {
        let d = Date::from_ymd(2012, 2, 28).expect("valid");
        assert_eq!(d.add_days(2), Date::from_ymd(2012, 3, 1).expect("valid"));
        assert_eq!(d.add_days(-28), Date::from_ymd(2012, 1, 31).expect("valid"));
        assert_eq!(d.weekday(), Weekday::Tuesday);
        assert_eq!(d.add_days(4).weekday().short_name(), "Sat");
        assert!(d.add_days(5).weekday().is_weekend());
        assert_eq!(Weekday::Sunday.number(), 7);
    }
}
