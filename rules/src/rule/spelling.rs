//! `kind = "spelling"`: wrong characters found from their context.
//!
//! A typo list knows only the mistakes someone wrote down; a writer picking
//! the wrong character from the input method (机制→机智, 数据→数局) makes new
//! ones every day. This kind asks, for each Chinese character, whether one of
//! the characters it is easily confused with ([`Channel`]: same pinyin,
//! similar pinyin, similar shape — lists and the glyphs themselves; see
//! `rules/packs/data/README.md`) reads much better in its place, using the
//! character [`language model`](crate::language_model) of official Chinese
//! the rule's `model` file holds.
//!
//! # The decision (a noisy channel)
//!
//! For the character `c` at position `i` of a run of Han characters and a
//! candidate `x` from its confusion set, the rule compares the log
//! probabilities of the three trigrams that contain position `i`:
//!
//! ```text
//! gain(x) = Σ_{k=i..i+2} ln P(t_k | t_{k-2} t_{k-1})[c→x]  −  Σ_{k=i..i+2} ln P(t_k | …)[as written]
//!           − cost(channel of x)
//! ```
//!
//! and reports `c` when the best candidate's gain reaches the rule's
//! `threshold` (in nats: a gain of 7 means the text with `x` is e^7 ≈ 1,100
//! times more probable). The channel cost is the prior against each kind of
//! slip: a same-sound, same-tone character is the most common input-method
//! mistake and costs nothing; other tones, similar sounds and similar shapes
//! cost more. A sound slip also pays for putting a rarer character in place
//! of a commoner one (`RARITY_WEIGHT`): the input method lists a syllable's
//! characters most frequent first, so 暨 typed for 继 is unlikely, while the
//! language model prefers the commoner character everywhere.
//!
//! Whole-word slips are scored the same way, a pair of characters at a time
//! (`examine_word_slips`): an input method offers a common
//! two-character word for its pinyin, and 暴涨 stands where 保障 was meant.
//! When the pair as written is itself a common pair (暴涨 is a word), or a
//! lexicon word the model's texts never wrote (桂花 for 规划), or opens or
//! closes its run (墙画监督 after a comma), the replacement needs a larger gain.
//!
//! Suggestions are scored one at a time, each with its neighbours as
//! written. Two within two characters of each other may contradict each
//! other (检查院: 查→察 and 院→员), so of such a cluster the subset that reads
//! best together is kept (`resolve_neighbours`); and a run in which something
//! was found is looked at once more with it put right, since a wrong
//! neighbour can hide a second slip (具休雪见 → 具体削减; `examine_corrected`).
//! A sentence with one slip is likely to hold another (whoever let one
//! through did not proofread it), so its other runs are examined again with
//! a threshold `SECOND_LOOK` nats lower, for sound slips only
//! (`second_look`: 形成工作和力 is found beside 依法决车, not alone).
//!
//! # Which characters are scored
//!
//! Only a *surprising* one: the model gives it, or the character after it, a
//! log probability below −7.5 as written (a pair tried as a whole-word slip,
//! from −6: its surprise is spread over two characters). Its candidates are the most frequent
//! characters of each channel of its confusion set, and a candidate stops
//! being scored as soon as the trigrams so far leave it short of the
//! threshold (each trigram still to come adds at most ln 1 = 0).
//!
//! # Guards against false alarms
//!
//! A character is left alone when:
//! - it has no confusion set (characters outside GB 2312: names, places), or its run of
//!   Han characters is shorter than four (too little context), or it follows
//!   a figure or a Latin letter (a measure word or unit: 3次, 5G网络), or
//!   ends its run before a figure (共159条: the model takes the figure for
//!   the end of a sentence);
//! - the candidate is a numeral and so is the character (二中全会 and 三中全会
//!   are different facts, not a slip the language can tell), or both are
//!   levels of administrative division (依法治县办, not 依法治乡办);
//! - it lies inside a lexicon word of three to six characters (the lexicon of
//!   570k words, jieba's and pycorrector's, is broad and modern, so this also
//!   keeps new political vocabulary that the law texts of the model lack),
//!   unless the candidate makes an equally long word;
//! - no candidate makes a lexicon word with its neighbours; and when the
//!   character as written makes one too, or opens its run (only its right
//!   context speaks), or ends it before an opening quotation mark or bracket
//!   (only its left context does: 报告虽“短” is not 报告员), or the
//!   candidate makes its word only by taking a
//!   character from a two-character word of the text (年度|共|开展 read as
//!   公开|展), the candidate needs 5 nats more evidence — 8 for a similar shape
//!   when the character as written makes a word (政法文化 is not 政治文化: a
//!   pinyin input method does not offer 法 for 治); a replacement that makes
//!   a lexicon word of four to six characters the text as written is not
//!   (社会保鲜 → 社会保险, 海关总数 → 海关总署) needs 4 nats less of that
//!   margin, and of the margin a whole-word slip needs (公共自愿交易 →
//!   公共资源交易);
//! - it is part of a parallel phrase (敢管敢严, 一老一小; 读原著学原文悟原理), a phrase
//!   coined on the frame of several idioms (真督实察 after 真抓实干, 真心实意) or an
//!   enumeration marker (一是 … 五是), or of one of two short list items built
//!   alike (直奔基层、直插现场; 以干为先、以绩为准);
//! - the two characters around it that the model finds improbable occur
//!   elsewhere in the document — a string written twice is meant, as a
//!   place, unit or person name is (checked document-wide after the
//!   paragraph-local search, see [`SpellingRule::dismiss_in_document`]);
//! - it belongs to a two-character string of the title, the addressee or the
//!   signature, where the issuing unit and its place are named;
//! - it is one of two characters that open their clause before a level of
//!   administrative division (兴江乡在县委的领导下: a unit names itself so, and
//!   an excerpt may lack the title that names it too), or inside 嘎查 or 苏木,
//!   the village and township of 内蒙古;
//! - it is inside a short quotation or title (“湾事芜优”, “粤省事”, 《法治伴你行》:
//!   a name or a slogan, often a pun on a set phrase), or one of the three characters after an
//!   official's post (局长龙艳慧: a name) or before a title written after a
//!   name (郦波教授, 刘庆同志);
//! - it is inside a string of four characters that several reports of
//!   different issuers write (学深悟透, 学深一层: newer wording the law texts
//!   lack), or inside a string of two that they write and the model's texts
//!   never did (迎检, 住建, 军休: words of today's administration), the rule's
//!   `wording` file ([`Wording`]), built from the real reports the project
//!   holds;
//! - it is in an allowed word of the workspace (as for every rule).
//!
//! How these were chosen, and what they cost in recall, is measured in
//! `BENCHMARKS.md` ("Spelling").
//!
//! The fix is offered, never applied by `gwlint check --fix` (`safe_fix`
//! defaults to false): the model is right most of the time, not always.

use super::{CompileError, Finding, Fix, Kind, LintContext, PackContext, Rule, fill, scope::Scope, scope_of};
use crate::document::Document;
use crate::language_model::{BOUNDARY, Channel, CharId, Model, SharedModel, UNKNOWN};
use crate::pack_data::{load_model, read_data_file};
use crate::schema::RuleDef;
use crate::segment;
use crate::text::{is_chinese_numeral, is_ordinal_numeral};
use schemars::JsonSchema;
use serde::Deserialize;
use std::ops::Range;
use std::sync::Arc;
use toml::Spanned;

/// The default decision threshold, in nats (see the module documentation).
pub const DEFAULT_THRESHOLD: f64 = 7.0;

/// How much more evidence (in nats) a replacement needs when the character
/// as written also makes a word with a neighbour.
const AMBIGUITY_MARGIN: f32 = 5.0;

/// A character is scored only if the model gives it, or the character after
/// it, a log probability below −SURPRISE (in nats) as written.
const SURPRISE: f32 = 7.5;

/// The same screen for a pair typed as another word (嘟到 for 督导): the
/// surprise of a whole-word slip is spread over its two characters, so each
/// looks less wrong than a single slip. Screening pairs from −6 nats found 嘟到
/// in ECSpell's development split and nothing new in the real texts or the
/// laws, for a few per cent of the rule's time (few pairs have homophone words).
const PAIR_SURPRISE: f32 = 6.0;

/// The longest word [`SpellingRule::makes_word`] looks for.
const MAKES_WORD_LONGEST: usize = 4;

/// The prior against a whole-word slip, in nats (both characters change).
const WORD_SLIP_COST: f32 = 1.0;

/// How much more evidence (in nats) a whole-word slip needs when the pair as
/// written is itself a pair the texts wrote (暴涨 for 保障). Chosen on the
/// development split: recall rises from 0.441 to 0.470 for any margin from 5
/// to 10 with no new false alarm on the real reports, and a margin of 3 brings
/// two (名同志 → 通知, 内涵和实践 → 时间); see `BENCHMARKS.md`.
const REAL_WORD_MARGIN: f32 = 8.0;

/// How much of the frequency gap between a candidate and the character as
/// written is charged against a sound slip (per nat of ln P(candidate) −
/// ln P(written), when positive). An input method lists the characters of a
/// syllable by frequency, so a writer who meant 继 and got 暨, or meant 年
/// and got 黏, went far down the list; the language model, for its part,
/// favours the commoner character everywhere. Chosen on the development
/// split: 0.25 costs 0.005 of its recall and removes three of the ten
/// findings on the 128 real texts; 0.5 and above cost more recall
/// (`BENCHMARKS.md`).
const RARITY_WEIGHT: f32 = 0.25;

/// [`RARITY_WEIGHT`] for a whole-word slip, summed over its two characters.
/// An input method offers a word as a whole, most frequent first, so a pair
/// of rare characters taken for a common word (暨局 for 集聚) is rarer still.
/// Chosen on the development split: any weight from 0.5 to 1.0 removes the
/// one such finding left on the real texts, and 1.0 raises precision most
/// (0.805 → 0.811) at the same recall; 2.0 costs recall.
const WORD_SLIP_RARITY_WEIGHT: f32 = 1.0;

/// How much more evidence (in nats) a whole-word slip at the start or the end
/// of its run needs (墙画监督 for 强化监督 after a comma): one side of its
/// context is a boundary. On the development split any margin from 0 to 6
/// finds the same slips with no new finding on the real reports; 3 keeps a
/// margin for text unlike both. See `BENCHMARKS.md` ("Spelling, session 10").
const EDGE_PAIR_MARGIN: f32 = 3.0;

/// How much more evidence (in nats) a whole-word slip needs when the pair as
/// written is a lexicon word the model's texts never wrote (桂花 for 规划,
/// 靠河 for 考核). Before session 10 such a pair was never replaced; a margin
/// of 0 brings one false alarm on the real reports (景泰涌 → 静态), 3 none,
/// with the same recall as 0 on the development split to within one sentence.
const UNSEEN_WORD_MARGIN: f32 = 3.0;

/// How much less evidence (in nats) a sound slip needs in a sentence where
/// another was found wrong ([`SpellingRule::second_look`]). Chosen on the
/// development split: 3 and 4 raise sentence precision from 0.839 to 0.850,
/// 5 and 6 to 0.858 with no new finding on the real reports or the laws; 7
/// brings one on the reports. Shape slips are left out of the second look:
/// with them, 5 brought two false alarms on the reports (于法有据, 挺在前).
const SECOND_LOOK: f32 = 5.0;

/// How much of the word margins is waived — the [`AMBIGUITY_MARGIN`] of a
/// character that makes a word as written (保鲜, 总数) or stands at the edge
/// of its run, the shape slip's and the real-word pair's [`REAL_WORD_MARGIN`]
/// (主台, 自愿) — when the replacement makes a lexicon word of four to six
/// characters that the text as written is not (社会保险, 海关总署, 主治医师, 公共资源交易):
/// the longer word is evidence the three trigrams do not see. Chosen on the
/// development split (det-F1 0.689 → 0.698 / 0.701 / 0.701 / 0.704 at 3 / 4 /
/// 5 / 8 nats) and the 771 real texts (no new finding at 3 and 4; 实用法律 →
/// 适用 at 5; 民生决策 → 民主 and 南广河流 → 黄河 too at 8); see
/// `BENCHMARKS.md` ("Spelling, session 26").
const LONG_WORD_RELIEF: f32 = 4.0;

/// Runs shorter than this many Han characters are not examined.
const MIN_RUN: usize = 4;

#[derive(Debug, Clone)]
pub struct SpellingRule {
    model: Arc<SharedModel>,
    /// Wording many independent reports write ([`Wording`]).
    wording: Arc<Wording>,
    threshold: f32,
    scope: Scope,
    safe: bool,
}

/// Established wording: strings of four Han characters that several reports
/// of different issuers write (学深悟透, 学深一层), and strings of two (迎检,
/// 住建). The model's texts — laws and official sentences — lack much of the
/// newer wording reports use; a string written by several independent reports
/// is meant, so a suggestion inside one is dropped. A two-character string
/// counts only where the model's texts never wrote it
/// ([`SpellingRule::in_established_pair`]): most pairs reports share are
/// words the laws write too (法治, 总数), which a slip can make. Built by
/// `rules/packs/data/build_report_wording.py`.
#[derive(Debug, Default)]
pub struct Wording {
    /// Each string packed into an integer ([`pack_han`]), sorted: the file
    /// has some 17,000 lines, read at every start, and a sorted list of
    /// integers is built and searched for far less than a hash set of strings.
    fours: Vec<u64>,
    pairs: Vec<u64>,
}

/// Han characters (U+4E00..U+9FFF: 15 bits each once offset) packed into one
/// integer, first character highest, so that packed strings of one length
/// sort as the strings do.
fn pack_han(chars: &[char]) -> u64 {
    chars.iter().fold(0, |key, &c| key << 15 | u64::from(c as u32 - 0x4E00))
}

impl Wording {
    /// Reads the file's lines: two or four Han characters each; `#` starts a comment.
    pub fn parse(text: &str) -> Result<Wording, String> {
        let mut wording = Wording::default();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut chars = ['\0'; 4];
            let mut len = 0;
            for c in line.chars() {
                if !is_han(c) {
                    return Err(format!("第{}行“{line}”不全是汉字：每行应写一个两字或四字的常用表述", n + 1));
                }
                if len == chars.len() {
                    len += 1;
                    break;
                }
                chars[len] = c;
                len += 1;
            }
            match len {
                2 => wording.pairs.push(pack_han(&chars[..2])),
                4 => wording.fours.push(pack_han(&chars)),
                _ => return Err(format!("第{}行“{line}”不是两个或四个汉字：每行应写一个两字或四字的常用表述", n + 1)),
            }
        }
        // The shipped file is sorted, so these sorts only check it.
        for list in [&mut wording.fours, &mut wording.pairs] {
            list.sort_unstable();
            list.dedup();
        }
        Ok(wording)
    }

    /// Is the string of Han characters `chars` (two or four) in the list?
    fn holds(&self, chars: &[char]) -> bool {
        if !chars.iter().all(|&c| is_han(c)) {
            return false;
        }
        let list = if chars.len() == 2 { &self.pairs } else { &self.fours };
        list.binary_search(&pack_han(chars)).is_ok()
    }

    /// Does a four-character string of `text` around `range` (overlapping it)
    /// belong to the established wording?
    fn covers(&self, text: &str, range: Range<usize>) -> bool {
        if self.fours.is_empty() {
            return false;
        }
        Around::new(text, range, 3).windows(4).any(|w| self.holds(w))
    }
}

/// The Han characters of a range of a text and up to `reach` Han characters
/// on each side of it, for looking up the strings that overlap the range.
struct Around {
    chars: Vec<char>,
    /// Where the range's characters start and end in `chars`.
    first: usize,
    last: usize,
}

impl Around {
    fn new(text: &str, range: Range<usize>, reach: usize) -> Around {
        let before: Vec<char> = text[..range.start].chars().rev().take(reach).take_while(|&c| is_han(c)).collect();
        let inside = text[range.clone()].chars();
        let after = text[range.end..].chars().take(reach).take_while(|&c| is_han(c));
        let first = before.len();
        let chars: Vec<char> = before.into_iter().rev().chain(inside).chain(after).collect();
        let last = first + text[range].chars().count();
        Around { chars, first, last }
    }

    /// The windows of `len` characters that hold at least one character of the range.
    fn windows(&self, len: usize) -> impl Iterator<Item = &[char]> {
        self.chars
            .windows(len)
            .enumerate()
            .filter(move |(start, _)| *start < self.last && start + len > self.first)
            .map(|(_, w)| w)
    }
}

/// A character (or a two-character word) the model would write otherwise.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    /// Byte range of what is replaced.
    pub range: Range<usize>,
    pub found: String,
    pub replacement: String,
    pub channel: Channel,
    /// How much more probable the text reads with the replacement, in nats,
    /// after the channel's cost.
    pub gain: f32,
}

/// Wrong characters found from their context by a language model.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SpellingFields {
    /// The language model file (built by `rules/packs/data/build_spelling.py`),
    /// relative to the pack file and inside its folder.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub model: Option<Spanned<String>>,
    /// Established wording (optional): a text file of two- and four-character strings
    /// that several independent reports write, one per line (built by
    /// `rules/packs/data/build_report_wording.py`); a suggestion inside a four-character
    /// one, or inside a two-character one the model's texts never wrote, is dropped.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub wording: Option<Spanned<String>>,
    /// How much more probable (in nats, natural log) the text must read with the
    /// other character before the rule reports it; default 7.
    #[serde(default)]
    pub threshold: Option<f64>,
    /// Where the rule looks: `document`, `body` (the default), `parts` (body text from the first
    /// heading on), `headings`, `title` or `section:KEY` (the body of the section a `section` rule
    /// with that key finds).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub scope: Option<Spanned<String>>,
    /// Is the fix safe to apply without reading it (`gwlint check --fix`)? Default: false.
    #[serde(default)]
    pub safe_fix: Option<bool>,
}

impl Kind for SpellingRule {
    const NAME: &'static str = "spelling";
    type Fields = SpellingFields;

    fn from_def(def: &RuleDef, fields: SpellingFields, pack: &PackContext) -> Result<SpellingRule, CompileError> {
        let scope = scope_of(&fields.scope, Scope::Body)?;
        let missing = || (def.kind.span(), "spelling 规则需要 model：语言模型文件的路径".to_string());
        let file = fields.model.as_ref().ok_or_else(missing)?;
        let model = load_model(pack.origin, file.get_ref()).map_err(|m| (file.span(), m))?;
        let wording = match &fields.wording {
            Some(file) => read_data_file(pack.origin, file.get_ref())
                .and_then(|text| Wording::parse(&text))
                .map_err(|m| (file.span(), format!("常用表述文件“{}”：{m}", file.get_ref())))?,
            None => Wording::default(),
        };
        // Offered, never applied unread: the model is right most of the time, not always.
        SpellingRule::new(model, fields.threshold, scope, fields.safe_fix.unwrap_or(false))
            .map(|rule| rule.with_wording(wording))
            .map_err(|m| (def.kind.span(), m))
    }

    fn lint(&self, rule: &Rule, cx: &LintContext, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        for range in self.scope.ranges(cx).into_iter().filter(|r| cx.wants(r)) {
            for s in self.suggestions(&doc.text[range.clone()]) {
                let start = range.start + s.range.start;
                let end = range.start + s.range.end;
                out.push(self.finding(rule, doc, start..end, &s));
            }
        }
    }

    /// The search is paragraph-local; the document-wide guards run after it
    /// ([`Kind::dismiss_in_document`]).
    fn is_paragraph_local(&self) -> bool {
        self.scope.is_paragraph_local()
    }

    /// Drops this rule's findings that the whole document explains: the
    /// improbable string around the character is written elsewhere too, or
    /// it names the issuing unit in the title, addressee or signature.
    fn dismiss_in_document(&self, rule_id: &str, doc: &Document, findings: &mut Vec<Finding>) {
        if !findings.iter().any(|f| f.rule == rule_id) {
            return;
        }
        let named: Vec<Range<usize>> = doc
            .title
            .iter()
            .chain(doc.addressee.iter())
            .chain(doc.signers.iter())
            .map(|&p| doc.paragraphs[p].range.clone())
            .collect();
        findings.retain(|f| f.rule != rule_id || !self.explained_by_document(doc, &named, f.range.clone()));
    }
}

impl SpellingRule {
    pub fn new(
        model: Arc<SharedModel>,
        threshold: Option<f64>,
        scope: Scope,
        safe: bool,
    ) -> Result<SpellingRule, String> {
        let threshold = threshold.unwrap_or(DEFAULT_THRESHOLD);
        if !(threshold.is_finite() && (0.0..=100.0).contains(&threshold)) {
            return Err(format!("threshold = {threshold} 超出范围：应为 0 到 100 之间的数（单位：奈特）"));
        }
        Ok(SpellingRule { model, wording: Arc::default(), threshold: threshold as f32, scope, safe })
    }

    /// The rule with `wording` as its established wording.
    pub fn with_wording(mut self, wording: Wording) -> SpellingRule {
        self.wording = Arc::new(wording);
        self
    }

    pub fn model(&self) -> &Arc<SharedModel> {
        &self.model
    }

    /// The same rule with another threshold (for measuring it).
    pub fn with_threshold(&self, threshold: f64) -> Result<SpellingRule, String> {
        SpellingRule::new(self.model.clone(), Some(threshold), self.scope.clone(), self.safe)
            .map(|rule| SpellingRule { wording: self.wording.clone(), ..rule })
    }

    fn finding(&self, rule: &Rule, doc: &Document, range: Range<usize>, s: &Suggestion) -> Finding {
        let (context, suggested) = context_words(&doc.text, range.clone(), &s.replacement);
        let found = s.found.clone();
        let replacement = s.replacement.clone();
        let gain = readable_ratio(s.gain.exp());
        let values = [
            ("text", found.as_str()),
            ("replacement", replacement.as_str()),
            ("context", context.as_str()),
            ("suggestion", suggested.as_str()),
            ("channel", s.channel.label_zh()),
            ("ratio", gain.as_str()),
        ];
        let mut finding = rule.finding(doc, range.clone(), fill(&rule.meta.message, &values));
        finding.fixes.push(Fix::replace(format!("改为“{replacement}”（{suggested}）"), range, replacement, self.safe));
        finding
    }

    /// The characters of `text` the model would write otherwise, with the
    /// paragraph-local guards applied (not the document-wide ones).
    pub fn suggestions(&self, text: &str) -> Vec<Suggestion> {
        let mut out = Vec::new();
        // Runs examined without a finding, looked at again below if their
        // sentence has one.
        let mut quiet: Vec<(Range<usize>, char, char)> = Vec::new();
        let mut run: Vec<(usize, char, CharId)> = Vec::new();
        // The character before the current run.
        let mut before_run = '\n';
        let mut previous = '\n';
        for (at, c) in text.char_indices().chain(std::iter::once((text.len(), '\n'))) {
            if is_han(c) {
                if run.is_empty() {
                    before_run = previous;
                }
                run.push((at, c, self.model.id(c)));
            } else {
                if run.len() >= MIN_RUN {
                    let first = out.len();
                    self.examine_run(&run, before_run, c, self.threshold, &mut out);
                    if out.len() > first {
                        self.resolve_neighbours(&run, first, &mut out);
                        self.examine_corrected(&run, before_run, c, first, &mut out);
                        self.resolve_neighbours(&run, first, &mut out);
                    } else {
                        quiet.push((run[0].0..at, before_run, c));
                    }
                }
                run.clear();
            }
            previous = c;
        }
        // The second look follows only findings that these guards keep.
        out.retain(|s| self.kept(text, s));
        self.second_look(text, &quiet, &mut out);
        out
    }

    /// Does a suggestion pass the guards that look at the text around it
    /// (established wording, short quotations, names, parallel items)?
    fn kept(&self, text: &str, s: &Suggestion) -> bool {
        !self.wording.covers(text, s.range.clone())
            && !self.in_established_pair(text, s.range.clone())
            && !in_short_quotation(text, s.range.clone())
            && !in_defined_abbreviation(text, s.range.clone())
            && !names_an_official(text, s.range.start)
            && !names_before_title(text, s.range.start)
            && !names_a_place_opening_its_clause(text, s.range.start)
            && !in_level_word(text, s.range.clone())
            && !self.in_parallel_items(text, s.range.clone())
    }

    /// Is `range` in a two-character string of the established wording that
    /// the model's texts never wrote (迎检, 住建, 军休: words of today's
    /// administration the laws lack)? A pair the texts wrote (法治, 总数) is
    /// left to the model: a slip can make a common word.
    fn in_established_pair(&self, text: &str, range: Range<usize>) -> bool {
        if self.wording.pairs.is_empty() {
            return false;
        }
        let m = &*self.model;
        Around::new(text, range, 1).windows(2).any(|w| self.wording.holds(w) && !m.knows_bigram(m.id(w[0]), m.id(w[1])))
    }

    /// A sentence with one wrong character often holds another: the writer
    /// who let one slip through did not proofread it. So the other runs of a
    /// sentence with a finding are examined once more with a lower threshold.
    fn second_look(&self, text: &str, quiet: &[(Range<usize>, char, char)], out: &mut Vec<Suggestion>) {
        if out.is_empty() || SECOND_LOOK <= 0.0 {
            return;
        }
        // The document model's sentences: a quotation's end marks stay inside it.
        let sentences = crate::document::split_sentences(text, 0..text.len());
        let sentence_of = |at: usize| sentences.iter().position(|r| r.contains(&at));
        let mut more = Vec::new();
        for (range, before, after) in quiet {
            let Some(sentence) = sentence_of(range.start) else { continue };
            if !out.iter().any(|s| sentence_of(s.range.start) == Some(sentence)) {
                continue;
            }
            let run: Vec<(usize, char, CharId)> =
                text[range.clone()].char_indices().map(|(at, c)| (range.start + at, c, self.model.id(c))).collect();
            let first = more.len();
            self.examine_run(&run, *before, *after, self.threshold - SECOND_LOOK, &mut more);
            more.retain(|s: &Suggestion| s.channel != Channel::SimilarShape);
            if more.len() > first {
                self.resolve_neighbours(&run, first, &mut more);
            }
        }
        more.retain(|s| self.kept(text, s));
        if !more.is_empty() {
            out.extend(more);
            out.sort_by_key(|s| s.range.start);
        }
    }

    /// The run with `chosen` applied: each replaced position gets the
    /// replacement's character (a suggestion replaces as many characters as
    /// it writes).
    fn corrected_run(&self, run: &[(usize, char, CharId)], chosen: &[&Suggestion]) -> Vec<(usize, char, CharId)> {
        let mut corrected = run.to_vec();
        for s in chosen {
            let mut replacement = s.replacement.chars();
            for entry in corrected.iter_mut().filter(|e| s.range.contains(&e.0)) {
                if let Some(r) = replacement.next() {
                    *entry = (entry.0, r, self.model.id(r));
                }
            }
        }
        corrected
    }

    /// ln P of the whole run with `chosen` applied.
    fn run_log_prob(&self, run: &[(usize, char, CharId)], chosen: &[&Suggestion]) -> f32 {
        let m = &*self.model;
        let ids: Vec<CharId> = self.corrected_run(run, chosen).iter().map(|e| e.2).collect();
        let n = ids.len() as isize;
        let tok = |k: isize| if k < 0 || k >= n { BOUNDARY } else { ids[k as usize] };
        (0..=n).map(|k| m.log_prob(tok(k - 2), tok(k - 1), tok(k))).sum()
    }

    /// Suggestions within two characters of each other were each scored with
    /// the other as written, and may contradict each other (检查院: 查→察
    /// reads better beside 院, 院→员 beside 查). Of each such cluster, keep
    /// the subset that reads best together, each member paying its own
    /// channel cost.
    fn resolve_neighbours(&self, run: &[(usize, char, CharId)], first: usize, out: &mut Vec<Suggestion>) {
        // Two characters, in bytes (a Han character of the model is three).
        const NEAR: usize = 6;
        let mut start = first;
        while start < out.len() {
            let mut end = start + 1;
            while end < out.len() && out[end].range.start <= out[end - 1].range.end + NEAR {
                end += 1;
            }
            let size = end - start;
            // Clusters of more than four are left as found (2^size subsets).
            if !(2..=4).contains(&size) {
                start = end;
                continue;
            }
            let as_written = self.run_log_prob(run, &[]);
            // A suggestion's gain is its log-probability gain less its cost.
            let costs: Vec<f32> =
                out[start..end].iter().map(|s| self.run_log_prob(run, &[s]) - as_written - s.gain).collect();
            let mut best = (f32::MIN, 0usize);
            for mask in 1usize..(1 << size) {
                let members = || (0..size).filter(move |k| mask >> k & 1 == 1);
                let chosen: Vec<&Suggestion> = members().map(|k| &out[start + k]).collect();
                let gain = self.run_log_prob(run, &chosen) - as_written - members().map(|k| costs[k]).sum::<f32>();
                if gain > best.0 {
                    best = (gain, mask);
                }
            }
            let keep = best.1;
            let mut index = 0;
            out.retain(|_| {
                let i = index;
                index += 1;
                !(start..end).contains(&i) || keep >> (i - start) & 1 == 1
            });
            start += keep.count_ones() as usize;
        }
    }

    /// A second look at a run in which suggestions were found, with them
    /// applied: a wrong character next to another one is scored in a context
    /// that is itself wrong (舆沦监瞥), and may reach the threshold only once
    /// its neighbour is put right. New suggestions that do not overlap the
    /// first ones are added.
    fn examine_corrected(
        &self,
        run: &[(usize, char, CharId)],
        before_run: char,
        after_run: char,
        first: usize,
        out: &mut Vec<Suggestion>,
    ) {
        let chosen: Vec<&Suggestion> = out[first..].iter().collect();
        let corrected = self.corrected_run(run, &chosen);
        let mut more = Vec::new();
        self.examine_run(&corrected, before_run, after_run, self.threshold, &mut more);
        for s in more {
            if out[first..].iter().all(|o| o.range.end <= s.range.start || s.range.end <= o.range.start) {
                out.push(s);
            }
        }
        out[first..].sort_by_key(|s| s.range.start);
    }

    fn examine_run(
        &self,
        run: &[(usize, char, CharId)],
        before_run: char,
        after_run: char,
        threshold: f32,
        out: &mut Vec<Suggestion>,
    ) {
        let m = &*self.model;
        let n = run.len();
        let tok = |k: isize| token_at(run, k);
        // ln P of token k (0..=n; n is the end of the run) as written.
        let base: Vec<f32> = (0..=n as isize).map(|k| m.log_prob(tok(k - 2), tok(k - 1), tok(k))).collect();
        for i in 0..n {
            let (_, c, id) = run[i];
            // Only a surprising character is scored: a wrong one is unlikely
            // after its left context, or makes the next one unlikely.
            if id == UNKNOWN || (base[i] > -SURPRISE && base[i + 1] > -SURPRISE) || names_a_place_here(run, i) {
                continue;
            }
            let confusions = m.confusions(id);
            if confusions.is_empty() {
                continue;
            }
            // A character right after a figure or a Latin letter is a measure
            // word or a unit (3次, 5G网络), which the model, trained on runs of
            // Han characters, sees without its number.
            if i == 0 && before_run.is_ascii_alphanumeric() {
                continue;
            }
            // Likewise the character before a figure (共159条, 约30%, 达95%):
            // the model takes the figure for the end of a sentence, which few
            // such words can end.
            if i + 1 == n && after_run.is_ascii_digit() {
                continue;
            }
            // A level of administration before 、 lists levels (对标市、区; 省、市、县), which the model,
            // reading the run alone, takes for the end of a word (对标识).
            // And after 、 (中央和省、市部署要求): the next level of the list opens the run.
            if (i + 1 == n && after_run == '、' || i == 0 && before_run == '、') && is_admin_level(c) {
                continue;
            }
            if parallel_or_enumeration(run, i, 1) {
                continue;
            }
            // 暨 is the formal “and” of official names (……会议暨述法工作专题会议),
            // which the law texts rarely need; the input method lists it long
            // after 及, 既, 记 and 计, so it is written on purpose (read as a
            // slip in two real reports, sets 8 and 41, both right).
            if c == '暨' {
                continue;
            }
            let last = (i + 2).min(n);
            let written: f32 = base[i..=last].iter().sum();
            // No candidate can score above ln 1 = 0 per trigram.
            if -written < threshold {
                continue;
            }
            // The best candidate that makes a word with a neighbour (a
            // replacement must; see below). A candidate is dropped as soon as
            // the trigrams scored so far leave it short of the threshold:
            // each trigram still to come adds at most ln 1 = 0.
            let mut best: Option<(f32, CharId, Channel)> = None;
            let at = i as isize;
            let window = m.substitution(tok(at - 2), tok(at - 1), tok(at + 1), (i + 2 <= n).then(|| tok(at + 2)));
            let (numeral, admin_level) = (is_chinese_numeral(c), is_admin_level(c));
            for &(x, channel) in confusions {
                // A numeral for another is a different fact (二中全会, 三中全会),
                // which no model of the language can judge.
                if (numeral && is_chinese_numeral(m.char(x))) || (admin_level && is_admin_level(m.char(x))) {
                    continue;
                }
                let cost = channel_cost(channel) + rarity_cost(m, id, x, channel);
                let needed = written + threshold + cost;
                let needed = best.map_or(needed, |(g, _, _)| needed.max(written + g + cost));
                let score = m.score_substitution(&window, x, needed);
                if score < needed || !self.makes_word(run, i, m.char(x)) {
                    continue;
                }
                let gain = score - written - cost;
                if best.is_none_or(|(g, _, _)| gain > g) {
                    best = Some((gain, x, channel));
                }
            }
            let Some((gain, x, channel)) = best.filter(|(g, _, _)| *g >= threshold) else {
                continue;
            };
            let replacement = m.char(x);
            if self.inside_long_word(run, i, replacement) {
                continue;
            }
            // Word evidence: a character that makes a word with a neighbour
            // is replaced only by one that makes a word too, and then only
            // on stronger evidence; a replacement must make a word.
            // The same margin at the start of a run, where only the right
            // context speaks (，使辖区… reads as 市辖区 to a model that cannot
            // see the clause before the comma).
            // So at the end of a run before an opening quotation mark or
            // bracket, where the model takes the mark for the end of a
            // sentence that goes on inside it (报告虽“短”).
            let left_context_only = i + 1 == n && matches!(after_run, '“' | '‘' | '《' | '（' | '(' | '「');
            let relief = |margin: f32| {
                if gain < threshold + margin && self.makes_long_word(run, &[(i, replacement)]) {
                    (margin - LONG_WORD_RELIEF).max(0.0)
                } else {
                    margin
                }
            };
            if (i == 0 || left_context_only || self.makes_word(run, i, c) || self.steals_a_word(run, i, replacement))
                && gain < threshold + relief(AMBIGUITY_MARGIN)
            {
                continue;
            }
            // A shape slip that leaves a word as written (政法文化 read as 政治文化)
            // needs the evidence a real-word pair slip needs: a pinyin input
            // method never offers 法 for 治, so such a slip is rarer than a
            // sound slip, while the model prefers its commoner word everywhere.
            if channel == Channel::SimilarShape
                && self.makes_word(run, i, c)
                && gain < threshold + relief(REAL_WORD_MARGIN)
            {
                continue;
            }
            let at = run[i].0;
            let (found, replacement) = (c.to_string(), replacement.to_string());
            out.push(Suggestion { range: at..at + c.len_utf8(), found, replacement, channel, gain });
        }
        self.examine_word_slips(run, before_run, after_run, threshold, &base, out);
    }

    /// Whole-word slips: an input method offers a common two-character word
    /// for its pinyin, and the writer takes the wrong one (保障 → 暴涨,
    /// 信息 → 心细). Neither character alone looks wrong enough, so the pair
    /// is scored as one: every common word that sounds the same (tones
    /// aside) is tried in its place.
    fn examine_word_slips(
        &self,
        run: &[(usize, char, CharId)],
        before_run: char,
        after_run: char,
        threshold: f32,
        base: &[f32],
        out: &mut Vec<Suggestion>,
    ) {
        let m = &*self.model;
        let n = run.len();
        let tok = |k: isize| token_at(run, k);
        let already = out.len();
        for i in 0..n.saturating_sub(1) {
            // A pair at the edge of its run has context on one side only
            // (法纪观、 may be 法纪观念 cut short, not 机关): it needs more
            // evidence, and is not scored after a figure or a letter (a unit)
            // or before a figure (see `examine_run`).
            let edge = i == 0 || i + 2 == n;
            if (i == 0 && before_run.is_ascii_alphanumeric()) || (i + 2 == n && after_run.is_ascii_digit()) {
                continue;
            }
            let (a, b) = (run[i].2, run[i + 1].2);
            if a == UNKNOWN || b == UNKNOWN {
                continue;
            }
            // A pair that is a word the texts wrote, typed for another (暴涨
            // for 保障, 桂花 for 规划), needs overwhelming evidence: often
            // (心细 for 信息) three characters of context cannot tell it from
            // the writer's intent.
            let last = (i + 3).min(n);
            let written: f32 = base[i..=last].iter().sum();
            // A pair the texts wrote (桂花, 暴涨) is surprising only in this
            // context, which may make its first character improbable as well.
            let real = m.knows_bigram(a, b);
            let surprising = if real {
                base[i..=i + 2].iter().any(|&lp| lp <= -PAIR_SURPRISE)
            } else {
                base[i + 1] <= -PAIR_SURPRISE || base[i + 2] <= -PAIR_SURPRISE
            };
            if -written < threshold + WORD_SLIP_COST || !surprising {
                continue;
            }
            let full_gain =
                threshold + if real { REAL_WORD_MARGIN } else { 0.0 } + if edge { EDGE_PAIR_MARGIN } else { 0.0 };
            let needed_gain = full_gain - if real { LONG_WORD_RELIEF.min(REAL_WORD_MARGIN) } else { 0.0 };
            let candidates = m.homophone_words(a, b);
            if candidates.is_empty() {
                continue;
            }
            let mut best: Option<(f32, CharId, CharId)> = None;
            for &(x, y) in candidates {
                if x == a || y == b {
                    continue;
                }
                let with = |k: isize| match k {
                    k if k == i as isize => x,
                    k if k == i as isize + 1 => y,
                    k => tok(k),
                };
                let rarity = WORD_SLIP_RARITY_WEIGHT * (rarity_gap(m, a, x) + rarity_gap(m, b, y));
                // The gain the candidate must beat: the margin, and the best so far.
                // Each trigram adds at most ln 1 = 0, so a partial score already
                // below it can only fall further (the sum is taken in the same
                // order either way: the gains are those of the full sums).
                let beat = best.map_or(needed_gain, |(g, _, _)| g.max(needed_gain));
                let mut score = 0.0f32;
                let mut short = false;
                for k in (i..=last).map(|k| k as isize) {
                    score += m.log_prob(with(k - 2), with(k - 1), with(k));
                    if score - written - WORD_SLIP_COST - rarity < beat {
                        short = true;
                        break;
                    }
                }
                if short {
                    continue;
                }
                let gain = score - written - WORD_SLIP_COST - rarity;
                if best.is_none_or(|(g, _, _)| gain > g) {
                    best = Some((gain, x, y));
                }
            }
            let Some((gain, x, y)) = best.filter(|(g, _, _)| *g >= needed_gain) else {
                continue;
            };
            if gain < full_gain && !self.makes_long_word(run, &[(i, m.char(x)), (i + 1, m.char(y))]) {
                continue;
            }
            let written_pair: String = [run[i].1, run[i + 1].1].iter().collect();
            let replacement: String = [m.char(x), m.char(y)].iter().collect();
            // A lexicon word the texts never wrote (桂花, 靠河 in 进行靠河) is
            // still a word someone meant somewhere.
            if m.is_word(&written_pair) && !real && gain < full_gain + UNSEEN_WORD_MARGIN {
                continue;
            }
            if self.pair_inside_long_word(run, i) || parallel_or_enumeration(run, i, 2) {
                continue;
            }
            // A slip replaces one word, not the halves of two (法纪|观念). The
            // words are the segmenter's (the pruned copy of jieba's dictionary,
            // `segmenter-dict.txt`: pruning it moves this guard too): the model's
            // lexicon also holds the strings of a word-frequency list that
            // are no words (要同), and took 各地要同酬规划 for 要同|酬规划.
            // Unless the replacement makes a longer word the text is not: 意料|器械
            // is no reading beside 医疗器械, though 料器 is a word.
            let word_with = |x: usize, y: usize| segment::has_word(&[run[x].1, run[y].1].iter().collect::<String>());
            if ((i > 0 && word_with(i - 1, i)) || (i + 2 < n && word_with(i + 1, i + 2)))
                && !self.makes_long_word(run, &[(i, m.char(x)), (i + 1, m.char(y))])
            {
                continue;
            }
            let range = run[i].0..run[i + 1].0 + run[i + 1].1.len_utf8();
            if out[..already].iter().any(|s| s.range.start < range.end && range.start < s.range.end) {
                continue;
            }
            if out[already..].last().is_some_and(|s| s.range.end > range.start) {
                continue;
            }
            out.push(Suggestion {
                range,
                found: written_pair,
                replacement,
                channel: Channel::SameSoundOtherTone,
                gain,
            });
        }
        out.sort_by_key(|s| s.range.start);
    }

    /// Is the pair at `i, i + 1` inside a lexicon word of three to six characters?
    fn pair_inside_long_word(&self, run: &[(usize, char, CharId)], i: usize) -> bool {
        let n = run.len();
        let mut word = String::new();
        for len in 3..=6 {
            for start in window_starts(i, i + 1, len, n) {
                word.clear();
                word.extend(run[start..start + len].iter().map(|r| r.1));
                if self.model.is_word(&word) {
                    return true;
                }
            }
        }
        false
    }

    /// Does `c`, put at `i`, make a lexicon word of two to
    /// [`MAKES_WORD_LONGEST`] characters with its neighbours (商务部 for 商务不)?
    fn makes_word(&self, run: &[(usize, char, CharId)], i: usize, c: char) -> bool {
        let mut word = ['\0'; MAKES_WORD_LONGEST];
        for len in 2..=MAKES_WORD_LONGEST {
            for start in window_starts(i, i, len, run.len()) {
                for k in 0..len {
                    word[k] = if start + k == i { c } else { run[start + k].1 };
                }
                if self.model.is_word_of(&word[..len]) {
                    return true;
                }
            }
        }
        false
    }

    /// Do the replacements, put in, make a lexicon word of four to six
    /// characters (社会保险 for 社会保鲜, 公共资源交易 for 公共自愿交易) where
    /// the same characters as written are not one?
    fn makes_long_word(&self, run: &[(usize, char, CharId)], changes: &[(usize, char)]) -> bool {
        let (first, last) = (changes[0].0, changes[changes.len() - 1].0);
        let mut changed = ['\0'; 6];
        let mut written = ['\0'; 6];
        for len in 4..=6 {
            for start in window_starts(first, last, len, run.len()) {
                for k in 0..len {
                    let c = run[start + k].1;
                    written[k] = c;
                    changed[k] = changes.iter().find(|&&(at, _)| at == start + k).map_or(c, |&(_, x)| x);
                }
                if self.model.is_word_of(&changed[..len]) && !self.model.is_word_of(&written[..len]) {
                    return true;
                }
            }
        }
        false
    }

    /// Does `replacement` at `i` make its word only by taking a character
    /// from a two-character word the text has there (建设|暨|普法 read as
    /// 建|设计|普法, 年度|共|开展 as 年度|公开|展)? Then the text as written
    /// parses as well as the replacement, and the replacement needs the
    /// stronger evidence.
    fn steals_a_word(&self, run: &[(usize, char, CharId)], i: usize, replacement: char) -> bool {
        let m = &*self.model;
        let word = |a: char, b: char| m.is_word_of(&[a, b]);
        let at = |k: usize| run.get(k).map(|r| r.1);
        let right = match (at(i + 1), at(i + 2)) {
            (Some(b), Some(c)) => word(replacement, b) && word(b, c),
            _ => false,
        };
        let left = i >= 2 && word(run[i - 1].1, replacement) && word(run[i - 2].1, run[i - 1].1);
        right || left
    }

    /// Is the character at `i` inside a lexicon word of three to six
    /// characters that the replacement does not turn into another word?
    fn inside_long_word(&self, run: &[(usize, char, CharId)], i: usize, replacement: char) -> bool {
        let m = &*self.model;
        let n = run.len();
        let mut written = String::new();
        let mut changed = String::new();
        for len in (3..=6).rev() {
            for start in window_starts(i, i, len, n) {
                written.clear();
                changed.clear();
                for (k, &(_, c, _)) in run[start..start + len].iter().enumerate() {
                    written.push(c);
                    changed.push(if start + k == i { replacement } else { c });
                }
                if m.is_word(&changed) {
                    return false;
                }
                if m.is_word(&written) {
                    return true;
                }
            }
        }
        false
    }

    /// Is `range` in one of two short list items of equal length, one after
    /// the other (、 or ，), built alike: the items share the characters on both
    /// sides of it (以廉为荣、以绩为准), or one, which makes a word with the other
    /// item's character in its place (直奔基层、直插现场: 直奔 is a word)? The shared characters show
    /// how the writer built the item; the model, reading one item alone, finds
    /// the second verb odd. A list whose items only share a topic (船舶抵押权、
    /// 船舶尤先权: 舶抵 is no word) is still checked.
    fn in_parallel_items(&self, text: &str, range: Range<usize>) -> bool {
        let bounds = han_item(text, range.clone());
        let item: Vec<char> = text[bounds.clone()].chars().collect();
        if item.len() > PARALLEL_ITEM_LONGEST {
            return false;
        }
        let first = text[bounds.start..range.start].chars().count();
        let last = first + text[range.clone()].chars().count() - 1;
        let built_alike = |sibling: &[char]| {
            if sibling.len() != item.len() {
                return false;
            }
            let word = |a: char, b: char| self.model.is_word_of(&[a, b]);
            let shared_before = first > 0 && sibling[first - 1] == item[first - 1];
            let shared_after = last + 1 < item.len() && sibling[last + 1] == item[last + 1];
            (shared_before && (shared_after || word(sibling[first - 1], sibling[first])))
                || (shared_after && word(sibling[last], sibling[last + 1]))
        };
        let separator = |c: char| c == '、' || c == '，';
        let before = text[..bounds.start].strip_suffix(separator).and_then(|head| {
            let last = head.chars().next_back().filter(|&c| is_han(c))?;
            let at = head.len() - last.len_utf8();
            Some(text[han_item(text, at..at)].chars().collect::<Vec<char>>())
        });
        let after = text[bounds.end..].strip_prefix(separator).and_then(|tail| {
            tail.chars().next().filter(|&c| is_han(c))?;
            let at = text.len() - tail.len();
            Some(text[han_item(text, at..at)].chars().collect::<Vec<char>>())
        });
        before.is_some_and(|b| built_alike(&b)) || after.is_some_and(|a| built_alike(&a))
    }

    fn explained_by_document(&self, doc: &Document, named: &[Range<usize>], range: Range<usize>) -> bool {
        let text = &doc.text;
        let before = text[..range.start].chars().next_back().filter(|&c| is_han(c));
        let after = text[range.end..].chars().next().filter(|&c| is_han(c));
        let found = &text[range.clone()];
        let mut spans = Vec::new();
        if found.chars().count() >= 2 {
            spans.push(found.to_string());
        }
        if let Some(b) = before {
            spans.push(format!("{b}{found}"));
        }
        if let Some(a) = after {
            spans.push(format!("{found}{a}"));
        }
        spans.iter().any(|span| {
            let named_here = named.iter().any(|r| text[r.clone()].contains(span.as_str()));
            let improbable = {
                let cs: Vec<CharId> = span.chars().map(|c| self.model.id(c)).collect();
                !cs.windows(2).all(|w| self.model.knows_bigram(w[0], w[1]))
            };
            named_here || (improbable && text.matches(span.as_str()).nth(1).is_some())
        })
    }
}

/// The longest quotation, in characters, taken for a name rather than a
/// quoted sentence.
const QUOTED_NAME_LONGEST: usize = 8;

/// Is `range` inside a short quotation (“湾事芜优”诉源治理工作站, “粤省事”, a name in ‘’ inside a longer one) or a
/// short title in 书名号 (《法治伴你行》)? Quotation marks around a few
/// characters mark a name — a local service's brand, often a pun on a set
/// phrase — or a slogan, and a short title names a programme or a column:
/// a model of running text cannot judge either; a quoted sentence, and a
/// document's long title, are still checked. A slogan of names joined by an
/// interpunct (“创新智城·品质金水”) is read a name at a time.
/// Where a window of `len` characters may start in a run of `n` so that it
/// holds positions `first..=last` (in order; none when the run is too short).
fn window_starts(first: usize, last: usize, len: usize, n: usize) -> Range<usize> {
    (last + 1).saturating_sub(len)..if n >= len { first.min(n - len) + 1 } else { 0 }
}

/// Token `k` of a run: its character's id, or the run boundary before and after it.
fn token_at(run: &[(usize, char, CharId)], k: isize) -> CharId {
    if k < 0 || k as usize >= run.len() { BOUNDARY } else { run[k as usize].2 }
}

fn in_short_quotation(text: &str, range: Range<usize>) -> bool {
    const INTERPUNCTS: [char; 3] = ['·', '•', '・'];
    // Single quotation marks quote inside a quotation (“‘浙里市场义码治理’加速……”项目):
    // the name they hold is as short as the quotation around it is long.
    [('“', '”'), ('‘', '’'), ('《', '》')].into_iter().any(|(open_mark, close_mark)| {
        let Some(open) = text[..range.start].rfind(open_mark) else { return false };
        let inner_start = open + open_mark.len_utf8();
        if text[inner_start..range.start].contains(close_mark) {
            return false;
        }
        let Some(close) = text[range.end..].find(close_mark).map(|i| range.end + i) else { return false };
        if text[inner_start..close].contains(open_mark) {
            return false;
        }
        let name_start = text[inner_start..range.start].rfind(INTERPUNCTS).map_or(inner_start, |i| {
            let at = inner_start + i;
            at + text[at..].chars().next().map_or(0, char::len_utf8)
        });
        let name_end = text[range.end..close].find(INTERPUNCTS).map_or(close, |i| range.end + i);
        text[name_start..name_end].chars().count() <= QUOTED_NAME_LONGEST
    })
}

/// Is `range` inside an abbreviation the text defines (（以下简称特医）, 简称“两法衔接”)?
/// The document names the thing so; a model of running text has not seen
/// the name, which is as new as the document.
fn in_defined_abbreviation(text: &str, range: Range<usize>) -> bool {
    let Some(start) = crate::text::defined_name_start(&text[..range.start]) else { return false };
    let Some(end) = text[start..].find(['）', ')', '”', '》', '，', '。', '；', '、', '\n']).map(|i| start + i)
    else {
        return false;
    };
    range.end <= end && text[start..end].chars().count() <= QUOTED_NAME_LONGEST
}

/// Posts that an official's name follows (局长龙艳慧, 副局长袁芳, 书记张某).
const POSTS: &[&str] = &[
    "书记",
    "主任",
    "局长",
    "处长",
    "科长",
    "厅长",
    "部长",
    "县长",
    "区长",
    "市长",
    "镇长",
    "乡长",
    "主席",
    "委员",
    "院长",
    "庭长",
    "所长",
    "站长",
    "队长",
    "组长",
    "校长",
    "检察长",
    "秘书长",
    "调研员",
    "同志",
];

/// Is the character at `at` one of the three after an official's post? A name
/// is not a typo, and the model, which has seen few of them, finds most of
/// them improbable (龙艳慧 read as 龙烟灰).
fn names_an_official(text: &str, at: usize) -> bool {
    let mut end = at;
    for _ in 0..3 {
        if POSTS.iter().any(|post| text[..end].ends_with(post)) {
            return true;
        }
        // Step back over the name's characters so far.
        match text[..end].chars().next_back() {
            Some(c) if is_han(c) => end -= c.len_utf8(),
            _ => return false,
        }
    }
    false
}

/// Is the character at `at` one of the two or three that open their clause before a level
/// of administrative division (兴江乡在县委的领导下, 城关镇党委)? A unit names
/// itself at the head of a sentence more than anywhere, by its place's name,
/// which the model has rarely seen (兴江乡 read as 兴建乡); the title that
/// names it too may be outside an excerpt.
fn names_a_place_opening_its_clause(text: &str, at: usize) -> bool {
    let opens = |end: usize| text[..end].chars().next_back().is_none_or(|c| !is_han(c) && !c.is_ascii_alphanumeric());
    let mut start = at;
    for _ in 0..3 {
        if opens(start) {
            let name: Vec<char> = text[start..].chars().take(5).collect();
            // A name of two characters, then its level; or a township's or
            // village's of three (北景港镇, set 43) — a city's of three is
            // well enough known to the model that a slip in it is a slip
            // (平定山市 for 平顶山市, development split). 规范市场秩序, 推进区域
            // 协调, 行政区划: the level's character starting a word of its own is no place.
            return (2..=3).any(|length| {
                name.len() > length
                    && name[..length].iter().all(|&c| is_han(c))
                    && is_admin_level(name[length])
                    && (length == 2 || matches!(name[length], '镇' | '乡' | '村'))
                    && !name.get(length + 1).is_some_and(|c| matches!(c, '场' | '域' | '间' | '别' | '分' | '划'))
            });
        }
        match text[..start].chars().next_back() {
            Some(c) if is_han(c) => start -= c.len_utf8(),
            _ => return false,
        }
    }
    false
}

/// Two-character names of levels of administrative division in the autonomous
/// regions (内蒙古's 苏木 and 嘎查, township and village): rare in the model's
/// texts, common words of a report from there.
const LEVEL_WORDS: &[&str] = &["嘎查", "苏木"];

/// Is `range` inside one of the [`LEVEL_WORDS`]?
fn in_level_word(text: &str, range: Range<usize>) -> bool {
    LEVEL_WORDS.iter().any(|word| {
        let from = range.end.saturating_sub(word.len());
        (from..=range.start).any(|start| text.is_char_boundary(start) && text[start..].starts_with(word))
    })
}

/// Titles written after a name (郦波教授, 刘庆同志).
const TITLES_AFTER_NAME: &[&str] = &["同志", "教授", "博士", "先生", "女士", "院士"];

/// Is the character at `at` one of the three before a title written after a
/// name? See [`names_an_official`].
fn names_before_title(text: &str, at: usize) -> bool {
    let mut end = at;
    for _ in 0..3 {
        match text[end..].chars().next() {
            Some(c) if is_han(c) => end += c.len_utf8(),
            _ => return false,
        }
        if TITLES_AFTER_NAME.iter().any(|title| text[end..].starts_with(title)) {
            return true;
        }
    }
    false
}

/// Is the stretch of `len` characters at `i` part of a parallel four-character
/// phrase (敢管敢严, 一老一小: the same character two places apart), a series of
/// three-character items built round one character (读原著学原文悟原理), a
/// phrase coined on an idiom's frame (真督实察) or an enumeration marker (一是
/// … 五是)? Both are deliberate patterns of official
/// writing that a character model, trained on running text, finds odd.
fn parallel_or_enumeration(run: &[(usize, char, CharId)], i: usize, len: usize) -> bool {
    let at = |k: usize| run.get(k).map(|r| r.1);
    // AXAY: the character is two places from its twin, or between twins (一老一小).
    let repeated = (i..i + len).any(|k| {
        (k >= 2 && at(k - 2) == at(k))
            || at(k + 2).is_some_and(|c| Some(c) == at(k))
            || (k >= 1 && at(k + 1).is_some_and(|c| Some(c) == at(k - 1)))
    });
    let enumeration =
        (i.saturating_sub(1)..i + len).any(|k| at(k).is_some_and(is_ordinal_numeral) && at(k + 1) == Some('是'));
    // 读原著学原文悟原理: three three-character items run together around the same middle character.
    let series = (i..i + len).any(|k| {
        (k.saturating_sub(7)..=k + 1).any(|j| at(j).is_some_and(|c| at(j + 3) == Some(c) && at(j + 6) == Some(c)))
    });
    // 真督实察: a four-character phrase coined on the frame of several idioms (真抓实干, 真心实意). Not a frame
    // of twins (不折不扣): the twins are the parallel above, and a slip in such an idiom is still a slip.
    let framed = (i.saturating_sub(3)..i + len).any(|start| {
        at(start)
            .zip(at(start + 2))
            .is_some_and(|(first, third)| first != third && crate::segment::frames_idioms(first, third))
            && at(start + 3).is_some()
    });
    repeated || enumeration || series || framed
}

/// The longest list item, in characters, [`SpellingRule::in_parallel_items`] compares.
const PARALLEL_ITEM_LONGEST: usize = 8;

/// The Han characters of `text` around `range` (which holds only Han
/// characters), as a byte range.
fn han_item(text: &str, range: Range<usize>) -> Range<usize> {
    let start =
        text[..range.start].char_indices().rev().find(|&(_, c)| !is_han(c)).map_or(0, |(i, c)| i + c.len_utf8());
    let end = text[range.end..].find(|c: char| !is_han(c)).map_or(text.len(), |i| range.end + i);
    start..end
}

/// The abbreviations of provinces and municipalities (GB/T 2260) that are
/// used almost only as such: a proper noun (在湘举办, 粤智助), which a model of
/// running text finds rare and would “correct” to a commoner character.
/// Characters that are common words too (晋升, 犹豫, 津贴, 复苏) are not listed.
fn is_place_abbreviation(c: char) -> bool {
    matches!(
        c,
        '京' | '沪'
            | '渝'
            | '湘'
            | '皖'
            | '赣'
            | '鄂'
            | '闽'
            | '粤'
            | '琼'
            | '黔'
            | '滇'
            | '陇'
            | '陕'
            | '浙'
            | '蜀'
    )
}

/// Is character `i` of the run a province's abbreviation, or one of the two
/// after it? A name built on the abbreviation — a government service's brand
/// (粤智助, 浙里办, 渝快办, 皖事通), often a pun — is as much a proper noun.
fn names_a_place_here(run: &[(usize, char, CharId)], i: usize) -> bool {
    (i.saturating_sub(2)..=i).any(|k| is_place_abbreviation(run[k].1))
}

/// The levels of administrative division (依法治县 and 依法治乡, 县办 and 乡办
/// are different units, not a slip the language can tell).
fn is_admin_level(c: char) -> bool {
    matches!(c, '省' | '市' | '县' | '区' | '乡' | '镇' | '村' | '州' | '盟' | '旗')
}

/// The prior against a sound slip that puts a rarer character in place of a
/// commoner one (see [`RARITY_WEIGHT`]).
fn rarity_cost(m: &Model, written: CharId, candidate: CharId, channel: Channel) -> f32 {
    if channel == Channel::SimilarShape { 0.0 } else { RARITY_WEIGHT * rarity_gap(m, written, candidate) }
}

/// How much commoner, in nats, the candidate is than the character as
/// written (0 when it is not).
fn rarity_gap(m: &Model, written: CharId, candidate: CharId) -> f32 {
    (m.log_unigram(candidate) - m.log_unigram(written)).max(0.0)
}

/// What each kind of slip costs, in nats: the prior that a writer made it.
fn channel_cost(channel: Channel) -> f32 {
    match channel {
        Channel::SameSoundSameTone => 0.0,
        Channel::SameSoundOtherTone => 1.0,
        Channel::SimilarSound => 2.0,
        Channel::SimilarShape => 3.0,
    }
}

/// A ratio as a reader takes it in: two significant figures, in 万 or 亿
/// beyond ten thousand (3.6万, 61万, 1.2亿); the model's estimate is no more
/// precise than that.
fn readable_ratio(ratio: f32) -> String {
    let ratio = f64::from(ratio.clamp(1.0, 1e12));
    let (value, unit) = match ratio {
        r if r >= 1e8 => (r / 1e8, "亿"),
        r if r >= 1e4 => (r / 1e4, "万"),
        r => (r, ""),
    };
    let digits = value.log10().floor() as i32;
    let step = 10f64.powi(digits - 1);
    let rounded = (value / step).round() * step;
    if rounded < 10.0 { format!("{rounded:.1}{unit}").replace(".0", "") } else { format!("{rounded:.0}{unit}") }
}

/// Narrower than [`crate::text::is_han`] on purpose: the model knows only the
/// basic CJK block, so a character of an extension (mostly in names) ends a run
/// rather than being scored as unknown.
fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// The character with its neighbours as written, and with the replacement:
/// “大数局”, “大数据”.
fn context_words(text: &str, range: Range<usize>, replacement: &str) -> (String, String) {
    let before: Vec<char> = text[..range.start].chars().rev().take_while(|&c| is_han(c)).take(2).collect();
    let after: Vec<char> = text[range.end..].chars().take_while(|&c| is_han(c)).take(2).collect();
    let before: String = before.into_iter().rev().collect();
    let after: String = after.into_iter().collect();
    (format!("{before}{}{after}", &text[range]), format!("{before}{replacement}{after}"))
}

#[cfg(test)]
mod tests {
    use super::{Wording, readable_ratio, window_starts};
    use crate::fuzz::SeededRng;
    use std::collections::HashSet;

    /// The windows are exactly those inside the run that hold both positions, in order.
    #[test]
    fn window_starts_are_every_window_inside_the_run_holding_the_positions() {
        for n in 0..9 {
            for len in 1..8 {
                for first in 0..n {
                    for last in first..n.min(first + 3) {
                        let every: Vec<usize> =
                            (0..n).filter(|&s| s + len <= n && s <= first && last < s + len).collect();
                        let starts: Vec<usize> = window_starts(first, last, len, n).collect();
                        assert_eq!(starts, every, "n {n}, len {len}, positions {first}..={last}");
                    }
                }
            }
        }
    }

    /// The packed, sorted list answers as a set of the lines would, and no
    /// line, however odd, makes the parser panic.
    #[test]
    fn established_wording_holds_exactly_its_lines() {
        // The ends of the Han block, a character just outside it on each side,
        // an astral one, ASCII, blanks.
        let odd = ['\u{4DFF}', '\u{A000}', '😀', 'a', ' ', '\t', '#'];
        let han = ['\u{4E00}', '\u{9FFF}', '法', '治', '迎', '检', '学', '深'];
        for seed in 1..=300 {
            let mut rng = SeededRng::new(seed);
            let mut listed = HashSet::new();
            let mut file = String::new();
            for _ in 0..rng.below(40) {
                let len = *rng.pick(&[2, 4]);
                let line: String = (0..len).map(|_| *rng.pick(&han)).collect();
                file.push_str(&line);
                file.push('\n');
                listed.insert(line);
            }
            let wording = Wording::parse(&file).unwrap_or_else(|e| panic!("seed {seed}: {e}"));
            for _ in 0..200 {
                let probe: Vec<char> = (0..*rng.pick(&[2, 4])).map(|_| *rng.pick(&han)).collect();
                let text: String = probe.iter().collect();
                assert_eq!(wording.holds(&probe), listed.contains(&text), "seed {seed}: {text}");
            }
            // Any line with a character outside the block, or of another length, is an error.
            let mut alphabet = han.to_vec();
            alphabet.extend(odd);
            let line = rng.text(&alphabet, 1..7);
            let trimmed = line.trim();
            let valid = trimmed.is_empty()
                || trimmed.starts_with('#')
                || (matches!(trimmed.chars().count(), 2 | 4) && trimmed.chars().all(|c| han.contains(&c)));
            assert_eq!(Wording::parse(&line).is_ok(), valid, "seed {seed}: {line:?}");
        }
    }

    #[test]
    fn ratios_read_in_two_figures_and_chinese_units() {
        let cases = [
            (7.4, "7.4"),
            (1124.0, "1100"),
            (5167.0, "5200"),
            (36315.0, "3.6万"),
            (40135.0, "4万"),
            (99960.0, "10万"),
            (890912.0, "89万"),
            (6107317.0, "610万"),
            (1.2e9, "12亿"),
        ];
        for (ratio, shown) in cases {
            assert_eq!(readable_ratio(ratio), shown, "{ratio}");
        }
    }
}
