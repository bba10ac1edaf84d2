//! Recognising heading ordinals at the start of a paragraph.
//!
//! GB/T 9704-2012 (党政机关公文格式) 7.3.3 fixes the order of heading
//! levels in official documents: 一、 → （一） → 1. → （1）. Converted reports
//! also use half-width look-alikes such as `(一)` and `1、`; they are recognised
//! here as the level they imitate, so that the numbering rules can report them.
//! Markdown `#` headings are recognised in Markdown documents.

use crate::text::chinese_numeral_value;

/// How an ordinal is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum OrdinalStyle {
    /// 一、 (level 1, the standard form).
    ChineseComma,
    /// 一. or 一． (a look-alike of level 1).
    ChineseDot,
    /// 一 run straight into the heading's words, the 、 lost (一主要举措和成效; a
    /// look-alike of level 1). Never recognised on its own: see [`parse_bare_chinese`].
    ChineseBare,
    /// （一） with full-width brackets (level 2, standard).
    ChineseParen,
    /// (一) with half-width brackets (a look-alike of level 2).
    ChineseHalfParen,
    /// 一） with the opening bracket lost (a look-alike of level 2).
    ChineseCloseParen,
    /// 1. or 1． (level 3, standard).
    ArabicDot,
    /// 1、 (a look-alike of level 3; GB/T 15834 B.1.2 wants 1.).
    ArabicComma,
    /// （1） with full-width brackets (level 4, standard).
    ArabicParen,
    /// (1) with half-width brackets (a look-alike of level 4).
    ArabicHalfParen,
    /// A Markdown ATX heading (`#`, `##`, …).
    Markdown,
}

impl OrdinalStyle {
    /// The GB/T 9704 level this style stands for (Markdown: `None`).
    pub fn nominal_level(self) -> Option<u8> {
        Some(match self {
            OrdinalStyle::ChineseComma | OrdinalStyle::ChineseDot | OrdinalStyle::ChineseBare => 1,
            OrdinalStyle::ChineseParen | OrdinalStyle::ChineseHalfParen | OrdinalStyle::ChineseCloseParen => 2,
            OrdinalStyle::ArabicDot | OrdinalStyle::ArabicComma => 3,
            OrdinalStyle::ArabicParen | OrdinalStyle::ArabicHalfParen => 4,
            OrdinalStyle::Markdown => return None,
        })
    }

    /// Is this the form the standard prescribes for its level?
    pub fn is_standard(self) -> bool {
        matches!(
            self,
            OrdinalStyle::ChineseComma
                | OrdinalStyle::ChineseParen
                | OrdinalStyle::ArabicDot
                | OrdinalStyle::ArabicParen
                | OrdinalStyle::Markdown
        )
    }

    /// Writes ordinal `n` in the standard form of this style's level.
    pub fn render(self, n: u32, markdown_level: u8) -> String {
        use crate::text::chinese_numeral;
        match self {
            OrdinalStyle::ChineseComma | OrdinalStyle::ChineseDot | OrdinalStyle::ChineseBare => {
                format!("{}、", chinese_numeral(n))
            }
            OrdinalStyle::ChineseParen | OrdinalStyle::ChineseHalfParen | OrdinalStyle::ChineseCloseParen => {
                format!("（{}）", chinese_numeral(n))
            }
            OrdinalStyle::ArabicDot | OrdinalStyle::ArabicComma => format!("{n}."),
            OrdinalStyle::ArabicParen | OrdinalStyle::ArabicHalfParen => format!("（{n}）"),
            OrdinalStyle::Markdown => format!("{} ", "#".repeat(markdown_level.max(1) as usize)),
        }
    }
}

/// An ordinal found at the start of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ordinal {
    pub style: OrdinalStyle,
    /// The number it states (1 for 一、); `None` for Markdown headings.
    pub number: Option<u32>,
    /// Markdown heading level (number of `#`), 0 otherwise.
    pub markdown_level: u8,
    /// Length in bytes of the ordinal, separator included (`（一）`, `一、`, `## `).
    pub len: usize,
}

const CHINESE_DIGITS: &str = "零〇一二两三四五六七八九十百";

/// Recognises an ordinal at the very start of `s` (leading blanks already removed).
pub fn parse_ordinal(s: &str, markdown: bool) -> Option<Ordinal> {
    if markdown && s.starts_with('#') {
        return parse_markdown(s);
    }
    let first = s.chars().next()?;
    if first == '（' || first == '(' {
        return parse_bracketed(s, first == '(');
    }
    if CHINESE_DIGITS.contains(first) {
        return parse_chinese(s);
    }
    if first.is_ascii_digit() {
        return parse_arabic(s);
    }
    None
}

fn parse_markdown(s: &str) -> Option<Ordinal> {
    let hashes = s.bytes().take_while(|&b| b == b'#').count();
    if hashes == 0 || hashes > 6 {
        return None;
    }
    let rest = &s[hashes..];
    let spaces = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    if spaces == 0 && !rest.is_empty() {
        return None;
    }
    Some(Ordinal { style: OrdinalStyle::Markdown, number: None, markdown_level: hashes as u8, len: hashes + spaces })
}

fn parse_chinese(s: &str) -> Option<Ordinal> {
    let digits_len: usize = s.chars().take_while(|&c| CHINESE_DIGITS.contains(c)).map(char::len_utf8).sum();
    let number = chinese_numeral_value(&s[..digits_len])?;
    let rest = &s[digits_len..];
    let sep = rest.chars().next()?;
    let style = match sep {
        '、' => OrdinalStyle::ChineseComma,
        '.' | '．' => OrdinalStyle::ChineseDot,
        // 一）纵深推进……: nothing in running text starts with a numeral and a closing bracket.
        '）' | ')' => OrdinalStyle::ChineseCloseParen,
        _ => return None,
    };
    Some(Ordinal { style, number: Some(number), markdown_level: 0, len: digits_len + sep.len_utf8() })
}

/// Recognises 一 to 十 run straight into the words of a heading (一主要举措和成效),
/// as a candidate only: 一年来, 六安市 and 十分 start the same way, so the
/// document takes it as a heading only where the line reads as one and the
/// numbering around it agrees (`Document::find_bare_headings`).
pub fn parse_bare_chinese(s: &str) -> Option<Ordinal> {
    let mut chars = s.chars();
    let first = chars.next()?;
    let number = chinese_numeral_value(&s[..first.len_utf8()]).filter(|n| (1..=10).contains(n))?;
    let next = chars.next()?;
    // Words a numeral starts (一是, 一年来, 一体化, 十分, 三项, 五个): not a lost 、.
    if !('\u{4e00}'..='\u{9fff}').contains(&next)
        || CHINESE_DIGITS.contains(next)
        || "是年来体些般直切定方项把份批次名条个号届级等致同起律线心流道分月日天".contains(next)
    {
        return None;
    }
    Some(Ordinal { style: OrdinalStyle::ChineseBare, number: Some(number), markdown_level: 0, len: first.len_utf8() })
}

fn parse_arabic(s: &str) -> Option<Ordinal> {
    let digits_len = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits_len > 2 {
        return None; // 2023年… is a year, not an ordinal
    }
    let number: u32 = s[..digits_len].parse().ok()?;
    let rest = &s[digits_len..];
    let sep = rest.chars().next()?;
    let style = match sep {
        '.' | '．' => OrdinalStyle::ArabicDot,
        '、' => OrdinalStyle::ArabicComma,
        _ => return None,
    };
    // 1.5万余人 is a decimal number, not a heading.
    let after = &rest[sep.len_utf8()..];
    if after.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    Some(Ordinal { style, number: Some(number), markdown_level: 0, len: digits_len + sep.len_utf8() })
}

fn parse_bracketed(s: &str, half_open: bool) -> Option<Ordinal> {
    let open_len = if half_open { 1 } else { '（'.len_utf8() };
    let inner = &s[open_len..];
    let inner_trimmed = inner.trim_start_matches([' ', '\u{3000}']);
    let pad = inner.len() - inner_trimmed.len();
    let (number, digits_len, chinese) = if inner_trimmed.starts_with(|c: char| c.is_ascii_digit()) {
        let len = inner_trimmed.bytes().take_while(u8::is_ascii_digit).count();
        if len > 2 {
            return None;
        }
        (inner_trimmed[..len].parse().ok()?, len, false)
    } else {
        let len: usize = inner_trimmed.chars().take_while(|&c| CHINESE_DIGITS.contains(c)).map(char::len_utf8).sum();
        (chinese_numeral_value(&inner_trimmed[..len])?, len, true)
    };
    let after_digits = &inner_trimmed[digits_len..];
    let after_trimmed = after_digits.trim_start_matches([' ', '\u{3000}']);
    let pad2 = after_digits.len() - after_trimmed.len();
    let close = after_trimmed.chars().next()?;
    if close != '）' && close != ')' {
        return None;
    }
    // Either bracket being half-width makes it the half-width look-alike.
    let half = half_open || close == ')';
    let style = match (chinese, half) {
        (true, false) => OrdinalStyle::ChineseParen,
        (true, true) => OrdinalStyle::ChineseHalfParen,
        (false, false) => OrdinalStyle::ArabicParen,
        (false, true) => OrdinalStyle::ArabicHalfParen,
    };
    let len = open_len + pad + digits_len + pad2 + close.len_utf8();
    Some(Ordinal { style, number: Some(number), markdown_level: 0, len })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn style_and_number(s: &str) -> Option<(OrdinalStyle, Option<u32>, usize)> {
        parse_ordinal(s, true).map(|o| (o.style, o.number, o.len))
    }

    #[test]
    fn recognises_the_four_standard_levels() {
        assert_eq!(style_and_number("一、总体情况"), Some((OrdinalStyle::ChineseComma, Some(1), 6)));
        assert_eq!(style_and_number("（十二）加强"), Some((OrdinalStyle::ChineseParen, Some(12), 12)));
        assert_eq!(style_and_number("3.完善制度"), Some((OrdinalStyle::ArabicDot, Some(3), 2)));
        assert_eq!(style_and_number("（2）强化"), Some((OrdinalStyle::ArabicParen, Some(2), 7)));
    }

    #[test]
    fn recognises_half_width_look_alikes() {
        assert_eq!(style_and_number("(一)深入学习"), Some((OrdinalStyle::ChineseHalfParen, Some(1), 5)));
        assert_eq!(style_and_number("（2) 健全"), Some((OrdinalStyle::ArabicHalfParen, Some(2), 5)));
        assert_eq!(style_and_number("1、加强"), Some((OrdinalStyle::ArabicComma, Some(1), 4)));
        assert_eq!(style_and_number("二．加强"), Some((OrdinalStyle::ChineseDot, Some(2), 6)));
    }

    #[test]
    fn recognises_a_heading_numeral_whose_brackets_or_mark_were_lost() {
        assert_eq!(style_and_number("一）纵深推进"), Some((OrdinalStyle::ChineseCloseParen, Some(1), 6)));
        let bare = parse_bare_chinese("二存在的不足和原因").map(|o| (o.style, o.number, o.len));
        assert_eq!(bare, Some((OrdinalStyle::ChineseBare, Some(2), 3)));
        for s in ["一是加强领导", "一年来", "十分重要", "三项制度", "一", "一、主要举措", "二十大以来"]
        {
            assert_eq!(parse_bare_chinese(s).map(|o| o.style), None, "{s}");
        }
        // parse_ordinal never takes a bare numeral: that needs the document around it.
        assert_eq!(parse_ordinal("二存在的不足和原因", false), None);
    }

    #[test]
    fn running_text_is_not_a_heading() {
        for s in ["一是加强领导", "2023年，我区", "1.5万余人", "十分重要", "（注：无）", "二十大以来"]
        {
            assert_eq!(parse_ordinal(s, false), None, "{s}");
        }
    }

    #[test]
    fn markdown_headings_only_in_markdown() {
        assert_eq!(style_and_number("## 二、举措"), Some((OrdinalStyle::Markdown, None, 3)));
        assert_eq!(parse_ordinal("#标签", true), None);
        assert_eq!(parse_ordinal("# 标题", false), None);
    }

    #[test]
    fn renders_the_standard_form() {
        assert_eq!(OrdinalStyle::ChineseHalfParen.render(2, 0), "（二）");
        assert_eq!(OrdinalStyle::ChineseComma.render(5, 0), "五、");
        assert_eq!(OrdinalStyle::ArabicComma.render(3, 0), "3.");
    }
}
