//! The rule packs shipped inside the binary (from `rules/packs/`), loaded.
//!
//! The files themselves (the packs' TOML, their dictionaries, catalogue and
//! language model) are embedded by [`crate::embedded`], below the loader,
//! which reads a built-in pack's data files from there; this module loads the
//! packs, so it sits above the loader and the spec runner.

pub use crate::embedded::{BINARY_FILES, DATA_FILES, SOURCES, binary_file, data_file};
use crate::pack::{LoadError, Pack, load_pack_trusted};
use crate::specs::load_pack;
use std::sync::OnceLock;

/// The built-in packs, loaded once per process. Their specs are not run here
/// (they cannot change after the build); [`check_specs`] runs them in the tests.
pub fn packs() -> Result<&'static [Pack], &'static [LoadError]> {
    static PACKS: OnceLock<Result<Vec<Pack>, Vec<LoadError>>> = OnceLock::new();
    let loaded = PACKS.get_or_init(|| {
        let mut packs = Vec::new();
        let mut errors = Vec::new();
        for (_, file, source) in SOURCES {
            match load_pack_trusted(&format!("builtin:{file}"), source) {
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

/// Loads every built-in pack with its specs run; the errors, if any.
pub fn check_specs() -> Vec<LoadError> {
    SOURCES
        .iter()
        .filter_map(|(_, file, source)| load_pack(&format!("builtin:{file}"), source).err())
        .flatten()
        .collect()
}
