//! The check engine: runs every rule over a loaded QMS and gives each finding
//! its configured level and its position.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::analysis::context::Context;
use crate::analysis::coverage::Coverage;
use crate::base::code::Code;
use crate::base::date::Date;
use crate::base::finding::{CappedFindings, Finding, Level, RawFinding};
use crate::engine::registry::{self as rules, RULES, RuleFn};
use crate::load::Qms;
use crate::measure::objectives::ObjectiveResult;
use crate::registers::dossier_analysis::DossierAnalysis;
use crate::registers::table::TableSummary;

/// What a check needs besides the QMS: the date it is made at, and
/// whether warnings fail it. `Default` is the first day of the Unix epoch, so
/// say the date: `CheckOptions::new(as_of)`.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct CheckOptions {
    /// The date the check is made at; every time-dependent rule reads it.
    pub as_of: Date,
    /// Treat warnings as errors (`--deny warnings`).
    pub deny_warnings: bool,
}

impl CheckOptions {
    /// A check at `as_of`, warnings not denied.
    pub fn new(as_of: Date) -> Self {
        CheckOptions {
            as_of,
            deny_warnings: false,
        }
    }

    /// The same, treating warnings as errors (`--deny warnings`) or not.
    pub fn deny_warnings(mut self, deny: bool) -> Self {
        self.deny_warnings = deny;
        self
    }
}

/// Version of the JSON output of `qms check`; bumped on breaking changes.
pub const SCHEMA_VERSION: u32 = 1;

/// The result of a check, as `qms check --format json` prints it.
///
/// It reads back from that JSON: `serde_json::from_str::<CheckReport>` of
/// the output, printed again as the CLI prints it (`to_writer_pretty` and a
/// newline), gives the same bytes; qms-core turns on serde_json's
/// `float_roundtrip`, so rates read back exactly. The dossier figures and
/// the table registers' summaries are not in the JSON and read back empty.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct CheckReport {
    /// Version of this structure ([`SCHEMA_VERSION`]).
    pub schema_version: u32,
    /// The date the check was made at.
    pub as_of: Date,
    /// The profile checked against.
    pub profile: String,
    /// Every finding, sorted by file, line, column and code.
    pub findings: Vec<Finding>,
    /// The clause matrix (`qms coverage`).
    pub coverage: Coverage,
    /// Each quality objective measured at the check date.
    pub objectives: Vec<ObjectiveResult>,
    /// What the dossier registers showed (not in the JSON: its findings are
    /// in `findings`; the report shows its figures). Empty when the report
    /// was read from JSON.
    #[serde(skip)]
    pub(crate) dossiers: DossierAnalysis,
    /// What the table registers showed (not in the JSON either; the
    /// report's "Registers" section shows it).
    #[serde(skip)]
    pub(crate) tables: Vec<TableSummary>,
    /// Counts.
    pub summary: Summary,
}

/// Counts of a check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
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

/// Runs every rule over `qms`.
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let dir = tempfile::tempdir()?;
/// std::fs::write(dir.path().join("qms.toml"),
///     "[organisation]\nname = \"Mỹ An\"\n[scope]\nstatement = \"Một cửa\"\n")?;
/// let qms = qms_core::load(dir.path())?;
/// let as_of = qms_core::Date::from_ymd(2012, 6, 30).expect("a date");
/// let report = qms_core::check(&qms, &qms_core::CheckOptions::new(as_of));
/// // Nothing yet: every mandatory item is missing, and no management review.
/// use qms_core::Code;
/// assert!(report.findings.iter().all(|f| [Code::CLS001, Code::MR001].contains(&f.code)));
/// # Ok(()) }
/// ```
pub fn check(qms: &Qms, options: &CheckOptions) -> CheckReport {
    let mut raw: Vec<RawFinding> = qms.load_findings.clone();
    let (profile, profile_findings) = crate::load::profile::resolve(qms);
    raw.extend(profile_findings);
    let levels = configured_levels(qms, &mut raw);
    let mut ctx = Context::new(qms, &profile, options.as_of);
    // Every check runs; levels filter afterwards (one check function may
    // raise several codes, e.g. CLS002 to CLS004). The checks run in
    // parallel, each into its own list, joined in the table's order: the
    // same findings in the same order as one after the other. The
    // objectives are measured once, meanwhile: OBJ001 to OBJ009 judge the
    // same results that the report shows.
    let checks: Vec<RuleFn> = RULES.iter().filter_map(|r| r.check).collect();
    let (found, assessment) = rayon::join(
        || {
            checks
                .par_iter()
                .map(|check| {
                    let mut out = Vec::new();
                    check(&ctx, &mut out);
                    out
                })
                .collect::<Vec<_>>()
        },
        || crate::measure::objectives::assess(&ctx),
    );
    // At most MAX_FINDINGS_PER_RULE_PER_FILE of a rule in a file, then
    // their number: 300,000 bad rows must not become 300,000 findings.
    let mut capped = CappedFindings::default();
    capped.extend(raw.drain(..));
    for out in found {
        capped.extend(out);
    }
    crate::rules::objectives::objectives(&ctx, &assessment, &mut raw);
    capped.extend(raw.drain(..));
    let raw = capped.finish();

    let mut findings: Vec<Finding> = raw
        .into_iter()
        .filter_map(|f| {
            let rule = rules::rule_of(f.code);
            let mut level = levels
                .get(&rule.code)
                .copied()
                .unwrap_or(rule.default_level);
            if options.deny_warnings && level == Level::Warning {
                level = Level::Error;
            }
            (level != Level::Off).then(|| Finding::resolve(f, level, &qms.sources))
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
    let objectives = assessment.results;
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
        tables: std::mem::take(&mut ctx.tables.registers),
        summary,
    }
}

/// Reads `[checks]`; a bad code or level becomes a `LOAD005` finding.
fn configured_levels(qms: &Qms, out: &mut Vec<RawFinding>) -> BTreeMap<Code, Level> {
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
                RawFinding::new(
                    Code::LOAD005,
                    format!("`[checks]` names `{code}`, which is not a rule code"),
                )
                .at(at)
                .help("`qms explain` lists every rule code"),
            ),
            (Some(_), None) => out.push(
                RawFinding::new(
                    Code::LOAD005,
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

/// Measures every quality objective of qms.toml at the check date, without
/// running the rules (`qms objectives`).
pub fn objectives(qms: &Qms, options: &CheckOptions) -> Vec<ObjectiveResult> {
    let (profile, _) = crate::load::profile::resolve(qms);
    let ctx = Context::new(qms, &profile, options.as_of);
    crate::measure::objectives::evaluate(&ctx)
}
