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
//! A third argument keeps only the rules of those categories or ids (and the
//! section rules every lint runs): `lint_profile REPORT 100 typo,privacy`.
//! `each` instead times every rule on its own, costliest first:
//! `lint_profile REPORT 100 each`.

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
    if only.as_deref() == Some(&["each".to_string()][..]) {
        return time_each_rule(&text, times);
    }
    let config = keeping_only(only.as_deref());
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

/// A configuration with every rule turned off except the section rules and
/// those named (by category, the part of the id before its first dot, or id).
fn keeping_only(only: Option<&[String]>) -> Config {
    let mut config = Config::default();
    let Some(only) = only else { return config };
    let (all, _) = gwlint_rules::workspace::build_linter(&config, None, &[]).expect("built-in packs load");
    let kept = |id: &str| {
        let category = id.split('.').next().unwrap_or(id);
        category == "section" || only.iter().any(|o| o == id || o == category)
    };
    config.disable = all.rules().iter().map(|r| r.meta.id.clone()).filter(|id| !kept(id)).collect();
    config
}

/// Times each rule alone (minus a lint with the section rules only), and
/// prints them costliest first.
fn time_each_rule(text: &str, times: usize) {
    let time = |only: &[String]| {
        let (linter, _) =
            gwlint_rules::workspace::build_linter(&keeping_only(Some(only)), None, &[]).expect("built-in packs load");
        linter.lint(&Document::parse(text, Format::Text));
        let start = std::time::Instant::now();
        measured(&linter, text, times);
        start.elapsed() / times as u32
    };
    let baseline = time(&["section".to_string()]);
    let (all, _) = gwlint_rules::workspace::build_linter(&Config::default(), None, &[]).expect("built-in packs load");
    let mut costs: Vec<(std::time::Duration, String)> = all
        .rules()
        .iter()
        .map(|r| r.meta.id.clone())
        .filter(|id| !id.starts_with("section."))
        .map(|id| (time(std::slice::from_ref(&id)).saturating_sub(baseline), id))
        .collect();
    costs.sort_by(|a, b| b.cmp(a));
    eprintln!("parse + section rules: {baseline:.2?}");
    for (cost, id) in costs {
        eprintln!("{:>10.3?}  {id}", cost);
    }
}
