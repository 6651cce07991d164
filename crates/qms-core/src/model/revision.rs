//! Revisions as organisations write them: an issue number (`revision = 2`),
//! capital letters (`"C"`, common in engineering), digits (`"02"`) or a
//! dotted version (`"1.2"`).
//!
//! A [`Revision`] keeps what was written: it prints and serialises as
//! written (an integer stays an integer, `"02"` keeps its zero). It orders
//! within its scheme: letters as A < B < ... < Z < AA < AB, numbers
//! numerically, dotted versions part by part (`"1.2"` < `"1.10"`, and a
//! plain number is a version of one part, so 1 < 1.1 < 2). Letters and
//! numbers do not compare: [`Revision::partial_cmp`] gives `None`, and a
//! rule reports the mix.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// A document's revision, as written in its front matter or history.
#[derive(Debug, Clone)]
pub struct Revision(Written);

#[derive(Debug, Clone)]
enum Written {
    /// A TOML integer: `revision = 2`.
    Integer(u64),
    /// A TOML string, already checked to be letters, digits or a dotted
    /// version.
    Text(String),
}

/// How a revision is counted: the schemes that can be ordered against each
/// other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum RevisionScheme {
    /// Capital letters: A, B, ..., Z, AA, AB.
    Letters,
    /// Numbers and dotted versions: 1, 2, "02", "1.2".
    Numbers,
}

impl RevisionScheme {
    /// The scheme's name in a message: `letters`, `numbers`.
    pub fn as_str(self) -> &'static str {
        match self {
            RevisionScheme::Letters => "letters",
            RevisionScheme::Numbers => "numbers",
        }
    }
}

impl fmt::Display for RevisionScheme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a text is not a revision.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{0}` is not a revision: write a whole number (2), capital letters (\"C\"), digits (\"02\") or a dotted version (\"1.2\")"
)]
pub struct RevisionError(pub String);

/// What a revision orders by.
enum Key<'a> {
    Letters(&'a str),
    Numbers(Vec<u64>),
}

impl Revision {
    /// The revision written as the integer `n`.
    pub fn number(n: u64) -> Revision {
        Revision(Written::Integer(n))
    }

    /// Its scheme: letters, or numbers (dotted versions included).
    pub fn scheme(&self) -> RevisionScheme {
        match self.key() {
            Key::Letters(_) => RevisionScheme::Letters,
            Key::Numbers(_) => RevisionScheme::Numbers,
        }
    }

    /// Whether it is a first issue, which needs no revision history: 1 or
    /// less (`0`, `1`, `"01"`, `"1.0"`, `"0.9"`), or `"A"`.
    pub fn is_first(&self) -> bool {
        match self.key() {
            Key::Letters(l) => l == "A",
            Key::Numbers(parts) => compare_parts(&parts, &[1]) != Ordering::Greater,
        }
    }

    fn key(&self) -> Key<'_> {
        match &self.0 {
            Written::Integer(n) => Key::Numbers(vec![*n]),
            Written::Text(t) if t.starts_with(|c: char| c.is_ascii_uppercase()) => Key::Letters(t),
            // Checked when read: digits and dots, each part a number.
            Written::Text(t) => Key::Numbers(t.split('.').filter_map(|p| p.parse().ok()).collect()),
        }
    }
}

/// Part by part, a missing part counting as 0 (`2` is `2.0`).
fn compare_parts(a: &[u64], b: &[u64]) -> Ordering {
    let len = a.len().max(b.len());
    (0..len)
        .map(|i| {
            let x = a.get(i).copied().unwrap_or(0);
            let y = b.get(i).copied().unwrap_or(0);
            x.cmp(&y)
        })
        .find(|o| *o != Ordering::Equal)
        .unwrap_or(Ordering::Equal)
}

impl FromStr for Revision {
    type Err = RevisionError;

    /// Reads a revision written as text: capital letters (`C`, `AB`), digits
    /// (`02`) or a dotted version (`1.2`, `2.0.1`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || RevisionError(s.to_string());
        let letters = !s.is_empty() && s.chars().all(|c| c.is_ascii_uppercase());
        let numbers = !s.is_empty()
            && s.split('.').all(|p| {
                !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()) && p.parse::<u64>().is_ok()
            });
        if letters || numbers {
            Ok(Revision(Written::Text(s.to_string())))
        } else {
            Err(bad())
        }
    }
}

impl From<u32> for Revision {
    fn from(n: u32) -> Self {
        Revision::number(u64::from(n))
    }
}

/// Within one scheme; `None` between letters and numbers.
impl PartialOrd for Revision {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        match (self.key(), other.key()) {
            (Key::Letters(a), Key::Letters(b)) => Some(a.len().cmp(&b.len()).then(a.cmp(b))),
            (Key::Numbers(a), Key::Numbers(b)) => Some(compare_parts(&a, &b)),
            _ => None,
        }
    }
}

/// The same revision in one scheme: `2`, `"02"` and `"2.0"` are equal.
impl PartialEq for Revision {
    fn eq(&self, other: &Self) -> bool {
        self.partial_cmp(other) == Some(Ordering::Equal)
    }
}

impl Eq for Revision {}

/// As written: `2`, `C`, `02`, `1.2`.
impl fmt::Display for Revision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Written::Integer(n) => write!(f, "{n}"),
            Written::Text(t) => f.write_str(t),
        }
    }
}

/// As written: an integer stays an integer, a string a string.
impl Serialize for Revision {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match &self.0 {
            Written::Integer(n) => s.serialize_u64(*n),
            Written::Text(t) => s.serialize_str(t),
        }
    }
}

impl<'de> Deserialize<'de> for Revision {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct RevisionVisitor;
        impl Visitor<'_> for RevisionVisitor {
            type Value = Revision;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(
                    "a revision: a whole number (2), capital letters (\"C\"), digits (\"02\") or a dotted version (\"1.2\")",
                )
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Revision, E> {
                Ok(Revision::number(v))
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Revision, E> {
                u64::try_from(v)
                    .map(Revision::number)
                    .map_err(|_| E::custom(format!("a revision is not negative: {v}")))
            }

            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Revision, E> {
                Err(E::custom(format!(
                    "write a dotted version as a string: revision = \"{v}\" (as a number, 1.10 would read as 1.1)"
                )))
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Revision, E> {
                v.parse().map_err(E::custom)
            }
        }
        d.deserialize_any(RevisionVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(s: &str) -> Revision {
        s.parse().unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn letters_order_by_length_then_alphabet() {
        assert!(r("A") < r("B"));
        assert!(r("B") < r("Z"));
        assert!(r("Z") < r("AA"));
        assert!(r("AA") < r("AB"));
        assert!(r("AZ") < r("BA"));
        assert_eq!(r("C"), r("C"));
        assert!(r("A").is_first() && !r("B").is_first());
    }

    #[test]
    fn numbers_order_numerically_and_versions_part_by_part() {
        assert!(r("02") < r("10"));
        assert!(r("9") < r("10"));
        assert!(r("1.2") < r("1.10"));
        assert!(r("1.9") < r("2"));
        assert!(Revision::number(1) < r("1.1"));
        assert!(r("1.1") < Revision::number(2));
        assert_eq!(Revision::number(2), r("02"));
        assert_eq!(r("2"), r("2.0"));
        assert!(Revision::number(1).is_first() && r("01").is_first() && r("1.0").is_first());
        assert!(!r("1.1").is_first() && !Revision::number(2).is_first());
    }

    #[test]
    fn letters_and_numbers_do_not_compare() {
        assert_eq!(r("C").partial_cmp(&Revision::number(2)), None);
        assert_eq!(r("1.2").partial_cmp(&r("B")), None);
        assert_ne!(r("A"), r("1"));
        assert_eq!(r("C").scheme(), RevisionScheme::Letters);
        assert_eq!(r("1.2").scheme(), RevisionScheme::Numbers);
    }

    #[test]
    fn other_texts_are_refused() {
        for bad in [
            "", "hai", "c", "Rev C", "1.", ".1", "1..2", "A1", "1.B", "-1",
        ] {
            assert!(bad.parse::<Revision>().is_err(), "{bad}");
        }
    }

    #[test]
    fn reads_and_prints_as_written() {
        #[derive(Deserialize, Serialize)]
        struct F {
            a: Revision,
            b: Revision,
        }
        let f: F = toml::from_str("a = 2\nb = \"02\"\n").expect("parses");
        assert_eq!(
            (f.a.to_string(), f.b.to_string()),
            ("2".into(), "02".into())
        );
        assert_eq!(
            serde_json::to_string(&f).expect("serialises"),
            r#"{"a":2,"b":"02"}"#
        );
        assert!(toml::from_str::<F>("a = -1\nb = \"C\"\n").is_err());
        assert!(toml::from_str::<F>("a = 1.5\nb = \"C\"\n").is_err());
    }
}
