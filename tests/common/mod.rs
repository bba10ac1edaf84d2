//! Helpers shared by the end-to-end tests: running the built binary, temporary
//! folders, and the paths of fixtures and the shared corpus.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

#[path = "../support/temp.rs"]
mod temp;
#[allow(unused_imports)] // not every test that includes this file needs both
pub use temp::{TempDir, corpus_dir};

/// The `gwlint` binary cargo built for these tests.
pub fn gwlint() -> Command {
    Command::new(env!("CARGO_BIN_EXE_gwlint"))
}

/// Runs `gwlint ARGS` in `dir`.
pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    gwlint().args(args).current_dir(dir).output().expect("gwlint runs")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8")
}

pub fn code(output: &Output) -> i32 {
    output.status.code().expect("exited normally")
}

/// The repository's root folder.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("server/ has a parent").to_path_buf()
}

pub fn fixture(name: &str) -> PathBuf {
    repo_root().join("tests").join("fixtures").join(name)
}

/// The corpus reports, sorted; empty when the corpus is absent.
pub fn corpus_reports() -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(corpus_dir()) else { return Vec::new() };
    let mut files: Vec<PathBuf> =
        entries.map(|e| e.expect("entry").path()).filter(|p| p.extension().is_some_and(|e| e == "txt")).collect();
    files.sort();
    files
}
