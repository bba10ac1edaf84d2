//! Criterion benchmarks of the engine. Run with `cargo bench -p gwlint-rules`
//! (all of them, several minutes) or a group, e.g.
//! `cargo bench -p gwlint-rules --bench engine -- lint/`.
//!
//! | group | what one iteration does |
//! |---|---|
//! | `parse/*` | `Document::parse` of a report (the document model) |
//! | `lint/*` | `Linter::lint` with the default configuration (every built-in rule) on a parsed report |
//! | `kind/*` | `lint` on the 44 KB report with only the rules of one kind (plus the section rules, whose `section:KEY` scopes the others use; `kind/section` is those alone) |
//! | `typo/*` | one typo rule with 1k, 10k and 100k entries (no word-boundary check): scanning the 44 KB report, and building the automaton |
//! | `load/*` | loading the built-in pack without specs (what start-up does), with specs (what a user's pack gets), and building the default linter |
//!
//! Reports: each corpus report (`corpus/<name>`) and synthetic reports of
//! 44 KB, 100 KB, 1 MB and 10 MB made by repeating corpus paragraphs (see
//! `common/mod.rs`). Throughput is reported in bytes, so criterion prints MB/s.
//!
//! The first lint of a process builds jieba (~0.1 s); every group warms up
//! before measuring, so figures here are steady-state. Cold start is measured
//! by the language-server harness (`server/benches/lsp_latency.rs`).

mod common;

use criterion::{BatchSize, BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use gwlint_rules::figure_finder::FigureFinder;
use gwlint_rules::rule::scope::Scope;
use gwlint_rules::rule::typo::{Boundary, TypoRule};
use gwlint_rules::rule::{Kind, LintContext, Matcher, Rule, RuleKind, RuleMeta, Severity, Specs};
use gwlint_rules::{Config, Document, Format, Linter, Pack, builtin};
use std::collections::HashMap;
use std::hint::black_box;
use std::time::Duration;

fn default_linter() -> Linter {
    gwlint_rules::workspace::build_linter(&Config::default(), None, &[]).expect("built-in packs load").0
}

/// The named reports: every corpus report, then the synthetic sizes.
fn reports() -> Vec<(String, String)> {
    let corpus = common::corpus();
    let mut reports: Vec<(String, String)> =
        corpus.iter().map(|(name, text)| (format!("corpus/{name}"), text.clone())).collect();
    for (label, bytes) in common::SIZES {
        reports.push((format!("synthetic/{label}"), common::synthetic(&corpus, *bytes)));
    }
    reports
}

/// Large inputs take long per iteration: fewer samples keep the run short.
fn tune(group: &mut criterion::BenchmarkGroup<criterion::measurement::WallTime>, bytes: usize) {
    if bytes >= 5_000_000 {
        group.sample_size(10).measurement_time(Duration::from_secs(20));
    } else if bytes >= 500_000 {
        group.sample_size(10).measurement_time(Duration::from_secs(8));
    } else {
        group.sample_size(50).measurement_time(Duration::from_secs(4));
    }
}

fn parse(c: &mut Criterion) {
    for (name, text) in reports() {
        let mut group = c.benchmark_group("parse");
        tune(&mut group, text.len());
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(&name, |b| {
            // The text is moved into the document, so each iteration gets a copy
            // (cloning is outside the measurement).
            b.iter_batched(|| text.clone(), |t| Document::parse(t, Format::Text), BatchSize::LargeInput)
        });
        group.finish();
    }
}

fn lint(c: &mut Criterion) {
    let linter = default_linter();
    for (name, text) in reports() {
        let doc = Document::parse(text.as_str(), Format::Text);
        let mut group = c.benchmark_group("lint");
        tune(&mut group, text.len());
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(&name, |b| b.iter(|| linter.lint(black_box(&doc))));
        group.finish();
    }
}

const KINDS: &[(&str, RuleKind)] = &[
    ("section", RuleKind::Section),
    ("phrase", RuleKind::Phrase),
    ("typo", RuleKind::Typo),
    ("punctuation", RuleKind::Punctuation),
    ("numbering", RuleKind::Numbering),
    ("consistency", RuleKind::Consistency),
    ("artefact", RuleKind::Artefact),
    ("privacy", RuleKind::Privacy),
    ("figures", RuleKind::Figures),
    ("citation", RuleKind::Citation),
    ("spelling", RuleKind::Spelling),
];

fn kinds(c: &mut Criterion) {
    let packs = builtin::packs().expect("built-in packs load");
    let corpus = common::corpus();
    let text = common::synthetic(&corpus, 44_000);
    let doc = Document::parse(text.as_str(), Format::Text);
    let mut group = c.benchmark_group("kind");
    tune(&mut group, text.len());
    group.throughput(Throughput::Bytes(text.len() as u64));
    for &(label, kind) in KINDS {
        let packs: Vec<Pack> = packs
            .iter()
            .map(|p| Pack {
                info: p.info.clone(),
                rules: p
                    .rules
                    .iter()
                    .filter(|r| r.meta.kind == kind || r.meta.kind == RuleKind::Section)
                    .cloned()
                    .collect(),
            })
            .collect();
        let linter = Linter::new(packs, &Config::default()).0;
        group.bench_function(label, |b| b.iter(|| linter.lint(black_box(&doc))));
    }
    group.finish();
}

/// `count` wrong → right entries: the real dictionary first, then made-up
/// words of 2–4 characters drawn from the corpus's own characters (so that
/// the automaton is as dense as a real one and some of them do occur).
fn typo_entries(count: usize, alphabet: &[char]) -> Vec<(String, String)> {
    let real = builtin::data_file("data/typos.tsv").expect("dictionary is embedded");
    let mut entries: Vec<(String, String)> = real
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .map(|(w, r)| (w.to_string(), r.to_string()))
        .take(count)
        .collect();
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (seed >> 33) as usize
    };
    let mut seen: std::collections::HashSet<String> = entries.iter().map(|e| e.0.clone()).collect();
    while entries.len() < count {
        let length = 2 + next() % 3;
        let wrong: String = (0..length).map(|_| alphabet[next() % alphabet.len()]).collect();
        if seen.insert(wrong.clone()) {
            let right: String = wrong.chars().rev().collect();
            if right != wrong {
                entries.push((wrong, right));
            }
        }
    }
    entries
}

fn typo(c: &mut Criterion) {
    let corpus = common::corpus();
    let text = common::synthetic(&corpus, 44_000);
    let doc = Document::parse(text.as_str(), Format::Text);
    let mut alphabet: Vec<char> = text.chars().filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c)).collect();
    alphabet.sort_unstable();
    alphabet.dedup();
    let figures = FigureFinder::default();
    for (label, count) in [("1k", 1_000), ("10k", 10_000), ("100k", 100_000)] {
        let entries = typo_entries(count, &alphabet);
        let typo = TypoRule::new(entries.clone(), Boundary::None, Scope::Document, true).expect("entries are valid");
        let rule = Rule {
            meta: RuleMeta {
                id: "typo.bench".into(),
                kind: RuleKind::Typo,
                severity: Severity::Warning,
                message: "“{text}”应为“{replacement}”".into(),
                explanation: String::new(),
                source: String::new(),
                pack: "bench".into(),
                specs: Specs::default(),
            },
            matcher: Matcher::Typo(typo.clone()),
        };
        let mut group = c.benchmark_group("typo");
        group.sample_size(30);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(BenchmarkId::new("scan-44KB", label), |b| {
            b.iter(|| {
                let cx = LintContext::new(&doc, HashMap::new(), &figures, None);
                let mut out = Vec::new();
                typo.lint(&rule, &cx, &mut out);
                out
            })
        });
        group.throughput(Throughput::Elements(count as u64));
        group.bench_function(BenchmarkId::new("build", label), |b| {
            b.iter_batched(
                || entries.clone(),
                |e| TypoRule::new(e, Boundary::None, Scope::Document, true),
                BatchSize::LargeInput,
            )
        });
        group.finish();
    }
}

fn load(c: &mut Criterion) {
    let (_, file, source) = builtin::SOURCES[0];
    let path = format!("builtin:{file}");
    let mut group = c.benchmark_group("load");
    group.sample_size(10).measurement_time(Duration::from_secs(10));
    group.bench_function("builtin-trusted", |b| {
        b.iter(|| gwlint_rules::pack::load_pack_trusted(&path, source).expect("loads"))
    });
    group.bench_function("builtin-with-specs", |b| b.iter(|| gwlint_rules::load_pack(&path, source).expect("loads")));
    // The pack is loaded once per process; this is the rest of building a linter.
    group.bench_function("default-linter", |b| b.iter(default_linter));
    group.finish();
}

criterion_group!(benches, parse, lint, kinds, typo, load);
criterion_main!(benches);
