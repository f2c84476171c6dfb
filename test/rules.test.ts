import { describe, it, expect } from 'vitest';
import { readdirSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lint, fixAll, listRules, applyFixes } from '../server/src/engine/index.js';
import { fixturesOf } from './support/fixtures.js';

const root = join(__dirname, 'rules');
const catalogue = listRules().filter((r) => !['internal-error'].includes(r.id));

describe('every catalogue rule has fixture letters', () => {
  for (const meta of catalogue) {
    it(meta.id, () => {
      const fixtures = fixturesOf(join(root, meta.id));
      expect(fixtures.length, `add fixture letters in test/rules/${meta.id}/`).toBeGreaterThanOrEqual(2);
      expect(fixtures.some((f) => f.expected.some((e) => e.ruleId === meta.id)), 'at least one fixture shows the rule firing').toBe(true);
      expect(fixtures.some((f) => !f.expected.some((e) => e.ruleId === meta.id)), 'at least one fixture shows a letter the rule accepts').toBe(true);
    });
  }
});

for (const dir of existsSync(root) ? readdirSync(root).sort() : []) {
  const meta = listRules().find((r) => r.id === dir);
  describe(`rule ${dir}`, () => {
    it('is a known rule', () => expect(meta, `test/rules/${dir} names no rule`).toBeDefined());
    for (const fx of fixturesOf(join(root, dir))) {
      describe(fx.name, () => {
        const report = lint(fx.text, { path: fx.file, config: fx.config });
        const ruleIds = new Set([dir, ...fx.expected.map((e) => e.ruleId)]);

        it('reports exactly the marked findings', () => {
          const actual = report.findings.filter((f) => ruleIds.has(f.ruleId)).map((f) => `${f.startPos.line}:${f.ruleId}`).sort();
          const expected = fx.expected.map((e) => `${e.line}:${e.ruleId}`).sort();
          expect(actual, report.findings.map((f) => `${f.startPos.line}:${f.ruleId} ${f.message}`).join('\n')).toEqual(expected);
        });

        it('gives each finding a message that says what to do', () => {
          for (const f of report.findings) {
            expect(f.message.length).toBeGreaterThan(20);
            expect(f.ruleId).toMatch(/^[a-z][a-z0-9-]*$/);
          }
        });

        it('leaves nothing fixable after fix-all, and changes only what fixes touch', () => {
          const fixed = fixAll(fx.text, { path: fx.file, config: fx.config });
          expect(fixed.report.findings.filter((f) => f.fix)).toEqual([]);
          const golden = fx.file.replace(/\.(md|txt)$/, '.fixed.$1');
          if (existsSync(golden)) expect(fixed.text).toBe(readFileSync(golden, 'utf8'));
          if (!report.findings.some((f) => f.fix)) expect(fixed.text).toBe(fx.text);
        });

              it("applying a finding's suggestion resolves that finding", () => {
          // A suggestion may leave a stub (an "[ANSWER REQUIRED]" placeholder) that is reported in
          // its own words, but the finding it was offered for must be gone, and no more findings appear.
          for (const f of report.findings.filter((x) => x.ruleId === dir && x.suggestions?.length)) {
            const after = applyFixes(fx.text, [f.suggestions![0]]).text;
            const again = lint(after, { path: fx.file, config: fx.config }).findings.filter((x) => x.ruleId === dir);
            const detail = `after "${f.suggestions![0].title}":\n${again.map((x) => x.message).join('\n')}`;
            expect(again.map((x) => x.message), detail).not.toContain(f.message);
            expect(again.length, detail).toBeLessThanOrEqual(report.findings.filter((x) => x.ruleId === dir).length);
          }
        });
      });
    }
  });
}
