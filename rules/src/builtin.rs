//! The rule packs shipped inside the binary (from `rules/packs/`).

use crate::pack::{LoadError, Pack, load_pack};
use std::sync::OnceLock;

/// `(id, file name, TOML text)` of every built-in pack.
pub const SOURCES: &[(&str, &str, &str)] =
    &[("fzzf-report", "fzzf-report.toml", include_str!("../packs/fzzf-report.toml"))];

/// The built-in packs, loaded (and their specs checked) once per process.
pub fn packs() -> Result<&'static [Pack], &'static [LoadError]> {
    static PACKS: OnceLock<Result<Vec<Pack>, Vec<LoadError>>> = OnceLock::new();
    let loaded = PACKS.get_or_init(|| {
        let mut packs = Vec::new();
        let mut errors = Vec::new();
        for (_, file, source) in SOURCES {
            match load_pack(&format!("builtin:{file}"), source) {
                Ok(pack) => packs.push(pack),
                Err(e) => errors.extend(e),
            }
        }
        if errors.is_empty() { Ok(packs) } else { Err(errors) }
    });
    match loaded {
        Ok(packs) => Ok(packs),
        Err(errors) => Err(errors),
    }
}

/// Ids of the built-in packs.
pub fn ids() -> impl Iterator<Item = &'static str> {
    SOURCES.iter().map(|(id, _, _)| *id)
}
