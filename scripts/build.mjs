// Bundles the CLI (and, when present, the language server) into single CommonJS files in dist/.
// unified and remark are ESM-only; one bundle also makes start-up fast (one file to load).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// The rules data (rules/templates, rules/packs) parsed and validated now and embedded in the
// bundles, so that start-up skips the YAML and JSON-schema work (server/src/host/rules-snapshot.ts).
const snapshotMaker = 'node_modules/.cache/foilint-build/rules-snapshot.cjs';
await build({ entryPoints: ['server/src/host/rules-snapshot.ts'], outfile: snapshotMaker, bundle: true, platform: 'node', mainFields: ['module', 'main'], target: 'node20', format: 'cjs', logLevel: 'warning' });
const rulesSnapshot = createRequire(import.meta.url)(resolve(snapshotMaker)).makeRulesSnapshot(process.cwd());

const entries = [
  ['server/src/cli/main.ts', 'dist/cli.js'],
  ['server/src/cli/worker.ts', 'dist/worker.js'],
  ['server/src/lsp/server.ts', 'dist/server.js'],
  ['client/src/extension.ts', 'dist/extension.js'],
];

// A code cache made from an older bundle is never used (bin/load-bundle.js), but leave none behind.
rmSync('dist/cli.js.cache', { force: true });
for (const [entry, outfile] of entries) {
  if (!existsSync(entry)) continue;
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    // jsonc-parser's UMD build (the 'main' field) requires its own files at run time; take the ESM build.
    mainFields: ['module', 'main'],
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    external: ['vscode'],
    logLevel: 'warning',
    define: { 'import.meta.url': 'importMetaUrl', FOILINT_RULES_SNAPSHOT: JSON.stringify(rulesSnapshot) },
    banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;" },
  });
}

// V8's code cache for the CLI (bin/load-bundle.js): made by linting one letter, so that it holds the
// functions a run compiles. Only a speed-up: a build without it still works.
const sample = 'examples/barnet/barnet-cspr-2023.md';
if (existsSync(sample)) {
  const dir = mkdtempSync(join(tmpdir(), 'foilint-build-'));
  copyFileSync(sample, join(dir, 'letter.md'));
  const made = spawnSync(process.execPath, ['bin/foilint.js', dir], { env: { ...process.env, FOILINT_WRITE_CODE_CACHE: '1' }, stdio: 'ignore' });
  rmSync(dir, { recursive: true, force: true });
  if (made.error || !existsSync('dist/cli.js.cache')) console.warn('build: no code cache for dist/cli.js (start-up is slower, nothing else changes)');
}
