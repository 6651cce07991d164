//! Cross references: every id a file names must exist.

use crate::analysis::context::Context;
use crate::base::code::Code;
use crate::base::finding::RawFinding;
use crate::base::span::{Origin, Spanned};

pub(crate) const DOC003: &str = "\
Files refer to each other by id. Each reference must name an item that
exists:
- a document's `references` (documents) and `records` (record types in
  records.toml);
- a nonconformity's `documents` and `audit`;
- an action's `nonconformities`;
- an audit's `scope` (documents, or processes declared as `[[process]]` in
  qms.toml) and each finding's `document` and `nonconformity`; in a
  `supplier` audit the scope and the findings' `document` are free text (the
  supplier, its processes and documents) and are not checked;
- a management review output's `action`;
- a process's `documents` (`[[process]]` in qms.toml).

Why: traceability is what an auditor follows (ISO 9001:2015 7.5.3, 10.2.2):
from the audit finding to the nonconformity to the action and its evidence.
A dangling reference is a broken trail, usually a typo or a renamed id.

Example: an action with `nonconformities = [\"NC-2012-01\"]` where the file
holds `NC-2012-001`.

Fix: correct the id, or add the missing item.";

struct Refs<'c, 'a> {
    ctx: &'c Context<'a>,
    out: &'c mut Vec<RawFinding>,
}

impl Refs<'_, '_> {
    fn check(&mut self, origin: Origin, r: &Spanned<String>, what: &str, exists: bool) {
        if exists {
            return;
        }
        // A file named for the id that did not load: unread, not misspelt.
        let f = match self.ctx.qms.failed_file_named(r.get()) {
            Some(file) => RawFinding::new(
                Code::DOC003,
                format!(
                    "{what} `{}` cannot be checked: `{file}` did not load",
                    r.get()
                ),
            )
            .help(format!(
                "correct `{file}` (its LOAD finding says what is wrong)"
            )),
            None => RawFinding::new(Code::DOC003, format!("unknown {what} `{}`", r.get()))
                .help(format!("no {what} has this id; check the spelling")),
        };
        self.out.push(f.at(origin.at(r)));
    }

    fn document(&mut self, origin: Origin, r: &Spanned<String>) {
        let e = self.ctx.index.documents.contains_key(r.as_str());
        self.check(origin, r, "document", e);
    }

    fn nonconformity(&mut self, origin: Origin, r: &Spanned<String>) {
        let e = self.ctx.index.nonconformities.contains_key(r.as_str());
        self.check(origin, r, "nonconformity", e);
    }
}

/// DOC003: references to ids that do not exist.
pub(crate) fn unknown_references(ctx: &Context<'_>, out: &mut Vec<RawFinding>) {
    let mut refs = Refs { ctx, out };
    let q = ctx.qms;
    for d in &q.documents {
        for r in &d.meta.references {
            refs.document(d.origin, r);
        }
        for r in &d.meta.records {
            let e = ctx.index.records.contains_key(r.as_str());
            refs.check(d.origin, r, "record type", e);
        }
    }
    for n in &q.nonconformities {
        for r in &n.documents {
            refs.document(n.origin, r);
        }
        if let Some(a) = &n.audit {
            let e = ctx.index.audits.contains_key(a.as_str());
            refs.check(n.origin, a, "audit", e);
        }
    }
    for a in &q.actions {
        for r in &a.nonconformities {
            refs.nonconformity(a.origin, r);
        }
    }
    let has_processes = !ctx.index.processes.is_empty();
    for a in &q.audits {
        // A supplier audit's scope names the supplier, not our documents.
        for r in a.scope.iter().filter(|_| a.kind.audits_own_qms()) {
            if has_processes {
                let e = ctx.index.documents.contains_key(r.as_str())
                    || ctx.index.processes.contains_key(r.as_str());
                refs.check(a.origin, r, "document or process", e);
            } else {
                refs.document(a.origin, r);
            }
        }
        for f in &a.findings {
            if let Some(r) = f.document.as_ref().filter(|_| a.kind.audits_own_qms()) {
                refs.document(a.origin, r);
            }
            if let Some(r) = &f.nonconformity {
                refs.nonconformity(a.origin, r);
            }
        }
    }
    if let Some(cfg) = &q.config {
        for p in &cfg.processes {
            for r in &p.documents {
                refs.document(cfg.origin, r);
            }
        }
    }
    for rv in &q.reviews {
        for o in &rv.outputs {
            if let Some(r) = &o.action {
                let e = ctx.index.actions.contains_key(r.as_str());
                refs.check(rv.origin, r, "action", e);
            }
        }
    }
}
