// `npm run test:grammar`: the TextMate grammar (syntaxes/) tested with vscode-tmgrammar-test.
//   1. the assertion files test/grammar/*.test.{md,txt}, over a stand-in Markdown grammar
//      (test/grammar/markdown-base.tmLanguage.json) and the plain-text grammar in package.json;
//   2. the same Markdown files over VS Code's own Markdown, YAML and HTML grammars, when the
//      code-server the editor tests install is there (otherwise said to be skipped);
//   3. the snapshots test/grammar/snap/*.md.snap (`--update` rewrites them after a deliberate change).
// Prints one line per check and ends with "N passed, N failed" (scripts/test.mjs adds the counts).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(ROOT);
const TOOL = join(ROOT, 'node_modules', 'vscode-tmgrammar-test', 'dist');
const DIR = 'test/grammar';
const STAND_IN = `${DIR}/markdown-base.tmLanguage.json`;
const update = process.argv.includes('--update');

let passed = 0;
let failed = 0;
const record = (ok, name, detail = '') => {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? `\n${detail.trimEnd().split('\n').map((l) => `       ${l}`).join('\n')}` : ''}`);
};

function run(script, args) {
  const r = spawnSync(process.execPath, [join(TOOL, script), ...args], { encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  return { status: r.status, output: `${r.stdout ?? ''}${r.stderr ?? ''}`.replace(/\u001b\[[0-9;]*m/g, '') };
}

/** Runs the assertion files and records one result per file, from the tool's per-file lines. */
function assertions(label, grammars, files) {
  const r = run('unit.js', [...grammars.flatMap((g) => ['-g', g]), ...files]);
  const lines = r.output.split('\n');
  for (const file of files) {
    const ok = lines.some((l) => l.includes(`✓ ${file} run successfuly`));
    const start = lines.findIndex((l) => l.includes(`✖ ${file} failed`));
    let detail = '';
    if (!ok && start < 0) detail = r.output;
    else if (!ok) {
      const end = lines.findIndex((l, i) => i > start && /^[✓✖] /.test(l));
      detail = lines.slice(start + 1, end < 0 ? undefined : end).join('\n');
    }
    record(ok, `${label}: ${file}`, detail);
  }
}

const testFiles = readdirSync(DIR).filter((f) => /\.test\.(md|txt)$/.test(f)).sort().map((f) => `${DIR}/${f}`);
if (!testFiles.length) record(false, `assertion files in ${DIR}`, 'none found');

// 1. Over the stand-in Markdown grammar (and package.json's grammars: the injection, plain text).
assertions('stand-in Markdown grammar', [STAND_IN], testFiles);

// 2. Over VS Code's own grammars, when code-server (installed by the editor tests) is there.
const extensions = join(process.env.FOILINT_CODE_SERVER_DIR ?? join(homedir(), '.cache', 'foilint', 'code-server-4.100.3'), 'node_modules', 'code-server', 'lib', 'vscode', 'extensions');
const vscodeGrammars = [
  join(extensions, 'markdown-basics', 'syntaxes', 'markdown.tmLanguage.json'),
  join(extensions, 'html', 'syntaxes', 'html.tmLanguage.json'),
  join(extensions, 'html', 'syntaxes', 'html-derivative.tmLanguage.json'),
  ...(existsSync(join(extensions, 'yaml', 'syntaxes')) ? readdirSync(join(extensions, 'yaml', 'syntaxes')).filter((f) => f.endsWith('.tmLanguage.json')).map((f) => join(extensions, 'yaml', 'syntaxes', f)) : []),
];
if (vscodeGrammars.slice(0, 3).every((g) => existsSync(g))) {
  assertions("VS Code 1.100's Markdown grammar", vscodeGrammars, testFiles.filter((f) => f.endsWith('.md')));
} else {
  console.log(`skipped: the runs over VS Code's own Markdown grammar (no code-server in ${extensions}; \`npm run test:editor\` installs it)`);
}

// 3. Snapshots of whole letters.
const snapDir = `${DIR}/snap`;
const snaps = existsSync(snapDir) ? readdirSync(snapDir).filter((f) => /\.(md|txt)$/.test(f)).sort() : [];
for (const f of snaps) {
  const file = `${snapDir}/${f}`;
  if (!update && !existsSync(`${file}.snap`)) {
    record(false, `snapshot: ${file}`, `${file}.snap is missing; run \`npm run test:grammar -- --update\` and commit it`);
    continue;
  }
  const r = run('snapshot.js', ['-g', STAND_IN, '-s', f.endsWith('.txt') ? 'text.plain' : 'text.html.markdown', ...(update ? ['--updateSnapshot'] : []), file]);
  record(r.status === 0, `snapshot${update ? ' (updated)' : ''}: ${file}`, r.status === 0 ? '' : r.output);
}

console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
