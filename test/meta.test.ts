import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listRules } from '../server/src/engine/index.js';
import { extractRulesTable, renderRulesTable, TABLE_END, TABLE_START } from '../scripts/rules-table.js';

const root = resolve(__dirname, '..');
const rules = listRules();

describe('rule metadata', () => {
  it('lists rules', () => {
    expect(rules.length).toBeGreaterThan(0);
  });

  it('gives every rule a unique kebab-case id', () => {
    const ids = rules.map((r) => r.id);
    for (const id of ids) expect(id, `rule id "${id}" is not kebab-case`).toMatch(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/);
    const dupes = ids.filter((id, i) => ids.indexOf(id) !== i);
    expect(dupes, `duplicate rule ids: ${dupes.join(', ')}`).toEqual([]);
  });

  describe.each(rules.map((r) => [r.id, r] as const))('%s', (id, meta) => {
    const docsFile = join(root, 'rules', 'docs', `${id}.md`);

    it('points its docs at rules/docs/<id>.md', () => {
      expect(meta.docs).toBe(`rules/docs/${id}.md`);
    });

    it('has a docs page that names it, its default severity and a Wrong and a Right example', () => {
      expect(existsSync(docsFile), `missing docs page rules/docs/${id}.md`).toBe(true);
      const doc = readFileSync(docsFile, 'utf8');
      expect(doc.split(/\r?\n/)[0], `rules/docs/${id}.md must start with "# ${id}"`).toBe(`# ${id}`);
      expect(doc, `rules/docs/${id}.md must mention the default severity "${meta.defaultSeverity}"`).toMatch(new RegExp(`\\b${meta.defaultSeverity}\\b`));
      expect(doc, `rules/docs/${id}.md needs a "Wrong" example`).toMatch(/^#{2,4} .*\bWrong\b/m);
      expect(doc, `rules/docs/${id}.md needs a "Right" example`).toMatch(/^#{2,4} .*\bRight\b/m);
      expect(doc, `rules/docs/${id}.md needs fenced markdown examples`).toMatch(/```markdown\n[^]*?```[^]*```markdown\n[^]*?```/);
    });
  });
});

describe('config schema', () => {
  const schema = JSON.parse(readFileSync(join(root, 'rules', 'schema', 'config.schema.json'), 'utf8'));
  const enumIds: string[] = schema.definitions.ruleId.enum;
  const ids = rules.map((r) => r.id);

  it('accepts every rule id in "rules"', () => {
    expect(ids.filter((id) => !enumIds.includes(id)), 'rule ids missing from definitions.ruleId in rules/schema/config.schema.json').toEqual([]);
  });

  it('names no rule that does not exist', () => {
    expect(enumIds.filter((id) => !ids.includes(id)), 'ids in definitions.ruleId of rules/schema/config.schema.json that are not rules').toEqual([]);
  });
});

describe('README', () => {
  it('has the rules table that the rules metadata renders', () => {
    const readmePath = join(root, 'README.md');
    const fix = 'Run `npx tsx scripts/update-readme.ts` to regenerate it.';
    expect(existsSync(readmePath), `README.md does not exist; it needs a rules table between ${TABLE_START} and ${TABLE_END}.`).toBe(true);
    const table = extractRulesTable(readFileSync(readmePath, 'utf8'));
    expect(table, `README.md has no ${TABLE_START} … ${TABLE_END} markers; add them where the rules table goes, then: ${fix}`).toBeDefined();
    expect(table?.replace(/\r\n/g, '\n'), `The rules table in README.md is out of date. ${fix}`).toBe(renderRulesTable(rules));
  });
});
