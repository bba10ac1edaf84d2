//! Hover: what a finding means, and what a section must contain.
//!
//! Over a finding the reader gets the rule's explanation in Markdown, the same
//! material as `gwlint explain`: why, the source it rests on, a wrong and a
//! right example from the rule's specs, and how to configure it. Over the
//! heading of a required section they get what the pack requires of that
//! section and what is still missing in it.

use super::analysis::Analysis;
use gwlint_rules::rule::section::{SectionRule, assign};
use gwlint_rules::rule::{Finding, Matcher, Rule};
use gwlint_rules::rule_doc_url;
use std::ops::Range;

/// The Markdown to show at byte `offset`, and the range it is about.
/// Over a heading that has findings, the section comes first, then the findings.
pub fn hover(analysis: &Analysis, offset: usize) -> Option<(String, Range<usize>)> {
    let section = section_hover(analysis, offset);
    let findings: Vec<&Finding> = analysis.findings_at(offset).collect();
    let range = match (&section, findings.first()) {
        (Some((_, heading)), _) => heading.clone(),
        (None, Some(first)) => first.range.clone(),
        (None, None) => return None,
    };
    let parts: Vec<String> = section
        .map(|(text, _)| text)
        .into_iter()
        .chain(findings.iter().map(|f| finding_markdown(analysis, f)))
        .collect();
    Some((parts.join("\n\n---\n\n"), range))
}

fn finding_markdown(analysis: &Analysis, finding: &Finding) -> String {
    let mut out = format!("**{}**（{}）\n\n", finding.message, finding.severity.label_zh());
    match analysis.rules.linter.rule(&finding.rule) {
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
fn section_hover(analysis: &Analysis, offset: usize) -> Option<(String, Range<usize>)> {
    let doc = &analysis.doc;
    let heading = doc.headings.iter().position(|h| h.range.start <= offset && offset <= h.range.end)?;
    let section = doc.top_sections.iter().copied().find(|&s| doc.sections[s].heading == heading)?;
    let range = doc.headings[heading].range.clone();
    let rules: Vec<&Rule> =
        analysis.rules.linter.rules().iter().filter(|r| matches!(r.matcher, Matcher::Section(_))).collect();
    let claimed = assign(doc, &rules);
    let Some(r) = claimed.iter().position(|c| *c == Some(section)) else {
        let missing: Vec<&str> = rules
            .iter()
            .zip(&claimed)
            .filter(|(_, c)| c.is_none())
            .filter_map(|(rule, _)| section_rule(rule).map(|s| s.title.as_str()))
            .collect();
        let mut text = "此标题不对应规则包中的任何必备部分。".to_string();
        if !missing.is_empty() {
            text.push_str(&format!(
                "\n\n报告尚缺的必备部分：{}",
                missing.iter().map(|t| format!("“{t}”")).collect::<Vec<_>>().join("、")
            ));
        }
        return Some((text, range));
    };
    let rule = rules[r];
    let section_rule = section_rule(rule)?;
    let mut text = format!("**必备部分：{}**（规则 `{}`）\n\n本部分应当：\n", section_rule.title, rule.meta.id);
    if let Some(profile) = analysis.rules.linter.profile()
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
    let missing: Vec<&Finding> =
        analysis.findings.iter().filter(|f| f.rule == rule.meta.id && f.range == range).collect();
    if missing.is_empty() {
        text.push_str("\n✓ 本部分已满足以上要求。");
    } else {
        text.push_str("\n**尚缺**：\n");
        for finding in missing {
            text.push_str(&format!("- {}\n", finding.message));
        }
    }
    Some((text, range))
}

fn section_rule(rule: &Rule) -> Option<&SectionRule> {
    match &rule.matcher {
        Matcher::Section(s) => Some(s),
        _ => None,
    }
}
