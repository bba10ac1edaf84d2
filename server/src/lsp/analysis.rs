//! One linted version of a document: the parsed report (which holds the text
//! and its line index) and its [`Lint`] (the findings and the required parts
//! found), computed once and shared by diagnostics, hover, code actions, the
//! outline and completion.

use super::convert::{Encoding, Positions};
use super::documents::Snapshot;
use gwlint_rules::Document;
use gwlint_rules::engine::{Lint, LintCache};
use gwlint_rules::workspace::RuleSet;
use std::sync::Arc;
use tower_lsp_server::ls_types::Uri;

#[derive(Debug)]
pub struct Analysis {
    pub uri: Uri,
    /// The document version that was linted.
    pub version: i32,
    /// The rule cache generation the findings were computed under.
    pub generation: u64,
    pub rules: Arc<RuleSet>,
    /// The report as linted: `doc.text` is the text of `version`.
    pub doc: Document,
    pub lint: Lint,
}

impl Analysis {
    /// Parses and lints a snapshot, re-linting only the paragraphs `cache`
    /// (the document's last lint) has not seen. CPU-bound: run it off the
    /// async threads.
    pub fn compute(snapshot: Snapshot, rules: Arc<RuleSet>, generation: u64, cache: &mut LintCache) -> Analysis {
        let Snapshot { uri, text, version, format, path } = snapshot;
        let doc = Document::parse(text, format);
        let lint = rules.linter.analyse(&doc, path.as_deref(), Some(cache));
        Analysis { uri, version, generation, rules, doc, lint }
    }

    /// The text that was linted.
    pub fn text(&self) -> &str {
        &self.doc.text
    }

    /// Positions in this version's text, over the line index its parse built.
    pub fn positions(&self, encoding: Encoding) -> Positions<'_> {
        Positions::new(&self.doc.text, &self.doc.lines, encoding)
    }

    /// Is this analysis still about the given version under the given rules?
    pub fn is_current(&self, version: i32, generation: u64) -> bool {
        self.version == version && self.generation == generation
    }
}
