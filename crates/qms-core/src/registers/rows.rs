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
//! source; a workbook as [`crate::registers::workbook`] says. A long CSV
//! file is parsed by a second thread (past its first 16,384 rows, in
//! batches of 1,024 records reused from batch to batch) while the calling
//! thread hands the rows out, in order: `stats` over a million rows takes
//! about the time of a bare csv scan.

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
        // The first rows are read here; the rest of a long register is
        // parsed by a second thread while this one hands out its rows (the
        // thread costs more than it saves on a register of a few thousand).
        let mut one = Batch::default();
        for _ in 0..ALONE_ROWS {
            let more = one.fill(&mut reader, 1);
            if one.hand_out(&mut read, &mut each).is_break() || !more {
                return Ok(read);
            }
        }
        let (full_tx, full_rx) = std::sync::mpsc::sync_channel::<Batch>(2);
        let (empty_tx, empty_rx) = std::sync::mpsc::channel::<Batch>();
        std::thread::scope(|scope| {
            scope.spawn(move || {
                loop {
                    let mut batch = empty_rx.try_recv().unwrap_or_default();
                    let more = batch.fill(&mut reader, BATCH_ROWS);
                    // the reader stopped: nobody to hand the rows to
                    if full_tx.send(batch).is_err() || !more {
                        return;
                    }
                }
            });
            // until the reading thread has sent its last batch
            while let Ok(mut batch) = full_rx.recv() {
                if batch.hand_out(&mut read, &mut each).is_break() {
                    break;
                }
                let _ = empty_tx.send(batch);
            }
            // the reading thread stops at its next batch
            drop(full_rx);
        });
        Ok(read)
    }
}

/// How many rows a batch carries from the reading thread.
const BATCH_ROWS: usize = 1024;
/// How many rows are read without a second thread, one at a time.
const ALONE_ROWS: usize = 16_384;

/// Rows read in one go; its records are reused from batch to batch, so that
/// reading allocates nothing a row.
#[derive(Default)]
struct Batch {
    slots: Vec<Slot>,
    len: usize,
}

/// One read: a record and its line, or why the row cannot be read.
struct Slot {
    record: csv::ByteRecord,
    line: usize,
    /// Why the row cannot be read.
    bad: Option<BadRow>,
}

impl Batch {
    /// Reads up to `rows` rows; `false` when the file ended (or cannot be
    /// read further).
    fn fill<R: std::io::Read>(&mut self, reader: &mut csv::Reader<R>, rows: usize) -> bool {
        self.len = 0;
        while self.len < rows {
            if self.len == self.slots.len() {
                self.slots.push(Slot {
                    record: csv::ByteRecord::new(),
                    line: 0,
                    bad: None,
                });
            }
            let slot = &mut self.slots[self.len];
            let line = reader.position().line() as usize;
            slot.bad = None;
            match reader.read_byte_record(&mut slot.record) {
                Ok(false) => return false,
                Ok(true) => {
                    slot.line = slot.record.position().map_or(line, |p| p.line() as usize);
                }
                Err(e) => {
                    slot.line = e.position().map_or(line, |p| p.line() as usize);
                    let io = matches!(e.kind(), csv::ErrorKind::Io(_));
                    slot.bad = Some(BadRow {
                        line: slot.line,
                        message: describe(&e),
                    });
                    self.len += 1;
                    if io {
                        return false; // an I/O error ends the reading
                    }
                    continue;
                }
            }
            self.len += 1;
        }
        true
    }

    /// Hands the batch's rows to `each`, in order.
    fn hand_out(
        &mut self,
        read: &mut RowsRead,
        each: &mut impl FnMut(RowEvent<'_>) -> ControlFlow<()>,
    ) -> ControlFlow<()> {
        for slot in &mut self.slots[..self.len] {
            read.rows += 1;
            let event = match slot.bad.take() {
                None => RowEvent::Row(Row {
                    line: slot.line,
                    cells: Cells::Csv(&slot.record),
                    sheet: None,
                }),
                Some(bad) => RowEvent::Bad(bad),
            };
            each(event)?;
        }
        ControlFlow::Continue(())
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
    fn a_long_register_reads_in_order_across_the_second_thread() {
        // Past the rows read alone, through several batches of the reading
        // thread: every row once, in order, bad rows in their place.
        let rows = ALONE_ROWS + 3 * BATCH_ROWS + 7;
        let bad = [5, ALONE_ROWS + 1, ALONE_ROWS + BATCH_ROWS + 2, rows];
        let mut text = String::from("n,x\n");
        for n in 1..=rows {
            if bad.contains(&n) {
                text.push_str(&format!("{n}\n"));
            } else {
                text.push_str(&format!("{n},r{n}\n"));
            }
        }
        let source = MemorySource::new().with_file("r.csv", text);
        let (header, read) = rows_of(&source, "r.csv");
        assert_eq!(header, ["n", "x"]);
        assert_eq!(read.len(), rows);
        for (i, (line, cells)) in read.iter().enumerate() {
            let n = i + 1;
            assert_eq!(*line, n + 1, "row {n}");
            if bad.contains(&n) {
                assert_eq!(cells, &["row has 1 fields, expected 2 like the header"]);
            } else {
                assert_eq!(cells, &[n.to_string(), format!("r{n}")], "row {n}");
            }
        }
        // a reader that stops is handed nothing more, and the count stops
        let stop_at = ALONE_ROWS + BATCH_ROWS + 10;
        let mut seen = 0;
        let summary = RegisterRows::new(&source, "r.csv", None)
            .read(|e| {
                if let RowEvent::Row(_) | RowEvent::Bad(_) = e {
                    seen += 1;
                    if seen == stop_at {
                        return ControlFlow::Break(());
                    }
                }
                ControlFlow::Continue(())
            })
            .expect("read");
        assert_eq!(seen, stop_at);
        assert_eq!(summary.rows, stop_at as u64);
    }

    #[test]
    fn a_long_register_reads_as_the_csv_crate_reads_it() {
        // Quoted fields with commas, quotes and line breaks, rows of the
        // wrong width, bytes that are not UTF-8, spaces around cells; read
        // through both threads and compared with a plain csv-crate loop.
        use rand::{Rng, SeedableRng};
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(14);
        let mut text: Vec<u8> = b"a,b,c\n".to_vec();
        let rows = ALONE_ROWS + 5 * BATCH_ROWS + 321;
        for n in 0..rows {
            let width = if rng.random_range(0..200) == 0 { 2 } else { 3 };
            for i in 0..width {
                if i > 0 {
                    text.push(b',');
                }
                match rng.random_range(0..8) {
                    0 => text.extend_from_slice(format!("\"q,{n}\"\"x\"").as_bytes()),
                    1 => text.extend_from_slice(format!("\"line\nbreak {n}\"").as_bytes()),
                    2 => text.extend_from_slice(b"  spaced  "),
                    3 => text.extend_from_slice(b"bad \xff byte"),
                    4 => {}
                    _ => text.extend_from_slice(format!("v{n}").as_bytes()),
                }
            }
            text.push(b'\n');
        }
        let source = MemorySource::new().with_file("r.csv", text.clone());
        let (header, read) = rows_of(&source, "r.csv");

        let mut reader = csv::ReaderBuilder::new().from_reader(text.as_slice());
        let mut expected = Vec::new();
        let mut record = csv::ByteRecord::new();
        loop {
            let line = reader.position().line() as usize;
            match reader.read_byte_record(&mut record) {
                Ok(false) => break,
                Ok(true) => expected.push((
                    record.position().map_or(line, |p| p.line() as usize),
                    record
                        .iter()
                        .map(|c| String::from_utf8_lossy(c.trim_ascii()).into_owned())
                        .collect::<Vec<_>>(),
                )),
                Err(e) => expected.push((
                    e.position().map_or(line, |p| p.line() as usize),
                    vec![describe(&e)],
                )),
            }
        }
        assert_eq!(header, ["a", "b", "c"]);
        assert_eq!(read.len(), rows);
        assert!(
            expected
                .iter()
                .any(|(_, c)| c[0].starts_with("row has 2 fields"))
        );
        assert_eq!(read, expected);
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
