//! One linted version of a document: its text, the parsed report and the
//! findings, computed once and shared by diagnostics, hover, code actions,
//! the outline and completion.

use super::documents::Snapshot;
use super::rulebook::RuleSet;
use gwlint_rules::Document;
use gwlint_rules::engine::LintCache;
use gwlint_rules::rule::Finding;
use std::sync::Arc;

#[derive(Debug)]
pub struct Analysis {
    pub snapshot: Snapshot,
    /// The rulebook generation the findings were computed under.
    pub generation: u64,
    pub rules: Arc<RuleSet>,
    pub doc: Document,
    pub findings: Vec<Finding>,
}

impl Analysis {
    /// Parses and lints a snapshot, re-linting only the paragraphs `cache`
    /// (the document's last lint) has not seen. CPU-bound: run it off the
    /// async threads.
    pub fn compute(snapshot: Snapshot, rules: Arc<RuleSet>, generation: u64, cache: &mut LintCache) -> Analysis {
        let doc = Document::parse(snapshot.text.clone(), snapshot.format);
        let findings = rules.linter.lint_file_cached(&doc, snapshot.path.as_deref(), cache);
        Analysis { snapshot, generation, rules, doc, findings }
    }

    /// Is this analysis still about the given version under the given rules?
    pub fn is_current(&self, version: i32, generation: u64) -> bool {
        self.snapshot.version == version && self.generation == generation
    }

    /// Findings whose range holds byte `offset` (an empty range holds its own point).
    pub fn findings_at(&self, offset: usize) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(move |f| f.range.start <= offset && offset <= f.range.end)
    }
}
