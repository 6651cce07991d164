//! The rule registry: every rule's code, name, default level, clause,
//! explanation and check, built from the one table in
//! [`crate::base::code::rule_table`]. It feeds `qms explain` and the engine.

use crate::analysis::context::Context;
use crate::base::code::{Code, rule_table};
use crate::base::finding::{Level, RawFinding};
use crate::rules::{
    actions, audits, clauses, documents, dossiers, identity, load, nonconformities, objectives,
    outputs, records, references, registers, revisions,
};

/// A rule's check: reads the loaded QMS, pushes findings.
pub(crate) type RuleFn = fn(&Context<'_>, &mut Vec<RawFinding>);

/// One rule of the registry.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    /// Stable code, e.g. `DOC004`.
    pub code: Code,
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
    pub(crate) check: Option<RuleFn>,
}

macro_rules! define_registry {
    ($($code:ident, $name:literal, $level:ident, $clause:literal, $summary:literal, $expl:expr, $check:expr;)*) => {
        /// Every rule, in code order.
        pub static RULES: &[Rule] = &[
            $(
                Rule {
                    code: Code::$code,
                    name: $name,
                    default_level: Level::$level,
                    clause: $clause,
                    summary: $summary,
                    explanation: $expl,
                    check: $check,
                },
            )*
        ];
    };
}
rule_table!(define_registry);

/// The rule of a code: every code has one.
pub fn rule_of(code: Code) -> &'static Rule {
    // `rule_table!` expands into `Code` and `RULES` in the same order.
    &RULES[code as usize]
}

/// The rule with this code (case-insensitive), or with this name.
pub fn rule(code: &str) -> Option<&'static Rule> {
    RULES
        .iter()
        .find(|r| r.code.as_str().eq_ignore_ascii_case(code) || r.name == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_its_rule() {
        assert_eq!(Code::ALL.len(), RULES.len());
        for c in Code::ALL {
            assert_eq!(rule_of(*c).code, *c);
            assert_eq!(c.as_str().parse::<Code>(), Ok(*c));
        }
        assert!("DOC999".parse::<Code>().is_err());
    }

    #[test]
    fn codes_and_names_are_unique_and_well_formed() {
        let mut codes = std::collections::BTreeSet::new();
        let mut names = std::collections::BTreeSet::new();
        for r in RULES {
            assert!(codes.insert(r.code), "duplicate code {}", r.code);
            assert!(names.insert(r.name), "duplicate name {}", r.name);
            let prefix = r
                .code
                .as_str()
                .trim_end_matches(|c: char| c.is_ascii_digit());
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
