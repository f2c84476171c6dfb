import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocumentSymbolRequest, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { CONFIG, engineFindings, LETTER, lspPosition } from './fixtures.js';
import { LspClient, ROOT, Workspace } from './harness.js';

const SEVERITY = { error: 1, warning: 2, info: 3 } as const;

describe('diagnostics from the bundled server over stdio', () => {
  let ws: Workspace;
  let client: LspClient;
  beforeAll(async () => {
    ws = new Workspace();
    ws.write('.foilintrc.json', CONFIG);
    ws.write('info/.foilintrc.json', JSON.stringify({ regime: 'foia', rules: { placeholder: 'info' } }));
    client = await LspClient.start({ rootDir: ws.dir });
  });
  afterAll(() => {
    client?.kill();
    ws?.dispose();
  });

  /** A barrier: the server answers requests in order, so once this returns it has handled every
   * notification sent before it. */
  const barrier = (uri: string) => client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } });

  it('one diagnostic per engine finding: rule id as code, source foilint, a file link to the rule docs, severity, the same range', async () => {
    const uri = ws.write('letter.md', LETTER);
    client.open(uri, LETTER);
    const { diagnostics, version } = await client.currentDiagnostics(uri);
    expect(version).toBe(1);
    const expected = engineFindings(LETTER, ws.path('letter.md'));
    expect(expected.length).toBe(8);
    expect(diagnostics.map((d) => d.code)).toEqual(expected.map((f) => f.ruleId));
    diagnostics.forEach((d, i) => {
      const f = expected[i];
      expect(d.source).toBe('foilint');
      expect(d.message).toBe(f.message);
      expect(d.severity).toBe(SEVERITY[f.severity]);
      expect(d.range).toEqual({ start: lspPosition(f.startPos), end: lspPosition(f.endPos) });
      expect(d.codeDescription?.href).toBe(pathToFileURL(join(ROOT, 'rules', 'docs', `${f.ruleId}.md`)).href);
      expect(existsSync(fileURLToPath(d.codeDescription!.href))).toBe(true);
      expect(d.data).toMatchObject({ version: 1, start: f.start, end: f.end });
      expect(!!(d.data as { fix?: unknown }).fix).toBe(!!f.fix);
    });
    expect(new Set(diagnostics.map((d) => d.severity))).toEqual(new Set([1, 2]));
  });

  it('an info finding is an Information diagnostic (a config lowers placeholder to info)', async () => {
    const uri = ws.write('info/letter.md', LETTER);
    client.open(uri, LETTER);
    const { diagnostics } = await client.currentDiagnostics(uri);
    expect(diagnostics.find((d) => d.code === 'placeholder')?.severity).toBe(3);
  });

  it('sends foilint/status after a lint: config file, regime, time and problem count', async () => {
    const uri = ws.write('status.md', LETTER);
    const mark = client.mark();
    client.open(uri, LETTER);
    const status = await client.status(uri, mark);
    expect(status).toMatchObject({ uri, configFile: ws.path('.foilintrc.json'), regime: 'foia', problems: 8 });
    expect(status.lintMs).toBeGreaterThan(0);
  });

  it('ranges are UTF-16 positions on CRLF text with astral characters before the finding', async () => {
    const text = LETTER.replace('If you are unhappy', '📮📮 If you are unhappy').replace(/\n/g, '\r\n');
    const uri = ws.write('crlf.md', text);
    client.open(uri, text);
    const { diagnostics } = await client.currentDiagnostics(uri);
    const expected = engineFindings(text, ws.path('crlf.md'));
    expect(diagnostics.map((d) => d.range)).toEqual(expected.map((f) => ({ start: lspPosition(f.startPos), end: lspPosition(f.endPos) })));
    const doc = client.docs.get(uri)!;
    const postcode = diagnostics.find((d) => d.code === 'ico-details')!;
    expect(doc.getText(postcode.range)).toBe('SK9 5AX');
    expect(postcode.range.start.character).toBe(LETTER.split('\n')[32].indexOf('SK9 5AX') + '📮📮 '.length);
  });

  it('lints the unsaved text as it changes: a fix typed into the letter clears its diagnostic', async () => {
    const uri = ws.write('typing.md', LETTER);
    client.open(uri, LETTER);
    await client.currentDiagnostics(uri);
    const at = client.text(uri).indexOf('SK9 5AX');
    const start = client.docs.get(uri)!.positionAt(at);
    const mark = client.mark();
    client.change(uri, [{ range: { start, end: { line: start.line, character: start.character + 7 } }, text: 'SK9 5AF' }]);
    const { diagnostics, version } = await client.currentDiagnostics(uri, mark);
    expect(version).toBe(2);
    expect(diagnostics.filter((d) => d.code === 'ico-details').map((d) => d.message)).toEqual([expect.stringMatching(/01625 545 745/)]);
  });

  it('50 edits sent without waiting: the last diagnostics are for the last version and no older version is published after a newer one', async () => {
    const uri = ws.write('burst.md', LETTER);
    client.open(uri, LETTER);
    await client.currentDiagnostics(uri);
    const mark = client.mark();
    // 49 keystrokes at the end of the letter, then the restated question fixed.
    for (let i = 0; i < 49; i++) {
      const end = client.docs.get(uri)!.positionAt(client.text(uri).length);
      client.change(uri, [{ range: { start: end, end }, text: i % 10 === 9 ? '\n' : 'x' }]);
    }
    const wrong = client.text(uri).indexOf('in 2022, broken down');
    const from = client.docs.get(uri)!.positionAt(wrong + 3);
    const last = client.change(uri, [{ range: { start: from, end: { line: from.line, character: from.character + 4 } }, text: '2023' }]);
    expect(last).toBe(51);
    const final = await client.diagnostics(uri, mark, (p) => p.version === last);
    await barrier(uri);
    const versions = client.published(uri, mark).map((p) => p.version!);
    expect(versions[versions.length - 1]).toBe(last);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    // Coalesced: far fewer lints than edits.
    expect(versions.length).toBeLessThan(50);
    expect(final.diagnostics.map((d) => d.code)).toEqual(engineFindings(client.text(uri), ws.path('burst.md')).map((f) => f.ruleId));
    expect(final.diagnostics.some((d: Diagnostic) => d.code === 'question-wording')).toBe(false);
  });

  it('an untitled letter is linted with the config of the first workspace folder', async () => {
    const uri = 'untitled:Untitled-1';
    const mark = client.mark();
    client.open(uri, LETTER);
    const { diagnostics } = await client.currentDiagnostics(uri, mark);
    expect(diagnostics.map((d) => d.code)).toEqual(engineFindings(LETTER, ws.path('untitled.md')).map((f) => f.ruleId));
    expect((await client.status(uri, mark)).configFile).toBe(ws.path('.foilintrc.json'));
  });

  it('a letter the config ignores gets no diagnostics', async () => {
    const uri = ws.write('archive/old.md', LETTER);
    const mark = client.mark();
    client.open(uri, LETTER);
    const { diagnostics } = await client.currentDiagnostics(uri, mark);
    expect(diagnostics).toEqual([]);
    expect((await client.status(uri, mark)).problems).toBe(0);
  });

  it('closing a letter clears its diagnostics', async () => {
    const uri = ws.write('closing.md', LETTER);
    client.open(uri, LETTER);
    await client.currentDiagnostics(uri);
    const mark = client.mark();
    client.close(uri);
    expect((await client.diagnostics(uri, mark)).diagnostics).toEqual([]);
  });
});

describe('lintOn: save', () => {
  let ws: Workspace;
  let client: LspClient;
  beforeAll(async () => {
    ws = new Workspace();
    ws.write('.foilintrc.json', CONFIG);
    client = await LspClient.start({ rootDir: ws.dir, initializationOptions: { lintOn: 'save' } });
  });
  afterAll(() => {
    client?.kill();
    ws?.dispose();
  });

  it('lints on open and on save, not on each edit; a settings change back to type lints edits again', async () => {
    const uri = ws.write('letter.md', LETTER);
    client.open(uri, LETTER);
    expect((await client.currentDiagnostics(uri)).version).toBe(1);
    const mark = client.mark();
    const v2 = client.change(uri, LETTER.replace('SK9 5AX', 'SK9 5AF'));
    await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } });
    expect(client.published(uri).some((p) => p.version === v2)).toBe(false);
    client.save(uri);
    const saved = await client.diagnostics(uri, mark);
    expect(saved.version).toBe(v2);
    expect(saved.diagnostics.filter((d) => d.code === 'ico-details')).toHaveLength(1);

    const before = client.mark();
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { foilint: { lintOn: 'type' } } });
    const v3 = client.change(uri, LETTER);
    const typed = await client.diagnostics(uri, before, (p) => p.version === v3);
    expect(typed.diagnostics.filter((d) => d.code === 'ico-details')).toHaveLength(2);
  });
});
