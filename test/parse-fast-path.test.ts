/** parse.ts parses a letter without GFM and front matter when it cannot hold a table, a footnote
 * definition or front matter (for speed). These tests show the two parsers give the same tree. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { needsFullParser, parseMarkdown } from '../server/src/engine/parse.js';

const same = (text: string) => expect(JSON.stringify(parseMarkdown(text))).toBe(JSON.stringify(parseMarkdown(text, { fastPath: false })));

/** Block and inline pieces of letters, GFM syntax included (task items, strike-through, literal
 * links, e-mail addresses), but none of the three that need the full parser. */
const PIECES = [
  'Dear Ms Okafor,', 'Response', '## Your rights', '# Title', 'Title', '===', '---', '***', '', '   ', '> quoted request', '> > nested', '- item', '* item', '+ item', '  - nested item',
  '1. How many potholes?', '2) Second question', '- [ ] task', '- [x] done', '~~struck~~ text', 'www.example.gov.uk', 'https://ico.org.uk/make-a-complaint/', 'foi@council.gov.example',
  '**Question 1:** bold', '*emphasis* and _more_', '`code`', '    indented code', '```', '```js', '~~~', '<!-- foilint-disable-next-block placeholder -->', '<div>', '</div>', '<br>',
  '[link](http://x)', '[ref]: http://x', '[INSERT FIGURE]', '{{requester_name}}', 'Line with trailing spaces  ', 'a\\', '&amp; &#35;', 'Telephone 0303 123 1113', 'SK9 5AF', '- ', '1.', '>',
];

function letters(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) out.push(...letters(join(dir, e.name)));
    else if (/\.(md|txt)$/.test(e.name)) out.push(readFileSync(join(dir, e.name), 'utf8'));
  }
  return out;
}

describe('the fast path of the parser', () => {
  it('is taken only when the letter has no "|", no "[^", no ":-" or "-:" and does not open with "---"', () => {
    expect(needsFullParser('Dear Sir,\n\nThe figures are below.\n')).toBe(false);
    expect(needsFullParser('| Year | Number |\n|---|---|\n| 2022 | 4 |\n')).toBe(true);
    expect(needsFullParser('See the note.[^1]\n\n[^1]: A footnote.\n')).toBe(true);
    expect(needsFullParser('---\nregime: foia\n---\nDear Sir,\n')).toBe(true);
    expect(needsFullParser('Dear Sir,\n\n---\n\nYours,\n')).toBe(false);
    // A one-column table needs no "|".
    expect(needsFullParser('Total\n:--\n12\n')).toBe(true);
  });

  it('gives the same tree as the full parser on the example letters', () => {
    const texts = letters(join(process.cwd(), 'examples'));
    expect(texts.length).toBeGreaterThan(3);
    for (const text of texts) {
      same(text);
      const noTables = text.replace(/\|/g, '/');
      if (!needsFullParser(noTables)) same(noTables);
    }
  });

  it('gives the same tree as the full parser on any mix of letter pieces', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }), fc.constantFrom('\n', '\r\n', '\n\n'), (pieces, eol) => {
        const text = pieces.join(eol);
        expect(needsFullParser(text) && !text.startsWith('---')).toBe(false);
        same(text);
      }),
      { numRuns: 400 },
    );
  });
});
