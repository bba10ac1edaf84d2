// Entry point: starts `gwlint lsp` for plain text and Markdown documents and
// adds the commands, the status bar item and fix-on-save around it.
import * as vscode from 'vscode';
import {
  CloseAction,
  DidChangeConfigurationNotification,
  ErrorAction,
  LanguageClient,
  type ErrorHandler,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { documentSelector, isChecked } from './documents';
import { explainRuleCommand } from './explain';
import { fixAllCommand, fixOnSave } from './fixAll';
import { showReportCommand } from './report';
import { findServer, ServerNotFound, type FoundServer } from './serverPath';
import { restartSettings, serverSettings } from './settings';
import { FindingsStatus } from './statusBar';
import { viewScheme, ViewDocuments } from './views';

const clientName = 'gwlint 公文检查';

let client: LanguageClient | undefined;
let server: FoundServer | undefined;
let output: vscode.LogOutputChannel | undefined;
let status: FindingsStatus | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  // One channel for the life of the extension, so a restart keeps earlier logs.
  output = vscode.window.createOutputChannel(clientName, { log: true });
  status = new FindingsStatus();
  const views = new ViewDocuments();
  context.subscriptions.push(
    output,
    status,
    vscode.workspace.registerTextDocumentContentProvider(viewScheme, views),
    vscode.commands.registerCommand('gwlint.fixAll', fixAllCommand),
    vscode.commands.registerCommand('gwlint.restartServer', () => restart(context, true)),
    vscode.commands.registerCommand('gwlint.explainRule', (rule?: unknown) => explainRuleCommand(server?.path, views, rule)),
    vscode.commands.registerCommand('gwlint.showReport', () => showReportCommand(client, views)),
    vscode.workspace.onWillSaveTextDocument((event) => fixOnSave(event, isChecked)),
    vscode.workspace.onDidChangeConfiguration((event) => onConfigurationChanged(context, event)),
  );
  await start(context);
}

export async function deactivate(): Promise<void> {
  await stop();
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const config = vscode.workspace.getConfiguration('gwlint');
  if (!config.get<boolean>('enable', true)) {
    status?.setProblem('公文检查已在设置“gwlint.enable”中关闭。');
    return;
  }
  try {
    server = findServer(config.get<string>('server.path', ''), context.extensionPath);
  } catch (error) {
    if (error instanceof ServerNotFound) {
      reportUnavailable(error.message);
      return;
    }
    throw error;
  }
  output?.info(`使用 gwlint 程序：${server.path}（${describeSource(server)}）`);
  const serverOptions: ServerOptions = { command: server.path, args: ['lsp'] };
  client = new LanguageClient('gwlint', clientName, serverOptions, clientOptions());
  try {
    await client.start();
    status?.setProblem(undefined);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    reportUnavailable(`gwlint 检查服务启动失败（${server.path}）：${detail}。请确认它是 gwlint 程序并支持 gwlint lsp 命令。`);
    await stop();
  }
}

function describeSource(found: FoundServer): string {
  switch (found.source) {
    case 'setting':
      return '来自设置 gwlint.server.path';
    case 'bundled':
      return '扩展自带';
    case 'path':
      return '来自 PATH';
  }
}

function clientOptions(): LanguageClientOptions {
  return {
    documentSelector,
    diagnosticCollectionName: 'gwlint',
    outputChannel: output,
    initializationOptions: { gwlint: serverSettings() },
    errorHandler: errorHandler(),
    middleware: {
      workspace: {
        // If the server asks for its settings, give it the same cleaned-up
        // object as initializationOptions, not the raw editor section.
        configuration: async (params, token, next) => {
          const defaults = await next(params, token);
          if (!Array.isArray(defaults)) {
            return defaults;
          }
          return params.items.map((item, i) =>
            item.section === 'gwlint'
              ? serverSettings(vscode.workspace.getConfiguration('gwlint', item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined))
              : defaults[i],
          );
        },
      },
    },
  };
}

/** Restarts a crashed server a few times, then stops and says so in Chinese. */
function errorHandler(): ErrorHandler {
  const restarts: number[] = [];
  return {
    error: () => ({ action: ErrorAction.Continue, handled: true }),
    closed: () => {
      const now = Date.now();
      restarts.push(now);
      while (restarts.length > 0 && now - restarts[0] > 3 * 60_000) {
        restarts.shift();
      }
      if (restarts.length <= 4) {
        return { action: CloseAction.Restart, handled: true };
      }
      const message = 'gwlint 检查服务在 3 分钟内意外退出了 5 次，已停止重启。请查看“输出”面板中的“gwlint 公文检查”，然后运行“gwlint: 重启检查服务”。';
      status?.setProblem(message);
      return { action: CloseAction.DoNotRestart, message };
    },
  };
}

function reportUnavailable(message: string): void {
  output?.error(message);
  status?.setProblem(message);
  void vscode.window.showErrorMessage(message, '打开设置', '查看输出').then((choice) => {
    if (choice === '打开设置') {
      void vscode.commands.executeCommand('workbench.action.openSettings', 'gwlint.server.path');
    } else if (choice === '查看输出') {
      output?.show();
    }
  });
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (running) {
    try {
      await running.stop();
    } catch {
      // Already dead: nothing to stop.
    }
  }
}

async function restart(context: vscode.ExtensionContext, announce: boolean): Promise<void> {
  await stop();
  await start(context);
  if (announce && client?.isRunning()) {
    vscode.window.setStatusBarMessage('gwlint 检查服务已重启', 3000);
  }
}

function onConfigurationChanged(context: vscode.ExtensionContext, event: vscode.ConfigurationChangeEvent): void {
  if (restartSettings.some((s) => event.affectsConfiguration(s))) {
    void restart(context, false);
  } else if (event.affectsConfiguration('gwlint') && client?.isRunning()) {
    void client.sendNotification(DidChangeConfigurationNotification.type, { settings: { gwlint: serverSettings() } });
  }
}
