//! The rules, one module per area: each holds its rules' explanations
//! (the text of `qms explain`) and the checks that raise them. The registry
//! ([`crate::engine::registry`]) lists them all.

pub(crate) mod actions;
pub(crate) mod audits;
pub(crate) mod clauses;
pub(crate) mod documents;
pub(crate) mod dossiers;
pub(crate) mod identity;
pub(crate) mod load;
pub(crate) mod nonconformities;
pub(crate) mod objectives;
pub(crate) mod outputs;
pub(crate) mod records;
pub(crate) mod references;
pub(crate) mod registers;
pub(crate) mod revisions;

/// Whether two names written in different files are the same person
/// (case, surrounding spaces and Unicode composition ignored).
pub(crate) fn same_person(a: &str, b: &str) -> bool {
    a == b || person_key(a) == person_key(b)
}

/// A name as [`same_person`] compares it: trimmed, lower case, composed
/// (NFC). A rule comparing one name with many computes its key once.
pub(crate) fn person_key(name: &str) -> String {
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
    let lower = name.trim().to_lowercase();
    // Names are nearly always composed already: recompose only when needed.
    if is_nfc_quick(lower.chars()) == IsNormalized::Yes {
        lower
    } else {
        lower.nfc().collect()
    }
}
