//! Assembling a [`Linter`] from built-in packs, pack files and `gwlint.toml`.
//!
//! Both `gwlint check` and `gwlint lsp` go through [`build_linter`], so a
//! workspace lints the same way on the command line and in the editor.
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
use std::path::{Component, Path, PathBuf};

/// The nearest `gwlint.toml` in `start` or its ancestors.
pub fn find_config(start: &Path) -> Option<PathBuf> {
    start.ancestors().map(|dir| dir.join(CONFIG_FILE)).find(|p| p.is_file())
}

/// Reads and parses a `gwlint.toml`, and checks that the pack files it lists
/// stay inside the workspace or the user's configuration folder (see the
/// module documentation).
pub fn load_config(path: &Path) -> Result<Config, LoadError> {
    let display = path.display().to_string();
    let source =
        std::fs::read_to_string(path).map_err(|e| LoadError::file(&display, format!("无法读取配置文件：{e}")))?;
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
    let source =
        std::fs::read_to_string(path).map_err(|e| vec![LoadError::file(&display, format!("无法读取规则包：{e}"))])?;
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
