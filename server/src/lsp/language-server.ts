/** foilint's language server: lints the open letters as they change (the unsaved text, with the
 * config the CLI would use), publishes diagnostics and answers code actions, hover, outline and
 * the fix-all command. Handlers never throw: an error is logged and answered with an empty result. */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lint } from '../engine/index.js';
import { CONFIG_FILE_NAMES } from '../host/config.js';
import { packageRoot } from '../host/package-root.js';
import { Analyzer, type DocumentPlace } from './analysis.js';
import { codeActions, fixAllEdits, resolveCodeAction, type ActionOptions } from './code-actions.js';
import { ConfigResolver, pathInFolder } from './config-resolver.js';
import { configDiagnostic, toDiagnostic } from './diagnostics.js';
import { workspaceEdit } from './edits.js';
import { hover } from './hover.js';
import { APPLY_FIX_ALL_COMMAND, DEFAULT_SETTINGS, FIX_ALL_KIND, OPEN_DOCS_COMMAND, readSettings, StatusNotification, type Settings } from './protocol.js';
import { LintScheduler } from './scheduler.js';
import { oversize, tooLargeDiagnostic } from './size-limit.js';
import { documentSymbols } from './symbols.js';

/** The glob the server asks the client to watch: every config file name. */
export const CONFIG_GLOB = '**/.foilintrc{,.json,.jsonc,.yaml,.yml}';

const WARM_UP_LETTER = `22 March 2023
Our ref: FOI-1

Dear Sir,

Thank you for your request received on 1 March 2023 for the following information:

1. How many staff do you employ?

Response

We hold this information. 1. How many staff do you employ? 40.

Your rights

You may ask for an internal review within 40 working days.

Yours sincerely
`;

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  let settings: Settings = DEFAULT_SETTINGS;
  let folders: string[] = [];
  const options: ActionOptions = { versioned: false, lazyEdits: false };
  const client = { watchRegistration: false, configRegistration: false, pullConfig: false, showDocument: false, workspaceFolders: false };

  const log = {
    warn: (m: string) => connection.console.warn(m),
    error: (m: string) => connection.console.error(m),
  };
  const resolver = new ConfigResolver(log);
  const placeOf = (uri: string): DocumentPlace => {
    if (uri.startsWith('file:')) {
      try {
        const path = fileURLToPath(uri);
        return { path, configPath: path };
      } catch {
        // A file URI node cannot map (another host's UNC path): lint it as untitled.
      }
    }
    return { configPath: folders[0] ? pathInFolder(folders[0]) : undefined };
  };
  const analyzer = new Analyzer(resolver, placeOf);
  const scheduler = new LintScheduler(
    (uri) => lintAndPublish(uri),
    () => settings.debounceMs,
  );

  /** Runs a handler; an exception is logged and answered with `fallback`. */
  function guard<P extends unknown[], R>(name: string, fallback: R, handler: (...args: P) => R): (...args: P) => R {
    return (...args: P) => {
      try {
        return handler(...args);
      } catch (err) {
        log.error(`foilint: ${name} failed: ${(err as Error)?.stack ?? err}`);
        return fallback;
      }
    };
  }

  const isConfigFile = (uri: string) => CONFIG_FILE_NAMES.includes(basename(decodeOrKeep(uri.split(/[?#]/)[0])));

  // ── diagnostics ────────────────────────────────────────────────────────────────────────────
  const publishedProblems = new Map<string, string>();
  let problemsSeen = '';

  /** Publishes a diagnostic on each config file that cannot be used and clears the ones fixed. */
  function syncConfigProblems(): void {
    const current = new Map<string, string>();
    for (const problem of resolver.problems.values()) {
      const uri = pathToFileURL(problem.file).href;
      const diagnostic = configDiagnostic(problem);
      current.set(uri, JSON.stringify(diagnostic));
      if (publishedProblems.get(uri) !== current.get(uri)) connection.sendDiagnostics({ uri, diagnostics: [diagnostic] });
    }
    for (const uri of publishedProblems.keys()) if (!current.has(uri)) connection.sendDiagnostics({ uri, diagnostics: [] });
    publishedProblems.clear();
    for (const [uri, json] of current) publishedProblems.set(uri, json);
    problemsSeen = [...current.keys()].sort().join('\n');
  }

  function lintAndPublish(uri: string): void {
    const doc = documents.get(uri);
    if (!doc || isConfigFile(uri)) return;
    const bytes = oversize(doc);
    if (bytes !== undefined) {
      analyzer.forget(uri);
      connection.sendDiagnostics({ uri, version: doc.version, diagnostics: [tooLargeDiagnostic(doc, bytes)] });
      return;
    }
    let analysis;
    try {
      analysis = analyzer.get(doc);
    } catch (err) {
      log.error(`foilint: linting ${uri} failed: ${(err as Error)?.stack ?? err}`);
      return;
    }
    const problems = [...resolver.problems.keys()].map((f) => pathToFileURL(f).href).sort();
    if (problems.join('\n') !== problemsSeen) {
      // A config that was broken loaded fine for this letter: it was fixed, and letters whose
      // config was read while it was broken must be read again.
      if (problemsSeen.split('\n').some((u) => u && !problems.includes(u))) return reloadConfig();
      syncConfigProblems();
    }
    // A result for a version the editor no longer has is dropped.
    if (documents.get(uri)?.version !== analysis.version) return;
    const diagnostics = analysis.findings.map((f) => toDiagnostic(doc, analysis.version, f));
    connection.sendDiagnostics({ uri, version: analysis.version, diagnostics });
    const done = analysis;
    // The status needs the letter model (the regime); it goes out after the diagnostics, and
    // not at all when a newer version is already waiting.
    setImmediate(() => {
      if (scheduler.pending(uri) || documents.get(uri)?.version !== done.version) return;
      guard('status', undefined, () => {
        const regime = done.ignored ? undefined : done.letter().regime.regime;
        const configFile = done.resolution.error?.file ?? done.resolution.files[done.resolution.files.length - 1];
        connection.sendNotification(StatusNotification, { uri, ...(configFile ? { configFile } : {}), ...(regime ? { regime } : {}), lintMs: Math.round(done.lintMs * 100) / 100, problems: done.findings.length });
      })();
    });
  }

  /** Config files changed: read them again and lint every open letter. */
  function reloadConfig(): void {
    resolver.reload();
    analyzer.clear();
    for (const doc of documents.all()) {
      if (isConfigFile(doc.uri)) continue;
      guard('config reload', undefined, () => resolver.resolve(placeOf(doc.uri).configPath))();
    }
    syncConfigProblems();
    for (const doc of documents.all()) scheduler.soon(doc.uri);
  }

  /** Editors that do not report file changes: notice a config edited, added or removed when a
   * letter is opened or saved. */
  function checkConfigFresh(uri: string): void {
    if (resolver.isStale(placeOf(uri).configPath)) reloadConfig();
  }

  // ── lifecycle ──────────────────────────────────────────────────────────────────────────────
  connection.onInitialize((params): InitializeResult => {
    const caps = params.capabilities;
    options.versioned = !!caps.workspace?.workspaceEdit?.documentChanges;
    options.lazyEdits = !!caps.textDocument?.codeAction?.resolveSupport?.properties?.includes('edit') && !!caps.textDocument?.codeAction?.dataSupport;
    client.watchRegistration = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    client.configRegistration = !!caps.workspace?.didChangeConfiguration?.dynamicRegistration;
    client.pullConfig = !!caps.workspace?.configuration;
    client.showDocument = !!caps.window?.showDocument?.support;
    client.workspaceFolders = !!caps.workspace?.workspaceFolders;
    folders = (params.workspaceFolders ?? []).map((f) => uriToPath(f.uri)).filter((p): p is string => !!p);
    if (!folders.length && params.rootUri) folders = [uriToPath(params.rootUri)].filter((p): p is string => !!p);
    if (!folders.length && params.rootPath) folders = [params.rootPath];
    settings = readSettings(params.initializationOptions);
    return {
      capabilities: {
        positionEncoding: 'utf-16',
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: true },
        hoverProvider: true,
        documentSymbolProvider: { label: 'foilint' },
        executeCommandProvider: { commands: [APPLY_FIX_ALL_COMMAND] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'foilint', version: packageVersion() },
    };
  });

  connection.onInitialized(() => {
    // Load the bundled templates and packs and compile the rules' patterns before the first letter
    // arrives, so its diagnostics come as fast as the next ones.
    setImmediate(guard('warm-up', undefined, () => lint(WARM_UP_LETTER, { config: resolver.resolve(undefined).config })));
    if (client.watchRegistration) {
      connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: CONFIG_GLOB }] }).catch((err) => log.warn(`foilint: the editor refused to watch config files (${err?.message ?? err}); config changes are noticed when a letter is opened or saved.`));
    }
    if (client.configRegistration) {
      connection.client.register(DidChangeConfigurationNotification.type, { section: 'foilint' }).catch(() => undefined);
    }
    if (client.pullConfig) void pullSettings();
    if (client.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        const removed = new Set(e.removed.map((f) => uriToPath(f.uri)));
        folders = [...folders.filter((f) => !removed.has(f)), ...e.added.map((f) => uriToPath(f.uri)).filter((p): p is string => !!p)];
        reloadConfig();
      });
    }
  });

  async function pullSettings(): Promise<void> {
    try {
      const [value] = await connection.workspace.getConfiguration([{ section: 'foilint' }]);
      if (value !== null && value !== undefined) applySettings(value);
    } catch {
      // A client without settings keeps the initialization options.
    }
  }

  function applySettings(value: unknown): void {
    const next = readSettings(value, settings);
    const lintOnTypeNow = next.lintOn === 'type' && settings.lintOn === 'save';
    settings = next;
    if (lintOnTypeNow) for (const doc of documents.all()) scheduler.soon(doc.uri);
  }

  connection.onDidChangeConfiguration(
    guard('settings', undefined, (params) => {
      const section = (params?.settings as Record<string, unknown> | undefined)?.foilint;
      if (section && typeof section === 'object') applySettings(section);
      else if (client.pullConfig) void pullSettings();
    }),
  );

  connection.onDidChangeWatchedFiles(guard('config change', undefined, () => reloadConfig()));

  connection.onShutdown(() => scheduler.dispose());

  // ── documents ──────────────────────────────────────────────────────────────────────────────
  const opening = new Set<string>();
  documents.onDidOpen(
    guard('open', undefined, (e) => {
      opening.add(e.document.uri);
      checkConfigFresh(e.document.uri);
    }),
  );
  documents.onDidChangeContent(
    guard('change', undefined, (e) => {
      const uri = e.document.uri;
      if (opening.delete(uri)) scheduler.now(uri);
      else if (settings.lintOn === 'type') scheduler.changed(uri);
    }),
  );
  documents.onDidSave(
    guard('save', undefined, (e) => {
      if (isConfigFile(e.document.uri)) return reloadConfig();
      checkConfigFresh(e.document.uri);
      scheduler.now(e.document.uri);
    }),
  );
  documents.onDidClose(
    guard('close', undefined, (e) => {
      scheduler.cancel(e.document.uri);
      analyzer.forget(e.document.uri);
      opening.delete(e.document.uri);
      if (!isConfigFile(e.document.uri)) connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    }),
  );

  /** The current analysis of an open letter, or undefined for an unknown document or a letter
   * over the size limit. */
  const current = (uri: string) => {
    const doc = documents.get(uri);
    if (!doc || isConfigFile(uri) || oversize(doc) !== undefined) return undefined;
    return { doc, analysis: analyzer.get(doc) };
  };

  // ── features ───────────────────────────────────────────────────────────────────────────────
  connection.onCodeAction(
    guard('code actions', [], (params) => {
      const found = current(params.textDocument.uri);
      return found ? codeActions(found.analysis, found.doc, params, options) : [];
    }),
  );
  connection.onCodeActionResolve((action) => {
    try {
      const uri = (action.data as { uri?: string } | undefined)?.uri;
      const found = uri ? current(uri) : undefined;
      return resolveCodeAction(action, found?.analysis, found?.doc, options);
    } catch (err) {
      log.error(`foilint: code action resolve failed: ${(err as Error)?.stack ?? err}`);
      return action;
    }
  });
  connection.onHover(
    guard('hover', null, (params) => {
      const found = current(params.textDocument.uri);
      return found ? hover(found.analysis, found.doc, params.position) : null;
    }),
  );
  connection.onDocumentSymbol(
    guard('document symbols', [], (params) => {
      const found = current(params.textDocument.uri);
      return found ? documentSymbols(found.analysis, found.doc) : [];
    }),
  );
  connection.onExecuteCommand(async (params) => {
    try {
      const arg = params.arguments?.[0] as unknown;
      if (params.command === APPLY_FIX_ALL_COMMAND) {
        const uri = typeof arg === 'string' ? arg : typeof arg === 'object' && arg && 'uri' in arg ? String((arg as { uri: unknown }).uri) : undefined;
        const found = uri ? current(uri) : undefined;
        if (!found) return null;
        const edits = fixAllEdits(found.analysis, found.doc);
        if (!edits.length) return { applied: true, fixed: 0 };
        const result = await connection.workspace.applyEdit({ label: 'foilint: fix all', edit: workspaceEdit(found.doc, edits, options.versioned) });
        return { applied: result.applied, fixed: edits.length };
      }
      if (params.command === OPEN_DOCS_COMMAND && typeof arg === 'string') {
        // The VS Code client opens docs itself; other editors are asked to show the page.
        if (client.showDocument) await connection.window.showDocument({ uri: arg, takeFocus: true });
        else connection.window.showInformationMessage(`foilint: the rule's documentation is at ${arg}`);
        return null;
      }
      log.warn(`foilint: unknown command ${params.command}; the server knows ${APPLY_FIX_ALL_COMMAND}.`);
      return null;
    } catch (err) {
      log.error(`foilint: command ${params.command} failed: ${(err as Error)?.stack ?? err}`);
      return null;
    }
  });

  documents.listen(connection);
  connection.listen();
}

/** A URI with a stray `%` (a client that did not encode "100%.md") is read as it is. */
function decodeOrKeep(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function uriToPath(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}

function packageVersion(): string {
  try {
    return JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}
