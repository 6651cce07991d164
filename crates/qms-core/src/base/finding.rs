//! Findings: what a check reports, as data.
//!
//! Rules push a [`RawFinding`] (code, message, location in the source). The
//! engine gives it its level from the configuration and resolves the location
//! into a relative path, line and column: a [`Finding`], which is what
//! every output format prints.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::base::code::Code;
pub use crate::base::code::Level;
use crate::base::span::{Location, column_letters};
use crate::base::text::{FileId, SourceMap};

/// A finding as a rule raises it, before the engine gives it its level and
/// resolves its position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RawFinding {
    /// The rule code, e.g. `DOC004`.
    pub code: Code,
    /// One line saying what is wrong.
    pub message: String,
    /// Where, if it is about a file.
    pub location: Option<Location>,
    /// How to put it right.
    pub help: Option<String>,
}

impl RawFinding {
    /// A finding of rule `code`.
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        RawFinding {
            code,
            message: message.into(),
            location: None,
            help: None,
        }
    }

    /// Points the finding at a location.
    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    /// Adds a `help:` line.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// How many findings of one rule one file lists; past it, one finding of
/// the same rule gives the number left out (docs/limits.md).
pub const MAX_FINDINGS_PER_RULE_PER_FILE: usize = 50;

/// Collects findings, keeping at most [`MAX_FINDINGS_PER_RULE_PER_FILE`] of
/// each rule in each file and counting the rest, so that a register of
/// 300,000 bad rows costs 50 findings of memory, not 300,000.
#[derive(Debug, Default)]
pub(crate) struct CappedFindings {
    kept: Vec<RawFinding>,
    /// Findings seen, and those left out, by rule and file.
    seen: std::collections::HashMap<(Code, Option<FileId>), (usize, usize)>,
}

impl CappedFindings {
    /// Keeps `f` unless its rule already has the maximum in its file. A
    /// finding about a whole file (no line, no value) is always kept: it is
    /// a summary already, such as a register's count of rows not listed.
    pub fn push(&mut self, f: RawFinding) {
        let whole_file = f
            .location
            .as_ref()
            .is_some_and(|l| l.span.is_none() && l.line.is_none());
        if whole_file {
            self.kept.push(f);
            return;
        }
        let key = (f.code, f.location.as_ref().map(|l| l.file));
        let (seen, left_out) = self.seen.entry(key).or_default();
        *seen += 1;
        if *seen <= MAX_FINDINGS_PER_RULE_PER_FILE {
            self.kept.push(f);
        } else {
            *left_out += 1;
        }
    }

    /// Every finding of `findings`, capped.
    pub fn extend(&mut self, findings: impl IntoIterator<Item = RawFinding>) {
        for f in findings {
            self.push(f);
        }
    }

    /// The findings kept, then one finding per rule and file that lost
    /// some, with their number.
    pub fn finish(self) -> Vec<RawFinding> {
        let mut out = self.kept;
        let mut summaries: Vec<_> = self
            .seen
            .into_iter()
            .filter(|(_, (_, left_out))| *left_out > 0)
            .collect();
        summaries.sort_by_key(|((code, file), _)| (file.map(|f| f.0), code.as_str()));
        for ((code, file), (seen, left_out)) in summaries {
            let mut f = RawFinding::new(
                code,
                format!(
                    "{left_out} more {code} findings not listed ({seen} in all; the first {MAX_FINDINGS_PER_RULE_PER_FILE} are)"
                ),
            );
            if let Some(file) = file {
                f = f.at(Location::file(file));
            }
            out.push(f);
        }
        out
    }
}

/// A finding with its level and resolved position, as every format prints it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Finding {
    /// Rule code.
    pub code: Code,
    /// Rule name (kebab-case).
    pub name: String,
    /// Level after configuration.
    pub level: Level,
    /// What is wrong.
    pub message: String,
    /// Path relative to the QMS directory, with `/`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// One-based line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// One-based column: in characters in a text file; in a register, the
    /// cell's column number (the field's number in a CSV row, the column's
    /// number in a sheet: `C` is 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// The sheet, when the file is a workbook register (`line` is then the
    /// sheet's row).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// How to put it right.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// The file, for rendering the source line.
    #[serde(skip)]
    pub file_id: Option<FileId>,
    /// Byte range in the file, for rendering a caret.
    #[serde(skip)]
    pub span: Option<Range<usize>>,
}

impl RawFinding {
    /// Resolved at its rule's default level (no `[checks]` applied): what
    /// the loader and the calendar report outside a check.
    pub(crate) fn at_default_level(self, sources: &SourceMap) -> Finding {
        let level = self.code.default_level();
        Finding::resolve(self, level, sources)
    }
}

impl Finding {
    pub(crate) fn resolve(f: RawFinding, level: Level, sources: &SourceMap) -> Self {
        let (file, line, column, sheet, file_id, span) = match f.location {
            None => (None, None, None, None, None, None),
            Some(loc) => {
                let src = sources.get(loc.file);
                let (line, column) = match &loc.span {
                    Some(r) => {
                        let (l, c) = src.line_col(r.start);
                        (Some(l), Some(c))
                    }
                    // A CSV line without a column is at its start; a sheet's
                    // row without a column is the whole row.
                    None if loc.sheet.is_some() => (loc.line, loc.column),
                    None => (loc.line, loc.line.map(|_| loc.column.unwrap_or(1))),
                };
                (
                    Some(src.path.clone()),
                    line,
                    column,
                    loc.sheet.map(|s| s.to_string()),
                    Some(loc.file),
                    loc.span,
                )
            }
        };
        Finding {
            code: f.code,
            name: f.code.name().to_string(),
            level,
            message: f.message,
            file,
            line,
            column,
            sheet,
            help: f.help,
            file_id,
            span,
        }
    }

    /// The place of a finding in a workbook register, as a spreadsheet
    /// names it: the cell `Sheet1!C102`, or the row `Sheet1!102:102` when
    /// the finding is about a whole row.
    pub fn cell(&self) -> Option<String> {
        let sheet = self.sheet.as_deref()?;
        Some(match (self.line, self.column) {
            (Some(row), Some(column)) => format!("{sheet}!{}{row}", column_letters(column)),
            (Some(row), None) => format!("{sheet}!{row}:{row}"),
            (None, _) => sheet.to_string(),
        })
    }

    /// The order findings are printed in: file, sheet, line, column, code,
    /// message.
    pub fn sort_key(&self) -> impl Ord + '_ {
        (
            self.file.as_deref(),
            self.sheet.as_deref(),
            self.line,
            self.column,
            self.code.as_str(),
            self.message.as_str(),
        )
    }
}
