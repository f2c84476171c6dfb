import { parse, preprocess } from 'micromark';
import { subtokenize } from 'micromark-util-subtokenize';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmTable } from 'micromark-extension-gfm-table';
import type { Event, Extension, Point as MicromarkPoint, Token } from 'micromark-util-types';
import './micromark-edits.js';
import './micromark-lazy-lines.js';
import { scanBlocks } from './block-scanner.js';

/* The rules read a letter's block structure (headings, paragraphs, lists, quotes, tables, HTML
 * blocks, front matter) and its text; they never look at emphasis, links or code spans. So the
 * parse stops at blocks. Most letters are read by a line scanner (block-scanner.ts) that knows
 * their plain shapes and steps aside for anything else. The rest get remark's parse (micromark,
 * with GFM tables and footnote definitions and YAML front matter) cut short in two places:
 * - inline content is never tokenized: micromark leaves each paragraph's, heading's and table
 *   cell's text as chunks for a second pass, and that pass is skipped for them (`blockEvents`);
 * - the events become block nodes directly (`compileBlocks`), not through mdast-util-from-markdown,
 *   which would make a node for every run of text.
 * Half the time of remark's parse on a typical letter (1.3 against 2.5 ms), and nothing inline can
 * take time that grows with the square of a paragraph's length: micromark (4.0.3) re-walks or
 * re-splices a paragraph's events for each emphasis or link delimiter and for each line its inline
 * constructs split (109 KB of `*a* _b_ **c**` took 2.4 s, a 2.7 MB paragraph of plain lines 63 s).
 * test/robustness/parser.test.ts shows the blocks are remark's, offsets included. */

/** A block of the letter, with remark's (mdast's) type and position. Leaves out what no rule
 * reads: inline content (paragraphs, headings and table cells have no children), the text of code
 * and HTML blocks, a code block's language, whether a list is loose, table alignment. */
export interface BlockNode {
  type: BlockType;
  position: Position;
  children: BlockNode[];
  /** heading: 1-6 */
  depth?: number;
  /** list */
  ordered?: boolean;
  /** list: the first item's number (null when unordered) */
  start?: number | null;
  /** yaml: the front matter between its fences */
  value?: string;
}

export interface BlockTree extends BlockNode {
  type: 'root';
}

export type BlockType =
  | 'root' | 'heading' | 'paragraph' | 'blockquote' | 'list' | 'listItem' | 'code' | 'html' | 'thematicBreak' | 'definition'
  | 'table' | 'tableRow' | 'tableCell' | 'footnoteDefinition' | 'yaml';

export interface Position {
  start: { line: number; column: number; offset: number };
  end: { line: number; column: number; offset: number };
}

/** micromark's block tokens and the node each becomes. */
const NODE_OF_TOKEN: Record<string, BlockType> = {
  atxHeading: 'heading',
  setextHeading: 'heading',
  paragraph: 'paragraph',
  blockQuote: 'blockquote',
  listOrdered: 'list',
  listUnordered: 'list',
  listItem: 'listItem',
  codeFenced: 'code',
  codeIndented: 'code',
  htmlFlow: 'html',
  thematicBreak: 'thematicBreak',
  definition: 'definition',
  table: 'table',
  tableRow: 'tableRow',
  tableHeader: 'tableCell',
  tableData: 'tableCell',
  gfmFootnoteDefinition: 'footnoteDefinition',
  yaml: 'yaml',
};

/** GFM's block constructs (its inline ones would see no text) and front matter. */
const fullExtensions: Extension[] = [gfmTable(), gfmFootnote(), frontmatter(['yaml'])];

/** Can the letter hold a construct only the full parser knows? Without tables, footnote
 * definitions and front matter the two parsers give the same tree (test/parse-fast-path.test.ts),
 * and GFM's table construct, tried at the start of every line, is a large part of a parse. */
export function needsFullParser(text: string): boolean {
  // A one-column table needs no "|": `Total` over `:--` is one, so a ":" beside a "-" counts too.
  return text.includes('|') || text.includes('[^') || text.startsWith('---') || text.includes(':-') || text.includes('-:');
}

/** Container markers (block quotes, list items) allowed on one line before the parser sees the
 * rest as text. micromark's list handling takes time in proportion to the depth times the length
 * (10,000 nested `- ` on one line: over 20 s); markdown-it caps nesting at 100 for the same
 * reason. A letter nests a few levels. */
export const MAX_NESTING = 100;

/** The text the parser sees: the letter, with the container marker that would open the 101st
 * level of nesting on a line (each marker a level, and two columns of indentation before the
 * first one a level) turned into a middle dot. Same length and line breaks, so every offset and position holds. */
export function capNesting(text: string): string {
  let out: string[] | undefined;
  let i = 0;
  const n = text.length;
  while (i < n) {
    let depth = 0;
    let columns = 0;
    let at = i;
    for (;;) {
      const c = text.charCodeAt(at);
      if (c === 32 || c === 9) {
        // Indentation before the first marker stands for levels opened on earlier lines.
        if (depth === 0) columns += c === 9 ? 4 : 1;
        at++;
        continue;
      }
      let marker = -1;
      let after = at + 1;
      if (c === 62 /* > */) marker = at;
      else if (c === 45 || c === 42 || c === 43 /* - * + */) marker = at;
      else if (c >= 48 && c <= 57) {
        let d = at;
        while (d < n && d - at < 9 && text.charCodeAt(d) >= 48 && text.charCodeAt(d) <= 57) d++;
        const delim = text.charCodeAt(d);
        if (delim === 46 || delim === 41 /* . ) */) {
          marker = d;
          after = d + 1;
        }
      }
      if (marker < 0) break;
      const next = text.charCodeAt(after);
      // A list marker opens an item only when a space, tab or line end follows; ">" always does.
      if (c !== 62 && !(next === 32 || next === 9 || next === 10 || next === 13 || after >= n)) break;
      depth++;
      if (depth + Math.floor(columns / 2) > MAX_NESTING) {
        out ??= text.split('');
        out[marker] = '\u00b7';
        break;
      }
      at = after;
    }
    // On to the next line.
    while (at < n && text.charCodeAt(at) !== 10 && text.charCodeAt(at) !== 13) at++;
    if (text.charCodeAt(at) === 13 && text.charCodeAt(at + 1) === 10) at++;
    i = at + 1;
  }
  return out ? out.join('') : text;
}

/** Parses a letter once into its block tree, with offsets. `fastPath: false` takes micromark with
 * every extension, as stock remark would: the tests compare the shortcuts with it. */
export function parseMarkdown(text: string, options: { fastPath?: boolean } = {}): BlockTree {
  if (options.fastPath !== false) {
    const scanned = scanBlocks(text);
    if (scanned) return scanned;
  }
  const full = options.fastPath === false || needsFullParser(text);
  const capped = capNesting(text);
  return compileBlocks(capped, blockEvents(capped, full ? fullExtensions : []));
}

/** micromark's events for the text, with inline content left as untokenized chunks. micromark
 * tokenizes nested content in passes (`subtokenize`, as its `postprocess` does); before each pass
 * the text and string chunks lose their content type, so the pass leaves them be. */
function blockEvents(text: string, extensions: Extension[]): Event[] {
  const events = parse({ extensions }).document().write(preprocess()(text, undefined, true));
  for (;;) {
    for (const event of events) {
      const type = event[1].contentType;
      if (type === 'text' || type === 'string') event[1].contentType = undefined;
    }
    if (subtokenize(events)) return events;
  }
}

const point = (p: MicromarkPoint) => ({ line: p.line, column: p.column, offset: p.offset });

/** The block nodes of the events, as mdast-util-from-markdown (2.1.0) would make them. */
function compileBlocks(text: string, raw: Event[]): BlockTree {
  // List items have no tokens of their own: they are found as mdast-util-from-markdown finds them.
  const events: Event[] = [];
  const lists: number[] = [];
  for (const event of raw) {
    events.push(event);
    const type = event[1].type;
    if (type === 'listOrdered' || type === 'listUnordered') {
      if (event[0] === 'enter') lists.push(events.length - 1);
      else addListItems(events, lists.pop()!);
    }
  }

  const root: BlockTree = {
    type: 'root',
    children: [],
    position: {
      start: events.length ? point(events[0][1].start) : { line: 1, column: 1, offset: 0 },
      end: events.length ? point(events[events.length - 2][1].end) : { line: 1, column: 1, offset: 0 },
    },
  };
  const stack: BlockNode[] = [root];
  let expectingFirstItemValue = false;
  for (const [kind, token] of events) {
    const nodeType = NODE_OF_TOKEN[token.type];
    if (nodeType) {
      if (kind === 'enter') {
        const node: BlockNode = { type: nodeType, position: { start: point(token.start), end: point(token.end) }, children: [] };
        if (nodeType === 'list') {
          node.ordered = token.type === 'listOrdered';
          node.start = null;
          expectingFirstItemValue = node.ordered;
        }
        stack[stack.length - 1].children.push(node);
        stack.push(node);
      } else {
        const node = stack.pop()!;
        if (nodeType === 'yaml') node.value = frontMatterValue(text, token);
      }
      continue;
    }
    if (kind !== 'exit') continue;
    const node = stack[stack.length - 1];
    switch (token.type) {
      case 'atxHeadingSequence':
        // The opening sequence; a closing one (`## Title ##`) does not count.
        node.depth ??= token.end.offset - token.start.offset;
        break;
      case 'setextHeadingLineSequence':
        node.depth = text.charCodeAt(token.start.offset) === 61 /* = */ ? 1 : 2;
        break;
      case 'listItemValue':
        if (expectingFirstItemValue) {
          stack[stack.length - 2].start = Number.parseInt(text.slice(token.start.offset, token.end.offset), 10);
          expectingFirstItemValue = false;
        }
        break;
    }
  }
  return root;
}

/** The front matter between its fences, without the line breaks next to them. */
function frontMatterValue(text: string, token: Token): string {
  const inner = text.slice(token.start.offset, token.end.offset).replace(/^[^\r\n]*/, '').replace(/[^\r\n]*$/, '');
  return inner.replace(/^(\r?\n|\r)|(\r?\n|\r)$/g, '');
}

/** Adds `listItem` enter and exit events to the list whose enter event is at `start` (its exit is
 * the last event). Ported from mdast-util-from-markdown 2.1.0 (`prepareList`, MIT), less what it
 * works out about loose lists: an item starts at its marker and ends before the line endings and
 * prefixes that precede the next item, or the end of the list. */
function addListItems(events: Event[], start: number): void {
  const end = events.length - 1;
  let containerBalance = -1;
  let item: Token | undefined;
  const insertions: { at: number; event: Event }[] = [];
  for (let index = start; index <= end; index++) {
    const event = events[index];
    const type = event[1].type;
    if (type === 'listUnordered' || type === 'listOrdered' || type === 'blockQuote') containerBalance += event[0] === 'enter' ? 1 : -1;
    const itemStarts = !containerBalance && event[0] === 'enter' && type === 'listItemPrefix';
    const listEnds = containerBalance === -1 && event[0] === 'exit' && (type === 'listUnordered' || type === 'listOrdered');
    if (!itemStarts && !listEnds) continue;
    if (item) {
      let lineIndex: number | undefined;
      let tail = index;
      while (tail--) {
        const t = events[tail];
        const tailType = t[1].type;
        if (tailType === 'lineEnding' || tailType === 'lineEndingBlank') {
          if (t[0] === 'exit') continue;
          lineIndex = tail;
        } else if (tailType !== 'linePrefix' && tailType !== 'blockQuotePrefix' && tailType !== 'blockQuotePrefixWhitespace' && tailType !== 'blockQuoteMarker' && tailType !== 'listItemIndent') {
          break;
        }
      }
      item.end = { ...(lineIndex ? events[lineIndex][1].start : event[1].end) };
      insertions.push({ at: lineIndex || index, event: ['exit', item, event[2]] });
      item = undefined;
    }
    if (itemStarts) {
      item = { type: 'listItem' as Token['type'], start: { ...event[1].start }, end: undefined as unknown as MicromarkPoint };
      insertions.push({ at: index, event: ['enter', item, event[2]] });
    }
  }
  // The list is at the end of `events`: take it off and put it back with the items merged in.
  const listEvents = events.splice(start);
  let insertion = 0;
  for (let index = 0; index < listEvents.length; index++) {
    while (insertion < insertions.length && insertions[insertion].at === start + index) events.push(insertions[insertion++].event);
    events.push(listEvents[index]);
  }
}
