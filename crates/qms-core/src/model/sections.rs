//! qms.toml `[documents] sections`, as written: a built-in set's name or a
//! list of headings, each a heading or a list of synonyms.
//!
//! Reading never fails on the shape of the value: something that is not a
//! heading (a number, a table, a list in a list of synonyms) is kept as
//! [`SectionEntry::NotAHeading`] or [`SectionsSetting::NotASetting`], so
//! that the rest of qms.toml still loads and the problem is one located
//! finding (`crate::profile::sections` checks the setting).

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::base::span::Spanned;

/// `[documents] sections`: a built-in set by name, or a list.
///
/// ```toml
/// sections = "vn-admin"
/// sections = ["Purpose", "Scope", ["Responsibilities", "Authorities"]]
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum SectionsSetting {
    /// A built-in set: `vn-admin` or `en-basic`.
    Set(String),
    /// The house's own list, one entry per required section.
    List(Vec<Spanned<SectionEntry>>),
    /// Neither a name nor a list: what was written instead (`an integer`).
    NotASetting(String),
}

/// One required section: a heading, or the headings accepted for it.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum SectionEntry {
    /// One heading: `"Purpose"`.
    Heading(String),
    /// Synonyms, any of which will do: `["Procedure", "Method"]`; the first
    /// is the name shown in findings.
    Synonyms(Vec<String>),
    /// Not a heading nor a list of headings: what was written instead.
    NotAHeading(String),
}

impl SectionEntry {
    /// The accepted headings, the name shown first (none for an entry that
    /// is not a heading).
    pub fn headings(&self) -> &[String] {
        match self {
            SectionEntry::Heading(h) => std::slice::from_ref(h),
            SectionEntry::Synonyms(v) => v,
            SectionEntry::NotAHeading(_) => &[],
        }
    }
}

/// Any TOML value: the text of a string, or what was written instead. Read
/// for a list's elements, so that a bad element does not stop the list.
struct Text(Result<String, String>);

macro_rules! describe_other_values {
    ($make:expr) => {
        fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
            Ok($make(format!("a boolean ({v})")))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok($make(format!("an integer ({v})")))
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok($make(format!("an integer ({v})")))
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
            Ok($make(format!("a number ({v})")))
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            Ok($make("a table or a date".to_string()))
        }
    };
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a heading")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text(Ok(v.to_string())))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Text, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Text(Err("a list".to_string())))
            }
            describe_other_values!(|s| Text(Err(s)));
        }
        d.deserialize_any(V)
    }
}

impl<'de> Deserialize<'de> for SectionEntry {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = SectionEntry;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a heading or a list of synonyms")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<SectionEntry, E> {
                Ok(SectionEntry::Heading(v.to_string()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<SectionEntry, A::Error> {
                let mut headings = Vec::new();
                let mut bad = None;
                while let Some(Text(t)) = seq.next_element::<Text>()? {
                    match t {
                        Ok(h) => headings.push(h),
                        Err(found) => bad = bad.or(Some(found)),
                    }
                }
                Ok(match bad {
                    Some(found) => {
                        SectionEntry::NotAHeading(format!("a list of synonyms holding {found}"))
                    }
                    None => SectionEntry::Synonyms(headings),
                })
            }
            describe_other_values!(|s: String| SectionEntry::NotAHeading(s));
        }
        d.deserialize_any(V)
    }
}

impl<'de> Deserialize<'de> for SectionsSetting {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = SectionsSetting;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("the name of a built-in set or a list of headings")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<SectionsSetting, E> {
                Ok(SectionsSetting::Set(v.to_string()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<SectionsSetting, A::Error> {
                let mut entries = Vec::new();
                while let Some(e) = seq.next_element()? {
                    entries.push(e);
                }
                Ok(SectionsSetting::List(entries))
            }
            describe_other_values!(|s: String| SectionsSetting::NotASetting(s));
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Doc {
        sections: Spanned<SectionsSetting>,
    }

    fn read(toml_text: &str) -> SectionsSetting {
        toml::from_str::<Doc>(toml_text)
            .expect("any value reads")
            .sections
            .into_inner()
    }

    #[test]
    fn a_name_or_a_list_of_headings_and_synonyms() {
        assert!(
            matches!(read("sections = \"vn-admin\""), SectionsSetting::Set(n) if n == "vn-admin")
        );
        let SectionsSetting::List(l) =
            read("sections = [\"Purpose\", [\"Procedure\", \"Method\"]]")
        else {
            panic!("a list")
        };
        assert_eq!(l[0].headings(), ["Purpose"]);
        assert_eq!(l[1].headings(), ["Procedure", "Method"]);
        // each entry keeps its position, for a finding
        assert_eq!(l[1].span(), 23..46);
    }

    #[test]
    fn other_values_are_kept_as_what_they_are() {
        assert!(
            matches!(read("sections = 3"), SectionsSetting::NotASetting(f) if f == "an integer (3)")
        );
        let SectionsSetting::List(l) =
            read("sections = [\"Purpose\", 3, [\"Scope\", [\"x\"]], { a = 1 }, 2012-01-01]")
        else {
            panic!("a list")
        };
        let found: Vec<String> = l
            .iter()
            .map(|e| match e.get() {
                SectionEntry::NotAHeading(f) => f.clone(),
                other => other.headings().join("|"),
            })
            .collect();
        assert_eq!(
            found,
            [
                "Purpose",
                "an integer (3)",
                "a list of synonyms holding a list",
                "a table or a date",
                "a table or a date",
            ]
        );
    }
}
