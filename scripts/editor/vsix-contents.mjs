// Checks what the packaged .vsix (a zip) holds: everything the extension needs at run time, and
// nothing else (no node_modules: esbuild bundles every dependency; no sources, maps or tests).
import { readFileSync } from 'node:fs';

/** The file names in a zip archive, from its central directory. */
export function zipEntries(file) {
  const buf = readFileSync(file);
  let end = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error(`${file} is not a zip archive (no end of central directory)`);
  const count = buf.readUInt16LE(end + 10);
  let at = buf.readUInt32LE(end + 16);
  const names = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error(`${file}: central directory entry ${n} is damaged`);
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    names.push(buf.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

const REQUIRED = [
  'extension/package.json',
  'extension/readme.md',
  'extension/LICENSE.txt',
  'extension/dist/extension.js',
  'extension/dist/server.js',
  'extension/dist/cli.js',
  'extension/dist/worker.js',
  'extension/bin/foilint.js',
  'extension/rules/schema/config.schema.json',
  'extension/rules/templates/default.yaml',
  'extension/rules/calendar/uk-bank-holidays.json',
  'extension/rules/packs/foia/pack.yaml',
  'extension/rules/docs/placeholder.md',
  'extension/rules/templates/full-disclosure.md',
  'extension/syntaxes/foilint.injection.tmLanguage.json',
  'extension/syntaxes/plaintext.tmLanguage.json',
  'extension/snippets/foilint.code-snippets',
];

const FORBIDDEN = [
  [/(^|\/)node_modules\//, 'node_modules (dependencies are bundled)'],
  [/\.ts$/, 'TypeScript sources'],
  [/\.map$/, 'source maps'],
  [/^extension\/(server|client|test|scripts|examples|bench|\.tmp|\.ci|test-results)\//, 'a development folder'],
  [/\.vsix$/, 'another .vsix'],
];

/** Throws with every problem found; returns the number of files otherwise. */
export function checkVsix(file) {
  const names = zipEntries(file);
  const have = new Set(names);
  const problems = REQUIRED.filter((n) => !have.has(n)).map((n) => `missing ${n}`);
  for (const name of names) {
    for (const [pattern, what] of FORBIDDEN) if (pattern.test(name)) problems.push(`${name} should not be packaged (${what})`);
  }
  if (problems.length) throw new Error(`${file}:\n  ${problems.slice(0, 20).join('\n  ')}`);
  return names.length;
}
