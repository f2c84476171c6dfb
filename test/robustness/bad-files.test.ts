/** Bad files and paths: one error line each on stderr, the other letters still linted, exit code 2
 * for an I/O problem, 1 for findings only.
 *
 * Already proved in test/cli/cli.test.ts ("bad input: one line each, the run goes on"), not
 * repeated: a missing path, a folder with no letters, a binary file, a file that is not UTF-8, an
 * empty file (a warning), a broken symbolic link (named and found in a folder), an unreadable file
 * (chmod 000, skipped when run as root), a UTF-16LE file with a BOM (decoded and linted), nothing
 * to lint (exit 2), no stack trace without --debug; exit codes 0/1/2 ("exit codes and options"). */
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { chmodSync, closeSync, mkdirSync, openSync, readFileSync, writeSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanLetter, defectiveLetter, ensureBuilt, foilint, warningLetter, workspace } from '../cli/helpers.js';
import type { JsonResult } from '../../server/src/cli/formatters/json.js';
import { MAX_LETTER_BYTES } from '../../server/src/cli/process-file.js';
import { PRELOAD, foilintWith } from './support/cli.js';

beforeAll(() => ensureBuilt());

/** Lints good.md (which has one error) and the bad paths; expects exactly the given stderr lines. */
function expectOneLineEach(dir: string, bad: string[], expected: RegExp[], env?: Record<string, string>) {
  const r = env ? foilintWith([PRELOAD.fsWatch], ['-f', 'json', 'good.md', ...bad], { cwd: dir, env }) : foilint(['-f', 'json', 'good.md', ...bad], { cwd: dir });
  const lines = r.err.trim().split('\n');
  expect(lines).toHaveLength(expected.length);
  expected.forEach((re, i) => expect(lines[i]).toMatch(re));
  const results = JSON.parse(r.out) as JsonResult[];
  expect(results.map((x) => x.filePath)).toEqual(['good.md']);
  expect(results[0].errorCount).toBe(1);
  return r;
}

describe('bad files and paths', () => {
  it('an unreadable file, simulated so it holds as root too (EACCES on read)', () => {
    // chmod 000 does not stop root reading; test/cli/cli.test.ts "an unreadable file" covers a
    // normal user. Here the read itself fails, as it does for them.
    const dir = workspace({ 'good.md': defectiveLetter(), 'secret.md': cleanLetter() });
    const r = expectOneLineEach(dir, ['secret.md'], [/^foilint: secret\.md: cannot be read \(permission denied\); check the file's permissions$/], { FOILINT_UNREADABLE: 'secret.md' });
    expect(r.code).toBe(2);
  });

  it('chmod 000 as root: reported, or (root reads anyway) linted; the test says which', () => {
    const dir = workspace({ 'good.md': defectiveLetter(), 'secret.md': warningLetter() });
    chmodSync(join(dir, 'secret.md'), 0o000);
    let readable = true;
    try {
      readFileSync(join(dir, 'secret.md'));
    } catch {
      readable = false;
    }
    const r = foilint(['-f', 'json', 'good.md', 'secret.md'], { cwd: dir });
    if (readable) {
      console.log('chmod 000 does not stop this user (root) reading: the file is linted; the EACCES case is the test above');
      expect(r.code).toBe(1);
      expect((JSON.parse(r.out) as JsonResult[]).map((x) => x.filePath)).toEqual(['good.md', 'secret.md']);
    } else {
      expect(r.code).toBe(2);
      expect(r.err.trim()).toMatch(/^foilint: secret\.md: cannot be read \(permission denied\)/);
    }
  });

  it('a folder named like a letter is searched as a folder, not read as a file', () => {
    const dir = workspace({ 'good.md': defectiveLetter(), 'odd.md/inside.md': defectiveLetter() });
    const r = foilint(['-f', 'json', 'good.md', 'odd.md'], { cwd: dir });
    expect(r.err).toBe('');
    expect((JSON.parse(r.out) as JsonResult[]).map((x) => x.filePath)).toEqual(['good.md', join('odd.md', 'inside.md')]);
  });

  it('a named pipe given by name: refused at once, not waited on', () => {
    const dir = workspace({ 'good.md': defectiveLetter() });
    execFileSync('mkfifo', [join(dir, 'pipe.md')]);
    const start = Date.now();
    const r = expectOneLineEach(dir, ['pipe.md'], [/^foilint: pipe\.md: is not a regular file \(a pipe, socket or device\); foilint lints letter files$/]);
    expect(r.code).toBe(2);
    expect(Date.now() - start).toBeLessThan(30000);
    // In a folder, the pipe is not taken for a letter at all.
    const folder = foilint(['-f', 'json', '.'], { cwd: dir });
    expect(folder.err).toBe('');
    expect((JSON.parse(folder.out) as JsonResult[]).map((x) => x.filePath)).toEqual(['good.md']);
  });

  it('a device (/dev/zero, endless) given by name: refused at once', () => {
    const dir = workspace({ 'good.md': defectiveLetter() });
    const r = expectOneLineEach(dir, ['/dev/zero'], [/^foilint: .*dev\/zero: is not a regular file \(a pipe, socket or device\)/]);
    expect(r.code).toBe(2);
  });

  it('UTF-16BE with a BOM is decoded and linted; UTF-16 that is not valid is refused clearly', () => {
    const be = Buffer.from(defectiveLetter(), 'utf16le').swap16();
    const badLe = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Dear Sir', 'utf16le'), Buffer.from([0x00, 0xd8, 0x41, 0x00])]);
    const dir = workspace({ 'good.md': defectiveLetter(), 'be.md': Buffer.concat([Buffer.from([0xfe, 0xff]), be]), 'bad16.md': badLe });
    const ok = foilint(['-f', 'json', 'be.md'], { cwd: dir });
    expect(ok.err).toBe('');
    expect((JSON.parse(ok.out) as JsonResult[])[0].messages.map((m) => m.ruleId)).toEqual(['placeholder', 'directives']);
    const r = expectOneLineEach(dir, ['bad16.md'], [/^foilint: bad16\.md: starts with a UTF-16LE byte-order mark but is not valid UTF-16; save it as UTF-8$/]);
    expect(r.code).toBe(2);
  });

  it('a file of white space only: a warning, exit code from the other letters', () => {
    const dir = workspace({ 'good.md': defectiveLetter(), 'blank.md': ' \n\t\r\n  \n' });
    const r = expectOneLineEach(dir, ['blank.md'], [/^foilint: warning: blank\.md: has only white space; nothing to lint$/]);
    expect(r.code).toBe(1);
  });

  it(`a 50 MB file: refused in a moment (the limit is ${MAX_LETTER_BYTES / 1048576} MB), the run goes on`, () => {
    const dir = workspace({ 'good.md': defectiveLetter() });
    // Written in 1 MB pieces of letter text, so it is text (not binary) and only its size is wrong.
    const piece = Buffer.from(cleanLetter().repeat(Math.ceil(1048576 / cleanLetter().length)).slice(0, 1048576));
    const fd = openSync(join(dir, 'huge.md'), 'w');
    for (let i = 0; i < 50; i++) writeSync(fd, piece);
    closeSync(fd);
    const start = Date.now();
    const r = expectOneLineEach(dir, ['huge.md'], [/^foilint: huge\.md: is 50\.0 MB, over foilint's limit of 2 MB for one letter; check it is a letter \(letters are rarely over 1 MB\)$/]);
    const ms = Date.now() - start;
    console.log(`50 MB file refused in ${ms} ms`);
    expect(r.code).toBe(2);
    expect(ms).toBeLessThan(20000);
    // The same on stdin.
    const stdin = foilint(['--stdin'], { cwd: dir, input: readFileSync(join(dir, 'huge.md')) });
    expect(stdin.code).toBe(2);
    expect(stdin.err.trim()).toMatch(/^foilint: <stdin>: is 50\.0 MB, over foilint's limit/);
  });

  it('many bad files at once: one line each, in order, and every good letter linted', () => {
    const dir = workspace({ 'good.md': defectiveLetter(), 'b/bin.md': Buffer.from([0x50, 0x4b, 0, 0]), 'b/empty.md': '', 'b/latin.md': Buffer.from('caf\xe9\n', 'latin1'), 'b/ok.md': warningLetter() });
    mkdirSync(join(dir, 'c'));
    writeFileSync(join(dir, 'c', 'ok2.md'), defectiveLetter());
    const r = foilint(['-f', 'json', 'good.md', 'missing.md', 'b', 'c'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toEqual([
      'foilint: missing.md: no such file or folder; check the path',
      `foilint: ${join('b', 'bin.md')}: looks like a binary file (it has NUL bytes); foilint lints text letters (.md, .markdown, .txt)`,
      `foilint: warning: ${join('b', 'empty.md')}: is empty; nothing to lint`,
      `foilint: ${join('b', 'latin.md')}: is not valid UTF-8 text; save it as UTF-8 and lint it again`,
    ]);
    expect((JSON.parse(r.out) as JsonResult[]).map((x) => x.filePath)).toEqual([join('b', 'ok.md'), join('c', 'ok2.md'), 'good.md']);
  });

  it('exit codes: 1 for findings, 2 only when a file or the config cannot be used, 0 otherwise', () => {
    const dir = workspace({ 'bad.md': defectiveLetter(), 'warn.md': warningLetter(), 'clean.md': cleanLetter(), 'empty.md': '' });
    expect(foilint(['clean.md'], { cwd: dir }).code).toBe(0);
    expect(foilint(['warn.md'], { cwd: dir }).code).toBe(0);
    expect(foilint(['bad.md'], { cwd: dir }).code).toBe(1);
    // A warning about a file (empty) is not a failure.
    expect(foilint(['clean.md', 'empty.md'], { cwd: dir }).code).toBe(0);
    expect(foilint(['bad.md', 'nothere.md'], { cwd: dir }).code).toBe(2);
    expect(foilint(['clean.md', '--rule', 'nope:error'], { cwd: dir }).code).toBe(2);
  });
});
