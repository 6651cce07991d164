//! Typed table registers: the calibration register, the training matrix,
//! the approved-supplier list. A record type's `[record.register]` of
//! `kind = "table"` may type its columns (`date`, `integer`, `number`,
//! `text`, or a list of allowed values) and declare due dates
//! (`[[record.register.due]]`): a row whose date is before the check date
//! is overdue.
//!
//! The check reads each table register once, streamed through
//! [`crate::registers::rows`] (a CSV file or a workbook's sheet), and gives
//! the findings (REC003 bad rows, REC005 cells that do not fit their type,
//! REC006 overdue rows, REC007 a description that does not fit the
//! register) and a [`TableSummary`] per register for the report.

use std::collections::BTreeMap;
use std::ops::ControlFlow;

use serde::{Deserialize, Serialize};

use crate::base::code::Code;
use crate::base::date::Date;
use crate::base::finding::RawFinding;
use crate::base::paths;
use crate::base::span::{Location, Origin, Spanned};
use crate::base::text::FileId;
use crate::load::Qms;
use crate::model::{ColumnType, RecordType, Register};
use crate::registers::cells::{Cell, RegisterFormat, Row, RowEvent, Value};
use crate::registers::dates::DateReader;
use crate::registers::rows::RegisterRows;

/// How many bad rows, and how many bad cells, a register lists as
/// findings; past it, one finding gives the count.
pub const MAX_LISTED: u64 = 50;

/// What the check found in one table register (the report's "Registers"
/// section).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TableSummary {
    /// The record type's id.
    pub record: String,
    /// The record type's title.
    pub title: String,
    /// The register's path, relative to the QMS directory.
    pub path: String,
    /// The sheet read, for a workbook.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// Whether the register could be read.
    pub readable: bool,
    /// Data rows (bad rows included).
    pub rows: u64,
    /// Rows that could not be read (wrong width, not UTF-8).
    pub bad_rows: u64,
    /// Cells that do not fit their column's type.
    pub invalid_cells: u64,
    /// The word for a row (`gauge`).
    pub noun: String,
    /// The rows overdue at the check date, in register order.
    pub overdue: Vec<OverdueRow>,
}

/// A row past one of its due dates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OverdueRow {
    /// The row's key (`CAL-150-14`), or its line or sheet row when the
    /// register has no key.
    pub key: String,
    /// What is due (`calibration`), or the date column's name.
    pub what: String,
    /// The due date.
    pub due: Date,
    /// Days past it at the check date.
    pub days: i64,
    /// The row's line in the CSV file, or its row in the sheet.
    pub line: usize,
}

/// What a check learns from the table registers.
#[derive(Debug, Clone, Default)]
pub(crate) struct TableAnalysis {
    /// One summary per table register, in records.toml order.
    pub registers: Vec<TableSummary>,
    /// REC003, REC005, REC006 and REC007 findings.
    pub(crate) findings: Vec<RawFinding>,
    /// Data rows of each register read, by path.
    pub rows: BTreeMap<String, u64>,
}

/// Reads every table register of `qms` once, checking it at `as_of`.
pub(crate) fn analyse(qms: &Qms, as_of: Date) -> TableAnalysis {
    let mut a = TableAnalysis::default();
    let Some(list) = &qms.records else { return a };
    let origin = list.origin;
    let mut seen: Vec<(String, Option<String>)> = Vec::new();
    for r in &list.records {
        let Some(reg) = &r.register else { continue };
        if let Some(sheet) = reg
            .sheet
            .as_ref()
            .filter(|_| !RegisterFormat::of(reg.path.get()).is_workbook())
        {
            a.findings.push(
                RawFinding::new(
                    Code::REC007,
                    format!(
                        "`sheet` names a sheet of a workbook; `{}` is a CSV file",
                        reg.path.get()
                    ),
                )
                .at(origin.at(sheet))
                .help("remove `sheet`, or point `path` at the workbook (.xlsx, .xls, .ods)"),
            );
        }
        if reg.is_dossiers() {
            table_keys_on_dossiers(reg, origin, &mut a.findings);
            continue;
        }
        let Ok(rel) = paths::normalise(reg.path.get()) else {
            continue; // LOAD004, from the loader
        };
        let sheet = reg.sheet.as_ref().map(|s| s.get().clone());
        if seen.contains(&(rel.clone(), sheet.clone())) {
            continue;
        }
        seen.push((rel.clone(), sheet));
        let Some(found) = qms.registers.get(&rel) else {
            continue;
        };
        let noun = noun(reg);
        let mut summary = TableSummary {
            record: r.id.get().clone(),
            title: r.title.get().clone(),
            path: rel.clone(),
            sheet: None,
            readable: false,
            rows: 0,
            bad_rows: 0,
            invalid_cells: 0,
            noun: noun.clone(),
            overdue: Vec::new(),
        };
        if found.error.is_none() {
            let mut reading = Reading::new(r, reg, origin, found.file, as_of, &noun);
            let rows =
                RegisterRows::new(qms.source(), &rel, reg.sheet.as_ref().map(|s| s.as_str()));
            match rows.read(|e| reading.event(e)) {
                Ok(read) => {
                    summary.readable = true;
                    summary.rows = read.rows;
                    summary.sheet = read.sheet.map(|s| s.to_string());
                    a.rows.insert(rel.clone(), read.rows);
                }
                Err(e) => reading.out.push(
                    RawFinding::new(
                        Code::REC003,
                        format!(
                            "register `{rel}` of record type `{}` cannot be read: {e}",
                            r.id.get()
                        ),
                    )
                    .at(origin.at(&reg.path)),
                ),
            }
            reading.finish(&mut summary);
            a.findings.append(&mut reading.out);
        }
        a.registers.push(summary);
    }
    a
}

/// The word for a row: `noun`; else the key column's name without an `id`
/// at its end, `_` read as a space (`gauge_id` gives `gauge`,
/// `supplier_code` gives `supplier code`); else `row`.
fn noun(reg: &Register) -> String {
    if let Some(n) = &reg.noun {
        return n.get().clone();
    }
    let Some(key) = &reg.key else {
        return "row".into();
    };
    let key = key.trim();
    let lower = key.to_lowercase();
    let stem = ["_id", "-id", " id"]
        .iter()
        .find(|end| lower.ends_with(*end) && lower.len() > end.len())
        .and_then(|end| key.get(..key.len() - end.len()))
        .unwrap_or(key);
    stem.replace('_', " ")
}

/// REC007: a dossier register takes no table description.
fn table_keys_on_dossiers(reg: &Register, origin: Origin, out: &mut Vec<RawFinding>) {
    let mut flag = |key: &str, at: Location| {
        out.push(
            RawFinding::new(
                Code::REC007,
                format!("`{key}` describes a table register; this one is the dossier book (`kind = \"dossiers\"`)"),
            )
            .at(at)
            .help("the dossier book's columns are fixed (docs/formats.md); remove the key, or make the register `kind = \"table\"`"),
        );
    };
    if let Some(k) = &reg.key {
        flag("key", origin.at(k));
    }
    if let Some(n) = &reg.noun {
        flag("noun", origin.at(n));
    }
    if let Some(t) = reg.columns.values().next() {
        flag("columns", origin.at(t));
    }
    if let Some(d) = reg.due.first() {
        flag("due", origin.at(&d.column));
    }
}

/// A due date with its columns found in the header.
struct Due<'a> {
    column: usize,
    name: &'a str,
    what: Option<&'a str>,
    /// Every (column, values) must match.
    when: Vec<(usize, &'a [String])>,
    /// No (column, values) may match.
    unless: Vec<(usize, &'a [String])>,
    /// Whether the column is not typed `date` (its dates are checked here).
    untyped: bool,
}

/// One register being read.
struct Reading<'a> {
    record: &'a RecordType,
    reg: &'a Register,
    origin: Origin,
    file: FileId,
    as_of: Date,
    noun: &'a str,
    dates: DateReader,
    key: Option<usize>,
    columns: Vec<(usize, &'a str, &'a ColumnType)>,
    dues: Vec<Due<'a>>,
    overdue: Vec<OverdueRow>,
    bad_rows: u64,
    invalid_cells: u64,
    out: Vec<RawFinding>,
}

impl<'a> Reading<'a> {
    fn new(
        record: &'a RecordType,
        reg: &'a Register,
        origin: Origin,
        file: FileId,
        as_of: Date,
        noun: &'a str,
    ) -> Self {
        let mut out = Vec::new();
        let written = reg.date_format.as_ref();
        let dates =
            DateReader::new(written.map(|f| f.as_str())).unwrap_or_else(|e| {
                if let Some(f) = written {
                    out.push(
                    RawFinding::new(Code::REC007, e.to_string())
                    .at(origin.at(f))
                    .help("write it like `%d/%m/%Y` or `%Y-%m-%d`; ISO dates are read meanwhile"),
                );
                }
                DateReader::new(None).expect("the ISO format reads")
            });
        Reading {
            record,
            reg,
            origin,
            file,
            as_of,
            noun,
            dates,
            key: None,
            columns: Vec::new(),
            dues: Vec::new(),
            overdue: Vec::new(),
            bad_rows: 0,
            invalid_cells: 0,
            out,
        }
    }

    fn event(&mut self, e: RowEvent<'_>) -> ControlFlow<()> {
        match e {
            RowEvent::Header(h) => self.header(&h),
            RowEvent::Row(r) => self.row(&r),
            RowEvent::Bad(b) => {
                self.bad_rows += 1;
                if self.bad_rows <= MAX_LISTED {
                    let at = Location::line(self.file, b.line);
                    self.out
                        .push(RawFinding::new(Code::REC003, b.message).at(at));
                }
            }
        }
        ControlFlow::Continue(())
    }

    /// Finds the columns records.toml names; REC007 for each missing one.
    fn header(&mut self, h: &Row<'_>) {
        let reg = self.reg;
        let names: Vec<String> = h.texts().iter().map(|n| reg.canonical_header(n)).collect();
        let (origin, id) = (self.origin, self.record.id.as_str());
        let mut missing = Vec::new();
        let mut find = |name: &str, at: Location| {
            let found = names.iter().position(|n| *n == name.trim().to_lowercase());
            if found.is_none() {
                missing.push((name.to_string(), at));
            }
            found
        };
        self.key = reg.key.as_ref().and_then(|k| find(k, origin.at(k)));
        for (name, ty) in &reg.columns {
            if let Some(i) = find(name, origin.at(ty)) {
                self.columns.push((i, name.as_str(), ty.get()));
            }
        }
        for due in &reg.due {
            let column = find(&due.column, origin.at(&due.column));
            let when = conditions(&due.when, origin, &mut find);
            let unless = conditions(&due.unless, origin, &mut find);
            let (Some(column), Some(when), Some(unless)) = (column, when, unless) else {
                continue; // a column is missing: the due date is not checked
            };
            let typed = reg.columns.get(due.column.as_str()).map(|t| t.get());
            if typed.is_some_and(|t| *t != ColumnType::Date) {
                self.out.push(
                    RawFinding::new(
                        Code::REC007,
                        format!(
                            "due date column `{}` of record type `{id}` is typed `{}`, not `date`",
                            due.column.get(),
                            type_name(typed.unwrap_or(&ColumnType::Date))
                        ),
                    )
                    .at(origin.at(&due.column)),
                );
                continue;
            }
            self.dues.push(Due {
                column,
                name: due.column.as_str(),
                what: due.what.as_ref().map(|w| w.as_str()),
                when,
                unless,
                untyped: typed.is_none(),
            });
        }
        let place = match h.sheet() {
            Some(sheet) => format!("sheet `{sheet}`'s first row"),
            None => "the header".to_string(),
        };
        for (name, at) in missing {
            self.out.push(
                RawFinding::new(
                    Code::REC007,
                    format!("register of record type `{id}` has no column `{name}` in {place}"),
                )
                .at(at)
                .help(format!(
                    "the columns are: {}",
                    h.texts()
                        .iter()
                        .filter(|n| !n.is_empty())
                        .map(|n| format!("`{n}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            );
        }
    }

    /// Checks one row's typed cells and due dates.
    fn row(&mut self, r: &Row<'_>) {
        for c in 0..self.columns.len() {
            let (i, name, ty) = self.columns[c];
            let cell = r.get(i);
            if cell.is_empty() {
                continue;
            }
            if let Some(expected) = misfit(ty, &cell, &self.dates) {
                let message = format!(
                    "{}: `{name}` is `{}`, expected {expected}",
                    subject(self.noun, self.key, r),
                    cell.lossy()
                );
                self.invalid(message, r, i);
            }
        }
        for d in 0..self.dues.len() {
            let due = &self.dues[d];
            if !applies(due, r) {
                continue;
            }
            let cell = r.get(due.column);
            if cell.is_empty() {
                continue;
            }
            let Some(date) = self.dates.cell(&cell) else {
                if due.untyped {
                    let message = format!(
                        "{}: `{}` is `{}`, expected a date like {}",
                        subject(self.noun, self.key, r),
                        due.name,
                        cell.lossy(),
                        self.dates.example()
                    );
                    let column = due.column;
                    self.invalid(message, r, column);
                }
                continue;
            };
            if !date.is_late_at(self.as_of) {
                continue;
            }
            let days = date.days_until(self.as_of);
            let what = due.what.map_or_else(
                || format!("due {date} (`{}`)", due.name),
                |w| format!("{w} due {date}"),
            );
            let message = format!(
                "{}: {what}, {days} {} overdue",
                subject(self.noun, self.key, r),
                if days == 1 { "day" } else { "days" }
            );
            self.out.push(
                RawFinding::new(Code::REC006, message)
                    .at(r.location(self.file, Some(due.column)))
                    .help("do what is due and record the new date in the register, or record why the row is exempt (its status)"),
            );
            self.overdue.push(OverdueRow {
                key: key_of(self.key, r),
                what: due.what.unwrap_or(due.name).to_string(),
                due: date,
                days,
                line: r.line(),
            });
        }
    }

    fn invalid(&mut self, message: String, r: &Row<'_>, column: usize) {
        self.invalid_cells += 1;
        if self.invalid_cells <= MAX_LISTED {
            self.out.push(
                RawFinding::new(Code::REC005, message)
                    .at(r.location(self.file, Some(column)))
                    .help("correct the cell, or the column's type in records.toml `[record.register.columns]`"),
            );
        }
    }

    /// The counts past the listing cap, and the summary's figures.
    fn finish(&mut self, summary: &mut TableSummary) {
        let at = Location::file(self.file);
        let rel = &summary.path;
        if self.bad_rows > MAX_LISTED {
            self.out.push(
                RawFinding::new(
                    Code::REC003,
                    format!(
                        "{} more bad rows in `{rel}` not listed",
                        self.bad_rows - MAX_LISTED
                    ),
                )
                .at(at.clone()),
            );
        }
        if self.invalid_cells > MAX_LISTED {
            self.out.push(
                RawFinding::new(
                    Code::REC005,
                    format!(
                        "{} more cells in `{rel}` that do not fit their type not listed",
                        self.invalid_cells - MAX_LISTED
                    ),
                )
                .at(at),
            );
        }
        summary.bad_rows = self.bad_rows;
        summary.invalid_cells = self.invalid_cells;
        summary.overdue = std::mem::take(&mut self.overdue);
    }
}

/// The columns of a `when` or `unless` table found in the header; `None`
/// when one is missing.
fn conditions<'a>(
    table: &'a BTreeMap<String, Spanned<Vec<String>>>,
    origin: Origin,
    find: &mut impl FnMut(&str, Location) -> Option<usize>,
) -> Option<Vec<(usize, &'a [String])>> {
    let mut out = Vec::new();
    let mut complete = true;
    for (name, values) in table {
        // At the values: the column's name itself is not spanned.
        match find(name, origin.at(values)) {
            Some(i) => out.push((i, values.get().as_slice())),
            None => complete = false,
        }
    }
    complete.then_some(out)
}

/// Whether a due date applies to a row: every `when` matches, no `unless`
/// does.
fn applies(due: &Due<'_>, r: &Row<'_>) -> bool {
    let holds = |&(i, values): &(usize, &[String])| {
        let text = r.get(i).text;
        values.iter().any(|v| v.as_bytes() == text)
    };
    due.when.iter().all(holds) && !due.unless.iter().any(holds)
}

/// What the cell should have been, when it does not fit `ty`.
fn misfit(ty: &ColumnType, cell: &Cell<'_>, dates: &DateReader) -> Option<String> {
    if cell.value == Value::Error {
        return Some(format!("{} (an error value)", expected(ty, dates)));
    }
    let Some(text) = cell.as_str() else {
        return Some("UTF-8 text; save the register as UTF-8".into());
    };
    let fits = match ty {
        ColumnType::Date => dates.cell(cell).is_some(),
        ColumnType::Integer => match cell.value {
            Value::Number(n) => n.fract() == 0.0,
            Value::Text => text.parse::<i64>().is_ok(),
            _ => false,
        },
        ColumnType::Number => match cell.value {
            Value::Number(_) => true,
            Value::Text => text.parse::<f64>().is_ok_and(f64::is_finite),
            _ => false,
        },
        ColumnType::Text => true,
        ColumnType::OneOf(values) => values.iter().any(|v| v == text),
    };
    (!fits).then(|| expected(ty, dates))
}

fn expected(ty: &ColumnType, dates: &DateReader) -> String {
    match ty {
        ColumnType::Date => format!("a date like {}", dates.example()),
        ColumnType::Integer => "a whole number".into(),
        ColumnType::Number => "a number (`.` before decimals)".into(),
        ColumnType::Text => "text".into(),
        ColumnType::OneOf(values) => format!(
            "one of {}",
            values
                .iter()
                .map(|v| format!("`{v}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

fn type_name(ty: &ColumnType) -> &'static str {
    match ty {
        ColumnType::Date => "date",
        ColumnType::Integer => "integer",
        ColumnType::Number => "number",
        ColumnType::Text => "text",
        ColumnType::OneOf(_) => "a list of values",
    }
}

/// The row's key, or its place when it has none.
fn key_of(key: Option<usize>, r: &Row<'_>) -> String {
    match key.map(|k| r.get(k)).filter(|c| !c.is_empty()) {
        Some(c) => c.lossy().into_owned(),
        None => place(r),
    }
}

/// `line 12` in a CSV file, `row 12` in a sheet.
fn place(r: &Row<'_>) -> String {
    match r.sheet() {
        Some(_) => format!("row {}", r.line()),
        None => format!("line {}", r.line()),
    }
}

/// How a message names a row: `gauge CAL-150-14`; `gauge on line 12`
/// when its key is empty; `line 12` without a key.
fn subject(noun: &str, key: Option<usize>, r: &Row<'_>) -> String {
    match key.map(|k| r.get(k)) {
        Some(c) if !c.is_empty() => format!("{noun} {}", c.lossy()),
        Some(_) => format!("{noun} on {}", place(r)),
        None => place(r),
    }
}
