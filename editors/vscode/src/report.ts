// "Outline and scorecard": the report's structure as the server sees it
// (document symbols) and its findings, as one Markdown page.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DocumentSymbol, LanguageClient } from 'vscode-languageclient/node';
import { activeCheckedDocument, gwlintDiagnostics, ruleOf } from './documents';
import { countBySeverity } from './statusBar';
import { showMarkdown, type ViewDocuments } from './views';

const severityNames: Record<number, string> = {
  [vscode.DiagnosticSeverity.Error]: '错误',
  [vscode.DiagnosticSeverity.Warning]: '警告',
  [vscode.DiagnosticSeverity.Information]: '提示',
  [vscode.DiagnosticSeverity.Hint]: '建议',
};

// Report text is prose, but a stray * or | would turn into Markdown.
function escape(text: string): string {
  return text.replace(/[\\`*_[\]<>|#]/g, (c) => `\\${c}`);
}

function outlineLines(symbols: DocumentSymbol[], depth: number, out: string[]): void {
  for (const s of symbols) {
    out.push(`${'  '.repeat(depth)}- ${escape(s.name)}（第 ${s.range.start.line + 1} 行）`);
    outlineLines(s.children ?? [], depth + 1, out);
  }
}

export function reportMarkdown(fileName: string, symbols: DocumentSymbol[], diagnostics: vscode.Diagnostic[]): string {
  const c = countBySeverity(diagnostics);
  const sorted = [...diagnostics].sort((a, b) => a.range.start.compareTo(b.range.start));
  const sections = sorted.filter((d) => ruleOf(d)?.startsWith('section.'));
  const out: string[] = [`# 报告概况：${escape(fileName)}`, '', '## 检查结果', ''];
  out.push('| 错误 | 警告 | 提示 | 建议 |', '|---|---|---|---|', `| ${c.error} | ${c.warning} | ${c.info} | ${c.hint} |`, '');
  out.push('## 必备部分', '');
  if (sections.length === 0) {
    out.push('必备部分齐全，顺序和内容没有发现问题。');
  } else {
    for (const d of sections) {
      out.push(`- **${severityNames[d.severity]}**　第 ${d.range.start.line + 1} 行：${escape(d.message)}`);
    }
  }
  out.push('', '## 提纲', '');
  if (symbols.length === 0) {
    out.push('没有识别出标题（如“一、”“（一）”开头的段落）。');
  } else {
    outlineLines(symbols, 0, out);
  }
  out.push('', '## 全部问题', '');
  if (sorted.length === 0) {
    out.push('没有发现问题。');
  }
  sorted.forEach((d, i) => {
    const rule = ruleOf(d);
    out.push(`${i + 1}. 第 ${d.range.start.line + 1} 行　${severityNames[d.severity]}：${escape(d.message)}${rule ? `（\`${rule}\`）` : ''}`);
  });
  out.push('');
  return out.join('\n');
}

export async function showReportCommand(client: LanguageClient | undefined, views: ViewDocuments): Promise<void> {
  const document = activeCheckedDocument();
  if (!document) {
    return;
  }
  if (!client?.isRunning()) {
    void vscode.window.showWarningMessage('gwlint 检查服务没有运行，无法生成报告概况。请运行“gwlint: 重启检查服务”。');
    return;
  }
  // Asked of gwlint directly: VS Code's own Markdown outline would mix in.
  const result = await client.sendRequest<DocumentSymbol[] | null>('textDocument/documentSymbol', {
    textDocument: { uri: client.code2ProtocolConverter.asUri(document.uri) },
  });
  const symbols = (result ?? []).filter((s): s is DocumentSymbol => 'range' in s);
  const name = path.basename(document.fileName);
  const uri = views.put(`报告概况-${name}.md`, reportMarkdown(name, symbols, gwlintDiagnostics(document.uri)));
  await showMarkdown(uri);
}
