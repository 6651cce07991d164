//! The sections a procedure body must have: the house's rule, not the
//! standard's (ISO 9001 prescribes none).
//!
//! qms.toml `[documents] sections` names a built-in set (`vn-admin`,
//! `en-basic`: data in `crates/qms-core/profiles/sections.toml`, compiled
//! in) or lists the house's own, each entry a heading or a list of accepted
//! synonyms. A body heading names a [`Section`] when it starts with one of
//! its headings, case and diacritics ignored (`Muc dich` is `Mục đích`),
//! leading numbering ignored (`1.`, `5.1`, `I.`, `a)`). Without `sections`,
//! nothing is required.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

use crate::base::code::Code;
use crate::base::finding::RawFinding;
use crate::model::{Loaded, QmsConfig, SectionEntry, SectionsSetting};

/// The built-in section sets, as TOML: a table per set name with its
/// `sections` list.
pub const BUILT_IN_SETS: &str = include_str!("../../profiles/sections.toml");

/// One section a procedure body must have, recognised by its headings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// Accepted headings, as written; the first is the section's name.
    headings: Vec<String>,
    /// The same, folded for matching.
    folded: Vec<String>,
}

impl Section {
    /// A section accepting these headings (the first is its name); `None`
    /// when there is none or one is blank.
    pub fn new(headings: Vec<String>) -> Option<Section> {
        if headings.is_empty() || headings.iter().any(|h| fold(h).is_empty()) {
            return None;
        }
        let folded = headings.iter().map(|h| fold(h)).collect();
        Some(Section { headings, folded })
    }

    /// The section's name: its first heading, as written.
    pub fn name(&self) -> &str {
        &self.headings[0]
    }

    /// Every accepted heading, as written.
    pub fn headings(&self) -> &[String] {
        &self.headings
    }

    /// Whether a body heading's text names this section: it starts with one
    /// of the accepted headings, case, diacritics and leading numbering
    /// ignored.
    pub fn matches(&self, heading: &str) -> bool {
        self.matches_folded(&FoldedHeading::new(heading))
    }

    /// The same for a heading folded already: a document's headings are
    /// folded once, not once per section.
    pub fn matches_folded(&self, heading: &FoldedHeading) -> bool {
        self.folded
            .iter()
            .any(|s| heading.0.starts_with(s.as_str()))
    }
}

/// A body heading as sections compare it: leading numbering removed,
/// diacritics, case and repeated spaces ignored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoldedHeading(String);

impl FoldedHeading {
    /// Folds a heading's text.
    pub fn new(heading: &str) -> Self {
        FoldedHeading(fold(heading))
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BuiltInSet {
    sections: Vec<SectionEntry>,
}

/// The built-in sets, parsed and folded once per process.
fn built_in_sets() -> &'static BTreeMap<String, Vec<Section>> {
    static SETS: OnceLock<BTreeMap<String, Vec<Section>>> = OnceLock::new();
    SETS.get_or_init(|| {
        // The file is tested to parse.
        let sets: BTreeMap<String, BuiltInSet> = toml::from_str(BUILT_IN_SETS).unwrap_or_default();
        sets.into_iter()
            .map(|(name, set)| {
                let sections = set
                    .sections
                    .iter()
                    .filter_map(|e| Section::new(e.headings().to_vec()))
                    .collect();
                (name, sections)
            })
            .collect()
    })
}

/// The names of the built-in sets, sorted.
pub fn built_in_names() -> Vec<String> {
    built_in_sets().keys().cloned().collect()
}

/// A built-in set by name (`vn-admin`, `en-basic`).
pub fn built_in(name: &str) -> Option<Vec<Section>> {
    built_in_sets().get(name).cloned()
}

/// How a list of sections is written, for help lines.
const EXAMPLE: &str = "sections = [\"Purpose\", \"Scope\", [\"Procedure\", \"Method\"]]";

/// The sections qms.toml requires, and a `LOAD002` finding for an unknown
/// set name or a bad entry (located at it). An unknown set requires
/// nothing; a bad entry is left out and the others apply.
pub(crate) fn required(config: Option<&Loaded<QmsConfig>>) -> (Vec<Section>, Vec<RawFinding>) {
    let mut findings = Vec::new();
    let Some(cfg) = config else {
        return (Vec::new(), findings);
    };
    let Some(setting) = &cfg.documents.sections else {
        return (Vec::new(), findings);
    };
    let at = cfg.origin.at(setting);
    let sections = match setting.get() {
        SectionsSetting::Set(name) => built_in(name).unwrap_or_else(|| {
            let names = built_in_names()
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ");
            findings.push(
                RawFinding::new(
                    Code::LOAD002,
                    format!("unknown section set `{name}`; the built-in sets are {names}"),
                )
                .at(at)
                .help(format!(
                    "name a built-in set, or list the headings: {EXAMPLE}"
                )),
            );
            Vec::new()
        }),
        SectionsSetting::NotASetting(found) => {
            findings.push(
                RawFinding::new(
                    Code::LOAD002,
                    format!("`sections` is {found}, not the name of a section set nor a list of headings"),
                )
                .at(at)
                .help(format!("write sections = \"vn-admin\", sections = \"en-basic\", or list the headings: {EXAMPLE}")),
            );
            Vec::new()
        }
        SectionsSetting::List(entries) => {
            if entries.is_empty() {
                findings.push(
                    RawFinding::new(Code::LOAD002, "`sections` lists no section")
                        .at(at)
                        .help(format!(
                            "list the headings a procedure must have ({EXAMPLE}), or remove `sections` to require none"
                        )),
                );
            }
            let mut out = Vec::new();
            for entry in entries {
                if let Some(s) = Section::new(entry.headings().to_vec()) {
                    out.push(s);
                    continue;
                }
                let message = match entry.get() {
                    SectionEntry::NotAHeading(found) => {
                        format!(
                            "a section of `sections` is {found}; expected a heading or a list of headings"
                        )
                    }
                    SectionEntry::Synonyms(v) if v.is_empty() => {
                        "a section of `sections` is an empty list of headings".to_string()
                    }
                    _ => "a section of `sections` has an empty heading".to_string(),
                };
                findings.push(
                    RawFinding::new(Code::LOAD002, message)
                        .at(cfg.origin.at(entry))
                        .help(format!(
                            "each section is a heading or a list of synonyms: {EXAMPLE}"
                        )),
                );
            }
            out
        }
    };
    (sections, findings)
}

/// The text a heading is compared by: leading numbering removed, letters
/// without diacritics (đ as d), lower case, spaces collapsed.
fn fold(text: &str) -> String {
    // One pass, char by char: each decomposed on its own (NFD without the
    // reordering of marks, which are dropped anyway), marks dropped, lower
    // cased, runs of spaces written as one.
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    let mut push = |c: char, out: &mut String| {
        if c.is_whitespace() {
            space = !out.is_empty();
            return;
        }
        if is_combining_mark(c) {
            return;
        }
        if space {
            out.push(' ');
            space = false;
        }
        match c {
            'đ' | 'Đ' | 'ð' | 'Ð' => out.push('d'),
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => out.extend(c.to_lowercase()),
        }
    };
    for c in strip_numbering(text).chars() {
        if c.is_ascii() {
            push(c, &mut out);
        } else {
            decompose_canonical(c, |d| push(d, &mut out));
        }
    }
    out
}

/// The heading without its leading numbering: `1.`, `5.1`, `5.1.2`, `1)`,
/// `I.`, `IV)`, `iv.`, `a)`.
fn strip_numbering(heading: &str) -> &str {
    let t = heading.trim_start();
    let token_end = t.find(char::is_whitespace).unwrap_or(t.len());
    let token = &t[..token_end];
    let core = token.trim_end_matches(['.', ')', ':']);
    let punctuated = core.len() < token.len();
    let arabic = core.starts_with(|c: char| c.is_ascii_digit())
        && core.chars().all(|c| c.is_ascii_digit() || c == '.');
    let roman = !core.is_empty()
        && punctuated
        && (core.chars().all(|c| "IVXLC".contains(c)) || core.chars().all(|c| "ivxlc".contains(c)));
    let letter = punctuated && core.chars().count() == 1 && core.chars().all(char::is_alphabetic);
    if (arabic || roman || letter) && token_end < t.len() {
        t[token_end..].trim_start()
    } else {
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(headings: &[&str]) -> Section {
        Section::new(headings.iter().map(|h| h.to_string()).collect()).expect("a section")
    }

    #[test]
    fn built_in_sets_parse() {
        let sets: BTreeMap<String, BuiltInSet> =
            toml::from_str(BUILT_IN_SETS).expect("sections.toml parses");
        assert_eq!(built_in_names(), ["en-basic", "vn-admin"]);
        for (name, set) in sets {
            let n = set.sections.len();
            assert_eq!(built_in(&name).map(|s| s.len()), Some(n), "{name}");
        }
        assert_eq!(built_in("vn-admin").map(|s| s.len()), Some(7));
        assert_eq!(built_in("en-basic").map(|s| s.len()), Some(5));
        assert!(built_in("iso").is_none());
    }

    #[test]
    fn diacritics_and_case_are_ignored() {
        let purpose = section(&["Mục đích", "Purpose"]);
        assert!(purpose.matches("Mục đích"));
        assert!(purpose.matches("MỤC ĐÍCH"));
        assert!(purpose.matches("Muc dich"));
        assert!(purpose.matches("muc dich va yeu cau"));
        // the same heading typed decomposed (NFD)
        assert!(purpose.matches("Mu\u{323}c \u{111}i\u{301}ch"));
        assert!(purpose.matches("PURPOSE"));
        assert!(!purpose.matches("Phạm vi"));
        let records = section(&["Hồ sơ cần lưu"]);
        assert!(records.matches("Ho so can luu"));
        assert!(records.matches("Hồ  sơ   cần lưu trữ"));
        assert!(!records.matches("Hồ sơ"));
    }

    #[test]
    fn leading_numbering_is_ignored() {
        let scope = section(&["Scope"]);
        for h in [
            "1. Scope",
            "2 Scope",
            "5.1 Scope",
            "5.1.2. Scope",
            "3) Scope",
            "I. SCOPE",
            "IV) Scope",
            "iv. scope",
            "a) Scope",
            "B. Scope",
            "Scope",
        ] {
            assert!(scope.matches(h), "{h}");
        }
        assert!(!scope.matches("Out of scope"));
        // a word that looks like a numeral is not numbering
        let vi = section(&["Vi phạm"]);
        assert!(vi.matches("Vi phạm"));
        assert!(vi.matches("2. Vi phạm"));
        // numbering written in the list is ignored too
        assert!(section(&["1. Purpose"]).matches("Purpose"));
    }

    #[test]
    fn any_synonym_will_do() {
        let who = section(&["Responsibilities", "Authorities"]);
        assert!(who.matches("3. Responsibilities and authorities"));
        assert!(who.matches("3. Authorities"));
        assert!(!who.matches("3. Roles"));
        assert_eq!(who.name(), "Responsibilities");
        let vn = built_in("vn-admin").expect("built in");
        assert!(vn[2].matches("3. References"));
        assert!(vn[2].matches("III. TÀI LIỆU VIỆN DẪN"));
        assert!(vn[3].matches("4. Định nghĩa và viết tắt"));
        assert_eq!(vn[6].name(), "Hồ sơ cần lưu");
    }

    #[test]
    fn blank_headings_make_no_section() {
        assert!(Section::new(Vec::new()).is_none());
        assert!(Section::new(vec!["Purpose".into(), " ".into()]).is_none());
    }
}
