//! The check engine: the rule registry and the run that applies every rule,
//! gives each finding its configured level and resolves its position.

pub mod check;
pub mod registry;
