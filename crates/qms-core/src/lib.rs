//! qms-core: quality management as code.
//!
//! The library behind the `qms` CLI. It models an ISO 9001-style quality
//! management system kept as plain files (see `docs/formats.md`), loads it,
//! checks it against a standard profile ([`check()`]) and returns findings,
//! the clause matrix, objectives and dossier figures as data. It never
//! prints, never exits, never writes a file (the new files of [`scaffold`]
//! are returned for the caller to write) and never reads the clock: the
//! check date comes in as [`CheckOptions::as_of`].
//!
//! # Three ways in
//!
//! Every file is read through a [`source::Source`], so a QMS on disk, one
//! held in memory and one in a zip archive are the same to the checks.
//!
//! A directory on disk (or a zip file: [`load()`] looks at what the path is):
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let dir = tempfile::tempdir()?;
//! std::fs::write(dir.path().join("qms.toml"),
//!     "[organisation]\nname = \"UBND thị trấn Mỹ An\"\n[scope]\nstatement = \"Một cửa\"\n")?;
//! let qms = qms_core::load(dir.path())?;
//! let as_of = qms_core::Date::from_ymd(2012, 6, 30).expect("a date");
//! let report = qms_core::check(&qms, &qms_core::CheckOptions::new(as_of));
//! // An organisation and a scope are not yet a QMS: the policy (5.2) is missing.
//! assert!(!report.passed());
//! assert!(report.findings.iter().any(|f| f.code == qms_core::Code::CLS001 && f.message.contains("5.2")));
//! # Ok(()) }
//! ```
//!
//! Files held in memory, from a database or an upload form (the example
//! `in_memory` does the same with a whole QMS):
//!
//! ```
//! use qms_core::source::MemorySource;
//! let source = MemorySource::new()
//!     .with_file("qms.toml", "[organisation]\nname = \"Harbour Precision\"\n[scope]\nstatement = \"Machining\"\n")
//!     .with_file("documents/P-01.md", "no front matter\n");
//! let qms = qms_core::load_from(source).expect("a memory source lists");
//! let as_of = qms_core::Date::from_ymd(2025, 3, 31).expect("a date");
//! let report = qms_core::check(&qms, &qms_core::CheckOptions::new(as_of));
//! let f = report.findings.iter().find(|f| f.code == qms_core::Code::LOAD003).expect("LOAD003");
//! assert_eq!((f.file.as_deref(), f.line), (Some("documents/P-01.md"), Some(1)));
//! ```
//!
//! A zip archive, say one a branch office sent (an evidence pack from
//! `qms pack` works too: its `qms/` folder is the QMS):
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use std::io::Write;
//! let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
//! zip.start_file("branch/qms.toml", zip::write::SimpleFileOptions::default())?;
//! zip.write_all(b"[organisation]\nname = \"Branch\"\n[scope]\nstatement = \"Sales\"\n")?;
//! let bytes = zip.finish()?.into_inner();
//!
//! let source = qms_core::source::ZipSource::from_bytes("upload.zip", bytes)?;
//! assert_eq!(source.prefix(), "branch/");
//! let qms = qms_core::load_from(source)?;
//! assert_eq!(qms.files, ["qms.toml"]);
//! # Ok(()) }
//! ```
//!
//! # What is public
//!
//! The crate root is the API: loading ([`load()`], [`load_from()`], [`Qms`]),
//! checking ([`check()`], [`CheckOptions`], [`CheckReport`], [`Finding`],
//! [`Code`], [`Level`], the rule registry [`RULES`]), the measures
//! ([`Coverage`], [`ObjectiveResult`], [`stats()`]) and [`Date`]. The public
//! modules are meant to be used: [`model`] (the typed files), [`source`]
//! (where files come from), [`profile`] (standard profiles), [`registers`]
//! (the dossier book, its calendar and figures), [`report`] (the audit
//! report's data) and [`scaffold`] (the files of a new QMS or record).
//! `docs/architecture.md` draws the layers.

#![warn(unnameable_types)]

pub(crate) mod analysis;
pub(crate) mod base;
pub(crate) mod engine;
pub(crate) mod load;
pub(crate) mod measure;
pub mod model;
pub mod profile;
pub mod registers;
pub mod report;
pub(crate) mod rules;
pub mod scaffold;
pub mod source;

pub use analysis::coverage::{
    ClauseCoverage, Coverage, Rejected, RequirementCoverage, Status as CoverageStatus,
};
pub use base::code::{Code, UnknownCode};
pub use base::date::{Date, DateParseError, Weekday};
pub use base::finding::{Finding, Level, MAX_FINDINGS_PER_RULE_PER_FILE};
pub use base::paths::PathError;
pub use base::span::{Location, Origin, Spanned, column_letters};
pub use base::text::{FileId, SourceFile, SourceMap};
pub use engine::check::{CheckOptions, CheckReport, SCHEMA_VERSION, Summary, check, objectives};
pub use engine::registry::{RULES, Rule, rule, rule_of};
pub use load::register::RegisterError;
pub use load::{LoadError, Qms, RegisterFile, load, load_from};
pub use measure::metrics::{METRICS, Measure, Metric};
pub use measure::objectives::{Comparison, ObjectiveResult, Target, TrendPoint};
pub use measure::periods::ObjectivePeriod;
pub use profile::Profile;
pub use registers::calendar::{CalendarDay, CalendarYear, DayOffKind, WorkingCalendar};
pub use registers::figures::{Breakdown, DossierStats, Period, PeriodParseError, StatsRow};
pub use registers::stats::{StatsReport, compute as stats};
pub use scaffold::{InitLang, NewFile, NewKind};
