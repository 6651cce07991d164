//! A register's rows and cells as every reader sees them, whatever the
//! file: the kind of file ([`RegisterFormat`]), a [`Row`] of [`Cell`]s with
//! its position (the CSV line, or the sheet and its row; a cell adds its
//! column), and what reading hands out ([`RowEvent`]). A workbook's cell
//! comes with its text (numbers without a trailing `.0`, dates as
//! `2012-03-15`) and what the workbook stored (a number, a date), so the
//! same rows read the same from a CSV file or a sheet.

use std::ops::Range;
use std::sync::Arc;

use crate::base::date::Date;
use crate::base::span::Location;
use crate::base::text::FileId;
use crate::source::SourceError;

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
    pub(crate) const EMPTY: Cell<'static> = Cell {
        text: b"",
        value: Value::Empty,
    };

    /// Whether the cell holds nothing.
    pub fn is_empty(&self) -> bool {
        self.value == Value::Empty
    }

    /// The text, when it is UTF-8.
    pub fn as_str(&self) -> Option<&'r str> {
        if self.text.is_empty() {
            return Some(""); // most optional columns of most rows
        }
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
    pub(crate) line: usize,
    pub(crate) cells: Cells<'r>,
    pub(crate) sheet: Option<&'r Arc<str>>,
}

#[derive(Debug, Clone, Copy)]
pub(crate) enum Cells<'r> {
    Csv(&'r csv::ByteRecord),
    Sheet {
        cells: &'r [SheetCell],
        text: &'r [u8],
    },
}

/// A workbook cell of the row being read: its text in the row's buffer.
#[derive(Debug, Clone)]
pub(crate) struct SheetCell {
    pub(crate) text: Range<usize>,
    pub(crate) value: Value,
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

/// What [`RegisterRows::read`](crate::registers::rows::RegisterRows::read) hands out, in order: the header once, then
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
    /// The rows could not be written
    /// ([`RegisterRows::write_csv`](crate::registers::rows::RegisterRows::write_csv)).
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
