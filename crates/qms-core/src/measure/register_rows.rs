//! The one place where metrics read a register's file: through the
//! registers layer's row reader ([`RegisterRows`]), so a CSV file and a
//! workbook's sheet read alike, one row at a time, handed over as
//! [`RegisterRow`]s. Rows the reader refuses (a wrong number of fields,
//! bytes that are not UTF-8) are skipped here: the register's own checks
//! report them (REC003). A header that `[record.register.headers]` maps
//! is read as its canonical column, as the registers layer reads it.

use std::collections::{BTreeMap, HashMap};
use std::ops::ControlFlow;

use crate::load::Qms;
use crate::measure::rows::RegisterRow;
use crate::registers::cells::{Row, RowEvent};
use crate::registers::rows::RegisterRows;

/// One row of a register, its cells found by column name.
struct NamedRow<'a, 'r> {
    row: Row<'r>,
    index: &'a HashMap<String, usize>,
}

impl RegisterRow for NamedRow<'_, '_> {
    fn cell(&self, column: &str) -> Option<&str> {
        let i = *self.index.get(column)?;
        Some(self.row.get(i).as_str().unwrap_or("").trim())
    }

    fn line(&self) -> usize {
        self.row.line()
    }
}

/// The export's header of each canonical column
/// (`[record.register.headers]`: `received = "Ngày nhận"`).
pub(crate) type HeaderMap = BTreeMap<String, String>;

/// The column a header found in the file stands for: the canonical column
/// `headers` maps it to (trimmed, case ignored), else the header itself,
/// trimmed.
fn column_name(headers: &HeaderMap, found: &str) -> String {
    let found = found.trim();
    headers
        .iter()
        .find(|(_, h)| h.trim().to_lowercase() == found.to_lowercase())
        .map_or_else(|| found.to_string(), |(c, _)| c.trim().to_string())
}

/// The column names of the register at `rel` (its sheet `sheet` for a
/// workbook), trimmed, mapped headers under their canonical names. The
/// error says why it cannot be read.
pub(crate) fn columns(
    qms: &Qms,
    rel: &str,
    sheet: Option<&str>,
    headers: &HeaderMap,
) -> Result<Vec<String>, String> {
    let mut header = None;
    RegisterRows::new(qms.source(), rel, sheet)
        .read(|event| match event {
            RowEvent::Header(row) => {
                header = Some(
                    row.texts()
                        .iter()
                        .map(|t| column_name(headers, t))
                        .collect(),
                );
                ControlFlow::Break(())
            }
            RowEvent::Bad(bad) => {
                header.get_or_insert_with(Vec::new);
                let _ = bad;
                ControlFlow::Break(())
            }
            RowEvent::Row(_) => ControlFlow::Break(()),
        })
        .map_err(|e| e.to_string())?;
    header.ok_or_else(|| "the register is empty".to_string())
}

/// Streams every readable row of the register to `each`.
pub(crate) fn for_each_row(
    qms: &Qms,
    rel: &str,
    sheet: Option<&str>,
    headers: &HeaderMap,
    mut each: impl FnMut(&dyn RegisterRow),
) -> Result<(), String> {
    let mut index: HashMap<String, usize> = HashMap::new();
    RegisterRows::new(qms.source(), rel, sheet)
        .read(|event| {
            match event {
                RowEvent::Header(row) => {
                    // the first of two columns of one name wins
                    for (i, name) in row.texts().into_iter().enumerate().rev() {
                        index.insert(column_name(headers, &name), i);
                    }
                }
                RowEvent::Row(row) => each(&NamedRow { row, index: &index }),
                _ => {}
            }
            ControlFlow::Continue(())
        })
        .map(|_| ())
        .map_err(|e| e.to_string())
}
