//! The document model: what a report *is* before any rule looks at it.
//!
//! [`Document::parse`] reads a report once and records its parts, each with its
//! byte range in the original text:
//!
//! ```text
//! preamble   县行政能力作风效能服务中心          (lines before the title)
//! title      关于2023年度法治政府建设情况的报告
//! addressee  沈丘县人民政府：
//! body       2023年，我单位……现报告如下：        (the opening)
//! heading    一、党政主要负责人履行……情况         level 1, ordinal 一、
//! body       ……
//! heading    （一）加强组织领导。成立……           level 2, run-in: body follows
//! signer     邢庄镇人民政府
//! date       2023年12月14日
//! ```
//!
//! Headings open [`Section`]s, which nest by heading rank; paragraphs are split
//! into [`Sentence`]s. Rules work on this model, never on raw lines, so that
//! "the same sentence", "the 不足 section" or "headings only" mean the same thing
//! to every rule.

mod heading;
mod sentence;

pub use heading::{Ordinal, OrdinalStyle, parse_bare_chinese, parse_ordinal};
pub use sentence::split_sentences;

use crate::text::{LineIndex, is_blank, is_cjk_punct, trim_range};
use std::ops::Range;
use std::sync::LazyLock;

/// How the text is marked up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// Plain text: every line is a paragraph (this is what Word conversions give).
    #[default]
    Text,
    /// Markdown: paragraphs are separated by blank lines; `#` lines are headings.
    Markdown,
}

impl Format {
    /// The format a file name implies: `.md` and `.markdown` are Markdown.
    pub fn from_path(path: &std::path::Path) -> Format {
        match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
            Some("md" | "markdown") => Format::Markdown,
            _ => Format::Text,
        }
    }
}

/// The role a paragraph plays in the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ParagraphKind {
    /// Before the title (an issuing unit's name, for example).
    Preamble,
    Title,
    /// The 主送 line, ending in ：.
    Addressee,
    /// Starts with a heading; `Document::headings[index]`.
    Heading(usize),
    Body,
    /// The signing unit in the closing block.
    Signer,
    /// The date in the closing block.
    Date,
}

#[derive(Debug, Clone)]
pub struct Paragraph {
    /// Content range, without surrounding blanks and line ends.
    pub range: Range<usize>,
    pub kind: ParagraphKind,
    /// Indices into `Document::sentences`.
    pub sentences: Range<usize>,
}

#[derive(Debug, Clone)]
pub struct Heading {
    pub paragraph: usize,
    /// `#` count for Markdown headings.
    pub markdown_level: Option<u8>,
    /// The ordinal (一、 （一） 1. （1） or look-alike), if the heading has one.
    /// For `## 二、举措` this is the 二、 after the `#` marker.
    pub ordinal: Option<Ordinal>,
    /// Range of the ordinal (separator included); empty when there is none.
    pub ordinal_range: Range<usize>,
    /// The heading's words: after the ordinal, up to its first end mark.
    pub title_range: Range<usize>,
    /// The whole heading: marker, ordinal, title and its end mark.
    pub range: Range<usize>,
    /// Body text follows in the same paragraph (`（一）加强领导。成立……`).
    pub run_in: bool,
}

impl Heading {
    /// Nesting rank: smaller ranks contain larger ones. Markdown levels come
    /// first (1–6), then the GB/T 9704 levels (11–14).
    pub fn rank(&self) -> u8 {
        match (self.markdown_level, &self.ordinal) {
            (Some(level), _) => level,
            (None, Some(ordinal)) => 10 + ordinal.style.nominal_level().unwrap_or(4),
            (None, None) => 20,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Section {
    /// Index into `Document::headings`.
    pub heading: usize,
    pub parent: Option<usize>,
    pub children: Vec<usize>,
    /// 0 for top-level sections.
    pub depth: usize,
    /// From the heading's start to the section's end (sub-sections included).
    pub range: Range<usize>,
    /// After the heading to the section's end.
    pub body: Range<usize>,
}

#[derive(Debug, Clone)]
pub struct Sentence {
    pub range: Range<usize>,
    pub paragraph: usize,
}

/// A parsed report. See the module documentation for its parts.
#[derive(Debug, Clone)]
pub struct Document {
    pub format: Format,
    pub text: String,
    pub lines: LineIndex,
    pub paragraphs: Vec<Paragraph>,
    pub headings: Vec<Heading>,
    pub sections: Vec<Section>,
    /// Top-level sections, in document order.
    pub top_sections: Vec<usize>,
    pub sentences: Vec<Sentence>,
    pub title: Option<usize>,
    pub addressee: Option<usize>,
    /// Signing unit paragraphs of the closing block.
    pub signers: Vec<usize>,
    pub date: Option<usize>,
    /// See [`Document::body_ranges`]; computed once, since most rules ask.
    body: Vec<Range<usize>>,
    /// See [`Document::character_pairs`]; gathered on first use.
    pairs: std::sync::OnceLock<crate::pattern::CharacterPairs>,
}

static DATE: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(
        r"^(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*日$",
    )
    .expect("date pattern")
});

const END_MARKS: &[char] = &['。', '！', '？', '；', '!', '?', ';'];

impl Document {
    pub fn parse(text: impl Into<String>, format: Format) -> Document {
        let text = text.into();
        let lines = LineIndex::new(&text);
        let ranges = paragraph_ranges(&text, &lines, format);
        let mut doc = Document {
            format,
            lines,
            paragraphs: ranges
                .into_iter()
                .map(|range| Paragraph { range, kind: ParagraphKind::Body, sentences: 0..0 })
                .collect(),
            headings: Vec::new(),
            sections: Vec::new(),
            top_sections: Vec::new(),
            sentences: Vec::new(),
            title: None,
            addressee: None,
            signers: Vec::new(),
            date: None,
            body: Vec::new(),
            pairs: std::sync::OnceLock::new(),
            text,
        };
        doc.find_closing_block();
        doc.find_headings();
        doc.find_title_and_addressee();
        doc.build_sections();
        doc.split_sentences();
        doc.body = doc.find_body_ranges();
        doc
    }

    /// The characters and character pairs of the whole text, which the
    /// rules' [literal screens](crate::pattern::LiteralScreen) ask.
    pub fn character_pairs(&self) -> &crate::pattern::CharacterPairs {
        self.pairs.get_or_init(|| crate::pattern::CharacterPairs::of([self.text.as_str()]))
    }

    /// The text of a range.
    pub fn slice(&self, range: &Range<usize>) -> &str {
        &self.text[range.clone()]
    }

    /// The whole title: both lines of a title set on two (2024年度法治政府建设 /
    /// 工作总结), from the first's start to the last's end.
    pub fn title_range(&self) -> Option<Range<usize>> {
        let first = self.title?;
        let last = (first..self.paragraphs.len())
            .take_while(|&p| self.paragraphs[p].kind == ParagraphKind::Title)
            .last()
            .unwrap_or(first);
        Some(self.paragraphs[first].range.start..self.paragraphs[last].range.end)
    }

    /// The heading's words, e.g. `加强组织领导` for `（一）加强组织领导。成立……`.
    pub fn heading_title(&self, heading: usize) -> &str {
        self.slice(&self.headings[heading].title_range)
    }

    /// The sentence containing byte `offset`, if any.
    pub fn sentence_at(&self, offset: usize) -> Option<&Sentence> {
        let i = self.sentences.partition_point(|s| s.range.end <= offset);
        self.sentences.get(i).filter(|s| s.range.start <= offset)
    }

    /// The sentences overlapping `range`, in order.
    pub fn sentences_in(&self, range: &Range<usize>) -> &[Sentence] {
        let first = self.sentences.partition_point(|s| s.range.end <= range.start);
        let end = first + self.sentences[first..].partition_point(|s| s.range.start < range.end);
        &self.sentences[first..end]
    }

    /// The paragraph containing byte `offset`, if any.
    pub fn paragraph_at(&self, offset: usize) -> Option<usize> {
        let i = self.paragraphs.partition_point(|p| p.range.end < offset);
        (i < self.paragraphs.len() && self.paragraphs[i].range.start <= offset).then_some(i)
    }

    /// The innermost section containing byte `offset`.
    ///
    /// Sections come in the order of their headings and nest, so every section
    /// containing `offset` is the last one starting at or before it, or one of
    /// its ancestors: a binary search and a walk up, not a scan of them all
    /// (rules ask for every enumeration in a report of thousands of sections).
    pub fn section_at(&self, offset: usize) -> Option<usize> {
        let last_started = self.sections.partition_point(|s| s.range.start <= offset).checked_sub(1)?;
        std::iter::successors(Some(last_started), |&s| self.sections[s].parent)
            .find(|&s| self.sections[s].range.contains(&offset))
    }

    /// Ranges of body text: paragraphs of the body and the text that follows a
    /// run-in heading, excluding title, addressee, headings and closing block.
    pub fn body_ranges(&self) -> &[Range<usize>] {
        &self.body
    }

    fn find_body_ranges(&self) -> Vec<Range<usize>> {
        self.paragraphs
            .iter()
            .filter_map(|p| match p.kind {
                ParagraphKind::Body => Some(p.range.clone()),
                ParagraphKind::Heading(h) => {
                    let heading = &self.headings[h];
                    let rest = trim_range(&self.text, heading.range.end..p.range.end);
                    (!rest.is_empty()).then_some(rest)
                }
                _ => None,
            })
            .collect()
    }

    /// Where the closing block (signer and date) starts, or the end of the text.
    pub fn content_end(&self) -> usize {
        self.signers.first().or(self.date.as_ref()).map_or(self.text.len(), |&p| self.paragraphs[p].range.start)
    }

    fn find_closing_block(&mut self) {
        let Some(last) = self.paragraphs.len().checked_sub(1) else {
            return;
        };
        if !DATE.is_match(self.slice(&self.paragraphs[last].range)) {
            return;
        }
        self.date = Some(last);
        self.paragraphs[last].kind = ParagraphKind::Date;
        let mut i = last;
        while i > 0 && self.signers.len() < 2 {
            i -= 1;
            let s = self.slice(&self.paragraphs[i].range);
            let looks_like_signer = s.chars().count() <= 30
                && !s.contains(['。', '，', '；', '：', ',', ';', ':', '、'])
                && parse_ordinal(s, self.format == Format::Markdown).is_none();
            if !looks_like_signer {
                break;
            }
            self.signers.insert(0, i);
            self.paragraphs[i].kind = ParagraphKind::Signer;
        }
    }

    fn find_headings(&mut self) {
        let markdown = self.format == Format::Markdown;
        for index in 0..self.paragraphs.len() {
            if self.paragraphs[index].kind != ParagraphKind::Body {
                continue;
            }
            let range = self.paragraphs[index].range.clone();
            if let Some(heading) = recognise_heading(&self.text, index, range, markdown) {
                self.paragraphs[index].kind = ParagraphKind::Heading(self.headings.len());
                self.headings.push(heading);
            }
        }
        self.find_bare_headings();
    }

    /// Headings whose 、 was lost (一主要举措和成效). A line that starts with 一 to
    /// 十 is taken for one only when it reads as a heading of its own (short, no
    /// marks) and the numbering around it agrees: the next paragraph opens its
    /// first sub-heading (（一）), or the nearest first-level heading before or
    /// after it carries the number before or after its own.
    fn find_bare_headings(&mut self) {
        const MAX_CHARS: usize = 30;
        let first_level =
            |h: &Heading| h.ordinal.as_ref().filter(|o| o.style.nominal_level() == Some(1)).and_then(|o| o.number);
        let mut found = Vec::new();
        for index in 0..self.paragraphs.len() {
            if self.paragraphs[index].kind != ParagraphKind::Body {
                continue;
            }
            let range = self.paragraphs[index].range.clone();
            let s = &self.text[range.clone()];
            // The numeral first: it rules out nearly every paragraph at its first character.
            let Some(ordinal) = parse_bare_chinese(s) else { continue };
            let Some(number) = ordinal.number else { continue };
            if s.chars().nth(MAX_CHARS).is_some()
                || s.contains(|c: char| is_cjk_punct(c) || c.is_ascii_punctuation())
                || looks_like_title(s)
            {
                continue;
            }
            let next_opens_subheadings = self.paragraphs.get(index + 1).is_some_and(|p| match p.kind {
                ParagraphKind::Heading(h) => self.headings[h]
                    .ordinal
                    .as_ref()
                    .is_some_and(|o| o.style.nominal_level() == Some(2) && o.number == Some(1)),
                _ => false,
            });
            let before = self.headings.iter().filter(|h| h.paragraph < index).filter_map(first_level).next_back();
            let after = self.headings.iter().filter(|h| h.paragraph > index).find_map(first_level);
            if next_opens_subheadings || before == Some(number - 1) || after == Some(number + 1) {
                found.push(heading_at(&self.text, index, range, ordinal, 0, None));
            }
        }
        if found.is_empty() {
            return;
        }
        self.headings.extend(found);
        self.headings.sort_by_key(|h| h.paragraph);
        for (i, h) in self.headings.iter().enumerate() {
            self.paragraphs[h.paragraph].kind = ParagraphKind::Heading(i);
        }
    }

    fn find_title_and_addressee(&mut self) {
        let first_heading = self.headings.first().map_or(self.paragraphs.len(), |h| h.paragraph);
        // A Markdown `# 关于…的报告` heading at the very top is the title.
        if let Some(first) = self.headings.first()
            && first.paragraph == 0
            && first.markdown_level == Some(1)
            && first.ordinal.is_none()
            && looks_like_title(self.slice(&first.title_range))
        {
            self.paragraphs[0].kind = ParagraphKind::Title;
            self.title = Some(0);
            self.headings.remove(0);
            for p in &mut self.paragraphs {
                if let ParagraphKind::Heading(h) = &mut p.kind {
                    *h -= 1;
                }
            }
        } else {
            // Otherwise the first of the opening paragraphs that reads like a
            // title. A report sent with a covering letter (发文机关标志, 文号, 主送,
            // a line or two, 落款 and date) has its title a few lines further down.
            // A title set on two lines may read like one only when joined
            // (2024年度交通运输法治政府建设 / 工作总结).
            self.title = (0..first_heading.min(TITLE_SEARCH_PARAGRAPHS))
                .filter(|&p| self.paragraphs[p].kind == ParagraphKind::Body)
                .find(|&p| {
                    let line = self.slice(&self.paragraphs[p].range);
                    looks_like_title(line)
                        || (!line.contains(['，', '；', '：'])
                            && self.title_continuation(p + 1).is_some_and(|next| {
                                // A next line that is a title by itself is the title, under
                                // the issuing organ's line (龙王沟示范区管委会 / 关于……的报告).
                                let next_line = self.slice(&self.paragraphs[next].range).trim();
                                !(looks_like_title(next_line) && names_its_subject(next_line))
                                    && looks_like_title(&format!("{}{next_line}", line.trim_end()))
                            }))
                });
            if let Some(title) = self.title {
                self.paragraphs[title].kind = ParagraphKind::Title;
                for p in 0..title {
                    self.paragraphs[p].kind = ParagraphKind::Preamble;
                }
            }
        }
        // A long title set on two lines (关于2022年度法治政府部门建设 /
        // 工作情况的报告): the second line is the title's too.
        let continued = self.title.and_then(|t| {
            let title = self.slice(&self.paragraphs[t].range).trim_end();
            self.title_continuation(t + 1)
                .filter(|_| !(title.ends_with("报告") || (title.ends_with("总结") && looks_like_title(title))))
        });
        if let Some(next) = continued {
            self.paragraphs[next].kind = ParagraphKind::Title;
        }
        let after_title = continued.or(self.title).map_or(0, |t| t + 1);
        let end = self.headings.first().map_or(self.paragraphs.len(), |h| h.paragraph);
        self.addressee = (after_title..end.min(after_title + 2))
            .filter(|&p| self.paragraphs[p].kind == ParagraphKind::Body)
            .find(|&p| looks_like_addressee(self.slice(&self.paragraphs[p].range)));
        if let Some(addressee) = self.addressee {
            self.paragraphs[addressee].kind = ParagraphKind::Addressee;
        }
    }

    /// Paragraph `next`, if it can be the second line of a title: a short
    /// line without sentence punctuation that ends as titles end (报告, 总结).
    fn title_continuation(&self, next: usize) -> Option<usize> {
        let p = self.paragraphs.get(next)?;
        (p.kind == ParagraphKind::Body && finishes_a_title(self.slice(&p.range))).then_some(next)
    }

    fn build_sections(&mut self) {
        let content_end = self.content_end();
        let mut stack: Vec<usize> = Vec::new();
        for h in 0..self.headings.len() {
            let rank = self.headings[h].rank();
            while let Some(&top) = stack.last() {
                if self.headings[self.sections[top].heading].rank() >= rank {
                    stack.pop();
                } else {
                    break;
                }
            }
            let heading = &self.headings[h];
            let section = Section {
                heading: h,
                parent: stack.last().copied(),
                children: Vec::new(),
                depth: stack.len(),
                range: self.paragraphs[heading.paragraph].range.start..content_end,
                body: heading.range.end..content_end,
            };
            let index = self.sections.len();
            match section.parent {
                Some(parent) => self.sections[parent].children.push(index),
                None => self.top_sections.push(index),
            }
            self.sections.push(section);
            stack.push(index);
        }
        // A section ends where the next heading of the same or a higher rank starts.
        for i in 0..self.sections.len() {
            let rank = self.headings[self.sections[i].heading].rank();
            let end = self.sections[i + 1..]
                .iter()
                .find(|s| self.headings[s.heading].rank() <= rank)
                .map_or(content_end, |s| s.range.start);
            let end = self.end_of_text_before(end);
            let section = &mut self.sections[i];
            section.range.end = end.max(section.range.start);
            section.body.end = end.max(section.body.start);
        }
    }

    /// The end of the last paragraph that ends at or before `offset`.
    fn end_of_text_before(&self, offset: usize) -> usize {
        let i = self.paragraphs.partition_point(|p| p.range.end <= offset);
        i.checked_sub(1).map_or(offset, |p| self.paragraphs[p].range.end)
    }

    fn split_sentences(&mut self) {
        for (index, paragraph) in self.paragraphs.iter_mut().enumerate() {
            let first = self.sentences.len();
            for range in split_sentences(&self.text, paragraph.range.clone()) {
                self.sentences.push(Sentence { range, paragraph: index });
            }
            paragraph.sentences = first..self.sentences.len();
        }
    }
}

/// Paragraph content ranges: lines in plain text, blank-line-separated blocks
/// in Markdown (where a heading line is always a paragraph of its own).
fn paragraph_ranges(text: &str, lines: &LineIndex, format: Format) -> Vec<Range<usize>> {
    let mut ranges: Vec<Range<usize>> = Vec::new();
    let mut open = false;
    for line in 0..lines.line_count() {
        let range = trim_range(text, lines.line_range(line));
        if range.is_empty() {
            open = false;
            continue;
        }
        let is_md_heading = format == Format::Markdown && text[range.clone()].starts_with('#');
        match (format, ranges.last_mut()) {
            (Format::Markdown, Some(last)) if open && !is_md_heading => last.end = range.end,
            _ => ranges.push(range),
        }
        open = format == Format::Markdown && !is_md_heading;
    }
    ranges
}

fn recognise_heading(text: &str, paragraph: usize, range: Range<usize>, markdown: bool) -> Option<Heading> {
    let s = &text[range.clone()];
    let mut marker_len = 0;
    let mut markdown_level = None;
    let mut ordinal = parse_ordinal(s, markdown)?;
    if ordinal.style == OrdinalStyle::Markdown {
        markdown_level = Some(ordinal.markdown_level);
        marker_len = ordinal.len;
        let rest = &s[marker_len..];
        match parse_ordinal(rest, false) {
            Some(inner) => ordinal = inner,
            None => ordinal.len = 0,
        }
    }
    Some(heading_at(text, paragraph, range, ordinal, marker_len, markdown_level))
}

/// The heading of `paragraph` whose ordinal (or Markdown marker) has been read.
fn heading_at(
    text: &str,
    paragraph: usize,
    range: Range<usize>,
    ordinal: Ordinal,
    marker_len: usize,
    markdown_level: Option<u8>,
) -> Heading {
    let ordinal_start = range.start + marker_len;
    let ordinal_range = ordinal_start..ordinal_start + ordinal.len;
    let after = trim_range(text, ordinal_range.end..range.end);
    let title_text = &text[after.clone()];
    let (title_end, heading_end) = match title_text.find(END_MARKS) {
        Some(i) => {
            let mark_len = title_text[i..].chars().next().map_or(0, char::len_utf8);
            (after.start + i, after.start + i + mark_len)
        }
        None => (after.end, after.end),
    };
    let title_range = trim_range(text, after.start..title_end.max(after.start));
    let title_range = strip_trailing_colon(text, title_range);
    let run_in = !trim_range(text, heading_end..range.end).is_empty();
    let has_ordinal = ordinal.style != OrdinalStyle::Markdown;
    Heading {
        paragraph,
        markdown_level,
        ordinal: has_ordinal.then_some(ordinal),
        ordinal_range: if has_ordinal { ordinal_range } else { ordinal_start..ordinal_start },
        title_range,
        range: range.start..heading_end,
        run_in,
    }
}

fn strip_trailing_colon(text: &str, range: Range<usize>) -> Range<usize> {
    let s = &text[range.clone()];
    let trimmed = s.trim_end_matches(['：', ':']);
    range.start..range.start + trimmed.len()
}

/// How many opening paragraphs may precede the title.
const TITLE_SEARCH_PARAGRAPHS: usize = 12;

fn looks_like_title(s: &str) -> bool {
    let length = s.chars().count();
    length <= 80
        && !s.contains('。')
        // 现将…报告如下： leads into the text; it is not a title.
        && !s.ends_with(['：', ':'])
        // 四川省人民政府2022年度法治政府建设工作情况: a title without 报告.
        && (s.contains("报告")
            || s.starts_with("关于")
            // …2022年度法治政府建设工作情况, 塔庄镇2022法治政府建设工作总结: titles without 报告;
            // …2022年法治政府建设工作总结和2023年度工作计划, a summary and a plan in one.
            || ((s.ends_with("情况") || s.ends_with("总结") || s.ends_with("计划") && s.contains("总结"))
                && s.contains(['年', '2'])
                && !s.contains('，')))
}

/// Do two lines read as one title set on two (……2023年度法治政府建设 /
/// 情况报告)? The second is short, ends as titles end and has no
/// punctuation; neither has sentence marks; together they read as a title.
pub(crate) fn is_split_title(first: &str, second: &str) -> bool {
    let first = first.trim();
    !first.contains(SENTENCE_MARKS)
        && finishes_a_title(second)
        && looks_like_title(&format!("{first}{}", second.trim()))
}

/// The marks no title line holds.
const SENTENCE_MARKS: [char; 4] = ['。', '，', '；', '：'];

/// Can `line` be the second line of a title: short, without sentence marks,
/// ending as titles end (情况报告, 工作总结)?
fn finishes_a_title(line: &str) -> bool {
    let line = line.trim();
    (line.ends_with("报告") || line.ends_with("总结")) && line.chars().count() <= 20 && !line.contains(SENTENCE_MARKS)
}

/// Does a title line say what it reports on (关于…, a year, 法治…), rather than
/// only finish a title begun on the line above (情况报告, 工作总结)?
fn names_its_subject(s: &str) -> bool {
    s.starts_with("关于") || s.contains("法治") || s.chars().any(|c| c.is_ascii_digit())
}

/// Does the line read as a 主送 line (河北省人民政府：)? Also used to find a
/// report's opening after a covering letter the title search did not see.
pub(crate) fn looks_like_addressee(s: &str) -> bool {
    (s.ends_with('：') || s.ends_with(':'))
        && s.chars().count() <= 60
        && !s.contains(['。', '；'])
        && !s.contains("如下")
        && !s.contains("报告")
        && !s.chars().all(is_blank)
}

#[cfg(test)]
mod tests;
