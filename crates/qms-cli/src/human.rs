//! Human output of `qms check`: one diagnostic per finding with the source
//! line and a caret (codespan-reporting), then a one-line summary.

use std::io::{IsTerminal, Write};

use codespan_reporting::diagnostic::{Diagnostic, Label, Severity};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, termcolor};
use qms_core::{CheckReport, Level, Qms};

/// Where a finding in a register is: `in records/x.xlsx: Sheet1!C102` in a
/// workbook; `in records/x.csv:102` in a CSV file, with `, column 3` when
/// it is about one cell past the first.
fn place(file: &str, f: &qms_core::Finding) -> String {
    match (f.cell(), f.line, f.column) {
        (Some(cell), ..) => format!("in {file}: {cell}"),
        (None, Some(line), Some(column)) if column > 1 => {
            format!("in {file}:{line}, column {column}")
        }
        (None, Some(line), _) => format!("in {file}:{line}"),
        (None, None, _) => format!("in {file}"),
    }
}

/// Prints the findings and the summary to stdout.
pub fn print(qms: &Qms, report: &CheckReport) -> anyhow::Result<()> {
    let mut files = SimpleFiles::new();
    for (_, f) in qms.sources.iter() {
        files.add(f.path.as_str(), f.text.as_str());
    }
    let color = if std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none() {
        termcolor::ColorChoice::Auto
    } else {
        termcolor::ColorChoice::Never
    };
    let mut out = termcolor::StandardStream::stdout(color);
    let config = term::Config::default();
    for f in &report.findings {
        let severity = match f.level {
            Level::Error => Severity::Error,
            _ => Severity::Warning,
        };
        let mut d = Diagnostic::new(severity)
            .with_code(f.code)
            .with_message(&f.message);
        let mut notes = Vec::new();
        match (f.file_id, &f.span) {
            (Some(id), Some(span)) => {
                d = d.with_labels(vec![Label::primary(id.0, span.clone())]);
            }
            // A file whose text is not kept (a register): its line or cell.
            (Some(_), None) => {
                if let Some(file) = &f.file {
                    notes.push(place(file, f));
                }
            }
            _ => {}
        }
        if let Some(help) = &f.help {
            notes.push(format!("help: {help}"));
        }
        d = d.with_notes(notes);
        term::emit_to_write_style(&mut out, &config, &files, &d)?;
    }
    let s = report.summary;
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    writeln!(
        out,
        "{}: {}, {}, {} read (profile {}, as of {})",
        if report.passed() { "passed" } else { "failed" },
        plural(s.errors, "error", "errors"),
        plural(s.warnings, "warning", "warnings"),
        plural(s.files, "file", "files"),
        report.profile,
        report.as_of
    )?;
    Ok(())
}
