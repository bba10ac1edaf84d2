//! Reading Word documents (.docx): the text a reader sees, one paragraph per
//! line, and where each character of that text is in the document.
//!
//! A .docx is a zip of XML parts. The text comes from `word/document.xml`:
//!
//! - runs (`w:r`) are joined into their paragraph (`w:p`); every paragraph,
//!   including those in table cells, becomes one line; a paragraph in a table
//!   cell has an empty line before and after it, because cells are blocks of their own,
//!   not lines of one sentence broken apart (`artefact.broken-line` would take
//!   a row of short cells for one);
//! - `w:br` and `w:cr` (a line break inside a paragraph) start a new line of the
//!   same paragraph; `w:tab` is a tab;
//! - tracked deletions (`w:del`, `w:moveFrom`) are skipped, tracked insertions
//!   kept: the text is the document with the changes accepted;
//! - field codes (`w:instrText`, between a field's begin and separate marks) are
//!   skipped, the field's result is kept;
//! - automatic numbering (`w:numPr` on the paragraph or its style) is resolved
//!   from `word/numbering.xml` and written in front of the paragraph, so that
//!   heading rules see 一、 and （一） as the reader does;
//! - `mc:Fallback` (a copy of a text box for old readers) is skipped.
//!
//! Positions are reported as paragraph and character ([`Positions`]): the
//! paragraph counts every paragraph of the body from 1 (empty ones and table
//! cells included), the character counts from 1 within the paragraph as shown
//! (an automatic number and a line break count as characters).

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use std::collections::HashMap;
use std::io::Read;

/// Text extracted from a .docx and the map back to the document.
pub struct DocxText {
    pub text: String,
    pub positions: Positions,
    /// Where each character of `text` is in `word/document.xml` (for writing
    /// comments and tracked changes back, see [`super::annotate`]).
    pub map: TextMap,
}

/// Where each character of the extracted text came from in
/// `word/document.xml`: the bytes of a `w:t`'s text, or made by the reader (an
/// automatic number, a tab, a line or paragraph break).
#[derive(Debug, Clone, Default)]
pub struct TextMap {
    /// One entry per character of the text, in order.
    pub(crate) chars: Vec<CharSource>,
    /// The `w:t` elements the characters come from.
    pub(crate) texts: Vec<TextElement>,
    /// The runs (`w:r`) those are in.
    pub(crate) runs: Vec<RunElement>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CharSource {
    /// Bytes `start..end` of document.xml (one character, or one entity such
    /// as `&amp;`), inside text element `text`.
    Text { start: usize, end: usize, text: u32 },
    /// Not in any `w:t`: nothing can be anchored to it.
    Made,
}

/// A `w:t` element: its start tag's bytes, whether it already preserves
/// spaces, and its run (`None` for a `w:t` outside any run).
#[derive(Debug, Clone)]
pub(crate) struct TextElement {
    pub start_tag: std::ops::Range<usize>,
    pub preserves_space: bool,
    pub run: Option<u32>,
    /// Which text flow it is in: 0 for the body, else one per text box (a
    /// comment cannot start in one and end in another).
    pub story: u32,
}

/// A run: the bytes of its properties (`w:rPr`, empty when it has none), and
/// whether it is inside a tracked insertion (someone else's revision).
#[derive(Debug, Clone, Default)]
pub(crate) struct RunElement {
    pub properties: std::ops::Range<usize>,
    pub in_revision: bool,
}

/// For each line of the extracted text: its paragraph (1-based) and how many
/// characters of that paragraph come before the line.
#[derive(Debug, Clone, Default)]
pub struct Positions {
    lines: Vec<(usize, usize)>,
}

impl Positions {
    /// The paragraph and character (both 1-based) of a 1-based line and column
    /// of the extracted text.
    pub fn at(&self, line: usize, column: usize) -> (usize, usize) {
        match self.lines.get(line.saturating_sub(1)) {
            Some(&(paragraph, before)) => (paragraph, before + column),
            None => (self.lines.last().map_or(1, |l| l.0), column),
        }
    }
}

/// Largest part read from a document: a report's XML is well under this; a
/// bigger part is a sign of a damaged or hostile file.
pub(crate) const MAX_PART_BYTES: u64 = 64 << 20;

/// Reads a .docx file's bytes. Errors are messages for the user.
pub fn read(bytes: &[u8]) -> Result<DocxText, String> {
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        // An OLE compound file: either an encrypted .docx or an old .doc.
        let encrypted = utf16_contains(bytes, "EncryptedPackage");
        return Err(if encrypted {
            "文档设有打开密码，无法读取：请在 Word 中取消密码（文件→信息→保护文档→用密码进行加密，清空密码）后另存，再检查"
                .to_string()
        } else {
            "这是旧版 Word 文档（.doc）或其他格式，不是 .docx：请在 Word 中另存为“Word 文档（*.docx）”后再检查"
                .to_string()
        });
    }
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|_| "文件已损坏或不是 Word 文档（.docx），无法打开：请在 Word 中打开并重新保存后再检查".to_string())?;
    let document = part(&mut zip, "word/document.xml")?
        .ok_or_else(|| "文件中没有正文（缺少 word/document.xml），不是有效的 Word 文档".to_string())?;
    let numbering = match part(&mut zip, "word/numbering.xml")? {
        Some(xml) => parse_numbering(&xml)?,
        None => Numbering::default(),
    };
    let styles = match part(&mut zip, "word/styles.xml")? {
        Some(xml) => parse_styles(&xml)?,
        None => HashMap::new(),
    };
    extract(&document, &numbering, &styles)
}

fn utf16_contains(bytes: &[u8], needle: &str) -> bool {
    let pattern: Vec<u8> = needle.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
    bytes.windows(pattern.len()).any(|w| w == pattern.as_slice())
}

pub(crate) fn part(zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>, name: &str) -> Result<Option<String>, String> {
    let file = match zip.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(zip::result::ZipError::UnsupportedArchive(_)) => {
            return Err(
                "文档已加密或使用了不支持的压缩方式，无法读取：请在 Word 中另存为普通 .docx 后再检查".to_string()
            );
        }
        Err(_) => return Err("文件已损坏，无法读取其中的内容：请在 Word 中打开并重新保存后再检查".to_string()),
    };
    let mut xml = String::new();
    file.take(MAX_PART_BYTES)
        .read_to_string(&mut xml)
        .map_err(|_| format!("文件已损坏，{name} 无法解压或不是 UTF-8 文本：请在 Word 中打开并重新保存后再检查"))?;
    Ok(Some(xml))
}

fn xml_error(name: &str) -> impl Fn(quick_xml::Error) -> String + '_ {
    move |e| format!("文件已损坏，{name} 不是有效的 XML（{e}）：请在 Word 中打开并重新保存后再检查")
}

/// The value of the attribute with local name `name` (`w:val` → `val`).
fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok().map(|v| v.into_owned()))
}

// ------------------------------------------------------------------ numbering

#[derive(Debug, Clone, Default)]
struct Level {
    start: u32,
    format: String,
    text: String,
}

#[derive(Debug, Default)]
struct Numbering {
    /// abstractNumId → levels by ilvl.
    abstracts: HashMap<String, HashMap<u32, Level>>,
    /// numId → (abstractNumId, start overrides by ilvl).
    nums: HashMap<String, (String, HashMap<u32, u32>)>,
}

impl Numbering {
    fn level(&self, num: &str, ilvl: u32) -> Option<Level> {
        let (abstract_id, overrides) = self.nums.get(num)?;
        let mut level = self.abstracts.get(abstract_id)?.get(&ilvl)?.clone();
        if let Some(&start) = overrides.get(&ilvl) {
            level.start = start;
        }
        Some(level)
    }
}

fn parse_numbering(xml: &str) -> Result<Numbering, String> {
    let mut reader = Reader::from_str(xml);
    let mut numbering = Numbering::default();
    let mut abstract_id: Option<String> = None;
    let mut num_id: Option<String> = None;
    let mut level: Option<(u32, Level)> = None;
    let mut override_level: Option<u32> = None;
    loop {
        let event = reader.read_event().map_err(xml_error("word/numbering.xml"))?;
        let (e, empty) = match &event {
            Event::Start(e) => (e, false),
            Event::Empty(e) => (e, true),
            Event::End(e) => {
                match e.local_name().as_ref() {
                    "abstractNum" => abstract_id = None,
                    "num" => num_id = None,
                    "lvlOverride" => override_level = None,
                    "lvl" => {
                        if let (Some(id), Some((ilvl, l))) = (&abstract_id, level.take()) {
                            numbering.abstracts.entry(id.clone()).or_default().insert(ilvl, l);
                        }
                    }
                    _ => {}
                }
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        match e.local_name().as_ref() {
            "abstractNum" if !empty => abstract_id = attr(e, "abstractNumId"),
            "num" if !empty => {
                num_id = attr(e, "numId");
                if let Some(id) = &num_id {
                    numbering.nums.entry(id.clone()).or_default();
                }
            }
            "abstractNumId" => {
                if let (Some(id), Some(val)) = (&num_id, attr(e, "val")) {
                    numbering.nums.entry(id.clone()).or_default().0 = val;
                }
            }
            "lvlOverride" if !empty => override_level = attr(e, "ilvl").and_then(|v| v.parse().ok()),
            "startOverride" => {
                if let (Some(id), Some(ilvl), Some(start)) =
                    (&num_id, override_level, attr(e, "val").and_then(|v| v.parse().ok()))
                {
                    numbering.nums.entry(id.clone()).or_default().1.insert(ilvl, start);
                }
            }
            "lvl" if !empty && abstract_id.is_some() => {
                let ilvl = attr(e, "ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                level = Some((ilvl, Level { start: 1, format: "decimal".into(), text: String::new() }));
            }
            "start" => {
                if let (Some((_, l)), Some(v)) = (&mut level, attr(e, "val").and_then(|v| v.parse().ok())) {
                    l.start = v;
                }
            }
            "numFmt" => {
                if let (Some((_, l)), Some(v)) = (&mut level, attr(e, "val")) {
                    l.format = v;
                }
            }
            "lvlText" => {
                if let (Some((_, l)), Some(v)) = (&mut level, attr(e, "val")) {
                    l.text = v;
                }
            }
            _ => {}
        }
    }
    Ok(numbering)
}

/// A style as `styles.xml` states it: (basedOn, numId, ilvl).
type RawStyle = (Option<String>, Option<String>, Option<u32>);

/// Paragraph styles: styleId → (numId, ilvl) from the style or the styles it
/// is based on.
fn parse_styles(xml: &str) -> Result<HashMap<String, (String, u32)>, String> {
    let mut reader = Reader::from_str(xml);
    let mut raw: HashMap<String, RawStyle> = HashMap::new();
    let mut current: Option<String> = None;
    loop {
        let event = reader.read_event().map_err(xml_error("word/styles.xml"))?;
        let (e, empty) = match &event {
            Event::Start(e) => (e, false),
            Event::Empty(e) => (e, true),
            Event::End(e) if e.local_name().as_ref() == "style" => {
                current = None;
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        match e.local_name().as_ref() {
            "style" if !empty => {
                current = attr(e, "styleId");
                if let Some(id) = &current {
                    raw.entry(id.clone()).or_default();
                }
            }
            "basedOn" | "numId" | "ilvl" => {
                if let (Some(id), Some(val)) = (&current, attr(e, "val")) {
                    let entry = raw.entry(id.clone()).or_default();
                    match e.local_name().as_ref() {
                        "basedOn" => entry.0 = Some(val),
                        "numId" => entry.1 = Some(val),
                        _ => entry.2 = val.parse().ok(),
                    }
                }
            }
            _ => {}
        }
    }
    let mut styles = HashMap::new();
    for id in raw.keys() {
        let (mut num, mut ilvl, mut at) = (None, None, Some(id.clone()));
        for _ in 0..16 {
            let Some((based_on, n, l)) = at.as_ref().and_then(|s| raw.get(s)) else { break };
            num = num.or_else(|| n.clone());
            ilvl = ilvl.or(*l);
            at = based_on.clone();
        }
        if let Some(num) = num {
            styles.insert(id.clone(), (num, ilvl.unwrap_or(0)));
        }
    }
    Ok(styles)
}

/// A counter in a numbering format (`w:numFmt`).
fn format_number(n: u32, format: &str) -> String {
    const CIRCLED: &str = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳";
    const STEMS: &str = "甲乙丙丁戊己庚辛壬癸";
    let letter = |base: u8| {
        let i = (n.max(1) - 1) % 26;
        ((base + i as u8) as char).to_string().repeat(((n.max(1) - 1) / 26 + 1) as usize)
    };
    match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "chineseLegalSimplified"
        | "ideographDigital"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand" => gwlint_rules::text::chinese_numeral(n),
        "decimalFullWidth" | "decimalFullWidth2" => {
            n.to_string().chars().map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c)).collect()
        }
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" => {
            CIRCLED.chars().nth(n.max(1) as usize - 1).map_or_else(|| n.to_string(), String::from)
        }
        "ideographTraditional" => STEMS.chars().nth(n.max(1) as usize - 1).map_or_else(|| n.to_string(), String::from),
        "lowerLetter" => letter(b'a'),
        "upperLetter" => letter(b'A'),
        "lowerRoman" => roman(n).to_lowercase(),
        "upperRoman" => roman(n),
        "none" => String::new(),
        _ => n.to_string(),
    }
}

fn roman(mut n: u32) -> String {
    const TABLE: &[(u32, &str)] = &[
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for &(value, digits) in TABLE {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

/// Counters of the lists met so far, by numId and level.
#[derive(Default)]
struct Counters {
    by_num: HashMap<String, Vec<Option<u32>>>,
}

impl Counters {
    /// The label of the next item of list `num` at level `ilvl` (一、 （二） …).
    fn next(&mut self, numbering: &Numbering, num: &str, ilvl: u32) -> String {
        let Some(level) = numbering.level(num, ilvl) else { return String::new() };
        let counters = self.by_num.entry(num.to_string()).or_insert_with(|| vec![None; 10]);
        let i = (ilvl as usize).min(9);
        counters[i] = Some(counters[i].map_or(level.start, |c| c + 1));
        for deeper in counters.iter_mut().skip(i + 1) {
            *deeper = None;
        }
        if level.format == "bullet" {
            return format!("{} ", level.text);
        }
        let mut label = String::new();
        let mut chars = level.text.chars().peekable();
        while let Some(c) = chars.next() {
            match (c, chars.peek().and_then(|d| d.to_digit(10))) {
                ('%', Some(d)) if (1..=9).contains(&d) => {
                    chars.next();
                    let l = d as usize - 1;
                    let lvl = numbering.level(num, l as u32).unwrap_or_default();
                    let value = counters[l].unwrap_or(lvl.start);
                    label.push_str(&format_number(value, &lvl.format));
                }
                _ => label.push(c),
            }
        }
        label
    }
}

// ------------------------------------------------------------------ the body

/// What the walk through `document.xml` is inside of.
#[derive(Default)]
struct State {
    /// Inside `w:del`, `w:moveFrom` or `mc:Fallback` (nesting depth).
    skip: usize,
    /// Inside a field's code: after `fldChar begin`, before `separate`.
    field_code: Vec<bool>,
    /// The `w:t` being read (text is taken only there), as an index into
    /// `TextMap::texts`.
    in_text: Option<u32>,
    /// Paragraph properties of the open paragraph: (numId, ilvl, style).
    num_id: Option<String>,
    ilvl: Option<u32>,
    style: Option<String>,
    in_ppr: bool,
    /// The open runs (a text box's runs nest in a run), as indexes into
    /// `TextMap::runs`.
    runs: Vec<u32>,
    /// Nesting depth of `w:rPr` in the innermost run (a formatting revision
    /// holds a `w:rPr` of its own).
    run_properties: usize,
    /// Inside a tracked insertion (`w:ins`, `w:moveTo`): nesting depth.
    revision: usize,
    /// Inside table cells (`w:tc`): nesting depth.
    cells: usize,
}

/// A paragraph being read: its text and where each character came from.
#[derive(Default)]
struct OpenParagraph {
    text: String,
    sources: Vec<CharSource>,
    /// In a table cell (see the module docs).
    in_cell: bool,
    /// See [`TextElement::story`].
    story: u32,
}

impl OpenParagraph {
    fn push_made(&mut self, s: &str) {
        self.text.push_str(s);
        self.sources.extend(s.chars().map(|_| CharSource::Made));
    }
}

struct Builder {
    text: String,
    sources: Vec<CharSource>,
    /// Was the paragraph closed last in a table cell (`None` before the first)?
    last_in_cell: Option<bool>,
    lines: Vec<(usize, usize)>,
    paragraph: usize,
    /// Characters of the open paragraph so far; the open line's start.
    chars: usize,
    line_start_chars: usize,
    line_open: bool,
}

impl Builder {
    fn push(&mut self, c: char, source: CharSource) {
        if !self.line_open {
            self.lines.push((self.paragraph, self.line_start_chars));
            self.line_open = true;
        }
        self.text.push(c);
        self.sources.push(source);
        self.chars += 1;
    }

    /// A line break inside the paragraph.
    fn line_break(&mut self) {
        if !self.line_open {
            self.lines.push((self.paragraph, self.line_start_chars));
        }
        self.text.push('\n');
        self.sources.push(CharSource::Made);
        self.chars += 1;
        self.line_start_chars = self.chars;
        self.line_open = false;
    }

    /// An empty line after the paragraph last ended (it belongs to that
    /// paragraph, after its last character).
    fn empty_line(&mut self) {
        self.lines.push((self.paragraph, self.chars));
        self.text.push('\n');
        self.sources.push(CharSource::Made);
    }

    fn start_paragraph(&mut self) {
        self.paragraph += 1;
        self.chars = 0;
        self.line_start_chars = 0;
        self.line_open = false;
    }

    fn end_paragraph(&mut self) {
        if !self.line_open {
            self.lines.push((self.paragraph, self.line_start_chars));
        }
        self.text.push('\n');
        self.sources.push(CharSource::Made);
        self.line_open = false;
    }
}

fn extract(xml: &str, numbering: &Numbering, styles: &HashMap<String, (String, u32)>) -> Result<DocxText, String> {
    let mut reader = Reader::from_str(xml);
    let mut state = State::default();
    let mut out = Builder {
        text: String::new(),
        sources: Vec::new(),
        last_in_cell: None,
        lines: Vec::new(),
        paragraph: 0,
        chars: 0,
        line_start_chars: 0,
        line_open: false,
    };
    let mut map = TextMap::default();
    let mut counters = Counters::default();
    // The open paragraphs (a text box's paragraphs nest in a run).
    let mut open: Vec<OpenParagraph> = Vec::new();
    loop {
        let before = reader.buffer_position() as usize;
        let event = reader.read_event().map_err(xml_error("word/document.xml"))?;
        let after = reader.buffer_position() as usize;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                let name = e.name();
                let name = name.as_ref();
                if state.skip > 0 {
                    if !empty && matches!(name, "w:del" | "w:moveFrom" | "mc:Fallback") {
                        state.skip += 1;
                    }
                    continue;
                }
                match name {
                    "w:del" | "w:moveFrom" | "mc:Fallback" if !empty => state.skip = 1,
                    "w:ins" | "w:moveTo" if !empty => state.revision += 1,
                    "w:tc" if !empty => state.cells += 1,
                    "w:p" => {
                        // A paragraph inside a run is in a text box: its story is that run's.
                        let story = if open.is_empty() { 0 } else { state.runs.last().map_or(0, |r| r + 1) };
                        open.push(OpenParagraph { story, in_cell: state.cells > 0, ..OpenParagraph::default() });
                        state.num_id = None;
                        state.ilvl = None;
                        state.style = None;
                        if empty {
                            close_paragraph(&mut open, &mut out);
                        }
                    }
                    "w:r" if !empty => {
                        state.runs.push(map.runs.len() as u32);
                        state.run_properties = 0;
                        map.runs.push(RunElement { properties: 0..0, in_revision: state.revision > 0 });
                    }
                    "w:rPr" if !state.in_ppr => {
                        if let Some(&run) = state.runs.last() {
                            if state.run_properties == 0 {
                                map.runs[run as usize].properties = before..after;
                            }
                            if !empty {
                                state.run_properties += 1;
                            }
                        }
                    }
                    "w:pPr" if !empty => state.in_ppr = true,
                    "w:pStyle" if state.in_ppr => state.style = attr(e, "val"),
                    "w:numId" if state.in_ppr => state.num_id = attr(e, "val"),
                    "w:ilvl" if state.in_ppr => state.ilvl = attr(e, "val").and_then(|v| v.parse().ok()),
                    "w:t" if !empty => {
                        let preserves_space = attr(e, "space").as_deref() == Some("preserve");
                        state.in_text = Some(map.texts.len() as u32);
                        map.texts.push(TextElement {
                            start_tag: before..after,
                            preserves_space,
                            run: state.runs.last().copied(),
                            story: open.last().map_or(0, |p| p.story),
                        });
                    }
                    "w:fldChar" => match attr(e, "fldCharType").as_deref() {
                        Some("begin") => state.field_code.push(true),
                        Some("separate") => {
                            if let Some(top) = state.field_code.last_mut() {
                                *top = false;
                            }
                        }
                        Some("end") => {
                            state.field_code.pop();
                        }
                        _ => {}
                    },
                    "w:tab" if !state.in_ppr && !in_code(&state) => paragraph_of(&mut open).push_made("\t"),
                    "w:br" | "w:cr" if !in_code(&state) => paragraph_of(&mut open).push_made("\n"),
                    "w:noBreakHyphen" if !in_code(&state) => paragraph_of(&mut open).push_made("-"),
                    _ => {}
                }
            }
            Event::End(ref e) => {
                let name = e.name();
                let name = name.as_ref();
                if state.skip > 0 {
                    if matches!(name, "w:del" | "w:moveFrom" | "mc:Fallback") {
                        state.skip -= 1;
                    }
                    continue;
                }
                match name {
                    "w:ins" | "w:moveTo" => state.revision = state.revision.saturating_sub(1),
                    "w:tc" => state.cells = state.cells.saturating_sub(1),
                    "w:r" => {
                        state.runs.pop();
                        state.run_properties = 0;
                    }
                    "w:rPr" if !state.in_ppr && state.run_properties > 0 => {
                        state.run_properties -= 1;
                        if state.run_properties == 0
                            && let Some(&run) = state.runs.last()
                        {
                            let properties = &mut map.runs[run as usize].properties;
                            properties.end = after;
                        }
                    }
                    "w:pPr" => {
                        state.in_ppr = false;
                        // The paragraph's own numbering, else its style's.
                        let (num, ilvl) = match (&state.num_id, &state.style) {
                            (Some(num), _) => (Some(num.clone()), state.ilvl.unwrap_or(0)),
                            (None, Some(style)) => match styles.get(style) {
                                Some((num, l)) => (Some(num.clone()), state.ilvl.unwrap_or(*l)),
                                None => (None, 0),
                            },
                            (None, None) => (None, 0),
                        };
                        if let Some(num) = num.filter(|n| n != "0") {
                            let label = counters.next(numbering, &num, ilvl);
                            paragraph_of(&mut open).push_made(&label);
                        }
                    }
                    "w:t" => state.in_text = None,
                    "w:p" => close_paragraph(&mut open, &mut out),
                    _ => {}
                }
            }
            Event::Text(ref t) if state.skip == 0 && !in_code(&state) => {
                let Some(text) = state.in_text else { continue };
                push_text(paragraph_of(&mut open), t, before, text);
            }
            Event::GeneralRef(r) if state.skip == 0 && !in_code(&state) => {
                let Some(text) = state.in_text else { continue };
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c.to_string()),
                    _ => quick_xml::escape::resolve_xml_entity(&r.xml10_content()).map(str::to_string),
                };
                let paragraph = paragraph_of(&mut open);
                for c in resolved.unwrap_or_default().chars() {
                    paragraph.text.push(c);
                    paragraph.sources.push(CharSource::Text { start: before, end: after, text });
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    while !open.is_empty() {
        close_paragraph(&mut open, &mut out);
    }
    map.chars = out.sources;
    Ok(DocxText { text: out.text, positions: Positions { lines: out.lines }, map })
}

/// The characters of a `w:t`'s text, each with its bytes in document.xml
/// (`start` is where the text event begins). Line ends are normalised as XML
/// requires: CR LF and a lone CR read as LF (a line break).
fn push_text(paragraph: &mut OpenParagraph, raw: &quick_xml::events::BytesText, start: usize, text: u32) {
    let raw: &str = raw.as_ref();
    let mut chars = raw.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let source = CharSource::Text { start: start + i, end: start + i + c.len_utf8(), text };
        if c == '\r' {
            if chars.peek().is_some_and(|&(_, next)| next == '\n') {
                continue;
            }
            paragraph.push_made("\n");
            continue;
        }
        paragraph.text.push(c);
        paragraph.sources.push(if c == '\n' { CharSource::Made } else { source });
    }
}

fn in_code(state: &State) -> bool {
    state.field_code.iter().any(|&code| code)
}

/// The open paragraph (text outside any paragraph goes to a new one).
fn paragraph_of(open: &mut Vec<OpenParagraph>) -> &mut OpenParagraph {
    if open.is_empty() {
        open.push(OpenParagraph::default());
    }
    open.last_mut().expect("just ensured")
}

fn close_paragraph(open: &mut Vec<OpenParagraph>, out: &mut Builder) {
    let Some(paragraph) = open.pop() else { return };
    // By structure, not by what the lines hold, so that the text of a
    // paragraph (emptied by a tracked change, say) never changes the lines
    // around it: entering a table from a paragraph outside it.
    if paragraph.in_cell && out.last_in_cell == Some(false) {
        out.empty_line();
    }
    out.last_in_cell = Some(paragraph.in_cell);
    out.start_paragraph();
    for (c, source) in paragraph.text.chars().zip(paragraph.sources) {
        match c {
            // Characters a plain-text report cannot hold on one line.
            '\r' => {}
            '\n' => out.line_break(),
            c => out.push(c, source),
        }
    }
    out.end_paragraph();
    if paragraph.in_cell {
        out.empty_line();
    }
}

/// The fuzz entry point (`fuzz/fuzz_targets/docx_read.rs` and
/// `docx_structured.rs`, and the corpus replays in `tests/fuzz_corpus.rs`):
/// reading arbitrary bytes never panics; what a readable file yields maps every
/// line back to a paragraph, in order, and has one source per character. Its
/// findings are then written back ([`super::annotate`]): that never panics,
/// and a document that could be read can be annotated (the writer reads its
/// own output back and compares). The engine's own invariants on the text are
/// the `lint_text` target's job.
#[cfg(feature = "fuzzing")]
pub fn fuzz_read(bytes: &[u8]) {
    let Ok(docx) = read(bytes) else { return };
    let lines = docx.text.split('\n').count();
    let mut previous = 1;
    for line in 1..=lines {
        let (paragraph, character) = docx.positions.at(line, 1);
        assert!(paragraph >= previous, "line {line}: paragraph {paragraph} comes before {previous}");
        assert!(character >= 1, "line {line}: character {character}");
        previous = paragraph;
    }
    assert_eq!(docx.map.chars.len(), docx.text.chars().count(), "one source per character");
    let linter = gwlint_rules::fuzz::default_linter();
    let doc = gwlint_rules::Document::parse(docx.text.as_str(), gwlint_rules::Format::Text);
    let findings = linter.lint(&doc);
    let request = super::annotate::Request {
        text: &docx.text,
        findings: &findings,
        linter,
        comments: true,
        changes: true,
        date: "2026-01-01T00:00:00Z",
    };
    if let Err(message) = super::annotate::annotate(bytes, &request) {
        // Parts the reader does not need may still be missing or damaged.
        assert!(!message.contains("内部错误"), "{message}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_render_in_their_formats() {
        assert_eq!(format_number(1, "chineseCounting"), "一");
        assert_eq!(format_number(12, "chineseCountingThousand"), "十二");
        assert_eq!(format_number(3, "decimalEnclosedCircle"), "③");
        assert_eq!(format_number(14, "upperRoman"), "XIV");
        assert_eq!(format_number(2, "ideographTraditional"), "乙");
        assert_eq!(format_number(7, "decimal"), "7");
    }

    #[test]
    fn line_breaks_keep_the_paragraph_and_count_as_a_character() {
        let xml = r#"<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>标题</w:t></w:r></w:p>
            <w:p><w:r><w:t>第一行</w:t><w:br/><w:t>第二行&amp;</w:t></w:r></w:p></w:body></w:document>"#;
        let docx = extract(xml, &Numbering::default(), &HashMap::new()).unwrap();
        assert_eq!(docx.text, "标题\n第一行\n第二行&\n");
        assert_eq!(docx.positions.at(1, 2), (1, 2));
        assert_eq!(docx.positions.at(2, 1), (2, 1));
        assert_eq!(docx.positions.at(3, 2), (2, 6));
    }
}
