//! Nonconforming outputs (ISO 9001:2015 8.7): a product found nonconforming
//! is closed only with its disposition and the authority that decided it,
//! and a concession carries the customer's authorisation where the house
//! requires it.

use crate::analysis::context::Context;
use crate::base::code::Code;
use crate::base::finding::RawFinding;
use crate::model::{Disposition, Nonconformity, written_name};

pub(crate) const NC009: &str = "\
A nonconforming output (a product nonconformity) that is closed must record
what was done with the product and who decided it: `disposition` (rework,
repair, scrap, use-as-is, concession, return-to-supplier, regrade),
`authorised_by` and `authorised_on`. The date of the authorisation must not
be before the nonconformity was `raised`, nor after it was `closed` or after
the check date.

A nonconformity is a nonconforming output when it says `product = true`; when
it does not say, when its `source` is `supplier`, `goods-in`, `in-process`,
`final-inspection`, `customer-return` or `customer-complaint`, or it records
a `disposition`. Write `product = false` for a nonconformity from one of
those sources that is about the system rather than a product (a supplier's
late paperwork).

Why: ISO 9001:2015 8.7.1 requires nonconforming outputs to be identified and
controlled, and dealt with by correction, segregation, return or suspension,
informing the customer, or acceptance under concession; 8.7.2 requires the
organisation to retain documented information that describes the
nonconformity, the actions taken, any concessions obtained, and identifies
the authority that decided the action. An auditor picks a closed
nonconforming product report and asks: what happened to the parts, and who
said so?

Example:

    source = \"goods-in\"
    status = \"closed\"
    closed = 2025-02-07
    disposition = \"return-to-supplier\"
    quantity = 8
    unit = \"bags\"
    authorised_by = \"Tom Bradshaw\"
    authorised_on = 2025-02-04

Fix: add the disposition and its authority (`authorised_by`,
`authorised_on`), correct the dates, or reopen the nonconformity until the
product has been dealt with.";

pub(crate) const NC010: &str = "\
When qms.toml says that a concession needs the customer's authorisation

    [nonconformity]
    concession_needs_customer = true

a nonconformity whose `disposition` is `concession` must carry
`customer_authorisation`: the reference of the customer's written approval
(their concession or deviation number, the letter or e-mail and its date),
once the concession has been authorised (`authorised_on`) or the
nonconformity is closed. Keep the approval itself with the nonconforming
product records. Without the setting (the default), the house's own
authority may accept a concession.

Why: ISO 9001:2015 8.7.1 d) allows a nonconforming output to be accepted
under concession once that is authorised, and 8.6 lets product be released
before its planned checks are passed only with the approval of the relevant
authority and, where applicable, the customer (automotive and many contract
customers require their written approval before shipment); 8.7.2 c)
requires the concessions obtained to be retained as documented information.

Example:

    disposition = \"concession\"
    customer_authorisation = \"Marston deviation DV-25-014, e-mail of 2025-03-04\"

Fix: obtain the customer's written authorisation and record its reference,
or choose another disposition (rework, scrap).";

/// NC009 and NC010.
pub(crate) fn nonconforming_outputs(ctx: &Context<'_>, out: &mut Vec<RawFinding>) {
    let needs_customer = ctx.qms.nonconformity_config().concession_needs_customer();
    for n in &ctx.qms.nonconformities {
        closed_without_disposition(n, out);
        authorisation_dates(ctx, n, out);
        if needs_customer {
            concession_without_customer(n, out);
        }
    }
}

/// NC009: a closed nonconforming output without its disposition or the
/// authority for it.
fn closed_without_disposition(n: &crate::model::Loaded<Nonconformity>, out: &mut Vec<RawFinding>) {
    if !(n.is_product() && n.is_closed()) {
        return;
    }
    let missing: Vec<&str> = [
        ("`disposition`", n.disposition.is_none()),
        ("`authorised_by`", blank(n.authorised_by.as_ref())),
        ("`authorised_on`", n.authorised_on.is_none()),
    ]
    .into_iter()
    .filter_map(|(f, m)| m.then_some(f))
    .collect();
    if missing.is_empty() {
        return;
    }
    let help = if n.disposition.is_none() {
        "record what was done with the product (disposition = \"rework\", \"repair\", \"scrap\", \"use-as-is\", \"concession\", \"return-to-supplier\" or \"regrade\") and who authorised it when (authorised_by, authorised_on)"
    } else {
        "record who authorised the disposition and when: authorised_by = \"...\", authorised_on = YYYY-MM-DD"
    };
    out.push(
        RawFinding::new(
            Code::NC009,
            format!(
                "nonconforming output `{}` is closed with no {}",
                n.id.get(),
                or_list(&missing)
            ),
        )
        .at(n.origin.at(&n.status))
        .help(help),
    );
}

/// NC009: the disposition authorised before the nonconformity was raised,
/// after it was closed, or after the check date.
fn authorisation_dates(
    ctx: &Context<'_>,
    n: &crate::model::Loaded<Nonconformity>,
    out: &mut Vec<RawFinding>,
) {
    let Some(on) = &n.authorised_on else { return };
    let id = n.id.get();
    let problem = if **on < *n.raised {
        Some(format!(
            "before the nonconformity was raised ({})",
            n.raised.get()
        ))
    } else if let Some(closed) = n.closed.as_ref().filter(|c| ***c < **on) {
        Some(format!(
            "after the nonconformity was closed ({})",
            closed.get()
        ))
    } else if **on > ctx.as_of {
        Some(format!("after the check date {}", ctx.as_of))
    } else {
        None
    };
    if let Some(problem) = problem {
        out.push(
            RawFinding::new(
                Code::NC009,
                format!(
                    "the disposition of `{id}` was authorised on {}, {problem}",
                    on.get()
                ),
            )
            .at(n.origin.at(on))
            .help("the disposition is authorised after the nonconformity is raised and before it is closed"),
        );
    }
}

/// NC010: a concession with no customer authorisation, once authorised or
/// closed.
fn concession_without_customer(n: &crate::model::Loaded<Nonconformity>, out: &mut Vec<RawFinding>) {
    let Some(d) = &n.disposition else { return };
    let decided = n.is_closed() || n.authorised_on.is_some();
    if *d.get() != Disposition::Concession || !decided || !blank(n.customer_authorisation.as_ref())
    {
        return;
    }
    out.push(
        RawFinding::new(
            Code::NC010,
            format!(
                "the {} on `{}` has no `customer_authorisation`, which `[nonconformity] concession_needs_customer` requires",
                written_name(d.get()),
                n.id.get()
            ),
        )
        .at(n.origin.at(d))
        .help("write the reference of the customer's written approval, e.g. customer_authorisation = \"deviation DV-25-014, e-mail of 2025-03-04\""),
    );
}

/// Whether a text is missing or blank.
fn blank(s: Option<&crate::base::span::Spanned<String>>) -> bool {
    s.is_none_or(|s| s.trim().is_empty())
}

/// `a`, `a or b`, `a, b or c`.
fn or_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}
