import type { BlockNode, BlockTree } from './parse.js';

/* A line scanner for the plain shapes most letters are made of: paragraphs, ATX headings, flat
 * lists and block quotes that hold paragraphs, GFM tables, YAML front matter, one-line HTML
 * comments. On such a letter it gives the block tree micromark gives (types and positions, offsets
 * included) in a small part of the time; the parse was most of what linting a typical letter cost.
 * On any line it is not sure of (a nested list, code, a setext underline, a link definition, a
 * tab...) it gives up and returns undefined, and the letter goes to micromark. So the scanner never
 * has to be right about the hard parts of CommonMark, only about when to step aside.
 * test/robustness/parser.test.ts holds it to stock remark on random mixes of every construct, and
 * on every fixture and example. */

type Point = BlockNode['position']['start'];

/** What a line starts, read from its first non-space character. */
const enum Kind {
  Blank,
  /** Text that starts no block: it opens or continues a paragraph (or is a table row). */
  Plain,
  Heading,
  Item,
  Quote,
  /** A one-line `<!-- ... -->`. */
  Comment,
  /** Anything the scanner leaves to micromark. */
  Other,
}

interface Line {
  kind: Kind;
  /** Offsets: the line's first character, its first non-space one, and its end (before the line ending). */
  start: number;
  content: number;
  end: number;
  /** Leading spaces. */
  indent: number;
  /** Heading: its depth. Item: the bullet or the ordered delimiter, the digits, and the column its content starts at. */
  depth?: number;
  marker?: string;
  digits?: string;
  contentIndent?: number;
}

interface OpenList {
  node: BlockNode;
  marker: string;
  item: BlockNode;
  /** Columns a line needs to belong to the open item. */
  contentIndent: number;
}

/** The block tree of `text`, or undefined when the letter holds anything beyond the shapes above. */
export function scanBlocks(text: string): BlockTree | undefined {
  // Tabs move micromark's columns to tab stops; a lone CR is a line ending the scanner does not
  // split on; `[^` may be a footnote definition.
  if (text.includes('\t') || text.includes('[^') || /\r(?!\n)/.test(text) || text.charCodeAt(0) === 0xfeff) return undefined;
  const root: BlockTree = { type: 'root', children: [], position: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } } };
  const n = text.length;
  let lineNumber = 0;
  let lineStart = 0;
  const at = (offset: number): Point => ({ line: lineNumber, column: offset - lineStart + 1, offset });

  let list: OpenList | undefined;
  let quote: BlockNode | undefined;
  /** The open paragraph (in the root, the open item or the open quote), and whether a blank line came after it. */
  let paragraph: BlockNode | undefined;
  let afterBlank = false;

  let offset = 0;
  if (text.startsWith('---')) {
    const after = frontMatter(text);
    if (!after) return undefined;
    root.children.push(after.node);
    offset = after.next;
    lineNumber = after.node.position.end.line;
    lineStart = after.node.position.end.offset - after.node.position.end.column + 1;
  }

  /** Opens a paragraph on the line, in `parent`. */
  const openParagraph = (parent: BlockNode, line: Line) => {
    paragraph = { type: 'paragraph', position: { start: at(line.content), end: at(line.end) }, children: [] };
    parent.children.push(paragraph);
    afterBlank = false;
    if (parent !== root) reachesLine(line);
  };
  /** The open paragraph goes on to this line. */
  const continueParagraph = (line: Line) => {
    paragraph!.position.end = at(line.end);
    reachesLine(line);
  };
  /** The open containers end on this line (a quote with its `>`, an item with its text). */
  const reachesLine = (line: Line) => {
    if (quote) quote.position.end = at(line.end);
    if (list) {
      list.item.position.end = at(line.end);
      list.node.position.end = at(line.end);
    }
  };
  /** Whether the line goes on with the open paragraph rather than starting a block. */
  const isContinuation = (line: Line) =>
    line.indent >= 4 || line.kind === Kind.Plain || (line.kind === Kind.Item && line.digits !== undefined && line.digits !== '1');

  while (offset <= n) {
    lineNumber++;
    lineStart = offset;
    let end = text.indexOf('\n', offset);
    if (end < 0) end = n;
    const next = end + 1;
    if (end > offset && text.charCodeAt(end - 1) === 13) end--;
    const line = classify(text, offset, end);
    offset = next;

    if (line.kind === Kind.Other) return undefined;
    if (line.kind === Kind.Blank) {
      afterBlank = true;
      paragraph = undefined;
      quote = undefined;
      continue;
    }

    if (list) {
      if (line.indent >= list.contentIndent) {
        // The line belongs to the open item, which holds only paragraphs.
        const inner = classify(text, line.start + list.contentIndent, line.end);
        if (paragraph && !afterBlank && (inner.indent >= 4 || inner.kind === Kind.Plain)) continueParagraph(line);
        else if (!paragraph && inner.kind === Kind.Plain && inner.indent < 4 && !startsDefinition(text, inner)) openParagraph(list.item, inner);
        else return undefined;
        continue;
      }
      if (line.kind === Kind.Item && line.marker === list.marker) {
        if (line.indent >= 4 || !openItem(list, line)) return undefined;
        continue;
      }
      if (paragraph && !afterBlank && line.kind !== Kind.Item && isContinuation(line)) {
        continueParagraph(line); // a lazy line
        continue;
      }
      // The list ends; what the line starts is the root's, with no paragraph to carry on.
      list = undefined;
      paragraph = undefined;
    }

    if (quote) {
      if (line.kind === Kind.Quote) {
        const inner = quoteContent(text, line);
        if (inner.kind === Kind.Blank) paragraph = undefined;
        else if (paragraph && (inner.indent >= 4 || inner.kind === Kind.Plain)) paragraph.position.end = at(line.end);
        else if (!paragraph && inner.kind === Kind.Plain && inner.indent < 4 && !startsDefinition(text, inner)) openParagraph(quote, inner);
        else return undefined;
        quote.position.end = at(line.end);
        continue;
      }
      if (paragraph && line.kind !== Kind.Item && isContinuation(line)) {
        continueParagraph(line); // a lazy line
        continue;
      }
      quote = undefined;
      paragraph = undefined;
    }

    // The root. A table's head may interrupt a paragraph.
    const table = line.kind === Kind.Plain ? startsTable(text, line, next) : undefined;
    if (paragraph && !afterBlank) {
      if (isContinuation(line) && !table) {
        continueParagraph(line);
        continue;
      }
    } else if (line.indent >= 4) {
      return undefined; // indented code
    }
    afterBlank = false;
    paragraph = undefined;
    switch (line.kind) {
      case Kind.Plain: {
        if (table) {
          const rows = scanTable(line, table);
          if (!rows) return undefined;
          offset = rows;
        } else if (startsDefinition(text, line)) return undefined;
        else openParagraph(root, line);
        break;
      }
      case Kind.Heading:
        root.children.push({ type: 'heading', position: { start: at(line.content), end: at(line.end) }, children: [], depth: line.depth });
        break;
      case Kind.Comment:
        root.children.push({ type: 'html', position: { start: at(line.content), end: at(line.end) }, children: [] });
        break;
      case Kind.Quote: {
        quote = { type: 'blockquote', position: { start: at(line.content), end: at(line.end) }, children: [] };
        root.children.push(quote);
        const inner = quoteContent(text, line);
        if (inner.kind === Kind.Plain && inner.indent < 4 && !startsDefinition(text, inner)) openParagraph(quote, inner);
        else if (inner.kind !== Kind.Blank) return undefined;
        break;
      }
      case Kind.Item: {
        // Keys in compileBlocks' order, so that both parsers' trees print alike.
        const node: BlockNode = { type: 'list', position: { start: at(line.content), end: at(line.end) }, children: [], ordered: line.digits !== undefined, start: line.digits === undefined ? null : Number.parseInt(line.digits, 10) };
        root.children.push(node);
        list = { node, marker: line.marker!, item: node, contentIndent: 0 };
        if (!openItem(list, line)) return undefined;
        break;
      }
    }
  }
  root.position.end = at(n);
  return root;

  /** Opens an item on `line`; false when its first line is not text. */
  function openItem(open: OpenList, line: Line): boolean {
    const inner = classify(text, line.start + line.contentIndent!, line.end);
    if (inner.kind !== Kind.Plain || inner.indent !== 0 || startsDefinition(text, inner)) return false;
    open.item = { type: 'listItem', position: { start: at(line.content), end: at(line.end) }, children: [] };
    open.node.children.push(open.item);
    open.contentIndent = line.contentIndent!;
    openParagraph(open.item, inner);
    return true;
  }

  /** Adds the table whose header is `header` and whose delimiter row ends at `delimiterEnd`; gives
   * the offset after its last row, or undefined for a row the scanner does not know. */
  function scanTable(header: Line, delimiterEnd: number): number | undefined {
    const table: BlockNode = { type: 'table', position: { start: at(header.content), end: at(header.end) }, children: [] };
    root.children.push(table);
    table.children.push(row(header));
    lineNumber++;
    lineStart = text.lastIndexOf('\n', delimiterEnd - 1) + 1;
    table.position.end = at(delimiterEnd);
    let from = delimiterEnd >= n ? n + 1 : text.indexOf('\n', delimiterEnd) + 1;
    while (from <= n) {
      let end = text.indexOf('\n', from);
      if (end < 0) end = n;
      const next = end + 1;
      if (end > from && text.charCodeAt(end - 1) === 13) end--;
      const line = classify(text, from, end);
      // A blank line, a heading, a quote or a comment ends the table; the main loop reads it.
      if (line.kind === Kind.Blank || ((line.kind === Kind.Heading || line.kind === Kind.Quote || line.kind === Kind.Comment) && line.indent < 4)) break;
      // Otherwise only plain rows: what else ends a table is micromark's to say.
      if (line.kind !== Kind.Plain || line.indent >= 4 || hasEscapeOrCode(text, line)) return undefined;
      lineNumber++;
      lineStart = from;
      table.children.push(row(line));
      table.position.end = at(line.end);
      from = next;
    }
    return from;
  }

  function row(line: Line): BlockNode {
    const node: BlockNode = { type: 'tableRow', position: { start: at(line.content), end: at(line.end) }, children: [] };
    const starts = cellStarts(text, line);
    for (let i = 0; i < starts.length; i++) {
      node.children.push({ type: 'tableCell', position: { start: at(starts[i]), end: at(i + 1 < starts.length ? starts[i + 1] : line.end) }, children: [] });
    }
    return node;
  }
}

/** Reads what the line from `start` to `end` begins. */
function classify(text: string, start: number, end: number): Line {
  let content = start;
  while (content < end && text.charCodeAt(content) === 32) content++;
  const line: Line = { kind: Kind.Plain, start, content, end, indent: content - start };
  if (content === end) {
    line.kind = Kind.Blank;
    return line;
  }
  const c = text.charCodeAt(content);
  // A table's delimiter row (`--|:-:`), wherever it is: tables are read only where scanTable expects one.
  if ((c === 45 || c === 58 || c === 124) && isDelimiterRow(text, content, end)) {
    line.kind = Kind.Other;
    return line;
  }
  // Four columns of indentation start nothing but code (or continue a paragraph): the caller decides.
  if (line.indent >= 4) return line;
  switch (c) {
    case 35: { // #
      let hashes = content;
      while (hashes < end && text.charCodeAt(hashes) === 35) hashes++;
      if (hashes - content <= 6 && (hashes === end || text.charCodeAt(hashes) === 32)) {
        line.kind = Kind.Heading;
        line.depth = hashes - content;
      }
      // Otherwise text: `#5` or seven hashes start no heading.
      return line;
    }
    case 45: case 42: case 43: { // - * +
      if (isThematicBreakOrUnderline(text, content, end)) line.kind = Kind.Other;
      else if (text.charCodeAt(content + 1) === 32) itemAt(line, text, content + 1, String.fromCharCode(c));
      else if (content + 1 === end) line.kind = Kind.Other; // an empty item
      return line;
    }
    case 95: case 61: // _ =
      if (isThematicBreakOrUnderline(text, content, end)) line.kind = Kind.Other;
      return line;
    case 48: case 49: case 50: case 51: case 52: case 53: case 54: case 55: case 56: case 57: {
      let digit = content;
      while (digit < end && digit - content < 10 && text.charCodeAt(digit) >= 48 && text.charCodeAt(digit) <= 57) digit++;
      const delimiter = text.charCodeAt(digit);
      if (digit - content <= 9 && (delimiter === 46 || delimiter === 41) /* . ) */) {
        if (digit + 1 === end) line.kind = Kind.Other; // an empty item
        else if (text.charCodeAt(digit + 1) === 32) {
          itemAt(line, text, digit + 1, String.fromCharCode(delimiter));
          line.digits = text.slice(content, digit);
        }
      }
      return line;
    }
    case 62: // >
      line.kind = Kind.Quote;
      return line;
    case 60: // <
      line.kind = /^<!--(?:(?!-->).)*-->[ ]*$/.test(text.slice(content, end)) ? Kind.Comment : Kind.Other;
      return line;
    case 96: case 126: // ` ~
      if (text.charCodeAt(content + 1) === c && text.charCodeAt(content + 2) === c) line.kind = Kind.Other; // a fence
      return line;
  }
  return line;
}

/** A list item whose marker ends at `afterMarker`: its content starts after 1-4 spaces. */
function itemAt(line: Line, text: string, afterMarker: number, marker: string): void {
  let spaces = afterMarker;
  while (spaces < line.end && text.charCodeAt(spaces) === 32) spaces++;
  // Five or more spaces make the content indented code; none and it is not an item at all.
  if (spaces === line.end || spaces - afterMarker > 4) {
    line.kind = Kind.Other;
    return;
  }
  line.kind = Kind.Item;
  line.marker = marker;
  line.contentIndent = spaces - line.start;
}

/** The content of a quote line: after `>` and one space. */
function quoteContent(text: string, line: Line): Line {
  const from = line.content + 1 + (text.charCodeAt(line.content + 1) === 32 ? 1 : 0);
  return classify(text, from, line.end);
}

/** `***`, `- - -`, `___`, or a setext underline (`===`, `---`): a line of one character and spaces. */
function isThematicBreakOrUnderline(text: string, start: number, end: number): boolean {
  const c = text.charCodeAt(start);
  let count = 0;
  for (let i = start; i < end; i++) {
    const d = text.charCodeAt(i);
    if (d === c) count++;
    else if (d !== 32) return false;
  }
  return c === 61 || c === 45 ? true : count >= 3;
}

/** A line of `-`, `:`, `|` and spaces with a `-` in it: it may be a table's delimiter row. */
function isDelimiterRow(text: string, start: number, end: number): boolean {
  let dash = false;
  for (let i = start; i < end; i++) {
    const d = text.charCodeAt(i);
    if (d === 45) dash = true;
    else if (d !== 58 && d !== 124 && d !== 32) return false;
  }
  return dash;
}

/** A `[` where a paragraph starts may open a link definition (`[label]: url`), but only in a
 * letter that has a `]:` somewhere: a label may run over lines. So `[INSERT NAME]` opens text. */
const startsDefinition = (text: string, line: Line) => text.charCodeAt(line.content) === 91 && text.includes(']:');

/** A backslash may escape a `|`; the scanner leaves such rows to micromark. */
const hasEscapeOrCode = (text: string, line: Line) => {
  const row = text.slice(line.content, line.end);
  return row.includes('\\') || row.includes('`');
};

/** Whether the line holds a `|`, looking at that line only. */
function holdsPipe(text: string, line: Line): boolean {
  for (let i = line.content; i < line.end; i++) if (text.charCodeAt(i) === 124) return true;
  return false;
}

/** If `header` (a plain line) and the next line make a table's head, the end of its delimiter row. */
function startsTable(text: string, header: Line, next: number): number | undefined {
  if (next > text.length || header.indent >= 4 || !holdsPipe(text, header) || hasEscapeOrCode(text, header)) return undefined;
  let end = text.indexOf('\n', next);
  if (end < 0) end = text.length;
  if (end > next && text.charCodeAt(end - 1) === 13) end--;
  const delimiter = classify(text, next, end);
  if (delimiter.kind !== Kind.Other || delimiter.indent >= 4 || !isDelimiterRow(text, delimiter.content, end)) return undefined;
  // Without a "|" the row may be a setext underline (`---`), which micromark prefers.
  if (!text.slice(delimiter.content, end).includes('|')) return undefined;
  const cells = cellStarts(text, delimiter);
  // Every delimiter cell is `:?-+:?`; the head has as many cells.
  for (let i = 0; i < cells.length; i++) {
    const cell = text.slice(cells[i], i + 1 < cells.length ? cells[i + 1] : end).replace(/^\|/, '').replace(/\|\s*$/, '').trim();
    if (!/^:?-+:?$/.test(cell)) return undefined;
  }
  const head = cellStarts(text, header);
  return cells.length > 0 && head.length === cells.length ? end : undefined;
}

/** Where each cell of a table row starts: at the row's start, then at each `|` but a closing one.
 * A cell runs to the next one's start; the last to the end of the line (micromark's positions). */
function cellStarts(text: string, line: Line): number[] {
  let trimmed = line.end;
  while (trimmed > line.content && text.charCodeAt(trimmed - 1) === 32) trimmed--;
  const starts: number[] = [line.content];
  for (let i = line.content + 1; i < trimmed; i++) if (text.charCodeAt(i) === 124) starts.push(i);
  // A closing pipe starts no cell.
  if (trimmed - 1 > line.content && text.charCodeAt(trimmed - 1) === 124) starts.pop();
  return starts;
}

/** YAML front matter: `---`, its lines, `---`. The node and the offset after it. */
function frontMatter(text: string): { node: BlockNode; next: number } | undefined {
  const fence = /^---[ ]*$/;
  let offset = 0;
  let line = 0;
  let innerStart = 0;
  while (offset <= text.length) {
    line++;
    let end = text.indexOf('\n', offset);
    if (end < 0) end = text.length;
    const next = end + 1;
    if (end > offset && text.charCodeAt(end - 1) === 13) end--;
    const content = text.slice(offset, end);
    if (line === 1) {
      if (!fence.test(content)) return undefined;
      innerStart = next;
    } else if (fence.test(content)) {
      const value = text.slice(innerStart, offset).replace(/(\r?\n)$/, '');
      return {
        node: { type: 'yaml', position: { start: { line: 1, column: 1, offset: 0 }, end: { line, column: end - offset + 1, offset: end } }, children: [], value },
        next,
      };
    } else if (content.startsWith('---') || content.startsWith('...')) return undefined; // a fence of another shape: micromark's call
    offset = next;
  }
  return undefined;
}
