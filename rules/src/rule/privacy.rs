//! `kind = "privacy"`: a private person's name in a published report.
//!
//! jieba tags person names `nr`, but its dictionary also tags many ordinary
//! words that way (宣传教育, 周密, 杜绝). So a name is reported only when jieba
//! found it as an *unknown* word (not in its dictionary) tagged as a person, it
//! has two or three characters, starts with a common surname (`surnames`), is
//! not a public figure (`known_names`), and is not next to an official title
//! (`titles`: 书记, 主任 …), which marks an official acting in office.
//!
//! Tagging is most of a lint's cost, so only the [`han_blocks`] that can hold
//! a name are tagged: jieba tags each block on its own, and the words just
//! outside a block are punctuation or spaces, which are neither titles nor
//! place suffixes, so the findings are those of tagging the whole paragraph.
//! A block can hold a name when it holds a surname, and when jieba's plain
//! dictionary segmentation (cheaper than tagging) leaves that surname as a word
//! of one character followed by another: only such runs of single characters
//! go through the HMM that finds unknown words ([`PrivacyRule::may_name_someone`]).

use super::{Edit, Finding, Fix, LintContext, Rule, fill};
use crate::segment::{han_blocks, jieba};
use crate::text::{CharSet, is_han};

#[derive(Debug, Clone)]
pub struct PrivacyRule {
    /// Every character of the text is looked up.
    surnames: CharSet,
    titles: Vec<String>,
    known_names: Vec<String>,
}

/// Characters that continue a place name (刘庄村, 王楼镇), not a person's name.
const PLACE_SUFFIXES: &[char] =
    &['村', '镇', '乡', '县', '区', '街', '路', '庄', '沟', '湖', '山', '河', '寨', '营', '屯'];

impl PrivacyRule {
    pub fn new(surnames: &str, titles: Vec<String>, known_names: Vec<String>) -> PrivacyRule {
        PrivacyRule { surnames: CharSet::new(surnames.chars()), titles, known_names }
    }

    fn is_surname(&self, c: char) -> bool {
        self.surnames.contains(c)
    }

    /// Can tagging `block` (one of [`han_blocks`]) find an unknown word that
    /// starts with a surname? jieba's HMM makes unknown words only out of runs
    /// of single characters left by the dictionary segmentation, so there must
    /// be a surname left alone with a single character after it.
    pub fn may_name_someone(&self, block: &str) -> bool {
        if !block.chars().any(|c| self.is_surname(c)) {
            return false;
        }
        let single = |word: &str| {
            let mut chars = word.chars();
            chars.next().filter(|_| chars.next().is_none())
        };
        let tokens = jieba().cut(block, false);
        tokens.windows(2).any(|pair| {
            single(pair[0].word).is_some_and(|c| self.is_surname(c)) && single(pair[1].word).is_some_and(is_han)
        })
    }

    pub fn check(&self, rule: &Rule, cx: &LintContext, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let jieba = jieba();
        let blocks = doc.body_ranges().iter().cloned().filter(|r| cx.wants(r)).flat_map(|range| {
            han_blocks(doc.slice(&range)).map(move |block| range.start + block.start..range.start + block.end)
        });
        for range in blocks {
            let text = doc.slice(&range);
            if !self.may_name_someone(text) {
                continue;
            }
            let tags = jieba.tag(text, true);
            for (i, tag) in tags.iter().enumerate() {
                let length = tag.word.chars().count();
                let first = tag.word.chars().next();
                let candidate = tag.tag.starts_with("nr")
                    && (2..=3).contains(&length)
                    && first.is_some_and(|c| self.is_surname(c))
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Surnames, characters that make words with them and without, a known
    /// name's characters, Latin letters and digits.
    const ALPHABET: &str = "刘庆王李张明华高提方法文件金石周密杜绝村长书记a1的了在和是";

    #[test]
    fn every_unknown_word_starting_with_a_surname_is_in_a_block_that_may_name_someone() {
        let rule = PrivacyRule::new("王李张刘陈杨高方文金石周杜", Vec::new(), Vec::new());
        let alphabet: Vec<char> = ALPHABET.chars().collect();
        let mut rng = crate::fuzz::SeededRng::new(5);
        let mut candidates = 0;
        for _ in 0..3000 {
            let block = rng.text(&alphabet, 2..12);
            let names_someone = jieba().tag(&block, true).iter().any(|t| {
                t.word.chars().count() >= 2
                    && t.word.chars().next().is_some_and(|c| rule.is_surname(c))
                    && !jieba().has_word(t.word)
                    && t.word.chars().all(is_han)
            });
            if names_someone {
                candidates += 1;
                assert!(rule.may_name_someone(&block), "{block:?}");
            }
        }
        assert!(candidates > 50, "the test text should make unknown words ({candidates})");
    }
}
