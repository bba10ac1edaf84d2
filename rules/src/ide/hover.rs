//! Hover: what a finding means, and what a section must contain.
//!
//! Over a finding the reader gets the rule's explanation in Markdown, the same
//! material as `gwlint explain`: why, the source it rests on, a wrong and a
//! right example from the rule's specs, and how to configure it. Over the
//! heading of a required section they get what the pack requires of that
//! section and what is still missing in it.

use crate::Document;
use crate::engine::{Lint, Linter};
use crate::rule::{Finding, Rule};
use crate::rule_doc_url;
use std::ops::Range;

/// The Markdown shown over a place, and the range it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hover {
    pub markdown: String,
    pub range: Range<usize>,
}

/// The hover at byte `offset` of `doc`, linted by `linter` into `lint`.
/// Over a heading that has findings, the section comes first, then the findings.
pub fn hover(doc: &Document, linter: &Linter, lint: &Lint, offset: usize) -> Option<Hover> {
    let section = section_hover(doc, linter, lint, offset);
    let findings: Vec<&Finding> =
        lint.findings.iter().filter(|f| f.range.start <= offset && offset <= f.range.end).collect();
    let range = match (&section, findings.first()) {
        (Some(section), _) => section.range.clone(),
        (None, Some(first)) => first.range.clone(),
        (None, None) => return None,
    };
    let parts: Vec<String> =
        section.map(|s| s.markdown).into_iter().chain(findings.iter().map(|f| finding_markdown(linter, f))).collect();
    Some(Hover { markdown: parts.join("\n\n---\n\n"), range })
}

fn finding_markdown(linter: &Linter, finding: &Finding) -> String {
    let mut out = format!("**{}**（{}）\n\n", finding.message, finding.severity.label_zh());
    match linter.rule(&finding.rule) {
        Some(rule) => out.push_str(&rule_markdown(rule)),
        None => out.push_str(&format!("规则 `{}`\n", finding.rule)),
    }
    out
}

/// A rule explained for a reader who is not a programmer.
pub fn rule_markdown(rule: &Rule) -> String {
    let m = &rule.meta;
    let mut out = format!("规则 `{}` · {} · 规则包 {}\n\n", m.id, m.severity.label_zh(), m.pack);
    if !m.explanation.trim().is_empty() {
        out.push_str(&format!("**为什么**：{}\n\n", m.explanation.trim()));
    }
    if !m.source.trim().is_empty() {
        out.push_str(&format!("**依据**：{}\n\n", m.source.trim()));
    }
    let examples = |title: &str, mark: &str, specs: &[String], out: &mut String| {
        if let Some(example) = specs.first() {
            out.push_str(&format!("**{title}**\n\n> {mark} {}\n\n", quote(example)));
        }
    };
    examples("错误写法", "✗", &m.specs.fire, &mut out);
    match m.specs.fixed.first() {
        Some((wrong, right)) => {
            if m.specs.fire.is_empty() {
                out.push_str(&format!("**错误写法**\n\n> ✗ {}\n\n", quote(wrong)));
            }
            out.push_str(&format!("**正确写法**\n\n> ✓ {}\n\n", quote(right)));
        }
        None => examples("正确写法", "✓", &m.specs.pass, &mut out),
    }
    out.push_str(&format!(
        "**如何配置**：在 gwlint.toml 中写 `disable = [\"{id}\"]` 可关闭此规则；\
         写 `[severity]` 下的 `\"{id}\" = \"info\"` 可调整级别。\n\n[规则说明文档]({})",
        rule_doc_url(&m.id),
        id = m.id
    ));
    out
}

/// An example on one quoted line: its own line breaks become spaces.
fn quote(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Over a top-level heading: the required section it is, what that section
/// must contain, and what is still missing.
fn section_hover(doc: &Document, linter: &Linter, lint: &Lint, offset: usize) -> Option<Hover> {
    let heading = doc.headings.iter().position(|h| h.range.start <= offset && offset <= h.range.end)?;
    let section = doc.top_sections.iter().copied().find(|&s| doc.sections[s].heading == heading)?;
    let range = doc.headings[heading].range.clone();
    let Some(claim) = lint.parts.claim_of(section) else {
        let missing: Vec<&str> =
            lint.parts.missing().map(|claim| claim.rule(linter.rules()).1.title.as_str()).collect();
        let mut text = "此标题不对应规则包中的任何必备部分。".to_string();
        if !missing.is_empty() {
            text.push_str(&format!(
                "\n\n报告尚缺的必备部分：{}",
                missing.iter().map(|t| format!("“{t}”")).collect::<Vec<_>>().join("、")
            ));
        }
        return Some(Hover { markdown: text, range });
    };
    let (rule, section_rule) = claim.rule(linter.rules());
    let mut text = format!("**必备部分：{}**（规则 `{}`）\n\n本部分应当：\n", section_rule.title, rule.meta.id);
    if let Some(profile) = lint.parts.profile().or(linter.profile())
        && section_rule.order.contains_key(&profile.id)
    {
        text.push_str(&format!("- 按{}排在规定的位置\n", profile.title));
    }
    if section_rule.require_body {
        text.push_str("- 有正文内容，不能只有标题\n");
    }
    if !section_rule.must_mention.is_empty() {
        let words: Vec<String> = section_rule.must_mention.iter().map(|w| format!("“{w}”")).collect();
        text.push_str(&format!("- 写到{}\n", words.join("或")));
    }
    let missing: Vec<&Finding> = lint.findings.iter().filter(|f| f.rule == rule.meta.id && f.range == range).collect();
    if missing.is_empty() {
        text.push_str("\n✓ 本部分已满足以上要求。");
    } else {
        text.push_str("\n**尚缺**：\n");
        for finding in missing {
            text.push_str(&format!("- {}\n", finding.message));
        }
    }
    Some(Hover { markdown: text, range })
}
