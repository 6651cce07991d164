//! Actions: corrections, corrective, preventive and improvement actions.

use serde::{Deserialize, Serialize};

use crate::base::date::Date;
use crate::base::span::Spanned;

/// What an action is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum ActionKind {
    /// Deals with the nonconformity itself (containment).
    Correction,
    /// Removes the cause of a nonconformity.
    Corrective,
    /// Removes the cause of a potential nonconformity.
    Preventive,
    /// Improves the QMS.
    Improvement,
}

/// Where an action is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum ActionStatus {
    /// Decided, not started.
    Planned,
    /// Started.
    InProgress,
    /// Done.
    Done,
    /// Dropped.
    Cancelled,
}

/// An action.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Action {
    /// Its id, e.g. `HD-2012-001`.
    pub id: Spanned<String>,
    /// What it is for.
    pub kind: Spanned<ActionKind>,
    /// Nonconformities it addresses.
    #[serde(default)]
    pub nonconformities: Vec<Spanned<String>>,
    /// What is to be done.
    pub description: Option<Spanned<String>>,
    /// Who does it.
    pub owner: Option<Spanned<String>>,
    /// By when.
    pub due: Option<Spanned<Date>>,
    /// Where it is.
    pub status: Spanned<ActionStatus>,
    /// When it was done.
    pub done_on: Option<Spanned<Date>>,
    /// Evidence files, relative to the QMS directory.
    #[serde(default)]
    pub evidence: Vec<Spanned<String>>,
}

impl Action {
    /// Whether this action answers the nonconformity `id`: its
    /// `nonconformities` list names it. The one definition of an action
    /// linked to a nonconformity, for the rules, the metrics and the report.
    pub fn answers(&self, nonconformity: &str) -> bool {
        self.nonconformities
            .iter()
            .any(|n| n.as_str() == nonconformity)
    }
}
