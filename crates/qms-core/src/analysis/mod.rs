//! What is computed once before the rules run: the clause matrix from
//! evidence ([`coverage`]) and the check [`context`] every rule, measure and
//! the engine read.

pub mod context;
pub mod coverage;
