//! Inputs shared by the benchmarks: the corpus reports and synthetic reports
//! of a chosen size made from them.
//!
//! This file is also compiled into the language-server latency harness
//! (`server/benches/lsp_latency.rs`, through `#[path]`), so both measure the
//! same documents. It depends on nothing but `std` and the engine's document
//! model.
//!
//! The corpus is `../shared/corpus/*.txt` beside the repository (five real
//! reports of 7–10 KB), or the folder in `GWLINT_CORPUS`. Without a corpus the
//! benchmarks fall back to `tests/fixtures/sample-report.txt`, so they still
//! run anywhere — with different figures.

#![allow(dead_code)] // each bench binary uses part of this

use gwlint_rules::document::ParagraphKind;
use gwlint_rules::{Document, Format};
use std::path::{Path, PathBuf};

/// The repository's root folder (`rules/` and `server/` are one level down).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("crate folder has a parent").to_path_buf()
}

/// `(file stem, text)` of each corpus report, sorted by name.
pub fn corpus() -> Vec<(String, String)> {
    let dir = std::env::var_os("GWLINT_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().parent().expect("repo has a parent").join("shared/corpus"));
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    files.sort();
    if files.is_empty() {
        eprintln!("no corpus in {} (set GWLINT_CORPUS); using the sample report", dir.display());
        files.push(repo_root().join("tests/fixtures/sample-report.txt"));
    }
    files
        .iter()
        .map(|p| {
            let stem = p.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            (stem, std::fs::read_to_string(p).expect("corpus report is UTF-8 text"))
        })
        .collect()
}

/// A report of at least `bytes` bytes (and less than one paragraph more), made
/// by repeating the corpus's paragraphs: the opening (unit, title, addressee)
/// of the first report, then the headings and body paragraphs of all reports
/// in turn, again and again, then the first report's closing block.
///
/// Repeating whole paragraphs keeps the text realistic for every rule —
/// sentence lengths, headings, figures, the typos the reports really contain —
/// while the size grows. The repeated headings make many top-level sections;
/// the section rules claim the first of each, as they would in a long report.
pub fn synthetic(corpus: &[(String, String)], bytes: usize) -> String {
    let docs: Vec<Document> = corpus.iter().map(|(_, text)| Document::parse(text.as_str(), Format::Text)).collect();
    let first = &docs[0];
    let lines_of = |doc: &Document, keep: &dyn Fn(ParagraphKind) -> bool| -> Vec<String> {
        doc.paragraphs.iter().filter(|p| keep(p.kind)).map(|p| doc.slice(&p.range).to_string()).collect()
    };
    let opening =
        lines_of(first, &|k| matches!(k, ParagraphKind::Preamble | ParagraphKind::Title | ParagraphKind::Addressee));
    let closing = lines_of(first, &|k| matches!(k, ParagraphKind::Signer | ParagraphKind::Date));
    let middle: Vec<String> = docs
        .iter()
        .flat_map(|doc| lines_of(doc, &|k| matches!(k, ParagraphKind::Body | ParagraphKind::Heading(_))))
        .collect();
    let mut out = String::with_capacity(bytes + 4096);
    for line in &opening {
        out.push_str(line);
        out.push('\n');
    }
    for line in middle.iter().cycle() {
        if out.len() >= bytes {
            break;
        }
        out.push_str(line);
        out.push('\n');
    }
    for line in &closing {
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// Synthetic sizes the benchmarks use, with their labels.
pub const SIZES: &[(&str, usize)] = &[("44KB", 44_000), ("100KB", 100_000), ("1MB", 1_000_000), ("10MB", 10_000_000)];
