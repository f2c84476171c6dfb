// `npm run test:editor`: foilint in a real VS Code (code-server 4.100.3 = VS Code 1.100.3).
//   1. set up code-server if needed (scripts/editor/setup-code-server.sh),
//   2. build, typecheck the client, bundle the extension-host suite, package the .vsix,
//   3. run test/editor/suite inside the extension host, then a user's-eye smoke test of the .vsix.
// Prints one line per check and ends with "N passed, N failed". Without code-server's Debian
// packages or chromium it says how to install them and counts as skipped, unless CI is set.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runExtensionHostTests } from './extension-host-tests.mjs';
import { runSmokeTest } from './smoke-test.mjs';
import { checkVsix } from './vsix-contents.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
process.chdir(ROOT);
const CI = !!process.env.CI && process.env.CI !== 'false' && process.env.CI !== '0';
const RESULTS_DIR = join(ROOT, 'test-results', 'editor');
const SCREENSHOT = join(ROOT, 'test-results', 'vscode-foilint.png');
const FIXTURE = join(ROOT, 'test', 'editor', 'fixtures', 'workspace');
const TESTS_ENTRY = join(ROOT, 'out', 'editor-tests', 'index.js');
const TOTAL_TIMEOUT_MS = 20 * 60_000;
const APT_PACKAGES = 'chromium libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config ripgrep';

const progress = (line) => process.stderr.write(`  · ${line}\n`);
const results = [];
const timings = {};

function record(result) {
  results.push(result);
  const notes = result.notes && Object.keys(result.notes).length ? ` [${Object.entries(result.notes).map(([k, v]) => `${k}=${v}`).join(', ')}]` : '';
  if (result.ok) console.log(`ok   ${result.name} (${result.ms} ms)${notes}`);
  else console.log(`FAIL ${result.name}: ${String(result.error).split('\n').join('\n       ')}`);
}

function finish(code) {
  const failed = results.filter((r) => !r.ok).length;
  const times = Object.entries(timings).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`).join(', ');
  if (times) console.log(`editor tests timings: ${times}`);
  console.log(`${results.length - failed} passed, ${failed} failed`);
  process.exit(code ?? (failed ? 1 : 0));
}

/** A missing prerequisite: a failure in CI, a skip on a developer's machine. */
function missing(what, howTo) {
  if (CI) {
    record({ name: 'editor test prerequisites', ok: false, ms: 0, error: `${what}. ${howTo}` });
    finish();
  }
  console.log(`skipped: ${what}. ${howTo} (set CI=true to count this as a failure)`);
  console.log('0 passed, 0 failed');
  process.exit(0);
}

/** Runs a command as one check; returns its output. */
function check(name, cmd, args, { timeoutMs = 300_000, env } = {}) {
  const started = Date.now();
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: timeoutMs, env: env ?? process.env, maxBuffer: 64 * 1024 * 1024 });
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  const ok = r.status === 0;
  record({ name, ok, ms: Date.now() - started, error: ok ? undefined : `exit ${r.status ?? r.signal ?? r.error}\n${output.trim().split('\n').slice(-30).join('\n')}` });
  return { ok, output };
}

function chromiumPath() {
  if (process.env.FOILINT_CHROMIUM) return existsSync(process.env.FOILINT_CHROMIUM) ? process.env.FOILINT_CHROMIUM : undefined;
  for (const name of ['chromium', 'chromium-browser']) {
    const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
    if (r.status === 0 && r.stdout.trim()) return r.stdout.trim();
  }
  return undefined;
}

const overall = setTimeout(() => {
  record({ name: 'editor tests finished in time', ok: false, ms: TOTAL_TIMEOUT_MS, error: `still running after ${TOTAL_TIMEOUT_MS / 60_000} min; stopped` });
  finish(1); // the exit handler in code-server.mjs kills code-server's process groups
}, TOTAL_TIMEOUT_MS);
overall.unref();

mkdirSync(RESULTS_DIR, { recursive: true });
const started = Date.now();

// 1. Prerequisites and code-server.
const chromium = chromiumPath();
if (!chromium) missing('chromium is not installed', `Install it with: apt-get install -y chromium (or set FOILINT_CHROMIUM to a Chrome/Chromium executable)`);
let codeServerBin;
{
  const t = Date.now();
  const r = spawnSync('bash', [join(ROOT, 'scripts', 'editor', 'setup-code-server.sh')], { encoding: 'utf8', timeout: 15 * 60_000 });
  timings.setup = Date.now() - t;
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  if (r.status === 2) missing('code-server cannot be built: Debian packages are missing', `Install them with: apt-get install -y ${APT_PACKAGES}`);
  if (r.status !== 0) {
    record({ name: 'code-server 4.100.3 is set up', ok: false, ms: timings.setup, error: output.trim().split('\n').slice(-30).join('\n') });
    finish();
  }
  codeServerBin = output.trim().split('\n').pop();
  progress(output.trim().split('\n').slice(-2)[0]);
}

// 2. Build, typecheck, bundle the suite, package.
{
  const t = Date.now();
  check('build (scripts/build.mjs)', process.execPath, ['scripts/build.mjs']);
  if (!existsSync(join(ROOT, 'dist', 'server.js'))) {
    record({ name: 'the language server is built', ok: false, ms: 0, error: 'dist/server.js is missing: server/src/lsp/server.ts did not build' });
    finish();
  }
  check('client and editor tests typecheck (client/tsconfig.json)', process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'client/tsconfig.json']);
  const { build } = await import('esbuild');
  const b = Date.now();
  try {
    await build({ entryPoints: ['test/editor/suite/index.ts'], outfile: TESTS_ENTRY, bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], sourcemap: 'inline', logLevel: 'error' });
    record({ name: 'bundle the extension-host suite (out/editor-tests/index.js)', ok: true, ms: Date.now() - b });
  } catch (err) {
    record({ name: 'bundle the extension-host suite (out/editor-tests/index.js)', ok: false, ms: Date.now() - b, error: err.message });
  }
  const version = JSON.parse(readFileSync('package.json', 'utf8')).version;
  const vsix = join(ROOT, `foilint-${version}.vsix`);
  rmSync(vsix, { force: true });
  const packaged = check(`npm run package → foilint-${version}.vsix`, 'npm', ['run', 'package', '--silent']);
  timings.build = Date.now() - t;
  if (packaged.ok) {
    const c = Date.now();
    try {
      const files = checkVsix(vsix);
      record({ name: 'the .vsix holds the bundles, bin/, rules/, README and LICENSE, and nothing else', ok: true, ms: Date.now() - c, notes: { files } });
    } catch (err) {
      record({ name: 'the .vsix holds the bundles, bin/, rules/, README and LICENSE, and nothing else', ok: false, ms: Date.now() - c, error: err.message });
    }
  }
  if (results.some((r) => !r.ok)) finish();

  // 3. In a real VS Code.
  const tmp = mkdtempSync(join(tmpdir(), 'foilint-editor-'));
  const copyFixture = (name) => {
    const ws = join(tmp, name);
    cpSync(FIXTURE, ws, { recursive: true });
    return ws;
  };
  const e = Date.now();
  const hostRun = await runExtensionHostTests({ codeServerBin, chromium, extensionPath: ROOT, testsEntry: TESTS_ENTRY, workspace: copyFixture('ws-extension-host'), tmp, resultsDir: RESULTS_DIR, log: progress });
  timings['extension-host suite'] = Date.now() - e;
  for (const r of hostRun.results) record({ ...r, name: `extension host: ${r.name}` });

  const s = Date.now();
  rmSync(SCREENSHOT, { force: true });
  const smoke = await runSmokeTest({ codeServerBin, chromium, vsix, workspace: copyFixture('ws-smoke'), tmp, resultsDir: RESULTS_DIR, screenshot: SCREENSHOT, log: progress });
  timings['smoke test'] = Date.now() - s;
  for (const r of smoke.results) record({ ...r, name: `packaged .vsix: ${r.name}` });
  if (existsSync(SCREENSHOT)) progress(`screenshot: ${SCREENSHOT}`);

  timings.total = Date.now() - started;
  if (results.every((r) => r.ok)) rmSync(tmp, { recursive: true, force: true });
  else progress(`kept the workspaces and profiles for a look: ${tmp}; code-server logs in ${RESULTS_DIR}`);
  finish();
}
