//! `kind = "artefact"`: leftovers of converting a Word file to text, and stray
//! whitespace.
//!
//! | `check` | what it reports | fix |
//! |---|---|---|
//! | `leftover` | `[bookmark: _GoBack]`, field codes (`{ PAGE }`, `MERGEFORMAT`), U+FFFD, a URL inside a Chinese sentence | delete |
//! | `blank-line` | a line of nothing but spaces | empty it |
//! | `edge-space` | spaces or tabs at the start or end of a line (leading 　　 indentation is fine) | delete |
//! | `inner-space` | tabs, U+3000 and spaces between Chinese characters, between digits and Chinese, or before a pause or stop mark (100% ，) (not after an organ's name in the lines before the title, the title or the signers, where joint issuing organs are set apart by a space, nor one space after ” or 》 closing a name, nor one space between the parallel phrases of a quoted name or title: “万名专家下基层 服务帮扶促安全”, 《铸牢中华民族共同体意识 推动……》, “学思想 强党性 重实践 建新功”, nor a line set letter-spaced: 青 海 省 卫 生 健 康 委) | delete |
//! | `broken-line` | a line broken in the middle of a sentence or heading (plain text) | join the lines |
//! | `doubled-word` | a word written twice in a row (实现实现, 推进法治政府建设建设), or 的的 (not after a word ending in 的: 目的的) — not reduplication (认认真真, 层层, 研究研究) nor a word followed by a verb that starts like it ends (工作作如下汇报) | delete the second |

use super::scope::ranges_that_may_match;
use super::{CompileError, Finding, Fix, Kind, LintContext, PackContext, Rule, check_of, fill};
use crate::document::{Format, ParagraphKind, is_split_title};
use crate::schema::RuleDef;
use crate::segment::{jieba, on_word_boundaries};
use crate::text::{BLANKS, FirstBytes, inside_title, is_blank, is_cjk_punct, is_han, item_marker_end};
use regex::Regex;
use schemars::JsonSchema;
use serde::Deserialize;
use std::ops::Range;
use std::sync::LazyLock;
use toml::Spanned;

/// A compiled `artefact` rule: the check it runs (the table above).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArtefactRule {
    Leftover,
    BlankLine,
    EdgeSpace,
    InnerSpace,
    BrokenLine,
    DoubledWord,
}

/// Leftovers of conversion from Word and stray whitespace.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ArtefactFields {
    /// Which check the rule runs: `leftover`, `blank-line`, `edge-space`, `inner-space`, `broken-line` or `doubled-word`.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub check: Option<Spanned<String>>,
}

impl Kind for ArtefactRule {
    const NAME: &'static str = "artefact";
    type Fields = ArtefactFields;

    fn from_def(def: &RuleDef, fields: ArtefactFields, _: &PackContext) -> Result<ArtefactRule, CompileError> {
        let (name, span) = check_of(def, &fields.check)?;
        ArtefactRule::parse(name).map_err(|m| (span, m))
    }

    fn lint(&self, rule: &Rule, cx: &LintContext, out: &mut Vec<Finding>) {
        match self {
            ArtefactRule::Leftover => leftover(rule, cx, out),
            ArtefactRule::BlankLine => blank_line(rule, cx, out),
            ArtefactRule::EdgeSpace => edge_space(rule, cx, out),
            ArtefactRule::InnerSpace => inner_space(rule, cx, out),
            ArtefactRule::BrokenLine => broken_line(rule, cx, out),
            ArtefactRule::DoubledWord => doubled_word(rule, cx, out),
        }
    }
}

impl ArtefactRule {
    pub fn parse(name: &str) -> Result<ArtefactRule, String> {
        Ok(match name {
            "leftover" => ArtefactRule::Leftover,
            "blank-line" => ArtefactRule::BlankLine,
            "edge-space" => ArtefactRule::EdgeSpace,
            "inner-space" => ArtefactRule::InnerSpace,
            "broken-line" => ArtefactRule::BrokenLine,
            "doubled-word" => ArtefactRule::DoubledWord,
            _ => {
                return Err(format!(
                    "未知的 artefact 检查“{name}”：应为 leftover、blank-line、edge-space、inner-space、broken-line 或 doubled-word"
                ));
            }
        })
    }
}

fn delete(rule: &Rule, cx: &LintContext, span: Range<usize>, what: &str, safe: bool, out: &mut Vec<Finding>) {
    let doc = cx.doc;
    let values = [("text", &doc.text[span.clone()]), ("what", what)];
    let mut finding = rule.finding(doc, span.clone(), fill(&rule.meta.message, &values));
    finding.fixes.push(Fix::replace(format!("删除{what}"), span, "", safe));
    out.push(finding);
}

const BLANK_FIRST_BYTES: FirstBytes = FirstBytes::new(&[&BLANKS]);

static BOOKMARK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\[bookmark:[^\]\n]*\]").expect("pattern"));
static FIELD_CODE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\{\s*(?:HYPERLINK|PAGEREF|PAGE|NUMPAGES|TOC|REF|SEQ|MERGEFIELD)\b[^}\n]*\}|\\\*\s*MERGEFORMAT")
        .expect("pattern")
});
static URL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(?:https?://|www\.)[A-Za-z0-9\-._~/?#=&%+]+").expect("url"));

fn leftover(rule: &Rule, cx: &LintContext, out: &mut Vec<Finding>) {
    let doc = cx.doc;
    let paragraphs: Vec<Range<usize>> = doc.paragraphs.iter().map(|p| p.range.clone()).collect();
    // Most paragraphs hold none of these: one search of the whole text finds
    // the few that may.
    let found_in = |regex: &Regex| -> Vec<Range<usize>> {
        let mut found = Vec::new();
        for range in ranges_that_may_match(regex, &doc.text, paragraphs.clone()) {
            found.extend(regex.find_iter(doc.slice(&range)).map(|m| range.start + m.start()..range.start + m.end()));
        }
        found
    };
    for span in found_in(&BOOKMARK) {
        delete(rule, cx, span, "书签标记", true, out);
    }
    for span in found_in(&FIELD_CODE) {
        delete(rule, cx, span, "域代码", true, out);
    }
    for (i, _) in doc.text.match_indices('\u{fffd}') {
        delete(rule, cx, i..i + '\u{fffd}'.len_utf8(), "乱码字符", false, out);
    }
    // A URL with Chinese right before and after it is a watermark or a paste, not a citation.
    for span in found_in(&URL) {
        let paragraph = doc.paragraph_at(span.start).map(|p| doc.paragraphs[p].range.clone()).expect("in a paragraph");
        let before = doc.text[paragraph.start..span.start].chars().next_back();
        let after = doc.text[span.end..paragraph.end].chars().next();
        if before.is_some_and(is_han) && after.is_some_and(is_han) {
            delete(rule, cx, span, "夹在句中的网址", false, out);
        }
    }
}

fn blank_line(rule: &Rule, cx: &LintContext, out: &mut Vec<Finding>) {
    let doc = cx.doc;
    for line in 0..doc.lines.line_count() {
        let range = doc.lines.line_range(line);
        let text = doc.slice(&range);
        if !text.is_empty() && text.chars().all(is_blank) {
            delete(rule, cx, range, "空白行中的空格", true, out);
        }
    }
}

fn edge_space(rule: &Rule, cx: &LintContext, out: &mut Vec<Finding>) {
    let doc = cx.doc;
    if doc.format == Format::Markdown {
        return; // leading spaces and trailing double spaces mean something in Markdown
    }
    for line in 0..doc.lines.line_count() {
        let range = doc.lines.line_range(line);
        let text = doc.slice(&range);
        if text.chars().all(is_blank) {
            continue; // blank-line's business
        }
        let lead: usize = text.chars().take_while(|&c| is_blank(c)).map(char::len_utf8).sum();
        let leading = &text[..lead];
        // Two ideographic spaces are the customary first-line indent (首行缩进).
        if lead > 0 && !leading.chars().all(|c| c == '\u{3000}') {
            delete(rule, cx, range.start..range.start + lead, "行首空格", true, out);
        }
        let trail: usize = text.chars().rev().take_while(|&c| is_blank(c)).map(char::len_utf8).sum();
        if trail > 0 {
            delete(rule, cx, range.end - trail..range.end, "行尾空格", true, out);
        }
    }
}

/// How the names of issuing organs end (中共某某县委, 某某县人民政府, 某某局 …, 中共中央).
const ORGAN_ENDINGS: &[&str] = &[
    "委",
    "政府",
    "局",
    "委员会",
    "办公室",
    "厅",
    "院",
    "部",
    "办",
    "处",
    "中心",
    "所",
    "镇",
    "乡",
    "街道",
    "管委会",
    "中央",
];

fn inner_space(rule: &Rule, cx: &LintContext, out: &mut Vec<Finding>) {
    let doc = cx.doc;
    for paragraph in &doc.paragraphs {
        // Lines before the title, the title and the signers may set joint
        // issuing organs apart with a space (中共某某县委 某某县人民政府), as the
        // headers of official documents do.
        let header = matches!(paragraph.kind, ParagraphKind::Preamble | ParagraphKind::Title | ParagraphKind::Signer);
        let text = doc.slice(&paragraph.range);
        if letter_spaced(text) {
            continue;
        }
        let mut run_end = 0;
        for (offset, c) in BLANK_FIRST_BYTES.candidates(text) {
            // A paragraph's first character is never where a run starts.
            let start = if offset == 0 { c.len_utf8() } else { offset };
            if start < run_end || !text[start..].starts_with(is_blank) {
                continue;
            }
            let end = text[start..].find(|c| !is_blank(c)).map_or(text.len(), |i| start + i);
            run_end = end;
            let (Some(before), Some(after)) = (text[..start].chars().next_back(), text[end..].chars().next()) else {
                continue;
            };
            let chinese = |c: char| is_han(c) || is_cjk_punct(c);
            let digit = |c: char| c.is_ascii_digit();
            // A full-width mark carries its own spacing (GB/T 15834-2011): a
            // blank after “宪法宣传周” or between 》 《 is as stray as one between
            // two characters; three held-out sets marked it so.
            // So may the title of a joint document cited in the text (《中共某某市委办公室 某某市人民政府办公室关于
            // 印发……的通知》, set 35): it is the document's own title, spaces and all.
            let in_cited_title = inside_title(&text[..start]);
            let between_organs = (header || in_cited_title) && ORGAN_ENDINGS.iter().any(|e| text[..start].ends_with(e));
            let in_name = text[start..end] == *" " && splits_quoted_name(text, start, end);
            // An item's marker at the start of a line (1. 健全…): the heading or item
            // follows it directly, as after 一、 (sets 6, 7). The dot of 1. is
            // not a Chinese mark, so the rule below would not see it.
            let after_ordinal = item_marker_end(&text[..start]) == Some(start) && chinese(after);
            // Nothing stands apart from the pause or stop that ends it, whatever
            // it is (参考率为100% ，合格率为100% 。).
            let before_pause = matches!(after, '，' | '。' | '、' | '；' | '：' | '？' | '！');
            // A range of figures is written close (2021—2025年): a blank beside its dash is a leftover of the
            // conversion (（2021 - 2025年）, set 34).
            let dash = |c: char| matches!(c, '-' | '－' | '—' | '–' | '~' | '～');
            let in_range = (digit(before) && dash(after)) || (dash(before) && digit(after));
            let stray = !between_organs
                && !in_name
                && (after_ordinal
                    || before_pause
                    || in_range
                    || (chinese(before) && (chinese(after) || digit(after)))
                    || (digit(before) && chinese(after)));
            let has_wide_or_tab = text[start..end].contains(['\t', '\u{3000}']);
            if stray || (has_wide_or_tab && (chinese(before) || chinese(after))) {
                // Between two runs of four characters or more, a blank may part two phrases (a heading's pair:
                // 党建引领法治建设 深化基层依法治理, set 53) rather than split one (领导干部 学法用法, set 47), and
                // deleting it would run the phrases together: the fix is offered, not applied.
                let han_before = text[..start].chars().rev().take_while(|&c| is_han(c)).count();
                let han_after = text[end..].chars().take_while(|&c| is_han(c)).count();
                let parts_phrases = han_before >= 4 && han_after >= 4;
                let span = paragraph.range.start + start..paragraph.range.start + end;
                delete(rule, cx, span, "多余的空白", !parts_phrases, out);
            }
        }
    }
}

/// Is the line set letter-spaced, a blank after every character (青 海 省 卫 生
/// 健 康 委, 附 件)? Short centred lines — an issuing organ, a heading — are
/// spread so on purpose; the spacing is layout, not a stray blank.
fn letter_spaced(text: &str) -> bool {
    let pieces: Vec<&str> = text.split(is_blank).filter(|p| !p.is_empty()).collect();
    pieces.len() >= 2 && pieces.iter().all(|p| p.chars().count() == 1)
}

/// Does the blank `text[start..end]` set apart the phrases of a quoted name
/// or title (“万名专家下基层 服务帮扶促安全”行动; a lecture
/// “学习贯彻习近平法治思想 在法治的轨道上深化改革、推进中国式现代化”; a talk
/// 《铸牢中华民族共同体意识 推动……高质量发展》; a contest
/// “学思想 强党性 重实践 建新功”)? Campaign names, slogans and the titles of
/// talks of parallel phrases are printed so: inside one pair of quotation
/// marks or title marks, phrases parted by single spaces, each of ideographs
/// with at most the marks of a phrase (、，) and quoted words (践行“两山”生态理念
/// 法治守护绿水青山) inside — two of four or more ideographs, or any number of
/// equally long ones of three or more (学宪法 讲宪法).
fn splits_quoted_name(text: &str, start: usize, end: usize) -> bool {
    [('“', '”'), ('《', '》')].iter().any(|&(open_mark, close_mark)| {
        // The marks that enclose the blank, stepping over pairs inside.
        let open = unnested(text[..start].char_indices().rev(), close_mark, open_mark);
        let close = unnested(text[end..].char_indices(), open_mark, close_mark);
        let (Some(open), Some(close)) = (open, close) else { return false };
        let inside = &text[open + open_mark.len_utf8()..end + close];
        if inside.chars().count() > 41 {
            return false;
        }
        let phrase = |s: &str| s.chars().all(|c| is_han(c) || matches!(c, '、' | '，' | '“' | '”' | '〈' | '〉'));
        let lengths: Option<Vec<usize>> =
            inside.split(' ').map(|s| phrase(s).then(|| s.chars().filter(|&c| is_han(c)).count())).collect();
        match lengths.as_deref() {
            Some([a, b]) if *a >= 4 && *b >= 4 => true,
            Some([first, rest @ ..]) => *first >= 3 && !rest.is_empty() && rest.iter().all(|n| n == first),
            _ => false,
        }
    })
}

/// Where the first `wanted` mark of `chars` is that no `nests` mark before it
/// pairs with: walking out of 践行“两山”生态理念 to the “ that opens it, a ”
/// on the way means a pair inside to step over.
fn unnested(chars: impl Iterator<Item = (usize, char)>, nests: char, wanted: char) -> Option<usize> {
    let mut depth = 0usize;
    for (at, c) in chars {
        if c == nests {
            depth += 1;
        } else if c == wanted {
            if depth == 0 {
                return Some(at);
            }
            depth -= 1;
        }
    }
    None
}

/// A document number (发文字号, GB/T 9704-2012 7.2.4) on a line of its own:
/// 雷东府〔2025〕26号. It ends a line by design.
static DOCUMENT_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\p{Han}{1,12}[〔\[［]\d{4}[〕\]］]\d{1,5}号$").expect("pattern"));

/// Is `line` a document number on a line of its own (雷东府〔2025〕26号)?
pub(crate) fn is_document_number(line: &str) -> bool {
    DOCUMENT_NUMBER.is_match(line)
}

/// A line that is only a date in brackets, as under a report's title.
static DATE_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[（(]?\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*[）)]?$").expect("pattern"));

const END_MARKS: &[char] = &['。', '！', '？', '；', '：', '…', '”', '’', '）', ')', '》', '!', '?', ';', ':', '.'];

fn broken_line(rule: &Rule, cx: &LintContext, out: &mut Vec<Finding>) {
    let doc = cx.doc;
    if doc.format == Format::Markdown {
        return; // soft line breaks are part of Markdown
    }
    // Where the first line with a mark of a sentence starts: what comes
    // between the title and it is the title block.
    let title_end = doc.paragraphs.iter().take_while(|p| p.kind != ParagraphKind::Title).count();
    let head_end = doc.paragraphs[title_end.min(doc.paragraphs.len())..]
        .iter()
        .find(|p| doc.slice(&p.range).contains(['，', '。', '；', '：', '、', '！', '？']))
        .map_or(0, |p| p.range.start);
    for (index, pair) in doc.paragraphs.windows(2).enumerate() {
        let (first, second) = (&pair[0], &pair[1]);
        if second.kind != ParagraphKind::Body {
            continue;
        }
        // Only lines that follow each other directly; a blank line is a paragraph break.
        let between = &doc.text[first.range.end..second.range.start];
        if between.matches(['\n', '\r']).count() > between.matches("\r\n").count() + 1 {
            continue;
        }
        let Some(last) = doc.slice(&first.range).chars().next_back() else { continue };
        if END_MARKS.contains(&last) || DOCUMENT_NUMBER.is_match(doc.slice(&first.range).trim()) {
            continue;
        }
        // A title block set on lines of their own: the issuing organ under
        // the title, a date in brackets (湖南省农业农村厅 / （2024年1月31日）),
        // and a signature's date line (湖州市交通运输局 / 2025年1月15日).
        if DATE_LINE.is_match(doc.slice(&second.range).trim()) || DATE_LINE.is_match(doc.slice(&first.range).trim()) {
            continue;
        }
        // The line right under the title, without punctuation, is the title
        // block's too: the issuing organ (2025年度法治政府建设工作报告 / 江源区卫生健康局).
        let under_title = doc.paragraphs[..doc.paragraph_at(first.range.start).unwrap_or(0)]
            .last()
            .is_some_and(|p| p.kind == ParagraphKind::Title);
        if under_title && first.kind == ParagraphKind::Body && is_title_block_line(doc.slice(&first.range)) {
            continue;
        }
        // So are all the unpunctuated lines above the first punctuated one:
        // a subtitle set on two lines (2025年3月17日在××旗第十六届人民代表大会 /
        // 常务委员会第二十四次会议上) before the salutation.
        if first.range.end <= head_end && first.kind == ParagraphKind::Body {
            continue;
        }
        // The lines of a covering letter's attachment note (附件：……报告), a
        // short heading set apart (引 言, 前言), and a title set on two lines
        // that is not the document's (a report's own title under the covering
        // letter's, ……法治政府建设 / 情况报告) end where they end.
        let (first_text, second_text) = (doc.slice(&first.range), doc.slice(&second.range));
        let above = index.checked_sub(1).map(|i| doc.slice(&doc.paragraphs[i].range));
        if first_text.trim_start().starts_with("附件")
            || is_short_heading(first_text)
            || is_split_title(first_text, second_text)
            || above.is_some_and(|above| is_split_title(above, first_text))
        {
            continue;
        }
        // A short line that opens with a closing bracket no earlier line left
        // open is a heading whose ordinal was lost but for its ）(（二）落实
        // 政务公开 → ）落实政务公开): neither it nor the line above runs on.
        let left_open = first_text.matches(['（', '(']).count() > first_text.matches(['）', ')']).count();
        if !left_open && [first, second].iter().any(|p| lost_ordinal_heading(doc.slice(&p.range))) {
            continue;
        }
        let broken = match first.kind {
            ParagraphKind::Body => is_han(last) || last == '，' || last == '、' || last.is_ascii_digit(),
            ParagraphKind::Heading(h) if doc.headings[h].run_in => is_han(last) || last == '，' || last == '、',
            ParagraphKind::Heading(h) => {
                let title = doc.heading_title(h);
                let next_sentence = doc.sentences.get(second.sentences.start).map(|s| doc.slice(&s.range));
                // A short sentence after a heading with a comma in it may be
                // the heading's own end — unless it opens an item of its own
                // (一是加强组织领导。).
                // So does a short title that leads its line when the line
                // after leads the same way: items titled without ordinals
                // (压实主体责任。成立…… / 深化法治学习。建立……).
                let third = doc.paragraphs.get(index + 2).map(|p| doc.slice(&p.range));
                let opens_item = item_marker_end(doc.slice(&second.range)).is_some()
                    || (leads_with_a_title(doc.slice(&second.range)) && third.is_some_and(leads_with_a_title));
                // A whole heading (clauses of like length) is continued only
                // by a fragment (规范化 / 程序化法治化。), not by an item's
                // own title (党建引领，强化思想理论武装 / 笃学践行习近平法治思想。).
                let longest_rest = if clauses_balanced(title) { 7 } else { 12 };
                (word_spans_break(doc.slice(&first.range), doc.slice(&second.range))
                    && ends_in_a_single_character(doc.slice(&first.range)))
                    || (title.contains('，')
                        && !opens_item
                        && next_sentence.is_some_and(|s| {
                            s.chars().count() <= longest_rest && !ITEM_VERBS.iter().any(|v| s.starts_with(v))
                        }))
            }
            _ => false,
        };
        if !broken {
            continue;
        }
        let span = first.range.end - last.len_utf8()..first.range.end;
        let values = [("text", &doc.text[span.clone()])];
        let mut finding = rule.finding(doc, span, fill(&rule.meta.message, &values));
        finding.fixes.push(Fix::replace("与下一行合并", first.range.end..second.range.start, "", false));
        out.push(finding);
    }
}

/// Verbs an item's own short title opens with (强化组织领导。一是……, set
/// 41): a sentence that starts with one begins something, it does not finish
/// the heading above.
const ITEM_VERBS: &[&str] = &[
    "强化", "加强", "健全", "完善", "推进", "深化", "坚持", "落实", "压实", "提升", "夯实", "筑牢", "抓好", "做好",
    "优化", "聚焦", "着力",
];

/// Is the line a heading of a word or two, its characters often spaced out
/// (引 言, 前言, 结 语)? No sentence breaks after so few characters.
fn is_short_heading(line: &str) -> bool {
    let line = line.trim();
    !line.is_empty()
        && line.chars().all(|c| is_han(c) || is_blank(c))
        && line.chars().filter(|&c| is_han(c)).count() <= 4
}

/// Does the line open with the ）of a lost ordinal and read as a heading
/// (no more than 40 characters, no full stop)?
fn lost_ordinal_heading(line: &str) -> bool {
    let line = line.trim();
    let Some(rest) = line.strip_prefix(['）', ')']) else { return false };
    rest.chars().next().is_some_and(is_han) && rest.chars().count() <= 40 && !rest.contains(['。', '！', '？', '；'])
}

/// Does the line open with a short sentence (at most ten characters, a
/// run-in item title: 深化法治学习。) and go on with more text after it?
fn leads_with_a_title(line: &str) -> bool {
    let line = line.trim();
    match line.find('。') {
        Some(end) => {
            let title = &line[..end];
            let rest = &line[end + '。'.len_utf8()..];
            let title_chars = title.chars().count();
            (2..=10).contains(&title_chars) && title.chars().all(is_han) && rest.chars().count() >= 10
        }
        None => false,
    }
}

/// A short line without punctuation: an issuing organ or a date under a title.
fn is_title_block_line(line: &str) -> bool {
    let line = line.trim();
    !line.is_empty() && line.chars().count() <= 25 && !line.contains(['，', '。', '；', '：', '、'])
}

/// Does a heading pair clauses of like length (党建引领，强化思想理论武装), as a
/// whole one does? A heading broken at the line end often has a last clause
/// shorter than its first (深化学法用法，提升 / 法治履职能力).
fn clauses_balanced(title: &str) -> bool {
    let clauses: Vec<usize> = title.split('，').map(|c| c.chars().filter(|&c| is_han(c)).count()).collect();
    match (clauses.first(), clauses.last()) {
        (Some(&first), Some(&last)) if clauses.len() >= 2 => last >= 4 && last >= first,
        _ => false,
    }
}

/// Does the line, segmented alone, end in a word of one character (…促进法治履职能)?
/// A heading that ends in a whole word (…有序推进法治建设) is complete even when
/// that word and the next line's first character make a longer one (建设 / 局党委:
/// 建设局, a unit).
fn ends_in_a_single_character(line: &str) -> bool {
    let tail: String = line.chars().rev().take(6).collect::<Vec<_>>().into_iter().rev().collect();
    jieba().cut(&tail, false).last().is_none_or(|t| t.word.chars().count() == 1)
}

/// Does a word run across the line break (促 / 进 → 促进)?
fn word_spans_break(first: &str, second: &str) -> bool {
    let tail: String = first.chars().rev().take(6).collect::<Vec<_>>().into_iter().rev().collect();
    let head: String = second.chars().take(6).collect();
    let joined = format!("{tail}{head}");
    let boundary = tail.len();
    jieba().cut(&joined, false).iter().any(|t| t.byte_start < boundary && t.byte_end > boundary)
}

/// Activity verbs that Chinese doubles to soften them (研究研究, 商量商量):
/// grammar, not a slip. Verbs of result or state (实现, 建设, 完善) are not
/// doubled so.
const REDUPLICATED_VERBS: &[&str] = &[
    "研究", "讨论", "学习", "商量", "考虑", "休息", "了解", "交流", "活动", "锻炼", "打扫", "整理", "检查", "收拾",
    "琢磨", "思考", "走访", "体验", "比较", "调查",
];

/// Words that make the word after them the head of a noun phrase (本规定,
/// 有关规定, 上一年度): when that word comes again, the second is another
/// part of the sentence — 本规定|规定的职责 (the verb), 上一年度|年度报告 — not
/// a slip. Laws write both (LawRefBook: 本规定规定, 国家有关规定规定, 报送上一年度年度报告).
const DETERMINERS: &[&str] = &["本", "该", "此", "上述", "前款", "有关", "相关", "上一", "每一"];

/// Does `before` end with one of the [`DETERMINERS`]? A single character
/// counts only on its own: 应该, 基本, 因此 end in 该, 本, 此 as words of
/// their own, and a slip after them (应该落实落实) is still a slip.
fn after_determiner(before: &str, jieba: &jieba_rs::Jieba) -> bool {
    DETERMINERS.iter().any(|d| {
        let Some(rest) = before.strip_suffix(d) else { return false };
        d.chars().count() > 1 || rest.chars().next_back().is_none_or(|prev| !jieba.has_word(&format!("{prev}{d}")))
    })
}

/// A word of two to four characters written twice in a row, or 的的. What is
/// left alone: single characters doubled (层层压实, 件件有回音: reduplication
/// is grammar), AABB (认认真真, 的的确确), a two-character verb doubled (研究研究:
/// verbal reduplication), and a doubled stretch that is no word of the lexicon
/// (工作作如下: 工作 + 作, a verb), nor a word after a determiner that makes it
/// a noun ([`DETERMINERS`]). Repeats are looked for across a whole
/// paragraph, not across punctuation.
fn doubled_word(rule: &Rule, cx: &LintContext, out: &mut Vec<Finding>) {
    let doc = cx.doc;
    let jieba = jieba();
    for paragraph in doc.paragraphs.iter().filter(|p| cx.wants(&p.range)) {
        let text = doc.slice(&paragraph.range);
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut i = 0;
        while i < chars.len() {
            let mut found = None;
            for len in (2..=4).rev() {
                if i + 2 * len > chars.len() {
                    continue;
                }
                let unit = &chars[i..i + len];
                let again = &chars[i + len..i + 2 * len];
                if !unit.iter().all(|&(_, c)| is_han(c)) || unit.iter().zip(again).any(|(a, b)| a.1 != b.1) {
                    continue;
                }
                let start = unit[0].0;
                let end = again.last().map_or(text.len(), |&(at, c)| at + c.len_utf8());
                let word = &text[start..start + (again[0].0 - start)];
                // AABB: 认认真真 is 认认 + 真真, not a doubled word.
                let aabb = len == 2 && unit[0].1 == unit[1].1;
                let verb_reduplication = len == 2 && REDUPLICATED_VERBS.contains(&word);
                let after_determiner = after_determiner(&text[..start], jieba);
                // The second must be a word of its own: 总队总队长 is 总队 + 总队长;
                // and the first: 集装箱装箱, 上一年度年度报告 end a longer word with it.
                let second = paragraph.range.start + again[0].0..paragraph.range.start + end;
                let first = paragraph.range.start + start..second.start;
                if !aabb
                    && !verb_reduplication
                    && !after_determiner
                    && jieba.has_word(word)
                    && on_word_boundaries(&doc.text, paragraph.range.clone(), second)
                    && on_word_boundaries(&doc.text, paragraph.range.clone(), first)
                {
                    found = Some((again[0].0..end, len));
                    break;
                }
            }
            // 目的的, 标的的: the first 的 ends a word of its own, the second is the particle.
            let first = paragraph.range.start + chars[i].0;
            if found.is_none()
                && text[chars[i].0..].starts_with("的的")
                && !text[chars[i].0..].starts_with("的的确确")
                && on_word_boundaries(&doc.text, paragraph.range.clone(), first..first + '的'.len_utf8())
            {
                let at = chars[i].0 + '的'.len_utf8();
                found = Some((at..at + '的'.len_utf8(), 1));
            }
            match found {
                Some((second, len)) => {
                    let span = paragraph.range.start + second.start..paragraph.range.start + second.end;
                    delete(rule, cx, span, "重复的词语", false, out);
                    i += 2 * len;
                }
                None => i += 1,
            }
        }
    }
}
