//! A register row by row, whatever its file: a CSV file, or one sheet of a
//! workbook (`.xlsx`, `.xls`, `.ods`, read with calamine).
//!
//! Every register reader (the dossier book, the typed tables) goes through
//! [`RegisterRows::read`]: it hands out the header and then each data row as
//! a [`Row`] of [`Cell`]s with its position (the CSV line, or the sheet row;
//! a cell adds its column), or a [`BadRow`] that cannot be read. The same
//! rows give the same results from either kind of file: a workbook's cells
//! come with their text (numbers without a trailing `.0`, dates as
//! `2012-03-15`) and what the workbook stored (a number, a date).
//!
//! Memory does not grow with the rows. A CSV file is streamed through the
//! source. A workbook's bytes are read whole (calamine needs `Read + Seek`);
//! an `.xlsx` sheet is then streamed cell by cell (its table of shared
//! strings is held), while `.xls` and `.ods` sheets are read into memory by
//! calamine, which has no streaming reader for them.

use std::io::Cursor;
use std::ops::{ControlFlow, Range};
use std::sync::Arc;

use calamine::{Data, DataRef, Reader, SheetType};

use crate::base::date::Date;
use crate::base::span::Location;
use crate::base::text::FileId;
use crate::source::{Source, SourceError};

/// The kind of file a register is, from its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum RegisterFormat {
    /// Comma-separated values, UTF-8, a header row first (any other
    /// extension too).
    Csv,
    /// An Office Open XML workbook (`.xlsx`, `.xlsm`).
    Xlsx,
    /// An Excel 97-2003 workbook (`.xls`).
    Xls,
    /// An OpenDocument spreadsheet (`.ods`).
    Ods,
}

impl RegisterFormat {
    /// The format of the file at `path`, by its extension.
    pub fn of(path: &str) -> Self {
        let ext = path
            .rsplit_once('.')
            .map(|(_, e)| e.to_ascii_lowercase())
            .unwrap_or_default();
        match ext.as_str() {
            "xlsx" | "xlsm" => RegisterFormat::Xlsx,
            "xls" => RegisterFormat::Xls,
            "ods" => RegisterFormat::Ods,
            _ => RegisterFormat::Csv,
        }
    }

    /// Whether the file is a workbook (its rows are in sheets).
    pub fn is_workbook(self) -> bool {
        self != RegisterFormat::Csv
    }
}

/// What a cell holds, as the file stored it.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub enum Value {
    /// Nothing (or only spaces).
    Empty,
    /// Text: the cell's [`Cell::text`]. Every cell of a CSV file.
    Text,
    /// A number stored in a workbook.
    Number(f64),
    /// A date (or date and time: the date is kept) stored in a workbook.
    Date(Date),
    /// A truth value stored in a workbook.
    Bool(bool),
    /// An error value of a workbook formula (`#DIV/0!`).
    Error,
}

/// One cell of a row.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cell<'r> {
    /// The cell as text, surrounding spaces removed: a CSV field (bytes:
    /// not checked for UTF-8 until asked), or what a workbook's cell shows
    /// (`12`, `0.5`, `2024-02-14`, `TRUE`, `#DIV/0!`).
    pub text: &'r [u8],
    /// What the file stored.
    pub value: Value,
}

impl<'r> Cell<'r> {
    const EMPTY: Cell<'static> = Cell {
        text: b"",
        value: Value::Empty,
    };

    /// Whether the cell holds nothing.
    pub fn is_empty(&self) -> bool {
        self.value == Value::Empty
    }

    /// The text, when it is UTF-8.
    pub fn as_str(&self) -> Option<&'r str> {
        std::str::from_utf8(self.text).ok()
    }

    /// The text, invalid UTF-8 replaced.
    pub fn lossy(&self) -> std::borrow::Cow<'r, str> {
        String::from_utf8_lossy(self.text)
    }
}

/// One row of a register.
#[derive(Debug, Clone, Copy)]
pub struct Row<'r> {
    line: usize,
    cells: Cells<'r>,
    sheet: Option<&'r Arc<str>>,
}

#[derive(Debug, Clone, Copy)]
enum Cells<'r> {
    Csv(&'r csv::ByteRecord),
    Sheet {
        cells: &'r [SheetCell],
        text: &'r [u8],
    },
}

/// A workbook cell of the row being read: its text in the row's buffer.
#[derive(Debug, Clone)]
struct SheetCell {
    text: Range<usize>,
    value: Value,
}

impl<'r> Row<'r> {
    /// The line in the CSV file, or the row in the sheet (one-based).
    pub fn line(&self) -> usize {
        self.line
    }

    /// How many cells the row has (a sheet row counts from column `A`).
    pub fn len(&self) -> usize {
        match self.cells {
            Cells::Csv(r) => r.len(),
            Cells::Sheet { cells, .. } => cells.len(),
        }
    }

    /// Whether the row has no cell.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The cell at `index` (zero-based); an empty cell past the row's end.
    #[inline]
    pub fn get(&self, index: usize) -> Cell<'r> {
        match self.cells {
            Cells::Csv(r) => match r.get(index) {
                Some(b) => {
                    let text = b.trim_ascii();
                    Cell {
                        text,
                        value: if text.is_empty() {
                            Value::Empty
                        } else {
                            Value::Text
                        },
                    }
                }
                None => Cell::EMPTY,
            },
            Cells::Sheet { cells, text } => match cells.get(index) {
                Some(c) => Cell {
                    text: &text[c.text.clone()],
                    value: c.value,
                },
                None => Cell::EMPTY,
            },
        }
    }

    /// Every cell's text, invalid UTF-8 replaced (a header's names).
    pub fn texts(&self) -> Vec<String> {
        (0..self.len())
            .map(|i| self.get(i).lossy().into_owned())
            .collect()
    }

    /// The sheet the row is in, for a workbook.
    pub fn sheet(&self) -> Option<&'r Arc<str>> {
        self.sheet
    }

    /// Where the row is in `file`, or its cell at `index` (zero-based).
    pub fn location(&self, file: FileId, index: Option<usize>) -> Location {
        Location::cell(file, self.sheet.cloned(), self.line, index.map(|i| i + 1))
    }
}

/// A row that cannot be read: a CSV row of the wrong width, not UTF-8, or
/// a read error that ends the register.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct BadRow {
    /// Line in the file (one-based).
    pub line: usize,
    /// What is wrong, in the officer's words.
    pub message: String,
}

/// What [`RegisterRows::read`] hands out, in order: the header once, then
/// each data row or bad row.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum RowEvent<'r> {
    /// The header row: the columns' names (empty when the file or sheet
    /// is empty). A header that cannot be read is a [`RowEvent::Bad`]
    /// instead, and no row follows.
    Header(Row<'r>),
    /// A data row.
    Row(Row<'r>),
    /// A row that cannot be read.
    Bad(BadRow),
}

/// Why a register cannot be read at all.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RowsError {
    /// The source cannot open or read the file.
    #[error(transparent)]
    Source(#[from] SourceError),
    /// The workbook cannot be read (calamine's message).
    #[error("the workbook cannot be read: {0}")]
    Workbook(String),
    /// The sheet asked for is not in the workbook.
    #[error("the workbook has no sheet `{wanted}` (its sheets: {})", .sheets.join(", "))]
    NoSheet {
        /// The sheet asked for.
        wanted: String,
        /// The workbook's sheets.
        sheets: Vec<String>,
    },
    /// The workbook has no worksheet.
    #[error("the workbook has no worksheet")]
    NoWorksheet,
    /// The rows could not be written ([`RegisterRows::write_csv`]).
    #[error("writing the rows: {0}")]
    Write(String),
}

/// What a read went through.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct RowsRead {
    /// Data rows, bad rows included (the header and empty sheet rows
    /// excluded).
    pub rows: u64,
    /// The sheet read, for a workbook.
    pub sheet: Option<Arc<str>>,
}

/// How to read one register's rows.
#[derive(Debug, Clone, Copy)]
pub struct RegisterRows<'a> {
    source: &'a dyn Source,
    rel: &'a str,
    sheet: Option<&'a str>,
}

impl<'a> RegisterRows<'a> {
    /// The register at `rel` (relative to the QMS) in `source`; `sheet`
    /// names a workbook's sheet (the first worksheet when `None`; ignored
    /// for a CSV file).
    pub fn new(source: &'a dyn Source, rel: &'a str, sheet: Option<&'a str>) -> Self {
        RegisterRows { source, rel, sheet }
    }

    /// The kind of file.
    pub fn format(&self) -> RegisterFormat {
        RegisterFormat::of(self.rel)
    }

    /// Reads the register: `each` gets the header, then every row, and may
    /// stop the reading with [`ControlFlow::Break`].
    pub fn read(
        &self,
        each: impl FnMut(RowEvent<'_>) -> ControlFlow<()>,
    ) -> Result<RowsRead, RowsError> {
        match self.format() {
            RegisterFormat::Csv => self.read_csv(each),
            format => self.read_workbook(format, each),
        }
    }

    /// Writes the register as CSV to `out`: the header, then every row
    /// that can be read, each cell as its text (a workbook's dates as
    /// `2012-03-15`, numbers as a sheet shows them in the General format),
    /// rows padded to the header's width. How the evidence pack carries a
    /// workbook register.
    pub fn write_csv(&self, out: impl std::io::Write) -> Result<RowsRead, RowsError> {
        let mut w = csv::WriterBuilder::new().flexible(true).from_writer(out);
        let mut width = 0;
        let mut failed: Option<csv::Error> = None;
        let read = self.read(|e| {
            let row = match e {
                RowEvent::Header(h) => {
                    width = h.len();
                    h
                }
                RowEvent::Row(r) => r,
                RowEvent::Bad(_) => return ControlFlow::Continue(()),
            };
            let fields = (0..row.len().max(width)).map(|i| row.get(i).text);
            match w.write_record(fields) {
                Ok(()) => ControlFlow::Continue(()),
                Err(e) => {
                    failed = Some(e);
                    ControlFlow::Break(())
                }
            }
        })?;
        if let Some(e) = failed {
            return Err(RowsError::Write(e.to_string()));
        }
        w.flush().map_err(|e| RowsError::Write(e.to_string()))?;
        Ok(read)
    }

    fn read_csv(
        &self,
        mut each: impl FnMut(RowEvent<'_>) -> ControlFlow<()>,
    ) -> Result<RowsRead, RowsError> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(false)
            .from_reader(self.source.open(self.rel)?);
        let mut read = RowsRead::default();
        if let Err(e) = reader.headers() {
            let line = e.position().map_or(1, |p| p.line() as usize);
            let _ = each(RowEvent::Bad(BadRow {
                line,
                message: describe(&e),
            }));
            return Ok(read);
        }
        let header = reader.byte_headers().cloned().unwrap_or_default();
        let row = Row {
            line: 1,
            cells: Cells::Csv(&header),
            sheet: None,
        };
        if each(RowEvent::Header(row)).is_break() {
            return Ok(read);
        }
        // Bytes, not strings: a reader checks UTF-8 only in the fields it uses.
        let mut record = csv::ByteRecord::new();
        loop {
            let line = reader.position().line() as usize;
            let flow = match reader.read_byte_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {
                    read.rows += 1;
                    let line = record.position().map_or(line, |p| p.line() as usize);
                    each(RowEvent::Row(Row {
                        line,
                        cells: Cells::Csv(&record),
                        sheet: None,
                    }))
                }
                Err(e) => {
                    read.rows += 1;
                    let line = e.position().map_or(line, |p| p.line() as usize);
                    let io = matches!(e.kind(), csv::ErrorKind::Io(_));
                    let flow = each(RowEvent::Bad(BadRow {
                        line,
                        message: describe(&e),
                    }));
                    if io {
                        break;
                    }
                    flow
                }
            };
            if flow.is_break() {
                break;
            }
        }
        Ok(read)
    }

    fn read_workbook(
        &self,
        format: RegisterFormat,
        each: impl FnMut(RowEvent<'_>) -> ControlFlow<()>,
    ) -> Result<RowsRead, RowsError> {
        let bytes = Cursor::new(self.source.read(self.rel)?);
        let bad = |e: &dyn std::fmt::Display| RowsError::Workbook(e.to_string());
        match format {
            RegisterFormat::Xls => {
                let book = calamine::Xls::new(bytes).map_err(|e| bad(&e))?;
                self.read_range(book, each)
            }
            RegisterFormat::Ods => {
                let book = calamine::Ods::new(bytes).map_err(|e| bad(&e))?;
                self.read_range(book, each)
            }
            _ => {
                let mut book = calamine::Xlsx::new(bytes).map_err(|e| bad(&e))?;
                let name = self.pick(&book)?;
                let mut cells = book.worksheet_cells_reader(&name).map_err(|e| bad(&e))?;
                let mut sheet = SheetReader::new(&name, each);
                while let Some(cell) = cells.next_cell().map_err(|e| bad(&e))? {
                    let (row, col) = cell.get_position();
                    if sheet.cell(row, col, cell.get_value()).is_break() {
                        return Ok(sheet.read);
                    }
                }
                sheet.finish();
                Ok(sheet.read)
            }
        }
    }

    /// A sheet calamine reads whole (`.xls`, `.ods`).
    fn read_range<B: Reader<Cursor<Vec<u8>>>>(
        &self,
        mut book: B,
        each: impl FnMut(RowEvent<'_>) -> ControlFlow<()>,
    ) -> Result<RowsRead, RowsError>
    where
        B::Error: std::fmt::Display,
    {
        let name = self.pick(&book)?;
        let range = book
            .worksheet_range(&name)
            .map_err(|e| RowsError::Workbook(e.to_string()))?;
        let mut sheet = SheetReader::new(&name, each);
        let (row0, col0) = range.start().unwrap_or((0, 0));
        for (i, cells) in range.rows().enumerate() {
            let row = row0 + i as u32;
            for (j, data) in cells.iter().enumerate() {
                if sheet.cell(row, col0 + j as u32, data).is_break() {
                    return Ok(sheet.read);
                }
            }
        }
        sheet.finish();
        Ok(sheet.read)
    }

    /// The sheet to read: the one named, else the first worksheet.
    fn pick<B: Reader<Cursor<Vec<u8>>>>(&self, book: &B) -> Result<String, RowsError> {
        let sheets = book.sheets_metadata();
        match self.sheet {
            Some(wanted) => sheets
                .iter()
                .find(|s| s.name == wanted)
                .map(|s| s.name.clone())
                .ok_or_else(|| RowsError::NoSheet {
                    wanted: wanted.to_string(),
                    sheets: sheets.iter().map(|s| s.name.clone()).collect(),
                }),
            None => sheets
                .iter()
                .find(|s| s.typ == SheetType::WorkSheet)
                .map(|s| s.name.clone())
                .ok_or(RowsError::NoWorksheet),
        }
    }
}

/// What a workbook cell becomes: a value and its text.
trait SheetValue {
    fn write(&self, text: &mut Vec<u8>) -> Value;
}

impl SheetValue for DataRef<'_> {
    fn write(&self, text: &mut Vec<u8>) -> Value {
        match self {
            DataRef::SharedString(s) => write_text(s, text),
            DataRef::String(s) => write_text(s, text),
            DataRef::Int(i) => write_number(*i as f64, text),
            DataRef::Float(f) => write_number(*f, text),
            DataRef::Bool(b) => write_bool(*b, text),
            DataRef::DateTime(d) => write_datetime(d, text),
            DataRef::DateTimeIso(s) => write_iso(s, text),
            DataRef::DurationIso(s) => write_text(s, text),
            DataRef::Error(e) => write_error(e, text),
            DataRef::Empty => Value::Empty,
        }
    }
}

impl SheetValue for Data {
    fn write(&self, text: &mut Vec<u8>) -> Value {
        match self {
            Data::String(s) => write_text(s, text),
            Data::Int(i) => write_number(*i as f64, text),
            Data::Float(f) => write_number(*f, text),
            Data::Bool(b) => write_bool(*b, text),
            Data::DateTime(d) => write_datetime(d, text),
            Data::DateTimeIso(s) => write_iso(s, text),
            Data::DurationIso(s) => write_text(s, text),
            Data::Error(e) => write_error(e, text),
            Data::Empty => Value::Empty,
        }
    }
}

fn write_text(s: &str, text: &mut Vec<u8>) -> Value {
    let s = s.trim();
    text.extend_from_slice(s.as_bytes());
    if s.is_empty() {
        Value::Empty
    } else {
        Value::Text
    }
}

/// A number as a sheet shows it in the General format: `12`, not `12.0`.
fn write_number(f: f64, text: &mut Vec<u8>) -> Value {
    use std::io::Write;
    let _ = if f.fract() == 0.0 && f.abs() < 1e15 {
        write!(text, "{}", f as i64)
    } else {
        write!(text, "{f}")
    };
    Value::Number(f)
}

fn write_bool(b: bool, text: &mut Vec<u8>) -> Value {
    text.extend_from_slice(if b { b"TRUE" } else { b"FALSE" });
    Value::Bool(b)
}

fn write_datetime(d: &calamine::ExcelDateTime, text: &mut Vec<u8>) -> Value {
    use std::io::Write;
    if !d.is_datetime() {
        return write_number(d.as_f64(), text);
    }
    let (y, m, day, h, min, s, _) = d.to_ymd_hms_milli();
    let Some(date) = Date::from_ymd(i32::from(y), u32::from(m), u32::from(day)) else {
        return write_number(d.as_f64(), text);
    };
    let _ = write!(text, "{date}");
    if (h, min, s) != (0, 0, 0) {
        let _ = write!(text, " {h:02}:{min:02}:{s:02}");
    }
    Value::Date(date)
}

fn write_iso(s: &str, text: &mut Vec<u8>) -> Value {
    let s = s.trim();
    text.extend_from_slice(s.as_bytes());
    match s.get(..10).and_then(|d| d.parse::<Date>().ok()) {
        Some(date) => Value::Date(date),
        None => Value::Text,
    }
}

fn write_error(e: &calamine::CellErrorType, text: &mut Vec<u8>) -> Value {
    use std::io::Write;
    let _ = write!(text, "{e}");
    Value::Error
}

/// Gathers a sheet's cells into rows and hands them out: the first row
/// with a value is the header; rows without any value are skipped.
struct SheetReader<F> {
    name: Arc<str>,
    each: F,
    row: Option<u32>,
    cells: Vec<SheetCell>,
    text: Vec<u8>,
    any: bool,
    header_seen: bool,
    read: RowsRead,
}

impl<F: FnMut(RowEvent<'_>) -> ControlFlow<()>> SheetReader<F> {
    fn new(name: &str, each: F) -> Self {
        let name: Arc<str> = Arc::from(name);
        SheetReader {
            read: RowsRead {
                rows: 0,
                sheet: Some(name.clone()),
            },
            name,
            each,
            row: None,
            cells: Vec::new(),
            text: Vec::new(),
            any: false,
            header_seen: false,
        }
    }

    /// Adds a cell (zero-based row and column), handing out the row before
    /// when this one starts a new row.
    fn cell(&mut self, row: u32, col: u32, value: &impl SheetValue) -> ControlFlow<()> {
        if self.row != Some(row) {
            self.flush()?;
            self.row = Some(row);
        }
        let col = col as usize;
        while self.cells.len() < col {
            let at = self.text.len();
            self.cells.push(SheetCell {
                text: at..at,
                value: Value::Empty,
            });
        }
        let start = self.text.len();
        let value = value.write(&mut self.text);
        self.any |= value != Value::Empty;
        let cell = SheetCell {
            text: start..self.text.len(),
            value,
        };
        match self.cells.get_mut(col) {
            Some(c) => *c = cell, // a cell written twice: the last one
            None => self.cells.push(cell),
        }
        ControlFlow::Continue(())
    }

    /// Hands out the last row; an empty header when the sheet had no row.
    fn finish(&mut self) {
        if self.flush().is_continue() && !self.header_seen {
            let _ = (self.each)(RowEvent::Header(Row {
                line: 1,
                cells: Cells::Sheet {
                    cells: &[],
                    text: &[],
                },
                sheet: Some(&self.name),
            }));
        }
    }

    /// Hands out the row gathered, if it has a value.
    fn flush(&mut self) -> ControlFlow<()> {
        let flow = match self.row {
            Some(row) if self.any => {
                let r = Row {
                    line: row as usize + 1,
                    cells: Cells::Sheet {
                        cells: &self.cells,
                        text: &self.text,
                    },
                    sheet: Some(&self.name),
                };
                if self.header_seen {
                    self.read.rows += 1;
                    (self.each)(RowEvent::Row(r))
                } else {
                    self.header_seen = true;
                    (self.each)(RowEvent::Header(r))
                }
            }
            _ => ControlFlow::Continue(()),
        };
        self.cells.clear();
        self.text.clear();
        self.any = false;
        self.row = None;
        flow
    }
}

/// A CSV error in the officer's words.
pub fn describe(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("row has {len} fields, expected {expected_len} like the header"),
        csv::ErrorKind::Utf8 { .. } => "row is not valid UTF-8; save the register as UTF-8".into(),
        csv::ErrorKind::Io(io) => format!("read error: {io}"),
        _ => e.to_string(),
    }
}

/// Reads the dates of a register in its `date_format` (text), or as a
/// workbook stored them (a date cell, or a number: the days of Excel's
/// 1900 calendar).
#[derive(Debug, Clone)]
pub struct DateReader {
    format: String,
    items: Vec<chrono::format::Item<'static>>,
}

impl DateReader {
    /// Dates written in `format` (a chrono format; ISO `%Y-%m-%d` when
    /// `None`). `Err` with the format when chrono cannot read it.
    pub fn new(format: Option<&str>) -> Result<Self, String> {
        let format = format.unwrap_or("%Y-%m-%d");
        let items = chrono::format::StrftimeItems::new(format)
            .parse_to_owned()
            .map_err(|_| format.to_string())?;
        Ok(DateReader {
            format: format.to_string(),
            items,
        })
    }

    /// The format dates are written in.
    pub fn format(&self) -> &str {
        &self.format
    }

    /// 15 March 2012 written in the format, for messages.
    pub fn example(&self) -> String {
        use std::fmt::Write;
        let mut out = String::new();
        let date = chrono::NaiveDate::from_ymd_opt(2012, 3, 15).unwrap_or_default();
        match write!(out, "{}", date.format_with_items(self.items.iter())) {
            Ok(()) => out,
            Err(_) => "2012-03-15".into(),
        }
    }

    /// The date of a cell; `None` when it holds no date.
    #[inline]
    pub fn cell(&self, cell: &Cell<'_>) -> Option<Date> {
        match cell.value {
            Value::Date(d) => Some(d),
            Value::Number(n) => excel_serial(n),
            _ => self.text(cell.text),
        }
    }

    /// A date written as text in the format.
    pub fn text(&self, b: &[u8]) -> Option<Date> {
        // The two formats registers use, read without the general parser
        // (three dates a row, a million rows).
        // Two digits at `i`; the caller has checked the length.
        let two = |i: usize| {
            let (x, y) = (b[i].wrapping_sub(b'0'), b[i + 1].wrapping_sub(b'0'));
            (x < 10 && y < 10).then_some(u32::from(x) * 10 + u32::from(y))
        };
        let ymd = match (self.format.as_str(), b.len()) {
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

/// A day number of Excel's 1900 date system (1 is 1900-01-01; a fraction
/// is the time of day), from 1 to 2958465 (9999-12-31).
fn excel_serial(n: f64) -> Option<Date> {
    if !(1.0..2_958_466.0).contains(&n) {
        return None;
    }
    let d = calamine::ExcelDateTime::new(n, calamine::ExcelDateTimeType::DateTime, false);
    let (y, m, day, ..) = d.to_ymd_hms_milli();
    Date::from_ymd(i32::from(y), u32::from(m), u32::from(day))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::MemorySource;

    fn rows_of(source: &MemorySource, rel: &str) -> (Vec<String>, Vec<(usize, Vec<String>)>) {
        let mut header = Vec::new();
        let mut rows = Vec::new();
        RegisterRows::new(source, rel, None)
            .read(|e| {
                match e {
                    RowEvent::Header(r) => header = r.texts(),
                    RowEvent::Row(r) => rows.push((r.line(), r.texts())),
                    RowEvent::Bad(b) => rows.push((b.line, vec![b.message])),
                }
                ControlFlow::Continue(())
            })
            .expect("read");
        (header, rows)
    }

    #[test]
    fn csv_rows_and_bad_rows() {
        let source = MemorySource::new().with_file("r.csv", "a,b\n1, x \n2\n3,y\n");
        let (header, rows) = rows_of(&source, "r.csv");
        assert_eq!(header, ["a", "b"]);
        assert_eq!(rows[0], (2, vec!["1".to_string(), "x".to_string()]));
        assert_eq!(rows[1].0, 3);
        assert!(rows[1].1[0].contains("1 fields, expected 2"), "{rows:?}");
        assert_eq!(rows[2], (4, vec!["3".to_string(), "y".to_string()]));
    }

    #[test]
    fn dates_in_every_form() {
        let r = DateReader::new(Some("%d/%m/%Y")).expect("format");
        assert_eq!(r.example(), "15/03/2012");
        let text = Cell {
            text: b"14/02/2024",
            value: Value::Text,
        };
        assert_eq!(
            r.cell(&text).map(|d| d.to_string()),
            Some("2024-02-14".into())
        );
        let serial = Cell {
            text: b"45336",
            value: Value::Number(45336.0),
        };
        assert_eq!(
            r.cell(&serial).map(|d| d.to_string()),
            Some("2024-02-14".into())
        );
        assert!(DateReader::new(Some("%Q")).is_err());
        assert_eq!(r.text(b"2024-02-14"), None);
    }

    #[test]
    fn numbers_print_as_a_sheet_shows_them() {
        let mut t = Vec::new();
        write_number(12.0, &mut t);
        t.push(b' ');
        write_number(0.5, &mut t);
        assert_eq!(t, b"12 0.5");
    }
}
