//! The report's outline: sections nested by heading rank (一、 → （一） → 1. →
//! （1）), so that an outline view and breadcrumbs can show the structure of
//! the report. A section the pack recognises as one of its required parts says
//! which in its detail.

use crate::Document;
use crate::engine::{Lint, Linter};
use std::ops::Range;

/// One section of the outline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutlineItem {
    /// The heading's ordinal and title (never empty: （无标题） stands in).
    pub name: String,
    /// 必备部分：… for a required part.
    pub detail: Option<String>,
    /// A top-level part of the report (else a point within one).
    pub top_level: bool,
    /// The whole section, heading included.
    pub range: Range<usize>,
    /// The heading.
    pub heading: Range<usize>,
    pub children: Vec<OutlineItem>,
}

/// The outline of `doc`, linted by `linter` into `lint`.
pub fn outline(doc: &Document, linter: &Linter, lint: &Lint) -> Vec<OutlineItem> {
    let required_title = |section: usize| {
        let claim = lint.parts.claim_of(section)?;
        Some(format!("必备部分：{}", claim.rule(linter.rules()).1.title))
    };
    doc.top_sections.iter().map(|&s| item(doc, s, &required_title)).collect()
}

fn item(doc: &Document, section: usize, required_title: &dyn Fn(usize) -> Option<String>) -> OutlineItem {
    let s = &doc.sections[section];
    let heading = &doc.headings[s.heading];
    let name = format!("{}{}", doc.slice(&heading.ordinal_range), doc.heading_title(s.heading));
    OutlineItem {
        // Editors reject empty names.
        name: if name.trim().is_empty() { "（无标题）".to_string() } else { name },
        detail: required_title(section),
        top_level: s.depth == 0,
        range: s.range.clone(),
        heading: heading.range.clone(),
        children: s.children.iter().map(|&c| item(doc, c, required_title)).collect(),
    }
}
