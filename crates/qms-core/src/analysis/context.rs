//! What every rule sees: the loaded QMS, the check date, the profile, items
//! by id, and what is computed once before the rules run (the clause matrix,
//! the working calendar, the dossier and table registers' analyses).
//!
//! It sits below the rules, the measures and the engine, so that each of them
//! can read it without importing the others.

use std::collections::BTreeMap;

use crate::analysis::coverage::{self, Coverage, Numbering, RecordFiles};
use crate::base::date::Date;
use crate::base::finding::RawFinding;
use crate::load::Qms;
use crate::model::{
    Action, Audit, Document, Loaded, ManagementReview, Nonconformity, Process, RecordType,
};
use crate::profile::Profile;
use crate::profile::sections::{self, Section};
use crate::registers::calendar::WorkingCalendar;
use crate::registers::dossier_analysis::{self, DossierAnalysis};
use crate::registers::table::{self, TableAnalysis};

/// Items by id, for the rules that follow references.
#[derive(Debug, Default)]
pub struct Index<'a> {
    /// Documents by id (the first of duplicates).
    pub documents: BTreeMap<&'a str, &'a Loaded<Document>>,
    /// Record types by id.
    pub records: BTreeMap<&'a str, &'a RecordType>,
    /// Nonconformities by id.
    pub nonconformities: BTreeMap<&'a str, &'a Loaded<Nonconformity>>,
    /// Actions by id.
    pub actions: BTreeMap<&'a str, &'a Loaded<Action>>,
    /// Audits by id.
    pub audits: BTreeMap<&'a str, &'a Loaded<Audit>>,
    /// Management reviews by id.
    pub reviews: BTreeMap<&'a str, &'a Loaded<ManagementReview>>,
    /// Processes (`[[process]]` of qms.toml) by id.
    pub processes: BTreeMap<&'a str, &'a Process>,
}

/// What every rule sees.
pub struct Context<'a> {
    /// The loaded directory.
    pub qms: &'a Qms,
    /// The check date.
    pub as_of: Date,
    /// The profile in force.
    pub profile: &'a Profile,
    /// Items by id.
    pub index: Index<'a>,
    /// How the files' clause ids read in the profile.
    pub numbering: Numbering<'a>,
    /// The clause matrix.
    pub coverage: Coverage,
    /// How many files each `files` glob of records.toml matches (matched
    /// once per check).
    pub record_files: RecordFiles,
    /// What the dossier registers show.
    pub dossiers: DossierAnalysis,
    /// What the table registers show.
    pub tables: TableAnalysis,
    /// Problems with `[calendar]` (an unknown country).
    pub calendar_findings: Vec<RawFinding>,
    /// The sections every procedure body must have (`[documents] sections`;
    /// none when not set).
    pub procedure_sections: Vec<Section>,
    /// Problems with `[documents] sections` (an unknown set, a bad entry).
    pub section_findings: Vec<RawFinding>,
}

impl<'a> Context<'a> {
    /// Builds the context of a check.
    pub fn new(qms: &'a Qms, profile: &'a Profile, as_of: Date) -> Self {
        let mut index = Index::default();
        for d in &qms.documents {
            if let Some(id) = d.id() {
                index.documents.entry(id).or_insert(d);
            }
        }
        if let Some(r) = &qms.records {
            for t in &r.records {
                index.records.entry(t.id.as_str()).or_insert(t);
            }
        }
        for n in &qms.nonconformities {
            index.nonconformities.entry(n.id.as_str()).or_insert(n);
        }
        for a in &qms.actions {
            index.actions.entry(a.id.as_str()).or_insert(a);
        }
        for a in &qms.audits {
            index.audits.entry(a.id.as_str()).or_insert(a);
        }
        for r in &qms.reviews {
            index.reviews.entry(r.id.as_str()).or_insert(r);
        }
        for p in qms.config.iter().flat_map(|c| &c.processes) {
            index.processes.entry(p.id.as_str()).or_insert(p);
        }
        let (calendar, calendar_findings) =
            WorkingCalendar::for_config(qms.config.as_ref().map(|c| (&c.item, c.origin)));
        // The registers are read, and the record globs matched, in parallel.
        let (dossiers, (tables, record_files)) = rayon::join(
            || dossier_analysis::analyse(qms, &calendar, as_of),
            || rayon::join(|| table::analyse(qms, as_of), || RecordFiles::of(qms)),
        );
        let mut register_rows = dossiers.rows.clone();
        register_rows.extend(tables.rows.iter().map(|(k, v)| (k.clone(), *v)));
        let (procedure_sections, section_findings) = sections::required(qms.config.as_ref());
        Context {
            qms,
            as_of,
            profile,
            index,
            numbering: Numbering::of(qms, profile),
            coverage: coverage::compute(qms, profile, as_of, &register_rows, &record_files),
            record_files,
            dossiers,
            tables,
            calendar_findings,
            procedure_sections,
            section_findings,
        }
    }
}
