//! Code actions: what the light bulb offers for a finding, and "fix all".
//!
//! - a quick fix for each fix a finding has (preferred when it is its only one);
//! - "ignore this finding" and "turn this rule off for the workspace", which
//!   are commands: the server writes `gwlint.toml` itself (see
//!   [`config_edit`](super::config_edit)) and re-lints;
//! - `source.fixAll.gwlint`, which editors can run on save: every safe fix,
//!   chosen exactly as `gwlint check --fix` chooses them (first safe fix of
//!   each finding, skipping any that overlaps one already taken), round after
//!   round until the text settles, as `--fix` does: the editor and the command
//!   line leave the same text ([`Analysis::fix_all_edits`]).

use super::analysis::Analysis;
use super::convert::{self, Encoding};
use gwlint_rules::rule::Finding;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::ops::Range;
use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Command, Range as LspRange, TextEdit, Uri, WorkspaceEdit,
};

/// The kind of the "fix all safe findings" action.
pub const FIX_ALL_KIND: CodeActionKind = CodeActionKind::new("source.fixAll.gwlint");
/// Command: record an `[[ignore]]` entry for a finding. Argument: [`FindingRef`].
pub const IGNORE_COMMAND: &str = "gwlint.ignoreFinding";
/// Command: add a rule to `disable`. Argument: [`FindingRef`].
pub const DISABLE_COMMAND: &str = "gwlint.disableRule";

/// The finding a command is about.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FindingRef {
    pub uri: Uri,
    pub rule: String,
    pub text: String,
}

/// The actions for `range` of the analysed document, filtered by the kinds
/// the client asked for (`only`).
pub fn code_actions(
    analysis: &Analysis,
    range: LspRange,
    only: Option<&[CodeActionKind]>,
    encoding: Encoding,
) -> Vec<CodeActionOrCommand> {
    let text = analysis.text();
    let uri = &analysis.uri;
    let index = analysis.positions(encoding);
    let wanted = |kind: &CodeActionKind| {
        only.is_none_or(|only| {
            only.iter().any(|k| kind.as_str() == k.as_str() || kind.as_str().starts_with(&format!("{}.", k.as_str())))
        })
    };
    let mut actions = Vec::new();
    if wanted(&CodeActionKind::QUICKFIX) {
        let asked = index.byte_range(range);
        let mut disabled_offered: Vec<&str> = Vec::new();
        for finding in analysis.lint.findings.iter().filter(|f| touches(&f.range, &asked)) {
            let diagnostic = convert::diagnostic(finding, &index, uri);
            for fix in &finding.fixes {
                let edits = fix.edits.iter().map(|e| convert::text_edit(e, &index, text)).collect();
                actions.push(CodeAction {
                    title: fix.title.clone(),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![diagnostic.clone()]),
                    edit: Some(workspace_edit(uri, edits)),
                    is_preferred: Some(finding.fixes.len() == 1),
                    ..CodeAction::default()
                });
            }
            actions.push(command_action(ignore_title(finding), IGNORE_COMMAND, finding, uri, &diagnostic));
            if !disabled_offered.contains(&finding.rule.as_str()) {
                disabled_offered.push(&finding.rule);
                let title = format!("在本工作区关闭规则 {}（写入 gwlint.toml）", finding.rule);
                actions.push(command_action(title, DISABLE_COMMAND, finding, uri, &diagnostic));
            }
        }
    }
    if wanted(&FIX_ALL_KIND) {
        let edits = analysis.fix_all_edits();
        if !edits.is_empty() {
            let count = edits.len();
            let edits = edits.iter().map(|e| convert::text_edit(e, &index, text)).collect();
            actions.push(CodeAction {
                title: format!("修正本文档中所有可安全修正的问题（{count} 处）"),
                kind: Some(FIX_ALL_KIND),
                edit: Some(workspace_edit(uri, edits)),
                ..CodeAction::default()
            });
        }
    }
    actions.into_iter().map(CodeActionOrCommand::CodeAction).collect()
}

/// Does a finding at `finding` concern the asked range? Touching counts, so
/// that a cursor right after a typo still gets its fix.
fn touches(finding: &Range<usize>, asked: &Range<usize>) -> bool {
    finding.start <= asked.end && asked.start <= finding.end
}

fn ignore_title(finding: &Finding) -> String {
    if finding.text.is_empty() {
        format!("忽略此处问题（{}，写入 gwlint.toml）", finding.rule)
    } else {
        format!("忽略此处问题：“{}”（{}，写入 gwlint.toml）", finding.text, finding.rule)
    }
}

fn command_action(
    title: String,
    command: &str,
    finding: &Finding,
    uri: &Uri,
    diagnostic: &tower_lsp_server::ls_types::Diagnostic,
) -> CodeAction {
    let argument = FindingRef { uri: uri.clone(), rule: finding.rule.clone(), text: finding.text.clone() };
    CodeAction {
        title: title.clone(),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diagnostic.clone()]),
        command: Some(Command {
            title,
            command: command.to_string(),
            arguments: serde_json::to_value(argument).ok().map(|a| vec![a]),
        }),
        ..CodeAction::default()
    }
}

fn workspace_edit(uri: &Uri, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit { changes: Some(HashMap::from([(uri.clone(), edits)])), ..WorkspaceEdit::default() }
}
