//! `kind = "copy"`: text a report shares with other reports — the ones
//! checked together with it, or last year's report of the same unit.
//!
//! | `check` | what it reports | fix |
//! |---|---|---|
//! | `shared` | a passage of 20 or more characters of a report's own that another report checked in the same run also has | — |
//! | `previous-year` | a passage carried over from last year's report (`gwlint check --previous`) | — |
//! | `previous-plans` | last year's plans for this year repeated as this year's plans (both in the section `section`, default `plans`) | — |
//!
//! These rules need more than one document, so they report nothing when one
//! document is linted ([`Rule::lint`]); [`crate::across`] runs them over a
//! batch. They are rules like the others all the same: `disable`,
//! `[severity]`, `allow` and `[[ignore]]` apply, and they have rule pages.
//! What counts as copying is [`crate::copies`]: the listed `fixed_wording`
//! (official formulations) and titles in 《》 are not a report's own text.

use super::{CompileError, Finding, Kind, LintContext, PackContext, Rule, check_of};
use crate::copies::FixedWording;
use crate::schema::RuleDef;
use schemars::JsonSchema;
use serde::Deserialize;
use std::sync::Arc;
use toml::Spanned;

/// Which comparison a `copy` rule makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CopyCheck {
    Shared,
    PreviousYear,
    PreviousPlans,
}

#[derive(Debug, Clone)]
pub struct CopyRule {
    pub check: CopyCheck,
    /// The key of the plans section (`previous-plans`).
    pub plans_section: String,
    /// Formulations that are not copying.
    pub wording: Arc<FixedWording>,
}

/// Passages shared with the other reports checked together, or with last year's report;
/// judged across documents, never in one alone.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CopyFields {
    /// Which comparison the rule makes: `shared`, `previous-year` or `previous-plans`.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub check: Option<Spanned<String>>,
    /// previous-plans: the key of the plans section (default `plans`).
    #[serde(default)]
    pub section: Option<String>,
    /// Official formulations every report may use word for word (以习近平新时代中国特色社会主义思想为指导 …);
    /// they, and titles cited in 《》, do not count toward a copied passage.
    #[serde(default)]
    pub fixed_wording: Vec<String>,
}

impl Kind for CopyRule {
    const NAME: &'static str = "copy";
    type Fields = CopyFields;

    fn from_def(def: &RuleDef, fields: CopyFields, _: &PackContext) -> Result<CopyRule, CompileError> {
        let (name, span) = check_of(def, &fields.check)?;
        let check = match name {
            "shared" => CopyCheck::Shared,
            "previous-year" => CopyCheck::PreviousYear,
            "previous-plans" => CopyCheck::PreviousPlans,
            other => {
                return Err((span, format!("未知的 copy 检查“{other}”：应为 shared、previous-year 或 previous-plans")));
            }
        };
        let wording = FixedWording::new(&fields.fixed_wording).map_err(|e| (def.kind.span(), e))?;
        Ok(CopyRule {
            check,
            plans_section: fields.section.unwrap_or_else(|| "plans".to_string()),
            wording: Arc::new(wording),
        })
    }

    /// One document alone shares nothing: see [`crate::across`].
    fn lint(&self, _rule: &Rule, _cx: &LintContext, _out: &mut Vec<Finding>) {}
}
