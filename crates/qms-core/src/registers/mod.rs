//! The one-stop dossier book and its figures: reading the register row by
//! row ([`dossier`]), the working calendar its due dates follow
//! ([`calendar`]), the periodic figures ([`figures`], [`stats`]) and what a
//! check learns from it (`dossier_analysis`, internal).

pub mod calendar;
pub mod dossier;
pub(crate) mod dossier_analysis;
pub mod figures;
pub mod stats;
