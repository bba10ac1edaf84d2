//! `kind = "punctuation"`: GB/T 15834-2011 标点符号用法.
//!
//! | `check` | what it reports | fix |
//! |---|---|---|
//! | `half-width` | `, ; : ( ) ? !` beside Chinese text (not in numbers, URLs or Latin text), and `.` ending a Chinese sentence | the full-width mark |
//! | `unbalanced` | “ ” ‘ ’ 《 》 （ ） without a partner in the paragraph | — |
//! | `ordinal-mark` | a mark after a bracketed ordinal (（一）、) and `1、` for `1.` | delete / `.` |
//! | `quoted-list-comma` | 、 between items already in quotes or 书名号 (“甲”、“乙”) | delete |
//! | `date-dot` | a 月日 event written `4.15` (or with a bullet, `3•15`) | `4·15` |
//! | `paragraph-end` | a paragraph of prose (or a numbered item whose run-in heading is followed by its text) that stops without its full stop before a heading | `。` |
//! | `report-intro` | a comma before “现将……报告如下” (or “具体情况报告如下”, 现将 left out) that ends a complete sentence (…取得积极成效，现将有关情况报告如下) | `。` |
//! | `report-intro-run-on` | no mark at all before “现将……报告如下” after a complete sentence (…进一步提升现将有关情况报告如下) | `。` |
//! | `quote-levels` | single quotation marks ‘ ’ outside double ones, and double ones “ ” inside double ones, in a paragraph whose marks pair up | “ ” / ‘ ’ |

use super::{CompileError, Finding, Fix, Kind, LintContext, PackContext, Rule, check_of, fill_verbatim};
use crate::document::{Document, OrdinalStyle, ParagraphKind};
use crate::schema::RuleDef;
use crate::text::{FirstBytes, is_cjk_punct, is_han, is_ordinal_numeral};
use regex::Regex;
use schemars::JsonSchema;
use serde::Deserialize;
use std::ops::Range;
use std::sync::LazyLock;
use toml::Spanned;

/// A compiled `punctuation` rule: the check it runs (the table above).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PunctuationRule {
    HalfWidth,
    Unbalanced,
    OrdinalMark,
    QuotedListComma,
    DateDot,
    ReportIntro,
    ReportIntroRunOn,
    ParagraphEnd,
    QuoteLevels,
}

/// Punctuation by GB/T 15834-2011 标点符号用法.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PunctuationFields {
    /// Which check the rule runs: `half-width`, `unbalanced`, `ordinal-mark`, `quoted-list-comma`, `date-dot`,
    /// `report-intro`, `report-intro-run-on`, `paragraph-end` or `quote-levels`.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub check: Option<Spanned<String>>,
}

impl Kind for PunctuationRule {
    const NAME: &'static str = "punctuation";
    type Fields = PunctuationFields;

    fn from_def(def: &RuleDef, fields: PunctuationFields, _: &PackContext) -> Result<PunctuationRule, CompileError> {
        let (name, span) = check_of(def, &fields.check)?;
        PunctuationRule::parse(name).map_err(|m| (span, m))
    }

    fn lint(&self, rule: &Rule, cx: &LintContext, out: &mut Vec<Finding>) {
        match self {
            PunctuationRule::HalfWidth => half_width(rule, cx, out),
            PunctuationRule::Unbalanced => unbalanced(rule, cx, out),
            PunctuationRule::OrdinalMark => ordinal_mark(rule, cx, out),
            PunctuationRule::QuotedListComma => quoted_list_comma(rule, cx, out),
            PunctuationRule::DateDot => date_dot(rule, cx, out),
            PunctuationRule::ReportIntro => report_intro(rule, cx, out),
            PunctuationRule::ReportIntroRunOn => report_intro_run_on(rule, cx, out),
            PunctuationRule::ParagraphEnd => paragraph_end(rule, cx, out),
            PunctuationRule::QuoteLevels => quote_levels(rule, cx, out),
        }
    }

    /// All checks but `ordinal-mark`, `paragraph-end` (which reads the
    /// paragraph after) and `quote-levels` (which reads whether a quotation
    /// goes on from the paragraphs before) look at one paragraph at a time.
    fn is_paragraph_local(&self) -> bool {
        !matches!(self, PunctuationRule::OrdinalMark | PunctuationRule::ParagraphEnd | PunctuationRule::QuoteLevels)
    }
}

impl PunctuationRule {
    pub fn parse(name: &str) -> Result<PunctuationRule, String> {
        Ok(match name {
            "half-width" => PunctuationRule::HalfWidth,
            "unbalanced" => PunctuationRule::Unbalanced,
            "ordinal-mark" => PunctuationRule::OrdinalMark,
            "quoted-list-comma" => PunctuationRule::QuotedListComma,
            "date-dot" => PunctuationRule::DateDot,
            "report-intro" => PunctuationRule::ReportIntro,
            "report-intro-run-on" => PunctuationRule::ReportIntroRunOn,
            "paragraph-end" => PunctuationRule::ParagraphEnd,
            "quote-levels" => PunctuationRule::QuoteLevels,
            _ => {
                return Err(format!(
                    "未知的 punctuation 检查“{name}”：应为 half-width、unbalanced、ordinal-mark、quoted-list-comma、date-dot、report-intro、report-intro-run-on、paragraph-end 或 quote-levels"
                ));
            }
        })
    }
}

/// The half-width marks this check converts, and their full-width forms.
const HALF_TO_FULL: [(char, char); 7] =
    [(',', '，'), (';', '；'), (':', '：'), ('(', '（'), (')', '）'), ('?', '？'), ('!', '！')];

fn full_width(c: char) -> Option<char> {
    HALF_TO_FULL.iter().find(|(half, _)| *half == c).map(|(_, full)| *full)
}

static URL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(?:https?://|www\.)[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+").expect("url"));

fn is_chinese_side(c: Option<char>) -> bool {
    c.is_some_and(|c| is_han(c) || is_cjk_punct(c))
}

/// Heading ordinals are the numbering rules' business: `(一)` is reported there.
fn ordinal_ranges(cx: &LintContext) -> Vec<Range<usize>> {
    cx.doc.headings.iter().map(|h| h.ordinal_range.clone()).collect()
}

/// The half-width marks of [`HALF_TO_FULL`].
const HALF_MARKS: [char; HALF_TO_FULL.len()] = {
    let mut marks = ['\0'; HALF_TO_FULL.len()];
    let mut i = 0;
    while i < marks.len() {
        marks[i] = HALF_TO_FULL[i].0;
        i += 1;
    }
    marks
};
const HALF_WIDTH_FIRST_BYTES: FirstBytes = FirstBytes::new(&[&HALF_MARKS]);

fn half_width(rule: &Rule, cx: &LintContext, out: &mut Vec<Finding>) {
    let doc = cx.doc;
    let ordinals = ordinal_ranges(cx);
    for paragraph in doc.paragraphs.iter().filter(|p| cx.wants(&p.range)) {
        let range = paragraph.range.clone();
        let text = &doc.text[range.clone()];
        if memchr::memchr(b'"', text.as_bytes()).is_some() {
            straight_quotes(rule, cx, range.clone(), out);
        }
        let has_dot = memchr::memchr(b'.', text.as_bytes()).is_some();
        if !HALF_WIDTH_FIRST_BYTES.may_occur_in(text) && !has_dot {
            continue;
        }
        let urls: Vec<Range<usize>> = URL.find_iter(text).map(|m| m.range()).collect();
        if has_dot {
            for offset in memchr::memchr_iter(b'.', text.as_bytes()) {
                let absolute = range.start + offset;
                if ends_a_chinese_sentence(text, offset)
                    && !urls.iter().any(|u| u.contains(&offset))
                    && !ordinals.iter().any(|o| o.contains(&absolute))
                {
                    if inside_a_short_quotation(text, offset) {
                        // “扫黄打非.新风2021”: a name's interpunct, not a full stop; which one is meant is the writer's call.
                        let mut finding = to_full_width(rule, doc, absolute..absolute + 1, '·');
                        finding.fixes.iter_mut().for_each(|fix| fix.safe = false);
                        out.push(finding);
                    } else {
                        out.push(to_full_width(rule, doc, absolute..absolute + 1, '。'));
                    }
                }
            }
        }
        for (offset, c) in HALF_WIDTH_FIRST_BYTES.candidates(text) {
            let Some(wide) = full_width(c) else { continue };
            let absolute = range.start + offset;
            if urls.iter().any(|u| u.contains(&offset)) || ordinals.iter().any(|o| o.contains(&absolute)) {
                continue;
            }
            let passable = |c: &char| matches!(*c, ' ' | '\t') || full_width(*c).is_some();
            // Look past blanks and other half-width marks: in 完成(试行)? the ? sits beside ), which is itself Chinese
            // text's. (Seen only one layer at a time, (\t(\t(汉 took two `--fix` rounds per layer: a fuzzed text.)
            let prev = text[..offset].chars().rev().find(|p| !passable(p));
            let next = text[offset + c.len_utf8()..].chars().find(|n| !passable(n));
            let numeric = prev.is_some_and(|p| p.is_ascii_digit()) && next.is_some_and(|n| n.is_ascii_digit());
            if numeric || !(is_chinese_side(prev) || is_chinese_side(next)) {
                continue;
            }
            out.push(to_full_width(rule, doc, absolute..absolute + c.len_utf8(), wide));
        }
    }
}

/// The longest quotation, in characters, [`inside_a_short_quotation`] takes for a name.
const SHORT_QUOTATION: usize = 20;

/// Is byte `offset` of a paragraph inside a short quotation (“扫黄打非.新风2021”), the
/// name of a campaign, a slogan or a title, where a sentence does not end?
fn inside_a_short_quotation(text: &str, offset: usize) -> bool {
    let (before, after) = (&text[..offset], &text[offset..]);
    let Some(open) = before.rfind('“').filter(|&o| !before[o..].contains('”')) else { return false };
    let Some(close) = after.find('”').filter(|&c| !after[..c].contains('“')) else { return false };
    text[open..offset + close].chars().count() <= SHORT_QUOTATION
}

/// Is the `.` at `offset` of a paragraph the end of a Chinese sentence
/// (完成率100%.全年…, 共办理12件.): after a Han character, a percent sign
/// or a closing Chinese mark, and before a Han character, an opening Chinese
/// mark or the end of the paragraph? A dot between digits (3.5, 2024.5) is
/// a decimal point or a date, one after a digit is an ordinal (1.加强), one
/// next to Latin letters belongs to them (No.1, a.docx), and one after a
/// Chinese numeral at the start of a clause (一.加强) is a wrong ordinal mark,
/// which `ordinal-mark` reports.
fn ends_a_chinese_sentence(text: &str, offset: usize) -> bool {
    let mut before = text[..offset].chars().rev();
    let prev = before.next();
    let next = text[offset + 1..].chars().find(|c| !matches!(c, ' ' | '\t'));
    let after_chinese = prev.is_some_and(|p| is_han(p) || matches!(p, '%' | '％' | '）' | '”' | '》' | '’'));
    let before_chinese = next.is_none_or(|n| is_han(n) || matches!(n, '“' | '《' | '（' | '‘'));
    let chinese_ordinal = prev.is_some_and(is_ordinal_numeral) && before.next().is_none_or(|b| !is_han(b));
    after_chinese && before_chinese && !chinese_ordinal
}

/// The finding for a half-width mark at `span`, with the safe fix to `wide`.
fn to_full_width(rule: &Rule, doc: &Document, span: Range<usize>, wide: char) -> Finding {
    let wide = wide.to_string();
    let values = [("text", &doc.text[span.clone()]), ("replacement", wide.as_str())];
    let mut finding = rule.finding(doc, span.clone(), fill_verbatim(&rule.meta.message, &values));
    finding.fixes.push(Fix::replace(format!("改为全角“{wide}”"), span, wide, true));
    finding
}

/// Straight double quotes around Chinese text ("三重一大"): the paragraph's
/// `"` are taken in pairs, first opening and second closing, and a pair that
/// quotes Chinese becomes “”. A paragraph with an odd number of them is left
/// alone: which one opens cannot be told.
fn straight_quotes(rule: &Rule, cx: &LintContext, range: Range<usize>, out: &mut Vec<Finding>) {
    let doc = cx.doc;
    let text = &doc.text[range.clone()];
    let urls: Vec<Range<usize>> = URL.find_iter(text).map(|m| m.range()).collect();
    let quotes: Vec<usize> =
        memchr::memchr_iter(b'"', text.as_bytes()).filter(|at| !urls.iter().any(|u| u.contains(at))).collect();
    if !quotes.len().is_multiple_of(2) {
        return;
    }
    for pair in quotes.chunks(2) {
        let (open, close) = (pair[0], pair[1]);
        if !text[open + 1..close].chars().any(is_han) {
            continue;
        }
        for (at, wide) in [(open, '“'), (close, '”')] {
            out.push(to_full_width(rule, doc, range.start + at..range.start + at + 1, wide));
        }
    }
}

/// Pairs checked for balance; half- and full-width brackets pair with each other.
const PAIRS: [(char, char, &str); 5] =
    [('“', '”', "引号"), ('‘', '’', "单引号"), ('《', '》', "书名号"), ('（', '）', "括号"), ('(', ')', "括号")];

/// The names of a pair's two halves: 前引号 and 后引号.
/// Every mark of [`PAIRS`].
const PAIR_MARKS: [char; 10] = {
    let mut marks = ['\0'; 10];
    let mut i = 0;
    while i < PAIRS.len() {
        marks[2 * i] = PAIRS[i].0;
        marks[2 * i + 1] = PAIRS[i].1;
        i += 1;
    }
    marks
};
const PAIR_FIRST_BYTES: FirstBytes = FirstBytes::new(&[&PAIR_MARKS]);

fn half_names(pair: usize) -> (String, String) {
    let name = PAIRS[pair].2;
    (format!("前{name}"), format!("后{name}"))
}

fn opener_of(c: char) -> Option<usize> {
    PAIRS.iter().position(|p| p.0 == c)
}

fn closer_of(c: char) -> Option<usize> {
    PAIRS.iter().position(|p| p.1 == c)
}

/// Brackets of both widths are one class.
fn same_class(a: usize, b: usize) -> bool {
    a == b || (a >= 3 && b >= 3)
}

fn unbalanced(rule: &Rule, cx: &LintContext, out: &mut Vec<Finding>) {
    let doc = cx.doc;
    for paragraph in doc.paragraphs.iter().filter(|p| cx.wants(&p.range)) {
        let mut open: Vec<(usize, usize)> = Vec::new(); // (pair, absolute offset)
        let mut lonely: Vec<(usize, usize, bool)> = Vec::new(); // (pair, offset, is_opener)
        for (offset, c) in PAIR_FIRST_BYTES.candidates(&doc.text[paragraph.range.clone()]) {
            let absolute = paragraph.range.start + offset;
            if let Some(pair) = opener_of(c) {
                open.push((pair, absolute));
            } else if let Some(pair) = closer_of(c) {
                match open.iter().rposition(|&(p, _)| same_class(p, pair)) {
                    Some(at) => {
                        // Openers left inside the matched pair have no partner.
                        for &(p, o) in &open[at + 1..] {
                            lonely.push((p, o, true));
                        }
                        open.truncate(at);
                    }
                    None => lonely.push((pair, absolute, false)),
                }
            }
        }
        lonely.extend(open.into_iter().map(|(p, o)| (p, o, true)));
        lonely.sort_by_key(|l| l.1);
        // 一）纵深推进……: numbering.style reports the heading's ordinal, with its fix.
        let ordinal_closer = match paragraph.kind {
            ParagraphKind::Heading(h) => doc.headings[h]
                .ordinal
                .as_ref()
                .filter(|o| o.style == OrdinalStyle::ChineseCloseParen)
                .map(|_| doc.headings[h].ordinal_range.end),
            _ => None,
        };
        for (pair, offset, is_opener) in lonely {
            if !is_opener && ordinal_closer.is_some_and(|end| offset < end) {
                continue;
            }
            let (opener, closer, name) = PAIRS[pair];
            let mark = if is_opener { opener } else { closer };
            let (front, back) = half_names(pair);
            let detail = if is_opener {
                format!("有{front}，缺少对应的{back}")
            } else {
                format!("有{back}，缺少对应的{front}")
            };
            let span = offset..offset + mark.len_utf8();
            let values = [("text", &doc.text[span.clone()]), ("detail", detail.as_str()), ("name", name)];
            out.push(rule.finding(doc, span, fill_verbatim(&rule.meta.message, &values)));
        }
    }
}

fn ordinal_mark(rule: &Rule, cx: &LintContext, out: &mut Vec<Finding>) {
    let doc = cx.doc;
    for heading in &doc.headings {
        let Some(ordinal) = &heading.ordinal else { continue };
        let end = heading.ordinal_range.end;
        let bracketed = matches!(
            ordinal.style,
            OrdinalStyle::ChineseParen
                | OrdinalStyle::ChineseHalfParen
                | OrdinalStyle::ChineseCloseParen
                | OrdinalStyle::ArabicParen
                | OrdinalStyle::ArabicHalfParen
        );
        let (span, replacement, title) = if bracketed {
            // The whole run of marks goes at once (（一）.. as well as （一）、):
            // one fix per mark would take as many rounds to settle.
            let is_mark = |c: char| matches!(c, '、' | '，' | ',' | '.' | '．' | '：' | ':');
            let after = &doc.text[end..];
            let marks = after.find(|c: char| !is_mark(c)).unwrap_or(after.len());
            if marks == 0 {
                continue;
            }
            (end..end + marks, String::new(), format!("删除“{}”", &after[..marks]))
        } else if ordinal.style == OrdinalStyle::ArabicComma {
            (end - '、'.len_utf8()..end, ".".to_string(), "改为“.”".to_string())
        } else {
            continue;
        };
        let ordinal_text = &doc.text[heading.ordinal_range.start..span.end];
        let values = [("text", ordinal_text), ("replacement", replacement.as_str())];
        let mut finding = rule.finding(doc, span.clone(), fill_verbatim(&rule.meta.message, &values));
        finding.fixes.push(Fix::replace(title, span, replacement, true));
        out.push(finding);
    }
}

static QUOTED_LIST_COMMA: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[”》]\s*(、)\s*[“《]").expect("pattern"));

/// Quotation marks of the wrong level (GB/T 15834-2011 4.1.3.4: double marks
/// outside, single ones inside): ‘关键少数’ on its own, and 以“践行“两山”理念”
/// with its inner pair double. Only pairs that close before the paragraph's
/// marks first fail to pair up (a ” with no “, a ’ closing a “), so that their
/// levels are known; and not in a paragraph that goes on a quotation opened
/// in an earlier one (a decision quoting amended articles, each paragraph
/// inside the “ of the first: 规定的‘二年’是最长的合理期限。”). A pair of the
/// wrong level is reported once, with both its marks changed.
fn quote_levels(rule: &Rule, cx: &LintContext, out: &mut Vec<Finding>) {
    let doc = cx.doc;
    let mut quoted_from_before = false;
    for paragraph in &doc.paragraphs {
        let text = &doc.text[paragraph.range.clone()];
        let quotes = quote_pairs(text);
        let inside_a_quotation = quoted_from_before;
        // Still inside until a ” with no “ closes the quotation; or a “ left
        // open here, which the next paragraph goes on.
        quoted_from_before = !quotes.stray_close && (inside_a_quotation || quotes.left_open);
        if inside_a_quotation || quotes.ends_with_stray_close || !cx.wants(&paragraph.range) {
            continue;
        }
        let pairs = &quotes.pairs;
        // A pair inside a “ that never closes (被命名为“示范区；……“优秀”等次) is
        // no nested quotation: the writer left out a ”.
        let enclosed = |start: usize, close: usize| pairs.iter().any(|p| p.3 == 0 && p.0 < start && close < p.1);
        // ““十四五””: the pair is the outer pair written twice, not a quotation inside a quotation.
        const MARK: usize = '“'.len_utf8();
        let doubled = |start: usize, close: usize| {
            pairs.iter().find(|p| p.3 == 0 && p.2 && p.0 + MARK == start && close + MARK == p.1).map(|p| p.0)
        };
        for &(start, close, double, depth) in pairs {
            if let Some(outer) = doubled(start, close).filter(|_| depth == 1 && double) {
                let end = close + 2 * MARK;
                let span = paragraph.range.start + outer..paragraph.range.start + end;
                let once = text[start..close + MARK].to_string();
                let mut finding =
                    rule.finding(doc, span.clone(), fill_verbatim(&rule.meta.message, &[("text", &text[outer..end])]));
                finding.fixes.push(Fix::replace(format!("删去重复的引号，改为{once}"), span, once, true));
                out.push(finding);
                continue;
            }
            // Depth 0 wants double marks, depth 1 single ones (deeper, double
            // again: too rare to judge).
            let (want_open, want_close) = match (depth, double) {
                (0, false) => ('“', '”'),
                (1, true) if enclosed(start, close) => ('‘', '’'),
                _ => continue,
            };
            let end = close + '’'.len_utf8();
            let quoted = &text[start..end];
            let fixed = format!("{want_open}{}{want_close}", &text[start + '‘'.len_utf8()..close]);
            let span = paragraph.range.start + start..paragraph.range.start + end;
            let mut finding = rule.finding(doc, span.clone(), fill_verbatim(&rule.meta.message, &[("text", quoted)]));
            finding.fixes.push(Fix::replace(format!("改为{fixed}"), span, fixed, true));
            out.push(finding);
        }
    }
}

/// How a paragraph's quotation marks pair up.
struct QuotePairs {
    /// Each pair that closes before the first mark that fails to pair: where
    /// it opens and closes, whether it is double, how many pairs enclose it;
    /// in the order they open.
    pairs: Vec<(usize, usize, bool, usize)>,
    /// A “ is still open at the end, and nothing failed to pair.
    left_open: bool,
    /// A ” closes a quotation opened before the paragraph.
    stray_close: bool,
    /// The paragraph ends with such a ” (and its full stop): the end of a
    /// quotation of several paragraphs.
    ends_with_stray_close: bool,
}

fn quote_pairs(text: &str) -> QuotePairs {
    let mut open: Vec<(usize, bool)> = Vec::new();
    let mut pairs = Vec::new();
    let mut failed_at = None;
    for (at, c) in text.char_indices() {
        match c {
            '“' | '‘' => open.push((at, c == '“')),
            '”' | '’' => match open.pop() {
                Some((start, double)) if double == (c == '”') => pairs.push((start, at, double, open.len())),
                _ => {
                    failed_at = Some((at, c));
                    break;
                }
            },
            _ => {}
        }
    }
    pairs.sort_by_key(|p| p.0);
    let stray_close = matches!(failed_at, Some((_, '”'))) && open.is_empty();
    let ends_with_stray_close = stray_close
        && failed_at
            .is_some_and(|(at, _)| text[at + '”'.len_utf8()..].trim_end().chars().all(|c| matches!(c, '。' | '；')));
    QuotePairs {
        pairs,
        left_open: failed_at.is_none() && open.iter().any(|&(_, double)| double),
        stray_close,
        ends_with_stray_close,
    }
}

/// Is `inner` the inside of one title or quotation (no marks, no pause)?
fn is_one_item(inner: &str) -> bool {
    !inner.contains(['“', '”', '《', '》', '、', '，', '。', '；', '：', '\n'])
}

/// Does the last of a run of marked items go on after its closing mark, a
/// head word before the next item (“百千万工程”、“六大片区”建设、, “5.12”防震减灾日、)?
/// Then that item is not a marked component alone but a phrase that holds
/// one, and the 顿号 before it separates items of an ordinary enumeration (GB/T
/// 15834-2011 4.5.3.5 drops the 顿号 only between marked components). `after`
/// is the text after the last closing mark. A word that closes or qualifies
/// the list (等, 和, 中的) is no head word. A bracketed note after the last
/// title (《……意见》（2021-2025年）) does not stand between the marks the 顿号
/// separate, and reviewers mark those 顿号 (set 20).
fn last_item_goes_on(after: &str) -> bool {
    let head: String = after.chars().take_while(|&c| is_han(c)).take(7).collect();
    (1..=6).contains(&head.chars().count())
        && !head.starts_with(['等', '和', '及', '与', '或', '中', '的', '里'])
        && after[head.len()..].starts_with('、')
}

fn quoted_list_comma(rule: &Rule, cx: &LintContext, out: &mut Vec<Finding>) {
    // “ ” 《 》 are three bytes each in UTF-8.
    const MARK: usize = '《'.len_utf8();
    let doc = cx.doc;
    for paragraph in doc.paragraphs.iter().filter(|p| cx.wants(&p.range)) {
        let text = &doc.text[paragraph.range.clone()];
        // One finding per list: the 顿号 between the items of one run of quoted
        // or titled items (《宪法》、《民法典》、《行政处罚法》) are one slip, one fix.
        let mut lists: Vec<(Range<usize>, Vec<Range<usize>>)> = Vec::new();
        for caps in QUOTED_LIST_COMMA.captures_iter(text) {
            let whole = caps.get(0).expect("match");
            let comma = caps.get(1).expect("group");
            match lists.last_mut() {
                // This 顿号 follows the item the previous one opened: the text
                // between is that item's title or quotation alone.
                Some((range, commas)) if range.end <= whole.start() && is_one_item(&text[range.end..whole.start()]) => {
                    range.end = whole.end();
                    commas.push(comma.range());
                }
                _ => lists.push((whole.range(), vec![comma.range()])),
            }
        }
        for (range, commas) in lists {
            let at = |r: &Range<usize>| paragraph.range.start + r.start..paragraph.range.start + r.end;
            let span = paragraph.range.start + commas[0].start..paragraph.range.start + commas[commas.len() - 1].end;
            // The whole list, from the first item's opening mark to the last one's closing mark.
            let opening = if text[range.clone()].starts_with('》') { '《' } else { '“' };
            let closing = if text[range.clone()].ends_with('《') { '》' } else { '”' };
            let start = text[..range.start].rfind(opening).filter(|&o| is_one_item(&text[o + MARK..range.start]));
            let end = text[range.end..]
                .find(closing)
                .map(|i| range.end + i + MARK)
                .filter(|&e| is_one_item(&text[range.end..e - MARK]));
            let (first, last) = (start.unwrap_or(range.start), end.unwrap_or(range.end));
            if last_item_goes_on(&text[last..]) {
                continue;
            }
            let shown = &text[first..last];
            let mut finding = rule.finding(doc, span, fill_verbatim(&rule.meta.message, &[("text", shown)]));
            let title = if commas.len() == 1 {
                "删除顿号".to_string()
            } else {
                format!("删除这{}个顿号", commas.len())
            };
            let edits =
                commas.iter().map(|c| crate::finding::Edit { range: at(c), replacement: String::new() }).collect();
            finding.fixes.push(Fix { title, edits, safe: true });
            out.push(finding);
        }
    }
}

/// A month and day joined by a dot, not part of a longer number or of a name
/// with Latin letters (PM2.5, V1.2).
static DATE_DOT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\d.．A-Za-zＡ-Ｚａ-ｚ])(1[0-2]|[1-9])[.．•・‧∙](3[01]|[12]\d|[1-9])(”?)(\p{Han})")
        .expect("pattern")
});

/// What makes the number before it a quantity, besides the counting words the
/// figure finder knows: units of measurement (GB 3100-1993 and the 市制 units
/// still in use: 直径4.2厘米, 2.5吨) and the words of a bound or range.
const AFTER_A_QUANTITY: &[&str] = &[
    "米", "厘米", "毫米", "千米", "平方", "立方", "公顷", "公斤", "千克", "克", "吨", "斤", "升", "毫升", "千瓦", "瓦",
    "伏", "度", "秒", "分钟", "周", "年", "个月", "公分", "英寸", "海里",
    // 视力4.9以上, 马赫数1.4至5: a bound or a range of numbers.
    "以上", "以下", "以内", "至",
];

fn date_dot(rule: &Rule, cx: &LintContext, out: &mut Vec<Finding>) {
    let doc = cx.doc;
    for paragraph in doc.paragraphs.iter().filter(|p| cx.wants(&p.range)) {
        let text = &doc.text[paragraph.range.clone()];
        // Most paragraphs have no dot at all: skip the regex there. Besides
        // the full stop, the dots that look like the 间隔号 but are other
        // characters: a bullet (3•15), the katakana middle dot, the hyphenation
        // point and the bullet operator.
        if memchr::memchr(b'.', text.as_bytes()).is_none() && !text.contains(['．', '•', '・', '‧', '∙']) {
            continue;
        }
        for caps in DATE_DOT.captures_iter(text) {
            let after = caps.get(4).expect("group").as_str();
            // 1.5万, 2.3倍, 0.5亿元, 4.2厘米: a decimal followed by a unit is a number, not a date.
            if crate::figure_finder::DEFAULT_UNITS.iter().chain(AFTER_A_QUANTITY).any(|u| u.starts_with(after))
                || matches!(after, "余" | "多")
            {
                continue;
            }
            let month = caps.get(1).expect("month");
            let day = caps.get(2).expect("day");
            let start = paragraph.range.start + month.start();
            let end = paragraph.range.start + day.end();
            let quoted = text[..month.start()].ends_with('“');
            // “5.12”防灾减灾日: a closing quote counts only after an opening one.
            if !caps.get(3).expect("group").is_empty() && !quoted {
                continue;
            }
            let dotted = format!("{}·{}", month.as_str(), day.as_str());
            let replacement = if quoted { dotted.clone() } else { format!("“{dotted}”") };
            let span = start..end;
            let shown = format!("“{dotted}”");
            let values = [("text", &doc.text[span.clone()]), ("replacement", replacement.as_str()), ("shown", &shown)];
            let mut finding = rule.finding(doc, span.clone(), fill_verbatim(&rule.meta.message, &values));
            finding.fixes.push(Fix::replace(format!("改为{shown}"), span, replacement, false));
            out.push(finding);
        }
    }
}

/// The shortest paragraph `paragraph-end` reads as prose, in characters.
const PROSE_PARAGRAPH_SHORTEST: usize = 30;

/// A paragraph of prose (a comma in it, 30 characters or more) that stops
/// without its full stop right before a heading: ……将习近平法治思想纳入重要学习内容
/// / （二）…… The last sentence lost its 。 (a line that runs on into the next
/// is `artefact.broken-line`'s).
fn paragraph_end(rule: &Rule, cx: &LintContext, out: &mut Vec<Finding>) {
    let doc = cx.doc;
    for pair in doc.paragraphs.windows(2) {
        let (paragraph, next) = (&pair[0], &pair[1]);
        let text = doc.slice(&paragraph.range);
        // A numbered item whose run-in heading is followed by its text (1.深入学习……。把……) ends as prose does.
        let prose = match paragraph.kind {
            ParagraphKind::Body => true,
            ParagraphKind::Heading(_) => text.contains('。'),
            _ => false,
        };
        if !prose || !matches!(next.kind, ParagraphKind::Heading(_)) || !cx.wants(&paragraph.range) {
            continue;
        }
        let Some(last) = text.chars().next_back() else { continue };
        if !(is_han(last) || last.is_ascii_digit())
            || !text.contains('，')
            || text.chars().count() < PROSE_PARAGRAPH_SHORTEST
        {
            continue;
        }
        let end = paragraph.range.end;
        let span = end - last.len_utf8()..end;
        let mut finding = rule.finding(doc, span, rule.meta.message.clone());
        finding.fixes.push(Fix::replace("在段末加句号", end..end, "。", false));
        out.push(finding);
    }
}

static REPORT_INTRO_RUN_ON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[\u4e00-\u9fff](?:现将|特将)[^。！？；\n]{0,80}?(?:报告|汇报|总结)如下").expect("pattern")
});

/// “……水平进一步提升现将有关情况报告如下”: no mark at all between a complete
/// statement ([`ends_a_statement`]) and the sentence that introduces the
/// report's parts — the full stop was lost. After a clause of basis or
/// purpose (根据……要求现将) the missing mark is a comma, which is left to the reader.
fn report_intro_run_on(rule: &Rule, cx: &LintContext, out: &mut Vec<Finding>) {
    let doc = cx.doc;
    for paragraph in doc.paragraphs.iter().filter(|p| cx.wants(&p.range)) {
        let text = &doc.text[paragraph.range.clone()];
        if !text.contains("如下") {
            continue;
        }
        for m in REPORT_INTRO_RUN_ON.find_iter(text) {
            let last = paragraph.range.start + m.start();
            let intro = last + text[m.start()..].chars().next().map_or(0, char::len_utf8);
            if !ends_a_statement(doc, &paragraph.range, intro) {
                continue;
            }
            let written = &doc.text[last..intro + "现将".len()];
            let fixed = format!("{}。{}", &doc.text[last..intro], &doc.text[intro..intro + "现将".len()]);
            let message = fill_verbatim(&rule.meta.message, &[("text", written), ("replacement", &fixed)]);
            let mut finding = rule.finding(doc, last..intro + "现将".len(), message);
            finding.fixes.push(Fix::replace("在“现将”前加句号", intro..intro, "。", false));
            out.push(finding);
        }
    }
}

static REPORT_INTRO: LazyLock<Regex> = LazyLock::new(|| {
    // 现将 is sometimes left out: ……迈上新台阶，具体情况报告如下 (sets 32 and 39).
    Regex::new(concat!(
        r"，(?:(?:现将|特将|现就)[^。！？；\n]{0,80}?(?:报告|汇报|报|说明|总结)",
        r"|(?:有关|具体|主要|相关)[\u4e00-\u9fff]{0,12}?情况(?:报告|汇报))如下"
    ))
    .expect("pattern")
});

/// Words that open an adverbial phrase: a clause that begins with one is part
/// of the “现将……如下” sentence (根据……要求，现将……报告如下), not a sentence
/// of its own.
const ADVERBIAL_OPENERS: &[&str] = &[
    "根据", "按照", "依据", "依照", "遵照", "对照", "按", "为", "结合", "围绕", "经", "现", "对", "就", "针对", "鉴于",
    "受", "着眼", "本着", "基于",
];

/// Verbs that make a clause opening with 为 a statement of what was done for
/// someone (为全县高质量发展提供坚实法治保障, 为……筑牢法治根基), not the purpose of what follows
/// (为全面总结全年工作，现将……).
const GIVING_VERBS: &[&str] =
    &["提供", "保驾护航", "作出", "做出", "奠定", "营造", "贡献", "助力", "赋能", "筑牢", "夯实", "打下"];

/// Does a clause opening with 为 say what was given (为……提供……保障)?
fn gives_for(clause: &str) -> bool {
    clause.starts_with('为') && GIVING_VERBS.iter().any(|v| clause.contains(v))
}

/// Does the clause that ends at byte `end` of `paragraph` make a sentence of
/// its own (a subject's work, its results), so that “现将……报告如下” after it
/// starts a new one? A clause that only says on what basis or for what purpose
/// (根据……要求，为全面总结……) belongs to the 现将 sentence, and a clause of a
/// word or two (“2024年，现将……”) is a topic, not a sentence.
fn ends_a_statement(doc: &Document, paragraph: &Range<usize>, end: usize) -> bool {
    // The clause right before `end`, within the document's sentence.
    let sentence_start = doc.sentence_at(end).map_or(paragraph.start, |s| s.range.start);
    let before = &doc.text[sentence_start.max(paragraph.start)..end];
    let clause = before.rfind('，').map_or(before, |i| &before[i + '，'.len_utf8()..]).trim_start();
    let of_basis_or_purpose = ADVERBIAL_OPENERS.iter().any(|w| clause.starts_with(w)) && !gives_for(clause);
    !of_basis_or_purpose && clause.chars().count() >= 4
}

/// “……取得积极成效，现将有关情况报告如下：”. The sentence that introduces
/// the report's parts stands on its own; when the clause before its comma is a
/// complete statement ([`ends_a_statement`]), the comma joins two sentences
/// and should be a full stop.
fn report_intro(rule: &Rule, cx: &LintContext, out: &mut Vec<Finding>) {
    let doc = cx.doc;
    for paragraph in doc.paragraphs.iter().filter(|p| cx.wants(&p.range)) {
        let text = &doc.text[paragraph.range.clone()];
        if !text.contains("如下") {
            continue;
        }
        for m in REPORT_INTRO.find_iter(text) {
            let comma = paragraph.range.start + m.start();
            if !ends_a_statement(doc, &paragraph.range, comma) {
                continue;
            }
            let span = comma..comma + '，'.len_utf8();
            let shown: String = doc.text[comma..paragraph.range.start + m.end()].chars().take(8).collect();
            let mut finding = rule.finding(doc, span.clone(), fill_verbatim(&rule.meta.message, &[("text", &shown)]));
            finding.fixes.push(Fix::replace("改为句号", span, "。", false));
            out.push(finding);
        }
    }
}
