//! The report's outline as document symbols: sections nested by heading rank
//! (一、 → （一） → 1. → （1）), so that the outline view and breadcrumbs show
//! the structure of the report. A section the pack recognises as one of its
//! required parts says which in its detail.

use super::analysis::Analysis;
use super::convert::{Encoding, Positions};
use gwlint_rules::Document;
use gwlint_rules::rule::section::assign;
use gwlint_rules::rule::{Matcher, Rule};
use tower_lsp_server::ls_types::{DocumentSymbol, SymbolKind};

pub fn outline(analysis: &Analysis, encoding: Encoding) -> Vec<DocumentSymbol> {
    let doc = &analysis.doc;
    let index = analysis.positions(encoding);
    let rules: Vec<&Rule> =
        analysis.rules.linter.rules().iter().filter(|r| matches!(r.matcher, Matcher::Section(_))).collect();
    let claimed = assign(doc, &rules);
    let required_title = |section: usize| {
        let r = claimed.iter().position(|c| *c == Some(section))?;
        match &rules[r].matcher {
            Matcher::Section(s) => Some(format!("必备部分：{}", s.title)),
            _ => None,
        }
    };
    let outline = Outline { doc, index: &index, required_title: &required_title };
    doc.top_sections.iter().map(|&s| outline.symbol(s)).collect()
}

struct Outline<'a> {
    doc: &'a Document,
    index: &'a Positions<'a>,
    required_title: &'a dyn Fn(usize) -> Option<String>,
}

impl Outline<'_> {
    #[allow(deprecated)] // `DocumentSymbol::deprecated` must be written, though it is deprecated.
    fn symbol(&self, section: usize) -> DocumentSymbol {
        let s = &self.doc.sections[section];
        let heading = &self.doc.headings[s.heading];
        let name = format!("{}{}", self.doc.slice(&heading.ordinal_range), self.doc.heading_title(s.heading));
        DocumentSymbol {
            // Editors reject empty names.
            name: if name.trim().is_empty() { "（无标题）".to_string() } else { name },
            detail: (self.required_title)(section),
            // The kind only picks the icon: parts of the report, then their points.
            kind: if s.depth == 0 { SymbolKind::MODULE } else { SymbolKind::STRING },
            tags: None,
            deprecated: None,
            range: self.index.range(&s.range),
            selection_range: self.index.range(&heading.range),
            children: Some(s.children.iter().map(|&c| self.symbol(c)).collect()),
        }
    }
}
