// The whole test suite: build, typecheck, then vitest. Ends with one line "N passed, N failed"
// (totals over every suite) so CI and people read the same summary.
import { spawnSync } from 'node:child_process';
import { readFileSync, mkdirSync, rmSync } from 'node:fs';

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', shell: false }).status ?? 1;
let passed = 0;
let failed = 0;

const steps = [
  ['build', 'node', ['scripts/build.mjs']],
  ['typecheck', 'npx', ['tsc', '-p', 'tsconfig.json']],
  ['typecheck (engine is pure: no node types)', 'npx', ['tsc', '-p', 'server/tsconfig.engine.json']],
];
for (const [name, cmd, args] of steps) {
  const code = run(cmd, args);
  if (code === 0) passed++;
  else {
    failed++;
    console.error(`\n${name} failed (exit ${code})`);
  }
}

mkdirSync('test-results', { recursive: true });
rmSync('test-results/vitest.json', { force: true });
const vitestArgs = ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/vitest.json', ...process.argv.slice(2)];
const vitestCode = run('npx', vitestArgs);
try {
  const report = JSON.parse(readFileSync('test-results/vitest.json', 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  // A suite that fails to load has no tests counted: count it as a failure.
  if (vitestCode !== 0 && report.numFailedTests === 0) failed++;
} catch {
  failed++;
  console.error('vitest wrote no report');
}
// Suites outside vitest (a real editor, grammar tests, other LSP clients). Each is a command whose
// last line of output is "N passed, N failed"; its counts join the totals. A suite that ends
// without that line counts as one failure.
const EXTRA_SUITES = [
  { name: 'VS Code 1.100 (code-server): extension host suite and packaged .vsix', cmd: 'node', args: ['scripts/editor/run-editor-tests.mjs'] },
  { name: 'TextMate grammar (vscode-tmgrammar-test): assertions and snapshots', cmd: 'node', args: ['scripts/grammar-tests.mjs'] },
];
for (const { name, cmd, args } of EXTRA_SUITES) {
  console.log(`\n── ${name} ──`);
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  process.stdout.write(r.stdout ?? '');
  const last = (r.stdout ?? '').trim().split('\n').pop() ?? '';
  const m = /^(\d+) passed, (\d+) failed$/.exec(last.trim());
  if (m) {
    passed += Number(m[1]);
    failed += Number(m[2]);
    if (r.status !== 0 && Number(m[2]) === 0) failed++;
  } else {
    failed++;
    console.error(`${name} ended without a "N passed, N failed" line (exit ${r.status})`);
  }
}

console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
