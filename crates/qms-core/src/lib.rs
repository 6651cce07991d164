//! qms-core: quality management as code.
//!
//! The library behind the `qms` CLI. It models an ISO 9001-style quality
//! management system kept as plain files (see `docs/formats.md`), loads a
//! QMS directory ([`load()`]), and checks it against a standard profile
//! ([`check()`]), returning findings as data. It never prints, never exits and
//! never reads the clock: the check date comes in as [`CheckOptions::as_of`].
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let dir = tempfile::tempdir()?;
//! std::fs::write(dir.path().join("qms.toml"),
//!     "[organisation]\nname = \"UBND thị trấn Mỹ An\"\n[scope]\nstatement = \"Một cửa\"\n")?;
//! let qms = qms_core::load(dir.path())?;
//! let as_of = qms_core::Date::from_ymd(2012, 6, 30).expect("a date");
//! let report = qms_core::check(&qms, &qms_core::CheckOptions { as_of, deny_warnings: false });
//! // An organisation and a scope are not yet a QMS: the policy (5.2) is missing.
//! assert!(!report.passed());
//! assert!(report.findings.iter().any(|f| f.code == "CLS001" && f.message.contains("5.2")));
//! # Ok(()) }
//! ```

pub mod calendar;
pub mod check;
pub mod coverage;
mod date;
pub mod dossier;
pub mod finding;
pub mod frontmatter;
pub mod init;
pub mod load;
pub mod metrics;
pub mod model;
pub mod objectives;
pub mod paths;
pub mod profile;
pub mod register;
pub mod report;
pub mod rules;
pub mod scaffold;
pub mod source;
mod spanned;
pub mod stats;

pub use check::{CheckOptions, CheckReport, Summary, check};
pub use date::{Date, DateParseError};
pub use finding::{Finding, Level, ReportedFinding};
pub use load::{LoadError, Qms, load};
pub use profile::Profile;
pub use rules::{RULES, Rule, rule};
pub use source::{FileId, SourceFile, Sources};
pub use spanned::{Location, Origin, Spanned};
