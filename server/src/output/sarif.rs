//! `--format sarif`: SARIF 2.1.0, for code-scanning tools.
//!
//! One run: `tool.driver` lists every rule in force (id, short description =
//! its message template, full description and help = its explanation and
//! source, `helpUri` = its documentation page, default level), and each finding
//! is a result with its rule, level, message, location and fixes.
//!
//! A file the run could not check is an artifact too, with an error-level
//! `toolExecutionNotification` in the run's invocation (which then reports
//! `executionSuccessful: false`), as SARIF 2.1.0 describes for
//! problems that kept the tool from analysing something.
//!
//! Regions are 1-based lines and columns counted in characters, which the run
//! states with `columnKind: "unicodeCodePoints"`. For a Word document the
//! region's line is the paragraph and its column the character in it (as in
//! the human output); Word documents get no `fixes`, since a fix edits text
//! and a .docx is not text.

use super::{FileReport, Unchecked};
use gwlint_rules::{Finding, Severity};
use serde_json::{Value, json};
use std::collections::HashMap;

pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

pub fn render(reports: &[FileReport], unchecked: &[Unchecked]) -> String {
    let mut rules: Vec<Value> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for report in reports {
        for rule in report.linter.rules() {
            if index.contains_key(&rule.meta.id) {
                continue;
            }
            index.insert(rule.meta.id.clone(), rules.len());
            let meta = &rule.meta;
            let help = format!("{}\n\n依据：{}", meta.explanation.trim(), meta.source);
            rules.push(json!({
                "id": meta.id,
                "name": meta.id,
                "shortDescription": {"text": meta.message},
                "fullDescription": {"text": first_paragraph(&meta.explanation)},
                "help": {"text": help, "markdown": help},
                "helpUri": gwlint_rules::rule_doc_url(&meta.id),
                "defaultConfiguration": {"level": level(meta.severity)},
                "properties": {"pack": meta.pack, "source": meta.source},
            }));
        }
    }
    let mut results = Vec::new();
    let mut artifacts = Vec::new();
    for report in reports {
        let uri = uri(&report.path.to_string_lossy());
        artifacts.push(json!({"location": {"uri": uri}}));
        for finding in &report.findings {
            results.push(result(report, finding, &uri, index.get(&finding.rule).copied()));
        }
    }
    let mut notifications = Vec::new();
    for file in unchecked {
        let uri = uri(&file.path.to_string_lossy());
        artifacts.push(json!({"location": {"uri": uri}}));
        notifications.push(json!({
            "level": "error",
            "message": {"text": format!("无法检查：{}", file.reason)},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}}}],
        }));
    }
    let sarif = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "gwlint",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/gwlint/gwlint",
                "rules": rules,
            }},
            "invocations": [{
                "executionSuccessful": unchecked.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
            "columnKind": "unicodeCodePoints",
            "artifacts": artifacts,
            "results": results,
        }],
    });
    let mut text = serde_json::to_string_pretty(&sarif).expect("SARIF serialises");
    text.push('\n');
    text
}

fn result(report: &FileReport, finding: &Finding, uri: &str, rule_index: Option<usize>) -> Value {
    let mut result = json!({
        "ruleId": finding.rule,
        "level": level(finding.severity),
        "message": {"text": finding.message},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": uri},
            "region": region(report, finding.range.start, finding.range.end, Some(&finding.text)),
        }}],
    });
    if let Some(i) = rule_index {
        result["ruleIndex"] = json!(i);
    }
    if !finding.related.is_empty() {
        result["relatedLocations"] = finding
            .related
            .iter()
            .enumerate()
            .map(|(i, r)| {
                json!({
                    "id": i + 1,
                    "message": {"text": r.message},
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri},
                        "region": region(report, r.range.start, r.range.end, None),
                    },
                })
            })
            .collect();
    }
    if report.docx.is_none() && !finding.fixes.is_empty() {
        result["fixes"] = finding
            .fixes
            .iter()
            .map(|fix| {
                let replacements: Vec<Value> = fix
                    .edits
                    .iter()
                    .map(|e| {
                        json!({
                            "deletedRegion": region(report, e.range.start, e.range.end, None),
                            "insertedContent": {"text": e.replacement},
                        })
                    })
                    .collect();
                json!({
                    "description": {"text": fix.title},
                    "artifactChanges": [{"artifactLocation": {"uri": uri}, "replacements": replacements}],
                })
            })
            .collect();
    }
    result
}

fn region(report: &FileReport, start: usize, end: usize, snippet: Option<&str>) -> Value {
    let (a, b) = (report.place(start), report.place(end));
    let (start_line, start_column) = a.paragraph.unwrap_or((a.line, a.column));
    let (end_line, end_column) = b.paragraph.unwrap_or((b.line, b.column));
    let mut region = json!({
        "startLine": start_line,
        "startColumn": start_column,
        "endLine": end_line,
        "endColumn": end_column,
    });
    if let Some(text) = snippet.filter(|t| !t.is_empty()) {
        region["snippet"] = json!({"text": text});
    }
    region
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "note",
    }
}

fn first_paragraph(markdown: &str) -> String {
    markdown.trim().split("\n\n").next().unwrap_or_default().replace('\n', "")
}

/// A relative URI reference for a path: `/` separators, everything outside
/// the unreserved characters percent-encoded as UTF-8.
pub fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let path = path.strip_prefix("./").unwrap_or(&path);
    let mut out = String::new();
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}
