//! The check engine: runs every rule over a loaded QMS and gives each finding
//! its configured level and its position.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::Date;
use crate::calendar::WorkingCalendar;
use crate::coverage::{self, Coverage, Numbering};
use crate::dossier::{self, DossierAnalysis};
use crate::finding::{Finding, Level, ReportedFinding};
use crate::load::Qms;
use crate::model::{Action, Audit, Document, Loaded, ManagementReview, Nonconformity, RecordType};
use crate::objectives::ObjectiveResult;
use crate::profile::Profile;
use crate::rules::{self, RULES};

/// What a check needs besides the directory.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// The date the check is made at; every time-dependent rule reads it.
    pub as_of: Date,
    /// Treat warnings as errors (`--deny warnings`).
    pub deny_warnings: bool,
}

/// Version of the JSON output of `qms check`; bumped on breaking changes.
pub const SCHEMA_VERSION: u32 = 1;

/// The result of a check, as `qms check --format json` prints it.
#[derive(Debug, Clone, Serialize)]
pub struct CheckReport {
    /// Version of this structure ([`SCHEMA_VERSION`]).
    pub schema_version: u32,
    /// The date the check was made at.
    pub as_of: Date,
    /// The profile checked against.
    pub profile: String,
    /// Every finding, sorted by file, line, column and code.
    pub findings: Vec<ReportedFinding>,
    /// The clause matrix (`qms coverage`).
    pub coverage: Coverage,
    /// Each quality objective measured at the check date.
    pub objectives: Vec<ObjectiveResult>,
    /// What the dossier registers showed (not in the JSON: its findings are
    /// in `findings`; the report shows its figures).
    #[serde(skip)]
    pub dossiers: DossierAnalysis,
    /// Counts.
    pub summary: Summary,
}

/// Counts of a check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Findings at level error.
    pub errors: usize,
    /// Findings at level warning.
    pub warnings: usize,
    /// Files read.
    pub files: usize,
}

impl CheckReport {
    /// Whether the check passed (no error-level finding).
    pub fn passed(&self) -> bool {
        self.summary.errors == 0
    }
}

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
    /// The working-day calendar of qms.toml.
    pub calendar: WorkingCalendar,
    /// What the dossier registers show.
    pub dossiers: DossierAnalysis,
    /// Problems with `[calendar]` (an unknown country).
    pub calendar_findings: Vec<Finding>,
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
        let (calendar, calendar_findings) =
            WorkingCalendar::for_config(qms.config.as_ref().map(|c| (&c.item, c.origin)));
        let dossiers = dossier::analyse(qms, &calendar, as_of);
        Context {
            qms,
            as_of,
            profile,
            index,
            numbering: Numbering::of(qms, profile),
            coverage: coverage::compute(qms, profile, as_of, &dossiers.rows),
            calendar,
            dossiers,
            calendar_findings,
        }
    }
}

/// Runs every rule over `qms`.
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let dir = tempfile::tempdir()?;
/// std::fs::write(dir.path().join("qms.toml"),
///     "[organisation]\nname = \"Mỹ An\"\n[scope]\nstatement = \"Một cửa\"\n")?;
/// let qms = qms_core::load(dir.path())?;
/// let as_of = qms_core::Date::from_ymd(2012, 6, 30).expect("a date");
/// let report = qms_core::check(&qms, &qms_core::CheckOptions { as_of, deny_warnings: false });
/// // Nothing yet: every mandatory item is missing, and no management review.
/// let codes: Vec<&str> = report.findings.iter().map(|f| f.code).collect();
/// assert!(codes.iter().all(|c| ["CLS001", "MR001"].contains(c)), "{codes:?}");
/// # Ok(()) }
/// ```
pub fn check(qms: &Qms, options: &CheckOptions) -> CheckReport {
    let mut raw: Vec<Finding> = qms.load_findings.clone();
    let (profile, profile_findings) = crate::profile::resolve(qms);
    raw.extend(profile_findings);
    let levels = configured_levels(qms, &mut raw);
    let mut ctx = Context::new(qms, &profile, options.as_of);
    // Every check runs; levels filter afterwards (one check function may
    // raise several codes, e.g. CLS002 to CLS004).
    for check in RULES.iter().filter_map(|r| r.check) {
        check(&ctx, &mut raw);
    }

    let mut findings: Vec<ReportedFinding> = raw
        .into_iter()
        .filter_map(|f| {
            let rule = rules::rule(f.code)?;
            let mut level = levels.get(rule.code).copied().unwrap_or(rule.default_level);
            if options.deny_warnings && level == Level::Warning {
                level = Level::Error;
            }
            (level != Level::Off)
                .then(|| ReportedFinding::resolve(f, rule.name, level, &qms.sources))
        })
        .collect();
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    findings.dedup();
    let summary = Summary {
        errors: findings.iter().filter(|f| f.level == Level::Error).count(),
        warnings: findings
            .iter()
            .filter(|f| f.level == Level::Warning)
            .count(),
        files: qms.sources.len(),
    };
    let objectives = crate::objectives::evaluate(&ctx);
    CheckReport {
        schema_version: SCHEMA_VERSION,
        as_of: options.as_of,
        profile: profile.id.clone(),
        findings,
        coverage: std::mem::replace(&mut ctx.coverage, Coverage::empty()),
        objectives,
        dossiers: DossierAnalysis {
            findings: Vec::new(), // already among `findings`
            ..std::mem::take(&mut ctx.dossiers)
        },
        summary,
    }
}

/// Reads `[checks]`; a bad code or level becomes a `LOAD005` finding.
fn configured_levels(qms: &Qms, out: &mut Vec<Finding>) -> BTreeMap<&'static str, Level> {
    let mut levels = BTreeMap::new();
    let Some(cfg) = &qms.config else {
        return levels;
    };
    for (code, level) in &cfg.checks {
        let at = cfg.origin.at(level);
        match (rules::rule(code), Level::parse(level.get())) {
            (Some(rule), Some(l)) => {
                levels.insert(rule.code, l);
            }
            (None, _) => out.push(
                Finding::new(
                    "LOAD005",
                    format!("`[checks]` names `{code}`, which is not a rule code"),
                )
                .at(at)
                .help("`qms explain` lists every rule code"),
            ),
            (Some(_), None) => out.push(
                Finding::new(
                    "LOAD005",
                    format!(
                        "`{}` is not a level; expected `error`, `warning` or `off`",
                        level.get()
                    ),
                )
                .at(at),
            ),
        }
    }
    levels
}
