//! Which id a new file gets: the prefix of its kind, then the next free
//! number.
//!
//! The prefix is qms.toml `[ids]` when set; else the one the directory
//! already uses most for that kind (a house that writes `CA-2012-001` gets
//! `CA-2012-002`, whatever its language); else the default of the QMS
//! language ([`default_prefix`]). Nonconformities, actions, audits and
//! reviews are numbered per year (`NC-2012-004`, `IA-2012-02`), procedures
//! straight on (`P-08`).

use std::collections::BTreeMap;

use crate::load::Qms;
use crate::model::{DocumentKind, IdPrefixes, Language};

/// The kinds of id a house gives a prefix to (the keys of `[ids]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum IdKind {
    /// Procedures.
    Procedure,
    /// The quality policy.
    Policy,
    /// The quality objectives (`[[objective]] id`).
    Objectives,
    /// Nonconformities.
    Nc,
    /// Actions.
    Action,
    /// Audits.
    Audit,
    /// Management reviews.
    Review,
}

/// The prefix of a kind when neither `[ids]` nor the directory says.
pub(crate) fn default_prefix(lang: Language, kind: IdKind) -> &'static str {
    match (lang, kind) {
        (Language::En, IdKind::Procedure) => "P-",
        (Language::En, IdKind::Policy) => "POL-",
        (Language::En, IdKind::Objectives) => "OBJ-",
        (Language::En, IdKind::Nc) => "NC-",
        (Language::En, IdKind::Action) => "CA-",
        (Language::En, IdKind::Audit) => "IA-",
        (Language::En, IdKind::Review) => "MR-",
        (Language::Vi, IdKind::Procedure) => "QT-",
        (Language::Vi, IdKind::Policy) => "CSCL",
        (Language::Vi, IdKind::Objectives) => "MT-",
        (Language::Vi, IdKind::Nc) => "NC-",
        (Language::Vi, IdKind::Action) => "HD-",
        (Language::Vi, IdKind::Audit) => "DGNB-",
        (Language::Vi, IdKind::Review) => "XXLD-",
    }
}

/// The first id of a prefix: `P-` gives `P-01`; a prefix that ends with a
/// letter is the whole id (`CSCL`, the one policy of a Vietnamese QMS).
pub(crate) fn first_id(prefix: &str) -> String {
    if prefix.ends_with(char::is_alphanumeric) {
        prefix.to_string()
    } else {
        format!("{prefix}01")
    }
}

impl IdKind {
    /// Numbered per year (`NC-2012-004`) rather than straight on (`P-08`).
    pub(crate) fn per_year(self) -> bool {
        matches!(
            self,
            IdKind::Nc | IdKind::Action | IdKind::Audit | IdKind::Review
        )
    }

    fn configured(self, ids: &IdPrefixes) -> Option<&str> {
        let p = match self {
            IdKind::Procedure => &ids.procedure,
            IdKind::Policy => &ids.policy,
            IdKind::Objectives => &ids.objectives,
            IdKind::Nc => &ids.nc,
            IdKind::Action => &ids.action,
            IdKind::Audit => &ids.audit,
            IdKind::Review => &ids.review,
        };
        p.as_ref().map(|p| p.get().as_str())
    }

    /// The ids of this kind in `qms`, and the names of the files of its
    /// folder that did not parse (their names still start with their ids).
    pub(crate) fn taken(self, qms: &Qms) -> Vec<String> {
        let (mut ids, folder): (Vec<String>, &str) = match self {
            IdKind::Nc => (
                qms.nonconformities
                    .iter()
                    .map(|n| n.id.get().clone())
                    .collect(),
                "nonconformities/",
            ),
            IdKind::Action => (
                qms.actions.iter().map(|a| a.id.get().clone()).collect(),
                "actions/",
            ),
            IdKind::Audit => (
                qms.audits.iter().map(|a| a.id.get().clone()).collect(),
                "audits/",
            ),
            IdKind::Review => (
                qms.reviews.iter().map(|r| r.id.get().clone()).collect(),
                "reviews/",
            ),
            IdKind::Procedure | IdKind::Policy => (
                qms.documents
                    .iter()
                    .filter_map(|d| d.id().map(str::to_string))
                    .collect(),
                "documents/",
            ),
            IdKind::Objectives => (
                qms.config
                    .iter()
                    .flat_map(|c| c.objectives.iter().map(|o| o.id.get().clone()))
                    .collect(),
                "",
            ),
        };
        if !folder.is_empty() {
            ids.extend(
                qms.files
                    .iter()
                    .filter_map(|f| f.strip_prefix(folder))
                    .map(|f| f.rsplit('/').next().unwrap_or(f).to_string()),
            );
        }
        ids
    }

    /// The ids whose prefix tells the house's convention: those of the
    /// parsed items of this kind (procedures only, for procedures).
    fn house_ids(self, qms: &Qms) -> Vec<&str> {
        match self {
            IdKind::Nc => qms.nonconformities.iter().map(|n| n.id.as_str()).collect(),
            IdKind::Action => qms.actions.iter().map(|a| a.id.as_str()).collect(),
            IdKind::Audit => qms.audits.iter().map(|a| a.id.as_str()).collect(),
            IdKind::Review => qms.reviews.iter().map(|r| r.id.as_str()).collect(),
            IdKind::Procedure | IdKind::Policy => {
                let want = if self == IdKind::Procedure {
                    DocumentKind::Procedure
                } else {
                    DocumentKind::Policy
                };
                qms.documents
                    .iter()
                    .filter(|d| d.kind() == Some(want))
                    .filter_map(|d| d.id())
                    .collect()
            }
            IdKind::Objectives => qms
                .config
                .iter()
                .flat_map(|c| c.objectives.iter().map(|o| o.id.as_str()))
                .collect(),
        }
    }
}

/// The prefix of an id of a kind: the text before `YYYY-N` for a kind
/// numbered per year, before the final digits otherwise; `None` when the id
/// has no such number.
pub(crate) fn prefix_of(id: &str, per_year: bool) -> Option<&str> {
    let b = id.as_bytes();
    if per_year {
        (1..b.len()).find_map(|i| {
            let year = b.get(i..i + 4)?;
            let after = b.get(i + 4..i + 6)?;
            (!b[i - 1].is_ascii_digit()
                && year.iter().all(u8::is_ascii_digit)
                && after[0] == b'-'
                && after[1].is_ascii_digit())
            .then(|| &id[..i])
        })
    } else {
        let stem = id.trim_end_matches(|c: char| c.is_ascii_digit());
        (stem.len() < id.len() && !stem.is_empty()).then_some(stem)
    }
}

/// The prefix a new id of `kind` takes in `qms`: `[ids]`, else the one most
/// used in the directory (ties: the language's default, then the first in
/// alphabetical order), else the language's default.
pub(crate) fn prefix(qms: &Qms, kind: IdKind) -> String {
    let config = qms.config.as_ref();
    if let Some(p) = config.and_then(|c| kind.configured(&c.ids)) {
        return p.to_string();
    }
    let lang = config.map(|c| c.language()).unwrap_or_default();
    let default = default_prefix(lang, kind);
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for id in kind.house_ids(qms) {
        if let Some(p) = prefix_of(id, kind.per_year()) {
            *counts.entry(p).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .rev()
        .max_by_key(|(p, n)| (*n, *p == default))
        .map_or_else(|| default.to_string(), |(p, _)| p.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_of_ids() {
        assert_eq!(prefix_of("CA-2012-001", true), Some("CA-"));
        assert_eq!(prefix_of("HD-2011-002-phan-cong", true), Some("HD-"));
        assert_eq!(prefix_of("NC2012-001", true), Some("NC"));
        assert_eq!(prefix_of("2012-001", true), None);
        assert_eq!(prefix_of("CA-001", true), None);
        assert_eq!(prefix_of("P-01", false), Some("P-"));
        assert_eq!(prefix_of("QT-HT-07", false), Some("QT-HT-"));
        assert_eq!(prefix_of("CSCL", false), None);
        assert_eq!(prefix_of("01", false), None);
    }

    #[test]
    fn first_ids() {
        assert_eq!(first_id("POL-"), "POL-01");
        assert_eq!(first_id("CSCL"), "CSCL");
        assert_eq!(first_id("MT-"), "MT-01");
    }
}
