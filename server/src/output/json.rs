//! `--format json`: one object for the whole run.
//!
//! ```json
//! {"files": [{"path": "a.txt", "findings": [{
//!   "rule": "typo.common", "severity": "error", "message": "…",
//!   "line": 12, "column": 34, "end_line": 12, "end_column": 38,
//!   "start_byte": 1203, "end_byte": 1215, "text": "目标导间",
//!   "fixes": [{"title": "改为“目标导向”", "safe": true,
//!              "edits": [{"start_byte": 1203, "end_byte": 1215, "replacement": "目标导向"}]}],
//!   "related": []}]}]}
//! ```
//!
//! Files the run could not check are listed, with the reason, in `unchecked`
//! (`[{"path": "旧稿.doc", "reason": "是旧版 Word（.doc）……"}]`; left out when
//! every file was checked).
//!
//! Each file object also has a `scorecard` (see `gwlint_rules::scorecard`):
//! the required parts (present, missing, out of order), findings by severity
//! and rule, figures per 1,000 characters of the 成效 part, and whether the
//! title, addressee, signature and date are there.
//!
//! Lines and columns are 1-based; columns count Unicode scalar values;
//! `end_line`/`end_column` is the position just after the span. Byte offsets are
//! into the file as read (a BOM counts).
//!
//! For a Word document (.docx) the text checked is the one extracted from it
//! (one paragraph per line): `line`, `column` and the byte offsets refer to that
//! text, and `paragraph`/`character` (with `end_paragraph`/`end_character`) give
//! the position in the document, 1-based, as Word shows it.

use super::{FileReport, Unchecked};
use gwlint_rules::scorecard::Scorecard;
use serde::Serialize;

#[derive(Serialize)]
struct Output<'a> {
    files: Vec<File<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    unchecked: Vec<UncheckedFile<'a>>,
}

#[derive(Serialize)]
struct UncheckedFile<'a> {
    path: String,
    reason: &'a str,
}

#[derive(Serialize)]
struct File<'a> {
    path: String,
    scorecard: Scorecard,
    findings: Vec<Finding<'a>>,
    #[serde(skip_serializing_if = "is_zero")]
    fixed: usize,
}

#[derive(Serialize)]
struct Finding<'a> {
    rule: &'a str,
    severity: &'a str,
    message: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    paragraph: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    character: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_paragraph: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_character: Option<usize>,
    start_byte: usize,
    end_byte: usize,
    text: &'a str,
    fixes: Vec<Fix<'a>>,
    related: Vec<Related<'a>>,
}

#[derive(Serialize)]
struct Fix<'a> {
    title: &'a str,
    safe: bool,
    edits: Vec<Edit<'a>>,
}

#[derive(Serialize)]
struct Edit<'a> {
    start_byte: usize,
    end_byte: usize,
    replacement: &'a str,
}

#[derive(Serialize)]
struct Related<'a> {
    message: &'a str,
    line: usize,
    column: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    paragraph: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    character: Option<usize>,
    start_byte: usize,
    end_byte: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

pub fn render(reports: &[FileReport], unchecked: &[Unchecked]) -> String {
    let files = reports.iter().map(file).collect();
    let unchecked =
        unchecked.iter().map(|u| UncheckedFile { path: u.path.display().to_string(), reason: &u.reason }).collect();
    let mut text = serde_json::to_string_pretty(&Output { files, unchecked }).expect("findings serialise");
    text.push('\n');
    text
}

fn file(report: &FileReport) -> File<'_> {
    let findings = report
        .findings
        .iter()
        .map(|f| {
            let start = report.place(f.range.start);
            let end = report.place(f.range.end);
            Finding {
                rule: &f.rule,
                severity: f.severity.as_str(),
                message: &f.message,
                line: start.line,
                column: start.column,
                end_line: end.line,
                end_column: end.column,
                paragraph: start.paragraph.map(|p| p.0),
                character: start.paragraph.map(|p| p.1),
                end_paragraph: end.paragraph.map(|p| p.0),
                end_character: end.paragraph.map(|p| p.1),
                start_byte: f.range.start,
                end_byte: f.range.end,
                text: &f.text,
                fixes: f
                    .fixes
                    .iter()
                    .map(|fix| Fix {
                        title: &fix.title,
                        safe: fix.safe,
                        edits: fix
                            .edits
                            .iter()
                            .map(|e| Edit {
                                start_byte: e.range.start,
                                end_byte: e.range.end,
                                replacement: &e.replacement,
                            })
                            .collect(),
                    })
                    .collect(),
                related: f
                    .related
                    .iter()
                    .map(|r| {
                        let at = report.place(r.range.start);
                        Related {
                            message: &r.message,
                            line: at.line,
                            column: at.column,
                            paragraph: at.paragraph.map(|p| p.0),
                            character: at.paragraph.map(|p| p.1),
                            start_byte: r.range.start,
                            end_byte: r.range.end,
                        }
                    })
                    .collect(),
            }
        })
        .collect();
    File { path: report.path.display().to_string(), scorecard: report.scorecard(), findings, fixed: report.fixed }
}
