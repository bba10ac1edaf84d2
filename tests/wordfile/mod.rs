//! Building small Word documents (.docx) for the tests: a zip with the parts
//! Word writes, the body given as `w:p`/`w:tbl` XML made by the helpers here.
#![allow(dead_code)]

use std::io::Write;
use std::path::Path;

/// Escapes text for XML.
pub fn esc(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// A run of text.
pub fn run(text: &str) -> String {
    format!(r#"<w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr><w:t xml:space="preserve">{}</w:t></w:r>"#, esc(text))
}

/// A paragraph of runs (XML), without numbering.
pub fn para(runs: &str) -> String {
    format!(
        "<w:p><w:pPr><w:jc w:val=\"both\"/><w:tabs><w:tab w:val=\"left\" w:pos=\"420\"/></w:tabs></w:pPr>{runs}</w:p>"
    )
}

/// A paragraph of plain text.
pub fn p(text: &str) -> String {
    para(&run(text))
}

/// A paragraph numbered automatically: list `num`, level `ilvl`.
pub fn numbered(num: u32, ilvl: u32, text: &str) -> String {
    format!(
        r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num}"/></w:numPr></w:pPr>{}</w:p>"#,
        run(text)
    )
}

/// A paragraph in style `style` (whose numbering comes from styles.xml).
pub fn styled(style: &str, text: &str) -> String {
    format!(r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{}</w:p>"#, run(text))
}

/// A tracked deletion (not part of the text).
pub fn deleted(text: &str) -> String {
    format!(
        r#"<w:del w:id="1" w:author="审校" w:date="2025-01-01T00:00:00Z"><w:r><w:delText>{}</w:delText></w:r></w:del>"#,
        esc(text)
    )
}

/// A tracked insertion (part of the text).
pub fn inserted(text: &str) -> String {
    format!(r#"<w:ins w:id="2" w:author="审校" w:date="2025-01-01T00:00:00Z">{}</w:ins>"#, run(text))
}

/// A field: its code is not text, its result is.
pub fn field(code: &str, result: &str) -> String {
    format!(
        r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">{}</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>{}<w:r><w:fldChar w:fldCharType="end"/></w:r>"#,
        esc(code),
        run(result)
    )
}

/// A line break inside a paragraph.
pub fn line_break() -> String {
    "<w:r><w:br/></w:r>".to_string()
}

/// A table; each cell holds one paragraph of text.
pub fn table(rows: &[&[&str]]) -> String {
    let mut xml = String::from("<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr>");
    for row in rows {
        xml.push_str("<w:tr>");
        for cell in *row {
            xml.push_str(&format!("<w:tc><w:tcPr><w:tcW w:w=\"2000\" w:type=\"dxa\"/></w:tcPr>{}</w:tc>", p(cell)));
        }
        xml.push_str("</w:tr>");
    }
    xml.push_str("</w:tbl>");
    xml
}

/// numbering.xml with list 1: level 0 一、 (Chinese counting), level 1 （一）.
pub const NUMBERING: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:abstractNum w:abstractNumId="0">
<w:multiLevelType w:val="multilevel"/>
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:lvlJc w:val="left"/></w:lvl>
<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/><w:lvlJc w:val="left"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
</w:numbering>"#;

/// styles.xml: Heading1 numbered by list 1 level 0, Heading2 (based on it) level 1.
pub const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>
<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Heading1"/>
<w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
</w:styles>"#;

/// A run of text split into runs of different formatting at each `|` (the
/// `|` itself is left out): plain, bold, italic, plain, bold …
pub fn split_runs(text: &str) -> String {
    let formats = ["", "<w:b/>", "<w:i/>"];
    text.split('|')
        .enumerate()
        .map(|(i, piece)| {
            format!(
                r#"<w:r w:rsidR="00A1{i:02}"><w:rPr><w:rFonts w:ascii="Times New Roman" w:eastAsia="仿宋_GB2312" w:hint="eastAsia"/>{}<w:sz w:val="32"/><w:lang w:eastAsia="zh-CN"/></w:rPr><w:t>{}</w:t></w:r>"#,
                formats[i % formats.len()],
                esc(piece)
            )
        })
        .collect()
}

/// A hyperlink to a bookmark (no relationship needed) around `text`.
pub fn hyperlink(text: &str) -> String {
    format!(r#"<w:hyperlink w:anchor="_Toc1" w:history="1">{}</w:hyperlink>"#, run(text))
}

/// `text` under an existing comment `id` by 审校人 (its body goes in
/// [`existing_comments_part`]).
pub fn commented(id: u32, text: &str) -> String {
    format!(
        r#"<w:commentRangeStart w:id="{id}"/>{}<w:commentRangeEnd w:id="{id}"/><w:r><w:commentReference w:id="{id}"/></w:r>"#,
        run(text)
    )
}

/// A comments part holding comment `id` by 审校人.
pub fn existing_comments_part(id: u32, text: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:comment w:id="{id}" w:author="审校人" w:date="2025-01-02T00:00:00Z" w:initials="SJ"><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:comment></w:comments>"#,
        esc(text)
    )
}

/// Writes a .docx whose body is `body` (paragraphs and tables), with the
/// numbering and styles above.
pub fn write_docx(path: &Path, body: &str) {
    write_docx_with(path, body, None);
}

/// [`write_docx`], with a comments part (word/comments.xml, related and typed
/// as Word does) when `comments` is given.
pub fn write_docx_with(path: &Path, body: &str, comments: Option<&str>) {
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>{body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>"#
    );
    write_package(path, &document, comments);
}

/// A .docx whose `word/document.xml` is `document` as given (with the
/// numbering and styles above, and a comments part when `comments` is given).
pub fn write_package(path: &Path, document: &str, comments: Option<&str>) {
    let (comment_type, comment_rel) = match comments {
        Some(_) => (
            r#"<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>"#,
            r#"<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/>"#,
        ),
        None => ("", ""),
    };
    let types = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>{comment_type}</Types>"#
    );
    let rels = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>{comment_rel}</Relationships>"#
    );
    let mut parts: Vec<(&str, &str)> = vec![
        ("[Content_Types].xml", &types),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#,
        ),
        ("word/_rels/document.xml.rels", &rels),
        ("word/document.xml", document),
        ("word/numbering.xml", NUMBERING),
        ("word/styles.xml", STYLES),
    ];
    if let Some(comments) = comments {
        parts.push(("word/comments.xml", comments));
    }
    let file = std::fs::File::create(path).expect("create docx");
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, contents) in parts {
        zip.start_file(name, options).expect("zip entry");
        zip.write_all(contents.as_bytes()).expect("zip write");
    }
    zip.finish().expect("zip finish");
}
