//! The open documents: one [`DocumentState`] each, all in one map under one
//! lock.
//!
//! A document's state is everything the server keeps about it: the live text
//! in a rope (edited incrementally), its version, format and file, its last
//! [`Analysis`] (one linted version, with the line index its parse built) and
//! the paragraph cache its lints share. Keeping them in one struct means they
//! are created and dropped together, and an analysis is stored only after
//! checking, under the same lock, that it is about the version in the rope.
//!
//! The lock is a `std::sync::Mutex`, not an async one, on purpose: the server
//! runs several handlers at once, and `didChange` must apply its edit
//! synchronously, before its first `.await`, or two quick changes could be
//! applied out of order and corrupt the text. Every method here is
//! synchronous and holds the lock only for the edit or the copy it makes;
//! linting happens outside it, on a [`Snapshot`].

use super::analysis::Analysis;
use super::convert::{Encoding, rope_char};
use gwlint_rules::Format;
use gwlint_rules::engine::LintCache;
use ropey::Rope;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};
use tower_lsp_server::ls_types::{TextDocumentContentChangeEvent, Uri};

/// Everything the server keeps about one open document.
#[derive(Debug)]
struct DocumentState {
    rope: Rope,
    version: i32,
    format: Format,
    /// The file behind the document, for `file:` URIs.
    path: Option<PathBuf>,
    /// The last analysis under the rules in force (never one under interim
    /// rules), until the document or the rules change.
    analysis: Option<Arc<Analysis>>,
    /// The paragraph findings of the document's last lint, so that an edit
    /// re-lints only the paragraphs it touched (`gwlint_rules::engine`). It
    /// has a lock of its own because linting runs on a blocking thread,
    /// outside the map's lock; two lints of one document take turns, so the
    /// second starts from the paragraphs of the first.
    lint_cache: Arc<Mutex<LintCache>>,
}

/// A copy of a document's state at one version, to lint or answer from.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub uri: Uri,
    pub text: String,
    pub version: i32,
    pub format: Format,
    pub path: Option<PathBuf>,
}

/// What a document has to offer a feature that needs its analysis.
pub enum Lookup {
    /// The analysis of the current version under the current rules.
    Current(Arc<Analysis>),
    /// The current version, still to be linted, and the cache to lint it with.
    Stale { snapshot: Snapshot, cache: Arc<Mutex<LintCache>> },
}

#[derive(Debug, Default)]
pub struct Documents {
    open: Mutex<HashMap<Uri, DocumentState>>,
}

/// Why a change could not be applied.
#[derive(Debug, PartialEq, Eq)]
pub enum ChangeError {
    UnknownDocument,
}

impl Documents {
    pub fn open(&self, uri: Uri, text: &str, version: i32, language_id: &str) {
        let path = uri.to_file_path().map(|p| p.into_owned());
        let format = format_of(language_id, path.as_deref());
        let document = DocumentState {
            rope: Rope::from_str(text),
            version,
            format,
            path,
            analysis: None,
            lint_cache: Arc::default(),
        };
        self.lock().insert(uri, document);
    }

    /// Forgets the document, its analysis and its lint cache.
    pub fn close(&self, uri: &Uri) {
        self.lock().remove(uri);
    }

    /// Applies content changes in order and records the new version.
    pub fn change(
        &self,
        uri: &Uri,
        version: i32,
        changes: &[TextDocumentContentChangeEvent],
        encoding: Encoding,
    ) -> Result<(), ChangeError> {
        let mut open = self.lock();
        let document = open.get_mut(uri).ok_or(ChangeError::UnknownDocument)?;
        for change in changes {
            apply_change(&mut document.rope, change, encoding);
        }
        document.version = version;
        Ok(())
    }

    pub fn snapshot(&self, uri: &Uri) -> Option<Snapshot> {
        self.lock().get(uri).map(|d| snapshot(uri, d))
    }

    /// The analysis of the document's current version under the rules of
    /// `generation` if there is one, else what it takes to compute it.
    pub fn lookup(&self, uri: &Uri, generation: u64) -> Option<Lookup> {
        let open = self.lock();
        let document = open.get(uri)?;
        Some(match &document.analysis {
            Some(analysis) if analysis.is_current(document.version, generation) => Lookup::Current(analysis.clone()),
            _ => Lookup::Stale { snapshot: snapshot(uri, document), cache: document.lint_cache.clone() },
        })
    }

    /// Keeps `analysis` as its document's last one, unless the document has
    /// changed (or closed) while it was computed.
    pub fn keep(&self, analysis: &Arc<Analysis>) {
        if let Some(document) = self.lock().get_mut(&analysis.uri)
            && document.version == analysis.version
        {
            document.analysis = Some(analysis.clone());
        }
    }

    /// Forgets every analysis (the rules changed); the lint caches stay,
    /// since the engine checks them against the rules it lints with.
    pub fn forget_analyses(&self) {
        for document in self.lock().values_mut() {
            document.analysis = None;
        }
    }

    pub fn version(&self, uri: &Uri) -> Option<i32> {
        self.lock().get(uri).map(|d| d.version)
    }

    pub fn uris(&self) -> Vec<Uri> {
        self.lock().keys().cloned().collect()
    }

    /// The files behind the open documents.
    pub fn paths(&self) -> Vec<PathBuf> {
        self.lock().values().filter_map(|d| d.path.clone()).collect()
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<Uri, DocumentState>> {
        // A panic while the lock was held cannot leave a rope half-edited in a
        // way that matters more than stopping the server would, so go on.
        self.open.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

fn snapshot(uri: &Uri, document: &DocumentState) -> Snapshot {
    Snapshot {
        uri: uri.clone(),
        text: document.rope.to_string(),
        version: document.version,
        format: document.format,
        path: document.path.clone(),
    }
}

/// One content change: a range replacement, or the whole text when it has no range.
fn apply_change(rope: &mut Rope, change: &TextDocumentContentChangeEvent, encoding: Encoding) {
    match change.range {
        None => *rope = Rope::from_str(&change.text),
        Some(range) => {
            let a = rope_char(rope, range.start, encoding);
            let b = rope_char(rope, range.end, encoding);
            let (start, end) = (a.min(b), a.max(b));
            rope.remove(start..end);
            rope.insert(start, &change.text);
        }
    }
}

/// The document's format: by language id, else by the file's extension.
fn format_of(language_id: &str, path: Option<&std::path::Path>) -> Format {
    match language_id {
        "markdown" => Format::Markdown,
        "plaintext" | "text" => Format::Text,
        _ => path.map(Format::from_path).unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp_server::ls_types::{Position, Range};

    fn edit(start: (u32, u32), end: (u32, u32), text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(start.0, start.1), Position::new(end.0, end.1))),
            range_length: None,
            text: text.to_string(),
        }
    }

    #[test]
    fn edits_after_astral_characters_and_crlf_land_where_the_client_means() {
        let docs = Documents::default();
        let uri: Uri = "file:///tmp/a.txt".parse().unwrap();
        docs.open(uri.clone(), "𠀋目标导间\r\n第二行", 1, "plaintext");
        docs.change(&uri, 2, &[edit((0, 5), (0, 6), "向"), edit((1, 0), (1, 1), "次")], Encoding::Utf16).unwrap();
        let snapshot = docs.snapshot(&uri).unwrap();
        assert_eq!(snapshot.text, "𠀋目标导向\r\n次二行");
        assert_eq!(snapshot.version, 2);
    }

    #[test]
    fn unknown_documents_and_wild_positions_do_not_panic() {
        let docs = Documents::default();
        let uri: Uri = "file:///tmp/b.md".parse().unwrap();
        assert_eq!(docs.change(&uri, 1, &[], Encoding::Utf16), Err(ChangeError::UnknownDocument));
        docs.open(uri.clone(), "短", 1, "");
        assert_eq!(docs.snapshot(&uri).unwrap().format, Format::Markdown);
        docs.change(&uri, 2, &[edit((7, 3), (0, 99), "！")], Encoding::Utf8).unwrap();
        assert_eq!(docs.snapshot(&uri).unwrap().text, "短！");
    }
}
