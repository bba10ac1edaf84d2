//! Replays the committed corpus of the `lsp_session` fuzz target on every
//! `cargo test`: each file in `fuzz/corpus/lsp_session/` is decoded into a
//! session of open, change, hover, code action, completion, outline, cancel
//! and garbage messages and run against an in-process server, exactly as the
//! fuzz target does (`gwlint::lsp::fuzz::session_bytes`).

use std::path::{Path, PathBuf};

/// The committed corpus of fuzz target `target`, sorted; never empty.
fn corpus(target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/corpus").join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir).expect("corpus folder").map(|e| e.expect("entry").path()).collect();
    files.sort();
    assert!(!files.is_empty(), "{} has no inputs", dir.display());
    files
}

#[test]
fn lsp_session_corpus() {
    for file in corpus("lsp_session") {
        let data = std::fs::read(&file).expect("corpus file");
        let replies = std::panic::catch_unwind(|| gwlint::lsp::fuzz::session_bytes(&data))
            .unwrap_or_else(|_| panic!("fuzz input {} fails again", file.display()));
        // Every request of the session got exactly one reply (cancelled ones
        // an error), and the server never replied to a notification.
        let requests = gwlint::lsp::fuzz::request_ids(&data);
        let mut replied: Vec<i64> =
            replies.iter().filter(|m| m.get("method").is_none()).filter_map(|m| m["id"].as_i64()).collect();
        replied.sort();
        assert_eq!(replied, requests, "{}: {replies:#?}", file.display());
    }
}

/// Replays the committed corpus of the `docx_read` fuzz target: seeds for
/// numbering, tracked changes, fields, tables and damaged files.
#[test]
fn docx_read_corpus() {
    let mut readable = 0;
    for file in corpus("docx_read") {
        let data = std::fs::read(&file).expect("corpus file");
        std::panic::catch_unwind(|| gwlint::docx::fuzz_read(&data))
            .unwrap_or_else(|_| panic!("fuzz input {} fails again", file.display()));
        readable += usize::from(gwlint::docx::read(&data).is_ok());
    }
    assert!(readable >= 3, "the seeds include readable documents: {readable}");
}

#[path = "support/docx_program.rs"]
mod docx_program;

/// Replays the committed corpus of the structure-aware `docx_structured`
/// target: each file is a program that builds a Word package
/// (`tests/support/docx_program.rs`), read and written back as the fuzz
/// target does.
#[test]
fn docx_structured_corpus() {
    let mut readable = 0;
    for file in corpus("docx_structured") {
        let data = std::fs::read(&file).expect("corpus file");
        let package = docx_program::build(&data);
        std::panic::catch_unwind(|| gwlint::docx::fuzz_read(&package))
            .unwrap_or_else(|_| panic!("fuzz input {} fails again", file.display()));
        readable += usize::from(gwlint::docx::read(&package).is_ok());
    }
    assert!(readable >= 1, "the seeds include readable documents: {readable}");
}
