//! The dates of a register: text in its `date_format`, or what a workbook
//! stored (a date cell, or a number of days of Excel's 1900 calendar).

use crate::base::date::Date;
use crate::registers::cells::{Cell, Value};

/// Why a register's `date_format` cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`date_format` `{format}` {reason}")]
#[non_exhaustive]
pub struct DateFormatError {
    /// The format as written.
    pub format: String,
    /// Why: not a chrono format, a time or zone field, or no whole date.
    pub reason: String,
}

/// Reads the dates of a register in its `date_format` (text), or as a
/// workbook stored them (a date cell, or a number: the days of Excel's
/// 1900 calendar).
#[derive(Debug, Clone)]
pub struct DateReader {
    format: String,
    items: Vec<chrono::format::Item<'static>>,
    /// The format, when it is one read without chrono's parser.
    fast: Fast,
}

/// The two formats registers use, read without the general parser (three
/// dates a row, a million rows).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fast {
    /// `%Y-%m-%d`
    Iso,
    /// `%d/%m/%Y`
    DayMonthYear,
    /// Any other: chrono reads it.
    No,
}

impl DateReader {
    /// Dates written in `format` (a chrono format; ISO `%Y-%m-%d` when
    /// `None`). `Err` when chrono cannot read it, when it holds a field a
    /// day does not have (`%H`, `%Z`, `%s`, `%c`, `%.3f`...: writing a date
    /// with it fails), or when it does not read back a whole date (`%Y`).
    pub fn new(format: Option<&str>) -> Result<Self, DateFormatError> {
        let format = format.unwrap_or("%Y-%m-%d");
        let error = |reason: &str| DateFormatError {
            format: format.to_string(),
            reason: reason.to_string(),
        };
        let items = chrono::format::StrftimeItems::new(format)
            .parse_to_owned()
            .map_err(|_| error("is not a chrono date format"))?;
        let reader = DateReader {
            format: format.to_string(),
            items,
            fast: match format {
                "%Y-%m-%d" => Fast::Iso,
                "%d/%m/%Y" => Fast::DayMonthYear,
                _ => Fast::No,
            },
        };
        let example = reader.write(SAMPLE).ok_or_else(|| {
            error("holds a time, zone or timestamp field (such as %H, %Z, %s or %c) that a day does not have")
        })?;
        if reader.text(example.as_bytes()).map(Date::naive) != Some(SAMPLE) {
            return Err(error(&format!(
                "does not read back a whole date: 15 March 2012 written `{example}` reads as no date or another"
            )));
        }
        Ok(reader)
    }

    /// `date` written in the format; `None` when the format has a field a
    /// day does not have (chrono then fails, and `to_string` would panic).
    fn write(&self, date: chrono::NaiveDate) -> Option<String> {
        use std::fmt::Write;
        let mut out = String::new();
        write!(out, "{}", date.format_with_items(self.items.iter())).ok()?;
        Some(out)
    }

    /// The format dates are written in.
    pub fn format(&self) -> &str {
        &self.format
    }

    /// 15 March 2012 written in the format, for messages.
    pub fn example(&self) -> String {
        self.write(SAMPLE).unwrap_or_else(|| "2012-03-15".into())
    }

    /// The date of a cell; `None` when it holds no date.
    #[inline]
    pub fn cell(&self, cell: &Cell<'_>) -> Option<Date> {
        match cell.value {
            Value::Date(d) => Some(d),
            Value::Number(n) => excel_serial(n),
            _ => self.text(cell.text),
        }
    }

    /// A date written as text in the format.
    pub fn text(&self, b: &[u8]) -> Option<Date> {
        // Two digits at `i`; the caller has checked the length.
        let two = |i: usize| {
            let (x, y) = (b[i].wrapping_sub(b'0'), b[i + 1].wrapping_sub(b'0'));
            (x < 10 && y < 10).then_some(u32::from(x) * 10 + u32::from(y))
        };
        let ymd = match (self.fast, b.len()) {
            (Fast::Iso, 10) if b[4] == b'-' && b[7] == b'-' => {
                Some((two(0)? * 100 + two(2)?, two(5)?, two(8)?))
            }
            (Fast::DayMonthYear, 10) if b[2] == b'/' && b[5] == b'/' => {
                Some((two(6)? * 100 + two(8)?, two(3)?, two(0)?))
            }
            _ => None,
        };
        if let Some((y, m, d)) = ymd {
            return Date::from_ymd(i32::try_from(y).ok()?, m, d);
        }
        let mut parsed = chrono::format::Parsed::new();
        let s = std::str::from_utf8(b).ok()?;
        chrono::format::parse(&mut parsed, s, self.items.iter()).ok()?;
        parsed.to_naive_date().ok().map(Date::from_naive)
    }
}

/// The date examples are written with: 15 March 2012 (day and month tell
/// apart).
const SAMPLE: chrono::NaiveDate = match chrono::NaiveDate::from_ymd_opt(2012, 3, 15) {
    Some(d) => d,
    None => chrono::NaiveDate::MIN,
};

/// A day number of Excel's 1900 date system (1 is 1900-01-01; a fraction
/// is the time of day), from 1 to 2958465 (9999-12-31).
fn excel_serial(n: f64) -> Option<Date> {
    if !(1.0..2_958_466.0).contains(&n) {
        return None;
    }
    let d = calamine::ExcelDateTime::new(n, calamine::ExcelDateTimeType::DateTime, false);
    let (y, m, day, ..) = d.to_ymd_hms_milli();
    Date::from_ymd(i32::from(y), u32::from(m), u32::from(day))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_every_form() {
        let r = DateReader::new(Some("%d/%m/%Y")).expect("format");
        assert_eq!(r.example(), "15/03/2012");
        let text = Cell {
            text: b"14/02/2024",
            value: Value::Text,
        };
        assert_eq!(
            r.cell(&text).map(|d| d.to_string()),
            Some("2024-02-14".into())
        );
        let serial = Cell {
            text: b"45336",
            value: Value::Number(45336.0),
        };
        assert_eq!(
            r.cell(&serial).map(|d| d.to_string()),
            Some("2024-02-14".into())
        );
        assert!(DateReader::new(Some("%Q")).is_err());
        // fields a day does not have are refused, never a panic
        for f in [
            "%H",
            "%Z",
            "%s",
            "%c",
            "%T",
            "%p",
            "%z",
            "%+",
            "%.3f",
            "%Y-%m-%d %H:%M",
        ] {
            let e = DateReader::new(Some(f)).expect_err(f);
            assert!(e.to_string().contains("a day does not have"), "{f}: {e}");
        }
        let e = DateReader::new(Some("%Y")).expect_err("no whole date");
        assert_eq!(
            e.to_string(),
            "`date_format` `%Y` does not read back a whole date: 15 March 2012 written `2012` reads as no date or another"
        );
        assert_eq!(r.text(b"2024-02-14"), None);
    }
}
