//! The one-stop dossier register (sổ theo dõi hồ sơ): reading it row by row,
//! computing each dossier's due date on the working calendar, and the DOS
//! checks.
//!
//! A register is a record type's `[record.register]` with `kind =
//! "dossiers"`: a CSV file or a workbook's sheet
//! ([`crate::registers::rows`]) with columns `code, procedure, received, due, resolved,
//! returned, outcome` and optionally `channel, field, paused_days,
//! apology_on, new_due` and the law's `received_time, case, extended_to,
//! extension_ref`, in any order. It is streamed, never held in memory.
//! An empty `due` is the latest date the rules allow
//! ([`ProcedureLimit::due`]): the procedure's `time_limit_days` (or its
//! case's) plus `paused_days`, the receipt day not counted, a receipt after
//! the cut-off counted from the next working day; or the `extended_to` of
//! a written agreement. A bad row is a located problem and reading goes on.

use std::collections::BTreeMap;
use std::ops::ControlFlow;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::base::code::Code;
use crate::base::date::Date;
use crate::base::finding::MAX_FINDINGS_PER_RULE_PER_FILE;
use crate::base::paths;
use crate::base::span::{Location, column_letters};
use crate::base::text::FileId;
use crate::load::Qms;
use crate::model::TimeOfDay;
use crate::registers::calendar::WorkingCalendar;
use crate::registers::calendar::{DaysError, MAX_DAYS_ADDED};
use crate::registers::cells::{Cell, Row, RowEvent, RowsError, Value};
use crate::registers::dates::DateReader;
use crate::registers::rows::RegisterRows;
use crate::source::Source;

/// One dossier as the register records it, with its due date settled. Its
/// text borrows from the row being read (no allocation per row).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Dossier<'r> {
    /// Line of the row in the CSV file, or its row in the sheet.
    pub line: usize,
    /// Dossier code (mã hồ sơ).
    pub code: &'r str,
    /// Procedure id (a document with `time_limit_days`).
    pub procedure: &'r str,
    /// Field (lĩnh vực): the row's, else the procedure's.
    pub field: &'r str,
    /// Channel of receipt (in person, online, post); empty when not given.
    pub channel: &'r str,
    /// Day received.
    pub received: Date,
    /// Time of day received (`received_time`, or a time in `received`),
    /// when the register gives it.
    pub received_time: Option<TimeOfDay>,
    /// Appointment date: the register's, else computed.
    pub due: Date,
    /// The latest due date the rules allow: the procedure's limit (or its
    /// case's) on the calendar, after the cut-off, paused days, or the
    /// extension agreed in writing.
    pub computed_due: Option<Date>,
    /// Whether the register wrote the due date (rather than leaving it empty).
    pub due_written: bool,
    /// Day the result was ready.
    pub resolved: Option<Date>,
    /// Day it was handed back.
    pub returned: Option<Date>,
    /// Outcome as written.
    pub outcome: &'r str,
    /// Working days paused waiting for the applicant.
    pub paused_days: u32,
    /// Day the apology and new appointment (Form 04) was issued.
    pub apology_on: Option<Date>,
    /// The new appointment date.
    pub new_due: Option<Date>,
    /// The time limit case (`case`); empty for the procedure's own limit.
    pub case: &'r str,
    /// The sheet the row is in, for a workbook register.
    #[serde(skip)]
    pub sheet: Option<&'r Arc<str>>,
}

impl Dossier<'_> {
    /// The years of its receipt and due dates that `calendar` has no
    /// holiday data for (DOS006).
    pub fn years_outside(&self, calendar: &WorkingCalendar) -> impl Iterator<Item = i32> {
        let years = [self.received.year(), self.due.year()];
        let unknown = years.map(|y| (!calendar.knows_year(y)).then_some(y));
        unknown.into_iter().flatten()
    }

    /// Whether the apology and new appointment (Form 04) was issued on or
    /// before the due date.
    pub fn apologised_in_time(&self) -> bool {
        self.apology_on.is_some_and(|a| a <= self.due)
    }

    /// The new appointment, when the dossier was apologised for in time and
    /// missed it too as seen on `at`: resolved after it (by `at`), or still
    /// in progress at `at` with the new appointment passed.
    pub fn new_appointment_missed(&self, at: Date) -> Option<Date> {
        let n = self.new_due.filter(|_| self.apologised_in_time())?;
        let missed = match self.resolved.filter(|r| *r <= at) {
            Some(r) => r > self.due && r > n,
            None => at > self.due && at > n,
        };
        missed.then_some(n)
    }
}

/// A row that cannot be used, or a file-level problem.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RowProblem {
    /// `DOS001` for a bad value, `REC003` for a CSV-level problem.
    pub code: Code,
    /// Line in the file (the row, in a sheet).
    pub line: usize,
    /// The column of the value at fault (one-based), when it is one value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// The sheet, for a workbook.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl RowProblem {
    fn new(code: Code, line: usize, message: String) -> Self {
        RowProblem {
            code,
            line,
            column: None,
            sheet: None,
            message,
        }
    }

    fn in_sheet(mut self, sheet: Option<&Arc<str>>) -> Self {
        self.sheet = sheet.map(|s| s.to_string());
        self
    }

    /// Where the problem is, in the register `file`.
    pub fn location(&self, file: FileId) -> Location {
        Location::cell(
            file,
            self.sheet.as_deref().map(Arc::from),
            self.line,
            self.column,
        )
    }

    /// Where the problem is, for a message: `12` (a CSV line) or
    /// `Sheet1!C12` (a workbook cell).
    pub fn place(&self) -> String {
        match &self.sheet {
            Some(sheet) => format!(
                "{sheet}!{}{}",
                self.column.map(column_letters).unwrap_or_default(),
                self.line
            ),
            None => self.line.to_string(),
        }
    }
}

/// The procedures with a time limit by the bytes of their id.
type ProceduresById<'a> = foldhash::HashMap<&'a [u8], (&'a String, &'a ProcedureLimit)>;

/// How to read one dossier register.
pub struct DossierRegister<'a> {
    /// The QMS's files.
    source: &'a dyn Source,
    /// Path relative to the QMS directory.
    pub rel: String,
    /// Its file in the sources (for locating findings).
    pub file: FileId,
    sheet: Option<String>,
    date_format: Option<String>,
    headers: crate::model::Register,
    procedures: &'a BTreeMap<String, ProcedureLimit>,
    calendar: &'a WorkingCalendar,
}

/// What the register needs of a procedure with a legal time limit: its
/// field, its limit and how it counts, its cases and its receipt cut-off.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ProcedureLimit {
    /// Field (lĩnh vực), for rows that give none.
    pub field: String,
    /// `time_limit_days`: 0 is the receipt day itself.
    pub days: u32,
    /// Whether the days are calendar days (`time_limit_unit`).
    pub calendar_days: bool,
    /// Alternative limits by the register's `case` column.
    pub cases: Vec<(String, u32)>,
    /// Requests received after this time count as received the next
    /// working day: the procedure's `cutoff`, else `[calendar] cutoff`.
    pub cutoff: Option<TimeOfDay>,
}

impl ProcedureLimit {
    /// The limit of a case (the procedure's own for an empty case); `None`
    /// for a case the procedure does not have.
    pub fn days_for(&self, case: &str) -> Option<u32> {
        if case.is_empty() {
            return Some(self.days);
        }
        self.cases.iter().find(|(c, _)| c == case).map(|(_, d)| *d)
    }

    /// The latest due date the rules allow for a dossier received on
    /// `received` (at `time`, when known) with a limit of `days` and
    /// `paused_days` waiting for the applicant: a receipt after the cut-off
    /// counts from the next working day; calendar days end on a working
    /// day; paused days are working days on top. Past the calendar's bound
    /// ([`MAX_DAYS_ADDED`]) it is an error, never a date that wraps.
    pub fn due(
        &self,
        calendar: &WorkingCalendar,
        received: Date,
        time: Option<TimeOfDay>,
        days: u32,
        paused_days: u32,
    ) -> Result<Date, DaysError> {
        let after_cutoff = matches!((time, self.cutoff), (Some(t), Some(c)) if t > c);
        let start = if after_cutoff {
            calendar.checked_add_working_days(received, 1)?
        } else {
            received
        };
        if self.calendar_days {
            // bounded before the calendar days are added: no walk, no wrap
            if days > MAX_DAYS_ADDED {
                return Err(DaysError::TooMany(u64::from(days)));
            }
            let last = calendar.checked_add_working_days(start.add_days(i64::from(days)), 0)?;
            calendar.checked_add_working_days(last, u64::from(paused_days))
        } else {
            calendar.checked_add_working_days(start, u64::from(days) + u64::from(paused_days))
        }
    }
}

/// Procedures with a legal time limit: id to their [`ProcedureLimit`].
pub fn procedures(qms: &Qms) -> BTreeMap<String, ProcedureLimit> {
    let default_cutoff = qms
        .config
        .as_ref()
        .and_then(|c| c.calendar.cutoff.as_ref())
        .map(|c| *c.get());
    qms.documents
        .iter()
        .filter_map(|d| {
            let id = d.id()?;
            let limit = d.meta.time_limit_days.as_ref()?;
            let limit = ProcedureLimit {
                field: d
                    .meta
                    .field
                    .as_ref()
                    .map(|f| f.get().clone())
                    .unwrap_or_default(),
                days: **limit,
                calendar_days: d
                    .meta
                    .time_limit_unit
                    .as_ref()
                    .is_some_and(|u| **u == crate::model::TimeLimitUnit::CalendarDays),
                cases: d
                    .meta
                    .time_limit_case
                    .iter()
                    .map(|c| (c.case.clone(), *c.days.get()))
                    .collect(),
                cutoff: d.meta.cutoff.as_ref().map(|c| *c.get()).or(default_cutoff),
            };
            Some((id.to_string(), limit))
        })
        .collect()
}

/// Whether records.toml declares a dossier register (a `[record.register]`
/// of `kind = "dossiers"`), whether or not its file exists. Without one, a
/// QMS has no dossier statistics and its report no dossier section.
pub fn is_declared(qms: &Qms) -> bool {
    qms.records.as_ref().is_some_and(|list| {
        list.records
            .iter()
            .any(|r| r.register.as_ref().is_some_and(|reg| reg.is_dossiers()))
    })
}

/// The dossier registers records.toml names that exist.
pub fn registers<'a>(
    qms: &'a Qms,
    procedures: &'a BTreeMap<String, ProcedureLimit>,
    calendar: &'a WorkingCalendar,
) -> Vec<DossierRegister<'a>> {
    let Some(list) = &qms.records else {
        return Vec::new();
    };
    let mut out: Vec<DossierRegister<'a>> = Vec::new();
    for r in &list.records {
        let Some(reg) = &r.register else { continue };
        if !reg.is_dossiers() {
            continue;
        }
        let Ok(rel) = paths::normalise(reg.path.get()) else {
            continue;
        };
        let Some(found) = qms.registers.get(&rel) else {
            continue;
        };
        let sheet = reg.sheet.as_ref().map(|s| s.get().clone());
        if found.error.is_some() || out.iter().any(|o| o.rel == rel && o.sheet == sheet) {
            continue; // missing (reported by REC003) or already listed
        }
        out.push(DossierRegister {
            source: qms.source(),
            rel,
            file: found.file,
            sheet,
            date_format: reg.date_format.as_ref().map(|f| f.get().clone()),
            headers: reg.clone(),
            procedures,
            calendar,
        });
    }
    out
}

/// The columns every dossier register has, in the usual order.
pub const REQUIRED: [&str; 7] = [
    "code",
    "procedure",
    "received",
    "due",
    "resolved",
    "returned",
    "outcome",
];
/// The columns a dossier register may add.
pub const OPTIONAL: [&str; 5] = ["channel", "field", "paused_days", "apology_on", "new_due"];

/// Optional columns of the law's rules: the time of receipt (for the
/// cut-off), the time limit case, and an extension by written agreement
/// (`extended_to`, with its `extension_ref`).
pub const CASE_COLUMNS: [&str; 4] = ["received_time", "case", "extended_to", "extension_ref"];

/// Where each column is in the register's header.
struct Columns {
    /// [`REQUIRED`], in its order.
    required: [usize; 7],
    /// [`OPTIONAL`] then [`CASE_COLUMNS`], in their order.
    optional: [Option<usize>; 9],
}

impl Columns {
    const CHANNEL: usize = 0;
    const FIELD: usize = 1;
    const PAUSED_DAYS: usize = 2;
    const APOLOGY_ON: usize = 3;
    const NEW_DUE: usize = 4;
    const RECEIVED_TIME: usize = 5;
    const CASE: usize = 6;
    const EXTENDED_TO: usize = 7;
    const EXTENSION_REF: usize = 8;

    /// The columns of a header already mapped to canonical names; `Err`
    /// with the required columns missing.
    fn find(header: &[String]) -> Result<Self, Vec<&'static str>> {
        let col = |name: &str| header.iter().position(|h| h == name);
        let missing: Vec<&str> = REQUIRED.into_iter().filter(|c| col(c).is_none()).collect();
        if !missing.is_empty() {
            return Err(missing);
        }
        Ok(Columns {
            required: REQUIRED.map(|c| col(c).unwrap_or_default()),
            optional: std::array::from_fn(|i| {
                OPTIONAL
                    .iter()
                    .chain(&CASE_COLUMNS)
                    .nth(i)
                    .and_then(|c| col(c))
            }),
        })
    }
}

/// The date of a `received` cell and the time of day written with it
/// (`15/03/2012 15:40`, a workbook's date and time); `None` when the cell
/// holds no date.
fn date_and_time(dates: &DateReader, cell: &Cell<'_>) -> Option<(Date, Option<TimeOfDay>)> {
    let time_in = |text: &str| {
        text.trim()
            .rsplit_once([' ', 'T'])
            .and_then(|(_, t)| t.parse::<TimeOfDay>().ok())
    };
    if let Some(date) = dates.cell(cell) {
        let time = match cell.value {
            // a workbook writes a date-time as `2012-03-15 15:40:00`
            Value::Date(_) => cell.as_str().and_then(time_in),
            // Excel's day number: the fraction is the time of day
            Value::Number(n) => {
                let minutes = (n.fract() * 1440.0).round() as u16;
                (minutes > 0)
                    .then(|| TimeOfDay::new(minutes / 60, minutes % 60))
                    .flatten()
            }
            _ => None,
        };
        return Some((date, time));
    }
    let text = cell.as_str()?.trim();
    let (date, time) = text.rsplit_once([' ', 'T'])?;
    Some((
        dates.text(date.trim().as_bytes())?,
        Some(time.parse().ok()?),
    ))
}

impl DossierRegister<'_> {
    /// The sheet of a workbook register (`sheet` in records.toml).
    pub fn sheet(&self) -> Option<&str> {
        self.sheet.as_deref()
    }

    /// Streams the register: `each` gets every usable dossier or the
    /// problem with its row. Returns the number of data rows.
    pub fn read(
        &self,
        mut each: impl FnMut(Result<Dossier<'_>, RowProblem>),
    ) -> Result<u64, RowsError> {
        let dates = match DateReader::new(self.date_format.as_deref()) {
            Ok(d) => d,
            Err(e) => {
                each(Err(RowProblem::new(
                    Code::DOS001,
                    1,
                    format!("records.toml: {e}"),
                )));
                return Ok(0);
            }
        };
        let mut columns: Option<Columns> = None;
        // Each row's procedure found by hashing the cell's bytes, not by
        // comparing it with every id (a register names hundreds).
        let by_id: ProceduresById<'_> = self
            .procedures
            .iter()
            .map(|(id, limit)| (id.as_bytes(), (id, limit)))
            .collect();
        let rows = RegisterRows::new(self.source, &self.rel, self.sheet.as_deref());
        let read = rows.read(|event| {
            match event {
                RowEvent::Header(h) => {
                    let header: Vec<String> = h
                        .texts()
                        .iter()
                        .map(|c| self.headers.canonical_header(c))
                        .collect();
                    match Columns::find(&header) {
                        Ok(found) => columns = Some(found),
                        Err(missing) => {
                            each(Err(RowProblem::new(
                                Code::DOS001,
                                h.line(),
                                format!(
                                    "the dossier register has no column {} (headers found: {})",
                                    missing
                                        .iter()
                                        .map(|m| format!("`{m}`"))
                                        .collect::<Vec<_>>()
                                        .join(", "),
                                    h.texts()
                                        .iter()
                                        .map(|m| format!("`{}`", m.trim()))
                                        .collect::<Vec<_>>()
                                        .join(", ")
                                ),
                            )
                            .in_sheet(h.sheet())));
                            return ControlFlow::Break(());
                        }
                    }
                }
                RowEvent::Row(r) => {
                    if let Some(columns) = &columns {
                        each(self.parse(&r, columns, &dates, &by_id));
                    }
                }
                RowEvent::Bad(b) => {
                    each(Err(RowProblem::new(Code::REC003, b.line, b.message)));
                }
            }
            ControlFlow::Continue(())
        })?;
        Ok(read.rows)
    }

    fn parse<'r>(
        &'r self,
        r: &Row<'r>,
        columns: &Columns,
        dates: &DateReader,
        by_id: &ProceduresById<'r>,
    ) -> Result<Dossier<'r>, RowProblem> {
        let line = r.line();
        let [
            c_code,
            c_procedure,
            c_received,
            c_due,
            c_resolved,
            c_returned,
            c_outcome,
        ] = columns.required;
        let opt = |i: usize| columns.optional[i];
        let bad =
            |message: String| RowProblem::new(Code::DOS001, line, message).in_sheet(r.sheet());
        let bad_cell = |message: String, i: usize| {
            let mut p = bad(message);
            p.column = Some(i + 1);
            p
        };
        let get = |i: usize| -> Result<&'r str, RowProblem> {
            r.get(i).as_str().ok_or_else(|| {
                RowProblem::new(
                    Code::REC003,
                    line,
                    "row is not valid UTF-8; save the register as UTF-8".into(),
                )
            })
        };
        let get_opt = |i: Option<usize>| i.map_or(Ok(""), get);
        let date = |name: &str, i: Option<usize>| -> Result<Option<Date>, RowProblem> {
            let Some(i) = i else { return Ok(None) };
            let cell = r.get(i);
            if cell.is_empty() {
                return Ok(None);
            }
            dates.cell(&cell).map(Some).ok_or_else(|| {
                bad_cell(
                    format!(
                        "`{name}` is `{}`, expected a date like {}",
                        cell.lossy(),
                        dates.example()
                    ),
                    i,
                )
            })
        };
        let code = get(c_code)?;
        // Looked up as bytes: the id comes from the map, no string is made.
        let procedure_bytes = r.get(c_procedure).text;
        let known = by_id.get(procedure_bytes).copied();
        if code.is_empty() {
            return Err(bad("the row has no dossier `code`".into()));
        }
        let received_cell = r.get(c_received);
        if received_cell.is_empty() {
            return Err(bad(format!("dossier {code} has no `received` date")));
        }
        let (received, time_in_cell) =
            date_and_time(dates, &received_cell).ok_or_else(|| {
                bad_cell(
                    format!(
                        "`received` is `{}`, expected a date like {} (a time of day may follow: {} 15:40)",
                        received_cell.lossy(),
                        dates.example(),
                        dates.example()
                    ),
                    c_received,
                )
            })?;
        let received_time = match get_opt(opt(Columns::RECEIVED_TIME))?.trim() {
            "" => time_in_cell,
            t => Some(t.parse::<TimeOfDay>().map_err(|_| {
                bad_cell(
                    format!("`received_time` is `{t}`, expected a time of day like 15:40"),
                    opt(Columns::RECEIVED_TIME).unwrap_or_default(),
                )
            })?),
        };
        let due_written = date("due", Some(c_due))?;
        let resolved = date("resolved", Some(c_resolved))?;
        let returned = date("returned", Some(c_returned))?;
        let paused_days = match get_opt(opt(Columns::PAUSED_DAYS))? {
            "" => 0,
            s => s.parse().map_err(|_| {
                bad(format!(
                    "`paused_days` is `{s}`, expected a whole number of working days"
                ))
            })?,
        };
        let apology_on = date("apology_on", opt(Columns::APOLOGY_ON))?;
        let new_due = date("new_due", opt(Columns::NEW_DUE))?;
        let Some((procedure, limit)) = known else {
            let procedure = String::from_utf8_lossy(procedure_bytes);
            return Err(bad(format!(
                "dossier {code}: unknown procedure `{procedure}` (no document with this id and a time_limit_days)"
            )));
        };
        let case = get_opt(opt(Columns::CASE))?.trim();
        let Some(days) = limit.days_for(case) else {
            return Err(bad(format!(
                "dossier {code}: procedure `{procedure}` has no time limit case `{case}` (`[[time_limit_case]]` in its front matter)"
            )));
        };
        let extended_to = date("extended_to", opt(Columns::EXTENDED_TO))?;
        let extension_ref = get_opt(opt(Columns::EXTENSION_REF))?.trim();
        if extended_to.is_some() && extension_ref.is_empty() {
            return Err(bad(format!(
                "dossier {code}: `extended_to` needs `extension_ref`, the written agreement"
            )));
        }
        // bounded: a limit or pause of 4,294,967,295 days is a finding, not
        // a walk of seconds nor a sum that wraps to the receipt day
        let too_long = |e: DaysError| {
            bad(format!(
                "dossier {code}: its due date cannot be computed: time limit {days} days plus {paused_days} paused days: {e}"
            ))
        };
        let computed_due = match extended_to {
            Some(to) => to,
            None => limit
                .due(self.calendar, received, received_time, days, paused_days)
                .map_err(too_long)?,
        };
        let due = due_written.unwrap_or(computed_due);
        if due < received {
            return Err(bad(format!(
                "dossier {code} is due {due}, before it was received ({received})"
            )));
        }
        if let Some(res) = resolved.filter(|res| *res < received) {
            return Err(bad(format!(
                "dossier {code} was resolved {res}, before it was received ({received})"
            )));
        }
        let field = match get_opt(opt(Columns::FIELD))? {
            "" => limit.field.as_str(),
            f => f,
        };
        Ok(Dossier {
            line,
            code,
            procedure,
            field,
            channel: get_opt(opt(Columns::CHANNEL))?,
            received,
            received_time,
            due,
            computed_due: Some(computed_due),
            due_written: due_written.is_some(),
            resolved,
            returned,
            outcome: get(c_outcome)?,
            paused_days,
            apology_on,
            new_due,
            case,
            sheet: r.sheet(),
        })
    }
}

/// Streams every dossier of every dossier register of a QMS to `each`.
/// Returns the row problems (each with its register's path; the first
/// `MAX_FINDINGS_PER_RULE_PER_FILE`, 50, of a register) and the number of rows
/// left out in all.
pub fn for_each_dossier(
    qms: &Qms,
    calendar: &WorkingCalendar,
    mut each: impl FnMut(&Dossier<'_>),
) -> (Vec<(String, RowProblem)>, u64) {
    let procs = procedures(qms);
    let mut problems = Vec::new();
    let mut count = 0u64;
    for reg in registers(qms, &procs, calendar) {
        let mut listed = 0;
        let res = reg.read(|row| match row {
            Ok(d) => each(&d),
            Err(p) => {
                count += 1;
                listed += 1;
                if listed <= MAX_FINDINGS_PER_RULE_PER_FILE {
                    problems.push((reg.rel.clone(), p));
                }
            }
        });
        if let Err(e) = res {
            count += 1;
            problems.push((
                reg.rel.clone(),
                RowProblem::new(Code::REC003, 0, e.to_string()),
            ));
        }
    }
    (problems, count)
}
