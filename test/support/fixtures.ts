import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ResolvedConfig, RuleSetting, SectionSpec } from '../../server/src/engine/types.js';
import { defaultConfig } from '../../server/src/host/config.js';

/** A fixture letter: text to lint, the findings it expects, and the config it asks for.
 *
 * Conventions (so a fixture reads like an example):
 * - `{rule-id}` at the end of a line: that rule reports a finding starting on this line
 *   (repeat it, `{rule-id}{rule-id}`, for two findings on one line).
 * - `<!-- fixture-config {...json...} -->` on a line of its own: config for this fixture
 *   (`regime`, `authority`, `sections`, `template`, `rules`). The line is blanked before linting.
 * The markers are removed before linting; line numbers do not move. */
export interface Fixture {
  name: string;
  file: string;
  text: string;
  expected: { line: number; ruleId: string }[];
  config: ResolvedConfig;
}

const MARKER = /(?:\s*\{([a-z][a-z0-9-]*)\})+\s*$/;
const CONFIG_LINE = /^<!--\s*fixture-config\s*([^]*?)\s*-->\s*$/;

export function readFixture(file: string): Fixture {
  let raw = readFileSync(file, 'utf8');
  const eol = raw.includes('\r\n') ? '\r\n' : '\n';
  const lines = raw.split(eol);
  const expected: Fixture['expected'] = [];
  let overrides: Partial<{ regime: ResolvedConfig['regime']; authority: ResolvedConfig['authority']; sections: SectionSpec[]; template: string; rules: Record<string, RuleSetting> }> = {};
  const out = lines.map((line, i) => {
    const cfg = CONFIG_LINE.exec(line);
    if (cfg) {
      overrides = JSON.parse(cfg[1]);
      return '';
    }
    const m = MARKER.exec(line);
    if (!m) return line;
    for (const id of m[0].matchAll(/\{([a-z][a-z0-9-]*)\}/g)) expected.push({ line: i + 1, ruleId: id[1] });
    return line.slice(0, m.index);
  });
  raw = out.join(eol);
  const base = defaultConfig();
  const config: ResolvedConfig = {
    ...base,
    regime: overrides.regime ?? base.regime,
    authority: { ...base.authority, ...overrides.authority },
    template: overrides.template ?? base.template,
    extraSections: (overrides.sections ?? []).map((s) => ({ ...s, headings: s.headings ?? [] })),
    rules: { ...base.rules, ...overrides.rules },
  };
  return { name: file.split('/').slice(-2).join('/'), file, text: raw, expected, config };
}

/** Fixture letters of one rule: test/rules/<rule-id>/*.md (and *.txt). */
export function fixturesOf(dir: string): Fixture[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.(md|txt)$/.test(f) && !f.endsWith('.fixed.md'))
    .sort()
    .map((f) => readFixture(join(dir, f)));
}
