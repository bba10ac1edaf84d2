//! Times the steps of re-linting after a one-character edit, as the language
//! server does: `cargo run --release -p gwlint-rules --example incremental_profile REPORT [TIMES]`.
//! (Scratch tool for profiling; the latency budget is measured by the LSP harness.)

use gwlint_rules::engine::LintCache;
use gwlint_rules::{Config, Document, Format};
use std::time::{Duration, Instant};

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: incremental_profile REPORT [TIMES]");
    let times: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(200);
    let text = std::fs::read_to_string(path).expect("readable UTF-8 report");
    let (linter, _) = gwlint_rules::workspace::build_linter(&Config::default(), None, &[]).expect("built-in packs");
    let mut cache = LintCache::new();
    linter.lint_cached(&Document::parse(text.as_str(), Format::Text), &mut cache);
    let (mut parse, mut lint, mut full) = (Duration::ZERO, Duration::ZERO, Duration::ZERO);
    let middle = text.char_indices().map(|(i, _)| i).nth(text.chars().count() / 2).unwrap_or(0);
    for i in 0..times {
        let mut edited = text.clone();
        edited.insert(middle, if i % 2 == 0 { '的' } else { '，' });
        let start = Instant::now();
        let doc = Document::parse(edited.as_str(), Format::Text);
        parse += start.elapsed();
        let start = Instant::now();
        std::hint::black_box(linter.lint_cached(&doc, &mut cache));
        lint += start.elapsed();
        let start = Instant::now();
        std::hint::black_box(linter.lint(&doc));
        full += start.elapsed();
    }
    let n = times as u32;
    eprintln!("{} bytes: parse {:?}, cached lint {:?}, full lint {:?}", text.len(), parse / n, lint / n, full / n);
}
