//! Registers: any register row by row, CSV or workbook ([`rows`], its
//! [`cells`], [`workbook`] sheets and [`dates`]); typed
//! table registers with due dates ([`table`]); the one-stop dossier book
//! ([`dossier`]), the working calendar its due dates follow ([`calendar`]),
//! its periodic figures ([`figures`], [`stats`]) and what a check learns
//! from it (the year to date and the DOS findings).

pub mod calendar;
pub mod cells;
pub mod dates;
pub mod dossier;
pub(crate) mod dossier_analysis;
pub mod figures;
pub mod rows;
pub mod stats;
pub mod table;
pub mod workbook;
