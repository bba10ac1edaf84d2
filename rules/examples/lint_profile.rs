//! A driver for profilers: lints one report `N` times with the built-in packs,
//! after one untimed lint that builds jieba and the lazy regexes.
//!
//! ```sh
//! cargo build --release -p gwlint-rules --example lint_profile
//! valgrind --tool=callgrind --toggle-collect='lint_profile::measured' \
//!     target/release/examples/lint_profile REPORT.txt 1
//! perf record -g target/release/examples/lint_profile REPORT.txt 200
//! ```
//!
//! With callgrind, `--toggle-collect` restricts the count to the measured
//! lints, so start-up (pack loading, jieba's dictionary) stays out of it:
//! instruction counts are the stable before/after figure on a busy machine.
//!
//! A third argument keeps only the rules of those categories (and the section
//! rules every lint runs): `lint_profile REPORT 100 typo,privacy`.

use gwlint_rules::{Config, Document, Format, Linter};

#[inline(never)]
fn measured(linter: &Linter, text: &str, times: usize) -> usize {
    let mut findings = 0;
    for _ in 0..times {
        let doc = Document::parse(text, Format::Text);
        findings += std::hint::black_box(linter.lint(&doc)).len();
    }
    findings
}

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: lint_profile REPORT [TIMES]");
        std::process::exit(2);
    };
    let times: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(1);
    let only: Option<Vec<String>> = args.next().map(|kinds| kinds.split(',').map(str::to_string).collect());
    let text = std::fs::read_to_string(&path).expect("readable UTF-8 report");
    let mut config = Config::default();
    if let Some(only) = &only {
        // Every category the built-in packs have (the part of a rule id before
        // its first dot), except the sections every lint needs and those asked for.
        let (all, _) = gwlint_rules::workspace::build_linter(&config, None, &[]).expect("built-in packs load");
        let mut categories: Vec<String> =
            all.rules().iter().filter_map(|r| r.meta.id.split('.').next()).map(str::to_string).collect();
        categories.sort();
        categories.dedup();
        categories.retain(|c| c != "section" && !only.contains(c));
        config.disable = categories;
    }
    let (linter, _) = gwlint_rules::workspace::build_linter(&config, None, &[]).expect("built-in packs load");
    let warm = linter.lint(&Document::parse(text.as_str(), Format::Text)).len();
    let start = std::time::Instant::now();
    let findings = measured(&linter, &text, times);
    let elapsed = start.elapsed();
    eprintln!(
        "{} bytes, {warm} findings, {times} lints in {elapsed:.2?} ({:.2?} each, {:.1} MB/s)",
        text.len(),
        elapsed / times as u32,
        (text.len() * times) as f64 / elapsed.as_secs_f64() / 1e6
    );
    assert_eq!(findings, warm * times);
}
