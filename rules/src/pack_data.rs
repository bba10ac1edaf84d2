//! The data files a pack refers to: dictionaries, catalogues, language models.
//!
//! A built-in pack (path `builtin:…`) reads its files from [`crate::embedded`].
//! Any other pack reads files in its own folder or below it, never through
//! `..`, an absolute path or a symlink that leads elsewhere: a pack arrives
//! from other people, and naming a file must not let it read the rest of the
//! disk into a finding. The kinds that take files (`typo` dictionaries,
//! `citation` catalogues, `spelling` models) read them through here.

use std::path::{Component, Path};

/// Loads a language model a pack refers to. A model file is large and the
/// same for every rule and reload that names it, so each is read and
/// decoded once per process (a file on disk is keyed by its path and a
/// fingerprint of its bytes, so an edited model is decoded again). A user's
/// model is decoded here, so that a damaged file is a load error; the
/// built-in one when first used (or by [`warm_up_builtin_models`]).
pub fn load_model(
    pack_path: &str,
    relative: &str,
) -> Result<std::sync::Arc<crate::language_model::SharedModel>, String> {
    use crate::language_model::{Model, SharedModel};
    use std::sync::{Arc, Mutex, OnceLock};
    type Cache = Mutex<Vec<(String, Arc<SharedModel>)>>;
    static LOADED: OnceLock<Cache> = OnceLock::new();
    let cache = LOADED.get_or_init(Default::default);
    let cached = |key: &str| {
        cache.lock().unwrap_or_else(|e| e.into_inner()).iter().find(|(k, _)| k == key).map(|(_, m)| m.clone())
    };
    let (key, model) = if pack_path.starts_with("builtin:") {
        let key = format!("builtin:{relative}");
        if let Some(model) = cached(&key) {
            return Ok(model);
        }
        let bytes =
            crate::embedded::binary_file(relative).ok_or_else(|| format!("内置规则包没有模型文件“{relative}”"))?;
        (key, SharedModel::lazy(bytes))
    } else {
        let bytes = read_data_bytes(pack_path, relative)?;
        let key = format!("{pack_path}\0{relative}\0{}", content_digest(&bytes));
        if let Some(model) = cached(&key) {
            return Ok(model);
        }
        let model = Model::from_bytes(&bytes).map_err(|e| format!("模型文件“{relative}”无法读取：{e}"))?;
        (key, SharedModel::decoded(model))
    };
    let model = Arc::new(model);
    let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
    // Keep the last few: a user editing their own model reloads it often.
    if cache.len() >= 4 {
        cache.remove(0);
    }
    cache.push((key, model.clone()));
    Ok(model)
}

/// Starts decoding the language models of the built-in packs on a background
/// thread and returns at once (like [`crate::segment::warm_up`], for commands
/// about to lint). Calling it again does nothing.
pub fn warm_up_builtin_models() {
    static STARTED: std::sync::Once = std::sync::Once::new();
    STARTED.call_once(|| {
        std::thread::spawn(|| {
            for (name, _) in crate::embedded::BINARY_FILES {
                if let Ok(model) = load_model("builtin:", name) {
                    model.get();
                }
            }
        });
    });
}

/// A cheap fingerprint of a file's bytes (FNV-1a over its length and a sample).
fn content_digest(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ bytes.len() as u64;
    let step = (bytes.len() / 4096).max(1);
    for b in bytes.iter().step_by(step) {
        h = (h ^ *b as u64).wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Reads a data file a pack refers to. Built-in packs read their embedded
/// files; other packs read files in their own folder or below it, never
/// through `..`, an absolute path or a symlink that leads elsewhere.
pub fn read_data_file(pack_path: &str, relative: &str) -> Result<String, String> {
    if pack_path.starts_with("builtin:") {
        return crate::embedded::data_file(relative)
            .map(str::to_string)
            .ok_or_else(|| format!("内置规则包没有数据文件“{relative}”"));
    }
    String::from_utf8(read_data_bytes(pack_path, relative)?).map_err(|_| format!("数据文件“{relative}”不是 UTF-8 文本"))
}

/// The bytes of a data file in the pack's folder (see [`read_data_file`]).
fn read_data_bytes(pack_path: &str, relative: &str) -> Result<Vec<u8>, String> {
    let rel = Path::new(relative);
    if rel.is_absolute() || rel.components().any(|c| matches!(c, Component::ParentDir)) {
        return Err(format!("数据文件“{relative}”必须位于规则包所在文件夹之内（不能用绝对路径或 ..）"));
    }
    let dir = Path::new(pack_path).parent().unwrap_or(Path::new("."));
    let dir = if dir.as_os_str().is_empty() { Path::new(".") } else { dir };
    let full = dir.join(rel);
    let inside = resolves_inside(&full, &[dir]).map_err(|e| format!("无法读取数据文件“{relative}”：{e}"))?;
    if !inside {
        return Err(format!("数据文件“{relative}”经符号链接指向规则包文件夹之外，拒绝读取"));
    }
    crate::file_limits::read_at_most(&full, crate::file_limits::DATA_FILE)
        .map_err(|e| format!("无法读取数据文件“{relative}”：{e}"))
}

/// Does `path` lead, once every symlink on the way is followed, to a place
/// inside one of `roots` (also resolved)? A root that cannot be resolved
/// holds nothing. An error when `path` itself cannot be resolved: it does not
/// exist, or a folder on the way cannot be read.
///
/// The one containment check for files named in files from elsewhere: a
/// pack's data files (inside the pack's folder) and the packs a `gwlint.toml`
/// lists ([`crate::workspace::check_pack_path`]: inside the workspace or the
/// user's configuration folder). Each caller first refuses by their text the
/// paths it never accepts: `..` for both, an absolute path for a data file.
pub fn resolves_inside(path: &Path, roots: &[&Path]) -> std::io::Result<bool> {
    let real = path.canonicalize()?;
    Ok(roots.iter().filter_map(|root| root.canonicalize().ok()).any(|root| real.starts_with(root)))
}
