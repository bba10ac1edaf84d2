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
//! document is linted ([`Rule::check`]); [`crate::across`] runs them over a
//! batch. They are rules like the others all the same: `disable`,
//! `[severity]`, `allow` and `[[ignore]]` apply, and they have rule pages.
//! What counts as copying is [`crate::copies`]: the listed `fixed_wording`
//! (official formulations) and titles in 《》 are not a report's own text.

use super::{CompileError, Finding, Kind, LintContext, Matcher, PackContext, Rule, check_of};
use crate::copies::FixedWording;
use crate::schema::RuleDef;
use std::sync::Arc;

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

impl Kind for CopyRule {
    const FIELDS: &'static [&'static str] = &["check", "section", "fixed_wording"];

    fn from_def(def: &RuleDef, _: &PackContext) -> Result<CopyRule, CompileError> {
        let (name, span) = check_of(def)?;
        let check = match name {
            "shared" => CopyCheck::Shared,
            "previous-year" => CopyCheck::PreviousYear,
            "previous-plans" => CopyCheck::PreviousPlans,
            other => {
                return Err((span, format!("未知的 copy 检查“{other}”：应为 shared、previous-year 或 previous-plans")));
            }
        };
        let wording = FixedWording::new(&def.fixed_wording).map_err(|e| (def.kind.span(), e))?;
        Ok(CopyRule {
            check,
            plans_section: def.section.clone().unwrap_or_else(|| "plans".to_string()),
            wording: Arc::new(wording),
        })
    }

    fn into_matcher(self) -> Matcher {
        Matcher::Copy(self)
    }
}

impl CopyRule {
    /// One document alone shares nothing: see [`crate::across`].
    pub fn check(&self, _rule: &Rule, _cx: &LintContext, _out: &mut [Finding]) {}
}
