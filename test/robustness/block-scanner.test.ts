/** The block scanner (server/src/engine/block-scanner.ts) parses the plain shapes of most letters
 * without micromark. These tests hold it to stock remark wherever it gives a tree, and show where it
 * must step aside. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import type { Nodes, Root } from 'mdast';
import { scanBlocks } from '../../server/src/engine/block-scanner.js';
import type { BlockNode } from '../../server/src/engine/parse.js';

const stock = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']);
const INLINE = new Set(['text', 'emphasis', 'strong', 'delete', 'inlineCode', 'link', 'linkReference', 'image', 'imageReference', 'footnoteReference', 'break', 'html']);

/** Types, positions, depth, ordered, start and front matter: what the engine's tree keeps. */
function skeleton(node: Nodes | BlockNode): unknown {
  const p = node.position!;
  const own: Record<string, unknown> = { type: node.type, at: [p.start.line, p.start.column, p.start.offset, p.end.line, p.end.column, p.end.offset] };
  for (const k of ['depth', 'ordered', 'start'] as const) if (k in node) own[k] = (node as unknown as Record<string, unknown>)[k];
  if (node.type === 'yaml') own.value = (node as { value: string }).value;
  if ('children' in node) {
    const leaf = node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell';
    const blocks = (node.children as (Nodes | BlockNode)[]).filter((c) => !(leaf && INLINE.has(c.type)));
    if (blocks.length) own.children = blocks.map(skeleton);
  }
  return own;
}

/** Lines of letters: what the scanner reads, in its variants, and what it must leave to micromark. */
const LINES = [
  // paragraphs, lazy and indented lines
  'Dear Ms Okafor,', 'The figure was 95.9 FTE.', '  indented text', '    four spaces', '       seven spaces', 'trailing spaces   ', '', '', '   ',
  '2019. was the year', '1.5 million', '-5% on last year', '**Question 1** bold', '=SUM(A1)', '#5 on the list', '####### seven hashes', '[publication scheme](https://x.example)', '[INSERT NAME]', ': a colon first',
  // headings
  '# Title', '## Your rights', '   ### Indented heading ##  ', '#', '## ',
  // lists
  '- item', '* star item', '+ plus item', '1. How many?', '2. What budget?', '10) tenth', '1.  two spaces', '-    four spaces', '  - indented item', '   continued item text', '  continued', '- ', '1.', '-     code in item', '- # heading in item', '- > quote in item', '  - nested?',
  // quotes
  '> quoted request', '>no space', '> ', '>', '>  two spaces', '>     code in quote', '> - list in quote', '> # heading in quote', '> | a | b |',
  // tables
  '| Year | Number |', '|---|---|', '| :-- | --: |', '| 2022 | 4 |', 'a | b', '--|--', '| x || y |', '|-|-|-|', '| c |', 'Total', ':--', '--:', '| a \\| b |', '| `a|b` | c |',
  // HTML, breaks, setext, definitions, code
  '<!-- foilint-disable placeholder -->', '<!-- c --> text', '<div>', '***', '---', '- - -', '___', '===', '[ref]: http://x', '[^1]: note', '```', '~~~', '    code',
];

const FRONT = ['', '---\nregime: foia\n---\n', '---\n---\n', '---  \na: 1\n---  \n', '---\nunclosed\n'];

function treeOf(text: string) {
  return skeleton(stock.parse(text) as Root);
}

describe('the block scanner', () => {
  it('gives stock remark\'s blocks wherever it gives a tree (random mixes, LF and CRLF)', () => {
    let scanned = 0;
    let runs = 0;
    fc.assert(
      fc.property(fc.constantFrom(...FRONT), fc.array(fc.constantFrom(...LINES), { maxLength: 14 }), fc.constantFrom('\n', '\r\n'), (front, lines, eol) => {
        const text = (front + lines.join('\n')).replace(/\n/g, eol);
        const tree = scanBlocks(text);
        runs++;
        if (!tree) return;
        scanned++;
        expect(skeleton(tree), JSON.stringify(text)).toEqual(treeOf(text));
      }),
      { numRuns: 20000 },
    );
    // The mixes are built so that the scanner takes many of them: the test says something.
    expect(scanned / runs).toBeGreaterThan(0.2);
    console.log(`block scanner: took ${scanned} of ${runs} random letters, all as remark parses them`);
  });

  it('gives stock remark\'s blocks on long letters of the shapes it reads (random mixes)', () => {
    // The lines above less those that make it step aside wherever they fall.
    const reads = LINES.filter((l) => !/^(?:- $|1\.$|-     |- #|- >|  - |>     |> -|> #|\*\*\*|---|- - -|___|===|\[ref|\[\^|```|~~~|<div|<!-- c -->|:--|--:|--\||.*\\\||.*`)/.test(l));
    let scanned = 0;
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...reads), { minLength: 10, maxLength: 40 }), (lines) => {
        const text = lines.join('\n');
        const tree = scanBlocks(text);
        if (!tree) return;
        scanned++;
        expect(skeleton(tree), JSON.stringify(text)).toEqual(treeOf(text));
      }),
      { numRuns: 3000 },
    );
    expect(scanned).toBeGreaterThan(300);
    console.log(`block scanner: took ${scanned} of 3000 long random letters`);
  });

  it('reads tables as remark does wherever they start and whatever ends them', () => {
    // A head with its delimiter row is one piece, twice, so that most mixes hold a table.
    const ROWS = ['| Year | Number |\n|---|---:|', 'a | b\n--|--', '| Year | Number |', '|---|---:|', '| 2023 | 412 |', 'a | b', '--|--', '| a || b |', '|-|-|-|', 'x y', 'text', '', '# Heading', '> quote', '<!-- c -->', '- item', '1. item', '2. item', '    indented', '| a \\| b |', '   | indented | row |'];
    let scanned = 0;
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...ROWS), { maxLength: 12 }), fc.constantFrom('\n', '\r\n'), (lines, eol) => {
        const text = lines.join('\n').replace(/\n/g, eol);
        const tree = scanBlocks(text);
        if (!tree) return;
        if (tree.children.some((c) => c.type === 'table')) scanned++;
        expect(skeleton(tree), JSON.stringify(text)).toEqual(treeOf(text));
      }),
      { numRuns: 5000 },
    );
    expect(scanned).toBeGreaterThan(200);
  });

  it('gives stock remark\'s blocks on every fixture letter and example it takes, and takes most', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(dir, e.name));
        else if (/\.(md|txt)$/.test(e.name)) files.push(join(dir, e.name));
      }
    };
    for (const d of ['test/rules', 'examples', 'test/templates']) walk(d);
    let scanned = 0;
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      const tree = scanBlocks(text);
      if (!tree) continue;
      scanned++;
      expect(skeleton(tree), f).toEqual(treeOf(text));
    }
    expect(scanned / files.length).toBeGreaterThan(0.8);
  });

  it('reads a typical letter: headings, a quoted request, numbered answers, a table, front matter', () => {
    const text = [
      '---', 'regime: foia', '---', 'Dear Ms Okafor,', '', '## Your request', '', '> Please tell me how many potholes', 'were repaired in 2023.', '',
      '1. How many potholes?', '   We repaired 412.', '', '2. What did it cost?', 'It cost £88,000', '', '| Year | Number |', '|---|---:|', '| 2023 | 412 |', '',
      '<!-- foilint-disable placeholder -->', 'Yours sincerely,', '',
    ].join('\n');
    const tree = scanBlocks(text);
    expect(tree).toBeDefined();
    expect(skeleton(tree!)).toEqual(treeOf(text));
    expect(tree!.children.map((c) => c.type)).toEqual(['yaml', 'paragraph', 'heading', 'blockquote', 'list', 'table', 'html', 'paragraph']);
  });

  it.each([
    ['a nested list', '- a\n  - b'],
    ['a tab', 'Dear\tSir'],
    ['indented code', 'Text\n\n    code'],
    ['a fence', '```\ncode\n```'],
    ['a setext underline', 'Title\n====='],
    ['a thematic break', 'a\n\n***\n\nb'],
    ['a lone CR', 'a\rb'],
    ['a link definition', '[a]: http://x'],
    ['a footnote', 'See[^1].\n\n[^1]: Note.'],
    ['an HTML block', '<div>\nx\n</div>'],
    ['an empty list item', '-\n  x'],
    ['a table row with an escaped pipe', '| a \\| b |\n|---|'],
    ['a one-column table without a pipe', 'Total\n:--\n12'],
    ['front matter that does not close', '---\na: 1\n'],
  ])('steps aside for %s', (_, text) => {
    expect(scanBlocks(text)).toBeUndefined();
  });
});
