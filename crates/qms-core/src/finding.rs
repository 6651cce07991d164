//! Findings: what a check reports, as data.
//!
//! Rules push a [`Finding`] (code, message, location in the source). The
//! engine gives it its level from the configuration and resolves the location
//! into a relative path, line and column: a [`ReportedFinding`], which is what
//! every output format prints.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::source::{FileId, Sources};
use crate::spanned::Location;

/// How serious a rule's findings are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Fails the check (exit status 1).
    Error,
    /// Reported, does not fail the check (unless `--deny warnings`).
    Warning,
    /// Not reported.
    Off,
}

impl Level {
    /// The level's name as written in `qms.toml`.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Off => "off",
        }
    }

    /// Reads `error`, `warning` or `off`.
    pub fn parse(s: &str) -> Option<Level> {
        match s {
            "error" => Some(Level::Error),
            "warning" => Some(Level::Warning),
            "off" => Some(Level::Off),
            _ => None,
        }
    }
}

/// A finding as a rule raises it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The rule code, e.g. `DOC004`.
    pub code: &'static str,
    /// One line saying what is wrong.
    pub message: String,
    /// Where, if it is about a file.
    pub location: Option<Location>,
    /// How to put it right.
    pub help: Option<String>,
}

impl Finding {
    /// A finding of rule `code`.
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        Finding {
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

/// A finding with its level and resolved position, as every format prints it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportedFinding {
    /// Rule code.
    pub code: &'static str,
    /// Rule name (kebab-case).
    pub name: &'static str,
    /// Level after configuration.
    pub level: Level,
    /// What is wrong.
    pub message: String,
    /// Path relative to the QMS directory, with `/`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// One-based line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// One-based column, in characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// How to put it right.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// The file, for rendering the source line.
    #[serde(skip)]
    pub file_id: Option<FileId>,
    /// Byte range in the file, for rendering a caret.
    #[serde(skip)]
    pub span: Option<Range<usize>>,
}

impl ReportedFinding {
    pub(crate) fn resolve(f: Finding, name: &'static str, level: Level, sources: &Sources) -> Self {
        let (file, line, column, file_id, span) = match f.location {
            None => (None, None, None, None, None),
            Some(loc) => {
                let src = sources.get(loc.file);
                let (line, column) = match &loc.span {
                    Some(r) => {
                        let (l, c) = src.line_col(r.start);
                        (Some(l), Some(c))
                    }
                    None => (loc.line, loc.line.map(|_| 1)),
                };
                (
                    Some(src.path.clone()),
                    line,
                    column,
                    Some(loc.file),
                    loc.span,
                )
            }
        };
        ReportedFinding {
            code: f.code,
            name,
            level,
            message: f.message,
            file,
            line,
            column,
            help: f.help,
            file_id,
            span,
        }
    }

    /// The order findings are printed in: file, line, column, code, message.
    pub fn sort_key(&self) -> impl Ord + '_ {
        (
            self.file.as_deref(),
            self.line,
            self.column,
            self.code,
            self.message.as_str(),
        )
    }
}
