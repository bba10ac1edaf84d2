//! Helpers shared by the end-to-end tests: running the built binary, temporary
//! folders, and the paths of fixtures and the shared corpus.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

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

/// `../shared/corpus` beside the repository (always present in CI).
pub fn corpus_dir() -> PathBuf {
    repo_root().parent().expect("repo has a parent").join("shared").join("corpus")
}

/// The corpus reports, sorted; empty when the corpus is absent.
pub fn corpus_reports() -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(corpus_dir()) else { return Vec::new() };
    let mut files: Vec<PathBuf> =
        entries.map(|e| e.expect("entry").path()).filter(|p| p.extension().is_some_and(|e| e == "txt")).collect();
    files.sort();
    files
}

/// A fresh folder under the system temp folder, removed on drop.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(label: &str) -> TempDir {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let dir = std::env::temp_dir().join(format!("gwlint-test-{label}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        TempDir(dir)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }

    /// Writes `name` (creating parent folders) and returns its path.
    pub fn write(&self, name: &str, contents: &str) -> PathBuf {
        let path = self.0.join(name);
        std::fs::create_dir_all(path.parent().expect("has parent")).expect("mkdir");
        std::fs::write(&path, contents).expect("write");
        path
    }

    pub fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.0.join(name)).expect("read")
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
