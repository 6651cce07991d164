//! Management reviews (ISO 9001:2015 9.3).

use serde::{Deserialize, Serialize};

use crate::base::date::Date;
use crate::base::span::Spanned;

/// A management review.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ManagementReview {
    /// Its id, e.g. `XXLD-2012-01`.
    pub id: Spanned<String>,
    /// When it was held.
    pub date: Spanned<Date>,
    /// Who chaired it.
    pub chair: Option<Spanned<String>>,
    /// Who attended.
    #[serde(default)]
    pub attendees: Vec<Spanned<String>>,
    /// The inputs considered (9.3.2).
    #[serde(default)]
    pub inputs: ReviewInputs,
    /// Decisions (9.3.3).
    #[serde(default, rename = "output")]
    pub outputs: Vec<ReviewOutput>,
}

/// The ISO 9001:2015 9.3.2 inputs a) to f).
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ReviewInputs {
    /// a) Status of actions from previous reviews.
    pub previous_actions: Option<Spanned<String>>,
    /// b) Changes in external and internal issues.
    pub context_changes: Option<Spanned<String>>,
    /// c) Performance and effectiveness of the QMS.
    pub performance: Option<Spanned<String>>,
    /// d) Adequacy of resources.
    pub resources: Option<Spanned<String>>,
    /// e) Effectiveness of actions on risks and opportunities.
    pub risks_and_opportunities: Option<Spanned<String>>,
    /// f) Opportunities for improvement.
    pub improvement_opportunities: Option<Spanned<String>>,
}

/// One of the six inputs of ISO 9001:2015 9.3.2, as a review records it.
#[derive(Debug, Clone, Copy)]
pub struct ReviewInput<'a> {
    /// Its letter in 9.3.2, `a` to `f`.
    pub letter: &'static str,
    /// Its key under `[inputs]` (`previous_actions`).
    pub key: &'static str,
    /// What the review recorded for it, if anything.
    pub recorded: Option<&'a Spanned<String>>,
}

impl ReviewInputs {
    /// The six inputs a) to f), in the standard's order: the one list the
    /// MR002 rule and the report both read.
    pub fn all(&self) -> [ReviewInput<'_>; 6] {
        fn input<'a>(
            letter: &'static str,
            key: &'static str,
            recorded: Option<&'a Spanned<String>>,
        ) -> ReviewInput<'a> {
            ReviewInput {
                letter,
                key,
                recorded,
            }
        }
        [
            input("a", "previous_actions", self.previous_actions.as_ref()),
            input("b", "context_changes", self.context_changes.as_ref()),
            input("c", "performance", self.performance.as_ref()),
            input("d", "resources", self.resources.as_ref()),
            input(
                "e",
                "risks_and_opportunities",
                self.risks_and_opportunities.as_ref(),
            ),
            input(
                "f",
                "improvement_opportunities",
                self.improvement_opportunities.as_ref(),
            ),
        ]
    }

    /// How many of the six inputs are recorded.
    pub fn recorded(&self) -> usize {
        self.all().iter().filter(|i| i.recorded.is_some()).count()
    }
}

/// What a review output is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum ReviewOutputKind {
    /// An opportunity for improvement.
    Improvement,
    /// A change to the QMS.
    Change,
    /// A resource need.
    Resources,
}

/// One `[[output]]` of a review.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ReviewOutput {
    /// What it is about.
    pub kind: Spanned<ReviewOutputKind>,
    /// The decision.
    pub decision: Option<Spanned<String>>,
    /// The action that carries it out.
    pub action: Option<Spanned<String>>,
}
