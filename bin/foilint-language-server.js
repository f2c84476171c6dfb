#!/usr/bin/env node
'use strict';
// foilint's language server for any LSP client: `foilint-language-server --stdio`.
// Without a transport flag it talks over stdio, what most editors expect.
const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write('Usage: foilint-language-server [--stdio | --node-ipc | --socket=PORT]\nfoilint\'s language server (LSP 3.17). Editors start it; it lints FOI letters as they are edited.\n');
  process.exit(0);
}
if (args.includes('--version') || args.includes('-v')) {
  process.stdout.write(`${require('../package.json').version}\n`);
  process.exit(0);
}
if (!args.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket=') || a.startsWith('--pipe='))) process.argv.push('--stdio');
require('../dist/server.js');
