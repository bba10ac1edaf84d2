//! Compiler-style output:
//!
//! ```text
//! 报告.txt:12:34: 错误[typo.common]: “目标导间”疑为错别字，应为“目标导向”
//!    |
//! 12 | …责任分工，强化目标导间，紧盯部门业务性和政策性…
//!    |                ^^^^^^^^
//!    = 修改建议：改为“目标导向”
//! ```
//!
//! In a Word document the position is `报告.docx:段12:字34` (paragraph, character)
//! and the gutter names the paragraph.
//!
//! Columns count characters; the underline is measured in display columns, so
//! it sits under CJK text (two columns a character) correctly. Long paragraphs
//! are cut to a window around the finding.

use super::FileReport;
use gwlint_rules::{Finding, Severity};
use std::fmt::Write;
use unicode_width::UnicodeWidthStr;

/// Characters of context shown on each side of a finding.
const CONTEXT_CHARS: usize = 24;

pub fn render_file(report: &FileReport) -> String {
    let mut out = String::new();
    for finding in &report.findings {
        render_finding(report, finding, &mut out);
        out.push('\n');
    }
    out
}

fn render_finding(report: &FileReport, finding: &Finding, out: &mut String) {
    let doc = &report.doc;
    let path = report.path.display();
    let place = report.place(finding.range.start);
    let line = place.line;
    let _ = writeln!(
        out,
        "{path}:{}: {}[{}]: {}",
        place.label(),
        finding.severity.label_zh(),
        finding.rule,
        finding.message
    );
    // The gutter names the line of a text file, the paragraph of a Word document.
    let number = match place.paragraph {
        Some((p, _)) => format!("段{p}"),
        None => line.to_string(),
    };
    let gutter = number.width();
    let (shown, before, underlined) = window(&doc.text, doc.lines.line_range(line - 1), &finding.range);
    let _ = writeln!(out, "{:gutter$} |", "");
    let _ = writeln!(out, "{number} | {shown}");
    let _ = writeln!(out, "{:gutter$} | {}{}", "", " ".repeat(before.width()), "^".repeat(underlined.width().max(1)));
    for fix in &finding.fixes {
        let label = if fix.safe { "修改建议" } else { "可选修改" };
        let _ = writeln!(out, "{:gutter$} = {label}：{}", "", fix.title);
    }
    for related in &finding.related {
        let at = report.place(related.range.start).label();
        let _ = writeln!(out, "{:gutter$} = 参见 {path}:{at}：{}", "", related.message);
    }
}

/// The part of the line to show, the shown text before the finding, and the
/// shown text of the finding (cut at the line end).
fn window(text: &str, line: std::ops::Range<usize>, span: &std::ops::Range<usize>) -> (String, String, String) {
    let start = span.start.clamp(line.start, line.end);
    let end = span.end.clamp(start, line.end);
    let before_all: Vec<char> = text[line.start..start].chars().collect();
    let after_all: Vec<char> = text[end..line.end].chars().collect();
    let cut_before = before_all.len() > CONTEXT_CHARS;
    let cut_after = after_all.len() > CONTEXT_CHARS;
    let mut before: String = if cut_before { "…".into() } else { String::new() };
    before.extend(&before_all[before_all.len().saturating_sub(CONTEXT_CHARS)..]);
    let middle = text[start..end].to_string();
    let mut after: String = after_all.iter().take(CONTEXT_CHARS).collect();
    if cut_after {
        after.push('…');
    }
    let display = |s: &str| s.replace('\t', " ");
    (display(&format!("{before}{middle}{after}")), display(&before), display(&middle))
}

/// The last line of a run: the findings by severity, the fixes, and how many
/// files could not be checked (`unread`, named above on standard error).
pub fn summary(reports: &[FileReport], unread: usize) -> String {
    let count = |s: Severity| reports.iter().flat_map(|r| &r.findings).filter(|f| f.severity == s).count();
    let fixed: usize = reports.iter().map(|r| r.fixed).sum();
    let mut parts = Vec::new();
    for severity in [Severity::Error, Severity::Warning, Severity::Info, Severity::Hint] {
        let n = count(severity);
        if n > 0 {
            parts.push(format!("{}{n}处", severity.label_zh()));
        }
    }
    let mut line = format!("检查了{}个文件：", reports.len());
    if parts.is_empty() {
        line.push_str("未发现问题");
    } else {
        line.push_str(&parts.join("，"));
    }
    if fixed > 0 {
        let _ = write!(line, "（已修正{fixed}处）");
    }
    if unread > 0 {
        let _ = write!(line, "；另有{unread}个文件无法检查（见上方说明）");
    }
    line
}
