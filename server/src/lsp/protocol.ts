/** What foilint's language server and its clients agree on beyond the LSP itself: command ids,
 * the code-action kind for fix-on-save, the status notification and the settings. */
import { NotificationType } from 'vscode-languageserver/node';

/** Applies every safe fix to a letter (args: [uri]); the server answers with workspace/applyEdit. */
export const APPLY_FIX_ALL_COMMAND = 'foilint.applyFixAll';
/** Opens a rule's docs page (args: [docs URI]). The VS Code client implements it; for other
 * editors the server asks the client to show the page (window/showDocument). */
export const OPEN_DOCS_COMMAND = 'foilint.openDocs';
/** The kind `editor.codeActionsOnSave` asks for: safe fixes only. */
export const FIX_ALL_KIND = 'source.fixAll.foilint';

/** Sent after each lint, for the client's language status item. */
export interface StatusParams {
  uri: string;
  /** The nearest config file that applies, when there is one. */
  configFile?: string;
  /** The regime the letter is held to (foia, eir, foisa, eir-scotland). */
  regime?: string;
  lintMs: number;
  problems: number;
}
export const StatusNotification = new NotificationType<StatusParams>('foilint/status');

/** Editor behaviour only: rules and severities come from `.foilintrc.*` files. */
export interface Settings {
  /** Lint as the user types (default) or only when the letter is opened or saved. */
  lintOn: 'type' | 'save';
  /** Wait this long after the last edit before linting. Unset: lint at once when idle and
   * coalesce bursts of edits (the lowest latency). */
  debounceMs?: number;
}

export const DEFAULT_SETTINGS: Settings = { lintOn: 'type' };

/** Reads settings from initialization options or a `foilint` configuration section, keeping
 * defaults for anything missing or malformed. */
export function readSettings(value: unknown, base: Settings = DEFAULT_SETTINGS): Settings {
  if (!value || typeof value !== 'object') return { ...base };
  const v = value as Record<string, unknown>;
  const lintOn = v.lintOn === 'save' || v.lintOn === 'type' ? v.lintOn : base.lintOn;
  const debounce = v.debounceMs;
  const debounceMs = typeof debounce === 'number' && Number.isFinite(debounce) && debounce >= 0 ? Math.min(debounce, 10_000) : debounce === null ? undefined : base.debounceMs;
  return { lintOn, ...(debounceMs !== undefined ? { debounceMs } : {}) };
}
