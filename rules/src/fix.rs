//! Applying fixes to text: once ([`apply_fixes`]), or until the text settles
//! ([`fix_until_settled`], what `gwlint check --fix` and the editor's fix-all
//! do: a fix can uncover another, and one left out for overlapping another is
//! taken in the next round). An editor needs edits of the text it holds, not
//! the fixed text, so the rounds' edits are laid into one list ([`compose`]).

use crate::finding::{Edit, Finding, Fix};
use std::ops::Range;

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

/// How many rounds of fix-and-relint [`fix_until_settled`] makes: a fix left
/// out for overlapping another is picked up in the next round, and a fix may
/// uncover another. Real reports settle in two or three.
pub const FIX_ROUNDS: usize = 8;

/// What fixing until the text settles came to.
#[derive(Debug)]
pub struct Settled {
    /// The fixed text.
    pub text: String,
    /// The edits that turn the original text into `text`, in the original's
    /// byte offsets, sorted and not overlapping: the first round's edits,
    /// with each later round's laid over them ([`compose`]). An editor's
    /// fix-all sends these, so that it changes what `--fix` changes and
    /// leaves the rest of the document (and the cursor) alone.
    pub edits: Vec<Edit>,
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
    let mut current = Settled { text: text.to_string(), edits: Vec::new(), applied: 0, findings, settled: false };
    for _ in 0..FIX_ROUNDS {
        let (edits, applied) = select_fixes(&current.text, &current.findings, true);
        if applied == 0 {
            current.settled = true;
            return current;
        }
        current.edits = compose(&current.edits, &edits, &current.text);
        let fixed = apply_edits(&current.text, &edits);
        current.applied += applied;
        current.findings = lint(&fixed);
        current.text = fixed;
    }
    current.settled = select_fixes(&current.text, &current.findings, true).1 == 0;
    current
}

/// One list of edits for two applied in turn: `first` turns a text into
/// `middle`, `second` turns `middle` into the result; the edits returned turn
/// the first text into the result. Both lists are sorted and do not overlap
/// (as [`select_fixes`] gives them), and so is the result.
///
/// An edit of either list that touches no edit of the other is kept as it
/// is (moved to the first text's offsets), so that a fix-all that settles in
/// one round sends that round's edits unchanged. Edits of `second` that touch
/// text an edit of `first` wrote (or the place where it deleted) are merged
/// with it into one edit, which replaces the original text under them all.
pub fn compose(first: &[Edit], second: &[Edit], middle: &str) -> Vec<Edit> {
    // Where each edit of `first` put its replacement in `middle`, and how much
    // it lengthened the text.
    let mut shift = 0isize;
    let written: Vec<(Range<usize>, isize)> = first
        .iter()
        .map(|edit| {
            let start = edit.range.start.saturating_add_signed(shift);
            let growth = edit.replacement.len() as isize - edit.range.len() as isize;
            shift += growth;
            (start..start + edit.replacement.len(), growth)
        })
        .collect();
    let touches = |a: &Range<usize>, b: &Range<usize>| a.start <= b.end && b.start <= a.end;
    let mut out = Vec::with_capacity(first.len() + second.len());
    let (mut f, mut s) = (0, 0);
    // How much the edits of `first` already passed lengthened the text: what
    // separates an offset of `middle` from the same place in the first text.
    let mut growth_before = 0isize;
    while f < first.len() || s < second.len() {
        let first_alone = match (written.get(f), second.get(s)) {
            (Some((w, _)), Some(edit)) => w.end < edit.range.start,
            (Some(_), None) => true,
            (None, _) => false,
        };
        if first_alone {
            out.push(first[f].clone());
            growth_before += written[f].1;
            f += 1;
            continue;
        }
        // A group in `middle`: an edit of `second`, the edits of `first` it
        // touches, the edits of `second` those touch, and so on.
        let (first_from, second_from) = (f, s);
        s += 1;
        loop {
            if f < first.len() && second[second_from..s].iter().any(|e| touches(&written[f].0, &e.range)) {
                f += 1;
            } else if s < second.len() && written[first_from..f].iter().any(|(w, _)| touches(w, &second[s].range)) {
                s += 1;
            } else {
                break;
            }
        }
        let ranges =
            written[first_from..f].iter().map(|(w, _)| w).chain(second[second_from..s].iter().map(|e| &e.range));
        let span =
            ranges.fold(second[second_from].range.clone(), |hull, r| hull.start.min(r.start)..hull.end.max(r.end));
        let growth_inside: isize = written[first_from..f].iter().map(|(_, growth)| growth).sum();
        let mut replacement = String::new();
        let mut cursor = span.start;
        for edit in &second[second_from..s] {
            replacement.push_str(&middle[cursor..edit.range.start]);
            replacement.push_str(&edit.replacement);
            cursor = edit.range.end;
        }
        replacement.push_str(&middle[cursor..span.end]);
        let start = span.start.saturating_add_signed(-growth_before);
        growth_before += growth_inside;
        let end = span.end.saturating_add_signed(-growth_before);
        out.push(Edit { range: start..end, replacement });
    }
    out
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
            fixes: vec![Fix::replace(String::new(), start..end, replacement, safe)],
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

    /// Random edits of `text` as a fix-all chooses them: on character
    /// boundaries, sorted, none overlapping another.
    fn random_edits(text: &str, rng: &mut crate::fuzz::SeededRng) -> Vec<Edit> {
        let boundaries: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
        let mut edits: Vec<Edit> = Vec::new();
        for _ in 0..rng.below(5) {
            let (a, b) = (*rng.pick(&boundaries), *rng.pick(&boundaries));
            let range = a.min(b)..a.max(b);
            let replacement = rng.text(&['甲', 'x', '，'], 0..3);
            if edits.iter().all(|e| !overlap(&e.range, &range)) {
                edits.push(Edit { range, replacement });
            }
        }
        edits.sort_by_key(|e| (e.range.start, e.range.end));
        edits
    }

    #[test]
    fn composed_edits_make_what_the_two_rounds_make() {
        for seed in 0..2000 {
            let mut rng = crate::fuzz::SeededRng::new(seed);
            let text = rng.text(&['a', '中', '，', '\n'], 0..12);
            let first = random_edits(&text, &mut rng);
            let middle = apply_edits(&text, &first);
            let second = random_edits(&middle, &mut rng);
            let composed = compose(&first, &second, &middle);
            assert_eq!(apply_edits(&text, &composed), apply_edits(&middle, &second), "seed {seed}: {composed:?}");
            for pair in composed.windows(2) {
                assert!(pair[0].range.end <= pair[1].range.start, "seed {seed}: {composed:?}");
            }
        }
    }

    #[test]
    fn edits_the_other_round_does_not_touch_are_kept_as_they_are() {
        let first = [Edit { range: 0..1, replacement: "XY".into() }, Edit { range: 4..5, replacement: "Z".into() }];
        let middle = apply_edits("abcdefg", &first);
        assert_eq!(middle, "XYbcdZfg");
        assert_eq!(compose(&first, &[], &middle), first);
        assert_eq!(compose(&[], &first, "abcdefg"), first);
        // Deleting the b after what the first round wrote merges with it; the
        // edit of the g moves back by the one character the first round added.
        let second = [Edit { range: 2..3, replacement: String::new() }, Edit { range: 7..8, replacement: "!".into() }];
        let composed = compose(&first, &second, &middle);
        assert_eq!(
            composed,
            [
                Edit { range: 0..2, replacement: "XY".into() },
                first[1].clone(),
                Edit { range: 6..7, replacement: "!".into() },
            ]
        );
        assert_eq!(apply_edits("abcdefg", &composed), "XYcdZf!");
    }

    #[test]
    fn settling_fixes_what_one_round_uncovers() {
        // Round one turns the half-width comma into a full-width one; only
        // then is the space before it a space before Chinese punctuation.
        let lint = |text: &str| -> Vec<Finding> {
            let mut findings = Vec::new();
            if let Some(at) = text.find(',') {
                findings.push(finding(at, at + 1, "，", true));
            }
            if let Some(at) = text.find(" ，") {
                findings.push(finding(at, at + 1, "", true));
            }
            findings
        };
        let text = "推进工作 ,完成任务";
        let settled = fix_until_settled(text, lint(text), lint);
        assert_eq!(settled.text, "推进工作，完成任务");
        assert!(settled.settled);
        assert_eq!(settled.applied, 2);
        assert_eq!(apply_edits(text, &settled.edits), settled.text);
        assert_eq!(settled.edits, [Edit { range: 12..14, replacement: "，".into() }]);
    }
}
