/** A real LSP client for foilint's bundled server: starts `node dist/server.js --stdio` as a child
 * process and speaks JSON-RPC to it over its stdin/stdout, as an editor does. Tests wait on the
 * notifications they expect, with a timeout, never on fixed sleeps. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ApplyWorkspaceEditRequest,
  ConfigurationRequest,
  createMessageConnection,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DidSaveTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  WorkDoneProgressCreateRequest,
  type ApplyWorkspaceEditParams,
  type ClientCapabilities,
  type FileEvent,
  type InitializeResult,
  type LogMessageParams,
  type MessageConnection,
  type PublishDiagnosticsParams,
  type Registration,
  type TextDocumentContentChangeEvent,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

export const ROOT = resolve(__dirname, '..', '..');
export const SERVER = join(ROOT, 'dist', 'server.js');

export interface StatusParams {
  uri: string;
  configFile?: string;
  regime?: string;
  lintMs: number;
  problems: number;
}

/** Builds dist/server.js when it is missing or older than the sources. One process builds at a
 * time (a lock folder), so test files starting together never read a half-written bundle. */
export function ensureServerBuilt(): void {
  const newest = (dir: string): number => {
    let t = 0;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
    }
    return t;
  };
  const fresh = () => existsSync(SERVER) && statSync(SERVER).mtimeMs >= newest(join(ROOT, 'server', 'src'));
  if (fresh()) return;
  const lock = join(ROOT, '.tmp', 'lsp-test-build.lock');
  mkdirSync(dirname(lock), { recursive: true });
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 60_000) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error('lsp tests: another build holds .tmp/lsp-test-build.lock for over a minute');
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    }
  }
  try {
    if (fresh()) return;
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`lsp tests: npm run build failed:\n${r.stderr}`);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** A temporary folder of letters and config files. */
export class Workspace {
  readonly dir: string;
  constructor() {
    this.dir = mkdtempSync(join(tmpdir(), 'foilint-lsp-'));
  }
  path(rel: string): string {
    return join(this.dir, rel);
  }
  uri(rel: string): string {
    return pathToFileURL(this.path(rel)).href;
  }
  write(rel: string, text: string): string {
    const p = this.path(rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, text);
    return this.uri(rel);
  }
  remove(rel: string): void {
    rmSync(this.path(rel), { force: true });
  }
  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

type Event = { kind: 'register'; params: Registration } | { kind: 'diagnostics'; params: PublishDiagnosticsParams } | { kind: 'status'; params: StatusParams } | { kind: 'log'; params: LogMessageParams } | { kind: 'applyEdit'; params: ApplyWorkspaceEditParams };

export interface StartOptions {
  rootDir?: string;
  initializationOptions?: unknown;
  capabilities?: ClientCapabilities;
  /** What `workspace/configuration` answers for the `foilint` section. */
  settings?: unknown;
  /** Node arguments that start the server (default: dist/server.js --stdio). */
  argv?: string[];
}

/** VS Code's relevant capabilities: versioned edits, resolvable code actions, diagnostic data,
 * dynamic registration of watched files and configuration. */
export const FULL_CAPABILITIES: ClientCapabilities = {
  workspace: {
    workspaceEdit: { documentChanges: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
    didChangeConfiguration: { dynamicRegistration: true },
    configuration: true,
    workspaceFolders: true,
    applyEdit: true,
  },
  textDocument: {
    synchronization: { didSave: true },
    publishDiagnostics: { versionSupport: true, dataSupport: true, codeDescriptionSupport: true },
    codeAction: {
      dataSupport: true,
      isPreferredSupport: true,
      resolveSupport: { properties: ['edit'] },
      codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } },
    },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
  },
  window: { showDocument: { support: true } },
  general: { positionEncodings: ['utf-16'] },
};

export class LspClient {
  readonly events: Event[] = [];
  readonly registrations: Registration[] = [];
  readonly stderr: string[] = [];
  /** The client's copy of each open document, kept in step with what it sends. */
  readonly docs = new Map<string, TextDocument>();
  initializeResult!: InitializeResult;
  private waiters: (() => void)[] = [];
  private exited?: Promise<number | null>;

  private constructor(
    readonly child: ChildProcess,
    readonly connection: MessageConnection,
  ) {}

  static async start(options: StartOptions = {}): Promise<LspClient> {
    ensureServerBuilt();
    const child = spawn(process.execPath, options.argv ?? [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LspClient(child, connection);
    client.exited = new Promise((resolveExit) => child.on('exit', (code) => resolveExit(code)));
    child.stderr!.on('data', (d) => client.stderr.push(String(d)));
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => client.push({ kind: 'diagnostics', params }));
    connection.onNotification('foilint/status', (params: StatusParams) => client.push({ kind: 'status', params }));
    connection.onNotification(LogMessageNotification.type, (params) => client.push({ kind: 'log', params }));
    connection.onRequest(RegistrationRequest.type, (params) => {
      client.registrations.push(...params.registrations);
      for (const r of params.registrations) client.push({ kind: 'register', params: r });
    });
    connection.onRequest(WorkDoneProgressCreateRequest.type, () => undefined);
    connection.onRequest(ConfigurationRequest.type, (params) => params.items.map((i) => (i.section === 'foilint' ? (options.settings ?? null) : null)));
    connection.onRequest(ApplyWorkspaceEditRequest.type, (params) => {
      client.applyWorkspaceEdit(params.edit);
      client.push({ kind: 'applyEdit', params });
      return { applied: true };
    });
    connection.onRequest('window/showDocument', () => ({ success: true }));
    connection.listen();
    const rootUri = options.rootDir ? pathToFileURL(options.rootDir).href : null;
    client.initializeResult = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri,
      workspaceFolders: rootUri ? [{ uri: rootUri, name: 'letters' }] : null,
      capabilities: options.capabilities ?? FULL_CAPABILITIES,
      initializationOptions: options.initializationOptions,
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  /** Set once the test ends the server: a notification still queued then cannot be written. */
  private ending = false;

  /** Sends a notification without waiting for it to be written. A write that fails while the
   * server runs is an unhandled rejection (the test fails); one that fails because the test ended
   * the server (a change queued just before `kill()`) is expected. */
  private notify(type: { method: string }, params: object): void {
    this.connection.sendNotification(type.method, params).catch((err: unknown) => {
      if (!this.ending) throw err;
    });
  }

  private push(e: Event): void {
    this.events.push(e);
    for (const w of [...this.waiters]) w();
  }

  /** How many events have arrived: pass it to a wait to look only at what comes after. */
  mark(): number {
    return this.events.length;
  }

  /** Resolves with the first event from `from` on that `pick` accepts; rejects after `timeoutMs`
   * with what did arrive, so a failure says what the server sent. */
  waitFor<T>(what: string, pick: (e: Event) => T | undefined, from = 0, timeoutMs = 10_000): Promise<T> {
    return new Promise((resolveWait, reject) => {
      let index = from;
      const check = () => {
        for (; index < this.events.length; index++) {
          const got = pick(this.events[index]);
          if (got !== undefined) {
            this.waiters = this.waiters.filter((w) => w !== check);
            clearTimeout(timer);
            resolveWait(got);
            return;
          }
        }
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== check);
        const seen = this.events.slice(from).map((e) => `${e.kind} ${JSON.stringify(e.params).slice(0, 200)}`);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; received since:\n${seen.join('\n')}\nstderr: ${this.stderr.join('')}`));
      }, timeoutMs);
      this.waiters.push(check);
      check();
    });
  }

  /** The next diagnostics for `uri` (from `from` on) that satisfy `accept`. */
  diagnostics(uri: string, from = 0, accept: (p: PublishDiagnosticsParams) => boolean = () => true): Promise<PublishDiagnosticsParams> {
    return this.waitFor(`diagnostics for ${uri}`, (e) => (e.kind === 'diagnostics' && e.params.uri === uri && accept(e.params) ? e.params : undefined), from);
  }

  /** Diagnostics for the document's current version. */
  currentDiagnostics(uri: string, from = 0): Promise<PublishDiagnosticsParams> {
    const version = this.docs.get(uri)?.version;
    return this.diagnostics(uri, from, (p) => p.version === version);
  }

  registration(method: string): Promise<Registration> {
    return this.waitFor(`client/registerCapability for ${method}`, (e) => (e.kind === 'register' && e.params.method === method ? e.params : undefined));
  }

  status(uri: string, from = 0): Promise<StatusParams> {
    return this.waitFor(`foilint/status for ${uri}`, (e) => (e.kind === 'status' && e.params.uri === uri ? e.params : undefined), from);
  }

  /** Every diagnostics notification for `uri` from event `from` on, in arrival order. */
  published(uri: string, from = 0): PublishDiagnosticsParams[] {
    return this.events.slice(from).flatMap((e) => (e.kind === 'diagnostics' && e.params.uri === uri ? [e.params] : []));
  }

  open(uri: string, text: string, languageId = 'markdown'): void {
    this.docs.set(uri, TextDocument.create(uri, languageId, 1, text));
    this.notify(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Sends a change (whole text, or incremental edits) and returns the new version. */
  change(uri: string, change: string | TextDocumentContentChangeEvent[]): number {
    const doc = this.docs.get(uri)!;
    const changes: TextDocumentContentChangeEvent[] = typeof change === 'string' ? [{ text: change }] : change;
    const next = TextDocument.update(doc, changes, doc.version + 1);
    this.docs.set(uri, next);
    this.notify(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: next.version }, contentChanges: changes });
    return next.version;
  }

  save(uri: string): void {
    this.notify(DidSaveTextDocumentNotification.type, { textDocument: { uri } });
  }

  close(uri: string): void {
    this.docs.delete(uri);
    this.notify(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  filesChanged(changes: FileEvent[]): void {
    this.notify(DidChangeWatchedFilesNotification.type, { changes });
  }

  text(uri: string): string {
    return this.docs.get(uri)!.getText();
  }

  /** Applies a workspace edit to the client's copy and sends it as a change, as an editor does. */
  applyWorkspaceEdit(edit: WorkspaceEdit): void {
    const perUri = new Map<string, TextEdit[]>();
    for (const [uri, edits] of Object.entries(edit.changes ?? {})) perUri.set(uri, edits);
    for (const dc of edit.documentChanges ?? []) {
      if (!('textDocument' in dc)) throw new Error('only text document edits are expected');
      const doc = this.docs.get(dc.textDocument.uri);
      if (dc.textDocument.version !== null && doc && dc.textDocument.version !== doc.version) throw new Error(`edit for version ${dc.textDocument.version}, document is at ${doc.version}`);
      perUri.set(dc.textDocument.uri, dc.edits as TextEdit[]);
    }
    for (const [uri, edits] of perUri) this.change(uri, TextDocument.applyEdits(this.docs.get(uri)!, edits));
  }

  async shutdown(): Promise<number | null> {
    this.ending = true;
    if (this.child.exitCode === null) {
      await this.connection.sendRequest(ShutdownRequest.type);
      await this.connection.sendNotification(ExitNotification.type);
    }
    const code = await this.exited;
    this.connection.dispose();
    return code ?? null;
  }

  /** Ends the server whatever state it is in (after a failed test). */
  kill(): void {
    this.ending = true;
    if (this.child.exitCode === null) this.child.kill();
    this.connection.dispose();
  }
}
