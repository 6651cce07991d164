//! JSON Schemas (feature `schemars`) of the values whose serde reading is
//! written by hand: spanned values, dates, rule codes, revisions, id
//! prefixes, register column types, `[documents] sections` and objective
//! values. The derived schemas of the file formats and outputs use these;
//! `qms schema NAME` prints them.
//!
//! A TOML date is a string in the JSON an editor validates (taplo converts
//! it so), hence `"type": "string", "format": "date"`.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

use crate::base::code::Code;
use crate::base::date::Date;
use crate::base::span::Spanned;
use crate::model::config::IdPrefix;
use crate::model::objective::WrittenValue;
use crate::model::record::ColumnType;
use crate::model::revision::Revision;
use crate::model::sections::{SectionEntry, SectionsSetting};
use crate::model::time_of_day::TimeOfDay;

/// A spanned value is written as the value itself.
impl<T: JsonSchema> JsonSchema for Spanned<T> {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        T::schema_name()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        generator.subschema_for::<T>()
    }
}

impl JsonSchema for Date {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A date: a TOML date (2012-03-15) or the same as a string.",
            "type": "string",
            "format": "date",
        })
    }
}

impl JsonSchema for TimeOfDay {
    fn schema_name() -> Cow<'static, str> {
        "TimeOfDay".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A time of day, HH:MM on the 24-hour clock (15:00; seconds are ignored).",
            "type": "string",
            "pattern": "^([01]?[0-9]|2[0-3]):[0-5]?[0-9](:[0-9]{2})?$",
        })
    }
}

impl JsonSchema for Code {
    fn schema_name() -> Cow<'static, str> {
        "Code".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let codes: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        json_schema!({
            "description": "A rule code (`qms explain` lists them).",
            "type": "string",
            "enum": codes,
        })
    }
}

impl JsonSchema for IdPrefix {
    fn schema_name() -> Cow<'static, str> {
        "IdPrefix".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "An id prefix (`CA-`): up to 24 letters, digits, `-`, `_` or `.`, not starting with `.` nor ending with a digit.",
            "type": "string",
            "minLength": 1,
            "maxLength": 24,
            "pattern": "^[^.0-9]?$|^[^.].*[^0-9]$",
        })
    }
}

impl JsonSchema for Revision {
    fn schema_name() -> Cow<'static, str> {
        "Revision".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A revision: a whole number (2), capital letters (\"C\"), digits (\"02\") or a dotted version (\"1.2\") as a string.",
            "anyOf": [
                { "type": "integer", "minimum": 0 },
                { "type": "string", "pattern": "^([A-Z]+|[0-9]+(\\.[0-9]+)*)$" },
            ],
        })
    }
}

impl JsonSchema for WrittenValue {
    fn schema_name() -> Cow<'static, str> {
        "WrittenValue".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A value as written: text, a number, a boolean or a date.",
            "type": ["string", "number", "boolean"],
        })
    }
}

impl JsonSchema for ColumnType {
    fn schema_name() -> Cow<'static, str> {
        "ColumnType".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "`date`, `integer`, `number`, `text`, or the list of the values allowed.",
            "anyOf": [
                { "enum": ["date", "integer", "number", "text"] },
                { "type": "array", "items": { "type": "string" } },
            ],
        })
    }
}

impl JsonSchema for SectionEntry {
    fn schema_name() -> Cow<'static, str> {
        "SectionEntry".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A required section: a heading, or a list of synonyms for it.",
            "anyOf": [
                { "type": "string" },
                { "type": "array", "items": { "type": "string" }, "minItems": 1 },
            ],
        })
    }
}

impl JsonSchema for SectionsSetting {
    fn schema_name() -> Cow<'static, str> {
        "SectionsSetting".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let entry = generator.subschema_for::<SectionEntry>();
        json_schema!({
            "description": "A built-in set of procedure sections (`vn-admin`, `en-basic`) or the house's own list.",
            "anyOf": [
                { "type": "string" },
                { "type": "array", "items": entry },
            ],
        })
    }
}
