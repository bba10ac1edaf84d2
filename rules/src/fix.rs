//! Applying fixes to text: once ([`apply_fixes`]), or until the text settles
//! ([`fix_until_settled`], what `gwlint check --fix` does).

use crate::finding::{Edit, Finding, Fix};

/// The fixes a fix-all applies, in finding order, each with its finding's
/// index: the first fix of each finding (only safe ones when `only_safe`),
/// unless one of its edits is out of range, off a character boundary, or
/// overlaps an edit already taken, or `accept` turns it away (the Word writer
/// does, for what a tracked change cannot hold).
pub fn choose_fixes<'a>(
    text: &str,
    findings: &'a [Finding],
    only_safe: bool,
    mut accept: impl FnMut(usize, &'a Fix) -> bool,
) -> Vec<(usize, &'a Fix)> {
    let mut taken: Vec<&Edit> = Vec::new();
    let mut chosen = Vec::new();
    for (i, finding) in findings.iter().enumerate() {
        let Some(fix) = finding.fixes.iter().find(|f| f.safe || !only_safe) else { continue };
        let valid = fix.edits.iter().all(|e| {
            e.range.start <= e.range.end
                && e.range.end <= text.len()
                && text.is_char_boundary(e.range.start)
                && text.is_char_boundary(e.range.end)
        });
        let overlaps = fix.edits.iter().any(|e| taken.iter().any(|t| overlap(&t.range, &e.range)));
        if !valid || overlaps || !accept(i, fix) {
            continue;
        }
        taken.extend(&fix.edits);
        chosen.push((i, fix));
    }
    chosen
}

/// The edits a fix-all applies, sorted by position (see [`choose_fixes`]),
/// and how many fixes they make. Editors need the edits themselves;
/// [`apply_fixes`] applies them to a string.
pub fn select_fixes(text: &str, findings: &[Finding], only_safe: bool) -> (Vec<Edit>, usize) {
    let chosen = choose_fixes(text, findings, only_safe, |_, _| true);
    let mut edits: Vec<Edit> = chosen.iter().flat_map(|(_, fix)| fix.edits.iter().cloned()).collect();
    edits.sort_by_key(|e| (e.range.start, e.range.end));
    (edits, chosen.len())
}

/// `text` with `edits` applied: sorted by position, not overlapping, each in
/// range (as [`select_fixes`] gives them).
pub fn apply_edits(text: &str, edits: &[Edit]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut cursor = 0;
    for edit in edits {
        out.push_str(&text[cursor..edit.range.start]);
        out.push_str(&edit.replacement);
        cursor = edit.range.end;
    }
    out.push_str(&text[cursor..]);
    out
}

/// Applies the first fix of each finding (only safe ones when `only_safe`),
/// skipping fixes whose edits overlap an edit already taken. Returns the new
/// text and the number of fixes applied.
///
/// Fixes never overlap within one pass, so the result does not depend on the
/// order edits are applied in; running `--fix` again picks up what a conflict
/// left out.
pub fn apply_fixes(text: &str, findings: &[Finding], only_safe: bool) -> (String, usize) {
    let (edits, applied) = select_fixes(text, findings, only_safe);
    (apply_edits(text, &edits), applied)
}

/// Do two edits touch the same text? Two insertions at one point also
/// conflict, since their order would be arbitrary; an insertion at the edge
/// of a replacement does not.
fn overlap(a: &std::ops::Range<usize>, b: &std::ops::Range<usize>) -> bool {
    match (a.is_empty(), b.is_empty()) {
        (true, true) => a.start == b.start,
        (true, false) => b.start < a.start && a.start < b.end,
        (false, true) => a.start < b.start && b.start < a.end,
        (false, false) => a.start < b.end && b.start < a.end,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Fix, Severity};

    fn finding(start: usize, end: usize, replacement: &str, safe: bool) -> Finding {
        Finding {
            rule: "t".into(),
            severity: Severity::Warning,
            message: String::new(),
            range: start..end,
            text: String::new(),
            fixes: vec![Fix {
                title: String::new(),
                edits: vec![Edit { range: start..end, replacement: replacement.into() }],
                safe,
            }],
            related: Vec::new(),
        }
    }

    #[test]
    fn applies_non_overlapping_fixes_and_skips_conflicts() {
        let text = "abcdef";
        let findings = [finding(0, 2, "X", true), finding(1, 3, "Y", true), finding(4, 5, "Z", true)];
        assert_eq!(apply_fixes(text, &findings, true), ("XcdZf".to_string(), 2));
    }

    #[test]
    fn only_safe_fixes_when_asked() {
        let findings = [finding(0, 1, "X", false), finding(2, 3, "Z", true)];
        assert_eq!(apply_fixes("abc", &findings, true).0, "abZ");
        assert_eq!(apply_fixes("abc", &findings, false).0, "XbZ");
    }

    #[test]
    fn out_of_range_edits_are_ignored_not_panicked_on() {
        let findings = [finding(2, 10, "X", true), finding(1, 2, "Y", true)];
        assert_eq!(apply_fixes("中", &findings, true).0, "中");
    }
}

/// How many rounds of fix-and-relint [`fix_until_settled`] makes: a fix left
/// out for overlapping another is picked up in the next round, and a fix may
/// uncover another. Real reports settle in two or three.
pub const FIX_ROUNDS: usize = 8;

/// What fixing until the text settles came to.
#[derive(Debug)]
pub struct Settled {
    /// The fixed text.
    pub text: String,
    /// Fixes applied over all rounds.
    pub applied: usize,
    /// The findings on `text`.
    pub findings: Vec<Finding>,
    /// Did a round apply nothing (rather than the rounds running out)?
    pub settled: bool,
}

/// Applies the safe fixes among the findings `lint` gives for `text`, lints
/// the result, and repeats until no safe fix applies, at most
/// [`FIX_ROUNDS`] times. `findings` are those of `text` (the first lint is
/// spared when the caller has them).
pub fn fix_until_settled(text: &str, findings: Vec<Finding>, mut lint: impl FnMut(&str) -> Vec<Finding>) -> Settled {
    let mut current = Settled { text: text.to_string(), applied: 0, findings, settled: false };
    for _ in 0..FIX_ROUNDS {
        let (fixed, applied) = apply_fixes(&current.text, &current.findings, true);
        if applied == 0 {
            current.settled = true;
            return current;
        }
        current.applied += applied;
        current.findings = lint(&fixed);
        current.text = fixed;
    }
    current.settled = select_fixes(&current.text, &current.findings, true).1 == 0;
    current
}
