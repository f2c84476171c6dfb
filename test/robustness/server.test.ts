/** The language server under abuse, over stdio as an editor drives it: malformed messages, requests
 * for documents it never saw, cancellation, 1,000 edits without waiting, a config deleted under it,
 * a 5 MB letter, and 10,000 open/change/close cycles. After each case the same server must still
 * lint a letter and answer a hover, and must never have hit an uncaught exception. Times and
 * memory are printed as figures; only memory growth has a (generous) bound. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CancellationTokenSource,
  CodeActionRequest,
  CodeActionResolveRequest,
  DidOpenTextDocumentNotification,
  DocumentSymbolRequest,
  ExecuteCommandRequest,
  FileChangeType,
  HoverRequest,
  MessageType,
  ResponseError,
  type Diagnostic,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { MAX_LIVE_LETTER_BYTES, oversize } from '../../server/src/lsp/size-limit.js';
import { engineFindings, LETTER, lspPosition, positionOf } from '../lsp/fixtures.js';
import { LspClient, SERVER, Workspace } from '../lsp/harness.js';
import { RawChannel, residentMiB, type RawResponse } from './support/lsp-probes.js';

const MiB = 1024 * 1024;
const SEVERITY = { error: 1, warning: 2, info: 3 } as const;
const codes = (diagnostics: Diagnostic[]) => diagnostics.map((d) => d.code);

/** LETTER with rows added to its table until it is `bytes` long: the costliest Markdown to lint. */
function tableLetter(bytes: number): string {
  const rows: string[] = [];
  let size = Buffer.byteLength(LETTER);
  for (let i = 0; size < bytes; i++) {
    const row = `| ${['March', 'April', 'May', 'June'][i % 4]} ${2000 + (i % 24)} | ${(i * 7) % 1000} |\n`;
    rows.push(row);
    size += row.length;
  }
  return LETTER.replace('| February | 11 |\n', `| February | 11 |\n${rows.join('')}`);
}

/** LETTER with paragraphs of answer text added until it is `bytes` long. */
function proseLetter(bytes: number): string {
  const paragraphs: string[] = [];
  let size = Buffer.byteLength(LETTER);
  for (let i = 0; size < bytes; i++) {
    const p = `Paragraph ${i}. We hold the information you asked for; the figures for ${(i % 28) + 1} March 2023 are in the table below.\n\n`;
    paragraphs.push(p);
    size += p.length;
  }
  return LETTER.replace('The figures are in the table below.\n', paragraphs.join(''));
}

/** What the server must publish for a letter: one diagnostic per engine finding, same code,
 * severity, message and range. */
function expectEngineDiagnostics(published: PublishDiagnosticsParams, text: string, path: string): void {
  const findings = engineFindings(text, path);
  expect(published.diagnostics.map((d) => [d.code, d.severity, d.message, d.range])).toEqual(findings.map((f) => [f.ruleId, SEVERITY[f.severity], f.message, { start: lspPosition(f.startPos), end: lspPosition(f.endPos) }]));
}

describe('one server through every kind of abuse', () => {
  let ws: Workspace;
  let client: LspClient;
  let raw: RawChannel;
  beforeAll(async () => {
    ws = new Workspace();
    client = await LspClient.start({ rootDir: ws.dir });
    raw = new RawChannel(client.child);
    await client.registration('workspace/didChangeWatchedFiles');
    await client.registration('workspace/didChangeConfiguration');
  });
  afterAll(() => {
    client?.kill();
    ws?.dispose();
  });

  /** The server answers requests in order: once this returns, it has handled everything sent before. */
  const barrier = () => client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: ws.uri('barrier.md') } });
  const logged = (from: number, type: MessageType, pattern: RegExp) => client.events.slice(from).filter((e) => e.kind === 'log' && e.params.type === type && pattern.test(e.params.message));
  const waitForLog = (what: string, from: number, pattern: RegExp) => client.waitFor(what, (e) => (e.kind === 'log' && pattern.test(e.params.message) ? e.params : undefined), from);

  /** The next diagnostics for `uri` from `from` on, and the foilint/status that follows them (it
   * says which config the lint used). */
  async function linted(uri: string, from: number): Promise<{ published: PublishDiagnosticsParams; configFile?: string }> {
    const published = await client.diagnostics(uri, from);
    const at = client.events.findIndex((e) => e.kind === 'diagnostics' && e.params === published);
    return { published, configFile: (await client.status(uri, at)).configFile };
  }

  let served = 0;
  /** The same server still lints a new letter as the engine does and answers a hover on it, and
   * nothing so far reached the process's last-resort handler. */
  async function expectStillServes(): Promise<void> {
    const rel = `serving/letter-${++served}.md`;
    const uri = ws.write(rel, LETTER);
    const mark = client.mark();
    client.open(uri, LETTER);
    expectEngineDiagnostics(await client.diagnostics(uri, mark), LETTER, ws.path(rel));
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(LETTER, '24 April 2023', 1) });
    expect(JSON.stringify(hover?.contents)).toContain('working day 27 of 20, late');
    const closed = client.mark();
    client.close(uri);
    expect((await client.diagnostics(uri, closed)).diagnostics).toEqual([]);
    expect(client.child.exitCode).toBeNull();
    expect(logged(0, MessageType.Error, /unexpected error/)).toEqual([]);
    expect(client.stderr.join('')).toBe('');
  }

  it('malformed messages: non-JSON bodies and non-JSON-RPC messages are dropped, an unknown method is MethodNotFound, wrong params get InvalidParams or an empty answer, bad notifications are logged', async () => {
    const letter = ws.write('malformed/letter.md', LETTER);
    client.open(letter, LETTER);
    await client.currentDiagnostics(letter);
    await barrier();
    const mark = client.mark();
    const ghost = ws.uri('malformed/never-opened.md');

    // A body that is not JSON has no id to answer: it is dropped and the next message is read.
    raw.send('{"jsonrpc":"2.0","id":"cut-short","method":"textDocument/hover",');
    raw.send('not json at all');
    raw.send({ jsonrpc: '2.0', id: 'after-garbage', method: 'textDocument/documentSymbol', params: { textDocument: { uri: letter } } });
    const outline = (await raw.response('after-garbage')).result as unknown[];
    expect(outline.length).toBeGreaterThan(0);
    expect(raw.received.some((m) => (m as RawResponse).id === 'cut-short')).toBe(false);

    // JSON that is not JSON-RPC: logged as an error, nothing else.
    for (const body of ['{"hello":"world"}', '[1,2,3]', '42', 'null']) raw.send(body);
    await waitForLog('the empty message logged', mark, /Received empty message/);
    expect(logged(mark, MessageType.Error, /neither a response nor a notification/)).toHaveLength(3);

    // An unknown method is MethodNotFound (an unknown notification before it changes nothing).
    raw.send({ jsonrpc: '2.0', method: 'foilint/noSuchNotification', params: { x: 1 } });
    raw.send({ jsonrpc: '2.0', id: 'unknown-method', method: 'foilint/noSuchMethod', params: {} });
    expect((await raw.response('unknown-method')).error).toMatchObject({ code: -32601, message: expect.stringContaining('foilint/noSuchMethod') });

    // Wrong params: InvalidParams where the protocol layer can tell, else an empty answer.
    const requests: Record<string, object> = {
      'hover-no-params': { method: 'textDocument/hover' },
      'hover-by-position': { method: 'textDocument/hover', params: [letter, 0, 0] },
      'hover-empty-params': { method: 'textDocument/hover', params: {} },
      'hover-no-position': { method: 'textDocument/hover', params: { textDocument: { uri: letter } } },
      'hover-position-strings': { method: 'textDocument/hover', params: { textDocument: { uri: letter }, position: { line: 'one', character: null } } },
      'actions-bad-document': { method: 'textDocument/codeAction', params: { textDocument: 5 } },
      'actions-no-range': { method: 'textDocument/codeAction', params: { textDocument: { uri: letter } } },
      'symbols-no-uri': { method: 'textDocument/documentSymbol', params: { textDocument: {} } },
      'resolve-garbage': { method: 'codeAction/resolve', params: { title: 'x', data: 'garbage' } },
      'command-bad-argument': { method: 'workspace/executeCommand', params: { command: 'foilint.applyFixAll', arguments: [{ uri: 7 }] } },
      'command-arguments-not-a-list': { method: 'workspace/executeCommand', params: { command: 'foilint.applyFixAll', arguments: 'nope' } },
    };
    for (const [id, body] of Object.entries(requests)) raw.send({ jsonrpc: '2.0', id, ...body });
    const answers = Object.fromEntries(await Promise.all(Object.keys(requests).map(async (id) => [id, await raw.response(id)] as const)));
    expect(answers['hover-no-params'].error?.code).toBe(-32602);
    expect(answers['hover-by-position'].error?.code).toBe(-32602);
    for (const id of ['hover-empty-params', 'hover-no-position', 'hover-position-strings', 'command-bad-argument', 'command-arguments-not-a-list']) expect([id, answers[id].result]).toEqual([id, null]);
    for (const id of ['actions-bad-document', 'symbols-no-uri']) expect([id, answers[id].result]).toEqual([id, []]);
    // No range and no diagnostics named: no finding is meant, so no action.
    expect(answers['actions-no-range'].result).toEqual([]);
    expect(answers['resolve-garbage'].result).toEqual({ title: 'x', data: 'garbage' });
    // The handlers that threw said so in the log, naming what failed (the barrier lets the
    // harness's connection catch up with the raw reader).
    await barrier();
    expect(logged(mark, MessageType.Error, /^foilint: hover failed/).length).toBeGreaterThanOrEqual(2);

    // Bad notifications: a change to a document never opened, an open without its text, an open
    // without a document, watched-file changes that are not a list, a cancel for an unknown id.
    const noText = ws.uri('malformed/no-text.md');
    const sent = client.mark();
    raw.send({ jsonrpc: '2.0', method: 'textDocument/didChange', params: { textDocument: { uri: ghost, version: 2 }, contentChanges: [{ text: 'x' }] } });
    raw.send({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: noText, languageId: 'markdown', version: 1 } } });
    raw.send({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: {} });
    raw.send({ jsonrpc: '2.0', method: 'workspace/didChangeWatchedFiles', params: { changes: 'not a list' } });
    raw.send({ jsonrpc: '2.0', method: '$/cancelRequest', params: { id: 'never-sent' } });
    raw.send({ jsonrpc: '2.0', id: 'symbols-no-text', method: 'textDocument/documentSymbol', params: { textDocument: { uri: noText } } });
    expect((await raw.response('symbols-no-text')).result).toEqual([]);
    raw.send({ jsonrpc: '2.0', method: 'textDocument/didClose', params: { textDocument: { uri: noText } } });
    await barrier();
    expect(client.published(ghost, sent)).toEqual([]);
    // The letter opened without text is never linted; closing it clears it.
    expect(client.published(noText, sent).map((p) => p.diagnostics)).toEqual([[]]);
    expect(logged(sent, MessageType.Error, /no-text\.md failed/).length).toBeGreaterThan(0);
    expect(logged(sent, MessageType.Error, /didOpen' failed/)).toHaveLength(1);
    // The watched-files notification re-read the configs and re-linted the open letter.
    expectEngineDiagnostics(await client.diagnostics(letter, sent), LETTER, ws.path('malformed/letter.md'));

    // A file URI with a stray "%" (not percent-encoded) is linted and cleared like any other.
    const percent = `${ws.uri('malformed')}/100%.md`;
    const opened = client.mark();
    client.open(percent, LETTER);
    expect(codes((await client.diagnostics(percent, opened)).diagnostics)).toEqual(codes((await client.diagnostics(letter, 0)).diagnostics));
    client.close(percent);
    await barrier();
    expect(client.published(percent, opened).map((p) => p.diagnostics.length).at(-1)).toBe(0);

    client.close(letter);
    await expectStillServes();
  });

  it('requests for documents never opened (file, untitled, another host, not a URI, a config file): null or empty answers, no edit, no diagnostics', async () => {
    const mark = client.mark();
    const uris = [ws.uri('unknown/never-opened.md'), 'untitled:Untitled-99', 'file://fileserver/share/letter.md', 'not a uri at all', ws.uri('unknown/.foilintrc.json')];
    const position = { line: 3, character: 2 };
    for (const uri of uris) {
      const textDocument = { uri };
      expect(await client.connection.sendRequest(HoverRequest.type, { textDocument, position })).toBeNull();
      expect(await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument })).toEqual([]);
      expect(await client.connection.sendRequest(CodeActionRequest.type, { textDocument, range: { start: position, end: position }, context: { diagnostics: [] } })).toEqual([]);
      expect(await client.connection.sendRequest(CodeActionRequest.type, { textDocument, range: { start: position, end: position }, context: { diagnostics: [], only: ['source.fixAll.foilint'] } })).toEqual([]);
      const action = { title: 'Fix all foilint problems', kind: 'quickfix', data: { uri, resolve: 'fixAll' } };
      expect(await client.connection.sendRequest(CodeActionResolveRequest.type, action)).toEqual(action);
      expect(await client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'foilint.applyFixAll', arguments: [uri] })).toBeNull();
      expect(await client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'foilint.applyFixAll', arguments: [{ uri }] })).toBeNull();
    }
    expect(await client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'foilint.applyFixAll' })).toBeNull();
    expect(client.events.slice(mark).filter((e) => e.kind === 'applyEdit' || e.kind === 'diagnostics')).toEqual([]);
    await expectStillServes();
  });

  it('cancellation: a request cancelled as it is sent, behind the lint of a 512 KB letter, is answered with its result or RequestCancelled; the letter is still linted', async () => {
    const text = proseLetter(512 * 1024);
    const uri = ws.write('cancel/letter.md', text);
    const mark = client.mark();
    client.open(uri, text);
    const outcome = async <R>(send: (token: CancellationTokenSource['token']) => Promise<R>) => {
      const source = new CancellationTokenSource();
      const answer = send(source.token);
      source.cancel();
      try {
        return { result: await answer };
      } catch (err) {
        expect(err).toBeInstanceOf(ResponseError);
        expect((err as ResponseError<unknown>).code).toBe(-32800);
        return { cancelled: true as const };
      }
    };
    const symbols = await outcome((token) => client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }, token));
    const hover = await outcome((token) => client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(text, '24 April 2023', 1) }, token));
    // Had the server answered, the answer is the one an uncancelled request gets.
    if ('result' in symbols) expect(symbols.result).toEqual(await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }));
    if ('result' in hover) expect(JSON.stringify(hover.result?.contents)).toContain('working day 27 of 20');
    console.log(`[server robustness] cancelled requests: documentSymbol ${'result' in symbols ? 'answered with its result' : 'RequestCancelled'}, hover ${'result' in hover ? 'answered with its result' : 'RequestCancelled'}`);
    expectEngineDiagnostics(await client.diagnostics(uri, mark), text, ws.path('cancel/letter.md'));
    // A cancel for a request already answered changes nothing.
    raw.send({ jsonrpc: '2.0', method: '$/cancelRequest', params: { id: 0 } });
    client.close(uri);
    await expectStillServes();
  });

  it('1,000 incremental edits sent without waiting: the final version (1001) is published last, with exactly the diagnostics of its text; no older version after a newer one', async () => {
    const rel = 'burst/letter.md';
    const uri = ws.write(rel, LETTER);
    client.open(uri, LETTER);
    await client.currentDiagnostics(uri);
    const mark = client.mark();
    const typed = 'Note that these figures are provisional and may change. ';
    const started = performance.now();
    // 999 keystrokes typed into the answer paragraph, then the restated question corrected.
    const at = positionOf(LETTER, 'The figures are in the table below.', 'The figures are in the table below.'.length);
    for (let i = 0; i < 999; i++) client.change(uri, [{ range: { start: { line: at.line, character: at.character + i }, end: { line: at.line, character: at.character + i } }, text: typed[i % typed.length] }]);
    const wrong = client.docs.get(uri)!.positionAt(client.text(uri).indexOf('in 2022, broken down') + 3);
    const last = client.change(uri, [{ range: { start: wrong, end: { line: wrong.line, character: wrong.character + 4 } }, text: '2023' }]);
    expect(last).toBe(1001);
    const final = await client.diagnostics(uri, mark, (p) => p.version === last);
    const ms = performance.now() - started;
    await barrier();
    const published = client.published(uri, mark);
    const versions = published.map((p) => p.version!);
    expect(versions.at(-1)).toBe(1001);
    expect(versions).toEqual([...new Set(versions)].sort((a, b) => a - b));
    // Every earlier version still restated the question wrongly; only the final one is clean of it.
    for (const p of published.slice(0, -1)) expect(codes(p.diagnostics)).toContain('question-wording');
    expect(codes(final.diagnostics)).not.toContain('question-wording');
    expectEngineDiagnostics(final, client.text(uri), ws.path(rel));
    console.log(`[server robustness] 1,000 edits: final version ${versions.at(-1)} published after ${ms.toFixed(0)} ms; ${versions.length} lints in all (versions ${versions.slice(0, 5).join(', ')}${versions.length > 5 ? ', …' : ''})`);
    client.close(uri);
    await expectStillServes();
  });

  it('a YAML config that turns a rule off and lowers another, deleted mid-session: the letter is linted with the defaults again', async () => {
    const rel = 'config/letter.md';
    const uri = ws.write(rel, LETTER);
    const configUri = ws.write('config/.foilintrc.yaml', 'regime: foia\nrules:\n  placeholder: "off"\n  review-window: info\n');
    const mark = client.mark();
    client.open(uri, LETTER);
    const configured = await linted(uri, mark);
    expect(configured.configFile).toBe(ws.path('config/.foilintrc.yaml'));
    expect(codes(configured.published.diagnostics)).not.toContain('placeholder');
    expect(configured.published.diagnostics.find((d) => d.code === 'review-window')?.severity).toBe(SEVERITY.info);
    expectEngineDiagnostics(configured.published, LETTER, ws.path(rel));

    const deleted = client.mark();
    ws.remove('config/.foilintrc.yaml');
    client.filesChanged([{ uri: configUri, type: FileChangeType.Deleted }]);
    const defaults = await linted(uri, deleted);
    expect(defaults.configFile).toBeUndefined();
    expect(codes(defaults.published.diagnostics)).toContain('placeholder');
    expect(defaults.published.diagnostics.find((d) => d.code === 'review-window')?.severity).toBe(SEVERITY.error);
    expectEngineDiagnostics(defaults.published, LETTER, ws.path(rel));
    client.close(uri);
    await expectStillServes();
  });

  it('a config made invalid, then deleted: a config-problem diagnostic on it while it is broken, cleared when it is gone; the letter keeps the defaults', async () => {
    const rel = 'broken/letter.md';
    const uri = ws.write(rel, LETTER);
    const configUri = ws.write('broken/.foilintrc.yaml', 'regime: foia\nrules:\n  placeholder: "off"\n');
    const mark = client.mark();
    client.open(uri, LETTER);
    expect(codes((await linted(uri, mark)).published.diagnostics)).not.toContain('placeholder');

    const broken = client.mark();
    ws.write('broken/.foilintrc.yaml', 'regime: foia\nrules:\n  placeholder: [off\n');
    client.filesChanged([{ uri: configUri, type: FileChangeType.Changed }]);
    const problem = await client.diagnostics(configUri, broken);
    expect(problem.diagnostics).toHaveLength(1);
    expect(problem.diagnostics[0]).toMatchObject({ source: 'foilint', code: 'config-problem', severity: SEVERITY.error });
    const fallback = await linted(uri, broken);
    expect(codes(fallback.published.diagnostics)).toContain('placeholder');
    // The status names the config that cannot be used, so the user knows why the defaults apply.
    expect(fallback.configFile).toBe(ws.path('broken/.foilintrc.yaml'));

    const deleted = client.mark();
    ws.remove('broken/.foilintrc.yaml');
    client.filesChanged([{ uri: configUri, type: FileChangeType.Deleted }]);
    expect((await client.diagnostics(configUri, deleted)).diagnostics).toEqual([]);
    const defaults = await linted(uri, deleted);
    expectEngineDiagnostics(defaults.published, LETTER, ws.path(rel));
    expect(defaults.configFile).toBeUndefined();
    await barrier();
    expect(client.published(configUri, deleted).map((p) => p.diagnostics)).toEqual([[]]);
    client.close(uri);
    await expectStillServes();
  });

  it(`a 5 MB letter: one "too large" warning at once instead of a lint (the limit is ${MAX_LIVE_LETTER_BYTES / MiB} MB), no feature reads it; cut below the limit it is linted, pasted back it is refused again`, async () => {
    const text = tableLetter(5 * MiB);
    const rel = 'large/letter.md';
    const uri = ws.write(rel, text);
    const mark = client.mark();
    let started = performance.now();
    client.open(uri, text);
    const refused = await client.diagnostics(uri, mark);
    const openMs = performance.now() - started;
    expect(refused.diagnostics).toHaveLength(1);
    expect(refused.diagnostics[0]).toMatchObject({ source: 'foilint', code: 'letter-too-large', severity: SEVERITY.warning, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 'Northgate Police'.length } } });
    expect(refused.diagnostics[0].message).toBe(
      "foilint: this letter is 5.0 MB, over the editor's limit of 1.0 MB for linting as you type, so it is not checked. Check it is a letter (letters are rarely over 1 MB), or lint it with the command line (`foilint <file>`, up to 2.0 MB).",
    );

    started = performance.now();
    const whole = { start: { line: 0, character: 0 }, end: client.docs.get(uri)!.positionAt(text.length) };
    expect(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(text, '24 April 2023', 1) })).toBeNull();
    expect(await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })).toEqual([]);
    expect(await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: whole, context: { diagnostics: refused.diagnostics } })).toEqual([]);
    expect(await client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'foilint.applyFixAll', arguments: [uri] })).toBeNull();
    const featuresMs = performance.now() - started;

    // Cut the added rows: the letter is linted as usual.
    const rowsStart = text.indexOf('| February | 11 |\n') + '| February | 11 |\n'.length;
    const rows = text.slice(rowsStart, rowsStart + text.length - LETTER.length);
    const rowsFrom = client.docs.get(uri)!.positionAt(rowsStart);
    const rowsTo = client.docs.get(uri)!.positionAt(rowsStart + rows.length);
    let changed = client.mark();
    const cut = client.change(uri, [{ range: { start: rowsFrom, end: rowsTo }, text: '' }]);
    const linted = await client.diagnostics(uri, changed, (p) => p.version === cut);
    expect(client.text(uri)).toBe(LETTER);
    expectEngineDiagnostics(linted, LETTER, ws.path(rel));
    expect(JSON.stringify((await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(LETTER, '24 April 2023', 1) }))?.contents)).toContain('working day 27 of 20');

    // Paste them back: refused again.
    changed = client.mark();
    const pasted = client.change(uri, [{ range: { start: rowsFrom, end: rowsFrom }, text: rows }]);
    expect(codes((await client.diagnostics(uri, changed, (p) => p.version === pasted)).diagnostics)).toEqual(['letter-too-large']);
    const closed = client.mark();
    client.close(uri);
    expect((await client.diagnostics(uri, closed)).diagnostics).toEqual([]);
    console.log(`[server robustness] 5 MB letter (${(Buffer.byteLength(text) / MiB).toFixed(2)} MiB): "too large" published ${openMs.toFixed(0)} ms after didOpen was sent; hover, outline, code actions and fix-all on it answered in ${featuresMs.toFixed(0)} ms together`);
    await expectStillServes();
  });
});

describe('the size limit counts UTF-8 bytes, as the CLI does', () => {
  const doc = (text: string) => TextDocument.create('file:///letter.md', 'markdown', 1, text);
  it('exactly the limit is linted, one byte more is not; three-byte characters count three times', () => {
    expect(oversize(doc('a'.repeat(MAX_LIVE_LETTER_BYTES)))).toBeUndefined();
    expect(oversize(doc('a'.repeat(MAX_LIVE_LETTER_BYTES + 1)))).toBe(MAX_LIVE_LETTER_BYTES + 1);
    const euros = Math.ceil((MAX_LIVE_LETTER_BYTES + 1) / 3);
    expect(oversize(doc('€'.repeat(euros)))).toBe(euros * 3);
    expect(oversize(doc('📮'.repeat(MAX_LIVE_LETTER_BYTES / 4)))).toBeUndefined();
    expect(oversize(doc(LETTER))).toBeUndefined();
  });
});

describe('10,000 open/change/close cycles', () => {
  const CYCLES = 10_000;
  const BATCH = 250;
  /** A short letter with findings (placeholder, missing sections), so each open is a real lint. */
  const SMALL = 'Dear Mr Okafor,\n\nThank you for your request received on 13 March 2023.\n\n[INSERT FIGURE]\n\nYours sincerely\n';
  /** With its default heap limit (gigabytes) V8 leaves garbage for a full collection much later, so
   * the resident size over 10,000 cycles is a saw tooth of garbage: +22 MiB before the first full
   * collection, level at about 130 MiB from 10,000 to 30,000 cycles when measured. A limit of
   * 128 MiB, two to three times what the server keeps alive, makes V8 collect as it goes: the
   * resident size then follows what the server holds, and a leak cannot hide (it grows, and in the
   * end runs out of memory). */
  const HEAP_LIMIT_MIB = 128;
  let ws: Workspace;
  let client: LspClient;
  beforeAll(async () => {
    ws = new Workspace();
    client = await LspClient.start({ rootDir: ws.dir, argv: [`--max-old-space-size=${HEAP_LIMIT_MIB}`, SERVER, '--stdio'] });
  });
  afterAll(() => {
    client?.kill();
    ws?.dispose();
  });

  it('memory stays flat after a warm-up of 1,000 cycles, every closed letter is cleared, and a letter reopened under the same URI is linted afresh', async () => {
    const barrier = () => client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: ws.uri('barrier.md') } });
    const samples: { cycles: number; rss: number; peak: number }[] = [];
    const started = performance.now();
    for (let n = 0; n < CYCLES; ) {
      for (const end = n + BATCH; n < end; n++) {
        const uri = ws.uri(`cycles/letter-${n}.md`);
        client.open(uri, SMALL);
        client.change(uri, [{ range: { start: { line: 4, character: 1 }, end: { line: 4, character: 7 } }, text: 'ADD' }]);
        client.close(uri);
      }
      // Let the queue drain now and then, as an editor's pauses would.
      await barrier();
      if (n % 1000 === 0) samples.push({ cycles: n, ...residentMiB(client.child.pid!) });
    }
    const ms = performance.now() - started;

    // No state left per letter: each one's last diagnostics are the empty ones its close sent.
    const last = new Map<string, PublishDiagnosticsParams>();
    for (const e of client.events) if (e.kind === 'diagnostics') last.set(e.params.uri, e.params);
    const cycled = [...last.keys()].filter((u) => u.includes('/cycles/'));
    expect(cycled).toHaveLength(CYCLES);
    expect(cycled.filter((u) => last.get(u)!.diagnostics.length > 0)).toEqual([]);
    // A letter reopened under the same URI and the same version as its last lint, but with other
    // text, gets that text's diagnostics, not a lint kept from before it was closed.
    const reopened = cycled[cycled.length - 1];
    const version = Math.max(...client.published(reopened).flatMap((p) => (p.version === undefined ? [] : [p.version])));
    const mark = client.mark();
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: reopened, languageId: 'markdown', version, text: LETTER } });
    expectEngineDiagnostics(await client.diagnostics(reopened, mark), LETTER, ws.path(`cycles/letter-${CYCLES - 1}.md`));

    // Growth after the warm-up: the median of the last three samples against the median of the
    // first three after 1,000 cycles (single samples move with the garbage collector).
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const warm = median(samples.slice(0, 3).map((s) => s.rss));
    const end = median(samples.slice(-3).map((s) => s.rss));
    const fmt = (x: number) => x.toFixed(1);
    console.log(`[server robustness] ${CYCLES} open/change/close cycles in ${(ms / 1000).toFixed(1)} s; server (heap limit ${HEAP_LIMIT_MIB} MiB) RSS in MiB by cycles: ${samples.map((s) => `${s.cycles}: ${fmt(s.rss)}`).join(', ')}; peak ${fmt(Math.max(...samples.map((s) => s.peak)))}; growth after warm-up ${fmt(end - warm)} MiB (median of 8,000-10,000 against 1,000-3,000)`);
    expect(end - warm).toBeLessThan(30);
    expect(client.child.exitCode).toBeNull();
  }, 90_000);
});
