// Finding the gwlint binary. Kept free of the `vscode` module so the order of
// the search is plain to read: the user's setting, then the binary bundled in
// the extension, then PATH.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export type ServerSource = 'setting' | 'bundled' | 'path';

export interface FoundServer {
  path: string;
  source: ServerSource;
}

/** Why no server was found, in words for the user. */
export class ServerNotFound extends Error {}

const exeName = process.platform === 'win32' ? 'gwlint.exe' : 'gwlint';

/** The path the bundled binary has inside the extension. */
export function bundledServerPath(extensionPath: string): string {
  return path.join(extensionPath, 'server', exeName);
}

/**
 * Resolves the server. `configured` is the `gwlint.server.path` setting:
 * when set it must work, because silently falling back to another binary
 * would hide the user's mistake.
 */
export function findServer(configured: string, extensionPath: string, envPath = process.env.PATH ?? ''): FoundServer {
  const setting = configured.trim();
  if (setting !== '') {
    const expanded = expandHome(setting);
    if (isExecutable(expanded)) {
      return { path: expanded, source: 'setting' };
    }
    throw new ServerNotFound(
      `设置“gwlint.server.path”指向的“${setting}”不存在或不是可执行程序。请改为 gwlint 程序的完整路径，或清空此设置以使用扩展自带的程序。`,
    );
  }
  const bundled = bundledServerPath(extensionPath);
  if (fs.existsSync(bundled)) {
    ensureExecutable(bundled);
    if (isExecutable(bundled)) {
      return { path: bundled, source: 'bundled' };
    }
  }
  for (const dir of envPath.split(path.delimiter)) {
    if (dir === '') {
      continue;
    }
    const candidate = path.join(dir, exeName);
    if (isExecutable(candidate)) {
      return { path: candidate, source: 'path' };
    }
  }
  throw new ServerNotFound(
    '找不到 gwlint 程序，公文检查无法运行。获取方法：安装带有 gwlint 程序的扩展安装包（gwlint-linux-x64.vsix）；' +
      '或在 gwlint 源代码目录中运行 cargo build --release -p gwlint，得到 target/release/gwlint。' +
      '然后在设置“gwlint.server.path”中填写它的完整路径，或把它放到 PATH 中的文件夹里。',
  );
}

function expandHome(p: string): string {
  return p === '~' || p.startsWith('~/') ? path.join(os.homedir(), p.slice(1)) : p;
}

function isExecutable(p: string): boolean {
  try {
    if (!fs.statSync(p).isFile()) {
      return false;
    }
    fs.accessSync(p, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

// Some ways of unpacking a .vsix drop the executable bit; restore it rather
// than telling the user the bundled program is missing.
function ensureExecutable(p: string): void {
  if (process.platform === 'win32' || isExecutable(p)) {
    return;
  }
  try {
    fs.chmodSync(p, 0o755);
  } catch {
    // Read-only install: the PATH search below is the fallback.
  }
}
