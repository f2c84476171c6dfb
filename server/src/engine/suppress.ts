import type { BlockNode, BlockTree } from './parse.js';
import type { Finding } from './types.js';
import type { LineIndex } from './text.js';

/** Inline directives, written as HTML comments so they never show in a rendered letter:
 *   <!-- foilint-disable rule-a rule-b -->   … <!-- foilint-enable rule-a -->  (no ids: every rule)
 *   <!-- foilint-disable-next-block rule --> the next block (paragraph, list, table …)
 *   <!-- foilint-disable-line rule -->       the line the comment stands on
 *   <!-- foilint-disable-file rule -->       the whole letter
 * Text after " -- " is a justification and is ignored. */
export interface Directive {
  kind: 'disable' | 'enable' | 'disable-next-block' | 'disable-line' | 'disable-file';
  rules: string[];
  start: number;
  end: number;
  /** Range of offsets the directive silences. */
  from: number;
  to: number;
  used: boolean;
  /** Rules re-enabled inside a blanket disable, from an offset on. */
  except?: { rule: string; from: number }[];
}

const DIRECTIVE = /<!--\s*foilint-(disable-next-block|disable-line|disable-file|disable|enable)\b([^]*?)-->/g;

export function parseDirectives(text: string, tree: BlockTree, index: LineIndex): Directive[] {
  const htmlNodes: { start: number; end: number }[] = [];
  const blocks: { start: number; end: number }[] = [];
  const walk = (node: BlockNode, depth: number) => {
    const p = node.position;
    if (p && node.type !== 'root') {
      if (node.type === 'html') htmlNodes.push({ start: p.start.offset!, end: p.end.offset! });
      else if (depth <= 2 && node.type !== 'listItem') blocks.push({ start: p.start.offset!, end: p.end.offset! });
    }
    if (depth < 3) for (const c of node.children) walk(c, depth + 1);
  };
  walk(tree, 0);
  blocks.sort((a, b) => a.start - b.start);

  const directives: Directive[] = [];
  const open = new Map<string, Directive>();
  for (const m of text.matchAll(DIRECTIVE)) {
    const kind = m[1] as Directive['kind'];
    const rules = m[2].split(' -- ')[0].split(/[\s,]+/).filter(Boolean);
    const start = m.index;
    const end = start + m[0].length;
    const d: Directive = { kind, rules, start, end, from: start, to: end, used: false };
    if (kind === 'disable-file') {
      d.from = 0;
      d.to = text.length;
    } else if (kind === 'disable-line') {
      const line = index.lineOf(start);
      d.from = index.lineStart(line);
      d.to = index.lineEnd(line) + 1;
    } else if (kind === 'disable-next-block') {
      const next = blocks.find((b) => b.start >= end && !htmlNodes.some((h) => h.start === b.start));
      d.from = end;
      d.to = next ? next.end : end;
    } else if (kind === 'disable') {
      d.from = end;
      d.to = text.length;
      for (const r of rules.length ? rules : ['*']) open.set(r, d);
    } else if (kind === 'enable') {
      for (const r of rules.length ? rules : [...open.keys()]) {
        const named = open.get(r);
        if (named) {
          named.to = Math.min(named.to, start);
          open.delete(r);
          continue;
        }
        // Enabling one rule inside a blanket disable: that rule alone comes back.
        const blanket = open.get('*');
        if (blanket && rules.length) blanket.except = [...(blanket.except ?? []), { rule: r, from: start }];
      }
    }
    directives.push(d);
  }
  return directives;
}

/** Removes findings silenced by directives and marks the directives that silenced something. */
export function applyDirectives(findings: Finding[], directives: Directive[]): Finding[] {
  if (!directives.length) return findings;
  return findings.filter((f) => {
    for (const d of directives) {
      if (d.kind === 'enable') continue;
      const names = d.rules.length ? d.rules.includes(f.ruleId) : true;
      const reEnabled = d.except?.some((e) => e.rule === f.ruleId && f.start >= e.from);
      if (names && !reEnabled && f.start >= d.from && f.start < Math.max(d.to, d.from + 1)) {
        d.used = true;
        return false;
      }
    }
    return true;
  });
}
