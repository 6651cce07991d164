//! Dossier register rules (ISO 9001:2015 8.5.1, 8.6, 8.7): rows that can be
//! read, due dates no later than the rules allow, late dossiers apologised for in
//! time, nothing left overdue. The checks themselves run in
//! [`crate::registers::dossier::analyse`], in the single pass over each register.

use crate::analysis::context::Context;
use crate::base::finding::RawFinding;

pub(crate) const DOS001: &str = "\
Each row of a dossier register (`[record.register]` with `kind =
\"dossiers\"`) must be usable: a `code`, a `procedure` that is the id of a
document with `time_limit_days`, dates that read in the register's
`date_format` (ISO `2012-03-15` by default, or e.g. `%d/%m/%Y`), a due date
and a resolution date that are not before the receipt date. The header must
have the columns code, procedure, received, due, resolved, returned,
outcome, or the export's headers mapped to them by `[record.register.headers]`
(`received = \"Ngày nhận\"`); a missing one is reported at the header with
the headers found. A bad row is reported at its line and left out of the
figures; every other row is still counted.

Why: the dossier book is the evidence that every dossier was handled on time
(ISO 9001:2015 8.5.1, 9.1.1); a row that cannot be read is a dossier the
statistics silently lose.

Fix: correct the row named; for a missing column, map the export's header in
`[record.register.headers]`.";

pub(crate) const DOS002: &str = "\
A dossier resolved after its due date, or still open past it, must have had
an apology with a new appointment (Form 04, phiếu xin lỗi và hẹn lại ngày trả
kết quả) issued on or before the due date: `apology_on` <= `due`. The dossier
still counts as late in the statistics.

Why: the one-stop rules require the unit that will be late to apologise and
set a new date before the deadline; a late dossier without it is a
nonconformity against the citizen (ISO 9001:2015 8.7, 8.2.1).

Fix: record the apology's date, and raise a nonconformity (source
`late-dossier`).";

pub(crate) const DOS003: &str = "\
When the register writes a due date, it must not be later than the rules
allow: the receipt date plus the procedure's `time_limit_days` plus any
`paused_days`, counting working days only and not the receipt day
(weekends, public holidays, observed and swapped days off; weekend days
worked in exchange count). The rules the row states move that date:

- `time_limit_days = 0` is the receipt day itself;
- `time_limit_unit = \"calendar-days\"` counts calendar days, the last moved
  to the next working day when it is a day off, then adds the paused
  working days;
- a receipt after the cut-off (the procedure's `cutoff`, else `[calendar]
  cutoff`, e.g. `15:00`; the time from `received_time` or written in
  `received`) counts as received the next working day;
- the row's `case` takes that `[[time_limit_case]]`'s days;
- `extended_to`, with `extension_ref` naming the written agreement, is the
  due date agreed with the requester.

A due date earlier than the rules allow is a shorter promise, not a finding;
the dossier is judged against the date written. `qms calendar due DATE
DAYS` shows the working-day computation.

Why: the appointment date on the receipt slip is a promise to the citizen;
a date later than the law gives, with nothing in the row that explains it,
promises the citizen more days than the law allows and makes a late dossier
look on time.

Fix: correct the due date, or leave it empty to have it computed; or record
the case, the time of receipt, the paused days or the extension that
explains it.";

pub(crate) const DOS004: &str = "\
A dossier still in progress at the check date whose due date has passed.

Why: an overdue dossier is a late result for a citizen today; the
quality officer must chase it before it becomes a complaint (ISO 9001:2015
8.5.1, 8.7).

Fix: resolve it, or record the apology and new appointment.

A dossier whose apology was issued on or before its due date (`apology_on`
<= `due`) with a new appointment (`new_due`) not yet reached at the check
date is not overdue: no DOS004. Once the new appointment has passed, it is
DOS005 instead.";

pub(crate) const DOS005: &str = "\
A late dossier that was apologised for in time (`apology_on` <= `due`) with a
new appointment (`new_due`) must be resolved by that new appointment. Resolved
after it, or still in progress past it at the check date, it is a finding at
its line. `qms stats` counts these dossiers as \"new appointment missed\", and
those resolved late with an apology in time as \"late with apology\".

Why: the apology and new appointment (Form 04) is a second promise to the
citizen; missing it is the miss the citizen remembers, and the one the
provincial reports count separately (ISO 9001:2015 8.7, 8.2.1).

Fix: resolve the dossier, and raise a nonconformity (source `late-dossier`).";

/// DOS001 to DOS005, and `[calendar]` problems.
pub(crate) fn dossiers(ctx: &Context<'_>, out: &mut Vec<RawFinding>) {
    out.extend(ctx.dossiers.findings.iter().cloned());
    out.extend(ctx.calendar_findings.iter().cloned());
}
