// "Outline and scorecard": the report's scorecard as the server computes it
// (gwlint/scorecard, the one `gwlint check --format json` gives), its
// structure (document symbols) and its findings, as one Markdown page.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DocumentSymbol, LanguageClient } from 'vscode-languageclient/node';
import { activeCheckedDocument, gwlintDiagnostics, ruleOf } from './documents';
import { showMarkdown, type ViewDocuments } from './views';

/** The server's scorecard (`gwlint_rules::scorecard::Scorecard` in JSON); only what the page shows. */
export interface Scorecard {
  parts: { label: string; status: 'present' | 'missing' | 'out-of-order'; heading?: string; problems?: string[] }[];
  severity: { error: number; warning: number; info: number; hint: number };
  figures: { label: string; figures: number; characters: number; per_1000: number; minimum?: number } | null;
  title: ScorecardElement;
  addressee: ScorecardElement;
  signature: ScorecardElement;
  date: ScorecardElement;
}

interface ScorecardElement {
  present: boolean;
  text?: string;
}

const statusNames: Record<Scorecard['parts'][number]['status'], string> = {
  present: '有',
  missing: '缺',
  'out-of-order': '顺序不对',
};

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

export function reportMarkdown(
  fileName: string,
  card: Scorecard,
  symbols: DocumentSymbol[],
  diagnostics: vscode.Diagnostic[],
): string {
  const c = card.severity;
  const sorted = [...diagnostics].sort((a, b) => a.range.start.compareTo(b.range.start));
  const out: string[] = [`# 报告概况：${escape(fileName)}`, '', '## 检查结果', ''];
  out.push('| 错误 | 警告 | 提示 | 建议 |', '|---|---|---|---|', `| ${c.error} | ${c.warning} | ${c.info} | ${c.hint} |`, '');
  out.push('## 必备部分', '');
  if (card.parts.length === 0) {
    out.push('所用规则包没有规定必备部分。');
  } else {
    out.push('| 部分 | 情况 | 标题与问题 |', '|---|---|---|');
    for (const part of card.parts) {
      const notes = [part.heading, ...(part.problems ?? [])].filter((n): n is string => !!n).map(escape);
      out.push(`| ${escape(part.label)} | ${statusNames[part.status]} | ${notes.join('；')} |`);
    }
  }
  const element = (name: string, e: ScorecardElement) => `| ${name} | ${e.present ? escape(e.text ?? '有') : '缺'} |`;
  out.push('', '## 要素', '', '| 要素 | 内容 |', '|---|---|');
  out.push(element('标题', card.title), element('主送机关', card.addressee));
  out.push(element('落款', card.signature), element('成文日期', card.date));
  if (card.figures) {
    const f = card.figures;
    const minimum = f.minimum === undefined ? '' : `（至少 ${f.minimum}）`;
    out.push('', `“${escape(f.label)}”部分每千字 ${f.per_1000.toFixed(1)} 个数据${minimum}：${f.figures} 个数据，${f.characters} 字。`);
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
  const card = await client.sendRequest<Scorecard | null>('gwlint/scorecard', {
    uri: client.code2ProtocolConverter.asUri(document.uri),
  });
  if (!card) {
    void vscode.window.showWarningMessage('gwlint 检查服务还没有这份报告的检查结果，请稍后再试。');
    return;
  }
  const name = path.basename(document.fileName);
  const uri = views.put(`报告概况-${name}.md`, reportMarkdown(name, card, symbols, gwlintDiagnostics(document.uri)));
  await showMarkdown(uri);
}
