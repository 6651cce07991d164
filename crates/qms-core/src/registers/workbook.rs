//! One sheet of a workbook (`.xlsx`, `.xls`, `.ods`), read with calamine
//! and handed out row by row as [`crate::registers::cells::Row`]s.
//!
//! calamine needs `Read + Seek`: the workbook's bytes are read whole (they
//! are compressed). An `.xlsx` sheet is then streamed cell by cell (its
//! table of shared strings is held); `.xls` and `.ods` sheets are read into
//! memory by calamine, which has no streaming reader for them. The first
//! row with a value is the header; rows without any value are skipped; a
//! cell keeps its own column (a sheet may start anywhere).

use std::io::Cursor;
use std::ops::ControlFlow;
use std::sync::Arc;

use calamine::{Data, DataRef, Reader, SheetType};

use crate::base::date::Date;
use crate::registers::cells::{
    Cells, RegisterFormat, Row, RowEvent, RowsError, RowsRead, SheetCell, Value,
};

/// Reads `sheet` (the first worksheet when `None`) of the workbook
/// `bytes`, a file of `format`.
pub(crate) fn read(
    bytes: Vec<u8>,
    format: RegisterFormat,
    sheet: Option<&str>,
    each: impl FnMut(RowEvent<'_>) -> ControlFlow<()>,
) -> Result<RowsRead, RowsError> {
    let bytes = Cursor::new(bytes);
    let bad = |e: &dyn std::fmt::Display| RowsError::Workbook(e.to_string());
    match format {
        RegisterFormat::Xls => {
            let book = calamine::Xls::new(bytes).map_err(|e| bad(&e))?;
            read_range(book, sheet, each)
        }
        RegisterFormat::Ods => {
            let book = calamine::Ods::new(bytes).map_err(|e| bad(&e))?;
            read_range(book, sheet, each)
        }
        _ => {
            let mut book = calamine::Xlsx::new(bytes).map_err(|e| bad(&e))?;
            let name = pick(&book, sheet)?;
            let mut cells = book.worksheet_cells_reader(&name).map_err(|e| bad(&e))?;
            let mut reader = SheetReader::new(&name, each);
            while let Some(cell) = cells.next_cell().map_err(|e| bad(&e))? {
                let (row, col) = cell.get_position();
                if reader.cell(row, col, cell.get_value()).is_break() {
                    return Ok(reader.read);
                }
            }
            reader.finish();
            Ok(reader.read)
        }
    }
}

/// A sheet calamine reads whole (`.xls`, `.ods`).
fn read_range<B: Reader<Cursor<Vec<u8>>>>(
    mut book: B,
    sheet: Option<&str>,
    each: impl FnMut(RowEvent<'_>) -> ControlFlow<()>,
) -> Result<RowsRead, RowsError>
where
    B::Error: std::fmt::Display,
{
    let name = pick(&book, sheet)?;
    let range = book
        .worksheet_range(&name)
        .map_err(|e| RowsError::Workbook(e.to_string()))?;
    let mut reader = SheetReader::new(&name, each);
    let (row0, col0) = range.start().unwrap_or((0, 0));
    for (i, cells) in range.rows().enumerate() {
        let row = row0 + i as u32;
        for (j, data) in cells.iter().enumerate() {
            if reader.cell(row, col0 + j as u32, data).is_break() {
                return Ok(reader.read);
            }
        }
    }
    reader.finish();
    Ok(reader.read)
}

/// The sheet to read: the one named, else the first worksheet.
fn pick<B: Reader<Cursor<Vec<u8>>>>(book: &B, sheet: Option<&str>) -> Result<String, RowsError> {
    let sheets = book.sheets_metadata();
    match sheet {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_print_as_a_sheet_shows_them() {
        let mut t = Vec::new();
        write_number(12.0, &mut t);
        t.push(b' ');
        write_number(0.5, &mut t);
        assert_eq!(t, b"12 0.5");
    }
}
