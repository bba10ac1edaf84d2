// The settings the server understands, built from the `gwlint.*`
// configuration. The server takes the field names of gwlint.toml plus
// `debounceMs`; editor-only settings (enable, server.path, fixOnSave, trace)
// are not sent.
import * as vscode from 'vscode';

export type SeverityName = 'error' | 'warning' | 'info' | 'hint';

export interface ServerSettings {
  builtin?: string[];
  rules: string[];
  profile?: string;
  disable: string[];
  severity: Record<string, SeverityName>;
  allow: string[];
  debounceMs: number;
}

export function serverSettings(config: vscode.WorkspaceConfiguration = vscode.workspace.getConfiguration('gwlint')): ServerSettings {
  const settings: ServerSettings = {
    rules: config.get<string[]>('rules', []),
    disable: config.get<string[]>('disable', []),
    severity: config.get<Record<string, SeverityName>>('severity', {}),
    allow: config.get<string[]>('allow', []),
    debounceMs: config.get<number>('debounceMs', 150),
  };
  const builtin = config.get<string[] | null>('builtin', null);
  if (Array.isArray(builtin)) {
    settings.builtin = builtin;
  }
  // An empty profile means "as gwlint.toml says"; sending "" would be an error.
  const profile = config.get<string>('profile', '');
  if (profile !== '') {
    settings.profile = profile;
  }
  return settings;
}

/** Settings whose change needs a new server process rather than a notification. */
export const restartSettings = ['gwlint.enable', 'gwlint.server.path'];
