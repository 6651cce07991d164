//! Typed table register rules (ISO 9001:2015 7.1.5, 7.2, 7.5.3, 8.4): each
//! cell fits its column's type, nothing is past its due date, and
//! records.toml describes columns the register has. The checks run in
//! [`crate::registers::table`], in the single pass over each register.

use crate::analysis::context::Context;
use crate::base::finding::RawFinding;

pub(crate) const REC005: &str = "\
A table register (`[record.register]` of `kind = \"table\"`, a CSV file or a
workbook's sheet) may type its columns in `[record.register.columns]`:

    [record.register.columns]
    calibration_due = \"date\"      # a workbook date, or text in `date_format`
    interval_months = \"integer\"   # a whole number
    reading = \"number\"            # `.` before decimals
    remarks = \"text\"
    status = [\"In use\", \"Quarantined\", \"Retired\"]   # one of these, as written

Each non-empty cell must fit its column's type; an error value of a
workbook formula (`#DIV/0!`) fits none. A cell that does not is reported at
its row and column (`records/gauges.csv:14`, column 3; in a workbook
`Gauges!C14`); a register lists its first 50, then their number.

Why: a register is evidence only if it can be read the same way by everyone
(ISO 9001:2015 7.5.3); a calibration date typed `14.02.24` silently escapes
every due-date check.

Fix: correct the cell, or the column's type.";

pub(crate) const REC006: &str = "\
A table register's `[[record.register.due]]` names a date column; a row
whose date is before the check date is overdue (due on the day, late
the day after, as every date check of qms):

    [[record.register.due]]
    column = \"calibration_due\"
    when = { status = [\"In use\"] }   # only these rows (or: unless = {...})
    what = \"calibration\"

`when` keeps the rows whose cell holds one of the values, for every column
it names; `unless` drops the rows whose cell holds one of them, for any
column it names. The finding names the row by its `key` column and the
register's `noun` (default: the key column's name without a final `_id`,
so `gauge_id` gives `gauge`): `gauge CAL-150-14: calibration due
2024-02-14, 46 days overdue`, at the date's cell. An empty date is not
checked.

Why: ISO 9001:2015 7.1.5.2 requires measuring equipment to be calibrated
or verified at specified intervals; the same holds for supplier
re-evaluations (8.4.1), retraining (7.2) and every date a register
promises.

Fix: do what is due and record the new date, or record why the row is
exempt (a status the `when` or `unless` leaves out).";

pub(crate) const REC007: &str = "\
What records.toml says about a register must fit it: the `key`, the typed
`columns`, each due date's `column` and its `when` and `unless` columns
must be columns of the register's header (names compared ignoring case and
surrounding spaces); a due date's column must be typed `date` if it is
typed; `date_format` must be a chrono format; and `key`, `noun`, `columns`
and `due` describe table registers only, not the dossier book. A due date
whose columns are missing is not checked.

Why: a description that does not fit its register checks nothing while
appearing to (ISO 9001:2015 7.5.3).

Fix: correct the column's name in records.toml, or the register's header.";

/// REC003 (bad rows of a table), REC005 to REC007: what the check learned
/// from the table registers.
pub(crate) fn table_registers(ctx: &Context<'_>, out: &mut Vec<RawFinding>) {
    out.extend(ctx.tables.findings.iter().cloned());
}
