/** Work-around for the bundle: esbuild (platform node, default mainFields "main,module") takes
 * jsonc-parser's UMD build, whose factory calls require('./impl/format') etc. at run time,
 * relative to dist/. This sends those requests to jsonc-parser's own folder. It does nothing when
 * the build resolves jsonc-parser's ESM entry (mainFields ['module', 'main'] in scripts/build.mjs),
 * which is the real fix. Import it before anything that imports jsonc-parser. */
import Module from 'node:module';
import { dirname, join } from 'node:path';

type Resolve = (request: string, parent: { filename?: string } | undefined, ...rest: unknown[]) => string;
const M = Module as unknown as { _resolveFilename: Resolve };
const original = M._resolveFilename;
let implDir: string | undefined;

M._resolveFilename = function (request, parent, ...rest) {
  if (request.startsWith('./impl/') && parent?.filename && /[\\/]dist[\\/](cli|worker)\.js$/.test(parent.filename)) {
    try {
      implDir ??= join(dirname(require.resolve('jsonc-parser')), 'impl');
      return original.call(this, join(implDir, request.slice('./impl/'.length)), parent, ...rest);
    } catch {
      // fall through to the ordinary error
    }
  }
  return original.call(this, request, parent, ...rest);
};
