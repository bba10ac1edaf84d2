//! Every shipped pack loads, and with it every rule's specs hold: loading runs
//! them, so a failing example fails this test with its file position.

use gwlint_rules::builtin;

#[test]
fn every_builtin_pack_loads_and_its_specs_hold() {
    match builtin::packs() {
        Ok(packs) => assert!(!packs.is_empty()),
        Err(errors) => {
            let report: Vec<String> = errors.iter().map(ToString::to_string).collect();
            panic!("built-in packs failed to load:\n{}", report.join("\n\n"));
        }
    }
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
