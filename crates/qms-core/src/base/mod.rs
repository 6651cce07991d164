//! What every layer shares, and so lives below all of them: dates, spans,
//! the text of the files read, findings and their typed codes, and the
//! rules for paths written inside QMS files.

pub mod code;
pub mod date;
pub mod finding;
pub mod paths;
pub mod span;
pub mod text;
