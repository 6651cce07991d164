//! Standard profiles: what a standard requires, as data.
//!
//! A profile lists the clauses (ids and titles in English and Vietnamese), the
//! mandatory documented information, the clauses that may be declared not
//! applicable, and the cadences. Two are built in (`iso9001:2015`, the
//! default, and `iso9001:2008`), compiled from
//! `crates/qms-core/profiles/*.toml`; `scope.profile` may instead name a
//! profile file of the user's, read with the same format. A standard
//! prescribes no sections of a procedure: those are the house's rule
//! ([`sections`]).

pub mod sections;

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::base::code::Code;
use crate::base::finding::RawFinding;
use crate::base::span::Location;
use crate::base::text::FileId;

/// The default profile id.
pub const DEFAULT_PROFILE: &str = "iso9001:2015";

/// The built-in profiles: id and TOML text.
pub const BUILT_IN: &[(&str, &str)] = &[
    (
        "iso9001:2015",
        include_str!("../profiles/iso9001-2015.toml"),
    ),
    (
        "iso9001:2008",
        include_str!("../profiles/iso9001-2008.toml"),
    ),
];

/// A standard profile.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// Its id, e.g. `iso9001:2015`.
    pub id: String,
    /// Full title in English.
    pub title_en: String,
    /// Full title in Vietnamese.
    pub title_vi: String,
    /// Clause ids under which a clause may be declared not applicable: an id
    /// equal to one of these, or a subclause of one, is allowed. An id ending
    /// in a letter (`8.5.1.f`) is a lettered item of its clause ([`split_item`]).
    #[serde(default)]
    pub not_applicable_allowed: Vec<String>,
    /// Why exactly these clauses may be declared not applicable, in a line
    /// (the standard's rule, e.g. ISO 9001:2015 4.3); shown with `CLS003`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_applicable_reason: Option<String>,
    /// Default cadences.
    pub cadence: Cadence,
    /// Every clause.
    #[serde(rename = "clause")]
    pub clauses: Vec<Clause>,
    /// Mandatory documented information.
    #[serde(default, rename = "requirement")]
    pub requirements: Vec<Requirement>,
    /// How clauses of another edition count under this one.
    #[serde(default, rename = "correspondence")]
    pub correspondences: Vec<Correspondence>,
}

/// Default cadences of a profile.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Cadence {
    /// Every current procedure audited within this many months.
    pub internal_audit_months: u32,
    /// A management review at least this often.
    pub management_review_months: u32,
}

pub use sections::Section;

/// One clause of a standard.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Clause {
    /// Clause number, e.g. `7.5.3`.
    pub id: String,
    /// Short official title in English.
    pub en: String,
    /// Title in Vietnamese.
    pub vi: String,
}

/// What form a mandatory item takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum RequirementKind {
    /// Documented information to maintain: a document.
    Maintain,
    /// Documented information to retain: a record.
    Retain,
    /// A documented procedure (ISO 9001:2008).
    Procedure,
    /// The quality manual (ISO 9001:2008).
    Manual,
}

/// One item of mandatory documented information.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Requirement {
    /// Stable id, e.g. `5.2-quality-policy`.
    pub id: String,
    /// The clause that carries it.
    pub clause: String,
    /// Document, record, procedure or manual.
    pub kind: RequirementKind,
    /// What must exist, in our words (English).
    pub en: String,
    /// The same in Vietnamese.
    pub vi: String,
    /// Whether it applies only when its clause applies.
    #[serde(default)]
    pub conditional: bool,
}

/// How a clause of another edition counts under this profile.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Correspondence {
    /// The other profile's id.
    pub from: String,
    /// The clause id in the other profile.
    pub clause: String,
    /// The clause ids of this profile it counts for.
    pub to: Vec<String>,
}

impl Profile {
    /// A built-in profile by id.
    pub fn built_in(id: &str) -> Option<Profile> {
        Self::built_in_ref(id).cloned()
    }

    /// A built-in profile by id, parsed once per process (only the one
    /// asked for: a check uses one) and shared.
    pub(crate) fn built_in_ref(id: &str) -> Option<&'static Profile> {
        static PARSED: [OnceLock<Option<Profile>>; BUILT_IN.len()] =
            [const { OnceLock::new() }; BUILT_IN.len()];
        let i = BUILT_IN.iter().position(|(i, _)| *i == id)?;
        let (_, text) = BUILT_IN.get(i)?;
        // The built-in files are tested to parse.
        PARSED
            .get(i)?
            .get_or_init(|| toml::from_str(text).ok())
            .as_ref()
    }

    /// Whether `id` names a built-in profile (without parsing it).
    pub(crate) fn is_built_in(id: &str) -> bool {
        BUILT_IN.iter().any(|(i, _)| *i == id)
    }

    /// The clause with this id.
    pub fn clause(&self, id: &str) -> Option<&Clause> {
        self.clauses.iter().find(|c| c.id == id)
    }
}

/// Whether `id` is `ancestor` or one of its subclauses (`7.5.3` within `7.5`).
pub fn is_within(id: &str, ancestor: &str) -> bool {
    id == ancestor
        || (id.len() > ancestor.len()
            && id.starts_with(ancestor)
            && id.as_bytes()[ancestor.len()] == b'.')
}

/// Splits a lettered item off a clause id: `8.5.1.f`, item f) of 8.5.1, gives
/// `("8.5.1", Some("f"))`; a clause id without one gives itself and `None`.
/// An item is a last part of one lower-case ASCII letter after a clause id.
///
/// ```
/// use qms_core::profile::split_item;
/// assert_eq!(split_item("8.5.1.f"), ("8.5.1", Some("f")));
/// assert_eq!(split_item("8.5.1"), ("8.5.1", None));
/// assert_eq!(split_item("f"), ("f", None));
/// ```
pub fn split_item(id: &str) -> (&str, Option<&str>) {
    match id.rsplit_once('.') {
        Some((clause, item))
            if !clause.is_empty()
                && item.len() == 1
                && item.bytes().all(|b| b.is_ascii_lowercase()) =>
        {
            (clause, Some(item))
        }
        _ => (id, None),
    }
}

/// Checks a user's profile for internal consistency: unique clause and
/// requirement ids; requirements, correspondences and the clauses allowed to
/// be declared not applicable naming clauses of the profile; subclauses whose
/// parent exists. Each problem is a `CLS006` finding pointing at the first
/// place the offending value is written.
pub(crate) fn validate(profile: &Profile, text: &str, file: FileId) -> Vec<RawFinding> {
    let mut out = Vec::new();
    let locate = |needle: &str| {
        let quoted = format!("\"{needle}\"");
        match text.find(&quoted) {
            Some(i) => Location::span(file, i..i + quoted.len()),
            None => Location::file(file),
        }
    };
    let mut seen = std::collections::BTreeSet::new();
    for c in &profile.clauses {
        if !seen.insert(c.id.as_str()) {
            out.push(
                RawFinding::new(Code::CLS006, format!("clause `{}` is listed twice", c.id))
                    .at(locate(&c.id)),
            );
        }
        if let Some((parent, _)) = c.id.rsplit_once('.')
            && profile.clause(parent).is_none()
        {
            out.push(
                RawFinding::new(
                    Code::CLS006,
                    format!("clause `{}` has no parent clause `{parent}`", c.id),
                )
                .at(locate(&c.id)),
            );
        }
    }
    let mut req_ids = std::collections::BTreeSet::new();
    for r in &profile.requirements {
        if !req_ids.insert(r.id.as_str()) {
            out.push(
                RawFinding::new(
                    Code::CLS006,
                    format!("requirement `{}` is listed twice", r.id),
                )
                .at(locate(&r.id)),
            );
        }
        if profile.clause(&r.clause).is_none() {
            out.push(
                RawFinding::new(
                    Code::CLS006,
                    format!(
                        "requirement `{}` names clause `{}`, which the profile does not list",
                        r.id, r.clause
                    ),
                )
                .at(locate(&r.clause))
                .help("add the clause as a [[clause]], or correct the requirement's clause"),
            );
        }
    }
    for a in &profile.not_applicable_allowed {
        if profile.clause(split_item(a).0).is_none() {
            out.push(
                RawFinding::new(
                    Code::CLS006,
                    format!(
                        "not_applicable_allowed names clause `{a}`, which the profile does not list"
                    ),
                )
                .at(locate(a)),
            );
        }
    }
    for c in &profile.correspondences {
        for to in c.to.iter().filter(|to| profile.clause(to).is_none()) {
            out.push(
                RawFinding::new(Code::CLS006, format!("correspondence of `{}` names clause `{to}`, which the profile does not list", c.clause))
                    .at(locate(to)),
            );
        }
    }
    out
}

pub(crate) fn empty_profile() -> Profile {
    Profile {
        id: DEFAULT_PROFILE.into(),
        title_en: String::new(),
        title_vi: String::new(),
        not_applicable_allowed: Vec::new(),
        not_applicable_reason: None,
        cadence: Cadence {
            internal_audit_months: 12,
            management_review_months: 12,
        },
        clauses: Vec::new(),
        requirements: Vec::new(),
        correspondences: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_profiles_parse() {
        for (id, text) in BUILT_IN {
            let p: Profile = toml::from_str(text).unwrap_or_else(|e| panic!("{id}: {e}"));
            assert_eq!(&p.id, id);
        }
    }

    #[test]
    fn built_in_profiles_are_consistent() {
        for (id, text) in BUILT_IN {
            let p = Profile::built_in(id).expect("built in");
            let findings = validate(&p, text, FileId(0));
            assert!(findings.is_empty(), "{id}: {findings:?}");
            assert!(p.not_applicable_reason.is_some(), "{id}");
        }
    }

    #[test]
    fn lettered_items_split_off_their_clause() {
        assert_eq!(split_item("8.5.1.f"), ("8.5.1", Some("f")));
        assert_eq!(split_item("7.1.5.2"), ("7.1.5.2", None));
        assert_eq!(split_item("A.5.f"), ("A.5", Some("f")));
        assert_eq!(split_item("8.5.1.F"), ("8.5.1.F", None));
        assert_eq!(split_item("8.5.1.ff"), ("8.5.1.ff", None));
        assert!(is_within("8.5.1.f", "8.5.1"));
        assert!(!is_within("8.5.1", "8.5.1.f"));
    }

    #[test]
    fn subclauses_are_within_their_clause() {
        assert!(is_within("7.5.3", "7.5"));
        assert!(!is_within("7.50", "7.5"));
    }
}
