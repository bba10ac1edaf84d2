//! Recognising figures: a number with a measure word.
//!
//! Vague claims such as 取得了显著成效 are acceptable when the same sentence
//! backs them with a figure (调处矛盾纠纷50件，调处率95%). A *figure* here is a
//! number followed by a measure word (量词) or a percent sign:
//!
//! - `50件`, `95%`, `6场次`, `1.5万余份`, `三次`, `10余部`
//! - a rank (`位列全省第一位`, `排名第3名`): a result someone measured
//! - not a year (`2023年`), a date (`12月14日`), another ordinal (`第一`, `一是`),
//!   the lone numeral 一 (`一个`, `一批`: wording, not a count), or a name in
//!   quotes (`“两个确立”`, `“三个一”`).
//!
//! This is the recogniser, not a rule: the rules that judge figures are the
//! `figures` kind (`rule/figures.rs`: density, 余 after exact counts,
//! impossible percentages) and `phrase` rules with `unless`; the linter holds
//! one [`FigureFinder`] with the packs' extra units for them all.

use crate::text::inside_quotes;
use regex::Regex;
use std::ops::Range;

/// Measure words that make a preceding number a figure. Packs may add more
/// through `figure_units`.
pub const DEFAULT_UNITS: &[&str] = &[
    "场次",
    "人次",
    "件次",
    "户次",
    "余",
    "次",
    "件",
    "人",
    "名",
    "位",
    "项",
    "个",
    "场",
    "份",
    "册",
    "本",
    "篇",
    "条",
    "部",
    "家",
    "起",
    "批",
    "期",
    "所",
    "村",
    "处",
    "座",
    "亿",
    "万",
    "千",
    "元",
    "倍",
    "天",
    "小时",
    "户",
    "宗",
    "单",
    "台",
    "辆",
    "套",
    "期",
    "轮",
    "课时",
    "学时",
    "平方米",
    "公里",
    "亩",
    "%",
    "％",
];

/// How many measure words a pack may add, and how long each may be: the
/// units become one regular expression, compiled under the same size limit
/// as a rule's patterns.
const MAX_EXTRA_UNITS: usize = 2_000;
const MAX_UNIT_CHARS: usize = 10;

/// Finds figures in sentences.
#[derive(Debug, Clone)]
pub struct FigureFinder {
    pattern: Regex,
}

impl Default for FigureFinder {
    fn default() -> Self {
        FigureFinder::new(&[])
    }
}

impl FigureFinder {
    /// A finder for the default measure words plus `extra_units`; if those
    /// cannot make one (see [`FigureFinder::try_new`]), the default units alone.
    pub fn new(extra_units: &[String]) -> FigureFinder {
        FigureFinder::try_new(extra_units)
            .unwrap_or_else(|_| FigureFinder::try_new(&[]).expect("the default units compile"))
    }

    /// A finder for the default measure words plus `extra_units`, or why a
    /// pack's units cannot make one: too many, too long, or empty.
    pub fn try_new(extra_units: &[String]) -> Result<FigureFinder, String> {
        if extra_units.len() > MAX_EXTRA_UNITS {
            return Err(format!("figure_units 有 {} 个量词，超过上限 {MAX_EXTRA_UNITS} 个", extra_units.len()));
        }
        if let Some(unit) = extra_units.iter().find(|u| u.trim().is_empty() || u.chars().count() > MAX_UNIT_CHARS) {
            return Err(format!("figure_units 中的量词“{unit}”为空或超过 {MAX_UNIT_CHARS} 个字"));
        }
        let mut units: Vec<String> = DEFAULT_UNITS.iter().map(|s| s.to_string()).collect();
        units.extend(extra_units.iter().cloned());
        // Longest first, so that 场次 wins over 场.
        units.sort_by_key(|u| std::cmp::Reverse(u.chars().count()));
        units.dedup();
        let alternation: Vec<String> = units.iter().map(|u| regex::escape(u)).collect();
        let pattern = format!(
            r"(?P<num>\d+(?:[.．]\d+)?|[零〇一二两三四五六七八九十百千]+)\s*(?:余|多)?\s*(?:{})",
            alternation.join("|")
        );
        let pattern = crate::pattern::compile_regex(&pattern).map_err(|e| format!("figure_units 无法编译：{e}"))?;
        Ok(FigureFinder { pattern })
    }

    /// Byte ranges (absolute) of the figures in `text[range]`.
    pub fn find(&self, text: &str, range: Range<usize>) -> Vec<Range<usize>> {
        let slice = &text[range.clone()];
        self.pattern
            .captures_iter(slice)
            .filter(|caps| {
                let num = caps.name("num").expect("num group");
                is_figure(slice, num.start(), num.as_str(), caps.get(0).expect("match").end())
            })
            .map(|caps| {
                let m = caps.get(0).expect("match");
                range.start + m.start()..range.start + m.end()
            })
            .collect()
    }

    /// Does `text[range]` state a figure?
    pub fn has_figure(&self, text: &str, range: Range<usize>) -> bool {
        !self.find(text, range).is_empty()
    }
}

/// Words that make the ordinal after them a ranking (位列…第一位).
const RANKING_VERBS: &[&str] = &["位列", "名列", "排名", "排在", "位居", "居全"];

fn is_figure(sentence: &str, start: usize, number: &str, end: usize) -> bool {
    let before = &sentence[..start];
    let prev = before.chars().next_back();
    let matched = &sentence[start..end];
    // A rank is a result someone measured (位列全省第一位, 排名第3名); other
    // ordinals are not (第三次, 摆在第一位).
    if prev == Some('第')
        && (matched.ends_with('位') || matched.ends_with('名'))
        && RANKING_VERBS.iter().any(|v| before.contains(v))
    {
        return !inside_quotes(before);
    }
    // An ordinal: 第三次; part of a longer number or word: 二十大, x3.
    if prev == Some('第') || prev.is_some_and(|c| c.is_ascii_alphanumeric()) {
        return false;
    }
    if number == "一" {
        return false;
    }
    // A year such as 2023年 never reaches here (年 is no unit), but 2023余次 is odd
    // enough to leave alone; a four-digit number starting 19/20 before 年度 neither.
    if matched.contains('年') {
        return false;
    }
    !inside_quotes(before)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figures(s: &str) -> Vec<&str> {
        FigureFinder::default().find(s, 0..s.len()).into_iter().map(|r| &s[r]).collect()
    }

    #[test]
    fn counts_with_measure_words_are_figures() {
        assert_eq!(figures("年内调处矛盾纠纷50件，调处率95%"), ["50件", "95%"]);
        assert_eq!(figures("开展培训6场次，印发材料1.5万余份"), ["6场次", "1.5万"]);
        assert_eq!(figures("组织学习三次，10余部法规"), ["三次", "10余部"]);
    }

    #[test]
    fn years_dates_ordinals_and_names_are_not_figures() {
        for s in [
            "2023年以来，我区",
            "2023年12月14日",
            "坚持“第一议题”制度",
            "一是加强领导",
            "深刻领会“两个确立”的决定性意义",
            "做到“三个一”",
            "打造一所高标准便民服务中心",
            "党的二十大精神",
            "第三次会议",
        ] {
            assert!(figures(s).is_empty(), "{s}: {:?}", figures(s));
        }
    }

    #[test]
    fn a_rank_is_a_figure_and_another_ordinal_is_not() {
        assert_eq!(figures("群众满意度位列全市各项工作第一位"), ["一位"]);
        assert_eq!(figures("考核排名第3名"), ["3名"]);
        assert!(figures("始终把法治建设摆在第一位").is_empty());
        assert!(figures("第一名被申请人").is_empty());
    }

    #[test]
    fn packs_can_add_measure_words() {
        let finder = FigureFinder::new(&["卷".to_string()]);
        assert!(finder.has_figure("归档12卷", 0.."归档12卷".len()));
        assert!(!FigureFinder::default().has_figure("归档12卷", 0.."归档12卷".len()));
    }
}
