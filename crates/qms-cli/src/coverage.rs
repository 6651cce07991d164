//! `qms coverage`: the clause matrix as a table, JSON or CSV.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use qms_core::{CheckOptions, Date};
use qms_core::{ClauseCoverage, CoverageStatus as Status};

use crate::{CoverageFormat, Lang};

/// Prints the matrix; exit 1 when a clause is missing or partly covered.
pub fn print(
    dir: &Path,
    as_of: Date,
    format: CoverageFormat,
    lang: Lang,
    all: bool,
) -> anyhow::Result<ExitCode> {
    let qms = qms_core::load(dir)?;
    let report = qms_core::check(&qms, &CheckOptions::new(as_of));
    let cov = &report.coverage;
    let rows: Vec<&ClauseCoverage> = cov
        .clauses
        .iter()
        .filter(|c| all || c.status != Status::NotRequired)
        .collect();
    let title = |c: &ClauseCoverage| match lang {
        Lang::Vi => c.title_vi.clone(),
        Lang::En => c.title_en.clone(),
    };
    let mut out = std::io::stdout().lock();
    match format {
        CoverageFormat::Json => {
            serde_json::to_writer_pretty(&mut out, cov)?;
            writeln!(out)?;
        }
        CoverageFormat::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record(["clause", "title", "status", "evidence"])?;
            for c in &rows {
                w.write_record([
                    c.clause.as_str(),
                    &title(c),
                    c.status.as_str(),
                    &c.evidence.join(" "),
                ])?;
            }
            w.flush()?;
        }
        CoverageFormat::Table => {
            let width = |s: &str| s.chars().count();
            let tw = rows
                .iter()
                .map(|c| width(&title(c)))
                .max()
                .unwrap_or(5)
                .clamp(5, 60);
            writeln!(
                out,
                "{:<9} {:<14} {:<tw$} evidence",
                "clause", "status", "title"
            )?;
            for c in &rows {
                let mut t = title(c);
                if width(&t) > tw {
                    t = t.chars().take(tw - 1).chain(['…']).collect();
                }
                let pad = tw - width(&t);
                let evidence = match (&c.not_applicable_reason, c.evidence.is_empty()) {
                    (Some(reason), _) => {
                        let short: String = reason.chars().take(60).collect();
                        let more = if short.len() < reason.len() {
                            "…"
                        } else {
                            ""
                        };
                        format!("({short}{more})")
                    }
                    (None, true) => "-".to_string(),
                    (None, false) => c.evidence.join(", "),
                };
                writeln!(
                    out,
                    "{:<9} {:<14} {t}{:pad$} {evidence}",
                    c.clause,
                    c.status.as_str(),
                    ""
                )?;
            }
            let count = |s: Status| cov.clauses.iter().filter(|c| c.status == s).count();
            writeln!(
                out,
                "\n{}: {} covered, {} partial, {} missing, {} not applicable (profile {}, clause numbers of {}, as of {})",
                if count(Status::Missing) + count(Status::Partial) == 0 {
                    "complete"
                } else {
                    "incomplete"
                },
                count(Status::Covered),
                count(Status::Partial),
                count(Status::Missing),
                count(Status::NotApplicable),
                cov.profile,
                cov.clause_numbering,
                as_of
            )?;
        }
    }
    let gaps = cov
        .clauses
        .iter()
        .any(|c| matches!(c.status, Status::Missing | Status::Partial));
    Ok(if gaps {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
