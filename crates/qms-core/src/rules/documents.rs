//! Document control rules (ISO 9001:2015 7.5.2 and 7.5.3): identification,
//! approval and its independence, review dates, citations, procedure sections
//! and step times. The revision history is [`super::revisions`].

use crate::analysis::context::Context;
use crate::base::code::Code;
use crate::base::finding::RawFinding;
use crate::base::span::Location;
use crate::model::{Document, DocumentKind, DocumentStatus, Loaded};
use crate::profile::sections::FoldedHeading;

fn opening(d: &Loaded<Document>) -> Location {
    Location::span(d.origin.file, d.opening.clone())
}

/// How a finding names a document: `` `QT-01` ``, or "this document".
pub(super) fn name(d: &Document) -> String {
    d.id()
        .map_or_else(|| "this document".to_string(), |id| format!("`{id}`"))
}

pub(crate) const DOC001: &str = "\
Every controlled document carries in its front matter: `id` (the document
code), `title`, `kind`, `revision` (issue number, letters or version),
`issued` (date in force), `status` and `owner`. A service procedure (one with
`field`) also carries `time_limit_days`, the legal processing time in working
days, and a document with `time_limit_days` carries its `field`.

A document of external origin (`kind = \"external\"`: a standard, a law, a
customer's manual) is identified by its publisher, not by us: it needs `id`,
`title`, `kind`, `status` and `owner` (who keeps the copy up to date), and
may give `publisher`, `edition`, `checked_on` (when we last confirmed we hold
the current edition), `revision`, `issued` and `next_review`. It needs no
approval (DOC005, DOC011) and no revision history (DOC006); a current one
past its `next_review` is overdue like any document (DOC004).

Why: ISO 9001:2015 7.5.2 asks that documented information be identified
(title, date, reference number) and reviewed and approved; 7.5.3.2 asks that
documents of external origin be identified and controlled.

Example: a front matter without `owner = \"...\"`.

Fix: add the missing field; docs/formats.md lists them.";

/// DOC001: required front-matter fields.
pub(crate) fn missing_fields(ctx: &Context<'_>, out: &mut Vec<RawFinding>) {
    for d in &ctx.qms.documents {
        let m = &d.meta;
        // An external document's revision and date are its publisher's.
        let ours = !d.is_external();
        let mut missing: Vec<&str> = [
            ("id", m.id.is_none()),
            ("title", m.title.is_none()),
            ("kind", m.kind.is_none()),
            ("revision", ours && m.revision.is_none()),
            ("issued", ours && m.issued.is_none()),
            ("status", m.status.is_none()),
            ("owner", m.owner.is_none()),
        ]
        .into_iter()
        .filter_map(|(f, absent)| absent.then_some(f))
        .collect();
        if m.field.is_some() && m.time_limit_days.is_none() {
            missing.push("time_limit_days");
        }
        if m.time_limit_days.is_some() && m.field.is_none() {
            missing.push("field");
        }
        for field in missing {
            out.push(
                RawFinding::new(
                    Code::DOC001,
                    format!("{} is missing required field `{field}`", name(d)),
                )
                .at(opening(d))
                .help(format!("add `{field} = ...` to the front matter")),
            );
        }
    }
}

pub(crate) const DOC004: &str = "\
A current document whose `next_review` date is before the check date
(`--as-of`) is overdue for review: due on its `next_review`, late from
the day after, as every date check of qms.

Why: ISO 9001:2015 7.5.2 asks that documented information be reviewed for
suitability and adequacy; the Vietnamese model framework expects processes to
be updated when the law changes. An auditor samples review dates first.

Example: `next_review = 2012-01-31` checked with `--as-of 2012-06-30`.

Fix: review the document; record the review (a new revision, or a
`[[history]]` entry with `kind = \"review\"` and a later `next_review`), or
mark it obsolete.";

/// DOC004: review overdue.
pub(crate) fn review_overdue(ctx: &Context<'_>, out: &mut Vec<RawFinding>) {
    for d in ctx.qms.documents.iter().filter(|d| d.is_current()) {
        if let Some(next) = &d.meta.next_review
            && next.is_late_at(ctx.as_of)
        {
            out.push(
                RawFinding::new(
                    Code::DOC004,
                    format!(
                        "{} was due for review on {} and is {} days overdue",
                        name(d),
                        next.get(),
                        next.days_until(ctx.as_of),
                    ),
                )
                .at(d.origin.at(next))
                .help("review the document and set a new `next_review`, or make it obsolete"),
            );
        }
    }
}

pub(crate) const DOC005: &str = "\
A current document must name who approved it (`approved_by`) and when
(`approved_on`), and the approval must come on or before the date the
revision took effect (`issued`). A document of external origin
(`kind = \"external\"`) is approved by its publisher, not by us: it is not
checked.

Why: ISO 9001:2015 7.5.2 c) requires review and approval for suitability and
adequacy before use; a procedure in force without approval, or approved only
after it was already in force, is a classic audit finding.

Example: `issued = 2012-03-01` with `approved_on = 2012-03-05`.

Fix: record the approval; if it really came late, issue the revision again
with the approval date as its issue date.";

/// DOC005: current document without approval, or approved after issue.
pub(crate) fn unapproved(ctx: &Context<'_>, out: &mut Vec<RawFinding>) {
    for d in ctx
        .qms
        .documents
        .iter()
        .filter(|d| d.is_current() && !d.is_external())
    {
        let m = &d.meta;
        if m.approved_by.is_none() {
            out.push(
                RawFinding::new(
                    Code::DOC005,
                    format!("{} is current but names no approver", name(d)),
                )
                .at(opening(d))
                .help("add `approved_by` and `approved_on` to the front matter"),
            );
        }
        match (&m.approved_on, &m.issued) {
            (None, _) => out.push(
                RawFinding::new(
                    Code::DOC005,
                    format!("{} is current but has no approval date", name(d)),
                )
                .at(opening(d))
                .help("add `approved_on`, on or before `issued`"),
            ),
            (Some(approved), Some(issued)) if **approved > **issued => out.push(
                RawFinding::new(
                    Code::DOC005,
                    format!(
                        "{} was approved on {}, after it was issued on {}",
                        name(d),
                        approved.get(),
                        issued.get()
                    ),
                )
                .at(d.origin.at(approved))
                .help("a document is approved before it takes effect"),
            ),
            _ => {}
        }
    }
}

pub(crate) const DOC011: &str = "\
A current document must be approved by someone other than the person who
prepared it: `approved_by` differs from `prepared_by`, or, when the document
does not say who prepared it, from its `owner`. Names are compared ignoring
case, surrounding spaces and Unicode composition. Documents of external
origin (`kind = \"external\"`) are not checked: their publisher approved them.

Why: ISO 9001:2015 7.5.2 c) asks that documented information be reviewed and
approved for suitability and adequacy; an author approving their own text is
no review at all, and auditors sample approvals for exactly this.

Example: `prepared_by = \"J. Smith\"` with `approved_by = \"J. Smith\"`; or
`owner = \"J. Smith\"`, no `prepared_by`, and `approved_by = \"j. smith\"`.

Fix: have the document approved by someone independent of its author (the
process owner's manager, top management), or, if someone else did prepare it,
say who in `prepared_by`.";

/// DOC011: a current document approved by its author.
pub(crate) fn self_approved(ctx: &Context<'_>, out: &mut Vec<RawFinding>) {
    for d in ctx
        .qms
        .documents
        .iter()
        .filter(|d| d.is_current() && !d.is_external())
    {
        let m = &d.meta;
        let Some(approver) = &m.approved_by else {
            continue;
        };
        let (author, role) = match (&m.prepared_by, &m.owner) {
            (Some(p), _) => (p, "prepared it"),
            (None, Some(o)) => (o, "owns it and no `prepared_by` is given"),
            (None, None) => continue,
        };
        if super::same_person(author, approver) {
            out.push(
                RawFinding::new(
                    Code::DOC011,
                    format!(
                        "{} is approved by {}, who {role}",
                        name(d),
                        approver.trim()
                    ),
                )
                .at(d.origin.at(approver))
                .help("have someone other than the author approve it, or name the author in `prepared_by`"),
            );
        }
    }
}

pub(crate) const DOC007: &str = "\
A current document may only cite (`references`) documents that are current
themselves. A citation of a draft or an obsolete document sends the reader to
a text that is not in force.

Why: ISO 9001:2015 7.5.3.1 and 7.5.3.2 ask that the relevant versions be
available where they are used and that obsolete documents be prevented from
unintended use.

Example: P-05 (current) with `references = [\"P-04\"]` where P-04 is
obsolete.

Fix: cite the document that replaced it, or bring the cited one into force.";

/// DOC007: current document citing a draft or obsolete one.
pub(crate) fn cites_non_current(ctx: &Context<'_>, out: &mut Vec<RawFinding>) {
    for d in ctx.qms.documents.iter().filter(|d| d.is_current()) {
        for r in &d.meta.references {
            let Some(target) = ctx.index.documents.get(r.as_str()) else {
                continue;
            };
            let status = match target.status() {
                Some(DocumentStatus::Draft) => "a draft",
                Some(DocumentStatus::Obsolete) => "obsolete",
                _ => continue,
            };
            out.push(
                RawFinding::new(
                    Code::DOC007,
                    format!(
                        "current document {} cites `{}`, which is {status}",
                        name(d),
                        r.get()
                    ),
                )
                .at(d.origin.at(r))
                .help("cite the current document that replaces it"),
            );
        }
    }
}

pub(crate) const DOC008: &str = "\
The body of every document of kind `procedure` (draft or current) must have
a heading for each section the QMS requires in qms.toml:

    [documents]
    sections = \"en-basic\"      # or \"vn-admin\", or the house's own list:
    sections = [\"Purpose\", \"Scope\", [\"Responsibilities\", \"Authorities\"], \"Records\"]

Each entry of a list is a heading, or a list of headings any of which will do.
A heading of the body names a section when it starts with one of them, case
and diacritics ignored, leading numbering (`1.`, `5.1`, `I.`, `a)`) ignored.
Built-in sets: `en-basic` (Purpose, Scope, Responsibilities or Authorities,
Procedure or Method, Records) and `vn-admin` (the seven sections of the
Vietnamese administrative template, each with its English gloss accepted:
Purpose, Scope, References, Definitions, Procedure, Forms, Records). Without
`sections`, no section is required: ISO 9001 prescribes no structure for a
procedure. An unknown set name or a bad entry is a LOAD002 finding.

Why: a house structure makes procedures easy to read and to audit; a missing
section (usually the records to keep) is a common gap an auditor finds in a
procedure (ISO 9001:2015 7.5.2).

Fix: add the section as a Markdown heading, e.g. `## 5. Records`, or change
the list in `[documents] sections`.";

/// DOC008: procedure body missing a section required by `[documents]
/// sections`.
pub(crate) fn missing_sections(ctx: &Context<'_>, out: &mut Vec<RawFinding>) {
    out.extend(ctx.section_findings.iter().cloned());
    // Each distinct heading text folded once (procedures written from one
    // template share most of their headings), found again by one hash.
    let mut index: foldhash::HashMap<&str, usize> = foldhash::HashMap::default();
    let mut folded: Vec<FoldedHeading> = Vec::new();
    let mut headings: Vec<usize> = Vec::new();
    for d in &ctx.qms.documents {
        if d.kind() != Some(DocumentKind::Procedure) || d.status() == Some(DocumentStatus::Obsolete)
        {
            continue;
        }
        if ctx.procedure_sections.is_empty() {
            continue;
        }
        headings.clear();
        for h in &d.headings {
            let i = *index.entry(h.text.as_str()).or_insert_with(|| {
                folded.push(FoldedHeading::new(&h.text));
                folded.len() - 1
            });
            headings.push(i);
        }
        for section in &ctx.procedure_sections {
            if headings.iter().any(|&i| section.matches_folded(&folded[i])) {
                continue;
            }
            let others: Vec<String> = section.headings()[1..]
                .iter()
                .map(|h| format!("`{h}`"))
                .collect();
            let help = if others.is_empty() {
                format!("add a heading such as `## {}`", section.name())
            } else {
                format!(
                    "add a heading such as `## {}` (also accepted: {})",
                    section.name(),
                    others.join(", ")
                )
            };
            out.push(
                RawFinding::new(
                    Code::DOC008,
                    format!("procedure {} has no section `{}`", name(d), section.name()),
                )
                .at(opening(d))
                .help(help),
            );
        }
    }
}

pub(crate) const DOC010: &str = "\
In a service procedure (one with `time_limit_days`), the steps of the step
table (section 5.8 of the Vietnamese template: step, responsible, time,
forms) must add up to no more than the legal time limit. The time column is
the one headed `Thời gian` or `Time`; each cell is read as a number of
working days (`0,5 ngày`, `2 days`), hours (`4 giờ`) or minutes (`30
phút`), a working day having `[calendar] working_hours` hours (8 when not
given); cells without a number and a unit are not counted. Only durations
count: a time of day (`16:30`, `16h30`, `16 giờ 30`, `Trước 16 giờ ngày
hẹn`, `before 16:30`) is ignored, as are words and numbers without a unit of
time (`Theo giấy hẹn`, `BM-01`): not an error, not counted.

A same-day procedure (`time_limit_days = 0`: the receipt day itself) has one
working day: its steps, in minutes or hours (`05 phút`, `2 giờ`), must fit
the `working_hours` of that day.

Why: the step table is how the office promises to meet the legal time; a
table whose steps need more time than the law allows plans every dossier to
be late (ISO 9001:2015 8.1, 8.5.1).

Example: steps of 0,5 + 2 + 1 + 0,5 + 2 days against `time_limit_days = 5`;
steps of 3 + 4 + 2 hours in a same-day procedure of an 8-hour day.

Fix: shorten the steps, or correct `time_limit_days` (or `working_hours`).";

pub(crate) const DOC012: &str = "\
A service procedure that names its limit in law (`legal_limit_days`, with
`legal_basis` the text that sets it: a decree, a law's article) must not
promise more: its `time_limit_days`, and each `[[time_limit_case]]`'s
`days`, are at most the legal limit, counted in the same
`time_limit_unit`. A case the law gives more days (verification) states
its own `legal_limit_days`; otherwise the procedure's applies.

Why: the time limit the office publishes and writes on the receipt slip may
be shorter than the law's (a service commitment), never longer: a desk that
promises more days than the law gives makes every dossier late by law
while the register shows it on time (ISO 9001:2015 8.2.2, 8.5.1).

Example: `time_limit_days = 7` with `legal_limit_days = 5` and `legal_basis
= \"Nghị định 158/2005/NĐ-CP, Điều 18\"`.

Fix: shorten the promised limit to the law's, or correct `legal_limit_days`
(and `legal_basis`) if the law allows more.";

/// Words before a number of hours that make it a time of day (`Trước 16
/// giờ`, `lúc 8 giờ`, `before 16 hours`).
const CLOCK_WORDS: [&str; 10] = [
    "trước", "sau", "lúc", "đến", "từ", "before", "after", "at", "until", "by",
];

/// Working days of a step-table cell: `0,5 ngày`, `2 days`, `4 giờ`, `30 phút`,
/// with `hours_per_day` hours to a working day.
/// Only durations count: a time of day (`16:30`, `16h30`, `16 giờ 30`,
/// `Trước 16 giờ ngày hẹn`) is skipped, and a number without a unit of time
/// (`BM-01`) too; the first duration in the cell is its time, `None` without
/// one.
fn step_days(cell: &str, hours_per_day: f64) -> Option<f64> {
    let lower = cell.to_lowercase();
    let mut rest = lower.as_str();
    let skip_digits =
        |s: &str| -> usize { s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len()) };
    loop {
        let start = rest.find(|c: char| c.is_ascii_digit())?;
        let prev = rest[..start]
            .split_whitespace()
            .last()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            .unwrap_or("");
        let tail = &rest[start..];
        let end = tail
            .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
            .unwrap_or(tail.len());
        let after = &tail[end..];
        // A clock: `16:30`, `16h30`, `16h`.
        if let Some(m) = after.strip_prefix(':').or_else(|| {
            after
                .strip_prefix('h')
                .filter(|m| !m.starts_with(|c: char| c.is_alphabetic()))
        }) {
            rest = &m[skip_digits(m)..];
            continue;
        }
        let Ok(number) = tail[..end]
            .trim_end_matches([',', '.'])
            .replace(',', ".")
            .parse::<f64>()
        else {
            rest = after;
            continue;
        };
        let unit = after.trim_start();
        let hours = ["giờ", "hours", "hour"]
            .iter()
            .find_map(|u| unit.strip_prefix(u));
        if let Some(after_unit) = hours {
            let next = after_unit.trim_start();
            if CLOCK_WORDS.contains(&prev) || next.starts_with(|c: char| c.is_ascii_digit()) {
                // `16 giờ 30 (phút)`: the minutes belong to the clock.
                let m = &next[skip_digits(next)..];
                let m = m.trim_start();
                rest = ["phút", "minutes", "minute"]
                    .iter()
                    .find_map(|u| m.strip_prefix(u))
                    .unwrap_or(m);
                continue;
            }
            return Some(number / hours_per_day);
        }
        if unit.starts_with("ngày") || unit.starts_with("day") {
            return Some(number);
        }
        if unit.starts_with("phút") || unit.starts_with("minute") {
            return Some(number / (hours_per_day * 60.0));
        }
        rest = after;
    }
}

/// DOC010: step times add up to more than the legal time limit (one
/// working day of `working_hours` for a same-day procedure).
pub(crate) fn step_times(ctx: &Context<'_>, out: &mut Vec<RawFinding>) {
    let hours_per_day = ctx
        .qms
        .config
        .as_ref()
        .map_or(crate::model::CalendarConfig::DEFAULT_WORKING_HOURS, |c| {
            c.calendar.working_hours()
        });
    let shown = |x: f64| {
        format!("{x:.2}")
            .trim_end_matches('0')
            .trim_end_matches('.')
            .to_string()
    };
    for d in &ctx.qms.documents {
        let Some(limit) = d.meta.time_limit_days.as_ref() else {
            continue;
        };
        for table in &d.tables {
            let Some(col) = table.header.iter().position(|h| {
                let h = h.to_lowercase();
                h.starts_with("thời gian") || h.starts_with("time")
            }) else {
                continue;
            };
            let total: f64 = table
                .rows
                .iter()
                .filter_map(|r| r.get(col))
                .filter_map(|c| step_days(c, hours_per_day))
                .sum();
            // the receipt day itself is the one working day of a same-day procedure
            let allowed = f64::from(**limit).max(1.0);
            if total <= allowed + 1e-9 {
                continue;
            }
            let message = if **limit == 0 {
                format!(
                    "the steps of {} take {} hours in all, more than the one working day ({} hours) of a same-day procedure",
                    name(d),
                    shown(total * hours_per_day),
                    shown(hours_per_day)
                )
            } else {
                format!(
                    "the steps of {} take {} working days in all, more than its time limit of {}",
                    name(d),
                    shown(total),
                    limit.get()
                )
            };
            out.push(
                RawFinding::new(Code::DOC010, message)
                    .at(Location::span(d.origin.file, table.offset..table.offset + 1))
                    .help("shorten the steps, or correct `time_limit_days` (or `[calendar] working_hours`)"),
            );
        }
    }
}

/// DOC012: a promised time limit (the procedure's or a case's) longer than
/// the one in law.
pub(crate) fn legal_limits(ctx: &Context<'_>, out: &mut Vec<RawFinding>) {
    for d in &ctx.qms.documents {
        let Some(legal) = d.meta.legal_limit_days.as_ref() else {
            continue;
        };
        let basis = d
            .meta
            .legal_basis
            .as_ref()
            .map_or_else(String::new, |b| format!(" ({})", b.get()));
        let mut flag = |what: String, promised: u32, legal: u32, at: Location| {
            out.push(
                RawFinding::new(
                    Code::DOC012,
                    format!(
                        "{} promises {promised} days{what}, more than the legal limit of {legal}{basis}",
                        name(d)
                    ),
                )
                .at(at)
                .help("promise no more than the law gives, or correct `legal_limit_days`"),
            );
        };
        if let Some(days) = d
            .meta
            .time_limit_days
            .as_ref()
            .filter(|t| t.get() > legal.get())
        {
            flag(String::new(), *days.get(), *legal.get(), d.origin.at(days));
        }
        for case in &d.meta.time_limit_case {
            let legal = case.legal_limit_days.as_ref().unwrap_or(legal);
            if case.days.get() > legal.get() {
                flag(
                    format!(" in case `{}`", case.case),
                    *case.days.get(),
                    *legal.get(),
                    d.origin.at(&case.days),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::step_days;

    #[test]
    fn step_cells_read_as_working_days() {
        assert_eq!(step_days("0,5 ngày", 8.0), Some(0.5));
        assert_eq!(step_days("02 ngày làm việc", 8.0), Some(2.0));
        assert_eq!(step_days("4 giờ", 8.0), Some(0.5));
        assert_eq!(step_days("30 phút", 8.0), Some(30.0 / 480.0));
        assert_eq!(step_days("1.5 days", 8.0), Some(1.5));
        assert_eq!(step_days("Ngay khi nhận", 8.0), None);
        assert_eq!(step_days("BM-01", 8.0), None);
    }

    #[test]
    fn times_of_day_and_words_are_not_durations() {
        for cell in [
            "Trước 16 giờ 30 ngày hẹn",
            "Trước 16 giờ ngày hẹn",
            "before 16:30",
            "16h30",
            "Lúc 8 giờ 30 phút",
            "after 14h",
            "Theo giấy hẹn",
            "Ngay",
            "BM-01, BM-02",
            "",
        ] {
            assert_eq!(step_days(cell, 8.0), None, "{cell}");
        }
        // A duration beside a time of day still counts, once.
        assert_eq!(step_days("01 ngày, trước 16 giờ 30", 8.0), Some(1.0));
        assert_eq!(step_days("Trước 16h30: 4 giờ", 8.0), Some(0.5));
        assert_eq!(step_days("Mẫu 01, 2 ngày", 8.0), Some(2.0));
        assert_eq!(step_days("Trong 4 giờ", 8.0), Some(0.5));
    }
}
