//! Rule codes the compiler knows.
//!
//! [`rule_table!`] is the one table of every rule: code, kebab-case name,
//! default level, ISO 9001 clause, summary, explanation and check. It expands
//! twice: here into the [`Code`] enum (so a finding raised with a misspelt
//! code does not compile), and in the engine's registry into the rule table
//! that `qms explain` and the check read (the explanation and check paths are
//! resolved there, next to the rules). Codes are stable and never reused.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Calls `$emit!` with every rule, one `CODE, name, level, clause, summary,
/// explanation, check;` row each, in code order.
macro_rules! rule_table {
    ($emit:ident) => {
        $emit! {
            LOAD001, "unreadable-file", Error, "7.5.3",
                "a file cannot be read or is not UTF-8",
                load::LOAD001, None;
            LOAD002, "invalid-toml", Error, "7.5.2",
                "a file's TOML does not parse or does not fit its format",
                load::LOAD002, None;
            LOAD003, "front-matter", Error, "7.5.2",
                "a controlled document has no `+++` front matter, or it is never closed",
                load::LOAD003, None;
            LOAD004, "path-escapes", Error, "7.5.3",
                "a link or path leads outside the QMS directory",
                load::LOAD004, None;
            LOAD005, "invalid-check-level", Error, "-",
                "`[checks]` in qms.toml names an unknown rule or level",
                load::LOAD005, None;
            LOAD006, "missing-config", Error, "4.3",
                "the directory has no qms.toml",
                load::LOAD006, None;
            DOC001, "missing-required-field", Error, "7.5.2",
                "a controlled document lacks a required front-matter field",
                documents::DOC001, Some(documents::missing_fields);
            DOC002, "duplicate-id", Error, "7.5.2",
                "two items of the same kind share an id",
                identity::DOC002, Some(identity::duplicate_ids);
            DOC003, "unknown-reference", Error, "7.5.3",
                "a reference names an id that does not exist",
                references::DOC003, Some(references::unknown_references);
            DOC004, "review-overdue", Error, "7.5.2",
                "a current document's next review date has passed",
                documents::DOC004, Some(documents::review_overdue);
            DOC005, "unapproved-document", Error, "7.5.2",
                "a current document has no approval, or was approved after it was issued",
                documents::DOC005, Some(documents::unapproved);
            DOC006, "revision-history-mismatch", Error, "7.5.3",
                "a document's revision history does not match its revision and issue date",
                revisions::DOC006, Some(revisions::history_mismatch);
            DOC007, "cites-non-current-document", Error, "7.5.3",
                "a current document references a draft or obsolete one",
                documents::DOC007, Some(documents::cites_non_current);
            DOC008, "missing-procedure-section", Error, "7.5.2",
                "a procedure body lacks a section that qms.toml `[documents] sections` requires",
                documents::DOC008, Some(documents::missing_sections);
            DOC009, "file-name-mismatch", Warning, "7.5.2",
                "a file's name does not start with the id it holds",
                identity::DOC009, Some(identity::file_name_mismatch);
            DOC010, "step-times-exceed-limit", Error, "8.5.1",
                "a service procedure's steps take longer than its legal time limit",
                documents::DOC010, Some(documents::step_times);
            DOC011, "self-approved", Error, "7.5.2",
                "a current document is approved by the person who prepared it",
                documents::DOC011, Some(documents::self_approved);
            DOC012, "time-limit-exceeds-legal", Error, "8.2.2",
                "a service procedure promises more days than its limit in law",
                documents::DOC012, Some(documents::legal_limits);
            CLS001, "mandatory-item-missing", Error, "7.5.1",
                "a mandatory document or record of the profile has no evidence",
                clauses::CLS001, Some(clauses::mandatory_item_missing);
            CLS002, "not-applicable-without-reason", Error, "4.3",
                "a clause is declared not applicable without a reason",
                clauses::CLS002, Some(clauses::clause_ids);
            CLS003, "not-applicable-not-allowed", Error, "4.3",
                "a clause is declared not applicable where the profile does not allow it",
                clauses::CLS003, None;
            CLS004, "unknown-clause", Error, "4.4",
                "a file cites a clause the profile does not have",
                clauses::CLS004, None;
            CLS005, "mandatory-procedure-missing", Error, "7.5.1",
                "a procedure or the manual that the profile requires (ISO 9001:2008) is missing",
                clauses::CLS005, Some(clauses::mandatory_procedure_missing);
            CLS006, "invalid-profile", Error, "-",
                "a user's profile file is inconsistent",
                clauses::CLS006, None;
            CLS007, "excluded-clause-implemented", Error, "4.3",
                "a clause declared not applicable is cited by a current document or a record type",
                clauses::CLS007, Some(clauses::excluded_clause_implemented);
            REC001, "record-type-incomplete", Error, "7.5.3",
                "a record type lacks an owner, a retention period or a disposition",
                records::REC001, Some(records::record_types);
            REC002, "records-not-found", Error, "7.5.3",
                "a record type's files glob matches no file",
                records::REC002, None;
            REC003, "register-unreadable", Error, "7.5.3",
                "a register is missing, unreadable, or has bad rows",
                records::REC003, None;
            REC004, "record-type-without-records", Error, "7.5.3",
                "a record type names neither files nor a register",
                records::REC004, None;
            REC005, "register-cell-invalid", Error, "7.5.3",
                "a cell of a table register does not fit its column's type",
                registers::REC005, Some(registers::table_registers);
            REC006, "register-row-overdue", Error, "7.1.5.2",
                "a row of a table register is past its due date",
                registers::REC006, None;
            REC007, "register-columns-mismatch", Error, "7.5.3",
                "records.toml names a column a register does not have, or describes it wrongly",
                registers::REC007, None;
            DOS001, "dossier-row-invalid", Error, "8.5.1",
                "a row of the dossier register cannot be used",
                dossiers::DOS001, Some(dossiers::dossiers);
            DOS002, "late-without-apology", Error, "8.7",
                "a late dossier had no apology issued by its due date",
                dossiers::DOS002, None;
            DOS003, "due-date-mismatch", Error, "8.5.1",
                "a register due date is later than the rules allow",
                dossiers::DOS003, None;
            DOS004, "dossier-overdue", Error, "8.5.1",
                "a dossier is still in progress past its due date",
                dossiers::DOS004, None;
            DOS005, "new-appointment-missed", Error, "8.7",
                "a late dossier apologised for also missed its new appointment",
                dossiers::DOS005, None;
            DOS006, "outside-calendar-data", Warning, "8.5.1",
                "dossiers fall in a year the country calendar has no holidays for",
                dossiers::DOS006, None;
            NC001, "nonconformity-without-action", Error, "10.2.1",
                "a nonconformity lacks the corrective action its grade needs, or is closed with no correction",
                nonconformities::NC001, Some(nonconformities::nonconformities);
            NC002, "root-cause-missing", Error, "10.2.1",
                "a nonconformity past analysis states no root cause",
                nonconformities::NC002, None;
            NC003, "closed-without-effectiveness", Error, "10.2.1",
                "a nonconformity is closed without an effectiveness check found effective",
                nonconformities::NC003, None;
            NC004, "verified-before-done", Error, "10.2.1",
                "effectiveness was verified before the last action was done",
                nonconformities::NC004, None;
            NC005, "verifier-not-independent", Error, "10.2.1",
                "effectiveness was verified by the owner of a linked action",
                nonconformities::NC005, None;
            NC006, "closed-with-open-action", Error, "10.2.1",
                "a nonconformity is closed while a linked action is open",
                nonconformities::NC006, None;
            NC007, "nonconformity-dates", Error, "10.2.2",
                "a nonconformity's dates are out of order or missing",
                nonconformities::NC007, None;
            NC008, "major-open-too-long", Error, "10.2.1",
                "a major nonconformity has been open longer than the limit",
                nonconformities::NC008, None;
            NC009, "output-without-disposition", Error, "8.7.2",
                "a closed nonconforming output has no disposition or authority, or its authorisation is misdated",
                outputs::NC009, Some(outputs::nonconforming_outputs);
            NC010, "concession-without-customer", Error, "8.7.1",
                "a concession has no customer authorisation where qms.toml requires one",
                outputs::NC010, None;
            CA001, "action-overdue", Error, "10.2.1",
                "an action is past its due date and not done",
                actions::CA001, Some(actions::actions);
            CA002, "done-without-evidence", Error, "10.2.2",
                "an action marked done has no done_on or no evidence",
                actions::CA002, None;
            CA003, "evidence-not-found", Error, "7.5.3",
                "an evidence path names no file in the QMS directory",
                actions::CA003, None;
            AUD001, "procedure-not-audited", Error, "9.2.2",
                "a process (or, without processes, a current procedure) was not audited within the audit cycle",
                audits::AUD001, Some(audits::audits);
            AUD002, "auditor-audits-own-work", Error, "9.2.2",
                "an auditor audits a document or a process they own",
                audits::AUD002, None;
            AUD003, "finding-without-nonconformity", Error, "9.2.2",
                "a major or minor audit finding names no nonconformity",
                audits::AUD003, None;
            AUD004, "audit-report-incomplete", Error, "9.2.2",
                "an audit record lacks objectives, scope, criteria, conclusion, dates or lead auditor",
                audits::AUD004, None;
            MR001, "management-review-overdue", Error, "9.3.1",
                "no management review within the review interval",
                audits::MR001, Some(audits::reviews);
            MR002, "review-input-missing", Error, "9.3.2",
                "a management review does not record one of the inputs a) to f)",
                audits::MR002, None;
            MR003, "review-output-without-action", Error, "9.3.3",
                "an improvement or change decided by a review has no action",
                audits::MR003, None;
            OBJ001, "objective-incomplete", Error, "6.2.1",
                "an objective lacks a metric or a valid target",
                objectives::OBJ001, None;
            OBJ002, "unknown-metric", Error, "6.2.1",
                "an objective names a metric qms does not compute",
                objectives::OBJ002, None;
            OBJ003, "objective-not-met", Error, "6.2",
                "an objective's measured value misses its target",
                objectives::OBJ003, None;
            OBJ004, "objective-not-measurable", Warning, "9.1.3",
                "an objective's metric has nothing to measure",
                objectives::OBJ004, None;
            OBJ005, "measurement-missing", Error, "9.1.3",
                "an objective measured by hand has no value for a period that has ended",
                objectives::OBJ005, None;
            OBJ006, "measurement-without-evidence", Error, "9.1.1",
                "a value measured by hand names no evidence, or its evidence is not in the QMS",
                objectives::OBJ006, None;
            OBJ007, "metric-definition-invalid", Error, "9.1.1",
                "a `[[metric]]` cannot be computed from its register as written",
                objectives::OBJ007, None;
            OBJ008, "measurement-unreadable", Error, "9.1.3",
                "a value measured by hand has a period or value that cannot be read, or repeats a period",
                objectives::OBJ008, None;
            OBJ009, "metric-cell-unreadable", Warning, "9.1.1",
                "a register cell that a metric reads is not a date or a number",
                objectives::OBJ009, None;
        }
    };
}
pub(crate) use rule_table;

/// How serious a rule's findings are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Fails the check (exit status 1).
    Error,
    /// Reported, does not fail the check (unless `--deny warnings`).
    Warning,
    /// Not reported.
    Off,
}

impl Level {
    /// The level's name as written in `qms.toml`.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Off => "off",
        }
    }

    /// Reads `error`, `warning` or `off`.
    pub fn parse(s: &str) -> Option<Level> {
        match s {
            "error" => Some(Level::Error),
            "warning" => Some(Level::Warning),
            "off" => Some(Level::Off),
            _ => None,
        }
    }
}

macro_rules! define_codes {
    ($($code:ident, $name:literal, $level:ident, $clause:literal, $summary:literal, $expl:expr, $check:expr;)*) => {
        /// A rule code: `DOC004` and every other code of the registry, and
        /// nothing else. Prints and serialises as its text.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[allow(missing_docs)] // each code's meaning is its rule's summary
        #[non_exhaustive]
        pub enum Code {
            $(
                #[doc = $summary]
                $code,
            )*
        }

        impl Code {
            /// Every code, in registry order.
            pub const ALL: &'static [Code] = &[$(Code::$code,)*];

            /// The rule's kebab-case name: `review-overdue`.
            pub const fn name(self) -> &'static str {
                match self {
                    $(Code::$code => $name,)*
                }
            }

            /// The rule's level when qms.toml `[checks]` says nothing.
            pub const fn default_level(self) -> Level {
                match self {
                    $(Code::$code => Level::$level,)*
                }
            }

            /// The code as written: `DOC004`.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Code::$code => stringify!($code),)*
                }
            }
        }
    };
}
rule_table!(define_codes);

impl Code {
    /// The code written `text` (case-insensitive), if it is a rule code.
    pub fn parse(text: &str) -> Option<Code> {
        Code::ALL
            .iter()
            .copied()
            .find(|c| c.as_str().eq_ignore_ascii_case(text))
    }
}

impl PartialOrd for Code {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// Codes order as their text, the order findings are printed in.
impl Ord for Code {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// Why a text is not a rule code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a rule code (`qms explain` lists them)")]
pub struct UnknownCode(pub String);

impl FromStr for Code {
    type Err = UnknownCode;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Code::parse(s).ok_or_else(|| UnknownCode(s.to_string()))
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Code {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = std::borrow::Cow::<'de, str>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}
