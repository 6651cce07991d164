//! `qms new`: a new nonconformity, action, audit, review or document file,
//! with the next free id, from a template in the QMS's language that loads
//! without findings of its own format.
//!
//! The id's prefix follows the QMS ([`super::ids`]): `[ids]`, else the
//! directory's own, else the language's default. Ids run per kind and year
//! (`NC-2012-004`, `CA-2012-005`, `IA-2012-02`, `MR-2012-02`); documents take
//! the next procedure number (`P-08`). A file that does not parse still holds
//! its number (its name starts with the id). The file is returned, not
//! written: the caller writes it only if no file of that name exists.

use crate::base::date::Date;
use crate::load::Qms;
use crate::model::{ActionKind, DocumentKind};
use crate::scaffold::file::NewFile;
use crate::scaffold::ids::{IdKind, prefix};
use crate::scaffold::templates::{self, Examples};

/// What kind of file to create.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewKind {
    /// A nonconformity.
    Nonconformity,
    /// An action.
    Action,
    /// An internal audit.
    Audit,
    /// A management review.
    Review,
    /// A controlled document (a draft procedure).
    Document,
}

impl NewKind {
    fn folder(self) -> &'static str {
        match self {
            NewKind::Nonconformity => "nonconformities",
            NewKind::Action => "actions",
            NewKind::Audit => "audits",
            NewKind::Review => "reviews",
            NewKind::Document => "documents",
        }
    }

    fn id_kind(self) -> IdKind {
        match self {
            NewKind::Nonconformity => IdKind::Nc,
            NewKind::Action => IdKind::Action,
            NewKind::Audit => IdKind::Audit,
            NewKind::Review => IdKind::Review,
            NewKind::Document => IdKind::Procedure,
        }
    }

    /// The digits of the number: `NC-2012-004`, `IA-2012-02`, `P-08`.
    fn width(self) -> usize {
        match self {
            NewKind::Nonconformity | NewKind::Action => 3,
            NewKind::Audit | NewKind::Review | NewKind::Document => 2,
        }
    }
}

/// The next free id of a kind in `qms`, in the year of `as_of` for the
/// kinds numbered per year.
pub fn next_id(qms: &Qms, kind: NewKind, as_of: Date) -> String {
    let id_kind = kind.id_kind();
    let mut prefix = prefix(qms, id_kind);
    if id_kind.per_year() {
        prefix = format!("{prefix}{}-", as_of.year());
    }
    let max = id_kind
        .taken(qms)
        .iter()
        .filter_map(|id| id.strip_prefix(&prefix))
        .filter_map(|rest| {
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            digits.parse::<u32>().ok()
        })
        .max()
        .unwrap_or(0);
    format!("{prefix}{:0width$}", max + 1, width = kind.width())
}

/// The new file of a kind for `qms`: the next free id, its path (relative,
/// with `/`) and its text from the template of the QMS's language
/// (`[organisation] lang`), dated `as_of`.
pub fn new_file(qms: &Qms, kind: NewKind, as_of: Date) -> NewFile {
    let id = next_id(qms, kind, as_of);
    let lang = qms
        .config
        .as_ref()
        .map(|c| c.language())
        .unwrap_or_default();
    let examples = || Examples {
        procedure: format!("{}01", prefix(qms, IdKind::Procedure)),
        nc: format!("{}...", prefix(qms, IdKind::Nc)),
        action: format!("{}...", prefix(qms, IdKind::Action)),
    };
    let text = match kind {
        NewKind::Nonconformity => templates::nonconformity(lang, &id, as_of),
        NewKind::Action => templates::action(lang, &id, as_of, waiting_for_action(qms)),
        NewKind::Audit => templates::audit(lang, &id, as_of, &current_procedures(qms), &examples()),
        NewKind::Review => templates::review(lang, &id, as_of, &examples()),
        NewKind::Document => templates::procedure(lang, &id, as_of),
    };
    let ext = if kind == NewKind::Document {
        "md"
    } else {
        "toml"
    };
    NewFile::new(format!("{}/{id}.{ext}", kind.folder()), text)
}

/// The nonconformity a new corrective action most likely answers: the
/// latest raised one that needs a corrective action (NC001:
/// [`Qms::needs_corrective_action`]) and has none yet.
fn waiting_for_action(qms: &Qms) -> Option<&str> {
    qms.nonconformities
        .iter()
        .filter(|n| {
            qms.needs_corrective_action(n)
                && !qms
                    .actions_answering(n.id.as_str())
                    .any(|a| *a.kind.get() == ActionKind::Corrective)
        })
        .max_by_key(|n| (*n.raised.get(), n.id.as_str()))
        .map(|n| n.id.as_str())
}

/// The ids of the current procedures, sorted: a new internal audit's scope
/// until the auditor narrows it.
fn current_procedures(qms: &Qms) -> Vec<&str> {
    let mut ids: Vec<&str> = qms
        .documents
        .iter()
        .filter(|d| d.is_current() && d.kind() == Some(DocumentKind::Procedure))
        .filter_map(|d| d.id())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}
