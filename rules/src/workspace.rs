//! Assembling a [`Linter`] from built-in packs, pack files and `gwlint.toml`,
//! and keeping one per configuration file.
//!
//! Both `gwlint check` and `gwlint lsp` go through [`build_linter`], so a
//! workspace lints the same way on the command line and in the editor, and
//! both keep what they build in a [`RuleCache`] (one [`RuleSet`] per
//! `gwlint.toml`), so a folder of reports under one configuration loads its
//! packs once. The cache is synchronous and knows nothing of editors; the
//! language server decides when to build and reload.
//!
//! ## Where pack files may come from
//!
//! A `gwlint.toml` travels with the reports it configures: it arrives in a
//! zip from another office or in a cloned repository, and opening a report in
//! an editor reads it without asking. So the pack files it lists (`rules =
//! [...]`) must be inside the workspace (the folder of the `gwlint.toml`) or
//! inside the user's own configuration folder ([`user_config_dir`]): no `..`
//! component, no absolute path elsewhere, no symlink that leads elsewhere.
//! [`load_config`] checks this and points at the offending string. Packs named
//! by the user directly (`gwlint check --rules FILE`, the editor's own
//! settings) may be anywhere: that is the user's explicit choice. A pack's own
//! data files are held to the pack's folder by the pack loader.

use crate::builtin;
use crate::config::{CONFIG_FILE, Config};
use crate::engine::Linter;
use crate::pack::{LoadError, Pack};
use crate::pack_data::resolves_inside;
use crate::specs::load_pack;
use std::collections::{BTreeMap, HashMap};
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

/// The nearest `gwlint.toml` in `start` or its ancestors.
pub fn find_config(start: &Path) -> Option<PathBuf> {
    start.ancestors().map(|dir| dir.join(CONFIG_FILE)).find(|p| p.is_file())
}

/// Reads and parses a `gwlint.toml`, and checks that the pack files it lists
/// stay inside the workspace or the user's configuration folder (see the
/// module documentation).
pub fn load_config(path: &Path) -> Result<Config, LoadError> {
    let display = path.display().to_string();
    let source = crate::file_limits::read_text_at_most(path, crate::file_limits::CONFIG_FILE)
        .map_err(|e| LoadError::file(&display, format!("无法读取配置文件：{e}")))?;
    let config = Config::parse(&display, &source)?;
    let dir = path.parent().unwrap_or(Path::new("."));
    let dir = if dir.as_os_str().is_empty() { Path::new(".") } else { dir };
    check_pack_paths(&display, &source, dir, user_config_dir().as_deref())?;
    Ok(config)
}

/// The user's own gwlint folder: `$XDG_CONFIG_HOME/gwlint`, else
/// `~/.config/gwlint` (`%APPDATA%\gwlint` on Windows). Packs kept there may be
/// listed by any workspace's `gwlint.toml`.
pub fn user_config_dir() -> Option<PathBuf> {
    let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty()).map(PathBuf::from);
    let base =
        var("XDG_CONFIG_HOME").or_else(|| var("HOME").map(|home| home.join(".config"))).or_else(|| var("APPDATA"))?;
    Some(base.join("gwlint"))
}

/// Checks every `rules = [...]` entry of a `gwlint.toml` with
/// [`check_pack_path`]; the first one refused becomes an error at its string.
pub fn check_pack_paths(display: &str, source: &str, dir: &Path, user_dir: Option<&Path>) -> Result<(), LoadError> {
    /// Only the list, with where each entry is written (the rest of the file
    /// was already checked by `Config::parse`).
    #[derive(serde::Deserialize)]
    struct Listed {
        #[serde(default)]
        rules: Vec<toml::Spanned<String>>,
    }
    let Ok(listed) = toml::from_str::<Listed>(source) else { return Ok(()) };
    for entry in &listed.rules {
        check_pack_path(dir, entry.get_ref(), user_dir).map_err(|m| LoadError::at(display, source, entry.span(), m))?;
    }
    Ok(())
}

/// May a `gwlint.toml` in `dir` list the pack file `listed`? Yes when it
/// resolves (symlinks followed) inside `dir` or inside `user_dir`. A file
/// that does not exist is judged by its path alone; loading it then fails
/// with "cannot read".
pub fn check_pack_path(dir: &Path, listed: &str, user_dir: Option<&Path>) -> Result<(), String> {
    let allowed = match user_dir {
        Some(user) => {
            format!("只能引用本工作区（gwlint.toml 所在文件夹）或用户配置文件夹 {} 中的规则包", user.display())
        }
        None => "只能引用本工作区（gwlint.toml 所在文件夹）中的规则包".to_string(),
    };
    let path = Path::new(listed);
    if path.components().any(|c| matches!(c, Component::ParentDir)) {
        return Err(format!("规则包路径“{listed}”含有 ..，拒绝读取：gwlint.toml {allowed}"));
    }
    let full = dir.join(path);
    let roots: Vec<&Path> = std::iter::once(dir).chain(user_dir).collect();
    // A file that cannot be resolved (it does not exist yet) is judged by its path.
    let inside = resolves_inside(&full, &roots).unwrap_or_else(|_| roots.iter().any(|root| full.starts_with(root)));
    match (inside, path.is_absolute()) {
        (true, _) => Ok(()),
        (false, true) => Err(format!("规则包“{listed}”位于工作区之外，拒绝读取：gwlint.toml {allowed}")),
        (false, false) => Err(format!("规则包“{listed}”经符号链接指向工作区之外，拒绝读取：gwlint.toml {allowed}")),
    }
}

/// Reads and loads one pack file.
pub fn load_pack_file(path: &Path) -> Result<Pack, Vec<LoadError>> {
    let display = path.display().to_string();
    let source = crate::file_limits::read_text_at_most(path, crate::file_limits::PACK_FILE)
        .map_err(|e| vec![LoadError::file(&display, format!("无法读取规则包：{e}"))])?;
    load_pack(&display, &source)
}

/// The linter for a configuration: the built-in packs it selects, then the
/// pack files it lists (relative to `config_dir`), then `extra_packs`.
/// Returns the linter and warnings, or every load error found.
pub fn build_linter(
    config: &Config,
    config_dir: Option<&Path>,
    extra_packs: &[PathBuf],
) -> Result<(Linter, Vec<String>), Vec<LoadError>> {
    let mut errors = Vec::new();
    let mut packs: Vec<Pack> = Vec::new();
    let builtin = builtin::packs().map_err(<[LoadError]>::to_vec)?;
    match &config.builtin {
        None => packs.extend(builtin.iter().cloned()),
        Some(ids) => {
            for id in ids {
                match builtin.iter().find(|p| &p.info.id == id) {
                    Some(pack) => packs.push(pack.clone()),
                    None => errors.push(LoadError::file(
                        CONFIG_FILE,
                        format!(
                            "没有名为“{id}”的内置规则包（可选：{}）",
                            builtin::ids().collect::<Vec<_>>().join("、")
                        ),
                    )),
                }
            }
        }
    }
    let base = config_dir.unwrap_or(Path::new("."));
    let files = config.rules.iter().map(|r| base.join(r)).chain(extra_packs.iter().cloned());
    for file in files {
        match load_pack_file(&file) {
            Ok(pack) => packs.push(pack),
            Err(e) => errors.extend(e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let (linter, warnings) = Linter::new(packs, config);
    Ok((linter.with_config_dir(config_dir.map(Path::to_path_buf)), warnings))
}

/// The key of a rule set: the `gwlint.toml` in force, or `None` where there
/// is none (the built-in packs with default settings).
pub type ConfigKey = Option<PathBuf>;

/// The `gwlint.toml` for a document at `document`: the nearest one in its
/// folder or above; for a document without a file (an editor's unsaved
/// buffer), the nearest one for the workspace folder `root`.
pub fn config_for(document: Option<&Path>, root: Option<&Path>) -> ConfigKey {
    let dir = document.and_then(Path::parent).or(root)?;
    find_config(dir)
}

/// A linter and where its rules came from.
#[derive(Debug)]
pub struct RuleSet {
    pub linter: Arc<Linter>,
    pub config_path: ConfigKey,
    /// The pack files the configuration names (and any extra ones), resolved:
    /// a change to one of them changes the rules.
    pub pack_files: Vec<PathBuf>,
    /// Settings that refer to nothing (see [`Linter::new`]); empty for
    /// rules that stand in for a configuration that did not load.
    pub warnings: Vec<String>,
}

impl RuleSet {
    /// The rules of `config`, read from `key`, with `extra_packs` added.
    fn build(key: &ConfigKey, config: &Config, extra_packs: &[PathBuf]) -> Result<RuleSet, Vec<LoadError>> {
        let dir = key.as_deref().and_then(Path::parent);
        let (linter, warnings) = build_linter(config, dir, extra_packs)?;
        Ok(RuleSet {
            linter: Arc::new(linter),
            config_path: key.clone(),
            pack_files: pack_files(config, dir, extra_packs),
            warnings,
        })
    }

    /// The rules that stand in for `key` when its configuration `config`
    /// does not load and nothing loaded for it before: the built-in packs it
    /// selects, with its settings but without its pack files; no rules at all
    /// if even those fail. The one place such rules are made.
    pub fn fallback(key: &ConfigKey, config: &Config) -> RuleSet {
        let dir = key.as_deref().and_then(Path::parent);
        let builtin_only = Config { rules: Vec::new(), ..config.clone() };
        let linter = build_linter(&builtin_only, dir, &[]).map(|(linter, _)| linter).unwrap_or_else(|_| no_rules());
        RuleSet {
            linter: Arc::new(linter),
            config_path: key.clone(),
            pack_files: pack_files(config, dir, &[]),
            warnings: Vec::new(),
        }
    }

    /// No rules at all: what is left when building rules failed outright.
    pub fn empty(key: &ConfigKey) -> RuleSet {
        RuleSet { linter: Arc::new(no_rules()), config_path: key.clone(), pack_files: Vec::new(), warnings: Vec::new() }
    }
}

fn no_rules() -> Linter {
    Linter::new(Vec::new(), &Config::default()).0
}

/// The pack files `config` names (relative to `dir`), then `extra_packs`.
fn pack_files(config: &Config, dir: Option<&Path>, extra_packs: &[PathBuf]) -> Vec<PathBuf> {
    let base = dir.unwrap_or(Path::new("."));
    config.rules.iter().map(|r| base.join(r)).chain(extra_packs.iter().cloned()).collect()
}

/// The outcome of [`RuleCache::load`].
#[derive(Debug)]
pub struct Built {
    pub rules: Arc<RuleSet>,
    /// Why `rules` are not the ones configured (empty when they are).
    pub errors: Vec<LoadError>,
}

/// One linter per `gwlint.toml`, built once and shared: by `gwlint check`
/// across a folder of reports, by the language server across the open
/// documents. Building a linter reads and checks every pack, so it is done
/// once per configuration file, not once per report.
///
/// The two callers differ in what a configuration that does not load means:
///
/// - [`get_or_load`](RuleCache::get_or_load) (the command line): an error,
///   and nothing is kept; the run stops there.
/// - [`load`](RuleCache::load) then [`store`](RuleCache::store) (the editor):
///   never an error. The last rules that loaded for that configuration stay
///   in force (the first time, [`RuleSet::fallback`]), and the load errors are
///   kept, to be shown on the broken files until they are mended.
///
/// A cache serves one of the two: rules stored by the editor's way stand in
/// for a broken configuration, which the command line must not lint with.
///
/// When files change, [`invalidate`](RuleCache::invalidate) forgets the rules
/// in force and bumps the [generation](RuleCache::generation), which results
/// computed under older rules can be checked against.
#[derive(Debug, Default)]
pub struct RuleCache {
    inner: Mutex<CacheInner>,
}

#[derive(Debug, Default)]
struct CacheInner {
    current: HashMap<ConfigKey, Arc<RuleSet>>,
    last_good: HashMap<ConfigKey, Arc<RuleSet>>,
    errors: HashMap<ConfigKey, Vec<LoadError>>,
    generation: u64,
}

impl RuleCache {
    /// The rules in force for `key`, if they have been built.
    pub fn cached(&self, key: &ConfigKey) -> Option<Arc<RuleSet>> {
        self.lock().current.get(key).cloned()
    }

    /// The rules for `key` with `extra_packs`, built on first use. A
    /// configuration or pack that does not load is an error, and is tried
    /// again on the next call.
    pub fn get_or_load(&self, key: &ConfigKey, extra_packs: &[PathBuf]) -> Result<Arc<RuleSet>, Vec<LoadError>> {
        if let Some(rules) = self.cached(key) {
            return Ok(rules);
        }
        let config = match key {
            Some(path) => load_config(path).map_err(|e| vec![e])?,
            None => Config::default(),
        };
        let rules = Arc::new(RuleSet::build(key, &config, extra_packs)?);
        self.lock().current.insert(key.clone(), rules.clone());
        Ok(rules)
    }

    /// Loads the configuration `key` with `adjust` applied to it (the
    /// editor's settings), for [`store`](RuleCache::store). Never fails: see
    /// the type's documentation. Blocking: it reads and compiles packs.
    pub fn load(&self, key: &ConfigKey, adjust: impl FnOnce(Config) -> Config) -> Built {
        let (config, mut errors) = match key {
            Some(path) => match load_config(path) {
                Ok(config) => (config, Vec::new()),
                Err(error) => (Config::default(), vec![error]),
            },
            None => (Config::default(), Vec::new()),
        };
        let config = adjust(config);
        // Built even when the configuration did not load, so that errors in
        // the packs the settings add are reported at the same time.
        let rules = match RuleSet::build(key, &config, &[]) {
            Ok(rules) if errors.is_empty() => Arc::new(rules),
            Ok(_) => self.stand_in(key, &config),
            Err(e) => {
                errors.extend(e);
                self.stand_in(key, &config)
            }
        };
        Built { rules, errors }
    }

    /// The rules to use while `key` does not load: the last good ones, or
    /// [`RuleSet::fallback`].
    fn stand_in(&self, key: &ConfigKey, config: &Config) -> Arc<RuleSet> {
        let dir = key.as_deref().and_then(Path::parent);
        if let Some(good) = self.lock().last_good.get(key) {
            return Arc::new(RuleSet {
                linter: good.linter.clone(),
                config_path: key.clone(),
                pack_files: pack_files(config, dir, &[]),
                warnings: Vec::new(),
            });
        }
        Arc::new(RuleSet::fallback(key, config))
    }

    /// Records a loaded rule set as the one in force for `key`.
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

    /// The rules that last loaded without errors for `key`, if any.
    pub fn last_good(&self, key: &ConfigKey) -> Option<Arc<RuleSet>> {
        self.lock().last_good.get(key).cloned()
    }

    pub fn generation(&self) -> u64 {
        self.lock().generation
    }

    /// Forgets the rules in force (the last good ones are kept as stand-ins).
    pub fn invalidate(&self) {
        let mut inner = self.lock();
        inner.current.clear();
        inner.generation += 1;
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

    fn lock(&self) -> MutexGuard<'_, CacheInner> {
        // The maps are replaced whole under the lock; a panic elsewhere
        // cannot leave them half-updated.
        self.inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
