import type { Position } from './types.js';

/** Maps UTF-16 offsets to 1-based line/column and back, for one text. */
export class LineIndex {
  private readonly lineStarts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 10) starts.push(i + 1);
      else if (ch === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
    }
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** Offset of the start of 0-based line n. */
  lineStart(n: number): number {
    return this.lineStarts[Math.max(0, Math.min(n, this.lineStarts.length - 1))];
  }

  /** Offset of the end of 0-based line n, before its line break. */
  lineEnd(n: number): number {
    const next = n + 1 < this.lineStarts.length ? this.lineStarts[n + 1] : this.text.length;
    let end = next;
    if (end > this.lineStarts[n] && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > this.lineStarts[n] && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  /** 0-based line that holds the offset. */
  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  position(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineOf(clamped);
    return { line: line + 1, column: clamped - this.lineStarts[line] + 1 };
  }

  offset(pos: Position): number {
    const start = this.lineStart(pos.line - 1);
    return Math.min(start + pos.column - 1, this.lineEnd(pos.line - 1));
  }
}

/** The line break the text mostly uses, so inserted text matches the file. */
export function detectEol(text: string): string {
  const crlf = text.indexOf('\r\n');
  return crlf >= 0 ? '\r\n' : '\n';
}

/** Lower-cases and folds quotes, dashes, whitespace and punctuation so near-identical wording compares equal. */
export function normalizeForCompare(s: string): string {
  return s
    .toLowerCase()
    .replace(/[\u2018\u2019\u201b`´]/g, "'")
    .replace(/[\u201c\u201d\u201e]/g, '"')
    .replace(/\*\*|__|[*_]/g, '')
    .replace(/[^\p{L}\p{N}']+/gu, ' ')
    .trim();
}

/** Word tokens for fuzzy matching. */
export function words(s: string): string[] {
  const n = normalizeForCompare(s);
  return n ? n.split(' ') : [];
}

/** The text on one line: each run of white space that holds a line break becomes one space. A
 * pattern of spaces, a line break and spaces would do the same, but it tries every space of a long
 * run that holds no line break (13 s on 200 KB of spaces); this reads each run once. */
export function joinLines(s: string): string {
  return s.replace(/\s+/g, (run) => (run.includes('\n') ? ' ' : run));
}
