/** Fixes are safe: fix-all is idempotent, one report's fixes never overlap, text outside the
 * applied edits is untouched, and line endings, BOM and the final newline survive. The CLI's
 * --fix side (atomic write, file mode, untouched files, files changed on disk) is in
 * fix-writes.test.ts and test/cli/cli.test.ts. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyFixes, fixAll, lint, type Finding, type ResolvedConfig, type TextEdit } from '../../server/src/engine/index.js';
import { defaultConfig } from '../../server/src/host/config.js';
import { readFixture } from '../support/fixtures.js';
import { exampleLetters, fixtureFiles, letterLike } from './support/letters.js';

const config = defaultConfig();

interface Case {
  name: string;
  text: string;
  config: ResolvedConfig;
}

const fixtureCases: Case[] = fixtureFiles().map((file) => {
  const f = readFixture(file);
  return { name: f.name, text: f.text, config: f.config };
});
const exampleCases: Case[] = exampleLetters().map((l) => ({ name: l.file, text: l.text, config }));
const realCases = [...fixtureCases, ...exampleCases];
const fixableCases = realCases.filter((c) => lint(c.text, { config: c.config }).findings.some((f) => f.fix));

function safeEdits(findings: Finding[]): { finding: Finding; edit: TextEdit }[] {
  return findings.flatMap((finding) => (finding.fix?.edits ?? []).map((edit) => ({ finding, edit })));
}

/** Two edits overlap when they share a character, or are insertions at one point, or one inserts
 * inside the other's range (the rule applyFixes uses). */
function overlap(a: TextEdit, b: TextEdit): boolean {
  if (a.start < b.end && b.start < a.end) return true;
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  if (a.start === a.end) return a.start > b.start && a.start < b.end;
  if (b.start === b.end) return b.start > a.start && b.start < a.end;
  return false;
}

/** The fixes of one report: no two overlap (across findings; a fix's own edits are disjoint too). */
function expectNoOverlap(name: string, findings: Finding[]): void {
  const edits = safeEdits(findings);
  for (let i = 0; i < edits.length; i++) {
    for (let j = i + 1; j < edits.length; j++) {
      const [a, b] = [edits[i], edits[j]];
      expect(overlap(a.edit, b.edit), `${name}: ${a.finding.ruleId} [${a.edit.start},${a.edit.end}) and ${b.finding.ruleId} [${b.edit.start},${b.edit.end}) overlap`).toBe(false);
    }
  }
}

/** Applies one pass of safe fixes and checks every character outside the applied edits is where
 * it was: the output is the original's segments between the edits, with each edit's new text. */
function expectOnlyEditsChange(text: string, findings: Finding[]): string {
  const fixes = findings.filter((f) => f.fix).map((f) => f.fix!);
  const { text: out, applied } = applyFixes(text, fixes);
  const edits = applied.flatMap((f) => f.edits).sort((a, b) => a.start - b.start);
  let expected = '';
  let at = 0;
  for (const e of edits) {
    expected += text.slice(at, e.start) + e.newText;
    at = e.end;
  }
  expected += text.slice(at);
  expect(out).toBe(expected);
  return out;
}

/** Fixes never add or drop the final line break: a letter that ended with one still does (unless
 * nothing is left), and one whose last line had none still ends with that line, when a fix has not
 * removed the line itself. */
function expectFinalNewlineKept(name: string, before: string, after: string): void {
  if (/\r?\n$/.test(before)) {
    if (after !== '') expect(after.endsWith(before.endsWith('\r\n') ? '\r\n' : '\n'), `${name}: the final line break was dropped`).toBe(true);
    return;
  }
  const lastLine = before.slice(before.lastIndexOf('\n') + 1);
  if (after.includes(lastLine.trim()) && lastLine.trim()) expect(after.endsWith(lastLine), `${name}: a line break was added after the last line`).toBe(true);
}

function expectFixAllSafe(c: Case): void {
  const report = lint(c.text, { config: c.config });
  expectNoOverlap(c.name, report.findings);
  expectOnlyEditsChange(c.text, report.findings);
  const once = fixAll(c.text, { config: c.config });
  // Idempotent: fix-all of the fixed text changes nothing, and nothing safe is left to fix.
  expect(once.report.findings.filter((f) => f.fix).map((f) => `${f.ruleId}: ${f.message}`), `${c.name}: fixable findings left after fix-all`).toEqual([]);
  expect(fixAll(once.text, { config: c.config }).text, `${c.name}: fix-all is not idempotent`).toBe(once.text);
  // Line endings: a CRLF letter gets no bare LF; an LF letter no CR; the final newline stays as it was.
  if (!/\r\n/.test(c.text)) expect(once.text.includes('\r\n'), `${c.name}: fix-all brought in CRLF`).toBe(false);
  if (/\r\n/.test(c.text) && !/(^|[^\r])\n/.test(c.text)) expect(/(^|[^\r])\n/.test(once.text), `${c.name}: fix-all brought in a bare LF`).toBe(false);
  expectFinalNewlineKept(c.name, c.text, once.text);
  // A BOM at the start stays.
  if (c.text.startsWith('\ufeff')) expect(once.text.startsWith('\ufeff')).toBe(true);
}

describe('fix-all on every fixture and example letter', () => {
  it(`has fixable letters to test (${fixableCases.length} of ${realCases.length})`, () => {
    expect(fixableCases.length).toBeGreaterThan(20);
  });

  it('LF: no overlapping fixes, only edited text changes, idempotent, final newline kept', () => {
    for (const c of realCases) expectFixAllSafe(c);
  });

  it('CRLF: the same, and no bare LF comes in', () => {
    for (const c of fixableCases) expectFixAllSafe({ ...c, name: `${c.name} (CRLF)`, text: c.text.replace(/\r?\n/g, '\r\n') });
  });

  it('with a BOM and without a final newline', () => {
    for (const c of fixableCases) {
      expectFixAllSafe({ ...c, name: `${c.name} (BOM)`, text: '\ufeff' + c.text });
      expectFixAllSafe({ ...c, name: `${c.name} (no final newline)`, text: c.text.replace(/\s+$/, '') });
    }
  });
});

describe('fix-all on generated letters', () => {
  it('letter-like text with fixable wording: the same guarantees', () => {
    fc.assert(
      fc.property(letterLike(), fc.constantFrom('\n', '\r\n'), (text, eol) => {
        expectFixAllSafe({ name: 'generated', text: text.replace(/\r?\n/g, eol), config });
      }),
      { numRuns: 200 },
    );
  });

  it('fixable fixtures spliced together in random order', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: fixableCases.length - 1 }), { minLength: 2, maxLength: 4 }), (picks) => {
        expectFixAllSafe({ name: `spliced ${picks.join(',')}`, text: picks.map((i) => fixableCases[i].text).join('\n\n'), config });
      }),
      { numRuns: 40 },
    );
  });
});
