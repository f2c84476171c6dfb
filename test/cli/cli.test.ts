import { describe, it, expect, beforeAll } from 'vitest';
import { chmodSync, existsSync, readFileSync, statSync, symlinkSync, utimesSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { BIN, cleanLetter, copyClean, defectiveLetter, ensureBuilt, foilint, ROOT, warningLetter, workspace } from './helpers.js';
import type { JsonResult } from '../../server/src/cli/formatters/json.js';

beforeAll(() => ensureBuilt());

const PKG_VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;


describe('formats', () => {
  const dir = workspace({ 'bad.md': defectiveLetter(), 'clean.md': cleanLetter() });

  it('stylish lists path, line:col, severity, message, rule id and a summary', () => {
    const r = foilint(['bad.md', 'clean.md'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^bad\.md$/m);
    expect(r.out).toMatch(/^ {2}8:6 +error +The template field "\{\{requester_name\}\}".* +placeholder$/m);
    expect(r.out).toMatch(/^ {2}10:1 +warning +.*silences nothing.* +directives$/m);
    expect(r.out).not.toMatch(/^clean\.md$/m);
    expect(r.out).toContain('\u2716 2 problems (1 error, 1 warning)');
    expect(r.out).not.toContain('\u001b[');
  });

  it('stylish colours only when asked (--color) and never with --no-color', () => {
    expect(foilint(['bad.md', '--color'], { cwd: dir, env: { NO_COLOR: undefined } }).out).toContain('\u001b[31m');
    expect(foilint(['bad.md', '--color', '--no-color'], { cwd: dir }).out).not.toContain('\u001b[');
  });

  it('json has ESLint\'s result shape', () => {
    const r = foilint(['--format', 'json', 'bad.md', 'clean.md'], { cwd: dir });
    expect(r.code).toBe(1);
    const results = JSON.parse(r.out) as JsonResult[];
    expect(results.map((x) => x.filePath)).toEqual(['bad.md', 'clean.md']);
    const [bad, clean] = results;
    expect(Object.keys(bad).sort()).toEqual(['errorCount', 'filePath', 'fixableErrorCount', 'fixableWarningCount', 'messages', 'warningCount']);
    expect(bad).toMatchObject({ errorCount: 1, warningCount: 1, fixableErrorCount: 0, fixableWarningCount: 1 });
    expect(clean).toEqual({ filePath: 'clean.md', messages: [], errorCount: 0, warningCount: 0, fixableErrorCount: 0, fixableWarningCount: 0 });
    const placeholder = bad.messages.find((m) => m.ruleId === 'placeholder')!;
    expect(placeholder).toEqual({ ruleId: 'placeholder', severity: 2, message: expect.stringContaining('{{requester_name}}'), line: 8, column: 6, endLine: 8, endColumn: 24 });
    const directive = bad.messages.find((m) => m.ruleId === 'directives')!;
    expect(directive.severity).toBe(1);
    expect(directive.fix).toBeDefined();
    // The fix removes exactly the comment line.
    const text = defectiveLetter();
    const [start, end] = directive.fix!.range;
    const fixed = text.slice(0, start) + directive.fix!.text + text.slice(end);
    expect(fixed).not.toContain('foilint-disable');
    expect(fixed).toContain('Dear {{requester_name}}');
  });

  it('sarif 2.1.0 has the driver, rule descriptors and located results', () => {
    const r = foilint(['-f', 'sarif', 'bad.md'], { cwd: dir });
    expect(r.code).toBe(1);
    const log = JSON.parse(r.out);
    expect(log.version).toBe('2.1.0');
    const run = log.runs[0];
    expect(run.tool.driver).toMatchObject({ name: 'foilint', version: PKG_VERSION });
    expect(typeof run.tool.driver.informationUri).toBe('string');
    const placeholderRule = run.tool.driver.rules.find((x: { id: string }) => x.id === 'placeholder');
    expect(placeholderRule).toMatchObject({ helpUri: 'rules/docs/placeholder.md', defaultConfiguration: { level: 'error' } });
    expect(placeholderRule.shortDescription.text.length).toBeGreaterThan(5);
    expect(run.results).toHaveLength(2);
    const [p, d] = run.results;
    expect(p).toMatchObject({
      ruleId: 'placeholder',
      level: 'error',
      locations: [{ physicalLocation: { artifactLocation: { uri: 'bad.md' }, region: { startLine: 8, startColumn: 6, endLine: 8, endColumn: 24 } } }],
    });
    expect(p.message.text).toContain('{{requester_name}}');
    expect(d).toMatchObject({ ruleId: 'directives', level: 'warning' });
    expect(run.tool.driver.rules[p.ruleIndex].id).toBe('placeholder');
  });

  it('junit has a suite per file, a failing case per finding and a passing case for a clean file', () => {
    const r = foilint(['-f', 'junit', 'bad.md', 'clean.md'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.out.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
    expect(r.out.match(/<testsuite /g)).toHaveLength(2);
    expect(r.out.match(/<failure /g)).toHaveLength(2);
    expect(r.out).toContain('<testcase name="clean.md" classname="clean.md" />');
    expect(r.out).toContain('&quot;{{requester_name}}&quot;');
    // well-formed-ish: every open tag closes and no raw quote or < sneaks into attributes
    expect(r.out.match(/<testsuite /g)!.length).toBe(r.out.match(/<\/testsuite>/g)!.length);
    expect(r.out.match(/<testcase name="[^"]*" classname="[^"]*">/g)!.length).toBe(r.out.match(/<\/testcase>/g)!.length);
    expect(r.out.trim().endsWith('</testsuites>')).toBe(true);
  });

  it('github prints one workflow command per finding', () => {
    const r = foilint(['-f', 'github', 'bad.md', 'clean.md'], { cwd: dir });
    expect(r.code).toBe(1);
    const lines = r.out.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^::error file=bad\.md,line=8,col=6,endLine=8,endColumn=24,title=placeholder::The template field/);
    expect(lines[1]).toMatch(/^::warning file=bad\.md,line=10,col=1,endLine=10,endColumn=\d+,title=directives::/);
  });

  it('an unknown format is a usage error', () => {
    const r = foilint(['-f', 'xml', 'bad.md'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^foilint: --format "xml": unknown format/);
  });
});

describe('exit codes and options', () => {
  const dir = workspace({ 'bad.md': defectiveLetter(), 'warn.md': warningLetter(), 'clean.md': cleanLetter() });

  it('0 for a clean letter, with no output', () => {
    const r = foilint(['clean.md'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.out).toBe('');
  });

  it('0 for warnings only, 1 over --max-warnings', () => {
    expect(foilint(['warn.md'], { cwd: dir }).code).toBe(0);
    expect(foilint(['warn.md', '--max-warnings', '1'], { cwd: dir }).code).toBe(0);
    const over = foilint(['warn.md', '--max-warnings', '0'], { cwd: dir });
    expect(over.code).toBe(1);
    expect(over.err).toContain('too many warnings (1)');
  });

  it('1 for errors', () => {
    expect(foilint(['bad.md'], { cwd: dir }).code).toBe(1);
  });

  it('a reader that stops early (`foilint … | head -1`) ends the output quietly; the exit code stands', () => {
    // It used to die with an unhandled EPIPE and its stack trace. 300 letters print well over a pipe's 64 KB.
    const many = workspace(Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`bad-${i}.md`, defectiveLetter()])));
    const r = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${BIN}" . | head -1 >/dev/null`], { cwd: many, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
  });

  it('2 for a usage error: unknown option, bad --max-warnings, bad --rule', () => {
    const unknown = foilint(['--frobnicate'], { cwd: dir });
    expect(unknown.code).toBe(2);
    expect(unknown.err.trim().split('\n')).toHaveLength(1);
    expect(unknown.err).toContain("'--frobnicate'");
    expect(foilint(['--max-warnings', 'many', 'bad.md'], { cwd: dir }).code).toBe(2);
    const rule = foilint(['--rule', 'no-such-rule:error', 'bad.md'], { cwd: dir });
    expect(rule.code).toBe(2);
    expect(rule.err).toContain('unknown rule id "no-such-rule"');
    expect(foilint(['--rule', 'placeholder:loud', 'bad.md'], { cwd: dir }).code).toBe(2);
  });

  it('--quiet reports errors only', () => {
    const r = foilint(['--quiet', '-f', 'json', 'bad.md', 'warn.md'], { cwd: dir });
    const results = JSON.parse(r.out) as JsonResult[];
    expect(results.flatMap((x) => x.messages.map((m) => m.ruleId))).toEqual(['placeholder']);
    expect(foilint(['--quiet', '--max-warnings', '0', 'warn.md'], { cwd: dir }).code).toBe(0);
  });

  it('--rule overrides a severity (repeatable)', () => {
    const off = foilint(['--rule', 'placeholder:off', '--rule', 'directives:error', '-f', 'json', 'bad.md'], { cwd: dir });
    const [res] = JSON.parse(off.out) as JsonResult[];
    expect(res.messages.map((m) => [m.ruleId, m.severity])).toEqual([['directives', 2]]);
    expect(off.code).toBe(1);
    const warn = foilint(['--rule', 'placeholder:warning', 'bad.md'], { cwd: dir });
    expect(warn.code).toBe(0);
    expect(warn.out).toMatch(/8:6 +warning/);
  });

  it('--output-file writes the report there, not to stdout', () => {
    const r = foilint(['-f', 'json', '--output-file', 'out/report.json', 'bad.md'], { cwd: dir, env: {} });
    // the folder does not exist: a clear I/O error
    expect(r.code).toBe(2);
    expect(r.err).toContain('out/report.json: the report could not be written');
    const ok = foilint(['-f', 'json', '--output-file', 'report.json', 'bad.md'], { cwd: dir });
    expect(ok.code).toBe(1);
    expect(ok.out).toBe('');
    const results = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as JsonResult[];
    expect(results[0].filePath).toBe('bad.md');
    const stylish = foilint(['-o', 'report.txt', 'bad.md'], { cwd: dir });
    expect(stylish.out).toBe('');
    expect(readFileSync(join(dir, 'report.txt'), 'utf8')).toContain('\u2716 2 problems');
  });

  it('--version, --help and --list-rules', () => {
    const v = foilint(['--version'], { cwd: dir });
    expect(v.code).toBe(0);
    expect(v.out.trim()).toBe(PKG_VERSION);
    const h = foilint(['--help'], { cwd: dir });
    expect(h.code).toBe(0);
    for (const opt of ['--config', '--fix', '--format', '--output-file', '--max-warnings', '--rule', '--stdin', '--stdin-filename', '--list-rules', '--print-config', '--quiet', '--no-color', '--version', '--help', '--debug']) {
      expect(h.out).toContain(opt);
    }
    const l = foilint(['--list-rules'], { cwd: dir });
    expect(l.code).toBe(0);
    expect(l.out).toMatch(/^placeholder +error +none +No unfilled template fields/m);
    expect(l.out).toMatch(/^directives +warning +safe +/m);
  });

  it('paths are relative to the current folder', () => {
    const sub = join(dir, 'sub');
    mkdirSync(sub, { recursive: true });
    const r = foilint(['-f', 'json', '../bad.md'], { cwd: sub });
    expect((JSON.parse(r.out) as JsonResult[])[0].filePath).toBe(join('..', 'bad.md'));
  });
});

describe('inputs', () => {
  it('lints folders recursively (md, markdown, txt), skipping node_modules and .git, and globs', () => {
    const dir = workspace({
      'a/one.md': defectiveLetter(),
      'a/b/two.markdown': defectiveLetter(),
      'a/b/three.txt': defectiveLetter(),
      'a/notes.json': '{}',
      'node_modules/x/readme.md': defectiveLetter(),
      '.git/x.md': defectiveLetter(),
    });
    const r = foilint(['-f', 'json'], { cwd: dir });
    expect((JSON.parse(r.out) as JsonResult[]).map((x) => x.filePath)).toEqual([join('a', 'b', 'three.txt'), join('a', 'b', 'two.markdown'), join('a', 'one.md')]);
    const g = foilint(['-f', 'json', 'a/**/*.txt'], { cwd: dir });
    expect((JSON.parse(g.out) as JsonResult[]).map((x) => x.filePath)).toEqual([join('a', 'b', 'three.txt')]);
    const none = foilint(['a/**/*.docx'], { cwd: dir });
    expect(none.code).toBe(2);
    expect(none.err).toContain('no files match this pattern');
  });

  it('--config uses that file; the nearest config file otherwise; ignores are skipped', () => {
    const dir = workspace({
      'letters/bad.md': defectiveLetter(),
      'letters/drafts/skip.md': defectiveLetter(),
      'letters/.foilintrc.json': JSON.stringify({ rules: { placeholder: 'warning' }, ignores: ['drafts/**'] }),
      'strict.json': JSON.stringify({ rules: { placeholder: 'off', directives: 'off' } }),
    });
    const near = foilint(['-f', 'json', 'letters'], { cwd: dir });
    const results = JSON.parse(near.out) as JsonResult[];
    expect(results.map((x) => x.filePath)).toEqual([join('letters', 'bad.md')]);
    expect(results[0].messages.find((m) => m.ruleId === 'placeholder')!.severity).toBe(1);
    expect(near.code).toBe(0);
    const given = foilint(['-f', 'json', '--config', 'strict.json', 'letters/bad.md'], { cwd: dir });
    expect((JSON.parse(given.out) as JsonResult[])[0].messages).toEqual([]);
    const explicit = foilint(['letters/drafts/skip.md'], { cwd: dir });
    expect(explicit.err).toContain('ignored');
  });

  it('a bad config: one line with file:line:col, exit 2', () => {
    const dir = workspace({ 'bad.md': defectiveLetter(), '.foilintrc.json': '{\n  "rules": {\n    "placeholder": "loud"\n  }\n}\n' });
    const r = foilint(['bad.md'], { cwd: dir });
    expect(r.code).toBe(2);
    const lines = r.err.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^foilint: .*\.foilintrc\.json:\d+:\d+: /);
    expect(r.err).not.toMatch(/\n\s+at /);
    const syntax = workspace({ 'bad.md': defectiveLetter(), '.foilintrc.json': '{\n  "rules": {,\n}' });
    const s = foilint(['bad.md'], { cwd: syntax });
    expect(s.code).toBe(2);
    expect(s.err).toMatch(/^foilint: .*\.foilintrc\.json:2:\d+: JSON syntax error/);
    const missing = foilint(['--config', 'nope.json', 'bad.md'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/^foilint: .*nope\.json:1:1: /);
  });

  it('--print-config prints the resolved config as JSON', () => {
    const dir = workspace({ 'l/bad.md': defectiveLetter(), 'l/.foilintrc.yaml': 'rules:\n  placeholder: warning\nauthority:\n  name: Testshire Council\n' });
    const r = foilint(['--print-config', 'l/bad.md'], { cwd: dir });
    expect(r.code).toBe(0);
    const cfg = JSON.parse(r.out);
    expect(cfg.rules.placeholder).toBe('warning');
    expect(cfg.authority.name).toBe('Testshire Council');
    expect(cfg.configFiles).toEqual([join(dir, 'l', '.foilintrc.yaml')].map((p) => expect.stringContaining(p.split('/').slice(-2).join('/'))));
    expect(cfg.templates.default.sections.length).toBeGreaterThan(0);
    expect(cfg.packs.foisa).toEqual({ title: 'Freedom of Information (Scotland) Act 2002', version: expect.stringMatching(/^\d+\.\d+\.\d+$/), effective: expect.any(String), regulator: 'sic' });
  });
});

describe('bad input: one line each, the run goes on', () => {
  const root = process.getuid?.() === 0;

  function check(files: Record<string, string | Buffer>, args: string[], expected: RegExp, code: number) {
    const dir = workspace({ 'good.md': defectiveLetter(), ...files });
    const r = foilint(['-f', 'json', 'good.md', ...args], { cwd: dir });
    expect(r.code).toBe(code);
    const lines = r.err.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(expected);
    // the good file was still linted
    expect((JSON.parse(r.out) as JsonResult[]).map((x) => x.filePath)).toEqual(['good.md']);
    return dir;
  }

  it('a missing path', () => check({}, ['nothere.md'], /^foilint: nothere\.md: no such file or folder/, 2));
  it('a folder with no letters', () => check({ 'empty/notes.json': '{}' }, ['empty'], /^foilint: empty: folder has no letters/, 2));
  it('a binary file', () => check({ 'bin.md': Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0x10]) }, ['bin.md'], /^foilint: bin\.md: looks like a binary file/, 2));
  it('a file that is not UTF-8', () => check({ 'latin.md': Buffer.from('caf\xe9 letter\n', 'latin1') }, ['latin.md'], /^foilint: latin\.md: is not valid UTF-8/, 2));
  it('an empty file (a warning only)', () => check({ 'empty.md': '' }, ['empty.md'], /^foilint: warning: empty\.md: is empty/, 1));
  it('a broken symlink', () => {
    const dir = workspace({ 'good.md': defectiveLetter() });
    symlinkSync(join(dir, 'gone.md'), join(dir, 'link.md'));
    const r = foilint(['-f', 'json', 'good.md', 'link.md'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.err.trim()).toMatch(/^foilint: link\.md: is a broken symbolic link/);
    expect((JSON.parse(r.out) as JsonResult[]).map((x) => x.filePath)).toEqual(['good.md']);
    // found inside a folder, too
    const f = foilint(['-f', 'json', '.'], { cwd: dir });
    expect(f.code).toBe(2);
    expect(f.err).toContain('link.md: is a broken symbolic link');
  });
  it.skipIf(root)('an unreadable file', () => {
    const dir = workspace({ 'good.md': defectiveLetter(), 'secret.md': defectiveLetter() });
    chmodSync(join(dir, 'secret.md'), 0o000);
    const r = foilint(['-f', 'json', 'good.md', 'secret.md'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.err.trim()).toMatch(/^foilint: secret\.md: cannot be read \(permission denied\)/);
  });
  it('a UTF-16 file with a BOM is decoded and linted', () => {
    const dir = workspace({ 'u16.md': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(defectiveLetter(), 'utf16le')]) });
    const r = foilint(['-f', 'json', 'u16.md'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.err).toBe('');
    const [res] = JSON.parse(r.out) as JsonResult[];
    expect(res.messages.map((m) => m.ruleId)).toEqual(['placeholder', 'directives']);
  });
  it('nothing to lint at all exits 2', () => {
    const dir = workspace({ 'notes.json': '{}' });
    const r = foilint([], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.err).toContain('folder has no letters');
  });
  it('no stack trace without --debug', () => {
    const dir = workspace({ 'x.md': defectiveLetter(), '.foilintrc.json': '[' });
    expect(foilint(['x.md'], { cwd: dir }).err).not.toMatch(/\n\s+at /);
    expect(foilint(['x.md', '--debug'], { cwd: dir }).err).toMatch(/\n\s+at /);
  });
});

describe('--fix', () => {
  it('fixes a copy, keeping CRLF, the BOM and the mode; leaves clean files untouched', () => {
    const crlf = '\ufeff' + defectiveLetter().replace(/\n/g, '\r\n');
    const dir = workspace({ 'bad.md': crlf, 'plain.md': warningLetter() });
    chmodSync(join(dir, 'bad.md'), 0o640);
    const clean = copyClean(dir, 'clean.md');
    const past = new Date(Date.now() - 3600_000);
    utimesSync(clean, past, past);
    const before = statSync(clean).mtimeMs;
    const r = foilint(['--fix', '-f', 'json', '.'], { cwd: dir });
    expect(r.code).toBe(1);
    const results = JSON.parse(r.out) as JsonResult[];
    // what is left after fixing: the unfixable placeholder only
    expect(results.find((x) => x.filePath === 'bad.md')!.messages.map((m) => m.ruleId)).toEqual(['placeholder']);
    expect(results.find((x) => x.filePath === 'plain.md')!.messages).toEqual([]);
    const bytes = readFileSync(join(dir, 'bad.md'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text).not.toContain('foilint-disable');
    expect(text).toContain('Dear {{requester_name}}');
    expect(text.split('\r\n').length).toBe(text.split('\n').length);
    expect(text).toBe(crlf.slice(1).replace('<!-- foilint-disable-next-block placeholder -->\r\n', ''));
    expect(statSync(join(dir, 'bad.md')).mode & 0o777).toBe(0o640);
    expect(readFileSync(join(dir, 'plain.md'), 'utf8')).toBe(cleanLetter());
    expect(statSync(clean).mtimeMs).toBe(before);
    expect(readFileSync(clean, 'utf8')).toBe(cleanLetter());
  });

  it('refuses to write a file that changed on disk since it was read', () => {
    const dir = workspace({ 'plain.md': warningLetter() });
    const r = foilint(['--fix', 'plain.md'], { cwd: dir, env: { FOILINT_TEST_BEFORE_WRITE: '\nEdited elsewhere.\n' } });
    expect(r.code).toBe(2);
    expect(r.err.trim()).toMatch(/^foilint: plain\.md: changed on disk while foilint was fixing it; fixes not written/);
    expect(readFileSync(join(dir, 'plain.md'), 'utf8')).toBe(warningLetter() + '\nEdited elsewhere.\n');
  });
});

describe('--stdin', () => {
  const dir = workspace({ 'letters/.foilintrc.json': JSON.stringify({ rules: { placeholder: 'off' } }) });

  it('lints stdin, naming it by --stdin-filename and finding its config there', () => {
    const plain = foilint(['--stdin', '-f', 'json'], { cwd: dir, input: defectiveLetter() });
    expect(plain.code).toBe(1);
    const [res] = JSON.parse(plain.out) as JsonResult[];
    expect(res.filePath).toBe('<stdin>');
    expect(res.messages.map((m) => m.ruleId)).toEqual(['placeholder', 'directives']);
    const named = foilint(['--stdin', '--stdin-filename', 'letters/x.md', '-f', 'json'], { cwd: dir, input: defectiveLetter() });
    expect(named.code).toBe(0);
    const [n] = JSON.parse(named.out) as JsonResult[];
    expect(n.filePath).toBe(join('letters', 'x.md'));
    expect(n.messages.map((m) => m.ruleId)).toEqual(['directives']);
  });

  it('--stdin --fix prints the fixed text to stdout and the report to stderr', () => {
    const r = foilint(['--stdin', '--fix'], { cwd: dir, input: defectiveLetter() });
    expect(r.code).toBe(1);
    expect(r.out).toBe(defectiveLetter().replace('<!-- foilint-disable-next-block placeholder -->\n', ''));
    expect(r.err).toContain('placeholder');
    const clean = foilint(['--stdin', '--fix'], { cwd: dir, input: cleanLetter() });
    expect(clean.code).toBe(0);
    expect(clean.out).toBe(cleanLetter());
  });
});

describe('worker pool', () => {
  it('a run over 120 files uses workers and gives the same JSON as in-process', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 120; i++) files[`batch/${String(i).padStart(3, '0')}.md`] = i % 3 === 0 ? defectiveLetter() : i % 3 === 1 ? warningLetter() : cleanLetter();
    const dir = workspace(files);
    const pooled = foilint(['-f', 'json', '--debug', 'batch'], { cwd: dir });
    expect(pooled.err).toMatch(/120 file\(s\), \d+ worker\(s\)/);
    const inProcess = foilint(['-f', 'json', '--debug', 'batch'], { cwd: dir, env: { FOILINT_WORKERS: '0' } });
    expect(inProcess.err).toContain('in-process');
    expect(pooled.code).toBe(1);
    expect(inProcess.code).toBe(1);
    expect(pooled.out).toBe(inProcess.out);
    const results = JSON.parse(pooled.out) as JsonResult[];
    expect(results).toHaveLength(120);
    expect(results.map((r) => r.filePath)).toEqual([...results.map((r) => r.filePath)].sort());
    expect(results.reduce((n, r) => n + r.errorCount, 0)).toBe(40);
    // stylish streams in the same order
    const stylish = foilint(['batch'], { cwd: dir, env: { FOILINT_WORKERS: '3' } });
    const paths = stylish.out.split('\n').filter((l) => l.startsWith('batch'));
    expect(paths).toHaveLength(80);
    expect(paths).toEqual([...paths].sort());
  });

  it('a letter over 256 KB is linted on the main thread, outside the workers\' capped heaps; the report is the same', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 60; i++) files[`batch/${String(i).padStart(3, '0')}.md`] = i % 2 ? defectiveLetter() : cleanLetter();
    // A long letter: the defective one with 300 KB of answers in the middle.
    files['batch/long.md'] = defectiveLetter().replace('\n\n', `\n\n${'We hold the figures for each ward and each year. '.repeat(6500)}\n\n`);
    const dir = workspace(files);
    const pooled = foilint(['-f', 'json', '--debug', 'batch'], { cwd: dir, env: { FOILINT_WORKERS: '2' } });
    expect(pooled.err).toMatch(/1 letter\(s\) linted on the main thread \(over 256 KB, or from 0 worker\(s\) out of memory\)/);
    const inProcess = foilint(['-f', 'json', 'batch'], { cwd: dir, env: { FOILINT_WORKERS: '0' } });
    expect(pooled.code).toBe(1);
    expect(pooled.out).toBe(inProcess.out);
    expect((JSON.parse(pooled.out) as JsonResult[]).find((r) => r.filePath.endsWith('long.md'))!.errorCount).toBeGreaterThan(0);
  });

  it('a worker that runs out of memory hands its letters to the main thread: nothing is lost, the report is the same', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 60; i++) files[`batch/${String(i).padStart(3, '0')}.md`] = i % 2 ? defectiveLetter() : warningLetter();
    const dir = workspace(files);
    // A 2 MB heap: each worker dies as it starts linting.
    const starved = foilint(['-f', 'json', '--debug', 'batch'], { cwd: dir, env: { FOILINT_WORKERS: '2', FOILINT_WORKER_HEAP_MB: '2' } });
    expect(starved.err).toMatch(/60 letter\(s\) linted on the main thread \(over 256 KB, or from 2 worker\(s\) out of memory\)/);
    const inProcess = foilint(['-f', 'json', 'batch'], { cwd: dir, env: { FOILINT_WORKERS: '0' } });
    expect(starved.code).toBe(1);
    expect(starved.out).toBe(inProcess.out);
    expect(JSON.parse(starved.out)).toHaveLength(60);
  });

  it('--fix through the pool writes the fixes', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 60; i++) files[`f/${i}.md`] = warningLetter();
    const dir = workspace(files);
    const r = foilint(['--fix', 'f'], { cwd: dir, env: { FOILINT_WORKERS: '2' } });
    expect(r.code).toBe(0);
    for (let i = 0; i < 60; i += 7) expect(readFileSync(join(dir, 'f', `${i}.md`), 'utf8')).toBe(cleanLetter());
    expect(existsSync(join(dir, 'f'))).toBe(true);
    writeFileSync(join(dir, 'marker'), '');
  });
});
