import type { Fixability, RuleMeta } from '../server/src/engine/types.js';

/** Start and end markers of the generated rules table in README.md. */
export const TABLE_START = '<!-- rules-table:start -->';
export const TABLE_END = '<!-- rules-table:end -->';

const FIX_LABEL: Record<Fixability, string> = { safe: 'safe', suggestion: 'suggestion', none: '—' };

/** Text safe inside a Markdown table cell: no column breaks, no accidental HTML. */
function cell(s: string): string {
  return s.replace(/\s+/g, ' ').replace(/\|/g, '\\|').replace(/</g, '&lt;').trim();
}

/** The README's rules table: one row per rule, the id linking to its docs page. */
export function renderRulesTable(metas: RuleMeta[]): string {
  const rows = metas.map((m) => `| [\`${m.id}\`](rules/docs/${m.id}.md) | ${cell(m.description)} | ${m.defaultSeverity} | ${FIX_LABEL[m.fixable]} |`);
  return ['| Rule | What it checks | Default | Fix |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

/** The text between the markers (trimmed), or undefined when README has no markers. */
export function extractRulesTable(readme: string): string | undefined {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < 0 || end < start) return undefined;
  return readme.slice(start + TABLE_START.length, end).trim();
}

/** README text with the table between the markers replaced; undefined when it has no markers. */
export function replaceRulesTable(readme: string, table: string): string | undefined {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < 0 || end < start) return undefined;
  const eol = readme.includes('\r\n') ? '\r\n' : '\n';
  return readme.slice(0, start + TABLE_START.length) + eol + eol + table.split('\n').join(eol) + eol + eol + readme.slice(end);
}
