/** Trust: foilint runs no code from the workspace (config, templates and packs are data), reaches
 * no network, and writes nothing but the letters it fixes. */
import { beforeAll, describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { ROOT, cleanLetter, ensureBuilt, foilint, warningLetter } from '../cli/helpers.js';
import { PRELOAD, changed, foilintWith, readFsLog, snapshot } from './support/cli.js';

beforeAll(() => ensureBuilt());

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sourceFiles(p, out);
    else if (p.endsWith('.ts')) out.push(p);
  }
  return out;
}

/** Modules that run code, reach the network or start processes: none belongs in the engine, the
 * host or the CLI. */
const FORBIDDEN_MODULES = /^(?:node:)?(?:vm|child_process|cluster|net|tls|http|https|http2|dgram|dns|inspector)$/;

describe('no code from the workspace is run', () => {
  it('the engine, host and CLI sources have no eval, new Function, dynamic require or import(), and load no vm/child_process/network module', () => {
    const problems: string[] = [];
    for (const file of ['engine', 'host', 'cli'].flatMap((d) => sourceFiles(join(ROOT, 'server', 'src', d)))) {
      const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
      const where = (n: ts.Node) => `${relative(ROOT, file)}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
      const visit = (n: ts.Node) => {
        if (ts.isCallExpression(n)) {
          const callee = n.expression;
          if (callee.kind === ts.SyntaxKind.ImportKeyword) problems.push(`${where(n)}: import()`);
          if (ts.isIdentifier(callee) && callee.text === 'eval') problems.push(`${where(n)}: eval()`);
          if (ts.isIdentifier(callee) && callee.text === 'require' && !(n.arguments[0] && ts.isStringLiteral(n.arguments[0]))) problems.push(`${where(n)}: require() of a computed path`);
          if (ts.isIdentifier(callee) && callee.text === 'require' && n.arguments[0] && ts.isStringLiteral(n.arguments[0]) && FORBIDDEN_MODULES.test(n.arguments[0].text)) problems.push(`${where(n)}: require('${n.arguments[0].text}')`);
        }
        if (ts.isNewExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'Function') problems.push(`${where(n)}: new Function`);
        if ((ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) && n.moduleSpecifier && ts.isStringLiteral(n.moduleSpecifier) && FORBIDDEN_MODULES.test(n.moduleSpecifier.text)) problems.push(`${where(n)}: imports ${n.moduleSpecifier.text}`);
        ts.forEachChild(n, visit);
      };
      visit(sf);
    }
    expect(problems).toEqual([]);
  });

  it('the CLI bundles require only fixed module names (no require or import of a computed path)', () => {
    for (const bundle of ['cli.js', 'worker.js']) {
      const code = readFileSync(join(ROOT, 'dist', bundle), 'utf8');
      expect(code.match(/\b(?:__require|require)\(\s*[^"'`\s)][^)]{0,60}\)/g) ?? [], bundle).toEqual([]);
      expect(code.match(/\bimport\(\s*[^)]{0,60}\)/g) ?? [], bundle).toEqual([]);
    }
  });

  it('JavaScript files in the workspace (config, extends, templates) are never loaded', () => {
    const dir = mkdtempSync(join(tmpdir(), 'foilint-trust-'));
    const marker = join(dir, 'RAN');
    const evil = `require('fs').writeFileSync(${JSON.stringify(marker)}, 'ran');\nmodule.exports = { rules: {} };\n`;
    for (const name of ['.foilintrc.js', '.foilintrc.cjs', '.foilintrc.mjs', 'foilint.config.js', 'templates/evil.js', 'templates/evil.cjs', 'evil.js']) {
      mkdirSync(join(dir, name, '..'), { recursive: true });
      writeFileSync(join(dir, name), evil);
    }
    writeFileSync(join(dir, 'letter.md'), warningLetter());
    // No JSON/YAML config: the .js files are not config files.
    expect(foilint(['letter.md'], { cwd: dir }).code).toBe(0);
    // A config that extends a .js file reads it as data (and fails to parse it), never runs it.
    writeFileSync(join(dir, '.foilintrc.json'), JSON.stringify({ extends: './evil.js', templatesDir: 'templates' }));
    const r = foilint(['letter.md'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/evil\.js:\d+:\d+: JSON syntax error/);
    // A templates folder of .js files holds no templates.
    writeFileSync(join(dir, '.foilintrc.json'), JSON.stringify({ templatesDir: 'templates' }));
    expect(foilint(['letter.md', '--fix'], { cwd: dir }).code).toBe(0);
    // YAML tags that other loaders turn into code are plain data here.
    writeFileSync(join(dir, '.foilintrc.yaml'), 'authority:\n  name: !!js/function "function () { require(\'fs\').writeFileSync(\'RAN\', \'x\') }"\n');
    const tagged = foilint(['--config', '.foilintrc.yaml', 'letter.md'], { cwd: dir });
    expect(tagged.code === 0 || tagged.code === 2).toBe(true);
    expect(existsSync(marker)).toBe(false);
  });
});

describe('no network', () => {
  it('lints, fixes and prints config with every network call made to throw, and makes none', () => {
    const dir = mkdtempSync(join(tmpdir(), 'foilint-nonet-'));
    cpSync(join(ROOT, 'examples'), join(dir, 'examples'), { recursive: true });
    const netLog = join(dir, 'net.log');
    const env = { FOILINT_NET_LOG: netLog };
    const plain = foilint(['-f', 'json', 'examples'], { cwd: dir });
    const guarded = foilintWith([PRELOAD.noNetwork], ['-f', 'json', 'examples'], { cwd: dir, env });
    expect(guarded.err).toBe(plain.err);
    expect(guarded.code).toBe(1);
    expect(guarded.out).toBe(plain.out);
    expect(JSON.parse(guarded.out).length).toBeGreaterThan(5);
    // Through the worker pool, with --fix, and the other commands.
    const many = join(dir, 'many');
    mkdirSync(many);
    for (let i = 0; i < 60; i++) writeFileSync(join(many, `${i}.md`), warningLetter());
    expect(foilintWith([PRELOAD.noNetwork], ['--fix', 'many'], { cwd: dir, env: { ...env, FOILINT_WORKERS: '2' } }).code).toBe(0);
    expect(readFileSync(join(many, '7.md'), 'utf8')).toBe(cleanLetter());
    expect(foilintWith([PRELOAD.noNetwork], ['--print-config', 'examples/barnet/barnet-cspr-2023.md'], { cwd: dir, env }).code).toBe(0);
    expect(foilintWith([PRELOAD.noNetwork], ['--list-rules'], { cwd: dir, env }).code).toBe(0);
    expect(foilintWith([PRELOAD.noNetwork], ['--stdin', '--fix'], { cwd: dir, env, input: warningLetter() }).out).toBe(cleanLetter());
    expect(existsSync(netLog) ? readFileSync(netLog, 'utf8') : '').toBe('');
  });
});

describe('nothing is written but the letters fixed', () => {
  it('--fix on a workspace: only the fixable letters change; nothing appears in the workspace, beside it or in the temp folder', () => {
    const parent = mkdtempSync(join(tmpdir(), 'foilint-writes-'));
    const ws = join(parent, 'workspace');
    const sibling = join(parent, 'sibling');
    mkdirSync(join(ws, 'letters', 'sub'), { recursive: true });
    mkdirSync(sibling);
    writeFileSync(join(ws, '.foilintrc.json'), JSON.stringify({ rules: { 'section-order': 'warning' } }));
    writeFileSync(join(ws, 'letters', 'fix-me.md'), warningLetter());
    writeFileSync(join(ws, 'letters', 'sub', 'fix-me-too.md'), warningLetter().replace(/\n/g, '\r\n'));
    writeFileSync(join(ws, 'letters', 'clean.md'), cleanLetter());
    writeFileSync(join(ws, 'letters', 'not-fixable.md'), cleanLetter().replace('Thank you', 'Dear {{name}}\n\nThank you'));
    writeFileSync(join(ws, 'notes.txt'), 'Not a letter.\n');
    writeFileSync(join(sibling, 'other.md'), warningLetter());
    const before = { ws: snapshot(ws), sibling: snapshot(sibling), tmp: new Set(readdirSync(tmpdir())) };
    const log = join(parent, 'fs.log');
    const r = foilintWith([PRELOAD.fsWatch], ['--fix', '.'], { cwd: ws, env: { FOILINT_FS_LOG: log } });
    expect(r.code).toBe(1);
    expect(changed(before.ws, snapshot(ws))).toEqual([join('letters', 'fix-me.md'), join('letters', 'sub', 'fix-me-too.md')]);
    expect(changed(before.sibling, snapshot(sibling))).toEqual([]);
    const newInTmp = readdirSync(tmpdir()).filter((n) => !before.tmp.has(n) && !n.startsWith('foilint-') && !n.startsWith('vitest'));
    expect(newInTmp).toEqual([]);
    // Every write the process made was inside the letters' folders.
    const touched = readFsLog(log).flatMap((c) => (c.op === 'renameSync' ? [String(c.args[1])] : c.op === 'openSync' || c.op === 'chmodSync' ? [String(c.args[0])] : [`${c.op} ${c.args[0]}`]));
    for (const p of touched) expect(p.startsWith(join(ws, 'letters')), p).toBe(true);
  });
});
