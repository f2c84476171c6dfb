// Bundles foilint's engine with esbuild, as the CLI is bundled, and loads it: the bench scripts time
// the same code the command line runs, without its start-up.
import { createRequire } from 'node:module';
import { build } from 'esbuild';

/**
 * @param {string} source  a checkout: a folder holding server/src, rules and package.json
 * @param {string} outfile where the bundle goes (inside a package, so that it finds rules/ as the CLI does)
 * @param {string} exports the module's text: `export { ... } from './server/src/...'` lines, relative to `source`
 */
export async function loadEngine(source, outfile, exports) {
  await build({
    stdin: { contents: exports, resolveDir: source, loader: 'ts' },
    outfile,
    bundle: true,
    platform: 'node',
    mainFields: ['module', 'main'],
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
    define: { 'import.meta.url': 'importMetaUrl' },
    banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;" },
  });
  return createRequire(import.meta.url)(outfile);
}
