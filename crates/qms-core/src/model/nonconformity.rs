//! Nonconformities (ISO 9001:2015 10.2), one file each, and the
//! nonconforming outputs among them (8.7): a product found nonconforming,
//! with what was done with it and who authorised that.

use serde::{Deserialize, Serialize};

use crate::base::date::Date;
use crate::base::span::Spanned;

/// Where a nonconformity was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum NonconformitySource {
    /// An internal audit.
    InternalAudit,
    /// A certification or other external audit.
    ExternalAudit,
    /// A citizen's or customer's complaint.
    Complaint,
    /// A dossier returned after its appointment date.
    LateDossier,
    /// A process indicator off target.
    Kpi,
    /// A management review.
    ManagementReview,
    /// Found in the course of the work.
    Process,
    /// A supplier's product or service (found by or reported to us).
    Supplier,
    /// Receiving inspection of purchased material or parts.
    GoodsIn,
    /// An in-process check (first-off, patrol, the operator's check).
    InProcess,
    /// Final inspection before release.
    FinalInspection,
    /// Product the customer sent back.
    CustomerReturn,
    /// A customer's complaint about the product.
    CustomerComplaint,
}

impl NonconformitySource {
    /// Whether a nonconformity from this source is about a product (a
    /// nonconforming output, ISO 9001:2015 8.7) unless it says otherwise
    /// (`product = false`): `supplier`, `goods-in`, `in-process`,
    /// `final-inspection`, `customer-return` and `customer-complaint`.
    pub fn is_product(self) -> bool {
        matches!(
            self,
            NonconformitySource::Supplier
                | NonconformitySource::GoodsIn
                | NonconformitySource::InProcess
                | NonconformitySource::FinalInspection
                | NonconformitySource::CustomerReturn
                | NonconformitySource::CustomerComplaint
        )
    }
}

/// What was decided for a nonconforming output (ISO 9001:2015 8.7.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Disposition {
    /// Reworked to meet the requirements, then re-inspected.
    Rework,
    /// Repaired so that it is fit for use, though not to the original
    /// requirements.
    Repair,
    /// Scrapped (or recycled): prevented from its intended use.
    Scrap,
    /// Used as it is, accepted by the organisation's authority.
    UseAsIs,
    /// Released under a concession: accepted by the customer (or the
    /// house's authority) although it does not meet the requirements.
    Concession,
    /// Sent back to the supplier.
    ReturnToSupplier,
    /// Regraded for another use whose requirements it meets.
    Regrade,
}

/// How serious a nonconformity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Grade {
    /// Affects the ability of the QMS to achieve its results.
    Major,
    /// A lapse that does not.
    Minor,
    /// A potential nonconformity; no action required.
    Observation,
    /// An opportunity for improvement; no action required.
    Ofi,
}

/// Where a nonconformity is in its lifecycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum NonconformityStatus {
    /// Raised, not yet analysed.
    Open,
    /// Cause being analysed.
    Analysis,
    /// Actions under way.
    Action,
    /// Waiting for the effectiveness check.
    Verification,
    /// Closed.
    Closed,
    /// Not a nonconformity after all (or a duplicate).
    Rejected,
}

/// A nonconformity.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Nonconformity {
    /// Its id, e.g. `NC-2012-001`.
    pub id: Spanned<String>,
    /// Short title.
    pub title: Spanned<String>,
    /// When it was raised.
    pub raised: Spanned<Date>,
    /// Who raised it.
    pub raised_by: Option<Spanned<String>>,
    /// Where it came from.
    pub source: Option<Spanned<NonconformitySource>>,
    /// How serious it is.
    pub grade: Spanned<Grade>,
    /// Profile clauses not met.
    #[serde(default)]
    pub clauses: Vec<Spanned<String>>,
    /// Documents concerned.
    #[serde(default)]
    pub documents: Vec<Spanned<String>>,
    /// The audit that found it.
    pub audit: Option<Spanned<String>>,
    /// Requirement, evidence and gap.
    pub description: Option<Spanned<String>>,
    /// Immediate correction / containment.
    pub correction: Option<Spanned<String>>,
    /// Lifecycle state.
    pub status: Spanned<NonconformityStatus>,
    /// When it was closed.
    pub closed: Option<Spanned<Date>>,
    /// Root-cause analysis.
    pub root_cause: Option<RootCause>,
    /// Effectiveness check of the actions.
    pub effectiveness: Option<Effectiveness>,
    /// Whether it is about a product (a nonconforming output, 8.7); when not
    /// written, see [`Nonconformity::is_product`].
    pub product: Option<Spanned<bool>>,
    /// What was done with the nonconforming output.
    pub disposition: Option<Spanned<Disposition>>,
    /// How many items (parts, kg, lots) were nonconforming.
    pub quantity: Option<Spanned<u64>>,
    /// The unit of `quantity` (`pcs`, `kg`, `bags`); none: items.
    pub unit: Option<Spanned<String>>,
    /// Who authorised the disposition (8.7.2 d)).
    pub authorised_by: Option<Spanned<String>>,
    /// When the disposition was authorised.
    pub authorised_on: Option<Spanned<Date>>,
    /// The customer's authorisation of a concession: its reference (the
    /// customer's concession or deviation number, letter or e-mail).
    pub customer_authorisation: Option<Spanned<String>>,
}

/// `[root_cause]`.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct RootCause {
    /// 5-why, fishbone or 8d.
    pub method: Option<Spanned<String>>,
    /// The successive answers to "why?".
    #[serde(default)]
    pub whys: Vec<Spanned<String>>,
    /// The root cause found.
    pub cause: Option<Spanned<String>>,
}

/// The result of an effectiveness check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum EffectivenessResult {
    /// The actions removed the cause.
    Effective,
    /// They did not.
    NotEffective,
}

/// `[effectiveness]`.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Effectiveness {
    /// How effectiveness is judged.
    pub method: Option<Spanned<String>>,
    /// When the check is due.
    pub due: Option<Spanned<Date>>,
    /// Who checked (independent of the action owners).
    pub verified_by: Option<Spanned<String>>,
    /// When.
    pub verified_on: Option<Spanned<Date>>,
    /// The result.
    pub result: Option<Spanned<EffectivenessResult>>,
    /// Evidence files, relative to the QMS directory.
    #[serde(default)]
    pub evidence: Vec<Spanned<String>>,
}

impl Grade {
    /// Whether the grade is a nonconformity proper (major or minor), which
    /// needs at least a correction; observations and opportunities for
    /// improvement do not. Which grades need a corrective action is the
    /// house's rule (`[nonconformity] corrective_action_for`, by default
    /// these two).
    pub fn is_nonconformity(self) -> bool {
        matches!(self, Grade::Major | Grade::Minor)
    }
}

impl Nonconformity {
    /// Whether it is still open: neither closed nor rejected.
    pub fn is_open(&self) -> bool {
        !matches!(
            self.status.get(),
            NonconformityStatus::Closed | NonconformityStatus::Rejected
        )
    }

    /// Whether it is open at `as_of`: raised by then, and neither closed nor
    /// rejected. The open major nonconformities block "ready for
    /// certification".
    pub fn is_open_at(&self, as_of: Date) -> bool {
        *self.raised <= as_of && self.is_open()
    }

    /// Whether it is a nonconforming output (ISO 9001:2015 8.7): `product`
    /// when written; otherwise when its source is a product source
    /// ([`NonconformitySource::is_product`]) or it records a disposition.
    pub fn is_product(&self) -> bool {
        match &self.product {
            Some(p) => *p.get(),
            None => {
                self.source.as_ref().is_some_and(|s| s.get().is_product())
                    || self.disposition.is_some()
            }
        }
    }

    /// Whether it is closed.
    pub fn is_closed(&self) -> bool {
        *self.status.get() == NonconformityStatus::Closed
    }

    /// Whether it is a major nonconformity open at `as_of`.
    pub fn is_open_major_at(&self, as_of: Date) -> bool {
        *self.grade.get() == Grade::Major && self.is_open_at(as_of)
    }
}
