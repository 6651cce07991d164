//! Identity rules: ids unique within their kind, file names that start with
//! the id they hold.

use std::collections::BTreeMap;

use crate::analysis::context::Context;
use crate::base::code::Code;
use crate::base::finding::RawFinding;
use crate::base::span::Location;

/// An id as written somewhere, with its kind's name and whether the item has
/// a file of its own (named after the id).
struct IdSite<'a> {
    kind: &'static str,
    id: &'a str,
    at: Location,
    own_file: bool,
}

fn id_sites<'a>(ctx: &Context<'a>) -> Vec<IdSite<'a>> {
    let q = ctx.qms;
    let mut out = Vec::new();
    for d in &q.documents {
        if let Some(id) = &d.meta.id {
            out.push(IdSite {
                kind: "document",
                id,
                at: d.origin.at(id),
                own_file: true,
            });
        }
    }
    if let Some(r) = &q.records {
        for t in &r.records {
            out.push(IdSite {
                kind: "record type",
                id: &t.id,
                at: r.origin.at(&t.id),
                own_file: false,
            });
        }
    }
    if let Some(c) = &q.config {
        for o in &c.objectives {
            out.push(IdSite {
                kind: "objective",
                id: &o.id,
                at: c.origin.at(&o.id),
                own_file: false,
            });
        }
        for p in &c.processes {
            out.push(IdSite {
                kind: "process",
                id: &p.id,
                at: c.origin.at(&p.id),
                own_file: false,
            });
        }
    }
    for n in &q.nonconformities {
        out.push(IdSite {
            kind: "nonconformity",
            id: &n.id,
            at: n.origin.at(&n.id),
            own_file: true,
        });
    }
    for a in &q.actions {
        out.push(IdSite {
            kind: "action",
            id: &a.id,
            at: a.origin.at(&a.id),
            own_file: true,
        });
    }
    for a in &q.audits {
        out.push(IdSite {
            kind: "audit",
            id: &a.id,
            at: a.origin.at(&a.id),
            own_file: true,
        });
    }
    for r in &q.reviews {
        out.push(IdSite {
            kind: "management review",
            id: &r.id,
            at: r.origin.at(&r.id),
            own_file: true,
        });
    }
    out
}

pub(crate) const DOC002: &str = "\
Ids are unique within their kind: two documents, two record types, two
objectives, two processes (`[[process]]` in qms.toml), two nonconformities,
two actions, two audits or two management reviews may not share an id.
Every occurrence after the first is reported, with the place of the first.

Why: cross references are by id (ISO 9001:2015 7.5.2 a, identification); a
duplicated code makes every reference to it ambiguous, and two current
documents with one code is a document-control failure.

Example: two files under documents/ both with `id = \"P-01\"`.

Fix: give one of them a new id, or make the old one obsolete under a
different id.";

/// DOC002: duplicate ids within a kind.
pub(crate) fn duplicate_ids(ctx: &Context<'_>, out: &mut Vec<RawFinding>) {
    let mut first: BTreeMap<(&str, &str), Location> = BTreeMap::new();
    for site in id_sites(ctx) {
        match first.get(&(site.kind, site.id)) {
            None => {
                first.insert((site.kind, site.id), site.at);
            }
            Some(prev) => {
                let src = ctx.qms.sources.get(prev.file);
                let line = prev.span.as_ref().map_or(1, |s| src.line_col(s.start).0);
                out.push(
                    RawFinding::new(
                        Code::DOC002,
                        format!(
                            "duplicate {} id `{}`, first defined in {}:{}",
                            site.kind, site.id, src.path, line
                        ),
                    )
                    .at(site.at)
                    .help(format!(
                        "ids are unique within their kind; rename one of the {}s",
                        site.kind
                    )),
                );
            }
        }
    }
}

pub(crate) const DOC009: &str = "\
A document, nonconformity, action, audit or review lives in a file whose name
is its id or starts with it, e.g. `P-01-document-control.md` for P-01.

Why: an auditor (and `git log`) finds a record by its code; a file named after
something else hides it. It also catches a file copied from another and not
fully edited.

Example: `documents/P-02-control-of-records.md` holding `id = \"P-03\"`.

Fix: rename the file, or correct the id.";

/// DOC009: file name does not start with the id.
pub(crate) fn file_name_mismatch(ctx: &Context<'_>, out: &mut Vec<RawFinding>) {
    for site in id_sites(ctx).into_iter().filter(|s| s.own_file) {
        let path = &ctx.qms.sources.get(site.at.file).path;
        let file_name = path.rsplit('/').next().unwrap_or(path);
        let stem = file_name.rsplit_once('.').map_or(file_name, |(s, _)| s);
        let rest = stem.strip_prefix(site.id);
        let ok = rest.is_some_and(|r| r.is_empty() || r.starts_with(['-', '_', '.', ' ']));
        if !ok {
            out.push(
                RawFinding::new(
                    Code::DOC009,
                    format!(
                        "file `{path}` holds {} `{}` but its name does not start with the id",
                        site.kind, site.id
                    ),
                )
                .at(site.at)
                .help(format!(
                    "rename it so its name starts with the id, e.g. `{}-{file_name}`",
                    site.id
                )),
            );
        }
    }
}
