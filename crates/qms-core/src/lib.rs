//! qms-core: quality management as code.
//!
//! The library behind the `qms` CLI. It models an ISO 9001-style quality
//! management system kept as plain files (see `docs/formats.md`), loads a
//! QMS directory ([`load()`]), and checks it against a standard profile
//! ([`check()`]), returning findings as data. It never prints, never exits,
//! never writes a file (the new files of [`scaffold`] are returned for the
//! caller to write) and never reads the clock: the check date comes in as
//! [`CheckOptions::as_of`].
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

pub use analysis::coverage::{
    ClauseCoverage, Coverage, Rejected, RequirementCoverage, Status as CoverageStatus,
};
pub use base::code::{Code, UnknownCode};
pub use base::date::{Date, DateParseError};
pub use base::finding::{Finding, Level};
pub use base::span::{Origin, Spanned};
pub use base::text::{FileId, SourceFile, SourceMap};
pub use engine::check::{CheckOptions, CheckReport, SCHEMA_VERSION, Summary, check, objectives};
pub use engine::registry::{RULES, Rule, rule};
pub use load::{LoadError, Qms, load};
pub use measure::metrics::{METRICS, Measure, Metric};
pub use measure::objectives::{Comparison, ObjectiveResult, Target};
pub use profile::Profile;
pub use registers::calendar::{CalendarDay, CalendarYear, DayOffKind, WorkingCalendar};
pub use registers::figures::{Breakdown, DossierStats, Period, PeriodParseError, StatsRow};
pub use registers::stats::{StatsReport, compute as stats};
pub use scaffold::{InitLang, NewFile, NewKind};
