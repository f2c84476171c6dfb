#!/usr/bin/env node
'use strict';
// FOILINT_WRITE_CODE_CACHE=1 is for scripts/build.mjs: after this run, write dist/cli.js.cache.
const { loadBundle } = require('./load-bundle.js');
const cli = loadBundle('cli.js', { makeCache: process.env.FOILINT_WRITE_CODE_CACHE === '1' });
cli.exports.main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
  if (cli.writeCache) cli.writeCache();
});
