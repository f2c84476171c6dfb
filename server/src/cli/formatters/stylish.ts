/** ESLint-like "stylish" output: the path, then one line per finding, then a summary. */
import type { RuleMeta } from '../../engine/types.js';
import type { FileResult } from '../types.js';
import { countSeverities, type FormatContext } from './types.js';

const codes = { red: [31, 39], yellow: [33, 39], cyan: [36, 39], dim: [2, 22], underline: [4, 24], bold: [1, 22] } as const;
type Style = keyof typeof codes;

function painter(color: boolean) {
  return (style: Style, s: string) => (color ? `\u001b[${codes[style][0]}m${s}\u001b[${codes[style][1]}m` : s);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The block for one file ('' for a clean file). */
export function stylishFile(result: FileResult, ctx: Partial<FormatContext> = {}): string {
  if (!result.findings.length) return '';
  const paint = painter(!!ctx.color);
  const rows = result.findings.map((f) => [`${f.startPos.line}:${f.startPos.column}`, f.severity, f.message.replace(/\s*\r?\n\s*/g, ' '), f.ruleId] as const);
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  const w2 = Math.max(...rows.map((r) => r[2].length));
  const lines = rows.map(([pos, sev, msg, rule]) => {
    const sevText = sev.padEnd(w1);
    const sevPainted = sev === 'error' ? paint('red', sevText) : sev === 'warning' ? paint('yellow', sevText) : paint('cyan', sevText);
    return `  ${paint('dim', pos.padEnd(w0))}  ${sevPainted}  ${msg.padEnd(w2)}  ${paint('dim', rule)}`.trimEnd();
  });
  return `\n${paint('underline', result.filePath)}\n${lines.join('\n')}\n`;
}

/** The closing summary, from the counts of every file. */
export function stylishSummary(counts: ReturnType<typeof countSeverities>, ctx: Partial<FormatContext> = {}): string {
  const paint = painter(!!ctx.color);
  const total = counts.errors + counts.warnings + counts.infos;
  if (!total) return '';
  const parts = [plural(counts.errors, 'error'), plural(counts.warnings, 'warning')];
  if (counts.infos) parts.push(`${counts.infos} info`);
  const style: Style = counts.errors ? 'red' : counts.warnings ? 'yellow' : 'cyan';
  let out = `\n${paint(style, paint('bold', `\u2716 ${plural(total, 'problem')} (${parts.join(', ')})`))}\n`;
  if (counts.fixableErrors || counts.fixableWarnings) {
    out += paint(style, paint('bold', `  ${plural(counts.fixableErrors, 'error')} and ${plural(counts.fixableWarnings, 'warning')} potentially fixable with the \`--fix\` option.`)) + '\n';
  }
  return out;
}

export default function stylish(results: FileResult[], _ruleMetas: RuleMeta[], ctx: Partial<FormatContext> = {}): string {
  return results.map((r) => stylishFile(r, ctx)).join('') + stylishSummary(countSeverities(results), ctx);
}
