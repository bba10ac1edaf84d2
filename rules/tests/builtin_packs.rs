//! Every shipped pack loads, and with it every rule's specs hold: loading runs
//! them, so a failing example fails this test with its file position.

use gwlint_rules::builtin;

#[test]
fn every_builtin_pack_loads_and_its_specs_hold() {
    assert!(!builtin::packs().expect("built-in packs load").is_empty());
    let errors = builtin::check_specs();
    let report: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert!(errors.is_empty(), "built-in pack specs fail:\n{}", report.join("\n\n"));
}

#[test]
fn the_default_pack_has_at_least_forty_rules_across_all_kinds() {
    let packs = builtin::packs().expect("loads");
    let rules: Vec<_> = packs.iter().flat_map(|p| &p.rules).collect();
    assert!(rules.len() >= 40, "{} rules", rules.len());
    let mut kinds: Vec<&str> = rules.iter().map(|r| r.meta.kind.as_str()).collect();
    kinds.sort();
    kinds.dedup();
    assert_eq!(
        kinds,
        [
            "artefact",
            "citation",
            "consistency",
            "copy",
            "figures",
            "numbering",
            "phrase",
            "privacy",
            "punctuation",
            "section",
            "spelling",
            "typo"
        ]
    );
}

#[test]
fn every_builtin_rule_has_a_message_explanation_source_and_a_firing_example() {
    for pack in builtin::packs().expect("loads") {
        for rule in &pack.rules {
            let m = &rule.meta;
            assert!(!m.message.trim().is_empty(), "{}: message", m.id);
            assert!(m.explanation.trim().len() > 40, "{}: explanation too short", m.id);
            assert!(!m.source.trim().is_empty(), "{}: source", m.id);
            assert!(!m.specs.fire.is_empty() || !m.specs.fixed.is_empty(), "{}: no firing spec", m.id);
        }
    }
}
