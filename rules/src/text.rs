//! Small text utilities shared by the document model and the matchers.
//!
//! Everything in gwlint addresses text by **byte offsets into the original
//! string** (BOM included). Lines and columns are derived on demand through a
//! [`LineIndex`], so no matcher has to think about line ends.

use std::ops::Range;

/// The UTF-8 byte order mark some Windows editors put at the start of a file.
pub const BOM: &str = "\u{feff}";

/// Maps byte offsets to 1-based lines and character columns and back.
///
/// Line ends may be `\n`, `\r\n` or a lone `\r`; all three end a line.
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset where each line starts.
    starts: Vec<usize>,
    /// Byte offset where each line's content ends (before its line end).
    ends: Vec<usize>,
    /// Length of a leading BOM (0 or 3): it is not counted as a column.
    bom: usize,
    /// In lines longer than [`CHECKPOINT_BYTES`]: a byte offset every that many bytes (on a character
    /// boundary) and the characters from its line's start to it, sorted. A column is counted from the
    /// nearest one before it, not from the start of a line that may be a whole report written as one
    /// paragraph: a column for each finding on such a line cost the square of its length (a 700 KB line
    /// took seconds to report, most of them counting characters).
    checkpoints: Vec<Checkpoint>,
}

/// A place in a long line from which columns are counted (see [`LineIndex::checkpoint_before`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Checkpoint {
    /// Its byte offset (a character boundary).
    pub at: usize,
    /// Characters and UTF-16 code units from the start of its line ([`LineIndex::line_range`]) to it.
    pub chars: usize,
    pub utf16: usize,
}

/// How far apart [`LineIndex`]'s checkpoints are in a long line, in bytes.
const CHECKPOINT_BYTES: usize = 4096;

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut ends = Vec::new();
        let mut crlf_at = None;
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            if crlf_at == Some(i) {
                continue; // the \n of a \r\n
            }
            ends.push(i);
            if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                crlf_at = Some(i + 1);
                starts.push(i + 2);
            } else {
                starts.push(i + 1);
            }
        }
        ends.push(bytes.len());
        let bom = if text.starts_with(BOM) { BOM.len() } else { 0 };
        let mut index = LineIndex { starts, ends, bom, checkpoints: Vec::new() };
        for line in 0..index.starts.len() {
            let range = index.line_range(line);
            if range.len() <= CHECKPOINT_BYTES {
                continue;
            }
            let mut next = range.start + CHECKPOINT_BYTES;
            let mut utf16 = 0;
            for (chars, (i, c)) in text[range.clone()].char_indices().enumerate() {
                if range.start + i >= next {
                    index.checkpoints.push(Checkpoint { at: range.start + i, chars, utf16 });
                    next = range.start + i + CHECKPOINT_BYTES;
                }
                utf16 += c.len_utf16();
            }
        }
        index
    }

    /// Number of lines (a text ending in a line end has an empty last line).
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// 0-based line containing `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    /// The content range of a 0-based line, without its line end.
    pub fn line_range(&self, line: usize) -> Range<usize> {
        let start = if line == 0 { self.bom } else { self.starts[line] };
        start..self.ends[line]
    }

    /// The content range of a 0-based line, without its line end but with a
    /// leading BOM: for callers whose columns count the BOM as a character,
    /// as the Language Server Protocol's do.
    pub fn line_span(&self, line: usize) -> Range<usize> {
        self.starts[line]..self.ends[line]
    }

    /// 1-based line and 1-based column (in Unicode scalar values) of `offset`.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.line_of(offset);
        let start = self.line_range(line).start.min(offset);
        let (from, counted) = self.checkpoint_before(offset).map_or((start, 0), |c| (c.at, c.chars));
        let column = counted + text[from..offset].chars().count() + 1;
        (line + 1, column)
    }

    /// The checkpoints of a 0-based line, in order (none for a line shorter than the spacing between them).
    pub fn checkpoints_in(&self, line: usize) -> &[Checkpoint] {
        let range = self.line_range(line);
        let first = self.checkpoints.partition_point(|c| c.at < range.start);
        let end = self.checkpoints.partition_point(|c| c.at <= range.end);
        &self.checkpoints[first..end]
    }

    /// The nearest checkpoint at or before `offset` in the same line, if its line is long enough to have one:
    /// a column is the checkpoint's count plus what lies between it and `offset`.
    pub fn checkpoint_before(&self, offset: usize) -> Option<Checkpoint> {
        let k = self.checkpoints.partition_point(|c| c.at <= offset);
        let checkpoint = *self.checkpoints.get(k.checked_sub(1)?)?;
        let line_start = self.line_range(self.line_of(offset)).start;
        (checkpoint.at >= line_start).then_some(checkpoint)
    }
}

/// Is `c` a Han character (CJK unified ideographs, extensions, compatibility)?
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F | 0x30000..=0x323AF)
}

/// Is `c` full-width CJK punctuation (the 标点 of GB/T 15834)?
pub fn is_cjk_punct(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '“'
            | '”'
            | '‘'
            | '’'
            | '（'
            | '）'
            | '《'
            | '》'
            | '〈'
            | '〉'
            | '【'
            | '】'
            | '「'
            | '」'
            | '『'
            | '』'
            | '—'
            | '…'
            | '·'
            | '〔'
            | '〕'
    )
}

/// Whitespace as it appears in converted documents: ASCII space and tab,
/// the ideographic space U+3000, the no-break space and a stray BOM.
pub const BLANKS: [char; 5] = [' ', '\t', '\u{3000}', '\u{a0}', '\u{feff}'];

/// One of [`BLANKS`].
pub fn is_blank(c: char) -> bool {
    BLANKS.contains(&c)
}

/// Shrinks `range` so that it does not start or end with blanks.
pub fn trim_range(text: &str, range: Range<usize>) -> Range<usize> {
    let slice = &text[range.clone()];
    let start = range.start + (slice.len() - slice.trim_start_matches(is_blank).len());
    let end = range.end - (slice.len() - slice.trim_end_matches(is_blank).len());
    if start >= end { range.start..range.start } else { start..end }
}

/// The numerals that count items and headings: 一 … 十 (一是, 三、, 第五).
pub fn is_ordinal_numeral(c: char) -> bool {
    matches!(c, '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十')
}

/// A character of a Chinese numeral (〇, 两, 百, 万 …). By `matches!`, not a
/// substring search: the spelling rule asks it for every candidate it scores.
pub fn is_chinese_numeral(c: char) -> bool {
    is_ordinal_numeral(c) || matches!(c, '零' | '〇' | '两' | '百' | '千' | '万' | '亿')
}

/// The value of a Chinese numeral such as 三, 十二, 二十, 一百零五.
/// Returns `None` for text that is not a numeral.
pub fn chinese_numeral_value(s: &str) -> Option<u32> {
    fn digit(c: char) -> Option<u32> {
        Some(match c {
            '零' | '〇' => 0,
            '一' => 1,
            '二' | '两' => 2,
            '三' => 3,
            '四' => 4,
            '五' => 5,
            '六' => 6,
            '七' => 7,
            '八' => 8,
            '九' => 9,
            _ => return None,
        })
    }
    if s.is_empty() {
        return None;
    }
    let mut total = 0u32;
    let mut current: Option<u32> = None;
    for c in s.chars() {
        match c {
            '十' | '百' | '千' => {
                let unit = match c {
                    '十' => 10,
                    '百' => 100,
                    _ => 1000,
                };
                total += current.unwrap_or(1) * unit;
                current = None;
            }
            _ => {
                let d = digit(c)?;
                current = Some(current.unwrap_or(0) * 10 + d);
            }
        }
    }
    Some(total + current.unwrap_or(0))
}

/// Writes `n` (1..=99) as a Chinese numeral: 1 → 一, 10 → 十, 12 → 十二, 20 → 二十.
pub fn chinese_numeral(n: u32) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => DIGITS[n as usize].to_string(),
        10..=19 => format!("十{}", if n == 10 { "" } else { DIGITS[(n - 10) as usize] }),
        20..=99 => {
            format!(
                "{}十{}",
                DIGITS[(n / 10) as usize],
                if n.is_multiple_of(10) { "" } else { DIGITS[(n % 10) as usize] }
            )
        }
        _ => n.to_string(),
    }
}

/// The dominant line end of a text, used when a fix inserts a new line.
pub fn dominant_line_end(text: &str) -> &'static str {
    let crlf = text.matches("\r\n").count();
    let lf = text.matches('\n').count() - crlf;
    let cr = text.matches('\r').count() - crlf;
    if crlf >= lf && crlf >= cr && crlf > 0 {
        "\r\n"
    } else if cr > lf {
        "\r"
    } else {
        "\n"
    }
}

/// A set of characters looked up in constant time: rules ask it about every
/// character of a report. A bitmap covers the Basic Multilingual Plane (8 KiB);
/// the rare characters beyond it are kept sorted.
#[derive(Debug, Clone)]
pub struct CharSet {
    bmp: Vec<u64>,
    beyond: Vec<char>,
}

impl CharSet {
    pub fn new(chars: impl IntoIterator<Item = char>) -> CharSet {
        let mut set = CharSet { bmp: vec![0; 0x10000 / 64], beyond: Vec::new() };
        for c in chars {
            match usize::try_from(u32::from(c)).ok().filter(|&code| code < 0x10000) {
                Some(code) => set.bmp[code / 64] |= 1 << (code % 64),
                None => set.beyond.push(c),
            }
        }
        set.beyond.sort_unstable();
        set.beyond.dedup();
        set
    }

    pub fn contains(&self, c: char) -> bool {
        let code = u32::from(c) as usize;
        if code < 0x10000 {
            self.bmp[code / 64] & (1 << (code % 64)) != 0
        } else {
            self.beyond.binary_search(&c).is_ok()
        }
    }
}

/// The first UTF-8 bytes of a few characters, for scans that look only at
/// those characters: [`FirstBytes::candidates`] steps over every other byte
/// without decoding, and decodes only where one of the characters may begin.
/// Chinese text is mostly ideographs (first bytes E4–E9), so a scan for
/// punctuation or ASCII marks touches a few characters in ten.
#[derive(Debug, Clone, Copy)]
pub struct FirstBytes([bool; 256]);

impl FirstBytes {
    /// The first bytes of the characters of all of `lists`.
    pub const fn new(lists: &[&[char]]) -> FirstBytes {
        let mut table = [false; 256];
        let mut l = 0;
        while l < lists.len() {
            let mut i = 0;
            while i < lists[l].len() {
                table[first_utf8_byte(lists[l][i]) as usize] = true;
                i += 1;
            }
            l += 1;
        }
        FirstBytes(table)
    }

    /// `(offset, character)` for each character of `text` whose first byte is
    /// one of the set's: every character of the set, and some others.
    pub fn candidates<'t>(&'t self, text: &'t str) -> impl Iterator<Item = (usize, char)> + 't {
        let mut from = 0;
        std::iter::from_fn(move || {
            let at = from + text.as_bytes()[from..].iter().position(|&b| self.0[b as usize])?;
            let c = text[at..].chars().next().expect("a set's first byte begins a character");
            from = at + c.len_utf8();
            Some((at, c))
        })
    }

    /// Can `text` hold one of the characters?
    pub fn may_occur_in(&self, text: &str) -> bool {
        text.bytes().any(|b| self.0[b as usize])
    }
}

/// The first byte of `c` in UTF-8.
const fn first_utf8_byte(c: char) -> u8 {
    let c = c as u32;
    (match c {
        0..0x80 => c,
        0x80..0x800 => 0xC0 | c >> 6,
        0x800..0x10000 => 0xE0 | c >> 12,
        _ => 0xF0 | c >> 18,
    }) as u8
}

/// The marker an enumerated item opens with in running text — 一是 … 十是,
/// 首先, 其次, 第一，, （一）, 1. — and where it ends: the item's own words
/// start there. Rules ask it of a line (is this a new item?) and of a
/// sentence (what does this item name?).
pub fn item_marker_end(text: &str) -> Option<usize> {
    static ITEM_MARKER: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"^\s*(?:[一二三四五六七八九十]{1,3}是|首先|其次|再次|最后|第[一二三四五六七八九十]{1,3}[，、]|[（(][一二三四五六七八九十]{1,3}[）)]|\d{1,2}[.．、])",
        )
        .expect("pattern")
    });
    ITEM_MARKER.find(text).map(|m| m.end())
}

/// Marks that end a clause: the pause and stop marks of GB/T 15834 that split a
/// sentence into clauses (，；：) and those that end it (。！？), and a line break.
pub fn is_clause_mark(c: char) -> bool {
    matches!(c, '，' | '；' | '：' | '。' | '！' | '？' | '\n')
}

/// Where the clause ending at byte `at` of `text` starts, `clauses_back`
/// clauses further back: `0` is the clause `at` is in, `1` takes the clause
/// before it too. The start of `text` when there are fewer marks than that.
///
/// 调处纠纷50件，调处率95% with `at` after 率 and one clause back starts at 调.
pub fn clause_start(text: &str, at: usize, clauses_back: usize) -> usize {
    text[..at]
        .char_indices()
        .rev()
        .filter(|&(_, c)| is_clause_mark(c))
        .nth(clauses_back)
        .map_or(0, |(i, c)| i + c.len_utf8())
}

/// Is the position after `before` inside “…”, 《…》, 〈…〉 or 「…」 (a quotation,
/// a title, a name), counting the marks opened and closed before it?
pub fn inside_quotes(before: &str) -> bool {
    let mut depth = 0i32;
    for c in before.chars() {
        match c {
            '“' | '《' | '〈' | '「' => depth += 1,
            '”' | '》' | '〉' | '」' => depth = (depth - 1).max(0),
            _ => {}
        }
    }
    depth > 0
}

/// Where the short name a text defines for itself begins, if `before` holds such a definition: after its
/// last 简称 or 下称 (（以下简称特医）, 简称“两法衔接”, 简称为《企业法》, 下称：……), past a 为, a colon, a
/// blank and an opening quotation or title mark. The spelling rule leaves such a name alone, and
/// `citation.law-name` a title so defined.
pub fn defined_name_start(before: &str) -> Option<usize> {
    let lead_in = ["简称", "下称"].iter().filter_map(|w| before.rfind(w).map(|at| at + w.len())).max()?;
    let rest = &before[lead_in..];
    let name = rest.trim_start_matches(['为', '：', ':', ' ', '\u{3000}', '“', '《', '"']);
    Some(lead_in + rest.len() - name.len())
}

/// Does `before` (a paragraph up to some point) leave a 《》 title open: is that point inside
/// the title of a cited document (《……关于……的通知》), which is quoted as the document has it?
pub fn inside_title(before: &str) -> bool {
    before.rfind('《').is_some_and(|open| !before[open..].contains('》'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_on_long_lines_are_counted_as_on_short_ones() {
        // Lines longer than the checkpoint spacing, of one-, two-, three- and four-byte characters, after a BOM,
        // with every kind of line end, and short lines between them: every character's column is its count.
        let long: String = "法治a🎉é，".repeat(3 * CHECKPOINT_BYTES / 5);
        let text = format!("{BOM}{long}\n短行\r\n{long}\r{long}x\n\n{long}");
        let index = LineIndex::new(&text);
        assert!(index.checkpoints.len() > 6, "{}", index.checkpoints.len());
        for checkpoint in &index.checkpoints {
            let start = index.line_range(index.line_of(checkpoint.at)).start;
            assert_eq!(checkpoint.utf16, text[start..checkpoint.at].encode_utf16().count());
        }
        let (mut line, mut column) = (1, 1);
        for (i, c) in text.char_indices().skip(1) {
            assert_eq!(index.line_col(&text, i), (line, column), "at byte {i}");
            // The \r of a \r\n is a character of its line; the \n (or a lone \r) ends it.
            let crlf = c == '\r' && text[i + 1..].starts_with('\n');
            if c == '\n' || (c == '\r' && !crlf) {
                (line, column) = (line + 1, 1);
            } else {
                column += 1;
            }
        }
        assert_eq!(index.line_col(&text, text.len()), (line, column));
    }

    #[test]
    fn a_defined_name_starts_after_its_lead_in() {
        fn start(text: &str) -> Option<&str> {
            defined_name_start(text).map(|i| &text[i..])
        }
        assert_eq!(start("（以下简称特医"), Some("特医"));
        assert_eq!(start("简称“两法衔接"), Some("两法衔接"));
        assert_eq!(start("（简称为《企业法"), Some("企业法"));
        assert_eq!(start("（以下简称：《企业法"), Some("企业法"));
        assert_eq!(start("（下称《条例"), Some("条例"));
        assert_eq!(start("学习《企业法"), None);
    }

    #[test]
    fn a_title_is_open_until_its_closing_mark() {
        assert!(inside_title("学习《中共中央 国务院关于"));
        assert!(!inside_title("学习《宪法》和"));
        assert!(!inside_title("学习宪法"));
        assert!(inside_title("《甲》和《乙"));
    }

    #[test]
    fn a_clause_starts_after_the_last_clause_mark() {
        let text = "承接事项54项，推行改革；网上可办率达99%";
        let at = text.find("99").unwrap();
        assert_eq!(&text[clause_start(text, at, 0)..at], "网上可办率达");
        assert_eq!(&text[clause_start(text, at, 1)..at], "推行改革；网上可办率达");
        assert_eq!(clause_start(text, at, 2), 0);
        assert_eq!(clause_start(text, at, 5), 0);
        assert_eq!(clause_start("甲。\n乙", "甲。\n乙".len(), 0), "甲。\n".len());
    }

    #[test]
    fn a_char_set_holds_exactly_its_characters() {
        let set = CharSet::new("王李𠀋a".chars());
        for c in ['王', '李', '𠀋', 'a'] {
            assert!(set.contains(c), "{c}");
        }
        for c in ['张', '𠀌', 'b', '\0', char::MAX] {
            assert!(!set.contains(c), "{c}");
        }
    }

    #[test]
    fn first_bytes_find_every_character_of_the_set() {
        const SET: FirstBytes = FirstBytes::new(&[&['“', '（', '('], &['。', '𠀋', 'é']]);
        let text = "甲“乙”(丙)（丁）。é𠀋𠀌a，";
        let found: Vec<char> = SET.candidates(text).map(|(_, c)| c).collect();
        for c in ['“', '（', '(', '。', '𠀋', 'é'] {
            assert!(found.contains(&c), "{c} in {found:?}");
        }
        // Characters sharing a first byte come too; ideographs (E4-E9) and
        // other ASCII do not.
        assert!(found.contains(&'”') && found.contains(&'𠀌'));
        assert!(!found.iter().any(|&c| matches!(c, '甲' | '乙' | '丙' | 'a')));
        for (at, c) in SET.candidates(text) {
            assert_eq!(text[at..].chars().next(), Some(c));
        }
        assert!(SET.may_occur_in("甲乙(") && !SET.may_occur_in("甲乙a"));
    }

    #[test]
    fn line_index_handles_every_line_end() {
        let text = "一\r\n二\r三\n四";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 4);
        let offset_of_four = text.find('四').unwrap();
        assert_eq!(index.line_col(text, offset_of_four), (4, 1));
        let offset_of_three = text.find('三').unwrap();
        assert_eq!(index.line_col(text, offset_of_three), (3, 1));
        assert_eq!(&text[index.line_range(1)], "二");
    }

    #[test]
    fn columns_count_characters_and_skip_the_bom() {
        let text = "\u{feff}𠀋法制";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(text, text.find('法').unwrap()), (1, 2));
        assert_eq!(&text[index.line_range(0)], "𠀋法制");
        assert_eq!(&text[index.line_span(0)], "\u{feff}𠀋法制");
    }

    #[test]
    fn chinese_numerals_round_trip() {
        for n in 1..=99 {
            assert_eq!(chinese_numeral_value(&chinese_numeral(n)), Some(n), "{n}");
        }
        assert_eq!(chinese_numeral_value("一百零五"), Some(105));
        assert_eq!(chinese_numeral_value("法"), None);
    }

    #[test]
    fn dominant_line_end_is_the_most_common() {
        assert_eq!(dominant_line_end("a\r\nb\r\nc\n"), "\r\n");
        assert_eq!(dominant_line_end("a\nb"), "\n");
        assert_eq!(dominant_line_end("a\rb\rc"), "\r");
        assert_eq!(dominant_line_end("abc"), "\n");
    }
}
