//! `kind = "numbering"`: heading ordinals and enumerations (GB/T 9704-2012 7.3.3).
//!
//! | `check` | what it reports | fix |
//! |---|---|---|
//! | `continuity` | ordinals of one level under one parent that skip, repeat or restart; a sibling written at the wrong level (（一）（2）（三）) | the expected ordinal |
//! | `style` | a look-alike ordinal: `(一)`, `(1)`, `一.` | the standard form |
//! | `levels` | a level skipped below its parent: `1.` directly under `一、` | — |
//! | `enumeration` | 一是 … 三是 in running text (skipped), or 二是 … 二是 (repeated) | — |

use super::{CompileError, Finding, Fix, Kind, LintContext, PackContext, Rule, check_of, fill};
use crate::document::{Document, OrdinalStyle, ParagraphKind};
use crate::schema::RuleDef;
use crate::text::{chinese_numeral, chinese_numeral_value};
use regex::Regex;
use schemars::JsonSchema;
use serde::Deserialize;
use std::sync::LazyLock;
use toml::Spanned;

/// A compiled `numbering` rule: the check it runs (the table above).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberingRule {
    Continuity,
    Style,
    Levels,
    Enumeration,
}

/// Heading ordinals and enumerations by GB/T 9704-2012.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NumberingFields {
    /// Which check the rule runs: `continuity`, `style`, `levels` or `enumeration`.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub check: Option<Spanned<String>>,
}

impl Kind for NumberingRule {
    const NAME: &'static str = "numbering";
    type Fields = NumberingFields;

    fn from_def(def: &RuleDef, fields: NumberingFields, _: &PackContext) -> Result<NumberingRule, CompileError> {
        let (name, span) = check_of(def, &fields.check)?;
        NumberingRule::parse(name).map_err(|m| (span, m))
    }

    fn lint(&self, rule: &Rule, cx: &LintContext, out: &mut Vec<Finding>) {
        match self {
            NumberingRule::Continuity => continuity(rule, cx, out),
            NumberingRule::Style => style(rule, cx, out),
            NumberingRule::Levels => levels(rule, cx, out),
            NumberingRule::Enumeration => enumeration(rule, cx, out),
        }
    }
}

impl NumberingRule {
    pub fn parse(name: &str) -> Result<NumberingRule, String> {
        Ok(match name {
            "continuity" => NumberingRule::Continuity,
            "style" => NumberingRule::Style,
            "levels" => NumberingRule::Levels,
            "enumeration" => NumberingRule::Enumeration,
            _ => return Err(format!("未知的 numbering 检查“{name}”：应为 continuity、style、levels 或 enumeration")),
        })
    }
}

/// A heading whose ordinal is not the one its position calls for.
struct Misnumbered {
    heading: usize,
    expected: String,
    /// Written at another level than its siblings (（2） among （一）（三）).
    wrong_level: bool,
}

/// Sibling series: the top-level sections, and each section's children of one rank.
fn sibling_series(doc: &Document) -> Vec<Vec<usize>> {
    let mut series = Vec::new();
    let mut parents: Vec<&Vec<usize>> = vec![&doc.top_sections];
    parents.extend(doc.sections.iter().map(|s| &s.children));
    for children in parents {
        let mut ranks: Vec<u8> = children.iter().map(|&c| doc.headings[doc.sections[c].heading].rank()).collect();
        ranks.sort();
        ranks.dedup();
        for rank in ranks {
            let members: Vec<usize> = children
                .iter()
                .copied()
                .filter(|&c| doc.headings[doc.sections[c].heading].rank() == rank)
                .filter(|&c| doc.headings[doc.sections[c].heading].ordinal.is_some())
                .collect();
            if !members.is_empty() {
                series.push(members);
            }
        }
    }
    series
}

fn number_of(doc: &Document, section: usize) -> Option<u32> {
    number_of_heading(doc, doc.sections[section].heading)
}

fn number_of_heading(doc: &Document, heading: usize) -> Option<u32> {
    doc.headings[heading].ordinal.as_ref().and_then(|o| o.number)
}

/// The ordinal a member of a series should have, in the series' standard style.
fn render_like(doc: &Document, sibling: usize, n: u32) -> String {
    let ordinal = doc.headings[doc.sections[sibling].heading].ordinal.as_ref().expect("series members have ordinals");
    ordinal.style.render(n, 0)
}

fn misnumbered(doc: &Document) -> Vec<Misnumbered> {
    let mut found = Vec::new();
    // Siblings written at a deeper level; they are judged with the series they belong to.
    let mut strays: Vec<usize> = Vec::new();
    for series in sibling_series(doc) {
        let series: Vec<usize> = series.into_iter().filter(|s| !strays.contains(s)).collect();
        if series.is_empty() {
            continue;
        }
        // The series as it should read, with siblings written at a deeper level put back.
        let mut effective: Vec<(usize, bool)> = Vec::new();
        for &member in &series {
            let position = effective.len() as u32 + 1;
            if let Some(&(previous, _)) = effective.last()
                && number_of(doc, member) != Some(position)
                && let Some(&stray) =
                    doc.sections[previous].children.iter().find(|&&c| number_of(doc, c) == Some(position))
            {
                effective.push((stray, true));
                strays.push(stray);
            }
            effective.push((member, false));
        }
        for (index, &(section, wrong_level)) in effective.iter().enumerate() {
            let expected = index as u32 + 1;
            if wrong_level || number_of(doc, section) != Some(expected) {
                let heading = doc.sections[section].heading;
                let expected = render_like(doc, series[0], expected);
                // A sibling put at a deeper level in its siblings' own style
                // (a Markdown `###` where `##` was meant) has the right
                // ordinal: what is wrong is its level, which `levels` judges.
                if wrong_level && doc.text.get(doc.headings[heading].ordinal_range.clone()) == Some(&*expected) {
                    continue;
                }
                found.push(Misnumbered { heading, expected, wrong_level });
            }
        }
    }
    found.sort_by_key(|m| m.heading);
    found
}

/// Is the paragraph just before `heading` a line that reads as a heading
/// without its ordinal — short, not a sentence (no 。 and no closing mark)?
/// A series that starts again at 1 after such a line (（一）… 1. 2. / 深化
/// 职能转变，营商环境持续优化升级 / 1. …) begins a new group under a heading that
/// lost its ordinal: renumbering the 1. to 3. would file it under the wrong
/// heading.
fn follows_unnumbered_heading(doc: &Document, heading: usize) -> bool {
    let Some(at) = doc.paragraphs.iter().position(|p| p.kind == ParagraphKind::Heading(heading)) else {
        return false;
    };
    let Some(previous) = at.checked_sub(1).map(|i| &doc.paragraphs[i]) else { return false };
    let line = doc.slice(&previous.range).trim();
    previous.kind == ParagraphKind::Body
        && (4..=UNNUMBERED_HEADING_LONGEST).contains(&line.chars().count())
        && !line.contains(['。', '；', '！', '？', '：'])
        && !line.ends_with(['，', '、'])
}

/// The longest line read as a heading that lost its ordinal, in characters.
const UNNUMBERED_HEADING_LONGEST: usize = 30;

fn continuity(rule: &Rule, cx: &LintContext, out: &mut Vec<Finding>) {
    let doc = cx.doc;
    for m in misnumbered(doc) {
        if !m.wrong_level && number_of_heading(doc, m.heading) == Some(1) && follows_unnumbered_heading(doc, m.heading)
        {
            continue;
        }
        let heading = &doc.headings[m.heading];
        let span = heading.ordinal_range.clone();
        let detail = if m.wrong_level { "写成了另一层级的序号" } else { "与同级序号不连续" };
        let values = [("text", &doc.text[span.clone()]), ("expected", m.expected.as_str()), ("detail", detail)];
        let mut finding = rule.finding(doc, span.clone(), fill(&rule.meta.message, &values));
        finding.fixes.push(Fix::replace(format!("改为“{}”", m.expected), span, m.expected, true));
        out.push(finding);
    }
}

fn style(rule: &Rule, cx: &LintContext, out: &mut Vec<Finding>) {
    let doc = cx.doc;
    for heading in &doc.headings {
        let Some(ordinal) = &heading.ordinal else { continue };
        // 1、 is a punctuation matter (ordinal-mark); the rest are look-alikes of a level.
        if ordinal.style.is_standard() || ordinal.style == OrdinalStyle::ArabicComma {
            continue;
        }
        let Some(number) = ordinal.number else { continue };
        let expected = ordinal.style.render(number, 0);
        let span = heading.ordinal_range.clone();
        let values = [("text", &doc.text[span.clone()]), ("expected", expected.as_str())];
        let mut finding = rule.finding(doc, span.clone(), fill(&rule.meta.message, &values));
        finding.fixes.push(Fix::replace(format!("改为“{expected}”"), span, expected, true));
        out.push(finding);
    }
}

fn levels(rule: &Rule, cx: &LintContext, out: &mut Vec<Finding>) {
    let doc = cx.doc;
    let wrong_level: Vec<usize> = misnumbered(doc).into_iter().filter(|m| m.wrong_level).map(|m| m.heading).collect();
    let level = |h: &crate::document::Heading| {
        if h.markdown_level.is_some() { None } else { h.ordinal.as_ref().and_then(|o| o.style.nominal_level()) }
    };
    // Levels may be skipped throughout (a text of two levels numbers 一、 then
    // 1.); a skip is reported where the text uses the skipped level elsewhere.
    let used: Vec<u8> = doc.headings.iter().filter_map(level).collect();
    for section in &doc.sections {
        let Some(parent) = section.parent else { continue };
        let parent_heading = &doc.headings[doc.sections[parent].heading];
        let (Some(parent_level), Some(child_level)) = (level(parent_heading), level(&doc.headings[section.heading]))
        else {
            continue;
        };
        if child_level <= parent_level + 1 || wrong_level.contains(&section.heading) {
            continue;
        }
        if !(parent_level + 1..child_level).any(|skipped| used.contains(&skipped)) {
            continue;
        }
        let expected = level_example(parent_level + 1);
        let parent_text = doc.slice(&doc.headings[doc.sections[parent].heading].ordinal_range).to_string();
        let span = doc.headings[section.heading].ordinal_range.clone();
        let values = [("text", &doc.text[span.clone()]), ("expected", expected), ("parent", parent_text.as_str())];
        out.push(rule.finding(doc, span, fill(&rule.meta.message, &values)));
    }
}

fn level_example(level: u8) -> &'static str {
    match level {
        1 => "一、",
        2 => "（一）",
        3 => "1.",
        _ => "（1）",
    }
}

static ENUMERATOR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[。；;：:，,！？\s])([一二三四五六七八九十]{1,3})是").expect("pattern"));

fn enumeration(rule: &Rule, cx: &LintContext, out: &mut Vec<Finding>) {
    let doc = cx.doc;
    let mut scope: Option<Option<usize>> = None;
    let mut expected = 1u32;
    // Where the last enumerator ended: the skipped ones may be written since.
    let mut last_end = 0;
    for range in doc.body_ranges().iter().cloned() {
        let text = &doc.text[range.clone()];
        for caps in ENUMERATOR.captures_iter(text) {
            let numeral = caps.get(1).expect("group");
            let Some(n) = chinese_numeral_value(numeral.as_str()) else { continue };
            let start = range.start + numeral.start();
            let section = doc.section_at(start);
            if scope != Some(section) {
                scope = Some(section);
                expected = 1;
            }
            // 一是 may follow its subject directly (执法股一是组织……；二是……): the
            // pattern, which wants a mark before it, does not see it there.
            let first_after_subject = expected == 1 && text[..numeral.start()].contains("一是");
            // 工作机制5项二是……；三是: an item whose full stop was lost runs on
            // after a figure, where the pattern does not see it; it is there.
            let since_last = &doc.text[last_end.min(start)..start];
            let skipped_run_on =
                n > expected && (expected..n).all(|k| since_last.contains(&format!("{}是", chinese_numeral(k))));
            last_end = range.start + numeral.end();
            let problem = if n == 1 || n == expected || first_after_subject || skipped_run_on {
                None
            } else if n > expected {
                Some(format!("跳过了“{}是”", chinese_numeral(expected)))
            } else {
                Some(format!("前面已有“{}是”", chinese_numeral(n)))
            };
            expected = n + 1;
            if let Some(detail) = problem {
                let span = start..range.start + numeral.end() + '是'.len_utf8();
                let values = [("text", &doc.text[span.clone()]), ("detail", detail.as_str())];
                out.push(rule.finding(doc, span, fill(&rule.meta.message, &values)));
            }
        }
    }
}
