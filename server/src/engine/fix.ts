import type { Finding, Fix, TextEdit } from './types.js';

export interface ApplyResult {
  text: string;
  /** Fixes applied, in the order given. */
  applied: Fix[];
  /** Fixes skipped because they overlapped one already taken. */
  skipped: Fix[];
}

/** Applies whole fixes (all their edits or none) to the original text. A fix that overlaps one
 * already accepted is skipped; the next fix-all pass picks it up after a re-lint. Text outside
 * the accepted edits is untouched. */
export function applyFixes(text: string, fixes: Fix[]): ApplyResult {
  const accepted: TextEdit[] = [];
  const applied: Fix[] = [];
  const skipped: Fix[] = [];
  const overlaps = (e: TextEdit) =>
    accepted.some((a) => (e.start < a.end && a.start < e.end) || (e.start === e.end && a.start === a.end && e.start === a.start) || (e.start === e.end && e.start > a.start && e.start < a.end) || (a.start === a.end && a.start > e.start && a.start < e.end));
  for (const fix of fixes) {
    const edits = [...fix.edits].sort((a, b) => a.start - b.start);
    const valid = edits.every((e, i) => e.start >= 0 && e.end <= text.length && e.start <= e.end && (i === 0 || edits[i - 1].end <= e.start));
    if (!valid || edits.some(overlaps)) {
      skipped.push(fix);
      continue;
    }
    accepted.push(...edits);
    applied.push(fix);
  }
  accepted.sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of accepted) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return { text: out, applied, skipped };
}

/** The safe fixes of a set of findings, in text order. */
export function safeFixes(findings: Finding[]): Fix[] {
  return findings.filter((f) => f.fix).sort((a, b) => a.start - b.start).map((f) => f.fix!);
}
