//! Which rules apply to a document: one linter per `gwlint.toml`, built once
//! and shared.
//!
//! A document is linted with the rules of the nearest `gwlint.toml` in its
//! folder or above (as `gwlint check` does), with the editor's settings laid
//! over it. Building a linter loads and checks every pack, so the result is
//! kept per configuration file until a watched file changes.
//!
//! A pack or configuration that fails to load must not stop the server: the
//! last linter that loaded for that configuration stays in force (or, the
//! first time, the built-in packs alone), and the load errors are kept so
//! they can be shown on the broken files until they are mended.

use super::settings::ClientSettings;
use gwlint_rules::workspace::{build_linter, find_config, load_config};
use gwlint_rules::{Config, Linter, LoadError};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// The key of a rule set: the `gwlint.toml` in force, if any.
pub type ConfigKey = Option<PathBuf>;

/// A linter and where its rules came from.
#[derive(Debug)]
pub struct RuleSet {
    pub linter: Arc<Linter>,
    pub config_path: ConfigKey,
    /// The pack files the configuration names, resolved.
    pub pack_files: Vec<PathBuf>,
}

/// The outcome of building a rule set.
#[derive(Debug)]
pub struct Built {
    pub rules: Arc<RuleSet>,
    /// Why the rules in `rules` are not the ones configured (empty when they are).
    pub errors: Vec<LoadError>,
    pub warnings: Vec<String>,
}

#[derive(Debug, Default)]
pub struct Rulebook {
    inner: Mutex<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    current: HashMap<ConfigKey, Arc<RuleSet>>,
    last_good: HashMap<ConfigKey, Arc<RuleSet>>,
    errors: HashMap<ConfigKey, Vec<LoadError>>,
    /// Bumped whenever the rules may have changed, so that cached lint
    /// results of an older generation are recomputed.
    generation: u64,
}

impl Rulebook {
    /// The configuration file for a document at `path` (or, for a document
    /// without a file, for the workspace folder `root`).
    pub fn config_for(path: Option<&Path>, root: Option<&Path>) -> ConfigKey {
        let dir = path.and_then(Path::parent).or(root)?;
        find_config(dir)
    }

    pub fn cached(&self, key: &ConfigKey) -> Option<Arc<RuleSet>> {
        self.lock().current.get(key).cloned()
    }

    /// The rules that last loaded without errors for `key`, if any.
    pub fn last_good(&self, key: &ConfigKey) -> Option<Arc<RuleSet>> {
        self.lock().last_good.get(key).cloned()
    }

    pub fn generation(&self) -> u64 {
        self.lock().generation
    }

    /// Forgets the current rule sets (the last good ones are kept as fallbacks).
    pub fn invalidate(&self) {
        let mut inner = self.lock();
        inner.current.clear();
        inner.generation += 1;
    }

    /// Loads the configuration `key` with `settings` laid over it. Blocking:
    /// it reads and compiles packs.
    pub fn build(&self, key: &ConfigKey, settings: &ClientSettings) -> Built {
        let dir = key.as_deref().and_then(Path::parent);
        let (config, mut errors) = match key {
            Some(path) => match load_config(path) {
                Ok(config) => (config, Vec::new()),
                Err(error) => (Config::default(), vec![error]),
            },
            None => (Config::default(), Vec::new()),
        };
        let config = settings.apply(config);
        let pack_files: Vec<PathBuf> = config.rules.iter().map(|r| dir.unwrap_or(Path::new(".")).join(r)).collect();
        let mut warnings = Vec::new();
        let linter = match (errors.is_empty(), build_linter(&config, dir, &[])) {
            (true, Ok((linter, w))) => {
                warnings = w;
                Some(linter)
            }
            (_, Err(e)) => {
                errors.extend(e);
                None
            }
            (false, Ok(_)) => None,
        };
        let rules = match linter {
            Some(linter) => Arc::new(RuleSet { linter: Arc::new(linter), config_path: key.clone(), pack_files }),
            None => self.fallback(key, dir, &config, pack_files),
        };
        Built { rules, errors, warnings }
    }

    /// The rules to use while `key` does not load: the last good ones, or the
    /// selected built-in packs without any pack file.
    fn fallback(&self, key: &ConfigKey, dir: Option<&Path>, config: &Config, pack_files: Vec<PathBuf>) -> Arc<RuleSet> {
        if let Some(good) = self.lock().last_good.get(key) {
            return Arc::new(RuleSet { linter: good.linter.clone(), config_path: key.clone(), pack_files });
        }
        let builtin_only = Config { rules: Vec::new(), ..config.clone() };
        let linter = build_linter(&builtin_only, dir, &[])
            .map(|(linter, _)| linter)
            .unwrap_or_else(|_| Linter::new(Vec::new(), &Config::default()).0);
        Arc::new(RuleSet { linter: Arc::new(linter), config_path: key.clone(), pack_files })
    }

    /// Records a built rule set as the one in force for `key`.
    pub fn store(&self, key: ConfigKey, built: &Built) {
        let mut inner = self.lock();
        if built.errors.is_empty() {
            inner.last_good.insert(key.clone(), built.rules.clone());
            inner.errors.remove(&key);
        } else {
            inner.errors.insert(key.clone(), built.errors.clone());
        }
        inner.current.insert(key, built.rules.clone());
    }

    /// Every current load error, by the file it is in (relative paths are
    /// taken relative to their configuration's folder).
    pub fn errors_by_file(&self) -> BTreeMap<PathBuf, Vec<LoadError>> {
        let inner = self.lock();
        let mut by_file: BTreeMap<PathBuf, Vec<LoadError>> = BTreeMap::new();
        for (key, errors) in &inner.errors {
            let dir = key.as_deref().and_then(Path::parent).unwrap_or(Path::new("."));
            for error in errors {
                let file = dir.join(&error.path);
                let list = by_file.entry(file).or_default();
                if !list.contains(error) {
                    list.push(error.clone());
                }
            }
        }
        by_file
    }

    /// The files whose change may change the rules: the configuration files
    /// and pack files in use.
    pub fn files_in_use(&self) -> Vec<PathBuf> {
        let inner = self.lock();
        let mut files: Vec<PathBuf> = inner
            .current
            .values()
            .flat_map(|r| r.config_path.iter().cloned().chain(r.pack_files.iter().cloned()))
            .collect();
        files.sort();
        files.dedup();
        files
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
