//! Entry points for fuzzing: arbitrary bytes in, panics on broken invariants.
//!
//! The fuzz targets in `fuzz/` (cargo-fuzz, built outside the main workspace)
//! and the corpus replay tests in `rules/tests/fuzz_corpus.rs` call the same
//! functions, so that every input the fuzzer ever found interesting is checked
//! again by a plain `cargo test`, without libFuzzer. Nothing here depends on a
//! fuzzing crate: an input is just `&[u8]`.
//!
//! Each function does more than "does not panic": it asserts the invariants
//! the rest of gwlint relies on (see ARCHITECTURE.md), so a fuzzer that finds
//! a finding off a character boundary or a fix that reaches past the end of
//! the text reports it as a crash, with the input that caused it.
//!
//! The module is compiled with the `fuzzing` feature only, which `fuzz/` and
//! the crate's tests turn on: what a user runs never needs it.

use crate::config::Config;
use crate::document::{Document, Format};
use crate::engine::Linter;
use crate::fix::{apply_fixes, select_fixes};
use crate::rule::Finding;
use std::ops::Range;
use std::sync::OnceLock;

/// A seeded xorshift generator for generated test cases: random enough, and
/// every case is reproducible from the seed a failing test prints. The tests
/// of the engine and the server share it instead of a property-testing crate.
#[derive(Debug, Clone)]
pub struct SeededRng(u64);

impl SeededRng {
    /// Any seed will do: it is spread over the bits, and never left at zero
    /// (where xorshift would stay).
    pub fn new(seed: u64) -> SeededRng {
        SeededRng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// One of `items` (not empty).
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// A string of characters from `alphabet`, its length in `chars` (not empty).
    pub fn text(&mut self, alphabet: &[char], chars: Range<usize>) -> String {
        let length = chars.start + self.below(chars.len());
        (0..length).map(|_| *self.pick(alphabet)).collect()
    }
}

/// The built-in packs with default settings, built once per process.
pub fn default_linter() -> &'static Linter {
    static LINTER: OnceLock<Linter> = OnceLock::new();
    LINTER.get_or_init(|| {
        crate::workspace::build_linter(&Config::default(), None, &[])
            .map(|(linter, _)| linter)
            .unwrap_or_else(|errors| panic!("built-in packs do not load: {errors:?}"))
    })
}

/// Parses `data` (lossily decoded as UTF-8) as plain text and as Markdown,
/// lints it with the built-in packs, checks every finding and fix, and applies
/// the safe fixes round after round until the text settles.
///
/// Panics when a finding or edit is out of range or off a character boundary,
/// when the edits of one fix overlap, or when fixing never settles.
pub fn lint_bytes(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    for format in [Format::Text, Format::Markdown] {
        let doc = Document::parse(text.as_ref(), format);
        check_document(&doc);
        let findings = default_linter().lint(&doc);
        check_findings(&doc.text, &findings);
        fix_until_settled(&doc.text, format);
        compare_with_its_second_half(&doc, text.as_ref(), format);
    }
}

/// The checks across reports of a batch (`copy.shared`), with the text and
/// its second half as two reports: they share a passage whenever the half is
/// long enough, and texts of every length reach the comparison's edge cases
/// (a report of one run's length less one once crashed it).
fn compare_with_its_second_half(doc: &Document, text: &str, format: Format) {
    use crate::across::{Report, shared_passages};
    let mut split = text.len() / 2;
    while !text.is_char_boundary(split) {
        split += 1;
    }
    let half = Document::parse(&text[split..], format);
    let linter = default_linter();
    let (parts, half_parts) = (linter.parts(doc), linter.parts(&half));
    let report = |doc, parts, name: &str| Report { doc, parts, name: name.into(), path: None, linter };
    let reports = [report(doc, &parts, "a.txt"), report(&half, &half_parts, "b.txt")];
    for (findings, report) in shared_passages(&reports).iter().zip(&reports) {
        check_findings(&report.doc.text, findings);
    }
}

/// Loads `data` (lossily decoded) as a rule pack, specs and all. A pack that
/// does not load must say why at a real place in the file; one that loads is
/// used to lint a sample text.
pub fn load_pack_bytes(data: &[u8]) {
    let source = String::from_utf8_lossy(data);
    match crate::specs::load_pack("fuzz.toml", &source) {
        Ok(pack) => {
            let (linter, _) = Linter::new(vec![pack], &Config::default());
            let doc = Document::parse(SAMPLE, Format::Text);
            check_findings(&doc.text, &linter.lint(&doc));
        }
        Err(errors) => {
            assert!(!errors.is_empty(), "a pack that fails to load gives a reason");
            for error in errors {
                if let Some(span) = &error.span {
                    assert!(span.start <= span.end && span.end <= source.len(), "{error:?}");
                    assert!(source.is_char_boundary(span.start) && source.is_char_boundary(span.end), "{error:?}");
                }
                // Rendering walks the snippet by columns: it must not panic either.
                let _ = error.to_string();
            }
        }
    }
}

/// A short report that exercises every rule kind a fuzzed pack may define.
const SAMPLE: &str = "关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n强化目标导间，取得了显著成效，调处纠纷50件。\n\
                      二、存在的不足和原因\n（一）法制宣传教育不够，，原因是投入不足。\n三、下一年度主要安排\n张三同志负责。\n";

fn fix_until_settled(text: &str, format: Format) {
    let lint = |text: &str| {
        let findings = default_linter().lint(&Document::parse(text, format));
        check_findings(text, &findings);
        findings
    };
    let settled = crate::fix::fix_until_settled(text, lint(text), lint);
    assert!(settled.applied > 0 || settled.text == text, "no fix applied, yet the text changed");
    assert!(
        settled.settled,
        "safe fixes did not settle after {} rounds; last text: {:?}",
        crate::fix::FIX_ROUNDS,
        settled.text
    );
}

fn check_document(doc: &Document) {
    let text = &doc.text;
    let ranges = doc
        .paragraphs
        .iter()
        .map(|p| &p.range)
        .chain(doc.sentences.iter().map(|s| &s.range))
        .chain(doc.sections.iter().flat_map(|s| [&s.range, &s.body]))
        .chain(doc.headings.iter().flat_map(|h| [&h.range, &h.ordinal_range, &h.title_range]));
    for range in ranges {
        check_range(text, range, "document element");
    }
}

/// Every range a finding carries lies in the text on character boundaries;
/// the edits of one fix do not overlap; [`select_fixes`] and
/// [`apply_fixes`] agree on the result.
pub fn check_findings(text: &str, findings: &[Finding]) {
    for finding in findings {
        check_range(text, &finding.range, &finding.rule);
        for related in &finding.related {
            check_range(text, &related.range, &finding.rule);
        }
        for fix in &finding.fixes {
            let mut edits: Vec<&Range<usize>> = fix.edits.iter().map(|e| &e.range).collect();
            for range in &edits {
                check_range(text, range, &finding.rule);
            }
            edits.sort_by_key(|r| (r.start, r.end));
            for pair in edits.windows(2) {
                assert!(pair[0].end <= pair[1].start, "{}: edits of one fix overlap: {edits:?}", finding.rule);
            }
        }
    }
    for only_safe in [true, false] {
        let (edits, _) = select_fixes(text, findings, only_safe);
        let mut expected = String::new();
        let mut cursor = 0;
        for edit in &edits {
            assert!(cursor <= edit.range.start, "selected edits overlap: {edits:?}");
            expected.push_str(&text[cursor..edit.range.start]);
            expected.push_str(&edit.replacement);
            cursor = edit.range.end;
        }
        expected.push_str(&text[cursor..]);
        assert_eq!(apply_fixes(text, findings, only_safe).0, expected);
    }
}

fn check_range(text: &str, range: &Range<usize>, what: &str) {
    assert!(
        range.start <= range.end
            && range.end <= text.len()
            && text.is_char_boundary(range.start)
            && text.is_char_boundary(range.end),
        "{what}: range {range:?} is not a valid range of a {}-byte text",
        text.len()
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_entry_points_accept_odd_inputs() {
        for input in [&b""[..], b"\xff\xfe", b"\r\r\n\n\0", "一、\n（一）\n#".as_bytes()] {
            lint_bytes(input);
            load_pack_bytes(input);
        }
    }

    #[test]
    #[should_panic(expected = "not a valid range")]
    fn a_finding_off_a_character_boundary_is_caught() {
        let text = "目标";
        let finding = Finding {
            rule: "t".into(),
            severity: crate::Severity::Warning,
            message: String::new(),
            range: 1..3,
            text: String::new(),
            fixes: Vec::new(),
            related: Vec::new(),
        };
        check_findings(text, std::slice::from_ref(&finding));
    }
}
