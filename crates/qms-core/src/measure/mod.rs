//! Quality objectives and the named metrics they measure, at the check date.

pub mod metrics;
pub mod objectives;
