//! Rendering findings: [`human`] for people at a terminal, [`json`] for tools.

pub mod human;
pub mod json;

use gwlint_rules::{Document, Finding};
use std::path::PathBuf;

/// One checked file and what was found in it.
pub struct FileReport {
    pub path: PathBuf,
    pub doc: Document,
    pub findings: Vec<Finding>,
    /// Fixes applied by `--fix`.
    pub fixed: usize,
}
