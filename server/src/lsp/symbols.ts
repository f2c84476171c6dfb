/** The letter's outline: its sections (under their headings) and, inside them, the request's items
 * and the answers to them. */
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Letter } from '../engine/index.js';
import type { Analysis } from './analysis.js';
import { rangeOf } from './edits.js';

interface Span {
  start: number;
  end: number;
}

interface Node {
  name: string;
  detail?: string;
  kind: SymbolKind;
  range: Span;
  selection: Span;
  children: Node[];
}

export function documentSymbols(analysis: Analysis, doc: TextDocument): DocumentSymbol[] {
  const letter = analysis.letter();
  const sections: Node[] = letter.sections.map((s) => {
    const range = trimmed(letter.text, s.start, s.end);
    const selection = s.heading ? { start: s.heading.line.start, end: s.heading.line.end } : firstLine(letter, range);
    return { name: s.title || 'Preamble', detail: s.id, kind: SymbolKind.Namespace, range, selection: within(selection, range), children: [] };
  });
  const top: Node[] = [...sections];
  const place = (node: Node) => {
    const parent = sections.find((s) => s.range.start <= node.range.start && node.range.start < Math.max(s.range.end, s.range.start + 1));
    if (!parent) {
      top.push(node);
      return;
    }
    node.range = within(node.range, parent.range);
    node.selection = within(node.selection, node.range);
    parent.children.push(node);
  };
  for (const item of letter.request.items) {
    const range = trimmed(letter.text, item.start, item.end);
    place({ name: `${item.label ?? item.index}. ${short(item.text)}`, detail: 'request item', kind: SymbolKind.Key, range, selection: firstLine(letter, range), children: [] });
  }
  for (const [index, answer] of [...letter.request.answers].sort((a, b) => a[0] - b[0])) {
    const start = Math.min(answer.restatement?.start ?? answer.start, answer.start);
    const range = trimmed(letter.text, start, Math.max(answer.end, answer.restatement?.end ?? 0));
    const selection = answer.restatement ? { start: answer.restatement.start, end: answer.restatement.end } : firstLine(letter, range);
    const label = answer.item.label ?? String(index);
    const text = answer.text.trim().split(/\r?\n|\r/)[0];
    place({ name: `Answer ${label}${text ? `: ${short(text)}` : ' (empty)'}`, detail: 'answer', kind: SymbolKind.String, range, selection: within(selection, range), children: [] });
  }
  for (const s of sections) s.children.sort((a, b) => a.range.start - b.range.start);
  top.sort((a, b) => a.range.start - b.range.start);
  const convert = (n: Node): DocumentSymbol => ({
    name: n.name,
    ...(n.detail ? { detail: n.detail } : {}),
    kind: n.kind,
    range: rangeOf(doc, n.range.start, n.range.end),
    selectionRange: rangeOf(doc, n.selection.start, n.selection.end),
    ...(n.children.length ? { children: n.children.map(convert) } : {}),
  });
  return top.map(convert);
}

/** [start, end) without trailing blank space. */
function trimmed(text: string, start: number, end: number): Span {
  return { start, end: Math.max(start, start + text.slice(start, end).trimEnd().length) };
}

function firstLine(letter: Letter, span: Span): Span {
  const lineEnd = letter.index.lineEnd(letter.index.lineOf(span.start));
  return { start: span.start, end: Math.min(span.end, Math.max(span.start, lineEnd)) };
}

/** `inner` clamped into `outer`. */
function within(inner: Span, outer: Span): Span {
  const start = Math.min(Math.max(inner.start, outer.start), outer.end);
  return { start, end: Math.max(start, Math.min(inner.end, outer.end)) };
}

function short(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > 60 ? `${one.slice(0, 59)}…` : one;
}
