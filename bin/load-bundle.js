'use strict';
// Loads a bundle from dist/ as require() would, but with V8's code cache when the build left one
// (dist/<bundle>.cache, made by scripts/build.mjs by linting a letter): V8 then skips parsing and
// compiling the 1.4 MB bundle and the functions a lint run needs, about a fifth of a one-letter
// run. Node 20 has no module.enableCompileCache() (Node 22 does); this is the same idea.
//
// V8 only checks that a cache was made from a source of the same length, so the cache file starts
// with the SHA-1 of the bundle it was made from and is used only when it matches. Anything amiss
// (no cache, another Node version, a changed bundle) falls back to a plain require().
const { createHash } = require('node:crypto');
const { readFileSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const { dirname, join } = require('node:path');
const vm = require('node:vm');

const HASH_BYTES = 40;

/** Returns the bundle's exports; with `makeCache`, also a function that writes the cache. */
function loadBundle(name, { makeCache = false } = {}) {
  const file = join(__dirname, '..', 'dist', name);
  const cacheFile = `${file}.cache`;
  let source;
  try {
    source = readFileSync(file, 'utf8');
  } catch {
    return { exports: require(file) };
  }
  const sha = createHash('sha1').update(source).digest('hex');
  let cachedData;
  if (!makeCache) {
    try {
      const cache = readFileSync(cacheFile);
      if (cache.subarray(0, HASH_BYTES).toString('latin1') === sha) cachedData = cache.subarray(HASH_BYTES);
    } catch {
      // no cache: compile as usual
    }
    if (!cachedData) return { exports: require(file) };
  }
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const mod = new Module(file, module);
  mod.filename = file;
  mod.paths = Module._nodeModulePaths(dirname(file));
  require.cache[file] = mod;
  script.runInThisContext().call(mod.exports, mod.exports, Module.createRequire(file), mod, file, dirname(file));
  mod.loaded = true;
  if (!makeCache) return { exports: mod.exports };
  const writeCache = () => writeFileSync(cacheFile, Buffer.concat([Buffer.from(sha, 'latin1'), script.createCachedData()]));
  return { exports: mod.exports, writeCache };
}

module.exports = { loadBundle };
