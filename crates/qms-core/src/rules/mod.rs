//! The rule registry: every rule's code, name, default level, clause and
//! explanation, and the function that applies it.
//!
//! Codes are stable and never reused. Each area's rules live in their own
//! module next to their explanations; this table is the one place that lists
//! them all (it feeds `qms explain` and the engine).

mod audits;
mod clauses;
mod documents;
mod dossiers;
mod identity;
mod load;
mod nonconformities;
mod objectives;
mod records;
mod references;

use crate::check::Context;
use crate::finding::{Finding, Level};

/// A rule's check: reads the loaded QMS, pushes findings.
pub type RuleFn = fn(&Context<'_>, &mut Vec<Finding>);

/// One rule of the registry.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    /// Stable code, e.g. `DOC004`.
    pub code: &'static str,
    /// Kebab-case name, e.g. `review-overdue`.
    pub name: &'static str,
    /// Level when `qms.toml` `[checks]` says nothing.
    pub default_level: Level,
    /// The ISO 9001:2015 clause it enforces (or `-`).
    pub clause: &'static str,
    /// One line: what the rule checks.
    pub summary: &'static str,
    /// What it checks, why it matters, an example and the fix.
    pub explanation: &'static str,
    /// The check; `None` when another rule's check (or the loader) raises
    /// this code.
    pub check: Option<RuleFn>,
}

macro_rules! rule {
    ($code:literal, $name:literal, $level:ident, $clause:literal, $summary:literal, $expl:expr, $check:expr) => {
        Rule {
            code: $code,
            name: $name,
            default_level: Level::$level,
            clause: $clause,
            summary: $summary,
            explanation: $expl,
            check: $check,
        }
    };
}

/// Every rule, in code order.
pub static RULES: &[Rule] = &[
    rule!(
        "LOAD001",
        "unreadable-file",
        Error,
        "7.5.3",
        "a file cannot be read or is not UTF-8",
        load::LOAD001,
        None
    ),
    rule!(
        "LOAD002",
        "invalid-toml",
        Error,
        "7.5.2",
        "a file's TOML does not parse or does not fit its format",
        load::LOAD002,
        None
    ),
    rule!(
        "LOAD003",
        "front-matter",
        Error,
        "7.5.2",
        "a controlled document has no `+++` front matter, or it is never closed",
        load::LOAD003,
        None
    ),
    rule!(
        "LOAD004",
        "path-escapes",
        Error,
        "7.5.3",
        "a link or path leads outside the QMS directory",
        load::LOAD004,
        None
    ),
    rule!(
        "LOAD005",
        "invalid-check-level",
        Error,
        "-",
        "`[checks]` in qms.toml names an unknown rule or level",
        load::LOAD005,
        None
    ),
    rule!(
        "LOAD006",
        "missing-config",
        Error,
        "4.3",
        "the directory has no qms.toml",
        load::LOAD006,
        None
    ),
    rule!(
        "DOC001",
        "missing-required-field",
        Error,
        "7.5.2",
        "a controlled document lacks a required front-matter field",
        documents::DOC001,
        Some(documents::missing_fields)
    ),
    rule!(
        "DOC002",
        "duplicate-id",
        Error,
        "7.5.2",
        "two items of the same kind share an id",
        identity::DOC002,
        Some(identity::duplicate_ids)
    ),
    rule!(
        "DOC003",
        "unknown-reference",
        Error,
        "7.5.3",
        "a reference names an id that does not exist",
        references::DOC003,
        Some(references::unknown_references)
    ),
    rule!(
        "DOC004",
        "review-overdue",
        Error,
        "7.5.2",
        "a current document's next review date has passed",
        documents::DOC004,
        Some(documents::review_overdue)
    ),
    rule!(
        "DOC005",
        "unapproved-document",
        Error,
        "7.5.2",
        "a current document has no approval, or was approved after it was issued",
        documents::DOC005,
        Some(documents::unapproved)
    ),
    rule!(
        "DOC006",
        "revision-history-mismatch",
        Error,
        "7.5.3",
        "a document's revision history does not match its revision and issue date",
        documents::DOC006,
        Some(documents::history_mismatch)
    ),
    rule!(
        "DOC007",
        "cites-non-current-document",
        Error,
        "7.5.3",
        "a current document references a draft or obsolete one",
        documents::DOC007,
        Some(documents::cites_non_current)
    ),
    rule!(
        "DOC008",
        "missing-procedure-section",
        Error,
        "7.5.2",
        "a procedure body lacks a section the profile requires",
        documents::DOC008,
        Some(documents::missing_sections)
    ),
    rule!(
        "DOC009",
        "file-name-mismatch",
        Warning,
        "7.5.2",
        "a file's name does not start with the id it holds",
        identity::DOC009,
        Some(identity::file_name_mismatch)
    ),
    rule!(
        "DOC010",
        "step-times-exceed-limit",
        Error,
        "8.5.1",
        "a service procedure's steps take longer than its legal time limit",
        documents::DOC010,
        Some(documents::step_times)
    ),
    rule!(
        "CLS001",
        "mandatory-item-missing",
        Error,
        "7.5.1",
        "a mandatory document or record of the profile has no evidence",
        clauses::CLS001,
        Some(clauses::mandatory_item_missing)
    ),
    rule!(
        "CLS002",
        "not-applicable-without-reason",
        Error,
        "4.3",
        "a clause is declared not applicable without a reason",
        clauses::CLS002,
        Some(clauses::clause_ids)
    ),
    rule!(
        "CLS003",
        "not-applicable-not-allowed",
        Error,
        "4.3",
        "a clause is declared not applicable where the profile does not allow it",
        clauses::CLS003,
        None
    ),
    rule!(
        "CLS004",
        "unknown-clause",
        Error,
        "4.4",
        "a file cites a clause the profile does not have",
        clauses::CLS004,
        None
    ),
    rule!(
        "CLS005",
        "mandatory-procedure-missing",
        Error,
        "7.5.1",
        "a procedure or the manual that the profile requires (ISO 9001:2008) is missing",
        clauses::CLS005,
        Some(clauses::mandatory_procedure_missing)
    ),
    rule!(
        "CLS006",
        "invalid-profile",
        Error,
        "-",
        "a user's profile file is inconsistent",
        clauses::CLS006,
        None
    ),
    rule!(
        "REC001",
        "record-type-incomplete",
        Error,
        "7.5.3",
        "a record type lacks an owner, a retention period or a disposition",
        records::REC001,
        Some(records::record_types)
    ),
    rule!(
        "REC002",
        "records-not-found",
        Error,
        "7.5.3",
        "a record type's files glob matches no file",
        records::REC002,
        None
    ),
    rule!(
        "REC003",
        "register-unreadable",
        Error,
        "7.5.3",
        "a register is missing, unreadable, or has bad rows",
        records::REC003,
        None
    ),
    rule!(
        "REC004",
        "record-type-without-records",
        Error,
        "7.5.3",
        "a record type names neither files nor a register",
        records::REC004,
        None
    ),
    rule!(
        "DOS001",
        "dossier-row-invalid",
        Error,
        "8.5.1",
        "a row of the dossier register cannot be used",
        dossiers::DOS001,
        Some(dossiers::dossiers)
    ),
    rule!(
        "DOS002",
        "late-without-apology",
        Error,
        "8.7",
        "a late dossier had no apology issued by its due date",
        dossiers::DOS002,
        None
    ),
    rule!(
        "DOS003",
        "due-date-mismatch",
        Error,
        "8.5.1",
        "a register due date differs from the computed one",
        dossiers::DOS003,
        None
    ),
    rule!(
        "DOS004",
        "dossier-overdue",
        Error,
        "8.5.1",
        "a dossier is still in progress past its due date",
        dossiers::DOS004,
        None
    ),
    rule!(
        "NC001",
        "nonconformity-without-action",
        Error,
        "10.2.1",
        "a major or minor nonconformity has no corrective action",
        nonconformities::NC001,
        Some(nonconformities::nonconformities)
    ),
    rule!(
        "NC002",
        "root-cause-missing",
        Error,
        "10.2.1",
        "a nonconformity past analysis states no root cause",
        nonconformities::NC002,
        None
    ),
    rule!(
        "NC003",
        "closed-without-effectiveness",
        Error,
        "10.2.1",
        "a nonconformity is closed without an effectiveness check found effective",
        nonconformities::NC003,
        None
    ),
    rule!(
        "NC004",
        "verified-before-done",
        Error,
        "10.2.1",
        "effectiveness was verified before the last action was done",
        nonconformities::NC004,
        None
    ),
    rule!(
        "NC005",
        "verifier-not-independent",
        Error,
        "10.2.1",
        "effectiveness was verified by the owner of a linked action",
        nonconformities::NC005,
        None
    ),
    rule!(
        "NC006",
        "closed-with-open-action",
        Error,
        "10.2.1",
        "a nonconformity is closed while a linked action is open",
        nonconformities::NC006,
        None
    ),
    rule!(
        "NC007",
        "nonconformity-dates",
        Error,
        "10.2.2",
        "a nonconformity's dates are out of order or missing",
        nonconformities::NC007,
        None
    ),
    rule!(
        "NC008",
        "major-open-too-long",
        Error,
        "10.2.1",
        "a major nonconformity has been open longer than the limit",
        nonconformities::NC008,
        None
    ),
    rule!(
        "CA001",
        "action-overdue",
        Error,
        "10.2.1",
        "an action is past its due date and not done",
        nonconformities::CA001,
        Some(nonconformities::actions)
    ),
    rule!(
        "CA002",
        "done-without-evidence",
        Error,
        "10.2.2",
        "an action marked done has no done_on or no evidence",
        nonconformities::CA002,
        None
    ),
    rule!(
        "CA003",
        "evidence-not-found",
        Error,
        "7.5.3",
        "an evidence path names no file in the QMS directory",
        nonconformities::CA003,
        None
    ),
    rule!(
        "AUD001",
        "procedure-not-audited",
        Error,
        "9.2.2",
        "a current procedure was not audited within the audit cycle",
        audits::AUD001,
        Some(audits::audits)
    ),
    rule!(
        "AUD002",
        "auditor-audits-own-work",
        Error,
        "9.2.2",
        "an auditor audits a document they own",
        audits::AUD002,
        None
    ),
    rule!(
        "AUD003",
        "finding-without-nonconformity",
        Error,
        "9.2.2",
        "a major or minor audit finding names no nonconformity",
        audits::AUD003,
        None
    ),
    rule!(
        "AUD004",
        "audit-report-incomplete",
        Error,
        "9.2.2",
        "an audit record lacks objectives, scope, criteria, conclusion, dates or lead auditor",
        audits::AUD004,
        None
    ),
    rule!(
        "MR001",
        "management-review-overdue",
        Error,
        "9.3.1",
        "no management review within the review interval",
        audits::MR001,
        Some(audits::reviews)
    ),
    rule!(
        "MR002",
        "review-input-missing",
        Error,
        "9.3.2",
        "a management review does not record one of the inputs a) to f)",
        audits::MR002,
        None
    ),
    rule!(
        "MR003",
        "review-output-without-action",
        Error,
        "9.3.3",
        "an improvement or change decided by a review has no action",
        audits::MR003,
        None
    ),
    rule!(
        "OBJ001",
        "objective-incomplete",
        Error,
        "6.2.1",
        "an objective lacks a metric or a valid target",
        objectives::OBJ001,
        Some(objectives::objectives)
    ),
    rule!(
        "OBJ002",
        "unknown-metric",
        Error,
        "6.2.1",
        "an objective names a metric qms does not compute",
        objectives::OBJ002,
        None
    ),
    rule!(
        "OBJ003",
        "objective-not-met",
        Error,
        "6.2",
        "an objective's measured value misses its target",
        objectives::OBJ003,
        None
    ),
    rule!(
        "OBJ004",
        "objective-not-measurable",
        Warning,
        "9.1.3",
        "an objective's metric has nothing to measure",
        objectives::OBJ004,
        None
    ),
];

/// Whether two names written in different files are the same person
/// (case, surrounding spaces and Unicode composition ignored).
pub(crate) fn same_person(a: &str, b: &str) -> bool {
    use unicode_normalization::UnicodeNormalization;
    let norm = |s: &str| s.trim().to_lowercase().nfc().collect::<String>();
    norm(a) == norm(b)
}

/// The rule with this code (case-insensitive).
pub fn rule(code: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.code.eq_ignore_ascii_case(code))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_are_unique_and_well_formed() {
        let mut codes = std::collections::BTreeSet::new();
        let mut names = std::collections::BTreeSet::new();
        for r in RULES {
            assert!(codes.insert(r.code), "duplicate code {}", r.code);
            assert!(names.insert(r.name), "duplicate name {}", r.name);
            let prefix = r.code.trim_end_matches(|c: char| c.is_ascii_digit());
            assert!(
                [
                    "LOAD", "DOC", "CLS", "REC", "DOS", "NC", "CA", "AUD", "MR", "OBJ"
                ]
                .contains(&prefix),
                "{} has an unknown prefix",
                r.code
            );
            assert!(
                r.name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{}",
                r.name
            );
            assert!(
                r.explanation.len() > 100,
                "{} needs a real explanation",
                r.code
            );
            assert_ne!(r.default_level, Level::Off, "{} is off by default", r.code);
        }
    }
}
