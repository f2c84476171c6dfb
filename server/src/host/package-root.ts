import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

let cached: string | undefined;

/** The folder holding foilint's package.json and rules/, found from this file whether it runs from
 * source (vitest) or from the bundle in dist/. */
export function packageRoot(): string {
  if (cached) return cached;
  let dir = __dirname;
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(dir, 'rules', 'templates')) && existsSync(join(dir, 'package.json'))) return (cached = dir);
    dir = dirname(dir);
  }
  throw new Error('foilint: cannot find its rules/ folder next to its package.json; the installation is incomplete.');
}
