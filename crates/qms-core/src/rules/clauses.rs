//! Clause coverage rules (ISO 9001:2015 4.3, 4.4, 7.5.1): mandatory
//! documented information present, exclusions justified, allowed and not
//! contradicted by the QMS's own documents, clause ids that exist.

use crate::analysis::context::Context;
use crate::analysis::coverage::{Status, na_allowed};
use crate::base::code::Code;
use crate::base::finding::RawFinding;
use crate::base::span::{Location, Origin, Spanned};
use crate::model::DocumentKind;
use crate::profile::{RequirementKind, is_within};

/// Where coverage findings point: the profile line of qms.toml, or the file.
fn scope_location(ctx: &Context<'_>) -> Option<Location> {
    let cfg = ctx.qms.config.as_ref()?;
    Some(match &cfg.scope.profile {
        Some(p) => cfg.origin.at(p),
        None => cfg.origin.at(&cfg.scope.statement),
    })
}

fn missing_items(
    ctx: &Context<'_>,
    out: &mut Vec<RawFinding>,
    code: Code,
    kinds: &[RequirementKind],
) {
    // Without qms.toml (LOAD006) there is no scope to judge coverage against.
    if ctx.qms.config.is_none() {
        return;
    }
    for row in &ctx.coverage.clauses {
        for req in row.requirements.iter().filter(|r| kinds.contains(&r.kind)) {
            if req.status != Status::Missing {
                continue;
            }
            let what = match req.kind {
                RequirementKind::Maintain => "no current, approved document",
                RequirementKind::Retain => "no record type with records",
                RequirementKind::Procedure => "no current, approved procedure",
                RequirementKind::Manual => "no current, approved quality manual",
            };
            let mut f = RawFinding::new(
                code,
                format!(
                    "clause {} ({}): {what} for \"{}\"",
                    row.clause, row.title_en, req.en
                ),
            );
            if let Some(at) = scope_location(ctx) {
                f = f.at(at);
            }
            let help = if req.rejected.is_empty() {
                match req.kind {
                    RequirementKind::Retain => format!(
                        "add a record type citing {} in records.toml whose files exist, or declare the clause not applicable",
                        row.clause
                    ),
                    _ => format!(
                        "add `\"{}\"` to the `clauses` of the document that provides it",
                        row.clause
                    ),
                }
            } else {
                let why: Vec<String> = req
                    .rejected
                    .iter()
                    .map(|r| format!("{} ({})", r.id, r.reason))
                    .collect();
                format!("cited by {}, which do not count", why.join(", "))
            };
            out.push(f.help(help));
        }
    }
}

pub(crate) const CLS001: &str = "\
Every item of mandatory documented information in the profile must have
evidence. A \"maintain\" item (a document, e.g. the quality policy, 5.2) is
covered only by a current document, approved on or before its issue date and
not past its review date, whose `clauses` name the item's clause or one of its
subclauses. A \"retain\" item (a record, e.g. internal audit results, 9.2) is
covered only by a record type in records.toml citing the clause whose `files`
glob matches at least one file, or whose register has rows. Declaring a
clause not applicable (with a reason, where the profile allows) also settles
its items.

Why: this is the completeness an auditor checks first (ISO 9001:2015 7.5.1
a). Coverage is computed from evidence, never from what a document declares
about itself: a draft policy, an overdue procedure or an empty records folder
does not count.

Fix: the help line names the documents or records that cite the clause but
do not count, and why; otherwise add the document or record type.";

/// CLS001: a mandatory document or record without evidence.
pub(crate) fn mandatory_item_missing(ctx: &Context<'_>, out: &mut Vec<RawFinding>) {
    missing_items(
        ctx,
        out,
        Code::CLS001,
        &[RequirementKind::Maintain, RequirementKind::Retain],
    );
}

pub(crate) const CLS005: &str = "\
Under ISO 9001:2008 the quality manual (4.2.2) and six documented procedures
are mandatory: control of documents (4.2.3), control of records (4.2.4),
internal audit (8.2.2), control of nonconforming product (8.3), corrective
action (8.5.2) and preventive action (8.5.3). Each must be a current, approved
document of kind `manual` or `procedure`, within its review date, citing the
clause (directly, or through the profile's correspondence table when the files
use ISO 9001:2015 numbers).

Why: a certification auditor under ISO 9001:2008 asks for exactly these six
procedures and the manual; a missing one is a nonconformity against 4.2.1.

Fix: add or restore the procedure, or correct its `clauses`.";

/// CLS005: a mandatory procedure or the quality manual missing (2008).
pub(crate) fn mandatory_procedure_missing(ctx: &Context<'_>, out: &mut Vec<RawFinding>) {
    missing_items(
        ctx,
        out,
        Code::CLS005,
        &[RequirementKind::Procedure, RequirementKind::Manual],
    );
}

pub(crate) const CLS002: &str = "\
A clause declared not applicable in qms.toml (`[scope] not_applicable`) must
give the reason: `{ clause = \"8.3\", reason = \"...\" }`.

Why: ISO 9001:2015 4.3 requires the scope to justify any requirement that is
not applicable, and an exclusion may not affect the ability to deliver
conforming services. An unjustified exclusion is not accepted and the
clause's items count as missing.

Fix: add the reason.";

pub(crate) const CLS003: &str = "\
A clause may be declared not applicable only where the profile allows it
(`not_applicable_allowed` in the profile, with its reason; `qms profiles
show ID` prints them). An id is allowed when it equals an allowed id or is a
subclause of one.

ISO 9001:2015 (4.3): only requirements that cannot affect the ability to
provide conforming products and services, or customer satisfaction; in
practice 8.3 (design and development) and its subclauses, 7.1.5.2
(measurement traceability), item f) of 8.5.1 (validating processes whose
output cannot be verified; written `8.5.1.f`, the rest of 8.5.1 applies) and
8.5.3 (property of customers or external providers). ISO 9001:2008 (1.2):
only requirements within clause 7 (product realization).

Why: an exclusion outside these is not a valid scope; it is ignored and the
clause's items count as missing.

Example: `{ clause = \"7.5\", reason = \"...\" }` under ISO 9001:2015:
documented information is required of every QMS.

Fix: remove the exclusion, or check the profile.";

pub(crate) const CLS004: &str = "\
Clause ids in the files (`clauses` of documents, record types and
nonconformities, audit findings' `clause`, `[scope] not_applicable`) must be
clauses of the profile, or, when `[scope] clause_numbering` names another
edition, clauses of that edition that the profile's correspondence table
translates. An id whose last part is one lower-case letter is a lettered
item of its clause (`8.5.1.f`, item f) of 8.5.1) and is known when its
clause is.

Why: a citation of a clause that does not exist is a typo or a leftover from
another edition, and it silently fails to give evidence.

Example: `clauses = [\"7.5.4\"]` under ISO 9001:2015, which has no 7.5.4.

Fix: correct the clause id (`qms profiles show ID` lists them).";

/// The help line of CLS003: what the profile allows, and why.
fn refused_help(ctx: &Context<'_>) -> String {
    let p = ctx.profile;
    let allowed = if p.not_applicable_allowed.is_empty() {
        "nothing".to_string()
    } else {
        p.not_applicable_allowed.join(", ")
    };
    match &p.not_applicable_reason {
        Some(why) => format!("{} allows exclusions only within: {allowed}; {why}", p.id),
        None => format!("{} allows exclusions only within: {allowed}", p.id),
    }
}

struct Cited<'c> {
    origin: Origin,
    clause: &'c Spanned<String>,
}

/// CLS002, CLS003, CLS004: exclusions and clause ids.
pub(crate) fn clause_ids(ctx: &Context<'_>, out: &mut Vec<RawFinding>) {
    let q = ctx.qms;
    let mut cited: Vec<Cited<'_>> = Vec::new();
    for d in &q.documents {
        cited.extend(d.meta.clauses.iter().map(|clause| Cited {
            origin: d.origin,
            clause,
        }));
    }
    if let Some(r) = &q.records {
        for t in &r.records {
            cited.extend(t.clauses.iter().map(|clause| Cited {
                origin: r.origin,
                clause,
            }));
        }
    }
    for n in &q.nonconformities {
        cited.extend(n.clauses.iter().map(|clause| Cited {
            origin: n.origin,
            clause,
        }));
    }
    for a in &q.audits {
        cited.extend(
            a.findings
                .iter()
                .filter_map(|f| f.clause.as_ref())
                .map(|clause| Cited {
                    origin: a.origin,
                    clause,
                }),
        );
    }
    let edition = &ctx.numbering.edition;
    for c in cited {
        if ctx.numbering.translate(c.clause).is_none() {
            out.push(
                RawFinding::new(
                    Code::CLS004,
                    format!("clause `{}` is not a clause of {edition}", c.clause.get()),
                )
                .at(c.origin.at(c.clause))
                .help(format!("`qms profiles show {edition}` lists the clauses")),
            );
        }
    }

    let Some(cfg) = &q.config else { return };
    for na in &cfg.scope.not_applicable {
        let at = cfg.origin.at(&na.clause);
        if na.reason.as_ref().is_none_or(|r| r.trim().is_empty()) {
            out.push(
                RawFinding::new(
                    Code::CLS002,
                    format!(
                        "clause {} is declared not applicable without a reason",
                        na.clause.get()
                    ),
                )
                .at(at.clone())
                .help("add `reason = \"...\"`: why the requirement does not apply to this QMS"),
            );
        }
        let only = na.profile.as_ref().map(|p| p.as_str());
        match ctx.numbering.translate_for(&na.clause, only) {
            None => out.push(
                RawFinding::new(
                    Code::CLS004,
                    format!("clause `{}` is not a clause of {edition}", na.clause.get()),
                )
                .at(at),
            ),
            Some(ids) => {
                for id in ids.iter().filter(|id| !na_allowed(ctx.profile, id)) {
                    out.push(
                        RawFinding::new(
                            Code::CLS003,
                            format!(
                                "{} does not allow clause {id} to be declared not applicable",
                                ctx.profile.id
                            ),
                        )
                        .at(at.clone())
                        .help(refused_help(ctx)),
                    );
                }
            }
        }
    }
}

pub(crate) const CLS006: &str = "\
A profile file of the user's own (`[scope] profile = \"profiles/iso14001.toml\"`,
a path relative to the QMS directory) must be consistent: each clause listed
once, every subclause's parent listed, requirement ids unique, and every
requirement and correspondence naming a clause the profile lists. The format
is that of the built-in profiles (`qms profiles show iso9001:2015`, and
crates/qms-core/profiles/ in the source).

Why: coverage is computed from the profile; a requirement on a clause that
does not exist can never be covered, and nobody would notice why.

Fix: correct the profile file at the place shown.";

pub(crate) const CLS007: &str = "\
A clause declared not applicable (`[scope] not_applicable` in qms.toml) must
not be one that the QMS itself implements: no current document of the
organisation's own (every kind but `external`) and no record type in
records.toml may cite it, or one of its subclauses or items, in its
`clauses`. The comparison is made in the numbering the exclusion is written
in: the files' `clause_numbering` for a plain exclusion, the profile's own
for one marked `profile = \"...\"`, to which the citations are translated.
An exclusion that the profile refuses is reported by CLS003 alone.

Why: ISO 9001:2015 4.3 accepts an exclusion only of a requirement that
cannot apply to the organisation. A procedure or a record kept for that very
requirement shows that it does apply: the scope statement and the QMS
contradict each other, and an auditor will not accept the justification.

Example: `{ clause = \"7.1.5.2\", reason = \"No calibrated equipment\" }`
while the calibration procedure has `clauses = [\"7.1.5.1\", \"7.1.5.2\"]`;
or 8.3 excluded while a document cites 8.3.4.

Fix: if the requirement applies, remove the exclusion; if it does not, take
the clause out of the `clauses` of the documents and record types named.";

/// CLS007: a clause declared not applicable that the QMS's own current
/// documents or record types cite.
pub(crate) fn excluded_clause_implemented(ctx: &Context<'_>, out: &mut Vec<RawFinding>) {
    let q = ctx.qms;
    let Some(cfg) = &q.config else { return };
    // (what, id, the clauses it cites as implemented)
    let mut citers: Vec<(&str, &str, &[Spanned<String>])> = Vec::new();
    for d in &q.documents {
        if !d.is_current() || d.kind() == Some(DocumentKind::External) {
            continue;
        }
        if let Some(id) = d.id() {
            citers.push(("document", id, &d.meta.clauses));
        }
    }
    for t in q.records.iter().flat_map(|r| &r.records) {
        citers.push(("record type", &t.id, &t.clauses));
    }
    for na in &cfg.scope.not_applicable {
        let excluded = na.clause.as_str();
        let only = na.profile.as_ref().map(|p| p.as_str());
        // Written in the profile's own numbering, or in the files'.
        let native = match only {
            None => false,
            Some(p) if p == ctx.profile.id => true,
            Some(_) => continue,
        };
        // An unknown clause is CLS004's; a refused exclusion, CLS003's.
        let Some(ids) = ctx.numbering.translate_for(excluded, only) else {
            continue;
        };
        if ids.is_empty() || ids.iter().all(|id| !na_allowed(ctx.profile, id)) {
            continue;
        }
        let within = |cited: &str| {
            if native {
                ctx.numbering
                    .translate(cited)
                    .unwrap_or_default()
                    .iter()
                    .any(|t| is_within(t, excluded))
            } else {
                is_within(cited, excluded)
            }
        };
        let mut names = Vec::new();
        for (what, id, clauses) in &citers {
            let hits: Vec<&str> = clauses
                .iter()
                .map(|c| c.as_str())
                .filter(|c| within(c))
                .collect();
            if hits.is_empty() {
                continue;
            }
            let other: Vec<&str> = hits.into_iter().filter(|c| *c != excluded).collect();
            names.push(if other.is_empty() {
                format!("{what} `{id}`")
            } else {
                format!("{what} `{id}` ({})", other.join(", "))
            });
        }
        if names.is_empty() {
            continue;
        }
        out.push(
            RawFinding::new(
                Code::CLS007,
                format!(
                    "clause {excluded} is declared not applicable but is cited by {}",
                    names.join(", ")
                ),
            )
            .at(cfg.origin.at(&na.clause))
            .help("if the requirement applies, remove the exclusion; otherwise take the clause out of their `clauses`"),
        );
    }
}
