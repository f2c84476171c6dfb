import type { Letter } from '../letter/index.js';
import type { Fix, ReportDescriptor } from '../types.js';
import { Claimed } from '../letter/contacts.js';
import { detectEol } from '../text.js';

/** A short quotation of a piece of text for messages: the first words, ellipsised. */
export function quote(s: string, max = 60): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length <= max ? one : one.slice(0, max - 1).trimEnd() + '…';
}

/** Offset and first line of the letter's body (after front matter). */
export function firstLineRange(letter: Letter): { start: number; end: number } {
  const first = letter.lines.find((l) => !l.blank && l.kind !== 'frontmatter' && l.kind !== 'html' && l.start >= letter.bodyStart);
  return first ? { start: first.textStart, end: first.end } : { start: letter.bodyStart, end: letter.bodyStart };
}

/** Where closing matter begins ("Yours sincerely"), or the end of the text: content is inserted there. */
export function closingOffset(letter: Letter): number {
  const closing = letter.lines.find((l) => !l.blank && /^(?:yours\s+(?:sincerely|faithfully|truly)|kind regards|best regards|regards)\b/i.test(l.text));
  return closing ? closing.start : letter.text.length;
}

/** Text to insert as its own block at `offset`, with blank lines around it in the file's line endings. */
export function blockInsertion(letter: Letter, offset: number, body: string): { start: number; end: number; newText: string } {
  const eol = detectEol(letter.text);
  const before = letter.text.slice(0, offset);
  const lead = offset === 0 ? '' : before.endsWith(eol + eol) ? '' : before.endsWith(eol) ? eol : eol + eol;
  const after = offset >= letter.text.length ? eol : eol + eol;
  return { start: offset, end: offset, newText: lead + body.split('\n').join(eol) + after };
}

/** A one-edit fix that puts `newText` in place of [start, end). */
export function replaceFix(title: string, start: number, end: number, newText: string): Fix {
  return { title, edits: [{ start, end, newText }] };
}

/** Wraps `report` so that a rule reports each stretch of text once: `free` tells whether a range
 * is still unreported, and `emit` reports and claims it. */
export function claimingReporter(report: (d: ReportDescriptor) => void): { free(start: number, end: number): boolean; emit(d: ReportDescriptor): void } {
  const claimed = new Claimed();
  return {
    free: (start, end) => claimed.free(start, end),
    emit: (d) => {
      claimed.claim(d.start, d.end);
      report(d);
    },
  };
}
