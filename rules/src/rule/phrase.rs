//! `kind = "phrase"`: discouraged phrases and regular expressions.
//!
//! Literal `phrases` and regex `patterns` are searched in the rule's scope,
//! paragraph by paragraph. `unless = ["sentence-has-figure"]` keeps a vague
//! claim (取得了显著成效) quiet when its sentence states a figure (调处矛盾纠纷50件).

use super::{Edit, Finding, Fix, LintContext, Rule, fill, scope::Scope};
use crate::pack::schema::Unless;
use regex::Regex;

/// Regexes from packs are compiled with these limits, so that a pathological
/// pattern is rejected with a clear error instead of eating memory.
pub const REGEX_SIZE_LIMIT: usize = 1 << 20;

#[derive(Debug, Clone)]
pub struct PhraseRule {
    patterns: Vec<Regex>,
    /// All the patterns in one alternation (for two or more): one search tells
    /// whether a paragraph needs each pattern's own search at all.
    any: Option<Regex>,
    unless: Vec<Unless>,
    replacement: Option<String>,
    scope: Scope,
    safe: bool,
}

/// Compiles a pack regex with gwlint's limits.
pub fn compile_regex(pattern: &str) -> Result<Regex, String> {
    regex::RegexBuilder::new(pattern).size_limit(REGEX_SIZE_LIMIT).dfa_size_limit(REGEX_SIZE_LIMIT).build().map_err(
        |e| match e {
            regex::Error::CompiledTooBig(limit) => {
                format!("正则表达式过大（超过 {limit} 字节的编译上限），请拆分或简化")
            }
            // The syntax error repeats the pattern with a caret over several
            // lines; the load error shows the pattern already, so keep the reason.
            other => {
                let text = other.to_string();
                let reason =
                    text.lines().rev().find_map(|l| l.trim().strip_prefix("error: ")).unwrap_or(&text).to_string();
                format!("正则表达式无效：{reason}")
            }
        },
    )
}

impl PhraseRule {
    pub fn new(
        patterns: Vec<Regex>,
        unless: Vec<Unless>,
        replacement: Option<String>,
        scope: Scope,
        safe: bool,
    ) -> Result<PhraseRule, String> {
        if patterns.is_empty() {
            return Err("phrase 规则需要 phrases 或 patterns".into());
        }
        // Each pattern compiled on its own within the limit; together they
        // may not be, and then every paragraph is searched with each.
        let any = (patterns.len() > 1)
            .then(|| {
                let alternation: Vec<String> = patterns.iter().map(|p| format!("(?:{})", p.as_str())).collect();
                compile_regex(&alternation.join("|")).ok()
            })
            .flatten();
        Ok(PhraseRule { patterns, any, unless, replacement, scope, safe })
    }

    pub fn check(&self, rule: &Rule, cx: &LintContext, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let mut hits: Vec<(usize, usize, Option<String>)> = Vec::new();
        for range in self.scope.ranges(cx).into_iter().filter(|r| cx.wants(r)) {
            let slice = &doc.text[range.clone()];
            if self.any.as_ref().is_some_and(|any| !any.is_match(slice)) {
                continue;
            }
            for pattern in &self.patterns {
                if self.replacement.is_none() {
                    // Without a template to fill, no capture groups are needed.
                    let matches = pattern.find_iter(slice).filter(|m| !m.is_empty());
                    hits.extend(matches.map(|m| (range.start + m.start(), range.start + m.end(), None)));
                    continue;
                }
                for caps in pattern.captures_iter(slice) {
                    let m = caps.get(0).expect("group 0");
                    if m.is_empty() {
                        continue;
                    }
                    let replacement = self.replacement.as_ref().map(|template| {
                        let mut expanded = String::new();
                        caps.expand(template, &mut expanded);
                        expanded
                    });
                    hits.push((range.start + m.start(), range.start + m.end(), replacement));
                }
            }
        }
        // Two patterns of one rule matching overlapping text report once.
        hits.sort_by_key(|h| (h.0, std::cmp::Reverse(h.1)));
        let mut last_end = 0;
        for (start, end, replacement) in hits {
            if start < last_end || self.suppressed(cx, start) {
                continue;
            }
            last_end = end;
            let text = &doc.text[start..end];
            let values = [("text", text), ("replacement", replacement.as_deref().unwrap_or(""))];
            let mut finding = rule.finding(doc, start..end, fill(&rule.meta.message, &values));
            if let Some(replacement) = replacement {
                let title =
                    if replacement.is_empty() { "删除".to_string() } else { format!("改为“{replacement}”") };
                finding.fixes.push(Fix {
                    title,
                    edits: vec![Edit { range: start..end, replacement }],
                    safe: self.safe,
                });
            }
            out.push(finding);
        }
    }

    fn suppressed(&self, cx: &LintContext, offset: usize) -> bool {
        self.unless.iter().any(|condition| match condition {
            Unless::SentenceHasFigure => {
                cx.doc.sentence_at(offset).is_some_and(|s| cx.figures.has_figure(&cx.doc.text, s.range.clone()))
            }
        })
    }
}
