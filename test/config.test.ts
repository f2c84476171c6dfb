import { describe, it, expect, beforeEach } from 'vitest';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, clearConfigCache, loadConfigFor } from '../server/src/host/config.js';
import { lint } from '../server/src/engine/index.js';

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'foilint-config-'));
  for (const [name, body] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), body);
  }
  return dir;
}

function errorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

beforeEach(() => clearConfigCache());

describe('config discovery', () => {
  it('uses the nearest config file and its extends chain', () => {
    const dir = workspace({
      '.foilintrc.json': JSON.stringify({ regime: 'foia', rules: { 'section-order': 'off' }, authority: { name: 'Barnet' } }),
      'letters/2023/.foilintrc.yaml': 'extends: ../../.foilintrc.json\nrules:\n  placeholder: warning\n',
      'letters/2023/a.md': 'x',
    });
    const { config, files } = loadConfigFor(join(dir, 'letters/2023/a.md'));
    expect(files.map((f) => f.slice(dir.length))).toEqual(['/.foilintrc.json', '/letters/2023/.foilintrc.yaml']);
    expect(config.rules).toEqual({ 'section-order': 'off', placeholder: 'warning' });
    expect(config.authority.name).toBe('Barnet');
    expect(config.templates.default.sections.map((s) => s.id)).toEqual(['request', 'response', 'rights']);
  });

  it('--config overrides discovery and --rule overrides both', () => {
    const dir = workspace({ '.foilintrc.json': '{"rules": {"placeholder": "off"}}', 'other.yml': 'rules:\n  placeholder: info\n', 'a.md': 'x' });
    expect(loadConfigFor(join(dir, 'a.md'), { configPath: join(dir, 'other.yml') }).config.rules.placeholder).toBe('info');
    expect(loadConfigFor(join(dir, 'a.md'), { ruleOverrides: { placeholder: 'error' } }).config.rules.placeholder).toBe('error');
  });

  it('applies ignores relative to the config file', () => {
    const dir = workspace({ '.foilintrc.json': '{"ignores": ["drafts/**"]}', 'drafts/a.md': 'x', 'b.md': 'x' });
    const loaded = loadConfigFor(join(dir, 'b.md'));
    expect(loaded.isIgnored(join(dir, 'drafts/a.md'))).toBe(true);
    expect(loaded.isIgnored(join(dir, 'b.md'))).toBe(false);
  });

  it('an authority section with "after" is required in that place', () => {
    const dir = workspace({
      '.foilintrc.json': JSON.stringify({ sections: [{ id: 'further-information', title: 'Further information', headings: ['Further information'], after: 'response' }] }),
      'a.md': 'x',
    });
    const { config } = loadConfigFor(join(dir, 'a.md'));
    const text = 'Thank you for your request received on 1 May 2024, for the following information:\n\nBudget for 2024?\n\nResponse\n\nBudget for 2024?\n\n£4m. We hold this.\n\nYour rights\n\nYou may request an internal review.\n';
    const ids = lint(text, { config }).findings.filter((f) => f.ruleId === 'required-sections').map((f) => f.message);
    expect(ids).toHaveLength(1);
    expect(ids[0]).toMatch(/Further information/);
  });
});

describe('a bad config gives one clear error naming the file, line and key', () => {
  it('JSON syntax error', () => {
    const dir = workspace({ '.foilintrc.json': '{\n  "regime": "foia",\n  "rules": {\n    "placeholder": "error"\n    "question-answered": "off"\n  }\n}\n', 'a.md': '' });
    const e = errorOf(() => loadConfigFor(join(dir, 'a.md')));
    expect(e.file).toBe(join(dir, '.foilintrc.json'));
    expect(e.line).toBe(5);
    expect(e.detail).toMatch(/JSON syntax error/);
  });

  it('YAML syntax error', () => {
    const dir = workspace({ '.foilintrc.yaml': 'regime: foia\nrules:\n  placeholder: [error\n', 'a.md': '' });
    const e = errorOf(() => loadConfigFor(join(dir, 'a.md')));
    expect(e.detail).toMatch(/YAML syntax error/);
    expect(e.line).toBeGreaterThanOrEqual(3);
  });

  it('unknown key, with its line', () => {
    const dir = workspace({ '.foilintrc.json': '{\n  "regime": "foia",\n  "authorty": {}\n}\n', 'a.md': '' });
    const e = errorOf(() => loadConfigFor(join(dir, 'a.md')));
    expect(e.detail).toBe('unknown key "authorty" in the top level');
    expect([e.line, e.column]).toEqual([3, 3]);
  });

  it('unknown rule id', () => {
    const dir = workspace({ '.foilintrc.yml': 'rules:\n  placeholders: error\n', 'a.md': '' });
    const e = errorOf(() => loadConfigFor(join(dir, 'a.md')));
    expect(e.detail).toMatch(/unknown rule id "placeholders"/);
    expect(e.line).toBe(2);
  });

  it('wrong severity', () => {
    const dir = workspace({ '.foilintrc.json': '{"rules": {"placeholder": "fatal"}}', 'a.md': '' });
    expect(errorOf(() => loadConfigFor(join(dir, 'a.md'))).detail).toMatch(/"rules.placeholder" must be (?:one of "error", "warning", "info", "off"|a severity)/);
  });

  it('wrong regime', () => {
    const dir = workspace({ '.foilintrc.json': '{"regime": "gdpr"}', 'a.md': '' });
    expect(errorOf(() => loadConfigFor(join(dir, 'a.md'))).detail).toMatch(/"regime" must be one of "foia", "eir", "foisa", "eir-scotland"/);
  });

  it('extends loop and missing base', () => {
    const loop = workspace({ 'a.json': '{"extends": "b.json"}', 'b.json': '{"extends": "a.json"}', 'x.md': '' });
    expect(errorOf(() => loadConfigFor(join(loop, 'x.md'), { configPath: join(loop, 'a.json') })).detail).toMatch(/loop/);
    const missing = workspace({ '.foilintrc.json': '{"extends": "nope.json"}', 'x.md': '' });
    expect(errorOf(() => loadConfigFor(join(missing, 'x.md'))).detail).toMatch(/"nope.json", which does not exist/);
  });

  it('unknown template', () => {
    const dir = workspace({ '.foilintrc.json': '{"template": "nope"}', 'a.md': '' });
    expect(errorOf(() => loadConfigFor(join(dir, 'a.md'))).detail).toMatch(/not a known template/);
  });
});
