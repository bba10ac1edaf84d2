//! Running a pack's specs: the examples each rule carries.
//!
//! A pack that loads is a pack whose examples hold. After [`crate::pack`] has
//! parsed and compiled a pack, [`load_pack`] lints every `fire` text (the rule
//! must report it), every `pass` text (it must not) and every `fixed.from`
//! (the rule's fixes must turn it into `fixed.to`), and a spec that fails is a
//! load error at the spec. The specs run against the pack on its own, with
//! default settings. A `copy` rule's spec holds several documents, separated by
//! a line `---` ([`crate::across::SPEC_SEPARATOR`]).
//!
//! This needs the whole engine ([`Linter`]), which needs compiled packs, so the
//! spec runner sits above both: `pack` → `engine` → `specs`.

use crate::document::{Document, Format};
use crate::engine::{Linter, section_rules};
use crate::fix::apply_fixes;
use crate::pack::{self, LoadError, Pack};
use crate::schema::PackFile;
use toml::Spanned;

/// Loads a pack from its text and checks its specs. `path` is used in error
/// messages and to find the data files the pack refers to.
pub fn load_pack(path: &str, source: &str) -> Result<Pack, Vec<LoadError>> {
    let file = pack::parse(path, source)?;
    let pack = pack::compile(path, source, &file)?;
    let errors = check(&pack, &file, path, source);
    if errors.is_empty() { Ok(pack) } else { Err(errors) }
}

fn check(pack: &Pack, file: &PackFile, path: &str, source: &str) -> Vec<LoadError> {
    let mut errors = Vec::new();
    // Gathered once: looking them up per rule would make a large pack's
    // load quadratic in its number of rules.
    let sections = section_rules(pack);
    let by_id: std::collections::HashMap<&str, &crate::rule::Rule> =
        pack.rules.iter().map(|r| (r.meta.id.as_str(), r)).collect();
    for def in &file.rules {
        let id = def.id.get_ref();
        let linter = Linter::for_spec_rule(pack, &sections, by_id.get(id.as_str()).copied());
        let specs = def.specs.get_ref();
        if specs.fire.is_empty() && specs.fixed.is_empty() {
            errors.push(LoadError::at(path, source, def.specs.span(), format!("规则 {id} 至少需要一个 fire 示例")));
        }
        let rule = by_id.get(id.as_str()).copied();
        let fires = |text: &str| {
            // A rule judged across documents has specs of several documents.
            if let Some(findings) = rule.and_then(|rule| crate::across::spec_findings(&linter, rule, text)) {
                return findings;
            }
            let doc = Document::parse(text, Format::Text);
            linter.lint(&doc).into_iter().filter(|f| &f.rule == id).collect::<Vec<_>>()
        };
        for spec in &specs.fire {
            if fires(spec.get_ref()).is_empty() {
                errors.push(spec_error(
                    path,
                    source,
                    spec,
                    format!("示例未通过：规则 {id} 应当在这段文字上报告，但没有报告"),
                ));
            }
        }
        for spec in &specs.pass {
            let findings = fires(spec.get_ref());
            if let Some(f) = findings.first() {
                let message =
                    format!("示例未通过：规则 {id} 不应在这段文字上报告，但报告了“{}”：{}", f.text, f.message);
                errors.push(spec_error(path, source, spec, message));
            }
        }
        for fixed in &specs.fixed {
            let findings = fires(fixed.from.get_ref());
            let (result, _) = apply_fixes(fixed.from.get_ref(), &findings, false);
            if result != fixed.to {
                let message = format!("示例未通过：规则 {id} 修正后应为“{}”，实际为“{}”", fixed.to, result);
                errors.push(spec_error(path, source, &fixed.from, message));
            }
        }
    }
    errors
}

fn spec_error(path: &str, source: &str, spec: &Spanned<String>, message: String) -> LoadError {
    LoadError::at(path, source, spec.span(), message)
}
