/** The engine's Markdown parse (server/src/engine/parse.ts, micromark-edits.ts) is the stock
 * remark parse cut down to block structure, with two micromark hot spots made linear. These tests
 * prove the cuts change nothing the rules see. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import type { Nodes, Root } from 'mdast';
import type { Event } from 'micromark-util-types';
import { EditMap } from 'micromark-util-edit-map';
import { MAX_NESTING, capNesting, parseMarkdown, type BlockNode } from '../../server/src/engine/parse.js';
import { copyingConsume, tailConsume } from '../../server/src/engine/micromark-edits.js';
import { COPIED_FROM, lazyLinesLinear, originalTokenize } from '../../server/src/engine/micromark-lazy-lines.js';
import { document as libDocument } from '../../node_modules/micromark/lib/initialize/document.js';
import { document as devDocument } from '../../node_modules/micromark/dev/lib/initialize/document.js';

const stock = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']);

/** Inline node types: what the engine's parse leaves out. */
const INLINE = new Set(['text', 'emphasis', 'strong', 'delete', 'inlineCode', 'link', 'linkReference', 'image', 'imageReference', 'footnoteReference', 'break', 'html']);

type AnyNode = Nodes | BlockNode;

/** The block skeleton of a tree, stock remark's or the engine's: every block node's type, its
 * lines and offsets, a heading's depth, a list's ordered and start, and front matter's text: all
 * the engine's block tree keeps (parse.ts, BlockNode). */
function skeleton(node: AnyNode): unknown {
  const p = node.position;
  const own: Record<string, unknown> = { type: node.type, at: p ? [p.start.line, p.start.column, p.start.offset, p.end.line, p.end.column, p.end.offset] : undefined };
  for (const k of ['depth', 'ordered', 'start'] as const) {
    if (k in node) own[k] = (node as unknown as Record<string, unknown>)[k];
  }
  if (node.type === 'yaml') own.value = (node as { value: string }).value;
  if ('children' in node) {
    const leaf = node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell';
    const blocks = (node.children as AnyNode[]).filter((c) => !(leaf && INLINE.has(c.type)));
    // The engine gives every node a list of children, empty for a leaf (code, HTML, a rule).
    if (blocks.length) own.children = blocks.map((c) => skeleton(c));
  }
  return own;
}

/** One known difference, left out: a GFM task-list checkbox (`- [ ] x`) is inline syntax, so the
 * item's paragraph starts at the `[` rather than after it. */
const BLOCK_PIECES = [
  'Title', 'Dear Sir', '---', '===', '', '   ', '[a]: http://x', '[b]: /y "t"', '> q', '> > deep', '- item', '* star', '+ plus', '  - nested', '1. one', '2) two',
  '10. ten', 'lazy line', '   ===  ', '***', '___', '# h', '## Response', '| a | b |', '|---|---|', '| c | d |', '    code', '```', '~~~', 'text ---', '- ---', '>---',
  '<!-- c -->', '<div>', '</div>', '<!-- foilint-disable placeholder -->', '----  x', '=', '-', '**bold** line', '*a* _b_ [l](u) `c` <b>x</b> www.x.org a@b.co ~~s~~ [^1]',
  '[^1]: note', ':-:', '-:', '| :-- |', 'Total', '\\*escaped', '&amp; entity', 'trailing  ', '\ttab', 'Your rights', 'RESPONSE', '1. How many?', 'Answer: four.',
];

describe('the block structure is the stock remark parse', () => {
  it('on random mixes of block constructs (5,000 letters), LF and CRLF', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...BLOCK_PIECES), { maxLength: 16 }), fc.constantFrom('\n', '\r\n'), (lines, eol) => {
        const text = lines.join(eol);
        expect(skeleton(parseMarkdown(text))).toEqual(skeleton(stock.parse(text) as Root));
      }),
      { numRuns: 5000 },
    );
  });

  it('on every fixture letter and example', async () => {
    const { readdirSync, readFileSync, statSync } = await import('node:fs');
    const { join } = await import('node:path');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const n of readdirSync(dir)) {
        const p = join(dir, n);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.(md|txt)$/.test(n)) files.push(p);
      }
    };
    for (const d of ['test/rules', 'examples', 'test/templates']) walk(d);
    expect(files.length).toBeGreaterThan(100);
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      expect(skeleton(parseMarkdown(text)), f).toEqual(skeleton(stock.parse(text) as Root));
    }
  });

  it('on tables in every place one can start, a one-column table without "|" included', () => {
    const TABLE_LINES = ['| a | b |', '|---|---|', '| :-- | --: |', 'a | b', '--- | ---', ':-:', 'Total', '| c |', 'text', '', '> | q |', '> |---|', '- | l |', '  |---|', '1. x', '    | x |'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TABLE_LINES), { maxLength: 12 }), fc.constantFrom('\n', '\r\n', '\r'), (lines, eol) => {
        const text = lines.join(eol);
        expect(skeleton(parseMarkdown(text))).toEqual(skeleton(stock.parse(text) as Root));
      }),
      { numRuns: 3000 },
    );
  });

  it('leaves inline content out: a paragraph spans its lines and has no children', () => {
    const text = 'Dear *Ms* [Smith](x),\nsee `s.40` & <b>this</b>\n\n## Your *rights*\n';
    const [para, heading] = parseMarkdown(text).children;
    expect(para).toMatchObject({ type: 'paragraph', children: [], position: { start: { line: 1, offset: 0 }, end: { line: 2, offset: text.indexOf('\n\n') } } });
    expect(heading).toMatchObject({ type: 'heading', depth: 2, children: [] });
  });
});

describe('lazy lines take constant time each (micromark-lazy-lines.ts)', () => {
  const LAZY_PIECES = ['> q', '> > deep', '- item', '  - nested', '> - in quote', '- > in item', '1. one', 'lazy line', 'more lazy text', '', '    indented', '```', '~~~', '---', '===',
    '| a | b |', '|---|---|', '<div>', '<!-- c -->', '# h', '[a]: /x', '-', '> ', '* star'];
  /** Stock remark with micromark's own document initializer, as shipped. */
  function unpatched(text: string): unknown {
    const patched = { lib: libDocument.tokenize, dev: devDocument.tokenize };
    libDocument.tokenize = originalTokenize.lib;
    devDocument.tokenize = originalTokenize.dev;
    try {
      return skeleton(stock.parse(text) as Root);
    } finally {
      libDocument.tokenize = patched.lib;
      devDocument.tokenize = patched.dev;
    }
  }

  it('are in use: micromark is the version the initializer was copied from', () => {
    // If this fails micromark was upgraded: copy its lib/initialize/document.js into
    // server/src/engine/vendor/micromark-document.js again, redo the change marked "foilint:" and
    // set COPIED_FROM. Until then the engine uses micromark's own initializer, slow on lazy lines.
    expect(lazyLinesLinear, `micromark ${COPIED_FROM} expected`).toBe(true);
  });

  it('give the blocks micromark\'s own initializer gives, on random mixes heavy in lazy lines', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...LAZY_PIECES), { maxLength: 20 }), fc.constantFrom('\n', '\r\n'), (lines, eol) => {
        const text = lines.join(eol);
        expect(skeleton(parseMarkdown(text, { fastPath: false })), JSON.stringify(text)).toEqual(unpatched(text));
      }),
      { numRuns: 5000 },
    );
  });

  it('20,000 lazy lines in a quote in a list parse in linear time', () => {
    // Before the change, 100 KB of such lines took about 4 s and the time grew with the square.
    const text = '- > x\n' + 'lazy line\n'.repeat(20000);
    const start = performance.now();
    const tree = parseMarkdown(text);
    const ms = performance.now() - start;
    expect(tree.children.map((c) => c.type)).toEqual(['list']);
    console.log(`20,000 lazy lines (${(text.length / 1024).toFixed(0)} KB): ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(5000);
  });
});

describe('micromark batch edits touch only the tail (micromark-edits.ts)', () => {
  const token = (i: number) => ({ type: `t${i}`, start: { line: 1, column: 1, offset: i, _index: 0, _bufferIndex: 0 }, end: { line: 1, column: 1, offset: i, _index: 0, _bufferIndex: 0 } });
  const events = (n: number): Event[] => Array.from({ length: n }, (_, i) => ['enter', token(i), {} as Event[2]] as unknown as Event);

  it('gives the same events as micromark\'s own EditMap.consume on random edits', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 }).chain((n) =>
          fc.tuple(fc.constant(n), fc.array(fc.tuple(fc.integer({ min: 0, max: n }), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 3 }), fc.boolean()), { maxLength: 6 })),
        ),
        ([n, edits]) => {
          const base = events(n);
          const run = (consume: typeof tailConsume) => {
            const list = [...base];
            const map = new EditMap();
            let added = 1000;
            for (const [at, remove, add, before] of edits) {
              const items = Array.from({ length: add }, () => ['exit', token(added++), {} as Event[2]] as unknown as Event);
              if (before) map.addBefore(at, remove, items);
              else map.add(at, remove, items);
            }
            consume.call(map, list);
            return list.map((e) => `${e[0]}:${e[1].type}`);
          };
          expect(run(tailConsume)).toEqual(run(copyingConsume));
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('is what micromark uses (20,000 setext headings parse in linear time)', () => {
    // With micromark's copying consume this took 66 s; a regression shows as a time-out.
    const text = Array.from({ length: 20000 }, (_, i) => `Heading ${i}\n---`).join('\n');
    const start = performance.now();
    const tree = parseMarkdown(text);
    const ms = performance.now() - start;
    expect(tree.children.filter((c) => c.type === 'heading')).toHaveLength(20000);
    console.log(`20,000 setext headings (${(text.length / 1024).toFixed(0)} KB): ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(20000);
  });
});

describe('nesting is capped at 100 levels for the parser (capNesting)', () => {
  it('changes nothing in a text that nests less, keeps length and line breaks always', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('- ', '> ', '1. ', '* ', '  ', '\t', 'x', '\n', '\r\n', '-', '>'), { maxLength: 300 }), (parts) => {
        const text = parts.join('');
        const capped = capNesting(text);
        expect(capped.length).toBe(text.length);
        expect(capped.replace(/[^\r\n]/g, '')).toBe(text.replace(/[^\r\n]/g, ''));
        if (parts.length < MAX_NESTING) expect(capped).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });

  it('turns the marker that opens the 101st level into a middle dot', () => {
    const text = '- '.repeat(150) + 'x\n' + '> '.repeat(150) + 'y\n' + ' '.repeat(400) + '- z\n- ok';
    const capped = capNesting(text);
    expect(capped.split('\n')[0]).toBe('- '.repeat(100) + '\u00b7 ' + '- '.repeat(49) + 'x');
    expect(capped.split('\n')[1]).toBe('> '.repeat(100) + '\u00b7 ' + '> '.repeat(49) + 'y');
    expect(capped.split('\n')[2]).toBe(' '.repeat(400) + '\u00b7 z');
    expect(capped.split('\n')[3]).toBe('- ok');
  });
});
