// End-to-end test: the packaged extension in real VS Code (code-server),
// driven through Debian's Chromium the way a writer would use it.
//
// Run by scripts/e2e.sh, which provides (environment):
//   GWLINT_E2E_NODE         Node 24, to run code-server
//   GWLINT_E2E_CODE_SERVER  code-server's out/node/entry.js
//   GWLINT_E2E_VSIX         the packaged extension
//   GWLINT_BIN              the gwlint binary, for the expected findings
// The expected findings come from `gwlint check --format json` on the same
// report, so the test follows the rules as they change.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, before, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..', '..');
const outputDir = join(here, '..', 'test-output');
const corpus = process.env.GWLINT_CORPUS ?? resolve(repo, '..', 'shared', 'corpus');
const reportName = '关于2023年度法治政府建设情况的报告.txt';
const timeout = 60_000;

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run this test through editors/vscode/scripts/e2e.sh`);
  }
  return value;
}

interface Fix {
  title: string;
  safe: boolean;
  edits: { start_byte: number; end_byte: number; replacement: string }[];
}
interface Finding {
  rule: string;
  severity: 'error' | 'warning' | 'info' | 'hint';
  message: string;
  line: number;
  text: string;
  fixes: Fix[];
  related: unknown[];
}

function findingsOf(file: string): Finding[] {
  // Exit code 1 only means "some error-level finding".
  let stdout: string;
  try {
    stdout = execFileSync(required('GWLINT_BIN'), ['check', '--format', 'json', file], { encoding: 'utf8' });
  } catch (error) {
    stdout = (error as { stdout?: string }).stdout ?? '';
  }
  return JSON.parse(stdout).files[0].findings as Finding[];
}

const safeFix = (f: Finding): Fix | undefined => f.fixes.find((x) => x.safe);

/** The finding to hover and quick-fix: a typo if there is one (the clearest example), else the first safe fix. */
const targetOf = (fixable: Finding[]): Finding => fixable.find((f) => f.rule.startsWith('typo.')) ?? fixable[0];

/**
 * A corpus report good for the test: at least two safe fixes (one for the
 * quick fix, the rest for "fix all"), and a first one whose text occurs once,
 * so that "the text changed" can be read off the page.
 */
function pickReport(): { source: string; findings: Finding[] } {
  for (const name of readdirSync(corpus).filter((n) => n.endsWith('.txt')).sort()) {
    const source = join(corpus, name);
    const findings = findingsOf(source);
    const fixable = findings.filter(safeFix);
    const text = readFileSync(source, 'utf8');
    const unique = (f: Finding) => text.split(f.text).length === 2 && findings.filter((g) => g.message === f.message).length === 1;
    if (fixable.length >= 2 && unique(targetOf(fixable))) {
      return { source, findings };
    }
  }
  throw new Error(`no report in ${corpus} has two safe fixes`);
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitForHttp(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`code-server exited with ${child.exitCode}:\n${log()}`);
    }
    try {
      if ((await fetch(url)).ok) {
        return;
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`code-server did not answer at ${url}:\n${log()}`);
}

let work: string;
let codeServer: ChildProcess | undefined;
let serverLog = '';
let context: BrowserContext | undefined;
let page: Page;
let report: { source: string; findings: Finding[] };

before(async () => {
  report = pickReport();
  work = mkdtempSync(join(tmpdir(), 'gwlint-vscode-e2e-'));
  mkdirSync(outputDir, { recursive: true });
  const workspace = join(work, 'workspace');
  const userData = join(work, 'user-data');
  const extensions = join(work, 'extensions');
  mkdirSync(workspace);
  mkdirSync(join(userData, 'User'), { recursive: true });
  copyFileSync(report.source, join(workspace, reportName));
  // A quiet workbench: no welcome page, no chat side bar, no trust prompt.
  writeFileSync(
    join(userData, 'User', 'settings.json'),
    JSON.stringify({
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
      'workbench.colorTheme': 'Default Light Modern',
      'chat.disableAIFeatures': true,
      'security.workspace.trust.enabled': false,
      'telemetry.telemetryLevel': 'off',
      'update.mode': 'none',
      'extensions.autoUpdate': false,
      'extensions.autoCheckUpdates': false,
      'git.enabled': false,
      'editor.wordWrap': 'on',
      'editor.minimap.enabled': false,
      'editor.fontFamily': "'Noto Sans Mono CJK SC', monospace",
      'window.commandCenter': false,
    }),
  );
  const node = required('GWLINT_E2E_NODE');
  const entry = required('GWLINT_E2E_CODE_SERVER');
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: join(work, 'config'),
    XDG_DATA_HOME: join(work, 'data'),
  };
  const common = ['--user-data-dir', userData, '--extensions-dir', extensions, '--config', join(work, 'config.yaml')];
  execFileSync(node, [entry, ...common, '--install-extension', required('GWLINT_E2E_VSIX')], { env, stdio: 'inherit' });

  const port = await freePort();
  // Its own process group: code-server leaves children (extension host, gwlint)
  // that must be stopped with it.
  codeServer = spawn(
    node,
    [
      entry, ...common,
      '--bind-addr', `127.0.0.1:${port}`,
      '--auth', 'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
      workspace,
    ],
    { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  codeServer.stdout?.on('data', (d) => (serverLog += d));
  codeServer.stderr?.on('data', (d) => (serverLog += d));
  await waitForHttp(`http://127.0.0.1:${port}/healthz`, codeServer, () => serverLog);

  context = await chromium.launchPersistentContext(join(work, 'chromium'), {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  context.setDefaultTimeout(timeout);
  page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
});

after(async () => {
  await context?.close().catch(() => undefined);
  if (codeServer?.pid !== undefined && codeServer.exitCode === null) {
    const group = -codeServer.pid;
    process.kill(group, 'SIGTERM');
    const exited = await Promise.race([
      new Promise<boolean>((r) => codeServer?.once('exit', () => r(true))),
      new Promise<boolean>((r) => setTimeout(() => r(false), 10_000)),
    ]);
    if (!exited) {
      process.kill(group, 'SIGKILL');
    }
    // Children may outlive the leader; the group is gone once nothing answers.
    try {
      process.kill(group, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  if (work) {
    rmSync(work, { recursive: true, force: true });
  }
});

// --- the page, as a user sees it ------------------------------------------

const problemsRows = () => page.locator('.markers-panel .monaco-list-row');
const problemRow = (message: string) => problemsRows().filter({ hasText: message });
/**
 * Double-clicks a problem on its message, which puts the editor's cursor on
 * the finding. (The middle of the row may be the rule's documentation link.)
 */
async function openProblem(finding: Finding): Promise<void> {
  await problemRow(finding.message).first().dblclick({ position: { x: 90, y: 10 } });
  // The editor takes the focus a moment later; a command palette opened
  // before that would close again when it does.
  await page.locator('.monaco-editor.focused').first().waitFor({ state: 'visible' });
  await page.locator('.statusbar-item', { hasText: new RegExp(`^Ln ${finding.line}, Col`) }).first().waitFor({ state: 'visible' });
}
const editorText = () => page.locator('.monaco-editor .view-lines').first();
const statusItem = () => page.locator('.statusbar-item [aria-label^="公文检查"], .statusbar-item[aria-label^="公文检查"]').first();

/** What the status bar item says (to screen readers) for these findings. */
function statusLabel(findings: Finding[]): string {
  const n = (...severities: string[]) => findings.filter((f) => severities.includes(f.severity)).length;
  return `公文检查：错误 ${n('error')} 处，警告 ${n('warning')} 处，提示 ${n('info', 'hint')} 处`;
}

async function waitForStatus(findings: Finding[]): Promise<void> {
  await page.locator(`[aria-label="${statusLabel(findings)}"]`).first().waitFor({ state: 'visible' });
}

/** The report's text with these edits applied (byte offsets, as gwlint gives them). */
function applyEdits(text: Buffer, edits: Fix['edits']): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start_byte - a.start_byte)) {
    out = Buffer.concat([out.subarray(0, e.start_byte), Buffer.from(e.replacement), out.subarray(e.end_byte)]);
  }
  return out.toString('utf8');
}

/** Saves the editor and waits until the file on disk reads `expected`. */
async function saveAndExpect(expected: string, what: string): Promise<void> {
  await page.keyboard.press('Control+s');
  const file = join(work, 'workspace', reportName);
  const deadline = Date.now() + timeout;
  let actual = '';
  while (Date.now() < deadline) {
    actual = readFileSync(file, 'utf8');
    if (actual === expected) {
      return;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.equal(actual, expected, `${what}: the saved report differs`);
}

/** Maximizes the bottom panel, or restores it. */
async function togglePanelSize(): Promise<void> {
  await runCommand('Toggle Maximized Panel');
}

/** Waits for text inside a webview (such as the Markdown preview), which lives in nested frames. */
async function waitForFrameText(text: string): Promise<void> {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      if ((await frame.locator('body', { hasText: text }).count().catch(() => 0)) > 0) {
        return;
      }
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no webview shows “${text}”`);
}

async function runCommand(title: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  const item = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  const deadline = Date.now() + timeout;
  // If something takes the focus while the palette opens, the palette closes:
  // open it again until the command is listed.
  for (;;) {
    try {
      await page.keyboard.press('F1');
      await input.fill(`>${title}`, { timeout: 5_000 });
      await item.waitFor({ state: 'visible', timeout: 5_000 });
      break;
    } catch (error) {
      if (Date.now() > deadline) {
        throw error;
      }
      await page.keyboard.press('Escape');
    }
  }
  await page.keyboard.press('Enter');
}

/** A step of the test; when it fails, the page is kept as failure-<n>.png to see why. */
async function step(t: TestContext, name: string, body: () => Promise<void>): Promise<void> {
  await t.test(name, async () => {
    try {
      await body();
    } catch (error) {
      const shot = join(outputDir, `failure-${name.slice(0, 12)}.png`);
      await page.screenshot({ path: shot }).catch(() => undefined);
      throw new Error(`${error instanceof Error ? error.message : String(error)}\n(screenshot: ${shot})`, { cause: error });
    }
  });
}

// --- the test ----------------------------------------------------------------

test('a report in VS Code: findings, hover, quick fix, fix all', async (t) => {
  const findings = report.findings;
  const fixable = findings.filter(safeFix);
  const target = targetOf(fixable);
  const targetFix = safeFix(target)!;
  t.diagnostic(`report ${report.source}: ${findings.length} findings, ${fixable.length} with a safe fix`);

  await step(t, 'opening the report from the Explorer lists its findings in the Problems panel', async () => {
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: reportName }).click();
    await editorText().filter({ hasText: '法治政府建设' }).waitFor({ state: 'visible' });
    // The status bar item counts the findings; clicking it opens the Problems panel.
    await waitForStatus(findings);
    await statusItem().click();
    await page.locator('.markers-panel').waitFor({ state: 'visible' });
    // VS Code lists every finding but hints (those only get dots in the text).
    const listed = findings.filter((f) => f.severity !== 'hint');
    const fileRow = problemsRows().filter({ hasText: reportName }).first();
    await fileRow.locator('.monaco-count-badge', { hasText: new RegExp(`^${listed.length}$`) }).waitFor({ state: 'visible' });
    // The list only draws the rows in view: make the panel tall while reading it.
    await togglePanelSize();
    try {
      for (const f of listed) {
        await problemRow(f.message).first().waitFor({ state: 'visible' });
      }
    } finally {
      await togglePanelSize();
    }
  });

  await step(t, 'hovering a finding shows the rule explanation', async () => {
    // Double-click the problem: the editor puts the cursor at its start.
    await openProblem(target);
    const cursor = page.locator('.monaco-editor .cursor').first();
    await cursor.waitFor({ state: 'visible' });
    const box = (await cursor.boundingBox())!;
    await page.mouse.move(box.x + 10, box.y + box.height / 2);
    const hover = page.locator('.monaco-hover').filter({ hasText: target.rule }).first();
    await hover.waitFor({ state: 'visible' });
    const explanation = explainParagraph(target.rule);
    await page.locator('.monaco-hover', { hasText: explanation.slice(0, 12) }).first().waitFor({ state: 'visible' });
    await page.screenshot({ path: join(outputDir, 'vscode-findings.png') });
  });

  await step(t, 'a quick fix changes the text and the finding goes', async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+.');
    const item = page.locator('.action-widget .monaco-list-row', { hasText: targetFix.title }).first();
    await item.waitFor({ state: 'visible' });
    await item.click();
    // The finding goes from the Problems panel and the status bar count...
    await problemRow(target.message).waitFor({ state: 'detached' });
    await waitForStatus(findings.filter((f) => f !== target));
    // ...and the text is exactly the original with the fix's edits. (Read
    // from the saved file: on screen, wrapping may split the words.)
    await saveAndExpect(applyEdits(readFileSync(report.source), targetFix.edits), 'quick fix');
  });

  await step(t, '"fix all" applies every other safe fix', async () => {
    await runCommand('修正本文档中所有可安全修正的问题');
    const remaining = findings.filter((f) => !safeFix(f));
    await waitForStatus(remaining);
    for (const f of fixable) {
      // The Problems panel redraws a moment after the status bar counts: give each row time to go.
      await problemRow(f.message).first().waitFor({ state: 'detached', timeout: 15_000 }).catch(() => undefined);
      assert.equal(await problemRow(f.message).count(), 0, `still listed: ${f.message}`);
    }
    for (const f of remaining) {
      await problemRow(f.message).first().waitFor({ state: 'visible' });
    }
    const allEdits = fixable.flatMap((f) => safeFix(f)!.edits);
    await saveAndExpect(applyEdits(readFileSync(report.source), allEdits), 'fix all');
    await page.screenshot({ path: join(outputDir, 'vscode-after-fix-all.png') });
  });

  await step(t, 'the commands explain a rule and show the outline and scorecard', async () => {
    // A finding left after "fix all" that has no related places (a row with
    // those expands on double-click instead of moving the cursor).
    const finding = findings.find((f) => !safeFix(f) && f.severity !== 'hint' && f.related.length === 0);
    assert.ok(finding, 'a finding is left after "fix all"');
    // With the cursor on a finding, "explain" explains its rule.
    await openProblem(finding);
    await runCommand('解释规则');
    await page.locator('.tabs-container .tab', { hasText: `规则说明-${finding.rule}` }).waitFor({ state: 'visible' });
    await editorText().filter({ hasText: explainParagraph(finding.rule).slice(0, 8) }).waitFor({ state: 'visible' });
    // The outline and scorecard of the report, rendered as Markdown.
    await page.locator('.tabs-container .tab', { hasText: reportName }).click();
    await runCommand('显示报告提纲与检查概况');
    await page.locator('.tabs-container .tab', { hasText: '报告概况' }).waitFor({ state: 'visible' });
    await waitForFrameText('必备部分');
    await waitForFrameText(finding.message.slice(0, 10));
    await page.screenshot({ path: join(outputDir, 'vscode-scorecard.png') });
  });
});

/** The explanation paragraph of `gwlint explain RULE` (its fourth line): what the hover must show. */
function explainParagraph(rule: string): string {
  const lines = execFileSync(required('GWLINT_BIN'), ['explain', rule], { encoding: 'utf8' }).split('\n');
  const paragraph = lines.slice(2).find((l) => l.trim() !== '');
  assert.ok(paragraph, `gwlint explain ${rule} printed no explanation`);
  return paragraph.trim();
}
