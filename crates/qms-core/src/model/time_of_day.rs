//! A time of day (`15:00`): a procedure's or the QMS's receipt cut-off, and
//! the time a dossier was received.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A time of day in minutes since midnight, written `HH:MM` (24-hour).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimeOfDay(u16);

/// Why a text is not a time of day.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a time of day; expected HH:MM such as 15:00")]
pub struct TimeOfDayError(pub String);

impl TimeOfDay {
    /// `hour:minute`, when both are in range (0-23, 0-59).
    pub fn new(hour: u16, minute: u16) -> Option<Self> {
        (hour < 24 && minute < 60).then_some(TimeOfDay(hour * 60 + minute))
    }

    /// Minutes since midnight.
    pub fn minutes(self) -> u16 {
        self.0
    }
}

impl FromStr for TimeOfDay {
    type Err = TimeOfDayError;

    /// Reads `15:00`, `9:05` or `15:40:00` (seconds ignored).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || TimeOfDayError(s.to_string());
        let mut parts = s.trim().split(':');
        let mut number = |max_len: usize| -> Option<u16> {
            let p = parts.next()?;
            (!p.is_empty() && p.len() <= max_len && p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.parse().ok())
                .flatten()
        };
        let (hour, minute) = (number(2).ok_or_else(err)?, number(2).ok_or_else(err)?);
        if let Some(seconds) = parts.next()
            && (seconds.len() != 2 || !seconds.bytes().all(|b| b.is_ascii_digit()))
        {
            return Err(err());
        }
        if parts.next().is_some() {
            return Err(err());
        }
        TimeOfDay::new(hour, minute).ok_or_else(err)
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.0 / 60, self.0 % 60)
    }
}

impl Serialize for TimeOfDay {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for TimeOfDay {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_of_day_read_and_print() {
        let t: TimeOfDay = "15:00".parse().expect("time");
        assert_eq!((t.minutes(), t.to_string()), (900, "15:00".into()));
        assert_eq!(
            "9:05".parse::<TimeOfDay>().map(|t| t.to_string()),
            Ok("09:05".into())
        );
        assert_eq!(
            "15:40:00".parse::<TimeOfDay>().map(|t| t.minutes()),
            Ok(940)
        );
        for bad in [
            "", "15", "24:00", "15:60", "3 pm", "15:00:1", "1:2:3:4", "015:00",
        ] {
            assert!(bad.parse::<TimeOfDay>().is_err(), "{bad}");
        }
    }
}
