/** The VS Code side of foilint: starts the language server (dist/server.js), registers the
 * commands and shows the lint status. No lint logic here: the server and the CLI own it, so the
 * editor and CI always agree. */
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { ExecuteCommandRequest, LanguageClient, State, TransportKind, type DocumentSelector, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { TASK_TYPE, lintTaskProvider, lintWorkspace } from './lint-workspace-task';
import { newResponse, type NewResponseOptions } from './new-response';
import { RESTART_SETTINGS, documentSelectorFor, readSettings, type ClientSettings } from './settings';
import { LintStatusItem, STATUS_NOTIFICATION, type LintStatus } from './status';

/** The server's fix-all command (LSP workspace/executeCommand); argument: the document URI. */
const SERVER_FIX_ALL = 'foilint.applyFixAll';
/** Config files the server must reread when they change (host/config.ts CONFIG_FILE_NAMES). */
const CONFIG_GLOB = '**/.foilintrc.{json,jsonc,yaml,yml}';

/** What activate() returns: timings and the last lint status, for tests and other extensions. */
export interface FoilintApi {
  /** How long activate() took, in milliseconds (without the server's start-up, which is not awaited). */
  readonly activationMs: number;
  /** Milliseconds the language server took to start (the last time it started); undefined until it is ready. */
  serverReadyMs(): number | undefined;
  /** The last `foilint/status` the server sent for a document URI string. */
  lintStatus(uri: string): LintStatus | undefined;
}

/** One run of the language client with the settings it was started with. */
interface Session {
  client?: LanguageClient;
  status: LintStatusItem;
  disposables: vscode.Disposable[];
}

let session: Session | undefined;
let output: vscode.LogOutputChannel;
let serverReadyMs: number | undefined;
/** The extension's own rules/ folder (rule docs, pack wording): Markdown, but not letters. */
let bundledRules = '';

/** Documents the server must not see: the rule docs that "Open docs" shows are Markdown files too. */
const isBundledRuleFile = (uri: vscode.Uri) => uri.scheme === 'file' && uri.fsPath.startsWith(bundledRules);

export function activate(context: vscode.ExtensionContext): FoilintApi {
  const started = performance.now();
  output = vscode.window.createOutputChannel('foilint', { log: true });
  const serverModule = context.asAbsolutePath('dist/server.js');
  bundledRules = vscode.Uri.joinPath(context.extensionUri, 'rules').fsPath + path.sep;

  const restart = async () => {
    await stopSession();
    session = startSession(serverModule);
  };

  context.subscriptions.push(
    output,
    vscode.commands.registerCommand('foilint.fixAll', fixAllInActiveEditor),
    vscode.commands.registerCommand('foilint.lintWorkspace', () => lintWorkspace(context.extensionPath)),
    vscode.commands.registerCommand('foilint.restartServer', async () => {
      output.info('Restarting the foilint server (command "foilint: Restart server")');
      await restart();
    }),
    vscode.commands.registerCommand('foilint.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('foilint.openDocs', (uri?: string) => openDocs(context, uri)),
    vscode.commands.registerCommand('foilint.newResponse', (options?: NewResponseOptions) => newResponse(context.extensionPath, options)),
    vscode.tasks.registerTaskProvider(TASK_TYPE, lintTaskProvider(context.extensionPath)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (RESTART_SETTINGS.some((s) => e.affectsConfiguration(s))) {
        output.info('foilint.enable or foilint.documentSelector changed: restarting the language client');
        void restart();
      }
    }),
    { dispose: () => void stopSession() },
  );

  session = startSession(serverModule);
  const activationMs = performance.now() - started;
  output.info(`Activated in ${activationMs.toFixed(1)} ms`);
  return {
    activationMs,
    serverReadyMs: () => serverReadyMs,
    lintStatus: (uri) => session?.status.statusFor(uri),
  };
}

export function deactivate(): Promise<void> {
  return stopSession();
}

/** Sets up the client for the current settings. The server starts (in the background, so
 * activation stays fast) once a letter is open: VS Code activates the extension for any plain-text
 * document, and a window without letters needs no server. */
function startSession(serverModule: string): Session {
  serverReadyMs = undefined;
  const settings = readSettings();
  const selector = documentSelectorFor(settings);
  const status = new LintStatusItem(selector);
  const current: Session = { status, disposables: [] };
  if (!settings.enable) {
    status.setState('disabled');
    output.info('foilint is turned off (setting foilint.enable); letters are not linted');
    return current;
  }
  const isLetter = (doc: vscode.TextDocument) => vscode.languages.match(selector as vscode.DocumentSelector, doc) > 0 && !isBundledRuleFile(doc.uri);
  if (vscode.workspace.textDocuments.some(isLetter)) {
    startClient(current, serverModule, settings, selector);
  } else {
    const waiting = vscode.workspace.onDidOpenTextDocument((doc) => {
      if (!isLetter(doc) || current.client || session !== current) return;
      waiting.dispose();
      startClient(current, serverModule, settings, selector);
    });
    current.disposables.push(waiting);
  }
  return current;
}

function startClient(current: Session, serverModule: string, settings: ClientSettings, selector: DocumentSelector): void {
  const startedAt = performance.now();
  const { status } = current;
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const configWatcher = vscode.workspace.createFileSystemWatcher(CONFIG_GLOB);
  current.disposables.push(configWatcher);
  const clientOptions: LanguageClientOptions = {
    documentSelector: selector,
    synchronize: { configurationSection: 'foilint', fileEvents: configWatcher },
    initializationOptions: { lintOn: settings.lintOn, ...(settings.debounceMs !== undefined ? { debounceMs: settings.debounceMs } : {}) },
    outputChannel: output,
    diagnosticCollectionName: 'foilint',
    middleware: {
      didOpen: (doc, next) => (isBundledRuleFile(doc.uri) ? Promise.resolve() : next(doc)),
      didChange: (e, next) => (isBundledRuleFile(e.document.uri) ? Promise.resolve() : next(e)),
      didSave: (doc, next) => (isBundledRuleFile(doc.uri) ? Promise.resolve() : next(doc)),
      didClose: (doc, next) => (isBundledRuleFile(doc.uri) ? Promise.resolve() : next(doc)),
    },
  };
  const client = new LanguageClient('foilint', 'foilint', serverOptions, clientOptions);
  current.client = client;
  current.disposables.push(
    client.onNotification(STATUS_NOTIFICATION, (params: LintStatus) => status.update(params)),
    client.onDidChangeState((e) => {
      if (e.newState === State.Running) status.setState('running');
      else if (e.newState === State.Stopped) status.setState('stopped');
    }),
  );
  client.start().then(
    () => {
      serverReadyMs = performance.now() - startedAt;
      output.info(`Language server ready in ${serverReadyMs.toFixed(0)} ms`);
    },
    (err: unknown) => {
      status.setState('stopped');
      output.error(`The foilint language server (${serverModule}) did not start: ${err instanceof Error ? err.message : String(err)}`);
      void vscode.window.showErrorMessage('foilint: the language server did not start. See the foilint output for why, then run "foilint: Restart server".', 'Show output').then((pick) => {
        if (pick) output.show(true);
      });
    },
  );
}

async function stopSession(): Promise<void> {
  const old = session;
  session = undefined;
  if (!old) return;
  try {
    if (old.client?.isRunning()) await old.client.stop(5000);
    else await old.client?.dispose(5000);
  } catch (err) {
    output.warn(`Stopping the foilint server: ${err instanceof Error ? err.message : String(err)}`);
  }
  old.status.dispose();
  for (const d of old.disposables) d.dispose();
}

/** "foilint: Fix all problems": the server computes and applies the safe fixes (workspace/applyEdit). */
async function fixAllInActiveEditor(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const client = session?.client;
  if (!editor) {
    void vscode.window.showInformationMessage('foilint: Fix all problems works on the letter in the active editor; open a letter first.');
    return;
  }
  if (!client?.isRunning()) {
    void vscode.window.showWarningMessage('foilint: the language server is not running; run "foilint: Restart server" (or turn on foilint.enable).');
    return;
  }
  await client.sendRequest(ExecuteCommandRequest.type, {
    command: SERVER_FIX_ALL,
    arguments: [client.code2ProtocolConverter.asUri(editor.document.uri)],
  });
}

/** Opens a rule's documentation page (the diagnostics' and code actions' link), rendered. With no
 * argument, lets the user pick a rule. */
async function openDocs(context: vscode.ExtensionContext, uri?: string): Promise<void> {
  let target: vscode.Uri | undefined;
  if (typeof uri === 'string' && uri) target = vscode.Uri.parse(uri);
  else {
    const docsDir = vscode.Uri.joinPath(context.extensionUri, 'rules', 'docs');
    const entries = await vscode.workspace.fs.readDirectory(docsDir);
    const ids = entries.filter(([name, type]) => type === vscode.FileType.File && name.endsWith('.md')).map(([name]) => name.slice(0, -3)).sort();
    const id = await vscode.window.showQuickPick(ids, { placeHolder: 'foilint: which rule’s documentation?' });
    if (id) target = vscode.Uri.joinPath(docsDir, `${id}.md`);
  }
  if (!target) return;
  try {
    await vscode.commands.executeCommand('markdown.showPreview', target);
  } catch {
    // The built-in Markdown extension can be disabled; the page is readable as text too.
    await vscode.commands.executeCommand('vscode.open', target);
  }
}
