//! Assembling a [`Linter`] from built-in packs, pack files and `gwlint.toml`.
//!
//! Both `gwlint check` and `gwlint lsp` go through [`build_linter`], so a
//! workspace lints the same way on the command line and in the editor.

use crate::builtin;
use crate::config::{CONFIG_FILE, Config};
use crate::engine::Linter;
use crate::pack::{LoadError, Pack, load_pack};
use std::path::{Path, PathBuf};

/// The nearest `gwlint.toml` in `start` or its ancestors.
pub fn find_config(start: &Path) -> Option<PathBuf> {
    start.ancestors().map(|dir| dir.join(CONFIG_FILE)).find(|p| p.is_file())
}

/// Reads and parses a `gwlint.toml`.
pub fn load_config(path: &Path) -> Result<Config, LoadError> {
    let display = path.display().to_string();
    let source =
        std::fs::read_to_string(path).map_err(|e| LoadError::file(&display, format!("无法读取配置文件：{e}")))?;
    Config::parse(&display, &source)
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
