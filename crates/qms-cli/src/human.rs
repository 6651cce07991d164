//! Human output of `qms check`: one diagnostic per finding with the source
//! line and a caret (codespan-reporting), then a one-line summary. Text read
//! from the files is shown with its control characters escaped, so a stray
//! escape sequence or carriage return in a file cannot rewrite the terminal.

use std::borrow::Cow;
use std::collections::HashMap;

use codespan_reporting::diagnostic::{Diagnostic, Label, Severity};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, termcolor::WriteColor};
use qms_core::{CheckReport, Level, Qms};

/// `s` with every control character other than tab and line feed written
/// as a Rust escape (`\u{b}`), for terminals and XML, where they are
/// invisible, harmful or invalid.
pub fn escape_controls(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| c.is_control() && c != '\t' && c != '\n') {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| {
                if c.is_control() && c != '\t' && c != '\n' {
                    c.escape_unicode().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

/// A file's text for showing its lines: each control character but tab,
/// line feed and the carriage return of a CRLF line end replaced by `?`
/// (or `??` for a two-byte one), so every byte offset still points at the
/// same place.
fn displayable(text: &str) -> Cow<'_, str> {
    let bad = |(i, c): (usize, char)| {
        c.is_control() && c != '\t' && c != '\n' && !(c == '\r' && text[i..].starts_with("\r\n"))
    };
    if !text.char_indices().any(bad) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        if bad((i, c)) {
            out.extend(std::iter::repeat_n('?', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

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

/// Writes the findings (unless `quiet`) and the summary line to `out`.
pub fn print<W: WriteColor>(
    out: &mut W,
    qms: &Qms,
    report: &CheckReport,
    quiet: bool,
) -> anyhow::Result<()> {
    if !quiet {
        // Only the files findings point into, each added once: a check of
        // ten thousand clean documents copies none of them.
        let mut files = SimpleFiles::new();
        let mut added: HashMap<usize, usize> = HashMap::new();
        let config = term::Config::default();
        for f in &report.findings {
            let severity = match f.level {
                Level::Error => Severity::Error,
                _ => Severity::Warning,
            };
            let mut d = Diagnostic::new(severity)
                .with_code(f.code)
                .with_message(escape_controls(&f.message));
            let mut notes = Vec::new();
            match (f.file_id, &f.span) {
                (Some(id), Some(span)) => {
                    // made displayable once a file, however many findings
                    let at = *added.entry(id.0).or_insert_with(|| {
                        let source = qms.sources.get(id);
                        files.add(
                            escape_controls(source.path.as_str()).into_owned(),
                            displayable(&source.text).into_owned(),
                        )
                    });
                    let text = files.get(at).map_or("", |f| f.source().as_str());
                    match excerpt(text, span.start) {
                        // Too long a line to print whole: its place and the text around.
                        Some(cut) => {
                            if let Some(file) = &f.file {
                                let column = f.column.map_or_else(String::new, |c| format!(":{c}"));
                                let at = format!("in {file}:{}{column}", f.line.unwrap_or(1));
                                notes.push(escape_controls(&at).into_owned());
                            }
                            notes.push(cut);
                        }
                        None => d = d.with_labels(vec![Label::primary(at, span.clone())]),
                    }
                }
                // A file whose text is not kept (a register): its line or cell.
                (Some(_), None) => {
                    if let Some(file) = &f.file {
                        notes.push(escape_controls(&place(file, f)).into_owned());
                    }
                }
                _ => {}
            }
            if let Some(help) = &f.help {
                notes.push(format!("help: {}", escape_controls(help)));
            }
            d = d.with_notes(notes);
            term::emit_to_write_style(out, &config, &files, &d)?;
        }
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
        escape_controls(&report.profile),
        report.as_of
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{displayable, escape_controls};

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(
            escape_controls("a\u{b}b\tc\nd\r\u{1b}[31m"),
            "a\\u{b}b\tc\nd\\u{d}\\u{1b}[31m"
        );
        assert!(matches!(
            escape_controls("plain"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn shown_text_keeps_every_offset() {
        let text = "a\u{b}b\r\nc\u{85}d\re";
        let shown = displayable(text);
        assert_eq!(shown, "a?b\r\nc??d?e");
        assert_eq!(shown.len(), text.len());
    }
}
