//! The builder: a `[[rule]]` table becomes a compiled [`Rule`].
//!
//! The fields every rule has (id, severity, message, explanation, source,
//! specs) are read here; everything else belongs to the rule's kind, which
//! decodes and validates it in its own file ([`Kind::from_def`] in
//! `rule/<kind>.rs`). The builder's part in a kind is one line in [`kind`].

use super::PackInfo;
use crate::rule::artefact::ArtefactRule;
use crate::rule::citation::CitationRule;
use crate::rule::consistency::ConsistencyRule;
use crate::rule::copy::CopyRule;
use crate::rule::figures::FiguresRule;
use crate::rule::numbering::NumberingRule;
use crate::rule::phrase::PhraseRule;
use crate::rule::privacy::PrivacyRule;
use crate::rule::punctuation::PunctuationRule;
use crate::rule::section::SectionRule;
use crate::rule::spelling::SpellingRule;
use crate::rule::typo::TypoRule;
use crate::rule::{CompileError, Kind, Matcher, PackContext, Rule, RuleMeta, Specs};
use crate::schema::{RuleDef, RuleKind};

/// A kind as the builder uses it: the fields it owns and its constructor.
struct KindEntry {
    fields: &'static [&'static str],
    build: fn(&RuleDef, &PackContext) -> Result<Matcher, CompileError>,
}

fn entry<K: Kind>() -> KindEntry {
    KindEntry { fields: K::FIELDS, build: |def, pack| K::from_def(def, pack).map(K::into_matcher) }
}

/// Every kind, one line each: the value of `kind = "…"` and the struct that
/// owns it.
fn kind(kind: RuleKind) -> KindEntry {
    match kind {
        RuleKind::Section => entry::<SectionRule>(),
        RuleKind::Phrase => entry::<PhraseRule>(),
        RuleKind::Typo => entry::<TypoRule>(),
        RuleKind::Punctuation => entry::<PunctuationRule>(),
        RuleKind::Numbering => entry::<NumberingRule>(),
        RuleKind::Consistency => entry::<ConsistencyRule>(),
        RuleKind::Artefact => entry::<ArtefactRule>(),
        RuleKind::Privacy => entry::<PrivacyRule>(),
        RuleKind::Figures => entry::<FiguresRule>(),
        RuleKind::Spelling => entry::<SpellingRule>(),
        RuleKind::Citation => entry::<CitationRule>(),
        RuleKind::Copy => entry::<CopyRule>(),
    }
}

/// Compiles one rule of `pack`. The errors come in a fixed order: the id, a
/// field of another kind, then whatever the kind finds wrong.
pub(super) fn compile_rule(def: &RuleDef, pack: &PackInfo) -> Result<Rule, CompileError> {
    let id = def.id.get_ref();
    if id.trim().is_empty() || id.contains(char::is_whitespace) {
        return Err((def.id.span(), "规则 id 不能为空或含空白".into()));
    }
    let rule_kind = *def.kind.get_ref();
    let entry = kind(rule_kind);
    check_fields_belong_to_kind(def, rule_kind, entry.fields).map_err(|m| (def.kind.span(), m))?;
    let matcher = (entry.build)(def, &PackContext { origin: &pack.origin, profiles: &pack.profiles })?;
    Ok(Rule {
        meta: RuleMeta {
            id: id.clone(),
            kind: rule_kind,
            severity: def.severity,
            message: def.message.clone(),
            explanation: def.explanation.clone(),
            source: def.source.clone(),
            pack: pack.id.clone(),
            specs: Specs {
                fire: def.specs.get_ref().fire.iter().map(|s| s.get_ref().clone()).collect(),
                pass: def.specs.get_ref().pass.iter().map(|s| s.get_ref().clone()).collect(),
                fixed: def.specs.get_ref().fixed.iter().map(|f| (f.from.get_ref().clone(), f.to.clone())).collect(),
            },
        },
        matcher,
    })
}

/// Rejects fields of another kind, which would otherwise be silently ignored.
/// The message names the kinds that do own the field.
fn check_fields_belong_to_kind(def: &RuleDef, rule_kind: RuleKind, own: &[&str]) -> Result<(), String> {
    for (field, given) in def.kind_fields() {
        if given && !own.contains(&field) {
            let owners: Vec<&str> =
                RuleKind::ALL.into_iter().filter(|k| kind(*k).fields.contains(&field)).map(RuleKind::as_str).collect();
            return Err(format!(
                "字段 {field} 只用于 kind = \"{}\" 的规则，不能用于 \"{}\"",
                owners.join("\"、\""),
                rule_kind.as_str()
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::kind;
    use crate::schema::{RuleDef, RuleKind};

    /// Every field a kind claims is one the format marks as kind-specific,
    /// and every such field has an owner: a typo in either list would
    /// otherwise refuse a good pack or let a field through unread.
    #[test]
    fn every_kind_field_has_an_owner_and_every_owned_field_exists() {
        let def: RuleDef = toml::from_str(
            "id = 'x'\nkind = 'phrase'\nseverity = 'info'\nmessage = ''\nexplanation = ''\nsource = ''\nspecs = {}",
        )
        .expect("a minimal rule");
        let given: Vec<&str> = def.kind_fields().iter().map(|(field, _)| *field).collect();
        for k in RuleKind::ALL {
            for field in kind(k).fields {
                assert!(given.contains(field), "{} claims {field}, which is not a kind field", k.as_str());
            }
        }
        for field in given {
            assert!(RuleKind::ALL.iter().any(|k| kind(*k).fields.contains(&field)), "no kind owns {field}");
        }
    }
}
