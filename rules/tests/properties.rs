//! Properties of fixing that must hold for any text, checked on thousands of
//! generated reports:
//!
//! - fixing changes nothing outside the edits it applies;
//! - linting the fixed text never reports, inside the text a fix wrote, the
//!   rule that fix claimed to resolve;
//! - fixing until nothing changes settles, and fixing a fixed text again
//!   changes nothing (applying fixes twice equals applying them once).
//!
//! The texts are built from pieces the built-in rules react to (typos, vague
//! claims, headings, doubled punctuation, figures, citations) mixed with the awkward
//! parts of real files (CRLF, lone CR, NUL, astral characters, a BOM). The
//! generator is a seeded xorshift (`SeededRng`), not a property-testing crate: every case
//! is reproducible from the seed printed on failure, and the suite needs no
//! extra dependency. Position round-trips in UTF-8/16/32 are tested where the
//! conversion lives, in `server/src/lsp/convert.rs`.

use gwlint_rules::fix::{apply_fixes, select_fixes};
use gwlint_rules::fuzz::SeededRng;
use gwlint_rules::{Document, Finding, Format};
use std::ops::Range;

const CASES: u64 = 1000;

const PIECES: &[&str] = &[
    "关于2023年度法治政府建设情况的报告",
    "一、主要举措和成效",
    "二、存在的不足和原因",
    "三、下一年度主要安排",
    "（一）",
    "1.",
    "强化目标导间",
    "截止目前",
    "法制宣传教育",
    "党政主要责任人",
    "取得了显著成效",
    "调处纠纷50件",
    "，，",
    "。。",
    "等等。",
    "学法制度",
    "𠀋",
    "\0",
    "张三",
    "2023年12月14日",
    "依据《合同法》",
    "《法治政府建设与责任落实督查工作规定》",
    "贯彻落实《法治政府建设实施纲要（2015－2020年）》",
    "《",
    "，",
    "。",
    "\n",
    "\r\n",
    "\r",
    "\n\n",
    " ",
    "a",
];

fn report(seed: u64) -> String {
    let mut rng = SeededRng::new(seed);
    let mut text = if rng.below(8) == 0 { "\u{feff}".to_string() } else { String::new() };
    for _ in 0..rng.below(60) {
        let piece: &str = rng.pick::<&str>(PIECES);
        text.push_str(piece);
    }
    text
}

fn lint(text: &str, format: Format) -> Vec<Finding> {
    gwlint_rules::fuzz::default_linter().lint(&Document::parse(text, format))
}

fn format_of(seed: u64) -> Format {
    if seed.is_multiple_of(4) { Format::Markdown } else { Format::Text }
}

/// How far the text after the first `n` of the (sorted, disjoint) edits moves.
fn shift_after(edits: &[gwlint_rules::Edit], n: usize) -> isize {
    edits[..n].iter().map(|e| e.replacement.len() as isize - e.range.len() as isize).sum()
}

/// Does a finding lie within text a fix wrote? (A finding that merely
/// touches a rewritten spot, or spans two of them — two adjacent fixes whose
/// results together make a new defect — is a matter for the next round of
/// fixing, which the test below checks settles.)
fn within(finding: &Range<usize>, rewritten: &Range<usize>) -> bool {
    !finding.is_empty() && rewritten.start <= finding.start && finding.end <= rewritten.end
}

#[test]
fn fixing_changes_nothing_outside_the_edits() {
    for seed in 0..CASES {
        let text = report(seed);
        let findings = lint(&text, format_of(seed));
        for only_safe in [true, false] {
            let (edits, _) = select_fixes(&text, &findings, only_safe);
            let (fixed, _) = apply_fixes(&text, &findings, only_safe);
            // Every stretch between edits is found, unchanged, where it moved to.
            let mut cursor = 0;
            for n in 0..=edits.len() {
                let end = edits.get(n).map_or(text.len(), |e| e.range.start);
                let kept = cursor..end;
                let moved = (kept.start as isize + shift_after(&edits, n)) as usize;
                assert_eq!(
                    fixed.get(moved..moved + kept.len()),
                    Some(&text[kept.clone()]),
                    "seed {seed}: text outside the edits changed; {text:?} → {fixed:?}"
                );
                cursor = edits.get(n).map_or(end, |e| e.range.end);
            }
            let grown: isize = edits.iter().map(|e| e.replacement.len() as isize - e.range.len() as isize).sum();
            assert_eq!(fixed.len() as isize, text.len() as isize + grown, "seed {seed}");
        }
    }
}

#[test]
fn a_fixed_finding_is_not_reported_again() {
    let mut checked = 0;
    for seed in 0..CASES {
        let text = report(seed);
        let format = format_of(seed);
        let findings = lint(&text, format);
        let fixable: Vec<&Finding> = findings.iter().filter(|f| f.fixes.iter().any(|x| x.safe)).collect();
        let (edits, applied) = select_fixes(&text, &findings, true);
        if applied != fixable.len() {
            continue; // Some fix waits for the next round: that is the next test's business.
        }
        let (fixed, _) = apply_fixes(&text, &findings, true);
        let again = lint(&fixed, format);
        for finding in &fixable {
            let fix = finding.fixes.iter().find(|x| x.safe).expect("a safe fix");
            for edit in &fix.edits {
                let n = edits.iter().position(|e| e == edit).expect("the fix was applied");
                let start = (edit.range.start as isize + shift_after(&edits, n)) as usize;
                let rewritten = start..start + edit.replacement.len();
                let back = again.iter().find(|f| f.rule == finding.rule && within(&f.range, &rewritten));
                assert!(
                    back.is_none(),
                    "seed {seed}: {} reports “{}” again where its fix wrote “{}”\n{text:?}\n→ {fixed:?}",
                    finding.rule,
                    back.map_or("", |b| b.text.as_str()),
                    edit.replacement
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 500, "the generator produces fixable findings ({checked})");
}

/// Safe fixes applied round after round, as `gwlint check --fix` does.
fn fix_all(text: &str, format: Format, seed: u64) -> String {
    let settled = gwlint_rules::fix::fix_until_settled(text, lint(text, format), |t| lint(t, format));
    assert!(settled.settled, "seed {seed}: fixes do not settle: {text:?} → … → {:?}", settled.text);
    settled.text
}

#[test]
fn fixing_twice_equals_fixing_once() {
    for seed in 0..CASES / 3 {
        let text = report(seed);
        let format = format_of(seed);
        let once = fix_all(&text, format, seed);
        assert_eq!(fix_all(&once, format, seed), once, "seed {seed}");
        let remaining = lint(&once, format);
        assert!(
            remaining.iter().all(|f| !f.fixes.iter().any(|x| x.safe)),
            "seed {seed}: a safe fix is left after fixing: {remaining:#?}"
        );
    }
}

/// A random edit of `text`, as a person makes them: a piece typed or pasted at
/// a character boundary, a stretch deleted, or a line copied elsewhere.
fn edit(text: &mut String, rng: &mut SeededRng) {
    let boundaries: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
    let i = rng.below(boundaries.len());
    let at = boundaries[i];
    match rng.below(3) {
        0 => {
            let piece: &str = rng.pick::<&str>(PIECES);
            text.insert_str(at, piece)
        }
        1 => {
            let end = boundaries[(i + 1 + rng.below(10)).min(boundaries.len() - 1)];
            text.replace_range(at..end, "");
        }
        _ => {
            let line = text.lines().nth(rng.below(text.lines().count().max(1))).unwrap_or("").to_string();
            text.insert_str(at, &format!("{line}\n"));
        }
    }
}

/// The engine keeps the paragraph-local rules' findings per paragraph between
/// lints of a document (`LintCache`); whatever the edits, a cached lint must
/// report exactly what a lint from scratch reports.
#[test]
fn cached_lints_equal_full_lints() {
    let linter = gwlint_rules::fuzz::default_linter();
    for seed in 0..150u64 {
        let mut rng = SeededRng::new(seed ^ 0x2545_f491_4f6c_dd1d);
        let format = format_of(seed);
        let mut text = report(seed);
        let mut cache = gwlint_rules::engine::LintCache::new();
        for step in 0..25 {
            let doc = Document::parse(text.as_str(), format);
            let cached = linter.lint_cached(&doc, &mut cache);
            assert_eq!(cached, linter.lint(&doc), "seed {seed}, step {step}: {text:?}");
            edit(&mut text, &mut rng);
        }
    }
}
