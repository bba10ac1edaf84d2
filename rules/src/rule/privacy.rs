//! `kind = "privacy"`: a private person's name in a published report.
//!
//! jieba tags person names `nr`, but its dictionary also tags many ordinary
//! words that way (宣传教育, 周密, 杜绝). So a name is reported only when jieba
//! found it as an *unknown* word (not in its dictionary) tagged as a person, it
//! has two or three characters, starts with a common surname (`surnames`), is
//! not a public figure (`known_names`), and is not next to an official title
//! (`titles`: 书记, 主任 …), which marks an official acting in office.
//!
//! With a `model` (the `spelling` rule's language model of laws and official
//! documents), a two-character word those texts write together is a word of
//! theirs, not a name: 林权 (forest rights), 陈化 (grain ageing), 施策, 唐家
//! (a place), 林草 — words jieba's dictionary lacks. Citizens' names are not
//! written in laws: 刘庆, 张伟, 王芳 are pairs the model never saw, or saw
//! seldom ([`KNOWN_PAIR`]). Three-character candidates are left to the other
//! tests (a name's first two characters may be a word: 高峰 in 高峰林).
//! Nor is the second half of an idiom ([`ends_an_idiom`]): a slogan that took
//! the place of the first half (“三联”齐驱 for 并驾齐驱) leaves 齐驱 alone.
//!
//! Tagging is most of a lint's cost, so only the [`han_blocks`] that can hold
//! a name are tagged: jieba tags each block on its own, and the words just
//! outside a block are punctuation or spaces, which are neither titles nor
//! place suffixes, so the findings are those of tagging the whole paragraph.
//! A block can hold a name when it holds a surname, and when jieba's plain
//! dictionary segmentation (cheaper than tagging) leaves that surname as a word
//! of one character followed by another: only such runs of single characters
//! go through the HMM that finds unknown words ([`PrivacyRule::may_name_someone`]).
//!
//! Before segmenting a block, each surname is tried with the character after it:
//! jieba's best route takes the two as single characters only if their
//! probabilities together beat the two-character word they make, whatever
//! follows; so where segmenting the pair alone joins it (关于, 任务, 程序), that
//! surname cannot start a name. The answer depends on the two characters only,
//! and is remembered ([`PairJoins`]); half of the blocks with a surname need no
//! segmenting then. (The comparison in the block adds the rest of the route's
//! probability to both sides; it could differ from the pair alone only where the
//! word's and the characters' probabilities are equal to the last bits.)

use super::{CompileError, Finding, Fix, Kind, LintContext, PackContext, Rule, fill};
use crate::document::Document;
use crate::language_model::SharedModel;
use crate::pack_data::load_model;
use crate::schema::RuleDef;
use crate::segment::{ends_an_idiom, han_blocks, jieba};
use crate::text::{CharSet, is_han};
use schemars::JsonSchema;
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::{Arc, PoisonError, RwLock};

#[derive(Debug, Clone)]
pub struct PrivacyRule {
    /// Every character of the text is looked up.
    surnames: CharSet,
    titles: Vec<String>,
    known_names: Vec<String>,
    joins: PairJoins,
    /// The language model that knows the words of laws and official documents.
    model: Option<Arc<SharedModel>>,
}

/// The least log-probability (natural log) of the second character after the
/// first for a stored pair to count as a word of the model's texts. Measured
/// on 136 common names (张伟, 王芳, 李建华 …): the two-character ones the
/// model stores above it are words in their own right (高峰, 秦岭, 孔明) but for
/// 王艳, 李明 and 陈明 (which the training texts name); the words of laws the
/// rule took for names (林权, 陈化, 梁底, 马草, 施策) are all above -6.
const KNOWN_PAIR: f32 = -6.0;

/// Whether jieba segments two characters, alone, as one word: a pure function
/// of the pair and jieba's dictionary, remembered across lints (a few hundred
/// pairs in a report; at most [`PairJoins::CAPACITY`] are kept).
#[derive(Debug, Clone, Default)]
struct PairJoins(Arc<RwLock<HashMap<(char, char), bool>>>);

impl PairJoins {
    const CAPACITY: usize = 100_000;

    fn get(&self, a: char, b: char) -> bool {
        if let Some(&joined) = self.0.read().unwrap_or_else(PoisonError::into_inner).get(&(a, b)) {
            return joined;
        }
        let mut pair = String::with_capacity(8);
        pair.push(a);
        pair.push(b);
        let joined = jieba().cut(&pair, false).len() == 1;
        let mut known = self.0.write().unwrap_or_else(PoisonError::into_inner);
        if known.len() < Self::CAPACITY {
            known.insert((a, b), joined);
        }
        joined
    }
}

/// Characters that continue a place name (刘庄村, 王楼镇), not a person's name.
const PLACE_SUFFIXES: &[char] =
    &['村', '镇', '乡', '县', '区', '街', '路', '庄', '沟', '湖', '山', '河', '寨', '营', '屯'];

/// Characters that make a unit of what comes before them (林草局, 住建委,
/// 政法委): a word that names a unit is an abbreviation of its field, not
/// a person, wherever else the document writes it.
const UNIT_SUFFIXES: &[char] = &['局', '委', '办', '厅', '处', '科', '站', '所', '队', '署'];

/// Words that make a place of the name before them anywhere in the document (金普新区, 滨海园区, 东湖社区):
/// the kinds of area that are named like a person, two characters and a noun.
const PLACE_NOUNS: &[&str] = &["新区", "园区", "开发区", "高新区", "社区", "景区", "林场", "农场"];

/// Words that make a namesake of the name before them (梁柏台红色教育基地,
/// 焦裕禄精神, 雷锋纪念馆, 万寿岩讲坛): a place, a meeting, a lecture series or a
/// spirit named after a historical person or a site, whom a report may name.
const EPONYM_NOUNS: &[&str] = &[
    "红色",
    "精神",
    "纪念",
    "故居",
    "旧居",
    "旧址",
    "遗址",
    "事迹",
    "生平",
    "烈士",
    "陵园",
    "教育基地",
    "干部学院",
    "讲坛",
    "讲堂",
    "论坛",
];

/// Words that make a field of the word before them (林草工作, 林草资源): what
/// a department's abbreviation is followed by, and a person's name is not.
const FIELD_NOUNS: &[&str] = &["工作", "资源", "系统", "行业", "领域", "部门", "执法", "法治", "产业", "事业"];

/// A post that names a system after it (林长制, 河长制, 田长制, 路长制): X长 followed by
/// 制, or written as one word, is the system of chiefs for X, not a person.
fn names_a_chief_system(word: &str, after: &str) -> bool {
    word.ends_with("长制") || (word.ends_with('长') && after.starts_with('制'))
}

/// Private persons' names in a published report.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PrivacyFields {
    /// Characters that start a Chinese surname.
    #[serde(default)]
    pub surnames: Option<String>,
    /// Words next to a name that mark it as an official's (书记, 主任 …).
    #[serde(default)]
    pub titles: Vec<String>,
    /// Public figures' names that are never reported.
    #[serde(default)]
    pub known_names: Vec<String>,
    /// A language model file (as a `spelling` rule's): a two-character word
    /// its texts write together is not taken for a name.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub model: Option<toml::Spanned<String>>,
}

impl Kind for PrivacyRule {
    const NAME: &'static str = "privacy";
    type Fields = PrivacyFields;

    fn from_def(def: &RuleDef, fields: PrivacyFields, pack: &PackContext) -> Result<PrivacyRule, CompileError> {
        let missing = || (def.kind.span(), "privacy 规则需要 surnames：常见姓氏".to_string());
        let surnames = fields.surnames.as_deref().ok_or_else(missing)?;
        let model = match &fields.model {
            Some(file) => Some(load_model(pack.origin, file.get_ref()).map_err(|m| (file.span(), m))?),
            None => None,
        };
        Ok(PrivacyRule::new(surnames, fields.titles, fields.known_names).with_model(model))
    }

    fn lint(&self, rule: &Rule, cx: &LintContext, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let jieba = jieba();
        let blocks = doc.body_ranges().iter().filter(|r| cx.wants(r)).cloned().flat_map(|range| {
            han_blocks(doc.slice(&range)).map(move |block| range.start + block.start..range.start + block.end)
        });
        for range in blocks {
            let text = doc.slice(&range);
            // 眉彭法领发〔2021〕2号: the organ's code of a document number.
            let numbered = doc.text[range.end..].starts_with(['〔', '[', '［']);
            if numbered || !self.may_name_someone(text) {
                continue;
            }
            // Words first, tags only for a word that passes every other test of a name: jieba tags a word
            // it does not know with its part-of-speech model, whose building most texts can then skip. The
            // tags come from the same segmentation, word for word.
            let tags = jieba.cut(text, true);
            // What stands before the block in its paragraph (a figure, a parallel phrase's first half).
            let paragraph_start = doc.paragraph_at(range.start).map_or(range.start, |p| doc.paragraphs[p].range.start);
            let preceding = &doc.text[paragraph_start..range.start];
            let tagged = std::cell::OnceCell::new();
            let names_someone = |i: usize| {
                let tagged: &Vec<jieba_rs::Tag> = tagged.get_or_init(|| jieba.tag(text, true));
                tagged.get(i).is_some_and(|t| t.tag.starts_with("nr"))
            };
            for (i, tag) in tags.iter().enumerate() {
                if !self.may_be_a_name(preceding, text, &tags, i) || !names_someone(i) {
                    continue;
                }
                let span = range.start + tag.byte_start..range.start + tag.byte_end;
                let mut finding = rule.finding(doc, span.clone(), fill(&rule.meta.message, &[("text", tag.word)]));
                finding.fixes.push(Fix::replace("改为“当事人”", span, "当事人", false));
                out.push(finding);
            }
        }
    }

    /// A name is judged within its block of Han characters in one body
    /// paragraph; the document-wide guard runs after it
    /// ([`Kind::dismiss_in_document`]).
    fn is_paragraph_local(&self) -> bool {
        true
    }

    /// A word that has passed every other test of a name is tagged, and the
    /// tagger is built on the warm-up thread after jieba's dictionary.
    fn may_wait_for_a_model(&self) -> bool {
        true
    }

    /// Drops the names the whole document shows to be a unit's stem or a
    /// place: 林草 (林业和草原) is written as 林草局 somewhere, so neither 林草
    /// nor 于林草 (统一于林草法治建设) is a person; 罗源 is written as 罗源县, so
    /// 法治罗源 names the county. A unit or place is found by the paragraph
    /// that names it; its short name may stand alone in any other.
    fn dismiss_in_document(&self, rule_id: &str, doc: &Document, findings: &mut Vec<Finding>) {
        let names_a_unit = |word: &str| {
            let mut stems = vec![word];
            if word.chars().count() == 3 {
                stems.extend(word.char_indices().nth(1).map(|(at, _)| &word[at..]));
            }
            stems.iter().any(|stem| {
                doc.text.match_indices(stem).any(|(at, _)| {
                    let rest = &doc.text[at + stem.len()..];
                    PLACE_NOUNS.iter().any(|n| rest.starts_with(n))
                        || rest.chars().next().is_some_and(|c| {
                            UNIT_SUFFIXES.contains(&c) || PLACE_SUFFIXES.contains(&c) || matches!(c, '市' | '州' | '旗')
                        })
                })
            })
        };
        findings.retain(|f| f.rule != rule_id || !names_a_unit(&f.text));
    }
}

impl PrivacyRule {
    pub fn new(surnames: &str, titles: Vec<String>, known_names: Vec<String>) -> PrivacyRule {
        let surnames = CharSet::new(surnames.chars());
        PrivacyRule { surnames, titles, known_names, joins: PairJoins::default(), model: None }
    }

    /// The same rule, taking the two-character words `model`'s texts write for words.
    pub fn with_model(mut self, model: Option<Arc<SharedModel>>) -> PrivacyRule {
        self.model = model;
        self
    }

    /// Is `word` a two-character word the model's texts write together (see
    /// [`KNOWN_PAIR`])?
    fn written_in_official_texts(&self, word: &str) -> bool {
        let Some(model) = &self.model else { return false };
        let mut chars = word.chars();
        let (Some(a), Some(b), None) = (chars.next(), chars.next(), chars.next()) else { return false };
        let model = model.get();
        let (a, b) = (model.id(a), model.id(b));
        model.knows_bigram(a, b) && model.log_prob2(a, b) >= KNOWN_PAIR
    }

    fn is_surname(&self, c: char) -> bool {
        self.surnames.contains(c)
    }

    /// Does the word `tags[i]` of the block `text` pass every test of a
    /// person's name but jieba's tag (which needs its part-of-speech model,
    /// and is asked last)? `preceding` is the paragraph's text before the block.
    fn may_be_a_name(&self, preceding: &str, text: &str, tags: &[jieba_rs::Token], i: usize) -> bool {
        let tag = &tags[i];
        let length = tag.word.chars().count();
        let first = tag.word.chars().next();
        let after = tags.get(i + 1).map(|t| t.word).unwrap_or("");
        // 张某, 李某某: names already withheld, as published judgments write them;
        // 张甲, 张乙: the parties of a case told with the stems for names.
        let withheld = tag.word.chars().nth(1).is_some_and(|c| matches!(c, '某' | '甲' | '乙' | '丙' | '丁'))
            || after.starts_with('某');
        // 常学常新、常悟常进, 边学边改: a parallel phrase repeats its first character; the word may
        // start at its second (敢|管敢|严) or at its third (常管|常严).
        let mut from_here = text[tag.byte_start..].chars();
        let parallel = from_here.next().is_some_and(|c| from_here.nth(1) == Some(c));
        let mut back = preceding.chars().chain(text[..tag.byte_start].chars()).rev();
        let (char_before, two_before) = (back.next(), back.next());
        let parallel = parallel
            || (char_before.is_some() && char_before == tag.word.chars().nth(1))
            || (two_before.is_some() && two_before == first);
        // 开展活动500余场, 发放手册2万余册: after a figure, 余 and 万 count, they are no surname.
        let counted = char_before.is_some_and(|c| c.is_ascii_digit() || crate::text::is_chinese_numeral(c))
            && tag.word.starts_with(['余', '万']);
        // 宣传单张超800份: a word's last character and a count run together (超800份, 近百人), not a
        // person. Only a counting word before a figure: a name may stand before one (返还吴小秦15元).
        let before_figure = after.starts_with(|c: char| c.is_ascii_digit())
            && tag.word.ends_with(['超', '近', '约', '达', '共', '计', '逾']);
        let candidate = !withheld
            && !parallel
            && !counted
            && !before_figure
            && (2..=3).contains(&length)
            && first.is_some_and(|c| self.is_surname(c))
            && !jieba().has_word(tag.word)
            && !self.known_names.iter().any(|n| n == tag.word)
            && !self.written_in_official_texts(tag.word)
            && !ends_an_idiom(tag.word);
        if !candidate {
            return false;
        }
        let before = i.checked_sub(1).map(|p| tags[p].word).unwrap_or("");
        let titled = self.titles.iter().any(|t| before.ends_with(t.as_str()) || after.starts_with(t.as_str()));
        let suffixed = |suffixes: &[char]| {
            after.chars().next().is_some_and(|c| suffixes.contains(&c))
                || tag.word.chars().next_back().is_some_and(|c| suffixes.contains(&c))
        };
        let field = FIELD_NOUNS.iter().any(|n| after.starts_with(n));
        let namesake = EPONYM_NOUNS.iter().any(|n| after.starts_with(n));
        !(titled
            || field
            || namesake
            || suffixed(PLACE_SUFFIXES)
            || suffixed(UNIT_SUFFIXES)
            || names_a_chief_system(tag.word, after))
    }

    /// Can tagging `block` (one of [`han_blocks`]) find an unknown word that
    /// starts with a surname? jieba's HMM makes unknown words only out of runs
    /// of single characters left by the dictionary segmentation, so there must
    /// be a surname left alone with a single character after it.
    pub fn may_name_someone(&self, block: &str) -> bool {
        let mut surname_before = None;
        let may_stand_alone = block.chars().any(|c| {
            let alone = surname_before.is_some_and(|s| is_han(c) && !self.joins.get(s, c));
            surname_before = Some(c).filter(|&c| self.is_surname(c));
            alone
        });
        if !may_stand_alone {
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
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words that pass every other test of a name are the only ones jieba is
    /// asked to tag, which needs its part-of-speech model: counts after a
    /// figure and the halves of a parallel phrase never are.
    #[test]
    fn only_a_word_that_passes_every_other_test_is_tagged() {
        let rule = PrivacyRule::new("刘余万常敢管", Vec::new(), Vec::new());
        // Without the tests, each of these would reach the tagger (and the model be built for it).
        let unguarded = |block: &str| jieba().cut(block, true).iter().any(|t| !jieba().has_word(t.word));
        assert!(["余场", "余册份", "万场"].iter().all(|block| unguarded(block)));
        let reaches_the_tag = |preceding: &str, block: &str| -> Vec<String> {
            let tokens = jieba().cut(block, true);
            (0..tokens.len())
                .filter(|&i| rule.may_be_a_name(preceding, block, &tokens, i))
                .map(|i| tokens[i].word.to_string())
                .collect()
        };
        assert_eq!(reaches_the_tag("也发生了", "刘庆房屋拆除案件"), ["刘庆"]);
        let cases = [
            ("开展活动30", "余场"),
            ("发放手册1500", "余册份"),
            ("举办讲座2", "万场"),
            ("坚持", "敢管敢严"),
            ("", "常管常严"),
        ];
        for (preceding, block) in cases {
            assert_eq!(reaches_the_tag(preceding, block), Vec::<String>::new(), "{preceding}{block}");
        }
    }

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

    /// The pre-filter before the pair test: a surname and a Han character left
    /// as single characters, side by side, by jieba's segmentation.
    fn segmentation_leaves_a_surname_alone(rule: &PrivacyRule, block: &str) -> bool {
        let single = |word: &str| {
            let mut chars = word.chars();
            chars.next().filter(|_| chars.next().is_none())
        };
        jieba().cut(block, false).windows(2).any(|pair| {
            single(pair[0].word).is_some_and(|c| rule.is_surname(c)) && single(pair[1].word).is_some_and(is_han)
        })
    }

    #[test]
    fn the_pair_test_keeps_every_block_segmentation_leaves_a_surname_alone_in() {
        // Surnames in words (关于 任务 程序 提高 方面 文件) and alone (于是 is a word too).
        let rule = PrivacyRule::new("于任程高方文王刘", Vec::new(), Vec::new());
        let alphabet: Vec<char> = "关于任务程序提高方面文件王刘庆是的在工作和".chars().collect();
        let mut rng = crate::fuzz::SeededRng::new(29);
        let mut kept = 0;
        for _ in 0..5000 {
            let block = rng.text(&alphabet, 2..14);
            if segmentation_leaves_a_surname_alone(&rule, &block) {
                kept += 1;
                assert!(rule.may_name_someone(&block), "{block:?}");
            }
        }
        assert!(kept > 500, "the test text should leave surnames alone ({kept})");
        // And the pair test does rule surnames in words out.
        assert!(rule.joins.get('任', '务') && rule.joins.get('程', '序') && !rule.joins.get('刘', '庆'));
    }
}
