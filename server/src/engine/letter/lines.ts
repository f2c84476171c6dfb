import type { BlockNode, BlockTree } from '../parse.js';
import { LineIndex } from '../text.js';

export type BlockKind = 'paragraph' | 'heading' | 'list' | 'quote' | 'table' | 'html' | 'code' | 'frontmatter' | 'other';

/** One source line, annotated with what the Markdown parser saw there. */
export interface Line {
  /** 0-based line number */
  n: number;
  /** Offset of the first character of the line */
  start: number;
  /** Offset after the last character (before the line break) */
  end: number;
  /** The line's words without Markdown markers (quote, list, heading, emphasis, table pipes). */
  text: string;
  /** Offset where `text` begins in the source (markers skipped). */
  textStart: number;
  blank: boolean;
  kind: BlockKind;
  /** Id of the innermost paragraph-like block holding the line; lines of one block share it. */
  block: number;
  /** The line is the only line of its block. */
  alone: boolean;
  /** Markdown heading depth (1–6). */
  headingDepth?: number;
  /** The line begins a list item (Markdown list, or a "•" bullet). */
  listItemStart: boolean;
  /** Whole line is strong/emphasis (a bold-only line). */
  boldOnly: boolean;
  inQuote: boolean;
}

const LEADING_MARKERS = /^(\s*(?:>\s?)*)(?:(?:[-*+•▪◦●]|\d{1,3}[.)])\s+)?(#{1,6}\s+)?/;

/** Builds the line view of a letter: the unit most letter heuristics work on, since PDF-extracted
 * letters keep their structure in line breaks rather than in Markdown syntax. */
export function buildLines(text: string, tree: BlockTree, index: LineIndex): Line[] {
  const count = index.lineCount;
  const kind: BlockKind[] = new Array(count).fill('other');
  const block: number[] = new Array(count).fill(-1);
  const headingDepth: (number | undefined)[] = new Array(count);
  const listItemStart: boolean[] = new Array(count).fill(false);
  const inQuote: boolean[] = new Array(count).fill(false);
  let nextBlock = 0;

  const mark = (node: BlockNode, k: BlockKind, ownBlock: boolean) => {
    const p = node.position;
    if (!p) return;
    const id = ownBlock ? nextBlock++ : -1;
    for (let l = p.start.line - 1; l <= p.end.line - 1 && l < count; l++) {
      kind[l] = k;
      if (ownBlock) block[l] = id;
    }
  };

  // Depth-first, in document order, with an explicit stack: a letter may nest lists or quotes
  // thousands deep ("- - - - x"), deeper than the call stack goes.
  const stack: [BlockNode, boolean][] = tree.children.map((child): [BlockNode, boolean] => [child, false]).reverse();
  while (stack.length) {
    const [node, quoted] = stack.pop()!;
    const next: [BlockNode, boolean][] = [];
    switch (node.type) {
      case 'heading':
        mark(node, 'heading', true);
        if (node.position) headingDepth[node.position.start.line - 1] = node.depth;
        break;
      case 'paragraph':
        mark(node, quoted ? 'quote' : kind[(node.position?.start.line ?? 1) - 1] === 'list' ? 'list' : 'paragraph', true);
        if (quoted && node.position) for (let l = node.position.start.line - 1; l < node.position.end.line; l++) inQuote[l] = true;
        break;
      case 'table':
        for (const row of node.children) mark(row, 'table', true);
        break;
      case 'html':
        mark(node, 'html', true);
        break;
      case 'code':
        mark(node, 'code', true);
        break;
      case 'yaml':
        mark(node, 'frontmatter', true);
        break;
      case 'thematicBreak':
        mark(node, 'other', true);
        break;
      case 'blockquote':
        for (const child of node.children) next.push([child, true]);
        break;
      case 'list':
        mark(node, 'list', false);
        for (const item of node.children) {
          if (item.position) listItemStart[item.position.start.line - 1] = true;
          for (const child of item.children) next.push([child, quoted]);
        }
        break;
      default:
        for (const child of node.children) next.push([child, quoted]);
    }
    for (let i = next.length - 1; i >= 0; i--) stack.push(next[i]);
  }

  const lines: Line[] = [];
  for (let n = 0; n < count; n++) {
    const start = index.lineStart(n);
    const end = index.lineEnd(n);
    const raw = text.slice(start, end);
    const blank = raw.trim() === '';
    let textStart = start;
    let body = raw;
    if (kind[n] !== 'code' && kind[n] !== 'frontmatter' && kind[n] !== 'html') {
      const m = LEADING_MARKERS.exec(raw);
      if (m && m[0].length) {
        if (/[•▪◦●]/.test(m[0])) listItemStart[n] = true;
        textStart = start + m[0].length;
        body = raw.slice(m[0].length);
      }
      if (kind[n] === 'table') body = spacePipes(body.replace(/^\|/, '').replace(/\|\s*$/, ''));
    }
    const trimmed = body.trim();
    const boldOnly = /^(\*\*|__)[^*_].*\1:?$/.test(trimmed) && !/(\*\*|__).*(\*\*|__).*(\*\*|__)/.test(trimmed.slice(2, -2));
    const clean = trimmed.replace(/^(\*\*|__)(.*?)\1(:?)$/, '$2$3');
    // Skip leading whitespace inside the body so textStart points at the first word.
    textStart += body.length - body.trimStart().length + (clean !== trimmed ? 2 : 0);
    lines.push({
      n,
      start,
      end,
      text: clean,
      textStart,
      blank,
      kind: blank ? 'other' : kind[n],
      block: blank ? -1 : block[n] >= 0 ? block[n] : nextBlock++,
      alone: false,
      headingDepth: headingDepth[n],
      listItemStart: listItemStart[n],
      boldOnly,
      inQuote: inQuote[n],
    });
  }
  // A PDF-extracted letter keeps one "paragraph" per page; a line is alone when its block has one line.
  const sizes = new Map<number, number>();
  for (const l of lines) if (!l.blank) sizes.set(l.block, (sizes.get(l.block) ?? 0) + 1);
  for (const l of lines) l.alone = !l.blank && sizes.get(l.block) === 1;
  return lines;
}

/** A table row's cells joined by " | ", the white space around each "|" dropped. (A pattern of
 * spaces, a pipe and spaces tries every space of a long run: 18 s on a 200 KB row.) */
function spacePipes(row: string): string {
  const cells = row.split('|');
  return cells.map((cell, i) => (i > 0 ? cell.trimStart() : cell)).map((cell, i) => (i < cells.length - 1 ? cell.trimEnd() : cell)).join(' | ');
}

