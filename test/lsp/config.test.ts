import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocumentSymbolRequest, FileChangeType, MessageType } from 'vscode-languageserver-protocol/node';
import { ConfigError, readConfigFile } from '../../server/src/host/config.js';
import { CONFIG, engineFindings, LETTER } from './fixtures.js';
import { LspClient, Workspace } from './harness.js';

const codes = (p: { diagnostics: { code?: string | number }[] }) => p.diagnostics.map((d) => d.code);

/** Where the host places the error of a config file. */
function configError(path: string): ConfigError {
  try {
    readConfigFile(path);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error(`${path} has no error`);
}

describe('config files: watched, reloaded, broken, deleted', () => {
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

  it('the server asks the client to watch every config file name', async () => {
    const registration = await client.registration('workspace/didChangeWatchedFiles');
    expect(registration.registerOptions).toEqual({ watchers: [{ globPattern: '**/.foilintrc{,.json,.jsonc,.yaml,.yml}' }] });
  });

  it('a config that turns a rule off, reported by the watcher, re-lints the open letters', async () => {
    const uri = ws.write('a/letter.md', LETTER);
    ws.write('a/.foilintrc.json', CONFIG);
    client.open(uri, LETTER);
    expect(codes(await client.currentDiagnostics(uri))).toContain('placeholder');
    const mark = client.mark();
    const configUri = ws.write('a/.foilintrc.json', JSON.stringify({ regime: 'foia', rules: { placeholder: 'off' } }));
    client.filesChanged([{ uri: configUri, type: FileChangeType.Changed }]);
    const after = await client.diagnostics(uri, mark);
    expect(codes(after)).not.toContain('placeholder');
    expect(codes(after)).toEqual(engineFindings(LETTER, ws.path('a/letter.md')).map((f) => f.ruleId));
  });

  it('a broken config is one diagnostic on the config file; the letter is still linted with the defaults; fixing it clears the diagnostic', async () => {
    const uri = ws.write('b/letter.md', LETTER);
    ws.write('b/.foilintrc.json', JSON.stringify({ regime: 'foia', rules: { placeholder: 'off' } }));
    client.open(uri, LETTER);
    expect(codes(await client.currentDiagnostics(uri))).not.toContain('placeholder');

    const mark = client.mark();
    const configUri = ws.write('b/.foilintrc.json', '{\n  "regime": "foia",\n  "rules": { "placeholder": "of" }\n}\n');
    client.filesChanged([{ uri: configUri, type: FileChangeType.Changed }]);
    const problem = await client.diagnostics(configUri, mark);
    const expected = configError(ws.path('b/.foilintrc.json'));
    expect(problem.diagnostics).toHaveLength(1);
    expect(problem.diagnostics[0]).toMatchObject({ source: 'foilint', code: 'config-problem', severity: 1, range: { start: { line: expected.line - 1, character: expected.column - 1 } } });
    expect(problem.diagnostics[0].message).toContain(expected.detail);
    expect(problem.diagnostics[0].range.start.line).toBe(2);
    const letter = await client.diagnostics(uri, mark);
    // The defaults: placeholder is back on.
    expect(codes(letter)).toContain('placeholder');
    const warning = await client.waitFor('a warning in the log', (e) => (e.kind === 'log' && e.params.type === MessageType.Warning && e.params.message.includes('.foilintrc.json') ? e.params : undefined), mark);
    expect(warning.message).toMatch(/default config until it is fixed/);

    const fixedMark = client.mark();
    ws.write('b/.foilintrc.json', JSON.stringify({ regime: 'foia', rules: { placeholder: 'off' } }));
    client.filesChanged([{ uri: configUri, type: FileChangeType.Changed }]);
    expect((await client.diagnostics(configUri, fixedMark)).diagnostics).toEqual([]);
    expect(codes(await client.diagnostics(uri, fixedMark))).not.toContain('placeholder');
  });

  it('a YAML syntax error is placed at its line in the YAML file', async () => {
    const uri = ws.write('y/letter.md', LETTER);
    const configUri = ws.write('y/.foilintrc.yaml', 'regime: foia\nrules:\n  placeholder: [off\n');
    const mark = client.mark();
    client.open(uri, LETTER);
    const problem = await client.diagnostics(configUri, mark);
    const expected = configError(ws.path('y/.foilintrc.yaml'));
    expect(problem.diagnostics[0].range.start).toEqual({ line: expected.line - 1, character: expected.column - 1 });
    expect(codes(await client.diagnostics(uri, mark))).toContain('placeholder');
  });

  it('a config deleted mid-session: the letters fall back to the next config up', async () => {
    const uri = ws.write('c/d/letter.md', LETTER);
    const nested = ws.write('c/d/.foilintrc.json', JSON.stringify({ regime: 'foia', rules: { placeholder: 'off' } }));
    const mark = client.mark();
    client.open(uri, LETTER);
    expect(codes(await client.diagnostics(uri, mark))).not.toContain('placeholder');
    expect((await client.status(uri, mark)).configFile).toBe(ws.path('c/d/.foilintrc.json'));
    const deleted = client.mark();
    ws.remove('c/d/.foilintrc.json');
    client.filesChanged([{ uri: nested, type: FileChangeType.Deleted }]);
    expect(codes(await client.diagnostics(uri, deleted))).toContain('placeholder');
    expect((await client.status(uri, deleted)).configFile).toBe(ws.path('.foilintrc.json'));
  });
});

describe('config files with a client that reports no file changes (e.g. Neovim 0.7)', () => {
  let ws: Workspace;
  let client: LspClient;
  beforeAll(async () => {
    ws = new Workspace();
    ws.write('.foilintrc.json', CONFIG);
    client = await LspClient.start({ rootDir: ws.dir, capabilities: { textDocument: { synchronization: { didSave: true } } } });
  });
  afterAll(() => {
    client?.kill();
    ws?.dispose();
  });

  it('registers no watcher, and notices an edited config when a letter is saved', async () => {
    // Requests are answered in order: once this one is, a registration would have arrived.
    await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: ws.uri('none.md') } });
    expect(client.registrations).toEqual([]);
    const uri = ws.write('letter.md', LETTER);
    client.open(uri, LETTER);
    expect(codes(await client.currentDiagnostics(uri))).toContain('placeholder');
    ws.write('.foilintrc.json', JSON.stringify({ regime: 'foia', rules: { placeholder: 'off' } }));
    const mark = client.mark();
    client.save(uri);
    expect(codes(await client.diagnostics(uri, mark))).not.toContain('placeholder');
  });
});
