//! Replays the committed fuzz corpora of the engine's targets on every
//! `cargo test`: each file in `fuzz/corpus/<target>/` (seeds, and the input
//! of every crash the fuzzer found, named `crash-…`) goes through the same
//! function the fuzz target calls. A crash that comes back fails here, with
//! the file's name, without libFuzzer or nightly flags.

use std::path::{Path, PathBuf};

fn corpus(target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/corpus").join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("corpus entry").path())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{} has no inputs", dir.display());
    files
}

fn replay(target: &str, run: fn(&[u8])) {
    for file in corpus(target) {
        let data = std::fs::read(&file).expect("corpus file");
        let outcome = std::panic::catch_unwind(|| run(&data));
        assert!(outcome.is_ok(), "fuzz input {} fails again", file.display());
    }
}

#[test]
fn lint_text_corpus() {
    replay("lint_text", gwlint_rules::fuzz::lint_bytes);
}

#[test]
fn load_pack_corpus() {
    replay("load_pack", gwlint_rules::fuzz::load_pack_bytes);
}
