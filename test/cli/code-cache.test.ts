import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cleanLetter, ensureBuilt, ROOT } from './helpers.js';

/** A copy of the built package, with the CLI's code cache when the build made one. */
function packageCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'foilint-code-cache-'));
  for (const part of ['package.json', 'bin', 'rules', 'dist/cli.js', 'dist/worker.js', 'dist/cli.js.cache']) {
    if (existsSync(join(ROOT, part))) cpSync(join(ROOT, part), join(dir, part), { recursive: true });
  }
  return dir;
}

const run = (pkg: string, args: string[], input?: string) => spawnSync(process.execPath, [join(pkg, 'bin', 'foilint.js'), ...args], { cwd: pkg, encoding: 'utf8', input, env: { ...process.env, NO_COLOR: '1' } });

describe('the CLI code cache (bin/load-bundle.js)', () => {
  beforeAll(() => ensureBuilt());

  it('the build makes one, and a run with it lints as a run without it', () => {
    const withCache = packageCopy();
    expect(existsSync(join(withCache, 'dist', 'cli.js.cache'))).toBe(true);
    const cacheBefore = readFileSync(join(withCache, 'dist', 'cli.js.cache'));
    const withoutCache = packageCopy();
    writeFileSync(join(withoutCache, 'dist', 'cli.js.cache'), '');
    const args = ['--stdin', '--stdin-filename', 'letter.md', '--format', 'json'];
    const a = run(withCache, args, cleanLetter().replace('Thank you', 'Dear {{name}}\n\nThank you'));
    const b = run(withoutCache, args, cleanLetter().replace('Thank you', 'Dear {{name}}\n\nThank you'));
    expect(a.status).toBe(1);
    expect(a.stdout).toBe(b.stdout);
    // A run reads the cache; only the build writes it.
    expect(readFileSync(join(withCache, 'dist', 'cli.js.cache')).equals(cacheBefore)).toBe(true);
    expect(readFileSync(join(withoutCache, 'dist', 'cli.js.cache'), 'utf8')).toBe('');
  });

  it('is not used for a bundle it was not made from, even one of the same length', () => {
    const pkg = packageCopy();
    const bundle = join(pkg, 'dist', 'cli.js');
    const source = readFileSync(bundle, 'utf8');
    expect(source).toContain('Usage: foilint [options]');
    // Same length, other text: V8 alone would take the old cache (it checks the length only).
    writeFileSync(bundle, source.replace('Usage: foilint [options]', 'Usage: FOILINT [options]'));
    const r = run(pkg, ['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Usage: FOILINT [options]');
  });
});
