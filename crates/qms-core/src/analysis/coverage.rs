//! Clause coverage computed from evidence, not declarations.
//!
//! A mandatory "maintain" item (and, under ISO 9001:2008, a procedure or the
//! manual) is covered only by a current, approved document, within its review
//! date, whose `clauses` name the item's clause or a subclause. A "retain"
//! item is covered only by a record type citing the clause whose files exist
//! (its glob matches a file) or whose register has rows. A clause declared not
//! applicable, with a reason and where the profile allows it, covers its items
//! as "not applicable". The files' clause ids are read in the scope's
//! `clause_numbering` edition and translated through the profile's
//! correspondence table when that differs from the profile.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::base::date::Date;
use crate::base::paths;
use crate::load::Qms;
use crate::model::{Document, DocumentKind, RecordType};
use crate::profile::{Profile, RequirementKind, is_within, split_item};

/// Whether a clause or an item is covered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Status {
    /// Every mandatory item has evidence.
    Covered,
    /// Some mandatory items have evidence, some do not.
    Partial,
    /// Mandatory items without evidence.
    Missing,
    /// Declared not applicable, with a reason.
    NotApplicable,
    /// The clause carries no mandatory item and nothing cites it.
    NotRequired,
}

impl Status {
    /// The status as the table and CSV print it.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Covered => "covered",
            Status::Partial => "partial",
            Status::Missing => "missing",
            Status::NotApplicable => "not applicable",
            Status::NotRequired => "not required",
        }
    }
}

/// The clause matrix of a QMS against its profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Coverage {
    /// The profile checked against.
    pub profile: String,
    /// The edition the files' clause ids are read in.
    pub clause_numbering: String,
    /// One row per clause of the profile, in the profile's order.
    pub clauses: Vec<ClauseCoverage>,
}

impl Coverage {
    /// A matrix with no clause.
    pub fn empty() -> Self {
        Coverage {
            profile: String::new(),
            clause_numbering: String::new(),
            clauses: Vec::new(),
        }
    }
}

/// One row of the matrix.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct ClauseCoverage {
    /// Clause id, e.g. `7.5`.
    pub clause: String,
    /// English title.
    pub title_en: String,
    /// Vietnamese title.
    pub title_vi: String,
    /// Its status.
    pub status: Status,
    /// Ids of the documents and record types that cover it (for a clause with
    /// mandatory items) or cite it (otherwise).
    pub evidence: Vec<String>,
    /// The reason given, when declared not applicable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_applicable_reason: Option<String>,
    /// Its mandatory items.
    pub requirements: Vec<RequirementCoverage>,
}

/// One mandatory item and its evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct RequirementCoverage {
    /// Requirement id of the profile.
    pub id: String,
    /// Document, record, procedure or manual.
    pub kind: RequirementKind,
    /// What must exist (English).
    pub en: String,
    /// What must exist (Vietnamese).
    pub vi: String,
    /// Covered, missing or not applicable.
    pub status: Status,
    /// Ids of the documents or record types that cover it.
    pub evidence: Vec<String>,
    /// Items that cite the clause but do not count, and why.
    pub rejected: Vec<Rejected>,
}

/// An item that cites a clause but is not evidence for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Rejected {
    /// Document or record-type id.
    pub id: String,
    /// Why it does not count.
    pub reason: String,
}

/// Reads clause ids written in the files and gives the profile's clause ids
/// they stand for.
#[derive(Debug, Clone)]
pub struct Numbering<'p> {
    profile: &'p Profile,
    /// The edition the files cite.
    pub edition: String,
    source: Option<&'p Profile>,
    /// The profile's clause ids, for a lookup by hash rather than a scan of
    /// the clauses for each citation.
    ids: foldhash::HashSet<&'p str>,
}

impl<'p> Numbering<'p> {
    /// The numbering of a QMS (scope.clause_numbering, default the profile).
    pub fn of(qms: &Qms, profile: &'p Profile) -> Self {
        let edition = qms
            .config
            .as_ref()
            .and_then(|c| c.scope.clause_numbering.as_ref())
            .map_or_else(|| profile.id.clone(), |n| n.get().clone());
        let source = (edition != profile.id)
            .then(|| Profile::built_in_ref(&edition))
            .flatten();
        Numbering {
            profile,
            edition,
            source,
            ids: profile.clauses.iter().map(|c| c.id.as_str()).collect(),
        }
    }

    /// Whether the files cite the profile's own numbers.
    pub fn is_native(&self) -> bool {
        self.edition == self.profile.id
    }

    /// The profile clause ids a cited id stands for; `None` when the profile
    /// (or the cited edition) has no such clause. A lettered item (`8.5.1.f`,
    /// see [`split_item`]) stands for the item of its clause: a correspondence
    /// written for the item translates it, otherwise the item's letter is kept
    /// on the clause's translation, so that an item never widens into a whole
    /// clause.
    pub fn translate(&self, cited: &str) -> Option<Vec<String>> {
        let (clause, item) = split_item(cited);
        if self.is_native() {
            return self.ids.contains(clause).then(|| vec![cited.to_string()]);
        }
        if let Some(src) = &self.source {
            src.clause(clause)?;
        }
        let mut id = cited;
        loop {
            if let Some(c) = self
                .profile
                .correspondences
                .iter()
                .find(|c| c.from == self.edition && c.clause == id)
            {
                return Some(match item {
                    Some(letter) if id != cited => {
                        c.to.iter().map(|to| format!("{to}.{letter}")).collect()
                    }
                    _ => c.to.clone(),
                });
            }
            id = id.rsplit_once('.')?.0;
        }
    }

    /// Translates an exclusion: native when it names this profile.
    pub fn translate_for(&self, cited: &str, only_for: Option<&str>) -> Option<Vec<String>> {
        match only_for {
            Some(p) if p == self.profile.id => self
                .profile
                .clause(split_item(cited).0)
                .map(|_| vec![cited.to_string()]),
            Some(_) => Some(Vec::new()),
            None => self.translate(cited),
        }
    }
}

/// The clauses validly declared not applicable (with a reason, allowed by
/// the profile), translated, with their reasons.
pub fn not_applicable(
    qms: &Qms,
    profile: &Profile,
    numbering: &Numbering<'_>,
) -> Vec<(String, String)> {
    let Some(cfg) = &qms.config else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for na in &cfg.scope.not_applicable {
        let Some(reason) = na.reason.as_ref().filter(|r| !r.trim().is_empty()) else {
            continue;
        };
        let only = na.profile.as_ref().map(|p| p.as_str());
        for id in numbering
            .translate_for(&na.clause, only)
            .unwrap_or_default()
        {
            if na_allowed(profile, &id) {
                out.push((id, reason.get().clone()));
            }
        }
    }
    out
}

/// Whether the profile lets this clause be declared not applicable.
pub fn na_allowed(profile: &Profile, clause: &str) -> bool {
    profile
        .not_applicable_allowed
        .iter()
        .any(|a| is_within(clause, a))
}

/// Why a document cannot be evidence at `as_of`, if it cannot.
pub fn document_unfit(d: &Document, as_of: Date) -> Option<String> {
    let m = &d.meta;
    if !d.is_current() {
        return Some(match d.status() {
            Some(s) => format!("it is {}", crate::model::written_name(&s)),
            None => "it has no status".into(),
        });
    }
    // A document of external origin is approved by its publisher (DOC005).
    match (&m.approved_by, &m.approved_on, &m.issued) {
        _ if d.is_external() => {}
        (Some(_), Some(a), Some(i)) if **a <= **i => {}
        _ => return Some("it is not approved before issue".into()),
    }
    if let Some(next) = &m.next_review
        && **next < as_of
    {
        return Some(format!("its review was due on {}", next.get()));
    }
    None
}

/// How many files of the QMS each `files` glob of records.toml matches.
///
/// Every glob is compiled once and every file matched once against all of
/// them ([`globset::GlobSet`]), rather than each glob walking the files: the
/// same counts as [`Qms::files_matching`], in one pass.
#[derive(Debug, Clone, Default)]
pub struct RecordFiles {
    counts: BTreeMap<String, usize>,
}

impl RecordFiles {
    /// Matches the files of `qms` against every record type's `files`.
    pub fn of(qms: &Qms) -> Self {
        let globs: BTreeSet<&str> = qms
            .records
            .iter()
            .flat_map(|l| &l.records)
            .filter_map(|r| r.files.as_ref().map(|g| g.as_str()))
            .collect();
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        let mut set = globset::GlobSetBuilder::new();
        let mut patterns = Vec::new();
        for pattern in globs {
            counts.insert(pattern.to_string(), 0);
            // As `files_matching`: a glob that leads out or does not parse
            // matches nothing.
            let Ok(norm) = paths::normalise(pattern) else {
                continue;
            };
            let Ok(glob) = globset::GlobBuilder::new(&norm)
                .literal_separator(true)
                .build()
            else {
                continue;
            };
            set.add(glob);
            patterns.push(pattern);
        }
        let Ok(set) = set.build() else {
            return RecordFiles { counts };
        };
        let mut hits = Vec::new();
        let mut matched = vec![0usize; patterns.len()];
        for f in &qms.files {
            set.matches_into(f.as_str(), &mut hits);
            for &i in &hits {
                matched[i] += 1;
            }
        }
        for (pattern, n) in patterns.into_iter().zip(matched) {
            counts.insert(pattern.to_string(), n);
        }
        RecordFiles { counts }
    }

    /// How many files `pattern` (a `files` glob of records.toml) matches;
    /// a glob not in records.toml is matched now.
    pub fn count(&self, qms: &Qms, pattern: &str) -> usize {
        self.counts
            .get(pattern)
            .copied()
            .unwrap_or_else(|| qms.files_matching(pattern).len())
    }
}

/// Why a record type is not evidence, if it is not: no file matches its glob
/// and its register has no rows.
pub fn record_unfit(
    qms: &Qms,
    r: &RecordType,
    register_rows: &BTreeMap<String, u64>,
    files: &RecordFiles,
) -> Option<String> {
    if let Some(glob) = &r.files {
        if files.count(qms, glob.get()) > 0 {
            return None;
        }
        if r.register.is_none() {
            return Some(format!("no file matches `{}`", glob.get()));
        }
    }
    match &r.register {
        Some(reg) => {
            let rel = paths::normalise(reg.path.get()).ok()?;
            let rows = register_rows.get(&rel).copied();
            match rows {
                Some(n) if n > 0 => None,
                Some(_) => Some(format!("register `{rel}` has no rows")),
                None => Some(format!("register `{rel}` cannot be read")),
            }
        }
        None => Some("it names no files and no register".into()),
    }
}

/// Computes the clause matrix.
/// `register_rows` gives the row count of each register read (by
/// [`crate::registers::dossier`] and [`crate::registers::table`]), by
/// normalised path.
pub fn compute(
    qms: &Qms,
    profile: &Profile,
    as_of: Date,
    register_rows: &BTreeMap<String, u64>,
    files: &RecordFiles,
) -> Coverage {
    let numbering = Numbering::of(qms, profile);
    let na = not_applicable(qms, profile, &numbering);

    // (profile clause, id, kind, why unfit) for every citation.
    struct Cite<'a> {
        clause: String,
        id: &'a str,
        doc_kind: Option<DocumentKind>,
        is_record: bool,
        unfit: Option<String>,
    }
    let mut cites = Vec::new();
    for d in &qms.documents {
        let Some(id) = d.id() else { continue };
        let unfit = document_unfit(d, as_of);
        for c in &d.meta.clauses {
            for clause in numbering.translate(c).unwrap_or_default() {
                cites.push(Cite {
                    clause,
                    id,
                    doc_kind: d.kind(),
                    is_record: false,
                    unfit: unfit.clone(),
                });
            }
        }
    }
    if let Some(list) = &qms.records {
        for r in &list.records {
            let unfit = record_unfit(qms, r, register_rows, files);
            for c in &r.clauses {
                for clause in numbering.translate(c).unwrap_or_default() {
                    cites.push(Cite {
                        clause,
                        id: &r.id,
                        doc_kind: None,
                        is_record: true,
                        unfit: unfit.clone(),
                    });
                }
            }
        }
    }

    // The citations by clause (with their place in `cites`), so that a
    // requirement reads only those within its clause (a range of the sorted
    // clause ids), not them all, in the order they were cited.
    let mut by_clause: BTreeMap<&str, Vec<(usize, &Cite<'_>)>> = BTreeMap::new();
    for (i, c) in cites.iter().enumerate() {
        by_clause.entry(c.clause.as_str()).or_default().push((i, c));
    }
    let within = |clause: &str| {
        let mut found: Vec<(usize, &Cite<'_>)> = by_clause
            .range(clause..)
            .take_while(|(id, _)| id.starts_with(clause))
            .filter(|(id, _)| is_within(id, clause))
            .flat_map(|(_, v)| v.iter().copied())
            .collect();
        found.sort_unstable_by_key(|(i, _)| *i);
        found.into_iter().map(|(_, c)| c)
    };

    let na_reason = |clause: &str| {
        na.iter()
            .find(|(c, _)| is_within(clause, c))
            .map(|(_, r)| r.clone())
    };

    let clauses = profile
        .clauses
        .iter()
        .map(|clause| {
            let reason = na_reason(&clause.id);
            let requirements: Vec<RequirementCoverage> = profile
                .requirements
                .iter()
                .filter(|r| r.clause == clause.id)
                .map(|req| {
                    let mut evidence = BTreeSet::new();
                    let mut rejected = Vec::new();
                    for c in within(&req.clause) {
                        let kind_fits = match req.kind {
                            RequirementKind::Retain => c.is_record,
                            RequirementKind::Maintain => !c.is_record,
                            RequirementKind::Procedure => {
                                c.doc_kind == Some(DocumentKind::Procedure)
                            }
                            RequirementKind::Manual => c.doc_kind == Some(DocumentKind::Manual),
                        };
                        if !kind_fits {
                            continue;
                        }
                        match &c.unfit {
                            None => {
                                evidence.insert(c.id.to_string());
                            }
                            Some(why) => rejected.push(Rejected {
                                id: c.id.to_string(),
                                reason: why.clone(),
                            }),
                        }
                    }
                    rejected.dedup_by(|a, b| a.id == b.id);
                    let status = if na_reason(&req.clause).is_some() {
                        Status::NotApplicable
                    } else if evidence.is_empty() {
                        Status::Missing
                    } else {
                        Status::Covered
                    };
                    RequirementCoverage {
                        id: req.id.clone(),
                        kind: req.kind,
                        en: req.en.clone(),
                        vi: req.vi.clone(),
                        status,
                        evidence: evidence.into_iter().collect(),
                        rejected,
                    }
                })
                .collect();
            let evidence: BTreeSet<String> = if requirements.is_empty() {
                by_clause
                    .get(clause.id.as_str())
                    .into_iter()
                    .flatten()
                    .filter(|(_, c)| c.unfit.is_none())
                    .map(|(_, c)| c.id.to_string())
                    .collect()
            } else {
                requirements
                    .iter()
                    .flat_map(|r| r.evidence.iter().cloned())
                    .collect()
            };
            let applicable: Vec<_> = requirements
                .iter()
                .filter(|r| r.status != Status::NotApplicable)
                .collect();
            let status = if reason.is_some() {
                Status::NotApplicable
            } else if requirements.is_empty() {
                if evidence.is_empty() {
                    Status::NotRequired
                } else {
                    Status::Covered
                }
            } else if applicable.is_empty() {
                Status::NotApplicable
            } else if applicable.iter().all(|r| r.status == Status::Covered) {
                Status::Covered
            } else if applicable.iter().any(|r| r.status == Status::Covered) {
                Status::Partial
            } else {
                Status::Missing
            };
            ClauseCoverage {
                clause: clause.id.clone(),
                title_en: clause.en.clone(),
                title_vi: clause.vi.clone(),
                status,
                evidence: evidence.into_iter().collect(),
                not_applicable_reason: reason,
                requirements,
            }
        })
        .collect();
    Coverage {
        profile: profile.id.clone(),
        clause_numbering: numbering.edition,
        clauses,
    }
}
