//! The one place where metrics read a register's file: a CSV streamed
//! through the QMS's source, one row at a time, handed over as
//! [`RegisterRow`]s.
//!
//! Everything else in `measure` sees only [`RegisterRow`] and the column
//! names, so another reader (a workbook, a shared row reader of the
//! registers layer) replaces this file without touching the metrics. Rows
//! the CSV reader refuses (a wrong number of fields, bytes that are not
//! UTF-8) are skipped here: the register's scan reports them (REC003).

use std::collections::HashMap;
use std::io::Read;
use std::rc::Rc;

use crate::load::Qms;
use crate::measure::rows::RegisterRow;

/// A register opened for reading: its columns, then its rows.
pub(crate) struct CsvRows<'q> {
    columns: Vec<String>,
    index: Rc<HashMap<String, usize>>,
    records: csv::StringRecordsIntoIter<Box<dyn Read + Send + 'q>>,
}

/// One row of a CSV register.
pub(crate) struct CsvRow {
    record: csv::StringRecord,
    index: Rc<HashMap<String, usize>>,
    line: usize,
}

impl RegisterRow for CsvRow {
    fn cell(&self, column: &str) -> Option<&str> {
        let i = *self.index.get(column)?;
        Some(self.record.get(i).unwrap_or("").trim())
    }

    fn line(&self) -> usize {
        self.line
    }
}

/// Opens the register at `rel` (relative to the QMS) and reads its header.
/// The error says why it cannot be read.
pub(crate) fn open<'q>(qms: &'q Qms, rel: &str) -> Result<CsvRows<'q>, String> {
    let input = qms.source().open(rel).map_err(|e| e.to_string())?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(input);
    let columns: Vec<String> = reader
        .headers()
        .map_err(|e| crate::load::register::describe(&e))?
        .iter()
        .map(|c| c.trim().to_string())
        .collect();
    let index = columns
        .iter()
        .enumerate()
        .rev() // the first of two columns of one name wins
        .map(|(i, c)| (c.clone(), i))
        .collect();
    Ok(CsvRows {
        columns,
        index: Rc::new(index),
        records: reader.into_records(),
    })
}

impl CsvRows<'_> {
    /// The column names of the header, trimmed.
    pub(crate) fn columns(&self) -> &[String] {
        &self.columns
    }
}

impl Iterator for CsvRows<'_> {
    type Item = CsvRow;

    fn next(&mut self) -> Option<CsvRow> {
        loop {
            match self.records.next()? {
                Ok(record) => {
                    let line = record.position().map_or(0, |p| p.line() as usize);
                    return Some(CsvRow {
                        record,
                        index: Rc::clone(&self.index),
                        line,
                    });
                }
                Err(e) if matches!(e.kind(), csv::ErrorKind::Io(_)) => return None,
                Err(_) => continue,
            }
        }
    }
}
