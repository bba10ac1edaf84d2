//! The rule packs shipped inside the binary (from `rules/packs/`).

use crate::pack::{LoadError, Pack, load_pack, load_pack_trusted};
use std::sync::OnceLock;

/// `(id, file name, TOML text)` of every built-in pack.
pub const SOURCES: &[(&str, &str, &str)] =
    &[("fzzf-report", "fzzf-report.toml", include_str!("../packs/fzzf-report.toml"))];

/// Data files the built-in packs refer to (`dictionary = "data/…"`), by path
/// relative to `rules/packs/`.
pub const DATA_FILES: &[(&str, &str)] = &[
    ("data/typos.tsv", include_str!("../packs/data/typos.tsv")),
    ("data/typos-boundary.tsv", include_str!("../packs/data/typos-boundary.tsv")),
    ("data/citations.tsv", include_str!("../packs/data/citations.tsv")),
    ("data/citation-confusables.tsv", include_str!("../packs/data/citation-confusables.tsv")),
];

/// Binary data files the built-in packs refer to (`model = "data/…"`).
pub const BINARY_FILES: &[(&str, &[u8])] = &[("data/spelling.model", include_bytes!("../packs/data/spelling.model"))];

/// An embedded binary data file.
pub fn binary_file(relative: &str) -> Option<&'static [u8]> {
    BINARY_FILES.iter().find(|(name, _)| *name == relative).map(|(_, bytes)| *bytes)
}

/// An embedded data file.
pub fn data_file(relative: &str) -> Option<&'static str> {
    DATA_FILES.iter().find(|(name, _)| *name == relative).map(|(_, text)| *text)
}

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
