//! Records control rules (ISO 9001:2015 7.5.3): each record type says who
//! keeps it, for how long and what happens after, and points at records that
//! exist.

use crate::analysis::context::Context;
use crate::base::code::Code;
use crate::base::finding::RawFinding;
use crate::base::paths;

pub(crate) const REC001: &str = "\
Every record type in records.toml names its `owner` (who keeps it), its
`retention` (how long, e.g. \"5 years\", \"permanent\") and its `disposition`
(what happens at the end: destroyed, archived, handed to the archives).

Why: ISO 9001:2015 7.5.3.2 d) requires retention and disposition to be
addressed; an auditor reads the records list for exactly these columns.
ISO sets no periods: they come from law (the archives rules) or the
organisation.

Fix: add the missing field to the `[[record]]`.";

pub(crate) const REC002: &str = "\
A record type's `files` glob (relative to the QMS directory, e.g.
`records/internal-audits/*.md`) must match at least one file. A glob that
matches nothing is a records list entry with no records behind it.

Why: retained documented information is evidence (ISO 9001:2015 7.5.1,
7.5.3); a list of records that do not exist proves nothing.

Fix: correct the glob, or add the records.";

pub(crate) const REC003: &str = "\
A record type's `register` must exist and be readable: a UTF-8 CSV file
with a header row and rows of the header's width, or a workbook (`.xlsx`,
`.xls`, `.ods`) with the `sheet` named (the first worksheet by default),
its first row the header. Each bad row is reported with its line; the rest
of the register is still counted (a table lists its first 50 bad rows,
then their number). Registers are streamed, never loaded whole.

Why: a register (the dossier book, the training log) is retained evidence;
one that cannot be read cannot be audited.

Fix: correct the path or the rows named.";

pub(crate) const REC004: &str = "\
A record type must say where its records are: `files` (a glob) or
`register` (a CSV file or a workbook). One with neither is an entry nobody
can check.

Why: ISO 9001:2015 7.5.3.1 a) asks that documented information be available
where and when needed; a records list entry must lead to the records.

Fix: add `files = \"records/...\"` or a `[record.register]` table.";

/// REC001 to REC004.
pub(crate) fn record_types(ctx: &Context<'_>, out: &mut Vec<RawFinding>) {
    let Some(list) = &ctx.qms.records else { return };
    let origin = list.origin;
    for r in &list.records {
        let at = origin.at(&r.id);
        for (field, absent) in [
            ("owner", r.owner.is_none()),
            ("retention", r.retention.is_none()),
            ("disposition", r.disposition.is_none()),
        ] {
            if absent {
                out.push(
                    RawFinding::new(
                        Code::REC001,
                        format!("record type `{}` has no `{field}`", r.id.get()),
                    )
                    .at(at.clone())
                    .help(format!("add `{field} = \"...\"` to the [[record]]")),
                );
            }
        }
        if r.files.is_none() && r.register.is_none() {
            out.push(
                RawFinding::new(
                    Code::REC004,
                    format!(
                        "record type `{}` names neither `files` nor `register`",
                        r.id.get()
                    ),
                )
                .at(at.clone()),
            );
        }
        if let Some(glob) = &r.files {
            match paths::normalise(glob.get()) {
                Err(e) => out.push(RawFinding::new(Code::LOAD004, e.to_string()).at(origin.at(glob))),
                Ok(_) if globset::Glob::new(glob.get()).is_err() => out.push(
                    RawFinding::new(Code::REC002, format!("`{}` is not a valid glob", glob.get())).at(origin.at(glob)),
                ),
                Ok(_) if ctx.record_files.count(ctx.qms, glob.get()) == 0 => out.push(
                    RawFinding::new(Code::REC002, format!("no file matches `{}`", glob.get()))
                        .at(origin.at(glob))
                        .help("globs are relative to the QMS directory, e.g. `records/training/*.csv`"),
                ),
                Ok(_) => {}
            }
        }
        if let Some(reg) = &r.register {
            let Ok(rel) = paths::normalise(reg.path.get()) else {
                continue;
            };
            let Some(error) = ctx.qms.registers.get(&rel).and_then(|f| f.error.as_ref()) else {
                continue;
            };
            out.push(
                RawFinding::new(
                    Code::REC003,
                    format!(
                        "register `{rel}` of record type `{}` cannot be read: {error}",
                        r.id.get()
                    ),
                )
                .at(origin.at(&reg.path)),
            );
        }
    }
}
