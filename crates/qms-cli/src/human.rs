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

/// The longest source line printed whole under a finding, in bytes; a
/// longer one (a document of one 60 MB line) is shown cut around the
/// finding's column (docs/limits.md).
pub const MAX_LINE_SHOWN: usize = 240;

/// The part of a line longer than [`MAX_LINE_SHOWN`] around `at`, with `…`
/// where it is cut and a caret under `at`; `None` for a shorter line.
fn excerpt(text: &str, at: usize) -> Option<String> {
    let at = at.min(text.len());
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    if end - start <= MAX_LINE_SHOWN {
        return None;
    }
    let boundary = |mut i: usize, step: isize| {
        while !text.is_char_boundary(i) {
            i = i.saturating_add_signed(step);
        }
        i
    };
    let from = boundary((at.saturating_sub(MAX_LINE_SHOWN / 2)).max(start), -1);
    let to = boundary((at + MAX_LINE_SHOWN / 2).min(end), 1);
    let left = if from > start { "…" } else { "" };
    let right = if to < end { "…" } else { "" };
    let before = format!("{left}{}", &text[from..at]);
    let caret = " ".repeat(before.chars().count());
    Some(format!("{before}{}{right}\n{caret}^", &text[at..to]))
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
            (Some(id), Some(span)) => match excerpt(&qms.sources.get(id).text, span.start) {
                // Too long a line to print whole: its place and the text around.
                Some(cut) => {
                    if let Some(file) = &f.file {
                        let column = f.column.map_or_else(String::new, |c| format!(":{c}"));
                        notes.push(format!("in {file}:{}{column}", f.line.unwrap_or(1)));
                    }
                    notes.push(cut);
                }
                None => d = d.with_labels(vec![Label::primary(id.0, span.clone())]),
            },
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
