//! `kind = "typo"`: a dictionary of wrong → right words.
//!
//! The dictionary is compiled into a [`WordFinder`] (leftmost-longest, so
//! 法制宣传教育 wins over 法制宣传), which stays fast with tens of thousands of
//! entries. With `boundary = "word"`, a hit fires only when jieba segments
//! the sentence so that the hit starts and ends on word boundaries: 法制 fires in
//! 法制/宣传 but not in 学法/制度.

use super::{CompileError, Finding, Fix, Kind, LintContext, PackContext, Rule, fill, scope::Scope, scope_of};
use crate::dictionary::WordFinder;
use crate::pack_data::read_data_file;
use crate::schema::RuleDef;
use crate::segment::on_word_boundaries;
use schemars::JsonSchema;
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

/// A dictionary of wrong → right words.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TypoFields {
    /// Wrong → right. Quote CJK keys: `"目标导间" = "目标导向"`.
    #[serde(default)]
    pub entries: BTreeMap<String, String>,
    /// Word-boundary check.
    #[serde(default)]
    pub boundary: Boundary,
    /// More entries from files (`wrong<TAB>right` per line, `#` comments),
    /// relative to the pack file and inside its folder.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub dictionaries: Vec<Spanned<String>>,
    /// Where the rule looks: `document` (the default), `body`, `parts` (body text from the first
    /// heading on), `headings`, `title` or `section:KEY` (the body of the section a `section` rule
    /// with that key finds).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub scope: Option<Spanned<String>>,
    /// Is the fix safe to apply without reading it (`gwlint check --fix`)? Default: true.
    #[serde(default)]
    pub safe_fix: Option<bool>,
}

/// Word-boundary check for dictionary hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Boundary {
    /// Every hit fires.
    #[default]
    None,
    /// A hit fires only if it starts and ends on word boundaries (jieba), so that
    /// 法制 inside 学法制度 (学法/制度) does not fire.
    Word,
}

#[derive(Debug, Clone)]
pub struct TypoRule {
    finder: WordFinder,
    wrong: Vec<String>,
    right: Vec<String>,
    boundary: Boundary,
    scope: Scope,
    safe: bool,
}

impl Kind for TypoRule {
    const NAME: &'static str = "typo";
    type Fields = TypoFields;

    fn from_def(def: &RuleDef, fields: TypoFields, pack: &PackContext) -> Result<TypoRule, CompileError> {
        // A wrong word is wrong anywhere: headings and the title too, unless the rule says otherwise.
        let scope = scope_of(&fields.scope, Scope::Document)?;
        let mut entries: Vec<(String, String)> = fields.entries.into_iter().collect();
        for file in &fields.dictionaries {
            let text = read_data_file(pack.origin, file.get_ref()).map_err(|m| (file.span(), m))?;
            entries.extend(parse_dictionary(file.get_ref(), &text).map_err(|m| (file.span(), m))?);
        }
        // A dictionary's fix is safe by default: the entry names the one right word.
        TypoRule::new(entries, fields.boundary, scope, fields.safe_fix.unwrap_or(true))
            .map_err(|m| (def.kind.span(), m))
    }

    fn lint(&self, rule: &Rule, cx: &LintContext, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        for range in self.scope.ranges(cx).into_iter().filter(|r| cx.wants(r)) {
            for hit in self.finder.find_iter(&doc.text[range.clone()]) {
                let start = range.start + hit.range.start;
                let end = range.start + hit.range.end;
                let right = &self.right[hit.word];
                if self.boundary == Boundary::Word {
                    let context = doc.sentence_at(start).map_or(range.clone(), |s| s.range.clone());
                    if !on_word_boundaries(&doc.text, context, start..end) {
                        continue;
                    }
                }
                let wrong = &self.wrong[hit.word];
                // 执法全流程, 审批全覆盖 (sets 2 and 43): a short entry that reads
                // X全 for X权 meets 全 opening the next word (全流程, 全过程),
                // which the segmenter may not know; only where no word follows is it the slip.
                let opens_next_word = wrong.ends_with('全')
                    && wrong.chars().count() <= 3
                    && doc.text[end..].chars().next().is_some_and(crate::text::is_han);
                if opens_next_word {
                    continue;
                }
                // A document's title is quoted as the document has it (《……法治政府示范创建……台账》, set 49): the
                // fix is offered there, not applied, unless the entry holds the marks itself (《突发事件法》).
                let paragraph_start = doc.paragraph_at(start).map_or(start, |p| doc.paragraphs[p].range.start);
                let safe = self.safe
                    && (wrong.starts_with('《') || !crate::text::inside_title(&doc.text[paragraph_start..start]));
                let values = [("text", wrong.as_str()), ("replacement", right.as_str())];
                let mut finding = rule.finding(doc, start..end, fill(&rule.meta.message, &values));
                finding.fixes.push(Fix::replace(format!("改为“{right}”"), start..end, right.clone(), safe));
                out.push(finding);
            }
        }
    }

    fn is_paragraph_local(&self) -> bool {
        self.scope.is_paragraph_local()
    }
}

/// A dictionary file: `wrong<TAB>right` per line; blank lines and `#` comments are skipped.
fn parse_dictionary(name: &str, text: &str) -> Result<Vec<(String, String)>, String> {
    let mut entries = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let mut fields = line.split('\t');
        match (fields.next(), fields.next(), fields.next()) {
            (Some(wrong), Some(right), None) if !wrong.is_empty() && !right.is_empty() => {
                entries.push((wrong.to_string(), right.to_string()))
            }
            _ => return Err(format!("{name} 第{}行格式错误：应为“错词<Tab>正词”", number + 1)),
        }
    }
    Ok(entries)
}

impl TypoRule {
    pub fn new(
        entries: impl IntoIterator<Item = (String, String)>,
        boundary: Boundary,
        scope: Scope,
        safe: bool,
    ) -> Result<TypoRule, String> {
        // Sorted by the wrong word, and a later entry for the same wrong word
        // replaces an earlier one: the sort is stable, so the last of each
        // run of equal words is the later entry. (Dictionary files come
        // sorted, which the sort sees in one pass; a map would allocate a
        // node per entry, a tenth of a one-report start-up.)
        let mut merged: Vec<(String, String)> = entries.into_iter().collect();
        merged.sort_by(|a, b| a.0.cmp(&b.0));
        merged.dedup_by(|next, kept| {
            next.0 == kept.0 && {
                std::mem::swap(next, kept);
                true
            }
        });
        let (wrong, right): (Vec<String>, Vec<String>) = merged.into_iter().unzip();
        if wrong.is_empty() {
            return Err("typo 规则需要至少一个词条：entries = { \"错词\" = \"正词\" }".into());
        }
        if let Some(i) = (0..wrong.len()).find(|&i| wrong[i].trim().is_empty()) {
            return Err(format!("词条 {i} 的错词为空"));
        }
        if let Some(i) = (0..wrong.len()).find(|&i| wrong[i] == right[i]) {
            return Err(format!("词条“{}”的错词与正词相同", wrong[i]));
        }
        let finder = WordFinder::new(&wrong);
        Ok(TypoRule { finder, wrong, right, boundary, scope, safe })
    }

    pub fn entries(&self) -> impl Iterator<Item = (&str, &str)> {
        self.wrong.iter().map(String::as_str).zip(self.right.iter().map(String::as_str))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(entries: &[(&str, &str)]) -> TypoRule {
        let entries = entries.iter().map(|(w, r)| (w.to_string(), r.to_string()));
        TypoRule::new(entries, Boundary::None, Scope::Document, true).expect("valid entries")
    }

    #[test]
    fn entries_are_sorted_and_a_later_entry_for_a_word_replaces_an_earlier_one() {
        // The pack's own entries come first and a dictionary file's after them;
        // within each, the last word wins, whatever the order of the others.
        let typo =
            rule(&[("甲乙", "一"), ("丙丁", "二"), ("甲乙", "三"), ("戊己", "四"), ("甲乙", "五"), ("丙丁", "六")]);
        let entries: Vec<(&str, &str)> = typo.entries().collect();
        assert_eq!(entries, [("丙丁", "六"), ("戊己", "四"), ("甲乙", "五")]);
    }
}
