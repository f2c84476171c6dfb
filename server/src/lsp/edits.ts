/** Turns the engine's edits (UTF-16 offsets into the text) into LSP text edits (0-based
 * line/character in UTF-16, the default position encoding) and workspace edits. */
import { TextDocumentEdit, type Range, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit as OffsetEdit } from '../engine/index.js';

/** The LSP range of [start, end). TextDocument knows CRLF, lone CR and astral characters. */
export function rangeOf(doc: TextDocument, start: number, end: number): Range {
  return { start: doc.positionAt(start), end: doc.positionAt(end) };
}

export function toTextEdits(doc: TextDocument, edits: OffsetEdit[]): TextEdit[] {
  return [...edits].sort((a, b) => a.start - b.start).map((e) => ({ range: rangeOf(doc, e.start, e.end), newText: e.newText }));
}

/** A workspace edit for one document, pinned to its version when the client can check it. */
export function workspaceEdit(doc: TextDocument, edits: TextEdit[], versioned: boolean): WorkspaceEdit {
  if (versioned) return { documentChanges: [TextDocumentEdit.create({ uri: doc.uri, version: doc.version }, edits)] };
  return { changes: { [doc.uri]: edits } };
}

/** The edits that turn `before` into `after`: a line diff finds the changed lines, a word diff
 * inside them the changed words, so each edit is as small as the change and the cursor and the
 * text around it stay put. */
export function diffEdits(before: string, after: string): OffsetEdit[] {
  if (before === after) return [];
  const edits: OffsetEdit[] = [];
  for (const lines of runs(splitLines(before), splitLines(after))) {
    const oldText = before.slice(lines.aFrom, lines.aTo);
    const newText = after.slice(lines.bFrom, lines.bTo);
    // Changed words with only spaces between them are one change ("two months" → "40 working days").
    const merged: Run[] = [];
    for (const w of runs(tokens(oldText), tokens(newText))) {
      const last = merged[merged.length - 1];
      if (last && /^[ \t]*$/.test(oldText.slice(last.aTo, w.aFrom))) Object.assign(last, { aTo: w.aTo, bTo: w.bTo });
      else merged.push({ ...w });
    }
    for (const words of merged) {
      edits.push(keepWhole(before, { start: lines.aFrom + words.aFrom, end: lines.aFrom + words.aTo, newText: newText.slice(words.bFrom, words.bTo) }));
    }
  }
  return edits;
}

/** Lines with their line breaks kept, so joining them gives the text back. */
function splitLines(text: string): string[] {
  return text.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g) ?? [];
}

/** Words, runs of white space and single other characters (a surrogate pair stays whole). */
function tokens(text: string): string[] {
  return text.match(/[\p{L}\p{N}_]+|\s+|[^]/gu) ?? [];
}

/** A changed stretch: pieces [aFrom, aTo) of the old text became [bFrom, bTo) of the new, in
 * characters. */
interface Run {
  aFrom: number;
  aTo: number;
  bFrom: number;
  bTo: number;
}

/** The changed stretches between two sequences of pieces, from a longest common subsequence
 * after the common head and tail are set aside. Past a size where the table would be large, the
 * whole middle is one stretch. */
function runs(a: string[], b: string[]): Run[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const aMid = a.slice(head, a.length - tail);
  const bMid = b.slice(head, b.length - tail);
  const aBase = length(a, head);
  const bBase = length(b, head);
  const out: Run[] = [];
  const emit = (ai: number, aj: number, bi: number, bj: number) => out.push({ aFrom: aBase + length(aMid, ai), aTo: aBase + length(aMid, aj), bFrom: bBase + length(bMid, bi), bTo: bBase + length(bMid, bj) });
  if (!aMid.length && !bMid.length) return out;
  const n = aMid.length;
  const m = bMid.length;
  if (!n || !m || n * m > 2_000_000) {
    emit(0, n, 0, m);
    return out;
  }
  // lcs[i][j]: common subsequence length of aMid[i..] and bMid[j..].
  const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i][j] = aMid[i] === bMid[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  let i = 0;
  let j = 0;
  let open: [number, number] | undefined;
  while (i < n || j < m) {
    if (i < n && j < m && aMid[i] === bMid[j]) {
      if (open) emit(open[0], i, open[1], j);
      open = undefined;
      i++;
      j++;
      continue;
    }
    open ??= [i, j];
    if (j < m && (i >= n || lcs[i][j + 1] >= lcs[i + 1][j])) j++;
    else i++;
  }
  if (open) emit(open[0], n, open[1], m);
  return out;
}

/** Characters in the first `count` pieces. */
function length(pieces: string[], count: number): number {
  let total = 0;
  for (let k = 0; k < count; k++) total += pieces[k].length;
  return total;
}

/** Widens an edit that would start or end between the two halves of a CRLF. */
function keepWhole(text: string, edit: OffsetEdit): OffsetEdit {
  let { start, end } = edit;
  let prefix = '';
  let suffix = '';
  if (start > 0 && text.charCodeAt(start - 1) === 13 && text.charCodeAt(start) === 10) {
    start--;
    prefix = '\r';
  }
  if (end > 0 && end < text.length && text.charCodeAt(end - 1) === 13 && text.charCodeAt(end) === 10) {
    end++;
    suffix = '\n';
  }
  return { start, end, newText: prefix + edit.newText + suffix };
}
