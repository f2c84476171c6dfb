/** Bad config: every mistake is one ConfigError naming the file, line, column and what is wrong;
 * nothing is silently ignored. Already covered elsewhere, not repeated here: unknown keys, unknown
 * rule ids, wrong severities, wrong regime, extends loops (test/config.test.ts); a pack that breaks
 * its schema, a pattern that does not compile, a missing regulator or wording file
 * (test/packs.test.ts); one line and exit code 2 from the CLI (test/cli/cli.test.ts, "a bad
 * config: one line with file:line:col, exit 2"). */
import { beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ConfigError, clearConfigCache, defaultConfig, loadConfigFor } from '../../server/src/host/config.js';
import { lint } from '../../server/src/engine/index.js';
import { ensureBuilt, foilint } from '../cli/helpers.js';

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'foilint-robust-config-'));
  for (const [name, body] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), body);
  }
  return dir;
}

function configError(files: Record<string, string>): ConfigError {
  const dir = workspace({ 'a.md': 'Dear Sir\n', ...files });
  try {
    loadConfigFor(join(dir, 'a.md'));
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('the config loaded without an error');
}

beforeEach(() => clearConfigCache());

describe('syntax errors point at the file, line and column', () => {
  it('JSON: a missing comma', () => {
    const e = configError({ '.foilintrc.json': '{\n  "regime": "foia"\n  "root": true\n}\n' });
    expect(e.file).toMatch(/\.foilintrc\.json$/);
    expect([e.line, e.column]).toEqual([3, 3]);
    expect(e.message).toMatch(/\.foilintrc\.json:3:3: JSON syntax error: CommaExpected/);
  });

  it('JSONC: an unclosed string', () => {
    const e = configError({ '.foilintrc.jsonc': '// comment\n{\n  "regime": "foia,\n}\n' });
    expect([e.line, e.column]).toEqual([3, 13]);
    expect(e.detail).toMatch(/JSON syntax error/);
  });

  it('YAML: bad indentation, duplicate keys, tabs', () => {
    const indent = configError({ '.foilintrc.yaml': 'regime: foia\nrules:\n  placeholder: error\n section-order: off\n' });
    expect(indent.file).toMatch(/\.foilintrc\.yaml$/);
    expect([indent.line, indent.column]).toEqual([4, 1]);
    expect(indent.detail).toBe('YAML syntax error: All mapping items must start at the same column');
    const duplicate = configError({ '.foilintrc.yml': 'regime: foia\nregime: eir\n' });
    expect([duplicate.line, duplicate.column, duplicate.detail]).toEqual([2, 1, 'YAML syntax error: Map keys must be unique']);
    const tabs = configError({ '.foilintrc.yaml': 'ignores:\n\t- drafts/**\n' });
    expect([tabs.line, tabs.detail]).toEqual([2, 'YAML syntax error: Tabs are not allowed as indentation']);
  });

  it('YAML: an unclosed flow sequence, reported where the parser gives up', () => {
    const e = configError({ '.foilintrc.yml': 'rules:\n  placeholder: [error\n' });
    expect(e.line).toBeGreaterThanOrEqual(2);
    expect(e.detail).toMatch(/^YAML syntax error/);
  });

  it('a config that is not an object', () => {
    const e = configError({ '.foilintrc.json': '[1, 2]\n' });
    expect(e.detail).toMatch(/must be object/);
  });
});

describe('rule options are checked against each rule\'s options schema', () => {
  it('an unknown option is named with the rule and the options it has', () => {
    const e = configError({ '.foilintrc.json': '{\n  "rules": {\n    "ico-details": ["error", { "expectedNam": "Information Commission" }]\n  }\n}\n' });
    expect(e.detail).toBe('rule "ico-details" has no option "expectedNam"; its options are: expectedName');
    expect([e.line, e.column]).toEqual([3, 32]);
  });

  it('a value outside the option\'s choices', () => {
    const e = configError({ '.foilintrc.yaml': 'rules:\n  exemption-citation:\n    - error\n    - form: short\n' });
    expect(e.detail).toBe('rule "exemption-citation": option "form" must be one of "any", "full"');
    expect([e.line, e.column]).toEqual([4, 7]);
  });

  it('a value of the wrong type', () => {
    const e = configError({ '.foilintrc.json': '{ "rules": { "cost-limit": ["warning", { "requireRegulations": "yes" }] } }' });
    expect(e.detail).toBe('rule "cost-limit": option "requireRegulations" must be a boolean');
    const name = configError({ '.foilintrc.json': '{ "rules": { "ico-details": ["error", { "expectedName": 42 }] } }' });
    expect(name.detail).toBe('rule "ico-details": option "expectedName" must be a string');
  });

  it('options for a rule that takes none', () => {
    const e = configError({ '.foilintrc.json': '{ "rules": { "placeholder": ["warning", { "strict": true }] } }' });
    expect(e.detail).toBe('rule "placeholder" takes no options; write "placeholder": "warning"');
  });

  it('good options load, and an empty options object is fine anywhere', () => {
    const dir = workspace({
      'a.md': 'x',
      '.foilintrc.json': JSON.stringify({ rules: { 'ico-details': ['error', { expectedName: 'Information Commission' }], 'exemption-citation': ['error', { form: 'full' }], 'cost-limit': ['error', { requireRegulations: true }], placeholder: ['warning', {}] } }),
    });
    expect(loadConfigFor(join(dir, 'a.md')).config.rules['exemption-citation']).toEqual(['error', { form: 'full' }]);
  });

  it('the CLI prints the option error as one line and exits 2', () => {
    ensureBuilt();
    const dir = workspace({ 'a.md': 'Dear Sir\n', '.foilintrc.json': '{ "rules": { "exemption-citation": ["error", { "form": "short" }] } }' });
    const r = foilint(['a.md'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/\.foilintrc\.json:1:\d+: rule "exemption-citation": option "form" must be one of "any", "full"/);
  });
});

describe('section cues written by the user', () => {
  it('a cue that is not a regular expression is refused at its line (config sections)', () => {
    const e = configError({ '.foilintrc.yaml': 'sections:\n  - id: further-information\n    title: Further information\n    cues:\n      - "further (information"\n' });
    expect(e.detail).toMatch(/^cue is not a valid regular expression/);
    expect(e.line).toBe(5);
  });

  it('a cue that could take exponential time is refused, with the reason', () => {
    for (const cue of ['(?:\\\\w+ ?)+ information', '(a|ab)* review', 'right to (complain|appeal)\\\\1']) {
      const e = configError({ '.foilintrc.json': `{\n  "sections": [{ "id": "x", "title": "X", "cues": [\n    "ok wording",\n    "${cue}"\n  ] }]\n}\n` });
      expect(e.detail, cue).toMatch(/^cue ".*" is refused: /);
      expect(e.line, cue).toBe(4);
    }
  });

  it('a template in templatesDir with such a cue is refused too', () => {
    const e = configError({
      '.foilintrc.json': '{ "templatesDir": "templates" }',
      'templates/council.yaml': 'id: council\nversion: 1.0.0\ndescription: Council letters\nsections:\n  - id: rights\n    title: Your rights\n    headings: [Your rights]\n    cues:\n      - "(?:\\\\s*review)+ request"\n',
    });
    expect(e.file).toMatch(/council\.yaml$/);
    expect(e.line).toBe(9);
    expect(e.detail).toMatch(/is refused: a repeated group holds another repeat/);
  });

  it('plain wording with optional words and bounded gaps is accepted (the bundled cues are of this kind)', () => {
    const dir = workspace({
      'a.md': 'x',
      '.foilintrc.json': JSON.stringify({ sections: [{ id: 'further', title: 'Further information', cues: ['for (?:further|more) information', 'please (?:contact|write to) us[^.\\n]{0,40}below', 'the \\w+ team'] }] }),
    });
    expect(loadConfigFor(join(dir, 'a.md')).config.extraSections[0].cues).toHaveLength(3);
  });

  it('a bad cue that reaches the engine without the loader is skipped, not thrown or run', () => {
    const config = defaultConfig();
    const text = 'Dear Sir\n\naaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\n\nThank you.\n';
    for (const cue of ['(', '(a+)+$', '(a|aa)+$']) {
      const start = performance.now();
      const report = lint(text, { config: { ...config, extraSections: [{ id: 'x', title: 'X', headings: [], cues: [cue], required: true }] } });
      expect(report.findings.filter((f) => f.ruleId === 'internal-error')).toEqual([]);
      expect(performance.now() - start).toBeLessThan(5000);
    }
  });
});
