//! `gwlint check --annotate` and `--fix` on Word documents: the reviewed copy
//! (报告.审校.docx) with a comment on each finding and the safe fixes as
//! tracked changes, read back with the project's reader and, where they are
//! installed, with python-docx and LibreOffice.

mod common;
mod wordfile;

use common::*;
use quick_xml::events::Event;
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use wordfile::*;

/// The sample report as a Word document whose runs are cut mid-word with
/// different formatting, with a table, a hyperlink, a field, automatic
/// numbering, an existing comment and revisions, and WPS-style run markup
/// (rsid attributes, East Asian fonts, proofing marks, bookmarks).
fn varied_body() -> String {
    let sample = std::fs::read_to_string(fixture("sample-report.txt")).expect("sample");
    let numbered_runs = |runs: String| {
        format!(r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr>{runs}</w:p>"#)
    };
    let mut body = String::new();
    for line in sample.lines() {
        let second = ["（一）", "（二）", "（三）"].iter().find_map(|o| line.strip_prefix(o));
        let xml = if line.is_empty() {
            "<w:p/>".to_string()
        } else if let Some(rest) = ["一、", "二、", "三、", "四、"].iter().find_map(|o| line.strip_prefix(o)) {
            styled("Heading1", rest)
        } else if let Some(rest) = second.filter(|r| r.starts_with("健全依法决策机制")) {
            // The half-width comma and 8余次 fall across runs of different formatting.
            numbered_runs(split_runs(&rest.replacen("程序,", "程|序,", 1).replacen("8余次", "8余|次", 1)))
        } else if let Some(rest) = second.filter(|r| r.starts_with("规范行政执法行为。强化")) {
            // 目标导间 half in a hyperlink; someone else's deletion and
            // insertion; a proofing mark.
            let tail = rest.split_once("推行行政执法公示").unwrap().1;
            numbered_runs(format!(
                "{}{}{}<w:proofErr w:type=\"spellStart\"/>{}{}<w:proofErr w:type=\"spellEnd\"/>{}",
                run("规范行政执法行为。"),
                hyperlink("强化目标导"),
                run("间，"),
                deleted("取得了显著成效"),
                inserted("推行行政执法公示"),
                run(tail)
            ))
        } else if let Some(rest) = second.filter(|r| r.starts_with("深化")) {
            // An existing comment on the first words; a bookmark after them.
            let (a, b) = rest.split_at(rest.find("。").unwrap());
            numbered_runs(format!(
                r#"{}<w:bookmarkStart w:id="40" w:name="_Toc1"/>{}<w:bookmarkEnd w:id="40"/>"#,
                commented(30, a),
                run(b)
            ))
        } else if let Some(rest) = second {
            numbered(1, 1, rest)
        } else if line == "县人民政府：" {
            para(&format!("{}{}", field(" HYPERLINK \"http://example.invalid/\" ", "县人民政府"), run("：")))
        } else {
            para(&split_runs(line))
        };
        body.push_str(&xml);
    }
    // A table whose cell holds a finding.
    body.push_str(&table(&[&["事项", "情况"], &["清理文件", "截止目前已完成"]]));
    body
}

fn write_varied(path: &Path) {
    write_docx_with(path, &varied_body(), Some(&existing_comments_part(30, "请补充数据来源")));
}

/// The parts of a .docx, by name.
fn parts(path: &Path) -> BTreeMap<String, Vec<u8>> {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut parts = BTreeMap::new();
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).unwrap();
        let mut contents = Vec::new();
        file.read_to_end(&mut contents).unwrap();
        parts.insert(file.name().unwrap().to_string(), contents);
    }
    parts
}

fn part(path: &Path, name: &str) -> String {
    String::from_utf8(parts(path).remove(name).unwrap_or_else(|| panic!("{name} in {}", path.display()))).unwrap()
}

/// The comments of the document: id → (author, date, text of its paragraphs).
fn comments(path: &Path) -> BTreeMap<String, (String, String, Vec<String>)> {
    let xml = part(path, "word/comments.xml");
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut all = BTreeMap::new();
    let mut current: Option<(String, String, String, Vec<String>)> = None;
    let mut in_text = false;
    loop {
        match reader.read_event().expect("comments.xml is well-formed") {
            Event::Start(e) if e.name().as_ref() == "w:comment" => {
                let get = |n: &str| {
                    e.attributes().flatten().find(|a| a.key.as_ref() == n).map(|a| a.value.into_owned()).unwrap()
                };
                current = Some((get("w:id"), get("w:author"), get("w:date"), Vec::new()));
            }
            Event::Start(e) if e.name().as_ref() == "w:p" => {
                if let Some(c) = &mut current {
                    c.3.push(String::new());
                }
            }
            Event::Start(e) if e.name().as_ref() == "w:t" => in_text = true,
            Event::End(e) if e.name().as_ref() == "w:t" => in_text = false,
            Event::Text(t) if in_text => {
                if let Some(line) = current.as_mut().and_then(|c| c.3.last_mut()) {
                    line.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) if in_text => {
                let c = quick_xml::escape::resolve_xml_entity(&r.xml10_content()).unwrap_or("").to_string();
                if let Some(line) = current.as_mut().and_then(|c| c.3.last_mut()) {
                    line.push_str(&c);
                }
            }
            Event::End(e) if e.name().as_ref() == "w:comment" => {
                let (id, author, date, lines) = current.take().unwrap();
                all.insert(id, (author, date, lines));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    all
}

/// The text each comment covers in the document as written (deleted text
/// included, text inserted by gwlint left out): comment id → text.
fn commented_text(path: &Path) -> BTreeMap<String, String> {
    let xml = part(path, "word/document.xml");
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut open: Vec<String> = Vec::new();
    let mut covered: BTreeMap<String, String> = BTreeMap::new();
    let (mut in_text, mut in_gwlint_insertion) = (false, false);
    loop {
        match reader.read_event().expect("document.xml is well-formed") {
            Event::Empty(e) | Event::Start(e) => {
                let id = || e.attributes().flatten().find(|a| a.key.as_ref() == "w:id").unwrap().value.into_owned();
                match e.name().as_ref() {
                    "w:commentRangeStart" => {
                        open.push(id());
                        covered.entry(id()).or_default();
                    }
                    "w:commentRangeEnd" => open.retain(|o| *o != id()),
                    "w:t" | "w:delText" => in_text = true,
                    "w:ins" => {
                        in_gwlint_insertion =
                            e.attributes().flatten().any(|a| a.key.as_ref() == "w:author" && a.value == "gwlint")
                    }
                    _ => {}
                }
            }
            Event::End(e) => match e.name().as_ref() {
                "w:t" | "w:delText" => in_text = false,
                "w:ins" => in_gwlint_insertion = false,
                _ => {}
            },
            Event::Text(t) if in_text && !in_gwlint_insertion => {
                for id in &open {
                    covered.get_mut(id).unwrap().push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) if in_text && !in_gwlint_insertion => {
                let c = quick_xml::escape::resolve_xml_entity(&r.xml10_content()).unwrap_or("").to_string();
                for id in &open {
                    covered.get_mut(id).unwrap().push_str(&c);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    covered
}

/// The text of a document with every change accepted (the reader's view).
fn accepted(path: &Path) -> String {
    gwlint::docx::read(&std::fs::read(path).unwrap()).expect("reads").text
}

/// The text of a document with gwlint's changes rejected: its insertions
/// dropped, its deletions kept as text.
fn rejected(path: &Path) -> String {
    let mut document = part(path, "word/document.xml");
    while let Some(start) = document.find(r#"<w:ins w:id=""#).filter(|_| document.contains(r#"w:author="gwlint""#)) {
        let Some(tag_end) = document[start..].find('>') else { break };
        if !document[start..start + tag_end].contains(r#"w:author="gwlint""#) {
            // Someone else's insertion: mark it so the search moves on.
            document.replace_range(start..start + 6, "<w:ins_");
            continue;
        }
        let end = start + document[start..].find("</w:ins>").unwrap() + "</w:ins>".len();
        document.replace_range(start..end, "");
    }
    document = document.replace("<w:ins_", "<w:ins");
    let mut out = String::new();
    let mut rest = document.as_str();
    while let Some(start) = rest.find("<w:del ") {
        let tag_end = start + rest[start..].find('>').unwrap() + 1;
        let end = tag_end + rest[tag_end..].find("</w:del>").unwrap();
        out.push_str(&rest[..start]);
        if rest[start..tag_end].contains(r#"w:author="gwlint""#) {
            out.push_str(&rest[tag_end..end].replace("w:delText", "w:t"));
        } else {
            out.push_str(&rest[start..end + "</w:del>".len()]);
        }
        rest = &rest[end + "</w:del>".len()..];
    }
    out.push_str(rest);
    let copy = path.with_extension("rejected.docx");
    replace_part(path, &copy, "word/document.xml", &out);
    accepted(&copy)
}

fn replace_part(from: &Path, to: &Path, name: &str, contents: &str) {
    let mut zip = zip::ZipWriter::new(std::fs::File::create(to).unwrap());
    for (part, bytes) in parts(from) {
        zip.start_file(part.clone(), zip::write::SimpleFileOptions::default()).unwrap();
        zip.write_all(if part == name { contents.as_bytes() } else { &bytes }).unwrap();
    }
    zip.finish().unwrap();
}

fn check_json(dir: &Path, args: &[&str]) -> (i32, Value, String) {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let output = run_in(dir, &all);
    let json = serde_json::from_str(&stdout(&output)).unwrap_or_else(|e| panic!("{e}: {}", stdout(&output)));
    (code(&output), json, stderr(&output))
}

#[test]
fn every_finding_gets_a_comment_on_exactly_its_text_and_the_safe_fixes_are_tracked_changes() {
    let dir = TempDir::new("annotate-varied");
    let original = dir.path().join("报告.docx");
    write_varied(&original);
    let before = std::fs::read(&original).unwrap();
    let (exit, json, err) = check_json(dir.path(), &["--annotate", "报告.docx"]);
    assert_eq!(exit, 1, "{err}");
    let copy = dir.path().join("报告.审校.docx");
    assert!(err.contains("报告.docx: 已写入审校稿"), "{err}");
    assert_eq!(std::fs::read(&original).unwrap(), before, "the original is never touched");

    let findings = json["files"][0]["findings"].as_array().unwrap();
    let notes = comments(&copy);
    let covered = commented_text(&copy);
    // The existing comment is kept, untouched, on its text.
    assert_eq!(notes["30"].0, "审校人");
    assert_eq!(notes["30"].2, ["请补充数据来源"]);
    assert_eq!(covered["30"], "深化法制宣传教育", "{covered:?}");
    let ours: Vec<_> = notes.iter().filter(|(_, (author, _, _))| author == "gwlint").collect();
    // Numbered above every annotation the document had (its bookmark is 40).
    assert!(ours.iter().all(|(id, _)| id.parse::<u64>().unwrap() > 40), "{ours:?}");
    assert_eq!(ours.len(), findings.len(), "one comment per finding: {notes:?}");
    for finding in findings {
        let rule = finding["rule"].as_str().unwrap();
        let message = finding["message"].as_str().unwrap();
        let (id, (_, date, lines)) = ours
            .iter()
            .find(|(_, (_, _, lines))| lines[0].ends_with(message) && lines.last().unwrap().contains(rule))
            .unwrap_or_else(|| panic!("no comment for {finding}"));
        assert!(date.len() == 20 && date.ends_with('Z'), "{date}");
        assert!(lines.iter().any(|l| l.starts_with("依据：")), "{lines:?}");
        assert!(lines.iter().any(|l| l.starts_with("原因：")), "{lines:?}");
        // On exactly its text, wherever the runs, the hyperlink or the table cut it.
        let text = finding["text"].as_str().unwrap();
        if text.is_empty() {
            // Something missing: the comment is on the line where it belongs.
            let line = finding["line"].as_u64().unwrap() as usize;
            let lines: Vec<String> = accepted(&original).lines().map(str::to_string).collect();
            assert!(!covered[*id].is_empty() && lines[line - 1].contains(&covered[*id]), "{finding}: {covered:?}");
        } else if !text.contains('\n') {
            assert_eq!(covered[*id], text, "{finding}");
        }
    }
    // Where the text was cut in runs of different formatting, the copy keeps
    // each piece's formatting (the bold run stays bold around the change).
    let document = part(&copy, "word/document.xml");
    assert!(document.contains(r#"<w:del w:id="#) && document.contains(r#"w:author="gwlint""#), "tracked changes");
    assert!(
        document.contains("<w:b/><w:sz w:val=\"32\"/><w:lang w:eastAsia=\"zh-CN\"/></w:rPr><w:delText"),
        "{document}"
    );

    // Accepting all gives the text --fix gives for the same content as text;
    // rejecting all gives the original.
    let text_copy = dir.path().join("报告.txt");
    std::fs::write(&text_copy, gwlint::docx::read(&before).unwrap().text).unwrap();
    let output = run_in(dir.path(), &["check", "--fix", "报告.txt"]);
    assert!(code(&output) <= 1, "{}", stderr(&output));
    assert_eq!(accepted(&copy), std::fs::read_to_string(&text_copy).unwrap());
    assert_ne!(accepted(&copy), accepted(&original), "some fix was made");
    assert_eq!(rejected(&copy), accepted(&original));

    // Every other part is copied as it was.
    let (old, new) = (parts(&original), parts(&copy));
    for (name, bytes) in &old {
        if !["word/document.xml", "word/comments.xml"].contains(&name.as_str()) {
            assert_eq!(&new[name], bytes, "{name} unchanged");
        }
    }
}

#[test]
fn the_review_sheet_and_the_annotated_copies_list_the_same_findings() {
    let dir = TempDir::new("annotate-sheet");
    write_varied(&dir.path().join("甲镇.docx"));
    write_docx(
        &dir.path().join("乙镇.docx"),
        &[p("关于2024年度法治政府建设情况的报告"), p("截止目前，已完成清理。")].concat(),
    );
    let output = run_in(dir.path(), &["check", "--annotate", "--format", "html", "."]);
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    let html = stdout(&output);
    for name in ["甲镇", "乙镇"] {
        let copy = dir.path().join(format!("{name}.审校.docx"));
        let mut ours: Vec<String> = comments(&copy)
            .into_values()
            .filter(|c| c.0 == "gwlint")
            .map(|c| c.2.last().unwrap().trim_start_matches("规则：").trim_end_matches("（gwlint）").to_string())
            .collect();
        ours.sort();
        // The sheet's findings of this report, by rule.
        let section = html
            .split("<section class=\"report\"")
            .find(|s| s.contains(&format!("<h2>./{name}.docx</h2>")))
            .unwrap_or_else(|| panic!("{name} in the sheet"));
        let mut listed: Vec<String> = section
            .match_indices("data-rule=\"")
            .map(|(i, m)| section[i + m.len()..].split('"').next().unwrap().to_string())
            .collect();
        listed.sort();
        assert!(!ours.is_empty());
        assert_eq!(ours, listed, "{name}");
    }
}

#[test]
fn a_document_without_comments_gets_a_comments_part_its_relationship_and_type() {
    let dir = TempDir::new("annotate-new-part");
    write_docx(
        &dir.path().join("报告.docx"),
        &[p("关于2024年度法治政府建设情况的报告"), p("截止目前，已完成清理。")].concat(),
    );
    let output = run_in(dir.path(), &["check", "--annotate", "报告.docx"]);
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    let copy = dir.path().join("报告.审校.docx");
    let rels = part(&copy, "word/_rels/document.xml.rels");
    assert!(rels.contains(r#"/relationships/comments" Target="comments.xml""#), "{rels}");
    let types = part(&copy, "[Content_Types].xml");
    assert!(types.contains(r#"PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml""#), "{types}");
    let covered = commented_text(&copy);
    assert!(covered.values().any(|t| t == "截止目前"), "{covered:?}");
    assert_eq!(accepted(&copy).lines().nth(1), Some("截至目前，已完成清理。"));
}

/// document.xml as WPS Office writes it: its namespaces and paragraph ids,
/// w:t without xml:space, runs with East Asian language and font hints, a
/// paragraph mark's run properties, and the text cut into runs mid-word.
const WPS_DOCUMENT: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:w10="urn:schemas-microsoft-com:office:word" xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" xmlns:wpsCustomData="http://www.wps.cn/officeDocument/2013/wpsCustomData" mc:Ignorable="w14 wpsCustomData"><w:body><w:p w14:paraId="1A2B3C4D"><w:pPr><w:jc w:val="center"/><w:rPr><w:rFonts w:hint="eastAsia" w:ascii="方正小标宋简体" w:eastAsia="方正小标宋简体"/><w:sz w:val="44"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:pPr><w:r><w:rPr><w:rFonts w:hint="eastAsia" w:ascii="方正小标宋简体" w:eastAsia="方正小标宋简体"/><w:sz w:val="44"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr><w:t>关于2024年度法治政府建设情况的报告</w:t></w:r></w:p><w:p w14:paraId="2B3C4D5E"><w:pPr><w:ind w:firstLine="640" w:firstLineChars="200"/><w:rPr><w:rFonts w:hint="eastAsia"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:pPr><w:r><w:rPr><w:rFonts w:hint="eastAsia" w:ascii="仿宋_GB2312" w:eastAsia="仿宋_GB2312"/><w:sz w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr><w:t>截止</w:t></w:r><w:r><w:rPr><w:rFonts w:hint="eastAsia" w:ascii="仿宋_GB2312" w:eastAsia="仿宋_GB2312"/><w:sz w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr><w:t>目前，已完成规范性文件清理 12 件。</w:t></w:r></w:p><w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587" w:header="851" w:footer="992" w:gutter="0"/><w:docGrid w:type="lines" w:linePitch="579" w:charSpace="0"/></w:sectPr></w:body></w:document>"#;

#[test]
fn a_document_written_by_wps_is_annotated_in_its_own_markup() {
    let dir = TempDir::new("annotate-wps");
    write_package(&dir.path().join("报告.docx"), WPS_DOCUMENT, None);
    let output = run_in(dir.path(), &["check", "--annotate", "报告.docx"]);
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    let copy = dir.path().join("报告.审校.docx");
    // 截止目前 runs across two runs: one comment on both, one change in each.
    assert!(commented_text(&copy).values().any(|t| t == "截止目前"), "{:?}", commented_text(&copy));
    let lines: Vec<String> = accepted(&copy).lines().map(str::to_string).collect();
    assert!(lines[1].starts_with("截至目前，"), "{lines:?}");
    let document = part(&copy, "word/document.xml");
    assert!(document.contains("w14:paraId=\"2B3C4D5E\""), "the paragraphs keep WPS's ids");
    assert!(document.contains(r#"<w:sz w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr><w:delText xml:space="preserve">截止</w:delText>"#), "{document}");
    assert_eq!(rejected(&copy), accepted(&dir.path().join("报告.docx")));
}

#[test]
fn fix_writes_tracked_changes_into_the_reviewed_copy_and_never_touches_the_original() {
    let dir = TempDir::new("annotate-fix");
    let path = dir.path().join("报告.docx");
    write_docx(&path, &p("截止目前，已完成清理。"));
    let before = std::fs::read(&path).unwrap();
    let output = run_in(dir.path(), &["check", "--fix", "报告.docx"]);
    assert!(stderr(&output).contains("修订 1 处"), "{}", stderr(&output));
    assert_eq!(std::fs::read(&path).unwrap(), before);
    let copy = dir.path().join("报告.审校.docx");
    assert_eq!(accepted(&copy), "截至目前，已完成清理。\n");
    assert!(!parts(&copy).contains_key("word/comments.xml"), "--fix alone writes no comments");

    // A dry run shows the change and writes nothing.
    std::fs::remove_file(&copy).unwrap();
    let output = run_in(dir.path(), &["check", "--fix", "--dry-run", "报告.docx"]);
    assert!(stdout(&output).contains("+截至目前"), "{}", stdout(&output));
    assert!(!copy.exists());
}

#[test]
fn an_existing_reviewed_copy_is_kept_unless_forced_and_folders_skip_reviewed_copies() {
    let dir = TempDir::new("annotate-force");
    write_docx(&dir.path().join("报告.docx"), &p("截止目前，已完成清理。"));
    let copy = dir.path().join("报告.审校.docx");
    std::fs::write(&copy, b"mine").unwrap();
    let output = run_in(dir.path(), &["check", "--annotate", "报告.docx"]);
    assert_eq!(code(&output), 2);
    assert!(stderr(&output).contains("已存在，未覆盖"), "{}", stderr(&output));
    assert_eq!(std::fs::read(&copy).unwrap(), b"mine");
    let output = run_in(dir.path(), &["check", "--annotate", "--force", "."]);
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    assert_ne!(std::fs::read(&copy).unwrap(), b"mine");
    // The folder run checked the report, not the copy.
    let (_, json, _) = check_json(dir.path(), &["."]);
    let files: Vec<&str> = json["files"].as_array().unwrap().iter().map(|f| f["path"].as_str().unwrap()).collect();
    assert_eq!(files, ["./报告.docx"]);
}

#[test]
fn bad_files_get_a_clear_error_nothing_written_and_the_others_are_still_annotated() {
    let dir = TempDir::new("annotate-bad");
    write_docx(&dir.path().join("好.docx"), &p("截止目前，已完成清理。"));
    let good = std::fs::read(dir.path().join("好.docx")).unwrap();
    std::fs::write(dir.path().join("截断.docx"), &good[..good.len() / 2]).unwrap();
    std::fs::write(dir.path().join("文本.docx"), "截止目前，这其实是文本文件。").unwrap();
    let mut protected = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    protected.extend(vec![0u8; 504]);
    protected.extend("EncryptedPackage".encode_utf16().flat_map(|u| u.to_le_bytes()));
    std::fs::write(dir.path().join("加密.docx"), &protected).unwrap();
    let output = run_in(dir.path(), &["check", "--annotate", "."]);
    let err = stderr(&output);
    assert_eq!(code(&output), 2, "{err}");
    for name in ["截断.docx", "文本.docx", "加密.docx"] {
        assert!(err.contains(&format!("./{name}: ")), "{name}: {err}");
        let copy = dir.path().join(name.replace(".docx", ".审校.docx"));
        assert!(!copy.exists(), "nothing written for {name}");
    }
    assert!(err.contains("文档设有打开密码"), "{err}");
    assert!(dir.path().join("好.审校.docx").exists(), "{err}");
}

/// A program this machine may not have: the tests that need it say so and pass.
fn program(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")?.to_str()?.split(':').map(|d| Path::new(d).join(name)).find(|p| p.is_file())
}

#[test]
fn python_docx_reads_the_reviewed_copy_and_its_comments() {
    // python-docx is installed for the system Python (Debian's python3-docx).
    let python = ["/usr/bin/python3", "python3"]
        .into_iter()
        .find(|p| std::process::Command::new(p).args(["-c", "import docx"]).output().is_ok_and(|o| o.status.success()));
    let Some(python) = python else {
        eprintln!("skipped: python-docx is not installed (Debian package python3-docx)");
        return;
    };
    let dir = TempDir::new("annotate-python");
    write_varied(&dir.path().join("报告.docx"));
    let output = run_in(dir.path(), &["check", "--annotate", "报告.docx"]);
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    let script = r#"
import sys, docx
from lxml import etree
d = docx.Document(sys.argv[1])
W = '{http://schemas.openxmlformats.org/wordprocessingml/2006/main}'
parts = [p for p in d.part.package.iter_parts() if p.partname.endswith('/comments.xml')]
root = etree.fromstring(parts[0].blob)
authors = [c.get(W + 'author') for c in root.iter(W + 'comment')]
body = d.element.body
starts = len(body.findall('.//' + W + 'commentRangeStart'))
ends = len(body.findall('.//' + W + 'commentRangeEnd'))
refs = len(body.findall('.//' + W + 'commentReference'))
print(len(d.paragraphs), authors.count('gwlint'), authors.count('审校人'), starts, ends, refs)
"#;
    let out = std::process::Command::new(python)
        .args(["-c", script, dir.path().join("报告.审校.docx").to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let counts: Vec<usize> =
        String::from_utf8(out.stdout).unwrap().split_whitespace().map(|n| n.parse().unwrap()).collect();
    let ours = comments(&dir.path().join("报告.审校.docx")).values().filter(|c| c.0 == "gwlint").count();
    assert!(counts[0] > 15, "paragraphs {counts:?}");
    assert_eq!(counts[1], ours);
    assert_eq!(counts[2], 1, "the existing comment");
    assert_eq!((counts[3], counts[4], counts[5]), (ours + 1, ours + 1, ours + 1), "every comment anchored");
}

/// Renders page 1 of a .docx with LibreOffice, as RGB pixels (width, height,
/// bytes). `None` when LibreOffice or pdftoppm is missing.
fn render_first_page(docx: &Path, out: &Path) -> Option<(usize, usize, Vec<u8>)> {
    let soffice = program("soffice")?;
    let pdftoppm = program("pdftoppm")?;
    let profile = out.join("lo-profile");
    let status = std::process::Command::new(soffice)
        .arg(format!("-env:UserInstallation=file://{}", profile.display()))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(out)
        .arg(docx)
        .output()
        .unwrap();
    let pdf = out.join(docx.with_extension("pdf").file_name().unwrap());
    assert!(pdf.exists(), "LibreOffice converts {}: {}", docx.display(), String::from_utf8_lossy(&status.stderr));
    let stem = out.join(docx.file_stem().unwrap());
    let status = std::process::Command::new(pdftoppm)
        .args(["-r", "50", "-f", "1", "-l", "1", "-singlefile"])
        .arg(&pdf)
        .arg(&stem)
        .output()
        .unwrap();
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    let ppm = std::fs::read(format!("{}.ppm", stem.display())).unwrap();
    // P6 <width> <height> <max>\n then RGB bytes.
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while ppm[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !ppm[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(String::from_utf8_lossy(&ppm[start..at]).into_owned());
    }
    let (w, h) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    Some((w, h, ppm[at + 1..].to_vec()))
}

/// Pixels clearly coloured (not black, white or grey): tracked changes are
/// drawn in the author's colour, the report itself is black on white.
fn coloured_pixels(rgb: &[u8]) -> usize {
    rgb.chunks(3).filter(|p| p.iter().max().unwrap() - p.iter().min().unwrap() > 80).count()
}

#[test]
fn libreoffice_renders_the_reviewed_copy_with_its_changes_visible() {
    let out = repo_root().join("target").join("annotate-render");
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out).unwrap();
    let original = out.join("报告.docx");
    write_varied(&original);
    let output = run_in(&out, &["check", "--annotate", "报告.docx"]);
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    let Some((w, h, before)) = render_first_page(&original, &out) else {
        eprintln!("skipped: LibreOffice (soffice) or pdftoppm is not installed");
        return;
    };
    let (w2, h2, after) = render_first_page(&out.join("报告.审校.docx"), &out).unwrap();
    // The other kinds of annotated file convert too: WPS markup, a comments part gwlint added.
    write_package(&out.join("wps.docx"), WPS_DOCUMENT, None);
    write_docx(&out.join("plain.docx"), &p("截止目前，已完成清理。"));
    let output = run_in(&out, &["check", "--annotate", "wps.docx", "plain.docx"]);
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    for name in ["wps.审校.docx", "plain.审校.docx"] {
        render_first_page(&out.join(name), &out).expect("LibreOffice is present");
    }
    assert_eq!((w, h), (w2, h2));
    // The page image is kept in target/annotate-render/ to look at.
    let (plain, marked) = (coloured_pixels(&before), coloured_pixels(&after));
    // The original has one reviewer's changes already; gwlint's add to them.
    assert!(marked > plain + 500, "gwlint's changes are drawn in colour: {plain} → {marked} coloured pixels");
}
