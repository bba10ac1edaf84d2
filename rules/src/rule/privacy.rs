//! `kind = "privacy"`: a private person's name in a published report.
//!
//! jieba tags person names `nr`, but its dictionary also tags many ordinary
//! words that way (宣传教育, 周密, 杜绝). So a name is reported only when jieba
//! found it as an *unknown* word (not in its dictionary) tagged as a person, it
//! has two or three characters, starts with a common surname (`surnames`), is
//! not a public figure (`known_names`), and is not next to an official title
//! (`titles`: 书记, 主任 …), which marks an official acting in office.

use super::{Edit, Finding, Fix, LintContext, Rule, fill};
use crate::segment::jieba;

#[derive(Debug, Clone)]
pub struct PrivacyRule {
    pub surnames: String,
    pub titles: Vec<String>,
    pub known_names: Vec<String>,
}

/// Characters that continue a place name (刘庄村, 王楼镇), not a person's name.
const PLACE_SUFFIXES: &[char] =
    &['村', '镇', '乡', '县', '区', '街', '路', '庄', '沟', '湖', '山', '河', '寨', '营', '屯'];

impl PrivacyRule {
    pub fn check(&self, rule: &Rule, cx: &LintContext, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let jieba = jieba();
        for range in doc.body_ranges() {
            let text = doc.slice(&range);
            let tags = jieba.tag(text, true);
            for (i, tag) in tags.iter().enumerate() {
                let length = tag.word.chars().count();
                let first = tag.word.chars().next();
                let candidate = tag.tag.starts_with("nr")
                    && (2..=3).contains(&length)
                    && first.is_some_and(|c| self.surnames.contains(c))
                    && !jieba.has_word(tag.word)
                    && !self.known_names.iter().any(|n| n == tag.word);
                if !candidate {
                    continue;
                }
                let before = i.checked_sub(1).map(|p| tags[p].word).unwrap_or("");
                let after = tags.get(i + 1).map(|t| t.word).unwrap_or("");
                let titled = self.titles.iter().any(|t| before.ends_with(t.as_str()) || after.starts_with(t.as_str()));
                let place = after.chars().next().is_some_and(|c| PLACE_SUFFIXES.contains(&c))
                    || tag.word.chars().next_back().is_some_and(|c| PLACE_SUFFIXES.contains(&c));
                if titled || place {
                    continue;
                }
                let span = range.start + tag.byte_start..range.start + tag.byte_end;
                let mut finding = rule.finding(doc, span.clone(), fill(&rule.meta.message, &[("text", tag.word)]));
                finding.fixes.push(Fix {
                    title: "改为“当事人”".into(),
                    edits: vec![Edit { range: span, replacement: "当事人".into() }],
                    safe: false,
                });
                out.push(finding);
            }
        }
    }
}
