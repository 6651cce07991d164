//! A register row by row, whatever its file: a CSV file, or one sheet of a
//! workbook (`.xlsx`, `.xls`, `.ods`; [`crate::registers::workbook`]).
//!
//! Every register reader (the dossier book, the typed tables, the evidence
//! pack) goes through [`RegisterRows::read`]: it hands out the header and
//! then each data row as a [`Row`] of cells with its position, or a
//! [`BadRow`] that cannot be read ([`crate::registers::cells`]). The same
//! rows give the same results from either kind of file.
//!
//! Memory does not grow with the rows: a CSV file is streamed through the
//! source; a workbook as [`crate::registers::workbook`] says.

use std::ops::ControlFlow;

use crate::registers::cells::{BadRow, Cells, RegisterFormat, Row, RowEvent, RowsError, RowsRead};
use crate::registers::workbook;
use crate::source::Source;

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
            format => workbook::read(self.source.read(self.rel)?, format, self.sheet, each),
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
}
