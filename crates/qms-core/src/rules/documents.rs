//! Document control rules (ISO 9001:2015 7.5.2 and 7.5.3): identification,
//! approval, review dates, revision history, citations and procedure sections.

use crate::analysis::context::Context;
use crate::base::code::Code;
use crate::base::finding::RawFinding;
use crate::base::span::Location;
use crate::model::{Document, DocumentKind, DocumentStatus, Loaded};

fn opening(d: &Loaded<Document>) -> Location {
    Location::span(d.origin.file, d.opening.clone())
}

fn name(d: &Document) -> String {
    d.id()
        .map_or_else(|| "this document".to_string(), |id| format!("`{id}`"))
}

pub(crate) const DOC001: &str = "\
Every controlled document carries in its front matter: `id` (the document
code), `title`, `kind`, `revision` (issue number), `issued` (date in force),
`status` and `owner`. A service procedure (one with `field`) also carries
`time_limit_days`, the legal processing time in working days, and a document
with `time_limit_days` carries its `field`.

Why: ISO 9001:2015 7.5.2 asks that documented information be identified
(title, date, reference number) and reviewed and approved; the Vietnamese
procedure template puts code, issue number and date on every page.

Example: a front matter without `owner = \"...\"`.

Fix: add the missing field; docs/formats.md lists them.";

/// DOC001: required front-matter fields.
pub(crate) fn missing_fields(ctx: &Context<'_>, out: &mut Vec<RawFinding>) {
    for d in &ctx.qms.documents {
        let m = &d.meta;
        let mut missing: Vec<&str> = [
            ("id", m.id.is_none()),
            ("title", m.title.is_none()),
            ("kind", m.kind.is_none()),
            ("revision", m.revision.is_none()),
            ("issued", m.issued.is_none()),
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
(`--as-of`) is overdue for review.

Why: ISO 9001:2015 7.5.2 asks that documented information be reviewed for
suitability and adequacy; the Vietnamese model framework expects processes to
be updated when the law changes. An auditor samples review dates first.

Example: `next_review = 2012-01-31` checked with `--as-of 2012-06-30`.

Fix: review the document; record the review (a new revision, or a later
`next_review` with the reviewer), or mark it obsolete.";

/// DOC004: review overdue.
pub(crate) fn review_overdue(ctx: &Context<'_>, out: &mut Vec<RawFinding>) {
    for d in ctx.qms.documents.iter().filter(|d| d.is_current()) {
        if let Some(next) = &d.meta.next_review
            && **next < ctx.as_of
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
revision took effect (`issued`).

Why: ISO 9001:2015 7.5.2 c) requires review and approval for suitability and
adequacy before use; a procedure in force without approval, or approved only
after it was already in force, is a classic audit finding.

Example: `issued = 2012-03-01` with `approved_on = 2012-03-05`.

Fix: record the approval; if it really came late, issue the revision again
with the approval date as its issue date.";

/// DOC005: current document without approval, or approved after issue.
pub(crate) fn unapproved(ctx: &Context<'_>, out: &mut Vec<RawFinding>) {
    for d in ctx.qms.documents.iter().filter(|d| d.is_current()) {
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

pub(crate) const DOC006: &str = "\
The `[[history]]` of a document records each revision, oldest first. It is
consistent when the revisions strictly increase, the dates never go
backwards, the last entry is the document's `revision`, and that entry's date
is the `issued` date. A document at revision 1 may omit its history.

Why: ISO 9001:2015 7.5.3.2 c) asks for control of changes (version control);
the amendment log (theo dõi sửa đổi) must tell the same story as the header.

Example: `revision = 3` with a history whose last entry is revision 2.

Fix: add the missing history entry or correct `revision` / `issued`.";

/// DOC006: revision history inconsistent with revision.
pub(crate) fn history_mismatch(ctx: &Context<'_>, out: &mut Vec<RawFinding>) {
    for d in &ctx.qms.documents {
        let m = &d.meta;
        let Some(revision) = &m.revision else {
            continue;
        };
        let Some(last) = m.history.last() else {
            if **revision > 1 {
                out.push(
                    RawFinding::new(
                        Code::DOC006,
                        format!(
                            "{} is at revision {} but has no revision history",
                            name(d),
                            revision.get()
                        ),
                    )
                    .at(d.origin.at(revision))
                    .help("add a `[[history]]` entry for each revision"),
                );
            }
            continue;
        };
        for pair in m.history.windows(2) {
            if *pair[1].revision <= *pair[0].revision {
                out.push(
                    RawFinding::new(
                        Code::DOC006,
                        format!(
                            "revision {} follows revision {} in the history of {}",
                            pair[1].revision.get(),
                            pair[0].revision.get(),
                            name(d)
                        ),
                    )
                    .at(d.origin.at(&pair[1].revision))
                    .help("list revisions oldest first, each once"),
                );
            }
            if *pair[1].date < *pair[0].date {
                out.push(
                    RawFinding::new(
                        Code::DOC006,
                        format!(
                            "revision {} is dated {}, before the previous revision ({})",
                            pair[1].revision.get(),
                            pair[1].date.get(),
                            pair[0].date.get()
                        ),
                    )
                    .at(d.origin.at(&pair[1].date)),
                );
            }
        }
        if *last.revision != **revision {
            out.push(
                RawFinding::new(
                    Code::DOC006,
                    format!(
                        "{} is at revision {} but its history ends at revision {}",
                        name(d),
                        revision.get(),
                        last.revision.get()
                    ),
                )
                .at(d.origin.at(revision))
                .help("add the history entry of the current revision, or correct `revision`"),
            );
        } else if let Some(issued) = &m.issued
            && *last.date != **issued
        {
            out.push(
                RawFinding::new(
                    Code::DOC006,
                    format!(
                        "revision {} is dated {} in the history but issued {}",
                        revision.get(),
                        last.date.get(),
                        issued.get()
                    ),
                )
                .at(d.origin.at(&last.date))
                .help("the last history entry's date is the issue date"),
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
The body of every document of kind `procedure` must have a heading for each
section the profile requires. The built-in profiles require the seven
sections of the Vietnamese administrative template: Mục đích (Purpose),
Phạm vi (Scope), Tài liệu viện dẫn (References), Định nghĩa/Viết tắt
(Definitions), Nội dung quy trình (Procedure), Biểu mẫu (Forms), Hồ sơ cần
lưu (Records). Headings match in either language, ignoring numbering and case.

Why: the model framework for administrative agencies (QĐ 101/QĐ-BKHCN)
gives every procedure this structure; a missing section (usually the records
to keep) is the most common gap an auditor finds in a procedure.

Fix: add the section as a Markdown heading, e.g. `## 7. Hồ sơ cần lưu`.";

/// DOC008: procedure body missing a required section.
pub(crate) fn missing_sections(ctx: &Context<'_>, out: &mut Vec<RawFinding>) {
    for d in &ctx.qms.documents {
        if d.kind() != Some(DocumentKind::Procedure) || d.status() == Some(DocumentStatus::Obsolete)
        {
            continue;
        }
        for section in &ctx.profile.sections {
            if !d.headings.iter().any(|h| section.matches(&h.text)) {
                out.push(
                    RawFinding::new(
                        Code::DOC008,
                        format!(
                            "procedure {} has no section `{}`",
                            name(d),
                            section.display_name()
                        ),
                    )
                    .at(opening(d))
                    .help(format!(
                        "add a heading such as `## {}`",
                        section.display_name()
                    )),
                );
            }
        }
    }
}

pub(crate) const DOC010: &str = "\
In a service procedure (one with `time_limit_days`), the steps of the step
table (section 5.8 of the Vietnamese template: step, responsible, time,
forms) must add up to no more than the legal time limit. The time column is
the one headed `Thời gian` or `Time`; each cell is read as a number of
working days (`0,5 ngày`, `2 days`), hours (`4 giờ`, 8 to a day) or minutes
(`30 phút`); cells without a number and a unit are not counted.

Why: the step table is how the office promises to meet the legal time; a
table whose steps need more time than the law allows plans every dossier to
be late (ISO 9001:2015 8.1, 8.5.1).

Example: steps of 0,5 + 2 + 1 + 0,5 + 2 days against `time_limit_days = 5`.

Fix: shorten the steps, or correct `time_limit_days`.";

/// Working days of a step-table cell: `0,5 ngày`, `2 days`, `4 giờ`, `30 phút`.
fn step_days(cell: &str) -> Option<f64> {
    let lower = cell.to_lowercase();
    let start = lower.find(|c: char| c.is_ascii_digit())?;
    let rest = &lower[start..];
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .unwrap_or(rest.len());
    let number: f64 = rest[..end]
        .trim_end_matches([',', '.'])
        .replace(',', ".")
        .parse()
        .ok()?;
    let unit = rest[end..].trim_start();
    let per_day = if unit.starts_with("ngày") || unit.starts_with("day") {
        1.0
    } else if unit.starts_with("giờ") || unit.starts_with("hour") {
        8.0
    } else if unit.starts_with("phút") || unit.starts_with("minute") {
        480.0
    } else {
        return None;
    };
    Some(number / per_day)
}

/// DOC010: step times add up to more than the legal time limit.
pub(crate) fn step_times(ctx: &Context<'_>, out: &mut Vec<RawFinding>) {
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
                .filter_map(|c| step_days(c))
                .sum();
            if total > f64::from(**limit) + 1e-9 {
                let shown = format!("{total:.2}")
                    .trim_end_matches('0')
                    .trim_end_matches('.')
                    .to_string();
                out.push(
                    RawFinding::new(
                        Code::DOC010,
                        format!(
                            "the steps of {} take {shown} working days in all, more than its time limit of {}",
                            name(d),
                            limit.get()
                        ),
                    )
                    .at(Location::span(d.origin.file, table.offset..table.offset + 1))
                    .help("shorten the steps, or correct `time_limit_days`"),
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
        assert_eq!(step_days("0,5 ngày"), Some(0.5));
        assert_eq!(step_days("02 ngày làm việc"), Some(2.0));
        assert_eq!(step_days("4 giờ"), Some(0.5));
        assert_eq!(step_days("30 phút"), Some(30.0 / 480.0));
        assert_eq!(step_days("1.5 days"), Some(1.5));
        assert_eq!(step_days("Ngay khi nhận"), None);
        assert_eq!(step_days("BM-01"), None);
    }
}
