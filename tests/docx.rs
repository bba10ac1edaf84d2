//! `gwlint check` on Word documents (.docx): text, numbering, tracked changes,
//! fields, tables and line breaks; positions as paragraph and character;
//! damaged and password-protected files.

mod common;
mod wordfile;

use common::*;
use serde_json::Value;
use wordfile::*;

/// The sample report as a Word document: headings numbered automatically
/// (level 1 through the Heading1 style, level 2 directly), a tracked deletion
/// and insertion, and a field whose result is part of the text. Its text is
/// the sample report's, line for line.
fn sample_docx_body() -> String {
    let sample = std::fs::read_to_string(fixture("sample-report.txt")).expect("sample");
    let mut body = String::new();
    for line in sample.lines() {
        let xml = if line.is_empty() {
            "<w:p/>".to_string()
        } else if let Some(rest) = strip_top_ordinal(line) {
            styled("Heading1", rest)
        } else if let Some(rest) = strip_second_ordinal(line) {
            if rest.starts_with("规范行政执法行为") {
                // A tracked deletion inside, and a tracked insertion.
                let (a, b) = rest.split_at(rest.find("推行").unwrap());
                let runs = format!("{}{}{}", run(a), deleted("取得了显著成效，截止目前"), inserted(b));
                format!(r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr>{runs}</w:p>"#)
            } else {
                numbered(1, 1, rest)
            }
        } else if line == "县人民政府：" {
            para(&format!("{}{}", field(" HYPERLINK \"http://example.invalid/目标导间\" ", "县人民政府"), run("：")))
        } else {
            p(line)
        };
        body.push_str(&xml);
    }
    body
}

fn strip_top_ordinal(line: &str) -> Option<&str> {
    ["一、", "二、", "三、", "四、"].iter().find_map(|o| line.strip_prefix(o))
}

fn strip_second_ordinal(line: &str) -> Option<&str> {
    ["（一）", "（二）", "（三）"].iter().find_map(|o| line.strip_prefix(o))
}

fn check_json(dir: &std::path::Path, args: &[&str]) -> (i32, Value, String) {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let output = run_in(dir, &all);
    let json = serde_json::from_str(&stdout(&output)).unwrap_or_else(|e| panic!("{e}: {}", stdout(&output)));
    (code(&output), json, stderr(&output))
}

fn file<'a>(json: &'a Value, path: &str) -> &'a Value {
    json["files"].as_array().unwrap().iter().find(|f| f["path"] == path).unwrap_or_else(|| panic!("{path} in {json}"))
}

fn summary(findings: &Value) -> Vec<(String, String, String)> {
    findings
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().into(),
                f["text"].as_str().unwrap().into(),
                f["message"].as_str().unwrap().into(),
            )
        })
        .collect()
}

#[test]
fn a_word_document_gives_the_same_findings_as_its_text_at_paragraph_and_character() {
    let dir = TempDir::new("docx-sample");
    write_docx(&dir.path().join("报告.docx"), &sample_docx_body());
    dir.write("报告.txt", &std::fs::read_to_string(fixture("sample-report.txt")).unwrap());
    let (exit, json, err) = check_json(dir.path(), &["报告.docx", "报告.txt"]);
    assert_eq!(exit, 1, "{err}");
    // The two files are the same report, so each also reports the other's
    // passages as copied (copy.shared); the rest must be identical.
    let own = |path: &str| -> Value {
        let all = file(&json, path)["findings"].as_array().unwrap().clone();
        assert!(all.iter().any(|f| f["rule"] == "copy.shared"), "{path}: identical reports share passages");
        Value::Array(all.into_iter().filter(|f| f["rule"] != "copy.shared").collect())
    };
    let (docx, text) = (&own("报告.docx"), &own("报告.txt"));
    // Numbering resolved (no part reported missing that is there), the
    // deletion and the field code left out, the insertion kept.
    assert_eq!(summary(docx), summary(text));
    assert!(summary(docx).iter().any(|(rule, _, _)| rule == "section.other"), "{docx}");
    for (d, t) in docx.as_array().unwrap().iter().zip(text.as_array().unwrap()) {
        // One Word paragraph per line: paragraph = line, character = column.
        assert_eq!((&d["paragraph"], &d["character"]), (&t["line"], &t["column"]), "{d}");
        assert_eq!((&d["end_paragraph"], &d["end_character"]), (&t["end_line"], &t["end_column"]), "{d}");
        assert_eq!((&d["line"], &d["column"], &d["start_byte"]), (&t["line"], &t["column"], &t["start_byte"]));
    }
    assert!(text.as_array().unwrap().iter().all(|t| t.get("paragraph").is_none()), "text files have no paragraph");
    let typo = docx.as_array().unwrap().iter().find(|f| f["text"] == "目标导间").expect("typo");
    assert_eq!((typo["paragraph"].as_u64(), typo["character"].as_u64()), (Some(7), Some(15)));
}

#[test]
fn a_word_document_under_a_text_name_is_read_as_word() {
    let dir = TempDir::new("docx-renamed");
    write_docx(&dir.path().join("报告.docx"), &sample_docx_body());
    std::fs::copy(dir.path().join("报告.docx"), dir.path().join("报告副本.txt")).unwrap();
    let (exit, json, err) = check_json(dir.path(), &["报告.docx", "报告副本.txt"]);
    assert_eq!(exit, 1, "{err}");
    let own = |path: &str| -> Vec<(String, String, String)> {
        let all = file(&json, path)["findings"].as_array().unwrap().clone();
        summary(&Value::Array(all.into_iter().filter(|f| f["rule"] != "copy.shared").collect()))
    };
    assert_eq!(own("报告副本.txt"), own("报告.docx"));
    // Found by its paragraphs, as a Word document is.
    let first = &file(&json, "报告副本.txt")["findings"][0];
    assert!(first.get("paragraph").is_some(), "{first}");
}

#[test]
fn tables_and_line_breaks_count_as_word_counts_paragraphs() {
    let dir = TempDir::new("docx-table");
    let body = [
        p("关于2024年度法治政府建设情况的报告"),
        table(&[&["项目", "情况"], &["执法培训", "截止目前已完成培训"]]),
        para(&format!("{}{}{}", run("年内工作如下。"), line_break(), run("截止目前共办理案件5件。"))),
    ]
    .concat();
    write_docx(&dir.path().join("表格.docx"), &body);
    let (_, json, _) = check_json(dir.path(), &["表格.docx"]);
    let places: Vec<(u64, u64)> = file(&json, "表格.docx")["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["text"] == "截止目前")
        .map(|f| (f["paragraph"].as_u64().unwrap(), f["character"].as_u64().unwrap()))
        .collect();
    // Title 1, cells 2–5, then the paragraph with a line break: 7 characters
    // and the break come before the second line.
    assert_eq!(places, [(5, 1), (6, 9)]);

    let output = run_in(dir.path(), &["check", "表格.docx"]);
    let out = stdout(&output);
    assert!(out.contains("表格.docx:段5:字1: 错误[typo.common]: “截止目前”"), "{out}");
    assert!(out.contains("段6 | 截止目前共办理案件5件。"), "{out}");
}

#[test]
fn a_damaged_or_protected_document_is_reported_and_the_others_are_still_checked() {
    let dir = TempDir::new("docx-broken");
    write_docx(&dir.path().join("好.docx"), &p("截止目前，已完成清理。"));
    std::fs::write(dir.path().join("坏.docx"), b"PK\x03\x04 this is not really a zip file").unwrap();
    // An encrypted .docx is an OLE compound file holding an EncryptedPackage stream.
    let mut protected = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    protected.extend(vec![0u8; 504]);
    protected.extend("EncryptedPackage".encode_utf16().flat_map(|u| u.to_le_bytes()));
    std::fs::write(dir.path().join("加密.docx"), &protected).unwrap();
    // Word's lock file of an open document is not a report.
    std::fs::write(dir.path().join("~$好.docx"), b"lock").unwrap();
    let (exit, json, err) = check_json(dir.path(), &["."]);
    assert_eq!(exit, 2, "a file that cannot be read is trouble: {err}");
    assert!(err.contains("坏.docx: 文件已损坏"), "{err}");
    assert!(err.contains("加密.docx: 文档设有打开密码"), "{err}");
    assert!(!err.contains("~$"), "{err}");
    let files: Vec<&str> = json["files"].as_array().unwrap().iter().map(|f| f["path"].as_str().unwrap()).collect();
    assert_eq!(files, ["./好.docx"]);
    assert_eq!(file(&json, "./好.docx")["findings"][0]["text"], "截止目前");
}

#[test]
fn a_table_of_short_cells_is_not_a_sentence_broken_across_lines() {
    let dir = TempDir::new("docx-table-cells");
    let body = [
        p("关于2024年度法治政府建设情况的报告"),
        p("全年办理案件情况如下"),
        table(&[&["类别", "2023年", "2024年"], &["行政处罚案件", "20件", "23件"]]),
        p("执法规范化水平进一步提高。"),
        // A paragraph really broken in two (Enter pressed mid-sentence) is still found.
        p("严格落实重大行政决策"),
        p("程序，全年提交集体讨论重大事项12项。"),
    ]
    .concat();
    write_docx(&dir.path().join("表格.docx"), &body);
    let (_, json, _) = check_json(dir.path(), &["表格.docx"]);
    let broken: Vec<(u64, String)> = file(&json, "表格.docx")["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "artefact.broken-line")
        .map(|f| (f["paragraph"].as_u64().unwrap(), f["text"].as_str().unwrap().to_string()))
        .collect();
    // Paragraphs: title 1, lead-in 2, cells 3–8, 9, then the broken one.
    assert_eq!(broken, [(10, "策".to_string())], "{json}");
}
