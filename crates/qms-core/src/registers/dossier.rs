//! The one-stop dossier register (sổ theo dõi hồ sơ): reading it row by row,
//! computing each dossier's due date on the working calendar, and the DOS
//! checks.
//!
//! A register is a record type's `[record.register]` with `kind =
//! "dossiers"`: a CSV with columns `code, procedure, received, due, resolved,
//! returned, outcome` and optionally `channel, field, paused_days,
//! apology_on, new_due`, in any order. It is streamed, never held in memory.
//! An empty `due` is computed from the procedure's `time_limit_days` plus
//! `paused_days`, the receipt day not counted. A bad row is a located
//! problem and reading goes on.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::base::code::Code;
use crate::base::text::FileId;
use crate::load::Qms;
use crate::model::RegisterKind;
use crate::registers::calendar::WorkingCalendar;

use crate::base::date::Date;
use crate::base::paths;
use crate::source::{Source, SourceError};

/// One dossier as the register records it, with its due date settled. Its
/// text borrows from the row being read (no allocation per row).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Dossier<'r> {
    /// Line of the row in the CSV file.
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
    /// Appointment date: the register's, else computed.
    pub due: Date,
    /// The due date the calendar gives, when the procedure is known.
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
}

/// A row that cannot be used, or a file-level problem.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RowProblem {
    /// `DOS001` for a bad value, `REC003` for a CSV-level problem.
    pub code: Code,
    /// Line in the file.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// How to read one dossier register.
pub struct DossierRegister<'a> {
    /// The QMS's files.
    source: &'a dyn Source,
    /// Path relative to the QMS directory.
    pub rel: String,
    /// Its file in the sources (for locating findings).
    pub file: FileId,
    date_format: Option<String>,
    procedures: &'a BTreeMap<String, (String, u32)>,
    calendar: &'a WorkingCalendar,
}

/// Procedures with a legal time limit: id to (field, working days).
pub fn procedures(qms: &Qms) -> BTreeMap<String, (String, u32)> {
    qms.documents
        .iter()
        .filter_map(|d| {
            let id = d.id()?;
            let limit = d.meta.time_limit_days.as_ref()?;
            let field = d
                .meta
                .field
                .as_ref()
                .map(|f| f.get().clone())
                .unwrap_or_default();
            Some((id.to_string(), (field, **limit)))
        })
        .collect()
}

/// Whether records.toml declares a dossier register (a `[record.register]`
/// of `kind = "dossiers"`), whether or not its file exists. Without one, a
/// QMS has no dossier statistics and its report no dossier section.
pub fn is_declared(qms: &Qms) -> bool {
    qms.records.as_ref().is_some_and(|list| {
        list.records.iter().any(|r| {
            r.register
                .as_ref()
                .and_then(|reg| reg.kind.as_ref())
                .is_some_and(|k| *k.get() == RegisterKind::Dossiers)
        })
    })
}

/// The dossier registers records.toml names that exist.
pub fn registers<'a>(
    qms: &'a Qms,
    procedures: &'a BTreeMap<String, (String, u32)>,
    calendar: &'a WorkingCalendar,
) -> Vec<DossierRegister<'a>> {
    let Some(list) = &qms.records else {
        return Vec::new();
    };
    let mut out: Vec<DossierRegister<'a>> = Vec::new();
    for r in &list.records {
        let Some(reg) = &r.register else { continue };
        if reg
            .kind
            .as_ref()
            .is_none_or(|k| *k.get() != RegisterKind::Dossiers)
        {
            continue;
        }
        let Ok(rel) = paths::normalise(reg.path.get()) else {
            continue;
        };
        let Some(scanned) = qms.registers.get(&rel) else {
            continue;
        };
        if scanned.scan.is_some() || out.iter().any(|o| o.rel == rel) {
            continue; // missing (reported by REC003) or already listed
        }
        out.push(DossierRegister {
            source: qms.source(),
            rel,
            file: scanned.file,
            date_format: reg.date_format.as_ref().map(|f| f.get().clone()),
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

impl DossierRegister<'_> {
    /// Streams the register: `each` gets every usable dossier or the
    /// problem with its row. Returns the number of data rows.
    pub fn read(
        &self,
        mut each: impl FnMut(Result<Dossier<'_>, RowProblem>),
    ) -> Result<u64, SourceError> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(false)
            .from_reader(self.source.open(&self.rel)?);
        let header = match reader.headers() {
            Ok(h) => h
                .iter()
                .map(|c| c.trim().to_lowercase())
                .collect::<Vec<_>>(),
            Err(e) => {
                each(Err(RowProblem {
                    code: Code::REC003,
                    line: 1,
                    message: crate::load::register::describe(&e),
                }));
                return Ok(0);
            }
        };
        let col = |name: &str| header.iter().position(|h| h == name);
        let missing: Vec<&str> = REQUIRED
            .iter()
            .copied()
            .filter(|c| col(c).is_none())
            .collect();
        if !missing.is_empty() {
            each(Err(RowProblem {
                code: Code::DOS001,
                line: 1,
                message: format!(
                    "the dossier register has no column {}",
                    missing
                        .iter()
                        .map(|m| format!("`{m}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            }));
            return Ok(0);
        }
        let idx: Vec<usize> = REQUIRED.iter().filter_map(|c| col(c)).collect();
        let opt: Vec<Option<usize>> = OPTIONAL.iter().map(|c| col(c)).collect();
        let format = self.date_format.as_deref().unwrap_or("%Y-%m-%d");
        let items: Vec<chrono::format::Item<'_>> =
            chrono::format::StrftimeItems::new(format).collect();
        if items
            .iter()
            .any(|i| matches!(i, chrono::format::Item::Error))
        {
            each(Err(RowProblem {
                code: Code::DOS001,
                line: 1,
                message: format!("`date_format` `{format}` is not a chrono date format"),
            }));
            return Ok(0);
        }
        let dates = DateReader {
            items: &items,
            format,
        };
        // Bytes, not strings: only the fields kept are checked for UTF-8.
        let mut record = csv::ByteRecord::new();
        let mut rows = 0u64;
        loop {
            let line = reader.position().line() as usize;
            match reader.read_byte_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {
                    rows += 1;
                    let line = record.position().map_or(line, |p| p.line() as usize);
                    each(self.parse(&record, line, &idx, &opt, &dates));
                }
                Err(e) => {
                    rows += 1;
                    let line = e.position().map_or(line, |p| p.line() as usize);
                    let io = matches!(e.kind(), csv::ErrorKind::Io(_));
                    each(Err(RowProblem {
                        code: Code::REC003,
                        line,
                        message: crate::load::register::describe(&e),
                    }));
                    if io {
                        break;
                    }
                }
            }
        }
        Ok(rows)
    }

    fn parse<'r>(
        &'r self,
        r: &'r csv::ByteRecord,
        line: usize,
        idx: &[usize],
        opt: &[Option<usize>],
        dates: &DateReader<'_>,
    ) -> Result<Dossier<'r>, RowProblem> {
        let bad = |message: String| RowProblem {
            code: Code::DOS001,
            line,
            message,
        };
        let get = |i: usize| -> Result<&'r str, RowProblem> {
            let b = r.get(i).unwrap_or_default().trim_ascii();
            std::str::from_utf8(b).map_err(|_| RowProblem {
                code: Code::REC003,
                line,
                message: "row is not valid UTF-8; save the register as UTF-8".into(),
            })
        };
        let get_opt = |i: Option<usize>| i.map_or(Ok(""), get);
        let bytes = |i: usize| r.get(i).unwrap_or_default().trim_ascii();
        let bytes_opt = |i: Option<usize>| i.map_or(&b""[..], bytes);
        let date = |name: &str, s: &[u8]| -> Result<Option<Date>, RowProblem> {
            if s.is_empty() {
                return Ok(None);
            }
            dates.read(s).map(Some).ok_or_else(|| {
                bad(format!(
                    "`{name}` is `{}`, expected a date like {}",
                    String::from_utf8_lossy(s),
                    example(dates.format)
                ))
            })
        };
        let code = get(idx[0])?;
        // Matched as bytes against the known ids: the id comes from the map.
        let procedure_bytes = bytes(idx[1]);
        let known = self
            .procedures
            .iter()
            .find(|(id, _)| id.as_bytes() == procedure_bytes);
        if code.is_empty() {
            return Err(bad("the row has no dossier `code`".into()));
        }
        let received = date("received", bytes(idx[2]))?
            .ok_or_else(|| bad(format!("dossier {code} has no `received` date")))?;
        let due_written = date("due", bytes(idx[3]))?;
        let resolved = date("resolved", bytes(idx[4]))?;
        let returned = date("returned", bytes(idx[5]))?;
        let paused_days = match get_opt(opt[2])? {
            "" => 0,
            s => s.parse().map_err(|_| {
                bad(format!(
                    "`paused_days` is `{s}`, expected a whole number of working days"
                ))
            })?,
        };
        let apology_on = date("apology_on", bytes_opt(opt[3]))?;
        let new_due = date("new_due", bytes_opt(opt[4]))?;
        let Some((procedure, (proc_field, limit))) = known else {
            let procedure = String::from_utf8_lossy(procedure_bytes);
            return Err(bad(format!(
                "dossier {code}: unknown procedure `{procedure}` (no document with this id and a time_limit_days)"
            )));
        };
        let computed_due = self
            .calendar
            .add_working_days(received, limit + paused_days);
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
        let field = match get_opt(opt[1])? {
            "" => proc_field.as_str(),
            f => f,
        };
        Ok(Dossier {
            line,
            code,
            procedure,
            field,
            channel: get_opt(opt[0])?,
            received,
            due,
            computed_due: Some(computed_due),
            due_written: due_written.is_some(),
            resolved,
            returned,
            outcome: get(idx[6])?,
            paused_days,
            apology_on,
            new_due,
        })
    }
}

/// Reads dates in one format, the format parsed once per register.
struct DateReader<'f> {
    items: &'f [chrono::format::Item<'f>],
    format: &'f str,
}

impl DateReader<'_> {
    fn read(&self, b: &[u8]) -> Option<Date> {
        // The two formats registers use, read without the general parser
        // (three dates a row, a million rows).
        // Two digits at `i`; the caller has checked the length.
        let two = |i: usize| {
            let (x, y) = (b[i].wrapping_sub(b'0'), b[i + 1].wrapping_sub(b'0'));
            (x < 10 && y < 10).then_some(u32::from(x) * 10 + u32::from(y))
        };
        let ymd = match (self.format, b.len()) {
            ("%Y-%m-%d", 10) if b[4] == b'-' && b[7] == b'-' => {
                Some((two(0)? * 100 + two(2)?, two(5)?, two(8)?))
            }
            ("%d/%m/%Y", 10) if b[2] == b'/' && b[5] == b'/' => {
                Some((two(6)? * 100 + two(8)?, two(3)?, two(0)?))
            }
            _ => None,
        };
        if let Some((y, m, d)) = ymd {
            return Date::from_ymd(i32::try_from(y).ok()?, m, d);
        }
        let mut parsed = chrono::format::Parsed::new();
        let s = std::str::from_utf8(b).ok()?;
        chrono::format::parse(&mut parsed, s, self.items.iter()).ok()?;
        parsed.to_naive_date().ok().map(Date::from_naive)
    }
}

fn example(format: &str) -> String {
    NaiveDate::from_ymd_opt(2012, 3, 15).map_or_else(String::new, |d| d.format(format).to_string())
}

/// Streams every dossier of every dossier register of a QMS to `each`.
/// Returns the row problems (each with its register's path).
pub fn for_each_dossier(
    qms: &Qms,
    calendar: &WorkingCalendar,
    mut each: impl FnMut(&Dossier<'_>),
) -> Vec<(String, RowProblem)> {
    let procs = procedures(qms);
    let mut problems = Vec::new();
    for reg in registers(qms, &procs, calendar) {
        let res = reg.read(|row| match row {
            Ok(d) => each(&d),
            Err(p) => problems.push((reg.rel.clone(), p)),
        });
        if let Err(e) = res {
            problems.push((
                reg.rel.clone(),
                RowProblem {
                    code: Code::REC003,
                    line: 0,
                    message: e.to_string(),
                },
            ));
        }
    }
    problems
}
