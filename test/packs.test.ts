import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundledPacks, loadPacks } from '../server/src/host/packs.js';
import { ConfigError } from '../server/src/host/config.js';
import { packageRoot } from '../server/src/host/package-root.js';

const PACKS = join(packageRoot(), 'rules', 'packs');

/** A copy of the bundled packs to break one file in. */
function packsCopy(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'foilint-packs-')), 'packs');
  cpSync(PACKS, dir, { recursive: true });
  return dir;
}

function loadError(dir: string): ConfigError {
  try {
    loadPacks(dir);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('the broken pack loaded without an error');
}

describe('regime packs (rules/packs)', () => {
  const packs = bundledPacks();

  it('loads one valid pack per regime, each with its regulator and canonical paragraphs', () => {
    expect(Object.keys(packs).sort()).toEqual(['eir', 'eir-scotland', 'foia', 'foisa']);
    expect(packs.foia!.regulator.id).toBe('ico');
    expect(packs.eir!.regulator.id).toBe('ico');
    expect(packs.foisa!.regulator.id).toBe('sic');
    expect(packs['eir-scotland']!.regulator.id).toBe('sic');
    for (const pack of Object.values(packs)) {
      expect(pack!.wording.internalReview).toMatch(/40 working days/);
      expect(pack!.wording.complaint).toContain(pack!.regulator.address.postcode);
    }
  });

  it('holds the figures the law sets', () => {
    expect(packs.foia!.deadlines.response.workingDays).toBe(20);
    expect(packs.foia!.workingDays.calendar).toBe('uk-any');
    expect(packs.foisa!.workingDays.calendar).toBe('scotland');
    expect(packs.foisa!.deadlines.appeal?.months).toBe(6);
    expect(packs.eir!.deadlines.reviewReply.workingDays).toBe(40);
    expect(packs.foia!.costLimit?.limits).toEqual([
      { appliesTo: 'central-government', amount: 600, hours: 24 },
      { appliesTo: 'other', amount: 450, hours: 18 },
    ]);
    expect(packs.eir!.costLimit).toBeUndefined();
    expect(packs.foia!.regulator.outdated.map((o) => o.replacement)).toContain('0303 123 1113');
  });

  it('gives every item a legal source', () => {
    for (const pack of Object.values(packs)) {
      for (const d of Object.values(pack!.deadlines)) expect(d?.source).toBeTruthy();
      for (const o of [...pack!.regulator.outdated, ...pack!.outdatedReviewWindows, ...pack!.substitutions]) expect(o.source).toBeTruthy();
    }
  });

  it('reports a pack that breaks the schema with its file, line and key', () => {
    const dir = packsCopy();
    const file = join(dir, 'foia', 'pack.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('refusalTerm: exemption', 'refusalTerm: exemptoin'));
    const err = loadError(dir);
    expect(err.file).toBe(file);
    expect(err.line).toBeGreaterThan(1);
    expect(err.detail).toMatch(/refusalTerm.*must be one of/);
  });

  it('reports a pattern that is not a regular expression', () => {
    const dir = packsCopy();
    const file = join(dir, 'regulators', 'ico.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('pattern: "SK9\\\\s*5AX"', 'pattern: "SK9(5AX"'));
    const err = loadError(dir);
    expect(err.file).toBe(file);
    expect(err.detail).toMatch(/outdated\.\d+\.pattern" is not a valid regular expression/);
  });

  it('reports a missing regulator and a missing wording file', () => {
    let dir = packsCopy();
    let file = join(dir, 'eir', 'pack.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('regulator: ico', 'regulator: icoo'));
    expect(loadError(dir).detail).toMatch(/regulator "icoo" has no file/);
    dir = packsCopy();
    file = join(dir, 'foisa', 'pack.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('complaint: complaint.md', 'complaint: appeal.md'));
    expect(loadError(dir).detail).toMatch(/appeal\.md cannot be read/);
  });
});
