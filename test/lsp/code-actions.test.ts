import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CodeActionRequest, CodeActionResolveRequest, ExecuteCommandRequest, type CodeAction, type Diagnostic, type Range } from 'vscode-languageserver-protocol/node';
import { fixAll } from '../../server/src/engine/index.js';
import { clearConfigCache, loadConfigFor } from '../../server/src/host/config.js';
import { CONFIG, engineFindings, LETTER } from './fixtures.js';
import { LspClient, Workspace } from './harness.js';

describe('code actions', () => {
  let ws: Workspace;
  let client: LspClient;
  let n = 0;
  beforeAll(async () => {
    ws = new Workspace();
    ws.write('.foilintrc.json', CONFIG);
    client = await LspClient.start({ rootDir: ws.dir });
  });
  afterAll(() => {
    client?.kill();
    ws?.dispose();
  });

  /** Opens a fresh copy of a letter and waits for its diagnostics. */
  async function openLetter(text = LETTER): Promise<{ uri: string; path: string; diagnostics: Diagnostic[] }> {
    const name = `letter-${++n}.md`;
    const uri = ws.write(name, text);
    client.open(uri, text);
    const { diagnostics } = await client.currentDiagnostics(uri);
    return { uri, path: ws.path(name), diagnostics };
  }

  const actionsFor = (uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]) =>
    client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics, ...(only ? { only } : {}) } }) as Promise<CodeAction[]>;

  /** Applies an action's edit as the editor would and waits for the diagnostics of the result. */
  async function apply(uri: string, action: CodeAction): Promise<Diagnostic[]> {
    expect(action.edit, `${action.title} has an edit`).toBeDefined();
    const mark = client.mark();
    client.applyWorkspaceEdit(action.edit!);
    return (await client.currentDiagnostics(uri, mark)).diagnostics;
  }

  const engineFixAll = (text: string, path: string) => {
    clearConfigCache();
    return fixAll(text, { path, config: loadConfigFor(path).config }).text;
  };

  it('the rule fix comes first, preferred; applying it clears the finding', async () => {
    const { uri, diagnostics } = await openLetter();
    const wording = diagnostics.find((d) => d.code === 'question-wording')!;
    const actions = await actionsFor(uri, wording.range, [wording]);
    expect(actions[0]).toMatchObject({ title: "Restore the requester's wording", kind: 'quickfix', isPreferred: true });
    expect(actions[0].diagnostics?.[0]).toMatchObject({ code: 'question-wording', range: wording.range });
    expect(actions.filter((a) => a.isPreferred)).toHaveLength(1);
    expect(actions.map((a) => a.title)).toEqual([
      "Restore the requester's wording",
      'Disable question-wording for this block',
      'Disable question-wording for this file',
      'Open docs for question-wording',
      'Fix all foilint problems',
    ]);
    const after = await apply(uri, actions[0]);
    expect(after.map((d) => d.code)).not.toContain('question-wording');
    expect(client.text(uri).split('in 2023, broken down by month?')).toHaveLength(3);
  });

  it('a rule without a fix gets disable and docs actions; "Open docs" is the foilint.openDocs command with the docs URI', async () => {
    const { uri, diagnostics } = await openLetter();
    const placeholder = diagnostics.find((d) => d.code === 'placeholder')!;
    const actions = await actionsFor(uri, placeholder.range, [placeholder]);
    expect(actions.some((a) => a.isPreferred)).toBe(false);
    const docs = actions.find((a) => a.title === 'Open docs for placeholder')!;
    expect(docs.command).toEqual({ title: 'Open docs for placeholder', command: 'foilint.openDocs', arguments: [placeholder.codeDescription!.href] });
    expect(await client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'foilint.openDocs', arguments: [placeholder.codeDescription!.href] })).toBeNull();
  });

  it('"Fix all ico-details problems" (two fixable findings) fixes both', async () => {
    const { uri, diagnostics } = await openLetter();
    const ico = diagnostics.filter((d) => d.code === 'ico-details');
    expect(ico).toHaveLength(2);
    const actions = await actionsFor(uri, ico[0].range, [ico[0]]);
    const all = actions.find((a) => a.title === 'Fix all ico-details problems')!;
    expect(all.kind).toBe('quickfix');
    const after = await apply(uri, all);
    expect(after.map((d) => d.code)).not.toContain('ico-details');
    expect(client.text(uri)).toContain('SK9 5AF. Telephone: 0303 123 1113.');
    // A rule with one fixable finding has no "Fix all" of its own.
    const review = after.find((d) => d.code === 'review-window')!;
    expect((await actionsFor(uri, review.range, [review])).map((a) => a.title)).not.toContain('Fix all review-window problems');
  });

  it('"Fix all foilint problems" is resolved on demand and gives the letter foilint --fix would write', async () => {
    const { uri, path, diagnostics } = await openLetter();
    const any = diagnostics.find((d) => d.code === 'placeholder')!;
    const action = (await actionsFor(uri, any.range, [any])).find((a) => a.title === 'Fix all foilint problems')!;
    expect(action.edit).toBeUndefined();
    const resolved = (await client.connection.sendRequest(CodeActionResolveRequest.type, action)) as CodeAction;
    const expected = engineFixAll(LETTER, path);
    const after = await apply(uri, resolved);
    expect(client.text(uri)).toBe(expected);
    expect(after.filter((d) => (d.data as { fix?: unknown }).fix)).toEqual([]);
    expect(after.map((d) => d.code)).toEqual(engineFindings(expected, path).map((f) => f.ruleId));
  });

  it('source.fixAll.foilint (editor.codeActionsOnSave) applies the safe fixes only, in small edits', async () => {
    const { uri, path } = await openLetter();
    const whole: Range = { start: { line: 0, character: 0 }, end: client.docs.get(uri)!.positionAt(LETTER.length) };
    const actions = await actionsFor(uri, whole, [], ['source.fixAll']);
    expect(actions.map((a) => [a.title, a.kind])).toEqual([['Fix all foilint problems (safe fixes)', 'source.fixAll.foilint']]);
    const edit = actions[0].edit!;
    const edits = edit.documentChanges![0];
    expect('edits' in edits && edits.edits.length).toBe(5);
    expect('textDocument' in edits && edits.textDocument.version).toBe(1);
    await apply(uri, actions[0]);
    expect(client.text(uri)).toBe(engineFixAll(LETTER, path));
    // Nothing left to fix: no action.
    expect(await actionsFor(uri, whole, [], ['source.fixAll.foilint'])).toEqual([]);
    // A quickfix-only request gets no source action.
    expect((await actionsFor(uri, whole, [], ['quickfix'])).some((a) => a.kind === 'source.fixAll.foilint')).toBe(false);
  });

  it('the foilint.applyFixAll command sends workspace/applyEdit with every safe fix', async () => {
    const { uri, path } = await openLetter();
    const mark = client.mark();
    const result = await client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'foilint.applyFixAll', arguments: [uri] });
    expect(result).toMatchObject({ applied: true });
    const applied = await client.waitFor('workspace/applyEdit', (e) => (e.kind === 'applyEdit' ? e.params : undefined), mark);
    expect(applied.label).toBe('foilint: fix all');
    expect(client.text(uri)).toBe(engineFixAll(LETTER, path));
    const { diagnostics } = await client.currentDiagnostics(uri, mark);
    expect(diagnostics.filter((d) => (d.data as { fix?: unknown }).fix)).toEqual([]);
  });

  it('"Disable placeholder for this block" silences it with a comment the directives rule finds used', async () => {
    const { uri, diagnostics } = await openLetter();
    const placeholder = diagnostics.find((d) => d.code === 'placeholder')!;
    const action = (await actionsFor(uri, placeholder.range, [placeholder])).find((a) => a.title === 'Disable placeholder for this block')!;
    const after = await apply(uri, action);
    expect(client.text(uri)).toContain('<!-- foilint-disable-next-block placeholder -- reason -->\n[INSERT FIGURE FROM CUSTODY]');
    expect(after.map((d) => d.code)).not.toContain('placeholder');
    expect(after.map((d) => d.code)).not.toContain('directives');
    expect(after).toHaveLength(diagnostics.length - 1);
  });

  it('"Disable … for this file" goes after the front matter, and a second rule joins the same comment', async () => {
    const text = `---\ntemplate: default\n---\n${LETTER}`;
    const { uri, diagnostics } = await openLetter(text);
    const placeholder = diagnostics.find((d) => d.code === 'placeholder')!;
    const first = (await actionsFor(uri, placeholder.range, [placeholder])).find((a) => a.title === 'Disable placeholder for this file')!;
    const after = await apply(uri, first);
    expect(client.text(uri).startsWith('---\ntemplate: default\n---\n<!-- foilint-disable-file placeholder -->\nNorthgate Police')).toBe(true);
    expect(after.map((d) => d.code)).not.toContain('placeholder');
    const answered = after.find((d) => d.code === 'question-answered')!;
    const second = (await actionsFor(uri, answered.range, [answered])).find((a) => a.title === 'Disable question-answered for this file')!;
    const final = await apply(uri, second);
    expect(client.text(uri)).toContain('<!-- foilint-disable-file placeholder question-answered -->\n');
    expect(final.map((d) => d.code)).not.toContain('question-answered');
    expect(final.map((d) => d.code)).not.toContain('directives');
  });

  it('a request naming diagnostics of an older version is answered against the current text', async () => {
    const { uri, diagnostics } = await openLetter();
    const postcode = diagnostics.find((d) => d.code === 'ico-details')!;
    // Two lines inserted at the top: the old diagnostic's range is now two lines too high.
    const mark = client.mark();
    client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'DRAFT\n\n' }]);
    await client.currentDiagnostics(uri, mark);
    const stale = { ...postcode, range: { start: { line: postcode.range.start.line + 2, character: 0 }, end: { line: postcode.range.start.line + 2, character: 400 } } };
    const actions = await actionsFor(uri, stale.range, [postcode]);
    const fix = actions.find((a) => a.isPreferred && a.title === 'Write "SK9 5AF"')!;
    await apply(uri, fix);
    expect(client.text(uri)).toContain('Cheshire, SK9 5AF.');
    expect(client.text(uri).startsWith('DRAFT\n\nNorthgate Police')).toBe(true);
  });

  it('on CRLF text with astral characters the edits land where the engine puts them', async () => {
    const text = LETTER.replace('If you are unhappy', '📮📮 If you are unhappy').replace(/\n/g, '\r\n');
    const { uri, path, diagnostics } = await openLetter(text);
    const postcode = diagnostics.find((d) => d.code === 'ico-details')!;
    const fix = (await actionsFor(uri, postcode.range, [postcode]))[0];
    await apply(uri, fix);
    expect(client.text(uri)).toBe(text.replace('SK9 5AX', 'SK9 5AF'));
    const whole: Range = { start: { line: 0, character: 0 }, end: client.docs.get(uri)!.positionAt(client.text(uri).length) };
    const [fixAllOnSave] = await actionsFor(uri, whole, [], ['source.fixAll.foilint']);
    await apply(uri, fixAllOnSave);
    expect(client.text(uri)).toBe(engineFixAll(text, path));
    expect(client.text(uri)).not.toMatch(/[^\r]\n/);
    const block = await openLetter(text);
    const placeholder = block.diagnostics.find((d) => d.code === 'placeholder')!;
    const disable = (await actionsFor(block.uri, placeholder.range, [placeholder])).find((a) => a.title === 'Disable placeholder for this block')!;
    const after = await apply(block.uri, disable);
    expect(client.text(block.uri)).toContain('<!-- foilint-disable-next-block placeholder -- reason -->\r\n[INSERT FIGURE');
    expect(after.map((d) => d.code)).not.toContain('placeholder');
    expect(after.map((d) => d.code)).not.toContain('directives');
  });

  it('a cursor inside a finding with no diagnostics named still gets its actions', async () => {
    const { uri, diagnostics } = await openLetter();
    const days = diagnostics.find((d) => d.code === 'working-days')!;
    const actions = await actionsFor(uri, { start: days.range.start, end: days.range.start }, []);
    expect(actions[0]).toMatchObject({ title: 'Replace "20 days" with "20 working days"', isPreferred: true });
  });
});

describe('code actions for a client without resolve or versioned edits (e.g. Neovim 0.7)', () => {
  let ws: Workspace;
  let client: LspClient;
  beforeAll(async () => {
    ws = new Workspace();
    ws.write('.foilintrc.json', CONFIG);
    client = await LspClient.start({ rootDir: ws.dir, capabilities: { textDocument: { codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } } } } });
  });
  afterAll(() => {
    client?.kill();
    ws?.dispose();
  });

  it('every edit comes with the action, as plain `changes`', async () => {
    const uri = ws.write('letter.md', LETTER);
    client.open(uri, LETTER);
    const { diagnostics } = await client.currentDiagnostics(uri);
    const ico = diagnostics.find((d) => d.code === 'ico-details')!;
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: ico.range, context: { diagnostics: [ico] } })) as CodeAction[];
    expect(actions.filter((a) => !a.command).every((a) => a.edit?.changes?.[uri] && !a.edit.documentChanges)).toBe(true);
    const all = actions.find((a) => a.title === 'Fix all foilint problems')!;
    expect(all.data).toBeUndefined();
    // A diagnostic handed back with only its code and data (what Neovim 0.7 keeps in
    // user_data.lsp), even without a range in the request, still finds its finding.
    const bare = { code: ico.code, data: ico.data } as unknown as Diagnostic;
    const fromBare = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, context: { diagnostics: [bare] } } as never)) as CodeAction[];
    expect(fromBare[0]).toMatchObject({ title: actions[0].title, isPreferred: true });
    client.applyWorkspaceEdit(all.edit!);
    expect(client.text(uri)).toBe(fixAll(LETTER, { path: ws.path('letter.md'), config: loadConfigFor(ws.path('letter.md')).config }).text);
  });
});

