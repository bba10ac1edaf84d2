//! Word documents built from fuzz bytes, for the structure-aware fuzz target
//! `docx_structured` and its corpus replay in `tests/fuzz_corpus.rs`.
//!
//! Byte-level fuzzing of a .docx mostly damages the zip; the reader's and the
//! writer's handling of Word's structure is reached only by valid packages.
//! Here the bytes are a program: each byte picks the next thing to write
//! (a paragraph, a run of report text in some formatting, a table cell, a
//! numbered paragraph, a field, a hyperlink, someone's tracked insertion or
//! deletion, an existing comment, a bookmark, a text box, a break …) and the
//! builder keeps the XML well-formed by closing what is open. A few programs
//! then damage the result (a cut, a stray byte) so the error paths are fuzzed
//! on nearly valid input too.
#![allow(dead_code)]

use std::io::Write;

/// Pieces of report text: findings for most rules, and characters XML escapes.
const PIECES: &[&str] = &[
    "关于2024年度法治政府建设情况的报告",
    "截止目前",
    "强化目标导间，",
    "严格落实重大行政决策程序,",
    "全年集中学法8余次。",
    "深化法制宣传教育",
    "一、",
    "（二）",
    "(三)",
    "取得了显著成效",
    "等等。",
    "党政主要责任人",
    "《中华人民共和国行政复议法》",
    "《合同法》",
    "贯彻党的十九大精神",
    "张三",
    "实现实现",
    "县人民政府：",
    "青山镇人民政府",
    "2025年1月15日",
    " ",
    "\u{3000}",
    "A&B<C>",
    "“八五”普法",
    "x",
    "。",
    "推进依法行政",
    "二〇二四年",
];

/// What is open, innermost last.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Open {
    Table,
    Row,
    Cell,
    Paragraph,
    Hyperlink,
    Insertion,
    Sdt,
    /// A complex field between its begin and end (runs inside).
    Field,
}

struct Builder {
    xml: String,
    open: Vec<Open>,
    ids: u32,
    comments: Vec<u32>,
    open_comments: Vec<u32>,
    bookmarks: Vec<u32>,
}

impl Builder {
    fn in_paragraph(&self) -> bool {
        self.open.contains(&Open::Paragraph)
    }

    fn ensure_paragraph(&mut self) {
        if !self.in_paragraph() {
            if self.open.last() == Some(&Open::Table) {
                self.xml.push_str("<w:tr>");
                self.open.push(Open::Row);
            }
            if self.open.last() == Some(&Open::Row) {
                self.xml.push_str("<w:tc>");
                self.open.push(Open::Cell);
            }
            self.xml.push_str("<w:p>");
            self.open.push(Open::Paragraph);
        }
    }

    fn close(&mut self) {
        let Some(top) = self.open.pop() else { return };
        let closing = match top {
            Open::Table => "</w:tbl>",
            Open::Row => "</w:tr>",
            Open::Cell => {
                // A cell must end with a paragraph.
                if !self.xml.ends_with("</w:p>") {
                    self.xml.push_str("<w:p/>");
                }
                "</w:tc>"
            }
            Open::Paragraph => "</w:p>",
            Open::Hyperlink => "</w:hyperlink>",
            Open::Insertion => "</w:ins>",
            Open::Sdt => "</w:sdtContent></w:sdt>",
            Open::Field => r#"<w:r><w:fldChar w:fldCharType="end"/></w:r>"#,
        };
        self.xml.push_str(closing);
    }

    /// Closes everything down to (and including) the innermost paragraph.
    fn close_paragraph(&mut self) {
        while self.in_paragraph() {
            self.close();
        }
    }

    fn run(&mut self, text: &str, format: u8) {
        self.ensure_paragraph();
        let properties = match format % 6 {
            0 => "",
            1 => "<w:rPr><w:b/></w:rPr>",
            2 => {
                r#"<w:rPr><w:rFonts w:ascii="Times New Roman" w:eastAsia="仿宋_GB2312" w:hint="eastAsia"/><w:sz w:val="32"/></w:rPr>"#
            }
            3 => {
                r#"<w:rPr><w:i/><w:rPrChange w:id="900" w:author="甲" w:date="2025-01-01T00:00:00Z"><w:rPr/></w:rPrChange></w:rPr>"#
            }
            4 => "<w:rPr/>",
            _ => r#"<w:rPr><w:rStyle w:val="Strong"/></w:rPr>"#,
        };
        let space = if format & 8 != 0 { r#" xml:space="preserve""# } else { "" };
        let text = escape(text);
        if format & 16 != 0 && text.chars().count() > 1 {
            // Two w:t in one run, split mid-text.
            let cut = text.char_indices().nth(1).map_or(0, |(i, _)| i);
            let (a, b) = text.split_at(cut);
            if !a.contains('&') && !b.starts_with(';') {
                self.xml.push_str(&format!("<w:r>{properties}<w:t{space}>{a}</w:t><w:t>{b}</w:t></w:r>"));
                return;
            }
        }
        self.xml.push_str(&format!("<w:r w:rsidR=\"00AB12CD\">{properties}<w:t{space}>{text}</w:t></w:r>"));
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// The document.xml a program describes.
pub fn document_xml(program: &[u8]) -> String {
    let mut b = Builder {
        xml: String::new(),
        open: Vec::new(),
        ids: 0,
        comments: Vec::new(),
        open_comments: Vec::new(),
        bookmarks: Vec::new(),
    };
    let mut bytes = program.iter().copied();
    while let Some(op) = bytes.next() {
        let arg = bytes.next().unwrap_or(0);
        match op % 20 {
            0..=5 => b.run(PIECES[arg as usize % PIECES.len()], op / 20),
            6 => b.close_paragraph(),
            7 => {
                b.close_paragraph();
                b.xml.push_str(&format!(
                    r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{}"/><w:numId w:val="1"/></w:numPr></w:pPr>"#,
                    arg % 3
                ));
                b.open.push(Open::Paragraph);
            }
            8 => {
                // Tables: open one, start a row, or close the innermost part.
                b.close_paragraph();
                match (arg % 3, b.open.last().copied()) {
                    (0, None | Some(Open::Cell)) if b.open.iter().filter(|o| **o == Open::Table).count() < 3 => {
                        b.xml.push_str("<w:tbl><w:tblPr/><w:tr>");
                        b.open.extend([Open::Table, Open::Row]);
                    }
                    (1, Some(Open::Cell)) => {
                        b.close();
                    }
                    (2, Some(Open::Row)) => {
                        b.close();
                        b.xml.push_str("<w:tr>");
                        b.open.push(Open::Row);
                    }
                    (_, Some(Open::Cell | Open::Row | Open::Table)) => b.close(),
                    _ => {}
                }
            }
            9 if b.in_paragraph() && !b.open.contains(&Open::Field) => {
                b.xml.push_str(r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> HYPERLINK "http://x/截止目前" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>"#);
                b.open.push(Open::Field);
            }
            10 if b.in_paragraph() && b.open.last() != Some(&Open::Paragraph) => b.close(),
            11 => {
                b.ensure_paragraph();
                b.xml.push_str(r#"<w:hyperlink w:anchor="_Toc1" w:history="1">"#);
                b.open.push(Open::Hyperlink);
            }
            12 => {
                b.ensure_paragraph();
                b.ids += 1;
                b.xml.push_str(&format!(r#"<w:ins w:id="{}" w:author="甲" w:date="2025-01-01T00:00:00Z">"#, b.ids));
                b.open.push(Open::Insertion);
            }
            13 => {
                b.ensure_paragraph();
                b.ids += 1;
                let text = escape(PIECES[arg as usize % PIECES.len()]);
                b.xml.push_str(&format!(
                    r#"<w:del w:id="{}" w:author="甲" w:date="2025-01-01T00:00:00Z"><w:r><w:delText>{text}</w:delText></w:r></w:del>"#,
                    b.ids
                ));
            }
            14 => {
                // An existing comment: start one, or end the latest open one.
                b.ensure_paragraph();
                match b.open_comments.pop() {
                    Some(id) if arg % 2 == 0 => b.xml.push_str(&format!(
                        r#"<w:commentRangeEnd w:id="{id}"/><w:r><w:commentReference w:id="{id}"/></w:r>"#
                    )),
                    other => {
                        b.open_comments.extend(other);
                        b.ids += 1;
                        b.xml.push_str(&format!(r#"<w:commentRangeStart w:id="{}"/>"#, b.ids));
                        b.open_comments.push(b.ids);
                        b.comments.push(b.ids);
                    }
                }
            }
            15 => {
                b.ensure_paragraph();
                match b.bookmarks.pop() {
                    Some(id) => b.xml.push_str(&format!(r#"<w:bookmarkEnd w:id="{id}"/>"#)),
                    None => {
                        b.ids += 1;
                        b.xml.push_str(&format!(r#"<w:bookmarkStart w:id="{}" w:name="_Toc{}"/>"#, b.ids, b.ids));
                        b.bookmarks.push(b.ids);
                    }
                }
            }
            16 => {
                b.ensure_paragraph();
                b.xml.push_str(match arg % 4 {
                    0 => "<w:r><w:br/></w:r>",
                    1 => "<w:r><w:tab/></w:r>",
                    2 => r#"<w:r><w:t xml:space="preserve">甲</w:t><w:br/><w:t>乙</w:t></w:r>"#,
                    _ => "<w:r><w:noBreakHyphen/></w:r>",
                });
            }
            17 => {
                // A text box: its paragraphs nest in a run; the fallback copy is not text.
                b.ensure_paragraph();
                let text = escape(PIECES[arg as usize % PIECES.len()]);
                b.xml.push_str(&format!(
                    r#"<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:pict></mc:Fallback></mc:AlternateContent></w:r>"#
                ));
            }
            18 => {
                b.ensure_paragraph();
                if arg % 2 == 0 {
                    b.xml.push_str(r#"<w:sdt><w:sdtPr/><w:sdtContent>"#);
                    b.open.push(Open::Sdt);
                } else {
                    b.xml.push_str(r#"<w:r><w:t>&#x4E2D;&amp;&#20013;</w:t></w:r>"#);
                }
            }
            _ => {
                b.close_paragraph();
                b.xml.push_str("<w:p/>");
            }
        }
    }
    while !b.open.is_empty() {
        b.close();
    }
    let mut tail = String::new();
    for id in b.open_comments.drain(..) {
        tail.push_str(&format!(r#"<w:p><w:commentRangeEnd w:id="{id}"/></w:p>"#));
    }
    for id in b.bookmarks.drain(..) {
        tail.push_str(&format!(r#"<w:p><w:bookmarkEnd w:id="{id}"/></w:p>"#));
    }
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" mc:Ignorable="w14"><w:body>{}{tail}<w:sectPr/></w:body></w:document>"#,
        b.xml
    )
}

const NUMBERING: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl><w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#;

/// The package a program describes. The first byte decides whether the
/// package has a comments part already and whether it is damaged.
pub fn build(program: &[u8]) -> Vec<u8> {
    let (flags, program) = program.split_first().map_or((0, program), |(f, rest)| (*f, rest));
    let document = document_xml(program);
    let with_comments = flags & 1 != 0;
    let comments = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:comment w:id="1" w:author="甲"><w:p><w:r><w:t>原有批注</w:t></w:r></w:p></w:comment></w:comments>"#;
    let (comment_type, comment_rel) = if with_comments {
        (
            r#"<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>"#,
            r#"<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/>"#,
        )
    } else {
        ("", "")
    };
    let types = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>{comment_type}</Types>"#
    );
    let rels = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>{comment_rel}</Relationships>"#
    );
    let mut parts: Vec<(&str, Vec<u8>)> = vec![
        ("[Content_Types].xml", types.into_bytes()),
        ("word/_rels/document.xml.rels", rels.into_bytes()),
        ("word/document.xml", document.into_bytes()),
        ("word/numbering.xml", NUMBERING.as_bytes().to_vec()),
    ];
    if with_comments {
        parts.push(("word/comments.xml", comments.as_bytes().to_vec()));
    }
    // Damage, now and then: cut a part short or put a stray byte in it.
    if flags & 0b110 == 0b110 {
        let which = (flags as usize >> 3) % parts.len();
        let part = &mut parts[which].1;
        let at = program.len() * 7 % part.len().max(1);
        if flags & 0x80 != 0 {
            part.truncate(at);
        } else if at < part.len() {
            part[at] = b'<';
        }
    }
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, contents) in parts {
        if zip.start_file(name, options).is_err() || zip.write_all(&contents).is_err() {
            return Vec::new();
        }
    }
    zip.finish().map(|c| c.into_inner()).unwrap_or_default()
}
