// The status bar item: the active report's findings by severity. Clicking it
// opens the Problems panel, where the findings are listed.
import * as vscode from 'vscode';
import { gwlintDiagnostics, isChecked } from './documents';

export interface Counts {
  error: number;
  warning: number;
  info: number;
  hint: number;
}

export function countBySeverity(diagnostics: readonly vscode.Diagnostic[]): Counts {
  const counts: Counts = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const d of diagnostics) {
    switch (d.severity) {
      case vscode.DiagnosticSeverity.Error:
        counts.error++;
        break;
      case vscode.DiagnosticSeverity.Warning:
        counts.warning++;
        break;
      case vscode.DiagnosticSeverity.Information:
        counts.info++;
        break;
      case vscode.DiagnosticSeverity.Hint:
        counts.hint++;
        break;
    }
  }
  return counts;
}

export class FindingsStatus implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly subscriptions: vscode.Disposable[];
  /** Set while the server cannot run: the item then says so instead of counting. */
  private problem: string | undefined;

  constructor() {
    this.item = vscode.window.createStatusBarItem('gwlint.findings', vscode.StatusBarAlignment.Left, 50);
    this.item.name = 'gwlint 公文检查结果';
    this.subscriptions = [
      vscode.languages.onDidChangeDiagnostics(() => this.update()),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
    ];
    this.update();
  }

  setProblem(message: string | undefined): void {
    this.problem = message;
    this.update();
  }

  update(): void {
    const document = vscode.window.activeTextEditor?.document;
    if (!document || !isChecked(document)) {
      this.item.hide();
      return;
    }
    if (this.problem !== undefined) {
      this.item.text = '$(warning) 公文检查未运行';
      this.item.tooltip = `${this.problem}\n\n点击打开 gwlint 设置。`;
      this.item.command = { title: '打开设置', command: 'workbench.action.openSettings', arguments: ['gwlint'] };
      this.item.accessibilityInformation = { label: '公文检查未运行', role: 'button' };
      this.item.show();
      return;
    }
    const c = countBySeverity(gwlintDiagnostics(document.uri));
    const hints = c.info + c.hint;
    this.item.text =
      c.error + c.warning + hints === 0
        ? '$(check) 公文检查：未发现问题'
        : `公文检查 $(error) ${c.error} $(warning) ${c.warning} $(info) ${hints}`;
    this.item.tooltip =
      `gwlint 在本文档中发现：错误 ${c.error} 处，警告 ${c.warning} 处，提示 ${c.info} 处，建议 ${c.hint} 处。\n` +
      '点击打开“问题”面板查看每一处。';
    // Screen readers (and the end-to-end test) read this instead of the icons.
    this.item.accessibilityInformation = {
      label: `公文检查：错误 ${c.error} 处，警告 ${c.warning} 处，提示 ${hints} 处`,
      role: 'button',
    };
    this.item.command = 'workbench.actions.view.problems';
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
    for (const s of this.subscriptions) {
      s.dispose();
    }
  }
}
