// "Explain a rule": the rule under the cursor, or one picked from the list,
// explained by `gwlint explain` (why, the source it rests on, examples).
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { gwlintDiagnostics, isChecked, ruleOf, workingFolder } from './documents';
import type { ViewDocuments } from './views';

function run(program: string, args: string[], cwd: string | undefined): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(program, args, { cwd, maxBuffer: 8 * 1024 * 1024, timeout: 20_000 }, (error, stdout, stderr) => {
      if (error) {
        reject(new Error(stderr.trim() || error.message));
      } else {
        resolve(stdout);
      }
    });
  });
}

/** `--rules` for each extra pack the settings add, so the CLI sees the same rules as the editor. */
function packArgs(): string[] {
  const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const packs = vscode.workspace.getConfiguration('gwlint').get<string[]>('rules', []);
  return packs.flatMap((p) => ['--rules', root && !path.isAbsolute(p) ? path.join(root, p) : p]);
}

function ruleAtCursor(): string | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !isChecked(editor.document)) {
    return undefined;
  }
  const here = editor.selection.active;
  const found = gwlintDiagnostics(editor.document.uri).find((d) => d.range.contains(here));
  return found ? ruleOf(found) : undefined;
}

/** Lines of `gwlint rules`: id, kind, severity and message, separated by runs of spaces. */
export function parseRules(listing: string): vscode.QuickPickItem[] {
  return listing
    .split('\n')
    .map((line) => line.trim().split(/\s{2,}/))
    .filter((cols) => cols.length >= 4)
    .map(([id, kind, severity, ...message]) => ({ label: id, description: `${kind} · ${severity}`, detail: message.join('  ') }));
}

export async function explainRuleCommand(server: string | undefined, views: ViewDocuments, given?: unknown): Promise<void> {
  if (!server) {
    void vscode.window.showErrorMessage('找不到 gwlint 程序，无法解释规则。请先按提示设置“gwlint.server.path”。');
    return;
  }
  const cwd = workingFolder(vscode.window.activeTextEditor?.document);
  try {
    let rule = typeof given === 'string' ? given : ruleAtCursor();
    if (!rule) {
      const items = parseRules(await run(server, ['rules', ...packArgs()], cwd));
      const picked = await vscode.window.showQuickPick(items, {
        title: '解释规则',
        placeHolder: '选择要解释的规则（可输入规则编号或说明中的文字筛选）',
        matchOnDescription: true,
        matchOnDetail: true,
      });
      rule = picked?.label;
    }
    if (!rule) {
      return;
    }
    const text = await run(server, ['explain', rule, ...packArgs()], cwd);
    const uri = views.put(`规则说明-${rule}.txt`, text);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: true });
  } catch (error) {
    void vscode.window.showErrorMessage(`无法解释规则：${error instanceof Error ? error.message : String(error)}`);
  }
}
