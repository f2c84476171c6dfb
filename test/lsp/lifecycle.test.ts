import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CodeActionRequest,
  CodeActionResolveRequest,
  DidChangeTextDocumentNotification,
  DocumentSymbolRequest,
  ExecuteCommandRequest,
  ExitNotification,
  HoverRequest,
  MessageType,
  ShutdownRequest,
  TextDocumentSyncKind,
} from 'vscode-languageserver-protocol/node';
import { CONFIG, LETTER } from './fixtures.js';
import { LspClient, ROOT, Workspace } from './harness.js';

describe('initialize', () => {
  let ws: Workspace;
  let client: LspClient;
  beforeAll(async () => {
    ws = new Workspace();
    ws.write('.foilintrc.json', CONFIG);
    client = await LspClient.start({ rootDir: ws.dir });
  });
  afterAll(() => {
    client?.kill();
    ws?.dispose();
  });

  it('announces what it serves: incremental sync with save, quick fixes and source.fixAll.foilint with resolve, hover, outline, the fix-all command, UTF-16 positions', () => {
    const { capabilities, serverInfo } = client.initializeResult;
    expect(serverInfo?.name).toBe('foilint');
    expect(capabilities.positionEncoding).toBe('utf-16');
    expect(capabilities.textDocumentSync).toEqual({ openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } });
    expect(capabilities.codeActionProvider).toEqual({ codeActionKinds: ['quickfix', 'source.fixAll.foilint'], resolveProvider: true });
    expect(capabilities.hoverProvider).toBe(true);
    expect(capabilities.documentSymbolProvider).toBeTruthy();
    expect(capabilities.executeCommandProvider).toEqual({ commands: ['foilint.applyFixAll'] });
  });

  it('registers for settings changes in the foilint section', async () => {
    expect((await client.registration('workspace/didChangeConfiguration')).registerOptions).toEqual({ section: 'foilint' });
  });
});

describe('requests it cannot serve are answered cleanly', () => {
  let ws: Workspace;
  let client: LspClient;
  beforeAll(async () => {
    ws = new Workspace();
    ws.write('.foilintrc.json', CONFIG);
    client = await LspClient.start({ rootDir: ws.dir });
  });
  afterAll(() => {
    client?.kill();
    ws?.dispose();
  });

  it('an unknown document: no hover, no symbols, no actions, a resolve returns the action as given, the command does nothing', async () => {
    const textDocument = { uri: ws.uri('never-opened.md') };
    const position = { line: 0, character: 0 };
    expect(await client.connection.sendRequest(HoverRequest.type, { textDocument, position })).toBeNull();
    expect(await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument })).toEqual([]);
    expect(await client.connection.sendRequest(CodeActionRequest.type, { textDocument, range: { start: position, end: position }, context: { diagnostics: [] } })).toEqual([]);
    const action = { title: 'Fix all foilint problems', kind: 'quickfix', data: { uri: textDocument.uri, resolve: 'fixAll' } };
    expect(await client.connection.sendRequest(CodeActionResolveRequest.type, action)).toEqual(action);
    expect(await client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'foilint.applyFixAll', arguments: [textDocument.uri] })).toBeNull();
    expect(await client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'foilint.noSuchCommand', arguments: [] })).toBeNull();
  });

  it('odd input: a position past the end, a change to a document never opened, a config file opened as a document; the server goes on', async () => {
    const uri = ws.write('letter.md', LETTER);
    client.open(uri, LETTER);
    await client.currentDiagnostics(uri);
    expect(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 9999, character: 9999 } })).toBeNull();
    expect(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: -1, character: -5 } })).toBeNull();
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: ws.uri('ghost.md'), version: 2 }, contentChanges: [{ text: 'x' }] });
    const configUri = ws.uri('.foilintrc.json');
    client.open(configUri, CONFIG, 'json');
    expect(await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: configUri } })).toEqual([]);
    // Still linting.
    const mark = client.mark();
    client.change(uri, LETTER.replace('SK9 5AX', 'SK9 5AF'));
    const after = await client.currentDiagnostics(uri, mark);
    expect(after.diagnostics.filter((d) => d.code === 'ico-details')).toHaveLength(1);
    expect(client.published(configUri)).toEqual([]);
    expect(client.events.filter((e) => e.kind === 'log' && e.params.type === MessageType.Error)).toEqual([]);
    expect(client.child.exitCode).toBeNull();
  });
});

describe('shutdown and exit', () => {
  it('shutdown then exit: the process ends with code 0', async () => {
    const client = await LspClient.start();
    expect(await client.connection.sendRequest(ShutdownRequest.type)).toBeNull();
    expect(await client.shutdown()).toBe(0);
  });

  it('exit without shutdown ends with code 1, as the protocol says', async () => {
    const client = await LspClient.start();
    const exited = new Promise<number | null>((resolve) => client.child.on('exit', resolve));
    await client.connection.sendNotification(ExitNotification.type);
    expect(await exited).toBe(1);
    client.kill();
  });

  it('bin/foilint-language-server.js speaks stdio without a flag, and lints a letter with no workspace folder (defaults)', async () => {
    const ws = new Workspace();
    const client = await LspClient.start({ argv: [join(ROOT, 'bin', 'foilint-language-server.js')] });
    try {
      expect(client.initializeResult.serverInfo?.name).toBe('foilint');
      const uri = 'untitled:Untitled-2';
      client.open(uri, LETTER);
      const { diagnostics } = await client.currentDiagnostics(uri);
      expect(diagnostics.map((d) => d.code)).toContain('placeholder');
      expect(await client.shutdown()).toBe(0);
    } finally {
      client.kill();
      ws.dispose();
    }
  });
});
