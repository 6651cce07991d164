//! `records.toml`: the records control list (danh mục hồ sơ).

use serde::{Deserialize, Serialize};

use crate::base::span::Spanned;

/// The whole of `records.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct RecordsList {
    /// One entry per record type.
    #[serde(default, rename = "record")]
    pub records: Vec<RecordType>,
}

/// A type of record the QMS keeps.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct RecordType {
    /// Its id, e.g. `HS-01`.
    pub id: Spanned<String>,
    /// What it is.
    pub title: Spanned<String>,
    /// Who keeps it.
    pub owner: Option<Spanned<String>>,
    /// Where it is kept.
    pub location: Option<Spanned<String>>,
    /// How long it is kept, e.g. "5 years", "vĩnh viễn".
    pub retention: Option<Spanned<String>>,
    /// What happens at the end of retention.
    pub disposition: Option<Spanned<String>>,
    /// Profile clause ids it gives evidence for.
    #[serde(default)]
    pub clauses: Vec<Spanned<String>>,
    /// A glob of record files, relative to the QMS directory.
    pub files: Option<Spanned<String>>,
    /// A CSV register.
    pub register: Option<Register>,
}

/// A CSV register that a record type points at.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Register {
    /// Path of the CSV file, relative to the QMS directory.
    pub path: Spanned<String>,
    /// What the rows are.
    #[serde(default)]
    pub kind: Option<Spanned<RegisterKind>>,
    /// chrono format of its dates; ISO `%Y-%m-%d` when absent.
    pub date_format: Option<Spanned<String>>,
}

/// What a register's rows are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum RegisterKind {
    /// The one-stop dossier book (sổ theo dõi hồ sơ).
    Dossiers,
    /// Any other table.
    Table,
}
