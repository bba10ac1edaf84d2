//! Where in a document a rule looks.

use super::LintContext;
use regex::Regex;
use std::ops::Range;

/// The part of a document a `phrase` or `typo` rule examines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// Every paragraph.
    Document,
    /// Body text: not the title, addressee, headings or closing block.
    Body,
    /// Body text from the first heading on: not the opening paragraphs, which
    /// sum up what the parts below substantiate (all body text when the
    /// document has no heading).
    Parts,
    /// Heading titles (ordinals excluded).
    Headings,
    /// The report's title.
    Title,
    /// The body of the section found by the `section` rule with this key.
    Section(String),
}

impl Scope {
    /// Parses `document`, `body`, `parts`, `headings`, `title` or `section:KEY`.
    pub fn parse(s: &str) -> Result<Scope, String> {
        Ok(match s {
            "document" => Scope::Document,
            "body" => Scope::Body,
            "parts" => Scope::Parts,
            "headings" => Scope::Headings,
            "title" => Scope::Title,
            _ => match s.strip_prefix("section:") {
                Some(key) if !key.is_empty() => Scope::Section(key.to_string()),
                _ => {
                    return Err(format!(
                        "未知的范围 scope = \"{s}\"：应为 document、body、parts、headings、title 或 section:键名"
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
            Scope::Parts => {
                let first = doc.headings.first().map_or(0, |h| h.range.start);
                doc.body_ranges().iter().filter(|r| r.start >= first).cloned().collect()
            }
            Scope::Headings => doc.headings.iter().map(|h| h.title_range.clone()).collect(),
            // A title set on two lines is one title: both lines, as one range.
            Scope::Title => doc.title_range().into_iter().collect(),
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

impl Scope {
    /// Is whether a paragraph is in scope a matter of the paragraph's own role
    /// (its kind and sections, see the engine's paragraph cache)? `parts`
    /// depends on where the first heading is.
    pub fn is_paragraph_local(&self) -> bool {
        !matches!(self, Scope::Parts)
    }
}

/// Can the pattern's matches depend on the text around them (`^`, `$`, `\b`,
/// `\B`, `\A`, `\z`, `\<`, `\>`)? Then a match in a paragraph need not be a
/// match in the whole text, and the paragraph must be searched on its own.
/// Judged from the pattern's text, so it may say yes needlessly (a `$` in a
/// class), never no wrongly.
pub fn looks_around(pattern: &str) -> bool {
    pattern.contains(['^', '$']) || ["\\b", "\\B", "\\A", "\\z", "\\<", "\\>"].iter().any(|a| pattern.contains(a))
}

/// Of `ranges` (in order, not overlapping), those where `regex` may match,
/// found by searching the whole text: one search instead of one per paragraph,
/// and none at all where nothing matches. A regex that [looks
/// around](looks_around) its match gets all of `ranges` back.
///
/// A match within a range is a match of the whole text at the same place, so
/// a search from before a range finds a match starting at or before its first
/// one. A match starting inside a range marks it (the caller searches it on
/// its own) and the search goes on after it; a match starting between ranges
/// marks nothing, and the search goes on from the next character, so that
/// a match running out of a gap into a range cannot hide one inside it.
pub fn ranges_that_may_match(regex: &Regex, text: &str, ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    if looks_around(regex.as_str()) {
        return ranges;
    }
    let mut found = Vec::new();
    let mut next = 0; // the first range that does not end before the search position
    let mut at = 0;
    while let Some(m) = ranges.get(next).and_then(|_| regex.find_at(text, at)) {
        while ranges.get(next).is_some_and(|r| r.end <= m.start()) {
            next += 1;
        }
        let Some(range) = ranges.get(next) else { break };
        if range.start <= m.start() {
            found.push(range.clone());
            at = range.end;
            next += 1;
        } else {
            at = m.start() + text[m.start()..].chars().next().map_or(1, char::len_utf8);
        }
        if at > text.len() {
            break;
        }
    }
    found
}
