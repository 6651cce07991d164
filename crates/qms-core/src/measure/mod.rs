//! Quality objectives and the metrics they measure: the built-in metrics
//! at the check date, the house's `[[metric]]` over its registers and the
//! values measured by hand, per period.

pub(crate) mod by_hand;
pub mod metrics;
pub mod objectives;
pub(crate) mod periods;
pub(crate) mod register_metrics;
pub(crate) mod register_rows;
pub(crate) mod rows;
