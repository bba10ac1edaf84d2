// "Fix all": the server's `source.fixAll.gwlint` code action, which holds every
// safe fix chosen the way `gwlint check --fix` chooses them.
import * as vscode from 'vscode';
import { activeCheckedDocument } from './documents';

export const fixAllKind = vscode.CodeActionKind.SourceFixAll.append('gwlint');

/** The edits of every safe fix in the document, as the server computes them. */
export async function fixAllEdits(document: vscode.TextDocument): Promise<vscode.TextEdit[]> {
  const whole = document.validateRange(new vscode.Range(0, 0, document.lineCount, 0));
  const actions =
    (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      whole,
      fixAllKind.value,
      // Resolve lazily computed edits too.
      10,
    )) ?? [];
  const edits: vscode.TextEdit[] = [];
  for (const action of actions) {
    if (action instanceof vscode.CodeAction && action.kind && fixAllKind.contains(action.kind) && action.edit) {
      edits.push(...action.edit.get(document.uri));
    }
  }
  return edits;
}

export async function fixAllCommand(): Promise<void> {
  const document = activeCheckedDocument();
  if (!document) {
    return;
  }
  const edits = await fixAllEdits(document);
  if (edits.length === 0) {
    void vscode.window.showInformationMessage(
      '本文档中没有可以自动修正的问题。需要人来判断的问题（如缺少的部分）请在“问题”面板中逐条查看。',
    );
    return;
  }
  const edit = new vscode.WorkspaceEdit();
  edit.set(document.uri, edits);
  if (await vscode.workspace.applyEdit(edit)) {
    vscode.window.setStatusBarMessage(`gwlint：已修正 ${edits.length} 处`, 5000);
  } else {
    void vscode.window.showWarningMessage('修正没有完成：文档在修正时被改动了。请稍后再试一次。');
  }
}

/**
 * Fix on save. Saves that auto-save makes while the user is typing are left
 * alone: rewriting text under the cursor mid-sentence would be a surprise.
 */
export function fixOnSave(event: vscode.TextDocumentWillSaveEvent, isChecked: (d: vscode.TextDocument) => boolean): void {
  const enabled = vscode.workspace.getConfiguration('gwlint', event.document).get<boolean>('fixOnSave', false);
  if (!enabled || !isChecked(event.document) || event.reason === vscode.TextDocumentSaveReason.AfterDelay) {
    return;
  }
  event.waitUntil(fixAllEdits(event.document));
}
