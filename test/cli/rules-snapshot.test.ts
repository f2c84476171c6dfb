import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTemplates } from '../../server/src/host/config.js';
import { loadPacks } from '../../server/src/host/packs.js';
import { makeRulesSnapshot } from '../../server/src/host/rules-snapshot.js';
import { ensureBuilt, ROOT } from './helpers.js';

/** A copy of the installed package (launcher, bundles, rules) that a test may edit. */
function packageCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'foilint-snapshot-'));
  for (const part of ['package.json', 'bin', 'rules', 'dist/cli.js', 'dist/worker.js']) cpSync(join(ROOT, part), join(dir, part), { recursive: true });
  return dir;
}

function printConfig(pkg: string) {
  const letter = join(pkg, 'letter.md');
  writeFileSync(letter, 'A letter.\n');
  const r = spawnSync(process.execPath, [join(pkg, 'bin', 'foilint.js'), '--print-config', letter], { cwd: pkg, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Where a lint run took the bundled rules from (its --debug line). */
function rulesSource(pkg: string): string | undefined {
  writeFileSync(join(pkg, 'letter.md'), 'A letter.\n');
  const r = spawnSync(process.execPath, [join(pkg, 'bin', 'foilint.js'), '--debug', 'letter.md'], { cwd: pkg, encoding: 'utf8' });
  return /bundled rules (.*)$/m.exec(r.stderr)?.[1];
}

describe('rules data embedded at build time', () => {
  beforeAll(() => ensureBuilt());

  it('holds exactly what reading and validating the files gives', () => {
    const snapshot = JSON.parse(makeRulesSnapshot(ROOT));
    expect(snapshot.templates).toEqual(loadTemplates(join(ROOT, 'rules', 'templates')));
    expect(snapshot.packs).toEqual(loadPacks(join(ROOT, 'rules', 'packs')));
    expect(Object.keys(snapshot.files)).toContain('rules/templates/default.yaml');
    expect(Object.keys(snapshot.files)).toContain('rules/packs/foia/pack.yaml');
  });

  it('is used when the files are unchanged, and gives the same config as the files', () => {
    const pkg = packageCopy();
    expect(rulesSource(pkg)).toBe('from the copy built in');
    const r = printConfig(pkg);
    expect(r.code).toBe(0);
    const templates = JSON.parse(r.out).templates;
    expect(Object.keys(templates).sort()).toEqual(Object.keys(loadTemplates(join(ROOT, 'rules', 'templates'))).sort());
  });

  it('is set aside when a rules file was edited: the edit applies, and is validated', () => {
    const pkg = packageCopy();
    const file = join(pkg, 'rules', 'templates', 'default.yaml');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace(/^description: .*$/m, 'description: Edited by the compliance lead.'));
    const edited = printConfig(pkg);
    expect(edited.code).toBe(0);
    expect(rulesSource(pkg)).toBe('read from rules/');
    expect(JSON.parse(edited.out).templates.default.description).toBe('Edited by the compliance lead.');

    writeFileSync(file, original.replace(/^version: .*$/m, 'version: 1\nunknownKey: true'));
    const broken = printConfig(pkg);
    expect(broken.code).toBe(2);
    expect(broken.err).toMatch(/default\.yaml:\d+:\d+: .*unknownKey/);
  });

  it('is set aside when a template is added', () => {
    const pkg = packageCopy();
    const extra = readFileSync(join(pkg, 'rules', 'templates', 'acknowledgement.yaml'), 'utf8').replace(/^id: .*$/m, 'id: added');
    writeFileSync(join(pkg, 'rules', 'templates', 'added.yaml'), extra);
    const r = printConfig(pkg);
    expect(r.code).toBe(0);
    expect(Object.keys(JSON.parse(r.out).templates)).toContain('added');
  });
});
