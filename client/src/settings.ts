/** The extension's settings (editor behaviour only: what the letters must say lives in .foilintrc files). */
import * as vscode from 'vscode';
import type { DocumentSelector } from 'vscode-languageclient/node';

export type LintOn = 'type' | 'save';

export interface ClientSettings {
  enable: boolean;
  lintOn: LintOn;
  debounceMs?: number;
  documentSelector: string[];
}

/** The languages foilint lints: letters are written in Markdown or plain text. */
export const LETTER_LANGUAGES = ['markdown', 'plaintext'] as const;

export function readSettings(): ClientSettings {
  const c = vscode.workspace.getConfiguration('foilint');
  const lintOn = c.get<string>('lintOn') === 'save' ? 'save' : 'type';
  const debounceMs = c.get<number>('debounceMs');
  const globs = c.get<unknown>('documentSelector');
  return {
    enable: c.get<boolean>('enable', true),
    lintOn,
    debounceMs: typeof debounceMs === 'number' && debounceMs >= 0 ? debounceMs : undefined,
    documentSelector: Array.isArray(globs) ? globs.filter((g): g is string => typeof g === 'string' && g.trim() !== '') : [],
  };
}

/** Markdown and plain-text files on disk and unsaved ones, narrowed to the configured globs when
 * there are any. Other schemes are left out: VS Code also shows the extension documents such as
 * output channels and diff views, which are not letters. */
export function documentSelectorFor(settings: ClientSettings): DocumentSelector {
  if (!settings.documentSelector.length) {
    return LETTER_LANGUAGES.flatMap((language) => [
      { language, scheme: 'file' },
      { language, scheme: 'untitled' },
    ]);
  }
  // An unsaved letter has no path for a glob to match.
  return settings.documentSelector.flatMap((pattern) => LETTER_LANGUAGES.map((language) => ({ language, scheme: 'file', pattern })));
}

/** Settings whose change needs a new language client (the selector is fixed when it starts). */
export const RESTART_SETTINGS = ['foilint.enable', 'foilint.documentSelector'];
