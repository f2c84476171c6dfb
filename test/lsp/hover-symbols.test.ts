import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocumentSymbolRequest, HoverRequest, type DocumentSymbol, type Hover, type MarkupContent, type Range } from 'vscode-languageserver-protocol/node';
import { CONFIG, LETTER, positionOf } from './fixtures.js';
import { LspClient, Workspace } from './harness.js';

/** The same response with Markdown headings for each part, so the outline has a request section. */
const WITH_HEADINGS = LETTER.replace('Thank you for your request received on 13 March 2023, for the following information:', 'Thank you for your request received on 13 March 2023.\n\n## Your request\n\nYou asked for the following information:')
  .replace('\nResponse\n', '\n## Response\n')
  .replace('\nYour rights\n', '\n## Your rights\n');

describe('hover on dates and deadline phrases', () => {
  let ws: Workspace;
  let client: LspClient;
  let uri: string;
  beforeAll(async () => {
    ws = new Workspace();
    ws.write('.foilintrc.json', CONFIG);
    client = await LspClient.start({ rootDir: ws.dir });
    uri = ws.write('letter.md', LETTER);
    client.open(uri, LETTER);
    await client.currentDiagnostics(uri);
  });
  afterAll(() => {
    client?.kill();
    ws?.dispose();
  });

  const hoverAt = async (needle: string, delta = 1, text = LETTER, at = uri) => (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: at }, position: positionOf(text, needle, delta) })) as Hover | null;
  const markdown = (h: Hover | null) => {
    expect(h).not.toBeNull();
    const contents = h!.contents as MarkupContent;
    expect(contents.kind).toBe('markdown');
    return contents.value;
  };

  it('on the date of receipt: day 0, and the due date with the bank holidays that do not count', async () => {
    const h = await hoverAt('13 March 2023', 4);
    const text = markdown(h);
    expect(text).toContain('**Monday 13 March 2023**: day 0 (FOIA)');
    expect(text).toContain('The limit of 20 working days ends on Thursday 13 April 2023');
    expect(text).toContain("St Patrick's Day (Northern Ireland), Good Friday and Easter Monday (England and Wales, Northern Ireland) do not count");
    expect(h!.range).toEqual({ start: positionOf(LETTER, '13 March 2023'), end: positionOf(LETTER, '13 March 2023', 13) });
  });

  it("on the letter's date: its working-day count from receipt, and that it is late", async () => {
    const text = markdown(await hoverAt('24 April 2023'));
    expect(text).toContain('working day 27 of 20, late');
    expect(text).toContain('Monday 24 April 2023 is 27 working days after the request was received on Monday 13 March 2023. The limit of 20 working days ended on Thursday 13 April 2023');
  });

  it('on "20 working days": the due date counted from receipt', async () => {
    const h = await hoverAt('20 working days', 5);
    const text = markdown(h);
    expect(text).toContain('**20 working days** (FOIA)');
    expect(text).toContain('Counted from the day the request was received, Monday 13 March 2023, 20 working days end on Thursday 13 April 2023');
    expect(h!.range).toEqual({ start: positionOf(LETTER, '20 working days'), end: positionOf(LETTER, '20 working days', 15) });
  });

  it('on "within 40 working days" about asking for a review: counted from the date of the letter', async () => {
    const text = LETTER.replace('within two months', 'within 40 working days');
    const at = ws.write('review.md', text);
    client.open(at, text);
    await client.currentDiagnostics(at);
    const value = markdown(await hoverAt('40 working days', 1, text, at));
    expect(value).toContain("Counted from the date of this letter, Monday 24 April 2023, 40 working days end on Thursday 22 June 2023 (Early May bank holiday, King Charles III's Coronation and Spring bank holiday do not count)");
  });

  it('nothing where there is nothing to count: a plain word, a period in months, a reply to a future review', async () => {
    expect(await hoverAt('Dear')).toBeNull();
    expect(await hoverAt('two months')).toBeNull();
    expect(await hoverAt('20 days.')).toBeNull();
  });

  it('a letter without a date of receipt gets no count on its dates', async () => {
    const text = LETTER.replace('received on 13 March 2023', 'about assaults');
    const at = ws.write('no-receipt.md', text);
    client.open(at, text);
    await client.currentDiagnostics(at);
    expect(await hoverAt('24 April 2023', 1, text, at)).toBeNull();
  });
});

describe('document symbols: the letter outline', () => {
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

  const contains = (outer: Range, inner: Range) => {
    const le = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
    return le(outer.start, inner.start) && le(inner.end, outer.end);
  };

  it('sections under their headings, request items under the request, answers under the response; ranges nest', async () => {
    const uri = ws.write('outline.md', WITH_HEADINGS);
    client.open(uri, WITH_HEADINGS);
    await client.currentDiagnostics(uri);
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
    expect(symbols.map((s) => [s.name, s.detail])).toEqual([
      ['Preamble', undefined],
      ['Your request', 'request'],
      ['Response', 'response'],
      ['Your rights', 'rights'],
      // The signature block stands alone like a heading; the letter model makes it a section.
      ['Information Rights Team', undefined],
    ]);
    const [, request, response, rights, signature] = symbols;
    expect(request.selectionRange).toEqual({ start: positionOf(WITH_HEADINGS, '## Your request'), end: positionOf(WITH_HEADINGS, '## Your request', 15) });
    expect(request.children!.map((c) => c.name)).toEqual(['1. How many officers were assaulted on duty in 2023, broken do…', '2. How many of those assaults led to a charge?']);
    expect(response.children!.map((c) => c.name)).toEqual(['Answer 1: The figures are in the table below.', 'Answer 2: [INSERT FIGURE FROM CUSTODY]']);
    expect(rights.children).toBeUndefined();
    expect(signature.children).toBeUndefined();
    const check = (s: DocumentSymbol) => {
      expect(contains(s.range, s.selectionRange), `${s.name}: range holds its selection`).toBe(true);
      for (const c of s.children ?? []) {
        expect(contains(s.range, c.range), `${c.name} lies inside ${s.name}`).toBe(true);
        check(c);
      }
    };
    symbols.forEach(check);
    // An answer's selection is the restated question.
    const doc = client.docs.get(uri)!;
    expect(doc.getText(response.children![1].selectionRange)).toBe('How many of those assaults led to a charge?');
  });

  it('a letter whose request has no heading: its items sit in the section that holds them', async () => {
    const uri = ws.write('plain.md', LETTER);
    client.open(uri, LETTER);
    await client.currentDiagnostics(uri);
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
    expect(symbols.map((s) => s.name)).toEqual(['Preamble', 'Response', 'Your rights', 'Information Rights Team']);
    expect(symbols[0].children!.map((c) => c.detail)).toEqual(['request item', 'request item']);
    expect(symbols[1].children!.map((c) => c.detail)).toEqual(['answer', 'answer']);
  });
});
