//! Rendering findings: [`human`] for people at a terminal, [`json`] and [`sarif`]
//! for tools, [`html`] for a printable review sheet.

pub mod html;
pub mod human;
pub mod json;
pub mod sarif;

use gwlint::docx::Positions;
use gwlint_rules::rule::section::Parts;
use gwlint_rules::scorecard::{self, Scorecard};
use gwlint_rules::{Document, Finding, Linter};
use std::path::PathBuf;
use std::sync::Arc;

/// One checked file and what was found in it.
pub struct FileReport {
    pub path: PathBuf,
    pub doc: Document,
    pub findings: Vec<Finding>,
    /// Fixes applied by `--fix`.
    pub fixed: usize,
    /// For a Word document: where the lines of `doc.text` are in the document.
    pub docx: Option<Positions>,
    /// The required parts its last lint found (of `doc` as it stands).
    pub parts: Parts,
    /// The rules the file was checked with (for its scorecard).
    pub linter: Arc<Linter>,
}

/// A file the run could not check (unreadable, not a report, a broken Word
/// package, a fix that could not be written back), and why — listed by every
/// output format, so that a reviewer's batch report says which files it lacks.
pub struct Unchecked {
    pub path: PathBuf,
    pub reason: String,
}

/// Where a byte offset of a report is, as the user should be told.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    /// 1-based line and column (characters) of the text as checked.
    pub line: usize,
    pub column: usize,
    /// For a Word document: 1-based paragraph and character within it.
    pub paragraph: Option<(usize, usize)>,
}

impl Place {
    /// `7:15` for a text file, `段7:字15` for a Word document.
    pub fn label(&self) -> String {
        match self.paragraph {
            Some((p, c)) => format!("段{p}:字{c}"),
            None => format!("{}:{}", self.line, self.column),
        }
    }
}

impl FileReport {
    /// The report's scorecard, from its findings and parts as they stand.
    pub fn scorecard(&self) -> Scorecard {
        scorecard::compute(&self.linter, &self.doc, &self.parts, &self.findings)
    }

    pub fn place(&self, offset: usize) -> Place {
        let (line, column) = self.doc.lines.line_col(&self.doc.text, offset);
        Place { line, column, paragraph: self.docx.as_ref().map(|p| p.at(line, column)) }
    }
}
