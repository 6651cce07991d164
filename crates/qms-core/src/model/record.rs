//! `records.toml`: the records control list (danh mục hồ sơ).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::base::span::Spanned;

/// The whole of `records.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct RecordsList {
    /// One entry per record type.
    #[serde(default, rename = "record")]
    pub records: Vec<RecordType>,
}

/// A type of record the QMS keeps.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
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
    /// A register (a CSV file or a workbook's sheet).
    pub register: Option<Register>,
}

/// A register that a record type points at: a CSV file or a sheet of a
/// workbook (`.xlsx`, `.xls`, `.ods`).
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Register {
    /// Path of the file, relative to the QMS directory.
    pub path: Spanned<String>,
    /// What the rows are (a table when absent).
    #[serde(default)]
    pub kind: Option<Spanned<RegisterKind>>,
    /// chrono format of its dates written as text; ISO `%Y-%m-%d` when
    /// absent. A workbook's date cells read whatever it says.
    pub date_format: Option<Spanned<String>>,
    /// The sheet of a workbook; its first sheet when absent.
    pub sheet: Option<Spanned<String>>,
    /// A table's column that names a row in messages (`gauge_id`).
    pub key: Option<Spanned<String>>,
    /// The word for a row in messages (`gauge`); the key column's name when
    /// absent.
    pub noun: Option<Spanned<String>>,
    /// A table's typed columns, by column name.
    #[serde(default)]
    pub columns: BTreeMap<String, Spanned<ColumnType>>,
    /// A table's due dates: each row is overdue when its date is before the
    /// check date.
    #[serde(default)]
    pub due: Vec<DueDate>,
    /// `[record.register.headers]`: the export's header of each canonical
    /// column (`received = "Ngày nhận"`).
    #[serde(default)]
    pub headers: BTreeMap<String, Spanned<String>>,
}

impl Register {
    /// The canonical column name of a header found in the file (trimmed and
    /// lower-cased): the column `headers` maps to it, or the header itself.
    pub fn canonical_header(&self, found: &str) -> String {
        let found = found.trim().to_lowercase();
        self.headers
            .iter()
            .find(|(_, h)| h.trim().to_lowercase() == found)
            .map_or(found, |(c, _)| c.trim().to_lowercase())
    }

    /// Whether this is the one-stop dossier book (`kind = "dossiers"`);
    /// otherwise it is a table.
    pub fn is_dossiers(&self) -> bool {
        self.kind
            .as_ref()
            .is_some_and(|k| *k.get() == RegisterKind::Dossiers)
    }
}

/// What a typed column of a table register holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum ColumnType {
    /// A date: a workbook date cell, or text in the register's `date_format`.
    Date,
    /// A whole number.
    Integer,
    /// Any number (`.` for decimals).
    Number,
    /// Any text.
    Text,
    /// One of these values, exactly as written (surrounding spaces ignored).
    OneOf(Vec<String>),
}

impl<'de> Deserialize<'de> for ColumnType {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = ColumnType;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("`date`, `integer`, `number`, `text` or a list of the values allowed")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<ColumnType, E> {
                match v {
                    "date" => Ok(ColumnType::Date),
                    "integer" => Ok(ColumnType::Integer),
                    "number" => Ok(ColumnType::Number),
                    "text" => Ok(ColumnType::Text),
                    _ => Err(E::invalid_value(serde::de::Unexpected::Str(v), &self)),
                }
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<ColumnType, A::Error> {
                let mut values = Vec::new();
                while let Some(v) = seq.next_element::<String>()? {
                    values.push(v.trim().to_string());
                }
                if values.is_empty() {
                    return Err(serde::de::Error::invalid_length(0, &self));
                }
                Ok(ColumnType::OneOf(values))
            }
        }
        d.deserialize_any(Visit)
    }
}

/// A due date of a table register (`[[record.register.due]]`).
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct DueDate {
    /// The date column: a row is overdue when its date is before the check
    /// date.
    pub column: Spanned<String>,
    /// Only the rows whose cells hold one of these values, for every column
    /// named (`{ status = ["In use"] }`).
    #[serde(default)]
    pub when: BTreeMap<String, Spanned<Vec<String>>>,
    /// Not the rows whose cell holds one of these values, for any column
    /// named (`{ status = ["Retired"] }`).
    #[serde(default)]
    pub unless: BTreeMap<String, Spanned<Vec<String>>>,
    /// The word for what is due (`calibration`).
    pub what: Option<Spanned<String>>,
}

/// What a register's rows are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum RegisterKind {
    /// The one-stop dossier book (sổ theo dõi hồ sơ).
    Dossiers,
    /// Any other table.
    Table,
}
