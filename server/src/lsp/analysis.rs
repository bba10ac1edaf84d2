//! One linted version of a document: the parsed report (which holds the text
//! and its line index) and its [`Lint`] (the findings and the required parts
//! found), computed once and shared by diagnostics, hover, code actions, the
//! outline and completion.

use super::convert::{Encoding, Positions};
use super::documents::Snapshot;
use gwlint_rules::Document;
use gwlint_rules::engine::{Lint, LintCache};
use gwlint_rules::file_limits::REPORT_FILE;
use gwlint_rules::fix::fix_until_settled;
use gwlint_rules::rule::Edit;
use gwlint_rules::workspace::RuleSet;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};
use tower_lsp_server::ls_types::Uri;

#[derive(Debug)]
pub struct Analysis {
    pub uri: Uri,
    /// The document version that was linted.
    pub version: i32,
    /// The rule cache generation the findings were computed under.
    pub generation: u64,
    pub rules: Arc<RuleSet>,
    /// The file the document is, if it is one: `[[ignore]]` entries may name it.
    pub path: Option<PathBuf>,
    /// The report as linted: `doc.text` is the text of `version`.
    pub doc: Document,
    pub lint: Lint,
    /// The length in bytes of a document longer than `gwlint check` reads
    /// ([`REPORT_FILE`]): such a text is neither parsed nor linted (`doc` is
    /// empty), and its one diagnostic says so.
    pub too_long: Option<usize>,
    /// What "fix all" does to this version, worked out on first request.
    fix_all: OnceLock<Vec<Edit>>,
}

impl Analysis {
    /// Parses and lints a snapshot, re-linting only the paragraphs `cache`
    /// (the document's last lint) has not seen. CPU-bound: run it off the
    /// async threads.
    pub fn compute(snapshot: Snapshot, rules: Arc<RuleSet>, generation: u64, cache: &mut LintCache) -> Analysis {
        let Snapshot { uri, text, version, format, path } = snapshot;
        // The editor holds the text already; linting a text of hundreds of
        // MiB would take minutes and gigabytes at every keystroke.
        let too_long = (text.len() as u64 > REPORT_FILE).then_some(text.len());
        let doc = Document::parse(if too_long.is_some() { String::new() } else { text }, format);
        let lint = match too_long {
            Some(_) => Lint::default(),
            None => rules.linter.analyse(&doc, path.as_deref(), Some(cache)),
        };
        Analysis { uri, version, generation, rules, path, doc, lint, too_long, fix_all: OnceLock::new() }
    }

    /// The edits of "fix all": the safe fixes, re-linting and fixing again
    /// until the text settles, exactly as `gwlint check --fix` does
    /// ([`fix_until_settled`]), in this version's offsets. Each round after
    /// the first lints the whole text again, so the answer is kept: editors ask
    /// for code actions whenever the cursor moves.
    pub fn fix_all_edits(&self) -> &[Edit] {
        self.fix_all.get_or_init(|| {
            let (linter, path, format) = (&self.rules.linter, self.path.as_deref(), self.doc.format);
            let lint = |text: &str| linter.lint_file(&Document::parse(text, format), path);
            fix_until_settled(&self.doc.text, self.lint.findings.clone(), lint).edits
        })
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
