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

use super::analysis::Analysis;
use super::convert::Encoding;
use gwlint_rules::Document;
use gwlint_rules::document::{Heading, OrdinalStyle};
use gwlint_rules::rule::section::assign;
use gwlint_rules::rule::{Matcher, Rule};
use tower_lsp_server::ls_types::{CompletionItem, CompletionItemKind, CompletionTextEdit, Position, TextEdit};

/// The completions at `position`.
pub fn completions(analysis: &Analysis, position: Position, encoding: Encoding) -> Vec<CompletionItem> {
    let doc = &analysis.doc;
    let index = analysis.positions(encoding);
    let offset = index.offset(position);
    let line_start = index.offset(Position::new(position.line, 0));
    let typed_from = line_start + leading_blanks(&doc.text[line_start..offset]);
    let typed = &doc.text[typed_from..offset];
    let mut candidates = next_ordinals(doc, line_start);
    candidates.extend(missing_sections(analysis, line_start));
    let replace = index.range(&(typed_from..offset));
    candidates
        .into_iter()
        .filter(|c| c.label.starts_with(typed))
        .enumerate()
        .map(|(rank, c)| CompletionItem {
            label: c.label.clone(),
            kind: Some(c.kind),
            detail: Some(c.detail),
            sort_text: Some(format!("{rank:03}")),
            filter_text: Some(c.label.clone()),
            text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(replace, c.label))),
            ..CompletionItem::default()
        })
        .collect()
}

struct Candidate {
    label: String,
    detail: String,
    kind: CompletionItemKind,
}

fn leading_blanks(s: &str) -> usize {
    s.len() - s.trim_start_matches(|c: char| c.is_whitespace()).len()
}

/// The successors of the headings open before `at`, innermost first, then the
/// first ordinal one level below the innermost heading.
fn next_ordinals(doc: &Document, at: usize) -> Vec<Candidate> {
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
        candidates.push(Candidate {
            label: format!("{marker}{}", ordinal.style.render(number + 1, 0)),
            detail: format!("下一个同级序号（接“{after}”）"),
            kind: CompletionItemKind::ENUM_MEMBER,
        });
    }
    if let Some(child) = open.first().and_then(|h| h.ordinal.as_ref()).and_then(|o| level_below(o.style)) {
        candidates.push(Candidate {
            label: child.render(1, 0),
            detail: "下一级的第一个序号".to_string(),
            kind: CompletionItemKind::ENUM_MEMBER,
        });
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

/// The required sections the report lacks, numbered as a top-level part at `at`.
fn missing_sections(analysis: &Analysis, at: usize) -> Vec<Candidate> {
    let doc = &analysis.doc;
    let rules: Vec<&Rule> =
        analysis.rules.linter.rules().iter().filter(|r| matches!(r.matcher, Matcher::Section(_))).collect();
    let claimed = assign(doc, &rules);
    let number = doc.top_sections.iter().filter(|&&s| doc.sections[s].range.start < at).count() as u32 + 1;
    let ordinal = top_level_ordinal(doc, number);
    rules
        .iter()
        .zip(&claimed)
        .filter(|(_, c)| c.is_none())
        .filter_map(|(rule, _)| match &rule.matcher {
            Matcher::Section(s) => Some(Candidate {
                label: format!("{ordinal}{}", s.title),
                detail: format!("报告尚缺的必备部分（规则 {}）", rule.meta.id),
                kind: CompletionItemKind::MODULE,
            }),
            _ => None,
        })
        .collect()
}

/// Ordinal `n` in the style of the report's top-level headings, as the engine
/// numbers an inserted missing part.
fn top_level_ordinal(doc: &Document, n: u32) -> String {
    gwlint_rules::rule::section::heading_text(doc, n, "")
}
