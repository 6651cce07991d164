//! The one-stop dossier register (sổ theo dõi hồ sơ).

use crate::check::Context;
use crate::metrics::Measure;

/// The dossier figures an objective can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DossierMetric {
    /// (early + on time) / resolved.
    OnTimeRate,
    /// Resolved after the due date.
    Late,
    /// In progress past the due date.
    Overdue,
}

/// Measures a dossier metric; `None` while the QMS has no dossier register.
pub fn metric(_ctx: &Context<'_>, _which: DossierMetric) -> Option<Measure> {
    None
}
