//! The rule cache `gwlint check` and `gwlint lsp` share
//! (`workspace::RuleCache`): one linter per `gwlint.toml`; a configuration
//! that does not load is an error on the command line, and in the editor
//! leaves the last rules that loaded in force.

use gwlint_rules::workspace::RuleCache;
use std::sync::Arc;

#[path = "../../tests/support/temp.rs"]
mod temp;
use temp::TempDir;

#[test]
fn each_configuration_is_built_once() {
    let dir = TempDir::new("rule-cache-once");
    let key = Some(dir.write("gwlint.toml", "disable = [\"no-such-rule\"]\n"));
    let cache = RuleCache::default();
    let first = cache.get_or_load(&key, &[]).expect("loads");
    let again = cache.get_or_load(&key, &[]).expect("loads");
    assert!(Arc::ptr_eq(&first, &again));
    assert!(first.warnings.iter().any(|w| w.contains("no-such-rule")), "{:?}", first.warnings);
    let defaults = cache.get_or_load(&None, &[]).expect("loads");
    assert!(!Arc::ptr_eq(&first, &defaults));
    assert!(defaults.warnings.is_empty());
}

#[test]
fn a_broken_configuration_is_an_error_for_the_command_line_and_is_stood_in_for_in_the_editor() {
    let dir = TempDir::new("rule-cache-broken");
    let config = dir.write("gwlint.toml", "disable = [\"no-such-rule\"]\n");
    let key = Some(config.clone());
    let cache = RuleCache::default();
    let good = cache.load(&key, |c| c);
    assert!(good.errors.is_empty());
    cache.store(key.clone(), &good);

    std::fs::write(&config, "disable = 3\n").expect("write");
    cache.invalidate();
    assert!(cache.get_or_load(&key, &[]).is_err());
    assert!(cache.cached(&key).is_none(), "a configuration that does not load is not kept");
    let broken = cache.load(&key, |c| c);
    assert!(!broken.errors.is_empty());
    assert!(Arc::ptr_eq(&broken.rules.linter, &good.rules.linter), "the last good rules stay in force");
    cache.store(key.clone(), &broken);
    assert!(cache.errors_by_file().contains_key(&config), "{:?}", cache.errors_by_file());
    assert!(cache.files_in_use().contains(&config));
}

#[test]
fn the_first_time_the_built_in_packs_stand_in() {
    let dir = TempDir::new("rule-cache-first");
    let key = Some(dir.write("gwlint.toml", "rules = [\"missing.toml\"]\n"));
    let built = RuleCache::default().load(&key, |c| c);
    assert!(built.errors.iter().any(|e| e.message.contains("无法读取规则包")), "{:?}", built.errors);
    assert!(!built.rules.linter.rules().is_empty());
    assert_eq!(built.rules.pack_files, [dir.join("missing.toml")]);
}
