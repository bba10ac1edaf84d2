// Which documents gwlint checks, and small helpers about them.
import * as vscode from 'vscode';

/** What the server is given: plain text and Markdown on disk or not yet saved. */
// Plain objects, so that both VS Code and the language client accept them.
export const documentSelector: { scheme: string; language: string }[] = [
  { scheme: 'file', language: 'plaintext' },
  { scheme: 'file', language: 'markdown' },
  { scheme: 'untitled', language: 'plaintext' },
  { scheme: 'untitled', language: 'markdown' },
];

export function isChecked(document: vscode.TextDocument): boolean {
  return vscode.languages.match(documentSelector, document) > 0;
}

/** The findings gwlint published for a document (other extensions' are left out). */
export function gwlintDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'gwlint');
}

/** A diagnostic's rule id: the server sends it as the diagnostic code. */
export function ruleOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (typeof code === 'string') {
    return code;
  }
  if (typeof code === 'object' && code !== null && typeof code.value === 'string') {
    return code.value;
  }
  return undefined;
}

/** The document the user is working on, or a message saying what to open. */
export function activeCheckedDocument(): vscode.TextDocument | undefined {
  const document = vscode.window.activeTextEditor?.document;
  if (document && isChecked(document)) {
    return document;
  }
  void vscode.window.showInformationMessage('请先打开要检查的报告（纯文本 .txt 或 Markdown .md 文档），再运行此命令。');
  return undefined;
}

/** Where to run the command-line tool for a document, so that its gwlint.toml is found. */
export function workingFolder(document: vscode.TextDocument | undefined): string | undefined {
  if (document?.uri.scheme === 'file') {
    return vscode.Uri.joinPath(document.uri, '..').fsPath;
  }
  return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
}
