//! The revision history of a document (ISO 9001:2015 7.5.3.2 c), rule
//! DOC006): revisions in order within their scheme, reviews that keep the
//! revision, and a history that agrees with the header.

use std::cmp::Ordering;

use crate::analysis::context::Context;
use crate::base::code::Code;
use crate::base::finding::RawFinding;
use crate::model::HistoryKind;
use crate::rules::documents::name;

pub(crate) const DOC006: &str = "\
The `[[history]]` of a document records each revision, oldest first, and
each review that changed nothing. It is consistent when:

- a change (the default) has a higher revision than the entry before;
- a review (`kind = \"review\"`) keeps the revision of the entry before;
- the dates never go backwards;
- the last entry is at the document's `revision`, and the change that
  introduced it is dated `issued`.

Revisions are written in one scheme per document: numbers (1, 2, 3; \"02\";
dotted versions \"1.2\" < \"1.10\", compared part by part) or capital letters
(A < B < ... < Z < AA < AB). Letters and numbers cannot be ordered against
each other, so a document that mixes them is a finding. A document at its
first revision (1 or less, or A) may omit its history; a document of external
origin (`kind = \"external\"`) needs none.

Why: ISO 9001:2015 7.5.3.2 c) asks for control of changes (version control);
the amendment log must tell the same story as the header. A periodic review
that confirms a document unchanged is part of that story (7.5.2).

Example: `revision = 3` with a history whose last entry is revision 2; or a
review recorded as `revision = 2` after revision 3.

Fix: add the missing history entry or correct `revision` / `issued`; record
a review without change as `kind = \"review\"` with the same revision.";

/// Why two revisions of one document cannot be compared.
const MIXED_HELP: &str = "write every revision of a document in one scheme: numbers (1, 2 or 1.0, 1.1) or capital letters (A, B)";

/// DOC006: revision history inconsistent with revision.
pub(crate) fn history_mismatch(ctx: &Context<'_>, out: &mut Vec<RawFinding>) {
    for d in ctx.qms.documents.iter().filter(|d| !d.is_external()) {
        let m = &d.meta;
        let Some(revision) = &m.revision else {
            continue;
        };
        let Some(last) = m.history.last() else {
            if !revision.is_first() {
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
            let (before, entry) = (&pair[0], &pair[1]);
            let order = entry.revision.partial_cmp(&before.revision);
            let problem = match (entry.kind, order) {
                (_, None) => Some((
                    format!(
                        "revision {} ({}) follows revision {} ({}) in the history of {}: letters and numbers cannot be ordered",
                        entry.revision.get(),
                        entry.revision.scheme(),
                        before.revision.get(),
                        before.revision.scheme(),
                        name(d)
                    ),
                    MIXED_HELP,
                )),
                (HistoryKind::Review, Some(Ordering::Equal)) => None,
                (HistoryKind::Review, Some(_)) => Some((
                    format!(
                        "the review of {} in the history of {} is at revision {}, but a review keeps the revision before it ({})",
                        entry.date.get(),
                        name(d),
                        entry.revision.get(),
                        before.revision.get()
                    ),
                    "a review without change repeats the revision of the entry before; a new revision is a change (the default kind)",
                )),
                (_, Some(Ordering::Greater)) => None,
                (_, Some(_)) => Some((
                    format!(
                        "revision {} follows revision {} in the history of {}",
                        entry.revision.get(),
                        before.revision.get(),
                        name(d)
                    ),
                    "list revisions oldest first, each once; record a review without change as `kind = \"review\"`",
                )),
            };
            if let Some((message, help)) = problem {
                out.push(
                    RawFinding::new(Code::DOC006, message)
                        .at(d.origin.at(&entry.revision))
                        .help(help),
                );
            }
            if *entry.date < *before.date {
                out.push(
                    RawFinding::new(
                        Code::DOC006,
                        format!(
                            "revision {} is dated {}, before the previous revision ({})",
                            entry.revision.get(),
                            entry.date.get(),
                            before.date.get()
                        ),
                    )
                    .at(d.origin.at(&entry.date)),
                );
            }
        }
        match revision.partial_cmp(&last.revision) {
            None => out.push(
                RawFinding::new(
                    Code::DOC006,
                    format!(
                        "{} is at revision {} ({}) but its history ends at revision {} ({}): letters and numbers cannot be compared",
                        name(d),
                        revision.get(),
                        revision.scheme(),
                        last.revision.get(),
                        last.revision.scheme()
                    ),
                )
                .at(d.origin.at(revision))
                .help(MIXED_HELP),
            ),
            Some(Ordering::Equal) => {
                // The change that introduced the revision: reviews after it
                // keep its revision and move only the last-review date.
                let issue = m
                    .history
                    .iter()
                    .rev()
                    .find(|h| h.kind == HistoryKind::Change);
                if let (Some(issue), Some(issued)) = (issue, &m.issued)
                    && *issue.revision == **revision
                    && *issue.date != **issued
                {
                    out.push(
                        RawFinding::new(
                            Code::DOC006,
                            format!(
                                "revision {} is dated {} in the history but issued {}",
                                revision.get(),
                                issue.date.get(),
                                issued.get()
                            ),
                        )
                        .at(d.origin.at(&issue.date))
                        .help("the date of the change that introduced the revision is the issue date"),
                    );
                }
            }
            Some(_) => out.push(
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
            ),
        }
    }
}
