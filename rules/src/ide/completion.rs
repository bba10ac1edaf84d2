//! Completion at the start of a line: the ordinal that comes next, and the
//! required sections still missing.
//!
//! After `（二）加强……` the next point is `（三）`; after the last point of
//! part 二、 the next part is `三、`. The headings still "open" at the cursor
//! are the last heading before it and, going back, each earlier heading of a
//! higher rank; each offers its successor, and the last heading also offers
//! the first ordinal of the level below it. Required sections the report does
//! not have yet are offered with the top-level ordinal they would take here.
//!
//! Completion is offered only while the line holds nothing but blanks or the
//! start of one of the offered headings, so it does not get in the way of
//! writing body text.

use crate::Document;
use crate::document::{Heading, OrdinalStyle};
use crate::engine::{Lint, Linter};
use std::ops::Range;

/// One heading to offer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    /// The text inserted (and matched against what is typed).
    pub label: String,
    pub detail: String,
    pub kind: CompletionKind,
    /// What it replaces: the line's text typed so far, after its leading blanks.
    pub replace: Range<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompletionKind {
    /// The next ordinal of an open heading, or the first one level below it.
    Ordinal,
    /// A required part the report lacks.
    Part,
}

/// The completions for a cursor at byte `offset` of `doc`, on the line that
/// starts at `line_start`, best first; `doc` was linted by `linter` into `lint`.
pub fn completions(doc: &Document, linter: &Linter, lint: &Lint, line_start: usize, offset: usize) -> Vec<Completion> {
    let typed_from = line_start + leading_blanks(&doc.text[line_start..offset]);
    let typed = &doc.text[typed_from..offset];
    let mut candidates = next_ordinals(doc, line_start);
    candidates.extend(missing_parts(doc, linter, lint, line_start));
    candidates
        .into_iter()
        .filter(|c| c.label.starts_with(typed))
        .map(|c| Completion { replace: typed_from..offset, ..c })
        .collect()
}

fn leading_blanks(s: &str) -> usize {
    s.len() - s.trim_start_matches(|c: char| c.is_whitespace()).len()
}

fn candidate(label: String, detail: String, kind: CompletionKind) -> Completion {
    Completion { label, detail, kind, replace: 0..0 }
}

/// The successors of the headings open before `at`, innermost first, then the
/// first ordinal one level below the innermost heading.
fn next_ordinals(doc: &Document, at: usize) -> Vec<Completion> {
    let mut open: Vec<&Heading> = Vec::new();
    for heading in doc.headings.iter().rev().filter(|h| h.range.end <= at) {
        if open.last().is_none_or(|inner| heading.rank() < inner.rank()) {
            open.push(heading);
        }
    }
    let mut candidates = Vec::new();
    for heading in &open {
        let (Some(ordinal), marker) = (&heading.ordinal, markdown_marker(heading)) else {
            continue;
        };
        let Some(number) = ordinal.number else {
            continue;
        };
        let after = doc.slice(&heading.range);
        candidates.push(candidate(
            format!("{marker}{}", ordinal.style.render(number + 1, 0)),
            format!("下一个同级序号（接“{after}”）"),
            CompletionKind::Ordinal,
        ));
    }
    if let Some(child) = open.first().and_then(|h| h.ordinal.as_ref()).and_then(|o| level_below(o.style)) {
        candidates.push(candidate(child.render(1, 0), "下一级的第一个序号".to_string(), CompletionKind::Ordinal));
    }
    candidates
}

fn markdown_marker(heading: &Heading) -> String {
    heading.markdown_level.map(|l| format!("{} ", "#".repeat(l as usize))).unwrap_or_default()
}

/// GB/T 9704's next heading level: 一、 → （一） → 1. → （1）.
fn level_below(style: OrdinalStyle) -> Option<OrdinalStyle> {
    match style.nominal_level()? {
        1 => Some(OrdinalStyle::ChineseParen),
        2 => Some(OrdinalStyle::ArabicDot),
        3 => Some(OrdinalStyle::ArabicParen),
        _ => None,
    }
}

/// The required parts the report lacks, numbered as a top-level part at `at`
/// the way the engine numbers an inserted missing part.
fn missing_parts(doc: &Document, linter: &Linter, lint: &Lint, at: usize) -> Vec<Completion> {
    let number = doc.top_sections.iter().filter(|&&s| doc.sections[s].range.start < at).count() as u32 + 1;
    let ordinal = crate::rule::section::heading_text(doc, number, "");
    lint.parts
        .missing()
        .map(|claim| {
            let (rule, section) = claim.rule(linter.rules());
            candidate(
                format!("{ordinal}{}", section.title),
                format!("报告尚缺的必备部分（规则 {}）", rule.meta.id),
                CompletionKind::Part,
            )
        })
        .collect()
}
