//! Where in a document a rule looks.

use super::LintContext;
use std::ops::Range;

/// The part of a document a `phrase` or `typo` rule examines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// Every paragraph.
    Document,
    /// Body text: not the title, addressee, headings or closing block.
    Body,
    /// Heading titles (ordinals excluded).
    Headings,
    /// The report's title.
    Title,
    /// The body of the section found by the `section` rule with this key.
    Section(String),
}

impl Scope {
    /// Parses `document`, `body`, `headings`, `title` or `section:KEY`.
    pub fn parse(s: &str) -> Result<Scope, String> {
        Ok(match s {
            "document" => Scope::Document,
            "body" => Scope::Body,
            "headings" => Scope::Headings,
            "title" => Scope::Title,
            _ => match s.strip_prefix("section:") {
                Some(key) if !key.is_empty() => Scope::Section(key.to_string()),
                _ => {
                    return Err(format!(
                        "未知的范围 scope = \"{s}\"：应为 document、body、headings、title 或 section:键名"
                    ));
                }
            },
        })
    }

    /// The byte ranges in scope, in document order, each within one paragraph.
    pub fn ranges(&self, cx: &LintContext) -> Vec<Range<usize>> {
        let doc = cx.doc;
        match self {
            Scope::Document => doc.paragraphs.iter().map(|p| p.range.clone()).collect(),
            Scope::Body => doc.body_ranges().to_vec(),
            Scope::Headings => doc.headings.iter().map(|h| h.title_range.clone()).collect(),
            Scope::Title => doc.title.map(|t| doc.paragraphs[t].range.clone()).into_iter().collect(),
            Scope::Section(key) => {
                let Some(&section) = cx.sections.get(key) else {
                    return Vec::new();
                };
                let body = doc.sections[section].body.clone();
                let mut ranges: Vec<Range<usize>> = doc
                    .body_ranges()
                    .iter()
                    .cloned()
                    .chain(doc.headings.iter().map(|h| h.title_range.clone()))
                    .filter(|r| r.start >= body.start && r.end <= body.end)
                    .collect();
                ranges.sort_by_key(|r| (r.start, r.end));
                ranges
            }
        }
    }
}
