/** `--fix` writes safely: through a temp file in the letter's own folder renamed over it (never a
 * partly written letter), keeping encoding, line endings and the final newline; a failed write
 * leaves the letter as it was and no temp file behind.
 *
 * Already proved in test/cli/cli.test.ts ("--fix"), not repeated: CRLF, BOM and file mode kept,
 * letters without fixes untouched (same mtime), and the refusal to overwrite a letter that changed
 * on disk during the run (the FOILINT_TEST_BEFORE_WRITE hook); fixes through the worker pool
 * ("--fix through the pool writes the fixes"). */
import { beforeAll, describe, expect, it } from 'vitest';
import { chmodSync, lstatSync, mkdirSync, readFileSync, readdirSync, realpathSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { cleanLetter, ensureBuilt, warningLetter, workspace } from '../cli/helpers.js';
import { PRELOAD, foilintWith, readFsLog, type FsCall } from './support/cli.js';

beforeAll(() => ensureBuilt());

/** The warning letter's only finding is an unused directive, whose safe fix removes its line. */
const fixed = () => cleanLetter();

function run(dir: string, args: string[], env: Record<string, string> = {}) {
  const log = join(dir, '..', `${basename(dir)}.fslog`);
  const r = foilintWith([PRELOAD.fsWatch], args, { cwd: dir, env: { FOILINT_FS_LOG: log, ...env } });
  return { ...r, calls: readFsLog(log) };
}

const TEMP = /^\.(.+)\.foilint-\d+-[a-z0-9]+\.tmp$/;

/** Every change the run made to the file system: only temp files created exclusively ('wx') in
 * the letter's folder and renamed over that letter. */
function expectOnlyAtomicWrites(calls: FsCall[], letters: string[]): void {
  const renamed = new Set<string>();
  for (const c of calls) {
    if (c.op === 'openSync' || c.op === 'open') {
      const file = String(c.args[0]);
      expect(basename(file), `opened for writing: ${file}`).toMatch(TEMP);
      expect(c.args[1]).toBe('wx');
    } else if (c.op === 'renameSync') {
      const [from, to] = c.args.map(String);
      expect(basename(from)).toMatch(TEMP);
      expect(dirname(from), 'the temp file is in the letter\'s folder').toBe(dirname(to));
      expect(TEMP.exec(basename(from))![1]).toBe(basename(to));
      renamed.add(to);
    } else if (c.op === 'chmodSync') {
      expect(basename(String(c.args[0]))).toMatch(TEMP);
    } else {
      throw new Error(`unexpected file-system change: ${c.op} ${c.args.join(' ')}`);
    }
  }
  expect([...renamed].sort()).toEqual([...letters].map((l) => realpathSync(l)).sort());
}

const tempFilesIn = (dir: string) => readdirSync(dir, { recursive: true }).map(String).filter((f) => TEMP.test(basename(f)));

describe('--fix writes atomically', () => {
  it('a temp file in the same folder, created exclusively, then renamed over the letter; nothing else written', () => {
    const dir = workspace({ 'a.md': warningLetter(), 'sub/b.md': warningLetter(), 'clean.md': cleanLetter() });
    const r = run(dir, ['--fix', '.']);
    expect(r.code).toBe(0);
    expectOnlyAtomicWrites(r.calls, [join(dir, 'a.md'), join(dir, 'sub', 'b.md')]);
    expect(readFileSync(join(dir, 'a.md'), 'utf8')).toBe(fixed());
    expect(readFileSync(join(dir, 'sub', 'b.md'), 'utf8')).toBe(fixed());
    expect(tempFilesIn(dir)).toEqual([]);
  });

  it('the same through the worker pool', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 60; i++) files[`f/${i}.md`] = i % 2 ? warningLetter() : cleanLetter();
    const dir = workspace(files);
    const r = run(dir, ['--fix', 'f'], { FOILINT_WORKERS: '2' });
    expect(r.code).toBe(0);
    expect(new Set(r.calls.map((c) => c.thread)).size, 'the watch runs in the workers too').toBeGreaterThan(1);
    expectOnlyAtomicWrites(r.calls, Array.from({ length: 30 }, (_, i) => join(dir, 'f', `${2 * i + 1}.md`)));
    expect(tempFilesIn(dir)).toEqual([]);
  });

  it('a write that fails leaves the letter as it was, removes the temp file and says so', () => {
    const dir = workspace({ 'a.md': warningLetter() });
    const before = readFileSync(join(dir, 'a.md'));
    const r = run(dir, ['--fix', 'a.md'], { FOILINT_FAIL_RENAME: '1' });
    expect(r.code).toBe(2);
    expect(r.err.trim()).toBe('foilint: a.md: fixes could not be written (EACCES); the file is unchanged');
    // The report shows what is still wrong in the unchanged letter.
    expect(r.out).toContain('silences nothing');
    expect(readFileSync(join(dir, 'a.md')).equals(before)).toBe(true);
    expect(tempFilesIn(dir)).toEqual([]);
  });

  it('a letter reached through a symbolic link: the target is fixed, the link stays a link', () => {
    const dir = workspace({ 'real/a.md': warningLetter() });
    mkdirSync(join(dir, 'links'));
    symlinkSync(join(dir, 'real', 'a.md'), join(dir, 'links', 'a.md'));
    const r = run(dir, ['--fix', 'links/a.md']);
    expect(r.code).toBe(0);
    expect(lstatSync(join(dir, 'links', 'a.md')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'real', 'a.md'), 'utf8')).toBe(fixed());
    expectOnlyAtomicWrites(r.calls, [join(dir, 'real', 'a.md')]);
  });
});

describe('--fix keeps the letter\'s form', () => {
  it('no final newline stays without one; a final newline stays (LF and CRLF)', () => {
    const noEol = warningLetter().replace(/\s+$/, '');
    const crlfNoEol = noEol.replace(/\n/g, '\r\n');
    const dir = workspace({ 'a.md': noEol, 'b.md': crlfNoEol, 'c.md': warningLetter().replace(/\n/g, '\r\n') });
    const r = run(dir, ['--fix', '.']);
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'a.md'), 'utf8')).toBe(fixed().replace(/\s+$/, ''));
    expect(readFileSync(join(dir, 'b.md'), 'utf8')).toBe(fixed().replace(/\s+$/, '').replace(/\n/g, '\r\n'));
    expect(readFileSync(join(dir, 'c.md'), 'utf8')).toBe(fixed().replace(/\n/g, '\r\n'));
  });

  it('a UTF-16LE letter with a BOM is written back as UTF-16LE with its BOM, in the same mode', () => {
    const dir = workspace({ 'u16.md': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(warningLetter(), 'utf16le')]) });
    chmodSync(join(dir, 'u16.md'), 0o600);
    const r = run(dir, ['--fix', 'u16.md']);
    expect(r.code).toBe(0);
    const bytes = readFileSync(join(dir, 'u16.md'));
    expect([...bytes.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    expect(bytes.subarray(2).toString('utf16le')).toBe(fixed());
    expect(statSync(join(dir, 'u16.md')).mode & 0o777).toBe(0o600);
  });

  it('a letter with nothing to fix is not written at all (no temp file, no rename)', () => {
    const dir = workspace({ 'clean.md': cleanLetter(), 'bad.md': cleanLetter().replace('Thank you', 'Dear {{name}}\n\nThank you') });
    const past = new Date(Date.now() - 7200_000);
    utimesSync(join(dir, 'bad.md'), past, past);
    const before = statSync(join(dir, 'bad.md')).mtimeMs;
    const r = run(dir, ['--fix', '.']);
    expect(r.code).toBe(1);
    expect(r.calls).toEqual([]);
    expect(statSync(join(dir, 'bad.md')).mtimeMs).toBe(before);
  });

  it('--stdin --fix writes nothing to disk', () => {
    const dir = workspace({});
    writeFileSync(join(dir, 'x'), '');
    const r = foilintWith([PRELOAD.fsWatch], ['--stdin', '--fix'], { cwd: dir, input: warningLetter(), env: { FOILINT_FS_LOG: join(dir, '..', `${basename(dir)}.stdin.fslog`) } });
    expect(r.code).toBe(0);
    expect(r.out).toBe(fixed());
    expect(readFsLog(join(dir, '..', `${basename(dir)}.stdin.fslog`))).toEqual([]);
  });
});
