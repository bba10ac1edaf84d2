//! The builder: a `[[rule]]` table becomes a compiled [`Rule`].
//!
//! The fields every rule has (id, kind, severity, message, explanation,
//! source, specs) are read here; everything else belongs to the rule's kind,
//! which declares its fields and decodes and validates them in its own file
//! (`Kind::Fields` and `Kind::from_def` in `rule/<kind>.rs`). The builder
//! finds the kind by name ([`RuleKind`], from the list of kinds in
//! `rule/mod.rs`) and knows nothing of any kind's fields: it only refuses, by
//! name, a field that is not the kind's own.

use super::PackInfo;
use crate::rule::{CompileError, PackContext, Rule, RuleKind, RuleMeta, Specs};
use crate::schema::RuleDef;

/// Compiles one rule of `pack`. The errors come in a fixed order: the kind,
/// the id, a field that is not the kind's, then whatever the kind finds
/// wrong.
pub(super) fn compile_rule(def: &RuleDef, pack: &PackInfo, defer_compilation: bool) -> Result<Rule, CompileError> {
    let kind = RuleKind::from_name(def.kind.get_ref()).ok_or_else(|| (def.kind.span(), unknown_kind(def)))?;
    let id = def.id.get_ref();
    if id.trim().is_empty() || id.contains(char::is_whitespace) {
        return Err((def.id.span(), "规则 id 不能为空或含空白".into()));
    }
    check_fields_belong_to_kind(def, kind)?;
    let cx = PackContext { origin: &pack.origin, profiles: &pack.profiles, defer_compilation };
    let matcher = kind.compile(def, &cx)?;
    Ok(Rule {
        meta: RuleMeta {
            id: id.clone(),
            kind,
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

/// As serde words an unknown enum variant, so that it reads like the other
/// format errors.
fn unknown_kind(def: &RuleDef) -> String {
    let names: Vec<String> = RuleKind::ALL.iter().map(|kind| format!("`{}`", kind.as_str())).collect();
    format!("规则包格式错误：unknown variant `{}`, expected one of {}", def.kind.get_ref(), names.join(", "))
}

/// Refuses a field of other kinds, which would otherwise be silently ignored;
/// the message names the kinds that own it. (A field of no kind was refused
/// when the pack was parsed.)
fn check_fields_belong_to_kind(def: &RuleDef, kind: RuleKind) -> Result<(), CompileError> {
    let own = kind.fields();
    if let Some((field, _)) = def.fields.names().into_iter().find(|(field, _)| !own.contains(field)) {
        let owners: Vec<&str> =
            RuleKind::ALL.iter().filter(|k| k.fields().contains(&field)).map(|k| k.as_str()).collect();
        return Err((
            def.kind.span(),
            format!("字段 {field} 只用于 kind = \"{}\" 的规则，不能用于 \"{}\"", owners.join("\"、\""), kind.as_str()),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::rule::RuleKind;
    use crate::schema::{RuleDef, field_names};

    /// A kind's field named like one every rule has would never reach the
    /// kind: the common fields are taken out of the table first.
    #[test]
    fn no_kind_has_a_field_every_rule_has() {
        for kind in RuleKind::ALL {
            for field in kind.fields() {
                assert!(!field_names::<RuleDef>().contains(field), "{} has a field {field}", kind.as_str());
            }
        }
    }

    #[test]
    fn kinds_have_distinct_names() {
        for (i, a) in RuleKind::ALL.iter().enumerate() {
            assert_eq!(RuleKind::from_name(a.as_str()), Some(*a));
            assert!(RuleKind::ALL[i + 1..].iter().all(|b| a.as_str() != b.as_str()));
        }
    }
}
