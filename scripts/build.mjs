// Bundles the CLI (and, when present, the language server) into single CommonJS files in dist/.
// unified and remark are ESM-only; one bundle also makes start-up fast (one file to load).
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

const entries = [
  ['server/src/cli/main.ts', 'dist/cli.js'],
  ['server/src/cli/worker.ts', 'dist/worker.js'],
  ['server/src/lsp/server.ts', 'dist/server.js'],
  ['client/src/extension.ts', 'dist/extension.js'],
];

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
    define: { 'import.meta.url': 'importMetaUrl' },
    banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;" },
  });
}
