//! The files compiled into the binary: the built-in packs (from `rules/packs/`)
//! and the data files they refer to.
//!
//! Nothing here parses or loads anything, so that the data-file reader
//! ([`crate::pack_data`]) can serve a built-in pack's files from here without
//! depending on the loader; [`crate::builtin`] loads the packs and re-exports
//! these.

/// `(id, file name, TOML text)` of every built-in pack.
pub const SOURCES: &[(&str, &str, &str)] =
    &[("fzzf-report", "fzzf-report.toml", include_str!("../packs/fzzf-report.toml"))];

/// Data files the built-in packs refer to (`dictionary = "data/…"`), by path
/// relative to `rules/packs/`.
pub const DATA_FILES: &[(&str, &str)] = &[
    ("data/typos.tsv", include_str!("../packs/data/typos.tsv")),
    ("data/typos-boundary.tsv", include_str!("../packs/data/typos-boundary.tsv")),
    ("data/traditional.tsv", include_str!("../packs/data/traditional.tsv")),
    ("data/citations.tsv", include_str!("../packs/data/citations.tsv")),
    ("data/citation-confusables.tsv", include_str!("../packs/data/citation-confusables.tsv")),
    ("data/report-wording.txt", include_str!("../packs/data/report-wording.txt")),
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
